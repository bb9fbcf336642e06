/// Runs commands without a terminal: `parallax -c '…'` and piped stdin. Output does not
/// depend on the locale or terminal: UTF-8, no colour, width 100 unless set.
public struct BatchShell {
    public let interpreter: Interpreter
    /// Overrides from the command line (`--format`, `--width`, `--no-color`).
    public var failed = false
    /// Documents are separated by a blank line in text output.
    var printedAny = false

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    var options: RenderOptions {
        interpreter.renderOptions(interactive: false, terminalWidth: nil, colorAllowed: false, unicodeTerminal: true)
    }

    /// Runs one line; returns false when a command asked to quit.
    public mutating func run(line: String) -> Bool {
        for outcome in interpreter.execute(line: line) {
            print(outcome)
            if outcome.quit { return false }
        }
        return true
    }

    mutating func print(_ outcome: Interpreter.Outcome) {
        let options = self.options
        switch outcome.result {
        case .success(let document):
            let text = Renderer.render(document, options)
            guard !text.isEmpty else { return }
            Console.out((printedAny && options.format != .json ? "\n" : "") + text + "\n")
            printedAny = true
        case .failure(let error):
            failed = true
            let text = Renderer.render(error, command: outcome.command, options)
            if options.format == .json { Console.out(text + "\n") } else { Console.err(text + "\n") }
        }
    }
}
