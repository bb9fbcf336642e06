import Testing
@testable import Parallax

/// What moving forward reports — every claim that became known between the old and the
/// new position, and the `Changed` list — and watchpoints, claim breakpoints, `goto DATE`.
@Suite("Moving through time")
struct TimeNavigationTests {
    /// One session, commands run one after another.
    final class Analyst {
        let interpreter: Interpreter
        init(_ scenario: Scenario) { interpreter = Interpreter(session: Session(scenario: scenario)) }

        @discardableResult
        func run(_ line: String) throws -> Document {
            guard let last = interpreter.execute(line: line).last else { return Document(command: "") }
            switch last.result {
            case .success(let d): return d
            case .failure(let e): throw e
            }
        }

        func text(_ line: String, width: Int = Int.max / 4) throws -> String {
            Renderer.render(try run(line), RenderOptions(format: .text, width: width))
        }

        var cursor: Int { interpreter.session.cursor }
    }

    /// The ids in every table a document names `Revealed…`, in order.
    static func revealed(_ d: Document) -> [String] {
        d.blocks.flatMap { block -> [String] in
            guard case .table(let t) = block, t.name?.hasPrefix("Revealed") == true else { return [] }
            return t.rows.map { $0.cells[0] }
        }
    }

    /// The `Changed` lines of a document.
    static func changed(_ d: Document) -> [String] {
        d.blocks.flatMap { block -> [String] in
            guard case .table(let t) = block, t.id == "changed" else { return [] }
            return t.rows.map { $0.cells[0] }
        }
    }

    /// Known at `new` and not at `old`, by the session's own definition of known.
    static func becameKnown(_ scenario: Scenario, from old: Int, to new: Int) -> Set<String> {
        var s = Session(scenario: scenario)
        s.move(to: old)
        let before = Set(s.knownClaims().map(\.id))
        s.move(to: new)
        return Set(s.knownClaims().map(\.id)).subtracting(before)
    }

    static func scenarios() throws -> [Scenario] { [try Fixtures.seed(), try NarrativeFixtures.small()] }

    @Test func everyForwardJumpRevealsExactlyWhatBecameKnownAndStepAgrees() throws {
        for sc in try Self.scenarios() {
            let n = sc.events.count
            for old in 0..<n {
                for new in (old + 1)...n {
                    let expected = Self.becameKnown(sc, from: old, to: new)
                    let a = Analyst(sc)
                    try a.run(old == 0 ? "start" : "goto #\(old)")
                    let jump = Self.revealed(try a.run("goto #\(new)"))
                    #expect(Set(jump) == expected && jump.count == expected.count, "goto #\(old) → #\(new) in \(sc.path)")
                    // `step` shows the same claims, event by event.
                    try a.run(old == 0 ? "start" : "goto #\(old)")
                    let stepped = Self.revealed(try a.run("step \(new - old)"))
                    #expect(stepped == jump, "step from #\(old) to #\(new) in \(sc.path)")
                    // `end` and `continue` report the same way when they land on the last event.
                    if new == n {
                        try a.run(old == 0 ? "start" : "goto #\(old)")
                        #expect(Self.revealed(try a.run("end")) == jump)
                        try a.run(old == 0 ? "start" : "goto #\(old)")
                        #expect(Self.revealed(try a.run("continue")) == jump)
                    }
                }
            }
        }
    }

    @Test func backThenForwardRevealsTheSameClaimsAgainAndBackPrintsOnlyTheEvent() throws {
        let sc = try Fixtures.seed()
        let a = Analyst(sc)
        try a.run("goto #12")
        let back = try a.run("back 5")
        #expect(Self.revealed(back).isEmpty && Self.changed(back).isEmpty)
        #expect(try a.text("where").contains("position:     7/15"))
        let again = Self.revealed(try a.run("goto #12"))
        #expect(Set(again) == Self.becameKnown(sc, from: 7, to: 12))
        #expect(!again.isEmpty)
        // A goto backwards prints only the event landed on.
        let backwards = try a.run("goto #3")
        #expect(Self.revealed(backwards).isEmpty)
        #expect(try a.text("goto #1").hasPrefix("1/15  1994"))
    }

