import Testing
@testable import Parallax

/// Verdicts, internal splits, revisions and denials in `compare` and `diff`.
@Suite struct ComparisonTests {
    func comparison(at position: Int?, _ parties: [String] = ["NOR", "SUD"]) throws -> Comparison {
        Comparison(Knowledge(scenario: try NarrativeFixtures.small(), position: position), parties: parties)
    }

    func row(_ c: Comparison, _ question: String) -> Comparison.QuestionRow? {
        c.questions.first { $0.question.id == question }
    }

    func answers(_ c: Comparison, _ question: String, _ party: Int, in scenario: Scenario) -> [String] {
        (row(c, question)?.positions[party] ?? []).map { "\($0.answer) by \(scenario.claims[$0.claim].id)" }
    }

    @Test func everyVerdictAtTheSkirmish() throws {
        let c = try comparison(at: 1)
        #expect(c.questions.map(\.question.id) == ["q-start", "q-dead", "q-captured", "q-shelling", "q-chem"])
        #expect(c.questions.map(\.verdict) == [.contradict, .diverge, .oneSided, .oneSided, .open])
        #expect(row(c, "q-captured")?.split == ["NOR"])
        // The retracted "no shelling" is shown in narratives but never counted: no split.
        #expect(row(c, "q-shelling")?.split == [])
    }

    @Test func agreeNeedsTwoPartiesGivingTheSameAnswer() throws {
        let before = try comparison(at: 4)
        #expect(row(before, "q-truce")?.verdict == .oneSided)  // Sudmark's word is known only at e5
        let after = try comparison(at: 5, ["NOR", "SUD", "MED"])
        #expect(row(after, "q-truce")?.verdict == .agree)
        #expect(row(after, "q-truce")?.positions.map(\.count) == [1, 1, 1])
    }

    @Test func aRevisionReplacesOnlyWhatItRestatesAndOnlyOnceKnown() throws {
        let scenario = try NarrativeFixtures.small()
        let at2 = try comparison(at: 2), at3 = try comparison(at: 3)
        #expect(answers(at2, "q-dead", 0, in: scenario) == ["1 by nor-initial"])
        #expect(answers(at3, "q-dead", 0, in: scenario) == ["6 by nor-update"])
        // The revision says nothing of who started it or of captives: those still stand.
        #expect(answers(at3, "q-start", 0, in: scenario) == ["SUD by nor-initial"])
        #expect(answers(at3, "q-captured", 0, in: scenario) == ["12 by nor-initial", "30 by nor-mp-30"])
        #expect(at3.figures.first { $0.losses == "NOR" && $0.measure == .killed }?.values[0].map(\.value) == [.exact(6)])
    }

    @Test func aDeniedClaimStillCountsForItsParty() throws {
        let scenario = try NarrativeFixtures.small()
        let c = try comparison(at: 2)
        #expect(answers(c, "q-start", 1, in: scenario) == ["NOR by sud-blames"])
        #expect(row(c, "q-start")?.verdict == .contradict)
    }

