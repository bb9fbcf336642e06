/// The one way a problem becomes text, whatever its source (a scenario file, a script, a
/// command line) and wherever it leaves the program (REPL, `-c`, piped stdin, `run`,
/// `check`). A message of several lines prints as several lines; every line is made safe
/// for the terminal (control characters shown as `\u{…}`); the source is quoted as at most
/// one screen line around the column, cut with `…`, with a caret under the token as
/// written. However long the input, one diagnostic stays a few hundred bytes (bar the
/// lines a message carries on purpose, such as an expectation's output).
public enum DiagnosticRenderer {
    /// How many characters of one message line are kept (a quoted id can be megabytes).
    static let messageColumns = 4 * Limits.quotedColumns

    /// - `FILE:LINE:COL: error: message`, the quoted line and its caret, then any further
    ///   lines of the message, when the range is in a file;
    /// - the quoted command line, its caret, then `error: message`, for a command line;
    /// - `error: message` alone without a range.
    /// `source` is the line the range points into (nil: no quote).
    public static func render(_ message: String, at range: SourceRange?, source: Substring?,
                              severity: String = "error") -> String {
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(safeLine)
        if lines.isEmpty { lines = [""] }
        let quote = range.flatMap { r in source.map { quoted($0, column: r.column, length: r.length) } }
        guard let range else { return (["\(severity): " + lines[0]] + lines.dropFirst()).joined(separator: "\n") }
        if let file = range.file {
            var out = safeLine("\(file):\(range.line):\(range.column)"[...]) + ": \(severity): " + lines[0]
            if let (text, caret) = quote { out += "\n    " + text + "\n    " + caret }
            for l in lines.dropFirst() { out += "\n" + l }
            return out
        }
        let head = quote.map { $0.text + "\n" + $0.caret + "\n" } ?? ""
        return head + (["\(severity): " + lines[0]] + lines.dropFirst()).joined(separator: "\n")
    }

    /// Shown as an escape in a diagnostic: control characters, and invisible format
    /// characters (zero-width spaces, bidi overrides), so that what a message points at is
    /// what the user sees and a quoted line cannot reorder itself on the terminal.
    @inline(__always)
    static func hidden(_ s: Unicode.Scalar) -> Bool {
        ControlCharacter.isControl(s) || (s.value >= 0xAD && s.properties.generalCategory == .format)
    }

    static func escaped(_ s: Unicode.Scalar) -> String { ControlCharacter.escaped(s) }

    /// One line of a message: control characters escaped, cut at `messageColumns`.
    static func safeLine(_ line: Substring) -> String {
        var out = ""
        var n = 0
        for s in line.unicodeScalars {
            if n == messageColumns { out += "…"; break }
            if hidden(s) { out += escaped(s) } else { out.unicodeScalars.append(s) }
            n += 1
        }
        return out
    }

    /// At most `Limits.quotedColumns` characters of `line` around `column` (1-based, in
    /// scalars), `…` where cut, and the caret line under `length` characters from `column`
    /// (clipped to what is shown; escapes widen what they replace, and the caret with them).
    static func quoted(_ line: Substring, column: Int, length: Int) -> (text: String, caret: String) {
        let budget = Limits.quotedColumns
        let count = line.unicodeScalars.count
        let start = max(0, column - 1)
        var lo = 0
        if count > budget {
            // Some context before the column; a full window when the line allows.
            lo = max(0, min(start - budget / 3, count - budget))
            lo = min(lo, start)
        }
        let hi = min(count, lo + budget)
        var text = lo > 0 ? "…" : ""
        var pad = lo > 0 ? 1 : 0
        var width = 0
        var k = 0
        for s in line.unicodeScalars {
            defer { k += 1 }
            if k < lo { continue }
            if k >= hi { break }
            let shown: String
            if s == "\t" { shown = " " } else if hidden(s) { shown = escaped(s) } else { shown = String(s) }
            text += shown
            let w = shown.unicodeScalars.count
            if k < start { pad += w } else if k < start + length { width += w }
        }
        if hi < count { text += "…" }
        // Past the end of the line (a command that ends too soon): just after the text.
        if start >= hi { pad = text.unicodeScalars.count + min(2, start - count) }
        return (text, String(repeating: " ", count: pad) + String(repeating: "^", count: max(1, width)))
    }
}
