/// How a disagreement evolved: the answers to one question, party by party, with the
/// verdict, at each event where any of it changed. Read through a `Probe`, so the rows
/// agree with what `compare` says at each of those positions.
public struct Trace: Sendable {
    public struct Row: Sendable {
        /// 1-based position of the event at which the change happened.
        public let position: Int
        public let state: AnswerState
    }

    public let question: String
    public let parties: [String]
    /// The rows up to `limit`, in sequence order; the first is where the question is first asked (its event reached, or an answer known).
    public let rows: [Row]
    /// Positions read before an interrupt stopped the trace; nil when it ran to the end.
    public let interruptedAt: Int?
    public let limit: Int

    /// Up to `limit` (the cursor, or the last event with `all`); `isInterrupted` is polled
    /// between change points.
    public init(question: String, parties: [String], in scenario: Scenario, through limit: Int,
                isInterrupted: () -> Bool = { false }) {
        self.question = question
        self.parties = parties
        self.limit = limit
        let probe = Probe(.question(question, parties: parties), in: scenario)
        var rows: [Row] = []
        // A row where a party's position (its answers, `withheld` set aside: it is no
        // position) or the verdict with its flags changes; a watch also fires on a withheld.
        func position(_ v: WatchedValue) -> AnswerState.Position? {
            if case .answers(let state) = v { state.position } else { nil }
        }
        var previous: AnswerState.Position?
        var stopped: Int?
        for p in probe.changePoints where p >= 1 && p <= limit {
            if isInterrupted() {
                stopped = p - 1
                break
            }
            let value = probe.value(at: p)
            let now = position(value)
            if now != previous, case .answers(let state) = value { rows.append(Row(position: p, state: state)) }
            previous = now
        }
        self.rows = rows
        interruptedAt = stopped
    }
}
