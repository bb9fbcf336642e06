import CLibc
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a large file in two parts. libyaml is single-threaded and parsing is more than
/// half of a large load, so the text is cut inside the `claims` list, the file's last key:
/// a second thread parses and decodes the rest of the list while this one does the first
/// part and builds what needs no claim (`begin`); then references to claims and the claims'
/// own are resolved here, once, over both.
///
/// Both ways of reading report the same problems in the same order. Claims are decoded one
/// by one, in file order; what decoding a claim does depends on the loader's state only
/// through the ids declared before it. So the second part's claims decode the same on a
/// loader of their own unless one of their ids was declared in the first part (which drops
/// that claim at once); then they are decoded again here, after the first part's
/// (`ScenarioLoader.absorb`).
///
/// Each part is the file's own bytes, with at most a bracket or two added, so that it parses
/// on its own with the file's lines and columns. Anything unusual (claims not the last key,
/// other flow layouts, several documents, line breaks other than LF and CR LF) makes one
/// part fail to parse or to have the expected shape, and the file is then read whole.
struct TwoParts {
    /// The first part: the file up to the cut, then `closing` (JSON's `]}`).
    var first: Range<Int>
    var closing: StaticString = ""
    /// The second part: `opening` (JSON's `[`), then the rest of the claims list.
    var opening: StaticString = ""
    var second: Range<Int>
    /// Where the claims list starts: the first part's claims take `claimsStart..<first.upperBound`.
    var claimsStart: Int

    /// About how many claims the second part holds, from how many the first part's bytes of
    /// the list held.
    func claimsToCome(after count: Int) -> Int {
        count + count * second.count / max(1, first.upperBound - claimsStart)
    }

    /// About how many claims the first part holds, from how many the second part holds, with
    /// a sixteenth to spare: the second part's array keeps that room in front for them, so
    /// joining the two moves the second's claims in place instead of copying them all.
    func claimsBefore(_ count: Int) -> Int {
        let estimate = count * (first.upperBound - claimsStart) / max(1, second.count)
        return estimate + estimate / 16
    }

    /// About how much of the file the first part takes: the two threads then do about as
    /// much work (callgrind's per-thread counts on the generated 5,000-event file).
    static let firstShare = 0.49

