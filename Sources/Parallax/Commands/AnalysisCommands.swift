/// Views over the whole sequence: how intensity moves, and who talks to whom.
enum AnalysisCommands {
    static let all: [CommandSpec] = [escalation, contacts]

    static let escalation = CommandSpec(
        name: "escalation", group: .analysis, usage: "escalation",
        summary: "Chart each event's intensity (Goldstein −10 … +10) on a time axis, phases marked, the cursor shown.",
        detail: "A quiet stretch longer than the chart's usual spacing is drawn as a dashed break with its length ('6 months'). "
            + "When the events need more than \(EscalationSeries.lineBudget) lines they are binned by day, week, month or year; "
            + "each bin shows its most intense event and how many events it holds. The chart fits --width (set width N).",
        example: "escalation"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        return cmd.spec.document([.chart(EscalationSeries.chart(ctx.session))])
    }

    static let contacts = CommandSpec(
        name: "contacts", group: .analysis, usage: "contacts",
        summary: "Who called, met, appealed to or mediated with whom, and when: the mediation web.",
        example: "contacts"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let web = ContactWeb(ctx.scenario)
        if web.contacts.isEmpty { return cmd.spec.document([.notice("No contacts (consult, mediate, negotiate, appeal or agreement events).")]) }
        let sc = ctx.scenario
        return cmd.spec.document([.table(Table(
            columns: [.init("position", "#", numeric: true), .init("date"), .init("type"), .init("from"), .init("to"), .init("known_via", "known via"), .init("title")],
            rows: web.contacts.map { c in
                Table.Row(["#\(c.position)", c.event.date.description, c.event.type.rawValue, c.from.map { sc.name(of: $0) } ?? "",
                           c.event.initiatorDisputed ? Views.disputed(c.to.map { sc.name(of: $0) })
                               : c.to.map { sc.name(of: $0) }.joined(separator: ", "), c.event.reportedBy.map { sc.name(of: $0) }.joined(separator: ", "),
                           c.event.title], marked: c.position == ctx.session.cursor,
                          isLater: c.position > ctx.session.cursor)
            }, showsMarker: true))])
    }
}
