import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax run SCRIPT [--scenario FILE] [--expect OUT [--update]] [--safe]`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a saved script (*.px) in batch, echoing each command as 'px> …' before its output.",
        discussion: """
            The first error stops the run unless the script says 'set errors continue'. The transcript is the same \
            on every machine: no colour, width 100 unless set. --expect OUT compares it with OUT and prints a \
            unified diff when they differ; --update writes OUT instead. Exit status: 0 all went well; 1 a command \
            or expectation failed, the transcript differs, or a file could not be read; 2 a wrong command line.
            """
    )

    @Argument(help: "The script: one command per line, '#' comments.", completion: .file(extensions: ["px"]))
    var script: String

    @OptionGroup var script_: ScriptOptions

    @Option(name: .customLong("expect"), help: ArgumentHelp("Compare the transcript with this file.", valueName: "out"),
            completion: .file())
    var expected: String?

    @Flag(help: "With --expect: write the transcript to that file instead of comparing.")
    var update = false

    @Flag(help: "Refuse commands that write files, and reading files outside the script's folder.")
    var safe = false

    @Flag(help: "A pinned scenario ('load FILE sha256 HEX') that changed since recording is an error, not a warning.")
    var strict = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if update && expected == nil { throw ValidationError("--update needs --expect OUT: the transcript file to write") }
    }

    func run() throws {
        try Run.start(script: script, options: script_, expected: expected, update: update, safe: safe, strict: strict,
                      output: output)
    }

    /// Runs the script. `parallax run SCRIPT` with nothing else comes straight here (see
    /// `ParallaxCommand.main`), without `output`: the argument parser's set-up would cost
    /// more than a short script.
    static func start(script path: String, options: ScriptOptions? = nil, expected: String? = nil,
                      update: Bool = false, safe: Bool = false, strict: Bool = false, output: OutputOptions? = nil) throws {
        let parameters = try options?.parameters() ?? ScriptParameters()
        let scenario = options?.scenario
        Signals.exitOnInterrupt()
        let script = try read(Script.read(path))
        var golden: String?
        if let expected, !update {
            golden = String(decoding: try read(FileReader.contents(of: expected)), as: UTF8.self)
        }
        var session = Session(scenario: try loadScenario(scenario))
        try output?.apply(to: &session.settings)
        var environment = BundledScenario.environment()
        environment.parameters = parameters
        environment.strict = strict
        environment.scenarioOverride = scenario.map(ScenarioOverride.init)
        environment.safe = safe
        environment.safeFolder = script.folder ?? "."
        let interpreter = Interpreter(session: session, environment: environment)

        let printer = OutputSink(to: expected == nil ? .standardOutput : .memory)
        // Held strongly (the interpreter does not hold the runner): no unowned check per output.
        let runner = ScriptRunner(interpreter: interpreter) { [interpreter] in
            printer.show($0, Transcript.options(for: interpreter.session.settings))
        }
        runner.run(script)
        printer.flush()
        let failed = runner.failures > 0
        if failed, interpreter.session.settings.errors == .continue {
            Console.err("\(runner.failures) command\(runner.failures == 1 ? "" : "s") failed\n")
        }
        guard let expected else {
            if failed { throw ExitCode(1) }
            return
        }
        if update {
            if failed {
                Console.err(DiagnosticRenderer.note("\(expected) not written: the script failed") + "\n")
                throw ExitCode(1)
            }
            let old = FileReader.contents(of: expected)
            if case .success(let bytes) = old, String(decoding: bytes, as: UTF8.self) == printer.text {
                Console.out("\(expected) is up to date.\n")
                return
            }
            if let problem = FileWriter.replace(expected, with: printer.text) {
                Console.err("\(problem)\n")
                throw ExitCode(1)
            }
            let lines = printer.text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            Console.out("Wrote \(expected) (\(lines) lines).\n")
            return
        }
        if let diff = UnifiedDiff.render(expected: golden ?? "", actual: printer.text, expectedName: expected,
                                         actualName: "\(path) (this run)") {
            Console.out(diff)
            // `--update` writes only the transcript of a run that passed: offer it only then.
            let hint = failed ? " (and the script failed: fix it first)"
                : "; 'parallax run \(Lexer.quotedIfNeeded(path))\(options?.asArguments ?? "") --expect \(Lexer.quotedIfNeeded(expected)) --update' accepts it"
            Console.err(DiagnosticRenderer.note("the transcript differs from \(expected)\(hint)") + "\n")
            throw ExitCode(1)
        }
        if failed { throw ExitCode(1) }
        if Console.isTerminal(2) {
            Console.err("ok: \(runner.commandsRun) command\(runner.commandsRun == 1 ? "" : "s"), transcript matches\n")
        }
    }

    /// An input file's contents, or its problem printed and exit status 1.
    static func read<T>(_ result: Result<T, Diagnostic>) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            Console.err("\(problem)\n")
            throw ExitCode(1)
        }
    }
}
