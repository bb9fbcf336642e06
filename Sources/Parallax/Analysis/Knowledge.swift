/// What the analyst knows at one point of the sequence: the events reached, the claims
/// revealed, and what those claims say of one another (confirmations, denials,
/// revisions). Narratives, comparisons and figure tables are functions of this value, so
/// "known" (from `Session`) and "superseded" (from `Revisions`) each have one definition.
public struct Knowledge: Sendable {
    public let scenario: Scenario
    /// Events 1…position have been reached (the event count with `all`).
    public let position: Int
    /// Built with `all`: every claim, whatever the cursor.
    public let isEverything: Bool
    /// Indices into `scenario.claims` of the known claims, in file order.
    public let known: [Int]
    /// The same claims in sequence order: by the event each is about, then when it became
    /// known, then file order. Views that walk this need no sorting of their own.
    public let inSequence: [Int]
    private let isKnown: [Bool]
    private let confirmers: [Int: [Int]]
    private let deniers: [Int: [Int]]
    private let revisions: Revisions

    /// As of the session's cursor, or everything with `all`.
    public init(session: Session, all: Bool = false) {
        let scenario = session.scenario
        self.scenario = scenario
        position = all ? scenario.events.count : session.cursor
        isEverything = all
        // Claims are read in place through a buffer: a Claim is a large value, and copying
        // ten thousand of them would cost more than the analysis itself.
        let stride = scenario.events.count + 1
        var isKnown = [Bool](repeating: false, count: scenario.claims.count)
        var known: [Int] = []
        var key: [Int] = []
        var confirmers: [Int: [Int]] = [:], deniers: [Int: [Int]] = [:]
        let links = scenario.claimLinks
        let claims = scenario.claims
        known.reserveCapacity(claims.count)
        key.reserveCapacity(claims.count)
        let cursor = session.cursor
        for i in claims.indices {
            let at = claims.knownPosition(i)
            guard all || at <= cursor else { continue }
            isKnown[i] = true
            known.append(i)
            key.append(links.about[i] * stride + at)
            for t in links.confirms[i] { confirmers[t, default: []].append(i) }
            for t in links.denies[i] { deniers[t, default: []].append(i) }
        }
        self.known = known
        self.isKnown = isKnown
        inSequence = Knowledge.sequenceOrder(known, key: key, stride: stride)
        self.confirmers = confirmers
        self.deniers = deniers
        revisions = Revisions(scenario: scenario, known: isKnown)
    }

    /// As of a position in the sequence (0 before the first event), or everything for nil.
    public init(scenario: Scenario, position: Int?) {
        var session = Session(scenario: scenario)
        session.move(to: position ?? scenario.events.count)
        self.init(session: session, all: position == nil)
    }

    /// `known` ordered by `key` (about * stride + known position, each in 0..<stride), file
    /// order among equal keys: two stable counting passes, linear where a comparison sort
    /// of a million claims took a tenth of a second on every move of the cursor.
    static func sequenceOrder(_ known: [Int], key: [Int], stride: Int) -> [Int] {
        guard key.allSatisfy({ $0 >= 0 && $0 < stride * stride }) else {
            return known.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }.map { known[$0] }
        }
        var order = Array(known.indices), next = [Int](repeating: 0, count: order.count)
        for digit in [{ (k: Int) in k % stride }, { (k: Int) in k / stride }] {
            var start = [Int](repeating: 0, count: stride + 1)
            for i in order { start[digit(key[i]) + 1] += 1 }
            for d in 0..<stride { start[d + 1] += start[d] }
            for i in order {
                let d = digit(key[i])
                next[start[d]] = i
                start[d] += 1
            }
            swap(&order, &next)
        }
        return order.map { known[$0] }
    }

    public func isKnown(_ index: Int) -> Bool { isKnown[index] }

    /// Whether part of a claim still counts: not retracted, not restated by a known revision.
    public func standing(of part: ClaimPart, in index: Int) -> Standing {
        if scenario.claims.status(index) == .retracted { return .retracted }
        if let by = revisions.restater(of: scenario.canonical(part), in: index) { return .revised(by: scenario.claims.id(by)) }
        return .current
    }

    /// Known claims that confirm the claim, in file order.
    public func confirmations(of index: Int) -> [Int] { confirmers[index] ?? [] }

    /// Known claims that deny the claim, in file order. A denial never stops a claim
    /// counting as its own party's position.
    public func denials(of index: Int) -> [Int] { deniers[index] ?? [] }

    /// Known claims that revise the claim directly, in file order.
    public func revisions(of index: Int) -> [Int] { revisions.revisers[index] ?? [] }

    /// When a claim was said (see `Claim.said`), as printed.
    public func dateSaid(_ index: Int) -> String {
        scenario.claims.said(index)?.description ?? ""
    }

    /// The parties in the order the scenario declares them (for stable output).
    func partyOrder(_ id: String?) -> Int {
        guard let id, case .party(let i)? = scenario.entity(id) else { return Int.max }
        return i
    }
}
