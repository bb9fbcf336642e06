/// The scenario's sources (see `RowList`; a GDELT file has a source per article); the
/// accessors below read one field of each.
public typealias SourceList = RowList<Source>

extension RowList where Element == Source {
    /// The rows of an import.
    init(_ rows: ImportedRows) { self.init(rows, count: rows.sourceCount, make: { $0.source($1) }) }

    public func id(_ i: Int) -> String { field(i, { $0.pointee.id }) { $0.sourceIDString(i) } }
}

