/// Reads one watched thing — a question's answers and verdict for some parties, or the
/// figures claimed for a party's losses — at any position of the sequence, cheaply.
///
/// It keeps a scenario cut down to the claims that can bear on the thing (those that state
/// it, with every claim of their revision trees, so that supersession works as in the
/// whole scenario) and the positions at which one of them becomes known: between two such
/// positions the value cannot change. The value itself comes from the same `Comparison` and
/// `Knowledge` every view uses, so a change to how verdicts are reached reaches watchpoints
/// and `trace` too.
public struct Probe: Sendable {
    public let target: Watchpoint.Target
    private let scenario: Scenario
    /// Sorted, distinct: where the value may change (a claim becomes known, the question's
    /// event is reached).
    public let changePoints: [Int]
    /// False when the question or party no longer exists (a scenario reloaded without it).
    public let isValid: Bool

    public init(_ target: Watchpoint.Target, in full: Scenario) {
        self.target = target
        var wanted: [Int] = []
        var points: [Int] = []
        var valid = true
        do {
            let claims = full.claims
            for i in claims.indices {
                let states: Bool
                switch target {
                case .question(let q, _): states = claims.hasAnswers(i) && claims.answers(i).contains { $0.question == q }
                case .figures(let m, let party):
                    states = claims.hasFigure(i, lossesOf: party) { $0 == m }
                }
                if states { wanted.append(i) }
            }
        }
        switch target {
        case .question(let q, let parties):
            if let question = full.question(q), let at = full.positionOfEvent[question.about] {
                points.append(at)
            } else {
                valid = false
            }
            valid = valid && parties.allSatisfy { full.party($0) != nil }
        case .figures(_, let party):
            valid = full.party(party) != nil
        }
        let kept = Probe.withRevisionTrees(wanted, in: full)
        for i in kept { points.append(full.claims.knownPosition(i)) }
        changePoints = Array(Set(points)).sorted()
        isValid = valid
        // Only the watched question: `Comparison` makes a row for every question reached,
        // and the others would cost more than the one that matters.
        let questions: [Question]
        if case .question(let q, _) = target { questions = full.questions.filter { $0.id == q } } else { questions = [] }
        scenario = full.restricted(toClaims: kept, questions: questions)
    }

    /// `claims` with every claim of their revision trees, sorted: a claim in between that
    /// states something else still links a later restatement to the claim it supersedes.
    static func withRevisionTrees(_ claims: [Int], in full: Scenario) -> [Int] {
        let links = full.claimLinks
        var keep = Set<Int>()
        for i in claims where !keep.contains(i) {
            var root = i
            while links.revises[root] >= 0 { root = links.revises[root] }
            var stack = [root]
            while let c = stack.popLast() {
                guard keep.insert(c).inserted else { continue }
                stack.append(contentsOf: links.revisedBy[c])
            }
        }
        return keep.sorted()
    }

    /// The scenario cut to question `q` and the claims that answer it, with their revision
    /// trees: what `show QUESTION` reads, as a watchpoint does, instead of every claim.
    static func cut(_ full: Scenario, to q: Question) -> Scenario {
        let claims = full.claims
        let answering = claims.indices.filter { claims.hasAnswers($0) && claims.answers($0).contains { $0.question == q.id } }
        return full.restricted(toClaims: withRevisionTrees(answering, in: full), questions: [q])
    }

    /// The watched value as of `position` (0 before the first event).
    public func value(at position: Int) -> WatchedValue {
        guard isValid else { return .unavailable }
        let knowledge = Knowledge(scenario: scenario, position: position)
        switch target {
        case .question(let q, let parties):
            let comparison = Comparison(knowledge, parties: parties)
            guard let row = comparison.questions.first(where: { $0.question.id == q }) else { return .notAsked }
            return .answers(AnswerState(row, parties: parties))
        case .figures(let m, let party):
            var values: [FigureState.Value] = []
            var seen = Set<FigureState.Value>()
            for f in knowledge.claimedFigures(measure: m) where f.losses == party && f.standing.counts {
                let claims = scenario.claims
                let v = FigureState.Value(claimant: claims.party(f.claim) ?? claims.by(f.claim), value: f.value)
                if seen.insert(v).inserted { values.append(v) }
            }
            return .figures(FigureState(values: values))
        }
    }

    /// The first position after `position` at which the value may differ.
    public func nextChangePoint(after position: Int) -> Int? {
        var low = 0, high = changePoints.count
        while low < high {
            let mid = (low + high) / 2
            if changePoints[mid] <= position { low = mid + 1 } else { high = mid }
        }
        return low < changePoints.count ? changePoints[low] : nil
    }
}

