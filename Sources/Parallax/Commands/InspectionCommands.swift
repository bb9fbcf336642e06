/// Listing, filtering and looking into the scenario's entities.
enum InspectionCommands {
    static let all: [CommandSpec] = [show, events, parties, actors, sources, questions, claims, find]

    static let show = CommandSpec(
        name: "show", group: .inspection, usage: "show [ID]",
        summary: "Show an event, actor, party, claim, question, source or place with its provenance.",
        detail: "Default: the current event. Lists every claim that mentions the entity; claims not yet known at the cursor are marked. "
            + "A claim shows when it was said, from when it is known and what it is about. A question shows its kind, "
            + "every answer with its claimant, status, date and state (current, revised by CLAIM-ID, retracted, withheld), "
            + "then the verdict among the belligerents as of the cursor.",
        example: "show arm-mod-blames-aze",
        scenarioExample: { sc in (sc.claims.first?.id ?? sc.events.first?.id).map { "show \($0)" } },
        parameters: [Parameter("ID", .entity, .optional)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let token = cmd.token("ID")
        let sc = ctx.scenario
        guard let token else {
            guard let e = ctx.session.currentEvent else {
                return cmd.spec.document([.notice("Before the first event: nothing to show. 'show ID' shows any entity.")])
            }
            return cmd.spec.document(EntityViews.event(e, in: ctx.session))
        }
        if case .eventIndex(let n) = token.kind {
            let p = try NavigationCommands.position(of: token, in: sc, usage: "show [ID]")
            _ = n
            return cmd.spec.document(EntityViews.event(sc.events[p - 1], in: ctx.session))
        }
        guard let ref = sc.entity(token.text) ?? caseInsensitive(token.text, in: sc) else {
            throw CommandError(unknownEntity(token.text, in: sc), at: token)
        }
        let s = ctx.session
        let blocks: [Block]
        switch ref {
        case .event(let i): blocks = EntityViews.event(sc.events[i], in: s)
        case .actor(let i): blocks = EntityViews.actor(sc.actors[i], in: s)
        case .party(let i): blocks = EntityViews.party(sc.parties[i], in: s)
        case .claim(let i): blocks = EntityViews.claim(sc.claims[i], in: s)
        case .question(let i): blocks = EntityViews.question(sc.questions[i], in: s)
        case .source(let i): blocks = EntityViews.source(sc.sources[i], in: s)
        case .place(let i): blocks = EntityViews.place(sc.places[i], in: s)
        }
        return cmd.spec.document(blocks)
    }

    /// The message for a word that names no entity: the nearest id, or the id of the party,
    /// actor or place whose name it is (`show Georgia`: did you mean 'GEO'?).
    static func unknownEntity(_ w: String, in sc: Scenario) -> String {
        if let named = named(w, in: sc) { return "no entity with id '\(w)'; \(named)" }
        let hint = Suggestions.nearest(to: w, in: sc.index.keys).map { "; did you mean '\($0)'?" } ?? ""
        return "no entity with id '\(w)'\(hint)"
    }

    /// "'Georgia' is the name of GEO (party); write its id" when a party, an actor or a place is called
    /// that (ignoring case and accents); nil otherwise.
    static func named(_ w: String, in sc: Scenario, kinds: Set<String> = ["party", "actor", "place"]) -> String? {
        let folded = Folding.foldedBytes(w.trimmed)
        var hits: [(id: String, kind: String)] = []
        if kinds.contains("party") { hits += sc.parties.filter { Folding.foldedBytes($0.name) == folded }.map { ($0.id, "party") } }
        if kinds.contains("actor") { hits += sc.actors.filter { Folding.foldedBytes($0.name) == folded }.map { ($0.id, "actor of \($0.party)") } }
        if kinds.contains("place") { hits += sc.places.filter { Folding.foldedBytes($0.name) == folded }.map { ($0.id, "place") } }
        guard !hits.isEmpty else { return nil }
        return "'\(w)' is the name of " + hits.map { "\($0.id) (\($0.kind))" }.joined(separator: " and ") + "; write its id"
    }

    /// `arm` finds `ARM` when nothing matches exactly.
    static func caseInsensitive(_ id: String, in sc: Scenario) -> EntityRef? {
        let lower = id.lowercased()
        let hits = sc.index.filter { $0.key.lowercased() == lower }.map(\.value)
            + (sc.events.columns?.rowsIgnoringCase(lower) ?? [])
        return hits.count == 1 ? hits.first : nil
    }

    static let events = CommandSpec(
        name: "events", group: .inspection, usage: "events [all] [N] [where FILTER]",
        summary: "The timeline as a table, the cursor marked.",
        detail: "Fields: " + FilterSchemas.event.fields.map(\.name).joined(separator: ", ") + ". "
            + "A date holds the days within it (date = 2021-11: any day of that month); an event with a range date "
            + "holds every day it lasted (a war of 8-12 August is in date = 2008-08-10). "
            + "At most \(TableCap.rows) rows unless 'all' or N says otherwise; the rest are counted.",
        example: "events where phase = mediation",
        parameters: [Parameter("N", .number, .optional, what: "a number of rows"), Parameter("FILTER", .filter(.event), .optional)],
        flags: ["all"]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let cap = try TableCap.cap(cmd)
        let s = ctx.session
        let filter = cmd.filter()?.compiled(for: s.scenario)
        var rows: [Table.Row] = []
        var matched = 0
        for i in s.scenario.events.indices where filter?(i) ?? true {
            matched += 1
            if let cap, rows.count >= cap { continue }
            let e = s.scenario.events[i]
            rows.append(Table.Row(["#\(i + 1)", e.date.description + (e.time.map { " \($0)" } ?? ""), e.phase.rawValue,
                                   e.type.rawValue, TextRenderer.number(e.intensity), e.id,
                                   e.initiatorDisputed ? e.title + " — " + Views.actors(e, in: s.scenario) : e.title],
                                  marked: i + 1 == s.cursor, isLater: i + 1 > s.cursor, ids: RowIDs(event: e.id, sources: e.sources)))
        }
        var blocks: [Block] = [.table(Table(columns: [.init("position", "#", numeric: true), .init("date"), .init("phase", heading: true),
                                                      .init("type"), .init("intensity", "int.", numeric: true), .init("id"), .init("title")],
                                            rows: rows, showsMarker: true))]
        if rows.isEmpty { blocks = [.notice("No event matches.")] }
        if let more = TableCap.notice(shown: rows.count, of: matched, noun: "events", command: "events") { blocks.append(more) }
        return cmd.spec.document(blocks)
    }

    static let parties = CommandSpec(
        name: "parties", group: .inspection, usage: "parties",
        summary: "The parties whose narratives can be compared.", example: "parties"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let sc = ctx.scenario
        // Each count in one pass, read in place: an export has a million claims and
        // hundreds of parties.
        var actors: [String: Int] = [:]
        for a in sc.actors { actors[a.party, default: 0] += 1 }
        var known: [String: Int] = [:]
        let cursor = ctx.session.cursor
        let claims = sc.claims
        for i in claims.indices where claims.knownPosition(i) <= cursor {
            if let p = claims.party(i) { known[p, default: 0] += 1 }
        }
        return cmd.spec.document([.table(Table(
            columns: [.init("id"), .init("name"), .init("role"), .init("actors", numeric: true), .init("claims_known", "claims known", numeric: true)],
            rows: sc.parties.map { p in
                Table.Row([p.id, p.name, p.role.rawValue, String(actors[p.id] ?? 0), String(known[p.id] ?? 0)], ids: RowIDs(party: p.id))
            }))])
    }

    static let actors = CommandSpec(
        name: "actors", group: .inspection, usage: "actors [where FILTER]",
        summary: "Who acts and speaks, and for which party.",
        detail: "Fields: " + FilterSchemas.actor.fields.map(\.name).joined(separator: ", ") + ".",
        example: "actors where party = ARM",
        scenarioExample: { sc in sc.actors.first.map { "actors where party = \($0.party)" } },
        parameters: [Parameter("FILTER", .filter(.actor), .optional)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let filter = cmd.filter()
        let sc = ctx.scenario
        let rows = sc.actors.filter { filter?.matches($0, in: sc, schema: FilterSchemas.actor) ?? true }
            .map { Table.Row([$0.id, $0.name, $0.title ?? "", $0.kind ?? "", $0.party], ids: RowIDs(party: $0.party)) }
        if rows.isEmpty { return cmd.spec.document([.notice("No actor matches.")]) }
        return cmd.spec.document([.table(Table(columns: [.init("id"), .init("name"), .init("title"), .init("kind"), .init("party")], rows: rows))])
    }

    static let sources = CommandSpec(
        name: "sources", group: .inspection, usage: "sources [all] [N]",
        summary: "The publications the scenario's facts come from.",
        detail: "At most \(TableCap.rows) rows unless 'all' or N says otherwise; the rest are counted.",
        example: "sources",
        parameters: [Parameter("N", .number, .optional, what: "a number of rows")],
        flags: ["all"]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let cap = try TableCap.cap(cmd)
        let sources = ctx.scenario.sources
        var blocks: [Block] = [.table(Table(
            columns: [.init("id"), .init("publisher"), .init("date"), .init("title"), .init("url")],
            rows: sources.prefix(cap ?? sources.count).map {
                Table.Row([$0.id, $0.publisher, $0.date.description, $0.title, $0.url ?? ""], ids: RowIDs(sources: [$0.id]))
            }))]
        if let more = TableCap.notice(shown: min(cap ?? sources.count, sources.count), of: sources.count, noun: "sources", command: "sources") {
            blocks.append(more)
        }
        return cmd.spec.document(blocks)
    }

    static let questions = CommandSpec(
        name: "questions", group: .inspection, usage: "questions",
        summary: "The contested points, with how many known claims answer each.", example: "questions"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        var answers: [String: Int] = [:]
        let cursor = ctx.session.cursor
        if !ctx.scenario.questions.isEmpty {
            let claims = ctx.scenario.claims
            for i in claims.indices where claims.knownPosition(i) <= cursor && claims.hasAnswers(i) {
                for a in claims.answers(i) { answers[a.question, default: 0] += 1 }
            }
        }
        return cmd.spec.document([.table(Table(
            name: ctx.scenario.questions.isEmpty ? "No questions: this scenario asks none." : nil,
            columns: [.init("id"), .init("text"), .init("about"), .init("answers", numeric: true)],
            rows: ctx.scenario.questions.map { q in
                Table.Row([q.id, q.text, q.about, String(answers[q.id] ?? 0)], ids: RowIDs(event: q.about, question: q.id))
            }))])
    }

    static let claims = CommandSpec(
        name: "claims", group: .inspection, usage: "claims [all] [N] [where FILTER]",
        summary: "Claims known as of the cursor (every claim with 'all').",
        detail: "Listed in the order they become known, as 'step' reveals them. Fields: "
            + FilterSchemas.claim.fields.map(\.name).joined(separator: ", ") + ". A claim's date is when it was "
            + "said: made_on, else its known_at date, else the date of the event it is about; its values are every number "
            + "it states, in figures or in answers to number questions. "
            + "At most \(TableCap.rows) rows unless 'all' or N says otherwise; the rest are counted.",
        example: "claims all where measure = killed",
        parameters: [Parameter("N", .number, .optional, what: "a number of rows"), Parameter("FILTER", .filter(.claim), .optional)],
        flags: ["all"]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let all = cmd.has("all")
        let cap = try TableCap.cap(cmd)
        let sc = ctx.scenario
        let filter = cmd.filter()?.compiled(for: sc, schema: FilterSchemas.claim)
        let session = ctx.session
        // Which claims match, then rows for the first `cap` of them only. In the order they
        // become known (as `step` reveals them), whatever order the file lists them in.
        var matching: [Int] = []
        let claims = sc.claims
        for i in session.revealed(after: 0, through: all ? session.count : session.cursor) {
            if let filter, !filter(i) { continue }
            matching.append(i)
        }
        let shown = matching.prefix(cap ?? matching.count)
        // Claims are read in place and each speaker and event date is spelled once (per
        // half: a large scenario's rows are built in two halves at once): with ten thousand
        // claims, copying a claim or rebuilding a name per row costs more than laying the
        // table out.
        let rows = {
            Concurrently.inHalves(shown.count, threshold: Thresholds.twoCoreClaimRows) { range -> [Table.Row] in
                var rows: [Table.Row] = []
                var speakers: [String: String] = [:]
                var dates: [EventDate: String] = [:]
                for i in range.lazy.map({ shown[shown.startIndex + $0] }) {
                    // When it was said (made_on, else known_at, else the event's date).
                    let date: String
                    let c = claims[i]
                    if let said = c.said {
                        if let known = dates[said] { date = known } else { date = said.description; dates[said] = date }
                    } else {
                        date = ""
                    }
                    let key = c.relayedBy.map { c.by + "\u{0}" + $0 } ?? c.by
                    let speaker: String
                    if let known = speakers[key] {
                        speaker = known
                    } else {
                        speaker = Views.speaker(c, in: sc)
                        speakers[key] = speaker
                    }
                    rows.append(Table.Row([c.id, date, speaker, c.status.rawValue, c.says],
                                          ids: RowIDs(claim: c.id, event: c.about, party: c.party, sources: c.sources)))
                }
                return rows
            }
        }()
        if rows.isEmpty {
            let why = all || session.cursor >= session.count ? "" : " as of \(session.positionText); 'claims all' shows every claim"
            return cmd.spec.document([.notice("No claim matches\(why).")])
        }
        var blocks: [Block] = [.table(Table(columns: [.init("id"), .init("date"), .init("by"), .init("status"), .init("says")], rows: rows))]
        if let more = TableCap.notice(shown: rows.count, of: matching.count, noun: "claims", command: "claims") { blocks.append(more) }
        return cmd.spec.document(blocks)
    }

    static let find = CommandSpec(
        name: "find", group: .inspection, usage: "find [all] TEXT",
        summary: "Search ids, names, titles, descriptions, claims, quotes, answers, figures and questions (ignores case and accents).",
        detail: "Answers and figures are searched as printed ('find 40' finds '>=40'). Claims not yet known at the cursor "
            + "are left out unless 'all' is given; events and claims after the cursor are marked '·' (as in 'events'). "
            + "At most \(TableCap.rows) rows unless 'all' is given; the rest are counted. "
            + "Quote TEXT to search for the word all.",
        example: "find provocation", scenarioExample: { sc in ScenarioExamples.word(sc).map { "find \($0)" } },
        parameters: [Parameter("TEXT", .text)],
        // Read from the text itself (`find all TEXT`); declared so that completion offers it.
        flags: ["all"]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        var text = cmd.text
        var all = false
        if case .success(let toks) = Lexer.tokens(text) {
            if toks.count > 1, toks[0].kind == .word, toks[0].isKeyword("all") {
                all = true
                text = String(text.dropFirst(3)).trimmed
            }
            if case .success(let rest) = Lexer.tokens(text), rest.count == 1, rest[0].kind == .string { text = rest[0].text }
        }
        guard !text.isEmpty else { throw CommandError("find needs some text to search for", column: cmd.endColumn) }
        let needle = Folding.foldedBytes(text)
        let s = ctx.session
        let sc = ctx.scenario
        var rows: [Table.Row] = []
        // Rows for the first matches only, unless `all`; the rest are counted.
        let cap = all ? nil : Optional(TableCap.rows)
        var matched = 0
        /// `position`: the event's, or where a claim becomes known; nil for the rest.
        func check(_ kind: String, _ id: String, _ field: String, _ value: String?, position: Int? = nil) {
            guard let value, Folding.matches(value, folded: needle) else { return }
            found(kind, id, field, value, position: position)
        }
        func found(_ kind: String, _ id: String, _ field: String, _ value: @autoclosure () -> String, position: Int? = nil) {
            matched += 1
            if let cap, rows.count >= cap { return }
            let value = value()
            rows.append(Table.Row([position.map { "#\($0)" } ?? "", kind, id, field, value],
                                  marked: position != nil && position == s.cursor && kind == "event",
                                  isLater: (position ?? 0) > s.cursor, ids: ids(kind, id)))
        }
        /// The ids behind a match, for JSON: a claim's event, party and sources, an actor's party.
        func ids(_ kind: String, _ id: String) -> RowIDs {
            switch kind {
            case "event": return RowIDs(event: id, sources: sc.event(id)?.sources ?? [])
            case "claim":
                let c = sc.claim(id)
                return RowIDs(claim: id, event: c?.about, party: c?.party, sources: c?.sources ?? [])
            case "actor": return RowIDs(party: sc.actor(id)?.party)
            case "party": return RowIDs(party: id)
            case "question": return RowIDs(event: sc.questions.first { $0.id == id }?.about, question: id)
            case "source": return RowIDs(sources: [id])
            default: return RowIDs()
            }
        }
        // Events and claims read in place: copying each of a million would cost more than the search.
        let events = sc.events
        // An import's texts are numbers into its table of strings, which repeat over rows
        // (titles, places): each distinct string is searched once.
        let columns = events.columns
        var memo = [UInt8](repeating: 0, count: columns?.stringCount ?? 0)
        let matches = { (text: String) in Folding.matches(text, folded: needle) }
        /// A string of the import's table searched in its bytes when ASCII (nearly all), made only otherwise.
        func matchesBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            if !bytes.contains(where: { $0 >= 0x80 }) { return Folding.containsIgnoringASCIICase(bytes, needle) }
            return matches(String(decoding: bytes, as: UTF8.self))
        }
        func passes(_ c: ImportedRows, _ k: Int32) -> Bool {
            let i = Int(k)
            if memo[i] == 0 { memo[i] = matchesBytes(c.bytes(k)) ? 2 : 1 }
            return memo[i] == 2
        }
        var claimID: [UInt8] = []
        let suffix = columns?.facts.claimSuffix ?? ""
        let suffixMatches = matches(suffix), spanning = suffix.utf8.first.map(needle.contains) ?? true
        /// Figures matched as printed, value by value.
        func figuresMatch(_ figures: [Figure]) -> Bool {
            figures.contains { f in
                f.values.contains { Folding.matches($0.value.description, folded: needle) }
                    || f.note.map { Folding.matches($0, folded: needle) } == true
                    || Folding.matches(f.party ?? "all sides", folded: needle)
                    || f.values.contains { Folding.matches($0.measure.rawValue, folded: needle) }
            }
        }
        /// `figuresMatch` of one row of an import's table of figures, read in place: its
        /// strings searched once each (`passes`), each distinct value printed once.
        let measureMatches = Measure.allCases.map { matches($0.rawValue) }, allSidesMatches = matches("all sides")
        var valueMatches: [FigureValue: Bool] = [:]
        func figureMatches(_ c: ImportedRows, _ f: Int) -> Bool {
            let party = c.figureParty[f], note = c.figureNote[f], value = c.figureValue(f)
            if measureMatches[Int(c.figureMeasure[f])] || (party < 0 ? allSidesMatches : passes(c, party))
                || (note >= 0 && passes(c, note)) { return true }
            if let known = valueMatches[value] { return known }
            let hit = matches(value.description)
            valueMatches[value] = hit
            return hit
        }
        for i in events.indices {
            if let c = columns {
                // The id made only for a match.
                let idK = c.eventID[i], title = c.eventTitle[i], description = c.eventDescription[i]
                let hits = (passes(c, idK), passes(c, title), description >= 0 && passes(c, description))
                guard hits.0 || hits.1 || hits.2 else { continue }
                let id = c.string(idK)
                if hits.0 { found("event", id, "id", id, position: i + 1) }
                if hits.1 { found("event", id, "title", c.string(title), position: i + 1) }
                if hits.2 { found("event", id, "description", c.string(description), position: i + 1) }
                continue
            }
            let id = events.id(i)
            check("event", id, "id", id, position: i + 1)
            check("event", id, "title", events.title(i), position: i + 1)
            check("event", id, "description", events.description(i), position: i + 1)
        }
        do {
            let claims = sc.claims
            for k in claims.indices where all || claims.knownPosition(k) <= s.cursor {
                let p = claims.knownPosition(k)
                if let c = claims.columns {
                    // The id is its event's and the suffix: unless the text could span the
                    // two (it holds the suffix's first character), its event id's answer and
                    // the suffix's; else searched in a reused buffer. Made as a string only
                    // for a match or a claim with figures.
                    let idMatches: Bool
                    if !spanning {
                        idMatches = suffixMatches || passes(c, c.eventID[p - 1])
                    } else {
                        claimID.removeAll(keepingCapacity: true)
                        claimID += c.bytes(c.eventID[p - 1])
                        claimID += c.facts.claimSuffix.utf8
                        idMatches = claimID.withUnsafeBufferPointer { matchesBytes($0) }
                    }
                    let says = c.claimSays[k] >= 0 ? c.claimSays[k] : c.eventTitle[p - 1]
                    let saysMatches = passes(c, says)
                    let figuresMatch = c.figureRows(k).contains { figureMatches(c, $0) }
                    guard idMatches || saysMatches || figuresMatch else { continue }
                    let id = c.claimID(k)
                    if idMatches { found("claim", id, "id", id, position: p) }
                    if saysMatches { found("claim", id, "says", c.string(says), position: p) }
                    if figuresMatch { found("claim", id, "figures", Views.figures(c.claimFigures(k)), position: p) }
                    continue
                }
                let id = claims.id(k)
                check("claim", id, "id", id, position: p)
                check("claim", id, "says", claims.says(k), position: p)
                check("claim", id, "quote", claims.quote(k), position: p)
                // Answers and figures matched as printed, value by value; the row's text is made
                // only for a match (ten thousand claims' strings would cost more than the search).
                for (q, a) in claims.hasAnswers(k) ? claims.answers(k) : [] where Folding.matches(a.description, folded: needle) {
                    found("claim", id, "answer", "\(q): \(a)", position: p)
                }
                let figures = claims.hasFigures(k) ? claims.figures(k) : []
                if figuresMatch(figures) {
                    found("claim", id, "figures", Views.figures(figures), position: p)
                }
            }
        }
        for a in sc.actors {
            check("actor", a.id, "id", a.id)
            check("actor", a.id, "name", a.displayName)
        }
        for p in sc.parties {
            check("party", p.id, "id", p.id)
            check("party", p.id, "name", p.name)
        }
        for q in sc.questions {
            check("question", q.id, "id", q.id)
            check("question", q.id, "text", q.text)
        }
        if let c = sc.sources.columns {
            // Publisher and title repeat: each pair searched once.
            var pairs: [Int64: Bool] = [:]
            for i in 0..<c.sourceCount {
                let k = c.sourceID[i]
                if passes(c, k) { found("source", c.string(k), "id", c.string(k)) }
                let key = Int64(c.sourcePublisher[i]) << 32 | Int64(c.sourceTitle[i])
                let title = { c.string(c.sourcePublisher[i]) + ": " + c.string(c.sourceTitle[i]) }
                if pairs[key] ?? { let m = matches(title()); pairs[key] = m; return m }() { found("source", c.string(k), "title", title()) }
            }
        } else {
            for src in sc.sources {
                check("source", src.id, "id", src.id)
                check("source", src.id, "title", src.publisher + ": " + src.title)
            }
        }
        for p in sc.places {
            check("place", p.id, "id", p.id)
            check("place", p.id, "name", p.name + (p.note.map { " (\($0))" } ?? ""))
        }
        let hidden = all || s.cursor >= s.count ? "" : " as of \(s.positionText); 'find all \(text)' also searches claims not yet known"
        if rows.isEmpty { return cmd.spec.document([.notice("Nothing matches '\(text)'\(hidden).")]) }
        var blocks: [Block] = [.table(Table(columns: [.init("position", "#"), .init("kind"), .init("id"), .init("field"), .init("text")],
                                            rows: rows, showsMarker: true))]
        if matched > rows.count {
            blocks.append(.notice("\(matched - rows.count) more matches not shown (\(rows.count) of \(matched)); 'find all \(text)' lists every one, "
                                  + "claims not yet known included."))
        }
        return cmd.spec.document(blocks)
    }
}
