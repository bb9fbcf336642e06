import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a large block-style scenario in two parts at once. libyaml is single-threaded
/// and takes more than half of a large load; a block-style file's top-level keys start at
/// column 0 and the items of its `claims:` list at one indentation, so the file can be cut
/// into two halves that parse on their own: the last claims on a second core, the rest
/// here, joined before references are resolved.
extension ScenarioLoader {
    /// One top-level key's lines.
    struct Section {
        var key: String
        var start: Int
        var end: Int
        /// Lines before `start`.
        var lineOffset: Int
    }

    /// Splits the text at its column-0 keys; nil unless the file is plainly block style
    /// with a `claims` key and no repeated key (then it is read whole).
    static func sections(_ bytes: [UInt8]) -> [Section]? {
        bytes.withUnsafeBufferPointer { sections($0) }
    }

    static func sections(_ bytes: UnsafeBufferPointer<UInt8>) -> [Section]? {
        var sections: [Section] = []
        var lineStart = 0
        var line = 0
        let n = bytes.count
        guard bytes.baseAddress != nil else { return nil }
        while lineStart < n {
            // memchr: this scan runs before the second thread can start.
            let end = newline(in: bytes, from: lineStart, to: n)
            switch bytes[lineStart] {
            case 32, 9, 10, 13, UInt8(ascii: "#"):
                break
            case UInt8(ascii: "-"):
                // A list item at column 0 continues the current key; `---` starts a document.
                if sections.isEmpty || (end - lineStart >= 3 && bytes[lineStart + 1] == 45 && bytes[lineStart + 2] == 45) {
                    return nil
                }
            default:
                var k = lineStart
                while k < end, isKeyByte(bytes[k]) { k += 1 }
                guard k > lineStart, k < end, bytes[k] == UInt8(ascii: ":"),
                      k + 1 == end || bytes[k + 1] == 32 || bytes[k + 1] == 13 else { return nil }
                if !sections.isEmpty { sections[sections.count - 1].end = lineStart }
                sections.append(Section(key: String(decoding: bytes[lineStart..<k], as: UTF8.self),
                                        start: lineStart, end: n, lineOffset: line))
            }
            line += 1
            lineStart = end + 1
        }
        guard sections.count >= 2, sections.contains(where: { $0.key == "claims" }),
              Set(sections.map(\.key)).count == sections.count else { return nil }
        sections[0].start = 0
        sections[0].lineOffset = 0
        return sections
    }

    /// The offset of the first newline in `from..<to`, or `to`; memchr is many times faster
    /// than a loop over bytes here.
    static func newline(in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = bytes.baseAddress, let found = memchr(base + from, 10, to - from) else { return to }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b == 45
    }

    /// Where the `claims:` list is cut: at the start of the first item at or after `target`
    /// (a line indented like the list's first item, starting with `- `). Items are at one
    /// indentation, and nothing inside an item can start a line there, so each part is
    /// itself a well-formed list; a cut inside an odd multi-line scalar makes a part fail
    /// to parse, and the file is then read whole. `claims.end` (nothing to cut) when the
    /// block is not a plain list of items.
    static func claimsCut(_ bytes: UnsafeBufferPointer<UInt8>, _ claims: Section, target: Int) -> Int {
        let end = claims.end
        var i = claims.start
        while i < end && bytes[i] != 10 { i += 1 }           // past the `claims:` line
        // The first item fixes the indentation.
        var indent = -1
        while i < end {
            i += 1
            var j = i
            while j < end && bytes[j] == 32 { j += 1 }
            if j >= end { return end }
            switch bytes[j] {
            case 10, 13, UInt8(ascii: "#"):
                while i < end && bytes[i] != 10 { i += 1 }
                continue
            case UInt8(ascii: "-") where j + 1 < end && (bytes[j + 1] == 32 || bytes[j + 1] == 10 || bytes[j + 1] == 13):
                indent = j - i
            default:
                return end
            }
            break
        }
        guard indent >= 0 else { return end }
        // From the target on, find a line that is exactly `indent` spaces and `- `.
        var line = max(i, target)
        while line < end && bytes[line - 1] != 10 { line += 1 }
        while line < end {
            var j = line
            while j < end && j - line < indent && bytes[j] == 32 { j += 1 }
            if j - line == indent, j + 1 < end, bytes[j] == UInt8(ascii: "-"),
               bytes[j + 1] == 32 || bytes[j + 1] == 10 || bytes[j + 1] == 13 {
                return line
            }
            while line < end && bytes[line] != 10 { line += 1 }
            line += 1
        }
        return end
    }

