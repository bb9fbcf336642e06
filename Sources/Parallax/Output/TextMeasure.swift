/// Measuring and wrapping lines on bytes, for the table layout. Most text is ASCII without
/// control characters: those stretches are read eight bytes at a time (one load and a few
/// masks: any byte ≥ 0x80, < 0x20 or 0x7F sends the eight to the byte-by-byte path, which
/// is exact for everything else).
extension TextRenderer {
    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Eight bytes at `i`, or nil when fewer remain before `end`.
    @inline(__always)
    private static func load8(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> UInt64? {
        guard i + 8 <= end, let base = p.baseAddress else { return nil }
        return UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
    }

    /// Whether all eight bytes are printable ASCII (0x20…0x7E).
    @inline(__always)
    static func isPrintableASCII(_ x: UInt64) -> Bool {
        let below = (x &- 0x20 &* ones) & ~x & high
        let d = x ^ low7
        let del = (d &- ones) & ~d & high
        return (x & high) | below | del == 0
    }

    /// The high bit of each byte that is a space (of printable ASCII bytes).
    @inline(__always)
    private static func spaces(_ x: UInt64) -> UInt64 {
        let t = x ^ (0x20 &* ones)
        return ~(((t & low7) &+ low7) | t | low7)
    }

    /// One line of bytes from `start` up to the first newline or `end`: where it ends, its
    /// width, whether it is simple (see `isSimpleLine`), and its longest space-separated
    /// word in bytes (-1 when it is not ASCII: then `widestWord` measures); a nil measure
    /// when it holds a control character or a tab that must be neutralised first (`shown`).
    static func scanLine(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> (end: Int, measure: (width: Int, simple: Bool, word: Int)?) {
        var w = 0
        var exact = true
        var simple = true
        var clean = true
        var ascii = true
        var longest = 0
        var wordStart = start
        var previous: UInt8 = 32
        var i = start
        while i < end {
            // Eight bytes at a time; a line's last few too while the buffer goes on (the
            // bytes past `end` are masked as letters), so short cells skip the byte path.
            if var x = load8(p, i, p.count) {
                let k = min(8, end - i)
                if k < 8 {
                    let keep: UInt64 = (1 << (8 * UInt64(k))) &- 1
                    x = (x & keep) | (0x6161_6161_6161_6161 & ~keep)
                }
                if isPrintableASCII(x) {
                    var s = spaces(x)
                    if s & (s << 8) != 0 || (previous == 32 && s & 0x80 != 0) { simple = false }
                    while s != 0 {
                        let space = i + s.trailingZeroBitCount >> 3
                        longest = max(longest, space - wordStart)
                        wordStart = space + 1
                        s &= s &- 1
                    }
                    w += k
                    previous = UInt8(truncatingIfNeeded: x >> (8 * UInt64(k - 1)))
                    i += k
                    continue
                }
            }
            let b = p[i]
            if b == 10 { break }
            i += 1
            if b < 0x80 {
                if b == 9 || ControlCharacter.isControl(byte: b, after: 0) { clean = false }
                if b == 32 {
                    if previous == 32 { simple = false }
                    longest = max(longest, i - 1 - wordStart)
                    wordStart = i
                }
                w += 1
                previous = b
                continue
            }
            ascii = false
            // A multi-byte scalar: its lead byte says how many continuation bytes follow.
            let more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1
            var v = UInt32(b & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F))
            for _ in 0..<more where i < end {
                v = v << 6 | UInt32(p[i] & 0x3F)
                i += 1
            }
            if let scalar = Unicode.Scalar(v), ControlCharacter.isControl(scalar) { clean = false }
            // Exact by scalars only while none could join a neighbour into one character.
            if !(v < 0x300 || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
                 || (0x2190...0x21FF).contains(v) || (0x2500...0x25FF).contains(v)) { exact = false }
            w += 1
            previous = 0x80
        }
        guard clean else { return (i, nil) }
        if previous == 32 && i > start { simple = false }
        longest = max(longest, i - wordStart)
        let width = exact ? w : characterWidth(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
        return (i, (width, simple, ascii ? longest : -1))
    }

    /// The first space at or after `i` (or `end`), and whether the bytes before it are ASCII.
    @inline(__always)
    static func nextSpace(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (Int, ascii: Bool) {
        var j = i
        var ascii = true
        while j < end {
            if let x = load8(p, j, end), x & high == 0 {
                let s = spaces(x)
                if s != 0 { return (j + s.trailingZeroBitCount >> 3, ascii) }
                j += 8
                continue
            }
            if p[j] == 32 { return (j, ascii) }
            if p[j] >= 0x80 { ascii = false }
            j += 1
        }
        return (end, ascii)
    }

    /// `width` on bytes, scalar by scalar: nil when the text holds a scalar that could join
    /// a neighbour into one character (combining marks, joiners, CR LF …) or be wide, so
    /// that characters must be counted. ASCII, Latin, dashes, quotes, arrows and box
    /// drawing are exact.
    static func scalarWidth(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        var w = 0
        var i = 0
        let end = p.count
        while i < end {
            if let x = load8(p, i, end), x & high == 0 {
                let d = x ^ (0x0D &* ones)
                if (d &- ones) & ~d & high == 0 {
                    w += 8
                    i += 8
                    continue
                }
            }
            let b = p[i]
            i += 1
            if b < 0x80 {
                if b == 0x0D { return nil }
                w += 1
            } else if b < 0xCC {
                // A two-byte scalar below U+0300.
                i += 1
                w += 1
            } else if b == 0xE2, i + 2 <= end {
                let v = 0x2000 | (UInt32(p[i] & 0x3F) << 6) | UInt32(p[i + 1] & 0x3F)
                i += 2
                guard (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
                    || (0x2190...0x21FF).contains(v) || (0x2500...0x25FF).contains(v) else { return nil }
                w += 1
            } else {
                return nil
            }
        }
        return w
    }

    /// `isPlain` on bytes: no control character, and no tab (see `shown`).
    static func isPlain(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        ControlCharacter.firstControl(in: p) == nil && !p.contains(9)
    }

    /// `scanLine` of bytes `start..<end` that hold no newline.
    static func measure(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (width: Int, simple: Bool)? {
        scanLine(p, start, end).measure.map { ($0.width, $0.simple) }
    }

    /// `width` of bytes `start..<end` (whole UTF-8 scalars).
    static func width(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let bytes = UnsafeBufferPointer(rebasing: p[start..<end])
        return scalarWidth(bytes) ?? characterWidth(String(decoding: bytes, as: UTF8.self))
    }

    /// The width of the widest space-separated word of bytes `start..<end`, counted no
    /// further than `cap`.
    static func widestWord(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, upTo cap: Int) -> Int {
        var widest = 0
        var wordStart = start
        var ascii = true
        @inline(__always) func word(endingAt e: Int) {
            let w = ascii ? e - wordStart : TextRenderer.width(p, wordStart, e)
            widest = max(widest, min(cap, w))
            wordStart = e + 1
            ascii = true
        }
        var i = start
        while i < end {
            if let x = load8(p, i, end), x & high == 0 {
                var s = spaces(x)
                while s != 0 {
                    word(endingAt: i + s.trailingZeroBitCount >> 3)
                    s &= s &- 1
                }
                i += 8
                continue
            }
            if p[i] == 32 { word(endingAt: i) } else if p[i] >= 0x80 { ascii = false }
            i += 1
        }
        word(endingAt: end)
        return widest
    }

    /// The offset `n` UTF-8 scalars after `i` (read by their lead bytes).
    static func advance(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, scalars n: Int) -> Int {
        var k = i
        for _ in 0..<n {
            let b = p[k]
            k += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        }
        return k
    }

    /// `wrap` for a simple line (bytes `start..<end`), cut at spaces into spans appended
    /// with their widths; false, appending nothing, when a word wider than the line holds a
    /// scalar that could join another or be wide (then breaking it needs characters).
    static func wrapSimple(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, width: Int,
                           into pieces: inout [Span]) -> Bool {
        let first = pieces.count
        var lineStart = -1
        var lineEnd = start
        var lineWidth = 0
        var i = start
        while i < end {
            let (j, ascii) = nextSpace(p, i, end)
            // Exact: one column a scalar, and a scalar a character (see `scalarWidth`).
            let exact = ascii ? j - i : scalarWidth(UnsafeBufferPointer(rebasing: p[i..<j]))
            let w = exact ?? TextRenderer.width(p, i, j)
            if w > width {
                guard exact != nil else {
                    pieces.removeSubrange(first...)
                    return false
                }
                // A word longer than a line: cut into line-sized pieces (one scalar, one
                // column), the last of which starts the next line, as `wrap` does.
                if lineStart >= 0 { pieces.append(Span(start: lineStart, end: lineEnd, width: lineWidth, simple: true)) }
                var k = i
                var rest = w
                while rest > width {
                    let cut = ascii ? k + width : advance(p, k, scalars: width)
                    pieces.append(Span(start: k, end: cut, width: width, simple: true))
                    k = cut
                    rest -= width
                }
                lineStart = k
                lineWidth = rest
                lineEnd = j
                i = j < end ? j + 1 : j
                continue
            }
            if lineStart >= 0, lineWidth + 1 + w > width {
                pieces.append(Span(start: lineStart, end: lineEnd, width: lineWidth, simple: true))
                lineStart = -1
            }
            if lineStart < 0 { lineStart = i; lineWidth = w } else { lineWidth += 1 + w }
            lineEnd = j
            i = j < end ? j + 1 : j
        }
        if lineStart >= 0 { pieces.append(Span(start: lineStart, end: lineEnd, width: lineWidth, simple: true)) }
        return true
    }
}

extension TextRenderer {
    /// The pieces a word column's line may be broken into: its words, and a date range's
    /// two dates (`2020-09..` and `2020-11`). Nothing smaller is ever cut.
    static func unbreakableWords(_ line: String) -> [Substring] {
        var out: [Substring] = []
        for word in line.split(separator: " ") {
            var rest = word[...]
            while let r = rest.firstRange(of: ".."), r.upperBound < rest.endIndex {
                out.append(rest[..<r.upperBound])
                rest = rest[r.upperBound...]
            }
            out.append(rest)
        }
        return out
    }

    /// Wraps a word column's line to `width` between its unbreakable pieces; a piece
    /// wider than the column is kept whole (the column is never narrower than its widest).
    static func wrapWhole(_ line: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        let words = line.split(separator: " ")
        for (w, word) in words.enumerated() {
            let pieces = unbreakableWords(String(word))
            for (k, piece) in pieces.enumerated() {
                let sep = k == 0 && w > 0 ? 1 : 0
                let pw = TextRenderer.width(piece)
                if currentWidth > 0 && currentWidth + sep + pw > width {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                if currentWidth > 0 && sep == 1 { current += " "; currentWidth += 1 }
                current += piece
                currentWidth += pw
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
