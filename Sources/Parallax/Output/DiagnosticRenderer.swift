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
        // One line, the common case, without cutting the message character by character.
        var lines = message.utf8.contains(10)
            ? message.split(separator: "\n", omittingEmptySubsequences: false).map(safeLine) : [safeLine(message[...])]
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

    /// A note with no place and no severity of its own ("3 commands failed", "the
    /// transcript differs from …"): its lines made safe as every message's are.
    public static func note(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map(safeLine).joined(separator: "\n")
    }

    /// One line of a message: control characters escaped, cut at `messageColumns` shown
    /// (an escape counts at its shown width, so a run of controls cannot multiply the line).
    static func safeLine(_ line: Substring) -> String {
        // Printable ASCII shows as itself, a column a byte: the common case, without
        // looking at each scalar.
        if isPrintableASCII(line) {
            return line.utf8.count <= messageColumns ? String(line) : String(decoding: line.utf8.prefix(messageColumns), as: UTF8.self) + "…"
        }
        var out = ""
        var n = 0
        for s in line.unicodeScalars {
            let shown = hidden(s) ? escaped(s) : String(s)
            let width = hidden(s) ? shown.unicodeScalars.count : 1
            if n + width > messageColumns { out += "…"; break }
            out += shown
            n += width
        }
        return out
    }

    /// At most `Limits.quotedColumns` columns of `line` around `column` (1-based, in
    /// scalars), `…` where cut, and the caret line under `length` characters from `column`
    /// (clipped to what is shown). Escapes count at their shown width, so a line of NULs
    /// quotes as few of them as fit; the caret widens with them.
    static func quoted(_ line: Substring, column: Int, length: Int) -> (text: String, caret: String) {
        isPrintableASCII(line) ? quotedASCII(line, column: column, length: length) : quotedScalars(line, column: column, length: length)
    }

    static func isPrintableASCII(_ line: Substring) -> Bool {
        var line = line
        return line.withUTF8 { $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// `quotedScalars` for a line of printable ASCII, where every character is one column
    /// and one byte: the same cut, by arithmetic (a file's warnings are mostly such lines).
    static func quotedASCII(_ line: Substring, column: Int, length: Int) -> (text: String, caret: String) {
        let budget = Limits.quotedColumns
        let bytes = Array(line.utf8)
        let start = max(0, column - 1)
        let from = max(0, start - budget)
        let count = bytes.count <= start + budget ? bytes.count : start + budget + 1
        let window = max(0, min(bytes.count, start + budget) - from)
        let at = min(start - from, window)
        let room = max(budget / 3, budget - min(window - at, budget))
        let k = at - min(at, room)
        let end = min(window, k + budget)
        var text = from + k > 0 ? "…" : ""
        var pad = text.isEmpty ? 0 : 1
        if end > k { text += String(decoding: bytes[(from + k)..<(from + end)], as: UTF8.self) }
        pad += max(0, min(at, end) - k)
        let width = max(0, min(at + length, end) - at)
        if at >= end { pad = (from + k > 0 ? 1 : 0) + max(0, end - k) + min(2, max(0, start - count)) }
        if from + end < count { text += "…" }
        return (text, String(repeating: " ", count: pad) + String(repeating: "^", count: max(1, width)))
    }

    /// The quote of any line, scalar by scalar: escapes are wider than what they stand for.
    static func quotedScalars(_ line: Substring, column: Int, length: Int) -> (text: String, caret: String) {
        let budget = Limits.quotedColumns
        let start = max(0, column - 1)
        // Only the scalars that could be shown are kept: up to a budget either side.
        let from = max(0, start - budget)
        var window: [Unicode.Scalar] = []
        var count = 0
        for s in line.unicodeScalars {
            if count >= start + budget { count += 1; break }  // there is more: enough to know
            if count >= from { window.append(s) }
            count += 1
        }
        func shown(_ s: Unicode.Scalar) -> String { s == "\t" ? " " : hidden(s) ? escaped(s) : String(s) }
        let at = min(start - from, window.count)
        // Room before the column: a third of the budget, or all the text after leaves.
        var after = 0
        var j = at
        while j < window.count && after < budget { after += shown(window[j]).unicodeScalars.count; j += 1 }
        let room = max(budget / 3, budget - after)
        var k = at, used = 0
        while k > 0, used + shown(window[k - 1]).unicodeScalars.count <= room {
            k -= 1
            used += shown(window[k]).unicodeScalars.count
        }
        var text = from + k > 0 ? "…" : ""
        var pad = text.unicodeScalars.count, width = 0, total = 0
        var i = k
        while i < window.count {
            let piece = shown(window[i])
            let w = piece.unicodeScalars.count
            if total + w > budget { break }
            text += piece
            total += w
            if i < at { pad += w } else if i < at + length { width += w }
            i += 1
        }
        // Pointing past the end of the line (a command that ends too soon): just after it.
        if at >= i { pad = text.unicodeScalars.count + min(2, max(0, start - count)) }
        if from + i < count { text += "…" }
        return (text, String(repeating: " ", count: pad) + String(repeating: "^", count: max(1, width)))
    }
}
