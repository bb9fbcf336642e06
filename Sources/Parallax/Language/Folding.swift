// The standard library's NFD is SPI; it is the toolchain's own Unicode data, kept in step
// with Character comparison, so it is used rather than a hand-written table.
@_spi(_Unicode) import Swift

/// Case- and diacritic-insensitive matching for `find` and `~`: "Aghajanyan" finds
/// "AGHAJANYAN", "Sahin" finds "Şahin". Done on Unicode scalars with the standard
/// library's canonical decomposition, so no Foundation is needed on the start-up path.
public enum Folding {
    /// The folded text as bytes, for fast repeated searching; ASCII text skips Unicode work.
    public static func foldedBytes(_ s: String) -> [UInt8] {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        }
        return Array(fold(s).utf8)
    }

    /// Whether `haystack` contains `needle` (both folded with `foldedBytes`).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Case- and accent-insensitive containment.
    public static func matches(_ text: String, folded needle: [UInt8]) -> Bool {
        contains(foldedBytes(text), needle)
    }

    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().unicodeScalars {
            for d in decompose(scalar) where !isCombiningMark(d) {
                out.append(d)
            }
        }
        return String(out).replacingTypographicQuotes
    }

    static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark
            || s.properties.generalCategory == .spacingMark
    }

    /// A scalar's canonical decomposition: a precomposed letter becomes its base letter
    /// followed by combining marks.
    static func decompose(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
        s.value < 0xC0 ? [s] : String(s).decomposedScalars
    }
}

extension String {
    /// ’ and ‘ fold to ', “ ” to ", so typed apostrophes find typographic ones.
    var replacingTypographicQuotes: String {
        var out = String.UnicodeScalarView()
        for u in unicodeScalars {
            switch u {
            case "\u{2018}", "\u{2019}", "\u{02BC}": out.append("'")
            case "\u{201C}", "\u{201D}": out.append("\"")
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Canonical decomposition (NFD) through the standard library.
    var decomposedScalars: [Unicode.Scalar] {
        Array(_nfd)
    }
}
