/// Moving the cursor through the sequence, as a debugger steps through a program.
enum NavigationCommands {
    static let all: [CommandSpec] = [step, back, goto, start, end, continueCommand, breakCommand, WatchCommands.watch, delete, whereCommand]

    static func atEndNotice(_ s: Session) -> Block {
        .notice("At the last event (\(s.positionText)); nothing further. 'back' or 'start' to go back.")
    }

    static let step = CommandSpec(
        name: "step", group: .navigation, usage: "step [N]",
        summary: "Advance N events (default 1); print each event and the claims it reveals.",
        detail: "Then a 'Changed' list: each revision passed (old → new) and each watchpoint whose value differs. "
            + "Ctrl-C stops it where it got to.",
        example: "step 3", parameters: [Parameter("N", .number, .optional, what: "a number of events")],
        repeatsOnEmptyLine: true
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let n = cmd.number("N") ?? 1
        var doc = cmd.spec.document()
        if ctx.session.cursor >= ctx.session.count {
            doc.add(atEndNotice(ctx.session))
            return doc
        }
        let old = ctx.session.cursor
        var done = 0
        while done < n && ctx.session.cursor < ctx.session.count {
            if ctx.environment.isInterrupted() { break }
            ctx.session.move(to: ctx.session.cursor + 1)
            doc.blocks += Views.stepBlocks(at: ctx.session.cursor, in: ctx.session)
            done += 1
        }
        doc.blocks += MovementViews.changed(Passage(from: old, to: ctx.session.cursor, in: ctx.session), summarised: false)
        if done < n && ctx.session.cursor < ctx.session.count {
            doc.add(.notice("interrupted at \(done)/\(n), the cursor at \(ctx.session.positionText)"))
        } else if ctx.session.cursor >= ctx.session.count {
            doc.add(.notice("Reached the last event."))
        }
        return doc
    }

    static let back = CommandSpec(
        name: "back", group: .navigation, usage: "back [N]",
        summary: "Go back N events (default 1) and show where the cursor now stands.",
        example: "back 2", parameters: [Parameter("N", .number, .optional, what: "a number of events")],
        repeatsOnEmptyLine: true
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let n = cmd.number("N") ?? 1
        var doc = cmd.spec.document()
        if ctx.session.cursor == 0 {
            doc.add(.notice("Already before the first event (\(ctx.session.positionText))."))
            return doc
        }
        ctx.session.move(to: ctx.session.cursor - n)
        doc.blocks += current(ctx.session)
        return doc
    }

    /// The event under the cursor, or a line saying the cursor is before the first.
    static func current(_ s: Session) -> [Block] {
        guard s.cursor >= 1 else {
            return [.notice("Before the first event (\(s.positionText)); nothing is known yet. 'step' to begin.")]
        }
        return Views.event(s.scenario.events[s.cursor - 1], position: s.cursor, in: s.scenario)
    }

