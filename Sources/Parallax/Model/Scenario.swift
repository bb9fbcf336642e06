/// A loaded, validated event model. Events are held in sequence order, so position k
/// (1-based) is `events[k - 1]`; every id resolves through `entity(_:)`.
public struct Scenario: Sendable {
    public var formatVersion: Int
    public var info: ScenarioInfo
    public var sources: SourceList
    public var parties: [Party]
    public var actors: [Actor]
    public var places: [Place]
    /// In sequence order (see `Event.sequenceKey`).
    public var events: EventList
    public var questions: [Question]
    /// In file order.
    public var claims: ClaimList
    /// The file the scenario came from, as the user named it.
    public var path: String
    /// What the loader found legal but probably not meant, in the order found (see `warnings`).
    public var foundWarnings: [ScenarioWarning] = []

    /// The warnings written out, in file order: `check` prints them.
    public var warnings: [Diagnostic] {
        foundWarnings.map { $0.diagnostic(in: self) }.sorted { $0.location < $1.location }
    }

    /// How many warnings there are, without writing them out: opening a scenario says only this.
    public var warningCount: Int { foundWarnings.count }

    /// Ids → entities, but for an import's events, claims and sources, which its columns
    /// find (`entity(_:)` asks both).
    public private(set) var index: [String: EntityRef] = [:]
    public private(set) var positionOfEvent = EventPositions()
    public private(set) var claimLinks = ClaimLinks()
    /// The question each (party, measure) answers, for questions tied to one.
    public private(set) var tiedQuestion: [Question.Tie: String] = [:]
    /// Each event's parties as integers, built on first use (Scenario+PartyIndex.swift).
    private(set) var partyIndexCache = PartyIndexCache()

    public init(formatVersion: Int, info: ScenarioInfo, sources: [Source], parties: [Party],
                actors: [Actor], places: [Place], events: [Event], questions: [Question],
                claims: [Claim], path: String) {
        self.init(formatVersion: formatVersion, info: info, sources: sources, parties: parties, actors: actors,
                  places: places, events: events, questions: questions, claims: claims, path: path, claimsToCome: 0)
    }

    /// `claimsToCome`: how many claims `indexClaims` will add, about, so that the index is
    /// made large enough at once (growing it later rehashes every id).
    init(formatVersion: Int, info: ScenarioInfo, sources: [Source], parties: [Party],
         actors: [Actor], places: [Place], events: [Event], questions: [Question],
         claims: [Claim], path: String, claimsToCome: Int) {
        self.formatVersion = formatVersion
        self.info = info
        self.sources = SourceList(sources)
        self.parties = parties
        self.actors = actors
        self.places = places
        self.events = EventList(Scenario.inSequence(events))
        self.questions = questions
        self.claims = ClaimList(claims)
        self.path = path
        reindex(claimsToCome: claimsToCome)
    }

    /// Orders events as the spec says: first day, coarser date first, untimed before
    /// timed, time, `order`, then file order. The one definition of the sequence.
    public static func inSequence(_ events: [Event]) -> [Event] {
        let order = sequenceOrder(events)
        // Events already in sequence (a cached import) are kept as they are, not copied.
        if order.indices.allSatisfy({ order[$0] == $0 }) { return events }
        return order.map { events[$0] }
    }

