/// Runs commands without a terminal: `parallax -c '…'` and piped stdin. Output does not
/// depend on the locale or terminal: UTF-8, no colour, width 100 unless set.
public struct BatchShell {
    public let interpreter: Interpreter
    /// Overrides from the command line (`--format`, `--width`, `--no-color`).
    public var failed = false
    /// Lays documents out (a blank line between them in text), and shows the commands of
    /// a script run with `source` as they happen.
    let printer = TranscriptPrinter(to: .standardOutput)

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
        interpreter.environment.show = { [weak interpreter, printer] output in
            guard let interpreter else { return }
            printer.show(output, BatchShell.options(interpreter))
        }
    }

    static func options(_ interpreter: Interpreter) -> RenderOptions {
        interpreter.renderOptions(interactive: false, terminalWidth: nil, colorAllowed: false, unicodeTerminal: true)
    }

    /// Runs one line; returns false when a command asked to quit.
    public mutating func run(line: String) -> Bool {
        defer { printer.flush() }
        for outcome in interpreter.execute(line: line) {
            print(outcome)
            if outcome.quit { return false }
        }
        return true
    }

    mutating func print(_ outcome: Interpreter.Outcome) {
        let options = BatchShell.options(interpreter)
        switch outcome.result {
        case .success(let document):
            printer.show(document, options)
        case .failure(let error):
            failed = true
            let text = Renderer.render(error, command: outcome.command, options)
            printer.flush()
            if options.format == .json { Console.out(text + "\n") } else { Console.err(text + "\n") }
        }
    }
}