    /// The `Changed` list is cut like the others, counting revisions and watchpoints together:
    /// 24 revisions of one figure and a watch on it, passed in one jump, list 20 of 25 lines
    /// (revisions first) and say how many there are; `step` lists all 25.
    @Test func aLongChangedListCountsEveryLineAndShowsTheFirst() throws {
        var yaml = Fixtures.minimal + "\nclaims:\n"
        yaml += "  - {id: c0, by: arm-mod, about: clash, says: Count 0, status: official, sources: [src], figures: [{party: ARM, killed: 100}]}\n"
        for i in 1...24 {
            yaml += "  - {id: c\(i), by: arm-mod, about: calm, says: Count \(i), status: official, sources: [src], "
                + "revises: c\(i - 1), figures: [{party: ARM, killed: \(100 + i)}]}\n"
        }
        let a = Analyst(try Fixtures.load(yaml))
        try a.run("goto #1")
        try a.run("watch killed ARM")
        let text = Renderer.render(try a.run("goto #2"), RenderOptions(format: .text, width: 200))
        #expect(text.contains("Changed: 25, the first 20 shown"), "\(text)")
        #expect(text.contains("'goto #1; step 1' lists them all."))
        #expect(text.contains("ARM killed: 100 → 101 (c1 revises c0)"))
        #expect(!text.contains("watch 1"), "the watch line is the 25th, not shown")
        try a.run("goto #1")
        let all = Renderer.render(try a.run("step"), RenderOptions(format: .text, width: 200))
        #expect(!all.contains("the first 20 shown"))
        #expect(all.contains("watch 1"), "\(all)")
        #expect(all.contains("ARM killed: 123 → 124 (c24 revises c23)"))
    }

    @Test func longListsAreSummarisedWithTheCommandThatShowsThemAll() throws {
        // 30 claims on one event: a jump onto it shows 20 and says how to see all of them.
        var yaml = Fixtures.minimal + "\nclaims:\n"
        for i in 1...30 { yaml += "  - {id: c\(i), by: arm-mod, about: calm, says: Said \(i), status: official, sources: [src]}\n" }
        let a = Analyst(try Fixtures.load(yaml))
        try a.run("goto #1")
        let d = try a.run("goto #2")
        #expect(Self.revealed(d).count == 20)
        let text = Renderer.render(d, RenderOptions(format: .text, width: 200))
        #expect(text.contains("Revealed: 30 claims, the first 20 shown"))
        #expect(text.contains("'goto #1; step 1' lists them all."))
        // `step` is the full listing: never cut.
        try a.run("start")
        #expect(Self.revealed(try a.run("step 2")).count == 30)
        try a.run("start")
        #expect(try a.text("end").contains("'start; step 2' lists them all."))
    }

    @Test func aRevisionPassedIsListedOldToNewForAnswersAndFigures() throws {
        let sc = try NarrativeFixtures.small()
        let lines = ["NOR q-dead: 1 → 6 (nor-update revises nor-initial)", "NOR killed: 1 → 6 (nor-update revises nor-initial)"]
        // However the revision is passed: one step, a jump, a jump from the start, `end`.
        for (setup, move) in [("goto e2", "step"), ("goto e2", "goto e3"), ("start", "goto e4"), ("goto e1", "end"), ("goto e2", "step 3")] {
            let a = Analyst(sc)
            try a.run(setup)
            #expect(Self.changed(try a.run(move)) == lines, "\(setup); \(move)")
        }
        // Moving on past it, or back over it, lists nothing.
        let a = Analyst(sc)
        try a.run("goto e3")
        #expect(Self.changed(try a.run("step")).isEmpty)
        #expect(Self.changed(try a.run("back 3")).isEmpty)
        #expect(Self.changed(try a.run("goto e3")) == lines)
    }

