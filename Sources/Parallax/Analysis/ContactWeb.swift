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

    /// Everyone who takes part in a contact, in order of first appearance: the web's nodes.
    public func nodes(in scenario: Scenario) -> [WebNode] {
        var seen: Set<String> = []
        var nodes: [WebNode] = []
        for c in contacts {
            for id in (c.from.map { [$0] } ?? []) + c.to where seen.insert(id).inserted {
                let isParty = scenario.party(id) != nil
                nodes.append(WebNode(id: id, name: scenario.name(of: id),
                                     party: isParty ? id : scenario.actor(id)?.party, isParty: isParty))
            }
        }
        return nodes
    }

    public init(_ scenario: Scenario) {
        // Only the contact events are copied (reading each event by value would copy all).
        let events = scenario.events
        contacts = events.indicesInPlace { $0.pointee.type.isContact }.map { i in
            let e = events[i]
            // A disputed initiator: nobody is taken as the one who reached out.
            if e.type.isDirected, !e.initiatorDisputed, let first = e.actors.first {
                return Contact(position: i + 1, event: e, from: first, to: Array(e.actors.dropFirst()))
            }
            return Contact(position: i + 1, event: e, from: nil, to: e.actors)
        }
    }
}
