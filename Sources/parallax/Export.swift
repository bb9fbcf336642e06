import ArgumentParser
import Parallax
import ParallaxREPL

/// `parallax export FORMAT [SCENARIO] [-c COMMANDS] -o FILE`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a report or a data file: html, svg, csv, timelinejs or md.",
        discussion: """
            The commands given with -c run first (their output is not printed; the first error stops with exit 1), \
            so they set the cursor and choices: 'goto #9' writes the report as of event 9, 'figures' makes it the \
            table csv writes. html: one self-contained page; md: the same as Markdown; svg: the escalation chart; \
            csv: the last table shown (default: events); timelinejs: TimelineJS3 JSON.
            """
    )

    @Argument(help: "html, svg, csv, timelinejs or md.")
    var format: String

    @Argument(help: "A scenario file (default: the bundled one).")
    var scenario: String?

    @Option(name: .customShort("c"), help: "Commands to run first (separated by ';').")
    var commands: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The file to write ('-': standard output).", valueName: "file"))
    var file: String

    @Option(name: .customLong("party"), help: "A party whose narrative the report shows (repeat; default: the belligerents).")
    var parties: [String] = []

    func validate() throws {
        guard ExportFormat(word: format) != nil else {
            throw ValidationError("unknown format '\(format)'; formats: " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        guard let exportFormat = ExportFormat(word: format) else { throw ExitCode(2) }
        let environment = BundledScenario.environment()
        let interpreter = Interpreter(session: Session(scenario: try loadScenario(scenario)), environment: environment)
        if let commands {
            for outcome in interpreter.execute(line: commands) {
                if case .failure(let e) = outcome.result {
                    Console.err(e.rendered + "\n")
                    throw ExitCode(1)
                }
            }
        }
        let content: String
        do throws(CommandError) {
            var ids: [String] = []
            for p in parties { ids.append(try ExportFormat.party(p, in: interpreter.session.scenario)) }
            content = try exportFormat.content(interpreter, parties: ids)
        } catch {
            Console.err("error: \(error.message)\n")
            throw ExitCode(1)
        }
        try Export.write(content, to: file, inputs: [interpreter.session.scenario.path] + (scenario.map { [$0] } ?? []))
    }

    /// Writes a file whole (or to standard output for '-'); a failure is exit 1. Never over
    /// a script, a scenario or one of `inputs` (`FileWriter.refusal`).
    static func write(_ content: String, to file: String, inputs: [String]) throws {
        if file == "-" {
            Console.out(content)
            return
        }
        if let why = FileWriter.refusal(toReplace: file, inputs: inputs) {
            Console.err(DiagnosticRenderer.note("error: " + why) + "\n")
            throw ExitCode(1)
        }
        if let problem = FileWriter.replace(file, with: content) {
            Console.err("\(problem)\n")
            throw ExitCode(1)
        }
    }
}