    /// The small fixture, with Norland's MP repeating Norland's answer to who started it
    /// when the guns fall silent (e4).
    static func withRepeatedAnswer() throws -> Scenario {
        try Fixtures.load(NarrativeFixtures.smallYAML + """

              - {id: nor-mp-start, by: nor-mp, about: e1, known_at: e4, says: Sudmark started it., status: unconfirmed, answers: {q-start: SUD}, sources: [wire]}
            """)
    }

    @Test func aWatchFiresWhenAPartysAnswersChangeNotWhenAClaimantRepeatsOne() throws {
        let a = Analyst(try Self.withRepeatedAnswer())
        #expect(try a.text("watch q-start").contains("Watchpoint 1: q-start NOR SUD (now: (its event not reached yet))"))
        let first = try a.text("continue")
        #expect(first.contains("Watchpoint 1 (q-start NOR SUD) at 1/5"))
        #expect(first.contains("watch 1 q-start NOR SUD: (its event not reached yet) → NOR: SUD | SUD: NOR | contradict"))
        // The MP's repetition at e4 changes no party's set of answers: on to the end.
        #expect(try a.text("continue").contains("No breakpoint reached; at the last event (5/5)."))
        // A party answering for the first time does fire it: Sudmark on the truce at e5.
        try a.run("start; delete all; watch q-truce NOR SUD")
        #expect(try a.text("continue").contains("Watchpoint 2 (q-truce NOR SUD) at 4/5"))
        let fifth = try a.text("continue")
        #expect(fifth.contains("Watchpoint 2 (q-truce NOR SUD) at 5/5"))
        #expect(fifth.contains("watch 2 q-truce NOR SUD: NOR: yes | SUD: — | one-sided → NOR: yes | SUD: yes | agree"))
    }

    @Test func aFigureWatchFiresWhenTheCurrentValuesDiffer() throws {
        let a = Analyst(try NarrativeFixtures.small())
        try a.run("watch killed NOR")
        let at1 = try a.text("continue")
        #expect(at1.contains("Watchpoint 1 (killed NOR) at 1/5"))
        #expect(at1.contains("watch 1 killed NOR: none claimed → 1 (NOR), 30..50 (SUD)"))
        // e3: the wire's >=10 and Norland's revision from 1 to 6, in one change.
        let at3 = try a.text("continue")
        #expect(at3.contains("Watchpoint 1 (killed NOR) at 3/5"))
        #expect(at3.contains("watch 1 killed NOR: 1 (NOR), 30..50 (SUD) → 30..50 (SUD), >=10 (wire), 6 (NOR)"))
        #expect(at3.contains("NOR killed: 1 → 6 (nor-update revises nor-initial)"))
        #expect(try a.text("continue").contains("No breakpoint reached"))
    }

    @Test func breakpointsAndWatchpointsTogetherShareANumberingAndEachStopRevealsItsStretch() throws {
        let sc = try NarrativeFixtures.small()
        let a = Analyst(sc)
        try a.run("break e2")
        try a.run("watch q-truce NOR SUD")
        try a.run("break claim where party = SUD and question = q-truce")
        #expect(try a.text("watch").contains("2  q-truce NOR SUD"))
        #expect(try a.text("break").contains("3  claim where party = SUD and question = q-truce"))
        var seen: [String] = []
        var stops: [Int] = []
        for _ in 0..<6 {
            let d = try a.run("continue")
            seen += Self.revealed(d)
            stops.append(a.cursor)
            if a.cursor == sc.events.count { break }
        }
        // e2 (breakpoint 1), e4 (the watch: Norland says the guns are silent), e5 (Sudmark does:
        // the claim breakpoint and the watch at once).
        #expect(stops == [2, 4, 5])
        #expect(seen.count == sc.claims.count && Set(seen) == Set(sc.claims.map(\.id)))
        try a.run("start; goto e4")
        #expect(try a.text("continue").contains("Breakpoint 3 (claim where party = SUD and question = q-truce), Watchpoint 2 (q-truce NOR SUD) at 5/5"))
        #expect(try a.text("delete 2") == "Deleted watchpoint 2.")
        #expect(try a.text("delete 1") == "Deleted breakpoint 1.")
        #expect(throws: CommandError.self) { try a.run("delete 2") }
        #expect(try a.text("watch killed SUD").hasPrefix("Watchpoint 4:"))
    }

