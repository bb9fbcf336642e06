import Synchronization

/// Reads the rows of an export into a builder: the whole file, or one of its two halves,
/// read at once on two cores (see `EventImport.map`). Bad rows are counted and the first
/// ones kept as messages, as the load reports them.
struct RowReader {
    var rows: DelimitedRows
    var row: ImportRow
    var mapping: any RowMapping
    var builder: ImportBuilder
    let path: String
    let skipBadRows: Bool
    var problems: [Diagnostic] = []
    /// The text of each listed problem's line, for its caret.
    var problemLines: [Int: String] = [:]
    var bad = 0, mapped = 0
    var firstSkipped: Diagnostic?
    /// Values repaired in a later half, taken in (`row.repair` counts this reader's).
    var repairedElsewhere = 0
    /// How far the file's pages are handed back (see `MappedPages`).
    var released: Int

    var repaired: Int { row.repair.repaired + repairedElsewhere }

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ detected: EventFileShape.Detected, path: String, skipBadRows: Bool,
         from offset: Int, line: Int, builder: ImportBuilder) {
        let mapping: any RowMapping = switch detected.shape {
        case .gdelt1, .gdelt2: GDELTMapping(shape: detected.shape)
        case .ucdpGED: UCDPMapping(header: detected.header ?? [])
        case .acled: ACLEDMapping(header: detected.header ?? [])
        }
        let csv = detected.shape == .ucdpGED || detected.shape == .acled
        rows = DelimitedRows(bytes, separator: csv ? UInt8(ascii: ",") : 9, quoting: csv, from: offset, line: line)
        row = ImportRow(bytes: bytes, fields: [], names: mapping.names, line: 0)
        self.mapping = mapping
        self.builder = builder
        self.path = path
        self.skipBadRows = skipBadRows
        // Pages are handed back from the first whole page on.
        released = (offset + MappedPages.pageSize - 1) / MappedPages.pageSize * MappedPages.pageSize
    }

    /// Reads the rows that start before `end`. Now and then `progress` is told the offset
    /// reached, and (`fileMapped`) the pages passed are handed back.
    mutating func read(upTo end: Int, fileMapped: Bool, progress: (Int) -> Void) {
        var sinceProgress = 0
        while true {
            rows.skipEmptyLines()
            guard rows.offset < end, rows.next(into: &row.fields) else { break }
            row.line = rows.rowLine
            sinceProgress += 1
            if sinceProgress == 32768 {
                sinceProgress = 0
                progress(rows.offset)
                if fileMapped { released = MappedPages.release(rows.bytes, from: released, upTo: rows.rowStart) }
            }
            var problem: RowProblem?
            if let wrong = mapping.check(fieldCount: row.fields.count) {
                problem = RowProblem(column: -1, message: wrong)
            } else {
                do throws(RowProblem) {
                    try mapping.map(&row, into: &builder)
                    mapped += 1
                } catch {
                    problem = error
                }
            }
            guard let problem else { continue }
            bad += 1
            let (line, column, length) = EventImport.locate(problem, row: row, rows: rows)
            let diagnostic = Diagnostic(SourceLocation(file: path, line: line, column: column), problem.message, length: length)
            if skipBadRows {
                if firstSkipped == nil { firstSkipped = diagnostic }
            } else if problems.count < EventImport.listedProblems {
                problems.append(diagnostic)
                problemLines[line] = rows.lineText(line)
            }
        }
    }

    /// Takes in `later`, which read the rest of the file from where this reader stopped
    /// (its lines counted from 1), as if this reader had read on: false when that cannot
    /// be (see `ImportBuilder.absorb`), and this reader is then spoilt.
    mutating func absorb(_ later: inout RowReader) -> Bool {
        let lineOffset = rows.line - 1
        guard let sourceRow = builder.absorb(&later.builder, lineOffset: lineOffset),
              mapping.absorb(later.mapping, sourceRow: sourceRow) else { return false }
        func shifted(_ d: Diagnostic) -> Diagnostic {
            var d = d
            d.range.line += lineOffset
            return d
        }
        bad += later.bad
        mapped += later.mapped
        repairedElsewhere += later.repaired
        if firstSkipped == nil { firstSkipped = later.firstSkipped.map(shifted) }
        for p in later.problems where problems.count < EventImport.listedProblems {
            let p = shifted(p)
            problems.append(p)
            problemLines[p.location.line] = later.problemLines[p.location.line - lineOffset]
        }
        return true
    }
}

/// How far the later half has read, for the progress the earlier half reports.
final class ProgressShare: @unchecked Sendable {
    private let done = Atomic<Int>(0)
    var bytes: Int {
        get { done.load(ordering: .relaxed) }
        set { done.store(newValue, ordering: .relaxed) }
    }
}
