/// Each side's account, question-by-question verdicts and casualty figures, as of the
/// cursor (or with `all`, everything). The analysis is in `Analysis/`; these commands read
/// their arguments and lay the results out (`NarrativeViews`).
enum NarrativeCommands {
    static let all: [CommandSpec] = [narrative, compare, diff, figures]

    static let narrative = CommandSpec(
        name: "narrative", group: .narratives, usage: "narrative PARTY [PARTY…] [all]",
        summary: "A party's account in time order; with several parties, side by side, aligned by event.",
        detail: "Every known claim by the party's actors, under the event it is about, with its status, "
            + "who relayed it, 'confirmed by'/'denied by' and 'revised by CLAIM-ID'; interleaved with the events "
            + "the party took part in. '—' marks a party that said nothing about an event. "
            + "With 'all', every claim whatever the cursor.",
        example: "narrative ARM AZE",
        scenarioExample: { sc in ScenarioExamples.parties(sc, 2).map { "narrative " + $0.joined(separator: " ") } },
        parameters: [Parameter("PARTY", .party, .many(min: 1, max: nil))], flags: ["all"],
        check: { cmd, scenario throws(CommandError) in _ = try readParties(cmd, in: scenario) }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let parties = try readParties(cmd, in: ctx.scenario)
        let all = cmd.has("all")
        let knowledge = ctx.session.knowledge(all: all)
        let narrative = Narrative(knowledge, parties: parties)
        return cmd.spec.document(NarrativeViews.layout(knowledge) { $0.narrative(narrative, cursor: ctx.session.cursor) })
    }

    static let compare = CommandSpec(
        name: "compare", group: .narratives, usage: "compare PARTY PARTY… [all] [N]",
        summary: "Question by question, each party's answers and a verdict; then their figures.",
        detail: "Verdicts: agree (at least two parties answered, each with the same value as the others), "
            + "contradict (different yes-no, party or text answers), diverge (different numbers), one-sided (one "
            + "party answered), open (none did). Flags, in this order: 'internal split' (one party's own answers "
            + "rule each other out: 1 and 15, not 43 and >=40), 'compatible' (the numbers differ but could all be "
            + "true: >=204 and 450), 'withheld by P' (P declined to answer), 'others differ' (a source or another "
            + "party's actor gives a version no compared party gives). Those other voices show in an 'others' "
            + "column when any answered. Numbers print as 15, 15..20, >=15. A question tied to a (party, measure) "
            + "shows its figures in its own row; the figures table holds the rest, judged by the same rules. "
            + "Retracted claims and the parts a later revision restates do not count; denied claims do. "
            + Self.figureCapHelp,
        example: "compare ARM AZE RUS",
        scenarioExample: { sc in (ScenarioExamples.parties(sc, 3) ?? ScenarioExamples.parties(sc, 2)).map { "compare " + $0.joined(separator: " ") } },
        parameters: [Parameter("PARTY", .party, .many(min: 2, max: nil)), Parameter("N", .number, .optional, what: "a number of rows")],
        flags: ["all"],
        check: { cmd, scenario throws(CommandError) in _ = try readParties(cmd, in: scenario) }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let parties = try readParties(cmd, in: ctx.scenario)
        let cap = try TableCap.cap(cmd)
        let all = cmd.has("all")
        let knowledge = ctx.session.knowledge(all: all)
        let comparison = Comparison(knowledge, parties: parties)
        return cmd.spec.document(NarrativeViews.layout(knowledge) {
            $0.comparison(comparison, onlyDifferences: false, cap: cap, cellsCapped: !all, command: command(cmd, parties))
        })
    }

    static let diff = CommandSpec(
        name: "diff", group: .narratives, usage: "diff PARTY PARTY [all] [N]",
        summary: "The rows of 'compare' on which two parties do not agree, or that carry a flag.",
        detail: "Keeps every row whose verdict is not agree or that is flagged (internal split, compatible, "
            + "withheld by P, others differ); see 'help compare'. " + Self.figureCapHelp,
        example: "diff ARM AZE",
        scenarioExample: { sc in ScenarioExamples.parties(sc, 2).map { "diff " + $0.joined(separator: " ") } },
        parameters: [Parameter("PARTY", .party, .many(min: 2, max: 2)), Parameter("N", .number, .optional, what: "a number of rows")],
        flags: ["all"],
        check: { cmd, scenario throws(CommandError) in _ = try readParties(cmd, in: scenario) }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let parties = try readParties(cmd, in: ctx.scenario)
        let cap = try TableCap.cap(cmd)
        let all = cmd.has("all")
        let knowledge = ctx.session.knowledge(all: all)
        let differences = Comparison(knowledge, parties: parties).disagreements
        return cmd.spec.document(NarrativeViews.layout(knowledge) {
            $0.comparison(differences, onlyDifferences: true, cap: cap, cellsCapped: !all, command: command(cmd, parties))
        })
    }

