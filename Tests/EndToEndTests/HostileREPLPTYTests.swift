import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The REPL on a real pseudo-terminal, where hostile QA found it wanting: Ctrl-C while a
/// long output is still being written, and Tab on file names that need quotes.
@Suite("REPL on a terminal: long output, quoted completion")
struct HostileREPLPTYTests {
    /// The command is done, but scrolling thousands of rows past takes seconds: Ctrl-C
    /// stops that too, says how much was shown, and the REPL goes on.
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

    /// Tab on a file name with a space completes it in quotes, and inside a word opened
    /// with a quote; the line then runs. (It inserted the name bare, which then read as two
    /// words: "unexpected 'data/walk.px'".)
    @Test func tabCompletesAFileNameWithASpaceInQuotes() throws {
        let home = ReplPTYTests.Home()
        mkdir(home.path + "/my data", 0o755)
        let f = fopen(home.path + "/my data/walk.px", "w")
        fputs("echo walked here\n", f)
        fclose(f)
        let t = try PseudoTerminalSession(environment: home.environment())
        try t.waitForPrompt(timeout: 60)
        t.type("source \(home.path)/my\t")
        try t.wait(for: "the folder, quoted") { $0.currentLine == "parallax [0/15]> source \"\(home.path)/my data/" }
        t.type("w\t")
        try t.wait(for: "the file, quoted and closed") { $0.currentLine == "parallax [0/15]> source \"\(home.path)/my data/walk.px\"" }
        t.type("\r")
        try t.waitForPrompt(timeout: 60)
        #expect(t.screen.textLines.contains("walked here"), "\(t.screen.text.suffix(400))")
    }

    /// Without HOME (or XDG_STATE_HOME) there is nowhere to keep the history: the REPL
    /// says so once, as it does for a history it cannot write, and goes on; before, the
    /// lines were silently not kept.
    @Test func noHomeSaysOnceThatHistoryIsNotKept() throws {
        let t = try PseudoTerminalSession(environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm", "PAGER": "cat"])
        try t.waitForPrompt(timeout: 60)
        t.type("step\r")
        try t.waitForPrompt(timeout: 60)
        t.type("where\r")
        try t.waitForPrompt(timeout: 60)
        let warnings = t.screen.textLines.filter { $0.hasPrefix("warning: history not saved, nowhere to keep it") }
        #expect(warnings.count == 1, "\(t.screen.text.suffix(600))")
        #expect(t.outputSinceInput.contains("position:     1/15"))
    }
}
