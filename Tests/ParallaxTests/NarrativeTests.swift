import Testing
@testable import Parallax

/// Accounts, side-by-side accounts, and the links between claims as of the cursor.
@Suite struct NarrativeTests {
    func ids(_ n: Narrative, _ scenario: Scenario) -> [String] {
        n.steps.map { step in
            "#\(step.position) " + step.claims.map { $0.map { scenario.claims[$0].id }.joined(separator: ",") }
                .map { $0.isEmpty ? "—" : $0 }.joined(separator: " | ")
        }
    }

    @Test func anAccountGrowsWithTheCursor() throws {
        let s = try NarrativeFixtures.small()
        #expect(ids(Narrative(Knowledge(scenario: s, position: 0), parties: ["NOR"]), s) == [])
        #expect(ids(Narrative(Knowledge(scenario: s, position: 1), parties: ["NOR"]), s) == ["#1 nor-initial,nor-mp-30"])
        #expect(ids(Narrative(Knowledge(scenario: s, position: 3), parties: ["NOR"]), s)
                == ["#1 nor-initial,nor-mp-30,nor-denies,nor-update", "#2 —", "#3 —"])
    }

    @Test func aMediatorHasAnAccountAndARelayerDoesNotOwnIt() throws {
        let s = try NarrativeFixtures.small()
        let all = Knowledge(scenario: s, position: nil)
        // The envoy is not a party to the ceasefire, but spoke about it.
        #expect(ids(Narrative(all, parties: ["MED"]), s) == ["#2 med-urges", "#4 med-truce"])
        // Relayed by Sudmark's press office, the envoy's words stay Mediatia's.
        #expect(!ids(Narrative(all, parties: ["SUD"]), s).joined().contains("med-urges"))
        // A source's claim belongs to no party's account.
        #expect(!ids(Narrative(all, parties: ["NOR", "SUD", "MED"]), s).joined().contains("wire-toll"))
    }

    @Test func sideBySideAlignsByEventAndShowsSilence() throws {
        let s = try NarrativeFixtures.small()
        let n = Narrative(Knowledge(scenario: s, position: nil), parties: ["SUD", "MED"])
        #expect(ids(n, s) == ["#1 sud-blames,sud-no-shelling | —", "#2 — | med-urges", "#4 sud-truce | med-truce", "#5 — | —"])
        #expect(n.steps.map(\.participants) == [["SUD"], ["MED", "SUD"], ["SUD"], ["SUD"]])
    }

    @Test func linksAreDerivedAsOfTheCursor() throws {
        let s = try NarrativeFixtures.small()
        let blames = 2, initial = 0, medTruce = 10
        let k1 = Knowledge(scenario: s, position: 1), k5 = Knowledge(scenario: s, position: 5)
        #expect(k1.denials(of: blames).isEmpty)
        #expect(k5.denials(of: blames).map { s.claims[$0].id } == ["nor-denies"])
        #expect(Knowledge(scenario: s, position: 4).confirmations(of: medTruce).isEmpty)
        #expect(k5.confirmations(of: medTruce).map { s.claims[$0].id } == ["sud-truce"])
        #expect(Knowledge(scenario: s, position: 2).revisions(of: initial).isEmpty)
        #expect(k5.revisions(of: initial).map { s.claims[$0].id } == ["nor-update"])
        #expect(k5.standing(of: .answer(question: "q-dead"), in: initial) == .revised(by: "nor-update"))
        #expect(k5.standing(of: .answer(question: "q-captured"), in: initial) == .current)
        #expect(k5.standing(of: .figure(party: "NOR", measure: .killed), in: initial) == .revised(by: "nor-update"))
        #expect(k5.standing(of: .figure(party: "NOR", measure: .captured), in: initial) == .current)
        #expect(k5.standing(of: .answer(question: "q-shelling"), in: 3) == .retracted)
    }

    static let chainYAML = """
    parallax: 1
    scenario: {id: chain, title: Revisions in a chain}
    sources: [{id: s, publisher: P, title: T, date: "2022"}]
    parties: [{id: A, name: Aland, role: belligerent}, {id: B, name: Bland, role: belligerent}]
    events:
      - {id: e1, date: "2022-01-01", phase: escalation, type: fight, actors: [A, B], title: One, sources: [s]}
      - {id: e2, date: "2022-01-02", phase: escalation, type: statement, actors: [A], title: Two, sources: [s]}
      - {id: e3, date: "2022-01-03", phase: escalation, type: statement, actors: [A], title: Three, sources: [s]}
      - {id: e4, date: "2022-01-04", phase: escalation, type: statement, actors: [A], title: Four, sources: [s]}
    questions:
      - {id: q1, text: One?, about: e1}
      - {id: q2, text: Two?, about: e1}
    claims:
      - {id: c1, by: A, about: e1, says: x, status: official, answers: {q1: "1", q2: "yes"}, sources: [s]}
      - {id: c2, by: A, about: e1, known_at: e2, revises: c1, says: x, status: official, answers: {q1: "2"}, sources: [s]}
      - {id: c3, by: A, about: e1, known_at: e3, revises: c2, says: x, status: official, answers: {q2: "no"}, sources: [s]}
      - {id: c4, by: A, about: e1, known_at: e4, revises: c3, says: x, status: retracted, answers: {q1: "9"}, sources: [s]}
    """

    @Test func revisionsFollowAChainPartByPart() throws {
        let s = try ScenarioLoader.load(bytes: Array(Self.chainYAML.utf8), path: "chain.yaml")
        func current(_ position: Int) -> [String] {
            Comparison(Knowledge(scenario: s, position: position), parties: ["A"]).questions
                .map { "\($0.question.id)=" + $0.positions[0].map { "\($0.answer)@\(s.claims[$0.claim].id)" }.joined(separator: ",") }
        }
        #expect(current(1) == ["q1=1@c1", "q2=yes@c1"])
        #expect(current(2) == ["q1=2@c2", "q2=yes@c1"])
        // c3 revises c2 but restates q2, which only c1 had stated: the chain carries it up.
        #expect(current(3) == ["q1=2@c2", "q2=no@c3"])
        // A retracted revision supersedes nothing and counts for nothing.
        #expect(current(4) == ["q1=2@c2", "q2=no@c3"])
        let k = Knowledge(scenario: s, position: 3)
        #expect(k.standing(of: .answer(question: "q2"), in: 0) == .revised(by: "c3"))
        #expect(k.standing(of: .answer(question: "q1"), in: 0) == .revised(by: "c2"))
    }

    @Test func narrativeAsTheAnalystSeesIt() throws {
        let out = NarrativeFixtures.run(try NarrativeFixtures.small(), "end; narrative med all")
        #expect(out == """
        Narrative of Mediatia (MED), mediator
        Every claim, whatever the cursor (all): 2 events, 2 claims.
          #  event                        MED
          ─  ───────────────────────────  ───────────────────────────────────────────────────────────────
          2  2022-01-02 · mediate         Mediatian Envoy, per Sudmark Press Office, official [med-urges]
             Envoy calls both ministries  The envoy urged restraint.
                                          “stop now”
          4  2022-01-04 · ceasefire       Mediatian Envoy, official [med-truce]
             Guns fall silent             Both sides have stopped firing.
                                          confirmed by sud-truce (Sudmark)
        """)
    }

    @Test func revisedDeniedAndRetractedClaimsAreShownAndMarked() throws {
        let out = NarrativeFixtures.run(try NarrativeFixtures.small(), "goto e3; narrative NOR SUD")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains("     Skirmish at the pass         Sudmark attacked; one soldier died and twelve were captured.    Norland opened fire; between 30 and 50 Norlanders died."))
        #expect(lines.contains("                                  revised by nor-update                                           denied by nor-denies (Norland Defence Ministry, NOR)"))
        #expect(lines.contains("                                  Ola Nordmann (MP), unconfirmed [nor-mp-30]                      Sudmark Press Office, retracted [sud-no-shelling]"))
        #expect(lines.contains("                                  Norland Defence Ministry, official, known from #3 [nor-update]"))
        #expect(lines.contains("▶ 3  2022-01-03 · statement       made known here: see #1 [nor-update]                            —"))
        // One step back: the revision is not known yet, so nothing is marked revised.
        let before = NarrativeFixtures.run(try NarrativeFixtures.small(), "goto e3; back; narrative NOR")
        #expect(!before.contains("revised by") && !before.contains("nor-update"))
    }

    @Test func nothingKnownYet() throws {
        #expect(NarrativeFixtures.run(try NarrativeFixtures.small(), "narrative NOR") == """
        Narrative of Norland (NOR), belligerent
        As of 0/5, before the first event: 0 events, 0 claims.
        Nothing known yet about NOR; 'step' to advance, or add 'all'.
        """)
    }
}