    static let figures = CommandSpec(
        name: "figures", group: .inspection, usage: "figures [MEASURE] [all] [N]",
        summary: "Every number claimed about each party's losses, and per party and measure the spread.",
        detail: "Measures: " + Measure.allCases.map(\.rawValue).joined(separator: ", ") + ". For each party's losses "
            + "and measure: each value with its claimant, status, date and whether a later revision replaced it. "
            + "Values print as 15, 15..20 (a range) and >=15 (at least); casualties counts killed and wounded together "
            + "and is never compared with either. "
            + "Then the lowest and highest claimed (current values only: a range counts its bounds, >=N counts N "
            + "and leaves the highest open), the latest official figure from the party itself and from its "
            + "adversary, and the spread. "
            + "At most \(TableCap.rows) values are listed unless 'all' or N says otherwise (N: the first N); the rest "
            + "are counted. The summary is always over every value, listed or not.",
        example: "figures killed all",
        parameters: [Parameter("MEASURE", .measure, .optional), Parameter("N", .number, .optional, what: "a number of rows")],
        flags: ["all"]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let measure = cmd.argument("MEASURE").flatMap { a -> Measure? in
            if case .word(let m) = a.value { return Measure(rawValue: m) }
            return nil
        }
        let cap = try TableCap.cap(cmd)
        let all = cmd.has("all")
        let knowledge = ctx.session.knowledge(all: all)
        let table = FigureTable(knowledge, measure: measure)
        let command = measure.map { "figures \($0.rawValue)" } ?? "figures"
        return cmd.spec.document(NarrativeViews.layout(knowledge) { $0.figures(table, measure: measure, cap: cap, command: command) })
    }

    /// What `compare` and `diff` say of their caps.
    static let figureCapHelp = "The figures table lists at most \(TableCap.rows) rows, and a cell at most "
        + "\(NarrativeViews.cellValues) values ('… and N more'), unless 'all' is given; N lists the first N rows. "
        + "Verdicts are always over every value, listed or not."

    /// The command as the notice of a capped table repeats it: `compare ARM AZE`.
    static func command(_ cmd: Command, _ parties: [String]) -> String {
        ([cmd.name] + parties.map(Report.word)).joined(separator: " ")
    }

    /// The parties named, each resolved: exactly, else case-insensitively (`arm` is ARM);
    /// at least as many as the declaration asks for (the parser stops at its maximum).
    static func readParties(_ cmd: Command, in scenario: Scenario) throws(CommandError) -> [String] {
        let usage = cmd.spec.usage
        var atLeast = 1
        if let p = cmd.spec.parameters.first(where: { $0.kind == .party }), case .many(let lo, _) = p.arity { atLeast = lo }
        let ids = scenario.parties.map(\.id)
        var parties: [String] = []
        for a in cmd.all("PARTY") {
            let id = try party(a.token, in: scenario)
            if parties.contains(id) { throw CommandError("\(id) is listed twice; usage: \(usage)", at: a.token) }
            parties.append(id)
        }
        guard parties.count >= atLeast else {
            let what = atLeast == 1 ? "a party" : "at least \(atLeast) parties"
            throw CommandError("\(cmd.name) needs \(what); parties: \(ids.joined(separator: ", "))", column: cmd.tailColumn)
        }
        return parties
    }

    static func party(_ token: Token, in scenario: Scenario) throws(CommandError) -> String {
        let ids = scenario.parties.map(\.id)
        if scenario.party(token.text) != nil { return token.text }
        let folded = ids.filter { $0.lowercased() == token.text.lowercased() }
        if folded.count == 1 { return folded[0] }
        let list = "parties: " + ids.joined(separator: ", ")
        if let actor = scenario.actor(token.text) {
            throw CommandError("'\(token.text)' is an actor of \(actor.party), not a party; \(list)", at: token)
        }
        if let named = InspectionCommands.named(token.text, in: scenario, kinds: ["party"]) {
            throw CommandError("unknown party '\(token.text)': \(named); \(list)", at: token)
        }
        let name = Folding.foldedBytes(token.text.trimmed)
        if let actor = scenario.actors.first(where: { Folding.foldedBytes($0.name) == name }) {
            throw CommandError("'\(token.text)' is an actor of \(actor.party) (\(actor.id)), not a party; \(list)", at: token)
        }
        let hint = Suggestions.nearest(to: token.text, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
        throw CommandError("unknown party '\(token.text)'\(hint); \(list)", at: token)
    }
}
