/// `narrative`: one or more parties' accounts in sequence order, aligned by event. Each
/// step is an event one of the parties took part in or spoke about, with what each party
/// said of it (nothing, when it was silent). Mediators have accounts too; a claim by a
/// source belongs to no party and never appears here. Superseded, denied and retracted
/// claims are all shown: marking them is the view's job, not leaving them out.
public struct Narrative: Sendable {
    public struct Step: Sendable {
        /// 1-based position in the sequence (the event is `scenario.events[position - 1]`).
        public let position: Int
        /// The parties (of those narrated) the event involves.
        public let participants: [String]
        /// One list per narrated party: its known claims about the event (indices into
        /// `scenario.claims`), in the order they became known.
        public let claims: [[Int]]
        /// One list per narrated party: its claims about earlier events that became known
        /// here (`known_at`), so a reader sees when each account surfaced.
        public let surfaced: [[Int]]
    }

    public let parties: [String]
    public let steps: [Step]

    public init(_ knowledge: Knowledge, parties: [String]) {
        self.parties = parties
        // The narrated party each actor or party id stands for, so an event's participants
        // take one lookup per id (as `Scenario.parties(of:)` defines them).
        let scenario = knowledge.scenario
        var narratedParty: [String: String] = [:]
        for p in parties { narratedParty[p] = p }
        let narrated = Set(parties)
        for a in scenario.actors where narrated.contains(a.party) && scenario.party(a.id) == nil {
            narratedParty[a.id] = a.party
        }
        // A long sequence is read in two halves at once, each taking the events of its half.
        steps = Concurrently.inHalves(knowledge.position, threshold: Narrative.parallelPositions) { range in
            Narrative.steps(knowledge, parties: parties, narratedParty: narratedParty,
                            positions: range.lowerBound + 1..<range.upperBound + 1)
        }
    }

    /// Sequences of at least this many events reached are read on two cores.
    static let parallelPositions = 1000

    /// The steps at `positions`.
    private static func steps(_ knowledge: Knowledge, parties: [String], narratedParty: [String: String],
                              positions: Range<Int>) -> [Step] {
        let scenario = knowledge.scenario
        let none = [[Int]](repeating: [], count: parties.count)
        // By position: what each party said about the event there, and what surfaced there.
        var said = [[[Int]]?](repeating: nil, count: positions.count)
        var surfaced = said
        let about = scenario.claimLinks.about
        /// A party's column: a few short ids, compared in place (cheaper than hashing them).
        func column(_ party: String) -> Int? {
            for (i, p) in parties.enumerated() where p == party { return i }
            return nil
        }
        scenario.claims.withUnsafeBufferPointer { claims in
            for i in knowledge.inSequence {
                let at = about[i], k = claims[i].knownPosition
                guard positions.contains(at) || (k != at && positions.contains(k)),
                      let p = claims[i].party, let col = column(p), at >= 1 else { continue }
                if positions.contains(at) {
                    let slot = at - positions.lowerBound
                    if said[slot] == nil { said[slot] = none }
                    said[slot]![col].append(i)
                }
                if k != at && positions.contains(k) {
                    let slot = k - positions.lowerBound
                    if surfaced[slot] == nil { surfaced[slot] = none }
                    surfaced[slot]![col].append(i)
                }
            }
        }
        var steps: [Step] = []
        scenario.events.withUnsafeBufferPointer { events in
            for position in positions {
                var participants: [String] = []
                for id in events[position - 1].actors {
                    if let p = narratedParty[id], !participants.contains(p) { participants.append(p) }
                }
                let claims = said[position - positions.lowerBound], later = surfaced[position - positions.lowerBound]
                guard !participants.isEmpty || claims != nil || later != nil else { continue }
                steps.append(Step(position: position, participants: participants,
                                  claims: claims ?? none, surfaced: later ?? none))
            }
        }
        return steps
    }

    /// How many claims the account holds, all parties together.
    public var claimCount: Int { steps.reduce(0) { $0 + $1.claims.reduce(0) { $0 + $1.count } } }
}
