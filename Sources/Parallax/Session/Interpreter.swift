/// The one interpreter behind the REPL, `parallax -c`, piped input and scripts: a line
/// goes in, each command on it is parsed into a `Command` value and run on the session,
/// and for each a document (or a located error) comes out.
public final class Interpreter {
    public var session: Session
    public var environment: Environment
    /// The result of the last command that was not an `expect`, for `expect`. Rendered only
    /// when asked: most commands are never checked, and rendering every result twice would
    /// halve the speed of a long replay.
    private var lastResult: Result<Document, CommandError>?
    /// The document of the last command that showed a table, for `export csv`.
    public internal(set) var lastTable: Document?
    /// The name of the last command run, for `expect`'s messages.
    public private(set) var lastCommand: String?
    public var recorder: Recorder?
    /// The script run in progress, so that `source` inside a script joins that run.
    public internal(set) weak var scriptRunner: ScriptRunner?

    /// Stands in for the session while a command has it out (`run`), so nothing else can
    /// hold a second reference to its knowledge cache and force a copy.
    private static let vacant = Session(scenario: Scenario(
        formatVersion: 1, info: ScenarioInfo(id: "", title: ""), sources: [], parties: [], actors: [], places: [],
        events: [], questions: [], claims: [], path: ""))

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
        /// A problem after the command ran (it could not be recorded): the output stands,
        /// and the command counts as failed.
        public var afterwards: CommandError?
        /// Warnings raised while it ran (a pinned scenario that changed).
        public var warnings: [String] = []
        /// Notes for stderr (`using FILE in place of X`).
        public var notes: [String] = []
        /// The command asked the shell to end (`quit`).
        public var quit = false
        /// Whether Enter on an empty line may repeat it.
        public var repeatable = false
        /// The settings right after it ran: a line's commands are printed after all have
        /// run, each as its own time set them (`where; set format json; where` prints text,
        /// then JSON).
        public var settings: Settings?

        public var failed: Bool {
            if case .failure = result { return true }
            return afterwards != nil
        }
    }

    /// Runs every command on the line, in order, even after one fails (the caller
    /// decides whether an error stops a script).
    /// The commands of a line in turn; after Ctrl-C the rest of the line is not run.
    public func execute(line: String) -> [Outcome] {
        var outcomes: [Outcome] = []
        for segment in Lexer.segments(line) {
            if !outcomes.isEmpty && environment.isInterrupted() { break }
            outcomes.append(execute(segment: segment, line: line))
        }
        return outcomes
    }

    public func execute(segment: Lexer.Segment, line: String) -> Outcome {
        var outcome = run(segment)
        if case .failure(var error) = outcome.result, error.line.isEmpty {
            error.line = line
            outcome.result = .failure(error)
        }
        if var error = outcome.afterwards, error.line.isEmpty {
            error.line = line
            outcome.afterwards = error
        }
        // For `expect`: what this command showed, errors included (an unknown word too). A
        // script run by `source` leaves its own last command's output.
        let sourced = outcome.command == "source" && !outcome.failed
        // Movement lists the claims it reveals, but it is not a table an analyst asked for.
        if case .success(let d) = outcome.result, let name = outcome.command, CommandTable.spec(named: name)?.group != .navigation,
           d.blocks.contains(where: { if case .table = $0 { true } else { false } }) {
            lastTable = d
        }
        if outcome.command != "expect" && !sourced {
            lastCommand = outcome.command ?? String(outcome.text.prefix { !$0.isWhitespace })
            lastResult = outcome.result
        }
        outcome.settings = session.settings
        return outcome
    }

    func run(_ segment: Lexer.Segment) -> Outcome {
        let text = segment.text.trimmed
        guard !text.isEmpty else { return Outcome(command: nil, text: "", result: .success(Document(command: ""))) }
        let command: Command
        switch CommandParser.parse(segment, parameters: environment.parameters) {
        case .failure(let e):
            let name = CommandParser.firstWord(of: segment).flatMap { try? CommandTable.resolve($0).get().name }
            return Outcome(command: name, text: text, result: .failure(e))
        case .success(let c): command = c
        }
        let spec = command.spec
        var outcome = Outcome(command: spec.name, text: text, result: .success(Document(command: spec.name)),
                              repeatable: spec.repeatsOnEmptyLine)
        if environment.safe && spec.touchesFiles {
            outcome.result = .failure(CommandError("'\(spec.name)' is refused in safe mode: it writes files", at: command.word))
            return outcome
        }
        var context = CommandContext(session: session, environment: environment, scripts: self)
        session = Interpreter.vacant
        // Under --safe every file the command reads is checked by what was opened.
        outcome.result = FileReader.$confinement.withValue(environment.safe ? environment.confinement : nil) {
            do throws(CommandError) {
                return .success(try spec.run(command, &context))
            } catch {
                return .failure(error)
            }
        }
        outcome.quit = !outcome.failed && spec.name == "quit"
        session = context.session
        outcome.warnings = context.warnings
        outcome.notes = context.notes
        if let recorder, !outcome.failed, spec.name != "record", spec.name != "quit",
           recorder.depth == (scriptRunner?.depth ?? 0),
           let problem = recorder.append(recorder.line(for: command, scenario: session.scenario, environment: environment)) {
            outcome.afterwards = CommandError(problem, column: command.word.column, length: command.word.length)
        }
        return outcome
    }
}

extension Interpreter: ScriptHost {
    public var scriptDepth: Int { scriptRunner?.depth ?? 0 }

    public var lastOutput: (command: String, text: String)? {
        guard let lastCommand else { return nil }
        switch lastResult {
        case nil: return (lastCommand, "")
        case .success(let d)?: return (lastCommand, Renderer.render(d, RenderOptions(format: .text, width: Int.max / 4)))
        case .failure(let e)?: return (lastCommand, e.rendered)
        }
    }

    public func source(_ path: String, at token: Token, in context: inout CommandContext) throws(CommandError) -> [Block] {
        // The script's commands run on this session: it goes back in while they run.
        session = context.session
        defer {
            context.session = session
            session = Interpreter.vacant
        }
        return try ScriptCommands.runScript(path, at: token, on: self)
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
    /// `run --strict`: a pinned scenario that changed stops the script.
    public var strict = false
    /// `run --scenario FILE`: opened in place of the run's first `load`.
    public var scenarioOverride: ScenarioOverride?
    /// `-D NAME=VALUE`.
    public var parameters = ScriptParameters()
    /// Where `source` shows a script's commands and results as they run; nil: they are
    /// gathered into the `source` command's own document.
    public var show: ((ScriptRunner.Output) -> Void)?
    /// The REPL's history, for `history`; nil outside the REPL.
    public var history: (() -> [String])?
    /// True once the user pressed Ctrl-C; long commands stop between steps.
    public var isInterrupted: () -> Bool = { false }
    /// The bytes of a bundled scenario by NAME (`builtin:NAME`), from the binary.
    public var bundledFile: ((String) -> [UInt8]?)?
    /// The NAMEs of the bundled scenarios, for messages.
    public var bundledNames: [String] = []
    /// How `load` and `reload` open event-data exports (the command line's `--skip-bad-rows`, `--no-cache`).
    public var importing = ImportOptions()

    public init() {}

    /// A path as the user typed it, resolved against `baseDirectory` when relative.
    public func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), let base = baseDirectory, !base.isEmpty else { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}

/// `run --scenario FILE`: the file, and whether a `load` has been replaced by it yet (only
/// the run's first is).
public final class ScenarioOverride: @unchecked Sendable {
    public let path: String
    public var used = false

    public init(path: String) {
        self.path = path
    }
}
