/// How many rows a listing shows before it stops and says how many it left out: an export
/// of a million events would otherwise print a million lines for a bare `events`.
/// `events all` lists every row; `events limit N` (or `--limit N`) the first N.
enum TableCap {
    static let rows = 1000

    /// Reads `all` or `limit N` / `--limit N`; the cap to apply, nil for none.
    static func read(_ args: inout Arguments, usage: String) throws(CommandError) -> Int? {
        if args.flag("all") { return nil }
        guard let t = args.peek, t.isKeyword("limit") || t.isKeyword("--limit") else { return rows }
        _ = args.next()
        guard let n = try args.count(), n >= 1 else {
            throw CommandError("'limit' needs a number of rows, at least 1; usage: \(usage)", at: t)
        }
        return n
    }

    /// The notice for rows left out, or nil when none were.
    static func notice(shown: Int, of total: Int, noun: String, command: String) -> Block? {
        guard total > shown else { return nil }
        return .notice("\(total - shown) more \(noun) not shown (\(shown) of \(total)); "
                       + "'\(command) all' lists every one, '\(command) limit N' the first N.")
    }
}
