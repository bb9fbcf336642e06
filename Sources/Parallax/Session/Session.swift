/// The analyst's position in a scenario: the cursor on the sequence, breakpoints and
/// settings. "Known as of the cursor" is defined here, once, and every view uses it.
public struct Session: Sendable {
    public private(set) var scenario: Scenario
    /// 0 before the first event; k stands on event k (1-based); `count` on the last.
    public private(set) var cursor: Int = 0
    public var breakpoints: [Breakpoint] = []
    public var nextBreakpoint = 1
    public var settings = Settings()
    /// What is known as of the cursor, and everything (`all`), kept for the next command:
    /// narrative, compare, diff and figures each need it, and building it walks every claim.
    /// Used only while it matches the cursor; `replace` drops it.
    private var knowledgeCache: KnowledgeCache?

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
        cursor = keepCursor ? min(cursor, scenario.events.count) : 0
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
        all ? scenario.claims : scenario.claims.filter { isKnown($0) }
    }

    /// Claims that become known exactly at `position`: what stepping onto it reveals.
    public func claimsRevealed(at position: Int) -> [Claim] {
        scenario.claims.filter { $0.knownPosition == position }
    }

    /// `k/n`.
    public var positionText: String { "\(cursor)/\(count)" }
}

/// The knowledge a session keeps between commands, behind a reference so that a `Session`
/// stays small to copy. Copy on write: a session writes to it only while it holds the only
/// reference (else it makes its own first), so a shared cache is only ever read, and copies
/// of a session never see one another's cursor or scenario.
final class KnowledgeCache: @unchecked Sendable {
    var atCursor: Knowledge?
    var everything: Knowledge?
}
