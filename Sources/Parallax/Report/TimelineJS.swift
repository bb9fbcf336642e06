/// The scenario as TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
/// a title slide from the scenario's title and summary; one slide per event, grouped by
/// the party of its first actor, with the claims known as of the cursor in its text; one
/// era per run of a phase; each event's sources as its media credit. TimelineJS reads
/// `headline` and `text` as HTML, so every text goes through `Markup`.
public enum TimelineJS {
    public static func render(_ session: inout Session) -> String {
        let scenario = session.scenario
        let knowledge = session.knowledge()
        var byEvent: [Int: [Int]] = [:]
        let about = scenario.claimLinks.about
        for i in scenario.claims.indices where knowledge.isKnown(i) { byEvent[about[i], default: []].append(i) }
        var events: [CellValue] = []
        for (k, e) in scenario.events.enumerated() {
            var text = Markup()
            if let d = e.description { text.element("p", text: d) }
            if let claims = byEvent[k + 1] {
                text.element("ul") { m in
                    for i in claims {
                        let c = scenario.claims[i]
                        m.element("li") { m in
                            m.element("b", text: Views.speaker(c, in: scenario))
                            m.text(" (\(c.status.rawValue)): " + c.says)
                            if let q = c.quote { m.text(" “" + q + "”") }
                        }
                    }
                }
            }
            let sources = e.sources.compactMap { id in scenario.sources.first { $0.id == id } }
            if !sources.isEmpty { text.element("p", text: "Sources: " + credits(sources)) }
            var event: [CellValue.Member] = [.init("start_date", date(e.date.start))]
            if let end = e.date.end { event.append(.init("end_date", date(end))) }
            event.append(.init("text", .object(["headline": .string(Markup.escape(e.title)), "text": .string(text.text)])))
            event.append(.init("group", .string(group(of: e, in: scenario))))
            event.append(.init("unique_id", .string(e.id)))
            if let s = sources.first(where: { $0.url.map(HTMLRenderer.isWebAddress) == true }), let url = s.url {
                event.append(.init("media", .object(["url": .string(url), "caption": .string(Markup.escape(s.title)),
                                                     "credit": .string(Markup.escape(credits(sources)))])))
            }
            events.append(.object(event))
        }
        var eras: [CellValue] = []
        var start = 0
        let list = scenario.events
        for i in list.indices where i == list.count - 1 || list[i + 1].phase != list[i].phase {
            // A run ends where the latest of its events ends: a five-day war begun before
            // the run's last event outlasts it.
            let end = list[start...i].map { $0.date.end ?? $0.date.start }.max { $0.firstDay < $1.firstDay } ?? list[i].date.start
            eras.append(.object(["start_date": date(list[start].date.start), "end_date": date(end),
                                 "text": .object(["headline": .string(list[i].phase.rawValue)])]))
            start = i + 1
        }
        var title: [CellValue.Member] = [.init("headline", .string(Markup.escape(scenario.info.title)))]
        title.append(.init("text", .string(Markup.escape(scenario.info.summary ?? "") + "<p>" + Markup.escape(NarrativeViews.asOf(knowledge)) + "</p>")))
        let document: CellValue = .object(["title": .object(["text": .object(title)]), "events": .list(events), "eras": .list(eras)])
        return JSONRenderer.value(document) + "\n"
    }

    /// `{"year": 2021, "month": 11, "day": 16}`, as precise as the date is.
    static func date(_ d: PartialDate) -> CellValue {
        var members: [CellValue.Member] = [.init("year", .int(d.year))]
        if let m = d.month { members.append(.init("month", .int(m))) }
        if let day = d.day { members.append(.init("day", .int(day))) }
        members.append(.init("display_date", .string(d.description)))
        return .object(members)
    }

    /// The party of the event's first actor (its name), or "Others".
    static func group(of e: Event, in scenario: Scenario) -> String {
        guard let first = e.actors.first else { return "Others" }
        if let p = scenario.party(first) { return p.name }
        if let a = scenario.actor(first), let p = scenario.party(a.party) { return p.name }
        return "Others"
    }

    /// "Los Angeles Times, 2021-11-16".
    static func credits(_ sources: [Source]) -> String {
        sources.map { "\($0.publisher), \($0.date)" }.joined(separator: "; ")
    }
}
