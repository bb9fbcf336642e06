/// A GDELT event row → one event and one claim by the article it was coded from. The
/// README's "Event data" section lists the mapping field by field; in short: SQLDATE is the
/// date, the CAMEO EventCode the type, GoldsteinScale the intensity, QuadClass the phase,
/// the actors' country codes the parties (their codes the actors), ActionGeo the place,
/// SOURCEURL the claim's source, and NumSources/NumMentions/NumArticles/AvgTone the
/// event's `coverage`, which filters read.
struct GDELTMapping: RowMapping {
    let version: Int
    /// Column positions: GDELT 2.0 adds an ADM2 code to each of the three places.
    let geo: Int
    let names: [String]
    /// GDELT's own source, for 1.0 rows without SOURCEURL.
    var gdeltSource: Int32?
    /// GLOBALEVENTIDs seen: numbers, not strings, as a million of them are checked. Other
    /// ids cannot take the form `gdelt-N` (see `ImportBuilder.uniqueId`).
    var seen: Set<Int> = []
    /// Per CAMEO code (see `codeKey`): its type and its action's words, found once.
    private var types: [EventType?] = Array(repeating: nil, count: GDELTMapping.codeKeys)
    private var actions: [String?] = Array(repeating: nil, count: GDELTMapping.codeKeys)
    /// Per host: the id its sources are named after (see `source`).
    private var hostIds: [String: String] = [:]
    /// Where a row's title and description are put together: their bytes find the stored
    /// text, and a text repeated on many rows is made once.
    private var scratch: [UInt8] = []

    init(shape: EventFileShape) {
        version = shape == .gdelt2 ? 2 : 1
        geo = version == 2 ? 8 : 7
        var names = GDELTMapping.labels1
        if version == 2 {
            for place in ["ActionGeo", "Actor2Geo", "Actor1Geo"] {
                let i = names.firstIndex(of: "\(place)_ADM1Code")!
                names.insert("\(place)_ADM2Code", at: i + 1)
            }
        }
        self.names = names
    }

    /// GDELT 1.0's columns as its label file names them (58; the oldest rows stop before SOURCEURL).
    static let labels1 = [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
        "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
        "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
        "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
        "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
        "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
        "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
        "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
        "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
        "DATEADDED", "SOURCEURL",
    ]

    static let eventCode = 26, quadClass = 29, goldstein = 30, mentions = 31, sources = 32, articles = 33, tone = 34
    var actionGeoName: Int { 35 + 2 * geo + 1 }
    var dateAdded: Int { 35 + 3 * geo }
    var sourceURL: Int { dateAdded + 1 }

    func check(fieldCount n: Int) -> String? {
        let ok = version == 2 ? n == 61 : (n == 57 || n == 58)
        if ok { return nil }
        let expected = version == 2 ? "61" : "57 or 58"
        return "the row has \(n) tab-separated fields; a GDELT \(version).0 export has \(expected)"
    }

    mutating func map(_ row: inout ImportRow, into b: inout ImportBuilder) throws(RowProblem) {
        // Everything is read and checked before anything is declared: a bad row adds nothing.
        let number = try row.integer(0, minimum: 0)
        let date = try row.compactDate(1)
        let code = try row.requiredText(GDELTMapping.eventCode)
        guard (2...4).contains(code.utf8.count), code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw row.problem(GDELTMapping.eventCode, "'\(row.shown(GDELTMapping.eventCode))' is not a CAMEO event code")
        }
        let quad = try row.integer(GDELTMapping.quadClass)
        guard let phase = GDELTMapping.phase(quadClass: quad) else {
            throw row.problem(GDELTMapping.quadClass, "\(quad) is not a QuadClass (1 to 4)")
        }
        let goldstein = try row.decimal(GDELTMapping.goldstein)
        guard (-10...10).contains(goldstein) else {
            throw row.problem(GDELTMapping.goldstein, "\(row.shown(GDELTMapping.goldstein)) is outside the Goldstein scale (-10 to 10)")
        }
        let coverage = Coverage(sources: Int32(clamping: try row.integer(GDELTMapping.sources, minimum: 0)),
                                mentions: Int32(clamping: try row.integer(GDELTMapping.mentions, minimum: 0)),
                                articles: Int32(clamping: try row.integer(GDELTMapping.articles, minimum: 0)),
                                tone: Float(try row.decimal(GDELTMapping.tone)))
        let added = try row.compactDate(dateAdded, timestamp: version == 2)
        let id = "gdelt-\(number)"
        guard seen.insert(number).inserted else { throw row.problem(0, "GLOBALEVENTID \(number) is on an earlier row too") }

