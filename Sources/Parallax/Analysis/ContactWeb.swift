/// The mediation web: every consult, mediate, negotiate, appeal and agreement event, with
/// who reached out (for directed types) and to whom, in sequence order.
public struct ContactWeb: Sendable {
    public struct Contact: Sendable {
        public var position: Int
        /// The scenario's events, of which this contact's is made when asked for: an import
        /// has hundreds of thousands of contacts, and a table shows a thousand.
        let events: EventList
        public var event: Event { events[position - 1] }
        /// The one who called or appealed; nil when the type has no direction.
        public var from: String?
        public var to: [String]
    }

    public var contacts: [Contact]

    /// Everyone who takes part in a contact, in order of first appearance: the web's nodes.
    public func nodes(in scenario: Scenario) -> [WebNode] {
        var seen: Set<String> = []
        var nodes: [WebNode] = []
        func visit(_ id: String) {
            guard seen.insert(id).inserted else { return }
            let isParty = scenario.party(id) != nil
            nodes.append(WebNode(id: id, name: scenario.name(of: id),
                                 party: isParty ? id : scenario.actor(id)?.party, isParty: isParty))
        }
        // Each contact read in place, no list built for it: an export has hundreds of
        // thousands of contacts and a few hundred nodes.
        contacts.withUnsafeBufferPointer { contacts in
            for i in contacts.indices {
                if let from = contacts[i].from { visit(from) }
                for id in contacts[i].to { visit(id) }
            }
        }
        return nodes
    }

    public init(_ scenario: Scenario) {
        // Events are read field by field, their actors through the scenario's numbering of
        // them (each id a string made once): no event is made here.
        let events = scenario.events
        let index = scenario.partyIndex
        contacts = events.indices(where: { events.type($0).isContact }).map { i in
            let actors = index.actors[Int(index.actorStart[i])..<Int(index.actorStart[i + 1])].map { index.actorIDs[Int($0)] }
            // A disputed initiator: nobody is taken as the one who reached out.
            if events.type(i).isDirected, !events.initiatorDisputed(i), let first = actors.first {
                return Contact(position: i + 1, events: events, from: first, to: Array(actors.dropFirst()))
            }
            return Contact(position: i + 1, events: events, from: nil, to: actors)
        }
    }
}
