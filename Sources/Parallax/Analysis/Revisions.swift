/// A part of a claim that a later revision can restate on its own: the answer to one
/// question, or the figure for one (party, measure) pair. Revisions work per part, so
/// "6 killed" replaces "1 killed" while the same claim's "12 captured" still stands.
public enum ClaimPart: Hashable, Sendable {
    case answer(question: String)
    /// `party` nil: the losses of all sides together.
    case figure(party: String?, measure: Measure)

    /// Every part a claim states, in the order written.
    public static func parts(of claim: Claim) -> [ClaimPart] {
        claim.answers.map { .answer(question: $0.question) }
            + claim.figures.flatMap { f in f.values.map { ClaimPart.figure(party: f.party, measure: $0.measure) } }
    }
}

/// Whether a part of a claim still counts as its party's position.
public enum Standing: Equatable, Sendable {
    case current
    /// A known later claim of the same party restates it (the nearest such revision).
    case revised(by: String)
    /// The claim was retracted: it is shown, never counted.
    case retracted

    public var counts: Bool { self == .current }
}

/// Supersession, defined once for every view. A claim that `revises` another supersedes
/// the parts of it that it restates (and, through a chain of revisions, the parts any
/// later link restates); everything else of the earlier claim stands. Only known claims
/// supersede, so stepping back before a revision brings the old number back. A retracted
/// revision supersedes nothing: the party took the update back.
///
/// With the revision forest numbered depth-first (`ClaimLinks.entry`/`exit`), finding which
/// later claim restates a part of X is a binary search among the claims stating that part:
/// O(n log n) however long the chains, never quadratic.
struct Revisions: Sendable {
    private let links: ClaimLinks
    /// For each part: the known, unretracted revisions that state it, by entry number.
    private var statedBy: [ClaimPart: [Int]] = [:]
    /// Known claims that revise a claim directly, in file order.
    private(set) var revisers: [Int: [Int]] = [:]

    init(scenario: Scenario, known: [Bool]) {
        links = scenario.claimLinks
        let links = links
        do {
            let claims = scenario.claims
            for i in claims.indices where links.revises[i] >= 0 && known[i] && claims.status(i) != .retracted {
                // A tied answer and its figure are one part: listed once.
                var parts: [ClaimPart] = []
                for part in ClaimPart.parts(of: claims[i]) {
                    let p = scenario.canonical(part)
                    if !parts.contains(p) { parts.append(p) }
                }
                for part in parts { statedBy[part, default: []].append(i) }
            }
        }
        for part in statedBy.keys where statedBy[part]!.count > 1 {
            statedBy[part]!.sort { links.entry[$0] < links.entry[$1] }
        }
        for (p, ch) in links.revisedBy.enumerated() where !ch.isEmpty {
            let knownRevisers = ch.filter { known[$0] }
            if !knownRevisers.isEmpty { revisers[p] = knownRevisers }
        }
    }

    /// The known claim that restates `part` of claim `index`, if any: the first such
    /// descendant in depth-first order (for a chain, the nearest).
    func restater(of part: ClaimPart, in index: Int) -> Int? {
        let entry = links.entry, exit = links.exit
        guard entry[index] >= 0, exit[index] > entry[index], let list = statedBy[part] else { return nil }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if entry[list[mid]] <= entry[index] { low = mid + 1 } else { high = mid }
        }
        guard low < list.count, entry[list[low]] <= exit[index] else { return nil }
        return list[low]
    }
}
