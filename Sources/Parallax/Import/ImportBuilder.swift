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
    private var shared: [String: String] = [:]
    /// The next suffix to try for each base id: a host with 10,000 articles must not try
    /// `host-2` … `host-9999` again for the next one.
    private var nextSuffix: [String: Int] = [:]

    init(path: String) { self.path = path }

    func at(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: 1) }

    /// One stored copy of `text`, so a million rows naming a hundred places hold a hundred strings.
    mutating func interned(_ text: String) -> String {
        if let s = shared[text] { return s }
        shared[text] = text
        return text
    }

    /// `base` if no id is yet taken equal to it but for case, else `base-2`, `base-3` …
    mutating func uniqueId(_ base: String) -> String {
        // Rows' own ids (`gdelt-N`, `ucdp-N`, `acled-X`) are not checked against this table
        // one by one; no other id may take their form.
        let base = ["gdelt-", "ucdp-", "acled-"].contains(where: { base.lowercased().hasPrefix($0) }) ? "id-" + base : base
        var n = nextSuffix[base] ?? 1
        var id = n == 1 ? base : "\(base)-\(n)"
        while !taken.insert(id.lowercased()).inserted {
            n += 1
            id = "\(base)-\(n)"
        }
        nextSuffix[base] = n + 1
        return id
    }

    /// Whether `id` is free; taken if so. Rows' own ids (GDELT's GLOBALEVENTID) go through here.
    mutating func claim(id: String) -> Bool { taken.insert(id.lowercased()).inserted }

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
                        party: String, kind: String?, line: Int) -> String {
        if let i = actorKeys[key] { return actors[i].id }
        let actor = Actor(id: uniqueId(id()), name: name(), party: party, kind: kind, title: nil, location: at(line))
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
        let events = self.events
        self.events = []
        var scenario = Scenario(formatVersion: ScenarioLoader.formatVersion, info: info, sources: sources,
                                parties: parties, actors: actors, places: [], events: events, questions: [],
                                claims: [], path: path)
        var claims = self.claims
        self.claims = []
        ImportBuilder.settle(&claims, in: scenario)
        scenario.indexClaims(claims.map(\.id))
        scenario.setClaims(claims)
        return scenario
    }

    /// What the loader sets on each claim, for imported ones (known from their event, said
    /// on `made_on` or else on their event's date): the claims of imports have no `known_at`.
    static func settle(_ claims: inout [Claim], in scenario: Scenario) {
        for i in claims.indices {
            let position = scenario.positionOfEvent[claims[i].about] ?? 0
            claims[i].knownPosition = position
            claims[i].said = claims[i].madeOn.map { EventDate(start: $0) } ?? (position > 0 ? scenario.events[position - 1].date : nil)
        }
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
