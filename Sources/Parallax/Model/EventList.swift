/// The scenario's events, in sequence order (see `RowList`); the accessors below (`date(i)`,
/// `phase(i)` …) read one field of each, in place or from an import's columns.
public typealias EventList = RowList<Event>

extension RowList where Element == Event {
    /// The rows of an import.
    init(_ rows: ImportedRows) { self.init(rows, count: rows.eventCount, make: { $0.event($1) }) }

    public func id(_ i: Int) -> String { field(i, { $0.pointee.id }) { $0.string($0.eventID[i]) } }
    public func date(_ i: Int) -> EventDate { field(i, { $0.pointee.date }) { $0.eventDate(i) } }
    public func phase(_ i: Int) -> Phase { field(i, { $0.pointee.phase }) { $0.phase(i) } }
    public func type(_ i: Int) -> EventType { field(i, { $0.pointee.type }) { $0.type(i) } }
    public func intensity(_ i: Int) -> Double {
        field(i, { $0.pointee.intensity }) { $0.eventIntensity(i) ?? $0.type(i).defaultIntensity }
    }
    public func title(_ i: Int) -> String { field(i, { $0.pointee.title }) { $0.string($0.eventTitle[i]) } }
    public func description(_ i: Int) -> String? { field(i, { $0.pointee.description }) { $0.optionalString($0.eventDescription[i]) } }
    public func actors(_ i: Int) -> [String] { field(i, { $0.pointee.actors }) { $0.list($0.eventActors[i]) } }
    public func reportedBy(_ i: Int) -> [String] { field(i, { $0.pointee.reportedBy }) { _ in [] } }
    public func place(_ i: Int) -> String? { field(i, { $0.pointee.place }) { $0.optionalString($0.eventPlace[i]) } }
    public func sources(_ i: Int) -> [String] { field(i, { $0.pointee.sources }) { [$0.sourceIDString(Int($0.eventSource[i]))] } }
    public func coverage(_ i: Int) -> Coverage? { field(i, { $0.pointee.coverage }) { $0.coverage(i) } }
    public func initiatorDisputed(_ i: Int) -> Bool { field(i, { $0.pointee.initiatorDisputed }) { _ in false } }

    /// The positions − 1 of the events that cite source `id` (an import's by the source's row).
    func citing(_ id: String) -> [Int] {
        guard let c = columns else { return indices(where: { sources($0).contains(id) }) }
        guard let row = c.sourceRow(id).map(Int32.init) else { return [] }
        return indices(where: { c.eventSource[$0] == row })
    }

    /// The positions − 1 of the events `isIncluded` accepts, given each index.
    func indices(where isIncluded: (Int) -> Bool) -> [Int] { indices.filter(isIncluded) }
}

