/// Table layout for the text renderer, on bytes: a large scenario's tables hold tens of
/// thousands of cells, so every cell is copied once into one byte arena, split into lines
/// and measured there in one pass, and rows are written straight into the output buffer.
/// No string is built per cell, line or row unless a line needs sanitizing or a general wrap.
extension TextRenderer {
    /// One line of a cell (or a piece of a wrapped line): bytes `start..<end` of the arena.
    struct Span {
        var start: Int
        var end: Int
        var width: Int
        /// Words separated by single spaces, no break: it wraps as it is (`isSimpleLine`).
        var simple: Bool
        /// The longest word in bytes when the line is ASCII (then bytes are columns), else -1.
        var word = -1
    }

    /// The table, written to `out`; a large one in two halves at once.
    func render(_ table: Table, into out: ByteBuffer) {
        // A heading column (the events' phase) is a line over the rows where it changes.
        if let h = table.columns.firstIndex(where: \.heading) {
            var rest = table
            rest.columns.remove(at: h)
            for r in rest.rows.indices where h < rest.rows[r].cells.count { rest.rows[r].cells.remove(at: h) }
            return render(rest, into: out, headings: table.rows.map { h < $0.cells.count ? $0.cells[h] : "" })
        }
        render(table, into: out, headings: nil)
    }

    private func render(_ table: Table, into out: ByteBuffer, headings: [String]?) {
        let start = out.count
        if let name = table.name { out.append(style(safe(name), bold: true)) }
        // No rows: the name says so ("No breakpoints."); a header over nothing says nothing.
        guard !table.columns.isEmpty, !table.rows.isEmpty else { return }
        let marker = table.showsMarker ? 2 : 0
        let rows = table.rows.count
        guard Concurrently.splits(rows * table.columns.count, from: Thresholds.twoCoreTableCells) else {
            var layout = TableLayout(table, rows: 0..<rows)
            let measured = layout
            layout.fit(to: options.width, marker: marker) { (measured.longestWords(), measured.wholeWords()) }
            out.reserve(layout.outputEstimate(rows: rows))
            layout.write(table, rows: 0..<rows, header: true, options: options, into: out, blockStart: start, headings: headings)
            return
        }
        // A large table is laid out in two halves on two cores: each half measures its own
        // cells, the column widths are agreed from both, and each half writes its rows.
        let half = rows / 2
        var first: TableLayout?, second: TableLayout?
        Concurrently.run({ first = TableLayout(table, rows: 0..<half) }, { second = TableLayout(table, rows: half..<rows) })
        guard var first, var second else { return }
        first.widths = zip(first.widths, second.widths).map { max($0, $1) }
        if first.total(marker: marker) > options.width {
            var words: [Int] = [], more: [Int] = [], whole: [Int] = [], moreWhole: [Int] = []
            let (a, b) = (first, second)
            Concurrently.run({ words = a.longestWords(); whole = a.wholeWords() },
                             { more = b.longestWords(); moreWhole = b.wholeWords() })
            first.fit(to: options.width, marker: marker) {
                (zip(words, more).map { max($0, $1) }, zip(whole, moreWhole).map { max($0, $1) })
            }
        } else {
            first.fit(to: options.width, marker: marker) { ([], []) }
        }
        (second.widths, second.marker) = (first.widths, first.marker)
        out.reserve(first.outputEstimate(rows: half))
        let tail = ByteBuffer(capacity: second.outputEstimate(rows: rows - half))
        let (a, b) = (first, second)
        Concurrently.run({ a.write(table, rows: 0..<half, header: true, options: options, into: out, blockStart: start, headings: headings) },
                         { b.write(table, rows: half..<rows, header: false, options: options, into: tail, blockStart: -1, headings: headings) })
        out.append(tail.bytes)
    }
}

