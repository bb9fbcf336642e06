/// Decoding of each entity; references are resolved afterwards, in `resolve`, once every
/// id in the file is known.
extension ScenarioLoader {
    /// Everything but the claims, decoded; claims are decoded apart (a large file's in two
    /// parts, see `TwoParts`) and joined in `assemble`.
    struct Entities {
        var version: Int
        var info: ScenarioInfo?
        var sources: [Source]
        var parties: [Party]
        var actors: [Actor]
        var places: [Place]
        var events: [Event]
        var questions: [Question]
    }

    mutating func decode(_ root: YAMLNode) -> Scenario? {
        guard let top = fields(root, .top) else { return nil }
        let entities = decodeEntities(top)
        let claims = items(top, "claims") { $0.claim($1) }
        guard let base = begin(entities, claimsToCome: claims.count) else { return nil }
        return assemble(base, claims: claims)
    }

    mutating func decodeEntities(_ top: Fields) -> Entities {
        var version = ScenarioLoader.formatVersion
        if let v = top["parallax"], let n = integer(v, "'parallax' (the format version)") {
            if n != ScenarioLoader.formatVersion {
                error(v, "unsupported format version \(n); this Parallax reads version \(ScenarioLoader.formatVersion)")
            }
            version = n
        }
        return Entities(version: version,
                        info: top["scenario"].flatMap { scenarioInfo($0) },
                        sources: items(top, "sources") { $0.source($1) },
                        parties: items(top, "parties") { $0.party($1) },
                        actors: items(top, "actors") { $0.actor($1) },
                        places: items(top, "places") { $0.place($1) },
                        events: items(top, "events") { $0.event($1) },
                        questions: items(top, "questions") { $0.question($1) })
    }

    /// The scenario of everything but the claims (events in sequence, every id indexed),
    /// with the references that name one of these entities resolved: none of this needs a
    /// claim, so a large file's first part does it while the second is still being read.
    /// A reference that does not resolve yet (to a claim, or nothing) waits for `resolve`.
    /// `claimsToCome`: about how many claims `assemble` will add.
    mutating func begin(_ e: Entities, claimsToCome: Int) -> Scenario? {
        guard let info = e.info else { return nil }
        let scenario = Scenario(formatVersion: e.version, info: info, sources: e.sources, parties: e.parties,
                                actors: e.actors, places: e.places, events: e.events, questions: e.questions,
                                claims: [], path: path, claimsToCome: claimsToCome)
        uses = Uses(scenario)
        pending.removeAll { ref in
            guard let found = scenario.entity(ref.id), ref.allowed.contains(Kind(found)) else { return false }
            uses.mark(found)
            return true
        }
        return scenario
    }

    /// Adds the claims to the scenario `begin` made and resolves every reference; nil when
    /// anything was wrong.
    mutating func assemble(_ scenario: consuming Scenario, claims: [RawClaim]) -> Scenario? {
        scenario.indexClaims(claims.map(\.claim.id))
        var (resolved, about) = resolve(scenario, claims: claims)
        let written = WrittenParts(claims)
        typeAnswers(&resolved, written, &scenario)
        checkRevisions(resolved, claims, index: scenario.index)
        if diagnostics.isEmpty { findUnused(scenario) }
        scenario.setClaims(resolved, about: about)
        guard diagnostics.isEmpty else { return nil }
        changedWithoutRevises(scenario, written)
        scenario.foundWarnings = warnings
        return scenario
    }

    mutating func items<T>(_ top: Fields, _ key: String, _ decode: (inout ScenarioLoader, YAMLNode) -> T?) -> [T] {
        top[key].map { items($0, key, decode) } ?? []
    }

    /// The list under `key`, each item decoded (those with errors left out). `room`: how
    /// many more items the caller will add, for the array to be made large enough at once.
    mutating func items<T>(_ node: YAMLNode, _ key: String, room: (Int) -> Int = { _ in 0 },
                           _ decode: (inout ScenarioLoader, YAMLNode) -> T?) -> [T] {
        guard case .sequence(let list) = node.kind else {
            error(node, "'\(key)' must be a list, found \(node.kindName)")
            return []
        }
        var out: [T] = []
        out.reserveCapacity(list.count + room(list.count))
        declared.reserveCapacity(declared.count + list.count)
        for item in list { if let x = decode(&self, item) { out.append(x) } }
        return out
    }

    mutating func scenarioInfo(_ node: YAMLNode) -> ScenarioInfo? {
        guard let f = fields(node, .scenario),
              let id = declare(f, entity: "scenario"), let title = string(f, "title") else { return nil }
        return ScenarioInfo(id: id, title: title, summary: string(f, "summary"), asOf: partialDate(f, "as_of"))
    }

    mutating func source(_ node: YAMLNode) -> Source? {
        guard let f = fields(node, .source),
              let id = declare(f, entity: "source") else { return nil }
        let publisher = string(f, "publisher"), title = string(f, "title"), date = partialDate(f, "date")
        guard let publisher, let title, let date else { return nil }
        return Source(id: id, publisher: publisher, title: title, date: date, url: string(f, "url"), location: at(node))
    }

