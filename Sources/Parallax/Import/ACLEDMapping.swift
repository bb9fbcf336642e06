/// An ACLED row → one event (event_type and sub_event_type give its type and phase, actor1
/// and actor2 its parties) and one claim by the row's `source` with `fatalities` as the
/// killed of all sides. ACLED's terms forbid redistributing its rows: tests use made-up
/// rows under the real header.
struct ACLEDMapping: HeaderMapping {
    let names: [String]
    let column: [String: Int]

    init(header: [String]) {
        names = header
        column = Self.columns(header)
    }

    mutating func map(_ row: inout ImportRow, into b: inout ImportBuilder) throws(RowProblem) {
        let rawId = try row.requiredText(self["event_id_cnty"])
        guard ScenarioLoader.idProblem("acled-" + rawId, entity: "event") == nil else {
            throw row.problem(self["event_id_cnty"], "'\(row.shown(self["event_id_cnty"]))' cannot be an id (spaces, quotes or control characters)")
        }
        let date = try row.isoDate(self["event_date"])
        let eventType = try row.requiredText(self["event_type"])
        let subType = row.optionalText(self["sub_event_type"])
        guard let (type, phase) = ACLEDMapping.classify(eventType, subType) else {
            throw row.problem(self["event_type"], "unknown event type '\(row.shown(self["event_type"]))'; ACLED's are "
                              + ACLEDMapping.eventTypes.joined(separator: ", "))
        }
        let actor1 = try row.requiredText(self["actor1"])
        let actor2 = row.optionalText(self["actor2"])
        let fatalities = try row.integer(self["fatalities"], minimum: 0)
        let reporter = try row.requiredText(self["source"])
        let id = "acled-\(rawId)"
        guard b.claim(id: id) else { throw row.problem(self["event_id_cnty"], "event \(rawId) is on an earlier row too") }

        let line = row.line
        let one = b.party(key: actor1, id: ImportBuilder.slug(actor1, fallback: "actor1"), name: actor1, role: .belligerent, line: line)
        var actors = [one]
        if let actor2 {
            let two = b.party(key: actor2, id: ImportBuilder.slug(actor2, fallback: "actor2"), name: actor2, role: .belligerent, line: line)
            if two != one { actors.append(two) }
        }
        let source = b.source(key: reporter, id: ImportBuilder.slug(reporter, fallback: "source"), publisher: reporter,
                              title: "As coded by ACLED", date: date, url: nil, line: line)
        let place = [row.optionalText(self["location"]), row.optionalText(self["admin1"]), row.optionalText(self["country"])]
            .compactMap { $0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", ")
        var title = subType ?? eventType
        title += ": " + actor1 + (actor2.map { " – " + $0 } ?? "")
        let notes = row.optionalText(self["notes"])
        b.addRow(id: id, date: EventDate(start: date), phase: phase, type: type, actors: actors, place: place.isEmpty ? nil : place,
                 title: b.text(title), description: notes, intensity: nil, source: source, line: line, madeOn: nil, says: notes,
                 status: .unconfirmed, figures: [.init(party: nil, low: fatalities, high: fatalities, note: "fatalities as ACLED codes them")])
    }

    static let eventTypes = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                             "Strategic developments"]

    /// ACLED's event type (and sub-event type where it says more) → type and phase. Violence
    /// is escalation; protests and riots build-up; strategic developments build-up, but an
    /// agreement de-escalation.
    static func classify(_ eventType: String, _ sub: String?) -> (EventType, Phase)? {
        let sub = sub?.lowercased() ?? ""
        switch eventType.lowercased() {
        case "battles":
            return (sub.contains("territory") ? .occupy : .fight, .escalation)
        case "explosions/remote violence":
            return (.assault, .escalation)
        case "violence against civilians":
            return (sub.contains("abduction") ? .capture : .assault, .escalation)
        case "protests", "riots":
            return (.protest, .buildUp)
        case "strategic developments":
            switch sub {
            case "agreement": return (.agreement, .deEscalation)
            case "arrests", "looting/property destruction", "disrupted weapons use": return (.coerce, .buildUp)
            case "headquarters or base established", "non-violent transfer of territory": return (.occupy, .buildUp)
            case "change to group/activity": return (.posture, .buildUp)
            default: return (.statement, .buildUp)
            }
        default:
            return nil
        }
    }

    func info(path: String, rows: Int) -> ScenarioInfo {
        ScenarioInfo(id: ImportBuilder.slug(EventImport.fileName(path), fallback: "acled"),
                     title: "ACLED events: \(EventImport.fileName(path))", summary: nil, asOf: nil)
    }
}
