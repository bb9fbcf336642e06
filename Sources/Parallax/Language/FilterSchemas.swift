/// The fields `where` knows for each entity, as the command-language spec lists them.
public enum FilterSchemas {
    public static let event = FilterSchema<Event>(
        entity: "event",
        fields: [("id", .id), ("date", .date), ("phase", .choice(Phase.allCases.map(\.rawValue))),
                 ("type", .choice(EventType.allCases.map(\.rawValue))), ("party", .id), ("actor", .id),
                 ("place", .text), ("intensity", .number), ("title", .text)] + Coverage.fields.map { ($0, .number) },
        read: { e, field, scenario in
            switch field {
            case "id": [.text(e.id)]
            case "date": e.date.end.map { [.days(e.date.start, $0)] } ?? [.date(e.date.start)]
            case "phase": [.text(e.phase.rawValue)]
            case "type": [.text(e.type.rawValue)]
            case "party": scenario.parties(of: e).map { .text($0) }
            case "actor": e.actors.map { .text($0) }
            case "place": e.place.map { [.text($0), .text(scenario.name(of: $0))] } ?? []
            case "intensity": [.number(e.intensity)]
            case "title": [.text(e.title)]
            default: e.coverage?.value(of: field).map { [.number($0)] } ?? []
            }
        },
        entityAt: { $0.events[$1] }, count: { $0.events.count },
        compile: { t, scenario in
            let events = scenario.events
            let negated = t.isNegated
            switch t.field {
            case "id":
                let p = t.textTest()
                return { i in p(events.id(i)) != negated }
            case "date":
                let p = t.dateTest(), span = t.spanTest()
                return { i in
                    let d = events.date(i)
                    return (d.end.map { span(d.start, $0) } ?? p(d.start)) != negated
                }
            case "phase":
                let p = t.textTest()
                return { i in p(events.phase(i).rawValue) != negated }
            case "type":
                let p = t.textTest()
                return { i in p(events.type(i).rawValue) != negated }
            case "party", "actor":
                // Decided once per distinct actor id (for `party`, through the party it
                // stands for), then read per event from the index.
                let index = scenario.partyIndex
                let start = index.actorStart, actors = index.actors
                let p = t.textTest()
                let passes: [Bool]
                if t.field == "party" {
                    let party = index.partyIDs.map(p)
                    passes = index.partyOfActor.map { $0 >= 0 && party[Int($0)] }
                } else {
                    passes = index.actorIDs.map(p)
                }
                return { i in
                    var any = false
                    for k in Int(start[i])..<Int(start[i + 1]) where passes[Int(actors[k])] {
                        any = true
                        break
                    }
                    return any != negated
                }
            case "place":
                let index = scenario.partyIndex
                let p = t.textTest()
                let passes = index.placeIDs.map { p($0) || p(scenario.name(of: $0)) }
                let place = index.place
                return { i in
                    let k = Int(place[i])
                    return (k >= 0 && passes[k]) != negated
                }
            case "intensity":
                let p = t.numberTest()
                return { i in p(events.intensity(i)) != negated }
            case "title":
                let p = t.textTest()
                if let rows = events.columns {
                    // An import's titles repeat: each distinct one is tested once.
                    let memo = TextMemo(count: rows.stringCount)
                    return { i in rows.passes(rows.eventTitle[i], &memo.decided, p) != negated }
                }
                return { i in p(events.title(i)) != negated }
            default:
                guard Coverage.fields.contains(t.field) else { return nil }
                let p = t.numberTest()
                let field = t.field
                return { i in (events.coverage(i)?.value(of: field).map(p) == true) != negated }
            }
        })

    public static let claim = FilterSchema<Claim>(
        entity: "claim",
        fields: [("id", .id), ("by", .id), ("party", .id), ("about", .id), ("question", .id),
                 ("status", .choice(ClaimStatus.allCases.map(\.rawValue))), ("date", .date),
                 ("measure", .choice(Measure.allCases.map(\.rawValue))), ("value", .number), ("source", .id)],
        read: { c, field, scenario in
            switch field {
            case "id": [.text(c.id)]
            case "by": [.text(c.by)]
            case "party": c.party.map { [.text($0)] } ?? []
            case "about": [.text(c.about)]
            case "question": c.answers.map { .text($0.question) }
            case "status": [.text(c.status.rawValue)]
            // When it was said: made_on, else known_at, else the about event's date.
            case "date": c.said.map { d in d.end.map { [.days(d.start, $0)] } ?? [.date(d.start)] } ?? []
            case "measure": c.figures.flatMap { $0.values.map { .text($0.measure.rawValue) } }
            // Every number the claim states: its figures and its answers to number questions.
            case "value": c.statedNumbers.flatMap { v -> [FilterValue] in
                [.number(Double(v.lowerBound))] + (v.upperBound.map { $0 != v.lowerBound ? [.number(Double($0))] : [] } ?? [])
            }
            case "source": c.sources.map { .text($0) }
            default: []
            }
        },
        entityAt: { $0.claims[$1] }, count: { $0.claims.count },
        compile: { t, scenario in
            let claims = scenario.claims
            let negated = t.isNegated
            switch t.field {
            case "id":
                let p = t.textTest()
                return { i in p(claims.id(i)) != negated }
            case "by":
                let p = t.textTest()
                return { i in p(claims.by(i)) != negated }
            case "party":
                let p = t.textTest()
                return { i in (claims.party(i).map(p) == true) != negated }
            case "about":
                let p = t.textTest()
                return { i in p(claims.about(i)) != negated }
            case "question":
                let p = t.textTest()
                return { i in (claims.hasAnswers(i) && claims.answers(i).contains { p($0.question) }) != negated }
            case "status":
                let p = t.textTest()
                return { i in p(claims.status(i).rawValue) != negated }
            case "date":
                let p = t.dateTest(), span = t.spanTest()
                return { i in
                    guard let d = claims.said(i) else { return negated }
                    return (d.end.map { span(d.start, $0) } ?? p(d.start)) != negated
                }
            case "measure":
                let p = t.textTest()
                return { i in claims.hasFigure(i, measure: { p($0.rawValue) }) != negated }
            case "value":
                let p = t.numberTest()
                return { i in
                    claims.statesNumber(i) { v in
                        let low = v.lowerBound
                        if p(Double(low)) { return true }
                        guard let high = v.upperBound, high != low else { return false }
                        return p(Double(high))
                    } != negated
                }
            case "source":
                let p = t.textTest()
                return { i in claims.sources(i).contains(where: p) != negated }
            default:
                return nil
            }
        })

    public static let actor = FilterSchema<Actor>(
        entity: "actor",
        fields: [("id", .id), ("name", .text), ("party", .id), ("kind", .text)],
        read: { a, field, _ in
            switch field {
            case "id": [.text(a.id)]
            case "name": [.text(a.name)]
            case "party": [.text(a.party)]
            case "kind": a.kind.map { [.text($0)] } ?? []
            default: []
            }
        },
        // A scenario has tens of actors, not millions: each term is read through `read`.
        entityAt: { $0.actors[$1] }, count: { $0.actors.count },
        compile: { _, _ in nil })
}

extension Claim {
    /// What `where value …` tests: the claim's figures, then its answers to number
    /// questions (`aircraft-lost: 4` is a value as much as `killed: 4`).
    var statedNumbers: [FigureValue] {
        var out: [FigureValue] = []
        for f in figures { for v in f.values { out.append(v.value) } }
        for (_, a) in answers { if case .number(let v) = a { out.append(v) } }
        return out
    }
}
