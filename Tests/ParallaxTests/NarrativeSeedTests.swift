import Testing
@testable import Parallax

/// The issue's "done when", on the bundled seed: what `compare` shows at the clash, after
/// the end of the fighting, and one step before the clash.
@Suite struct NarrativeSeedTests {
    func lines(_ commands: String) throws -> [String] {
        NarrativeFixtures.run(try NarrativeFixtures.seed(), commands).split(separator: "\n").map(String.init)
    }

    @Test func atTheClashEachSideBlamesTheOther() throws {
        let out = try lines("goto clash-2021-11-16; compare ARM AZE")
        #expect(out.contains("who-started      AZE — Armenian Defense Ministry, official         ARM — Azerbaijani government, official  —                                      contradict"))
        #expect(out.contains("may-incursion    yes — Armenia, official                           no — Azerbaijan, official               —                                      contradict"))
    }

    @Test func atTheClashTheArmenianTollIsSplitBetweenMinistryAndLawmaker() throws {
        let out = try lines("goto clash-2021-11-16; compare ARM AZE")
        let i = try #require(out.firstIndex { $0.hasPrefix("arm-killed") })
        #expect(out[i] == "arm-killed       1 — Armenian Defense Ministry, official           —                                       —                                      one-sided   internal split")
        #expect(out[i + 1] == "                 15 — Eduard Aghajanyan (lawmaker), unconfirmed")
    }

    @Test func theEndOfFightingIsReportedByRussiaAndConfirmedByArmenia() throws {
        let out = try lines("end; compare ARM AZE RUS")
        let row = try #require(out.first { $0.hasPrefix("fighting-stopped") })
        #expect(row.contains("yes — Armenian Defense Ministry, official"))
        #expect(row.contains("yes — Russian Defense Ministry, official; confirmed by Armenian Defense Ministry (ARM)"))
        #expect(row.hasSuffix("agree"))
        // Before Armenia's confirmation is known, Russia's report stands alone.
        let earlier = try lines("goto hostilities-cease; compare ARM AZE RUS")
        let row14 = try #require(earlier.first { $0.hasPrefix("fighting-stopped") })
        #expect(row14.contains("yes — Russian Defense Ministry, official") && !row14.contains("confirmed by"))
        #expect(row14.hasSuffix("one-sided"))
    }

    @Test func backBeforeTheClashShowsOnlyWhatWasKnownThen() throws {
        #expect(NarrativeFixtures.run(try NarrativeFixtures.seed(), "goto clash-2021-11-16; back; compare ARM AZE") == """
        ARM, AZE compared
        As of 8/15 (2021-11-15, Pashinyan charges Azerbaijan with an incursion into Armenia): 3 questions, 0 figure rows.
        Questions
        question         ARM                                               AZE                        others                                 verdict     flag
        ───────────────  ────────────────────────────────────────────────  ─────────────────────────  ─────────────────────────────────────  ──────────  ────
        war-toll         —                                                 —                          >=6600 — Los Angeles Times, confirmed  open
        may-incursion    yes — Armenia, official                           no — Azerbaijan, official  —                                      contradict
        nov15-incursion  yes — Nikol Pashinyan (Prime Minister), official  —                          —                                      one-sided
        No figures claimed yet beyond those the questions show.
        """)
    }

    @Test func partiesMatchExactlyThenIgnoringCase() throws {
        let s = try NarrativeFixtures.seed()
        #expect(NarrativeFixtures.run(s, "end; compare arm Aze") == NarrativeFixtures.run(s, "end; compare ARM AZE"))
        #expect(NarrativeFixtures.run(s, "narrative rus").hasPrefix("Narrative of Russia (RUS), mediator\n"))
    }

    @Test func argumentErrorsPointAtTheWord() throws {
        let s = try NarrativeFixtures.seed()
        #expect(NarrativeFixtures.run(s, "compare ARM AZR") == """
        compare ARM AZR
                    ^^^
        error: unknown party 'AZR' (did you mean 'AZE'?); parties: ARM, AZE, RUS, EU, NKR
        """)
        #expect(NarrativeFixtures.run(s, "narrative arm-mod") == """
        narrative arm-mod
                  ^^^^^^^
        error: 'arm-mod' is an actor of ARM, not a party; parties: ARM, AZE, RUS, EU, NKR
        """)
        #expect(NarrativeFixtures.run(s, "compare ARM") == """
        compare ARM
                    ^
        error: compare needs at least 2 parties; parties: ARM, AZE, RUS, EU, NKR
        """)
        #expect(NarrativeFixtures.run(s, "diff ARM AZE RUS").hasSuffix("error: diff takes 2 parties; usage: diff PARTY PARTY [all] [N]"))
        #expect(NarrativeFixtures.run(s, "compare ARM arm").hasSuffix("error: ARM is listed twice; usage: compare PARTY PARTY… [all] [N]"))
    }

    @Test func diffLeavesOutAgreement() throws {
        let out = try lines("end; diff ARM RUS")
        #expect(!out.contains { $0.hasPrefix("fighting-stopped") })
        // Azerbaijan, outside the pair, blames Armenia: a version neither compared party gives.
        #expect(out.contains { $0.hasPrefix("who-started") && $0.hasSuffix("one-sided  others differ") })
    }

    @Test func everyFormatRendersTheComparison() throws {
        let interpreter = Interpreter(session: Session(scenario: try NarrativeFixtures.seed()))
        _ = interpreter.execute(line: "goto clash-2021-11-16")
        guard case .success(let doc)? = interpreter.execute(line: "compare ARM AZE").last?.result else {
            Issue.record("compare failed")
            return
        }
        let json = Renderer.render(doc, RenderOptions(format: .json))
        // Typed: each party's answers as objects, the verdict and flags as their own keys.
        #expect(json.contains(#"{"question": "who-started", "arm": [{"value": "AZE", "claim": "arm-mod-blames-aze", "claimant": "arm-mod", "party": "ARM", "status": "official", "state": "current"}], "aze": [{"value": "ARM", "claim": "aze-gov-blames-arm", "claimant": "aze-gov", "party": "AZE", "status": "official", "state": "current"}], "others": [], "verdict": "contradict", "flag": null, "ids": {"event": "clash-2021-11-16", "question": "who-started"}, "flags": []}"#))
        let markdown = Renderer.render(doc, RenderOptions(format: .markdown))
        #expect(markdown.contains("| arm-killed | 1 — Armenian Defense Ministry, official<br>15 — Eduard Aghajanyan (lawmaker), unconfirmed | — | — | one-sided | internal split |"))
    }
}
