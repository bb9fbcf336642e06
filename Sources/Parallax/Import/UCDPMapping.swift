/// A UCDP GED row → one event between side_a and side_b over date_start..date_end, and one
/// claim by UCDP with its figures: deaths_a and deaths_b as each side's killed, and for all
/// sides together the low..high estimate with the best estimate in the note. UCDP data:
/// CC BY 4.0, Sundberg & Melander (2013), Davies, Pettersson & Öberg (2023).
struct UCDPMapping: HeaderMapping {
    let names: [String]
    let column: [String: Int]
    var ucdp: Int32?
    /// The latest day any row reaches: the source's date.
    var latest: PartialDate?

    /// Each field's column, found once (a dictionary lookup per field per row is a tenth
    /// of opening 300,000 rows).
    let at: Columns

    struct Columns {
        let id, dateStart, dateEnd, violence, sideA, sideB, deathsA, deathsB, civilians, unknown, best, low, high, coordinates, adm1, country, conflict, office: Int
    }

    init(header: [String]) {
        names = header
        let column = Self.columns(header)
        self.column = column
        func c(_ name: String) -> Int { column[name] ?? Int.max }
        at = Columns(id: c("id"), dateStart: c("date_start"), dateEnd: c("date_end"), violence: c("type_of_violence"), sideA: c("side_a"), sideB: c("side_b"), deathsA: c("deaths_a"), deathsB: c("deaths_b"), civilians: c("deaths_civilians"), unknown: c("deaths_unknown"), best: c("best"), low: c("low"), high: c("high"), coordinates: c("where_coordinates"), adm1: c("adm_1"), country: c("country"), conflict: c("conflict_name"), office: c("source_office"))
    }

    mutating func map(_ row: inout ImportRow, into b: inout ImportBuilder) throws(RowProblem) {
        let number = try row.integer(at.id, minimum: 0)
        let start = try row.isoDate(at.dateStart)
        let end = try row.isoDate(at.dateEnd)
        guard start.firstDay <= end.firstDay else {
            throw row.problem(at.dateEnd, "\(end) is before date_start \(start)")
        }
        let violence = try row.integer(at.violence)
        guard (1...3).contains(violence) else {
            throw row.problem(at.violence, "\(violence) is not a UCDP type of violence (1 state-based, 2 non-state, 3 one-sided)")
        }
        let sideA = try row.requiredText(at.sideA)
        let sideB = try row.requiredText(at.sideB)
        let deathsA = try row.integer(at.deathsA, minimum: 0)
        let deathsB = try row.integer(at.deathsB, minimum: 0)
        let civilians = try row.integer(at.civilians, minimum: 0)
        let unknown = try row.integer(at.unknown, minimum: 0)
        let best = try row.integer(at.best, minimum: 0)
        let low = try row.integer(at.low, minimum: 0)
        let high = try row.integer(at.high, minimum: 0)
        let id = "ucdp-\(number)"
        guard b.claim(id: id) else { throw row.problem(at.id, "id \(number) is on an earlier row too") }

        let line = row.line
        let a = b.party(key: sideA, id: ImportBuilder.slug(sideA, fallback: "side-a"), name: sideA, role: .belligerent, line: line)
        let c = b.party(key: sideB, id: ImportBuilder.slug(sideB, fallback: "side-b"), name: sideB, role: .belligerent, line: line)
        if ucdp == nil {
            let file = EventImport.fileName(b.path)
            ucdp = b.source(key: "(UCDP)", id: "ucdp", publisher: "Uppsala Conflict Data Program (UCDP)",
                            title: "UCDP Georeferenced Event Dataset: \(file)", date: end,
                            url: "https://ucdp.uu.se/", line: line)
        }
        if latest == nil || end.firstDay > latest!.firstDay { latest = end }
        let place = [row.optionalText(at.coordinates), row.optionalText(at.adm1), row.optionalText(at.country)]
            .compactMap { $0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", ")
        let conflict = row.optionalText(at.conflict)
        let reporters = row.optionalText(at.office)
        let source = ucdp!
        let title = b.text("\(sideA) – \(sideB): \(best) killed")
        var says = "UCDP GED event \(number): \(deathsA) of \(sideA) and \(deathsB) of \(sideB) killed, "
            + "\(civilians) civilians and \(unknown) unknown; best estimate \(best), low \(low), high \(high)."
        if let reporters { says += " Reported by \(reporters)." }
        // Released rows sometimes have best outside low..high (or low above high): the figure
        // spans all three estimates, and the note keeps them as UCDP gives them.
        var note = "best \(best); civilians \(civilians), unknown \(unknown)"
        if !(low <= best && best <= high) { note += "; UCDP gives low \(low), high \(high)" }
        b.addRow(id: id, date: EventDate(start: start, end: end == start ? nil : end), phase: .escalation,
                 type: violence == 3 ? .assault : .fight, actors: a == c ? [a] : [a, c], place: place.isEmpty ? nil : place,
                 title: title, description: conflict, intensity: nil, source: source, line: line, madeOn: nil, says: says,
                 status: .official,
                 figures: [.init(party: a, low: deathsA, high: deathsA), .init(party: c, low: deathsB, high: deathsB),
                           .init(party: nil, low: min(low, best, high), high: max(low, best, high), note: note)])
    }

    /// Repeated ids are found by the builder (`claim(id:)`).
    mutating func absorb(_ later: any RowMapping, sourceRow: [Int32]) -> Bool {
        let later = later as! UCDPMapping
        if ucdp == nil, let s = later.ucdp { ucdp = sourceRow[Int(s)] }
        if let l = later.latest, latest == nil || l.firstDay > latest!.firstDay { latest = l }
        return true
    }

    mutating func finish(_ b: inout ImportBuilder) {
        if let latest, let ucdp { b.setSourceDate(ucdp, latest) }
    }

    func info(path: String, rows: Int) -> ScenarioInfo {
        ScenarioInfo(id: ImportBuilder.slug(EventImport.fileName(path), fallback: "ucdp"),
                     title: "UCDP GED events: \(EventImport.fileName(path))", summary: nil, asOf: nil)
    }
}

/// Counts as the model's figure values: the one place imports make them, so a change to
/// how numbers are held flows through every import.
enum ImportFigures {
    static func count(_ n: Int) -> FigureValue { .exact(n) }
    static func count(_ low: Int, _ high: Int) -> FigureValue { low == high ? .exact(low) : .range(min: low, max: high) }
}