/// The cells of one table, measured, and the column widths that make it fit.
struct TableLayout {
    typealias Span = TextRenderer.Span
    let n: Int
    let numeric: [Bool]
    /// Columns of ids, dates and vocabulary words: never cut inside a word.
    let whole: [Bool]
    var marker = 0
    var widths: [Int]
    /// Every cell's bytes, one after the other; sanitized or wrapped lines are added at the end.
    private let bytes: ByteBuffer
    /// Every line of every cell (row-major, header first), in order.
    private var lines: [Span] = []
    /// Cell k's lines are `lines[firstLine[k]..<firstLine[k + 1]]`.
    private var firstLine: [Int] = []
    private let gap = 2

    /// How narrow free text gets before a word column gives up its spare width.
    static let readableText = 30

    /// The header and rows `range` of the table, measured.
    init(_ table: Table, rows range: Range<Int>) {
        n = table.columns.count
        numeric = table.columns.map(\.numeric)
        whole = table.columns.map { $0.kind == .word }
        widths = [Int](repeating: 0, count: n)
        let cellCount = (range.count + 1) * n
        let columns = n
        var size = 0
        for c in table.columns { size += c.title.utf8.count }
        // Rows and cells read in place (no copy of a row's array per row).
        table.rows.withUnsafeBufferPointer { rows in
            for r in range {
                rows[r].cells.withUnsafeBufferPointer { cells in
                    for i in 0..<min(columns, cells.count) { size += cells[i].utf8.count }
                }
            }
        }
        let arena = ByteBuffer(capacity: size + size / 8)
        var cellEnd: [Int] = []
        cellEnd.reserveCapacity(cellCount)
        for c in table.columns {
            arena.append(c.title)
            cellEnd.append(arena.count)
        }
        table.rows.withUnsafeBufferPointer { rows in
            for r in range {
                rows[r].cells.withUnsafeBufferPointer { cells in
                    for i in 0..<columns {
                        if i < cells.count { arena.append(cells[i]) }
                        cellEnd.append(arena.count)
                    }
                }
            }
        }
        bytes = arena
        lines.reserveCapacity(cellCount)
        firstLine.reserveCapacity(cellCount + 1)
        var unsafe: [Int] = []
        let p = bytes.bytes
        var start = 0
        for end in cellEnd {
            firstLine.append(lines.count)
            var lineStart = start
            while true {
                let (lineEnd, m) = TextRenderer.scanLine(p, lineStart, end)
                if let m {
                    lines.append(Span(start: lineStart, end: lineEnd, width: m.width, simple: m.simple, word: m.word))
                } else {
                    unsafe.append(lines.count)
                    lines.append(Span(start: lineStart, end: lineEnd, width: 0, simple: false))
                }
                if lineEnd >= end { break }
                lineStart = lineEnd + 1
            }
            start = end
        }
        firstLine.append(lines.count)
        for k in unsafe { lines[k] = add(line: string(lines[k]).sanitizedForTerminal) }
        for cell in 0..<cellCount {
            let i = cell % n
            for k in firstLine[cell]..<firstLine[cell + 1] { widths[i] = max(widths[i], lines[k].width) }
        }
    }

    /// Appends a line that needs no splitting (sanitized, wrapped or joined text).
    private func add(line s: String) -> Span {
        let start = bytes.count
        bytes.append(s)
        let end = bytes.count
        let m = TextRenderer.measure(bytes.bytes, start, end)
        return Span(start: start, end: end, width: m?.width ?? TextRenderer.width(s),
                    simple: m?.simple ?? TextRenderer.isSimpleLine(s))
    }

    private func string(_ span: Span) -> String { bytes.string(span.start..<span.end) }

    /// About how many bytes the rows take once written (every row a full-width line, plus
    /// its text again for wrapped lines), so the output grows once, not by doubling.
    func outputEstimate(rows: Int) -> Int { (rows + 2) * (total(marker: marker) + 1) + bytes.count * 2 }

