import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 digests as `sha256sum` computes them, to compare with what `record` pins.
enum Pins {
    static func of(_ path: String) -> String {
        let out = "/tmp/parallax-sha-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(out) }
        _ = system("sha256sum '\(path)' > \(out)")
        return String(Binary.read(out).prefix(64))
    }

    static let bundled = of(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
}

/// Scripts that reproduce: pinned scenarios, `--scenario`, `-D`, `check SCRIPT`, and what
/// `record` does when the disk fills or the file is not a script.
@Suite("Scripts that reproduce")
struct ScriptPinTests {
    static let seed = Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")

    /// A scenario unlike the bundled one: the clash renamed.
    static let renamed = seed.replacing("clash-2021-11-16", with: "the-clash")

    @Test func aRecordingReplaysFromAnywhereOnWhatItWasRecordedOn() {
        let scratch = ScratchFolder()
        scratch.write("a/data/other.yaml", Self.renamed)
        let session = Binary.run(["data/other.yaml"], input: "step 3\nrecord my.px\ngoto the-clash\nnarrative ARM\nrecord stop\n",
                                 directory: scratch.path + "/a")
        #expect(session.status == 0)
        let pin = Pins.of(scratch.path + "/a/data/other.yaml")
        #expect(scratch.read("a/my.px") == "load data/other.yaml sha256 \(pin)\ngoto #3\ngoto the-clash\nnarrative ARM\n")
        // The folder moves; the script is run from elsewhere, and runs on its own scenario.
        #expect(rename(scratch.path + "/a", scratch.path + "/b") == 0)
        let first = Binary.run(["run", scratch.path + "/b/my.px"])
        #expect(first.status == 0 && first.stderr.isEmpty)
        #expect(first.stdout.contains("px> goto the-clash\n9/15"))
        let again = Binary.run(["run", "b/my.px"], directory: scratch.path)
        #expect(again.stdout == first.stdout)
    }

    @Test func aChangedScenarioIsAWarningAndUnderStrictAnError() {
        let scratch = ScratchFolder()
        scratch.write("s.yaml", Self.renamed)
        scratch.write("s.px", "load s.yaml sha256 \(Pins.of(scratch.path + "/s.yaml"))\nstep\n")
        #expect(Binary.run(["run", "s.px"], directory: scratch.path).stderr.isEmpty)
        scratch.write("s.yaml", Self.renamed.replacing("Artillery fighting", with: "Heavy artillery fighting"))
        let r = Binary.run(["run", "s.px"], directory: scratch.path)
        #expect(r.status == 0)
        #expect(r.stderr == "s.px:1: warning: s.yaml changed since this script was recorded\n")
        #expect(r.stdout.contains("px> step\n1/15"))
        let strict = Binary.run(["run", "s.px", "--strict"], directory: scratch.path)
        #expect(strict.status == 1)
        #expect(strict.stderr.hasPrefix("s.px:1:6: error: s.yaml changed since this script was recorded (--strict)\n"))
        #expect(!strict.stdout.contains("px> step"))
    }

