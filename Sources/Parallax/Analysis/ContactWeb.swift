/// The mediation web: every consult, mediate, negotiate, appeal and agreement event, with
/// who reached out (for directed types) and to whom, in sequence order.
public struct ContactWeb: Sendable {
    public struct Contact: Sendable {
        public var position: Int
        public var event: Event
        /// The one who called or appealed; nil when the type has no direction.
        public var from: String?
        public var to: [String]
    }

    public var contacts: [Contact]

    public init(_ scenario: Scenario) {
        contacts = scenario.events.enumerated().compactMap { i, e in
            guard e.type.isContact else { return nil }
            // A disputed initiator: nobody is taken as the one who reached out.
            if e.type.isDirected, !e.initiatorDisputed, let first = e.actors.first {
                return Contact(position: i + 1, event: e, from: first, to: Array(e.actors.dropFirst()))
            }
            return Contact(position: i + 1, event: e, from: nil, to: e.actors)
        }
    }
}
