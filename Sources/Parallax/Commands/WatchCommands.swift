/// Following a question or a figure through time: watchpoints that stop `continue` where
/// it changes, and `trace`, the story of a disagreement in a few rows.
enum WatchCommands {
    static let all: [CommandSpec] = [trace]

    static let watch = CommandSpec(
        name: "watch", group: .navigation, usage: "watch [QUESTION-ID [PARTY…] | MEASURE PARTY]",
        summary: "Stop 'continue' where a question's answers or verdict, or a party's figures, change; alone, list them.",
        detail: "A question watch fires when the verdict, its flags or a party's set of answers differs after an event "
            + "(another claimant repeating an answer already there does not fire it); without parties it compares the "
            + "belligerents in file order. 'watch MEASURE PARTY' fires when the current values claimed for the party's "
            + "losses differ. Measures: " + Measure.allCases.map(\.rawValue).joined(separator: ", ")
            + ". Numbered with the breakpoints; 'delete N' removes one.",
        example: "watch who-started ARM AZE",
        scenarioExample: { sc in
            guard let q = sc.questions.first else { return nil }
            var line = (["watch", q.id] + sc.parties.prefix(2).map(\.id)).joined(separator: " ")
            // A figure someone claims for a party's losses, for the second form.
            if let f = sc.claims.lazy.flatMap(\.figures).first(where: { $0.party != nil && !$0.values.isEmpty }),
               let party = f.party {
                line += "; watch \(f.values[0].measure.rawValue) \(party)"
            }
            return line
        },
        parameters: [Parameter("QUESTION-ID | MEASURE", .watchable, .optional),
                     Parameter("PARTY", .party, .many(min: 0, max: nil))]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let usage = cmd.spec.usage
        guard let first = cmd.token("QUESTION-ID | MEASURE") else {
            return cmd.spec.document([.table(watchpointTable(ctx.session))])
        }
        let sc = ctx.scenario
        let target: Watchpoint.Target
        if let q = question(first, in: sc) {
            target = .question(q, parties: try parties(cmd, in: sc, usage: usage))
        } else if let m = Measure(rawValue: first.text) ?? Measure(rawValue: first.text.lowercased()) {
            let given = cmd.all("PARTY")
            guard let p = given.first else {
                throw CommandError("watch needs a party whose losses to watch", column: cmd.tailColumn)
            }
            if given.count > 1 { throw CommandError("unexpected '\(given[1].token.text)'; usage: \(usage)", at: given[1].token) }
            // All sides' figures (a war's toll) belong to no party: a question tied to them
            // is how they are followed.
            if p.token.text.lowercased() == "all" && sc.party(p.token.text) == nil {
                let tied = sc.tiedQuestion[Question.Tie(losses: nil, measure: m)]
                throw CommandError("all sides' \(m.rawValue) belong to no party; "
                                   + (tied.map { "'watch \($0)' follows the question tied to them" }
                                      ?? "a number question with 'measure: \(m.rawValue)' and 'party: all' is how to follow them"),
                                   at: p.token)
            }
            let party = try NarrativeCommands.party(p.token, in: sc)
            target = .figures(m, party: party)
        } else {
            let hint = Suggestions.nearest(to: first.text, in: sc.questions.map(\.id) + Measure.allCases.map(\.rawValue))
                .map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("no question or measure '\(first.text)'\(hint); usage: \(usage)", at: first)
        }
        let w = Watchpoint(number: ctx.session.nextBreakpoint, target: target, in: sc)
        ctx.session.nextBreakpoint += 1
        ctx.session.watchpoints.append(w)
        return cmd.spec.document([.notice("Watchpoint \(w.number): \(w.description) (now: \(w.probe.value(at: ctx.session.cursor)))")])
    }

    static func watchpointTable(_ s: Session) -> Table {
        Table(name: s.watchpoints.isEmpty ? "No watchpoints." : nil,
              columns: [.init("number", "#", numeric: true), .init("watches"), .init("now")],
              rows: s.watchpoints.map { Table.Row([String($0.number), $0.description, $0.probe.value(at: s.cursor).description]) })
    }

    /// A question id, exactly or ignoring case.
    static func question(_ token: Token, in sc: Scenario) -> String? {
        if sc.question(token.text) != nil { return token.text }
        let folded = sc.questions.filter { $0.id.lowercased() == token.text.lowercased() }
        return folded.count == 1 ? folded[0].id : nil
    }

