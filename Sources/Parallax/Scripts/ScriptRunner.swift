/// Feeds a script's lines to the session's one `Interpreter`, as if the analyst typed
/// them: `parallax run`, `source` in the REPL and `source` inside a script all come here.
/// What the script shows goes to `show` as it happens, so the REPL can print while a long
/// script runs and stop it between commands.
public final class ScriptRunner {
    /// What a running script shows, in order; the caller decides where each goes.
    public enum Output {
        /// A command about to run, as written (shown as `px> …` when `set echo on`).
        case command(String)
        case document(Document)
        case failure(ScriptFailure)
        /// A warning or note for stderr, already placed (`SCRIPT:LINE: warning: …`).
        case warning(String)
    }

    /// How deep `source` may nest (`Limits.sourceDepth`).
    public static var maxDepth: Int { Limits.sourceDepth }

    /// Why a run ended.
    public enum Ending: Sendable, Equatable {
        /// Every line ran (some may have failed under `set errors continue`).
        case finished
        /// A command failed and `set errors stop` (the default) was in force.
        case stopped
        /// A `quit` in the script.
        case quit
        /// Ctrl-C, noticed between commands.
        case interrupted
    }

    public let interpreter: Interpreter
    let show: (Output) -> Void
    /// Commands run, nested scripts included.
    public private(set) var commandsRun = 0
    /// Commands that failed in this run, nested scripts included.
    public private(set) var failures = 0
    /// The last command that failed, as shown.
    public private(set) var lastFailure: ScriptFailure?
    /// Where the run ended early (the failing or the next command), for messages.
    public private(set) var haltedAt: SourceLocation?
    /// Set once the run must end early; every enclosing script then stops too.
    private var halted: Ending?
    /// The scripts being run, the outermost first, with the line each stands on.
    private var frames: [Frame] = []

    struct Frame {
        var script: Script
        var line = 0
        var column = 1

        mutating func place(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public init(interpreter: Interpreter, show: @escaping (Output) -> Void) {
        self.interpreter = interpreter
        self.show = show
    }

    /// How deep in `source`s the running command is: 0 outside any script.
    public var depth: Int { frames.count }

    /// The script and line now running, for messages such as an interruption notice.
    public var position: SourceLocation? {
        frames.last.map { SourceLocation(file: $0.script.path, line: $0.line, column: $0.column) }
    }

    /// Runs a script to its end, its first error (unless `set errors continue`), a `quit`
    /// or an interruption. While it runs, `source` inside it comes back to this runner.
    @discardableResult
    public func run(_ script: Script) -> Ending {
        let outer = interpreter.scriptRunner
        interpreter.scriptRunner = self
        defer { interpreter.scriptRunner = outer }
        halted = nil
        haltedAt = nil
        lastFailure = nil
        failures = 0
        commandsRun = 0
        perform(script)
        return halted ?? .finished
    }

    /// `source FILE` from inside a running script: the file runs in this same run, so an
    /// error in it stops the whole run and a cycle of `source`s can be seen.
    func include(_ path: String, at token: Token) throws(CommandError) {
        let script: Script
        switch Script.read(path) {
        case .failure(let d): throw CommandError(Script.problem(reading: path, d), at: token)
        case .success(let s): script = s
        }
        if let id = script.identity, let i = frames.firstIndex(where: { $0.script.identity == id }) {
            let chain = frames[i...].map(\.script.path) + [script.path]
            throw CommandError("source cycle: " + chain.joined(separator: " → "), at: token)
        }
        guard frames.count < ScriptRunner.maxDepth else {
            throw CommandError("scripts nest too deep: source goes at most \(ScriptRunner.maxDepth) scripts deep", at: token)
        }
        perform(script)
    }

    private func perform(_ script: Script) {
        let outerFolder = interpreter.environment.baseDirectory
        interpreter.environment.baseDirectory = script.folder
        frames.append(Frame(script: script))
        defer {
            frames.removeLast()
            interpreter.environment.baseDirectory = outerFolder
        }
        for (index, line) in script.lines.enumerated() {
            for segment in Lexer.segments(line) {
                frames[frames.count - 1].place(line: index + 1, column: segment.column)
                if interpreter.environment.isInterrupted() {
                    halt(.interrupted)
                    return
                }
                if interpreter.session.settings.echo { show(.command(segment.text.trimmed)) }
                let outcome = interpreter.execute(segment: segment, line: line)
                commandsRun += 1
                let here = "\(script.path):\(index + 1)"
                for w in outcome.warnings { show(.warning("\(here): warning: \(w)")) }
                for n in outcome.notes { show(.warning("\(n) (\(here))")) }
                var error: CommandError?
                switch outcome.result {
                case .success(let document):
                    show(.document(document))
                    error = outcome.afterwards
                case .failure(let e):
                    error = e
                }
                if let error {
                    failures += 1
                    let failure = locate(error, segment: segment, line: line, number: index + 1)
                    lastFailure = failure
                    show(.failure(failure))
                    if interpreter.session.settings.errors == .stop { halt(.stopped) }
                }
                if outcome.quit { halt(.quit) }
                if halted != nil { return }
            }
        }
    }

    private func halt(_ ending: Ending) {
        guard halted == nil else { return }
        halted = ending
        haltedAt = position
    }

    /// Places a command's error in the script: its column is already counted in the line.
    private func locate(_ error: CommandError, segment: Lexer.Segment, line: String, number: Int) -> ScriptFailure {
        let enclosing = frames.dropLast().reversed().map { SourceLocation(file: $0.script.path, line: $0.line, column: $0.column) }
        let here = SourceLocation(file: frames[frames.count - 1].script.path, line: number, column: segment.column)
        return ScriptFailure(error, segment: segment, line: line, at: here, enclosing: Array(enclosing))
    }
}
