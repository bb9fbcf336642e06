/// What a forward move from one position to another brought: every claim that became
/// known on the way (a move back then forward brings the same claims again), each
/// revision passed with the value it replaced, and each watchpoint whose value differs
/// between the two ends.
public struct Passage: Sendable {
    /// A revised answer or figure: `IND killed: 3 → 20 (army-20-killed revises army-3-killed)`.
    public struct Revision: Sendable, CustomStringConvertible {
        /// `IND killed`, `ARM who-started`.
        public let what: String
        public let old: String
        public let new: String
        /// The revising claim's index and the claim that stated the old value.
        public let claim: Int
        public let revised: Int
        let ids: (String, String)
        /// What is revised, as data: the question answered, or the (losses, measure) pair a
        /// figure or a tied question counts (`losses` nil for all sides).
        public let question: String?
        public let losses: String?
        public let measure: Measure?

        public var description: String { "\(what): \(old) → \(new) (\(ids.0) revises \(ids.1))" }
    }

    public struct WatchChange: Sendable, CustomStringConvertible {
        public let watchpoint: Watchpoint
        public let old: WatchedValue
        public let new: WatchedValue

        public var description: String {
            "watch \(watchpoint.number) \(watchpoint.description): \(old) → \(new)"
        }
    }

    public let from: Int
    public let to: Int
    /// Claim indices, in the order they became known.
    public let revealed: ArraySlice<Int>
    public let revisions: [Revision]
    public let watchChanges: [WatchChange]

    /// `watchValues`: each watchpoint's value at `from` and at `to`, in the session's order,
    /// when the caller has them already (`continue` reads them on its way).
    public init(from: Int, to: Int, in session: Session, watchValues: [(WatchedValue, WatchedValue)]? = nil) {
        self.from = from
        self.to = to
        let scenario = session.scenario
        let revealed = session.revealed(after: from, through: to)
        self.revealed = revealed
        var revisions: [Revision] = []
        let links = scenario.claimLinks
        do {
            let claims = scenario.claims
            for i in revealed where links.revises[i] >= 0 && claims.status(i) != .retracted {
                for part in ClaimPart.parts(of: claims[i]) {
                    // A tied question and its pair's figure are one fact: read it once, as the
                    // answer (which also holds `withheld`), named by the pair.
                    let tie: Question.Tie?
                    switch part {
                    case .answer(let q): tie = scenario.question(q)?.tie
                    case .figure(let party, let m):
                        if scenario.tiedQuestion[Question.Tie(losses: party, measure: m)] != nil { continue }
                        tie = nil
                    }
                    // The nearest earlier claim of the chain that stated this part, once known.
                    var j = links.revises[i]
                    while j >= 0 && Passage.value(of: part, in: claims[j]) == nil { j = links.revises[j] }
                    guard j >= 0, claims[j].knownPosition <= to,
                          let old = Passage.value(of: part, in: claims[j]),
                          let new = Passage.value(of: part, in: claims[i]), old != new else { continue }
                    let what: String
                    switch part {
                    case .answer(let q):
                        what = tie.map { ($0.losses ?? "all sides") + " " + $0.measure.rawValue } ?? (claims[i].party ?? claims[i].by) + " " + q
                    case .figure(let party, let m): what = (party ?? "all sides") + " " + m.rawValue
                    }
                    let pair: (losses: String?, measure: Measure)? = switch part {
                    case .answer: tie.map { ($0.losses, $0.measure) }
                    case .figure(let party, let m): (party, m)
                    }
                    var question: String? = nil
                    if case .answer(let q) = part { question = q }
                    revisions.append(Revision(what: what, old: old, new: new, claim: i, revised: j,
                                              ids: (claims[i].id, claims[j].id), question: question,
                                              losses: pair?.losses, measure: pair?.measure))
                }
            }
        }
        self.revisions = revisions
        if let watchValues, watchValues.count == session.watchpoints.count, to > from {
            watchChanges = zip(session.watchpoints, watchValues).compactMap { w, v in
                v.0 == v.1 ? nil : WatchChange(watchpoint: w, old: v.0, new: v.1)
            }
            return
        }
        watchChanges = to > from ? session.watchpoints.compactMap { w in
            // Between two points where one of its claims becomes known, nothing can change.
            guard let next = w.probe.nextChangePoint(after: from), next <= to else { return nil }
            let old = w.probe.value(at: from), new = w.probe.value(at: to)
            return old == new ? nil : WatchChange(watchpoint: w, old: old, new: new)
        } : []
    }

    /// A claim's value for one part, as printed; nil when it does not state that part.
    static func value(of part: ClaimPart, in claim: Claim) -> String? {
        switch part {
        case .answer(let q): return claim.answer(to: q)?.description
        case .figure(let party, let m):
            return claim.figures.first { $0.party == party && $0.value(of: m) != nil }?.value(of: m)?.description
        }
    }

    /// Whether anything belongs in the `Changed` list.
    public var hasChanges: Bool { !revisions.isEmpty || !watchChanges.isEmpty }
}
