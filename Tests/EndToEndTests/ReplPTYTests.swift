import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The interactive REPL on a real pseudo-terminal, typed at as a person would: Tab, Up,
/// Ctrl-R, Ctrl-C, Ctrl-D, UTF-8, history across restarts, the pager. Assertions are on
/// the screen's text, never on the escapes libedit used to draw it.
@Suite("REPL on a pseudo-terminal")
struct ReplPTYTests {
    /// A fresh HOME and XDG_STATE_HOME per test, removed afterwards.
    final class Home {
        let path: String
        init() {
            var template = Array("/tmp/parallax-pty-XXXXXX".utf8CString)
            path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        }
        deinit { Home.remove(path) }

        var historyFile: String { path + "/state/parallax/history" }

        /// No LANG or LC_*: the REPL must fall back to C.UTF-8 by itself. PAGER=cat so an
        /// unexpectedly long output can never hang a test in `less`.
        func environment(term: String? = "xterm", _ extra: [String: String] = [:]) -> [String: String] {
            var env = ["HOME": path, "XDG_STATE_HOME": path + "/state", "PATH": "/usr/bin:/bin", "PAGER": "cat"]
            if let term { env["TERM"] = term }
            return env.merging(extra) { $1 }
        }

        func history() -> String {
            guard let f = fopen(historyFile, "r") else { return "" }
            defer { fclose(f) }
            var bytes: [UInt8] = []
            while case let c = fgetc(f), c != EOF { bytes.append(UInt8(c)) }
            return String(decoding: bytes, as: UTF8.self)
        }

        static func remove(_ path: String) {
            if let dir = opendir(path) {
                while let e = readdir(dir) {
                    let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
                    if name == "." || name == ".." { continue }
                    remove(path + "/" + name)
                }
                closedir(dir)
                rmdir(path)
            } else {
                unlink(path)
            }
        }
    }

    func start(_ home: Home, term: String? = "xterm", rows: Int = 50, _ extra: [String: String] = [:]) throws -> PseudoTerminalSession {
        let t = try PseudoTerminalSession(environment: home.environment(term: term, extra), rows: rows)
        try t.waitForPrompt()
        return t
    }

    /// Types a line, presses Enter and returns what it printed before the next prompt.
    @discardableResult
    func run(_ t: PseudoTerminalSession, _ line: String) throws -> [String] {
        t.type(line + "\r")
        try t.waitForPrompt()
        return t.outputSinceInput
    }

    @Test func bannerThenPromptWithPosition() throws {
        let home = Home()
        let t = try start(home)
        #expect(t.screen.textLines.first?.hasPrefix("Parallax ") == true)
        #expect(t.screen.currentLine == "parallax [0/15]>")
        try run(t, "goto clash-2021-11-16")
        #expect(t.screen.currentLine == "parallax [9/15 escalation]>")
    }

    @Test func tabCompletesAUniquePrefixAndTwiceListsCandidates() throws {
        let home = Home()
        let t = try start(home)
        t.type("whe\t")
        try t.wait(for: "where completed") { $0.currentLine == "parallax [0/15]> where" }
        t.type("\r")
        try t.waitForPrompt()
        #expect(t.outputSinceInput.contains("position:     0/15"))

        t.type("s\t\t")
        try t.wait(for: "the candidates") { s in s.textLines.contains { $0.hasPrefix("set") && $0.contains("start") && $0.contains("step") } }
        try t.wait(for: "the line redrawn") { $0.currentLine == "parallax [0/15]> s" }
        t.type("te\t")
        try t.wait(for: "step completed") { $0.currentLine == "parallax [0/15]> step" }
        t.type("\r")
        try t.waitForPrompt()
        #expect(t.screen.currentLine == "parallax [1/15 background]>")

        // Arguments complete by context: an event id after goto.
        t.type("goto clash\t")
        try t.wait(for: "the event id") { $0.currentLine == "parallax [1/15 background]> goto clash-2021-11-16" }
        t.type("\r")
        try t.waitForPrompt()
        #expect(t.screen.currentLine == "parallax [9/15 escalation]>")
    }

    @Test func upRecallsThePreviousLineAndCtrlRFindsAnOlderOne() throws {
        let home = Home()
        let t = try start(home)
        #expect(try run(t, "echo alpha") == ["alpha"])
        #expect(try run(t, "echo beta") == ["beta"])
        t.type("\u{1b}[A")
        try t.wait(for: "the recalled line") { $0.currentLine == "parallax [0/15]> echo beta" }
        #expect(try run(t, "") == ["beta"])
        t.type("\u{12}alp")
        let row = t.inputRow
        try t.wait(for: "the search to find alpha") { $0.textLines[row...].contains("parallax [0/15]> echo alpha") }
        t.type("\r")
        try t.waitForPrompt()
        // libedit draws the search on a line of its own, so look below where it began.
        #expect(t.screen.textLines[(row + 1)...].contains("alpha"))
    }

    @Test func ctrlCAbandonsTheLineAndTheNextCommandRuns() throws {
        let home = Home()
        let t = try start(home)
        t.type("echo abandoned")
        try t.wait(for: "the typed text") { $0.currentLine.hasSuffix("echo abandoned") }
        t.type("\u{3}")
        try t.waitForPrompt()
        #expect(try run(t, "echo next") == ["next"])
        #expect(!t.screen.textLines.contains("abandoned"))
        let history = try run(t, "history")
        #expect(!history.contains { $0.contains("abandoned") })
        #expect(history.contains { $0.hasSuffix("echo next") })
    }