    /// The cut in block-style YAML: at the first item of the top-level `claims:` list that
    /// starts a line at or after `target` (not the list's first item). Items are at one
    /// indentation, and nothing inside an item can start a line there, so the second part is
    /// itself a well-formed list.
    static func yaml(_ bytes: UnsafeBufferPointer<UInt8>, target: Int) -> TwoParts? {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return nil }
        // The key at the start of a line: nothing at column 0 is inside a value.
        let key = Array("\nclaims:".utf8)
        let claims: Int
        if bytes.starts(with: key.dropFirst()) {
            claims = 0
        } else {
            guard let found = key.withUnsafeBytes({ memmem(base, n, $0.baseAddress, $0.count) }) else { return nil }
            claims = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        }
        // The first item fixes the indentation.
        var i = newline(in: bytes, from: claims, to: n) + 1
        var indent = -1
        while i < n {
            var j = i
            while j < n && bytes[j] == 32 { j += 1 }
            guard j < n else { return nil }
            if bytes[j] == 10 || bytes[j] == 13 || bytes[j] == UInt8(ascii: "#") {
                i = newline(in: bytes, from: i, to: n) + 1
                continue
            }
            guard isItem(bytes, j) else { return nil }
            indent = j - i
            break
        }
        guard indent >= 0 else { return nil }
        // From the target on, a line that is exactly `indent` spaces and `- `.
        var line = newline(in: bytes, from: max(i, target), to: n) + 1
        while line < n {
            var j = line
            while j < n && j - line < indent && bytes[j] == 32 { j += 1 }
            if j - line == indent, isItem(bytes, j) {
                return TwoParts(first: 0..<line, second: line..<n, claimsStart: claims)
            }
            line = newline(in: bytes, from: line, to: n) + 1
        }
        return nil
    }

    /// `- ` (or `-` at the end of its line) at `j`.
    private static func isItem(_ bytes: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        j + 1 < bytes.count && bytes[j] == UInt8(ascii: "-") && (bytes[j + 1] == 32 || bytes[j + 1] == 10 || bytes[j + 1] == 13)
    }

    /// The cut in JSON written one value per line, as `json.dumps(indent=…)` and most tools
    /// write it: at the first item of the `claims` array that starts a line at or after
    /// `target` (not the first). The first part ends at the comma before that item and is
    /// closed by `]}`; the second is opened by a `[` in place of the space before the item.
    /// Nil unless the file is an object whose last key is `claims`, an array of objects on
    /// lines of their own.
    static func json(_ bytes: UnsafeBufferPointer<UInt8>, target: Int) -> TwoParts? {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < n && isJSONSpace(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
        // The key `"claims"`, then `:` and `[`. A match inside a string or a nested object
        // makes a first part whose last key is not this one, and the file is read whole.
        let key = Array("\"claims\"".utf8)
        guard let found = key.withUnsafeBytes({ memmem(base, n, $0.baseAddress, $0.count) }) else { return nil }
        var j = UnsafeRawPointer(found) - UnsafeRawPointer(base) + key.count
        while j < n && isJSONSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: ":") else { return nil }
        j += 1
        while j < n && isJSONSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: "[") else { return nil }
        let claimsOpen = j
        // From the end: the object's `}`, and before it the array's `]`. The second part
        // stops at the `]`, so what follows may only be spaces and line ends (a tab, though
        // JSON, is refused by libyaml at the start of a line: the whole file must say so).
        var e = n - 1
        while e > claimsOpen && isPlainSpace(bytes[e]) { e -= 1 }
        guard bytes[e] == UInt8(ascii: "}") else { return nil }
        e -= 1
        while e > claimsOpen && isPlainSpace(bytes[e]) { e -= 1 }
        guard e > claimsOpen, bytes[e] == UInt8(ascii: "]") else { return nil }
        let claimsClose = e
        // The first item fixes the indentation: a `{` with only spaces before it on its line.
        var first = claimsOpen + 1
        while first < claimsClose && isJSONSpace(bytes[first]) { first += 1 }
        guard first < claimsClose, bytes[first] == UInt8(ascii: "{"), let indent = indentation(bytes, first, after: claimsOpen)
        else { return nil }
        // From the target on, a line of exactly `indent` spaces and `{`, after a comma.
        var line = max(first + 1, target)
        while line < claimsClose {
            line = newline(in: bytes, from: line, to: claimsClose) + 1
            guard line < claimsClose else { return nil }
            let brace = line + indent
            guard brace < claimsClose, bytes[brace] == UInt8(ascii: "{"), indentation(bytes, brace, after: claimsOpen) == indent
            else { continue }
            // Between the comma and the item's line, nothing either part would read but
            // spaces and line ends.
            var c = line - 1
            while c > first && isPlainSpace(bytes[c]) { c -= 1 }
            guard bytes[c] == UInt8(ascii: ",") else { continue }
            // "[" in place of the first of the item's spaces keeps its columns; an item at
            // column 0 gets a line of its own.
            return indent > 0
                ? TwoParts(first: 0..<c, closing: "]}", opening: "[", second: line + 1..<claimsClose + 1, claimsStart: claimsOpen)
                : TwoParts(first: 0..<c, closing: "]}", opening: "[\n", second: line..<claimsClose + 1, claimsStart: claimsOpen)
        }
        return nil
    }

    static func isJSONSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 }

    /// Whitespace that libyaml accepts anywhere JSON does: not the tab.
    static func isPlainSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 }

    /// The number of spaces before `at` on its line, or nil when anything else precedes it
    /// there (or the line starts at or before `after`).
    static func indentation(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, after: Int) -> Int? {
        var k = at - 1
        while k > after && bytes[k] == 32 { k -= 1 }
        guard k > after, bytes[k] == 10 else { return nil }
        return at - k - 1
    }

    /// Parses the first part.
    func readFirst(_ file: UnsafeBufferPointer<UInt8>) -> Result<YAMLDocument?, YAMLReader.Failure> {
        YAMLReader.read(pieces: [UnsafeBufferPointer(rebasing: file[first]), closing.buffer], lineOffset: 0)
    }

    /// Parses the second part, with the file's line numbers. Positions are found by counting
    /// line feeds, so a file with any other line break libyaml counts is refused (nil).
    func readSecond(_ file: UnsafeBufferPointer<UInt8>) -> YAMLDocument? {
        guard !TwoParts.hasOtherLineBreaks(file) else { return nil }
        let added = opening.buffer.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        let lineOffset = TwoParts.lines(before: second.lowerBound, in: file) - added
        guard case .success(let doc?) = YAMLReader.read(pieces: [opening.buffer, UnsafeBufferPointer(rebasing: file[second])],
                                                         lineOffset: lineOffset) else { return nil }
        return doc
    }

    // MARK: - Scanning

    /// The offset of the first newline in `from..<to`, or `to`.
    static func newline(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        offset(of: 10, in: bytes, from: from, to: to)
    }

    /// The offset of the first `byte` in `from..<to`, or `to`; memchr is many times faster
    /// than a loop over bytes here.
    static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The number of line feeds before byte `offset`.
    static func lines(before offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // Thirty-two bytes at a time: each lane counts the line feeds it sees, and the lanes
        // are summed before any could pass 255 (8 bytes at a time took 4 instructions a byte).
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let lineFeed = SIMD32<UInt8>(repeating: 10)
        var n = 0
        var i = 0
        while i + 32 <= offset {
            var lanes = SIMD32<UInt8>()
            var blocks = 0
            while blocks < 255 && i + 32 <= offset {
                // A lane of the comparison is all ones (-1) where the byte is a line feed.
                let equal = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self) .== lineFeed
                lanes &-= SIMD32<UInt8>(truncatingIfNeeded: equal._storage)
                i += 32
                blocks += 1
            }
            n += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < offset {
            if bytes[i] == 10 { n += 1 }
            i += 1
        }
        return n
    }

    /// The high bit of each byte of `x` that equals `b`, and no other bit. Exact per byte:
    /// no carry crosses from one byte to the next.
    @inline(__always)
    static func bytesEqual(_ x: UInt64, to b: UInt8) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let y = x ^ (UInt64(b) &* 0x0101_0101_0101_0101)
        return ~(((y & ~high) &+ ~high) | y) & high
    }

    /// Whether the text holds a line break other than LF and CR LF: a lone CR, NEL (U+0085),
    /// LS (U+2028) or PS (U+2029), which libyaml counts as lines too. Each break starts with
    /// a 0x0D, 0xC2 or 0xE2 byte, found by memchr (rare in most files, and memchr passes
    /// over the rest many times faster than a loop over words).
    static func hasOtherLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        func isBreak(at k: Int) -> Bool {
            switch bytes[k] {
            case 0x0D: return k + 1 >= n || bytes[k + 1] != 0x0A
            case 0xC2: return k + 1 < n && bytes[k + 1] == 0x85
            case 0xE2: return k + 2 < n && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9)
            default: return false
            }
        }
        for lead: UInt8 in [0x0D, 0xC2, 0xE2] {
            var k = offset(of: lead, in: bytes, from: 0, to: n)
            while k < n {
                if isBreak(at: k) { return true }
                k = offset(of: lead, in: bytes, from: k + 1, to: n)
            }
        }
        return false
    }
}

