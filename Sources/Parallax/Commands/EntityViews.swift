/// What `show` prints for each kind of entity: its fields, its sources, and every claim
/// that mentions it.
enum EntityViews {
    static func knownMark(_ c: Claim, _ s: Session) -> String {
        s.isKnown(c) ? "" : " (known from #\(c.knownPosition))"
    }

    static func mentions(_ claims: [Claim], _ s: Session, name: String) -> [Block] {
        guard !claims.isEmpty else { return [] }
        // In the order they become known (as `claims` lists them), then file order.
        let ordered = claims.indices.sorted {
            (claims[$0].knownPosition, $0) < (claims[$1].knownPosition, $1)
        }.map { claims[$0] }
        return [.table(Table(name: name, columns: [.init("id"), .init("by"), .init("status"), .init("says")],
                             rows: ordered.map { c in
            let speaker = Views.speaker(c, in: s.scenario)
            // JSON gets the bare id and when the claim becomes known, not the text's mark.
            return Table.Row([c.id + knownMark(c, s), speaker, c.status.rawValue, c.says],
                             values: [.string(c.id), .string(speaker), .string(c.status.rawValue), .string(c.says)],
                             ids: RowIDs(claim: c.id, event: c.about, party: c.party, sources: c.sources),
                             extra: [.init("known_from", .int(c.knownPosition))])
        }))]
    }

    static func event(_ e: Event, in s: Session) -> [Block] {
        let sc = s.scenario
        let p = sc.positionOfEvent[e.id] ?? 0
        var blocks = Views.event(e, position: p, in: sc)
        // By the claims' resolved positions: integers, not a million ids compared.
        let links = sc.claimLinks.about
        let about = p > 0 ? sc.claims.filtered { links[$0] == p } : []
        blocks += mentions(about, s, name: "Claims about it")
        let questions = sc.questions.filter { $0.about == e.id }
        if !questions.isEmpty {
            blocks.append(.table(Table(name: "Questions", columns: [.init("id"), .init("text")],
                                       rows: questions.map { Table.Row([$0.id, $0.text]) })))
        }
        return blocks
    }

    static func actor(_ a: Actor, in s: Session) -> [Block] {
        let sc = s.scenario
        var fields = [Field("id", a.id), Field("name", a.name)]
        if let t = a.title { fields.append(Field("title", t)) }
        if let k = a.kind { fields.append(Field("kind", k)) }
        fields.append(Field("party", "\(a.party) (\(sc.name(of: a.party)))"))
        var blocks: [Block] = [.title("actor \(a.id)"), .fields(fields)]
        let events = sc.events
        // Through the events' actors as numbers: one comparison of integers per event.
        let index = sc.partyIndex
        let ordinal = index.actorIDs.firstIndex(of: a.id).map { Int32($0) }
        let involved = events.indices(where: { i in
            ordinal.map { index.actors[Int(index.actorStart[i])..<Int(index.actorStart[i + 1])].contains($0) } == true
                || events.reportedBy(i).contains(a.id)
        }).map { (offset: $0, element: events[$0]) }
        if !involved.isEmpty {
            blocks.append(.table(Table(name: "Events", columns: [.init("position", "#", numeric: true), .init("date"), .init("id"), .init("title")],
                                       rows: involved.map { Table.Row(["#\($0.offset + 1)", $0.element.date.description, $0.element.id, $0.element.title]) })))
        }
        blocks += mentions(sc.claims.spokenBy(a.id).map { sc.claims[$0] }, s, name: "Claims by or relayed by it")
        return blocks
    }

    static func party(_ p: Party, in s: Session) -> [Block] {
        let sc = s.scenario
        var blocks: [Block] = [.title("party \(p.id)"), .fields([Field("id", p.id), Field("name", p.name), Field("role", p.role.rawValue)])]
        let actors = sc.actors.filter { $0.party == p.id }
        if !actors.isEmpty {
            blocks.append(.table(Table(name: "Actors", columns: [.init("id"), .init("name"), .init("kind")],
                                       rows: actors.map { Table.Row([$0.id, $0.displayName, $0.kind ?? ""]) })))
        }
        let claims = sc.claims
        func mentionsParty(_ i: Int) -> Bool {
            if claims.party(i) == p.id { return true }
            if claims.hasAnswers(i), claims.answers(i).contains(where: { if case .party(let ids) = $0.answer { ids.contains(p.id) } else { false } }) {
                return true
            }
            return claims.hasFigure(i, lossesOf: p.id) { _ in true }
        }
        blocks += mentions(claims.filtered(mentionsParty), s, name: "Claims by it or about it")
        return blocks
    }

