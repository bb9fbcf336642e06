/// A parsed YAML document held flat: one array of node records, one of scalar texts and
/// one of child indices, so that building and freeing a large scenario costs a handful of
/// allocations rather than one per node (measured: the per-node tree spent most of the
/// loader's own time in malloc, free and reference counting).
final class YAMLDocument {
    struct Record {
        enum Kind: UInt8 { case scalar, mapping, sequence }
        var kind: Kind
        var plain: Bool
        var line: Int32
        var column: Int32
        /// Scalar: index into `scalars`. Mapping/sequence: first index into `children`.
        var start: Int32
        /// Mapping: number of keys plus values (2 per pair). Sequence: number of items.
        var count: Int32
        /// Scalar: characters it spans in the source on its first line (quotes and escapes
        /// as written), for the caret; 0 when unknown.
        var width: Int32 = 0
    }

    // Immutable once built, and held in buffers of their own rather than arrays: reading
    // an array stored in a class retains and releases its storage on every access, which
    // was a tenth of decoding (measured with callgrind); `let` also spares exclusivity checks.
    let records: UnsafeMutableBufferPointer<Record>
    let scalars: UnsafeMutableBufferPointer<String>
    let children: UnsafeMutableBufferPointer<Int32>
    let rootIndex: Int32

    init(records: [Record], scalars: [String], children: [Int32], rootIndex: Int32) {
        self.records = .allocate(capacity: records.count)
        _ = self.records.initialize(fromContentsOf: records)
        self.scalars = .allocate(capacity: scalars.count)
        _ = self.scalars.initialize(fromContentsOf: scalars)
        self.children = .allocate(capacity: children.count)
        _ = self.children.initialize(fromContentsOf: children)
        self.rootIndex = rootIndex
    }

    deinit {
        records.deallocate()
        scalars.deinitialize()
        scalars.deallocate()
        children.deallocate()
    }

    var root: YAMLNode { YAMLNode(document: self, index: rootIndex) }
}

/// A node of a `YAMLDocument`, with its position. Scalars keep their exact source text:
/// the scenario format types scalars itself, never by YAML 1.1's implicit rules.
struct YAMLNode {
    /// A counted reference: a node keeps its document alive however long it is held.
    let document: YAMLDocument
    let index: Int32

    enum Kind {
        case scalar(String, plain: Bool)
        case mapping(Pairs)
        case sequence(Items)
    }

    /// Key/value pairs of a mapping, without copying them out.
    struct Pairs: RandomAccessCollection {
        let document: YAMLDocument
        let start: Int
        let count: Int
        var startIndex: Int { 0 }
        var endIndex: Int { count }
        subscript(i: Int) -> (key: YAMLNode, value: YAMLNode) {
            (YAMLNode(document: document, index: document.children[start + 2 * i]),
             YAMLNode(document: document, index: document.children[start + 2 * i + 1]))
        }
    }

    /// Items of a sequence.
    struct Items: RandomAccessCollection {
        let document: YAMLDocument
        let start: Int
        let count: Int
        var startIndex: Int { 0 }
        var endIndex: Int { count }
        subscript(i: Int) -> YAMLNode { YAMLNode(document: document, index: document.children[start + i]) }
    }

    private var record: YAMLDocument.Record { document.records[Int(index)] }

    var kind: Kind {
        let r = record
        switch r.kind {
        case .scalar: return .scalar(document.scalars[Int(r.start)], plain: r.plain)
        case .mapping: return .mapping(Pairs(document: document, start: Int(r.start), count: Int(r.count) / 2))
        case .sequence: return .sequence(Items(document: document, start: Int(r.start), count: Int(r.count)))
        }
    }

    /// 1-based.
    var line: Int { Int(record.line) }
    /// 1-based, in characters.
    var column: Int { Int(record.column) }

    /// An unquoted empty scalar (or `~`, `null`) stands for "no value".
    var isNull: Bool {
        let r = record
        guard r.kind == .scalar, r.plain else { return false }
        let s = document.scalars[Int(r.start)]
        let n = s.utf8.count
        return n == 0 || (n == 1 && s == "~") || (n == 4 && (s == "null" || s == "Null" || s == "NULL"))
    }

    var scalar: String? {
        let r = record
        return r.kind == .scalar ? document.scalars[Int(r.start)] : nil
    }

    var kindName: String {
        switch record.kind {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// How many characters a caret under this node should span: the text as written.
    var width: Int {
        let r = record
        if r.width > 0 { return Int(r.width) }
        return max(1, scalar?.unicodeScalars.count ?? 1)
    }
}