private extension StaticString {
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}

extension ScenarioLoader {
    /// Reads the file in two parts (see `TwoParts`); nil when it cannot be cut, or a part does
    /// not read as expected, and must be read whole. `target`: where to cut, about (tests
    /// move it to cut the claims everywhere).
    static func loadInTwoParts(bytes: [UInt8], path: String, target: Int) -> Result<Scenario, LoadFailure>? {
        bytes.withUnsafeBufferPointer { file -> Result<Scenario, LoadFailure>? in
            guard let parts = TwoParts.yaml(file, target: target) ?? TwoParts.json(file, target: target) else { return nil }
            nonisolated(unsafe) let shared = file
            let second = SecondPart()
            second.start(path: path, room: parts.claimsBefore) { parts.readSecond(shared) }
            let first = parts.readFirst(file)
            // The first part is a mapping whose one `claims` key is its last, a list: a cut
            // found elsewhere (a `claims:` inside some text) gives another shape.
            guard case .success(let doc?) = first, case .mapping(let pairs) = doc.root.kind, let last = pairs.last,
                  last.key.scalar == "claims", case .sequence = last.value.kind,
                  pairs.lazy.filter({ $0.key.scalar == "claims" }).count == 1 else {
                second.wait()
                return nil
            }
            var loader = ScenarioLoader(path: path)
            let entities = loader.fields(doc.root, .top).map { loader.decodeEntities($0) }
            let firstClaims = loader.claimList(last.value)
            var claims = firstClaims
            // What needs no claim is done while the second part is still being read.
            let base = entities.flatMap { loader.begin($0, claimsToCome: parts.claimsToCome(after: firstClaims.count)) }
            second.wait()
            guard let rest = second.document else { return nil }
            if let other = second.loader, loader.absorb(other) {
                // The first part's claims go in front of the second's, in the room kept there
                // (see `claimsBefore`).
                claims = second.takeClaims()
                claims.insert(contentsOf: firstClaims, at: 0)
            } else {
                claims += loader.claimList(rest.root)
            }
            var scenario: Scenario?
            if let base { scenario = loader.assemble(base, claims: claims) }
            loader.reportClashes()
            // The parsed text, the raw claims and the tables of ids and references hold
            // tens of thousands of strings; freeing them takes milliseconds no one waits for.
            Disposal.drop((consume doc, consume rest, consume claims, consume firstClaims, consume second, loader.takeTables()))
            guard let scenario, loader.diagnostics.isEmpty else {
                return .failure(LoadFailure(diagnostics: loader.diagnostics, sourceText: String(validating: bytes, as: UTF8.self)))
            }
            return .success(scenario)
        }
    }

