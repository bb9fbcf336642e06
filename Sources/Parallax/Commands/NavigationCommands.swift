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
        example: "step 3", repeatsOnEmptyLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        let n = try inv.args.count() ?? 1
        try inv.args.finish("step [N]")
        var doc = inv.document()
        if inv.session.cursor >= inv.session.count {
            doc.add(atEndNotice(inv.session))
            return doc
        }
        let old = inv.session.cursor
        var done = 0
        while done < n && inv.session.cursor < inv.session.count {
            if inv.interpreter.environment.isInterrupted() { break }
            inv.session.move(to: inv.session.cursor + 1)
            doc.blocks += Views.stepBlocks(at: inv.session.cursor, in: inv.session)
            done += 1
        }
        doc.blocks += MovementViews.changed(Passage(from: old, to: inv.session.cursor, in: inv.session), summarised: false)
        if done < n && inv.session.cursor < inv.session.count {
            doc.add(.notice("interrupted at \(done)/\(n), the cursor at \(inv.session.positionText)"))
        } else if inv.session.cursor >= inv.session.count {
            doc.add(.notice("Reached the last event."))
        }
        return doc
    }

    static let back = CommandSpec(
        name: "back", group: .navigation, usage: "back [N]",
        summary: "Go back N events (default 1) and show where the cursor now stands.",
        example: "back 2", repeatsOnEmptyLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        let n = try inv.args.count() ?? 1
        try inv.args.finish("back [N]")
        var doc = inv.document()
        if inv.session.cursor == 0 {
            doc.add(.notice("Already before the first event (\(inv.session.positionText))."))
            return doc
        }
        inv.session.move(to: inv.session.cursor - n)
        doc.blocks += current(inv.session)
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
        }
    ) { (inv: inout Invocation) throws(CommandError) in
        let t = try inv.args.word("an event id, #N, a date or a phase")
        try inv.args.finish("goto EVENT-ID | #N | DATE | PHASE")
        let (p, notice) = try destination(of: t, in: inv.scenario, usage: "goto EVENT-ID | #N | DATE | PHASE")
        let old = inv.session.cursor
        inv.session.move(to: p)
        var doc = inv.document()
        if let notice { doc.add(.notice(notice)) }
        doc.blocks += MovementViews.arrival(from: old, in: inv.session)
        return doc
    }

    static let start = CommandSpec(
        name: "start", group: .navigation, usage: "start",
        summary: "Put the cursor before the first event.", example: "start"
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("start")
        inv.session.move(to: 0)
        return inv.document(current(inv.session))
    }

    static let end = CommandSpec(
        name: "end", group: .navigation, usage: "end",
        summary: "Put the cursor on the last event: everything is known.", example: "end"
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("end")
        let old = inv.session.cursor
        inv.session.move(to: inv.session.count)
        return inv.document(MovementViews.arrival(from: old, in: inv.session))
    }

    static let continueCommand = CommandSpec(
        name: "continue", aliases: ["run"], group: .navigation, usage: "continue",
        summary: "Advance until a breakpoint's event, a watchpoint's change, or the end.",
        detail: "Aliases: c, run. Set breakpoints with 'break', watchpoints with 'watch'. Prints the event it stops on, "
            + "every claim revealed on the way and a 'Changed' list (old → new). Ctrl-C stops it where it got to.",
        example: "continue", repeatsOnEmptyLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("continue")
        var doc = inv.document()
        let s = inv.session
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
        var p = old + 1
        while p <= s.count {
            if inv.interpreter.environment.isInterrupted() {
                inv.session.move(to: p - 1)
                doc.add(.notice("interrupted at \(p - 1)/\(s.count)"))
                doc.blocks += MovementViews.arrival(from: old, in: inv.session)
                return doc
            }
            var stops: [String] = []
            for b in s.breakpoints where b.matches(at: p, in: s) {
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
                inv.session.move(to: p)
                doc.add(.notice(stops.joined(separator: ", ") + " at \(inv.session.positionText)"))
                doc.blocks += MovementViews.arrival(from: old, in: inv.session, watchValues: values())
                return doc
            }
            p += 1
        }
        inv.session.move(to: s.count)
        doc.add(.notice("No breakpoint reached; at the last event (\(inv.session.positionText))."))
        doc.blocks += MovementViews.arrival(from: old, in: inv.session)
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
        scenarioExample: { sc in sc.questions.first.map { "break claim where question = \($0.id) and status = official" } }
    ) { (inv: inout Invocation) throws(CommandError) in
        let usage = "break [EVENT-ID | #N | DATE | PHASE | where FILTER | claim where FILTER]"
        if inv.args.isAtEnd { return inv.document([.table(breakpointTable(inv.session))]) }
        let condition: Breakpoint.Condition
        // `claim` is the keyword only when `where` follows: an event may be called `claim`.
        if inv.args.peek?.isKeyword("claim") == true, inv.args.tokens.count > inv.args.index + 1,
           inv.args.tokens[inv.args.index + 1].isKeyword("where") {
            _ = inv.args.next()
            guard let f = try inv.args.filter(FilterSchemas.claim) else { throw CommandError("expected a filter") }
            condition = .claim(f, text: f.text)
        } else if inv.args.peek?.isKeyword("where") == true {
            guard let f = try inv.args.filter(FilterSchemas.event) else { throw CommandError("expected a filter") }
            condition = .filter(f, text: f.text)
        } else {
            let t = try inv.args.word("an event, a date, a phase or 'where FILTER'")
            try inv.args.finish(usage)
            if case .eventIndex = t.kind {
                let p = try position(of: t, in: inv.scenario, usage: usage)
                condition = .event(inv.scenario.events[p - 1].id)
            } else if inv.scenario.event(t.text) != nil {
                condition = .event(t.text)
            } else if let d = PartialDate(parsing: t.text) {
                condition = .date(d)
            } else if let phase = Phase(rawValue: t.text) {
                condition = .phase(phase)
            } else {
                _ = try position(of: t, in: inv.scenario, usage: usage)
                throw CommandError("cannot break on '\(t.text)'", at: t)
            }
        }
        let b = Breakpoint(number: inv.session.nextBreakpoint, condition: condition)
        inv.session.nextBreakpoint += 1
        inv.session.breakpoints.append(b)
        return inv.document([.notice("Breakpoint \(b.number): \(b.description)")])
    }

    static func breakpointTable(_ s: Session) -> Table {
        Table(name: s.breakpoints.isEmpty ? "No breakpoints." : nil,
              columns: [.init("number", "#", numeric: true), .init("condition")],
              rows: s.breakpoints.map { Table.Row([String($0.number), $0.description]) })
    }

    static let delete = CommandSpec(
        name: "delete", group: .navigation, usage: "delete N | all",
        summary: "Remove breakpoint or watchpoint N, or all of them.", example: "delete 1"
    ) { (inv: inout Invocation) throws(CommandError) in
        let t = try inv.args.word("a breakpoint or watchpoint number, or 'all'")
        try inv.args.finish("delete N | all")
        if t.isKeyword("all") {
            let b = inv.session.breakpoints.count, w = inv.session.watchpoints.count
            inv.session.breakpoints.removeAll()
            inv.session.watchpoints.removeAll()
            let what = w == 0 ? NarrativeViews.plural(b, "breakpoint")
                : b == 0 ? NarrativeViews.plural(w, "watchpoint")
                : NarrativeViews.plural(b, "breakpoint") + " and " + NarrativeViews.plural(w, "watchpoint")
            return inv.document([.notice("Deleted \(what).")])
        }
        guard let n = Int(t.text) else { throw CommandError("delete takes a breakpoint or watchpoint number, or 'all'", at: t) }
        if let i = inv.session.breakpoints.firstIndex(where: { $0.number == n }) {
            inv.session.breakpoints.remove(at: i)
            return inv.document([.notice("Deleted breakpoint \(n).")])
        }
        if let i = inv.session.watchpoints.firstIndex(where: { $0.number == n }) {
            inv.session.watchpoints.remove(at: i)
            return inv.document([.notice("Deleted watchpoint \(n).")])
        }
        let numbers = (inv.session.breakpoints.map(\.number) + inv.session.watchpoints.map(\.number)).sorted().map(String.init)
        throw CommandError("no breakpoint or watchpoint \(n)" + (numbers.isEmpty ? "; there are none" : "; numbers in use: \(numbers.joined(separator: ", "))"), at: t)
    }

    static let whereCommand = CommandSpec(
        name: "where", group: .navigation, usage: "where",
        summary: "Show the position k/n, date, phase, event, intensity and claims known.", example: "where"
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("where")
        let s = inv.session
        let known = s.knownClaims().count
        var fields = [Field("position", s.positionText)]
        if let e = s.currentEvent {
            fields += [Field("date", e.date.description + (e.time.map { " \($0)" } ?? "")), Field("phase", e.phase.rawValue),
                       Field("event", "\(e.id): \(e.title)"), Field("type", e.type.rawValue),
                       Field("intensity", TextRenderer.number(e.intensity))]
        } else {
            fields.append(Field("event", "(before the first event)"))
        }
        fields.append(Field("claims_known", "\(known) of \(s.scenario.claims.count)", label: "claims known"))
        fields.append(Field("breakpoints", String(s.breakpoints.count)))
        return inv.document([.fields(fields)])
    }
}
