import Foundation
import Testing
@testable import Parallax

/// A session on the seed and a scratch folder of script files, for running scripts in tests.
final class ScriptBench {
    static let seedPath = Fixtures.seedPath
    static let seed: Scenario = try! Fixtures.seed()

    let folder: String
    let interpreter: Interpreter
    var shown: [ScriptRunner.Output] = []
    var transcript = Transcript()
    var text = ""
    var errors: [String] = []

    init() {
        folder = NSTemporaryDirectory() + "parallax-script-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        interpreter = Interpreter(session: Session(scenario: ScriptBench.seed))
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes a file under the folder; returns its full path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "(missing)"
    }

    func runner() -> ScriptRunner {
        ScriptRunner(interpreter: interpreter) { [unowned self] output in
            shown.append(output)
            if case .failure(let f) = output { errors.append(f.rendered) }
            text += transcript.text(for: output, Transcript.options(for: interpreter.session.settings))
        }
    }

    /// Runs the script `name` (written beforehand) by its full path.
    func run(_ name: String) -> (ScriptRunner.Ending, failures: Int) {
        let r = runner()
        guard case .success(let script) = Script.read(folder + "/" + name) else { return (.stopped, -1) }
        let ending = r.run(script)
        return (ending, r.failures)
    }

    /// Error renderings with the scratch folder taken out of the paths.
    var errorText: String { errors.joined(separator: "\n").replacingOccurrences(of: folder + "/", with: "") }
}