        let line = row.line
        let one = side(&row, code: 5, name: 6, country: 7, type: 12, into: &b)
        let two = side(&row, code: 15, name: 16, country: 17, type: 22, into: &b)
        var actors: [String] = []
        if let one { actors.append(one.id) }
        if let two, two.id != one?.id { actors.append(two.id) }
        let place = row.optionalText(actionGeoName)
        // Where each actor was, when GDELT says: often not where the action was.
        var description: String?
        let at1 = one == nil ? nil : row.optionalText(35 + 1)
        let at2 = two == nil ? nil : row.optionalText(35 + geo + 1)
        if at1 != nil || at2 != nil {
            scratch.removeAll(keepingCapacity: true)
            if let one, let at1 { scratch += one.name.utf8; scratch += " at ".utf8; scratch += at1.utf8 }
            if let two, let at2 {
                if !scratch.isEmpty { scratch += "; ".utf8 }
                scratch += two.name.utf8; scratch += " at ".utf8; scratch += at2.utf8
            }
            description = String(decoding: scratch, as: UTF8.self)
        }

        let key = GDELTMapping.codeKey(code)
        if types[key] == nil {
            types[key] = GDELTMapping.type(cameo: code)
            actions[key] = CAMEOTables.events[code] ?? CAMEOTables.events[String(code.prefix(3))] ?? "CAMEO event"
        }
        scratch.removeAll(keepingCapacity: true)
        switch (one?.name, two?.name) {
        case let (a?, c?): scratch += a.utf8; scratch += " → ".utf8; scratch += c.utf8; scratch += ": ".utf8
        case let (a?, nil), let (nil, a?): scratch += a.utf8; scratch += ": ".utf8
        default: break
        }
        scratch += actions[key]!.utf8; scratch += " (CAMEO ".utf8; scratch += code.utf8; scratch += ")".utf8
        let title = b.text(utf8: scratch)
        let source: Int32
        if row.count > sourceURL, let url = row.optionalText(sourceURL) {
            source = self.source(url, date: added, line: line, into: &b)
        } else {
            if gdeltSource == nil {
                gdeltSource = b.source(key: "(GDELT)", id: "gdelt", publisher: "The GDELT Project",
                                       title: "GDELT \(version).0 event export", date: added,
                                       url: "https://www.gdeltproject.org/", line: line)
            }
            source = gdeltSource!
        }
        b.addRow(id: id, date: EventDate(start: date), phase: phase, type: types[key]!, actors: actors, place: place,
                 title: title, description: description, intensity: goldstein, source: source, line: line,
                 coverage: coverage, madeOn: added, says: nil, status: .unconfirmed)
    }

    /// A GLOBALEVENTID in both halves is a bad row at the later one: the file is then read
    /// in one piece. `seen` is not joined, as no row is read after.
    mutating func absorb(_ later: any RowMapping, sourceRow: [Int32]) -> Bool {
        let later = later as! GDELTMapping
        let (small, large) = seen.count < later.seen.count ? (seen, later.seen) : (later.seen, seen)
        for n in small where large.contains(n) { return false }
        if gdeltSource == nil, let s = later.gdeltSource { gdeltSource = sourceRow[Int(s)] }
        return true
    }

    /// What only reading rows needed (a million ids seen) goes before the model is built.
    mutating func finish(_ builder: inout ImportBuilder) {
        (seen, hostIds) = ([], [:])
    }

    /// One side of the event: the party of its country code (or of its actor code's first
    /// three letters when they name a country), and the actor of its full code when that is
    /// more than the country (`ARMGOV`). A side with a code but no country is a party of its own.
    func side(_ row: inout ImportRow, code: Int, name: Int, country: Int, type: Int,
              into b: inout ImportBuilder) -> (id: String, name: String)? {
        let actorCode = row.optionalText(code)
        let countryCode = row.optionalText(country)
        guard actorCode != nil || countryCode != nil else { return nil }
        let actorName = row.optionalText(name)
        let partyCode = countryCode ?? actorCode.flatMap { c in
            CAMEOTables.countries[String(c.prefix(3))] != nil ? String(c.prefix(3)) : nil
        }
        if let partyCode {
            let countryName = CAMEOTables.countries[partyCode]
            let party = b.party(key: partyCode, id: partyCode, name: countryName ?? actorName ?? partyCode,
                                role: .thirdParty, line: row.line)
            guard let actorCode, actorCode != partyCode else { return (party, actorName ?? countryName ?? party) }
            let typeCode = row.optionalText(type)
            let actor = b.actor(key: actorCode, id: actorCode, name: actorName ?? actorCode, party: party,
                                kind: typeCode.flatMap { CAMEOTables.actorTypes[$0]?.lowercased() }, line: row.line)
            return (actor, actorName ?? actor)
        }
        let c = actorCode!
        let party = b.party(key: c, id: c, name: CAMEOTables.actorTypes[c] ?? actorName ?? c, role: .thirdParty, line: row.line)
        return (party, actorName ?? party)
    }

    /// The article a row was coded from: one source per SOURCEURL, named after its host
    /// (`voxy.co.nz`, `voxy.co.nz-2` …). GDELT 1.0's oldest rows name an agency instead of a URL.
    mutating func source(_ url: String, date: PartialDate, line: Int, into b: inout ImportBuilder) -> Int32 {
        let isURL = url.hasPrefix("http://") || url.hasPrefix("https://")
        let host = isURL ? GDELTMapping.host(url) : url
        let publisher = host.isEmpty ? url : host
        // A host's sources are numbered from one slug, made once per host.
        let base: String
        if let known = hostIds[publisher] {
            base = known
        } else {
            base = ImportBuilder.slug(publisher, fallback: "source", keepingDots: true)
            hostIds[publisher] = base
        }
        return b.source(key: url, id: base, publisher: publisher,
                        title: isURL ? "Article coded by GDELT" : "Report coded by GDELT",
                        date: date, url: isURL ? url : nil, line: line)
    }

    /// The host of an `http://` or `https://` URL, without `www.`: what follows the first
    /// `//`, up to a `/`, `?` or `:`.
    static func host(_ url: String) -> String {
        // An ASCII URL (nearly all) is cut on its bytes; any other by characters, as a `/`
        // with a combining mark is not a `/`.
        var url = url
        let host: String? = url.withUTF8 { u in
            var ascii = true
            for b in u where b >= 0x80 { ascii = false; break }
            guard ascii else { return nil }
            guard var start = u.firstIndex(of: UInt8(ascii: "/")) else { return "" }
            // The `/` and the character after it (CR LF is one character).
            start = start + 2 < u.count && u[start + 1] == 13 && u[start + 2] == 10 ? start + 3 : min(start + 2, u.count)
            var end = start
            while end < u.count, u[end] != UInt8(ascii: "/"), u[end] != UInt8(ascii: "?"), u[end] != UInt8(ascii: ":") { end += 1 }
            if end - start >= 4, u[start] == UInt8(ascii: "w"), u[start + 1] == UInt8(ascii: "w"), u[start + 2] == UInt8(ascii: "w"),
               u[start + 3] == UInt8(ascii: ".") { start += 4 }
            return String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self)
        }
        if let host { return host }
        var cut = String(url.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != ":" }))
        if cut.hasPrefix("www.") { cut.removeFirst(4) }
        return cut
    }

    /// CAMEO codes of two to four digits, each its own slot: 0…99, 100…1099, 1100…11099.
    static let codeKeys = 11100

    static func codeKey(_ code: String) -> Int {
        var n = 0
        for b in code.utf8 { n = n * 10 + Int(b - 48) }
        switch code.utf8.count {
        case 2: return n
        case 3: return 100 + n
        default: return 1100 + n
        }
    }

    /// QuadClass → phase: material conflict (4) is escalation, verbal conflict (3)
    /// build-up, verbal cooperation (1) mediation, material cooperation (2) de-escalation.
    static func phase(quadClass: Int) -> Phase? {
        switch quadClass {
        case 1: .mediation
        case 2: .deEscalation
        case 3: .buildUp
        case 4: .escalation
        default: nil
        }
    }

    /// CAMEO code → type: the vocabulary's type with the longest CAMEO code that begins
    /// the event code (0871 ceasefire, 19 fight …); for the root codes the vocabulary has no
    /// type of its own, the nearest one (see `rootStandIns`).
    static func type(cameo code: String) -> EventType {
        var best: EventType?
        for t in EventType.allCases where code.hasPrefix(t.cameo) && t.cameo.count > (best?.cameo.count ?? 0) { best = t }
        return best ?? rootStandIns[String(code.prefix(2))] ?? .statement
    }

    /// Root codes without a type in the vocabulary: diplomatic (05) and material (06)
    /// cooperation, aid (07) and yielding (08) are intents to cooperate; investigating (09)
    /// a statement; disapproving (11) an accusation; reducing relations (16) a rejection.
    static let rootStandIns: [String: EventType] = [
        "05": .intentToCooperate, "06": .intentToCooperate, "07": .intentToCooperate, "08": .intentToCooperate,
        "09": .statement, "11": .accuse, "16": .reject,
    ]

    func info(path: String, rows: Int) -> ScenarioInfo {
        ScenarioInfo(id: ImportBuilder.slug(EventImport.fileName(path), fallback: "gdelt"),
                     title: "GDELT \(version).0 events: \(EventImport.fileName(path))", summary: nil, asOf: nil)
    }
}
