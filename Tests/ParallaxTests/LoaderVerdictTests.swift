import Foundation
import Testing
@testable import Parallax

/// The loader's errors and warnings for question kinds, numbers, ties, `withheld`,
/// `initiator: disputed`, entities that fail but still declare their id, and the warnings
/// of the event model: each at its line and column, read whole and in two parts alike.
@Suite struct LoaderVerdictTests {
    /// The minimal scenario with `replacing` pairs applied and `extra` appended.
    static func text(_ extra: String, replacing pairs: [(String, String)] = []) -> String {
        var t = Fixtures.minimal
        for (a, b) in pairs { t = t.replacingOccurrences(of: a, with: b) }
        return t + "\n" + extra
    }

    /// Warnings as `LINE:COL: message`, read whole and in two parts at every cut (which
    /// must agree).
    static func warnings(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        let whole = try ScenarioLoader.loadWhole(bytes: bytes, path: "t.yaml").warnings
        var target = 0, cuts = 0
        while let parts = bytes.withUnsafeBufferPointer({ TwoParts.yaml($0, target: target) ?? TwoParts.json($0, target: target) }),
              let result = ScenarioLoader.loadInTwoParts(bytes: bytes, path: "t.yaml", target: target) {
            #expect(try result.get().warnings == whole, "reading in two parts cut at byte \(parts.second.lowerBound) disagrees with reading whole")
            target = parts.second.lowerBound + 1
            cuts += 1
        }
        #expect(cuts > 0, "the text cannot be read in two parts")
        return whole.map { "\($0.location.line):\($0.location.column): \($0.message)" }
    }


