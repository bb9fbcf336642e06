/// Collects the entities of imported rows — parties, actors, sources, events and claims —
/// declaring each party, actor and source once however many rows name it, and sharing
/// one copy of each repeated string (a place, a source's name) among all rows that hold it.
struct ImportBuilder {
    let path: String
    var sources: [Source] = []
    var parties: [Party] = []
    var actors: [Actor] = []
    var events: [Event] = []
    /// Claims with `knownPosition` still 0: set once the events are in sequence.
    var claims: [Claim] = []
    /// Every id given so far, lower-cased (ids equal but for case are the same id).
    private var taken: Set<String> = []
    /// Key (as the file names the thing) → id, per kind.
    private var sourceKeys: [String: Int] = [:]
    private var partyKeys: [String: Int] = [:]
    private var actorKeys: [String: Int] = [:]
    private var shared = StringTable()
    /// One stored copy of each list of ids (an event's actors, its sources), as for strings.
    private var sharedLists: [[String]: [String]] = [:]
    private var killedLists: [FigureValue: [(measure: Measure, value: FigureValue)]] = [:]
    /// The next suffix to try for each base id: a host with 10,000 articles must not try
    /// `host-2` … `host-9999` again for the next one.
    private var nextSuffix: [String: Int] = [:]

    init(path: String) { self.path = path }

