import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C in the middle of a long movement, on a real pseudo-terminal: the REPL says how
/// far it got, keeps the cursor there and goes on; a batch run ends with status 130.
@Suite("Ctrl-C during a long command")
struct InterruptPTYTests {
    /// A scenario of `count` daily events, one claim each: `step` through all of it takes
    /// seconds in a debug build, so a Ctrl-C typed soon after lands inside it.
    static func longScenario(in home: ReplPTYTests.Home, count: Int = 20_000) -> String {
        let path = home.path + "/long.yaml"
        var text = """
        parallax: 1
        scenario: {id: long, title: Long}
        sources:
          - {id: s, publisher: P, title: T, date: 2020-01-01}
        parties:
          - {id: A, name: Aland, role: belligerent}
          - {id: B, name: Bland, role: belligerent}
        actors:
          - {id: a1, name: A One, party: A}
        events:\n
        """
        var claims = "claims:\n"
        for i in 0..<count {
            text += "  - {id: e\(i), date: \(day(i)), phase: escalation, type: fight, title: Event \(i), sources: [s]}\n"
            claims += "  - {id: c\(i), by: a1, about: e\(i), says: Said \(i), status: official, sources: [s]}\n"
        }
        let f = fopen(path, "w")
        fputs(text + claims, f)
        fclose(f)
        return path
    }

    /// A distinct `YYYY-MM-DD` for each index: 28 days a month, from the year 1000.
    static func day(_ i: Int) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(1000 + i / 336)-\(pad(i / 28 % 12 + 1))-\(pad(i % 28 + 1))"
    }

    @Test func ctrlCStopsALongStepWhereItGotAndTheREPLGoesOn() throws {
        let home = ReplPTYTests.Home()
        let path = Self.longScenario(in: home)
        let t = try PseudoTerminalSession(arguments: [path], environment: home.environment(["PAGER": "cat"]))
        try t.waitForPrompt(timeout: 60)
        t.type("set pager off\r")
        try t.waitForPrompt(timeout: 60)
        // The line is read at once, and stepping through 20,000 events takes a fraction of a
        // second in a debug build: a Ctrl-C sent after a fixed pause may land before or after
        // the loop on a busy machine. So the pause varies between tries, back at the start each
        // time, until one lands inside the loop; interruption that never works fails every try.
        var landed = false
        for pause: UInt32 in [30_000, 60_000, 120_000, 10_000, 200_000, 90_000, 5_000, 300_000] where !landed {
            t.type("start\r")
            try t.waitForPrompt(timeout: 60)
            t.type("step 20000\r")
            usleep(pause)
            t.type("\u{3}")
            try t.waitForPrompt(timeout: 120)
            landed = t.screen.textLines.contains { $0.hasPrefix("interrupted at ") }
        }
        let note = try #require(t.screen.textLines.last { $0.hasPrefix("interrupted at ") }, "\(t.screen.text.suffix(800))")
        // `interrupted at k/20000, the cursor at k/20000`: part of the way, and the cursor there.
        let k = try #require(Int(note.dropFirst("interrupted at ".count).prefix { $0.isNumber }))
        #expect(k > 0 && k < 20_000)
        #expect(note == "interrupted at \(k)/20000, the cursor at \(k)/20000")
        #expect(t.screen.currentLine == "parallax [\(k)/20000 escalation]>")
        t.type("where\r")
        try t.waitForPrompt(timeout: 60)
        #expect(t.outputSinceInput.contains("position:     \(k)/20000"))
    }

    @Test func ctrlCEndsABatchRunWithStatus130() throws {
        let home = ReplPTYTests.Home()
        let path = Self.longScenario(in: home)
        let t = try PseudoTerminalSession(arguments: [path, "-c", "step 20000"], environment: home.environment())
        // Loading takes seconds and stepping more: a second in, the batch is still running.
        usleep(1_000_000)
        t.type("\u{3}")
        #expect(try t.waitForExit(timeout: 60) == 130)
        #expect(t.screen.textLines.contains("interrupted"), "\(t.screen.text.suffix(400))")
    }
}
