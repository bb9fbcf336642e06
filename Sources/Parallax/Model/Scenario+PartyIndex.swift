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

    /// Distinct ids numbered in first-seen order.
    private struct Ordinals {
        var ids: [String] = []
        var numbers: [String: Int32] = [:]

        mutating func number(_ id: String) -> Int32 {
            if let k = numbers[id] { return k }
            let k = Int32(ids.count)
            numbers[id] = k
            ids.append(id)
            return k
        }
    }

    init(_ scenario: Scenario) {
        var actorOrdinals = Ordinals(), placeOrdinals = Ordinals(), partyOrdinals = Ordinals()
        var actorStart: [Int32] = [0]
        var actors: [Int32] = []
        var place: [Int32] = []
        let count = scenario.events.count
        actorStart.reserveCapacity(count + 1)
        actors.reserveCapacity(count * 2)
        place.reserveCapacity(count)
        let events = scenario.events
        if let rows = events.columns {
            // An import's events name a few thousand lists of actors and places among a
            // million rows: each list and place is numbered once, then each row copies numbers.
            var listOrdinals = [[Int32]?](repeating: nil, count: rows.listStart.count - 1)
            var placeOrdinal: [Int32: Int32] = [:]
            for i in 0..<count {
                let k = Int(rows.eventActors[i])
                if listOrdinals[k] == nil { listOrdinals[k] = rows.list(Int32(k)).map { actorOrdinals.number($0) } }
                actors += listOrdinals[k]!
                actorStart.append(Int32(actors.count))
                let p = rows.eventPlace[i]
                if p < 0 {
                    place.append(-1)
                } else if let known = placeOrdinal[p] {
                    place.append(known)
                } else {
                    let n = placeOrdinals.number(rows.string(p))
                    placeOrdinal[p] = n
                    place.append(n)
                }
            }
        } else {
            for i in events.indices {
                for id in events.actors(i) { actors.append(actorOrdinals.number(id)) }
                actorStart.append(Int32(actors.count))
                place.append(events.place(i).map { placeOrdinals.number($0) } ?? -1)
            }
        }
        let actorIDs = actorOrdinals.ids, placeIDs = placeOrdinals.ids
        // The party an actor id stands for, as `Scenario.parties(of:)` reads it.
        let partyOfActor = actorIDs.map { id -> Int32 in
            guard let p = scenario.party(id) != nil ? id : scenario.actor(id)?.party else { return -1 }
            return partyOrdinals.number(p)
        }
        let partyIDs = partyOrdinals.ids
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
