/// The scenario's sources: an array for a written scenario, or the columns of an imported
/// export (`ImportedRows`; a GDELT file has a source per article), each `Source` made when
/// asked for.
public struct SourceList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Source])
    }

    var storage: Storage

    public init(_ sources: [Source] = []) { storage = .array(sources) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        }
    }

    public subscript(i: Int) -> Source {
        switch storage {
        case .array(let a): a[i]
        }
    }

    /// The sources as an array, made whole.
    public var array: [Source] {
        switch storage {
        case .array(let a): a
        }
    }

    public func id(_ i: Int) -> String {
        switch storage {
        case .array(let a): a.reading(i) { $0.pointee.id }
        }
    }
}

extension SourceList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Source...) { self.init(elements) }
}