    func at(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: 1) }

    /// One stored copy of `text`, so a million rows naming a hundred places hold a hundred strings.
    mutating func interned(_ text: String) -> String { shared.interned(text) }

    /// The stored text of these UTF-8 bytes, made only when new (see `StringTable`).
    mutating func interned(utf8 bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { shared.interned(utf8: $0) }
    }

    /// One stored copy of `list`: a million events among a few hundred parties hold a few
    /// thousand lists of actors.
    mutating func interned(_ list: [String]) -> [String] {
        if let l = sharedLists[list] { return l }
        sharedLists[list] = list
        return list
    }

    /// A figure's values when it gives only the killed: one stored list per value.
    mutating func killed(_ value: FigureValue) -> [(measure: Measure, value: FigureValue)] {
        if let l = killedLists[value] { return l }
        let list: [(measure: Measure, value: FigureValue)] = [(.killed, value)]
        killedLists[value] = list
        return list
    }

    /// `base` if no id is yet taken equal to it but for case, else `base-2`, `base-3` …
    mutating func uniqueId(_ base: String) -> String {
        // Rows' own ids (`gdelt-N`, `ucdp-N`, `acled-X`) are not checked against this table
        // one by one; no other id may take their form.
        let base = ImportBuilder.rowIdPrefixes.contains(where: { ImportBuilder.hasPrefixIgnoringCase(base, $0) }) ? "id-" + base : base
        var n = nextSuffix[base] ?? 1
        var id = n == 1 ? base : base + "-" + String(n)
        while !taken.insert(ImportBuilder.caseKey(id)).inserted {
            n += 1
            id = base + "-" + String(n)
        }
        nextSuffix[base] = n + 1
        return id
    }

    static let rowIdPrefixes: [[UInt8]] = ["gdelt-", "ucdp-", "acled-"].map { Array($0.utf8) }

    /// Whether `text` begins with the lower-case ASCII `prefix`, ignoring case: as
    /// `text.lowercased().hasPrefix(prefix)`, without making the lower-cased copy.
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: [UInt8]) -> Bool {
        var k = 0
        for b in text.utf8 {
            if k == prefix.count { return true }
            // Only ASCII letters and `-` are in the prefixes; no other character lower-cases to one
            // (U+0130 'İ' lower-cases to "i̇", whose first byte is 'i': compared as the full string).
            if b >= 0x80 { return text.lowercased().utf8.starts(with: prefix) }
            let lower = b >= 65 && b <= 90 ? b + 32 : b
            guard lower == prefix[k] else { return false }
            k += 1
        }
        return k == prefix.count
    }

    /// The key under which ids equal but for case are one: `id.lowercased()`, which for an
    /// id already in lower case (every slug) is the id itself, sharing its storage.
    static func caseKey(_ id: String) -> String {
        for b in id.utf8 where (b >= 65 && b <= 90) || b >= 0x80 { return id.lowercased() }
        return id
    }

    /// Whether `id` is free; taken if so. Rows' own ids (GDELT's GLOBALEVENTID) go through here.
    mutating func claim(id: String) -> Bool { taken.insert(ImportBuilder.caseKey(id)).inserted }

    /// The party for `key`, declared on first use.
    mutating func party(key: String, id: @autoclosure () -> String, name: @autoclosure () -> String,
                        role: PartyRole, line: Int) -> String {
        if let i = partyKeys[key] { return parties[i].id }
        // A party id may not read as an answer (`12`, `yes`): such a name gets a prefix.
        var base = id()
        if ScenarioLoader.idProblem(base, entity: "party") != nil { base = "party-" + base }
        let party = Party(id: uniqueId(base), name: name(), role: role, location: at(line))
        partyKeys[key] = parties.count
        parties.append(party)
        return party.id
    }

    /// The actor for `key`, declared on first use.
    mutating func actor(key: String, id: @autoclosure () -> String, name: @autoclosure () -> String,
                        party: String, kind: @autoclosure () -> String?, line: Int) -> String {
        if let i = actorKeys[key] { return actors[i].id }
        let actor = Actor(id: uniqueId(id()), name: name(), party: party, kind: kind(), title: nil, location: at(line))
        actorKeys[key] = actors.count
        actors.append(actor)
        return actor.id
    }

    /// The source for `key`, declared on first use.
    mutating func source(key: String, id: @autoclosure () -> String, publisher: @autoclosure () -> String,
                         title: @autoclosure () -> String, date: PartialDate, url: String?, line: Int) -> String {
        if let i = sourceKeys[key] { return sources[i].id }
        let source = Source(id: uniqueId(id()), publisher: publisher(), title: title(), date: date, url: url, location: at(line))
        sourceKeys[key] = sources.count
        sources.append(source)
        return source.id
    }

    /// The model, events in sequence and each claim known from its event. The builder's
    /// lists are moved into it (a million claims are not copied), leaving the builder empty.
    mutating func build(info: ScenarioInfo) -> Scenario {
        // The events are put in sequence where they are, not copied into a second array of a
        // million; the scenario indexes them once they are in place.
        var events = self.events
        self.events = []
        let order = Scenario.sequenceOrder(events)
        ImportBuilder.permute(&events, order)
        var scenario = Scenario(formatVersion: ScenarioLoader.formatVersion, info: info, sources: sources,
                                parties: parties, actors: actors, places: [], events: [], questions: [],
                                claims: [], path: path)
        scenario.events = EventList(events)
        events = []
        scenario.reindex(claimsToCome: claims.count)
        var claims = self.claims
        self.claims = []
        // Each row gives an event and a claim about it, in file order: claim k is about the
        // event of row k, now at the position the order gave it (checked; else looked up).
        var about = [Int](repeating: 0, count: claims.count)
        for (position, row) in order.enumerated() where row < claims.count && claims[row].about == scenario.events[position].id {
            about[row] = position + 1
        }
        about = ImportBuilder.settle(&claims, in: scenario, known: about)
        scenario.indexClaims(claims.map(\.id))
        scenario.setClaims(claims, about: about)
        return scenario
    }

    /// Rearranges `items` in place so that position k holds what was at `order[k]` (as
    /// `order.map { items[$0] }`, without a second array): each cycle of the permutation is
    /// walked once, by swaps, which move items without copying them.
    static func permute<T>(_ items: inout [T], _ order: [Int]) {
        precondition(order.count == items.count)
        var done = [Bool](repeating: false, count: order.count)
        for start in order.indices where !done[start] {
            done[start] = true
            var i = start
            // Position i holds what was at `start`; it takes what belongs there, and passes
            // the first item on along the cycle.
            while order[i] != start {
                let j = order[i]
                items.swapAt(i, j)
                done[j] = true
                i = j
            }
        }
    }

    /// What the loader sets on each claim, for imported ones (known from their event, said
    /// on `made_on` or else on their event's date): the claims of imports have no `known_at`.
    /// `known`: positions already known (0 where not); returns every claim's position.
    @discardableResult
    static func settle(_ claims: inout [Claim], in scenario: Scenario, known: [Int] = []) -> [Int] {
        var positions = [Int](repeating: 0, count: claims.count)
        for i in claims.indices {
            let position = i < known.count && known[i] > 0 ? known[i] : scenario.positionOfEvent[claims[i].about] ?? 0
            positions[i] = position
            claims[i].knownPosition = position
            claims[i].said = claims[i].madeOn.map { EventDate(start: $0) } ?? (position > 0 ? scenario.events[position - 1].date : nil)
        }
        return positions
    }

    /// A readable id from a name: lower-case words joined by `-` ("Government of
    /// Azerbaijan" → `government-of-azerbaijan`), keeping letters and digits of any script.
    /// `keepingDots` keeps `.` (a host name: `voxy.co.nz`).
    static func slug(_ name: String, fallback: String, keepingDots: Bool = false) -> String {
        // Most names are ASCII (every host name): those are done on bytes.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            var dash = false
            for c in name.utf8 {
                let b = c >= 65 && c <= 90 ? c + 32 : c
                if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || (keepingDots && b == 46 && !bytes.isEmpty) {
                    if dash && !bytes.isEmpty { bytes.append(45) }
                    bytes.append(b)
                    dash = false
                } else {
                    dash = true
                }
            }
            if bytes.count > 48 { bytes.removeLast(bytes.count - 48) }
            while bytes.last == 45 { bytes.removeLast() }
            return bytes.isEmpty ? fallback : String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var dash = false
        for s in name.lowercased().unicodeScalars {
            let word = (s.properties.isAlphabetic || s.properties.numericType != nil) && ScenarioLoader.isIdScalar(s)
            if word || (keepingDots && s == "." && !out.isEmpty) {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(s)
                dash = false
            } else {
                dash = true
            }
        }
        if out.count > 48 { out = String(out.prefix(48)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }
}
