/// What moving the cursor prints: the event landed on, what became known on the way, and
/// what changed. One place, so `step`, `goto`, `continue` and `end` report alike.
enum MovementViews {
    /// Longer lists are cut to this many lines, with the command that shows them all.
    static let listLimit = 20

    /// A forward move's report from `old` to the cursor: the event landed on, every claim
    /// revealed on the way, then the `Changed` list (`summarised` cuts long lists).
    static func arrival(from old: Int, in session: Session, summarised: Bool = true,
                        watchValues: [(WatchedValue, WatchedValue)]? = nil) -> [Block] {
        let new = session.cursor
        guard new > old else { return NavigationCommands.current(session) }
        let scenario = session.scenario
        var blocks = Views.event(scenario.events[new - 1], position: new, in: scenario)
        let passage = Passage(from: old, to: new, in: session, watchValues: watchValues)
        let revealed = passage.revealed
        if !revealed.isEmpty {
            let shown = summarised ? revealed.prefix(listLimit) : revealed[...]
            let span = new == old + 1 ? "" : " on the way (#\(old + 1)–#\(new))"
            var name = "Revealed\(span): \(NarrativeViews.plural(revealed.count, "claim"))"
            if shown.count < revealed.count { name += ", the first \(shown.count) shown" }
            blocks.append(.table(Views.claimTable(shown.map { scenario.claims[$0] }, in: scenario, name: name)))
            if shown.count < revealed.count { blocks.append(.notice(showAll(from: old, to: new) + " lists them all.")) }
        }
        blocks += changed(passage, in: scenario, summarised: summarised)
        return blocks
    }

    /// `Changed`: each revision passed, then each watchpoint whose value differs; a list of
    /// lines to read, typed rows in JSON and CSV (`changeColumns`).
    static func changed(_ passage: Passage, in scenario: Scenario, summarised: Bool = true) -> [Block] {
        guard passage.hasChanges else { return [] }
        // Rows are made only for the lines shown: a jump across a large scenario passes
        // thousands of revisions, each row typed (a tenth of `end` from the start).
        let total = passage.revisions.count + passage.watchChanges.count
        let limit = summarised ? min(total, listLimit) : total
        let revisions = passage.revisions.prefix(limit).map { row($0, in: scenario) }
        let shown = revisions + passage.watchChanges.prefix(limit - revisions.count).map(row)
        var table = Table(name: "Changed" + (shown.count < total ? ": \(total), the first \(shown.count) shown" : ""),
                          id: "changed", columns: changeColumns, rows: shown)
        table.asList = true
        var blocks: [Block] = [.table(table)]
        if shown.count < total {
            blocks.append(.notice(showAll(from: passage.from, to: passage.to) + " lists them all."))
        }
        return blocks
    }

    /// The `Changed` list's keys: the line as printed; `revision` or `watch`; what changed
    /// (`SOS killed`, `ARM who-started`, `watch 1 killed ARM`); the values before and after
    /// (a figure object for a number, else the text printed); for a revision, the revising
    /// claim and the claim it revises; for a watch, its number.
    static let changeColumns = [Table.Column("change", kind: .text), Table.Column("kind", kind: .word),
                                Table.Column("what", kind: .text), Table.Column("old", kind: .text),
                                Table.Column("new", kind: .text), Table.Column("claim", kind: .word),
                                Table.Column("revises", kind: .word), Table.Column("watchpoint", kind: .number)]

    static func row(_ r: Passage.Revision, in scenario: Scenario) -> Table.Row {
        let claim = scenario.claims[r.claim], revised = scenario.claims[r.revised]
        return Table.Row([r.description, "revision", r.what, r.old, r.new, claim.id, revised.id, ""],
                         values: [.string(r.description), .string("revision"), .string(r.what), typed(r.old), typed(r.new),
                                  .string(claim.id), .string(revised.id), .null],
                         ids: RowIDs(claim: claim.id, event: scenario.events[claim.knownPosition - 1].id,
                                     party: r.losses ?? claim.party, question: r.question, sources: claim.sources),
                         extra: [.init("losses", r.losses.map(CellValue.string) ?? .null),
                                 .init("measure", r.measure.map { .string($0.rawValue) } ?? .null)])
    }

    static func row(_ w: Passage.WatchChange) -> Table.Row {
        let what = "watch \(w.watchpoint.number) \(w.watchpoint.description)"
        return Table.Row([w.description, "watch", what, w.old.description, w.new.description, "", "", String(w.watchpoint.number)],
                         values: [.string(w.description), .string("watch"), .string(what), .string(w.old.description),
                                  .string(w.new.description), .null, .null, .int(w.watchpoint.number)])
    }

    /// A value as printed, typed: a number as a figure object, anything else as its text.
    static func typed(_ printed: String) -> CellValue {
        guard let v = FigureValue(reading: printed) else { return .string(printed) }
        return CellValue.parse(v.description, as: .figure)
    }

    /// The command that replays a move one event at a time, printing everything.
    static func showAll(from old: Int, to new: Int) -> String {
        "'" + (old == 0 ? "start" : "goto #\(old)") + "; step \(new - old)'"
    }
}
