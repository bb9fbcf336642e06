/// How narratives, comparisons and figure tables are laid out as documents. Cells hold
/// several lines (the text renderer wraps each), so every view stays readable at 80
/// columns while JSON and Markdown get the same rows.
///
/// A layout reads claims in place through a buffer and names each speaker once: a large
/// scenario's views hold thousands of cells, and copying a claim or an actor per cell
/// would cost more than the analysis.
struct NarrativeViews {
    let k: Knowledge
    let claims: ClaimList
    let events: EventList
    /// Stored, not read through `k` each time: a computed `Scenario` is a copy of a large
    /// value per access.
    let scenario: Scenario
    let links: ClaimLinks
    private let names = Names()
    /// Where a comparison cell is written before it becomes a string.
    private let scratch = ByteBuffer(capacity: 1024)

    /// Runs `body` with a layout over the knowledge's claims and events.
    static func layout<R>(_ k: Knowledge, _ body: (NarrativeViews) -> R) -> R {
        body(NarrativeViews(k: k, claims: k.scenario.claims, events: k.scenario.events, scenario: k.scenario, links: k.scenario.claimLinks))
    }

    /// Speakers' and relayers' names, computed once per id; figure values made once per value.
    private final class Names {
        var claimants: [String: String] = [:]
        var speakers: [String: String] = [:]
        var figureValues: [FigureValue: CellValue] = [:]
    }

    /// `CellValue.figure(v)`, each value made once.
    func figureValue(_ v: FigureValue) -> CellValue {
        if let known = names.figureValues[v] { return known }
        let cell = CellValue.figure(v)
        names.figureValues[v] = cell
        return cell
    }

    // MARK: Shared phrases

    /// "As of 9/15 (2021-11-16, Artillery fighting …)", or the `all` wording.
    static func asOf(_ k: Knowledge) -> String {
        if k.isEverything { return "Every claim, whatever the cursor (all)" }
        let n = k.scenario.events.count
        guard k.position >= 1 else { return "As of 0/\(n), before the first event" }
        let e = k.scenario.events[k.position - 1]
        return "As of \(k.position)/\(n) (\(e.date), \(e.title))"
    }

    /// "Armenia (ARM)".
    static func partyName(_ id: String?, in scenario: Scenario) -> String {
        guard let id else { return "All sides" }
        return "\(scenario.name(of: id)) (\(id))"
    }

    /// Who made a claim, as its party's own column shows it: "Eduard Aghajanyan
    /// (lawmaker)", then "per …" when it came through someone else.
    func claimant(_ i: Int) -> String {
        guard claims.relayedBy(i) != nil else { return speakerName(i) }
        let text = ByteBuffer(capacity: 64)
        appendClaimant(i, to: text)
        return text.string()
    }

    /// `claimant`, appended to a buffer (without building the string): the one place its
    /// wording is written.
    func appendClaimant(_ i: Int, to buffer: ByteBuffer) {
        buffer.append(speakerName(i))
        if let r = claims.relayedBy(i) {
            buffer.append(", per ")
            buffer.append(scenario.name(of: r))
        }
    }

    /// "Eduard Aghajanyan (lawmaker)": the claim's author, named once per id.
    private func speakerName(_ i: Int) -> String {
        let by = claims.by(i)
        if let known = names.claimants[by] { return known }
        let s = scenario.actor(by)?.displayName ?? scenario.name(of: by)
        names.claimants[by] = s
        return s
    }

    /// "Armenian Defense Ministry (ARM)", as `Views.speaker` says it, once per speaker.
    func speaker(_ i: Int) -> String {
        let key = claims.relayedBy(i).map { claims.by(i) + "\u{0}" + $0 } ?? claims.by(i)
        if let known = names.speakers[key] { return known }
        let s = Views.speaker(claims[i], in: scenario)
        names.speakers[key] = s
        return s
    }

