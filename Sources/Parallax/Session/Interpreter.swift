/// The one interpreter behind the REPL, `parallax -c`, piped input and scripts: a line
/// goes in, and for each command on it a document (or a located error) comes out.
public final class Interpreter {
    public var session: Session
    public var environment: Environment
    /// The plain-text output (no colour, no wrapping) of the last command that was not an
    /// `expect`, for `expect`. Rendered only when asked: most commands are never checked,
    /// and rendering every result twice would halve the speed of a long replay.
    public var lastOutput: String {
        switch lastResult {
        case nil: ""
        case .success(let d)?: Renderer.render(d, RenderOptions(format: .text, width: Int.max / 4))
        case .failure(let e)?: e.rendered
        }
    }
    private var lastResult: Result<Document, CommandError>?
    /// The large output `lastResult` held before, to be freed when the shell is idle
    /// (`releaseRetired`) rather than while the next command runs on both cores.
    private var retired: Result<Document, CommandError>?
    /// The name of the last command run, for `expect`'s messages.
    public var lastCommand: String?
    /// `record FILE`: where commands are saved as they succeed; nil when not recording.
    public var recorder: Recorder?
    /// The script run in progress, so that `source` inside a script joins that run.
    public internal(set) weak var scriptRunner: ScriptRunner?

    public init(session: Session, environment: Environment = Environment()) {
        self.session = session
        self.environment = environment
    }

    /// What one command on a line produced.
    public struct Outcome {
        /// The command's full name; nil when the word did not resolve.
        public var command: String?
        /// The command as typed.
        public var text: String
        public var result: Result<Document, CommandError>
        /// The command asked the shell to end (`quit`).
        public var quit = false
        /// Whether Enter on an empty line may repeat it.
        public var repeatable = false

        public var failed: Bool {
            if case .failure = result { return true }
            return false
        }
    }

    /// Runs every command on the line, in order, even after one fails (the caller
    /// decides whether an error stops a script).
    public func execute(line: String) -> [Outcome] {
        Lexer.segments(line).map { execute(segment: $0, line: line) }
    }

    /// Frees the output that the last command replaced, on another thread: the shell calls
    /// this once the output is shown, so the freeing happens while the analyst reads it.
    /// `wait`: return only once it, and anything else handed over (a scenario replaced by
    /// `load`), is freed (a benchmark timing one command at a time).
    public func releaseRetired(wait: Bool = false) {
        if let old = retired.take() { Disposal.drop(old) }
        if wait { Disposal.waitUntilFreed() }
    }

    public func execute(segment: Lexer.Segment, line: String) -> Outcome {
        var outcome = run(segment)
        if case .failure(var error) = outcome.result, error.line.isEmpty {
            error.line = line
            outcome.result = .failure(error)
        }
        // For `expect`: what this command showed, errors included (an unknown word too). A
        // script run by `source` leaves its own last command's output.
        let sourced = outcome.command == "source" && !outcome.failed
        if outcome.command != "expect" && !sourced {
            lastCommand = outcome.command ?? String(outcome.text.prefix { !$0.isWhitespace })
            let previous = lastResult.take()
            lastResult = outcome.result
            if Disposal.isLarge(previous) {
                if let old = retired.take() { Disposal.drop(old) }
                retired = previous
            }
        }
        return outcome
    }

