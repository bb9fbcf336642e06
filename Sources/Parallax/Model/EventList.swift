/// The scenario's events, in sequence order: an array for a written scenario, or the
/// columns of an imported export (`ImportedRows`), from which an `Event` is made only
/// when a view asks for one. Loops over every event read single fields through the
/// accessors below (`date(i)`, `phase(i)` …), which read the columns directly: making a
/// million events to read one field of each would cost seconds.
public struct EventList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Event])
    }

    var storage: Storage

    public init(_ events: [Event] = []) { storage = .array(events) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        }
    }

    public subscript(i: Int) -> Event {
        switch storage {
        case .array(let a): a[i]
        }
    }

    /// The events as an array, made whole: for the few callers that need one (small scenarios).
    public var array: [Event] {
        switch storage {
        case .array(let a): a
        }
    }

    // MARK: Single fields, read in place

    /// Reads a field of event i in place: `array[i].field` would copy the whole event first.
    @inline(__always)
    private func field<T>(_ i: Int, _ body: (UnsafePointer<Event>) -> T) -> T {
        switch storage {
        case .array(let a): a.reading(i, body)
        }
    }

    public func id(_ i: Int) -> String { field(i) { $0.pointee.id } }
    public func date(_ i: Int) -> EventDate { field(i) { $0.pointee.date } }
    public func phase(_ i: Int) -> Phase { field(i) { $0.pointee.phase } }
    public func type(_ i: Int) -> EventType { field(i) { $0.pointee.type } }
    public func intensity(_ i: Int) -> Double { field(i) { $0.pointee.intensity } }
    public func title(_ i: Int) -> String { field(i) { $0.pointee.title } }
    public func description(_ i: Int) -> String? { field(i) { $0.pointee.description } }
    public func actors(_ i: Int) -> [String] { field(i) { $0.pointee.actors } }
    public func reportedBy(_ i: Int) -> [String] { field(i) { $0.pointee.reportedBy } }
    public func place(_ i: Int) -> String? { field(i) { $0.pointee.place } }
    public func sources(_ i: Int) -> [String] { field(i) { $0.pointee.sources } }
    public func coverage(_ i: Int) -> Coverage? { field(i) { $0.pointee.coverage } }
    public func initiatorDisputed(_ i: Int) -> Bool { field(i) { $0.pointee.initiatorDisputed } }

    /// The positions − 1 of the events `isIncluded` accepts, given each index.
    func indices(where isIncluded: (Int) -> Bool) -> [Int] { indices.filter(isIncluded) }
}

extension EventList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Event...) { self.init(elements) }
}
