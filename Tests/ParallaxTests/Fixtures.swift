import Testing
@testable import Parallax

/// Paths and small scenarios shared by the unit tests.
enum Fixtures {
    /// The package root, found from this file's path.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let seedPath = root + "/seeds/armenia-azerbaijan-2021-11.yaml"

    static func seed() throws -> Scenario {
        try ScenarioLoader.load(path: seedPath)
    }

    /// A minimal valid scenario; `extra` is appended at top level (more claims, questions …).
    static let minimal = """
    parallax: 1
    scenario: {id: demo, title: Demo}
    sources:
      - {id: src, publisher: Paper, title: Report, date: 2021-11-16}
    parties:
      - {id: ARM, name: Armenia, role: belligerent}
      - {id: AZE, name: Azerbaijan, role: belligerent}
    actors:
      - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}
    events:
      - {id: clash, date: 2021-11-16, phase: escalation, type: fight, title: Clash, sources: [src]}
      - {id: calm, date: 2021-11-17, phase: de-escalation, type: ceasefire, title: Calm, sources: [src]}
    """

    static func load(_ text: String, path: String = "t.yaml") throws(LoadFailure) -> Scenario {
        try ScenarioLoader.load(bytes: Array(text.utf8), path: path)
    }

    /// The diagnostics a text produces, as `LINE:COL: message` strings.
    /// Checked through both ways of reading a file (whole, and in sections on two threads),
    /// which must agree.
    static func problems(_ text: String) -> [String] {
        let whole = problems(text) { (b: [UInt8]) throws(LoadFailure) in try ScenarioLoader.loadWhole(bytes: b, path: "t.yaml") }
        let inSections = problems(text) { (b: [UInt8]) throws(LoadFailure) in try ScenarioLoader.loadInSections(bytes: b, path: "t.yaml") }
        #expect(whole == inSections, "reading in sections disagrees with reading whole")
        return whole
    }

    /// The diagnostics of bytes read in sections (or, with `whole`, whole).
    static func problemsOf(_ bytes: [UInt8], whole: Bool = false) -> [String] {
        problems(String(decoding: bytes, as: UTF8.self)) { (b: [UInt8]) throws(LoadFailure) in
            whole ? try ScenarioLoader.loadWhole(bytes: b, path: "t.json") : try ScenarioLoader.loadInSections(bytes: b, path: "t.json")
        }
    }

    static func problems(_ text: String, _ load: ([UInt8]) throws(LoadFailure) -> Scenario) -> [String] {
        do {
            _ = try load(Array(text.utf8))
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }
}
