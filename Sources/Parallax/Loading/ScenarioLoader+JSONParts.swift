import CLibc

/// Reading a large JSON scenario in two parts at once, as block-style YAML is read
/// (`ScenarioLoader+Sections`). JSON written one value per line, as `json.dumps(indent=…)`
/// and most tools write it, starts each item of the `claims` array on a line of its own, so
/// the array can be cut where an item starts. The first part is the text up to the comma
/// before that item, with the array and the object closed after it; the second is the rest
/// of the array, opened by a `[` in place of the space before the item. Each parses on its
/// own with the file's lines and columns. Anything else (claims not the last key, all on
/// one line, a cut that does not parse) is read whole.
extension ScenarioLoader {
    /// Where a JSON file is cut.
    struct JSONCut: Equatable {
        /// The `[` that opens the claims array.
        var claimsOpen: Int
        /// The `,` after the first part's last item: the first part ends here.
        var comma: Int
        /// The line where the second part's first item starts, and that item's `{`.
        var itemLine: Int
        var item: Int
        /// The `]` that closes the claims array, which the root object's `}` follows.
        var claimsClose: Int
    }

    static func isJSONSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 }

    /// Whitespace that libyaml accepts anywhere JSON does: not the tab.
    static func isPlainSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 }

    /// The cut at the first item that starts a line at or after `target`; nil unless the
    /// file is an object whose last key is `claims`, an array of objects on lines of their own.
    static func jsonCut(_ bytes: UnsafeBufferPointer<UInt8>, target: Int) -> JSONCut? {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < n && isJSONSpace(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
        // The key `"claims"`, then `:` and `[`. A match inside a string or a nested object
        // makes a first part whose last key is not this one; `loadJSONParts` checks that.
        let key = Array("\"claims\"".utf8)
        guard let found = key.withUnsafeBytes({ memmem(base, n, $0.baseAddress, $0.count) }) else { return nil }
        var j = UnsafeRawPointer(found) - UnsafeRawPointer(base) + key.count
        while j < n && isJSONSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: ":") else { return nil }
        j += 1
        while j < n && isJSONSpace(bytes[j]) { j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: "[") else { return nil }
        let claimsOpen = j
        // From the end: the object's `}`, and before it the array's `]`. Neither part reads
        // what follows the `]`, so it may only be spaces and line ends (a tab, though JSON,
        // is refused by libyaml at the start of a line: the whole file must say so).
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
            return JSONCut(claimsOpen: claimsOpen, comma: c, itemLine: line, item: brace, claimsClose: claimsClose)
        }
        return nil
    }

    /// The number of spaces before `at` on its line, or nil when anything else precedes it
    /// there (or the line starts at or before `after`).
    static func indentation(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, after: Int) -> Int? {
        var k = at - 1
        while k > after && bytes[k] == 32 { k -= 1 }
        guard k > after, bytes[k] == 10 else { return nil }
        return at - k - 1
    }

    /// Like `loadSections`, for a JSON file cut by `jsonCut`; nil when it cannot be cut or
    /// a part does not read as expected (then the file is read whole).
    static func loadJSONParts(_ bytes: [UInt8], path: String, tailShare: Double) -> (Scenario?, [Diagnostic])? {
        bytes.withUnsafeBufferPointer { buffer -> (Scenario?, [Diagnostic])? in
            guard let cut = jsonCut(buffer, target: buffer.count - Int(Double(buffer.count) * tailShare)) else { return nil }
            nonisolated(unsafe) let shared = buffer
            let part = ClaimsPart()
            part.start(path: path, file: shared) {
                // "[" in place of the first of the item's spaces keeps its columns.
                let open: StaticString = cut.item > cut.itemLine ? "[" : "[\n"
                let lines = lines(before: cut.itemLine, from: 0, lines: 0, in: shared) - (cut.item > cut.itemLine ? 0 : 1)
                let from = cut.item > cut.itemLine ? cut.itemLine + 1 : cut.itemLine
                return YAMLReader.read(pieces: [UnsafeBufferPointer(start: open.utf8Start, count: open.utf8CodeUnitCount),
                                                UnsafeBufferPointer(rebasing: shared[from...cut.claimsClose])],
                                       lineOffset: lines)
            }
            let close: StaticString = "]}"
            let head = YAMLReader.read(pieces: [UnsafeBufferPointer(rebasing: buffer[..<cut.comma]),
                                                UnsafeBufferPointer(start: close.utf8Start, count: close.utf8CodeUnitCount)],
                                       lineOffset: 0)
            var loader = ScenarioLoader(path: path)
            var partial: Scenario?
            var claims: [RawClaim] = []
            var documents: [YAMLDocument] = []
            var failed = true
            // The first part is the object, and the array that was cut its one `claims` key,
            // the last: a `"claims"` found elsewhere would close some other array or fail.
            if case .success(let doc?) = head, case .mapping(let pairs) = doc.root.kind, let last = pairs.last,
               last.key.scalar == "claims", case .sequence = last.value.kind,
               pairs.lazy.filter({ $0.key.scalar == "claims" }).count == 1 {
                failed = false
                documents = [doc]
                withExtendedLifetime(doc) {
                    let top = loader.fields(doc.root, .top)!
                    let toCome = part.claimsToCome(after: last.value, headBytes: cut.comma - cut.claimsOpen,
                                                   tailBytes: cut.claimsClose - cut.comma)
                    partial = loader.scenario(loader.decodeEntities(top), claimsToCome: toCome)
                    claims = loader.claimList(last.value)
                }
            }
            let indexed = indexEarly(&partial, claims)
            part.wait()
            guard !failed else { return nil }
            return join(&loader, partial.take(), claims, documents, part, indexed: indexed)
        }
    }
}
