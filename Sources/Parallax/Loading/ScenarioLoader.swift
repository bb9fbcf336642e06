/// Turns scenario text (YAML or JSON) into a validated `Scenario`, reporting every problem
/// at once with its location. A scenario with any error never half-loads: `load` either
/// returns the whole model or throws all the diagnostics.
public struct ScenarioLoader {
    public static let formatVersion = 1

    /// Loads a file from disk.
    public static func load(path: String) throws(LoadFailure) -> Scenario {
        switch FileReader.contents(of: path) {
        case .failure(let d): throw LoadFailure(diagnostics: [d], sourceText: nil)
        case .success(let bytes): return try load(bytes: bytes, path: path)
        }
    }

    /// Reads the whole text as one YAML document: the reference path, and the one that
    /// reports YAML syntax errors.
    static func loadWhole(bytes: [UInt8], path: String) throws(LoadFailure) -> Scenario {
        var loader = ScenarioLoader(path: path)
        // The text is only needed to draw carets under problems.
        var text: String? { String(validating: bytes, as: UTF8.self) }
        let document: YAMLDocument
        if bytes.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) {
            throw LoadFailure(diagnostics: [Diagnostic(loader.at(1, 1),
                "the file is empty; a scenario is a mapping with the keys parallax, scenario, sources, parties and events")],
                              sourceText: text)
        }
        switch YAMLReader.read(bytes) {
        case .failure(.syntax(let line, let column, let message)):
            throw LoadFailure(diagnostics: [Diagnostic(loader.at(line, column), message + ScenarioLoader.quoteHint(bytes, line: line))],
                              sourceText: text)
        case .failure(.reader(let offset, let message)):
            let (line, column) = ScenarioLoader.position(ofByte: offset, in: bytes)
            throw LoadFailure(diagnostics: [Diagnostic(loader.at(line, column), message)], sourceText: text)
        case .success(nil):
            throw LoadFailure(diagnostics: [Diagnostic(loader.at(1, 1),
                "the file holds no YAML document; a scenario is a mapping with the keys parallax, scenario, sources, parties and events")],
                              sourceText: text)
        case .success(let doc?):
            document = doc
        }
        let scenario = loader.decode(document.root)
        loader.reportClashes()
        if !loader.diagnostics.isEmpty || scenario == nil {
            throw LoadFailure(diagnostics: loader.diagnostics, sourceText: text)
        }
        return scenario!
    }

    /// Loads text already in memory; `path` names it in diagnostics. A large file is read
    /// in two parts at once where it can be (see `TwoParts`), else whole.
    public static func load(bytes: [UInt8], path: String) throws(LoadFailure) -> Scenario {
        // A byte-order mark (Windows editors write one) is no part of the text: libyaml,
        // told the encoding, would read it as a character and shift line 1 by a column,
        // so a first key no longer lines up with the next. Its bytes are dropped here; it
        // has no width, so every line and column stays as an editor shows it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try load(bytes: Array(bytes.dropFirst(3)), path: path)
        }
        if let rewritten = SurrogatePairs.rewritten(bytes) {
            do {
                return try load(bytes: rewritten, path: path)
            } catch {
                // Columns past each rewritten string are the file's own: quote the file's line.
                var failure = error
                if failure.sourceText != nil { failure.sourceText = String(validating: bytes, as: UTF8.self) }
                throw failure
            }
        }
        if bytes.count >= Thresholds.twoPartBytes,
           let result = loadInTwoParts(bytes: bytes, path: path, target: Int(Double(bytes.count) * TwoParts.firstShare)) {
            return try result.get()
        }
        return try loadWhole(bytes: bytes, path: path)
    }

    /// An unquoted `>=15` is a YAML syntax error (a plain value cannot start with `>`); the
    /// message then says how to write it.
    static func quoteHint(_ bytes: [UInt8], line: Int) -> String {
        var n = 1, start = 0
        for (i, b) in bytes.enumerated() where b == 10 {
            if n == line { break }
            n += 1
            start = i + 1
        }
        guard n == line else { return "" }
        let text = bytes[start...].prefix { $0 != 10 }
        var quotes = 0, previous: UInt8 = 0, i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") { quotes += 1 }
            if b == UInt8(ascii: ">"), quotes % 2 == 0, i + 1 < text.endIndex, text[i + 1] == UInt8(ascii: "="),
               [UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "-")].contains(previous) {
                let digits = text[(i + 2)...].prefix { $0 >= 48 && $0 <= 57 }
                let example = ">=" + (digits.isEmpty ? "15" : String(decoding: digits, as: UTF8.self))
                return "; a value starting with '>' must be quoted: write '\(example)' (or \(example.dropFirst(2))+)"
            }
            if b != 32 && b != 9 { previous = b }
            i += 1
        }
        return ""
    }

    /// Line and column (1-based, in characters) of a byte offset.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for b in bytes.prefix(offset) {
            if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    // MARK: - State

    let path: String
    var diagnostics: [Diagnostic] = []
    /// Every declared id and where it was declared, for uniqueness across the file.
    var declared: [String: SourceLocation] = [:]
    /// The ids a large file's second part declared (see `absorb`): none is in `declared`,
    /// so the table is kept beside it rather than merged into it.
    var declaredLater: [String: SourceLocation] = [:]
    /// Declared ids holding an upper-case or non-ASCII letter: only these can clash with
    /// another by letter case (`reportCaseClashes`).
    var caseSensitive: [String] = []
    /// Every place of each id declared more than once (see `reportClashes`).
    var clashes: [String: [SourceLocation]] = [:]
    /// References to check once every id is declared.
    var pending: [Reference] = []
    /// `place:` values: a place id, or free text.
    var placeRefs: [(YAMLNode, String)] = []
    /// What is legal but probably not meant (see `warnings`); reported only when the file
    /// has no error.
    var warnings: [ScenarioWarning] = []
    /// The question each (party, measure) answers, as questions are read.
    var tiedAt: [Question.Tie: String] = [:]
    /// What is referred to and answered, marked as references resolve (see `Uses`).
    var uses = Uses()

    struct Reference {
        var node: YAMLNode
        var id: String
        var allowed: [Kind]
        /// What the reference is, for the message: "actor", "source" …
        var role: String
    }

    enum Kind: String {
        case party, actor, source, event, question, claim, place

        init(_ entity: EntityRef) {
            self = switch entity {
            case .party: .party
            case .actor: .actor
            case .source: .source
            case .event: .event
            case .question: .question
            case .claim: .claim
            case .place: .place
            }
        }
    }

    init(path: String) { self.path = path }

    /// The tables of ids and references, once every reference is checked, leaving them empty.
    mutating func takeTables() -> (declared: [[String: SourceLocation]], pending: [Reference], places: [(YAMLNode, String)]) {
        defer { (declared, declaredLater, pending, placeRefs) = ([:], [:], [], []) }
        return ([declared, declaredLater], pending, placeRefs)
    }

    func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    func at(_ node: YAMLNode) -> SourceLocation { at(node.line, node.column) }

    mutating func error(_ node: YAMLNode, _ message: String) {
        diagnostics.append(Diagnostic(at(node), message, length: node.width))
    }

    mutating func warning(_ node: YAMLNode, _ message: String) {
        warnings.append(.written(Diagnostic(at(node), message, length: node.width, severity: .warning)))
    }

    /// What is wrong with a value that should be a number, as a message.
    static func numberProblem(_ text: String, what: String) -> String {
        if FigureValue.isReversedRange(text) {
            return "\(what) range '\(text.sanitizedForTerminal)' ends below its start; write the smaller number first"
        }
        return "\(what) must be a number: 15, 15..20, 15-20, '>=15', 15+ or at least 15; got '\(text.sanitizedForTerminal)'"
    }

    // MARK: - Fields

    /// The key/value pairs of one mapping, checked against the keys its entity allows.
    /// Held inline, by key number: a mapping has at most a few keys, and building two
    /// arrays and a hashed set per mapping was a tenth of a large load (measured).
    struct Fields {
        let keys: EntityKeys
        /// Bit n: key n of `keys.names` is present with a non-null value.
        var present: UInt32 = 0
        /// The value nodes by key number, as indices into `node`'s document: sixteen counted
        /// references per mapping cost a load twice its retains and releases (measured).
        var nodes: InlineArray<16, Int32>
        var node: YAMLNode

        init(_ keys: EntityKeys, node: YAMLNode) {
            self.keys = keys
            self.node = node
            nodes = InlineArray(repeating: node.index)
        }

        subscript(key: String) -> YAMLNode? {
            guard let i = keys.number(key), present & (1 << i) != 0 else { return nil }
            return YAMLNode(document: node.document, index: nodes[i])
        }
    }

    /// The keys one kind of entity accepts, built once (not per mapping).
    struct EntityKeys: Sendable {
        static let maxKeys = 16
        let entity: String
        /// Required keys first, then optional ones.
        let names: [String]
        let requiredCount: Int
        var requiredMask: UInt32 { (1 << UInt32(requiredCount)) - 1 }

        /// Byte lengths of `names`: comparing lengths first leaves at most one or two
        /// string comparisons per key, and equal short strings compare in one step.
        let lengths: [Int]

        init(_ entity: String, required: [String], optional: [String]) {
            precondition(required.count + optional.count <= EntityKeys.maxKeys)
            self.entity = entity
            names = required + optional
            requiredCount = required.count
            lengths = names.map(\.utf8.count)
        }

        /// A linear scan over a few short keys beats hashing them (measured).
        func number(_ key: String) -> Int? {
            let n = key.utf8.count
            for i in lengths.indices where lengths[i] == n && names[i] == key { return i }
            return nil
        }

        static let top = EntityKeys("the scenario file", required: ["parallax", "scenario", "sources", "parties", "events"],
                                    optional: ["actors", "places", "questions", "claims"])
        static let scenario = EntityKeys("scenario", required: ["id", "title"], optional: ["summary", "as_of"])
        static let source = EntityKeys("source", required: ["id", "publisher", "title", "date"], optional: ["url"])
        static let party = EntityKeys("party", required: ["id", "name", "role"], optional: [])
        static let actor = EntityKeys("actor", required: ["id", "name", "party"], optional: ["kind", "title"])
        static let place = EntityKeys("place", required: ["id", "name"], optional: ["note"])
        static let event = EntityKeys("event", required: ["id", "date", "phase", "type", "title", "sources"],
                                      optional: ["time", "order", "actors", "place", "description", "intensity", "reported_by",
                                                 "initiator"])
        /// A figure's keys: `party` and `note` (numbers 0 and 1), then every measure in order.
        static let figure = EntityKeys("figure", required: [], optional: ["party", "note"] + Measure.allCases.map(\.rawValue))
        static let question = EntityKeys("question", required: ["id", "text", "about"], optional: ["kind", "measure", "party"])
        static let claim = EntityKeys("claim", required: ["id", "by", "about", "says", "status", "sources"],
                                      optional: ["made_on", "known_at", "quote", "answers", "figures", "relayed_by",
                                                 "confirms", "denies", "revises"])
    }

    /// Checks a mapping's keys: unknown keys (with a suggestion), duplicate keys and
    /// missing required keys are errors. Nil when the node is not a mapping.
    mutating func fields(_ node: YAMLNode, _ keys: EntityKeys) -> Fields? {
        guard case .mapping(let pairs) = node.kind else {
            error(node, "\(keys.entity) must be a mapping, found \(node.kindName)")
            return nil
        }
        return fields(pairs, of: node, keys)
    }

    mutating func fields(_ pairs: YAMLNode.Pairs, of node: YAMLNode, _ keys: EntityKeys) -> Fields {
        var f = Fields(keys, node: node)
        var seen: UInt32 = 0
        // Keys an unknown key's `did you mean` names: a misspelt key is one mistake, so the
        // entity is not also said to lack the key meant.
        var meant: UInt32 = 0
        for (k, v) in pairs {
            guard let key = k.scalar else {
                error(k, "a key must be a plain word, found \(k.kindName)")
                continue
            }
            guard let i = keys.number(key) else {
                let near = Suggestions.nearest(to: key, in: keys.names)
                if let near, let j = keys.number(near) { meant |= 1 << j }
                error(k, "unknown key '\(key)' in \(keys.entity)\(Suggestions.hint(for: key, in: keys.names))")
                continue
            }
            if seen & (1 << i) != 0 {
                error(k, "duplicate key '\(key)' in \(keys.entity)")
                continue
            }
            seen |= 1 << i
            if !v.isNull {
                f.present |= 1 << i
                f.nodes[i] = v.index
            }
        }
        if (f.present | meant) & keys.requiredMask != keys.requiredMask {
            let missing = (0..<keys.requiredCount).filter { (f.present | meant) & (1 << $0) == 0 }.map { keys.names[$0] }
            let list = missing.map { "'\($0)'" }.joined(separator: ", ")
            error(node, "\(keys.entity) is missing required key\(missing.count > 1 ? "s" : "") \(list)")
        }
        return f
    }

    mutating func string(_ f: Fields, _ key: String) -> String? {
        f[key].flatMap { text(of: $0, key) }
    }

    /// The text of `key`'s value node: what `string` reads, for a caller that has the node.
    mutating func text(of node: YAMLNode, _ key: String) -> String? {
        guard let s = node.scalar else {
            error(node, "'\(key)' must be text, found \(node.kindName)")
            return nil
        }
        return s
    }

    func isDeclared(_ id: String) -> Bool {
        declared[id] != nil || declaredLater[id] != nil
    }

    /// An id being declared: a plain word, unique across the whole file.
    mutating func declare(_ f: Fields, entity: String) -> String? {
        guard let node = f["id"], let id = string(f, "id") else { return nil }
        // A malformed id is reported, and still declared and read on: the entity's other
        // keys are checked too, and references to it are not reported again as unknown.
        let (plain, folds) = ScenarioLoader.scanId(id)
        if !plain || entity == "party", let problem = ScenarioLoader.idProblem(id, entity: entity) { error(node, problem) }
        // One lookup in the common case: store, and put the first place back on a clash.
        let here = at(node)
        if let other = declared.updateValue(here, forKey: id) {
            declared[id] = other
            clashes[id, default: [other]].append(here)
            return nil
        }
        if folds { caseSensitive.append(id) }
        return id
    }

    /// Every id declared more than once, reported at each place but the first in the file.
    /// Reported once all are known: entities are decoded kind by kind, not in file order,
    /// so the first declaration met may not be the first in the file.
    mutating func reportClashes() {
        reportCaseClashes()
        for (id, places) in clashes {
            let sorted = places.sorted()
            for (k, place) in sorted.enumerated().dropFirst() where place != sorted[k - 1] {
                diagnostics.append(Diagnostic(place, "duplicate id '\(id)' (first declared at \(sorted[0].line):\(sorted[0].column))",
                                              length: id.count))
            }
        }
        clashes = [:]
    }

    /// The id character set (event-model spec): letters, marks and digits of any script and
    /// `- _ . : / +`. Whitespace, controls and invisible format characters (zero-width
    /// spaces, bidi controls) are refused, so two ids that look the same are the same.
    /// Ids equal but for letter case are duplicates too (JSON keys and party columns are
    /// lower-cased), reported at the later one. Only ids holding an upper-case or non-ASCII
    /// letter can clash so; `declare` lists them.
    mutating func reportCaseClashes() {
        var folded: [String: [(id: String, at: SourceLocation)]] = [:]
        for id in caseSensitive {
            if let at = declared[id] ?? declaredLater[id] { folded[id.lowercased(), default: []].append((id, at)) }
        }
        guard !folded.isEmpty else { return }
        for (key, found) in folded {
            var first: [String: SourceLocation] = [:]
            for (id, at) in found { first[id] = min(at, first[id] ?? at) }
            if let at = declared[key] ?? declaredLater[key] { first[key] = min(at, first[key] ?? at) }
            guard first.count > 1 else { continue }
            let ids = first.sorted { $0.value < $1.value }.map { (id: $0.key, at: $0.value) }
            for (id, at) in ids.dropFirst() {
                diagnostics.append(Diagnostic(at, "id '\(id)' differs from '\(ids[0].id)' (declared at \(ids[0].at.line):\(ids[0].at.column)) "
                                              + "only in letter case; ids that differ only in case are the same id", length: id.unicodeScalars.count))
            }
        }
    }

    /// The first character an id may not hold, or nil; ASCII is decided byte by byte.
    /// In one pass over an id's bytes: whether it is made of ASCII id characters only (and
    /// non-empty), and whether it has a letter whose case could differ (uppercase or
    /// non-ASCII). Every declared id is scanned; `idProblem` explains the rare bad one.
    static func scanId(_ id: String) -> (plain: Bool, folds: Bool) {
        var plain = true, folds = false
        var id = id
        id.withUTF8 { bytes in
            plain = !bytes.isEmpty
            for b in bytes {
                switch b {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): folds = true
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                     UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "+"):
                    continue
                case 0x80...: folds = true; plain = false
                default: plain = false
                }
            }
        }
        return (plain, folds)
    }

    static func firstInvalidIdCharacter(_ id: String) -> Unicode.Scalar? {
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "+"):
                continue
            case 0x80...:
                return id.unicodeScalars.first { !isIdScalar($0) }
            default:
                return Unicode.Scalar(b)
            }
        }
        return nil
    }

    /// An id as text that shows every character: invisible and control ones as `\u{200B}`.
    static func visible(_ id: String) -> String {
        var out = ""
        for s in id.unicodeScalars {
            if s.properties.generalCategory == .format || ControlCharacter.isControl(s) || (s.properties.isWhitespace && s != " ") {
                out += ControlCharacter.escaped(s)
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    static func isIdScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.properties.isAlphabetic || ("0"..."9").contains(s) || "-_.:/+".unicodeScalars.contains(s) }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Why an id is refused, naming the character (`U+200B`) so an invisible one shows.
    static func idProblem(_ id: String, entity: String) -> String? {
        guard !id.isEmpty else { return "\(entity) id is empty" }
        guard let bad = firstInvalidIdCharacter(id) else {
            // As answers are read: a party id that reads as yes/no, withheld or a number
            // could never be told from one.
            if entity == "party", ["yes", "no", "withheld"].contains(id.lowercased()) || FigureValue(reading: id) != nil {
                return "party id '\(id)' reads as an answer (yes, no, withheld or a number); give the party another id"
            }
            return nil
        }
        let what = bad.properties.isWhitespace ? "a space" : ControlCharacter.isControl(bad) ? "a control character"
            : bad.properties.generalCategory == .format ? "an invisible format character" : "the character"
        let shown = bad.properties.generalCategory == .format || bad.properties.isWhitespace || ControlCharacter.isControl(bad)
            ? "" : " '\(bad)'"
        return "\(entity) id '\(visible(id))' holds \(what)\(shown) (\(ControlCharacter.name(bad))); "
            + "an id is made of letters, marks, digits and - _ . : / +"
    }

    mutating func integer(_ node: YAMLNode, _ what: String, minimum: Int? = nil) -> Int? {
        guard let s = node.scalar else {
            error(node, "\(what) must be a whole number, found \(node.kindName)")
            return nil
        }
        let digits = s.hasPrefix("-") ? s.dropFirst() : s[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            error(node, "\(what) must be a whole number, got '\(s.sanitizedForTerminal)'")
            return nil
        }
        guard let n = Int(s) else {
            error(node, "\(what) '\(s)' is too large")
            return nil
        }
        if let minimum, n < minimum {
            error(node, "\(what) must be at least \(minimum), got \(n)")
            return nil
        }
        return n
    }

    mutating func list(_ f: Fields, _ key: String) -> [YAMLNode] {
        guard let node = f[key] else { return [] }
        switch node.kind {
        case .sequence(let items): return Array(items)
        case .scalar: return [node]   // a single id is accepted where a list is expected
        case .mapping:
            error(node, "'\(key)' must be a list, found a mapping")
            return []
        }
    }

    /// The ids listed under `key` (a list, or a single id), each queued as a reference to
    /// check once every id is known. Built in one pass: this runs for every event and claim.
    mutating func references(_ f: Fields, _ key: String, _ allowed: [Kind], role: String) -> [String] {
        guard let node = f[key] else { return [] }
        switch node.kind {
        case .scalar(let id, _):
            pending.append(.init(node: node, id: id, allowed: allowed, role: role))
            return [id]
        case .sequence(let items):
            var out: [String] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let id = item.scalar else {
                    error(item, "'\(key)' must list ids, found \(item.kindName)")
                    continue
                }
                pending.append(.init(node: item, id: id, allowed: allowed, role: role))
                out.append(id)
            }
            return out
        case .mapping:
            error(node, "'\(key)' must be a list, found a mapping")
            return []
        }
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ f: Fields, _ key: String, _ type: E.Type) -> E?
    where E.RawValue == String {
        guard let node = f[key], let s = text(of: node, key) else { return nil }
        if let v = E(rawValue: s) { return v }
        let all = E.allCases.map(\.rawValue)
        let hint = Suggestions.nearest(to: s, in: all).map { "; did you mean '\($0)'?" }
            ?? "; expected one of: " + all.joined(separator: ", ")
        error(node, "unknown \(key) '\(s.sanitizedForTerminal)'\(hint)")
        return nil
    }

    mutating func partialDate(_ f: Fields, _ key: String) -> PartialDate? {
        guard let node = f[key], let s = text(of: node, key) else { return nil }
        guard let d = PartialDate(parsing: s) else {
            error(node, "invalid date '\(s.sanitizedForTerminal)'; write YYYY, YYYY-MM or YYYY-MM-DD with a real calendar day")
            return nil
        }
        return d
    }
}