    /// A linked claim and its speaker, appended to a buffer:
    /// "arm-mod-confirms-ceasefire (Armenian Defense Ministry, ARM)".
    func appendLink(_ i: Int, to buffer: ByteBuffer) {
        buffer.append(claims.id(i))
        buffer.append(" (")
        buffer.append(scenario.name(of: claims.by(i)))
        if let p = claims.party(i), p != claims.by(i) {
            buffer.append(", ")
            buffer.append(p)
        }
        buffer.append(")")
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func column(_ party: String) -> Table.Column { .init(party.lowercased(), party) }

    // MARK: narrative

    func narrative(_ n: Narrative, cursor: Int) -> [Block] {
        let names = n.parties.map { id in
            Self.partyName(id, in: scenario) + (scenario.party(id).map { ", \($0.role.rawValue)" } ?? "")
        }
        let title = n.parties.count == 1 ? "Narrative of \(names[0])" : "Narratives of \(n.parties.joined(separator: ", ")) side by side"
        let who = n.parties.count == 1 ? "" : names.joined(separator: "; ") + ". "
        var blocks: [Block] = [.title(title), .text(who + "\(Self.asOf(k)): \(Self.plural(n.steps.count, "event")), \(Self.plural(n.claimCount, "claim")).")]
        guard !n.steps.isEmpty else {
            blocks.append(.notice("Nothing known yet about \(n.parties.joined(separator: ", ")); 'step' to advance, or add 'all'."))
            return blocks
        }
        // Rows are built in two halves at once on a large scenario, each half with its own
        // caches and its own buffer, in which each cell is written and made a string once.
        let rows = Concurrently.inHalves(n.steps.count, threshold: Thresholds.twoCoreNarrativeRows) { range in
            let views = NarrativeViews(k: k, claims: claims, events: events, scenario: scenario, links: links)
            let cell = ByteBuffer(capacity: 4096)
            return n.steps[range].map { views.row($0, cursor: cursor, cell: cell) }
        }
        blocks.append(.table(Table(columns: [.init("position", "#", numeric: true), .init("event")] + n.parties.map(Self.column),
                                   rows: rows, showsMarker: true)))
        return blocks
    }

    /// One event's row of a narrative: the position, the event, then each party's claims
    /// about it (or "—").
    func row(_ step: Narrative.Step, cursor: Int, cell: ByteBuffer) -> Table.Row {
        let e = step.position - 1
        let date = events.date(e).description
        cell.removeAll()
        cell.append(date)
        cell.append(" · ")
        cell.append(events.type(e).rawValue)
        cell.append(10)
        cell.append(events.title(e))
        if events.initiatorDisputed(e) {
            cell.append(10)
            cell.append(Views.actors(events[e], in: scenario))
        }
        var cells = [String(step.position), cell.string()]
        cells.reserveCapacity(2 + step.claims.count)
        for (claims, surfaced) in zip(step.claims, step.surfaced) {
            guard !claims.isEmpty || !surfaced.isEmpty else {
                cells.append("—")
                continue
            }
            cell.removeAll()
            var first = true
            for i in claims {
                if !first { cell.append("\n\n") }
                first = false
                writeClaim(i, eventDate: date, into: cell)
            }
            for i in surfaced {
                if !first { cell.append("\n\n") }
                first = false
                cell.append("made known here: see #")
                cell.append(String(links.about[i]))
                cell.append(" [")
                cell.append(self.claims.id(i))
                cell.append("]")
            }
            cells.append(cell.string())
        }
        return Table.Row(cells, marked: step.position == cursor, ids: RowIDs(event: events.id(e)))
    }

    /// One claim as a narrative shows it, appended to `cell`: who and how, the author's
    /// words, the quote, figures, what it confirms, denies or revises, and what known
    /// claims say of it.
    func writeClaim(_ i: Int, eventDate: String, into cell: ByteBuffer) {
        let c = claims
        appendClaimant(i, to: cell)
        cell.append(", ")
        cell.append(c[i].status.rawValue)
        // The date only when the author gave one that the event's does not already say;
        // a claim that surfaced later says where.
        if let made = c[i].madeOn {
            let said = made.description
            if said != eventDate {
                cell.append(", said ")
                cell.append(said)
            }
        }
        if c[i].knownPosition != links.about[i] {
            cell.append(", known from #")
            cell.append(String(c[i].knownPosition))
        }
        cell.append(" [")
        cell.append(c[i].id)
        cell.append("]\n")
        cell.append(c[i].says)
        if let q = c[i].quote {
            cell.append("\n“")
            cell.append(q)
            cell.append("”")
        }
        if !c[i].figures.isEmpty {
            cell.append("\nfigures: ")
            Views.write(c[i].figures, into: cell)
        }
        for j in links.confirms[i] { cell.append("\nconfirms "); appendLink(j, to: cell) }
        for j in links.denies[i] { cell.append("\ndenies "); appendLink(j, to: cell) }
        if let r = c[i].revises { cell.append("\nrevises "); cell.append(r) }
        for j in k.confirmations(of: i) { cell.append("\nconfirmed by "); appendLink(j, to: cell) }
        for j in k.denials(of: i) { cell.append("\ndenied by "); appendLink(j, to: cell) }
        for j in k.revisions(of: i) { cell.append("\nrevised by "); cell.append(c[j].id) }
    }

    // MARK: compare and diff

    /// Values a cell of the figures table of `compare` lists before it says how many more
    /// there are: an export's rows are claimed by sources, so its `others` cell would list
    /// every value of the file; no written scenario has this many in one cell.
    static let cellValues = 20

    /// `cap`: the figure rows listed (nil: all); `cellsCapped`: whether a cell lists at most
    /// `cellValues` values; `command`: the command as the notice of rows left out repeats it.
    func comparison(_ cmp: Comparison, onlyDifferences: Bool, cap: Int? = nil, cellsCapped: Bool = false,
                    command: String = "compare") -> [Block] {
        let who = cmp.parties.joined(separator: ", ")
        var blocks: [Block] = [
            .title(onlyDifferences ? "Where \(who) differ" : "\(who) compared"),
            .text("\(Self.asOf(k)): \(Self.plural(cmp.questions.count, "question")), \(Self.plural(cmp.figures.count, "figure row")).")
        ]
        // Other voices (sources, other parties' actors) get a column only when there are any.
        let showsOthers = cmp.hasOthers
        let tail = (showsOthers ? [Table.Column("others")] : []) + [.init("verdict"), .init("flag")]
        /// `typed`: the head's and each party's cells as values, then the others' (JSON).
        func judged(_ head: [String], _ cells: [String], others: String, _ j: Judgement, typed: [CellValue],
                    ids: RowIDs) -> Table.Row {
            var values: [CellValue] = Array(typed.prefix(typed.count - 1))
            if showsOthers, let others = typed.last { values.append(others) }
            values += [.string(j.verdict.rawValue), .id(j.flagText.nilIfEmpty)]
            return Table.Row(head + cells + (showsOthers ? [others] : []) + [j.verdict.rawValue, j.flagText],
                             flags: j.flags.map { ($0.kind.rawValue, $0.party) }, values: values, ids: ids)
        }

        if cmp.questions.isEmpty {
            blocks.append(.notice(onlyDifferences ? "No question on which they differ." : "No question's event is known yet."))
        } else {
            let rows = cmp.questions.map { row in
                judged([row.question.id], row.positions.map { answerCell($0) }, others: answerCell(row.others, naming: true),
                       row.judgement,
                       typed: [.string(row.question.id)] + row.positions.map { ps in
                           CellValue.list(ps.map { answerValue(.answer($0.answer), $0.claim, k.standing(of: .answer(question: row.question.id), in: $0.claim)) })
                       } + [CellValue.list(row.others.map { answerValue(.answer($0.answer), $0.claim, k.standing(of: .answer(question: row.question.id), in: $0.claim)) })],
                       ids: RowIDs(event: row.question.about, question: row.question.id))
            }
            blocks.append(.table(Table(name: "Questions", id: "\(onlyDifferences ? "diff" : "compare").questions", columns: [.init("question")] + cmp.parties.map(Self.column) + tail,
                                       rows: rows)))
        }
        if cmp.figures.isEmpty {
            blocks.append(.notice(onlyDifferences ? "No figures on which they differ."
                                  : "No figures claimed yet beyond those the questions show."))
        } else {
            let limit = cellsCapped ? Self.cellValues : nil
            let keys = cmp.parties.map { $0.lowercased() } + ["others"]
            let rows = cmp.figures.prefix(cap ?? cmp.figures.count).map { row in
                // Each cell's first `limit` values; the count of the rest, per column, for JSON.
                var leftOut: [CellValue.Member] = []
                for (key, values) in zip(keys, row.values + [row.others]) where (limit.map { values.count > $0 } ?? false) {
                    if key != "others" || showsOthers { leftOut.append(.init("\(key)_not_shown", .int(values.count - limit!))) }
                }
                var r = judged([row.losses ?? "all sides", row.measure.rawValue], row.values.map { figureCell($0, limit: limit) },
                               others: figureCell(row.others, naming: true, limit: limit), row.judgement,
                               typed: [.id(row.losses), .string(row.measure.rawValue)] + row.values.map { fs in
                                   CellValue.list(fs.prefix(limit ?? fs.count).map { answerValue(figureValue($0.value), $0.claim, $0.standing) })
                               } + [CellValue.list(row.others.prefix(limit ?? row.others.count).map {
                                   answerValue(figureValue($0.value), $0.claim, $0.standing)
                               })],
                               ids: RowIDs(party: row.losses))
                r.extra += leftOut
                return r
            }
            blocks.append(.table(Table(name: "Figures", id: "\(onlyDifferences ? "diff" : "compare").figures", columns: [.init("losses"), .init("measure")] + cmp.parties.map(Self.column)
                                       + tail, rows: rows)))
            if let more = TableCap.notice(shown: rows.count, of: cmp.figures.count, noun: "figure rows", command: command) { blocks.append(more) }
        }
        return blocks
    }

    /// One answer for JSON: the value, who gave it (claim, claimant, party), its status
    /// and whether it still counts.
    func answerValue(_ value: CellValue, _ i: Int, _ standing: Standing) -> CellValue {
        .object(["value": value, "claim": .string(claims.id(i)), "claimant": .string(claims.by(i)),
                 "party": .id(claims.party(i)), "status": .string(claims.status(i).rawValue),
                 "state": .string(Self.state(standing))])
    }

    /// `current`, `revised by ID`, `retracted`: as `figures` prints a value's state.
    static func state(_ standing: Standing) -> String {
        switch standing {
        case .current: "current"
        case .revised(let by): "revised by \(by)"
        case .retracted: "retracted"
        }
    }

    /// The flags of a verdict row as objects: `{"flag": "internal split", "party": "ARM"}`.
    func flags(_ split: [String]) -> CellValue {
        .list(split.map { .object(["flag": .string("internal split"), "party": .string($0)]) })
    }

    /// "AZE — Armenian Defense Ministry, official", one line per claim; "—" for none.
    /// `naming`: the others column, where each claimant is named with its party.
    func answerCell(_ positions: [Comparison.Position], naming: Bool = false) -> String {
        guard !positions.isEmpty else { return "—" }
        scratch.removeAll()
        for (n, p) in positions.enumerated() {
            if n > 0 { scratch.append(10) }
            writeStatedBy(p.answer.description, p.claim, naming: naming)
        }
        return scratch.string()
    }

    /// The cell's values one per line; past `limit` of them, "… and N more".
    func figureCell(_ values: [ClaimedFigure], naming: Bool = false, limit: Int? = nil) -> String {
        guard !values.isEmpty else { return "—" }
        scratch.removeAll()
        for (n, f) in values.prefix(limit ?? values.count).enumerated() {
            if n > 0 { scratch.append(10) }
            writeStatedBy(f.value.description, f.claim, naming: naming)
        }
        if let limit, values.count > limit {
            scratch.append("\n… and \(values.count - limit) more")
        }
        return scratch.string()
    }

    /// "value — claimant, status; confirmed by …; denied by …", appended to `scratch`.
    func writeStatedBy(_ value: String, _ i: Int, naming: Bool = false) {
        scratch.append(value)
        scratch.append(" — ")
        if naming { scratch.append(speaker(i)) } else { appendClaimant(i, to: scratch) }
        scratch.append(", ")
        scratch.append(claims.status(i).rawValue)
        for j in k.confirmations(of: i) { scratch.append("; confirmed by "); scratch.append(speaker(j)) }
        for j in k.denials(of: i) { scratch.append("; denied by "); scratch.append(speaker(j)) }
    }

    // MARK: figures

    /// The other belligerents when `losses` is a belligerent: whose claims are the adversary's.
    func adversaries(of losses: String?) -> [String] {
        guard let losses, scenario.party(losses)?.role == .belligerent else { return [] }
        return scenario.parties.filter { $0.role == .belligerent && $0.id != losses }.map(\.id)
    }

    /// `cap`: the values listed over all groups (nil: all), the first in the groups' order;
    /// a group none of whose values is listed has no table, and the summary keeps every
    /// group. `command`: the command as the notice of values left out repeats it.
    func figures(_ table: FigureTable, measure: Measure?, cap: Int? = nil, command: String = "figures") -> [Block] {
        let count = table.groups.reduce(0) { $0 + $1.values.count }
        var blocks: [Block] = [.title(measure.map { "Figures: \($0.rawValue)" } ?? "Figures"),
                               .text("\(Self.asOf(k)): \(Self.plural(count, "value")) in \(Self.plural(table.groups.count, "group")).")]
        guard !table.groups.isEmpty else {
            blocks.append(.notice("No figures known yet; 'step' to advance, or add 'all'."))
            return blocks
        }
        var room = cap ?? count
        for g in table.groups where room > 0 {
            let listed = g.values.prefix(room)
            room -= listed.count
            let rows = listed.map { f -> Table.Row in
                // Field by field: an import's claim is not made whole for one row.
                let c = f.claim, party = claims.party(c)
                return Table.Row([f.value.description, claimant(c), party ?? "—",
                                  claims.status(c).rawValue, k.dateSaid(c), Self.state(f.standing), f.note ?? ""],
                                 ids: RowIDs(claim: claims.id(c), event: claims.about(c), party: party, sources: claims.sources(c)),
                                 extra: [.init("claimant_id", .string(claims.by(c))), .init("losses", .id(g.losses))])
            }
            blocks.append(.table(Table(name: "\(Self.partyName(g.losses, in: scenario)): \(g.measure.rawValue)",
                                       id: "figures.\(g.losses ?? "all-sides").\(g.measure.rawValue)",
                                       columns: [.init("value", kind: .figure), .init("claimant"), .init("party"),
                                                 .init("status"), .init("date"), .init("state"), .init("note")],
                                       rows: rows,
                                       picture: .figures(FigureGroup(losses: g.losses, measure: g.measure.rawValue,
                                                                     adversaries: adversaries(of: g.losses))))))
        }
        let shown = (cap ?? count) - room
        if let more = TableCap.notice(shown: min(shown, count), of: count, noun: "values", command: command) { blocks.append(more) }
        func official(_ f: ClaimedFigure?) -> String {
            guard let f else { return "—" }
            return "\(f.value) (\(claimant(f.claim)))"
        }
        func officialValue(_ f: ClaimedFigure?) -> CellValue {
            guard let f else { return .null }
            return .object(["value": .figure(f.value), "claim": .string(claims.id(f.claim)), "claimant": .string(claims.by(f.claim))])
        }
        let rows = table.groups.map { g -> Table.Row in
            let head = [g.losses ?? "all sides", g.measure.rawValue]
            let typedHead: [CellValue] = [.id(g.losses), .string(g.measure.rawValue)]
            guard let s = g.summary else {
                return Table.Row(head + ["—", "—", "—", "—", "—"], values: typedHead + [.null, .null, .null, .null, .null],
                                 ids: RowIDs(party: g.losses))
            }
            let highest: CellValue
            switch s.highest {
            case .bounded(let n): highest = .int(n)
            case .open: highest = .null
            }
            return Table.Row(head + [String(s.lowest), s.highest.description, official(s.ownOfficial),
                                     official(s.adversaryOfficial), s.spread.map(String.init) ?? "open"],
                             values: typedHead + [.int(s.lowest), highest, officialValue(s.ownOfficial),
                                                  officialValue(s.adversaryOfficial), s.spread.map(CellValue.int) ?? .null],
                             ids: RowIDs(party: g.losses))
        }
        blocks.append(.table(Table(name: "Summary (current values)", id: "figures.summary",
                                   columns: [.init("losses"), .init("measure"), .init("lowest", numeric: true),
                                             .init("highest", numeric: true), .init("own_official", "own official"),
                                             .init("adversary_official", "adversary official"),
                                             .init("spread", numeric: true)],
                                   rows: rows)))
        return blocks
    }
}
