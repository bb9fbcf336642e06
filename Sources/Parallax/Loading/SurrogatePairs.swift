#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON can write a character beyond U+FFFF only as two escaped UTF-16 halves
/// (`"\ud83d\ude00"` for 😀), and Python's `json` module does so by default; libyaml, which
/// reads the JSON as YAML, refuses each half ("invalid Unicode character escape code"),
/// so valid JSON would not load. Before reading, each escaped pair in a JSON document's
/// strings is rewritten as the one YAML escape of the same character (`\U0001F600`).
/// A lone half stays as written, for libyaml to report where it is.
enum SurrogatePairs {
    /// The bytes with each pair rewritten, or nil when there is none (or the text is not a
    /// JSON document: YAML writes `\U0001F600` itself, and a `\u` outside double quotes is
    /// text). The escape is two bytes shorter; as many spaces follow the string's closing
    /// quote on the same line, so everything after it keeps its column.
    static func rewritten(_ bytes: [UInt8]) -> [UInt8]? {
        guard let first = bytes.firstIndex(where: { !TwoParts.isJSONSpace($0) }),
              bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "["),
              hasPair(bytes) else { return nil }
        let backslash = UInt8(ascii: "\\"), quote = UInt8(ascii: "\"")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var inString = false
        var shortfall = 0
        var pairs = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard inString else {
                if b == quote { inString = true; shortfall = 0 }
                out.append(b)
                i += 1
                continue
            }
            if b == backslash {
                if let scalar = pair(at: i, in: bytes) {
                    out.append(contentsOf: Array("\\U".utf8))
                    let hex = String(scalar, radix: 16)
                    out.append(contentsOf: Array((String(repeating: "0", count: 8 - hex.count) + hex).utf8))
                    shortfall += 2
                    pairs += 1
                    i += 12
                    continue
                }
                out.append(b)
                if i + 1 < bytes.count { out.append(bytes[i + 1]) }
                i += 2
                continue
            }
            out.append(b)
            if b == 10 { shortfall = 0 }  // the next line's columns never moved
            if b == quote {
                inString = false
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: shortfall))
            }
            i += 1
        }
        return pairs > 0 ? out : nil
    }

    /// Whether `\u` followed by a high half (D800–DBFF) occurs at all: most files have
    /// none, and are then read as they are.
    static func hasPair(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var i = 0
            // memchr skips the text between backslashes many times faster than a loop.
            while i + 5 < buffer.count, let hit = memchr(base + i, Int32(UInt8(ascii: "\\")), buffer.count - i) {
                i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if i + 5 < buffer.count, buffer[i + 1] == UInt8(ascii: "u"), let v = hex4(bytes, i + 2), v >= 0xD800, v <= 0xDBFF {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// The character of `\uHIGH\uLOW` at `i`, or nil when there is no such pair there.
    static func pair(at i: Int, in bytes: [UInt8]) -> UInt32? {
        guard i + 11 < bytes.count, bytes[i + 1] == UInt8(ascii: "u"),
              let high = hex4(bytes, i + 2), high >= 0xD800, high <= 0xDBFF,
              bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
              let low = hex4(bytes, i + 8), low >= 0xDC00, low <= 0xDFFF else { return nil }
        return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    }

    static func hex4(_ bytes: [UInt8], _ at: Int) -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for b in bytes[at..<(at + 4)] {
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
