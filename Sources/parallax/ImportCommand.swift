import ArgumentParser
import Parallax
import ParallaxREPL
#if canImport(Glibc)
import Glibc
#endif

/// `parallax import FILE [--where FILTER] -o OUT`: a slice of an export as a scenario file.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write the rows of a GDELT, UCDP GED or ACLED export that match a filter as a scenario file (YAML).",
        discussion: """
            The written file is the start of an analyst's own scenario: add questions and party claims to it. \
            FILTER uses the event fields of 'where' (id date phase type party actor place intensity title, and for \
            GDELT num_sources num_mentions num_articles avg_tone). An existing OUT is kept unless --force.
            """
    )

    @Argument(help: "The export: GDELT 1.0 or 2.0 events, UCDP GED CSV or ACLED CSV.")
    var file: String

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep only the events that match, e.g. \"party = ARM and date >= 2018\".", valueName: "filter"))
    var filter: String?

    @Option(name: .customShort("o"), help: ArgumentHelp("The scenario file to write.", valueName: "out"))
    var output: String

    @Flag(help: "Replace OUT if it exists.")
    var force = false

    @OptionGroup var importing: ImportFlags

    func run() throws {
        var filter: Filter?
        if let text = self.filter {
            switch ScenarioSlice.filter(text) {
            case .success(let f): filter = f
            case .failure(let e):
                Console.err("--where: \(e.rendered)\n")
                throw ExitCode(2)
            }
        }
        if let why = FileWriter.refusal(toReplace: output, inputs: [file], allowScenario: true) {
            Console.err(DiagnosticRenderer.note("error: " + why) + "\n")
            throw ExitCode(1)
        }
        if !force, access(output, F_OK) == 0 {
            Console.err("\(output) exists; --force replaces it\n")
            throw ExitCode(1)
        }
        let imported: ImportResult
        do {
            guard let r = try EventImport.load(path: file, options: importing.options) else {
                Console.err("\(file): not a GDELT, UCDP GED or ACLED export; import reads only those (a scenario opens with 'parallax \(file)')\n")
                throw ExitCode(1)
            }
            imported = r
        } catch let failure as LoadFailure {
            Console.err(failure.rendered(carets: true) + "\n")
            throw ExitCode(1)
        }
        let slice = ScenarioSlice.slice(imported.scenario, where: filter)
        if let problem = FileWriter.replace(output, with: ScenarioWriter.yaml(slice)) {
            Console.err("\(problem)\n")
            throw ExitCode(1)
        }
        Console.out("Wrote \(output): \(slice.events.count) of \(imported.scenario.events.count) events, \(slice.claims.count) claims "
                    + "(\(imported.report.summary)).\n")
    }
}
