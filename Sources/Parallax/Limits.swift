/// The limits on hostile input (command-language spec, "Limits on hostile input"): each one
/// bounds the time, memory or stack a single line or file can take, and reaching one is a
/// located error that names it, never a crash or a hang.
public enum Limits {
    /// How deep a `where` filter may nest: `(`, `not`, and the links of an `and`/`or` chain.
    public static let filterNesting = 256
    /// How deep `source` may nest scripts: past this a script is an error naming the limit,
    /// long before the stack could run out (1,600 nested scripts once crashed at ~1,540).
    public static let sourceDepth = 64
    /// How long one `expect /REGEX/` match may run before it is abandoned.
    public static let patternSeconds: Double = 1
    /// The largest scenario, script or transcript read.
    public static var fileBytes: Int { FileReader.maxBytes }
    /// How many characters of a source line a message quotes around its column: with its
    /// indent and the `…` marks where it is cut, one line of the batch width (100).
    public static let quotedColumns = 94
}
