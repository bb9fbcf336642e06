import Testing
@testable import Parallax

/// An id declared twice is one mistake, reported once (event-model spec, "What the loader
/// guarantees"): never again at the references to it, whatever the two kinds and wherever
/// the id is referred to.
struct DuplicateIdTests {
    /// The kinds of entity that declare an id, each with the placeholder that stands for
    /// its id in `template` and the id it has when it is not the duplicate.
    static let kinds: [(kind: String, slot: String, id: String)] = [
        ("source", "{SRC}", "src"), ("party", "{PTY}", "ARM"), ("actor", "{ACT}", "arm-mod"),
        ("place", "{PLC}", "kalbajar"), ("event", "{EVT}", "clash"), ("question", "{QST}", "who"),
        ("claim", "{CLM}", "said-1"),
    ]

    /// A scenario that refers to each placeholder's entity from every place the format
    /// allows: an actor's party, an event's actors, place, reported_by and sources, a
    /// question's about and party, a claim's by, about, known_at, answers (keys and party
    /// values), figures, relayed_by, confirms, denies, revises and sources.
    static let template = """
    parallax: 1
    scenario: {id: demo, title: Demo}
    sources:
      - {id: {SRC}, publisher: Paper, title: Report, date: 2021-11-16}
    parties:
      - {id: {PTY}, name: Armenia, role: belligerent}
      - {id: AZE, name: Azerbaijan, role: belligerent}
    actors:
      - {id: {ACT}, name: Armenian Defense Ministry, party: {PTY}}
    places:
      - {id: {PLC}, name: Kalbajar}
    events:
      - {id: {EVT}, date: 2021-11-16, phase: escalation, type: fight, title: Clash, actors: [AZE, {PTY}, {ACT}], place: {PLC}, reported_by: [{ACT}, {SRC}], sources: [{SRC}]}
      - {id: calm, date: 2021-11-17, phase: de-escalation, type: ceasefire, title: Calm, sources: [{SRC}]}
    questions:
      - {id: {QST}, text: Who started it?, about: {EVT}, kind: party}
      - {id: killed, text: How many Armenians died?, about: {EVT}, kind: number, measure: killed, party: {PTY}}
    claims:
      - {id: {CLM}, by: {ACT}, about: {EVT}, known_at: {EVT}, says: Shelling, status: official, sources: [{SRC}], answers: {{QST}: AZE}, figures: [{party: {PTY}, killed: 1}], relayed_by: {SRC}}
      - {id: said-2, by: AZE, about: {EVT}, says: Calm, status: official, sources: [{SRC}], answers: {{QST}: {PTY}}, denies: [{CLM}]}
      - {id: said-3, by: {PTY}, about: calm, says: Six, status: official, sources: [{SRC}], figures: [{party: {PTY}, killed: 6}], revises: {CLM}, confirms: [{CLM}]}

    """

    static func text(duplicating a: Int, _ b: Int) -> String {
        var text = template
        for (k, kind) in kinds.enumerated() { text = text.replacing(kind.slot, with: k == a || k == b ? "dup" : kind.id) }
        return text
    }

    @Test func theTemplateLoadsCleanly() {
        #expect(Fixtures.problems(Self.text(duplicating: -1, -1)) == [])
    }

    /// For every two kinds, in both orders: the one message is the duplicate, at the later
    /// declaration, naming the first; the many references to the id report nothing.
    @Test(arguments: 0..<7) func anIdDeclaredInTwoKindsIsReportedOnceWhateverRefersToIt(first: Int) {
        for second in 0..<7 where second != first {
            let text = Self.text(duplicating: first, second)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            func declaration(_ k: Int) -> (line: Int, column: Int) {
                let needle = "{id: dup"
                let header = Self.kinds[k].kind == "party" ? "parties:" : Self.kinds[k].kind + "s:"
                let start = lines.firstIndex { $0 == header }!
                let line = lines[(start + 1)...].firstIndex { $0.contains(needle) }!
                return (line + 1, lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: needle)!.lowerBound) + 6)
            }
            let places = [declaration(first), declaration(second)].sorted { $0.line < $1.line }
            let problems = Fixtures.problems(text)
            #expect(problems == ["\(places[1].line):\(places[1].column): duplicate id 'dup' (first declared at \(places[0].line):\(places[0].column))"],
                    "\(Self.kinds[first].kind) and \(Self.kinds[second].kind)")
        }
    }

    /// A reference to an id of another kind that is declared once is still a mistake of its
    /// own, named with its article; a figure's party that names an actor is one too.
    @Test func aReferenceToAnotherKindIsStillReported() {
        let text = Self.text(duplicating: -1, -1).replacing("known_at: clash", with: "known_at: kalbajar")
            .replacing("relayed_by: src}", with: "relayed_by: kalbajar}")
            .replacing("{party: ARM, killed: 1}", with: "{party: arm-mod, killed: 1}")
        #expect(Fixtures.problems(text) == [
            "19:55: 'kalbajar' is a place, not an event; 'known_at' names an event or a date",
            "19:154: 'arm-mod' is an actor, not a party; a figure's 'party' names the side whose losses it counts",
            "19:188: 'kalbajar' is a place, not an actor, a party or a source",
        ])
    }
}
