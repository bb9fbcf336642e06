import ArgumentParser
import Parallax
import ParallaxREPL

/// Options every invocation accepts.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, json or markdown.", completion: .list(OutputFormat.allCases.map(\.rawValue)))
    var format: String?

    @Flag(help: "Never use colour (NO_COLOR does the same).")
    var noColor = false

    @Option(help: "Wrap text and tables to N columns (default: the terminal's, or 100 in batch).")
    var width: Int?

    /// Applies the options to a session's settings, or says what is wrong.
    func apply(to settings: inout Settings) throws {
        if let format {
            guard let f = OutputFormat(rawValue: format) else {
                throw ValidationError("--format takes text, json or markdown, not '\(format)'")
            }
            settings.format = f
        }
        if noColor { settings.color = .off }
        if let width {
            guard (20...1000).contains(width) else { throw ValidationError("--width takes a number from 20 to 1000") }
            settings.width = width
        }
    }
}

/// The options of the default command (no subcommand named), apart from the file: shell
/// completion offers them at the top level too (see `CompletionTree`).
struct OpenOptions: ParsableArguments {
    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ';'), print, and exit (1 if any failed).",
                                                       valueName: "commands"))
    var commands: String?

    @Flag(help: "Print where Parallax keeps its files (history, cache, config, editrc) and exit.")
    var paths = false

    @Option(name: .customLong("generate-man-page"),
            help: ArgumentHelp("Print a manual page: parallax, scenario or commands.", visibility: .hidden))
    var manPage: String?
}

/// `parallax [FILE] [-c COMMANDS]`: the REPL, or a batch of commands.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a scenario (the bundled one by default) in the REPL, or run commands with -c."
    )

    @Argument(help: "A scenario file (YAML or JSON); default: the bundled Armenia–Azerbaijan scenario.",
              completion: .scenarioFile)
    var file: String?

    @OptionGroup var options: OpenOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var importing: ImportFlags

    func run() throws {
        if options.paths { return Open.printPaths() }
        if let manPage = options.manPage {
            guard let page = Manual.page(manPage) else {
                throw ValidationError("--generate-man-page takes \(Manual.pages.joined(separator: ", ")), not '\(manPage)'")
            }
            return Console.out(page.text)
        }
        var settings = Open.defaults()
        try output.apply(to: &settings)
        try Open.start(file: file, commands: options.commands, settings: settings, importing: importing.options)
    }

    /// The settings a session starts with: the config file's, if there is one. Its problems
    /// are printed, located, and the rest of it applies; options given after override it.
    static func defaults() -> Settings {
        var settings = Settings()
        if let problems = ConfigFile.load(path: UserFiles.current.config, into: &settings) {
            Console.err(problems.rendered(carets: true) + "\n")
        }
        return settings
    }

    /// `--paths`: each file for this environment, with what it holds.
    static func printPaths() {
        let listing = UserFiles.current.listing
        let width = listing.map(\.key.count).max() ?? 0
        var out = ""
        for entry in listing {
            let key = entry.key + String(repeating: " ", count: width - entry.key.count)
            out += "\(key)  \(entry.path ?? "(none: HOME is unset, empty or not an absolute path)")  (\(entry.holds))\n"
        }
        Console.out(out)
    }

    /// Opens the scenario and runs the REPL on it: libedit on a terminal, plain lines from
    /// a pipe, or the `-c` commands. `parallax` with no arguments comes straight here (see
    /// `ParallaxCommand.main`), so this is the path whose start-up time users feel.
    static func start(file: String?, commands: String?, settings: Settings, importing: ImportOptions = ImportOptions()) throws {
        // A batch (`-c`, or lines from a pipe) stops on Ctrl-C with status 130.
        if commands != nil || !Console.isTerminal(0) { Signals.stopBatchOnInterrupt() }
        let scenario = try loadScenario(file, importing: importing)
        var session = Session(scenario: scenario)
        session.settings = settings
        var environment = BundledScenario.environment()
        environment.importing = importing
        let interpreter = Interpreter(session: session, environment: environment)
        let repl: REPL
        if let commands {
            repl = REPL(interpreter: interpreter, editor: PlainLineEditor(text: commands))
        } else if Console.isTerminal(0), let editor = EditLineEditor() {
            repl = REPL(interpreter: interpreter, editor: editor, history: History(path: History.defaultPath()))
        } else {
            repl = REPL(interpreter: interpreter, editor: PlainLineEditor())
        }
        let status = repl.run()
        KeptToExit.keep(repl)
        if status != 0 { throw ExitCode(status) }
    }
}

extension CompletionKind {
    /// Scenario files and event-data exports, for shell completion.
    static let scenarioFile = CompletionKind.file(extensions: ["yaml", "yml", "json", "csv", "CSV", "tsv"])
}

/// The scenario at `file` (or the export, opened by its shape), or the bundled one; a bad
/// file prints its errors and exits 1. What an import skipped or repaired is said on a terminal.
func loadScenario(_ file: String?, importing: ImportOptions = ImportOptions()) throws -> Scenario {
    do {
        let scenario: Scenario
        if let file {
            let (options, progress) = OpenProgress.attach(to: importing, file: file)
            defer { progress?.finish() }
            let (opened, report) = try ScenarioFile.open(path: file, options: options)
            progress?.finish()
            if let report, report.skipped > 0 || report.repaired > 0, Console.isTerminal(2) {
                Console.err(report.summary + "\n")
            }
            scenario = opened
        } else {
            scenario = try BundledScenario.load()
        }
        // Opening says only how many warnings there are; `check` lists them.
        if let file, scenario.warningCount > 0 {
            let n = scenario.warningCount
            Console.err("\(file): \(n) warning\(n == 1 ? "" : "s"); 'parallax check \(file)' lists \(n == 1 ? "it" : "them")\n")
        }
        return scenario
    } catch {
        Console.err(error.rendered(carets: true) + "\n")
        throw ExitCode(1)
    }
}