    /// An event id, `#N`, a date, then a phase name, in that order (ids may look like phases).
    static func position(of token: Token, in scenario: Scenario, usage: String) throws(CommandError) -> Int {
        if case .eventIndex(let n) = token.kind {
            guard n >= 1, n <= scenario.events.count else {
                throw CommandError("there is no event #\(n); events are #1 to #\(scenario.events.count)", at: token)
            }
            return n
        }
        if let p = scenario.positionOfEvent[token.text] { return p }
        if let d = PartialDate(parsing: token.text) {
            guard let i = scenario.events.firstIndex(where: { $0.date.firstDay >= d.firstDay && $0.date.firstDay <= d.lastDay })
                    ?? scenario.events.firstIndex(where: { $0.date.firstDay <= d.firstDay && $0.date.lastDay >= d.firstDay }) else {
                throw CommandError("no event on \(d)", at: token)
            }
            return i + 1
        }
        if let phase = Phase(rawValue: token.text) {
            guard let i = scenario.events.firstIndex(where: { $0.phase == phase }) else {
                throw CommandError("no event in phase \(phase.rawValue)", at: token)
            }
            return i + 1
        }
        if let entity = scenario.entity(token.text) {
            throw CommandError("'\(token.text)' is a \(entity.kindName), not an event", at: token)
        }
        // A word written as a date that is not one, or a range: say so, not "no event".
        switch EventDate.parse(token.text) {
        case .success(let range) where range.end != nil:
            throw CommandError("a date range is not a position; give one day, month or year (\(range.start) is where it starts)",
                               at: token)
        case .failure(.reversed):
            throw CommandError("a date range is not a position, and '\(token.text)' ends before it starts", at: token)
        default:
            if let n = Int(token.text), token.text.count < 4, n >= 1, n <= scenario.events.count {
                throw CommandError("'\(token.text)' is neither an event id nor a date; event \(n) is written #\(n)", at: token)
            }
            if token.text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ".") }), token.text.first?.isNumber == true {
                throw CommandError("'\(token.text)' is not a date: write 2021, 2021-11 or 2021-11-16 (a real day of the calendar)",
                                   at: token)
            }
        }
        let hint = Suggestions.nearest(to: token.text, in: scenario.events.map(\.id) + Phase.allCases.map(\.rawValue))
            .map { "; did you mean '\($0)'?" } ?? ""
        throw CommandError("no event, date or phase '\(token.text)'\(hint); usage: \(usage)", at: token)
    }

    /// Where `goto` goes for a word, and what to say when a date has no event of its own.
    /// A date D goes to the first event whose first day lies in D; else to the last event
    /// that starts before D ("as of that day"); before every event, to the start.
    static func destination(of token: Token, in scenario: Scenario, usage: String) throws(CommandError) -> (Int, String?) {
        if case .eventIndex = token.kind { return (try position(of: token, in: scenario, usage: usage), nil) }
        if scenario.positionOfEvent[token.text] == nil, let d = PartialDate(parsing: token.text) {
            let events = scenario.events
            // Events are in sequence order, which is first-day order: two binary searches.
            func firstStarting(atOrAfter day: Int) -> Int {
                var low = 0, high = events.count
                while low < high {
                    let mid = (low + high) / 2
                    if events[mid].date.firstDay < day { low = mid + 1 } else { high = mid }
                }
                return low
            }
            let i = firstStarting(atOrAfter: d.firstDay)
            if i < events.count && events[i].date.firstDay <= d.lastDay { return (i + 1, nil) }
            if i == 0 { return (0, "no event in \(d): before every event, at the start") }
            return (i, "no event in \(d): at the last event before it")
        }
        return (try position(of: token, in: scenario, usage: usage), nil)
    }

    static let goto = CommandSpec(
        name: "goto", group: .navigation, usage: "goto EVENT-ID | #N | DATE | PHASE",
        summary: "Jump to an event, a date (as of that day) or a phase's first event.",
        detail: "A word is tried as an event id, then #N, then a date (2021, 2021-11, 2021-11-16), then a phase name. "
            + "A date goes to the first event that starts in it; when none does, to the last event before it. "
            + "Moving forward prints the event, every claim revealed on the way and a 'Changed' list; "
            + "moving back prints only the event.",
        example: "goto 2021-11-16",
        scenarioExample: { sc in
            // The month of the middle event: a date that exists in this scenario.
            guard !sc.events.isEmpty else { return nil }
            let d = sc.events[sc.events.count / 2].date.start
            return "goto " + String(d.description.prefix(7))
        },
        parameters: [Parameter("EVENT-ID | #N | DATE | PHASE", .position)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let t = cmd.token("EVENT-ID | #N | DATE | PHASE")!
        let (p, notice) = try destination(of: t, in: ctx.scenario, usage: "goto EVENT-ID | #N | DATE | PHASE")
        let old = ctx.session.cursor
        ctx.session.move(to: p)
        var doc = cmd.spec.document()
        if let notice { doc.add(.notice(notice)) }
        doc.blocks += MovementViews.arrival(from: old, in: ctx.session)
        return doc
    }

    static let start = CommandSpec(
        name: "start", group: .navigation, usage: "start",
        summary: "Put the cursor before the first event.", example: "start"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        ctx.session.move(to: 0)
        return cmd.spec.document(current(ctx.session))
    }

    static let end = CommandSpec(
        name: "end", group: .navigation, usage: "end",
        summary: "Put the cursor on the last event: everything is known.", example: "end"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let old = ctx.session.cursor
        ctx.session.move(to: ctx.session.count)
        return cmd.spec.document(MovementViews.arrival(from: old, in: ctx.session))
    }

    static let continueCommand = CommandSpec(
        name: "continue", aliases: ["run"], group: .navigation, usage: "continue",
        summary: "Advance until a breakpoint's event, a watchpoint's change, or the end.",
        detail: "Aliases: c, run. Set breakpoints with 'break', watchpoints with 'watch'. Prints the event it stops on, "
            + "every claim revealed on the way and a 'Changed' list (old → new). Ctrl-C stops it where it got to.",
        example: "continue", repeatsOnEmptyLine: true
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        var doc = cmd.spec.document()
        let s = ctx.session
        if s.cursor >= s.count {
            doc.add(atEndNotice(s))
            return doc
        }
        let old = s.cursor
        // Each watchpoint is read only where one of its claims becomes known.
        var watched = s.watchpoints.map { w in (w, next: w.probe.nextChangePoint(after: old), value: w.probe.value(at: old)) }
        let initial = watched.map(\.value)
        // Each watchpoint's value where the cursor stops, for the `Changed` list: read on the way.
        func values() -> [(WatchedValue, WatchedValue)] { Array(zip(initial, watched.map(\.value))) }
        let breakpoints = s.breakpoints.map { b in (b, hit: b.stops(in: s)) }
        var p = old + 1
        while p <= s.count {
            if ctx.environment.isInterrupted() {
                ctx.session.move(to: p - 1)
                doc.add(.notice("interrupted at \(p - 1)/\(s.count)"))
                doc.blocks += MovementViews.arrival(from: old, in: ctx.session)
                return doc
            }
            var stops: [String] = []
            for (b, hit) in breakpoints where hit(p) {
                stops.append("Breakpoint \(b.number) (\(b.description))")
            }
            for k in watched.indices where watched[k].next == p {
                let w = watched[k].0
                let value = w.probe.value(at: p)
                if value != watched[k].value { stops.append("Watchpoint \(w.number) (\(w.description))") }
                watched[k].value = value
                watched[k].next = w.probe.nextChangePoint(after: p)
            }
            if !stops.isEmpty {
                ctx.session.move(to: p)
                doc.add(.notice(stops.joined(separator: ", ") + " at \(ctx.session.positionText)"))
                doc.blocks += MovementViews.arrival(from: old, in: ctx.session, watchValues: values())
                return doc
            }
            p += 1
        }
        ctx.session.move(to: s.count)
        doc.add(.notice("No breakpoint reached; at the last event (\(ctx.session.positionText))."))
        doc.blocks += MovementViews.arrival(from: old, in: ctx.session)
        return doc
    }

    static let breakCommand = CommandSpec(
        name: "break", group: .navigation,
        usage: "break [EVENT-ID | #N | DATE | PHASE | where FILTER | claim where FILTER]",
        summary: "Add a breakpoint for 'continue'; alone, list the breakpoints.",
        detail: "Event fields for 'where': " + FilterSchemas.event.fields.map(\.name).joined(separator: ", ") + ". "
            + "'break claim where FILTER' stops at the event where a matching claim becomes known; claim fields: "
            + FilterSchemas.claim.fields.map(\.name).joined(separator: ", ") + ".",
        example: "break where type in (mediate, consult)",
        scenarioExample: { sc in sc.questions.first.map { "break claim where question = \($0.id) and status = official" } },
        // `claim` leads only when `where` follows: an event may be called `claim`.
        parameters: [Parameter("EVENT-ID | #N | DATE | PHASE", .position, .optional, what: "an event, a date, a phase or 'where FILTER'"),
                     Parameter("FILTER", .filter(.event), .optional),
                     Parameter("CLAIM-FILTER", .filter(.claim), .optional, prefix: "claim")],
        refine: { (cmd: inout Command) throws(CommandError) in
            if cmd.arguments.count > 1 {
                throw CommandError("break takes one condition; usage: \(cmd.spec.usage)", at: cmd.arguments[1].token)
            }
        }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let usage = cmd.spec.usage
        if cmd.arguments.isEmpty { return cmd.spec.document([.table(breakpointTable(ctx.session))]) }
        let condition: Breakpoint.Condition
        if let f = cmd.filter("CLAIM-FILTER") {
            condition = .claim(f, text: f.text)
        } else if let f = cmd.filter() {
            condition = .filter(f, text: f.text)
        } else {
            let t = cmd.token("EVENT-ID | #N | DATE | PHASE")!
            if case .eventIndex = t.kind {
                let p = try position(of: t, in: ctx.scenario, usage: usage)
                condition = .event(ctx.scenario.events[p - 1].id)
            } else if ctx.scenario.event(t.text) != nil {
                condition = .event(t.text)
            } else if let d = PartialDate(parsing: t.text) {
                condition = .date(d)
            } else if let phase = Phase(rawValue: t.text) {
                condition = .phase(phase)
            } else {
                _ = try position(of: t, in: ctx.scenario, usage: usage)
                throw CommandError("cannot break on '\(t.text)'", at: t)
            }
        }
        let b = Breakpoint(number: ctx.session.nextBreakpoint, condition: condition)
        ctx.session.nextBreakpoint += 1
        ctx.session.breakpoints.append(b)
        return cmd.spec.document([.notice("Breakpoint \(b.number): \(b.description)")])
    }

    static func breakpointTable(_ s: Session) -> Table {
        Table(name: s.breakpoints.isEmpty ? "No breakpoints." : nil,
              columns: [.init("number", "#", numeric: true), .init("condition")],
              rows: s.breakpoints.map { Table.Row([String($0.number), $0.description]) })
    }

    static let delete = CommandSpec(
        name: "delete", group: .navigation, usage: "delete N | all",
        summary: "Remove breakpoint or watchpoint N, or all of them.", example: "delete 1",
        parameters: [Parameter("N", .breakpoint, what: "a breakpoint or watchpoint number, or 'all'", keywords: ["all"])]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let t = cmd.token("N")!
        if cmd.keyword("N") == "all" {
            let b = ctx.session.breakpoints.count, w = ctx.session.watchpoints.count
            ctx.session.breakpoints.removeAll()
            ctx.session.watchpoints.removeAll()
            let what = w == 0 ? NarrativeViews.plural(b, "breakpoint")
                : b == 0 ? NarrativeViews.plural(w, "watchpoint")
                : NarrativeViews.plural(b, "breakpoint") + " and " + NarrativeViews.plural(w, "watchpoint")
            return cmd.spec.document([.notice("Deleted \(what).")])
        }
        let n = cmd.number("N") ?? 0
        if let i = ctx.session.breakpoints.firstIndex(where: { $0.number == n }) {
            ctx.session.breakpoints.remove(at: i)
            return cmd.spec.document([.notice("Deleted breakpoint \(n).")])
        }
        if let i = ctx.session.watchpoints.firstIndex(where: { $0.number == n }) {
            ctx.session.watchpoints.remove(at: i)
            return cmd.spec.document([.notice("Deleted watchpoint \(n).")])
        }
        let numbers = (ctx.session.breakpoints.map(\.number) + ctx.session.watchpoints.map(\.number)).sorted().map(String.init)
        throw CommandError("no breakpoint or watchpoint \(n)" + (numbers.isEmpty ? "; there are none" : "; numbers in use: \(numbers.joined(separator: ", "))"), at: t)
    }

    static let whereCommand = CommandSpec(
        name: "where", group: .navigation, usage: "where",
        summary: "Show the position k/n, date, phase, event, intensity and claims known.", example: "where"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let s = ctx.session
        // Counted from the claims in order of becoming known, not by copying them out.
        let known = s.revealed(after: -1, through: s.cursor).count
        // JSON: numbers as numbers, the event by its id.
        var fields = [Field("position", s.positionText, typed: .object(["index": .int(s.cursor), "count": .int(s.count)]))]
        if let e = s.currentEvent {
            fields += [Field("date", e.date.description + (e.time.map { " \($0)" } ?? "")), Field("phase", e.phase.rawValue),
                       Field("event", "\(e.id): \(e.title)", typed: .object(["id": .string(e.id), "title": .string(e.title)])),
                       Field("type", e.type.rawValue),
                       Field("intensity", TextRenderer.number(e.intensity), typed: CellValue.parse(TextRenderer.number(e.intensity), as: .number))]
        } else {
            fields.append(Field("event", "(before the first event)", typed: .null))
        }
        fields.append(Field("claims_known", "\(known) of \(s.scenario.claims.count)", label: "claims known",
                            typed: .object(["known": .int(known), "count": .int(s.scenario.claims.count)])))
        fields.append(Field("breakpoints", String(s.breakpoints.count), typed: .int(s.breakpoints.count)))
        return cmd.spec.document([.fields(fields)])
    }
}