    /// Every command that takes a position (`goto`, `break`) says what is wrong with a word
    /// written as a date that is not one: a range, a reversed range, an impossible day, a
    /// bare event number; the caret under it, the cursor unmoved.
    @Test func aDateThatIsNotAPositionIsSaidSo() throws {
        let a = Analyst(try NarrativeFixtures.small())
        for command in ["goto", "break"] {
            for (word, message) in [("2022-01-02..2022-01-04", "a date range is not a position; give one day, month or year (2022-01-02 is where it starts)"),
                                    ("2022-01-04..2022-01-02", "ends before it starts"),
                                    ("2022-02-30", "'2022-02-30' is not a date"),
                                    ("2022-13", "'2022-13' is not a date"),
                                    ("3", "event 3 is written #3")] {
                let e = try #require(a.interpreter.execute(line: "\(command) \(word)").first.flatMap { o -> CommandError? in
                    if case .failure(let e) = o.result { return e } else { return nil }
                }, "\(command) \(word) did not fail")
                #expect(e.message.contains(message), "\(command) \(word): \(e.message)")
                #expect(e.rendered.contains(String(repeating: "^", count: word.count)), "\(command) \(word): \(e.rendered)")
                #expect(a.cursor == 0)
            }
        }
    }

    @Test func watchAndTraceArguments() throws {
        let a = Analyst(try NarrativeFixtures.small())
        #expect(try a.text("watch q-start NOR MED").contains("q-start NOR MED"))
        #expect(try a.text("watch captured nor").contains("captured NOR"))
        for (line, message) in [("watch q-strat", "did you mean 'q-start'?"), ("watch killed", "needs a party"),
                                ("watch killed NOR SUD", "unexpected 'SUD'"), ("watch q-start NOR NOR", "listed twice"),
                                ("trace nothing", "no question 'nothing'"), ("trace q-start NOR all extra", "unexpected 'extra'")] {
            #expect(throws: CommandError.self, "\(line)") { try a.run(line) }
            let rendered = a.interpreter.execute(line: line).first.map { o -> String in
                if case .failure(let e) = o.result { return e.message }
                return ""
            } ?? ""
            #expect(rendered.contains(message), "\(line): \(rendered)")
        }
        // Fewer than two belligerents: a question watch needs its parties named.
        let one = try Fixtures.load(NarrativeFixtures.smallYAML.replacingOccurrences(
            of: "{id: SUD, name: Sudmark, role: belligerent}", with: "{id: SUD, name: Sudmark, role: mediator}"))
        let b = Analyst(one)
        #expect(throws: CommandError.self) { try b.run("watch q-start") }
        #expect(try b.text("watch q-start NOR SUD").contains("q-start NOR SUD"))
    }

    @Test func gotoADateStandsAsOfThatDay() throws {
        let a = Analyst(try Fixtures.seed())
        let cases: [(String, Int, String?)] = [
            ("2021-06", 7, "no event in 2021-06: at the last event before it"),
            ("2021-11", 8, nil), ("2021-11-16", 9, nil), ("2021-05", 5, nil), ("1994", 1, nil),
            ("2021-11-17", 15, "no event in 2021-11-17: at the last event before it"),
            ("2030", 15, "no event in 2030: at the last event before it"),
            ("1990-05-01", 0, "no event in 1990-05-01: before every event, at the start"),
            ("2020-10", 2, "no event in 2020-10: at the last event before it"),
        ]
        for (date, position, notice) in cases {
            try a.run("goto #12")
            let text = try a.text("goto \(date)")
            #expect(a.cursor == position, "goto \(date)")
            if let notice { #expect(text.hasPrefix(notice), "goto \(date): \(text.prefix(80))") }
            else { #expect(!text.contains("no event in"), "goto \(date)") }
        }
    }

    @Test func breakClaimMatchesClaimFieldsAndAnEventCalledClaimStillWorks() throws {
        let a = Analyst(try Fixtures.seed())
        try a.run("break claim where measure = wounded")
        #expect(try a.text("continue").contains("at 9/15"))
        try a.run("delete all; start; break claim where by = rus-mod and status = official")
        #expect(try a.text("continue").contains("at 14/15"))
        #expect(throws: CommandError.self) { try a.run("break claim where intensity > 3") }
        var yaml = Fixtures.minimal.replacingOccurrences(of: "id: calm,", with: "id: claim,")
        yaml += "\n"
        let b = Analyst(try Fixtures.load(yaml))
        #expect(try b.text("break claim") == "Breakpoint 1: event claim")
    }

    @Test func findMarksWhatLiesAfterTheCursorAndSearchesAnswersAndFiguresAsPrinted() throws {
        let a = Analyst(try NarrativeFixtures.small())
        try a.run("goto e1")
        // The wire's ">=10" becomes known at e3: only with `all`, and marked as later.
        #expect(try !a.text("find >=10").contains("wire-toll"))
        let all = try a.run("find all >=10")
        guard case .table(let t)? = all.blocks.first else { Issue.record("no table"); return }
        let row = try #require(t.rows.first { $0.cells[2] == "wire-toll" })
        #expect(row.isLater && row.cells[0] == "#3" && row.cells[3] == "figures")
        // Numbers as printed: "30" finds the range 30..50, as figure and as answer.
        let text = try a.text("find 30")
        #expect(text.contains("NOR killed 30..50") && text.contains("q-captured: 30"))
        // Events after the cursor are listed and marked; the cursor's own row too.
        let events = try a.run("find Guns fall")
        guard case .table(let e)? = events.blocks.first else { Issue.record("no table"); return }
        #expect(e.rows.first?.isLater == true)
        let rendered = Renderer.render(events, RenderOptions(format: .text, width: 100))
        #expect(rendered.contains("· #4"))
        let json = Renderer.render(events, RenderOptions(format: .json))
        #expect(json.contains("\"after_cursor\": true"))
    }

    @Test func contactsAndEventsMarkRowsAfterTheCursorAlike() throws {
        let a = Analyst(try Fixtures.seed())
        try a.run("goto #11")
        for command in ["events", "contacts"] {
            guard case .table(let t)? = try a.run(command).blocks.first else { Issue.record("\(command): no table"); continue }
            for row in t.rows {
                let p = Int(row.cells[0].dropFirst())!
                #expect(row.isLater == (p > 11) && row.marked == (p == 11), "\(command) \(row.cells[0])")
            }
        }
    }
}

@Suite("Help for the time commands")
struct TimeHelpTests {
    /// Every command's example, as `help` shows it, runs on the scenario loaded (a command
    /// that writes or reads a file only names ids of that scenario).
    @Test func everyExampleRunsOnTheLoadedScenario() throws {
        let georgia = try ScenarioLoader.load(path: Fixtures.root + "/Tests/ParallaxTests/Scenarios/georgia-2008-08.yaml")
        // Those that write, read a file, leave, or need a breakpoint set first (`delete 1`).
        let sideEffects: Set<String> = ["export", "record", "source", "load", "reload", "quit", "history", "help", "delete"]
        for sc in [try Fixtures.seed(), try NarrativeFixtures.small(), georgia] {
            for spec in CommandTable.all {
                let a = TimeNavigationTests.Analyst(sc)
                let help = try a.text("help \(spec.name)")
                let line = try #require(help.split(separator: "\n").first { $0.hasPrefix("example: ") })
                let example = String(line.dropFirst("example: ".count))
                if sideEffects.contains(spec.name) {
                    // Its party words are the scenario's parties.
                    let words = example.split(separator: " ").map(String.init)
                    let partyLike = words.filter { $0.count <= 4 && $0 == $0.uppercased() && $0.first?.isLetter == true }
                    #expect(partyLike.allSatisfy { sc.party($0) != nil }, "\(example) on \(sc.path)")
                    continue
                }
                for outcome in a.interpreter.execute(line: example) {
                    #expect(!outcome.failed, "\(example) on \(sc.path)")
                }
            }
        }
    }

    /// The examples name ids of the scenario loaded, and each runs there.
    @Test func examplesUseTheLoadedScenariosIdsAndRun() throws {
        for sc in [try Fixtures.seed(), try NarrativeFixtures.small()] {
            for command in ["watch", "trace", "break", "goto"] {
                let a = TimeNavigationTests.Analyst(sc)
                let help = try a.text("help \(command)")
                let line = try #require(help.split(separator: "\n").first { $0.hasPrefix("example: ") })
                let example = String(line.dropFirst("example: ".count))
                if command != "goto" {
                    #expect(example.contains(sc.questions[0].id) || example.contains(sc.parties[0].id), "\(command): \(example)")
                }
                for outcome in a.interpreter.execute(line: example) {
                    #expect(!outcome.failed, "\(example) on \(sc.path)")
                }
            }
        }
    }
}

@Suite("Interrupting a long command")
struct InterruptTests {
    /// An interpreter whose Ctrl-C arrives at the `after`-th check.
    static func interrupted(after: Int) throws -> TimeNavigationTests.Analyst {
        let a = TimeNavigationTests.Analyst(try Fixtures.seed())
        final class Counter: @unchecked Sendable { var n = 0 }
        let counter = Counter()
        a.interpreter.environment.isInterrupted = {
            counter.n += 1
            return counter.n > after
        }
        return a
    }

    @Test func stepStopsWhereItGotKeepsTheCursorAndSaysHowFar() throws {
        let a = try Self.interrupted(after: 4)
        let text = try a.text("step 10")
        #expect(a.cursor == 4)
        #expect(text.hasSuffix("interrupted at 4/10, the cursor at 4/15"))
        // What it passed is printed as by any step: each of the four events.
        #expect((1...4).allSatisfy { k in text.split(separator: "\n").contains { $0.hasPrefix("\(k)/15  ") } })
        #expect(!text.contains("5/15  "))
    }

    @Test func continueStopsWhereItGotAndReportsTheWaySoFar() throws {
        let a = try Self.interrupted(after: 6)
        let d = try a.run("continue")
        #expect(a.cursor == 6)
        let text = Renderer.render(d, RenderOptions(format: .text, width: Int.max / 4))
        #expect(text.hasPrefix("interrupted at 6/15\n6/15  2021-05  build-up"))
        #expect(Set(TimeNavigationTests.revealed(d)) == TimeNavigationTests.becameKnown(try Fixtures.seed(), from: 0, to: 6))
    }

    @Test func traceStopsAndSaysSo() throws {
        let a = try Self.interrupted(after: 0)
        #expect(try a.text("trace who-started all").contains("interrupted at 8/15"))
    }

    /// A question tied to a (party, measure) and that pair's figure are one fact: a revision
    /// of it is one `Changed` line, named by the pair (`IND killed`), whichever form each
    /// claim used — a figure, an answer, or `withheld`.
    @Test func aTiedRevisionIsOneChangedLine() throws {
        let text = Fixtures.minimal + """

        questions:
          - {id: q-dead, text: How many Armenians died?, about: clash, kind: number, measure: killed, party: ARM}
          - {id: q-held, text: How many Azerbaijanis are held?, about: clash, kind: number, measure: captured, party: AZE}
        claims:
          - {id: c1, by: arm-mod, about: clash, says: x, status: official, sources: [src], figures: [{party: ARM, killed: 3}], answers: {q-held: withheld}}
          - {id: c2, by: arm-mod, about: calm, says: y, status: official, sources: [src], revises: c1, answers: {q-dead: 20}, figures: [{party: AZE, captured: 5}]}

        """
        let a = TimeNavigationTests.Analyst(try Fixtures.load(text))
        #expect(TimeNavigationTests.changed(try a.run("end")) == ["ARM killed: 3 → 20 (c2 revises c1)", "AZE captured: withheld → 5 (c2 revises c1)"])
    }
}
