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
            case "date": [.date(e.date.start)] + (e.date.end.map { [.date($0)] } ?? [])
            case "phase": [.text(e.phase.rawValue)]
            case "type": [.text(e.type.rawValue)]
            case "party": scenario.parties(of: e).map { .text($0) }
            case "actor": e.actors.map { .text($0) }
            case "place": e.place.map { [.text($0), .text(scenario.name(of: $0))] } ?? []
            case "intensity": [.number(e.intensity)]
            case "title": [.text(e.title)]
            default: e.coverage?.value(of: field).map { [.number($0)] } ?? []
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
            case "date": c.said.map { [.date($0.start)] + ($0.end.map { [.date($0)] } ?? []) } ?? []
            case "measure": c.figures.flatMap { $0.values.map { .text($0.measure.rawValue) } }
            case "value": c.figures.flatMap { f in
                f.values.flatMap { v -> [FilterValue] in
                    [.number(Double(v.value.lowerBound))] + (v.value.upperBound.map { $0 != v.value.lowerBound ? [.number(Double($0))] : [] } ?? [])
                }
            }
            case "source": c.sources.map { .text($0) }
            default: []
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
        })
}
