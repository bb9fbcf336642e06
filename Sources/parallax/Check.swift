import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax check [FILE]`: validate a scenario and print every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario file; print every problem as FILE:LINE:COL: error: … (exit 1 if any).",
        discussion: "With no FILE, checks the bundled scenario."
    )

    @Argument(help: "The scenario file (YAML or JSON).", completion: .scenarioFile)
    var file: String?

    func run() throws { try Check.start(file: file) }

    static func start(file: String?) throws {
        do {
            if let file {
                _ = try ScenarioLoader.load(path: file)
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
}