    /// The indices of `events` in sequence order (see `inSequence`).
    static func sequenceOrder(_ events: [Event]) -> [Int] {
        // Keys computed once per event, not once per comparison.
        // Read in place: copying each event out would retain and release all its strings.
        let keys = events.indices.map { i in
            let date = events[i].date, time = events[i].time
            return (day: date.firstDay, precision: date.precision.rawValue, timed: time != nil,
                    time: time?.minutes ?? 0, order: events[i].order ?? Int.min, file: i)
        }
        return keys.indices.sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.day != y.day { return x.day < y.day }
            if x.precision != y.precision { return x.precision < y.precision }
            if x.timed != y.timed { return !x.timed }
            if x.time != y.time { return x.time < y.time }
            if x.order != y.order { return x.order < y.order }
            return x.file < y.file
        }
    }

    /// Indexes the claims' ids before the claims are resolved: the loader looks them up.
    /// `ids` are those of claims `first…`.
    mutating func indexClaims(_ ids: [String], from first: Int = 0) {
        index.reserveCapacity(index.count + ids.count)
        for (i, id) in ids.enumerated() { index[id] = .claim(first + i) }
    }

    /// Sets the resolved claims, whose ids `indexClaims` indexed in the same order.
    /// `about`: each claim's event position when already known (an import's are).
    mutating func setClaims(_ claims: [Claim], about: [Int]? = nil) {
        self.claims = ClaimList(claims)
        claimLinks = ClaimLinks(claims: self.claims, index: index, positions: positionOfEvent, about: about)
    }

    mutating func reindex(claimsToCome: Int = 0) {
        var index: [String: EntityRef] = [:]
        index.reserveCapacity(sources.count + parties.count + actors.count + places.count
                              + events.count + questions.count + claims.count + claimsToCome)
        // By index, reading each id in place: a million events are not copied out one by one.
        if sources.columns == nil { for i in sources.indices { index[sources.id(i)] = .source(i) } }
        for i in parties.indices { index[parties[i].id] = .party(i) }
        for i in actors.indices { index[actors[i].id] = .actor(i) }
        for i in places.indices { index[places[i].id] = .place(i) }
        if events.columns == nil { for i in events.indices { index[events.id(i)] = .event(i) } }
        for i in questions.indices { index[questions[i].id] = .question(i) }
        indexTies()
        if claims.columns == nil { for i in claims.indices { index[claims.id(i)] = .claim(i) } }
        self.index = index
        var positions = EventPositions(rows: events.columns)
        if events.columns == nil {
            positions.table.reserveCapacity(events.count)
            for i in events.indices { positions.table[events.id(i)] = i + 1 }
        }
        positionOfEvent = positions
        if let rows = claims.columns {
            claimLinks = ClaimLinks(importedAbout: rows.claimEvent.map { Int($0) + 1 })
        } else {
            claimLinks = ClaimLinks(claims: claims, index: index, positions: positions)
        }
        partyIndexCache = PartyIndexCache()
    }

    /// Sets the questions' kinds and ties (the loader infers kinds once every answer is read).
    mutating func setQuestions(_ questions: [Question]) {
        self.questions = questions
        indexTies()
    }

    private mutating func indexTies() {
        var ties: [Question.Tie: String] = [:]
        for q in questions { if let t = q.tie { ties[t] = q.id } }
        tiedQuestion = ties
    }

    /// The part of a claim a revision restates: for a question tied to a (party, measure),
    /// the answer and the figure are one part, so restating either supersedes both.
    public func canonical(_ part: ClaimPart) -> ClaimPart {
        if !tiedQuestion.isEmpty, case .answer(let q) = part, case .question(let i)? = index[q], let t = questions[i].tie {
            return .figure(party: t.losses, measure: t.measure)
        }
        return part
    }

    public func entity(_ id: String) -> EntityRef? {
        if let found = index[id] { return found }
        if let rows = events.columns, let i = rows.eventRow(id) { return .event(i) }
        if let rows = claims.columns, let i = rows.claimIndex(id) { return .claim(i) }
        if let rows = sources.columns, let i = rows.sourceRow(id) { return .source(i) }
        return nil
    }

    /// Holds an import's rows: its events, claims and sources become views of the columns.
    mutating func attach(_ rows: ImportedRows) {
        events = EventList(rows)
        claims = ClaimList(rows)
        sources = SourceList(rows)
        reindex()
    }

    public func event(_ id: String) -> Event? {
        guard let p = positionOfEvent[id] else { return nil }
        return events[p - 1]
    }

    public func party(_ id: String) -> Party? {
        guard case .party(let i)? = entity(id) else { return nil }
        return parties[i]
    }

    public func actor(_ id: String) -> Actor? {
        guard case .actor(let i)? = entity(id) else { return nil }
        return actors[i]
    }

    public func claim(_ id: String) -> Claim? {
        guard case .claim(let i)? = entity(id) else { return nil }
        return claims[i]
    }

    public func source(_ id: String) -> Source? {
        guard case .source(let i)? = entity(id) else { return nil }
        return sources[i]
    }

    public func question(_ id: String) -> Question? {
        guard case .question(let i)? = index[id] else { return nil }
        return questions[i]
    }

    public func place(_ id: String) -> Place? {
        guard case .place(let i)? = index[id] else { return nil }
        return places[i]
    }

    /// The parties an event involves: those it lists, plus the parties of the actors it lists.
    public func parties(of event: Event) -> [String] {
        var result: [String] = []
        for id in event.actors {
            let p: String? = party(id) != nil ? id : actor(id)?.party
            if let p, !result.contains(p) { result.append(p) }
        }
        return result
    }

    /// A readable name for any id: an actor's or party's name, else the id itself.
    public func name(of id: String) -> String {
        switch entity(id) {
        case .actor(let i): actors[i].name
        case .party(let i): parties[i].name
        case .source(let i): sources[i].publisher
        case .place(let i): places[i].name
        case .event(let i): events.title(i)
        default: id
        }
    }
}

/// Where an id points.
public enum EntityRef: Sendable, Equatable {
    case source(Int), party(Int), actor(Int), place(Int), event(Int), question(Int), claim(Int)

    public var kindName: String {
        switch self {
        case .source: "source"
        case .party: "party"
        case .actor: "actor"
        case .place: "place"
        case .event: "event"
        case .question: "question"
        case .claim: "claim"
        }
    }
}

extension Scenario {
    /// A copy that holds only the claims at `kept` (indices, in file order) and `questions`,
    /// for reading one question or figure through the usual views cheaply (`Probe`). The
    /// events and the other entities are shared, not copied or sorted again; the index and
    /// the claims' links are those of the smaller set.
    func restricted(toClaims kept: [Int], questions: [Question]) -> Scenario {
        var copy = self
        copy.claims = ClaimList(kept.map { claims[$0] })
        copy.questions = questions
        var index = self.index.filter {
            switch $0.value {
            case .claim, .question: false
            default: true
            }
        }
        for (i, q) in questions.enumerated() { index[q.id] = .question(i) }
        for (i, c) in copy.claims.enumerated() { index[c.id] = .claim(i) }
        copy.index = index
        copy.claimLinks = ClaimLinks(claims: copy.claims, index: index, positions: positionOfEvent)
        return copy
    }
}

/// Event ids → 1-based positions: a table for a written scenario; an import's columns find
/// their own ids (a table of a million strings would cost more than the rest of a reopen).
public struct EventPositions: Sendable {
    var table: [String: Int] = [:]
    var rows: ImportedRows?

    public subscript(_ id: String) -> Int? {
        if let p = table[id] { return p }
        return rows?.eventRow(id).map { $0 + 1 }
    }
}
