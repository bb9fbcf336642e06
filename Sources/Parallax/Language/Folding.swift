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
    /// each scalar below U+3000 read from a table made once. Titles such as `ARMENIA →
    /// AZERBAIJAN` are mostly ASCII with a character or two that is not. Nil when the
    /// folded text outgrows the space (then the caller folds it the long way).
    static func foldedContains(_ text: String, _ needle: [UInt8]) -> Bool? {
        let capacity = text.utf8.count * 3 + 16
        let table = scalarTable
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out -> Bool? in
            var n = 0
            var fits = true
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    let b = UInt8(scalar.value)
                    out[n] = b >= 65 && b <= 90 ? b + 32 : b
                    n += 1
                } else if scalar.value < tableEnd {
                    let v = Int(scalar.value)
                    let from = Int(table.start[v]), to = Int(table.start[v + 1])
                    guard n + (to - from) <= capacity else { fits = false; break }
                    for k in from..<to {
                        out[n] = table.bytes[k]
                        n += 1
                    }
                } else {
                    fold(scalar) { b in
                        guard n < capacity else { fits = false; return }
                        out[n] = b
                        n += 1
                    }
                    if !fits { break }
                }
                // Room for the next scalar's bytes in the ASCII branch.
                if n >= capacity - 1 { fits = false; break }
            }
            guard fits else { return nil }
            return containsIgnoringASCIICase(UnsafeBufferPointer(rebasing: out[0..<n]), needle)
        }
    }

    /// One scalar folded as `foldedBytes` folds it: its lower case, each part decomposed
    /// without marks, typographic quotes as typed ones.
    static func fold(_ scalar: Unicode.Scalar, _ put: (UInt8) -> Void) {
        func folded(_ d: Unicode.Scalar) {
            if isCombiningMark(d) { return }
            switch d {
            case "\u{2018}", "\u{2019}", "\u{02BC}": put(39)
            case "\u{201C}", "\u{201D}": put(34)
            default: UTF8.encode(d) { put($0) }
            }
        }
        for l in scalar.properties.lowercaseMapping.unicodeScalars {
            if l.isASCII { put(UInt8(l.value)) } else if l.value < 0xC0 { folded(l) } else {
                for d in String(l)._nfd { folded(d) }
            }
        }
    }

    /// Scalars below this are folded by table (Latin, Greek, Cyrillic, the other
    /// alphabets, punctuation, arrows and symbols); the rest one by one.
    static let tableEnd: UInt32 = 0x3000

    /// Scalar v folds to `bytes[start[v]..<start[v + 1]]`.
    static let scalarTable: (start: [UInt32], bytes: [UInt8]) = {
        var start: [UInt32] = [0]
        var bytes: [UInt8] = []
        start.reserveCapacity(Int(tableEnd) + 1)
        for v in 0..<tableEnd {
            if let scalar = Unicode.Scalar(v) { fold(scalar) { bytes.append($0) } }
            start.append(UInt32(bytes.count))
        }
        return (start, bytes)
    }()

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