    func total(marker: Int) -> Int { widths.reduce(0, +) + gap * (n - 1) + marker }

    /// Each column's longest word in its rows (not the header), counted up to 24 columns:
    /// how far `fit` may shrink a column before it cuts words.
    func longestWords() -> [Int] {
        var longestWord = [Int](repeating: 0, count: n)
        let p = bytes.bytes
        for cell in n..<firstLine.count - 1 {
            let i = cell % n
            for k in firstLine[cell]..<firstLine[cell + 1] where lines[k].width > longestWord[i] && longestWord[i] < 24 {
                let line = lines[k]
                let word = line.word >= 0 ? min(24, line.word) : TextRenderer.widestWord(p, line.start, line.end, upTo: 24)
                longestWord[i] = max(longestWord[i], word)
            }
        }
        return longestWord
    }

    /// Each word column's widest word, header included, with no limit (a date range breaks after its
    /// `..`): the narrowest it may become, so an id or a date is never cut.
    func wholeWords() -> [Int] {
        var widest = [Int](repeating: 0, count: n)
        for cell in 0..<firstLine.count - 1 where whole[cell % n] {
            let i = cell % n
            for k in firstLine[cell]..<firstLine[cell + 1] where lines[k].width > widest[i] {
                for word in TextRenderer.unbreakableWords(string(lines[k])) {
                    widest[i] = max(widest[i], TextRenderer.width(word))
                }
            }
        }
        return widest
    }

    /// Shrinks the widest columns until the table fits; numbers are never cut, nor are the
    /// words of word columns (ids, dates). Free text goes first, down to each column's
    /// longest word; then word columns, down to their widest word; then free text further,
    /// cutting long words. A table that still does not fit is left wider than `width`
    /// rather than break an id. The words are only measured when the table is too wide.
    mutating func fit(to width: Int, marker: Int, words: () -> (longest: [Int], whole: [Int])) {
        self.marker = marker
        guard total(marker: marker) > width else { return }
        var excess = total(marker: marker) - width
        let (longest, wholeWords) = words()
        // Per pass, the floor of each column (Int.max: that column does not shrink in it):
        // free text to a readable width, word columns to their widest word, free text to
        // its longest word, then free text to 8 columns.
        let readable = (0..<n).map { whole[$0] ? Int.max : max(TableLayout.readableText, longest.isEmpty ? 0 : longest[$0]) }
        let wordsNext = (0..<n).map { whole[$0] ? max(1, wholeWords.isEmpty ? 0 : wholeWords[$0]) : Int.max }
        let textWords = (0..<n).map { whole[$0] ? Int.max : max(8, longest.isEmpty ? 0 : longest[$0]) }
        let textLast = (0..<n).map { whole[$0] ? Int.max : 4 }
        for floor in [readable, wordsNext, textWords, textLast] {
            while excess > 0 {
                // The widest column that may shrink (the first of equals), one column at a time.
                var widest = -1
                for i in 0..<n where !numeric[i] && widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest]) {
                    widest = i
                }
                guard widest >= 0 else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
    }

