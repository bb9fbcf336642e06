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
    /// Takes in what `later` (of the same type) learnt reading the rest of the file, once
    /// its builder is merged into this one's (`sourceRow`: its sources' rows there). False
    /// when a row of `later` would have been a bad row after this one's (a repeated id).
    mutating func absorb(_ later: any RowMapping, sourceRow: [Int32]) -> Bool
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
    mutating func absorb(_ later: any RowMapping, sourceRow: [Int32]) -> Bool { true }
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
            let cache = useCache ? EventCache.Writer(for: file, path: path, options) : nil
            return try map(file.bytes, detected, path: path, options: options, fileMapped: true, cache: cache)
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
    /// `cache`: where to write the cache of the result, partly while the model is built.
    static func map(_ bytes: UnsafeBufferPointer<UInt8>, _ detected: EventFileShape.Detected, path: String,
                    options: ImportOptions, fileMapped: Bool = false, cache: EventCache.Writer? = nil) throws(LoadFailure) -> ImportResult {
        let seed = UInt64.random(in: 1...UInt64.max)
        let claimSuffix = detected.shape == .ucdpGED ? "-ucdp" : "-report"
        func reader(from offset: Int, line: Int, provisional: Bool = false) -> RowReader {
            RowReader(bytes, detected, path: path, skipBadRows: options.skipBadRows, from: offset, line: line,
                      builder: ImportBuilder(path: path, claimSuffix: claimSuffix, seed: seed, provisional: provisional))
        }
        let n = bytes.count
        let progress = options.progress
        var first = reader(from: detected.offset, line: detected.line)
        let rowLength = averageRowLength(bytes, from: detected.offset)
        first.builder.reserve(rows: (n - detected.offset) / rowLength, bytes: n - detected.offset)
        if let cut = cut(bytes, after: detected.offset) {
            // The rows after the cut are read on another core into a builder of their own,
            // then joined: exactly as one reader reading on, or not at all (a quoted field
            // across the cut, a row id in both halves: the rest is read here after all).
            var second: RowReader? = reader(from: cut, line: 1, provisional: true)
            second!.builder.reserve(rows: (n - cut) / rowLength, bytes: n - cut)
            let secondDone = ProgressShare()
            Concurrently.run({
                first.read(upTo: cut, fileMapped: fileMapped) { progress?(Double($0 + secondDone.bytes) / Double(max(1, n))) }
            }, {
                second!.read(upTo: n, fileMapped: fileMapped) { secondDone.bytes = $0 - cut }
            })
            if first.rows.offset != cut {
                second = nil
                first.read(upTo: n, fileMapped: fileMapped) { progress?(Double($0) / Double(max(1, n))) }
                readings?.record(.rowAcrossTheCut)
            } else if !first.absorb(&second!) {
                (first, second) = (reader(from: detected.offset, line: detected.line), nil)
                first.read(upTo: n, fileMapped: fileMapped) { progress?(Double($0) / Double(max(1, n))) }
                readings?.record(.readAgain)
            } else {
                readings?.record(.joined)
            }
        } else {
            first.read(upTo: n, fileMapped: fileMapped) { progress?(Double($0) / Double(max(1, n))) }
        }
        var problems = first.problems
        let bad = first.bad, mapped = first.mapped
        if bad > 0 && !options.skipBadRows {
            if bad > problems.count, let last = problems.last {
                problems.append(Diagnostic(SourceLocation(file: path, line: last.location.line, column: last.location.column + 1),
                                           "and \(bad - problems.count) more bad rows"))
            }
            problems[problems.count - 1].message += " (--skip-bad-rows opens the file without the bad rows)"
            throw LoadFailure(diagnostics: problems, sourceText: sparseText(first.problemLines))
        }
        first.mapping.finish(&first.builder)
        let report = ImportReport(shape: detected.shape, rows: mapped, skipped: bad, firstSkipped: first.firstSkipped,
                                  repaired: first.repaired)
        var info = first.mapping.info(path: path, rows: mapped)
        info.summary = report.summary + "."
        let strings = first.builder.finishStrings()
        cache?.begin(EventCache.Facts(report: report, info: info, claimSuffix: claimSuffix, seed: seed,
                                      parties: first.builder.parties, actors: first.builder.actors))
        var scenario: Scenario?
        Concurrently.run({ scenario = first.builder.build(info: info, strings: strings) },
                         { cache?.append([strings.offsets, strings.bytes][...]) },
                         parallel: cache != nil && Concurrently.splits(n, from: 1 << 22))
        if let cache, let rows = scenario!.events.columns {
            cache.append(rows.blocks[(ImportedRows.Column.stringBytes.rawValue + 1)...])
            cache.finish()
        }
        return ImportResult(scenario: scenario!, report: report)
    }

    /// Where the file is cut in two to be read on two cores: the start of the first row
    /// after the middle (after `cutHint` in tests), or nil to read it in one piece (a small
    /// file; no row after the middle).
    static func cut(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Int? {
        let n = bytes.count
        guard Concurrently.splits(n - start, from: 1 << 22) else { return nil }
        var c = max(start + 1, cutHint ?? (start + (n - start) / 2))
        while c < n, bytes[c - 1] != 10 { c += 1 }
        // Past empty lines, as `DelimitedRows` passes them: the cut is where a row starts.
        while c < n, bytes[c] == 10 || (bytes[c] == 13 && c + 1 < n && bytes[c + 1] == 10) { c += 1 }
        return c < n ? c : nil
    }

    /// A little under the mean length of the first thousand lines (at least 16): enough to
    /// guess how many rows a file holds and make room for them.
    static func averageRowLength(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var lines = 0, i = start
        while i < bytes.count, lines < 1000 {
            if bytes[i] == 10 { lines += 1 }
            i += 1
        }
        return max(16, (i - start) / max(1, lines) * 7 / 8)
    }

    /// Tests choose where the file is cut (a byte offset; the cut is the next row's start).
    @TaskLocal static var cutHint: Int?
    /// Tests learn how each file cut in two was read.
    @TaskLocal static var readings: Readings?

    final class Readings: @unchecked Sendable {
        enum Way { case joined, rowAcrossTheCut, readAgain }
        private(set) var ways: [Way] = []
        func record(_ way: Way) { ways.append(way) }
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
