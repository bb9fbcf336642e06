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
    /// Lays batch documents out (a blank line between them in text), and shows a sourced
    /// script's commands and results as they run.
    let printer = TranscriptPrinter(to: .standardOutput)
    /// Something was printed for the current line, so the next document is set off.
    var printedOnLine = false
    /// The terminal echoed `^C` where the cursor stood; what follows starts a new line.
    var interruptionMarked = false

    public init(interpreter: Interpreter, interactive: Bool = false) {
        self.interpreter = interpreter
        self.interactive = interactive
        interpreter.environment.show = { [weak interpreter, printer] output in
            guard let interpreter else { return }
            printer.show(output, Shell.options(interpreter, interactive: interactive))
            if interactive { printer.flush() }  // a person watches a long script as it goes
        }
    }

    static func options(_ interpreter: Interpreter, interactive: Bool) -> RenderOptions {
        guard interactive else { return interpreter.session.settings.renderOptions(for: .batch) }
        return interpreter.session.settings.renderOptions(for: Destination(
            interactive: true, terminalWidth: Terminal.width(), colorAllowed: Console.colorAllowed && Console.isTerminal(1),
            unicodeTerminal: Terminal.environmentIsUTF8))
    }

    /// Runs every command on the line and prints each result; returns the outcomes.
    @discardableResult
    public mutating func run(line: String) -> [Interpreter.Outcome] {
        defer { printer.flush() }
        printedOnLine = false
        interruptionMarked = false
        let outcomes = interpreter.execute(line: line)
        for outcome in outcomes {
            notify(outcome)
            print(outcome)
            if outcome.quit { break }
        }
        return outcomes
    }

    mutating func print(_ outcome: Interpreter.Outcome) {
        let options = Shell.options(interpreter, interactive: interactive)
        if interactive && !interruptionMarked && interpreter.environment.isInterrupted() {
            printer.flush()
            Console.out("\n")
            interruptionMarked = true
        }
        defer { if let error = outcome.afterwards { report(error, outcome, options) } }
        switch outcome.result {
        case .success(let document):
            guard interactive else { return printer.show(document, options) }
            // Rendered as bytes and written as bytes: megabytes of a large table are never
            // made into (and validated as) a String on their way to the terminal.
            var bytes: [UInt8] = []
            if printedOnLine && options.format != .json { bytes.append(10) }
            let start = bytes.count
            Renderer.render(document, options, into: &bytes)
            guard bytes.count > start else { return }
            bytes.append(10)
            printer.flush()
            show(bytes)
            printedOnLine = true
        case .failure(let error):
            report(error, outcome, options)
        }
    }

    /// Warnings and notes a command raised, on stderr.
    func notify(_ outcome: Interpreter.Outcome) {
        guard !outcome.warnings.isEmpty || !outcome.notes.isEmpty else { return }
        printer.flush()
        for w in outcome.warnings { Console.err("warning: \(w.sanitizedForTerminal)\n") }
        for n in outcome.notes { Console.err(n.sanitizedForTerminal + "\n") }
    }

    mutating func report(_ error: CommandError, _ outcome: Interpreter.Outcome, _ options: RenderOptions) {
        failed = true
        let text = Renderer.render(error, command: outcome.command, options)
        printer.flush()
        if options.format == .json { Console.out(text + "\n") } else { Console.err(text + "\n") }
    }

    /// Prints at the terminal, through the pager when the output is longer than the screen.
    func show(_ bytes: [UInt8]) {
        if interpreter.session.settings.pager, Console.isTerminal(1),
           let rows = Terminal.height(), Pager.needed(bytes, rows: rows), Pager.show(bytes) {
            return
        }
        Console.write(bytes)
    }
}
