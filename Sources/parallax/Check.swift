import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax check [FILE]`: validate a scenario and print every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario file; print every problem as FILE:LINE:COL: error: … (exit 1 if any).",
        discussion: "With no FILE, checks the bundled scenario. Warnings (FILE:LINE:COL: warning: …) point at what is "
            + "legal but probably not meant: a source, actor or place nothing refers to, a text answer that reads as "
            + "an approximate number, a question no claim answers, an actor's changed answer without 'revises'. "
            + "They leave the exit status 0, unless --strict."
    )

    @Argument(help: "The scenario file (YAML or JSON).", completion: .scenarioFile)
    var file: String?

    @Flag(help: "Exit 1 on any warning too.")
    var strict = false

    nonisolated(unsafe) static var loaded: Scenario?

    func run() throws { try Check.start(file: file, strict: strict) }

    static func start(file: String?, strict: Bool = false) throws {
        do {
            // Kept until exit: the process ends right after, and freeing a large model
            // would only delay that.
            if let file {
                Check.loaded = try ScenarioLoader.load(path: file)
            } else {
                Check.loaded = try BundledScenario.load()
            }
        } catch {
            Console.err(error.rendered(carets: true) + "\n")
            let n = error.diagnostics.count
            Console.err("\(n) error\(n == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
        let warnings = Check.loaded?.warnings ?? []
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
}
