import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A scratch folder of scripts for one test, removed afterwards.
final class ScratchFolder {
    let path: String

    init() {
        var template = Array("/tmp/parallax-run-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    deinit { _ = system("rm -rf '\(path)'") }

    /// Writes `text` to `name` under the folder (creating folders on the way).
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        var folder = ""
        for part in name.split(separator: "/").dropLast() {
            folder += "/" + part
            mkdir(path + folder, 0o755)
        }
        Binary.write(text, to: full)
        return full
    }

    func read(_ name: String) -> String { Binary.read(path + "/" + name) }

    func exists(_ name: String) -> Bool { access(path + "/" + name, F_OK) == 0 }
}

/// The Scripts/ walkthroughs, each a regression test of the product through its transcript.
enum Walkthroughs {
    static let names: [String] = {
        guard let dir = opendir(Binary.root + "/Scripts") else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".px") { names.append(String(name.dropLast(3))) }
        }
        return names.sorted()
    }()
}

@Suite("parallax run: scripts, transcripts, recording")
struct ScriptRunTests {
    @Test func thereAreAtLeastFourWalkthroughsEachWithATranscript() {
        #expect(Walkthroughs.names.count >= 4)
        for name in ["walkthrough", "narratives", "casualties", "contacts"] {
            #expect(Walkthroughs.names.contains(name))
        }
        for name in Walkthroughs.names {
            #expect(access(Binary.root + "/Scripts/\(name).out", R_OK) == 0, "Scripts/\(name).out is missing")
        }
    }