    /// The header and the rule (when `header`) and the rows `range`, as measured by this
    /// layout. Every line but the block's first (at `blockStart`) starts with a line feed.
    func write(_ table: Table, rows range: Range<Int>, header: Bool, options: RenderOptions, into out: ByteBuffer,
               blockStart: Int, headings: [String]? = nil) {
        var row = RowPieces(columns: n)
        let blank = String(repeating: " ", count: marker)
        func shown(_ mark: String) -> (String, Int) {
            let s = TextRenderer.trimTrailing(mark)
            return (s, TextRenderer.width(s))
        }
        let unmarked = shown(blank), marked = shown(options.unicode ? "▶ " : "> ")
        // A row after the cursor (an event not reached yet): dotted, in every view alike.
        let later = shown(options.unicode ? "· " : ". ")
        if header {
            wrap(row: 0, into: &row)
            write(row, mark: unmarked, bold: options.color, into: out, blockStart: blockStart)
            out.append(10)
            let ruleStart = out.count
            out.append(spaces: marker)
            let rule = options.unicode ? "─" : "-"
            for (i, w) in widths.enumerated() {
                if i > 0 { out.append(spaces: gap) }
                for _ in 0..<w { out.append(rule) }
            }
            out.trimSpaces(after: ruleStart)
        }
        let headingStyle = TextRenderer(options: options)
        for (k, r) in range.enumerated() {
            if let headings, r < headings.count, !headings[r].isEmpty, r == 0 || headings[r] != headings[r - 1] {
                if out.count > blockStart { out.append(10) }
                out.append(headingStyle.style(headingStyle.safe(headings[r]), bold: true))
            }
            wrap(row: k + 1, into: &row)
            write(row, mark: table.rows[r].marked ? marked : table.rows[r].isLater ? later : unmarked, bold: false, into: out, blockStart: blockStart)
        }
    }

    /// One row's cells, each wrapped to its column's width: column i's lines are
    /// `pieces[start[i]..<start[i + 1]]`. One is reused for every row.
    struct RowPieces {
        var pieces: [Span] = []
        var start: [Int]
        var height = 1

        init(columns: Int) { start = [Int](repeating: 0, count: columns + 1) }
    }

    /// Row `row` of this layout (0 is the header), each cell wrapped only when a line does
    /// not fit as it is.
    private func wrap(row: Int, into r: inout RowPieces) {
        r.pieces.removeAll(keepingCapacity: true)
        r.height = 1
        for i in 0..<n {
            r.start[i] = r.pieces.count
            let cell = row * n + i
            let first = firstLine[cell], end = firstLine[cell + 1]
            if numeric[i] {
                r.pieces.append(end - first == 1 ? lines[first] : add(line: lines[first..<end].map { string($0) }.joined(separator: " ")))
            } else {
                for k in first..<end {
                    let line = lines[k]
                    if whole[i] && line.width > widths[i] {
                        // Between words only, and after a date range's `..`.
                        for w in TextRenderer.wrapWhole(string(line), width: widths[i]) { r.pieces.append(add(line: w)) }
                        continue
                    }
                    if line.simple {
                        if line.width <= widths[i] { r.pieces.append(line); continue }
                        if TextRenderer.wrapSimple(bytes.bytes, line.start, line.end, width: widths[i], into: &r.pieces) { continue }
                    }
                    for w in TextRenderer.wrap(string(line), width: widths[i]) { r.pieces.append(add(line: w)) }
                }
            }
            r.height = max(r.height, r.pieces.count - r.start[i])
        }
        r.start[n] = r.pieces.count
    }

    /// A wrapped row, line by line: numbers are aligned right, text left. Spaces are held
    /// back until text follows them, so no line ends in spaces.
    private func write(_ r: RowPieces, mark: (shown: String, width: Int), bold: Bool, into out: ByteBuffer, blockStart: Int) {
        for line in 0..<r.height {
            if out.count > blockStart { out.append(10) }
            if bold { out.append("\u{1B}[1m") }
            if line == 0 { out.append(mark.shown) }
            var pending = marker - (line == 0 ? mark.width : 0)
            for i in 0..<n {
                let k = r.start[i] + line
                guard k < r.start[i + 1] else {
                    pending += widths[i] + gap
                    continue
                }
                let piece = r.pieces[k]
                let padding = max(0, widths[i] - piece.width)
                if numeric[i] { pending += padding }
                if piece.end > piece.start {
                    out.append(spaces: pending)
                    pending = min(pending, 0)
                    out.append(bytes.base + piece.start, count: piece.end - piece.start)
                }
                if !numeric[i] { pending += padding }
                pending += gap
            }
            if bold { out.append("\u{1B}[0m") }
        }
    }
}
