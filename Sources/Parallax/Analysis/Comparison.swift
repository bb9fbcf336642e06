/// `compare`: question by question, each party's current answers and a verdict; then,
/// per (losses of a party, measure), each party's current figures. Only what counts is
/// compared: retracted claims and the parts a known revision restates are left out;
/// denied claims stay (a denial does not unsay a party's position).
public struct Comparison: Sendable {
    /// Words scripts `expect`; keep them exactly.
    public enum Verdict: String, Sendable {
        /// Every party that answered gave the same answer, and at least two answered.
        case agree
        /// Different categorical answers (a party id, yes/no, text).
        case contradict
        /// Different numbers.
        case diverge
        /// Only one party answered.
        case oneSided = "one-sided"
        /// No party answered.
        case open
    }

    /// One party's current answer to a question, as one claim gives it.
    public struct Position: Sendable {
        /// Index into `scenario.claims`.
        public let claim: Int
        public let answer: Answer
    }

    public struct QuestionRow: Sendable {
        public let question: Question
        /// One list per compared party, in the order given; empty when it did not answer.
        public let positions: [[Position]]
        public let verdict: Verdict
        /// Parties whose own actors disagree (a ministry's count and a lawmaker's).
        public let split: [String]
    }

    public struct FigureRow: Sendable {
        /// Whose losses; nil for all sides together.
        public let losses: String?
        public let measure: Measure
        /// One list per compared party, current values only.
        public let values: [[ClaimedFigure]]
        public let verdict: Verdict
        public let split: [String]
    }

    public let parties: [String]
    /// Questions whose event is known, in sequence order.
    public let questions: [QuestionRow]
    /// Pairs for which some compared party claims a current figure.
    public let figures: [FigureRow]

    public init(_ knowledge: Knowledge, parties: [String]) {
        self.parties = parties
        let scenario = knowledge.scenario
        var column: [String: Int] = [:]
        for (i, p) in parties.enumerated() { column[p] = i }

        var answers: [String: [[Position]]] = [:]
        scenario.claims.withUnsafeBufferPointer { claims in
            for i in knowledge.inSequence {
                guard !claims[i].answers.isEmpty, let p = claims[i].party, let col = column[p] else { continue }
                for (q, a) in claims[i].answers where knowledge.standing(of: .answer(question: q), in: i).counts {
                    answers[q, default: Array(repeating: [], count: parties.count)][col].append(Position(claim: i, answer: a))
                }
            }
        }
        let claims = scenario.claims
        var rows: [(Int, QuestionRow)] = []
        for q in scenario.questions {
            guard let at = scenario.positionOfEvent[q.about], at <= knowledge.position else { continue }
            let positions = answers[q.id] ?? Array(repeating: [], count: parties.count)
            let values = positions.map { $0.map { $0.answer } }
            rows.append((at, QuestionRow(question: q, positions: positions,
                                         verdict: Comparison.verdict(values, isNumber: { $0.isNumeric }),
                                         split: Comparison.split(values, parties: parties))))
        }
        // A stable sort keeps the file's order among questions about the same event.
        questions = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)

        struct Key: Hashable { let losses: String?; let measure: Measure }
        var byKey: [Key: [[ClaimedFigure]]] = [:]
        for f in knowledge.claimedFigures() where f.standing.counts {
            guard let p = claims[f.claim].party, let col = column[p] else { continue }
            byKey[Key(losses: f.losses, measure: f.measure), default: Array(repeating: [], count: parties.count)][col].append(f)
        }
        figures = byKey.keys.sorted {
            let a = knowledge.partyOrder($0.losses), b = knowledge.partyOrder($1.losses)
            return a != b ? a < b : $0.measure < $1.measure
        }.map { key in
            let values = byKey[key] ?? []
            let numbers = values.map { $0.map { $0.value } }
            return FigureRow(losses: key.losses, measure: key.measure, values: values,
                             verdict: Comparison.verdict(numbers, isNumber: { _ in true }),
                             split: Comparison.split(numbers, parties: parties))
        }
    }

    /// The verdict over each party's answers: two answers agree only when they are the
    /// same value; different numbers diverge, any other difference contradicts.
    public static func verdict<V: Hashable>(_ perParty: [[V]], isNumber: (V) -> Bool) -> Verdict {
        let answered = perParty.filter { !$0.isEmpty }
        switch answered.count {
        case 0: return .open
        case 1: return .oneSided
        default:
            let distinct = Set(answered.joined())
            if distinct.count == 1 { return .agree }
            return distinct.allSatisfy(isNumber) ? .diverge : .contradict
        }
    }

    static func split<V: Hashable>(_ perParty: [[V]], parties: [String]) -> [String] {
        zip(parties, perParty).filter { Set($0.1).count > 1 }.map(\.0)
    }

    /// `diff`: the rows that are not `agree`.
    public var disagreements: Comparison {
        Comparison(parties: parties, questions: questions.filter { $0.verdict != .agree },
                   figures: figures.filter { $0.verdict != .agree })
    }

    init(parties: [String], questions: [QuestionRow], figures: [FigureRow]) {
        self.parties = parties
        self.questions = questions
        self.figures = figures
    }
}
