/// Aligned, width-aware plain text (with optional colour), as a terminal user reads it.
struct TextRenderer {
    var options: RenderOptions

    /// The document as UTF-8 bytes in one buffer, turned into a string once.
    func render(_ document: Document) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        render(document, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func render(_ document: Document, into out: inout [UInt8]) {
        for (i, block) in document.blocks.enumerated() {
            if i > 0 { out.append(10) }
            switch block {
            case .title(let t):
                if TextRenderer.width(t) <= options.width {
                    out.append(contentsOf: style(safe(t), bold: true).utf8)
                } else {
                    for (k, line) in TextRenderer.wrap(safe(t), width: options.width).enumerated() {
                        if k > 0 { out.append(10) }
                        out.append(contentsOf: style(line, bold: true).utf8)
                    }
                }
            case .text(let t): append(wrapping: safe(t), width: options.width, into: &out)
            case .fields(let fields): render(fields, into: &out)
            case .table(let table): out.append(contentsOf: render(table).utf8)
            case .chart(let chart): out.append(contentsOf: render(chart).utf8)
            case .notice(let t): out.append(contentsOf: style(safe(t), dim: true).utf8)
            }
        }
    }

    /// `wrap(text, width)`, lines joined by line feeds and continued after `indent`
    /// spaces; a line that fits as it is goes in without building an array of lines.
    func append(wrapping text: String, width: Int, indent: Int = 0, into out: inout [UInt8]) {
        if TextRenderer.isSimpleLine(text) && TextRenderer.width(text) <= max(1, width) {
            out.append(contentsOf: text.utf8)
            return
        }
        for (k, line) in TextRenderer.wrap(text, width: width).enumerated() {
            if k > 0 {
                out.append(10)
                out.append(contentsOf: repeatElement(32, count: indent))
            }
            out.append(contentsOf: line.utf8)
        }
    }

    func safe(_ s: String) -> String { TextRenderer.isPlain(s) ? s : s.sanitizedForTerminal }

    /// No control character (C0 but tab, DEL, C1) to neutralise: a byte scan.
    static func isPlain<S: StringProtocol>(_ s: S) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isPlain(bytes: $0) } ?? isPlain(bytes: s.utf8)
    }

    static func isPlain<C: Sequence<UInt8>>(bytes: C) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if (b < 0x20 && b != 9) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b < 0xA0) { return false }
            previous = b
        }
        return true
    }

    func style(_ s: String, bold: Bool = false, dim: Bool = false) -> String {
        guard options.color else { return s }
        if bold { return "\u{1B}[1m" + s + "\u{1B}[0m" }
        if dim { return "\u{1B}[2m" + s + "\u{1B}[0m" }
        return s
    }

    func render(_ fields: [Field], into out: inout [UInt8]) {
        var labelWidth = 0
        for f in fields { labelWidth = max(labelWidth, TextRenderer.width(f.label)) }
        let valueWidth = max(20, options.width - labelWidth - 2)
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(10) }
            out.append(contentsOf: f.label.utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: repeatElement(32, count: labelWidth - TextRenderer.width(f.label) + 1))
            append(wrapping: safe(f.value), width: valueWidth, indent: labelWidth + 2, into: &out)
        }
    }

    func render(_ table: Table) -> String {
        var out = table.name.map { style(safe($0), bold: true) } ?? ""
        let marker = table.showsMarker ? 2 : 0
        let n = table.columns.count
        guard n > 0 else { return out }
        // Every line of every cell (a cell may hold several), sanitized and measured once,
        // in one flat array; `spans` says which lines are whose (row-major, header first).
        // Few allocations per row: tables of thousands of rows render in milliseconds.
        var flat: [Measured] = []
        var spans: [(start: Int, count: Int)] = []
        flat.reserveCapacity((table.rows.count + 1) * n)
        spans.reserveCapacity((table.rows.count + 1) * n)
        func add(_ cell: String) {
            let start = flat.count
            var lineStart = cell.startIndex
            var i = cell.utf8.startIndex
            while true {
                let atEnd = i == cell.utf8.endIndex
                if atEnd || cell.utf8[i] == 10 {
                    let line = cell[lineStart..<i]
                    flat.append(TextRenderer.measure(line) ?? Measured(safe(String(line))))
                    if atEnd { break }
                    lineStart = cell.utf8.index(after: i)
                }
                i = cell.utf8.index(after: i)
            }
            spans.append((start, flat.count - start))
        }
        for c in table.columns { add(c.title) }
        for row in table.rows {
            for i in 0..<n { add(i < row.cells.count ? row.cells[i] : "") }
        }
        var widths = table.columns.map { _ in 0 }
        for (cell, span) in spans.enumerated() {
            for line in flat[span.start..<span.start + span.count] { widths[cell % n] = max(widths[cell % n], line.width) }
        }
        // Shrink the widest text columns until the table fits; numbers are never cut.
        let gap = 2
        var total: Int { widths.reduce(0, +) + gap * (n - 1) + marker }
        // First down to each column's longest word (ids stay whole), then further if need be.
        var longestWord = widths.map { _ in 0 }
        if total > options.width {
            for (cell, span) in spans.enumerated().dropFirst(n) {
                let i = cell % n
                for line in flat[span.start..<span.start + span.count] where line.width > longestWord[i] && longestWord[i] < 24 {
                    longestWord[i] = max(longestWord[i], TextRenderer.widestWord(line.text, upTo: 24))
                }
            }
        }
        for floor in [longestWord, widths.map { _ in 8 }] {
            while total > options.width {
                guard let widest = widths.indices.filter({ !table.columns[$0].numeric && widths[$0] > max(8, floor[$0]) })
                    .max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        let pads = (0...max(gap, marker, widths.max() ?? 0)).map { String(repeating: " ", count: $0) }
        // One row: each column's lines (wrapped only when they do not fit as they are) into
        // reused buffers, then line by line into `out`. Spaces are held back until text
        // follows them, so no line ends in spaces.
        var pieces = [[Measured]](repeating: [], count: n)
        func emit(_ row: Int, mark: String, header: Bool = false) {
            var height = 1
            for i in 0..<n {
                pieces[i].removeAll(keepingCapacity: true)
                let span = spans[row * n + i]
                let lines = flat[span.start..<span.start + span.count]
                if table.columns[i].numeric {
                    pieces[i].append(lines.count == 1 ? lines[span.start] : Measured(lines.map { String($0.text) }.joined(separator: " ")))
                } else {
                    for line in lines {
                        if line.simple {
                            if line.width <= widths[i] { pieces[i].append(line); continue }
                            if TextRenderer.wrapSimple(line.text, width: widths[i], into: &pieces[i]) { continue }
                        }
                        for w in TextRenderer.wrap(String(line.text), width: widths[i]) { pieces[i].append(Measured(w)) }
                    }
                }
                height = max(height, pieces[i].count)
            }
            for r in 0..<height {
                if !out.isEmpty { out += "\n" }
                if header && options.color { out += "\u{1B}[1m" }
                var pending = 0
                func put<S: StringProtocol>(_ text: S) {
                    guard !text.isEmpty else { return }
                    while pending > 0 {
                        let k = min(pending, pads.count - 1)
                        out += pads[k]
                        pending -= k
                    }
                    out += text
                }
                let shown = r == 0 ? TextRenderer.trimTrailing(mark) : ""
                put(shown)
                pending = marker - TextRenderer.width(shown)
                for i in 0..<n {
                    let piece = r < pieces[i].count ? pieces[i][r] : Measured(text: "", width: 0, simple: true)
                    let pad = max(0, widths[i] - piece.width)
                    if table.columns[i].numeric { pending += pad; put(piece.text) } else { put(piece.text); pending += pad }
                    pending += gap
                }
                if header && options.color { out += "\u{1B}[0m" }
            }
        }
        let blank = pads[marker]
        emit(0, mark: blank, header: true)
        let rule = options.unicode ? "─" : "-"
        out += "\n" + TextRenderer.trimTrailing(blank + widths.map { String(repeating: rule, count: $0) }
            .joined(separator: pads[gap]))
        for (r, row) in table.rows.enumerated() {
            emit(r + 1, mark: row.marked ? (options.unicode ? "▶ " : "> ") : blank)
        }
        return out
    }

    func render(_ chart: Chart) -> String {
        let labelWidth = min(40, chart.bars.map { TextRenderer.width($0.label) }.max() ?? 0)
        let half = max(5, min(20, (options.width - labelWidth - 16) / 2))
        var lines: [String] = []
        for bar in chart.bars {
            if let group = bar.group { lines.append(style(safe(group), bold: true)) }
            let cells = Int((abs(bar.value) / max(chart.scale, 0.001) * Double(half)).rounded())
            let fill = options.unicode ? "█" : "#"
            let left = bar.value < 0 ? String(repeating: " ", count: half - cells) + String(repeating: fill, count: cells)
                                     : String(repeating: " ", count: half)
            let right = bar.value > 0 ? String(repeating: fill, count: cells) + String(repeating: " ", count: half - cells)
                                      : String(repeating: " ", count: half)
            let axis = options.unicode ? "│" : "|"
            var label = safe(bar.label)
            if TextRenderer.width(label) > labelWidth { label = String(label.prefix(labelWidth - 1)) + (options.unicode ? "…" : "~") }
            label += String(repeating: " ", count: max(0, labelWidth - TextRenderer.width(label)))
            let mark = bar.marked ? (options.unicode ? "▶ " : "> ") : "  "
            let value = TextRenderer.number(bar.value)
            let padded = String(repeating: " ", count: max(0, 6 - value.count)) + value
            lines.append(TextRenderer.trimTrailing(mark + label + " " + padded + " " + left + axis + right))
        }
        return lines.joined(separator: "\n")
    }

    /// `-10`, `7.2`: no trailing `.0`.
    static func number(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        return String((v * 10).rounded() / 10)
    }

    static func trimTrailing(_ s: String) -> String {
        guard s.utf8.last == 32 else { return s }
        var end = s.utf8.endIndex
        while end > s.utf8.startIndex, s.utf8[s.utf8.index(before: end)] == 32 { end = s.utf8.index(before: end) }
        return String(Substring(s.utf8[..<end]))
    }

    /// Display width: one column a character, two for wide East Asian characters and emoji.
    static func width<S: StringProtocol>(_ s: S) -> Int {
        let fast = s.utf8.withContiguousStorageIfAvailable { scalarWidth($0.makeIterator()) } ?? scalarWidth(s.utf8.makeIterator())
        return fast ?? characterWidth(s)
    }

    /// Fast path over the bytes, exact while no scalar could join a neighbour into one
    /// character (combining marks, joiners, CR LF …): ASCII, Latin, dashes, quotes,
    /// arrows and box drawing, none of them wide. Nil for anything else (then count
    /// characters).
    static func scalarWidth<I: IteratorProtocol<UInt8>>(_ bytes: I) -> Int? {
        var w = 0
        var utf8 = bytes
        while let b = utf8.next() {
            if b < 0x80 {
                if b == 0x0D { return nil }
                w += 1
            } else if b < 0xCC {
                // A two-byte scalar below U+0300.
                _ = utf8.next()
                w += 1
            } else if b == 0xE2, let b1 = utf8.next(), let b2 = utf8.next() {
                let v = 0x2000 | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
                guard (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
                    || (0x2190...0x21FF).contains(v) || (0x2500...0x25FF).contains(v) else { return nil }
                w += 1
            } else {
                return nil
            }
        }
        return w
    }

    static func characterWidth<S: StringProtocol>(_ s: S) -> Int {
        var w = 0
        for c in s {
            guard let v = c.unicodeScalars.first?.value else { continue }
            w += (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v) ? 2 : 1
        }
        return w
    }

    /// Word-wraps to `width`, breaking a word only when it alone is longer than a line.
    /// Runs of spaces collapse, as between words of a paragraph.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        if isSimpleLine(Substring(text)) {
            if TextRenderer.width(text) <= width { return [text] }
            var pieces: [Measured] = []
            if wrapSimple(Substring(text), width: width, into: &pieces) { return pieces.map { String($0.text) } }
        }
        // Over the bytes: words are slices, a line is built as bytes, and a string is made
        // only for each finished line (and for a word that must be cut).
        var lines: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var line: [UInt8] = []
            var lineWidth = 0
            func endLine() {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
                lineWidth = 0
            }
            var wordStart = 0
            for i in 0...bytes.count {
                let paragraphEnds = i == bytes.count || bytes[i] == 10
                guard paragraphEnds || bytes[i] == 32 else { continue }
                defer {
                    wordStart = i + 1
                    if paragraphEnds { endLine() }
                }
                let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<i])
                // An empty word is a second space in a run: kept inside a line, dropped at a break.
                if word.isEmpty {
                    if lineWidth > 0 && lineWidth + 1 < width { line.append(32); lineWidth += 1 }
                    continue
                }
                var w = word.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? word.count
                    : TextRenderer.width(String(decoding: word, as: UTF8.self))
                if lineWidth > 0 && lineWidth + 1 + w > width { endLine() }
                var cut: String?
                if w > width {
                    // A word longer than a line is cut into line-sized pieces in one pass
                    // (re-copying the rest after each cut was quadratic on a 1 MB word).
                    if lineWidth > 0 { endLine() }
                    var piece = ""
                    var pieceWidth = 0
                    for c in String(decoding: word, as: UTF8.self) {
                        let cw = TextRenderer.width(String(c))
                        if pieceWidth + cw > width && pieceWidth > 0 {
                            lines.append(piece)
                            piece = ""
                            pieceWidth = 0
                        }
                        piece.append(c)
                        pieceWidth += cw
                    }
                    cut = piece
                    w = pieceWidth
                }
                if cut?.isEmpty == true { continue }
                if lineWidth > 0 { line.append(32) }
                if let cut { line.append(contentsOf: cut.utf8) } else { line.append(contentsOf: word) }
                lineWidth += (lineWidth > 0 ? 1 : 0) + w
            }
        }
        return lines
    }

    /// `wrap` for a simple line, cutting it into slices at spaces (no string is built per
    /// word or per line) and appending them with their widths; false, appending nothing,
    /// when a word is wider than the line (then words must be broken).
    static func wrapSimple(_ text: Substring, width: Int, into pieces: inout [Measured]) -> Bool {
        let u = text.utf8
        let first = pieces.count
        var lineStart: String.Index?
        var lineEnd = u.startIndex
        var lineWidth = 0
        var i = u.startIndex
        while i < u.endIndex {
            var j = i
            var ascii = true
            var length = 0
            while j < u.endIndex && u[j] != 32 {
                if u[j] >= 0x80 { ascii = false }
                length += 1
                j = u.index(after: j)
            }
            let w = ascii ? length : TextRenderer.width(String(text[i..<j]))
            if w > width {
                pieces.removeSubrange(first...)
                return false
            }
            if let start = lineStart, lineWidth + 1 + w > width {
                pieces.append(Measured(text: text[start..<lineEnd], width: lineWidth, simple: true))
                lineStart = nil
            }
            if lineStart == nil { lineStart = i; lineWidth = w } else { lineWidth += 1 + w }
            lineEnd = j
            i = j < u.endIndex ? u.index(after: j) : j
        }
        if let start = lineStart { pieces.append(Measured(text: text[start..<lineEnd], width: lineWidth, simple: true)) }
        return true
    }

    /// The width of the widest space-separated word, counted no further than `cap`.
    static func widestWord(_ line: Substring, upTo cap: Int) -> Int {
        var widest = 0
        var start = line.utf8.startIndex
        var ascii = true
        var length = 0
        func word(_ end: String.Index) {
            let w = ascii ? length : TextRenderer.width(String(Substring(line.utf8[start..<end])))
            widest = max(widest, min(cap, w))
        }
        var i = line.utf8.startIndex
        while i < line.utf8.endIndex {
            let b = line.utf8[i]
            if b == 32 {
                word(i)
                start = line.utf8.index(after: i)
                ascii = true
                length = 0
            } else {
                if b >= 0x80 { ascii = false }
                length += 1
            }
            i = line.utf8.index(after: i)
        }
        word(line.utf8.endIndex)
        return widest
    }

    /// One pass over a line: its width, and whether it is simple (see `isSimpleLine`); nil
    /// when it holds a control character that must be neutralised first.
    static func measure(_ s: Substring) -> Measured? {
        var w = 0
        var exact = true
        var simple = true
        var previous: UInt8 = 32
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            if b < 0x80 {
                if (b < 0x20 && b != 9) || b == 0x7F { return nil }
                if b == 32 && previous == 32 { simple = false }
                w += 1
                previous = b
                continue
            }
            // A multi-byte scalar: its lead byte says how many continuation bytes follow.
            let more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1
            var v = UInt32(b & (b >= 0xF0 ? 0x07 : b >= 0xE0 ? 0x0F : 0x1F))
            for _ in 0..<more {
                guard let c = utf8.next() else { break }
                v = v << 6 | UInt32(c & 0x3F)
            }
            if (0x80..<0xA0).contains(v) { return nil }
            // Exact by scalars only while none could join a neighbour into one character.
            if !(v < 0x300 || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
                 || (0x2190...0x21FF).contains(v) || (0x2500...0x25FF).contains(v)) { exact = false }
            w += 1
            previous = 0x80
        }
        if previous == 32 && !s.isEmpty { simple = false }
        return Measured(text: s, width: exact ? w : characterWidth(s), simple: simple)
    }

    /// One line whose words are separated by single spaces: wrapping it unchanged is exact.
    static func isSimpleLine<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isSimpleLine(bytes: $0) } ?? isSimpleLine(bytes: text.utf8)
    }

    static func isSimpleLine<C: Sequence<UInt8>>(bytes: C) -> Bool {
        var previous: UInt8 = 32
        var empty = true
        for b in bytes {
            if b == 10 || (b == 32 && previous == 32) { return false }
            previous = b
            empty = false
        }
        return previous != 32 || empty
    }
}

/// A line of text (often a slice of a cell) and its display width, measured once.
struct Measured {
    var text: Substring
    var width: Int
    /// Words separated by single spaces, no break: it wraps as it is (`isSimpleLine`).
    var simple: Bool

    init(text: Substring, width: Int, simple: Bool) {
        self.text = text
        self.width = width
        self.simple = simple
    }

    init(_ text: String) {
        self = TextRenderer.measure(Substring(text))
            ?? Measured(text: Substring(text), width: TextRenderer.width(text), simple: TextRenderer.isSimpleLine(text))
    }
}
