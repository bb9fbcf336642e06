/// The scenario's events, in sequence order: an array for a written scenario, or the
/// columns of an imported export (`ImportedRows`), from which an `Event` is made only
/// when a view asks for one. Loops over every event read single fields through the
/// accessors below (`date(i)`, `phase(i)` …), which read the columns directly: making a
/// million events to read one field of each would cost seconds.
public struct EventList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Event])
        case columns(ImportedRows)
    }

    var storage: Storage

    public init(_ events: [Event] = []) { storage = .array(events) }

    /// The rows of an import.
    init(_ rows: ImportedRows) { storage = .columns(rows) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        case .columns(let c): c.eventCount
        }
    }

    /// Lent, not returned: `list[i].field` then reads one field of a written scenario's
    /// event in place, where a returned value copied the whole event (every string and list
    /// retained) for each field read.
    public subscript(i: Int) -> Event {
        _read {
            switch storage {
            case .array(let a): yield a[i]
            case .columns(let c): yield c.event(i)
            }
        }
    }

    /// The events as an array, made whole: for the few callers that need one (small scenarios).
    public var array: [Event] {
        switch storage {
        case .array(let a): a
        case .columns: Array(self)
        }
    }

    // MARK: Single fields, read in place

    /// The columns, for an import.
    var columns: ImportedRows? {
        if case .columns(let c) = storage { return c }
        return nil
    }

    /// Reads a field of event i in place (`array[i].field` would copy the whole event first),
    /// or from the columns.
    @inline(__always)
    private func field<T>(_ i: Int, _ body: (UnsafePointer<Event>) -> T, _ column: (ImportedRows) -> T) -> T {
        switch storage {
        case .array(let a): a.reading(i, body)
        case .columns(let c): column(c)
        }
    }

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

extension EventList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Event...) { self.init(elements) }
}