    @Test func theBundledScenarioHasANameLoadAccepts() {
        let r = Binary.run(["-c", "load builtin:armenia-azerbaijan-2021-11; info; load builtin:nope"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("file:      (bundled) seeds/armenia-azerbaijan-2021-11.yaml"))
        #expect(r.stderr.contains("error: no bundled scenario 'nope'; bundled: builtin:armenia-azerbaijan-2021-11"))
    }

    @Test func scenarioReplacesTheFirstLoadOnlyAndSaysWhere() {
        let scratch = ScratchFolder()
        scratch.write("other.yaml", Self.renamed)
        scratch.write("s.px", "where\nload \(Binary.root)/seeds/armenia-azerbaijan-2021-11.yaml sha256 \(String(repeating: "0", count: 64))\n"
                      + "goto the-clash\nload builtin:armenia-azerbaijan-2021-11\ngoto clash-2021-11-16\n")
        let r = Binary.run(["run", "s.px", "--scenario", "other.yaml"], directory: scratch.path)
        #expect(r.status == 0)
        #expect(r.stderr == "using other.yaml in place of \(Binary.root)/seeds/armenia-azerbaijan-2021-11.yaml (s.px:2)\n")
        #expect(r.stdout.contains("px> goto the-clash\n9/15"))
        #expect(r.stdout.contains("px> goto clash-2021-11-16\n9/15"))
        // A script without a load runs on FILE from line 1.
        scratch.write("t.px", "goto the-clash\n")
        let t = Binary.run(["run", "t.px", "--scenario", "other.yaml"], directory: scratch.path)
        #expect(t.status == 0 && t.stderr.isEmpty && t.stdout.contains("9/15"))
        // A load in a sourced file is the run's first too.
        scratch.write("u.px", "source parts/v.px\ngoto the-clash\n")
        scratch.write("parts/v.px", "load ../missing.yaml\n")
        let u = Binary.run(["run", "u.px", "--scenario", "other.yaml"], directory: scratch.path)
        #expect(u.status == 0)
        #expect(u.stderr == "using other.yaml in place of ../missing.yaml (parts/v.px:1)\n")
        #expect(Binary.run(["check", "u.px", "--scenario", "other.yaml"], directory: scratch.path).status == 0)
    }

    @Test func parametersPresentMissingAndUsedTwice() {
        let scratch = ScratchFolder()
        scratch.write("p.px", "compare ${a} ${b}\necho ${a} against ${b}; echo ${a}\n")
        let r = Binary.run(["run", "p.px", "-D", "a=ARM", "-D", "b=AZE"], directory: scratch.path)
        #expect(r.status == 0)
        #expect(r.stdout.contains("px> compare ${a} ${b}\n"))
        #expect(r.stdout.contains("ARM against AZE\n\npx> echo ${a}\nARM\n"))
        let missing = Binary.run(["run", "p.px", "-D", "a=ARM"], directory: scratch.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("p.px:1:14: error: no value for parameter 'b'"))
        let checked = Binary.run(["check", "p.px", "-D", "a=ARM", "-D", "b=XYZ"], directory: scratch.path)
        #expect(checked.status == 1)
        #expect(checked.stderr.hasPrefix("p.px:1:14: error: unknown party 'XYZ'"))
        #expect(Binary.run(["run", "p.px", "-D", "=x"], directory: scratch.path).status == 2)
    }

    @Test func checkFindsTyposBeforeAnythingRuns() {
        let scratch = ScratchFolder()
        scratch.write("ok.px", "step\nnarrative ARM\n")
        let ok = Binary.run(["check", "ok.px"], directory: scratch.path)
        #expect(ok.status == 0 && ok.stdout.isEmpty && ok.stderr.isEmpty)
        scratch.write("bad.px", "step\nrecord out.px\nshow nobody\n")
        let bad = Binary.run(["check", "bad.px"], directory: scratch.path)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("bad.px:3:6: error: no entity with id 'nobody'"))
        #expect(bad.stderr.hasSuffix("1 error\n"))
        #expect(!scratch.exists("out.px"))
        #expect(Binary.run(["check", "Scripts/walkthrough.px"]).status == 0)
    }

