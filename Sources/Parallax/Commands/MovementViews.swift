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
        blocks += changed(passage, summarised: summarised)
        return blocks
    }

    /// `Changed`: each revision passed, then each watchpoint whose value differs.
    static func changed(_ passage: Passage, summarised: Bool = true) -> [Block] {
        guard passage.hasChanges else { return [] }
        let lines = passage.revisions.map(\.description) + passage.watchChanges.map(\.description)
        let shown = summarised ? Array(lines.prefix(listLimit)) : lines
        var blocks: [Block] = [.title("Changed" + (shown.count < lines.count ? ": \(lines.count), the first \(shown.count) shown" : ""))]
        blocks += shown.map { Block.text($0) }
        if shown.count < lines.count {
            blocks.append(.notice(showAll(from: passage.from, to: passage.to) + " lists them all."))
        }
        return blocks
    }

    /// The command that replays a move one event at a time, printing everything.
    static func showAll(from old: Int, to new: Int) -> String {
        "'" + (old == 0 ? "start" : "goto #\(old)") + "; step \(new - old)'"
    }
}
