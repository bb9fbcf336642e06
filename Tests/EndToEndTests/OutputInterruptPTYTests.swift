import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C while a long output is still being written to the terminal: the command is done,
/// but scrolling thousands of rows past takes seconds, and Ctrl-C must stop that too.
@Suite("Ctrl-C during a long output")
struct OutputInterruptPTYTests {
    @Test func ctrlCStopsALongOutputWhereItGotAndTheREPLGoesOn() throws {
        let home = ReplPTYTests.Home()
        let path = InterruptPTYTests.longScenario(in: home, count: 3000)
        let t = try PseudoTerminalSession(arguments: [path], environment: home.environment(["PAGER": "cat"]))
        try t.waitForPrompt(timeout: 60)
        t.type("set pager off\r")
        try t.waitForPrompt(timeout: 60)
        t.type("events all\r")
        // Nothing is read meanwhile: the terminal's buffer fills and the write waits, as on
        // a slow terminal; the Ctrl-C lands while the table is being written.
        usleep(1_500_000)
        t.type("\u{3}")
        try t.waitForPrompt(timeout: 60)
        let lines = t.screen.textLines
        let note = try #require(lines.first { $0.hasPrefix("output cut short by Ctrl-C: ") }, "\(t.screen.text.suffix(600))")
        #expect(note.hasSuffix(" lines shown"))
        #expect(!lines.contains { $0.contains(" e2999 ") }, "the last row was still written")
        t.type("where\r")
        try t.waitForPrompt(timeout: 60)
        #expect(t.outputSinceInput.contains("position:     0/3000"))
    }
}
