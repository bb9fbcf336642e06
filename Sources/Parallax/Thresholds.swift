/// The sizes from which work is done differently, in one place: each was measured where a
/// second core (or a second way) starts to pay for itself on this project's machines, and
/// below it the simple way is as fast (`Scripts/bench/commands.sh` and `load.sh` measure).
enum Thresholds {
    /// Files from this size on are read in two parts at once (`TwoParts`): below it,
    /// starting a second thread costs more than it saves.
    static let twoPartBytes = 64 * 1024

    /// Tables of at least this many cells are measured and written in two halves at once.
    static let twoCoreTableCells = 6000

    /// Narratives of at least this many events build their rows in two halves at once.
    static let twoCoreNarrativeRows = 500

    /// `claims` lists of at least this many claims build their rows in two halves at once.
    static let twoCoreClaimRows = 4000

    /// Written scenarios from this size on are cached (`ScenarioCache`) after a first load:
    /// below it, parsing costs about as little as reading the cache.
    static let scenarioCacheBytes = 512 * 1024
}
