import Testing
@testable import Parallax

/// Runs lines on a fresh interpreter over the seed and returns what a user would see.
struct Console {
    let interpreter: Interpreter

    init() throws {
        interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
    }

    /// Text of every command on the line (errors rendered with their caret), joined.
    func run(_ line: String, format: OutputFormat = .text, width: Int = 100) -> String {
        let options = RenderOptions(format: format, width: width)
        return interpreter.execute(line: line).map { o in
            switch o.result {
            case .success(let d): Renderer.render(d, options)
            case .failure(let e): Renderer.render(e, command: o.command, options)
            }
        }.joined(separator: "\n")
    }

    var cursor: Int { interpreter.session.cursor }
}

@Suite("Lexer")
struct LexerTests {
    @Test func segmentsSplitAtSemicolonsAndComments() {
        let s = Lexer.segments("step 2; where # a comment; not a command")
        #expect(s.map(\.text) == ["step 2", " where "])
        #expect(s.map(\.column) == [1, 8])
    }

    /// `~/…` in a file argument is the shell's shorthand for a file under $HOME, whatever
    /// follows the slash; `~` apart from the path, or with no home, is not taken for one.
    @Test func aTildeSlashInAFileArgumentIsUnderHome() throws {
        func path(_ line: String, home: String?) -> Result<String, CommandError> {
            let tokens = (try? Lexer.tokens(line).get()) ?? []
            var args = Arguments(tokens: tokens, command: "load", rest: "", endColumn: 5)
            do { return .success(try args.path("a scenario file", home: home).text) } catch { return .failure(error) }
        }
        for tail in ["/x.yaml", "/b/ü.json", "/", "/.config/s.yaml"] {
            #expect(try path("~" + tail, home: "/home/ana").get() == "/home/ana" + tail)
        }
        #expect(try path("/abs/x.yaml", home: "/home/ana").get() == "/abs/x.yaml")
        guard case .failure(let unset) = path("~/x.yaml", home: nil) else { Issue.record("no error without HOME"); return }
        #expect(unset.message.contains("$HOME") && unset.column == 1)
        guard case .failure(let apart) = path("~ /x.yaml", home: "/home/ana") else { Issue.record("a lone ~ was taken"); return }
        #expect(apart.message.contains("found '~'"))
    }

    @Test func hashDigitIsAnEventIndexNotAComment() throws {
        let s = Lexer.segments("goto #3; echo x")
        #expect(s.count == 2)
        let t = try Lexer.tokens("goto #3").get()
        #expect(t[1].kind == .eventIndex(3))
    }

