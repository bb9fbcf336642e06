/// Every claim's references resolved once, when the scenario is indexed: the position of
/// the event it is about, and the claims it revises, confirms and denies, as indices into
/// `claims`. Views as of any cursor then walk integers instead of looking ids up.
public struct ClaimLinks: Sendable {
    /// 1-based position of each claim's `about` event; 0 when it does not resolve.
    public private(set) var about: [Int] = []
    /// Index of the claim each claim revises; -1 for none.
    public private(set) var revises: [Int] = []
    public private(set) var confirms: [[Int]] = []
    public private(set) var denies: [[Int]] = []
    /// The claims that revise each claim directly, in file order.
    public private(set) var revisedBy: [[Int]] = []
    /// The `revises` links form a forest (the loader rejects cycles). Numbered depth-first,
    /// a claim's later revisions are exactly the claims whose `entry` lies in
    /// (`entry`, `exit`] of it, so "is revised by" is a range check. -1 outside any tree.
    public private(set) var entry: [Int] = []
    /// The largest `entry` in each claim's subtree of revisions.
    public private(set) var exit: [Int] = []

    public init() {}

    /// `known`: the position of each claim's `about` event when the caller has it, in place
    /// of looking each up in `positions`.
    init(claims: ClaimList, index: [String: EntityRef], positions: EventPositions, about known: [Int]? = nil) {
        func claimIndex(_ id: String) -> Int? {
            if case .claim(let i)? = index[id] { return i }
            return nil
        }
        about.reserveCapacity(claims.count)
        revises.reserveCapacity(claims.count)
        confirms.reserveCapacity(claims.count)
        denies.reserveCapacity(claims.count)
        for c in claims.indices {
            about.append(known.map { $0[c] } ?? positions[claims.about(c)] ?? 0)
            revises.append(claims.revises(c).flatMap(claimIndex) ?? -1)
            let confirming = claims.confirms(c), denying = claims.denies(c)
            confirms.append(confirming.isEmpty ? [] : confirming.compactMap(claimIndex))
            denies.append(denying.isEmpty ? [] : denying.compactMap(claimIndex))
        }
        revisedBy = [[Int]](repeating: [], count: claims.count)
        for (i, p) in revises.enumerated() where p >= 0 { revisedBy[p].append(i) }
        entry = [Int](repeating: -1, count: claims.count)
        exit = entry
        var next = 0
        for root in revisedBy.indices where revises[root] < 0 && !revisedBy[root].isEmpty {
            // Iterative depth-first walk: (claim, how many of its revisions are done).
            var stack = [(root, 0)]
            entry[root] = next
            next += 1
            while let (node, done) = stack.last {
                if done < revisedBy[node].count {
                    let child = revisedBy[node][done]
                    stack[stack.count - 1].1 += 1
                    entry[child] = next
                    next += 1
                    stack.append((child, 0))
                } else {
                    exit[node] = next - 1
                    stack.removeLast()
                }
            }
        }
    }
}

extension ClaimLinks {
    /// The links of an import's claims: each about its own event, none revising, confirming
    /// or denying another.
    init(importedAbout about: [Int]) {
        let n = about.count
        self.about = about
        revises = [Int](repeating: -1, count: n)
        confirms = [[Int]](repeating: [], count: n)
        denies = confirms
        revisedBy = confirms
        entry = revises
        exit = revises
    }
}
