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
        let scenario = knowledge.scenario
        var column: [String: Int] = [:]
        for (i, p) in parties.enumerated() { column[p] = i }
        let none = [[Int]](repeating: [], count: parties.count)
        // By position: what each party said about the event there, and what surfaced there.
        var said = [[[Int]]?](repeating: nil, count: scenario.events.count + 1)
        var surfaced = said
        let about = scenario.claimLinks.about
        let claims = scenario.claims
        for i in knowledge.inSequence {
            guard let p = claims.party(i), let col = column[p], case let at = about[i], at >= 1 else { continue }
            if said[at] == nil { said[at] = none }
            said[at]![col].append(i)
            let k = claims.knownPosition(i)
            if k != at {
                if surfaced[k] == nil { surfaced[k] = none }
                surfaced[k]![col].append(i)
            }
        }
        // The narrated party each actor or party id stands for, so an event's participants
        // take one lookup per id (as `Scenario.parties(of:)` defines them).
        var narratedParty: [String: String] = [:]
        for p in parties { narratedParty[p] = p }
        for a in scenario.actors where column[a.party] != nil && scenario.party(a.id) == nil { narratedParty[a.id] = a.party }
        // Through the events' actors as numbers (`PartyIndex`): each distinct id looked up once.
        let index = scenario.partyIndex
        let narrated = index.actorIDs.map { narratedParty[$0] }
        var steps: [Step] = []
        for position in stride(from: 1, through: knowledge.position, by: 1) {
            var participants: [String] = []
            for k in Int(index.actorStart[position - 1])..<Int(index.actorStart[position]) {
                if let p = narrated[Int(index.actors[k])], !participants.contains(p) { participants.append(p) }
            }
            let claims = said[position], later = surfaced[position]
            guard !participants.isEmpty || claims != nil || later != nil else { continue }
            steps.append(Step(position: position, participants: participants,
                              claims: claims ?? none, surfaced: later ?? none))
        }
        self.steps = steps
    }

    /// How many claims the account holds, all parties together.
    public var claimCount: Int { steps.reduce(0) { $0 + $1.claims.reduce(0) { $0 + $1.count } } }
}