    /// Lines before byte `offset`, counted from `from` (which starts line `lines`).
    static func lines(before offset: Int, from: Int, lines: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // Eight bytes at a time: the line feeds of each word are counted at once.
        guard let base = bytes.baseAddress else { return lines }
        var n = lines
        var i = from
        while i + 8 <= offset {
            n += bytesEqual(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), to: 10).nonzeroBitCount
            i += 8
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
    /// LS (U+2028) or PS (U+2029), which libyaml counts as lines too. Eight bytes at a time:
    /// only a word holding a 0x0D, 0xC2 or 0xE2 byte is looked at byte by byte.
    static func hasOtherLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        @inline(__always) func isBreak(at k: Int) -> Bool {
            switch bytes[k] {
            case 0x0D: return k + 1 >= n || bytes[k + 1] != 0x0A
            case 0xC2: return k + 1 < n && bytes[k + 1] == 0x85
            case 0xE2: return k + 2 < n && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9)
            default: return false
            }
        }
        var i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if bytesEqual(x, to: 0x0D) | bytesEqual(x, to: 0xC2) | bytesEqual(x, to: 0xE2) != 0 {
                for k in i..<i + 8 where isBreak(at: k) { return true }
            }
            i += 8
        }
        while i < n {
            if isBreak(at: i) { return true }
            i += 1
        }
        return false
    }

    /// The last items of the claims list, read and decoded on a second thread.
    final class ClaimsPart: @unchecked Sendable {
        var document: YAMLDocument?
        /// The number of items read (set before `claims` are decoded).
        var itemCount = 0
        var claims: [RawClaim] = []
        var loader: ScenarioLoader?
        var failed = false
        private let group = DispatchGroup()

        /// Starts reading on another thread; `read` parses the part (a list of claims).
        /// `file` is the whole text: the parts' first lines are found by counting line
        /// feeds, so a file with any other line break libyaml counts is read whole (the
        /// check is made here, off the first thread's path).
        func start(path: String, file: UnsafeBufferPointer<UInt8>,
                   _ read: @escaping @Sendable () -> Result<YAMLDocument?, YAMLReader.Failure>) {
            nonisolated(unsafe) let file = file
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
                guard !ScenarioLoader.hasOtherLineBreaks(file), case .success(let doc?) = read(),
                      case .sequence(let items) = doc.root.kind else { failed = true; return }
                itemCount = items.count
                var loader = ScenarioLoader(path: path)
                claims = withExtendedLifetime(doc) { loader.claimList(doc.root) }
                (document, self.loader) = (doc, loader)
            }
        }

        func wait() { group.wait() }

        /// About how many claims both parts hold, given this thread's list, which takes
        /// `headBytes` of the file to the second part's `tailBytes`: the second part's count
        /// once it is read, else an estimate from the two sizes (an eighth over).
        func claimsToCome(after head: YAMLNode?, headBytes: Int, tailBytes: Int) -> Int {
            var mine = 0
            if let head, case .sequence(let items) = head.kind { mine = items.count }
            if isDone { return mine + itemCount }
            return mine + Int(Double(mine) * Double(tailBytes) / Double(max(1, headBytes)) * 1.125)
        }

        /// Whether the part has been read (without waiting).
        var isDone: Bool { group.wait(timeout: .now()) == .success }
    }

    /// The scenario (or nil) and every problem; nil when the sections did not parse as
    /// expected and the whole file must be read instead. The second thread takes the last
    /// items of the claims list, about half the file; this one reads the rest.
    static func loadSections(_ bytes: [UInt8], _ sections: [Section], path: String,
                             tailShare: Double) -> (Scenario?, [Diagnostic])? {
        bytes.withUnsafeBufferPointer { buffer -> (Scenario?, [Diagnostic])? in
            nonisolated(unsafe) let shared = buffer
            let claimsIndex = sections.firstIndex { $0.key == "claims" }!
            var head = sections[claimsIndex]
            let cut = claimsCut(buffer, head, target: head.end - Int(Double(buffer.count) * tailShare))
            let (claimsStart, claimsLines, tailEnd) = (head.start, head.lineOffset, head.end)
            head.end = cut
            let part = ClaimsPart()
            guard cut < tailEnd else { return nil }
            part.start(path: path, file: shared) {
                let lineOffset = lines(before: cut, from: claimsStart, lines: claimsLines, in: shared)
                return YAMLReader.read(UnsafeBufferPointer(rebasing: shared[cut..<tailEnd]), lineOffset: lineOffset)
            }
            var documents: [YAMLDocument] = []
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var failed = false
            for i in sections.indices {
                guard let (doc, key, value) = parse(buffer, i == claimsIndex ? head : sections[i]) else { failed = true; break }
                documents.append(doc)
                pairs.append((key, value))
            }
            var loader = ScenarioLoader(path: path)
            var partial: Scenario?
            var claims: [RawClaim] = []
            if !failed, let first = pairs.first {
                let top = loader.fields(pairs, of: first.key, .top)
                let toCome = part.claimsToCome(after: top["claims"], headBytes: cut - claimsStart, tailBytes: tailEnd - cut)
                partial = loader.scenario(loader.decodeEntities(top), claimsToCome: toCome)
                if let list = top["claims"] { claims = loader.claimList(list) }
            }
            let indexed = indexEarly(&partial, claims)
            part.wait()
            guard !failed else { return nil }
            return join(&loader, partial.take(), claims, documents, part, indexed: indexed)
        }
    }

    /// This thread's part and the second thread's, joined: references are resolved over
    /// both. Nil when the second part did not read as a list of claims.
    /// `indexed`: how many of this thread's claims `partial` already indexes (see `indexEarly`).
    static func join(_ loader: inout ScenarioLoader, _ partial: consuming Scenario?, _ claims: consuming [RawClaim],
                     _ documents: consuming [YAMLDocument], _ part: ClaimsPart, indexed: Int) -> (Scenario?, [Diagnostic])? {
        guard !part.failed else { return nil }
        let tailLoader = part.loader
        if let tailLoader { loader.absorb(tailLoader) }
        var documents = documents
        documents += [part.document].compactMap { $0 }
        let raw = RawClaims([claims, part.claims])
        (part.claims, part.document, part.loader) = ([], nil, nil)
        let scenario = withExtendedLifetime(documents) { loader.assemble(partial.take(), claims: raw, indexed: indexed) }
        loader.reportClashes()
        // Freeing the parsed text, the raw claims and the loaders' tables of ids and
        // references takes a few milliseconds; it is done on another thread, which holds
        // the only references to them.
        Disposal.drop((consume documents, consume raw, loader.takeTables(), tailLoader))
        return (scenario, loader.diagnostics)
    }

    /// This thread's claims, indexed before waiting for the second thread, which is often
    /// still at work (the index is needed before references can be resolved); returns how
    /// many.
    static func indexEarly(_ partial: inout Scenario?, _ claims: [RawClaim]) -> Int {
        guard partial != nil else { return 0 }
        var ids: [String] = []
        ids.reserveCapacity(claims.count)
        for r in claims { ids.append(r.claim.id) }
        partial!.indexClaims(ids)
        return claims.count
    }

    /// One section as a YAML document holding a single key; nil on any syntax problem.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, _ s: Section) -> (YAMLDocument, YAMLNode, YAMLNode)? {
        guard case .success(let doc?) = YAMLReader.read(UnsafeBufferPointer(rebasing: buffer[s.start..<s.end]),
                                                         lineOffset: s.lineOffset),
              case .mapping(let pairs) = doc.root.kind, pairs.count == 1 else { return nil }
        return (doc, pairs[0].key, pairs[0].value)
    }

    /// The `claims:` list, decoded.
    mutating func claimList(_ node: YAMLNode) -> [RawClaim] {
        if node.isNull { return [] }
        guard case .sequence(let list) = node.kind else {
            error(node, "'claims' must be a list, found \(node.kindName)")
            return []
        }
        var out: [RawClaim] = []
        out.reserveCapacity(list.count)
        declared.reserveCapacity(declared.count + list.count)
        for item in list { if let c = claim(item) { out.append(c) } }
        return out
    }

    /// Takes in what another loader found: its problems, its ids (a clash is a duplicate,
    /// as in `declare`) and its unresolved references.
    /// Its ids are kept in their own table, looked up by `isDeclared`: merging them into
    /// this one cost more than all the lookups.
    mutating func absorb(_ other: ScenarioLoader) {
        diagnostics += other.diagnostics
        for (id, places) in other.clashes { clashes[id, default: []] += places }
        for (id, location) in other.declared {
            guard let mine = declared[id] else { continue }
            clashes[id, default: []] += [mine, location]
        }
        declaredElsewhere.append(other.declared)
        pendingElsewhere.append(other.pending)
        placeRefs += other.placeRefs
    }
}
