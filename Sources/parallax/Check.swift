import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax check [FILE]`: validate a scenario and print every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario file; print every problem as FILE:LINE:COL: error: … (exit 1 if any).",
        discussion: """
            With no FILE, checks the bundled scenario. A script (*.px) is read as 'run' would read it (parameters, \
            'load', sourced files) without running a command: every line must parse, every id must exist in the \
            scenario of the preceding 'load' (or --scenario, or the bundled one); each problem at SCRIPT:LINE:COL.
            """
    )

    @Argument(help: "The scenario file (YAML or JSON), a GDELT, UCDP GED or ACLED export, or a script (*.px) to check without running it.",
              completion: .scenarioFile)
    var file: String?

    @OptionGroup var script: ScriptOptions

    @OptionGroup var importing: ImportFlags

    func run() throws { try Check.start(file: file, options: script, importing: importing.options) }

    static func start(file: String?, options: ScriptOptions?, importing: ImportOptions = ImportOptions()) throws {
        if let file, file.hasSuffix(".px") { return try checkScript(file, options: options) }
        do {
            if let file {
                let (_, report) = try ScenarioFile.open(path: file, options: importing)
                // An export says what it mapped, skipped and repaired; a scenario stays silent.
                if let report { Console.out("\(file): \(report.summary).\n") }
            } else {
                _ = try BundledScenario.load()
            }
        } catch {
            Console.err(error.rendered(carets: true) + "\n")
            let n = error.diagnostics.count
            Console.err("\(n) error\(n == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
    }

    /// `parallax check SCRIPT.px`: every problem located, nothing run; exit 1 if any.
    static func checkScript(_ path: String, options: ScriptOptions?) throws {
        var environment = BundledScenario.environment()
        environment.parameters = try options?.parameters() ?? ScriptParameters()
        environment.scenarioOverride = options?.scenario.map(ScenarioOverride.init)
        let script = try Run.read(Script.read(path))
        let scenario = try loadScenario(options?.scenario)
        let problems = ScriptCheck(environment: environment).check(script, on: scenario)
        guard !problems.isEmpty else { return }
        for p in problems { Console.err(p.rendered + "\n") }
        Console.err("\(problems.count) error\(problems.count == 1 ? "" : "s")\n")
        throw ExitCode(1)
    }
}
