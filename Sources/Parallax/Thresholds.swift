/// The sizes from which work is done differently, in one place: each was measured where a
/// second core (or a second way) starts to pay for itself on this project's machines, and
/// below it the simple way is as fast. Scripts/bench/README.md has the figures.
enum Thresholds {
    /// Files from this size on are read in two parts at once (`TwoParts`): below it,
    /// starting a second thread costs more than it saves.
    static let twoPartBytes = 64 * 1024
}
