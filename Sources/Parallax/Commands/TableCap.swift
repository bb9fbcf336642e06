/// How many rows a listing shows before it stops and says how many it left out: an export
/// of a million events would otherwise print a million lines for a bare `events`.
/// `events all` lists every row; `events N` the first N.
enum TableCap {
    static let rows = 1000

    /// The cap a command asks for: N with a number (with `all` too: `claims all 5` is the
    /// first 5 of every claim, never all of them with the 5 ignored), none with `all`, else
    /// `rows`.
    static func cap(_ cmd: Command) throws(CommandError) -> Int? {
        guard let n = cmd.number("N") else { return cmd.has("all") ? nil : rows }
        guard n >= 1 else {
            let message = "the number of rows must be at least 1, got \(n)"
            if let t = cmd.token("N") { throw CommandError(message, at: t) }
            throw CommandError(message)
        }
        return n
    }

    /// The notice for rows left out, or nil when none were.
    static func notice(shown: Int, of total: Int, noun: String, command: String) -> Block? {
        guard total > shown else { return nil }
        return .notice("\(total - shown) more \(noun) not shown (\(shown) of \(total)); "
                       + "'\(command) all' lists every one, '\(command) N' the first N.")
    }
}