    @Test(arguments: Walkthroughs.names)
    func walkthroughMatchesItsTranscript(_ name: String) {
        let r = Binary.run(["run", "Scripts/\(name).px", "--expect", "Scripts/\(name).out"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty, "\(r.stdout)")
        #expect(r.stderr.isEmpty)
    }

    @Test func anEditedScenarioMakesTheWalkthroughFailWithAReadableDiff() {
        let scratch = ScratchFolder()
        let seed = Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
        let edited = scratch.write("edited.yaml", seed.replacing(
            "title: Shoigu phones the Armenian and Azerbaijani defence chiefs", with: "title: Shoigu calls both defence chiefs"))
        let r = Binary.run(["run", "Scripts/walkthrough.px", "--scenario", edited, "--expect", "Scripts/walkthrough.out"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("--- Scripts/walkthrough.out\n+++ Scripts/walkthrough.px (this run)\n@@ -"))
        #expect(r.stdout.contains("\n-11/15  2021-11-16  mediation  mediate (5)  Shoigu phones the Armenian and Azerbaijani defence chiefs\n"
                                  + "+11/15  2021-11-16  mediation  mediate (5)  Shoigu calls both defence chiefs\n"))
        #expect(r.stderr == "the transcript differs from Scripts/walkthrough.out; "
                + "'parallax run Scripts/walkthrough.px --scenario \(edited) --expect Scripts/walkthrough.out --update' accepts it\n")
    }

    @Test func theDiffIsUnifiedWithContext() {
        let scratch = ScratchFolder()
        scratch.write("s.px", "echo one\necho two\nstep\nwhere\n")
        #expect(Binary.run(["run", "s.px", "--expect", "s.out", "--update"], directory: scratch.path).status == 0)
        scratch.write("s.px", "echo one\necho 2\nstep\nwhere\n")
        let r = Binary.run(["run", "s.px", "--expect", "s.out"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stdout == """
            --- s.out
            +++ s.px (this run)
            @@ -1,8 +1,8 @@
             px> echo one
             one
             
            -px> echo two
            -two
            +px> echo 2
            +2
             
             px> step
             1/15  1994  background  ceasefire (9)  Separatist war in Nagorno-Karabakh comes to an end

            """)
    }

    @Test func updateWritesTheTranscriptOnlyForARunThatPassed() {
        let scratch = ScratchFolder()
        scratch.write("s.px", "# a comment\nset echo off\nstep 9; where\n")
        let first = Binary.run(["run", "s.px", "--expect", "s.out", "--update"], directory: scratch.path)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("Wrote s.out ("))
        let plain = Binary.run(["run", "s.px"], directory: scratch.path)
        #expect(scratch.read("s.out") == plain.stdout)
        #expect(plain.stdout.hasPrefix("px> set echo off\necho = off\n\n1/15  1994"))
        #expect(Binary.run(["run", "s.px", "--expect", "s.out"], directory: scratch.path).status == 0)
        #expect(Binary.run(["run", "s.px", "--expect", "s.out", "--update"], directory: scratch.path).stdout == "s.out is up to date.\n")

        scratch.write("bad.px", "step\nstpe\n")
        let bad = Binary.run(["run", "bad.px", "--expect", "bad.out", "--update"], directory: scratch.path)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasSuffix("bad.out not written: the script failed\n"))
        #expect(!scratch.exists("bad.out"))
    }

    @Test func aFailedExpectationStopsTheRunAndShowsWhatItSaw() {
        let scratch = ScratchFolder()
        scratch.write("s.px", "goto clash-2021-11-16\nwhere\nexpect claims known: 11 of 16\nstep\n")
        let r = Binary.run(["run", "s.px"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr == """
            s.px:3:8: error: expected the output of 'where' to contain "claims known: 11 of 16"
                expect claims known: 11 of 16
                       ^^^^^^^^^^^^^^^^^^^^^^
            the output of 'where' was:
                position:     9/15
                date:         2021-11-16
                phase:        escalation
                event:        clash-2021-11-16: Artillery fighting on the Armenia–Azerbaijan border
                type:         fight
                intensity:    -10
                claims known: 10 of 16
                breakpoints:  0

            """)
        #expect(r.stdout.hasSuffix("px> expect claims known: 11 of 16\n"))
    }

    @Test func errorsInNestedScriptsNameFileLineAndColumn() {
        let scratch = ScratchFolder()
        scratch.write("walks/main.px", "step\nsource parts/more.px\nwhere\n")
        scratch.write("walks/parts/more.px", "# more\nstep; goto #99\n")
        let r = Binary.run(["run", "walks/main.px"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr == """
            walks/parts/more.px:2:12: error: there is no event #99; events are #1 to #15
                step; goto #99
                           ^^^
                sourced from walks/main.px:2

            """)
        #expect(!r.stdout.contains("px> where"))
    }

    @Test func includeCyclesAreNamed() {
        let scratch = ScratchFolder()
        scratch.write("a.px", "source b.px\n")
        scratch.write("b.px", "source a.px\n")
        let r = Binary.run(["run", "a.px"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("b.px:1:8: error: source cycle: a.px → b.px → a.px\n"))
    }

    @Test func errorsContinueRunsToTheEndAndExitsOne() {
        let scratch = ScratchFolder()
        scratch.write("s.px", "set errors continue\nstpe\nexpect nothing like this\nstep\nwhere\n")
        let r = Binary.run(["run", "s.px"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stdout.contains("px> where\nposition:     1/15"))
        #expect(r.stderr.hasPrefix("s.px:2:1: error: unknown command 'stpe'; did you mean 'step'?\n"))
        #expect(r.stderr.contains("s.px:3:8: error: expected the output of 'stpe' to contain \"nothing like this\"\n"))
        #expect(r.stderr.hasSuffix("\n2 commands failed\n"))
    }

    @Test func loadAndSourceAreRelativeToTheScriptFromAnyFolder() {
        let scratch = ScratchFolder()
        let seed = Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
        scratch.write("data/renamed.yaml", seed.replacing("title: Artillery fighting on the Armenia–Azerbaijan border",
                                                          with: "title: The clash, renamed"))
        scratch.write("walks/main.px", "load ../data/renamed.yaml\nsource parts/clash.px\n")
        scratch.write("walks/parts/clash.px", "goto clash-2021-11-16\nexpect The clash, renamed\n")
        let fromRoot = Binary.run(["run", scratch.path + "/walks/main.px"])
        #expect(fromRoot.status == 0, "\(fromRoot.stderr)")
        #expect(fromRoot.stdout.contains("px> goto clash-2021-11-16\n9/15  2021-11-16  escalation  fight (-10)  The clash, renamed\n"))
        let fromInside = Binary.run(["run", "main.px"], directory: scratch.path + "/walks")
        #expect(fromInside.status == 0)
        #expect(fromInside.stdout == fromRoot.stdout)
    }

    @Test func safeModeRefusesWritingAndReadingOutsideTheScriptsFolder() {
        let scratch = ScratchFolder()
        scratch.write("walks/data/seed.yaml", Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml"))
        scratch.write("walks/inside.px", "load data/seed.yaml\nstep\n")
        scratch.write("walks/record.px", "step\nrecord notes.px\n")
        scratch.write("walks/outside.px", "load \(Binary.root)/seeds/armenia-azerbaijan-2021-11.yaml\n")
        #expect(Binary.run(["run", "walks/inside.px", "--safe"], directory: scratch.path).status == 0)
        let record = Binary.run(["run", "walks/record.px", "--safe"], directory: scratch.path)
        #expect(record.status == 1)
        #expect(record.stderr.hasPrefix("walks/record.px:2:1: error: 'record' is refused in safe mode: it writes files\n"))
        #expect(!scratch.exists("walks/notes.px"))
        let outside = Binary.run(["run", "walks/outside.px", "--safe"], directory: scratch.path)
        #expect(outside.status == 1)
        #expect(outside.stderr.hasPrefix("walks/outside.px:1:6: error: 'load' is refused in safe mode: \(Binary.root)/seeds/armenia-azerbaijan-2021-11.yaml is outside the script's folder\n"))
        // Without --safe the same scripts run.
        #expect(Binary.run(["run", "walks/outside.px"], directory: scratch.path).status == 0)
    }

    @Test func exitCodesForUnreadableInputsAndWrongCommandLines() {
        let scratch = ScratchFolder()
        scratch.write("s.px", "step\n")
        let missing = Binary.run(["run", "nope.px"], directory: scratch.path)
        #expect(missing.status == 1)
        #expect(missing.stderr == "nope.px:1:1: error: cannot read: no such file\n")
        let noTranscript = Binary.run(["run", "s.px", "--expect", "s.out"], directory: scratch.path)
        #expect(noTranscript.status == 1)
        #expect(noTranscript.stderr == "s.out:1:1: error: cannot read: no such file\n")
        let badScenario = Binary.run(["run", "s.px", "--scenario", "nope.yaml"], directory: scratch.path)
        #expect(badScenario.status == 1)
        #expect(Binary.run(["run", "s.px", "--update"], directory: scratch.path).status == 2)
        #expect(Binary.run(["run"], directory: scratch.path).status == 2)
        #expect(Binary.run(["run", "s.px", "--bogus"], directory: scratch.path).status == 2)
    }

    @Test func aRecordedSessionReplaysToTheSameOutput() {
        let scratch = ScratchFolder()
        let typed = ["s 9", "wh", "stpe", "show who-started", "b 2", "claims where party = ARM", "goto nowhere",
                     "c", "ec  done"]
        let session = Binary.run([], input: (["record rec.px"] + typed + ["record stop"]).joined(separator: "\n") + "\n",
                                 directory: scratch.path)
        #expect(session.status == 1) // stpe and goto nowhere failed
        #expect(scratch.read("rec.px") == """
            load builtin:armenia-azerbaijan-2021-11 sha256 \(Pins.bundled)
            step 9
            where
            show who-started
            back 2
            claims where party = ARM
            continue
            echo done

            """)
        // The session's output without the two recording notices is what the replay prints.
        let blocks = session.stdout.split(separator: "\n\n", omittingEmptySubsequences: false)
        #expect(blocks.first == "Recording to rec.px.")
        #expect(blocks.last == "Stopped recording to rec.px: 7 commands saved.\n")
        let replay = Binary.run([], input: scratch.read("rec.px"), directory: scratch.path)
        #expect(replay.status == 0)
        #expect(replay.stdout == "Loaded Armenia–Azerbaijan border clashes, November 2021: 15 events, 16 claims.\n\n"
                + blocks.dropFirst().dropLast().joined(separator: "\n\n") + "\n")
        let run = Binary.run(["run", "rec.px"], directory: scratch.path)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("px> load builtin:armenia-azerbaijan-2021-11 sha256 \(Pins.bundled)\n"
                                     + "Loaded Armenia–Azerbaijan border clashes, November 2021: 15 events, 16 claims.\n\n"
                                     + "px> step 9\n1/15  1994"))
    }

    @Test func aKillDuringRecordingLosesNoFinishedLine() throws {
        let scratch = ScratchFolder()
        let child = try #require(Child(arguments: [Binary.path], directory: scratch.path))
        child.send("record rec.px\ns 3\nwhere\n")
        #expect(child.readUntil("breakpoints:"))
        child.send("back; echo last line\n")
        #expect(child.readUntil("last line"))
        child.kill()
        #expect(scratch.read("rec.px") == "load builtin:armenia-azerbaijan-2021-11 sha256 \(Pins.bundled)\n"
                + "step 3\nwhere\nback\necho last line\n")
    }
}

/// The binary started with pipes on stdin and stdout, to be fed and killed mid-session.
final class Child {
    let pid: pid_t
    let input: Int32
    let output: Int32
    var seen = ""

    init?(arguments: [String], directory: String) {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
        // The shell changes folder, then becomes the binary (exec), so `pid` is the binary's.
        let command = "cd '\(directory)' && exec " + arguments.map { "'\($0)'" }.joined(separator: " ")
        var argv: [UnsafeMutablePointer<CChar>?] = ([String](["/bin/sh", "-c", command])).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        guard posix_spawn(&child, "/bin/sh", &actions, nil, &argv, environ) == 0 else { return nil }
        pid = child
        close(toChild[0])
        close(fromChild[1])
        input = toChild[1]
        output = fromChild[0]
    }

    deinit {
        close(input)
        close(output)
    }

    func send(_ text: String) {
        var t = text
        t.withUTF8 { _ = write(input, $0.baseAddress, $0.count) }
    }

    /// Reads the child's output until `marker` appears (true) or it closes (false).
    func readUntil(_ marker: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !seen.contains(marker) {
            let n = read(output, &buffer, buffer.count)
            if n <= 0 { return false }
            seen += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return true
    }

    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// Ctrl-C in a batch stops it between two commands: what the finished commands printed is
/// on stdout whole (stdout is written in large pieces, and a piece cut by the signal would
/// lose or split a command's output), the rest of the script never runs, exit status 130.
@Suite struct BatchInterruptTests {
    /// A script long enough to be interrupted with much of its output pending.
    static let lines = (0..<40_000).map { ["step 3", "narrative ARM", "back 3", "where"][$0 % 4] }

    /// Starts `arguments` with stdout and stderr in `folder`, sends SIGINT once stdout holds
    /// 200 KB, and returns the exit status.
    static func interrupt(_ arguments: [String], in folder: ScratchFolder, input: String? = nil) -> Int32 {
        let quoted = ([Binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let stdin = input.map { "< '\(folder.write("in", $0))'" } ?? "< /dev/null"
        let out = folder.path + "/out", err = folder.path + "/err"
        let shell = """
            cd '\(folder.path)' && NO_COLOR= \(quoted) \(stdin) > '\(out)' 2> '\(err)' & pid=$!
            n=0; while [ $(stat -c %s '\(out)' 2>/dev/null || echo 0) -lt 200000 ] && [ $n -lt 6000 ]; do sleep 0.01; n=$((n+1)); done
            kill -INT $pid; wait $pid; exit $?
            """
        return (system(shell) >> 8) & 0xFF
    }

    @Test func ctrlCDuringRunKeepsTheOutputOfEveryFinishedCommand() throws {
        let folder = ScratchFolder()
        folder.write("long.px", Self.lines.joined(separator: "\n") + "\n")
        #expect(Self.interrupt(["run", "long.px"], in: folder) == 130)
        let err = folder.read("err")
        let stopped = try #require(err.split(separator: "\n").last { $0.hasSuffix(": interrupted") }, "\(err)")
        // `long.px:N:1: interrupted`: line N never ran; lines 1…N-2 printed all they had to,
        // and line N-1 too, unless the signal came while it ran and it stopped itself where it
        // got (`step 3` → `interrupted at 1/3, the cursor at 1/15`), as a command does.
        let n = try #require(Int(stopped.split(separator: ":")[1]))
        #expect(n > 2 && n < Self.lines.count, "\(stopped)")
        let out = folder.read("out")
        func output(ofLines k: Int) -> String {
            folder.write("head.px", Self.lines.prefix(k).joined(separator: "\n") + "\n")
            let whole = Binary.run(["run", folder.path + "/head.px"])
            #expect(whole.status == 0)
            return whole.stdout
        }
        if out != output(ofLines: n - 1) {
            let finished = output(ofLines: n - 2)
            #expect(out.hasPrefix(finished), "stdout does not begin with the output of lines 1–\(n - 2)")
            let last = out.dropFirst(finished.count).drop { $0 == "\n" }
            #expect(last.hasPrefix("px> " + Self.lines[n - 2] + "\n") && last.contains("interrupted at "),
                    "line \(n - 1)'s output is neither whole nor stopped at the signal: \(last)")
        }
    }

    @Test func ctrlCInPipedInputEndsAfterACommandAndStops() throws {
        let folder = ScratchFolder()
        #expect(Self.interrupt([], in: folder, input: Self.lines.joined(separator: "\n") + "\n") == 130)
        #expect(folder.read("err").hasSuffix("interrupted\n"))
        // Every document is whole: the output ends with a complete `where` or `narrative`,
        // and no command ran after the signal (the transcript is far shorter than the script's).
        let out = folder.read("out")
        #expect(out.hasSuffix("\n"))
        let wheres = out.components(separatedBy: "position:").count - 1
        #expect(wheres > 0 && wheres < Self.lines.count / 4)
    }
}
