/// The analyst's position in a scenario: the cursor on the sequence, breakpoints and
/// settings. "Known as of the cursor" is defined here, once, and every view uses it.
public struct Session: Sendable {
    public private(set) var scenario: Scenario
    /// 0 before the first event; k stands on event k (1-based); `count` on the last.
    public private(set) var cursor: Int = 0
    public var breakpoints: [Breakpoint] = []
    /// Watchpoints share the breakpoints' numbering (`nextBreakpoint`), as in gdb.
    public var watchpoints: [Watchpoint] = []
    public var nextBreakpoint = 1
    public var settings = Settings()
    /// What is known as of the cursor, and everything (`all`), kept for the next command:
    /// narrative, compare, diff and figures each need it, and building it walks every claim.
    /// Used only while it matches the cursor; `replace` drops it.
    private var knowledgeCache: KnowledgeCache?
    /// The claims grouped by the position at which each becomes known, built on first use.
    private var revealCache = RevealCache()

    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    public var count: Int { scenario.events.count }

    /// The event the cursor stands on; nil before the first.
    public var currentEvent: Event? { cursor >= 1 ? scenario.events[cursor - 1] : nil }

    /// Moves the cursor, clamped to 0…count; returns how far it really moved.
    @discardableResult
    public mutating func move(to position: Int) -> Int {
        let target = max(0, min(count, position))
        defer { cursor = target }
        return target - cursor
    }

    /// Replaces the scenario (load/reload) and puts the cursor back before the first event.
    public mutating func replace(_ scenario: Scenario, keepCursor: Bool = false) {
        // The old model and what was known in it are freed on another thread: a large one
        // takes milliseconds to let go of.
        let old = self.scenario
        self.scenario = scenario
        Disposal.drop((consume old, knowledgeCache.take()))
        revealCache = RevealCache()
        cursor = keepCursor ? min(cursor, scenario.events.count) : 0
        // A watchpoint's probe belongs to the scenario it was made on.
        for i in watchpoints.indices { watchpoints[i].rebuild(in: scenario) }
    }

    /// What is known as of the cursor, or everything with `all`: built once per cursor
    /// position and scenario, then reused.
    public mutating func knowledge(all: Bool = false) -> Knowledge {
        if let cache = knowledgeCache {
            if all, let k = cache.everything { return k }
            if !all, let k = cache.atCursor, k.position == cursor { return k }
        }
        let k = Knowledge(session: self, all: all)
        if !isKnownUniquelyReferenced(&knowledgeCache) {
            // A copy of this session shares the cache: write to one of our own.
            let own = KnowledgeCache()
            own.atCursor = knowledgeCache?.atCursor
            own.everything = knowledgeCache?.everything
            knowledgeCache = own
        }
        if all { knowledgeCache?.everything = k } else { knowledgeCache?.atCursor = k }
        return k
    }

    /// Whether a claim is known at `position` (the cursor by default): from its
    /// `known_at` event on (the `about` event when none is given).
    public func isKnown(_ claim: Claim, at position: Int? = nil) -> Bool {
        claim.knownPosition <= (position ?? cursor)
    }

    /// Claims known as of the cursor, or every claim with `all`, in file order.
    public func knownClaims(all: Bool = false) -> [Claim] {
        let claims = scenario.claims
        return all ? claims.array : claims.filtered { claims.knownPosition($0) <= cursor }
    }

    /// Claims that become known exactly at `position`: what stepping onto it reveals.
    public func claimsRevealed(at position: Int) -> [Claim] {
        revealed(after: position - 1, through: position).map { scenario.claims[$0] }
    }

    /// Indices of the claims that become known after position `old` up to and including
    /// `new`: what a forward move from `old` to `new` reveals, in the order they become
    /// known (then file order). Empty when `new <= old`.
    public func revealed(after old: Int, through new: Int) -> ArraySlice<Int> {
        revealCache.index(for: scenario).revealed(after: old, through: new)
    }

    /// `k/n`.
    public var positionText: String { "\(cursor)/\(count)" }
}

/// The knowledge a session keeps between commands, behind a reference so that a `Session`
/// stays small to copy. Copy on write: a session writes to it only while it holds the only
/// reference (else it makes its own first), so a shared cache is only ever read, and copies
/// of a session never see one another's cursor or scenario.
/// The claims ordered by the position at which they become known, so that what a move
/// reveals is one slice. Behind a reference, built at first use: most sessions (those a
/// `Knowledge` makes for itself) never move.
final class RevealCache: @unchecked Sendable {
    private var built: RevealIndex?

    func index(for scenario: Scenario) -> RevealIndex {
        if let built { return built }
        let index = RevealIndex(scenario)
        built = index
        return index
    }
}

/// Claim indices sorted by known position (a counting sort, stable in file order), with
/// where each position's claims start.
struct RevealIndex: Sendable {
    let order: [Int]
    /// `start[p]` is where the claims known at position p begin; p in 0…count, plus an end.
    let start: [Int]

    init(_ scenario: Scenario) {
        let count = scenario.events.count
        var tally = [Int](repeating: 0, count: count + 2)
        let claims = scenario.claims
        for i in claims.indices { tally[max(0, min(count, claims.knownPosition(i))) + 1] += 1 }
        for p in 1..<tally.count { tally[p] += tally[p - 1] }
        start = tally
        var next = tally
        var order = [Int](repeating: 0, count: scenario.claims.count)
        for i in claims.indices {
            let p = max(0, min(count, claims.knownPosition(i)))
            order[next[p]] = i
            next[p] += 1
        }
        self.order = order
    }

    func revealed(after old: Int, through new: Int) -> ArraySlice<Int> {
        let last = start.count - 2
        let a = max(0, min(last, old) + 1), b = max(0, min(last, new) + 1)
        guard b > a else { return [] }
        return order[start[a]..<start[b]]
    }
}

final class KnowledgeCache: @unchecked Sendable {
    var atCursor: Knowledge?
    var everything: Knowledge?
}
