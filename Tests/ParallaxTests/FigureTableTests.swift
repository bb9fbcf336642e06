import Testing
@testable import Parallax

/// Claimed numbers per party's losses and measure, and their summary.
@Suite struct FigureTableTests {
    func group(_ t: FigureTable, _ losses: String?, _ m: Measure) -> FigureTable.Group? {
        t.groups.first { $0.losses == losses && $0.measure == m }
    }

    @Test func rangesAtLeastAndRevisionsInTheSummary() throws {
        let s = try NarrativeFixtures.small()
        let t = FigureTable(Knowledge(scenario: s, position: nil))
        #expect(t.groups.map { "\($0.losses ?? "all") \($0.measure)" } == ["NOR killed", "NOR captured", "SUD wounded"])
        let killed = try #require(group(t, "NOR", .killed))
        #expect(killed.values.map { "\($0.value) \(s.claims[$0.claim].id) \($0.standing)" } == [
            "1 nor-initial revised(by: \"nor-update\")", "30..50 sud-blames current",
            ">=10 wire-toll current", "6 nor-update current",
        ])
        let sum = try #require(killed.summary)
        // Current values only: the superseded 1 is gone; 30..50 gives 30 and 50; >=10 gives
        // 10 to the lowest and leaves the highest open.
        #expect(sum.lowest == 6)
        #expect(sum.highest == .open(atLeast: 50))
        #expect(sum.highest.description == ">=50")
        #expect(sum.spread == nil)
        #expect(sum.ownOfficial.map { s.claims[$0.claim].id } == "nor-update")
        #expect(sum.adversaryOfficial.map { "\($0.value)" } == "30..50")
    }

    @Test func theSummaryFollowsTheCursor() throws {
        let s = try NarrativeFixtures.small()
        let sum = try #require(group(FigureTable(Knowledge(scenario: s, position: 2)), "NOR", .killed)?.summary)
        #expect(sum.lowest == 1 && sum.highest == .bounded(50) && sum.spread == 49)
        #expect(sum.ownOfficial.map { "\($0.value)" } == "1")
        #expect(FigureTable(Knowledge(scenario: s, position: 0)).groups.isEmpty)
    }

    @Test func retractedValuesAreListedButNotSummed() throws {
        let s = try NarrativeFixtures.small()
        let t = FigureTable(Knowledge(scenario: s, position: nil))
        let wounded = try #require(group(t, "SUD", .wounded))
        #expect(wounded.values.map(\.standing) == [.retracted])
        #expect(wounded.summary == nil)
        let captured = try #require(group(t, "NOR", .captured)?.summary)
        #expect(captured.lowest == 12 && captured.highest == .bounded(30) && captured.spread == 18)
        #expect(captured.adversaryOfficial == nil)
    }

    @Test func oneMeasure() throws {
        let t = FigureTable(Knowledge(scenario: try NarrativeFixtures.small(), position: nil), measure: .captured)
        #expect(t.groups.map { "\($0.losses ?? "all") \($0.measure)" } == ["NOR captured"])
    }

    @Test func figuresAsTheAnalystSeesThem() throws {
        let out = NarrativeFixtures.run(try NarrativeFixtures.small(), "figures all")
        #expect(out == """
        Figures
        Every claim, whatever the cursor (all): 7 values in 3 groups.
        Norland (NOR): killed
         value  claimant                  party  status     date        state                  note
        ──────  ────────────────────────  ─────  ─────────  ──────────  ─────────────────────  ────
             1  Norland Defence Ministry  NOR    official   2022-01-01  revised by nor-update
        30..50  Sudmark Defence Ministry  SUD    official   2022-01-01  current
          >=10  Wire Service              —      confirmed  2022-01-03  current
             6  Norland Defence Ministry  NOR    official   2022-01-03  current
        Norland (NOR): captured
        value  claimant                  party  status       date        state    note
        ─────  ────────────────────────  ─────  ───────────  ──────────  ───────  ────
           12  Norland Defence Ministry  NOR    official     2022-01-01  current
           30  Ola Nordmann (MP)         NOR    unconfirmed  2022-01-01  current
        Sudmark (SUD): wounded
        value  claimant              party  status     date        state      note
        ─────  ────────────────────  ─────  ─────────  ──────────  ─────────  ────
            3  Sudmark Press Office  SUD    retracted  2022-01-01  retracted
        Summary (current values)
        losses  measure   lowest  highest  own official                   adversary official                 spread
        ──────  ────────  ──────  ───────  ─────────────────────────────  ─────────────────────────────────  ──────
        NOR     killed         6     >=50  6 (Norland Defence Ministry)   30..50 (Sudmark Defence Ministry)    open
        NOR     captured      12       30  12 (Norland Defence Ministry)  —                                      18
        SUD     wounded        —        —  —                              —                                       —
        """)
    }

    @Test func measureArgument() throws {
        let s = try NarrativeFixtures.small()
        #expect(NarrativeFixtures.run(s, "figures cap all").hasPrefix("Figures: captured\n"))
        #expect(NarrativeFixtures.run(s, "figures all wounded").hasPrefix("Figures: wounded\n"))
        #expect(NarrativeFixtures.run(s, "figures kiled") == """
        figures kiled
                ^^^^^
        error: unknown measure 'kiled' (did you mean 'killed'?); measures: killed, wounded, captured, missing, displaced, casualties
        """)
        #expect(NarrativeFixtures.run(s, "figures all all").hasSuffix("error: unexpected 'all'; usage: figures [MEASURE] [all] [N]"))
    }

    /// A relayed claim's figure names who relayed it (the claim stays its author's party's).
    @Test func aRelayedFigureNamesItsRelayer() throws {
        let yaml = NarrativeFixtures.smallYAML.replacingOccurrences(
            of: "    quote: stop now\n", with: "    quote: stop now\n    figures: [{party: SUD, wounded: 4}]\n")
        let out = NarrativeFixtures.run(try Fixtures.load(yaml, path: "relayed.yaml"), "figures wounded all")
        #expect(out.contains("""
                3  Sudmark Press Office                       SUD    retracted  2022-01-01  retracted
                4  Mediatian Envoy, per Sudmark Press Office  MED    official   2022-01-02  current
            """), "\(out)")
    }
}
