/// Splits a line into commands (at `;`, outside quotes, and before a `#` comment) and
/// each command into tokens. Columns count Unicode scalars: what a terminal shows for
/// the text analysts type, and far cheaper than grapheme clusters on long scripts.
///
/// Splitting and tokenizing each walk the UTF-8 bytes once: every character with a meaning here (quotes, `;`,
/// `#`, operators, ASCII spaces) is one byte, so a scalar is decoded only for the rare
/// non-ASCII byte where it matters (is it Unicode white space?). A 10,000-line replay
/// spends nothing on arrays of scalars or on Unicode property tables.
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
        var line = line
        return line.withUTF8 { bytes in
            var out: [Segment] = []
            var start = 0, startColumn = 1
            var column = 1
            var quote: UInt8 = 0
            var i = 0
            func flush(_ end: Int) {
                let text = bytes[start..<end]
                if !isBlank(text) { out.append(Segment(text: string(text), column: startColumn)) }
            }
            while i < bytes.count {
                let c = bytes[i]
                if quote != 0 {
                    if c == UInt8(ascii: "\\") {
                        // The backslash and the scalar it escapes.
                        i += 1
                        column += 1
                        if i < bytes.count { i += scalarLength(bytes[i]); column += 1 }
                        continue
                    }
                    if c == quote { quote = 0 }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    // An apostrophe inside a word (Aghajanyan's) is not a quote.
                    if c == UInt8(ascii: "'") && i > 0 && !opensQuote(after: bytes, before: i) {
                        i += 1
                        column += 1
                        continue
                    }
                    quote = c
                } else if c == UInt8(ascii: ";") {
                    flush(i)
                    start = i + 1
                    startColumn = column + 1
                } else if c == UInt8(ascii: "#") && !(i + 1 < bytes.count && isDigit(bytes[i + 1])) {
                    flush(i)
                    return out
                }
                i += scalarLength(c)
                column += 1
            }
            flush(bytes.count)
            return out
        }
    }

    /// Tokens of one command's text; `column` offsets are relative to the line via `base`.
    public static func tokens(_ text: String, base: Int = 1) -> Result<[Token], CommandError> {
        var text = text
        return text.withUTF8 { bytes in
            var out: [Token] = []
            out.reserveCapacity(4)
            var i = 0
            var column = base
            while i < bytes.count {
                let c = bytes[i]
                let (space, length) = whitespace(at: i, in: bytes)
                if space { i += length; column += 1; continue }
                let start = column
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    var value: [UInt8] = []
                    var j = i + 1
                    var scalars = 1
                    var closed = false
                    while j < bytes.count {
                        let d = bytes[j]
                        if d == UInt8(ascii: "\\"), j + 1 < bytes.count {
                            let e = bytes[j + 1]
                            let n = scalarLength(e)
                            switch e {
                            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): value.append(e)
                            case UInt8(ascii: "n"): value.append(10)
                            case UInt8(ascii: "t"): value.append(9)
                            default: value.append(UInt8(ascii: "\\")); value.append(contentsOf: bytes[(j + 1)..<min(j + 1 + n, bytes.count)])
                            }
                            j += 1 + n
                            scalars += 2
                            continue
                        }
                        if d == c { closed = true; break }
                        let n = scalarLength(d)
                        value.append(contentsOf: bytes[j..<min(j + n, bytes.count)])
                        j += n
                        scalars += 1
                    }
                    guard closed else {
                        return .failure(CommandError("unterminated string: add the closing \(Character(Unicode.Scalar(c)))",
                                                     column: start, length: scalars))
                    }
                    out.append(Token(kind: .string, text: String(decoding: value, as: UTF8.self), column: start,
                                     length: scalars + 1))
                    i = j + 1
                    column += scalars + 1
                    continue
                }
                if let op = symbol(at: i, in: bytes) {
                    out.append(Token(kind: .symbol, text: op, column: start, length: op.utf8.count))
                    i += op.utf8.count
                    column += op.utf8.count
                    continue
                }
                if c == UInt8(ascii: "#") {
                    var j = i + 1
                    while j < bytes.count, isDigit(bytes[j]) { j += 1 }
                    let digits = string(bytes[(i + 1)..<j])
                    guard let n = Int(digits) else {
                        // Digits beyond Int: no scenario has that many events.
                        let message = digits.isEmpty ? "'#' must be followed by an event number such as #3"
                            : "#\(digits) is too large to be an event number"
                        return .failure(CommandError(message, column: start, length: j - i))
                    }
                    out.append(Token(kind: .eventIndex(n), text: "#" + digits, column: start, length: j - i))
                    column += j - i
                    i = j
                    continue
                }
                var j = i
                var scalars = 0
                while j < bytes.count, bytes[j] != UInt8(ascii: "\""), symbol(at: j, in: bytes) == nil {
                    let (space, length) = whitespace(at: j, in: bytes)
                    if space { break }
                    j += length
                    scalars += 1
                }
                out.append(Token(kind: .word, text: string(bytes[i..<j]), column: start, length: scalars))
                column += scalars
                i = j
            }
            return .success(out)
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Tab, line feed, vertical tab, form feed, carriage return, space: the ASCII scalars
    /// with Unicode's White_Space property.
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }

    /// How many bytes the scalar starting with `lead` takes (1 for a stray continuation
    /// byte, which valid UTF-8 never starts a scalar with).
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Whether the scalar at byte `i` is white space, and its length in bytes.
    static func whitespace(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Bool, Int) {
        let b = bytes[i]
        if b < 0x80 { return (isASCIISpace(b), 1) }
        let n = min(scalarLength(b), bytes.count - i)
        return (scalar(bytes[i..<(i + n)])?.properties.isWhitespace ?? false, n)
    }

    /// An opening quote may follow white space, `(` or `,`; after anything else an
    /// apostrophe belongs to a word.
    static func opensQuote(after bytes: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
        var p = i - 1
        while p > 0, bytes[p] & 0xC0 == 0x80 { p -= 1 }
        let b = bytes[p]
        if b == UInt8(ascii: "(") || b == UInt8(ascii: ",") { return true }
        return whitespace(at: p, in: bytes).0
    }

    static func scalar(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return nil
    }

    /// Nothing but white space: ASCII on the bytes; otherwise as `String.trimmed` sees it.
    static func isBlank(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        for b in bytes where !isASCIISpace(b) {
            return b < 0x80 ? false : string(bytes).trimmed.isEmpty
        }
        return true
    }

    static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    static func symbol(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let c = bytes[i]
        let equalsNext = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "=")
        switch c {
        case UInt8(ascii: "!") where equalsNext: return "!="
        case UInt8(ascii: "<") where equalsNext: return "<="
        case UInt8(ascii: ">") where equalsNext: return ">="
        case UInt8(ascii: "="): return "="
        case UInt8(ascii: "<"): return "<"
        case UInt8(ascii: ">"): return ">"
        case UInt8(ascii: "~"): return "~"
        case UInt8(ascii: "("): return "("
        case UInt8(ascii: ")"): return ")"
        case UInt8(ascii: ","): return ","
        default: return nil
        }
    }
}
