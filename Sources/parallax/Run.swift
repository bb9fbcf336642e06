import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax run SCRIPT [--scenario FILE] [--expect OUT [--update]] [--safe]`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
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

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("With --format html: write the report to this file ('-': standard output).", valueName: "file"),
            completion: .file())
    var reportFile: String?

    @OptionGroup var output: OutputOptions

    /// `--format html`: the script rendered as a report rather than a transcript.
    var isReport: Bool { output.format == "html" }

    func validate() throws {
        if update && expected == nil { throw ValidationError("--update needs --expect OUT: the transcript file to write") }
        if reportFile != nil && !isReport { throw ValidationError("-o writes a report: add --format html") }
        if isReport && expected != nil { throw ValidationError("--format html writes a report; it cannot be compared with --expect") }
    }

    func run() throws {
        if isReport {
            var options = output
            options.format = nil
            try Run.report(script: script, options: script_, safe: safe, strict: strict, output: options, to: reportFile ?? "-")
            return
        }
        try Run.start(script: script, options: script_, expected: expected, update: update, safe: safe, strict: strict,
                      output: output)
    }

    /// Runs the script and writes it as an HTML report: its comments as prose, each
    /// command's output in place. Errors still go to stderr; a failed run still writes the
    /// report (it shows the error where it happened) and exits 1.
    static func report(script path: String, options: ScriptOptions, safe: Bool, strict: Bool, output: OutputOptions,
                       to file: String) throws {
        let parameters = try options.parameters()
        Signals.stopBatchOnInterrupt()
        let script = try read(Script.read(path))
        var session = Session(scenario: try loadScenario(options.scenario))
        try output.apply(to: &session.settings)
        var environment = BundledScenario.environment()
        environment.parameters = parameters
        environment.strict = strict
        environment.scenarioOverride = options.scenario.map(ScenarioOverride.init)
        environment.safe = safe
        environment.safeFolder = script.folder ?? "."
        environment.isInterrupted = { Signals.isInterrupted }
        let interpreter = Interpreter(session: session, environment: environment)
        let report = ScriptReport(script: path)
        let runner = ScriptRunner(interpreter: interpreter) { output in
            if case .failure(let f) = output { Console.err(f.rendered + "\n") }
            if case .warning(let w) = output { Console.err(w + "\n") }
            report.show(output)
        }
        runner.onLine = { report.line($0) }
        if runner.run(script) == .interrupted {
            // A report of part of a script could pass for the whole: none is written.
            Signals.endBatch(at: runner.haltedAt.map { "\($0.description): \(file) not written" })
        }
        let page = report.html(scenario: interpreter.session.scenario, session: &interpreter.session)
        try Export.write(page, to: file, inputs: [path, interpreter.session.scenario.path] + (options.scenario.map { [$0] } ?? []))
        if runner.failures > 0 { throw ExitCode(1) }
    }

    /// Runs the script. `parallax run SCRIPT` with nothing else comes straight here (see
    /// `ParallaxCommand.main`), without `output`: the argument parser's set-up would cost
    /// more than a short script.
    static func start(script path: String, options: ScriptOptions? = nil, expected: String? = nil,
                      update: Bool = false, safe: Bool = false, strict: Bool = false, output: OutputOptions? = nil) throws {
        let parameters = try options?.parameters() ?? ScriptParameters()
        let scenario = options?.scenario
        Signals.stopBatchOnInterrupt()
        let script = try read(Script.read(path))
        var golden: String?
        if let expected, !update {
            golden = Transcript.expected(try read(FileReader.contents(of: expected)))
        }
        var session = Session(scenario: try loadScenario(scenario))
        try output?.apply(to: &session.settings)
        var environment = BundledScenario.environment()
        environment.parameters = parameters
        environment.strict = strict
        environment.scenarioOverride = scenario.map(ScenarioOverride.init)
        environment.safe = safe
        environment.safeFolder = script.folder ?? "."
        environment.isInterrupted = { Signals.isInterrupted }
        let interpreter = Interpreter(session: session, environment: environment)

        let printer = OutputSink(to: expected == nil ? .standardOutput : .memory)
        // Held strongly (the interpreter does not hold the runner): no unowned check per output.
        let runner = ScriptRunner(interpreter: interpreter) { [interpreter] in
            printer.show($0, Transcript.options(for: interpreter.session.settings))
        }
        let ending = runner.run(script)
        printer.flush()
        // What the finished commands printed is out, whole; the rest never ran.
        if ending == .interrupted { Signals.endBatch(at: runner.haltedAt?.description) }
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
            if let why = FileWriter.refusal(toReplace: expected, inputs: [path, interpreter.session.scenario.path] + (scenario.map { [$0] } ?? [])) {
                Console.err(DiagnosticRenderer.note("error: " + why) + "\n")
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