    /// An answer that does not fit its question's declared kind shows the form to write.
    @Test func answersThatDoNotFitTheKindShowTheFormToWrite() throws {
        let text = Self.text("""
        questions:
          - {id: q-yn, text: Yes?, about: clash, kind: yes-no}
          - {id: q-p, text: Who?, about: clash, kind: party}
          - {id: q-n, text: How many?, about: clash, kind: number}
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q-yn: maybe, q-p: Armenia, q-n: many}}
          - {id: b, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q-n: 20..15, q-p: [ARM, RUS]}}
        """)
        #expect(Fixtures.problems(text) == [
            "18:99: the answer to 'q-yn' must be yes, no or withheld (the question's kind is yes-no); got 'maybe'",
            "18:111: the answer to 'q-p' must be a party id or a list of them (ARM or [ARM, AZE]), or withheld (the question's kind is party); got 'Armenia'",
            "18:125: the answer to 'q-n' must be a number (15, 15..20, 15-20, '>=15', 15+ or at least 15), or withheld (the question's kind is number); got 'many'",
            "19:98: the answer to 'q-n' range '20..15' ends below its start; write the smaller number first",
            "19:111: a list answer names party ids; 'RUS' is not a party",
        ])
    }

    /// Questions tied to a (party, measure): one question per pair, both keys or neither, number only; the answer and the figure must be equal; one figure per pair in a claim.
    @Test func tiedQuestionsAndOneFigurePerPair() throws {
        let text = Self.text("""
        questions:
          - {id: k, text: Killed?, about: clash, kind: number, measure: killed, party: ARM}
          - {id: k2, text: Killed again?, about: clash, measure: killed, party: ARM}
          - {id: m, text: M?, about: clash, measure: wounded}
          - {id: t, text: T?, about: clash, kind: text, measure: captured, party: all}
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {k: "20"}, figures: [{party: ARM, killed: 3}]}
          - {id: b, by: arm-mod, about: clash, says: x, status: official, sources: [src], figures: [{party: ARM, killed: 3}, {party: ARM, killed: 1, wounded: 2}]}
          - {id: c, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {k: withheld}, figures: [{party: ARM, killed: 3}]}
        """)
        #expect(Fixtures.problems(text) == [
            "15:73: question 'k' is already answered by the figure for ARM killed; one question per (party, measure)",
            "16:46: 'measure' needs 'party' too (a party id, or all for all sides together)",
            "17:43: a question with 'measure' and 'party' is a number question; kind 'text' does not fit",
            "19:96: the answer to 'k' (20) and this claim's figure for ARM killed (3) are one fact and must be equal; give either, or both the same",
            "20:131: a second 'killed' figure for ARM in one claim; give the total once and say what it counts in 'note:'",
            "21:96: the answer to 'k' (withheld) and this claim's figure for ARM killed (3) are one fact and must be equal; give either, or both the same",
        ])
    }

    /// `initiator` takes only `disputed`, and only on directed types.
    @Test func initiatorIsDisputedOnDirectedTypesOnly() throws {
        let text = Self.text("""
          - {id: e3, date: 2021-11-18, phase: escalation, type: fight, initiator: disputed, title: F, sources: [src]}
          - {id: e4, date: 2021-11-18, phase: escalation, type: assault, initiator: yes, title: A, sources: [src]}
        """) + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "13:75: 'initiator: disputed' applies to directed types (appeal, consult, mediate, deny, accuse, reject, demand, threaten, protest, posture, coerce, capture, occupy, assault); the actors of a 'fight' event carry no order",
            "14:77: initiator takes one value, 'disputed' (who acted first is contested); got 'yes'",
        ])
    }

    /// An entity with an error still declares its id: the claims, questions, events and figures that name it report nothing more (no unknown-id errors, no wrong hints).
    @Test func anEntityWithAnErrorStillDeclaresItsId() throws {
        let text = Self.text("""
          - {id: e5, date: 2021-11-18, phase: escalaton, type: fight, title: F, sources: [src]}
          - {id: e6, date: 2021-11-18, phase: escalation, type: fight, title: G, sources: [src], actors: [bad-actor]}
        places:
          - {id: "bad place", name: P}
        questions:
          - {id: q, text: Q?, about: e5}
          - {id: q3, text: Q?, about: clash, kind: wrong}
        claims:
          - {id: a, by: arm-mod, about: e5, known_at: e5, says: x, status: official, sources: [src], answers: {q: "yes", q3: "no"}}
          - {id: b, by: bad-actor, about: clash, says: x, status: official, sources: [src], answers: {q: [yes-party]}, figures: [{party: yes-party, killed: 2}]}
        """, replacing: [("  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n", "  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n  - {id: bad-actor, name: B, party: ARM, kind: [x]}\n"), ("  - {id: AZE, name: Azerbaijan, role: belligerent}\n", "  - {id: AZE, name: Azerbaijan, role: belligerent}\n  - {id: yes-party, name: Y, role: belligerent, extra: 1}\n")])
        #expect(Fixtures.problems(text) == [
            "8:49: unknown key 'extra' in party",
            "11:48: 'kind' must be text, found a list",
            "15:39: unknown phase 'escalaton'; did you mean 'escalation'?",
            "18:10: place id 'bad place' holds a space (U+0020); an id is made of letters, marks, digits and - _ . : / +",
            "21:44: unknown kind 'wrong'; expected one of: yes-no, party, number, text",
        ])
    }

    /// Unreferenced source, actor and place; a question no claim answers; a text answer that reads as an approximate number; an actor's changed answer or figure without `revises` (a revision draws none).
    @Test func warningsAtTheirLineAndColumn() throws {
        let text = Self.text("""
          - {id: e5, date: 2021-11-18, phase: escalation, type: fight, title: F, sources: [src]}
        places:
          - {id: nowhere, name: Nowhere}
        questions:
          - {id: q, text: How many?, about: clash}
          - {id: q2, text: Nobody answers, about: clash}
          - {id: n, text: N?, about: clash, kind: number}
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q: about 20, n: "3"}}
          - {id: b, by: arm-mod, about: calm, says: x, status: official, sources: [src], answers: {n: "20"}}
          - {id: c, by: arm-mod, about: calm, says: x, status: official, sources: [src], revises: b, answers: {n: "25"}}
          - {id: d, by: arm-mod, about: calm, says: x, status: official, sources: [src], figures: [{party: AZE, wounded: 4}]}
          - {id: e, by: arm-mod, about: calm, says: x, status: official, sources: [src], figures: [{party: AZE, wounded: 5}]}
        """, replacing: [("  - {id: src, publisher: Paper, title: Report, date: 2021-11-16}\n", "  - {id: src, publisher: Paper, title: Report, date: 2021-11-16}\n  - {id: unused-src, publisher: Other, title: Unread, date: 2021-11-16}\n"), ("  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n", "  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n  - {id: quiet, name: Quiet Office, party: AZE}\n")])
        #expect(Fixtures.problems(text) == [])
        #expect(try Self.warnings(text) == [
            "5:5: source 'unused-src' is not referred to by any event or claim",
            "11:5: actor 'quiet' is not referred to by any event or claim",
            "17:5: place 'nowhere' is not referred to by any event or claim",
            "20:5: no claim answers question 'q2'",
            "23:96: the text answer 'about 20' to 'q' reads as an approximate number; a number is compared as an interval: write 20, a range such as 15..25, or '>=20'",
            "24:95: 'b' gives 20 where arm-mod's earlier claim 'a' gave 3, without 'revises: a'; a changed answer is a revision and should say so, or it shows as a split",
            "27:105: 'e' gives 5 where arm-mod's earlier claim 'd' gave 4, without 'revises: d'; a changed answer is a revision and should say so, or it shows as a split",
        ])
    }

    /// Party ids that would read as answers are refused (they still declare their id: an
    /// actor of that party reports nothing more).
    @Test func partyIdsThatReadAsAnswers() {
        let text = Self.text("", replacing: [("  - {id: AZE, name: Azerbaijan, role: belligerent}\n", """
          - {id: AZE, name: Azerbaijan, role: belligerent}
          - {id: yes, name: Yes, role: observer}
          - {id: "15", name: Fifteen, role: observer}
          - {id: Withheld, name: W, role: observer}
          - {id: 3..4, name: Range, role: observer}

        """), ("  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n", "  - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}\n  - {id: w-office, name: W, party: Withheld}\n")]) + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "8:10: party id 'yes' reads as an answer (yes, no, withheld or a number); give the party another id",
            "9:10: party id '15' reads as an answer (yes, no, withheld or a number); give the party another id",
            "10:10: party id 'Withheld' reads as an answer (yes, no, withheld or a number); give the party another id",
            "11:10: party id '3..4' reads as an answer (yes, no, withheld or a number); give the party another id",
        ])
    }

    /// An unquoted `>=15` is a YAML syntax error; the message says to quote it, in block
    /// and in flow style.
    @Test func anUnquotedFloorSaysToQuoteIt() {
        let flow = Self.text("claims:\n  - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], figures: [{party: ARM, killed: >=15}]}")
        #expect(Fixtures.wholeFileProblems(flow) == [
            "14:114: found character that cannot start any token while scanning for the next token; a value starting with '>' must be quoted: write '>=15' (or 15+)",
        ])
        let block = Self.text("questions:\n  - {id: q, text: Q?, about: clash}\nclaims:\n  - id: a\n    by: arm-mod\n    about: clash\n    says: x\n    status: official\n    sources: [src]\n    answers:\n      q: >=204\n")
        #expect(Fixtures.wholeFileProblems(block).first?.hasSuffix("a value starting with '>' must be quoted: write '>=204' (or 204+)") == true)
        // Quoted, it is a number; so are the other forms, in answers and figures alike.
        let fine = Self.text("""
        questions:
          - {id: q, text: Q?, about: clash}
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q: '>=15'}, figures: [{party: ARM, killed: '>=15', wounded: 15+, captured: at least 15, missing: 15-20, displaced: "15..20", casualties: {min: 15, max: 20}}]}
          - {id: z, by: arm-mod, about: clash, says: y, status: official, sources: [src]}
        """)
        #expect(Fixtures.problems(fine) == [])
        let claim = try? Fixtures.load(fine).claim("a")
        #expect(claim?.answer(to: "q") == .number(.atLeast(15)))
        #expect(claim?.figures.first.map { Views.figures([$0]) } == "ARM killed >=15, wounded >=15, captured >=15, missing 15..20, displaced 15..20, casualties 15..20")
    }

    @Test func figureValuesThatAreNotNumbers() {
        let text = Self.text("""
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], figures: [{party: ARM, killed: 20-15, wounded: about 3, captured: {min: 5, max: 2}}]}
          - {id: z, by: arm-mod, about: clash, says: y, status: official, sources: [src]}
        """)
        #expect(Fixtures.problems(text) == [
            "14:114: 'killed' range '20-15' ends below its start; write the smaller number first; or write {min: A, max: B} or {at_least: N}",
            "14:130: 'wounded' must be a number: 15, 15..20, 15-20, '>=15', 15+ or at least 15; got 'about 3'; or write {min: A, max: B} or {at_least: N}",
            "14:149: 'captured' range has min 5 above max 2",
        ])
    }

    /// A claim is dated when it was said: made_on, else its known_at date or event, else
    /// the event it is about.
    @Test func claimDatesAreWhenSaid() throws {
        let s = try Fixtures.load(Self.text("""
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src]}
          - {id: b, by: arm-mod, about: clash, known_at: calm, says: x, status: official, sources: [src]}
          - {id: c, by: arm-mod, about: clash, known_at: 2021-12, says: x, status: official, sources: [src]}
          - {id: d, by: arm-mod, about: clash, known_at: calm, made_on: 2022-01-05, says: x, status: official, sources: [src]}
        """))
        #expect(["a", "b", "c", "d"].map { s.claim($0)?.said?.description } == ["2021-11-16", "2021-11-17", "2021-12", "2022-01-05"])
        let out = NarrativeFixtures.run(s, "claims all where date >= 2021-11-17")
        #expect(!out.contains("\na ") && out.contains("\nb ") && out.contains("\nc ") && out.contains("\nd "))
    }

    @Test func aMistypedPartyAnswerGetsAHint() {
        let text = Self.text("""
        questions:
          - {id: q, text: Who?, about: clash, kind: party}
          - {id: n, text: How many?, about: clash, kind: number}
        claims:
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q: AMR, n: [ARM]}}
          - {id: z, by: arm-mod, about: clash, says: y, status: official, sources: [src]}
        """)
        #expect(Fixtures.problems(text) == [
            "17:96: the answer to 'q' must be a party id or a list of them (ARM or [ARM, AZE]), or withheld (the question's kind is party); got 'AMR'; did you mean 'ARM'?",
            "17:104: the answer to 'n' must be a number (15, 15..20, 15-20, '>=15', 15+ or at least 15), or withheld (the question's kind is number); got a list",
        ])
    }

    /// A contact whose initiator is disputed has no caller in `contacts`.
    @Test func aDisputedContactHasNoCaller() throws {
        let s = try Fixtures.load(Self.text("""
          - {id: call, date: 2021-11-18, phase: mediation, type: consult, actors: [arm-mod, AZE], initiator: disputed, title: Call, sources: [src]}
        """))
        let web = ContactWeb(s)
        #expect(web.contacts.map { $0.from == nil } == [true])
        let out = NarrativeFixtures.run(s, "contacts")
        #expect(out.contains("Armenian Defense Ministry ↔ Azerbaijan (initiator disputed)"))
        #expect(NarrativeFixtures.run(s, "show call").contains("actors:  Armenian Defense Ministry ↔ Azerbaijan (initiator disputed)"))
    }
}
