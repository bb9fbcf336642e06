/// One number one claim gives for one party's losses and one measure.
public struct ClaimedFigure: Sendable {
    /// Index into `scenario.claims`.
    public let claim: Int
    /// Whose losses; nil for all sides together.
    public let losses: String?
    public let measure: Measure
    public let value: FigureValue
    public let note: String?
    public let standing: Standing
}

extension Knowledge {
    /// Every figure value of the known claims, in sequence order, with its standing.
    public func claimedFigures(measure: Measure? = nil) -> [ClaimedFigure] {
        var out: [ClaimedFigure] = []
        let claims = scenario.claims
        if let rows = claims.columns { return rows.claimedFigures(inSequence, measure: measure, standing: standing) }
        for i in inSequence where claims.hasFigures(i) {
            for f in claims.figures(i) {
                for (m, v) in f.values where measure == nil || m == measure {
                    out.append(ClaimedFigure(claim: i, losses: f.party, measure: m, value: v, note: f.note,
                                             standing: standing(of: .figure(party: f.party, measure: m), in: i)))
                }
            }
        }
        return out
    }
}

/// `figures`: per party's losses and measure, every value claimed, and the summary an
/// analyst needs (the lowest and highest claimed, the latest official figure from the
/// party itself and from its adversary, the spread), as UCDP keeps low/best/high.
public struct FigureTable: Sendable {
    /// The highest value claimed: a number, or open when an `at_least` value leaves it
    /// without a ceiling (with the largest number anyone gave as its floor).
    public enum Highest: Equatable, Sendable, CustomStringConvertible {
        case bounded(Int)
        case open(atLeast: Int)

        public var description: String {
            switch self {
            case .bounded(let n): String(n)
            case .open(let n): ">=\(n)"
            }
        }
    }

    public struct Summary: Sendable {
        public let lowest: Int
        public let highest: Highest
        /// The latest official value from the party whose losses are counted.
        public let ownOfficial: ClaimedFigure?
        /// The latest official value from any of its adversaries (the other belligerents).
        public let adversaryOfficial: ClaimedFigure?

        /// Highest minus lowest; nil when the highest is open.
        public var spread: Int? {
            if case .bounded(let h) = highest { return h - lowest }
            return nil
        }
    }

    public struct Group: Sendable {
        public let losses: String?
        public let measure: Measure
        /// In sequence order, superseded and retracted values included.
        public let values: [ClaimedFigure]
        /// Over current values only; nil when none is current.
        public let summary: Summary?
    }

    /// By party in declaration order (all sides last), then measure.
    public let groups: [Group]

    public init(_ knowledge: Knowledge, measure: Measure? = nil) {
        struct Key: Hashable { let losses: String?; let measure: Measure }
        var byKey: [Key: [ClaimedFigure]] = [:]
        for f in knowledge.claimedFigures(measure: measure) {
            byKey[Key(losses: f.losses, measure: f.measure), default: []].append(f)
        }
        let keys = byKey.keys.sorted {
            let a = knowledge.partyOrder($0.losses), b = knowledge.partyOrder($1.losses)
            return a != b ? a < b : $0.measure < $1.measure
        }
        // Once per table, not per group: an export names hundreds of parties, each a group.
        let belligerents = Set(knowledge.scenario.parties.filter { $0.role == .belligerent }.map(\.id))
        groups = keys.map { key in
            let values = byKey[key] ?? []
            return Group(losses: key.losses, measure: key.measure, values: values,
                         summary: FigureTable.summary(values, losses: key.losses, belligerents: belligerents, in: knowledge))
        }
    }

    /// `belligerents`: the ids of the scenario's belligerent parties.
    static func summary(_ values: [ClaimedFigure], losses: String?, belligerents: Set<String>,
                        in knowledge: Knowledge) -> Summary? {
        let current = values.filter { $0.standing.counts }
        guard let lowest = current.lazy.map({ $0.value.lowerBound }).min() else { return nil }
        let ceilings = current.compactMap { $0.value.upperBound }
        let highest: Highest = current.count == ceilings.count
            ? .bounded(ceilings.max() ?? lowest)
            : .open(atLeast: max(ceilings.max() ?? lowest, current.lazy.map { $0.value.lowerBound }.max() ?? lowest))
        let scenario = knowledge.scenario
        let claims = scenario.claims
        // The other belligerents, when the losses are a belligerent's.
        let hasAdversaries = losses.map { belligerents.contains($0) && belligerents.count > 1 } ?? false
        func isAdversary(_ p: String) -> Bool { p != losses && belligerents.contains(p) }
        // Latest: the last to become known, then the last written.
        func latestOfficial(_ from: (String) -> Bool) -> ClaimedFigure? {
            var latest: ClaimedFigure?
            var latestKey = (-1, -1)
            for f in current {
                let status = claims.status(f.claim)
                guard status == .official || status == .confirmed, let p = claims.party(f.claim), from(p) else { continue }
                let key = (claims.knownPosition(f.claim), f.claim)
                if key > latestKey { (latest, latestKey) = (f, key) }
            }
            return latest
        }
        return Summary(lowest: lowest, highest: highest,
                       ownOfficial: losses.flatMap { l in latestOfficial { $0 == l } },
                       adversaryOfficial: hasAdversaries ? latestOfficial(isAdversary) : nil)
    }
}
