/// Turns a field's bytes into text, repairing what real exports get wrong: a Windows-1252
/// character that was decoded as a C1 control (GDELT's "Ta\u{91}izz" is "Ta‘izz") becomes
/// the character Windows-1252 meant, bytes that are not UTF-8 become U+FFFD, and any other
/// control character (but tab and line feed) becomes U+FFFD, so none reaches a view.
/// `repaired` counts the values that needed it.
struct TextRepair {
    private(set) var repaired = 0

    /// Windows-1252's characters for 0x80…0x9F; nil where it has none.
    static let windows1252: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// The text of `span` (undoubling CSV quotes), trimmed of surrounding spaces.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> String {
        var start = span.start, end = span.end
        while start < end, bytes[start] == 32 { start += 1 }
        while end > start, bytes[end - 1] == 32 { end -= 1 }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        var plain = !span.escaped
        if plain {
            for b in raw where b < 0x20 && b != 9 || b >= 0x7F { plain = false; break }
        }
        if plain { return String(decoding: raw, as: UTF8.self) }
        return slow(raw, escaped: span.escaped)
    }

    private mutating func slow(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var changed = false
        var i = 0
        let n = raw.count
        func fffd() { scalars.append("\u{FFFD}"); changed = true }
        while i < n {
            let b = raw[i]
            if b < 0x80 {
                if b == UInt8(ascii: "\""), escaped, i + 1 < n, raw[i + 1] == UInt8(ascii: "\"") {
                    scalars.append("\"")
                    i += 2
                    continue
                }
                if b == 13, i + 1 < n, raw[i + 1] == 10 { i += 1; continue }   // CR LF inside a quoted field
                if (b < 0x20 && b != 9 && b != 10) || b == 0x7F { fffd() } else { scalars.append(Unicode.Scalar(b)) }
                i += 1
                continue
            }
            // A UTF-8 sequence: its length from the lead byte, each continuation checked.
            let length: Int, minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b & 0x07); minimum = 0x10000
            default: fffd(); i += 1; continue
            }
            var k = 1
            while k < length, i + k < n, raw[i + k] & 0xC0 == 0x80 {
                value = value << 6 | UInt32(raw[i + k] & 0x3F)
                k += 1
            }
            guard k == length, value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value),
                  let scalar = Unicode.Scalar(value) else {
                fffd()
                i += k
                continue
            }
            if (0x80...0x9F).contains(value) {
                // A C1 control: what Windows-1252 meant by that byte, if anything.
                scalars.append(TextRepair.windows1252[Int(value - 0x80)] ?? "\u{FFFD}")
                changed = true
            } else {
                scalars.append(scalar)
            }
            i += length
        }
        if changed { repaired += 1 }
        return String(scalars)
    }
}
