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
        // Lower case, canonical decomposition without the marks, typographic quotes as
        // typed ones (’ ‘ ʼ as ', “ ” as "), straight into bytes.
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.lowercased().unicodeScalars {
            // ASCII neither decomposes nor is a mark: no Unicode lookups for it.
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
                continue
            }
            for d in decompose(scalar) where !isCombiningMark(d) {
                switch d {
                case "\u{2018}", "\u{2019}", "\u{02BC}": out.append(39)
                case "\u{201C}", "\u{201D}": out.append(34)
                default: UTF8.encode(d) { out.append($0) }
                }
            }
        }
        return out
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
        // ASCII text folds to its lower case: searched in place, nothing built (`find`
        // reads every title, claim and quote of a large scenario).
        var text = text
        let ascii = text.withUTF8 { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return containsIgnoringASCIICase(bytes, needle)
        }
        return ascii ?? foldedContains(text, needle) ?? contains(foldedBytes(text), needle)
    }

    /// `contains(foldedBytes(text), needle)` without building an array: `text` folded
    /// scalar by scalar into stack memory (as `lowercased()` maps it, scalar by scalar),
    /// only the non-ASCII scalars looked up. Titles such as `ARMENIA → AZERBAIJAN` are
    /// mostly ASCII with a character or two that is not. Nil when the folded text outgrows
    /// the space (then the caller folds it the long way).
    static func foldedContains(_ text: String, _ needle: [UInt8]) -> Bool? {
        let capacity = text.utf8.count * 3 + 16
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out -> Bool? in
            var n = 0
            var fits = true
            func put(_ b: UInt8) {
                guard n < capacity else { fits = false; return }
                out[n] = b
                n += 1
            }
            func putFolded(_ d: Unicode.Scalar) {
                if isCombiningMark(d) { return }
                switch d {
                case "\u{2018}", "\u{2019}", "\u{02BC}": put(39)
                case "\u{201C}", "\u{201D}": put(34)
                default: UTF8.encode(d) { put($0) }
                }
            }
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    let b = UInt8(scalar.value)
                    put(b >= 65 && b <= 90 ? b + 32 : b)
                    continue
                }
                for l in scalar.properties.lowercaseMapping.unicodeScalars {
                    if l.isASCII { put(UInt8(l.value)) } else if l.value < 0xC0 { putFolded(l) } else {
                        for d in String(l)._nfd { putFolded(d) }
                    }
                }
                if !fits { return nil }
            }
            return containsIgnoringASCIICase(UnsafeBufferPointer(rebasing: out[0..<n]), needle)
        }
    }

    /// `contains` of an ASCII haystack's lower case, without building it.
    static func containsIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        return needle.withUnsafeBufferPointer { needle in
            let first = needle[0]
            for i in 0...(haystack.count - needle.count) where lower(haystack[i]) == first {
                var j = 1
                while j < needle.count && lower(haystack[i + j]) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            return false
        }
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
    /// Canonical decomposition (NFD) through the standard library.
    var decomposedScalars: [Unicode.Scalar] {
        Array(_nfd)
    }
}
