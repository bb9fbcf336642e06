import Foundation
import Testing
@testable import Parallax

/// The second example scenario (Scenarios/galwan-2020-06.yaml, the India–China clash of
/// June 2020), written from the public record by someone who did not write the seed: the
/// verdicts an analyst reading the sources would give, and golden transcripts of
/// `compare`, `diff`, `figures` and `show QUESTION`, checked by hand against the sources.
/// PARALLAX_UPDATE_GOLDEN=1 rewrites the golden files; read the diff before committing.
@Suite struct GalwanScenarioTests {
    static let path = Fixtures.root + "/Tests/ParallaxTests/Scenarios/galwan-2020-06.yaml"

    static func scenario() throws -> Scenario { try ScenarioLoader.load(path: path) }

    static let cases: [(file: String, commands: String)] = [
        ("galwan-compare.txt", "end; compare IND CHN"),
        ("galwan-compare-2020-06-21.txt", "goto vk-singh-remarks; compare IND CHN"),
        ("galwan-diff.txt", "end; diff IND CHN"),
        ("galwan-figures.txt", "end; figures"),
        ("galwan-show-chn-killed.txt", "end; show chn-killed"),
        ("galwan-show-ind-killed.txt", "goto ind-army-toll-20; show ind-killed"),
        ("galwan-show-ind-held.txt", "end; show ind-held"),
    ]

    @Test(arguments: cases.map(\.file))
    func golden(_ file: String) throws {
        let commands = try #require(Self.cases.first { $0.file == file }?.commands)
        try GoldenFile.check(GoldenFile.transcript(try Self.scenario(), commands), file)
    }

    func verdicts(at position: Int?) throws -> [String: String] {
        let c = Comparison(Knowledge(scenario: try Self.scenario(), position: position), parties: ["IND", "CHN"])
        var out: [String: String] = [:]
        for r in c.questions { out[r.question.id] = r.verdict.rawValue + (r.judgement.flagText.isEmpty ? "" : " (\(r.judgement.flagText))") }
        for r in c.figures { out["\(r.losses ?? "all") \(r.measure)"] = r.verdict.rawValue + (r.judgement.flagText.isEmpty ? "" : " (\(r.judgement.flagText))") }
        return out
    }

    /// What the sources support, as an analyst would sign it.
    @Test func theVerdictsAfterChinaNamedItsDead() throws {
        #expect(try verdicts(at: nil) == [
            // Each government blames the other.
            "who-started": "contradict",
            // Only India counts its own dead (20, after 3); TASS's 20 agrees with it.
            "ind-killed": "one-sided",
            // India's minister: at least 40; China: 4. Both cannot be true; the US
            // magazine's 35 fits neither, TASS's 45 fits India's floor.
            "chn-killed": "diverge (others differ)",
            // Both governments say no one is held; the newspaper reports ten handed back.
            "ind-held": "agree (others differ)",
            // Killed and wounded together, from a news agency only: never set against `killed`.
            "CHN casualties": "open",
        ])
    }

    @Test func beforeChinaSpokeItsLossesWereWithheld() throws {
        let s = try Self.scenario()
        let at = try #require(s.positionOfEvent["vk-singh-remarks"])
        #expect(try verdicts(at: at)["chn-killed"] == "one-sided (withheld by CHN, others differ)")
        // Before India's minister spoke, China's silence and a magazine's figure: open, never a contradiction.
        let before = try #require(s.positionOfEvent["fm-briefing-0617"])
        #expect(try verdicts(at: before)["chn-killed"] == "open (withheld by CHN)")
    }

    @Test func theFlagsAreDataInJSON() throws {
        let interpreter = Interpreter(session: Session(scenario: try Self.scenario()))
        _ = interpreter.execute(line: "goto vk-singh-remarks")
        guard case .success(let doc)? = interpreter.execute(line: "compare IND CHN").last?.result else {
            Issue.record("compare failed")
            return
        }
        let json = Renderer.render(doc, RenderOptions(format: .json))
        #expect(json.contains(#""verdict": "one-sided", "flag": "withheld by CHN, others differ", "ids": "#))
        #expect(json.contains(#""flags": [{"flag": "withheld by", "party": "CHN"}, {"flag": "others differ", "party": null}]"#))
        let markdown = Renderer.render(doc, RenderOptions(format: .markdown))
        #expect(markdown.contains("| one-sided | withheld by CHN, others differ |"))
    }

    @Test func claimsAreFoundByWhenTheyWereSaid() throws {
        let s = try Self.scenario()
        let out = NarrativeFixtures.run(s, "claims all where date >= 2021")
        #expect(out.contains("tass-45-killed    2021-02-10") && out.contains("chn-cmc-4-killed  2021-02-19"))
        #expect(!out.contains("ind-army"))
    }

    @Test func theDisputedInitiatorIsShownEverywhere() throws {
        let s = try Self.scenario()
        #expect(NarrativeFixtures.run(s, "show galwan-clash").contains("actors:      China ↔ India (initiator disputed)"))
        #expect(NarrativeFixtures.run(s, "events").contains("Hand-to-hand clash in the Galwan Valley — China ↔ India (initiator disputed)"))
        #expect(NarrativeFixtures.run(s, "end; narrative IND").contains("China ↔ India (initiator disputed)"))
    }

    @Test func itLoadsWithoutWarnings() throws {
        #expect(try Self.scenario().warnings.map(\.description) == [])
    }
}