    @Test func figuresAreComparedWithTheSameVerdicts() throws {
        let c = try comparison(at: 1)
        #expect(c.figures.map { "\($0.losses ?? "all") \($0.measure) \($0.verdict.rawValue) \($0.split)" }
                == ["NOR killed diverge []", "NOR captured one-sided [\"NOR\"]"])
    }

    @Test func diffKeepsEveryRowButAgreement() throws {
        let c = try comparison(at: nil)
        #expect(c.questions.contains { $0.question.id == "q-truce" && $0.verdict == .agree })
        #expect(c.disagreements.questions.map(\.question.id) == ["q-start", "q-dead", "q-captured", "q-shelling", "q-chem"])
    }

    @Test func compareAsTheAnalystSeesIt() throws {
        let out = NarrativeFixtures.run(try NarrativeFixtures.small(), "goto e3; compare nor sud med")
        #expect(out == """
        NOR, SUD, MED compared
        As of 3/5 (2022-01-03, Norland updates its toll): 5 questions, 2 figure rows.
        Questions
        question    NOR                                       SUD                                                                                    MED  others  verdict     flag
        ──────────  ────────────────────────────────────────  ─────────────────────────────────────────────────────────────────────────────────────  ───  ──────  ──────────  ──────────────
        q-start     SUD — Norland Defence Ministry, official  NOR — Sudmark Defence Ministry, official; denied by Norland Defence Ministry (NOR)     —    —       contradict
        q-dead      6 — Norland Defence Ministry, official    30..50 — Sudmark Defence Ministry, official; denied by Norland Defence Ministry (NOR)  —    —       diverge
        q-captured  12 — Norland Defence Ministry, official   —                                                                                      —    —       one-sided   internal split
                    30 — Ola Nordmann (MP), unconfirmed
        q-shelling  —                                         yes — Sudmark Defence Ministry, official; denied by Norland Defence Ministry (NOR)     —    —       one-sided
        q-chem      —                                         —                                                                                      —    —       open
        Figures
        losses  measure   NOR                                      SUD                                                                                    MED  others                          verdict    flag
        ──────  ────────  ───────────────────────────────────────  ─────────────────────────────────────────────────────────────────────────────────────  ───  ──────────────────────────────  ─────────  ──────────────
        NOR     killed    6 — Norland Defence Ministry, official   30..50 — Sudmark Defence Ministry, official; denied by Norland Defence Ministry (NOR)  —    >=10 — Wire Service, confirmed  diverge
        NOR     captured  12 — Norland Defence Ministry, official  —                                                                                      —    —                               one-sided  internal split
                          30 — Ola Nordmann (MP), unconfirmed
        """)
    }

    @Test func diffWithNothingToShow() throws {
        let out = NarrativeFixtures.run(try NarrativeFixtures.small(), "diff NOR SUD")
        #expect(out == """
        Where NOR, SUD differ
        As of 0/5, before the first event: 0 questions, 0 figure rows.
        No question on which they differ.
        No figures on which they differ.
        """)
    }
}

/// A claim about an early event can answer a question about a later one (a briefing on the
/// air battle gives the number of pilots taken, before the capture itself is an event).
/// Its answer is a party's position from the moment the claim is known: the question's row
/// shows from then, and a tied pair is never shown in the figures table instead.
@Suite struct EarlyAnswerTests {
    static let text = Fixtures.minimal + """

    questions:
      - {id: q-held, text: How many Armenians are held?, about: calm, kind: number, measure: captured, party: ARM}
      - {id: q-who, text: Who started it?, about: calm, kind: party}
    claims:
      - {id: aze-two, by: AZE, about: clash, says: Two taken, status: official, sources: [src], answers: {q-held: 2, q-who: ARM}}
      - {id: arm-fig, by: arm-mod, about: clash, says: One taken, status: official, sources: [src], figures: [{party: ARM, captured: 1}]}

    """

    @Test func anAnswerKnownBeforeItsQuestionsEventHasTheQuestionsRow() throws {
        let c = Comparison(Knowledge(scenario: try Fixtures.load(Self.text), position: 1), parties: ["ARM", "AZE"])
        #expect(c.questions.map(\.question.id) == ["q-held", "q-who"])
        #expect(c.questions.map(\.verdict) == [.diverge, .oneSided])
        #expect(c.figures.isEmpty)
    }

    @Test func traceStartsWhereTheFirstAnswerIsKnown() throws {
        let t = Trace(question: "q-held", parties: ["ARM", "AZE"], in: try Fixtures.load(Self.text), through: 2)
        #expect(t.rows.map(\.position) == [1])
        #expect(t.rows.first?.state.verdict == "diverge")
    }

    @Test func aQuestionNoOneHasAnsweredWaitsForItsEvent() throws {
        let text = Self.text.replacing("answers: {q-held: 2, q-who: ARM}", with: "answers: {q-held: 2}")
        let scenario = try Fixtures.load(text)
        #expect(Comparison(Knowledge(scenario: scenario, position: 1), parties: ["ARM", "AZE"]).questions.map(\.question.id) == ["q-held"])
        #expect(Comparison(Knowledge(scenario: scenario, position: 2), parties: ["ARM", "AZE"]).questions.map(\.question.id) == ["q-held", "q-who"])
    }

    /// `trace` has a row where a party's position or the verdict changes; a `withheld` is
    /// no position, so a second voice of the same party declining to give a figure adds no
    /// row (a watch still fires on it: the set of answers differs).
    @Test func aWithheldBesideAPositionAddsNoTraceRow() throws {
        let text = Fixtures.minimal.replacing("  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}",
                                              with: "  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n  - {id: arm-pm, name: Prime Minister, party: ARM}")
            + """

        questions:
          - {id: q-dead, text: How many died?, about: clash, kind: number}
        claims:
          - {id: c1, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q-dead: 3}}
          - {id: c2, by: arm-pm, about: calm, says: y, status: official, sources: [src], answers: {q-dead: withheld}}

        """
        let scenario = try Fixtures.load(text)
        let t = Trace(question: "q-dead", parties: ["ARM", "AZE"], in: scenario, through: 2)
        #expect(t.rows.map(\.position) == [1])
        let probe = Probe(.question("q-dead", parties: ["ARM", "AZE"]), in: scenario)
        #expect(probe.value(at: 1) != probe.value(at: 2))
    }
}