/// What a watchpoint shows: compared so that a change fires it, printed as old → new.
public enum WatchedValue: Equatable, Sendable, CustomStringConvertible {
    /// The question's event is not reached yet.
    case notAsked
    case answers(AnswerState)
    case figures(FigureState)
    /// The question or party is not in the scenario loaded now.
    case unavailable

    /// Equal when nothing a watch follows differs: reaching a question's event while no
    /// compared party has answered and no flag is raised changes no answer, verdict or
    /// flag (it is `open` either way), so it fires no watch and is no `Changed` line.
    public static func == (a: WatchedValue, b: WatchedValue) -> Bool {
        switch (a, b) {
        case (.notAsked, .notAsked), (.unavailable, .unavailable): true
        case (.answers(let x), .answers(let y)): x == y
        case (.figures(let x), .figures(let y)): x == y
        case (.notAsked, .answers(let x)), (.answers(let x), .notAsked): x.isUnasked
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notAsked: "(its event not reached yet)"
        case .answers(let a): a.description
        case .figures(let f): f.description
        case .unavailable: "(not in this scenario)"
        }
    }
}

/// A question as `compare` sees it at one position: each party's set of answers (a second
/// claimant repeating an answer changes nothing), the verdict and its flags.
public struct AnswerState: Equatable, Sendable, CustomStringConvertible {
    public let parties: [String]
    /// Per party, in the order given: its distinct current answers, in sequence order.
    public let answers: [[Answer]]
    public let verdict: String
    public let flags: [String]
    /// The verdict with each flag's party, for JSON.
    public let judgement: Judgement

    /// What `trace` follows: each party's answers without `withheld`, the verdict and flags.
    struct Position: Equatable {
        let answers: [[Answer]]
        let verdict: String
        let flags: [String]
    }

    var position: Position {
        Position(answers: answers.map { $0.filter { !$0.isWithheld } }, verdict: verdict, flags: flags)
    }

    init(_ row: Comparison.QuestionRow, parties: [String]) {
        self.parties = parties
        answers = row.positions.map { positions in
            var seen: [Answer] = []
            for p in positions where !seen.contains(p.answer) { seen.append(p.answer) }
            return seen
        }
        verdict = row.verdict.rawValue
        flags = AnswerState.flags(row)
        judgement = row.judgement
    }

    /// The flags `compare` prints for a row (its verdict rules' flags: internal split,
    /// compatible, withheld by P, others differ), one place to read them.
    static func flags(_ row: Comparison.QuestionRow) -> [String] { row.judgement.flagNames }

    /// What the question looks like before its event: no answer from any compared party,
    /// `open`, no flag.
    var isUnasked: Bool {
        verdict == Judgement.Verdict.open.rawValue && flags.isEmpty && answers.allSatisfy(\.isEmpty)
    }

    public static func == (a: AnswerState, b: AnswerState) -> Bool {
        a.verdict == b.verdict && a.flags == b.flags && a.parties == b.parties
            && zip(a.answers, b.answers).allSatisfy { Set($0) == Set($1) }
    }

    /// One party's answers as printed: `AZE`, `3, 20`, `—` for none.
    public func cell(_ k: Int) -> String {
        answers[k].isEmpty ? "—" : answers[k].map(\.description).joined(separator: ", ")
    }

    /// The verdict and its flags: `contradict`, `diverge (internal split, withheld by CHN)`.
    public var verdictText: String {
        flags.isEmpty ? verdict : verdict + " (" + flags.joined(separator: ", ") + ")"
    }

    /// `ARM: AZE | AZE: ARM | contradict` (no `;`, which would end a command in a script's `expect`).
    public var description: String {
        (parties.indices.map { parties[$0] + ": " + cell($0) } + [verdictText]).joined(separator: " | ")
    }
}

/// The current values claimed for a party's losses on one measure, by whom.
public struct FigureState: Equatable, Sendable, CustomStringConvertible {
    public struct Value: Equatable, Hashable, Sendable {
        /// The claimant's party, or the source's id for a source speaking for itself.
        public let claimant: String
        public let value: FigureValue
    }

    /// In sequence order, each (claimant, value) once.
    public let values: [Value]

    public static func == (a: FigureState, b: FigureState) -> Bool {
        a.values.count == b.values.count && (a.values == b.values || Set(a.values) == Set(b.values))
    }

    /// `3 (ARM), >=40 (AZE)`; `none claimed`.
    public var description: String {
        values.isEmpty ? "none claimed" : values.map { "\($0.value) (\($0.claimant))" }.joined(separator: ", ")
    }
}