    static func claim(_ c: Claim, in s: Session) -> [Block] {
        let sc = s.scenario
        // When it was said, from when the analyst knows it, and what it is about: three
        // different things, each on its own line.
        var fields = [Field("id", c.id), Field("by", Views.speaker(c, in: sc)), Field("status", c.status.rawValue),
                      Field("said", (c.said?.description ?? "") + (c.madeOn == nil ? " (not given; from \(c.knownAt == nil ? "the event it is about" : "known_at"))" : ""))]
        fields.append(Field("known_from", "#\(c.knownPosition) \(sc.events[c.knownPosition - 1].id)" + (s.isKnown(c) ? "" : " (not yet known at \(s.positionText))"), label: "known from"))
        fields.append(Field("about", "\(c.about): \(sc.name(of: c.about))"))
        fields.append(Field("says", c.says))
        if let q = c.quote { fields.append(Field("quote", "“\(q)”")) }
        if !c.answers.isEmpty { fields.append(Field("answers", c.answers.map { "\($0.question): \($0.answer)" }.joined(separator: "; "))) }
        if !c.figures.isEmpty { fields.append(Field("figures", Views.figures(c.figures))) }
        if let r = c.relayedBy { fields.append(Field("relayed_by", sc.name(of: r), label: "relayed by")) }
        if !c.confirms.isEmpty { fields.append(Field("confirms", c.confirms.joined(separator: ", "))) }
        if !c.denies.isEmpty { fields.append(Field("denies", c.denies.joined(separator: ", "))) }
        if let r = c.revises { fields.append(Field("revises", r)) }
        let k = Knowledge(session: s)
        let index: Int? = if case .claim(let i)? = sc.entity(c.id) { i } else { nil }
        let ids = { (links: [Int]) in links.map { sc.claims[$0].id } }
        let confirmedBy = index.map { ids(k.confirmations(of: $0)) } ?? []
        let deniedBy = index.map { ids(k.denials(of: $0)) } ?? []
        let revisedBy = index.map { ids(k.revisions(of: $0)) } ?? []
        if !confirmedBy.isEmpty { fields.append(Field("confirmed_by", confirmedBy.joined(separator: ", "), label: "confirmed by")) }
        if !deniedBy.isEmpty { fields.append(Field("denied_by", deniedBy.joined(separator: ", "), label: "denied by")) }
        if !revisedBy.isEmpty { fields.append(Field("revised_by", revisedBy.joined(separator: ", "), label: "revised by")) }
        fields.append(Field("sources", c.sources.map { "\($0) (\(sc.name(of: $0)))" }.joined(separator: ", ")))
        return [.title("claim \(c.id)"), .fields(fields)]
    }

