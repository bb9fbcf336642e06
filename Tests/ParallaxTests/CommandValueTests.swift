import Foundation
import PropertyBased
import Testing
@testable import Parallax
import ParallaxREPL

/// Commands as values: one declaration per command gives parsing, the text `record`
/// writes, completion and `check SCRIPT`.
@Suite struct CommandValueTests {
    static let root: String = {
        var root = #filePath
        for _ in 0..<3 { root = String(root[..<root.lastIndex(of: "/")!]) }
        return root
    }()

    func parse(_ line: String) -> Result<Command, CommandError> {
        guard let segment = Lexer.segments(line).first else { return .failure(CommandError("empty")) }
        return CommandParser.parse(segment)
    }

    /// `parse(text(parse(line))) == parse(line)` for every line that parses.
    func roundTrips(_ line: String, _ place: String) -> Bool {
        var all = true
        for segment in Lexer.segments(line) {
            guard case .success(let command) = CommandParser.parse(segment) else { continue }
            let text = command.canonical
            guard Lexer.segments(text).count == 1 else {
                Issue.record("\(place): '\(text)' (from '\(segment.text)') is not one command")
                all = false
                continue
            }
            guard case .success(let again) = parse(text) else {
                Issue.record("\(place): '\(text)' (from '\(segment.text)') does not parse")
                all = false
                continue
            }
            if again != command {
                Issue.record("\(place): '\(segment.text)' → '\(text)' reads back differently")
                all = false
            }
            #expect(again.canonical == text, "\(place): canonical text is not stable")
        }
        return all
    }

    @Test func everyHelpExampleRoundTrips() {
        for spec in CommandTable.all {
            guard case .success = parse(spec.example) else {
                Issue.record("the example of \(spec.name) does not parse: \(spec.example)")
                continue
            }
            #expect(roundTrips(spec.example, "help \(spec.name)"))
        }
    }

    /// Lines made of the characters the lexer gives a meaning to (quotes, `;`, `#`, `\\`,
    /// operators) around words and non-ASCII scalars: whatever parses must print as one
    /// command that reads back as itself. The splitter and the tokenizer must agree on
    /// where a quote opens, or `record` saves a command that replays as two.
    @Test func anyCommandPrintsAsTextThatReadsBackAsItself() async {
        let commands = ["watch", "find", "events", "claims", "goto", "show", "break", "narrative", "set", "expect"]
        let pieces = ["\"", "'", ";", "#", "#3", "=", ">=", "(", ")", ",", "\\", "a", "x-1", "ARM", "é", "\u{FFFD}",
                      "\u{3000}", "${", "$", "where", "party", "and", " "]
        // A command word, then arguments of one to four pieces, some in quotes.
        await propertyCheck(count: 4000, input: Gen.int(in: 0...(commands.count - 1)),
                            Gen.int(in: 0...9999).array(of: 1...4).array(of: 0...4)) { command, arguments in
            var line = commands[command]
            for argument in arguments {
                let word = argument.dropFirst().map { pieces[$0 % pieces.count] }.joined()
                line += " " + (argument[0] % 3 == 0 ? "\"" + word + "\"" : argument[0] % 3 == 1 ? "'" + word + "'" : word)
            }
            #expect(roundTrips(line, "'\(line)'"))
        }
    }

    /// Found by the command fuzz target: a quote right after a command word, around a `;`.
    @Test func aQuotedSemicolonAfterAWordStaysInOneCommand() {
        #expect(roundTrips("watch .lostr-\u{FFFD}ot\u{FFFD}d; watch\"kil\u{FFFD}\u{FFFD}ed;\"wah tc", "fuzz"))
        #expect(roundTrips("find x='a;b'", "apostrophe after ="))
        #expect(roundTrips("find it's; find 'x;y'", "apostrophe in a word"))
    }

