import Testing
@testable import Parallax

/// Large outputs are built and laid out in two halves on two cores. Splitting must change
/// nothing a user sees: every command here is rendered with the work split wherever it can
/// be (down to two items, so small scenarios reach every split path and its edges) and on
/// one core, and the two must be the same bytes.
@Suite("Two cores")
struct TwoCoresTests {
    static let renderings = [
        RenderOptions(format: .text, width: 100),
        RenderOptions(format: .text, width: 44, color: true),
        RenderOptions(format: .text, width: 25, unicode: false),
        RenderOptions(format: .json),
        RenderOptions(format: .markdown),
    ]

    /// The output of `setup` then `line` on a fresh session, in every rendering.
    static func outputs(_ scenario: Scenario, setup: String, line: String, mode: Concurrently.Mode) -> [String] {
        Concurrently.$mode.withValue(mode) {
            let interpreter = Interpreter(session: Session(scenario: scenario))
            _ = interpreter.execute(line: setup)
            let outcomes = interpreter.execute(line: line)
            return renderings.flatMap { options in
                outcomes.map { o -> String in
                    switch o.result {
                    case .success(let d): return Renderer.render(d, options)
                    case .failure(let e): return e.rendered
                    }
                }
            }
        }
    }

    static func scenario(_ path: String) throws -> Scenario { try ScenarioLoader.load(path: Fixtures.root + "/" + path) }

    @Test(arguments: [
        "claims", "claims all", "claims where party = NOR", "narrative NOR", "narrative NOR SUD",
        "narrative NOR SUD KVR RUV all", "find a", "find ceasefire", "events", "compare NOR SUD KVR",
        "figures all", "show NOR", "escalation", "contacts",
    ])
    func aGeneratedScenarioReadsTheSameSplitOrNot(line: String) throws {
        let scenario = try Self.scenario("Fuzz/corpus/loader/generated-12.yaml")
        for setup in ["end", "goto #6", "start"] {
            let split = Self.outputs(scenario, setup: setup, line: line, mode: .always)
            let whole = Self.outputs(scenario, setup: setup, line: line, mode: .never)
            #expect(split == whole, "\(setup); \(line)")
            if setup == "end" { #expect(split.contains { $0.count > 200 }, "\(line): the command showed something") }
        }
    }

    @Test(arguments: ["claims all", "narrative ARM AZE RUS", "narrative AZE all", "find ceasefire", "events"])
    func theSeedReadsTheSameSplitOrNot(line: String) throws {
        let seed = try Fixtures.seed()
        for setup in ["end", "goto #7"] {
            #expect(Self.outputs(seed, setup: setup, line: line, mode: .always)
                    == Self.outputs(seed, setup: setup, line: line, mode: .never), "\(setup); \(line)")
        }
    }

    /// A table with long wrapped text, non-ASCII and control characters, numbers, marked
    /// rows and one odd row out, at widths that shrink columns to their longest word and
    /// beyond: laid out in two halves, it is the same as laid out whole.
    @Test(arguments: [1, 2, 3, 40, 301])
    func aTableLaidOutInHalvesIsTheSameAsWhole(rows: Int) {
        let words = ["ceasefire", "Nagorno-Karabakh", "état", "—", "shelling", "a", "verylongidentifierwithoutspaces-0123456789",
                     "Tavush\tRidge", "x\u{7}y", "naïve", "👍🏽", "e\u{301}", "123", "positions", "  two  spaces "]
        var table = Table(name: "Test", columns: [.init("n", numeric: true), .init("id"), .init("text"), .init("note")],
                          showsMarker: true)
        for r in 0..<rows {
            let text = (0..<(r % 17)).map { words[($0 * 7 + r) % words.count] }.joined(separator: r % 5 == 0 ? "\n" : " ")
            table.rows.append(Table.Row([String(r * 37 % 1000), "row-\(r)-" + words[r % words.count], text,
                                         r % 3 == 0 ? "" : words[(r + 3) % words.count]], marked: r == rows / 2))
        }
        let document = Document(command: "test", blocks: [.title("A table"), .table(table), .notice("after")])
        for width in [120, 60, 30, 12] {
            for options in [RenderOptions(width: width), RenderOptions(width: width, color: true, unicode: false)] {
                let split = Concurrently.$mode.withValue(.always) { Renderer.render(document, options) }
                let whole = Concurrently.$mode.withValue(.never) { Renderer.render(document, options) }
                #expect(split == whole, "width \(width)")
            }
        }
    }

    @Test func halvesAreJoinedInOrder() {
        for count in [0, 1, 2, 3, 7, 1000] {
            let split = Concurrently.$mode.withValue(.always) {
                Concurrently.inHalves(count, threshold: 1_000_000) { range in range.map { $0 * 3 } }
            }
            #expect(split == (0..<count).map { $0 * 3 })
        }
    }
}
