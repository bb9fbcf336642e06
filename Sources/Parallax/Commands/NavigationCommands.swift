/// Moving the cursor through the sequence, as a debugger steps through a program.
enum NavigationCommands {
    static let all: [CommandSpec] = [step, back, goto, start, end, continueCommand, breakCommand, delete, whereCommand]

    static func atEndNotice(_ s: Session) -> Block {
        .notice("At the last event (\(s.positionText)); nothing further. 'back' or 'start' to go back.")
    }

    static let step = CommandSpec(
        name: "step", group: .navigation, usage: "step [N]",
        summary: "Advance N events (default 1); print each event and the claims it reveals.",
        example: "step 3", repeatsOnEmptyLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        let n = try inv.args.count() ?? 1
        try inv.args.finish("step [N]")
        var doc = inv.document()
        if inv.session.cursor >= inv.session.count {
            doc.add(atEndNotice(inv.session))
            return doc
        }
        for _ in 0..<n {
            if inv.session.cursor >= inv.session.count || inv.interpreter.environment.isInterrupted() { break }
            inv.session.move(to: inv.session.cursor + 1)
            doc.blocks += Views.stepBlocks(at: inv.session.cursor, in: inv.session)
        }
        if inv.session.cursor >= inv.session.count { doc.add(.notice("Reached the last event.")) }
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

    static let goto = CommandSpec(
        name: "goto", group: .navigation, usage: "goto EVENT-ID | #N | DATE | PHASE",
        summary: "Jump to an event; a date or a phase goes to its first event.",
        detail: "A word is tried as an event id, then #N, then a date (2021, 2021-11, 2021-11-16), then a phase name.",
        example: "goto clash-2021-11-16"
    ) { (inv: inout Invocation) throws(CommandError) in
        let t = try inv.args.word("an event id, #N, a date or a phase")
        try inv.args.finish("goto EVENT-ID | #N | DATE | PHASE")
        let p = try position(of: t, in: inv.scenario, usage: "goto EVENT-ID | #N | DATE | PHASE")
        inv.session.move(to: p)
        return inv.document(Views.stepBlocks(at: p, in: inv.session))
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
        inv.session.move(to: inv.session.count)
        return inv.document(current(inv.session))
    }

    static let continueCommand = CommandSpec(
        name: "continue", aliases: ["run"], group: .navigation, usage: "continue",
        summary: "Advance until an event with a breakpoint, or the end.",
        detail: "Aliases: c, run. Set breakpoints with 'break'.",
        example: "continue", repeatsOnEmptyLine: true
    ) { (inv: inout Invocation) throws(CommandError) in
        try inv.args.finish("continue")
        var doc = inv.document()
        let s = inv.session
        if s.cursor >= s.count {
            doc.add(atEndNotice(s))
            return doc
        }
        var p = s.cursor + 1
        while p <= s.count {
            if inv.interpreter.environment.isInterrupted() {
                inv.session.move(to: p - 1)
                doc.add(.notice("Interrupted at \(inv.session.positionText)."))
                return doc
            }
            let e = s.scenario.events[p - 1]
            if let b = s.breakpoints.first(where: { $0.matches(e, in: s.scenario) }) {
                inv.session.move(to: p)
                doc.add(.notice("Breakpoint \(b.number) (\(b.description)) at \(inv.session.positionText)"))
                doc.blocks += Views.stepBlocks(at: p, in: inv.session)
                return doc
            }
            p += 1
        }
        inv.session.move(to: s.count)
        doc.add(.notice("No breakpoint reached; at the last event (\(inv.session.positionText))."))
        doc.blocks += Views.stepBlocks(at: s.count, in: inv.session)
        return doc
    }

    static let breakCommand = CommandSpec(
        name: "break", group: .navigation, usage: "break [EVENT-ID | #N | DATE | PHASE | where FILTER]",
        summary: "Add a breakpoint for 'continue'; alone, list the breakpoints.",
        detail: "Event fields for 'where': " + FilterSchemas.event.fields.map(\.name).joined(separator: ", ") + ".",
        example: "break where type in (mediate, consult)"
    ) { (inv: inout Invocation) throws(CommandError) in
        let usage = "break [EVENT-ID | #N | DATE | PHASE | where FILTER]"
        if inv.args.isAtEnd { return inv.document([.table(breakpointTable(inv.session))]) }
        let condition: Breakpoint.Condition
        if inv.args.peek?.isKeyword("where") == true {
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
        summary: "Remove breakpoint N, or all of them.", example: "delete 1"
    ) { (inv: inout Invocation) throws(CommandError) in
        let t = try inv.args.word("a breakpoint number or 'all'")
        try inv.args.finish("delete N | all")
        if t.isKeyword("all") {
            let n = inv.session.breakpoints.count
            inv.session.breakpoints.removeAll()
            return inv.document([.notice("Deleted \(n) breakpoint\(n == 1 ? "" : "s").")])
        }
        guard let n = Int(t.text) else { throw CommandError("delete takes a breakpoint number or 'all'", at: t) }
        guard let i = inv.session.breakpoints.firstIndex(where: { $0.number == n }) else {
            let numbers = inv.session.breakpoints.map { String($0.number) }.joined(separator: ", ")
            throw CommandError("no breakpoint \(n)" + (numbers.isEmpty ? "; there are none" : "; breakpoints: \(numbers)"), at: t)
        }
        inv.session.breakpoints.remove(at: i)
        return inv.document([.notice("Deleted breakpoint \(n).")])
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
                       Field("intensity", TextRenderer.number(e.intensity), typed: CellValue.parse(TextRenderer.number(e.intensity), as: .number))]
        } else {
            fields.append(Field("event", "(before the first event)"))
        }
        fields.append(Field("claims_known", "\(known) of \(s.scenario.claims.count)", label: "claims known"))
        fields.append(Field("breakpoints", String(s.breakpoints.count), typed: .int(s.breakpoints.count)))
        return inv.document([.fields(fields)])
    }
}