    @Test func everyLineOfTheSavedScriptsRoundTrips() throws {
        let folder = Self.root + "/Scripts"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".px") }
        #expect(names.count >= 4)
        var lines = 0
        for name in names {
            guard case .success(let script) = Script.read(folder + "/" + name) else { Issue.record(); continue }
            for (i, line) in script.lines.enumerated() {
                #expect(roundTrips(line, "\(name):\(i + 1)"))
                lines += 1
            }
        }
        #expect(lines > 100)
    }

    @Test func theCanonicalTextUsesFullNamesDeclaredOrderAndQuotes() throws {
        #expect(try parse("s 3").get().canonical == "step 3")
        #expect(try parse("nar all arm AZE").get().canonical == "narrative arm AZE all")
        #expect(try parse("fig all wou").get().canonical == "figures wounded all")
        #expect(try parse("cl where party = ARM and not status = official").get().canonical
                == "claims where party = ARM and not status = official")
        #expect(try parse("show \"two words\"").get().canonical == "show \"two words\"")
        #expect(try parse("load 'a \"b\".yaml'").get().canonical == "load \"a \\\"b\\\".yaml\"")
        #expect(try parse("goto #3").get().canonical == "goto #3")
        #expect(try parse("echo  hello  there ").get().canonical == "echo hello  there")
        #expect(try parse("echo $${a} costs $$5").get().canonical == "echo $${a} costs $$5")
        #expect(try parse("show \"$${x} y\"").get().canonical == "show \"$${x} y\"")
        #expect(roundTrips("find $${a}; show \"$${x} y\"; echo '$${z}'", "escapes"))
        #expect(roundTrips("record \"stop\"; break \"where\"; claims \"all\"; nar \"all\" ARM; help s; show #0", "keywords"))
        #expect(try parse("record \"stop\"").get().canonical == "record \"stop\"")
        let hex = String(repeating: "ab", count: 32)
        #expect(try parse("load x.yaml sha256 \(hex)").get().canonical == "load x.yaml sha256 \(hex)")
    }

    @Test func parseErrorsAreLocated() {
        guard case .failure(let e) = parse("step x") else { Issue.record(); return }
        #expect(e.message == "step takes a number of events, got 'x'" && e.column == 6)
        guard case .failure(let p) = parse("load x.yaml sha256 nothex") else { Issue.record(); return }
        #expect(p.column == 20 && p.message.contains("64 lower-case hex digits"))
        guard case .failure(let s) = parse("set width 3") else { Issue.record(); return }
        #expect(s.column == 11)
        guard case .failure(let b) = parse("break clash where id = x") else { Issue.record(); return }
        #expect(b.message.hasPrefix("break takes one condition"))
        guard case .failure(let l) = parse("narrative ARM all AZE") else { Issue.record(); return }
        #expect(l.message.hasPrefix("unexpected 'AZE'") && l.column == 19)
        guard case .failure(let x) = parse("expect /(unclosed/") else { Issue.record(); return }
        #expect(x.message.hasPrefix("invalid regular expression"))
    }

    // MARK: Completion from the declaration

    @Test func completionOffersWhatEachArgumentKindTakes() {
        let sc = ScriptBench.seed
        let context = Completion.Context(scenario: sc, breakpoints: [1, 2],
                                         listFolder: { $0 == "" ? [("seeds", true), ("a.px", false)] : [] })
        func texts(_ kind: ArgumentKind, keywords: [String] = [], after: [Token] = []) -> [String] {
            Completion.candidates(for: Parameter("X", kind, keywords: keywords), after: after, in: context).map(\.text)
        }
        #expect(texts(.position).contains("clash-2021-11-16") && texts(.position).contains("escalation"))
        #expect(texts(.entity).contains("ARM") && texts(.entity).contains("arm-mod-blames-aze"))
        #expect(texts(.event).contains("clash-2021-11-16") && !texts(.event).contains("ARM"))
        #expect(texts(.party) == sc.parties.map(\.id))
        #expect(texts(.question) == sc.questions.map(\.id))
        #expect(texts(.measure) == Measure.allCases.map(\.rawValue))
        #expect(texts(.date).contains("2021-11-16"))
        #expect(texts(.phase) == Phase.allCases.map(\.rawValue))
        #expect(texts(.filter(.event)) == ["where"])
        #expect(texts(.file, keywords: ["stop"]) == ["seeds/", "a.px", "stop"])
        #expect(texts(.number).isEmpty && texts(.text).isEmpty)
        #expect(texts(.setting) == Settings.keys.map(\.key))
        #expect(texts(.settingValue, after: [Token(kind: .word, text: "color", column: 5, length: 5)]) == ["auto", "on", "off"])
        #expect(texts(.command).contains("narrative"))
        #expect(texts(.breakpoint, keywords: ["all"]) == ["1", "2", "all"])
        #expect(texts(.pin) == ["sha256"])
    }

    @Test func completionFollowsTheDeclarationThroughALine() {
        let context = Completion.Context(scenario: ScriptBench.seed, breakpoints: [3])
        func texts(_ line: String) -> [String] { Completion.complete(line, in: context).candidates.map(\.text) }
        #expect(texts("figures ") == (Measure.allCases.map(\.rawValue) + ["all"]).sorted())
        #expect(texts("figures killed ") == ["all"])
        #expect(texts("set color ") == ["auto", "off", "on"])
        #expect(texts("claims all ") == ["where"])
        #expect(texts("delete ") == ["3", "all"])
        #expect(texts("load x.yaml ") == ["sha256"])
        #expect(texts("diff ARM AZE ") == ["all"])
        #expect(texts("echo ") == [])
    }

    // MARK: check SCRIPT

    func check(_ bench: ScriptBench, _ name: String, parameters: [String: String] = [:]) -> [String] {
        var environment = Environment()
        environment.parameters = ScriptParameters(parameters)
        guard case .success(let script) = Script.read(bench.folder + "/" + name) else { return ["unreadable"] }
        return ScriptCheck(environment: environment).check(script, on: ScriptBench.seed)
            .map { $0.rendered.replacingOccurrences(of: bench.folder + "/", with: "") }
    }

    @Test func aCleanScriptPasses() {
        let bench = ScriptBench()
        bench.write("ok.px", "# fine\nstep 2; where\ngoto clash-2021-11-16\nnarrative ARM AZE all\nclaims where party = RUS\n"
                    + "back 20\ndelete 3\nexpect whatever\nfigures killed\nshow arm\n")
        #expect(check(bench, "ok.px") == [])
    }

    @Test func eachKindOfErrorIsLocatedWithoutRunningAnything() {
        let bench = ScriptBench()
        bench.write("bad.px", "stpe\nstep x\ngoto nowhere\nnarrative ARM XYZ\nshow ghost\nclaims where colour = red\n"
                    + "set width 3\nfigures kiled\nexpect /(/\n")
        let problems = check(bench, "bad.px")
        #expect(problems.count == 9)
        #expect(problems[0].hasPrefix("bad.px:1:1: error: unknown command 'stpe'; did you mean 'step'?"))
        #expect(problems[1].hasPrefix("bad.px:2:6: error: step takes a number"))
        #expect(problems[2].hasPrefix("bad.px:3:6: error: no event, date or phase 'nowhere'"))
        #expect(problems[3].hasPrefix("bad.px:4:15: error: unknown party 'XYZ'"))
        #expect(problems[4].hasPrefix("bad.px:5:6: error: no entity with id 'ghost'"))
        #expect(problems[5].hasPrefix("bad.px:6:14: error:"))
        #expect(problems[6].hasPrefix("bad.px:7:11: error:"))
        #expect(problems[7].hasPrefix("bad.px:8:9: error: unknown measure 'kiled'"))
        #expect(problems[8].hasPrefix("bad.px:9:8: error: invalid regular expression"))
        #expect(bench.interpreter.session.cursor == 0)
    }

    /// A filter names ids too: one missing from the scenario is located like any other
    /// argument's (a `did you mean` for a near miss); text fields, `~` and letter case are
    /// read as the filter is.
    /// A pinned file that changed is what `run` warns of: `check` says so in the same words at
    /// the file's name, as a warning (exit 0), or an error with `strict`.
    @Test func aChangedPinIsAWarningAndAnErrorWhenStrict() throws {
        let bench = ScriptBench()
        let seed = try String(contentsOfFile: ScriptBench.seedPath, encoding: .utf8)
        bench.write("s.yaml", seed)
        let pin = SHA256.hex(Array(seed.utf8))
        bench.write("same.px", "load s.yaml sha256 \(pin)\nstep\n")
        #expect(check(bench, "same.px") == [])
        bench.write("s.yaml", seed + "\n# edited\n")
        let problems = check(bench, "same.px")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("same.px:1:6: warning: s.yaml changed since this script was recorded") == true)
        var environment = Environment()
        environment.strict = true
        let script = try #require(try? Script.read(bench.folder + "/same.px").get())
        let strict = ScriptCheck(environment: environment).check(script, on: ScriptBench.seed)
        #expect(strict.map(\.severity) == ["error"])
        #expect(strict.first?.message.hasSuffix("changed since this script was recorded (--strict)") == true)
    }

    /// `check SCRIPT` reads a `load`ed file as `load` does: an event-data export opens by
    /// its shape, and the ids after it are checked against its rows.
    @Test func aScriptLoadingAnExportIsCheckedAgainstItsRows() {
        let bench = ScriptBench()
        let sample = Self.root + "/Tests/ParallaxTests/EventData/gdelt2_events_sample.tsv"
        bench.write("g.tsv", (try? String(contentsOfFile: sample, encoding: .utf8)) ?? "")
        bench.write("g.px", "load g.tsv\nshow gdelt-410412347\nshow gdelt-1\n")
        let problems = check(bench, "g.px")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("g.px:3:6: error: no entity with id 'gdelt-1'") == true)
    }

    @Test func anIdAFilterNamesMustExist() {
        let bench = ScriptBench()
        bench.write("f.px", "claims where by = arm-md\nclaims where party in (arm, XYZ)\nevents where title ~ nowhere and id != clash-2021-11-16\n"
                    + "break claim where question = who-startd\nactors where id ~ zzz\n")
        let problems = check(bench, "f.px")
        #expect(problems.count == 3)
        #expect(problems.first?.contains("f.px:1:19: error: no id 'arm-md' in the scenario; did you mean 'arm-mod'?") == true)
        #expect(problems.dropFirst().first?.contains("f.px:2:29: error: no id 'XYZ' in the scenario") == true)
        #expect(problems.last?.contains("f.px:4:30: error: no id 'who-startd' in the scenario; did you mean 'who-started'?") == true)
    }

    @Test func anErrorInASourcedFilePointsIntoThatFile() {
        let bench = ScriptBench()
        bench.write("main.px", "step\nsource parts/b.px\n")
        bench.write("parts/b.px", "where\ngoto nowhere\n")
        let problems = check(bench, "main.px")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("parts/b.px:2:6: error: no event, date or phase 'nowhere'") == true)
        #expect(problems.first?.hasSuffix("sourced from main.px:2") == true)
    }

    @Test func idsAreCheckedAgainstTheScenarioOfThePrecedingLoad() {
        let bench = ScriptBench()
        bench.write("tiny.yaml", try! String(contentsOfFile: ScriptBench.seedPath, encoding: .utf8)
            .replacingOccurrences(of: "clash-2021-11-16", with: "the-clash"))
        bench.write("s.px", "goto clash-2021-11-16\nload tiny.yaml\ngoto the-clash\ngoto clash-2021-11-16\nload missing.yaml\n")
        let problems = check(bench, "s.px")
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("s.px:4:6: error: no event, date or phase 'clash-2021-11-16'") == true)
        #expect(problems.last?.hasPrefix("s.px:5:6: error:") == true)
    }

    @Test func replayingInTheSessionChecksFirst() {
        let bench = ScriptBench()
        bench.write("late.px", "step\nstep\nstpe\n")
        let outcome = bench.interpreter.execute(line: "source \(bench.folder)/late.px")[0]
        guard case .failure(let e) = outcome.result else { Issue.record(); return }
        #expect(e.message.contains("has 1 error; nothing ran"))
        #expect(e.message.contains("late.px:3:1: error: unknown command 'stpe'"))
        #expect(bench.interpreter.session.cursor == 0)
    }

    // MARK: Parameters

    @Test func parametersFillWordsAndStringsAsOneWord() {
        let bench = ScriptBench()
        bench.interpreter.environment.parameters = ScriptParameters(["a": "ARM", "b": "AZE", "t": "x; step 5 # y"])
        let outcomes = bench.interpreter.execute(line: "compare ${a} ${b}; echo '${a} and ${a}'; echo ${t}; echo $${a}")
        #expect(outcomes.count == 4 && outcomes.allSatisfy { !$0.failed })
        let texts = outcomes.map { o -> String in
            guard case .success(let d) = o.result else { return "" }
            return Renderer.render(d, RenderOptions())
        }
        #expect(texts[0].contains("ARM") && texts[0].contains("AZE"))
        #expect(texts[1] == "ARM and ARM")
        #expect(texts[2] == "x; step 5 # y")
        #expect(texts[3] == "${a}")
        #expect(bench.interpreter.session.cursor == 0)
        // As one word: a value with spaces is one party id, not two.
        bench.interpreter.environment.parameters = ScriptParameters(["a": "ARM AZE"])
        guard case .failure(let e) = bench.interpreter.execute(line: "narrative ${a}")[0].result else { Issue.record(); return }
        #expect(e.message.hasPrefix("unknown party 'ARM AZE'"))
    }

    @Test func aMissingParameterIsAnErrorAtItsDollar() {
        let bench = ScriptBench()
        bench.interpreter.environment.parameters = ScriptParameters(["party": "ARM"])
        guard case .failure(let e) = bench.interpreter.execute(line: "narrative ${partyy}")[0].result else { Issue.record(); return }
        #expect(e.column == 11 && e.length == 9)
        #expect(e.message == "no value for parameter 'partyy': give one with -D partyy=VALUE (did you mean 'party'?)")
        guard case .failure(let t) = bench.interpreter.execute(line: "echo a ${x}")[0].result else { Issue.record(); return }
        #expect(t.column == 8)
    }

    // MARK: source depth

    @Test func sourceNestsAtMost64DeepAndNeverCrashes() {
        let bench = ScriptBench()
        let n = 1_600
        for i in 0..<n { bench.write("s\(i).px", i == n - 1 ? "where\n" : "source s\(i + 1).px\n") }
        let (ending, failures) = bench.run("s0.px")
        #expect(ending == .stopped && failures == 1)
        #expect(bench.errorText.hasPrefix("s63.px:1:8: error: scripts nest too deep: source goes at most 64 scripts deep"))
        // Within the limit it runs.
        let ok = ScriptBench()
        for i in 0..<64 { ok.write("s\(i).px", i == 63 ? "step\n" : "source s\(i + 1).px\n") }
        #expect(ok.run("s0.px").failures == 0 && ok.interpreter.session.cursor == 1)
        // check SCRIPT stops there too.
        #expect(check(bench, "s0.px").first?.contains("at most 64 scripts deep") == true)
    }

    // MARK: SHA-256

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