    /// Every answer with its claimant, status and state (current, revised by X, retracted,
    /// withheld), then the verdict among the belligerents as of the cursor.
    static func question(_ q: Question, in full: Session) -> [Block] {
        // Only the claims that answer it (with their revision trees) bear on it: read on the
        // scenario cut to them, as a watchpoint is, not on every claim (16 ms → a few on the
        // 5,000-event scenario).
        var s = Session(scenario: Probe.cut(full.scenario, to: q))
        s.move(to: full.cursor)
        let sc = s.scenario
        var fields = [Field("id", q.id), Field("text", q.text), Field("about", "\(q.about): \(sc.name(of: q.about))"),
                      Field("kind", q.kind.rawValue + (q.kindDeclared ? "" : " (inferred)"))]
        if let t = q.tie {
            fields.append(Field("answered_by", "figures for \(t.losses ?? "all sides") \(t.measure.rawValue)", label: "answered by"))
        }
        var blocks: [Block] = [.title("question \(q.id)"), .fields(fields)]
        // Every answer, known yet or not (marked), in sequence order; states as of the cursor.
        let answering = Knowledge(session: s, all: true).inSequence.filter { sc.claims[$0].answer(to: q.id) != nil }
        let k = Knowledge(session: s)
        if answering.isEmpty {
            blocks.append(.notice("No claim answers it."))
        } else {
            blocks.append(.table(Table(name: "Answers", columns: [.init("claim"), .init("by"), .init("party"), .init("status"),
                                                                 .init("date"), .init("answer"), .init("state")],
                                       rows: answering.map { i in
                let c = sc.claims[i]
                let answer = c.answer(to: q.id)!
                let state: String = switch k.standing(of: .answer(question: q.id), in: i) {
                case .retracted: "retracted"
                case .revised(let by): "revised by \(by)"
                case .current: answer.isWithheld ? "withheld" : "current"
                }
                let speaker = Views.speaker(c, in: sc), said = k.dateSaid(i)
                return Table.Row([c.id + knownMark(c, s), speaker, c.party ?? "—", c.status.rawValue, said,
                                  answer.description, state],
                                 values: [.string(c.id), .string(speaker), .id(c.party), .string(c.status.rawValue),
                                          .id(said.nilIfEmpty), .answer(answer), .string(state)],
                                 ids: RowIDs(claim: c.id, event: c.about, party: c.party, question: q.id, sources: c.sources),
                                 extra: [.init("known_from", .int(c.knownPosition))])
            })))
        }
        let belligerents = sc.parties.filter { $0.role == .belligerent }.map(\.id)
        if belligerents.count >= 2 {
            let cmp = Comparison(Knowledge(session: s), parties: belligerents)
            if let row = cmp.questions.first(where: { $0.question.id == q.id }) {
                let flags = row.judgement.flagText
                blocks.append(.fields([Field("verdict", row.verdict.rawValue + (flags.isEmpty ? "" : " (\(flags))")
                                             + " among \(belligerents.joined(separator: ", ")), as of \(s.positionText)",
                                             typed: .object(["verdict": .string(row.verdict.rawValue), "flag": .id(flags.nilIfEmpty),
                                                             "flags": Views.flags(row.judgement),
                                                             "parties": .list(belligerents.map(CellValue.string)),
                                                             "position": .int(s.cursor)]))]))
            } else {
                blocks.append(.notice("No verdict yet: its event, \(q.about), is not reached (\(s.positionText))."))
            }
        }
        return blocks
    }

    static func source(_ src: Source, in s: Session) -> [Block] {
        let sc = s.scenario
        var fields = [Field("id", src.id), Field("publisher", src.publisher), Field("title", src.title), Field("date", src.date.description)]
        if let u = src.url { fields.append(Field("url", u)) }
        let events = sc.events, claims = sc.claims
        let citing = events.citing(src.id).count
        let citingClaims = claims.citing(src.id).count
        fields.append(Field("cited_by", NarrativeViews.plural(citing, "event") + ", " + NarrativeViews.plural(citingClaims, "claim"),
                            label: "cited by", typed: .object(["events": .int(citing), "claims": .int(citingClaims)])))
        // Its own voice, then what others said through it (a paper relaying a minister).
        let spoken = claims.spokenBy(src.id)
        return [.title("source \(src.id)"), .fields(fields)]
            + mentions(spoken.filter { claims.by($0) == src.id }.map { claims[$0] }, s, name: "Claims in its own voice")
            + mentions(spoken.filter { claims.relayedBy($0) == src.id }.map { claims[$0] }, s, name: "Claims it relays")
    }

    static func place(_ p: Place, in s: Session) -> [Block] {
        let sc = s.scenario
        var fields = [Field("id", p.id), Field("name", p.name)]
        if let n = p.note { fields.append(Field("note", n)) }
        var blocks: [Block] = [.title("place \(p.id)"), .fields(fields)]
        let all = sc.events
        let events = all.indices(where: { all.place($0) == p.id }).map { (offset: $0, element: all[$0]) }
        if !events.isEmpty {
            blocks.append(.table(Table(name: "Events", columns: [.init("position", "#", numeric: true), .init("date"), .init("id"), .init("title")],
                                       rows: events.map { Table.Row(["#\($0.offset + 1)", $0.element.date.description, $0.element.id, $0.element.title]) })))
        }
        return blocks
    }
}
