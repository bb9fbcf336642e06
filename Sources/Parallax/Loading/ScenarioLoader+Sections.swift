import Dispatch

/// Reading a large block-style scenario in two parts at once. libyaml is single-threaded
/// and takes more than half of a large load; a block-style file's top-level keys start at
/// column 0, so its `claims:` block (about half the file) can be parsed and decoded on a
/// second core while the rest is read here, then joined before references are resolved.
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
        var sections: [Section] = []
        var lineStart = 0
        var line = 0
        let n = bytes.count
        while lineStart < n {
            var end = lineStart
            while end < n && bytes[end] != 10 { end += 1 }
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

    static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b == 45
    }

    /// What the second thread hands back.
    final class ClaimsPart: @unchecked Sendable {
        var document: YAMLDocument?
        var key: YAMLNode?
        var value: YAMLNode?
        var claims: [RawClaim] = []
        var loader: ScenarioLoader?
        var failed = false
    }

    /// The scenario (or nil) and every problem; nil when the sections did not parse as
    /// expected and the whole file must be read instead.
    static func loadSections(_ bytes: [UInt8], _ sections: [Section], path: String) -> (Scenario?, [Diagnostic])? {
        bytes.withUnsafeBufferPointer { buffer -> (Scenario?, [Diagnostic])? in
            nonisolated(unsafe) let shared = buffer
            let part = ClaimsPart()
            let group = DispatchGroup()
            let claimsSection = sections.first { $0.key == "claims" }!
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                guard let (doc, key, value) = parse(shared, claimsSection) else { part.failed = true; return }
                var loader = ScenarioLoader(path: path)
                part.claims = withExtendedLifetime(doc) { loader.claimList(value) }
                (part.document, part.key, part.value, part.loader) = (doc, key, value, loader)
            }
            var documents: [YAMLDocument] = []
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var failed = false
            for section in sections where section.key != "claims" {
                guard let (doc, key, value) = parse(buffer, section) else { failed = true; break }
                documents.append(doc)
                pairs.append((key, value))
            }
            var loader = ScenarioLoader(path: path)
            var entities: Entities?
            if !failed, let first = pairs.first {
                entities = loader.decodeEntities(loader.fields(pairs, of: first.key, .top))
            }
            group.wait()
            guard !failed, !part.failed, let entities, let claimsLoader = part.loader,
                  let claimsKey = part.key, let claimsValue = part.value else { return nil }
            loader.absorb(claimsLoader)
            return withExtendedLifetime((documents, part.document)) {
                // The top-level checks saw every key but `claims`; it is a known key.
                _ = (claimsKey, claimsValue)
                let scenario = loader.assemble(entities, claims: part.claims)
                return (scenario, loader.diagnostics)
            }
        }
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
        for item in list { if let c = claim(item) { out.append(c) } }
        return out
    }

    /// Takes in what another loader found: its problems, its ids (a clash is a duplicate,
    /// reported at the later place, as `declare` does) and its unresolved references.
    mutating func absorb(_ other: ScenarioLoader) {
        diagnostics += other.diagnostics
        for (id, location) in other.declared {
            if let mine = declared[id] {
                let (first, second) = mine < location ? (mine, location) : (location, mine)
                diagnostics.append(Diagnostic(second, "duplicate id '\(id)' (first declared at \(first.line):\(first.column))",
                                              length: id.count))
                declared[id] = first
            } else {
                declared[id] = location
            }
        }
        pending += other.pending
        placeRefs += other.placeRefs
    }
}
