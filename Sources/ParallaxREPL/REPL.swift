#if canImport(Glibc)
import Glibc
#endif

/// The shell loop: read a line, run it through the same interpreter `parallax -c` uses,
/// print, repeat. The same loop serves a person at a terminal (prompt, banner, history,
/// completion, Enter repeating a step) and lines from a pipe or `-c` (none of that).
public final class REPL {
    public private(set) var shell: Shell
    let editor: LineEditor
    /// Nil outside the interactive REPL: piped lines are not history.
    let history: History?
    /// The last `step`/`back`/`continue` as typed, which an empty Enter runs again.
    var repeatable: String?

    public init(interpreter: Interpreter, editor: LineEditor, history: History? = nil) {
        self.editor = editor
        self.history = editor.isInteractive ? history : nil
        shell = Shell(interpreter: interpreter, interactive: editor.isInteractive)
        interpreter.environment.isInterrupted = { Signals.isInterrupted }
        if editor.isInteractive {
            if let history {
                interpreter.environment.history = { [history] in history.entries }
                for line in history.entries { editor.remember(line) }
            }
            editor.completer = { [interpreter] text in
                Completion.complete(text, in: Completion.Context(
                    scenario: interpreter.session.scenario,
                    breakpoints: (interpreter.session.breakpoints.map(\.number)
                                  + interpreter.session.watchpoints.map(\.number)).sorted(),
                    listFolder: Folder.entries))
            }
        }
    }

    /// Runs until `quit`, Ctrl-D or the end of the input; returns the exit status:
    /// 1 when a batch command failed, else 0.
    public func run() -> Int32 {
        let interactive = editor.isInteractive
        if interactive && Console.isTerminal(1) { Console.out(banner) }
        while true {
            if let signal = Signals.termination { leave(by: signal) }
            // A batch stops between lines on Ctrl-C, its output so far written whole.
            if !interactive && Signals.isInterrupted { Signals.endBatch() }
            Signals.clear()
            switch editor.readLine(prompt: interactive ? prompt : "") {
            case .end:
                if interactive { Console.out("\n") }
                return finish()
            case .interrupted:
                if let signal = Signals.termination { leave(by: signal) }
                if !interactive { Signals.endBatch() }
                Console.out("^C\n")
            case .line(let typed):
                let line = typed.trimmed
                if line.isEmpty {
                    // Enter repeats movement only, and only at a terminal (gdb's rule).
                    guard interactive, let again = repeatable else { continue }
                    if execute(again) { return finish() }
                    continue
                }
                if let history, history.add(line) {
                    editor.remember(line)
                    saveHistory()
                }
                if execute(line) { return finish() }
            }
        }
    }

    /// Whether a failed history save was already reported.
    var historyWarned = false

    /// Saves the history; a failure is reported once, not after every line.
    func saveHistory() {
        guard let problem = history?.save(), !historyWarned else { return }
        historyWarned = true
        Console.err(DiagnosticRenderer.note("warning: history not saved, \(problem) (not repeated)") + "\n")
    }

    /// Runs a line; returns true when it asked to quit.
    func execute(_ line: String) -> Bool {
        let outcomes = shell.run(line: line)
        if let last = outcomes.last(where: { $0.repeatable && !$0.failed }) { repeatable = last.text }
        return outcomes.contains { $0.quit }
    }

    func finish() -> Int32 {
        saveHistory()
        return !editor.isInteractive && shell.failed ? 1 : 0
    }

    /// SIGTERM or SIGHUP: the history is saved, then the process ends as the signal asks.
    func leave(by signal: Int32) -> Never {
        saveHistory()
        Signals.exit(by: signal)
    }

    /// `parallax [3/15 escalation]> `: the position, and the phase once on an event.
    public var prompt: String {
        let s = shell.interpreter.session
        let phase = s.currentEvent.map { " " + $0.phase.rawValue } ?? ""
        return "parallax [\(s.positionText)\(phase)]> "
    }

    var banner: String {
        let sc = shell.interpreter.session.scenario
        return "Parallax \(ParallaxVersion.string) — \(sc.info.title)\n"
            + "\(sc.events.count) events, \(sc.claims.count) claims. Type 'help' for the commands; "
            + "Tab completes, Ctrl-R searches history, Ctrl-D quits.\n"
    }
}
