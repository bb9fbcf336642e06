import Foundation
import Testing
@testable import Parallax

/// The verdict rules of the event model ("Answers and verdicts"), table-driven: every
/// question kind × compatible / incompatible / one side / none / withheld / split / others,
/// and the same for the figure rows of `compare`. Each case is a scenario loaded from text,
/// so the answers go through the loader's reading and typing as a user's would.
@Suite struct VerdictRuleTests {
    /// One case: the answers of party P's actors, of Q's, and of other voices (a source,
    /// and an actor of a third party R), compared as `compare P Q`.
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let p: [String], q: [String], others: [String]
        let expected: String
        var description: String { name }
    }

    /// The same situations for each kind, with values that are the same, compatible
    /// (numbers only), or incompatible.
    static func cases(same a: String, _ a2: String, other b: String, kind: String) -> [Case] {
        let differ = kind == "number" ? "diverge" : "contradict"
        return [
            Case(name: "\(kind): same value", p: [a], q: [a2], others: [], expected: "agree"),
            Case(name: "\(kind): incompatible", p: [a], q: [b], others: [], expected: differ),
            Case(name: "\(kind): one side", p: [a], q: [], others: [], expected: "one-sided"),
            Case(name: "\(kind): none", p: [], q: [], others: [], expected: "open"),
            Case(name: "\(kind): none, others only", p: [], q: [], others: [b], expected: "open"),
            Case(name: "\(kind): withheld by one", p: [a], q: ["withheld"], others: [], expected: "one-sided (withheld by Q)"),
            Case(name: "\(kind): withheld by both", p: ["withheld"], q: ["withheld"], others: [], expected: "open (withheld by P, withheld by Q)"),
            Case(name: "\(kind): withheld beside an answer is no split", p: [a, "withheld"], q: [a2], others: [], expected: "agree"),
            Case(name: "\(kind): split", p: [a, b], q: [a2], others: [], expected: "\(differ) (internal split)"),
            Case(name: "\(kind): split on both sides", p: [a, b], q: [b, a2], others: [], expected: "\(differ) (internal split)"),
            Case(name: "\(kind): others differ", p: [a], q: [a2], others: [b], expected: "agree (others differ)"),
            Case(name: "\(kind): others side with one", p: [a], q: [b], others: [b], expected: differ),
            Case(name: "\(kind): others differ from the one side", p: [a], q: [], others: [b], expected: "one-sided (others differ)"),
            Case(name: "\(kind): others withheld", p: [a], q: [a2], others: ["withheld"], expected: "agree"),
        ]
    }

    static let questionCases: [(kind: String, cases: [Case])] = [
        ("yes-no", cases(same: "yes", "Yes", other: "no", kind: "yes-no")),
        ("party", cases(same: "[P, Q]", "[Q, P]", other: "R", kind: "party")),
        ("text", cases(same: "artillery", " Artillery ", other: "drones", kind: "text")),
        ("number", cases(same: "43", "43", other: "4", kind: "number") + [
            // Numbers that differ yet could all be true: diverge, flagged compatible.
            Case(name: "number: compatible", p: ["43"], q: ["'>=40'"], others: [], expected: "diverge (compatible)"),
            Case(name: "number: range and point", p: ["1"], q: ["1..15"], others: [], expected: "diverge (compatible)"),
            Case(name: "number: the same floor", p: ["at least 40"], q: ["40+"], others: [], expected: "agree"),
            Case(name: "number: the same range, written two ways", p: ["15-20"], q: ["15..20"], others: [], expected: "agree"),
            // 43 and >=40 within one party are no split; 4 and >=40 are.
            Case(name: "number: compatible within a party", p: ["43", "'>=40'"], q: ["43"], others: [], expected: "diverge (compatible)"),
            Case(name: "number: split and compatible across", p: ["4", "40..50"], q: ["'>=1'"], others: [], expected: "diverge (internal split, compatible)"),
            Case(name: "number: others compatible", p: ["43"], q: ["43"], others: ["'>=40'"], expected: "agree"),
            Case(name: "number: every flag", p: ["4", "40"], q: ["withheld"], others: ["100"], expected: "one-sided (internal split, withheld by Q, others differ)"),
        ]),
    ]

    static let figureCases: [Case] = cases(same: "43", "43", other: "4", kind: "number")
        .filter { !$0.p.contains("withheld") && !$0.q.contains("withheld") && !$0.others.contains("withheld") } + [
        Case(name: "figure: compatible", p: ["43"], q: ["'>=40'"], others: [], expected: "diverge (compatible)"),
        Case(name: "figure: mapping forms", p: ["{min: 15, max: 20}"], q: ["15-20"], others: [], expected: "agree"),
        Case(name: "figure: floor forms", p: ["{at_least: 40}"], q: ["at least 40"], others: ["40+"], expected: "agree"),
        Case(name: "figure: others differ", p: ["20"], q: ["'>=15'"], others: ["3"], expected: "diverge (compatible, others differ)"),
    ]

    static let header = """
    parallax: 1
    scenario: {id: t, title: T}
    sources: [{id: src, publisher: Wire, title: Report, date: "2022-01-01"}]
    parties:
      - {id: P, name: Pland, role: belligerent}
      - {id: Q, name: Qland, role: belligerent}
      - {id: R, name: Rland, role: mediator}
    actors:
      - {id: p1, name: P one, party: P}
      - {id: p2, name: P two, party: P}
      - {id: q1, name: Q one, party: Q}
      - {id: q2, name: Q two, party: Q}
      - {id: r1, name: R one, party: R}
    events:
      - {id: e, date: "2022-01-01", phase: escalation, type: fight, actors: [P, Q], title: Clash, sources: [src]}

    """

    /// Speakers for each side's answers: P's two actors, Q's two, then a source and R's actor.
    static func claims(_ c: Case, _ write: (String) -> String) -> String {
        var out = "claims:\n"
        let sides = [(["p1", "p2"], c.p), (["q1", "q2"], c.q), (["src", "r1"], c.others)]
        var n = 0
        for (speakers, values) in sides {
            for (i, v) in values.enumerated() {
                n += 1
                out += "  - {id: c\(n), by: \(speakers[i]), about: e, says: x, status: official, sources: [src], \(write(v))}\n"
            }
        }
        return out
    }

    static func verdict(_ text: String, figure: Bool) throws -> String {
        let s = try Fixtures.load(text)
        let c = Comparison(Knowledge(scenario: s, position: nil), parties: ["P", "Q"])
        let j: Judgement?
        if figure {
            j = c.figures.first { $0.losses == "P" && $0.measure == .killed }?.judgement
        } else {
            j = c.questions.first { $0.question.id == "qn" }?.judgement
        }
        guard let j else { return c.figures.isEmpty && figure ? "open" : "no row" }
        return j.verdict.rawValue + (j.flags.isEmpty ? "" : " (\(j.flagText))")
    }

    @Test(arguments: questionCases.flatMap { k in k.cases.map { (k.kind, $0) } })
    func questionRow(_ kind: String, _ c: Case) throws {
        let question = "questions: [{id: qn, text: Q?, about: e, kind: \(kind)}]\n"
        let text = Self.header + question + Self.claims(c) { "answers: {qn: \($0)}" }
        #expect(try Self.verdict(text, figure: false) == c.expected, "\(c.name)")
        // Inferred, the kind is the same (withheld answers are ignored in inferring it).
        if !(c.p + c.q + c.others).allSatisfy({ $0 == "withheld" }) {
            let inferred = Self.header + "questions: [{id: qn, text: Q?, about: e}]\n" + Self.claims(c) { "answers: {qn: \($0)}" }
            #expect(try Self.verdict(inferred, figure: false) == c.expected, "\(c.name), kind inferred")
        }
    }

    @Test(arguments: figureCases)
    func figureRow(_ c: Case) throws {
        let text = Self.header + Self.claims(c) { "figures: [{party: P, killed: \($0)}]" }
        #expect(try Self.verdict(text, figure: true) == c.expected, "\(c.name)")
    }

    /// A question tied to (P, killed): its row carries what the figure rows would, and the
    /// figures table no longer repeats the pair.
    @Test(arguments: figureCases)
    func tiedQuestionRowMatchesTheFigureRow(_ c: Case) throws {
        let question = "questions: [{id: qn, text: Q?, about: e, kind: number, measure: killed, party: P}]\n"
        let text = Self.header + question + Self.claims(c) { "figures: [{party: P, killed: \($0)}]" }
        #expect(try Self.verdict(text, figure: false) == c.expected, "\(c.name)")
        let s = try Fixtures.load(text)
        #expect(Comparison(Knowledge(scenario: s, position: nil), parties: ["P", "Q"]).figures.isEmpty)
    }

    /// Pure rules, without a scenario: `casualties` is its own measure, never set against
    /// `killed` (a figure row per measure), and agree means the same value across parties only.
    @Test func judgementAcrossPartiesOnly() {
        let n = { (v: FigureValue) in Answer.number(v) }
        // P's own two answers differ but are compatible; Q gives one of them: not agree.
        let j = Judgement([[n(.exact(43)), n(.atLeast(40))], [n(.exact(43))]], parties: ["P", "Q"], isNumber: true)
        #expect(j.verdict == .diverge && j.flags == [.init(kind: .compatible, party: nil)])
        #expect(j.isDifference)
        #expect(!Judgement([[Answer.yes], [Answer.yes]], parties: ["P", "Q"], isNumber: false).isDifference)
        #expect(Judgement([[Answer.text("x")], []], parties: ["P", "Q"], others: [.text("y")], isNumber: false).flagText == "others differ")
        // Three parties: each pair is judged.
        #expect(Judgement([[Answer.yes], [Answer.yes], [Answer.no]], parties: ["A", "B", "C"], isNumber: false).verdict == .contradict)
    }

    /// A tied figure is an answer to its question: known before the question's event, it
    /// gives the question its row at once, and the pair is never a figures row.
    @Test func aTiedFigureShowsOnceWhereverTheCursorIs() throws {
        let text = Self.header.replacingOccurrences(of: "title: Clash, sources: [src]}\n",
                                                    with: "title: Clash, sources: [src]}\n  - {id: e2, date: \"2022-01-02\", phase: aftermath, type: statement, actors: [P], title: Toll, sources: [src]}\n")
            + "questions: [{id: qn, text: Q?, about: e2, measure: killed, party: P}]\n"
            + "claims:\n  - {id: c1, by: p1, about: e, says: x, status: official, sources: [src], figures: [{party: P, killed: 3}]}\n"
        let s = try Fixtures.load(text)
        let early = Comparison(Knowledge(scenario: s, position: 1), parties: ["P", "Q"])
        #expect(early.figures.isEmpty && early.questions.first?.positions[0].map(\.answer) == [.number(.exact(3))])
        let late = Comparison(Knowledge(scenario: s, position: 2), parties: ["P", "Q"])
        #expect(late.figures.isEmpty && late.questions.first?.positions[0].map(\.answer) == [.number(.exact(3))])
    }
}
