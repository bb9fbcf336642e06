/// Maps the rows of one kind of export into the event model.
protocol RowMapping {
    /// Column names for messages (GDELT's labels; a CSV file's header).
    var names: [String] { get }
    /// Nil when a row's field count fits the export, else what is wrong.
    func check(fieldCount: Int) -> String?
    /// Maps one row. Everything is read and checked before anything is added, so a row that
    /// throws leaves the builder as it was (and `--skip-bad-rows` can go on past it).
    mutating func map(_ row: inout ImportRow, into builder: inout ImportBuilder) throws(RowProblem)
    func info(path: String, rows: Int) -> ScenarioInfo
    /// Anything to settle once every row is read.
    mutating func finish(_ builder: inout ImportBuilder)
}

/// A CSV export that names its fields in a header row (UCDP GED, ACLED): fields are found
/// by name, and every row has as many fields as the header.
protocol HeaderMapping: RowMapping {
    var column: [String: Int] { get }
}

extension HeaderMapping {
    /// Each name's first column.
    static func columns(_ header: [String]) -> [String: Int] {
        var column: [String: Int] = [:]
        for (i, n) in header.enumerated() where column[n] == nil { column[n] = i }
        return column
    }

    /// The column of a field, or one past any row when the header lacks it (read as empty).
    subscript(_ name: String) -> Int { column[name] ?? Int.max }

    func check(fieldCount n: Int) -> String? {
        n == names.count ? nil : "the row has \(n) comma-separated fields; the header has \(names.count)"
    }
}

extension RowMapping {
    mutating func finish(_ builder: inout ImportBuilder) {}
}

/// How to open an export.
public struct ImportOptions: Sendable {
    /// Leave out rows that do not map, counting them, instead of failing the whole load.
    public var skipBadRows = false
    /// Use and write the binary cache (`--no-cache` turns it off).
    public var useCache = true
    /// Where the cache goes; nil for `$XDG_CACHE_HOME/parallax` (tests set their own).
    public var cacheDirectory: String?
    /// Told how far a long open has got (0…1), now and then; the terminal shows it.
    public var progress: (@Sendable (Double) -> Void)?

    public init(skipBadRows: Bool = false, useCache: Bool = true, cacheDirectory: String? = nil) {
        self.skipBadRows = skipBadRows
        self.useCache = useCache
        self.cacheDirectory = cacheDirectory
    }
}

/// What opening an export did, for the analyst: rows read, rows skipped, values repaired.
public struct ImportReport: Sendable, Equatable {
    public var shape: EventFileShape
    public var rows: Int
    public var skipped: Int
    /// The first skipped row's problem, to show where to look.
    public var firstSkipped: Diagnostic?
    public var repaired: Int
    public var fromCache = false

    /// "GDELT 2.0 event export: 100 rows; 6 values repaired (…)".
    public var summary: String {
        var s = "\(shape.rawValue): \(rows) row\(rows == 1 ? "" : "s") mapped"
        if skipped > 0 {
            s += "; \(skipped) bad row\(skipped == 1 ? "" : "s") skipped"
            if let firstSkipped { s += " (the first: \(firstSkipped))" }
        }
        if repaired > 0 {
            s += "; \(repaired) value\(repaired == 1 ? "" : "s") repaired (Windows-1252 characters read as controls, invalid UTF-8, control characters)"
        }
        return s
    }
}

/// An opened export: the scenario it maps to and what it took.
public struct ImportResult: Sendable {
    public var scenario: Scenario
    public var report: ImportReport
}

/// Opens GDELT, UCDP GED and ACLED exports as scenarios.
public enum EventImport {
    /// At most this many bad rows are listed; the rest are counted.
    static let listedProblems = 50

    /// The export at `path` mapped into a scenario; nil when the file is not an export of a
    /// known shape (a scenario file, for the YAML loader).
    public static func load(path: String, options: ImportOptions = ImportOptions()) throws(LoadFailure) -> ImportResult? {
        let file: MappedFile
        switch MappedFile.open(path) {
        case .failure(let d): throw LoadFailure(diagnostics: [d], sourceText: nil)
        case .success(let f): file = f
        }
        guard let detected = EventFileShape.detect(file.bytes) else { return nil }
        return try withExtendedLifetime(file) { () throws(LoadFailure) -> ImportResult in
            // Safe mode (a confined reader) neither reads nor writes the cache: it touches no file
            // outside the script's folder.
            let useCache = options.useCache && FileReader.confinement == nil
            if useCache, let cached = EventCache.read(file, path: path, options) { return cached }
            let result = try map(file.bytes, detected, path: path, options: options, fileMapped: true)
            if useCache { EventCache.write(result, of: file, path: path, options) }
            return result
        }
    }