    func run(_ segment: Lexer.Segment) -> Outcome {
        var tokens: [Token]
        let text = segment.text.trimmed
        switch Lexer.tokens(segment.text, base: segment.column) {
        case .failure(let e): return Outcome(command: nil, text: text, result: .failure(e))
        case .success(let t): tokens = t
        }
        guard !tokens.isEmpty else {
            return Outcome(command: nil, text: "", result: .success(Document(command: "")))
        }
        // The arguments are the rest, in the same array (a few tokens: no copy).
        let first = tokens.removeFirst()
        guard first.kind == .word else {
            return Outcome(command: nil, text: text,
                           result: .failure(CommandError("a command starts with a word such as 'step'; type 'help' for the list", at: first)))
        }
        let spec: CommandSpec
        switch CommandTable.resolve(first) {
        case .failure(let e): return Outcome(command: nil, text: text, result: .failure(e))
        case .success(let s): spec = s
        }
        var outcome = Outcome(command: spec.name, text: text, result: .success(Document(command: spec.name)),
                              repeatable: spec.repeatsOnEmptyLine)
        if environment.safe && spec.touchesFiles {
            outcome.result = .failure(CommandError("'\(spec.name)' is refused in safe mode: it writes files", at: first))
            return outcome
        }
        // The raw rest of the line is for the commands that take it, and for the recording.
        let (restText, restColumn) = spec.takesRestOfLine || recorder != nil
            ? Interpreter.rest(of: segment, after: first) : ("", first.column + first.length)
        var args = Arguments(tokens: spec.takesRestOfLine ? [] : tokens, command: spec.name,
                             rest: restText, endColumn: first.column + first.length + 1)
        args.restColumn = restColumn
        var invocation = Invocation(interpreter: self, args: args, spec: spec)
        // Under --safe every file the command reads is checked by what was opened.
        outcome.result = FileReader.$confinement.withValue(environment.safe ? environment.confinement : nil) {
            do throws(CommandError) {
                return .success(try spec.run(&invocation))
            } catch {
                return .failure(error)
            }
        }
        outcome.quit = !outcome.failed && spec.name == "quit"
        if let recorder, !outcome.failed, spec.name != "record", spec.name != "quit",
           recorder.depth == (scriptRunner?.depth ?? 0) {
            recorder.append(restText.isEmpty ? spec.name : spec.name + " " + restText)
        }
        return outcome
    }

    /// The text after the command word, trimmed, and the column where it starts (past the
    /// spaces after the word), for commands that take the rest of the line.
    static func rest(of segment: Lexer.Segment, after word: Token) -> (String, Int) {
        // The word's end, counted in scalars, as a byte offset.
        let u = segment.text.utf8
        var scalars = word.column - segment.column + word.length
        var start = u.startIndex
        while start < u.endIndex {
            if u[start] & 0xC0 != 0x80 {
                if scalars == 0 { break }
                scalars -= 1
            }
            start = u.index(after: start)
        }
        let after = Substring(u[start...])
        var lead = 0
        for b in after.utf8 {
            if Lexer.isASCIISpace(b) { lead += 1; continue }
            if b >= 0x80 { lead = after.prefix { $0.isWhitespace }.count }
            break
        }
        return (String(after).trimmed, word.column + word.length + lead)
    }

    /// The options the current settings give for a destination.
    public func renderOptions(interactive: Bool, terminalWidth: Int?, colorAllowed: Bool, unicodeTerminal: Bool) -> RenderOptions {
        let s = session.settings
        let color: Bool
        switch s.color {
        case .on: color = colorAllowed || !interactive
        case .off: color = false
        case .auto: color = interactive && colorAllowed
        }
        let unicode: Bool
        switch s.charset {
        case .unicode: unicode = true
        case .ascii: unicode = false
        case .auto: unicode = interactive ? unicodeTerminal : true
        }
        return RenderOptions(format: s.format, width: s.width ?? (interactive ? (terminalWidth ?? 80) : 100),
                             color: color, unicode: unicode)
    }
}

/// What the core needs from outside: paths, the history, safety and interruption.
public struct Environment: @unchecked Sendable {
    /// Relative paths in `load`/`source` resolve against this folder (a script's).
    public var baseDirectory: String?
    /// `run --safe`: refuse commands that write files, and reading outside `safeFolder`.
    public var safe = false
    /// In safe mode, the folder (of the script run) that files may be read from, with
    /// everything below it.
    public var safeFolder: String?
    /// Where `source` shows a script's commands and results as they run; nil: they are
    /// gathered into the `source` command's own document.
    public var show: ((ScriptRunner.Output) -> Void)?
    /// The REPL's history, for `history`; nil outside the REPL.
    public var history: (() -> [String])?
    /// True once the user pressed Ctrl-C; long commands stop between steps.
    public var isInterrupted: () -> Bool = { false }
    /// Where `reload` reads from when the scenario came from the bundled copy.
    public var bundledScenario: (() throws(LoadFailure) -> Scenario)?
    /// How `load` and `reload` open event-data exports (the command line's `--skip-bad-rows`, `--no-cache`).
    public var importing = ImportOptions()

    public init() {}

    /// A path as the user typed it, resolved against `baseDirectory` when relative.
    public func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), let base = baseDirectory, !base.isEmpty else { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
