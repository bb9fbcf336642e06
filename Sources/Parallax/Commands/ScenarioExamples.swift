/// Pieces of the loaded scenario that `help` examples name, so that an example typed as
/// shown runs on the scenario at hand (`compare GEO RUS` on a war in Georgia, not the
/// bundled scenario's `compare ARM AZE`).
enum ScenarioExamples {
    /// The belligerents in file order, or the first parties when fewer than `count` are.
    static func parties(_ sc: Scenario, _ count: Int) -> [String]? {
        let belligerents = sc.parties.filter { $0.role == .belligerent }.map(\.id)
        let chosen = belligerents.count >= count ? Array(belligerents.prefix(count)) : Array(sc.parties.prefix(count).map(\.id))
        return chosen.count == count ? chosen : nil
    }

    /// A word of the first event's title to search for (its longest word of letters).
    static func word(_ sc: Scenario) -> String? {
        let words = (sc.events.first?.title ?? "").split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 4 }
        return words.max { $0.count < $1.count }.map { String($0).lowercased() }
    }
}
