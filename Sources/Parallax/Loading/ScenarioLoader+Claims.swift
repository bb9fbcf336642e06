/// Claims, and the resolution of every reference in the file.
extension ScenarioLoader {
    /// A claim as written, with the nodes its references came from.
    struct RawClaim {
        var claim: Claim
        var node: YAMLNode
        var byNode: YAMLNode
        var aboutNode: YAMLNode
        var knownAtNode: YAMLNode?
        /// Question key, question id, answer as written (typed in `typeAnswers`).
        var answers: [(YAMLNode, String, YAMLNode)]
        var revisesNode: YAMLNode?
        var figureParties: [(YAMLNode, String)]
        /// Each figure value's measure key, in the order of the claim's figures and values.
        var figureKeys: [[YAMLNode]]
    }

    /// A list of claims (the `claims:` key's, or part of it), decoded.
    /// `room`: how many claims will be put before these, given how many these are.
    mutating func claimList(_ node: YAMLNode, room: (Int) -> Int = { _ in 0 }) -> [RawClaim] {
        items(node, "claims", room: room) { $0.claim($1) }
    }

    mutating func claim(_ node: YAMLNode) -> RawClaim? {
        guard let f = fields(node, .claim),
              let id = declare(f, entity: "claim") else { return nil }
        let by = string(f, "by"), about = string(f, "about"), says = string(f, "says")
        let status = enumValue(f, "status", ClaimStatus.self)
        let madeOn = partialDate(f, "made_on")
        var knownAt: KnownAt?
        if let s = string(f, "known_at") {
            // A date-like id is told from a date in `resolve`, once every id is known.
            knownAt = PartialDate(parsing: s).map { KnownAt.date($0) } ?? .event(s)
        }
        var answers: [(YAMLNode, String, YAMLNode)] = []
        if let n = f["answers"] {
            if case .mapping(let pairs) = n.kind {
                for (k, v) in pairs {
                    guard let q = k.scalar else { error(k, "a question id must be a word"); continue }
                    let fits: Bool = switch v.kind {
                    case .scalar: !v.isNull
                    case .sequence(let items): !items.isEmpty && items.allSatisfy { $0.scalar != nil }
                    case .mapping: false
                    }
                    guard fits else {
                        error(v, "the answer to '\(q)' must be a party id or a list of them, yes/no, a number, short text or withheld")
                        continue
                    }
                    if answers.contains(where: { $0.1 == q }) { error(k, "question '\(q)' answered twice"); continue }
                    answers.append((k, q, v))
                }
            } else {
                error(n, "'answers' must be a mapping of question id to answer, found \(n.kindName)")
            }
        }
        var figures: [Figure] = []
        var figureParties: [(YAMLNode, String)] = []
        var figureKeys: [[YAMLNode]] = []
        for item in list(f, "figures") {
            if let (figure, partyNode, keys) = figure(item) {
                // A claim gives one figure per (party, measure): the total, its parts in `note`.
                for (k, (m, _)) in zip(keys, figure.values)
                where figures.contains(where: { $0.party == figure.party && $0.value(of: m) != nil }) {
                    error(k, "a second '\(m.rawValue)' figure for \(figure.party ?? "all sides") in one claim; "
                          + "give the total once and say what it counts in 'note:'")
                }
                figures.append(figure)
                figureKeys.append(keys)
                if let partyNode, let p = figure.party { figureParties.append((partyNode, p)) }
            }
        }
        let relayedBy = string(f, "relayed_by")
        if let relayedBy, let n = f["relayed_by"] {
            pending.append(.init(node: n, id: relayedBy, allowed: [.actor, .party, .source], role: "relayer"))
        }
        let confirms = references(f, "confirms", [.claim], role: "claim")
        let denies = references(f, "denies", [.claim], role: "claim")
        for key in ["confirms", "denies"] where (key == "confirms" ? confirms : denies).contains(id) {
            let node = list(f, key).first { $0.scalar == id } ?? f[key]!
            error(node, "claim '\(id)' \(key) itself; '\(key)' names other claims")
        }
        let sources = references(f, "sources", [.source], role: "source")
        if sources.isEmpty, let n = f["sources"] { error(n, "a claim names at least one source") }
        // A wrong `says` or `status` is reported already; the claim is still read on (with
        // a stand-in that never loads: the file has an error), so the problems of its
        // other keys are reported too, not only after the first is fixed.
        guard let by, let about else { return nil }
        let claim = Claim(id: id, by: by, speaker: .actor(by), about: about, madeOn: madeOn, knownAt: knownAt,
                          says: says ?? "", quote: string(f, "quote"), status: status ?? .official, answers: [], figures: figures,
                          relayedBy: relayedBy, confirms: confirms, denies: denies,
                          revises: string(f, "revises"), sources: sources, location: at(node),
                          knownPosition: 0, party: nil)
        return RawClaim(claim: claim, node: node, byNode: f["by"]!, aboutNode: f["about"]!,
                        knownAtNode: f["known_at"], answers: answers, revisesNode: f["revises"],
                        figureParties: figureParties, figureKeys: figureKeys)
    }

