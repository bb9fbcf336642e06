/// `expect TEXT`, `expect not TEXT`, `expect /REGEX/` (and `expect not /REGEX/`): a
/// check on the plain text of the last command's output. It is what turns a saved
/// walkthrough into a regression test of the words that matter, where `--expect OUT`
/// checks every character.
public struct Expectation {
    public enum Test {
        /// Case-sensitive substring.
        case text(String)
        case pattern(String, Regex<AnyRegexOutput>)
    }

    public var test: Test
    /// `expect not …`: the output must lack it.
    public var negated: Bool

    /// Reads the rest of an `expect` line; `column` is where `rest` starts in the line, so
    /// a bad regular expression gets its caret.
    public init(parsing rest: String, column: Int) throws(CommandError) {
        let usage = "expect TEXT | not TEXT | /REGEX/"
        guard !rest.isEmpty else { throw CommandError("expect needs something to look for; usage: \(usage)", column: column) }
        var body = rest
        var bodyColumn = column
        negated = false
        if body == "not" {
            throw CommandError("expect not needs TEXT or /REGEX/; usage: \(usage)", column: column, length: 3)
        }
        if body.hasPrefix("not"), let space = body.dropFirst(3).first, space.isWhitespace {
            negated = true
            let after = body.dropFirst(3)
            let lead = after.prefix { $0.isWhitespace }.count
            body = String(after.dropFirst(lead))
            bodyColumn += 3 + lead
        }
        if body.count >= 2, body.hasPrefix("/"), body.hasSuffix("/") {
            let pattern = String(body.dropFirst().dropLast())
            do {
                test = .pattern(pattern, try Regex(pattern))
            } catch {
                throw CommandError("invalid regular expression: \(error)", column: bodyColumn, length: body.count)
            }
            return
        }
        test = .text(Expectation.unquoted(body))
    }

    /// A text given as one quoted string (`expect "; in quotes"`) means what is inside.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let f = text.first, f == "\"" || f == "'", text.last == f,
              case .success(let tokens) = Lexer.tokens(text), tokens.count == 1, tokens[0].kind == .string else { return text }
        return tokens[0].text
    }

    /// Whether the output passes; nil when a pattern's search ran out of time
    /// (`Limits.patternSeconds`).
    public func holds(for output: String) -> Bool? {
        let found: Bool
        switch test {
        case .text(let t): found = Expectation.contains(output, t)
        case .pattern(_, let r):
            guard let f = PatternMatch.firstMatch(of: r, in: output) else { return nil }
            found = f
        }
        return found != negated
    }

    /// `String.contains`, on the bytes when both sides hold only scalars that are each a
    /// character of their own and equal only to themselves: ASCII but CR, Latin letters below
    /// U+0300 (precomposed: no combining marks), and the dashes, quotes, arrows and box
    /// drawing the renderer draws. Then byte and character matches agree; anything else
    /// (combining marks, CR LF, other scripts) is searched by characters. The character
    /// search costs far more than the command it checks.
    static func contains(_ text: String, _ part: String) -> Bool {
        func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x0D { return false }
                    i += 1
                    continue
                }
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                guard i + n <= bytes.count else { return false }
                var v = UInt32(b & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F))
                for k in 1..<n { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                guard v < 0x300 || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
                    || (0x2190...0x21FF).contains(v) || (0x2500...0x25FF).contains(v) else { return false }
                i += n
            }
            return true
        }
        var text = text, part = part
        let found: Bool? = text.withUTF8 { t in
            part.withUTF8 { p in
                guard plain(p), plain(t) else { return nil }
                guard let first = p.first else { return nil }  // the empty string: as the standard library says
                guard p.count <= t.count else { return false }
                var i = 0
                while i <= t.count - p.count {
                    if t[i] == first {
                        var k = 1
                        while k < p.count && t[i + k] == p[k] { k += 1 }
                        if k == p.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
        return found ?? text.contains(part)
    }

    /// `contain "TEXT"`, `not match /REGEX/`: how a failure states what was wanted.
    public var wanted: String {
        switch test {
        case .text(let t): (negated ? "not contain" : "contain") + " \"\(t)\""
        case .pattern(let p, _): (negated ? "not match" : "match") + " /\(p)/"
        }
    }

    /// The message of a failed expectation: what was wanted, then the output looked at.
    public static func failure(_ e: Expectation, command: String, output: String, shownLines: Int = 40) -> String {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var shown = lines.prefix(shownLines).map { "    " + $0 }
        if lines.count > shownLines { shown.append("    … (\(lines.count - shownLines) more lines)") }
        if lines.isEmpty { shown = ["    (no output)"] }
        return "expected the output of '\(command)' to \(e.wanted)\nthe output of '\(command)' was:\n"
            + shown.joined(separator: "\n")
    }
}
