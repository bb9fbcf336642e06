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
        example: "narrative ARM AZE"
    ) { (inv: inout Invocation) throws(CommandError) in
        let (parties, all) = try readParties(&inv, atLeast: 1, atMost: nil, usage: "narrative PARTY [PARTY…] [all]")
        let knowledge = inv.session.knowledge(all: all)
        let narrative = Narrative(knowledge, parties: parties)
        return inv.document(NarrativeViews.layout(knowledge) { $0.narrative(narrative, cursor: inv.session.cursor) })
    }

    static let compare = CommandSpec(
        name: "compare", group: .narratives, usage: "compare PARTY PARTY… [all]",
        summary: "Question by question, each party's answers and a verdict; then their figures.",
        detail: "Verdicts: agree (at least two parties answered, each with the same value as the others), "
            + "contradict (different yes-no, party or text answers), diverge (different numbers), one-sided (one "
            + "party answered), open (none did). Flags, in this order: 'internal split' (one party's own answers "
            + "rule each other out: 1 and 15, not 43 and >=40), 'compatible' (the numbers differ but could all be "
            + "true: >=204 and 450), 'withheld by P' (P declined to answer), 'others differ' (a source or another "
            + "party's actor gives a version no compared party gives). Those other voices show in an 'others' "
            + "column when any answered. Numbers print as 15, 15..20, >=15. A question tied to a (party, measure) "
            + "shows its figures in its own row; the figures table holds the rest, judged by the same rules. "
            + "Retracted claims and the parts a later revision restates do not count; denied claims do.",
        example: "compare ARM AZE RUS"
    ) { (inv: inout Invocation) throws(CommandError) in
        let (parties, all) = try readParties(&inv, atLeast: 2, atMost: nil, usage: "compare PARTY PARTY… [all]")
        let knowledge = inv.session.knowledge(all: all)
        let comparison = Comparison(knowledge, parties: parties)
        return inv.document(NarrativeViews.layout(knowledge) { $0.comparison(comparison, onlyDifferences: false) })
    }

    static let diff = CommandSpec(
        name: "diff", group: .narratives, usage: "diff PARTY PARTY [all]",
        summary: "The rows of 'compare' on which two parties do not agree, or that carry a flag.",
        detail: "Keeps every row whose verdict is not agree or that is flagged (internal split, compatible, "
            + "withheld by P, others differ); see 'help compare'.",
        example: "diff ARM AZE"
    ) { (inv: inout Invocation) throws(CommandError) in
        let (parties, all) = try readParties(&inv, atLeast: 2, atMost: 2, usage: "diff PARTY PARTY [all]")
        let knowledge = inv.session.knowledge(all: all)
        let differences = Comparison(knowledge, parties: parties).disagreements
        return inv.document(NarrativeViews.layout(knowledge) { $0.comparison(differences, onlyDifferences: true) })
    }

    static let figures = CommandSpec(
        name: "figures", group: .inspection, usage: "figures [MEASURE] [all]",
        summary: "Every number claimed about each party's losses, and per party and measure the spread.",
        detail: "Measures: " + Measure.allCases.map(\.rawValue).joined(separator: ", ") + ". For each party's losses "
            + "and measure: each value with its claimant, status, date and whether a later revision replaced it. "
            + "Values print as 15, 15..20 (a range) and >=15 (at least); casualties counts killed and wounded together "
            + "and is never compared with either. "
            + "Then the lowest and highest claimed (current values only: a range counts its bounds, >=N counts N "
            + "and leaves the highest open), the latest official figure from the party itself and from its "
            + "adversary, and the spread.",
        example: "figures killed all"
    ) { (inv: inout Invocation) throws(CommandError) in
        let usage = "figures [MEASURE] [all]"
        var measure: Measure?
        var all = false
        while let t = inv.args.peek {
            if t.isKeyword("all") {
                if all { break }
                all = true
                _ = inv.args.next()
                continue
            }
            guard measure == nil, t.kind == .word else { break }
            _ = inv.args.next()
            let names = Measure.allCases.map(\.rawValue)
            let prefixed = Measure.allCases.filter { $0.rawValue.hasPrefix(t.text) }
            guard let m = Measure(rawValue: t.text) ?? (prefixed.count == 1 ? prefixed[0] : nil) else {
                let hint = Suggestions.nearest(to: t.text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                throw CommandError("unknown measure '\(t.text)'\(hint); measures: \(names.joined(separator: ", "))", at: t)
            }
            measure = m
        }
        try inv.args.finish(usage)
        let knowledge = inv.session.knowledge(all: all)
        let table = FigureTable(knowledge, measure: measure)
        return inv.document(NarrativeViews.layout(knowledge) { $0.figures(table, measure: measure) })
    }

    /// `PARTY… [all]`. A party id matches exactly, else case-insensitively (`arm` is
    /// ARM); `all` is the keyword unless a party is called that.
    static func readParties(_ inv: inout Invocation, atLeast: Int, atMost: Int?,
                            usage: String) throws(CommandError) -> (parties: [String], all: Bool) {
        let scenario = inv.scenario
        let ids = scenario.parties.map(\.id)
        var parties: [String] = []
        var all = false
        while let t = inv.args.peek {
            if t.isKeyword("all"), scenario.party("all") == nil {
                if all { break }
                all = true
                _ = inv.args.next()
                continue
            }
            let word = try inv.args.word("a party id")
            let id = try party(word, in: scenario)
            if parties.contains(id) { throw CommandError("\(id) is listed twice; usage: \(usage)", at: word) }
            if let atMost, parties.count == atMost {
                throw CommandError("\(inv.spec.name) takes \(atMost) parties; usage: \(usage)", at: word)
            }
            parties.append(id)
        }
        try inv.args.finish(usage)
        guard parties.count >= atLeast else {
            let what = atLeast == 1 ? "a party" : "at least \(atLeast) parties"
            let end = inv.args.tokens.last.map { $0.column + $0.length + 1 } ?? inv.args.endColumn
            throw CommandError("\(inv.spec.name) needs \(what); parties: \(ids.joined(separator: ", "))", column: end)
        }
        return (parties, all)
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
        let hint = Suggestions.nearest(to: token.text, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
        throw CommandError("unknown party '\(token.text)'\(hint); \(list)", at: token)
    }
}