    /// Maps text already in memory (tests, and files read another way).
    public static func load(bytes: [UInt8], path: String, options: ImportOptions = ImportOptions()) throws(LoadFailure) -> ImportResult? {
        try bytes.withUnsafeBufferPointer { (p) throws(LoadFailure) -> ImportResult? in
            guard let detected = EventFileShape.detect(p) else { return nil }
            return try map(p, detected, path: path, options: options)
        }
    }

    /// `fileMapped`: `bytes` are a file mapped read-only, whose pages the parser may hand back
    /// once it has passed them (they are read again from the file if a message needs them):
    /// a 420 MB export then does not stay in memory beside the model made from it.
    static func map(_ bytes: UnsafeBufferPointer<UInt8>, _ detected: EventFileShape.Detected, path: String,
                    options: ImportOptions, fileMapped: Bool = false) throws(LoadFailure) -> ImportResult {
        var mapping: any RowMapping
        switch detected.shape {
        case .gdelt1, .gdelt2: mapping = GDELTMapping(shape: detected.shape)
        case .ucdpGED: mapping = UCDPMapping(header: detected.header ?? [])
        case .acled: mapping = ACLEDMapping(header: detected.header ?? [])
        }
        let csv = detected.shape == .ucdpGED || detected.shape == .acled
        var rows = DelimitedRows(bytes, separator: csv ? UInt8(ascii: ",") : 9, quoting: csv,
                                 from: detected.offset, line: detected.line)
        var builder = ImportBuilder(path: path, claimSuffix: detected.shape == .ucdpGED ? "-ucdp" : "-report")
        var row = ImportRow(bytes: bytes, fields: [], names: mapping.names, line: 0)
        var problems: [Diagnostic] = []
        var problemLines: [Int: String] = [:]
        var bad = 0, mapped = 0
        var firstSkipped: Diagnostic?
        let progress = options.progress
        var sinceProgress = 0
        var released = 0
        while rows.next(into: &row.fields) {
            row.line = rows.rowLine
            sinceProgress += 1
            if sinceProgress == 32768 {
                sinceProgress = 0
                progress?(Double(rows.offset) / Double(max(1, bytes.count)))
                if fileMapped { released = MappedPages.release(bytes, from: released, upTo: rows.rowStart) }
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
            let (line, column, length) = locate(problem, row: row, rows: rows)
            let diagnostic = Diagnostic(SourceLocation(file: path, line: line, column: column), problem.message, length: length)
            if options.skipBadRows {
                if firstSkipped == nil { firstSkipped = diagnostic }
            } else if problems.count < listedProblems {
                problems.append(diagnostic)
                problemLines[line] = rows.lineText(line)
            }
        }
        if bad > 0 && !options.skipBadRows {
            if bad > problems.count, let last = problems.last {
                problems.append(Diagnostic(SourceLocation(file: path, line: last.location.line, column: last.location.column + 1),
                                           "and \(bad - problems.count) more bad rows"))
            }
            problems[problems.count - 1].message += " (--skip-bad-rows opens the file without the bad rows)"
            throw LoadFailure(diagnostics: problems, sourceText: sparseText(problemLines))
        }
        mapping.finish(&builder)
        let report = ImportReport(shape: detected.shape, rows: mapped, skipped: bad, firstSkipped: firstSkipped,
                                  repaired: row.repair.repaired)
        var info = mapping.info(path: path, rows: mapped)
        info.summary = report.summary + "."
        return ImportResult(scenario: builder.build(info: info), report: report)
    }

    /// Line, column and width of a problem: the field it names, or the whole row's start.
    static func locate(_ problem: RowProblem, row: ImportRow, rows: DelimitedRows) -> (Int, Int, Int) {
        guard problem.column >= 0 else { return (row.line, 1, 1) }
        let i = min(problem.column, row.fields.count - 1)
        let field = row.fields[i]
        let (line, column) = rows.position(of: field)
        var width = 0
        for k in field.start..<field.end where row.bytes[k] & 0xC0 != 0x80 { width += 1 }
        if problem.column >= row.fields.count { return (line, column + width, 1) }
        return (line, column, max(1, width))
    }

    /// Text whose line N is the file's line N where a problem is, and empty elsewhere: enough
    /// to draw carets without keeping a large file's text.
    static func sparseText(_ lines: [Int: String]) -> String? {
        guard let last = lines.keys.max() else { return nil }
        var out = ""
        out.reserveCapacity(last + lines.values.reduce(0) { $0 + $1.utf8.count })
        for n in 1...last {
            if let t = lines[n] { out += t }
            if n < last { out += "\n" }
        }
        return out
    }

    static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
