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

    /// A claims list valid against `minimal`, to end a text with: a text that ends in a
    /// claims list of two items or more is read in two parts when large, so that
    /// `problems` can check both ways of reading on it.
    static let claims = """

    claims:
      - {id: said-1, by: arm-mod, about: clash, says: Shelling, status: official, sources: [src]}
      - {id: said-2, by: AZE, about: clash, says: Calm, status: official, sources: [src]}

    """

    /// `claims` about the other event, for texts that take `clash` away.
    static let claimsAboutCalm = claims.replacing("about: clash", with: "about: calm")

    static func load(_ text: String, path: String = "t.yaml") throws(LoadFailure) -> Scenario {
        try ScenarioLoader.load(bytes: Array(text.utf8), path: path)
    }

    /// The diagnostics a text produces, as `LINE:COL: message` strings, read whole and in
    /// two parts cut at items of its claims list after the first (a dozen at most, spread from
    /// first to last), which must all agree.
    /// The text must be one that is read in two parts when large (a claims list of two items
    /// or more, last): a test of one that is not says so with `wholeFileProblems`.
    static func problems(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        let whole = wholeFileProblems(text)
        let cuts = twoPartProblems(Array(text.utf8), most: 12)
        #expect(!cuts.isEmpty, "the text cannot be read in two parts", sourceLocation: sourceLocation)
        for (cut, problems) in cuts {
            #expect(problems == whole, "reading in two parts cut at byte \(cut) disagrees with reading whole",
                    sourceLocation: sourceLocation)
        }
        return whole
    }

    /// The diagnostics of a text that is read whole at any size: it cannot be cut (a syntax
    /// error, no claims list), as `twoPartProblems` shows.
    static func wholeFileProblems(_ text: String) -> [String] {
        problems(text) { (b: [UInt8]) throws(LoadFailure) in try ScenarioLoader.loadWhole(bytes: b, path: "t.yaml") }
    }

    /// The diagnostics of bytes read in two parts, for every cut (by the byte the second
    /// part starts at); empty when the text cannot be read in two parts. With `most`, only
    /// that many cuts spread from first to last are loaded: a cut at each of thousands of
    /// claims would load the text thousands of times.
    static func twoPartProblems(_ bytes: [UInt8], most: Int? = nil) -> [(cut: Int, problems: [String])] {
        var targets: [Int] = []
        var target = 0
        while let parts = bytes.withUnsafeBufferPointer({ TwoParts.yaml($0, target: target) ?? TwoParts.json($0, target: target) }) {
            targets.append(target)
            target = parts.second.lowerBound + 1
        }
        if let most, targets.count > most, most > 1 {
            targets = (0..<most).map { targets[$0 * (targets.count - 1) / (most - 1)] }
        }
        var out: [(Int, [String])] = []
        for target in targets {
            guard let parts = bytes.withUnsafeBufferPointer({ TwoParts.yaml($0, target: target) ?? TwoParts.json($0, target: target) }),
                  let result = ScenarioLoader.loadInTwoParts(bytes: bytes, path: "t.yaml", target: target) else { break }
            out.append((parts.second.lowerBound, diagnostics(result)))
        }
        return out
    }

    static func diagnostics(_ result: Result<Scenario, LoadFailure>) -> [String] {
        switch result {
        case .success: []
        case .failure(let error): error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
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
