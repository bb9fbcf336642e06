/// Moving the cursor through the sequence, as a debugger steps through a program.
enum NavigationCommands {
    static let all: [CommandSpec] = [step, back, goto, start, end, continueCommand, breakCommand, delete, whereCommand]

    static func atEndNotice(_ s: Session) -> Block {
        .notice("At the last event (\(s.positionText)); nothing further. 'back' or 'start' to go back.")
    }

    static let step = CommandSpec(
        name: "step", group: .navigation, usage: "step [N]",
        summary: "Advance N events (default 1); print each event and the claims it reveals.",
        example: "step 3", parameters: [Parameter("N", .number, .optional, what: "a number of events")],
        repeatsOnEmptyLine: true
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let n = cmd.number("N") ?? 1
        var doc = cmd.spec.document()
        if ctx.session.cursor >= ctx.session.count {
            doc.add(atEndNotice(ctx.session))
            return doc
        }
        for _ in 0..<n {
            if ctx.session.cursor >= ctx.session.count || ctx.environment.isInterrupted() { break }
            ctx.session.move(to: ctx.session.cursor + 1)
            doc.blocks += Views.stepBlocks(at: ctx.session.cursor, in: ctx.session)
        }
        if ctx.session.cursor >= ctx.session.count { doc.add(.notice("Reached the last event.")) }
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
        let hint = Suggestions.nearest(to: token.text, in: scenario.events.map(\.id) + Phase.allCases.map(\.rawValue))
            .map { "; did you mean '\($0)'?" } ?? ""
        throw CommandError("no event, date or phase '\(token.text)'\(hint); usage: \(usage)", at: token)
    }

    static let goto = CommandSpec(
        name: "goto", group: .navigation, usage: "goto EVENT-ID | #N | DATE | PHASE",
        summary: "Jump to an event; a date or a phase goes to its first event.",
        detail: "A word is tried as an event id, then #N, then a date (2021, 2021-11, 2021-11-16), then a phase name.",
        example: "goto clash-2021-11-16", parameters: [Parameter("EVENT-ID | #N | DATE | PHASE", .position)]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let t = cmd.token("EVENT-ID | #N | DATE | PHASE")!
        let p = try position(of: t, in: ctx.scenario, usage: "goto EVENT-ID | #N | DATE | PHASE")
        ctx.session.move(to: p)
        return cmd.spec.document(Views.stepBlocks(at: p, in: ctx.session))
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
        ctx.session.move(to: ctx.session.count)
        return cmd.spec.document(current(ctx.session))
    }

    static let continueCommand = CommandSpec(
        name: "continue", aliases: ["run"], group: .navigation, usage: "continue",
        summary: "Advance until an event with a breakpoint, or the end.",
        detail: "Aliases: c, run. Set breakpoints with 'break'.",
        example: "continue", repeatsOnEmptyLine: true
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        var doc = cmd.spec.document()
        let s = ctx.session
        if s.cursor >= s.count {
            doc.add(atEndNotice(s))
            return doc
        }
        var p = s.cursor + 1
        while p <= s.count {
            if ctx.environment.isInterrupted() {
                ctx.session.move(to: p - 1)
                doc.add(.notice("Interrupted at \(ctx.session.positionText)."))
                return doc
            }
            let e = s.scenario.events[p - 1]
            if let b = s.breakpoints.first(where: { $0.matches(e, in: s.scenario) }) {
                ctx.session.move(to: p)
                doc.add(.notice("Breakpoint \(b.number) (\(b.description)) at \(ctx.session.positionText)"))
                doc.blocks += Views.stepBlocks(at: p, in: ctx.session)
                return doc
            }
            p += 1
        }
        ctx.session.move(to: s.count)
        doc.add(.notice("No breakpoint reached; at the last event (\(ctx.session.positionText))."))
        doc.blocks += Views.stepBlocks(at: s.count, in: ctx.session)
        return doc
    }

    static let breakCommand = CommandSpec(
        name: "break", group: .navigation, usage: "break [EVENT-ID | #N | DATE | PHASE | where FILTER]",
        summary: "Add a breakpoint for 'continue'; alone, list the breakpoints.",
        detail: "Event fields for 'where': " + FilterSchemas.event.fields.map(\.name).joined(separator: ", ") + ".",
        example: "break where type in (mediate, consult)",
        parameters: [Parameter("EVENT-ID | #N | DATE | PHASE", .position, .optional, what: "an event, a date, a phase or 'where FILTER'"),
                     Parameter("FILTER", .filter(.event), .optional)],
        refine: { (cmd: inout Command) throws(CommandError) in
            if cmd.arguments.count > 1, let w = cmd.token("FILTER") {
                throw CommandError("unexpected 'where'; usage: \(cmd.spec.usage)", at: w)
            }
        }
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let usage = cmd.spec.usage
        if cmd.arguments.isEmpty { return cmd.spec.document([.table(breakpointTable(ctx.session))]) }
        let condition: Breakpoint.Condition
        if let f = cmd.filter() {
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
        summary: "Remove breakpoint N, or all of them.", example: "delete 1",
        parameters: [Parameter("N", .breakpoint, what: "a breakpoint number or 'all'", keywords: ["all"])]
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let t = cmd.token("N")!
        if cmd.keyword("N") == "all" {
            let n = ctx.session.breakpoints.count
            ctx.session.breakpoints.removeAll()
            return cmd.spec.document([.notice("Deleted \(n) breakpoint\(n == 1 ? "" : "s").")])
        }
        let n = cmd.number("N") ?? 0
        guard let i = ctx.session.breakpoints.firstIndex(where: { $0.number == n }) else {
            let numbers = ctx.session.breakpoints.map { String($0.number) }.joined(separator: ", ")
            throw CommandError("no breakpoint \(n)" + (numbers.isEmpty ? "; there are none" : "; breakpoints: \(numbers)"), at: t)
        }
        ctx.session.breakpoints.remove(at: i)
        return cmd.spec.document([.notice("Deleted breakpoint \(n).")])
    }

    static let whereCommand = CommandSpec(
        name: "where", group: .navigation, usage: "where",
        summary: "Show the position k/n, date, phase, event, intensity and claims known.", example: "where"
    ) { (cmd: Command, ctx: inout CommandContext) throws(CommandError) in
        let s = ctx.session
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
        return cmd.spec.document([.fields(fields)])
    }
}
