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
        name: "contacts", group: .analysis, usage: "contacts [all] [N]",
        summary: "Who called, met, appealed to or mediated with whom, and when: the mediation web.",
        detail: "At most \(TableCap.rows) rows unless 'all' or N says otherwise; the rest are counted (the web shows them all).",
        example: "contacts",
        parameters: [Parameter("N", .number, .optional, what: "a number of rows")],
        flags: ["all"]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let cap = try TableCap.cap(cmd)
        let web = ContactWeb(ctx.scenario)
        if web.contacts.isEmpty { return cmd.spec.document([.notice("No contacts (consult, mediate, negotiate, appeal or agreement events).")]) }
        let sc = ctx.scenario
        let shown = web.contacts.prefix(cap ?? web.contacts.count)
        var blocks: [Block] = [.table(Table(
            columns: [.init("position", "#", numeric: true), .init("date"), .init("type"), .init("from"), .init("to"), .init("known_via", "known via"), .init("title")],
            rows: shown.map { c in
                let e = c.event
                let cells = ["#\(c.position)", e.date.description, e.type.rawValue, c.from.map { sc.name(of: $0) } ?? "",
                             e.initiatorDisputed ? Views.disputed(c.to.map { sc.name(of: $0) })
                                 : c.to.map { sc.name(of: $0) }.joined(separator: ", "), e.reportedBy.map { sc.name(of: $0) }.joined(separator: ", "),
                             e.title]
                // From and to as ids, so JSON and the web picture need no names parsed back.
                let values: [CellValue] = [.int(c.position), .string(e.date.description), .string(e.type.rawValue),
                                           .id(c.from), .list(c.to.map(CellValue.string)), .list(e.reportedBy.map(CellValue.string)),
                                           .string(e.title)]
                return Table.Row(cells, marked: c.position == ctx.session.cursor, isLater: c.position > ctx.session.cursor, values: values,
                                 ids: RowIDs(event: e.id, sources: e.sources))
            }, showsMarker: true, picture: .web(web.nodes(in: sc))))]
        if let more = TableCap.notice(shown: shown.count, of: web.contacts.count, noun: "contacts", command: "contacts") { blocks.append(more) }
        return cmd.spec.document(blocks)
    }
}