    /// The parties after a question id; none given: the belligerents in file order.
    static func parties(_ cmd: Command, in sc: Scenario, usage: String) throws(CommandError) -> [String] {
        var parties: [String] = []
        for a in cmd.all("PARTY") {
            let id = try NarrativeCommands.party(a.token, in: sc)
            if parties.contains(id) { throw CommandError("\(id) is listed twice; usage: \(usage)", at: a.token) }
            parties.append(id)
        }
        if !parties.isEmpty { return parties }
        let belligerents = sc.parties.filter { $0.role == .belligerent }.map(\.id)
        guard belligerents.count >= 2 else {
            throw CommandError("this scenario has \(belligerents.count == 0 ? "no belligerent" : "one belligerent"); "
                               + "name the parties to compare; usage: \(usage)", column: cmd.endColumn)
        }
        return belligerents
    }

    static let trace = CommandSpec(
        name: "trace", group: .narratives, usage: "trace QUESTION-ID [PARTY…] [all]",
        summary: "How a disagreement evolved: a row per event where a party's answers or the verdict changed.",
        detail: "Without parties: the belligerents in file order. Up to the cursor unless 'all' is given. "
            + "Each row: the event's position, date and id, each party's answers then, and the verdict.",
        example: "trace who-started ARM AZE all",
        scenarioExample: { sc in
            guard let q = sc.questions.first else { return nil }
            return (["trace", q.id] + sc.parties.prefix(2).map(\.id) + ["all"]).joined(separator: " ")
        },
        parameters: [Parameter("QUESTION-ID", .question), Parameter("PARTY", .party, .many(min: 0, max: nil))],
        flags: ["all"],
        check: { cmd, sc throws(CommandError) in _ = try parties(cmd, in: sc, usage: cmd.spec.usage) }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let usage = cmd.spec.usage
        let sc = ctx.scenario
        let first = cmd.token("QUESTION-ID")!
        guard let q = question(first, in: sc) else {
            let hint = Suggestions.nearest(to: first.text, in: sc.questions.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandError("no question '\(first.text)'\(hint); 'questions' lists them", at: first)
        }
        let parties = try parties(cmd, in: sc, usage: usage)
        let all = cmd.has("all")
        let s = ctx.session
        let limit = all ? s.count : s.cursor
        let trace = Trace(question: q, parties: parties, in: sc, through: limit,
                          isInterrupted: ctx.environment.isInterrupted)
        var blocks: [Block] = [.title("\(q): \(sc.question(q)?.text ?? "")")]
        if trace.rows.isEmpty {
            let why = all || s.cursor >= s.count ? "its event is not in the sequence" : "its event is not reached as of \(s.positionText); 'trace \(q) all' reads the whole sequence"
            blocks.append(.notice("Nothing to trace: \(why)."))
        } else {
            blocks.append(.table(Table(
                columns: [.init("position", "#", numeric: true), .init("date"), .init("event")]
                    + parties.map(NarrativeViews.column) + [.init("verdict")],
                rows: trace.rows.map { row in
                    let e = sc.events[row.position - 1]
                    let state = row.state
                    // JSON: each party's answers as typed values, the verdict apart from its
                    // flags (`flag` as printed, `flags` with their parties), as `compare` has them.
                    let typed: [CellValue] = [.int(row.position), .string(e.date.description), .string(e.id)]
                        + parties.indices.map { k in .list(state.answers[k].map(CellValue.answer)) }
                        + [.string(state.verdict)]
                    return Table.Row(["#\(row.position)", e.date.description, e.id]
                                     + parties.indices.map { state.cell($0) } + [state.verdictText],
                                     marked: row.position == s.cursor,
                                     flags: state.judgement.flags.map { ($0.kind.rawValue, $0.party) }, values: typed,
                                     ids: RowIDs(event: e.id, question: q),
                                     extra: [.init("flag", .id(state.judgement.flagText.nilIfEmpty))])
                }, showsMarker: true)))
        }
        if let k = trace.interruptedAt { blocks.append(.notice("interrupted at \(k)/\(limit)")) }
        else if !all && s.cursor < s.count { blocks.append(.notice("As of \(s.positionText); 'all' traces the whole sequence.")) }
        return cmd.spec.document(blocks)
    }
}
