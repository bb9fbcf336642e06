/// Runs lines through the interpreter and prints what each command produced: documents
/// to stdout, located errors to stderr (in the document stream for JSON), and the
/// commands of a script run with `source` as they happen. The REPL, piped stdin and
/// `parallax -c` all print through here.
///
/// Batch output does not depend on the locale or terminal: UTF-8, no colour, width 100
/// unless set, laid out as a transcript. At a terminal each command's output follows its
/// prompt line directly, at the terminal's width, in colour when allowed, and through the
/// pager when longer than the screen.
public struct Shell {
    public let interpreter: Interpreter
    /// Whether output goes to a person at a terminal.
    public let interactive: Bool
    /// Set once any command failed: batch runs then exit 1.
    public var failed = false
    /// Where everything shown goes, a sourced script's commands and results included.
    let sink: OutputSink
    /// The terminal echoed `^C` where the cursor stood; what follows starts a new line.
    var interruptionMarked = false

    public init(interpreter: Interpreter, interactive: Bool = false) {
        self.interpreter = interpreter
        self.interactive = interactive
        let sink = OutputSink(to: interactive ? .terminal : .standardOutput)
        self.sink = sink
        interpreter.environment.show = { [weak interpreter] output in
            guard let interpreter else { return }
            sink.show(output, Shell.options(interpreter, interactive: interactive))
        }
    }

    static func options(_ interpreter: Interpreter, interactive: Bool, settings: Settings? = nil) -> RenderOptions {
        let settings = settings ?? interpreter.session.settings
        guard interactive else { return settings.renderOptions(for: .batch) }
        return settings.renderOptions(for: Destination(
            interactive: true, terminalWidth: Terminal.width(), colorAllowed: Console.colorAllowed && Console.isTerminal(1),
            unicodeTerminal: Terminal.environmentIsUTF8))
    }

    /// Runs every command on the line and prints each result; returns the outcomes.
    @discardableResult
    public mutating func run(line: String) -> [Interpreter.Outcome] {
        defer { sink.flush() }
        sink.startLine()
        interruptionMarked = false
        let outcomes = interpreter.execute(line: line)
        for outcome in outcomes {
            print(outcome)
            if outcome.quit { break }
        }
        return outcomes
    }

    /// One command's warnings and notes, then its document or error, then a problem found
    /// after it ran (it could not be recorded).
    mutating func print(_ outcome: Interpreter.Outcome) {
        let options = Shell.options(interpreter, interactive: interactive, settings: outcome.settings)
        if interactive && !interruptionMarked && interpreter.environment.isInterrupted() {
            sink.flush()
            Console.out("\n")
            interruptionMarked = true
        }
        for w in outcome.warnings { sink.error("warning: \(w.sanitizedForTerminal)") }
        for n in outcome.notes { sink.error(n.sanitizedForTerminal) }
        switch outcome.result {
        case .success(let document):
            sink.show(document, options, paged: interactive && interpreter.session.settings.pager)
        case .failure(let error):
            failed = true
            sink.show(error, command: outcome.command, options)
        }
        if let error = outcome.afterwards {
            failed = true
            sink.show(error, command: outcome.command, options)
        }
    }
}