    mutating func party(_ node: YAMLNode) -> Party? {
        guard let f = fields(node, .party),
              let id = declare(f, entity: "party") else { return nil }
        let name = string(f, "name"), role = enumValue(f, "role", PartyRole.self)
        guard let name, let role else { return nil }
        return Party(id: id, name: name, role: role, location: at(node))
    }

    mutating func actor(_ node: YAMLNode) -> Actor? {
        guard let f = fields(node, .actor),
              let id = declare(f, entity: "actor") else { return nil }
        let name = string(f, "name"), party = string(f, "party")
        guard let name, let party else { return nil }
        pending.append(.init(node: f["party"]!, id: party, allowed: [.party], role: "party"))
        return Actor(id: id, name: name, party: party, kind: string(f, "kind"), title: string(f, "title"),
                     location: at(node))
    }

    mutating func place(_ node: YAMLNode) -> Place? {
        guard let f = fields(node, .place),
              let id = declare(f, entity: "place"), let name = string(f, "name") else { return nil }
        return Place(id: id, name: name, note: string(f, "note"), location: at(node))
    }

    mutating func event(_ node: YAMLNode) -> Event? {
        guard let f = fields(node, .event),
              let id = declare(f, entity: "event") else { return nil }
        var date: EventDate?
        if let n = f["date"], let s = text(of: n, "date") {
            switch EventDate.parse(s) {
            case .success(let d): date = d
            case .failure(.invalid):
                error(n, "invalid date '\(s.sanitizedForTerminal)'; write YYYY, YYYY-MM, YYYY-MM-DD or START..END with real calendar days")
            case .failure(.reversed):
                error(n, "date range '\(s)' ends before it starts")
            }
        }
        var time: TimeOfDay?
        if let n = f["time"], let s = text(of: n, "time") {
            time = TimeOfDay(parsing: s)
            if time == nil { error(n, "invalid time '\(s.sanitizedForTerminal)'; write HH:MM (00:00 to 23:59)") }
        }
        let order = f["order"].flatMap { integer($0, "'order'") }
        var intensity: Double?
        if let n = f["intensity"], let s = text(of: n, "intensity") {
            if let v = Double(s), v.isFinite, v >= -10, v <= 10 { intensity = v } else {
                error(n, "intensity must be a number from -10 to 10, got '\(s.sanitizedForTerminal)'")
            }
        }
        let phase = enumValue(f, "phase", Phase.self)
        let type = enumValue(f, "type", EventType.self)
        let title = string(f, "title")
        let actors = references(f, "actors", [.party, .actor], role: "actor")
        let reporters = references(f, "reported_by", [.party, .actor, .source], role: "reporter")
        let sources = references(f, "sources", [.source], role: "source")
        if sources.isEmpty, let n = f["sources"] { error(n, "an event names at least one source") }
        let place = string(f, "place")
        if let place, let n = f["place"] { placeRefs.append((n, place)) }
        var disputed = false
        if let n = f["initiator"], let s = text(of: n, "initiator") {
            if s != "disputed" {
                error(n, "initiator takes one value, 'disputed' (who acted first is contested); got '\(s.sanitizedForTerminal)'")
            } else if let type, !type.isDirected {
                error(n, "'initiator: disputed' applies to directed types (\(EventType.allCases.filter(\.isDirected).map(\.rawValue).joined(separator: ", "))); the actors of a '\(type.rawValue)' event carry no order")
            } else {
                disputed = true
            }
        }
        guard let date, let phase, let type, let title else { return nil }
        return Event(id: id, date: date, time: time, order: order, phase: phase, type: type,
                     actors: actors, place: place, reportedBy: reporters, title: title,
                     description: string(f, "description"), intensityOverride: intensity,
                     sources: sources, location: at(node), initiatorDisputed: disputed)
    }

    mutating func question(_ node: YAMLNode) -> Question? {
        guard let f = fields(node, .question),
              let id = declare(f, entity: "question") else { return nil }
        let text = string(f, "text"), about = string(f, "about")
        let kind = enumValue(f, "kind", QuestionKind.self)
        var tie: Question.Tie?
        let measure = enumValue(f, "measure", Measure.self), party = string(f, "party")
        switch (f["measure"], f["party"]) {
        case (nil, nil): break
        case (let m?, nil): error(m, "'measure' needs 'party' too (a party id, or all for all sides together)")
        case (nil, let p?): error(p, "'party' needs 'measure' too: the question is answered by that party's figure")
        case (_, let p?):
            if let kind, kind != .number, let k = f["kind"] {
                error(k, "a question with 'measure' and 'party' is a number question; kind '\(kind.rawValue)' does not fit")
            }
            if let party, party != "all" { pending.append(.init(node: p, id: party, allowed: [.party], role: "party")) }
            if let measure, let party { tie = Question.Tie(losses: party == "all" ? nil : party, measure: measure) }
        }
        guard let text, let about else { return nil }
        pending.append(.init(node: f["about"]!, id: about, allowed: [.event], role: "event"))
        var q = Question(id: id, text: text, about: about, location: at(node))
        q.tie = tie
        if let kind { q.kind = kind; q.kindDeclared = true }
        if let tie, let n = f["party"], let other = tiedAt[tie] {
            error(n, "question '\(other)' is already answered by the figure for \(tie.losses ?? "all") \(tie.measure.rawValue); one question per (party, measure)")
        } else if let tie {
            tiedAt[tie] = id
        }
        return q
    }
}