@Suite struct ScriptRunnerTests {
    @Test func echoesEachCommandBeforeItsOutputAndKeepsQuietCommandsTogether() {
        let bench = ScriptBench()
        bench.write("a.px", "# a comment\nstep; set width 60\n\necho At the clash\n")
        let (ending, failures) = bench.run("a.px")
        #expect(ending == .finished)
        #expect(failures == 0)
        let lines = bench.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "px> step")
        #expect(bench.text.hasSuffix("\npx> set width 60\nwidth = 60\n\npx> echo At the clash\nAt the clash\n"))
    }

    @Test func echoOffLeavesOnlyTheOutput() {
        let bench = ScriptBench()
        bench.write("a.px", "set echo off\necho one\necho two\n")
        _ = bench.run("a.px")
        #expect(bench.text == "px> set echo off\necho = off\n\none\n\ntwo\n")
    }

    @Test func theFirstErrorStopsTheRunAtItsLineAndColumn() {
        let bench = ScriptBench()
        bench.write("a.px", "step\ngoto   nowhere-at-all\nwhere\n")
        let (ending, failures) = bench.run("a.px")
        #expect(ending == .stopped)
        #expect(failures == 1)
        #expect(bench.errorText == """
            a.px:2:8: error: no event, date or phase 'nowhere-at-all'; usage: goto EVENT-ID | #N | DATE | PHASE
                goto   nowhere-at-all
                       ^^^^^^^^^^^^^^
            """)
        #expect(!bench.text.contains("px> where"))
        #expect(bench.interpreter.session.cursor == 1)
    }

    @Test func aSecondCommandOnALineIsPlacedAtItsOwnColumn() {
        let bench = ScriptBench()
        bench.write("a.px", "step; stpe 2\n")
        _ = bench.run("a.px")
        #expect(bench.errorText.hasPrefix("a.px:1:7: error: unknown command 'stpe'; did you mean 'step'?\n    step; stpe 2\n          ^^^^"))
    }

    @Test func columnsAfterNonASCIITextCountCharactersNotBytes() {
        let bench = ScriptBench()
        bench.write("a.px", "echo Ærø – ok; stpe 2\n")
        _ = bench.run("a.px")
        // Æ, ø and – take 2, 2 and 3 bytes: the caret still goes under 'stpe', column 16.
        #expect(bench.errorText.hasPrefix("""
            a.px:1:16: error: unknown command 'stpe'; did you mean 'step'?
                echo Ærø – ok; stpe 2
                               ^^^^
            """))
    }

    @Test func anUnterminatedQuoteAfterNonASCIITextIsUnderlinedToTheEnd() {
        let bench = ScriptBench()
        bench.write("a.px", "find \"Ærø\n")
        _ = bench.run("a.px")
        #expect(bench.errorText == """
            a.px:1:6: error: unterminated string: add the closing "
                find "Ærø
                     ^^^^
            """)
    }

    @Test func errorsContinueRunsOnAndCountsTheFailures() {
        let bench = ScriptBench()
        bench.write("a.px", "set errors continue\nstpe\nstep\nback 0\nwhere\n")
        let (ending, failures) = bench.run("a.px")
        #expect(ending == .finished)
        #expect(failures == 2)
        #expect(bench.text.contains("px> where\nposition:     1/15"))
        #expect(bench.errors.count == 2)
    }

    @Test func anErrorInANestedScriptNamesThatScriptAndWhereItWasSourced() {
        let bench = ScriptBench()
        bench.write("main.px", "step\nsource parts/setup.px\nwhere\n")
        bench.write("parts/setup.px", "# setup\nsource deeper.px\n")
        bench.write("parts/deeper.px", "step\n  break nowhere\n")
        let (ending, _) = bench.run("main.px")
        #expect(ending == .stopped)
        #expect(bench.errorText == """
            parts/deeper.px:2:9: error: no event, date or phase 'nowhere'; usage: break [EVENT-ID | #N | DATE | PHASE | where FILTER | claim where FILTER]
                  break nowhere
                        ^^^^^^^
                sourced from parts/setup.px:2
                sourced from main.px:2
            """)
        #expect(!bench.text.contains("px> where"))
        #expect(bench.interpreter.session.cursor == 2)
    }

    @Test func anIncludeCycleIsAnErrorNamingTheChain() {
        let bench = ScriptBench()
        bench.write("a.px", "source b.px\n")
        bench.write("b.px", "step\nsource ./a.px\n")
        let (ending, failures) = bench.run("a.px")
        #expect(ending == .stopped)
        #expect(failures == 1)
        #expect(bench.errorText.hasPrefix("b.px:2:8: error: source cycle: a.px → b.px → ./a.px\n"))
        bench.write("self.px", "source self.px\n")
        bench.errors = []
        _ = bench.run("self.px")
        #expect(bench.errorText.hasPrefix("self.px:1:8: error: source cycle: self.px → self.px\n"))
    }

    @Test func theSameScriptMaySourcedTwiceInARow() {
        let bench = ScriptBench()
        bench.write("a.px", "source s.px\nsource s.px\nwhere\n")
        bench.write("s.px", "step\n")
        let (ending, _) = bench.run("a.px")
        #expect(ending == .finished)
        #expect(bench.interpreter.session.cursor == 2)
    }

    @Test func loadAndSourceResolveAgainstTheScriptsFolder() {
        let bench = ScriptBench()
        let seedCopy = try! String(contentsOfFile: ScriptBench.seedPath, encoding: .utf8)
            .replacingOccurrences(of: "title: Artillery fighting on the Armenia–Azerbaijan border", with: "title: Renamed clash")
        bench.write("data/edited.yaml", seedCopy)
        bench.write("walks/main.px", "load ../data/edited.yaml\nsource more/next.px\n")
        bench.write("walks/more/next.px", "goto clash-2021-11-16\nexpect Renamed clash\n")
        let (ending, failures) = bench.run("walks/main.px")
        #expect(failures == 0)
        #expect(ending == .finished)
        #expect(bench.interpreter.environment.baseDirectory == nil)
    }

    @Test func quitEndsTheWholeRun() {
        let bench = ScriptBench()
        bench.write("a.px", "source b.px\nstep\n")
        bench.write("b.px", "quit\nstep\n")
        let (ending, _) = bench.run("a.px")
        #expect(ending == .quit)
        #expect(bench.interpreter.session.cursor == 0)
    }

    @Test func anInterruptionStopsBetweenCommandsAndKeepsTheCursor() {
        let bench = ScriptBench()
        nonisolated(unsafe) var steps = 0
        bench.interpreter.environment.isInterrupted = { steps >= 2 }
        bench.write("a.px", "step\nstep\nstep\n")
        let r = ScriptRunner(interpreter: bench.interpreter) { output in
            if case .document = output { steps += 1 }
        }
        guard case .success(let script) = Script.read(bench.folder + "/a.px") else { Issue.record(); return }
        #expect(r.run(script) == .interrupted)
        #expect(r.haltedAt?.line == 3)
        #expect(bench.interpreter.session.cursor == 2)
    }

    @Test func sourceAtThePromptGathersTheScriptWhenNoShellShowsIt() {
        let bench = ScriptBench()
        bench.write("a.px", "step\nset errors continue\nexpect nothing like this\n")
        let outcome = bench.interpreter.execute(line: "source " + bench.folder + "/a.px")[0]
        guard case .failure(let e) = outcome.result else { Issue.record("expected a failure"); return }
        #expect(e.message == "1 command in \(bench.folder)/a.px failed")
        bench.write("b.px", "step\nwhere\n")
        let ok = bench.interpreter.execute(line: "replay " + bench.folder + "/b.px")[0]
        guard case .success(let d) = ok.result else { Issue.record("expected success"); return }
        let text = Renderer.render(d, RenderOptions())
        #expect(text.hasPrefix("px> step\n2/15"))
        #expect(text.contains("px> where\nposition:     2/15"))
        // expect after source looks at the script's last command.
        #expect(!bench.interpreter.execute(line: "expect position:     2/15")[0].failed)
    }

    @Test func sourceStopsAtTheFirstErrorAndSaysWhere() {
        let bench = ScriptBench()
        var shown: [String] = []
        bench.interpreter.environment.show = { if case .failure(let f) = $0 { shown.append(f.location.description) } }
        bench.write("a.px", "step\nexpect nothing like this\nstep\n")
        let outcome = bench.interpreter.execute(line: "source a.px", )[0]
        #expect(outcome.failed) // a.px is not in the current folder
        let path = bench.folder + "/a.px"
        guard case .failure(let e) = bench.interpreter.execute(line: "source " + path)[0].result else { Issue.record(); return }
        #expect(e.message == "\(path) stopped at the error on line 2 of \(path)")
        #expect(shown == ["\(path):2:8"])
        #expect(bench.interpreter.session.cursor == 1)
    }

    @Test func aScriptThatCannotBeReadIsALocatedError() {
        let bench = ScriptBench()
        bench.write("a.px", "step\nsource missing.px\n")
        _ = bench.run("a.px")
        #expect(bench.errorText.hasPrefix("a.px:2:8: error: cannot read missing.px: no such file\n"))
        guard case .failure(let d) = Script.read(bench.folder + "/nope.px") else { Issue.record(); return }
        #expect(d.message == "cannot read: no such file")
    }

    @Test func scriptLinesLoseTheirLineEnds() {
        let s = Script(path: "x/y.px", text: "\u{FEFF}step\r\nwhere\n")
        #expect(s.lines == ["step", "where"])
        #expect(Script(path: "y.px", text: "step\n\n\r\nwhere").lines == ["step", "", "", "where"])
        // A byte that is not UTF-8 is kept (a file name may hold one), shown as \xFF.
        let raw = Script(path: "y.px", bytes: Array("goto #2\necho \u{00C6}".utf8) + [0xFF, 10]).lines
        #expect(raw == ["goto #2", "echo \u{00C6}\u{10FEFF}"])
        #expect(RawText.bytes(of: raw[1]) == Array("echo \u{00C6}".utf8) + [0xFF])
        #expect(raw[1].sanitizedForTerminal == "echo \u{00C6}\\xFF")
        #expect(s.folder == "x")
        #expect(Script(path: "y.px", text: "").folder == nil)
        #expect(Script(path: "/y.px", text: "").folder == "/")
    }
}

@Suite struct ExpectationTests {
    func check(_ line: String, after command: String = "where", on bench: ScriptBench = ScriptBench()) -> Interpreter.Outcome {
        _ = bench.interpreter.execute(line: command)
        return bench.interpreter.execute(line: line)[0]
    }

    @Test func textNotTextAndRegexHoldOrFail() {
        #expect(!check("expect claims known: 0 of 16").failed)
        #expect(check("expect Claims known").failed) // case-sensitive
        #expect(!check("expect not claims known: 1 of").failed)
        #expect(check("expect not position").failed)
        #expect(!check("expect /position: +0\\/15/").failed)
        #expect(!check("expect /(?i)CLAIMS KNOWN/").failed)
        #expect(check("expect /^claims/").failed)
        #expect(!check("expect /(?m)^claims/").failed)
        #expect(!check("expect not /breakpoints: +[1-9]/").failed)
        #expect(!check("expect \"(before the first event)\"").failed)
    }

    @Test func aFailureShowsWhatWasWantedAndTheOutput() {
        guard case .failure(let e) = check("expect   position: 9/15", after: "start").result else { Issue.record(); return }
        #expect(e.message == """
            expected the output of 'start' to contain "position: 9/15"
            the output of 'start' was:
                Before the first event (0/15); nothing is known yet. 'step' to begin.
            """)
        #expect(e.column == 10)
        #expect(e.length == 14)
    }

    @Test func nonASCIITextMatchesByCharacter() {
        #expect(!check("expect Ærø – ok", after: "echo Ærø – ok").failed)
        #expect(check("expect Ærø – no", after: "echo Ærø – ok").failed)
        // The same letter precomposed or with a combining accent is the same character…
        #expect(!check("expect cafe\u{301}", after: "echo café").failed)
        #expect(!check("expect café", after: "echo cafe\u{301}").failed)
        // …and a bare e does not match the first half of an accented one.
        #expect(!check("expect not cafe", after: "echo cafe\u{301}").failed)
    }

    @Test func expectLooksPastOtherExpectsAndSeesErrors() {
        let bench = ScriptBench()
        _ = bench.interpreter.execute(line: "stpe")
        #expect(!bench.interpreter.execute(line: "expect did you mean 'step'?")[0].failed)
        #expect(!bench.interpreter.execute(line: "expect not /nothing/")[0].failed)
        #expect(!bench.interpreter.execute(line: "expect unknown command")[0].failed)
    }

    @Test func aBadRegexOrNothingToLookForIsACaretError() {
        guard case .failure(let e) = check("expect not /(unclosed/").result else { Issue.record(); return }
        #expect(e.message.hasPrefix("invalid regular expression"))
        #expect(e.column == 12)
        #expect(e.length == 11)
        guard case .failure(let empty) = check("expect").result else { Issue.record(); return }
        #expect(empty.message == "expect needs something to look for; usage: expect TEXT | not TEXT | /REGEX/")
        guard case .failure(let first) = ScriptBench().interpreter.execute(line: "expect x")[0].result else { Issue.record(); return }
        #expect(first.message == "nothing to check yet: expect looks at the output of the command before it")
    }
}

@Suite struct TranscriptDiffTests {
    func diff(_ a: String, _ b: String) -> String? {
        UnifiedDiff.render(expected: a, actual: b, expectedName: "old", actualName: "new")
    }

    @Test func equalTextsHaveNoDiffAndAFinalNewlineDoesNotCount() {
        #expect(diff("a\nb\n", "a\nb\n") == nil)
        #expect(diff("a\nb", "a\nb\n") == nil)
        #expect(diff("", "") == nil)
    }

    @Test func changesAreShownWithThreeLinesOfContextAsDiffUDoes() {
        let old = (1...10).map(String.init).joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "5\n", with: "five\n")
        #expect(diff(old, new) == """
            --- old
            +++ new
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    @Test func insertionsAtTheStartAndDeletionsAtTheEnd() {
        #expect(diff("a\nb\nc\n", "b\nc\nd\n") == "--- old\n+++ new\n@@ -1,3 +1,3 @@\n-a\n b\n c\n+d\n")
        #expect(diff("", "x\n") == "--- old\n+++ new\n@@ -0,0 +1 @@\n+x\n")
        #expect(diff("x\n", "") == "--- old\n+++ new\n@@ -1 +0,0 @@\n-x\n")
    }

    @Test func distantChangesMakeSeparateHunks() {
        var lines = (1...20).map(String.init)
        let old = lines.joined(separator: "\n")
        lines[1] = "two"
        lines[18] = "nineteen"
        let d = diff(old, lines.joined(separator: "\n")) ?? ""
        #expect(d.components(separatedBy: "\n@@").count == 3)
        #expect(d.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n"))
        #expect(d.contains("@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n"))
    }

    @Test func theShortestEditIsFound() {
        let steps = UnifiedDiff.steps(["a", "b", "c", "a", "b", "b", "a"], ["c", "b", "a", "b", "a", "c"])
        let edits = steps.filter { if case .same = $0 { false } else { true } }.count
        #expect(edits == 5) // the classic Myers example: D = 5
        // Applying the steps to the old text gives the new one.
        let new = steps.compactMap { s -> String? in
            switch s {
            case .same(let i, _): ["a", "b", "c", "a", "b", "b", "a"][i]
            case .insert(let j): ["c", "b", "a", "b", "a", "c"][j]
            case .delete: nil
            }
        }
        #expect(new == ["c", "b", "a", "b", "a", "c"])
    }

    @Test func aVeryLargeDifferenceFallsBackToReplacingTheMiddle() {
        let old = (0..<1100).map { "old \($0)" }, new = (0..<1100).map { "new \($0)" }
        #expect(UnifiedDiff.myers(old, new) == nil)
        let steps = UnifiedDiff.steps(["same"] + old + ["end"], ["same"] + new + ["end"])
        #expect(steps.count == 2202)
        #expect(steps.first == .same(0, 0))
        #expect(steps[1] == .delete(1))
        #expect(steps.last == .same(1101, 1101))
    }
}

@Suite struct RecorderTests {
    /// The line a new recording on the bench's scenario starts with.
    static func pin(for script: String) -> String {
        let start = Recorder.Start(scenario: ScriptBench.seed, cursor: 0, environment: Environment())
        return "load " + Recorder.argument(for: start.source, script: script) + " sha256 " + (start.digest ?? "?")
    }

    @Test func recordsCanonicalCommandsAfterTheScenariosPin() {
        let bench = ScriptBench()
        let file = bench.folder + "/rec.px"
        for line in ["record \(file)", "s 2; wh", "stpe", "goto nowhere", "b", "ech  hello  there", "record", "c",
                     "nar all arm AZE", "record stop", "step"] {
            _ = bench.interpreter.execute(line: line)
        }
        #expect(bench.read("rec.px") == """
            \(Self.pin(for: file))
            step 2
            where
            back
            echo hello  there
            continue
            narrative arm AZE all

            """)
        #expect(Self.pin(for: file).hasPrefix("load /") && Self.pin(for: file).count > 70)
    }

    @Test func aRecordingStartedAfterTheStartGoesThereFirst() {
        let bench = ScriptBench()
        _ = bench.interpreter.execute(line: "step 4; record \(bench.folder)/rec.px; where")
        #expect(bench.read("rec.px") == Self.pin(for: bench.folder + "/rec.px") + "\ngoto #4\nwhere\n")
    }

    @Test func appendingAddsALoadLineOnlyWhenTheScenarioDiffers() {
        let bench = ScriptBench()
        let pin = Self.pin(for: bench.folder + "/rec.px")
        bench.write("rec.px", pin + "\nstep")  // no final newline
        _ = bench.interpreter.execute(line: "record \(bench.folder)/rec.px; where; record stop")
        #expect(bench.read("rec.px") == pin + "\nstep\nwhere\n")
        // Another scenario (other bytes): a load line, then the commands.
        let other = bench.write("other.yaml", try! String(contentsOfFile: ScriptBench.seedPath, encoding: .utf8) + "\n")
        _ = bench.interpreter.execute(line: "load \(other); record \(bench.folder)/rec.px; step; record stop")
        #expect(bench.read("rec.px").hasSuffix("where\nload other.yaml sha256 \(SHA256.hex(Array(bench.read("other.yaml").utf8)))\nstep\n"))
        // A load typed while recording pins what it loaded, named from the script's folder.
        bench.write("sub/x.txt", "")
        _ = bench.interpreter.execute(line: "record \(bench.folder)/sub/r.px; load \(ScriptBench.seedPath); load \(other)")
        #expect(bench.read("sub/r.px").hasSuffix("\nload ../other.yaml sha256 \(SHA256.hex(Array(bench.read("other.yaml").utf8)))\n"))
    }

    @Test func commandsOfASourcedScriptAreNotRecordedTwice() {
        let bench = ScriptBench()
        bench.write("s.px", "step\nstep\n")
        _ = bench.interpreter.execute(line: "record \(bench.folder)/rec.px")
        _ = bench.interpreter.execute(line: "source \(bench.folder)/s.px")
        _ = bench.interpreter.execute(line: "where")
        #expect(bench.read("rec.px") == Self.pin(for: bench.folder + "/rec.px") + "\nsource s.px\nwhere\n")
    }

    @Test func aScriptThatRecordsSavesItsOwnCommands() {
        let bench = ScriptBench()
        bench.write("a.px", "record out.px\nstep\nsource s.px\nrecord stop\nstep\n")
        bench.write("s.px", "where\n")
        let (_, failures) = bench.run("a.px")
        #expect(failures == 0)
        #expect(bench.read("out.px") == Self.pin(for: bench.folder + "/out.px") + "\nstep\nsource s.px\n")
    }

    @Test func stoppingWhenNotRecordingIsAnError() {
        let bench = ScriptBench()
        guard case .failure(let e) = bench.interpreter.execute(line: "record stop")[0].result else { Issue.record(); return }
        #expect(e.message == "not recording; 'record FILE' starts")
        try! FileManager.default.createDirectory(atPath: bench.folder + "/dir.px", withIntermediateDirectories: true)
        guard case .failure(let d) = bench.interpreter.execute(line: "record \(bench.folder)/dir.px")[0].result else { Issue.record(); return }
        #expect(d.message == "cannot write \(bench.folder)/dir.px: is a directory")
    }

    @Test func anythingButAScriptIsRefused() {
        let bench = ScriptBench()
        let scenario = bench.write("my.yaml", try! String(contentsOfFile: ScriptBench.seedPath, encoding: .utf8))
        let before = bench.read("my.yaml")
        func message(_ line: String) -> String {
            guard case .failure(let e) = bench.interpreter.execute(line: line)[0].result else { return "(ran)" }
            return e.message
        }
        #expect(message("record \(scenario)") == "\(scenario) is a scenario file: record writes scripts (.px), never a scenario")
        #expect(message("record \(bench.folder)/x.JSON") == "\(bench.folder)/x.JSON is a scenario file: record writes scripts (.px), never a scenario")
        #expect(message("record \(bench.folder)/notes.txt") == "record writes scripts, whose names end in .px; \(bench.folder)/notes.txt does not")
        // The loaded scenario, whatever its name.
        let odd = bench.write("scenario.px", before)
        _ = bench.interpreter.execute(line: "load \(odd)")
        #expect(message("record \(odd)") == "\(odd) is the loaded scenario: record writes scripts (.px), never a scenario")
        #expect(bench.read("my.yaml") == before && bench.read("scenario.px") == before)
        #expect(bench.read("notes.txt") == "(missing)")
    }
}

@Suite struct SafeModeTests {
    func bench(safe: Bool) -> ScriptBench {
        let b = ScriptBench()
        b.interpreter.environment.safe = safe
        b.interpreter.environment.safeFolder = b.folder + "/walks"
        return b
    }

    @Test func writingIsRefusedNamingTheCommand() {
        let b = bench(safe: true)
        b.write("walks/a.px", "step\nrecord out.px\n")
        _ = b.run("walks/a.px")
        #expect(b.errorText.hasPrefix("walks/a.px:2:1: error: 'record' is refused in safe mode: it writes files\n"))
        #expect(b.read("walks/out.px") == "(missing)")
    }

    @Test func readingOutsideTheScriptsFolderIsRefusedAndBelowItAllowed() {
        let b = bench(safe: true)
        try! FileManager.default.copyItem(atPath: ScriptBench.seedPath, toPath: b.folder + "/seed.yaml")
        b.write("walks/data/seed.yaml", try! String(contentsOfFile: ScriptBench.seedPath, encoding: .utf8))
        b.write("walks/a.px", "load data/seed.yaml\nsource parts/b.px\nload ../seed.yaml\n")
        b.write("walks/parts/b.px", "step\n")
        b.write("walks/c.px", "source ../walks/../x.px\n")
        let (_, failures) = b.run("walks/a.px")
        #expect(failures == 1)
        #expect(b.errorText.hasPrefix("walks/a.px:3:6: error: 'load' is refused in safe mode: ../seed.yaml is outside the script's folder\n"))
        #expect(b.interpreter.session.cursor == 1)
        b.errors = []
        _ = b.run("walks/c.px")
        #expect(b.errorText.hasPrefix("walks/c.px:1:8: error: 'source' is refused in safe mode: ../walks/../x.px is outside the script's folder"))
        b.errors = []
        b.write("walks/d.px", "load \(ScriptBench.seedPath)\n")
        _ = b.run("walks/d.px")
        #expect(b.errorText.contains("'load' is refused in safe mode"))
    }

    @Test func withoutSafeModeTheSameScriptsRun() {
        let b = bench(safe: false)
        b.write("walks/a.px", "record out.px\nload \(ScriptBench.seedPath)\nstep\n")
        let (_, failures) = b.run("walks/a.px")
        #expect(failures == 0)
        #expect(b.read("walks/out.px").hasSuffix("\n" + RecorderTests.pin(for: b.folder + "/walks/out.px") + "\nstep\n"))
    }
}
