import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax check [FILE]`: validate a scenario and print every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a scenario file; print every problem as FILE:LINE:COL: error: … (exit 1 if any).",
        discussion: """
            With no FILE, checks the bundled scenario. Warnings (FILE:LINE:COL: warning: …) point at what is \
            legal but probably not meant: a source, actor or place nothing refers to, a text answer that reads as \
            an approximate number, a question no claim answers, an actor's changed answer without 'revises'. \
            They leave the exit status 0, unless --strict.
            A script (*.px) is read as 'run' would read it (parameters, \
            'load', sourced files) without running a command: every line must parse, every id must exist in the \
            scenario of the preceding 'load' (or --scenario, or the bundled one); each problem at SCRIPT:LINE:COL.             A 'load FILE sha256 HEX' whose FILE has changed since is a warning, as 'run' gives it (an error with --strict).
            """
    )

    @Argument(help: "The scenario file (YAML or JSON), a GDELT, UCDP GED or ACLED export, or a script (*.px) to check without running it.",
              completion: .scenarioFile)
    var file: String?

    @Flag(help: "Exit 1 on any warning too.")
    var strict = false

    @OptionGroup var script: ScriptOptions

    @OptionGroup var importing: ImportFlags

    func run() throws { try Check.start(file: file, options: script, strict: strict, importing: importing.options) }

    static func start(file: String?, options: ScriptOptions?, strict: Bool = false, importing: ImportOptions = ImportOptions()) throws {
        if let file, file.hasSuffix(".px") { return try checkScript(file, options: options, strict: strict) }
        let loaded: Scenario
        do {
            if let file {
                let (scenario, report) = try ScenarioFile.open(path: file, options: importing)
                loaded = scenario
                // An export says what it mapped, skipped and repaired; a scenario stays silent.
                if let report { Console.out("\(file): \(report.summary).\n") }
            } else {
                loaded = try BundledScenario.load()
            }
        } catch {
            Console.err(error.rendered(carets: true) + "\n")
            let n = error.diagnostics.count
            Console.err("\(n) error\(n == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
        KeptToExit.keep(loaded)
        let warnings = loaded.warnings
        if !warnings.isEmpty {
            let text = LoadFailure(diagnostics: warnings, sourceText: file.flatMap(Check.text)).rendered(carets: true)
            Console.err(text + "\n\(warnings.count) warning\(warnings.count == 1 ? "" : "s")\n")
            if strict { throw ExitCode(1) }
        }
    }

    /// The file's text, to draw carets under warnings.
    static func text(_ path: String) -> String? {
        guard case .success(let bytes) = FileReader.contents(of: path) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `parallax check SCRIPT.px`: every problem located, nothing run; exit 1 if any.
    static func checkScript(_ path: String, options: ScriptOptions?, strict: Bool = false) throws {
        var environment = BundledScenario.environment()
        environment.strict = strict
        environment.parameters = try options?.parameters() ?? ScriptParameters()
        environment.scenarioOverride = options?.scenario.map(ScenarioOverride.init)
        let script = try Run.read(Script.read(path))
        let scenario = try loadScenario(options?.scenario)
        let problems = ScriptCheck(environment: environment).check(script, on: scenario)
        for p in problems { Console.err(p.rendered + "\n") }
        let errors = problems.filter { $0.severity == "error" }.count
        guard errors > 0 else { return }
        Console.err("\(errors) error\(errors == 1 ? "" : "s")\n")
        throw ExitCode(1)
    }
}
