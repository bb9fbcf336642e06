import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax check [FILE]`: validate a scenario and print every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario file; print every problem as FILE:LINE:COL: error: … (exit 1 if any).",
        discussion: "With no FILE, checks the bundled scenario."
    )

    @Argument(help: "The scenario file (YAML or JSON), or a GDELT, UCDP GED or ACLED export.", completion: .scenarioFile)
    var file: String?

    @OptionGroup var importing: ImportFlags

    nonisolated(unsafe) static var loaded: Scenario?

    func run() throws { try Check.start(file: file, importing: importing.options) }

    static func start(file: String?, importing: ImportOptions = ImportOptions()) throws {
        do {
            // Kept until exit: the process ends right after, and freeing a large model
            // would only delay that.
            if let file {
                let (scenario, report) = try ScenarioFile.open(path: file, options: importing)
                Check.loaded = scenario
                // An export says what it mapped, skipped and repaired; a scenario stays silent.
                if let report { Console.out("\(file): \(report.summary).\n") }
            } else {
                Check.loaded = try BundledScenario.load()
            }
        } catch {
            Console.err(error.rendered(carets: true) + "\n")
            let n = error.diagnostics.count
            Console.err("\(n) error\(n == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
    }
}
