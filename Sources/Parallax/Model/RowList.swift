/// The scenario's events, claims or sources: an array for a written scenario, or the
/// columns of an imported export (`ImportedRows`), from which an element is made only when
/// a view asks for one. Loops over every row read single fields through the accessors of
/// `EventList`, `ClaimList` and `SourceList`, which read the columns directly: making a
/// million events to read one field of each would cost seconds.
public struct RowList<Element> {
    enum Storage {
        case array([Element])
        /// The rows, how many there are, and how to make the element of one.
        case columns(ImportedRows, count: Int, make: @Sendable (ImportedRows, Int) -> Element)
    }

    var storage: Storage

    public init(_ elements: [Element] = []) { storage = .array(elements) }

    init(_ rows: ImportedRows, count: Int, make: @escaping @Sendable (ImportedRows, Int) -> Element) {
        storage = .columns(rows, count: count, make: make)
    }

    /// The elements as an array, made whole: for the few callers that need one (small scenarios).
    public var array: [Element] {
        switch storage {
        case .array(let a): a
        case .columns: Array(self)
        }
    }

    /// The columns, for an import.
    var columns: ImportedRows? {
        if case .columns(let c, _, _) = storage { return c }
        return nil
    }

    /// Reads a field of element i in place (`array[i].field` would copy the whole element
    /// first), or from the columns.
    @inline(__always)
    func field<T>(_ i: Int, _ body: (UnsafePointer<Element>) -> T, _ column: (ImportedRows) -> T) -> T {
        switch storage {
        case .array(let a): a.reading(i, body)
        case .columns(let c, _, _): column(c)
        }
    }
}

extension RowList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        case .columns(_, let count, _): count
        }
    }

    /// Lent, not returned: `list[i].field` then reads one field of a written scenario's
    /// element in place, where a returned value copied the whole element (every string and
    /// list retained) for each field read.
    public subscript(i: Int) -> Element {
        _read {
            switch storage {
            case .array(let a): yield a[i]
            case .columns(let c, _, let make): yield make(c, i)
            }
        }
    }
}

extension RowList: Sendable where Element: Sendable {}
extension RowList.Storage: Sendable where Element: Sendable {}

extension RowList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}