    mutating func figure(_ node: YAMLNode) -> (Figure, YAMLNode?, [YAMLNode])? {
        guard case .mapping(let pairs) = node.kind else {
            error(node, "a figure must be a mapping such as {party: ARM, killed: 1}, found \(node.kindName)")
            return nil
        }
        var figure = Figure(party: nil, values: [], note: nil, location: at(node))
        var partyNode: YAMLNode?
        var keys: [(Measure, YAMLNode)] = []
        var seen: UInt32 = 0
        var unknown: [String] = []
        var meantMeasure = false
        for (k, v) in pairs {
            guard let key = k.scalar else { error(k, "a key must be a plain word"); continue }
            guard let number = EntityKeys.figure.number(key) else {
                if unknown.contains(key) { error(k, "duplicate key '\(key)' in figure"); continue }
                unknown.append(key)
                let all = Measure.allCases.map(\.rawValue) + ["party", "note"]
                let near = Suggestions.nearest(to: key, in: all)
                // A misspelt measure is the one mistake: the figure is not also said to name none.
                if let near, Measure(rawValue: near) != nil { meantMeasure = true }
                error(k, "unknown key '\(key)' in figure\(Suggestions.hint(for: key, in: all))")
                continue
            }
            if seen & (1 << number) != 0 { error(k, "duplicate key '\(key)' in figure"); continue }
            seen |= 1 << number
            switch number {
            case 0:
                partyNode = v
                figure.party = v.scalar
                if figure.party == nil { error(v, "'party' must be a party id") }
            case 1:
                figure.note = v.scalar
            default:
                let measure = Measure.allCases[number - 2]
                if let value = figureValue(v, measure) {
                    figure.values.append((measure, value))
                    keys.append((measure, k))
                }
            }
        }
        if figure.values.isEmpty && seen >> 2 == 0 && !meantMeasure {
            error(node, "figure names no measure; give one of: " + Measure.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        figure.values.sort { $0.measure < $1.measure }
        keys.sort { $0.0 < $1.0 }
        return (figure, partyNode, keys.map(\.1))
    }

    mutating func figureValue(_ node: YAMLNode, _ measure: Measure) -> FigureValue? {
        let what = "'\(measure.rawValue)'"
        switch node.kind {
        case .scalar(let text, _):
            if let v = FigureValue(reading: text) { return v }
            error(node, ScenarioLoader.numberProblem(text, what: what) + "; or write {min: A, max: B} or {at_least: N}")
            return nil
        case .sequence:
            error(node, "\(what) must be a number (15, 15..20, 15-20, '>=15', 15+ or at least 15), {min: A, max: B} or {at_least: N}")
            return nil
        case .mapping(let pairs):
            var minV: Int?, maxV: Int?, atLeast: Int?
            for (k, v) in pairs {
                switch k.scalar {
                case "min": minV = integer(v, "\(what) min", minimum: 0)
                case "max": maxV = integer(v, "\(what) max", minimum: 0)
                case "at_least": atLeast = integer(v, "\(what) at_least", minimum: 0)
                default:
                    let key = k.scalar ?? "?"
                    error(k, "unknown key '\(key)' in a figure value\(Suggestions.hint(for: key, in: ["min", "max", "at_least"])); write {min: A, max: B} or {at_least: N}")
                    return nil
                }
            }
            if let atLeast, minV == nil, maxV == nil { return .atLeast(atLeast) }
            if let minV, let maxV, atLeast == nil {
                guard minV <= maxV else { error(node, "\(what) range has min \(minV) above max \(maxV)"); return nil }
                return minV == maxV ? .exact(minV) : .range(min: minV, max: maxV)
            }
            error(node, "\(what) must be {min: A, max: B} or {at_least: N}")
            return nil
        }
    }

    // MARK: - Resolution

    func kind(of id: String, in scenario: Scenario) -> Kind? {
        scenario.entity(id).map(Kind.init)
    }

    /// Ids of the given kinds, for suggestions.
    func candidates(_ kinds: [Kind], in scenario: Scenario, claims: [RawClaim]) -> [String] {
        var out: [String] = []
        for k in kinds {
            switch k {
            case .party: out += scenario.parties.map(\.id)
            case .actor: out += scenario.actors.map(\.id)
            case .source: out += scenario.sources.map(\.id)
            case .event: out += scenario.events.map(\.id)
            case .question: out += scenario.questions.map(\.id)
            case .claim: out += claims.map(\.claim.id)
            case .place: out += scenario.places.map(\.id)
            }
        }
        return out
    }

    mutating func check(_ ref: Reference, in scenario: Scenario, claims: [RawClaim]) {
        let entity = scenario.entity(ref.id)
        let found = entity.map(Kind.init)
        if let entity, let found, ref.allowed.contains(found) {
            uses.mark(entity)
            return
        }
        if reportedWhereDeclared(ref.id, in: scenario) { return }
        if let found {
            error(ref.node, "'\(ref.id)' is \(found.named), not \(Kind.named(ref.allowed))")
        } else {
            let hint = Suggestions.hint(for: ref.id, in: candidates(ref.allowed, in: scenario, claims: claims))
            error(ref.node, "unknown \(ref.role) '\(ref.id.sanitizedForTerminal)'\(hint)")
        }
    }

    /// Resolves every reference, with the claims' ids already in the scenario's index.
    /// The claims completed, and the position of each one's `about` event (0 when it does not
    /// resolve), which the scenario's claim links take as found here rather than look up again.
    mutating func resolve(_ scenario: Scenario, claims raw: [RawClaim]) -> (claims: [Claim], about: [Int]) {
        let partyIds = Set(scenario.parties.map(\.id))
        for ref in pending { check(ref, in: scenario, claims: raw) }
        for (node, place) in placeRefs {
            // Free text may name any entity; what it names counts as referred to.
            let named = scenario.entity(place)
            if let named { uses.mark(named) }
            if case .place? = named { continue }
            if named != nil && clashes[place] != nil { continue }   // a place declared twice: reported there
            if !place.contains(" "), let near = Suggestions.nearest(to: place, in: scenario.places.map(\.id)) {
                error(node, "unknown place '\(place)'; did you mean '\(near)'? (free text is accepted, but this looks like a mistyped id)")
            }
        }
        var resolved: [Claim] = [], about: [Int] = []
        resolved.reserveCapacity(raw.count)
        about.reserveCapacity(raw.count)
        // By index: a `for` loop would copy each raw claim out, retaining its every field.
        for i in raw.indices {
            resolved.append(raw[i].claim)
            about.append(resolve(&resolved[i], i, all: raw, in: scenario, partyIds: partyIds))
        }
        return (resolved, about)
    }

    /// Completes one claim: its speaker and party, answers and position.
    /// Returns the position of the claim's `about` event, 0 when it does not resolve.
    /// `k`: the claim's index in `all`, whose fields are read in place (passing the raw claim
    /// itself copied it, retaining and releasing its every field: a tenth of the work after
    /// the two parts join, measured with callgrind).
    mutating func resolve(_ c: inout Claim, _ k: Int, all: [RawClaim], in scenario: Scenario, partyIds: Set<String>) -> Int {
        switch scenario.entity(c.by) {
        case .actor(let i)?: c.speaker = .actor(c.by); c.party = scenario.actors[i].party; uses.actors[i] = true
        case .party?: c.speaker = .party(c.by); c.party = c.by
        case .source(let i)?: c.speaker = .source(c.by); c.party = nil; uses.sources[i] = true
        default:
            let other = kind(of: c.by, in: scenario)
            if reportedWhereDeclared(c.by, in: scenario) {
                // Declared twice, or dropped for errors of its own: reported there.
            } else if let other {
                error(all[k].byNode, "'\(c.by)' is \(other.named); 'by' names an actor, a party or a source")
            } else {
                let hint = Suggestions.hint(for: c.by, in: candidates([.actor, .party, .source], in: scenario, claims: all))
                error(all[k].byNode, "unknown speaker '\(c.by.sanitizedForTerminal)' in 'by'\(hint)")
            }
        }
        for (node, p) in all[k].figureParties where !partyIds.contains(p) && !reportedWhereDeclared(p, in: scenario) {
            if let other = kind(of: p, in: scenario) {
                error(node, "'\(p)' is \(other.named), not a party; a figure's 'party' names the side whose losses it counts")
            } else {
                error(node, "unknown party '\(p.sanitizedForTerminal)' in figure\(Suggestions.hint(for: p, in: partyIds))")
            }
        }
        // Answers are typed once every claim is resolved (`typeAnswers`): a question's kind
        // may be inferred from all of them.
        guard let aboutPosition = scenario.positionOfEvent[c.about] else {
            if !isDeclared(c.about) {
                error(all[k].aboutNode, "unknown event '\(c.about.sanitizedForTerminal)' in 'about'\(Suggestions.hint(for: c.about, in: scenario.events.map(\.id)))")
            } else if !reportedWhereDeclared(c.about, in: scenario) {
                error(all[k].aboutNode, "'\(c.about)' is not an event; 'about' names the event a claim concerns")
            }
            // `known_at` is checked on its own too: one wrong key does not hide another.
            if case .event(let id)? = c.knownAt, let node = all[k].knownAtNode, scenario.positionOfEvent[id] == nil {
                unknownKnownAt(id, node, in: scenario)
            }
            return 0
        }
        c.knownPosition = aboutPosition
        if case .date(let d)? = c.knownAt, scenario.positionOfEvent[d.description] != nil {
            c.knownAt = .event(d.description)
        }
        if let knownAt = c.knownAt, let node = all[k].knownAtNode {
            c.knownPosition = knownPosition(knownAt, node: node, about: aboutPosition, in: scenario)
        }
        // When it was said: made_on, else the known_at date or event, else the about event.
        if let made = c.madeOn {
            c.said = EventDate(start: made)
        } else if case .date(let d)? = c.knownAt {
            c.said = EventDate(start: d)
        } else {
            c.said = scenario.events.date(c.knownPosition - 1)
        }
        return aboutPosition
    }

    /// An entity that failed still declared its id: naming it reports nothing more.
    mutating func unknownKnownAt(_ id: String, _ node: YAMLNode, in scenario: Scenario) {
        if reportedWhereDeclared(id, in: scenario) { return }
        if let other = kind(of: id, in: scenario) {
            return error(node, "'\(id)' is \(other.named), not an event; 'known_at' names an event or a date")
        }
        error(node, "unknown event '\(id.sanitizedForTerminal)' in 'known_at'; give an event id or a date\(Suggestions.hint(for: id, in: scenario.events.map(\.id)))")
    }

    mutating func knownPosition(_ knownAt: KnownAt, node: YAMLNode, about: Int, in scenario: Scenario) -> Int {
        // Read field by field: the event is made whole only for a message.
        let aboutDate = scenario.events.date(about - 1)
        var aboutId: String { scenario.events.id(about - 1) }
        switch knownAt {
        case .event(let id):
            guard let p = scenario.positionOfEvent[id] else {
                unknownKnownAt(id, node, in: scenario)
                return about
            }
            if p < about {
                error(node, "known_at '\(id)' comes before the claim's 'about' event '\(aboutId)'; a claim cannot be known before what it is about")
            }
            return max(p, about)
        case .date(let d):
            if d.lastDay < aboutDate.firstDay {
                error(node, "known_at \(d) is before the date of the claim's 'about' event '\(aboutId)' (\(aboutDate))")
                return about
            }
            // The first event from `about` on that does not start before the date; events
            // are in sequence order, so their first days only grow: search by halves.
            let day = d.firstDay
            var (low, high) = (about, scenario.events.count + 1)
            while low < high {
                let mid = (low + high) / 2
                if scenario.events.date(mid - 1).firstDay < day { low = mid + 1 } else { high = mid }
            }
            return min(low, scenario.events.count)
        }
    }

    /// What `revises` names, and cycles.
    /// `index` holds the claims' ids (see `Scenario.indexClaims`).
    mutating func checkRevisions(_ claims: [Claim], _ raw: [RawClaim], index: [String: EntityRef]) {
        func claimIndex(_ id: String) -> Int? {
            if case .claim(let i)? = index[id] { return i }
            return nil
        }
        // A speaker declared twice, or dropped for errors of its own, has no sure party: what
        // looks like another party's claim is that one mistake, reported where it was made.
        func unsure(_ c: Claim) -> Bool { index[c.by] == nil || clashes[c.by] != nil || c.party.map { clashes[$0] != nil } == true }
        // The claim each one revises, looked up once for the checks and the cycles.
        var revised = [Int](repeating: -1, count: claims.count)
        for i in claims.indices {
            guard let target = claims[i].revises, let node = raw[i].revisesNode else { continue }
            if target == claims[i].id {
                error(node, "claim '\(claims[i].id)' revises itself; 'revises' names an earlier claim of the same party")
                continue
            }
            guard let j = claimIndex(target) else {
                if !isDeclared(target) {
                    error(node, "unknown claim '\(target.sanitizedForTerminal)' in 'revises'\(Suggestions.hint(for: target, in: claims.map(\.id)))")
                } else if clashes[target] == nil && index[target] != nil {
                    error(node, "'\(target)' is not a claim; 'revises' names an earlier claim of the same party")
                }
                // Else declared twice, or dropped for errors of its own: reported there.
                continue
            }
            revised[i] = j
            if claims[j].party != claims[i].party || (claims[i].party == nil && claims[j].by != claims[i].by),
               !unsure(claims[i]), !unsure(claims[j]) {
                error(node, "claim '\(claims[i].id)' (by \(claims[i].by)) revises '\(target)' (by \(claims[j].by)), which belongs to another party; a revision updates the same party's claim")
            }
        }
        // Cycles. Each claim revises at most one other, so following the links from every
        // claim in turn, and never past a claim already followed, visits each claim once:
        // linear however long the chains. A cycle is reported once, at its first claim in
        // file order, listing the chain from there.
        var state = [UInt8](repeating: 0, count: claims.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        for start in claims.indices where state[start] == 0 {
            var i = start
            while state[i] == 0 {
                state[i] = 1
                path.append(i)
                let j = revised[i]
                guard j >= 0 else { break }
                i = j
            }
            if state[i] == 1, revised[i] >= 0, let from = path.firstIndex(of: i) {
                let cycle = Array(path[from...])
                let first = cycle.indices.min { cycle[$0] < cycle[$1] }!
                let ordered = Array(cycle[first...] + cycle[..<first])
                var names = ordered.map { claims[$0].id.sanitizedForTerminal }
                if names.count > 8 { names = Array(names.prefix(4)) + ["… \(names.count - 6) more …"] + names.suffix(2) }
                names.append(claims[ordered[0]].id.sanitizedForTerminal)
                error(raw[ordered[0]].revisesNode!, "'revises' forms a cycle: " + names.joined(separator: " → "))
            }
            for k in path { state[k] = 2 }
            path.removeAll(keepingCapacity: true)
        }
    }
}
