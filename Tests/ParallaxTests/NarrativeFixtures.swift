@testable import Parallax

/// Scenarios and a runner for the narrative, compare, diff and figures tests.
enum NarrativeFixtures {
    static func seed() throws -> Scenario { try Fixtures.seed() }

    static func small() throws -> Scenario { try Fixtures.load(smallYAML, path: "narratives-small.yaml") }

    /// Runs a line of commands in a fresh session and returns the last command's text
    /// (or its error), rendered at `width` (unwrapped by default, as `expect` sees it).
    static func run(_ scenario: Scenario, _ line: String, width: Int = Int.max / 4) -> String {
        let interpreter = Interpreter(session: Session(scenario: scenario))
        guard let last = interpreter.execute(line: line).last else { return "" }
        switch last.result {
        case .success(let doc): return Renderer.render(doc, RenderOptions(format: .text, width: width))
        case .failure(let e): return e.rendered
        }
    }

    /// Norland and Sudmark fight at a pass (e1); Mediatia's envoy calls both (e2); Norland
    /// revises its toll (e3); the guns fall silent (e4); Sudmark sums up (e5). Built so that
    /// every verdict, an internal split, a revision, a denial, a retraction, a relayed claim,
    /// ranges, `at_least` and a mediator's account all occur.
    static let smallYAML = """
    parallax: 1
    scenario: {id: narratives-small, title: Skirmish at the pass}
    sources:
      - {id: wire, publisher: Wire Service, title: Report, date: "2022-01-05"}
    parties:
      - {id: NOR, name: Norland, role: belligerent}
      - {id: SUD, name: Sudmark, role: belligerent}
      - {id: MED, name: Mediatia, role: mediator}
    actors:
      - {id: nor-mod, name: Norland Defence Ministry, party: NOR, kind: ministry}
      - {id: nor-mp, name: Ola Nordmann, title: MP, party: NOR, kind: person}
      - {id: sud-mod, name: Sudmark Defence Ministry, party: SUD, kind: ministry}
      - {id: sud-press, name: Sudmark Press Office, party: SUD, kind: press-office}
      - {id: med-envoy, name: Mediatian Envoy, party: MED, kind: person}
    events:
      - {id: e1, date: "2022-01-01", phase: escalation, type: fight, actors: [NOR, SUD], title: Skirmish at the pass, sources: [wire]}
      - {id: e2, date: "2022-01-02", phase: mediation, type: mediate, actors: [med-envoy, nor-mod, sud-mod], title: Envoy calls both ministries, sources: [wire]}
      - {id: e3, date: "2022-01-03", phase: mediation, type: statement, actors: [nor-mod], title: Norland updates its toll, sources: [wire]}
      - {id: e4, date: "2022-01-04", phase: de-escalation, type: ceasefire, actors: [NOR, SUD], title: Guns fall silent, sources: [wire]}
      - {id: e5, date: "2022-01-05", phase: aftermath, type: statement, actors: [SUD], title: Sudmark sums up, sources: [wire]}
    questions:
      - {id: q-start, text: Who started it?, about: e1}
      - {id: q-dead, text: How many Norlanders died?, about: e1}
      - {id: q-captured, text: How many Norlanders were captured?, about: e1}
      - {id: q-shelling, text: Was there shelling?, about: e1}
      - {id: q-chem, text: Were chemicals used?, about: e1}
      - {id: q-truce, text: Did the guns fall silent?, about: e4}
    claims:
      - id: nor-initial
        by: nor-mod
        about: e1
        says: Sudmark attacked; one soldier died and twelve were captured.
        status: official
        answers: {q-start: SUD, q-dead: "1", q-captured: "12"}
        figures: [{party: NOR, killed: 1, captured: 12}]
        sources: [wire]
      - id: nor-mp-30
        by: nor-mp
        about: e1
        says: Thirty were captured, the MP said.
        status: unconfirmed
        answers: {q-captured: "30"}
        figures: [{party: NOR, captured: 30}]
        sources: [wire]
      - id: sud-blames
        by: sud-mod
        about: e1
        says: Norland opened fire; between 30 and 50 Norlanders died.
        status: official
        answers: {q-start: NOR, q-dead: "30..50", q-shelling: "yes"}
        figures: [{party: NOR, killed: {min: 30, max: 50}}]
        sources: [wire]
      - id: sud-no-shelling
        by: sud-press
        about: e1
        says: There was no shelling and three Sudmarkers were hurt.
        status: retracted
        answers: {q-shelling: "no"}
        figures: [{party: SUD, wounded: 3}]
        sources: [wire]
      - id: nor-denies
        by: nor-mod
        about: e1
        known_at: e2
        says: Sudmark's account is false.
        status: official
        denies: [sud-blames]
        sources: [wire]
      - id: wire-toll
        by: wire
        about: e1
        known_at: e3
        says: At least ten Norlanders died.
        status: confirmed
        figures: [{party: NOR, killed: {at_least: 10}}]
        sources: [wire]
      - id: med-urges
        by: med-envoy
        about: e2
        relayed_by: sud-press
        says: The envoy urged restraint.
        quote: stop now
        status: official
        sources: [wire]
      - id: nor-update
        by: nor-mod
        about: e1
        known_at: e3
        says: Six soldiers died.
        status: official
        revises: nor-initial
        answers: {q-dead: "6"}
        figures: [{party: NOR, killed: 6}]
        sources: [wire]
      - id: nor-truce
        by: nor-mod
        about: e4
        says: The guns are silent.
        status: official
        answers: {q-truce: "yes"}
        sources: [wire]
      - id: sud-truce
        by: SUD
        about: e4
        known_at: e5
        says: The guns are silent, as the envoy said.
        status: official
        answers: {q-truce: "yes"}
        confirms: [med-truce]
        sources: [wire]
      - id: med-truce
        by: med-envoy
        about: e4
        says: Both sides have stopped firing.
        status: official
        answers: {q-truce: "yes"}
        sources: [wire]
    """
}
