/// `compare`: question by question, each party's current answers, the other voices'
/// answers, and a verdict with its flags; then, per (losses of a party, measure) not tied
/// to a question, the same for figures. Only what counts is compared: retracted claims
/// and the parts a known revision restates are left out; denied claims stay (a denial
/// does not unsay a party's position).
public struct Comparison: Sendable {
    public typealias Verdict = Judgement.Verdict

    /// One current answer, as one claim gives it.
    public struct Position: Sendable {
        /// Index into `scenario.claims`.
        public let claim: Int
        public let answer: Answer
    }

    public struct QuestionRow: Sendable {
        public let question: Question
        /// One list per compared party, in the order given; empty when it did not answer.
        /// `withheld` answers are listed: they are what the party said.
        public let positions: [[Position]]
        /// Sources and actors of parties not compared, in sequence order.
        public let others: [Position]
        public let judgement: Judgement

        public var verdict: Verdict { judgement.verdict }
        /// Parties whose own actors disagree (a ministry's count and a lawmaker's).
        public var split: [String] { judgement.split }
    }

    public struct FigureRow: Sendable {
        /// Whose losses; nil for all sides together.
        public let losses: String?
        public let measure: Measure
        /// One list per compared party, current values only.
        public let values: [[ClaimedFigure]]
        public let others: [ClaimedFigure]
        public let judgement: Judgement

        public var verdict: Verdict { judgement.verdict }
        public var split: [String] { judgement.split }
    }

    public let parties: [String]
    /// Questions whose event is reached or that a known claim answers, in the order of their events.
    public let questions: [QuestionRow]
    /// Pairs not tied to a question for which any voice claims a current figure.
    public let figures: [FigureRow]

    /// Whether any voice outside the compared parties answered or gave a figure: the
    /// `others` column is shown only then.
    public var hasOthers: Bool {
        questions.contains { !$0.others.isEmpty } || figures.contains { !$0.others.isEmpty }
    }

    public init(_ knowledge: Knowledge, parties: [String]) {
        self.parties = parties
        let scenario = knowledge.scenario
        var column: [String: Int] = [:]
        for (i, p) in parties.enumerated() { column[p] = i }
        let others = parties.count

        // Per question: one list per compared party, then the others' list last.
        var answers: [String: [[Position]]] = [:]
        let claims = scenario.claims
        for i in knowledge.inSequence where claims.hasAnswers(i) {
            let col = claims.party(i).flatMap { column[$0] } ?? others
            for (q, a) in claims.answers(i) where knowledge.standing(of: .answer(question: q), in: i).counts {
                answers[q, default: Array(repeating: [], count: others + 1)][col].append(Position(claim: i, answer: a))
            }
        }
        var rows: [(Int, QuestionRow)] = []
        for q in scenario.questions {
            // A question is asked once its event is reached, or earlier once a known claim
            // answers it (a claim about an earlier event may): that answer is a position.
            guard let at = scenario.positionOfEvent[q.about], at <= knowledge.position || answers[q.id] != nil else { continue }
            var lists = answers[q.id] ?? Array(repeating: [], count: others + 1)
            let outside = lists.removeLast()
            let judgement = Judgement(lists.map { $0.map(\.answer) }, parties: parties, others: outside.map(\.answer),
                                      isNumber: q.kind == .number)
            rows.append((at, QuestionRow(question: q, positions: lists, others: outside, judgement: judgement)))
        }
        // A stable sort keeps the file's order among questions about the same event.
        questions = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)

        struct Key: Hashable { let losses: String?; let measure: Measure }
        var byKey: [Key: [[ClaimedFigure]]] = [:]
        // Pairs whose question has a row are shown there, once; a known tied figure is an
        // answer, so its question has a row.
        var shown = Set<Question.Tie>()
        for r in questions { if let t = r.question.tie { shown.insert(t) } }
        for f in knowledge.claimedFigures() where f.standing.counts {
            if !shown.isEmpty, shown.contains(Question.Tie(losses: f.losses, measure: f.measure)) { continue }
            let col = claims.party(f.claim).flatMap { column[$0] } ?? others
            byKey[Key(losses: f.losses, measure: f.measure), default: Array(repeating: [], count: others + 1)][col].append(f)
        }
        figures = byKey.keys.sorted {
            let a = knowledge.partyOrder($0.losses), b = knowledge.partyOrder($1.losses)
            return a != b ? a < b : $0.measure < $1.measure
        }.map { key in
            var values = byKey[key] ?? []
            let outside = values.removeLast()
            let judgement = Judgement(values.map { $0.map { Answer.number($0.value) } }, parties: parties,
                                      others: outside.map { Answer.number($0.value) }, isNumber: true)
            return FigureRow(losses: key.losses, measure: key.measure, values: values, others: outside, judgement: judgement)
        }
    }

    /// `diff`: the rows that are not `agree` or that carry a flag.
    public var disagreements: Comparison {
        Comparison(parties: parties, questions: questions.filter { $0.judgement.isDifference },
                   figures: figures.filter { $0.judgement.isDifference })
    }

    init(parties: [String], questions: [QuestionRow], figures: [FigureRow]) {
        self.parties = parties
        self.questions = questions
        self.figures = figures
    }
}