    @Test func ctrlCInterruptsALongScriptAndThePromptComesBack() throws {
        let home = Home()
        let script = home.path + "/long.px"
        let f = fopen(script, "w")
        for i in 1...20_000 { fputs("echo line \(i)\n", f) }
        fclose(f)
        let t = try start(home)
        t.type("source \(script)\r")
        // The program soon blocks writing to the terminal, so Ctrl-C lands mid-script.
        try t.wait(for: "the script to start") { $0.textLines.contains("line 1") }
        t.type("\u{3}")
        try t.waitForPrompt()
        #expect(t.screen.textLines.contains { $0.hasPrefix("Interrupted before line ") }, "\(t.screen.text.suffix(600))")
        #expect(!t.screen.textLines.contains("line 20000"))
        #expect(try run(t, "echo after") == ["after"])
    }

    @Test func utf8TextReachesTheCommandIntactInTheCLocale() throws {
        let home = Home()
        let t = try PseudoTerminalSession(environment: home.environment(["LC_ALL": "C"]))
        try t.waitForPrompt()
        #expect(try run(t, "echo Aghajanyan’s Кириллица") == ["Aghajanyan’s Кириллица"])
        t.type("\u{1b}[A")
        try t.wait(for: "the recalled UTF-8 line") { $0.currentLine == "parallax [0/15]> echo Aghajanyan’s Кириллица" }
        t.type("\u{15}")  // Ctrl-U: kill the line
        t.type("\u{4}")
        #expect(try t.waitForExit() == 0)
        #expect(home.history().contains("echo\\040Aghajanyan’s\\040Кириллица\n"))
    }

    @Test func ctrlDExitsZeroAndHistorySurvivesARestart() throws {
        let home = Home()
        do {
            let t = try start(home)
            try run(t, "echo remembered")
            t.type("\u{4}")
            #expect(try t.waitForExit() == 0)
        }
        #expect(home.history().hasPrefix("_HiStOrY_V2_\n"))
        let t = try start(home)
        t.type("\u{1b}[A")
        try t.wait(for: "the line from the last session") { $0.currentLine == "parallax [0/15]> echo remembered" }
        #expect(try run(t, "") == ["remembered"])
        let listed = try run(t, "history")
        #expect(listed.suffix(2).map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") }
                == ["echo remembered", "history"])
    }

    @Test func aHistoryThatCannotBeSavedIsReportedOnceAndWorkGoesOn() throws {
        let home = Home()
        // A file where the history's folder should be: nothing can be written below it.
        let blocker = home.path + "/blocker"
        let f = fopen(blocker, "w")
        fclose(f)
        let t = try start(home, ["XDG_STATE_HOME": blocker + "/state"])
        let first = try run(t, "echo one")
        #expect(first.contains { $0.hasPrefix("warning: history not saved, \(blocker)/state/parallax/history: cannot write:") })
        #expect(first.contains("one"))
        let second = try run(t, "echo two")
        #expect(second == ["two"])
    }

    @Test func emptyEnterRepeatsOnlyTheLastMovement() throws {
        let home = Home()
        let t = try start(home)
        try run(t, "step")
        try run(t, "where")
        try run(t, "")
        #expect(t.screen.currentLine == "parallax [2/15 background]>")
        try run(t, "echo between")
        try run(t, "")
        #expect(t.screen.currentLine == "parallax [3/15 background]>")
    }

    @Test func errorsPrintAndTheREPLGoesOn() throws {
        let home = Home()
        let t = try start(home)
        let out = try run(t, "goto nowhere")
        #expect(out.last?.hasPrefix("error: no event, date or phase 'nowhere'") == true)
        #expect(try run(t, "echo still here") == ["still here"])
    }

    @Test func backFromCtrlZTheLineStillEdits() throws {
        let home = Home()
        let t = try start(home)
        t.type("echo ba")
        try t.wait(for: "the typed text") { $0.currentLine.hasSuffix("echo ba") }
        // What Ctrl-Z and `fg` do: stop, the shell puts the terminal back to cooked mode, continue.
        kill(t.pid, SIGSTOP)
        var modes = termios()
        tcgetattr(t.master, &modes)
        modes.c_lflag |= tcflag_t(ICANON | ECHO)
        tcsetattr(t.master, TCSANOW, &modes)
        kill(t.pid, SIGCONT)
        try t.waitForRawMode()
        #expect(try run(t, "ck") == ["back"])
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func sigtermOrSighupSavesHistoryAndEnds(signal: Int32) throws {
        let home = Home()
        let t = try start(home)
        try run(t, "echo kept")
        kill(t.pid, signal)
        #expect(try t.waitForExit() == 128 + signal)
        #expect(home.history().contains("echo\\040kept\n"))
    }

    @Test func longOutputGoesThroughThePagerUnlessTurnedOff() throws {
        let home = Home()
        let t = try start(home, rows: 10, ["PAGER": "sed s/^/paged:/"])
        #expect(try run(t, "help").first?.hasPrefix("paged:") == true)
        try run(t, "set pager off")
        let plain = try run(t, "help")
        #expect(!plain.isEmpty && !plain.contains { $0.hasPrefix("paged:") })
    }

    @Test(arguments: ["xterm", "dumb", nil] as [String?])
    func worksOnAnyTerminal(term: String?) throws {
        let home = Home()
        let t = try start(home, term: term)
        t.type("whe\t")
        try t.wait(for: "where completed") { $0.currentLine == "parallax [0/15]> where" }
        t.type("\r")
        try t.waitForPrompt()
        #expect(t.outputSinceInput.contains("position:     0/15"))
        t.type("\u{4}")
        #expect(try t.waitForExit() == 0)
    }
}