    @Test func quotedStringsWithEscapes() throws {
        let t = try Lexer.tokens(#"find "say \"no\"" 'it\'s'"#).get()
        #expect(t.map(\.text) == ["find", #"say "no""#, "it's"])
        #expect(t[1].kind == .string && t[1].column == 6)
    }

    @Test func semicolonInsideQuotesDoesNotSplit() {
        #expect(Lexer.segments(#"echo "a; b""#).count == 1)
    }

    @Test func apostropheInsideAWordIsNotAQuote() {
        #expect(Lexer.segments("find Aghajanyan's; where").count == 2)
    }

    @Test func operatorsAreTokens() throws {
        let t = try Lexer.tokens("where intensity<=-5 and phase!=background").get()
        #expect(t.map(\.text) == ["where", "intensity", "<=", "-5", "and", "phase", "!=", "background"])
    }

    @Test func unterminatedStringIsLocated() {
        guard case .failure(let e) = Lexer.tokens(#"find "abc"#) else { Issue.record("no error"); return }
        #expect(e.column == 6)
        #expect(e.message == "unterminated string: add the closing \"")
    }
}

@Suite("Commands and errors")
struct CommandErrorTests {
    @Test func unknownCommandSuggests() throws {
        #expect(try Console().run("stpe") == "stpe\n^^^^\nerror: unknown command 'stpe'; did you mean 'step'?")
    }

    @Test func ambiguousPrefixListsCandidates() throws {
        #expect(try Console().run("s") != "")  // fixed alias, not ambiguous
        #expect(try Console().run("e") == "e\n^\nerror: ambiguous command 'e': could be echo, end, escalation, events, expect, export")
    }

    @Test func uniquePrefixResolves() throws {
        let c = try Console()
        _ = c.run("ste 2")
        #expect(c.cursor == 2)
    }

    @Test func wrongArgumentsAreErrorsNotIgnored() throws {
        let c = try Console()
        #expect(c.run("step x") == "step x\n     ^\nerror: step takes a number of events, got 'x'")
        #expect(c.run("where now") == "where now\n      ^^^\nerror: unexpected 'now'; usage: where")
        #expect(c.cursor == 0)
    }

    @Test func errorColumnsCountFromTheLine() throws {
        let c = try Console()
        let outcomes = c.interpreter.execute(line: "where; goto nowhere")
        guard case .failure(let e) = outcomes[1].result else { Issue.record("no error"); return }
        #expect(e.rendered == "where; goto nowhere\n            ^^^^^^^\nerror: no event, date or phase 'nowhere'; usage: goto EVENT-ID | #N | DATE | PHASE")
    }
}

@Suite("Filters")
struct FilterTests {
    @Test func precedenceNotAndOr() throws {
        let c = try Console()
        let out = c.run("events where phase = background or phase = mediation and not type = appeal", format: .json)
        #expect(out.contains("\"separatist-war-ends-1994\""))
        #expect(out.contains("\"shoigu-calls\""))
        #expect(!out.contains("\"arm-appeals-to-russia\""))
    }

    @Test func datesCompareByPrecision() throws {
        let c = try Console()
        let out = c.run("events where date = 2021-11", format: .json)
        #expect(out.contains("\"clash-2021-11-16\"") && out.contains("\"pashinyan-accuses-2021-11-15\""))
        #expect(!out.contains("\"aze-deployment-2021-05\""))
        let before = c.run("events where date < 2021", format: .json)
        #expect(before.contains("\"war-2020\"") && !before.contains("\"clash-2021-11-16\""))
    }

    @Test func inListAndContains() throws {
        let c = try Console()
        let out = c.run("events where type in (consult, mediate) and title ~ PUTIN", format: .json)
        #expect(out.contains("\"pashinyan-putin-call\"") && !out.contains("\"shoigu-calls\""))
    }

    @Test func unknownFieldListsValidFields() throws {
        #expect(try Console().run("events where kind = x") == """
        events where kind = x
                     ^^^^
        error: unknown field 'kind'; event fields: id, date, phase, type, party, actor, place, intensity, title, num_sources, num_mentions, num_articles, avg_tone
        """)
    }

    @Test func typeMismatchIsACaretError() throws {
        #expect(try Console().run("events where intensity > high") == """
        events where intensity > high
                                 ^^^^
        error: 'intensity' is a number; 'high' is not
        """)
        #expect(try Console().run("claims where status = oficial") == """
        claims where status = oficial
                              ^^^^^^^
        error: unknown status 'oficial'; did you mean 'official'? expected one of: official, unconfirmed, confirmed, disputed, retracted
        """)
    }

    /// A field of fixed words is matched as every term is: ignoring case, and with `~` on
    /// any part of a word; only a value that no word could match is an error.
    @Test func fixedWordFieldsTakeEveryOperatorsValues() throws {
        let c = try Console()
        for line in ["claims all where status ~ off", "claims all where status ~ OFFI", "claims all where status = OFFICIAL",
                     "claims all where status in (Official, OFFICIAL)"] {
            #expect(c.run(line) == c.run("claims all where status = official"), "\(line)")
        }
        #expect(c.run("events where phase ~ esc") == c.run("events where phase = escalation or phase = de-escalation"))
        #expect(c.run("claims all where measure ~ kill") == c.run("claims all where measure = killed"))
        #expect(c.run("claims where status ~ offx") == """
        claims where status ~ offx
                              ^^^^
        error: no status contains 'offx'; expected one of: official, unconfirmed, confirmed, disputed, retracted
        """)
    }

    @Test func filterTextRoundTrips() throws {
        func filter(_ line: String) throws -> Filter {
            try #require(try CommandParser.parse(Lexer.segments(line)[0]).get().filter())
        }
        let f = try filter("events where not (phase = escalation or type in (fight, war)) and title ~ \"a b\"")
        let g = try filter("events where " + f.text)
        #expect(f.text == g.text)
        #expect(f.text == "not (phase = escalation or type in (fight, war)) and title ~ \"a b\"")
    }
}

@Suite("Cursor and visibility")
struct CursorTests {
    @Test func startsBeforeTheFirstEvent() throws {
        let c = try Console()
        #expect(c.cursor == 0)
        #expect(c.run("where").hasPrefix("position:     0/15\nevent:        (before the first event)"))
        #expect(c.run("back") == "Already before the first event (0/15).")
    }

    @Test func endIsAMessageNotAnError() throws {
        let c = try Console()
        _ = c.run("end")
        #expect(c.run("step") == "At the last event (15/15); nothing further. 'back' or 'start' to go back.")
        #expect(c.interpreter.execute(line: "step").allSatisfy { !$0.failed })
    }

    @Test func stepAndBackClamp() throws {
        let c = try Console()
        _ = c.run("step 100")
        #expect(c.cursor == 15)
        _ = c.run("back 100")
        #expect(c.cursor == 0)
    }

    @Test func gotoByIdIndexDateAndPhase() throws {
        let c = try Console()
        _ = c.run("goto clash-2021-11-16"); #expect(c.cursor == 9)
        _ = c.run("goto #3"); #expect(c.cursor == 3)
        _ = c.run("goto 2021-05"); #expect(c.cursor == 5)
        _ = c.run("goto mediation"); #expect(c.cursor == 10)
        #expect(c.run("goto #99") == "goto #99\n     ^^^\nerror: there is no event #99; events are #1 to #15")
    }

    @Test func claimsKnownGrowWithTheCursor() throws {
        let c = try Console()
        var previous: Set<String> = []
        for _ in 0..<15 {
            _ = c.run("step")
            let now = Set(c.interpreter.session.knownClaims().map(\.id))
            #expect(now.isSuperset(of: previous))
            previous = now
        }
        #expect(previous.count == 16)
    }

    @Test func claimsBeforeTheClashDoNotIncludeItsBlame() throws {
        let c = try Console()
        _ = c.run("goto pashinyan-accuses-2021-11-15")
        #expect(!c.run("claims").contains("arm-mod-blames-aze"))
        _ = c.run("step")
        #expect(c.run("claims").contains("arm-mod-blames-aze"))
    }

    @Test func breakpointsAndContinue() throws {
        let c = try Console()
        #expect(c.run("break where type in (mediate, consult)") == "Breakpoint 1: where type in (mediate, consult)")
        #expect(c.run("continue").hasPrefix("Breakpoint 1 (where type in (mediate, consult)) at 11/15\n11/15  2021-11-16  mediation  mediate (5)"))
        _ = c.run("run"); #expect(c.cursor == 12)
        #expect(c.run("delete all") == "Deleted 1 breakpoint.")
        _ = c.run("c"); #expect(c.cursor == 15)
        #expect(c.run("break") == "No breakpoints.")
    }
}

@Suite("Command output")
struct OutputTests {
    @Test func stepPrintsTheEventAndWhatItReveals() throws {
        let c = try Console()
        _ = c.run("goto pashinyan-accuses-2021-11-15")
        let out = c.run("step")
        #expect(out.hasPrefix("9/15  2021-11-16  escalation  fight (-10)  "))
        #expect(out.contains("Revealed: 4 claims"))
        #expect(out.contains("aghajanyan-15-killed  Eduard Aghajanyan (ARM)"))
    }

    @Test func jsonIsOneValueWithStableKeys() throws {
        let c = try Console()
        _ = c.run("goto #2")
        let out = c.run("where", format: .json)
        #expect(out == #"{"command": "where", "blocks": [{"type": "fields", "fields": {"position": {"index": 2, "count": 15}, "date": "2020-09..2020-11", "phase": "background", "event": {"id": "war-2020", "title": "Six-week war over Nagorno-Karabakh"}, "type": "war", "intensity": -10, "claims_known": {"known": 2, "count": 16}, "breakpoints": 0}}]}"#)
        // Before the first event: no event (null), never a sentence in its place.
        #expect(c.run("start; where", format: .json).hasSuffix(#""fields": {"position": {"index": 0, "count": 15}, "event": null, "claims_known": {"known": 0, "count": 16}, "breakpoints": 0}}]}"#))
    }

    @Test func jsonErrorIsAValueToo() throws {
        #expect(try Console().run("stpe", format: .json) == #"{"command": null, "error": "unknown command 'stpe'; did you mean 'step'?", "column": 1}"#)
    }

    @Test func markdownTables() throws {
        let out = try Console().run("parties", format: .markdown)
        #expect(out.hasPrefix("| id | name | role | actors | claims known |\n| --- | --- | --- | ---: | ---: |\n| ARM | Armenia | belligerent |"))
    }

    @Test func findIgnoresCaseAndAccents() throws {
        let c = try Console()
        #expect(c.run("find AGHAJANYAN").contains("aghajanyan"))
        #expect(c.run("find all pròvocation").contains("aze-gov-blames-arm"))
        #expect(c.run("find all zzzz") == "Nothing matches 'zzzz'.")
        // A typographic apostrophe finds the typewriter one the scenario uses.
        #expect(c.run("find all Azerbaijan’s armed").contains("arm-mod-blames-aze"))
    }

    @Test func escalationMarksTheCursorAndPhases() throws {
        let c = try Console()
        _ = c.run("goto clash-2021-11-16")
        let out = c.run("escalation")
        #expect(out.contains("escalation\n▶ #9 2021-11-16"))
        #expect(out.hasPrefix("background\n"))
        let ascii = Renderer.render(Document(command: "escalation", blocks: [.chart(EscalationSeries.chart(c.interpreter.session))]),
                                    RenderOptions(unicode: false))
        #expect(ascii.contains("> #9 2021-11-16") && ascii.contains("#|") && !ascii.contains("█"))
    }

    @Test func contactsListTheMediationWeb() throws {
        let out = try Console().run("contacts", format: .json)
        // Typed: positions are numbers, who called whom are ids (a list for the callees).
        for n in [10, 11, 12, 13] { #expect(out.contains("\"position\": \(n),")) }
        #expect(out.contains("\"from\": \"michel\", \"to\": [\"aliyev\"]"))
        #expect(out.contains("\"ids\": {\"event\": \"michel-aliyev-call\", \"sources\": [\"latimes\"]}"))
    }

    @Test func showClaimWithProvenance() throws {
        let c = try Console()
        _ = c.run("end")
        let out = c.run("show rus-mod-reports-ceasefire")
        #expect(out.contains("confirmed by: arm-mod-confirms-ceasefire"))
        #expect(out.contains("sources:      latimes (Los Angeles Times)"))
    }

    @Test func questionsCountTheAnswersKnownAtTheCursor() throws {
        let c = try Console()
        _ = c.run("goto clash-2021-11-16")
        let atClash = c.run("questions", format: .json)
        #expect(atClash.contains(#""id": "who-started", "text": "Which side started the fighting on the border on 16 November 2021?", "about": "clash-2021-11-16", "answers": 2,"#))
        #expect(atClash.contains(#""about": "hostilities-cease", "answers": 0,"#))
        _ = c.run("end")
        #expect(c.run("questions", format: .json).contains(#""about": "hostilities-cease", "answers": 2,"#))
    }

    @Test func actorsFilterAndSources() throws {
        let c = try Console()
        #expect(c.run("actors where party = RUS and kind = person") == """
        id      name            title             kind    party
        ──────  ──────────────  ────────────────  ──────  ─────
        shoigu  Sergei Shoigu   Defense Minister  person  RUS
        putin   Vladimir Putin  President         person  RUS
        """)
        #expect(c.run("actors where party = XYZ") == "No actor matches.")
        #expect(c.run("sources", format: .json).contains(#""id": "latimes", "publisher": "Los Angeles Times", "date": "2021-11-16""#))
    }

    @Test func tablesFitTheWidth() throws {
        let out = try Console().run("claims all", width: 80)
        #expect(out.split(separator: "\n").allSatisfy { TextRenderer.width(String($0)) <= 80 })
    }
}

@Suite("Help")
struct HelpTests {
    @Test func everyCommandHasHelpWithAnExample() throws {
        let c = try Console()
        for spec in CommandTable.all {
            let out = c.run("help \(spec.name)")
            #expect(out.hasPrefix(spec.name + "\nusage:"), "help \(spec.name)")
            #expect(out.contains("example: "))
            #expect(!spec.summary.isEmpty && !spec.example.isEmpty)
        }
    }

    @Test func helpListsEveryCommand() throws {
        let out = try Console().run("help", width: 200)
        for spec in CommandTable.all { #expect(out.contains(spec.usage)) }
    }
}
