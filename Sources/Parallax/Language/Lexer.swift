/// Splits a line into commands (at `;`, outside quotes, and before a `#` comment) and
/// each command into tokens. Columns count Unicode scalars: what a terminal shows for
/// the text analysts type, and far cheaper than grapheme clusters on long scripts.
public struct Lexer {
    /// One command's stretch of a line.
    public struct Segment: Sendable, Equatable {
        /// The command's text, as written.
        public var text: String
        /// 1-based column where `text` starts in the line.
        public var column: Int
    }

    /// The commands on a line: split at `;` and cut at a comment `#` (one not followed
    /// by a digit), both only outside quotes. Empty segments are dropped.
    public static func segments(_ line: String) -> [Segment] {
        var out: [Segment] = []
        let chars = Array(line.unicodeScalars)
        var start = 0
        var quote: Unicode.Scalar?
        var i = 0
        func flush(_ end: Int) {
            let text = Lexer.string(chars[start..<end])
            if !text.trimmed.isEmpty { out.append(Segment(text: text, column: start + 1)) }
        }
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                // An apostrophe inside a word (Aghajanyan's) is not a quote.
                if c == "'" && i > 0 && !chars[i - 1].properties.isWhitespace && chars[i - 1] != "(" && chars[i - 1] != "," {
                    i += 1
                    continue
                }
                quote = c
            } else if c == ";" {
                flush(i)
                start = i + 1
            } else if c == "#" && !(i + 1 < chars.count && Lexer.isDigit(chars[i + 1])) {
                flush(i)
                return out
            }
            i += 1
        }
        flush(chars.count)
        return out
    }

    /// Tokens of one command's text; `column` offsets are relative to the line via `base`.
    public static func tokens(_ text: String, base: Int = 1) -> Result<[Token], CommandError> {
        var out: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.properties.isWhitespace { i += 1; continue }
            let column = base + i
            if c == "\"" || c == "'" {
                var value = String.UnicodeScalarView()
                var j = i + 1
                var closed = false
                while j < chars.count {
                    let d = chars[j]
                    if d == "\\", j + 1 < chars.count {
                        let e = chars[j + 1]
                        switch e {
                        case "\"", "'", "\\": value.append(e)
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        default: value.append("\\"); value.append(e)
                        }
                        j += 2
                        continue
                    }
                    if d == c { closed = true; break }
                    value.append(d)
                    j += 1
                }
                guard closed else {
                    return .failure(CommandError("unterminated string: add the closing \(c)", column: column,
                                                 length: chars.count - i))
                }
                out.append(Token(kind: .string, text: String(value), column: column, length: j - i + 1))
                i = j + 1
                continue
            }
            if let op = symbol(at: i, in: chars) {
                out.append(Token(kind: .symbol, text: op, column: column, length: op.count))
                i += op.count
                continue
            }
            if c == "#" {
                var j = i + 1
                while j < chars.count, Lexer.isDigit(chars[j]) { j += 1 }
                let digits = Lexer.string(chars[(i + 1)..<j])
                guard let n = Int(digits) else {
                    return .failure(CommandError("'#' must be followed by an event number such as #3",
                                                 column: column, length: j - i))
                }
                out.append(Token(kind: .eventIndex(n), text: "#" + digits, column: column, length: j - i))
                i = j
                continue
            }
            var j = i
            while j < chars.count, !chars[j].properties.isWhitespace, symbol(at: j, in: chars) == nil,
                  chars[j] != "\"" {
                j += 1
            }
            out.append(Token(kind: .word, text: Lexer.string(chars[i..<j]), column: column, length: j - i))
            i = j
        }
        return .success(out)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func symbol(at i: Int, in chars: [Unicode.Scalar]) -> String? {
        let c = chars[i]
        let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
        switch c {
        case "!" where next == "=": return "!="
        case "<" where next == "=": return "<="
        case ">" where next == "=": return ">="
        case "=", "<", ">", "~", "(", ")", ",": return String(Character(c))
        default: return nil
        }
    }
}
