/// The scenario's sources: an array for a written scenario, or the columns of an imported
/// export (`ImportedRows`; a GDELT file has a source per article), each `Source` made when
/// asked for.
public struct SourceList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Source])
        case columns(ImportedRows)
    }

    var storage: Storage

    public init(_ sources: [Source] = []) { storage = .array(sources) }

    /// The rows of an import.
    init(_ rows: ImportedRows) { storage = .columns(rows) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        case .columns(let c): c.sourceCount
        }
    }

    /// Lent, not returned: `list[i].field` then reads one field of a written scenario's
    /// source in place, where a returned value copied the whole source (every string and list
    /// retained) for each field read.
    public subscript(i: Int) -> Source {
        _read {
            switch storage {
            case .array(let a): yield a[i]
            case .columns(let c): yield c.source(i)
            }
        }
    }

    /// The sources as an array, made whole.
    public var array: [Source] {
        switch storage {
        case .array(let a): a
        case .columns: Array(self)
        }
    }

    var columns: ImportedRows? {
        if case .columns(let c) = storage { return c }
        return nil
    }

    public func id(_ i: Int) -> String {
        switch storage {
        case .array(let a): a.reading(i) { $0.pointee.id }
        case .columns(let c): c.sourceIDString(i)
        }
    }
}

extension SourceList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Source...) { self.init(elements) }
}