    @Test func theUpdateHintAppearsOnlyWhenUpdateWouldWork() {
        let scratch = ScratchFolder()
        scratch.write("s.px", "step\nexpect nothing like this\n")
        scratch.write("s.out", "old\n")
        let r = Binary.run(["run", "s.px", "--expect", "s.out"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(!r.stderr.contains("--update"))
        #expect(r.stderr.contains("the transcript differs from s.out (and the script failed: fix it first)"))
        // Passing on a pipe prints nothing more (the `ok:` line is for a terminal).
        scratch.write("t.px", "where\n")
        _ = Binary.run(["run", "t.px", "--expect", "t.out", "--update"], directory: scratch.path)
        let pass = Binary.run(["run", "t.px", "--expect", "t.out"], directory: scratch.path)
        #expect(pass.status == 0 && pass.stderr.isEmpty)
    }

    @Test func aPassingRunSaysOkOnATerminal() throws {
        let scratch = ScratchFolder()
        scratch.write("t.px", "where\nstep\n")
        _ = Binary.run(["run", "t.px", "--expect", "t.out", "--update"], directory: scratch.path)
        let t = try PseudoTerminalSession(arguments: ["run", scratch.path + "/t.px", "--expect", scratch.path + "/t.out"],
                                          environment: ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "TERM": "xterm"])
        #expect(try t.waitForExit() == 0)
        #expect(t.screen.text.contains("ok: 2 commands, transcript matches"))
    }

    @Test func setColorOnAppliesToRunAsToMinusC() {
        let scratch = ScratchFolder()
        scratch.write("c.px", "set color on\nevents\n")
        let run = Binary.run(["run", "c.px"], directory: scratch.path)
        let c = Binary.run(["-c", "set color on; events"])
        #expect(run.stdout.contains("\u{1B}["))
        #expect(c.stdout.contains("\u{1B}["))
    }

    // MARK: record on a full disk (a file-size limit stands in for one)

    /// Runs the binary with its file size limited to `blocks` (of 512 or 1024 bytes, as
    /// the shell counts them), SIGXFSZ ignored, so its writes past the limit fail as on a
    /// full disk; stdout and stderr go through pipes, which the limit does not touch.
    func limited(_ blocks: Int, _ arguments: [String], in folder: String) -> Binary.Result {
        let quoted = ([Binary.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let script = "cd '\(folder)' && trap '' XFSZ && { (ulimit -f \(blocks); NO_COLOR= \(quoted) </dev/null 2>&1 >&3; "
            + "echo $? >status.txt) | cat >err.txt; } 3>&1 | cat >out.txt"
        Binary.write(script, to: folder + "/limited.sh")
        _ = system("sh '\(folder)/limited.sh'")
        let status = Int32(Binary.read(folder + "/status.txt").filter { $0.isNumber }) ?? -1
        return Binary.Result(status: status, stdout: Binary.read(folder + "/out.txt"), stderr: Binary.read(folder + "/err.txt"))
    }

    @Test func aFailedWriteIsAnErrorAtOnceAndNoLineIsHalfWritten() {
        let scratch = ScratchFolder()
        // The load line (about 110 bytes) and `step` fit; two long echoes do not.
        let long = String(repeating: "x", count: 1200)
        let r = limited(2, ["-c", "record r.px; step; echo \(long); echo \(long); where"], in: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: not recorded: cannot write r.px: "))
        let text = scratch.read("r.px")
        #expect(text.hasPrefix("load builtin:") && text.hasSuffix("\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("load ") || $0 == "step" || $0 == "echo \(long)" || $0 == "where" })
        #expect(text.contains("\nstep\n"))
        #expect(text.utf8.count <= 2048)
        // The output of the command that could not be recorded is still shown.
        #expect(r.stdout.filter { $0 == "x" }.count >= 2 * long.count)
    }

    @Test func aMissingFinalNewlineIsAddedBeforeAppending() {
        let scratch = ScratchFolder()
        scratch.write("old.px", "load builtin:armenia-azerbaijan-2021-11 sha256 \(Pins.bundled)\necho one")
        let r = Binary.run(["-c", "record old.px; echo two"], directory: scratch.path)
        #expect(r.status == 0)
        #expect(scratch.read("old.px") == "load builtin:armenia-azerbaijan-2021-11 sha256 \(Pins.bundled)\necho one\necho two\n")
    }

    @Test func recordRefusesTheScenarioAndAnyNonScript() {
        let scratch = ScratchFolder()
        scratch.write("my.yaml", Self.seed)
        let r = Binary.run(["my.yaml", "-c", "record my.yaml; step"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: my.yaml is the loaded scenario: record writes scripts (.px), never a scenario"))
        #expect(scratch.read("my.yaml") == Self.seed)
    }
}