    /// Takes in what `other` found decoding the claims that follow this loader's, as if this
    /// loader had decoded them; false, taking nothing, when one of their ids is declared here
    /// (this loader would have dropped that claim at once, unread).
    mutating func absorb(_ other: ScenarioLoader) -> Bool {
        guard !other.declared.keys.contains(where: { declared[$0] != nil }) else { return false }
        declaredLater = other.declared
        caseSensitive += other.caseSensitive
        for (id, places) in other.clashes { clashes[id, default: []] += places }
        diagnostics += other.diagnostics
        warnings += other.warnings
        pending += other.pending
        placeRefs += other.placeRefs
        return true
    }

    /// The second part: parsed, and its claims decoded, on another thread.
    final class SecondPart: @unchecked Sendable {
        // Set by the other thread; read only after `wait`.
        private(set) var document: YAMLDocument?
        private(set) var loader: ScenarioLoader?
        private var claims: [RawClaim] = []
        private let group = DispatchGroup()

        /// The claims decoded, taken out (so that they are not copied).
        func takeClaims() -> [RawClaim] {
            defer { claims = [] }
            return claims
        }

        /// `read` parses the part; nil unless it is a list.
        /// `room`: how many claims will go in front, given how many this part holds.
        func start(path: String, room: @escaping @Sendable (Int) -> Int,
                   _ read: @escaping @Sendable () -> YAMLDocument?) {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
                guard let document = read(), case .sequence = document.root.kind else { return }
                var loader = ScenarioLoader(path: path)
                claims = loader.claimList(document.root, room: room)
                (self.document, self.loader) = (document, loader)
            }
        }

        func wait() { group.wait() }
    }
}
