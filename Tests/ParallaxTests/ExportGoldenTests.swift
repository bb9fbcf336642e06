import Foundation
import Testing
@testable import Parallax

/// Golden files of the exports and of the JSON of every command on the bundled scenario,
/// under Golden/export/. To accept a deliberate change, run the tests with
/// PARALLAX_UPDATE_GOLDEN=1 (which rewrites the files), then read the diff before committing.
@Suite struct ExportGoldenTests {
    /// The seed as the binary names it, so paths in the output are the same on every machine.
    static func interpreter() throws -> Interpreter {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Fixtures.seedPath)))
        let scenario = try ScenarioLoader.load(bytes: bytes, path: "seeds/armenia-azerbaijan-2021-11.yaml")
        return Interpreter(session: Session(scenario: scenario))
    }

    static func compare(_ actual: String, _ file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try GoldenFile.check(actual, "export/" + file, sourceLocation: sourceLocation)
    }

    static let exports: [(file: String, format: ExportFormat, setup: String)] = [
        ("escalation.svg", .svg, "goto #11"),
        ("events.csv", .csv, "goto #11"),
        ("figures.csv", .csv, "end; figures all"),
        ("timeline.json", .timelinejs, "goto #11"),
        ("report.md", .md, "goto #11"),
    ]

    @Test(arguments: exports.map(\.file))
    func export(_ file: String) throws {
        let spec = try #require(Self.exports.first { $0.file == file })
        let interpreter = try Self.interpreter()
        _ = interpreter.execute(line: spec.setup)
        try Self.compare(try spec.format.content(interpreter), file)
    }

    /// One line a command; together they run every command of the language but the ones
    /// that read or write files or end the session.
    static let commands = [
        "help", "help goto", "info", "where", "events", "events where phase = mediation", "parties", "actors",
        "actors where party = RUS", "sources", "questions", "claims all", "claims where party = ARM", "find killed",
        "show", "step", "step 2", "back", "goto #9", "show", "show arm-mod-blames-aze", "show ARM", "show who-started",
        "show latimes", "show shoigu", "narrative ARM", "narrative ARM AZE", "compare ARM AZE", "compare ARM AZE RUS all",
        "diff ARM AZE", "figures", "figures killed all", "escalation", "contacts", "echo hello", "expect clash",
        "break hostilities-cease", "break", "watch killed ARM", "watch", "start", "continue", "delete 1", "delete 2", "end",
        "trace who-started ARM AZE all", "history", "set width 100", "set",
        "goto nowhere",
    ]

    /// Every command's JSON, one document a line, as `--format json` prints them.
    @Test func jsonOfEveryCommand() throws {
        let interpreter = try Self.interpreter()
        var lines: [String] = []
        for command in Self.commands {
            for outcome in interpreter.execute(line: command) {
                let json: String
                switch outcome.result {
                case .success(let d): json = Renderer.render(d, RenderOptions(format: .json))
                case .failure(let e): json = Renderer.render(e, command: outcome.command, RenderOptions(format: .json))
                }
                #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(command): not JSON")
                lines.append(json)
            }
        }
        try Self.compare(lines.joined(separator: "\n") + "\n", "every-command.jsonl")
        let covered = Set(Self.commands.map { String($0.prefix { $0 != " " }) })
        let left = ["source", "record", "load", "reload", "quit", "export"]
        for spec in CommandTable.all where !left.contains(spec.name) {
            #expect(covered.contains(spec.name), "\(spec.name) has no line in the JSON golden")
        }
    }
}
