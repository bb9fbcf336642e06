import Synchronization

/// Each event's actors, parties and place as small integers into tables of the distinct
/// ids, so that a filter on `party`, `actor` or `place` decides once per distinct id and
/// then reads an integer per event. Finding an event's parties otherwise looks every actor
/// id up by hash and builds a list, a million times for a large export.
/// Built once per scenario, on first use (opening a file never pays for it).
public struct PartyIndex: Sendable {
    /// The distinct ids events list as actors (party or actor ids), in first-seen order.
    public let actorIDs: [String]
    /// For each of `actorIDs`, the index in `partyIDs` of the party it stands for (itself
    /// when a party id, its party when an actor id), or -1 when it is neither.
    public let partyOfActor: [Int32]
    /// The distinct parties events involve, in first-seen order.
    public let partyIDs: [String]
    /// Event k's actors are `actors[actorStart[k]..<actorStart[k + 1]]`, indices into `actorIDs`.
    public let actorStart: [Int32]
    public let actors: [Int32]
    /// The distinct places events name (ids or free text).
    public let placeIDs: [String]
    /// For each event, its place's index in `placeIDs`, or -1 when it has none.
    public let place: [Int32]

    init(_ scenario: Scenario) {
        var actorIDs: [String] = []
        var actorOrdinal: [String: Int32] = [:]
        var actorStart: [Int32] = [0]
        var actors: [Int32] = []
        var placeIDs: [String] = []
        var placeOrdinal: [String: Int32] = [:]
        var place: [Int32] = []
        let count = scenario.events.count
        actorStart.reserveCapacity(count + 1)
        actors.reserveCapacity(count * 2)
        place.reserveCapacity(count)
        scenario.events.withUnsafeBufferPointer { events in
            // Read in place: `for e in events` would copy every event.
            for i in events.indices {
                for id in events[i].actors {
                    if let k = actorOrdinal[id] {
                        actors.append(k)
                    } else {
                        let k = Int32(actorIDs.count)
                        actorOrdinal[id] = k
                        actorIDs.append(id)
                        actors.append(k)
                    }
                }
                actorStart.append(Int32(actors.count))
                if let p = events[i].place {
                    if let k = placeOrdinal[p] {
                        place.append(k)
                    } else {
                        let k = Int32(placeIDs.count)
                        placeOrdinal[p] = k
                        placeIDs.append(p)
                        place.append(k)
                    }
                } else {
                    place.append(-1)
                }
            }
        }
        // The party an actor id stands for, as `Scenario.parties(of:)` reads it.
        var partyIDs: [String] = []
        var partyOrdinal: [String: Int32] = [:]
        let partyOfActor = actorIDs.map { id -> Int32 in
            guard let p = scenario.party(id) != nil ? id : scenario.actor(id)?.party else { return -1 }
            if let k = partyOrdinal[p] { return k }
            let k = Int32(partyIDs.count)
            partyOrdinal[p] = k
            partyIDs.append(p)
            return k
        }
        self.actorIDs = actorIDs
        self.partyOfActor = partyOfActor
        self.partyIDs = partyIDs
        self.actorStart = actorStart
        self.actors = actors
        self.placeIDs = placeIDs
        self.place = place
    }
}

/// Where a scenario keeps its `PartyIndex` once built. Copies of a scenario share it, as
/// they share its events; a new scenario (loading, `reload`) starts with an empty one.
final class PartyIndexCache: Sendable {
    private let built = Mutex<PartyIndex?>(nil)

    func index(for scenario: Scenario) -> PartyIndex {
        built.withLock { built in
            if let built { return built }
            let index = PartyIndex(scenario)
            built = index
            return index
        }
    }
}

extension Scenario {
    /// Each event's actors, parties and place as integers (see `PartyIndex`).
    public var partyIndex: PartyIndex { partyIndexCache.index(for: self) }
}
