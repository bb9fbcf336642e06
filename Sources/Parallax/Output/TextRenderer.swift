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
            case .title(var t):
                // A heading is one line: a line break in scenario text (a title) is a space.
                if t.utf8.contains(10) { t = t.replacingAll("\n", with: " ") }
                if TextRenderer.width(t) <= options.width {
                    out.append(contentsOf: style(safe(t), bold: true).utf8)
                } else {
                    for (k, line) in TextRenderer.wrap(safe(t), width: options.width).enumerated() {
                        if k > 0 { out.append(10) }
                        out.append(contentsOf: style(line, bold: true).utf8)
                    }
                }
            case .text(let t): appendLines(t, width: options.width, into: &out)
            case .fields(let fields): render(fields, into: &out)
            case .table(let table) where table.asList:
                out.append(contentsOf: style(safe(table.name ?? ""), bold: true).utf8)
                for row in table.rows {
                    out.append(10)
                    append(wrapping: safe(row.cells.first ?? ""), width: options.width, into: &out)
                }
            case .table(let table): laidOut(into: &out) { render(table, into: $0) }
            case .chart(let chart): laidOut(into: &out) { render(chart, into: $0) }
            case .notice(let t): out.append(contentsOf: style(safe(t), dim: true).utf8)
            }
        }
    }

    /// Tables and charts (thousands of rows) are laid out in a `ByteBuffer`, whose appends
    /// are plain memcpy and memset, then copied in at once.
    private func laidOut(into out: inout [UInt8], _ body: (ByteBuffer) -> Void) {
        let buffer = ByteBuffer(capacity: 4096)
        body(buffer)
        out.append(contentsOf: buffer.bytes)
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

    /// Text that may hold line breaks (scenario text may): each line wrapped and
    /// continued after `indent`, as a table cell shows them, never as `\u{A}`.
    func appendLines(_ text: String, width: Int, indent: Int = 0, into out: inout [UInt8]) {
        guard text.utf8.contains(10) else { return append(wrapping: safe(text), width: width, indent: indent, into: &out) }
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if k > 0 {
                out.append(10)
                out.append(contentsOf: repeatElement(32, count: indent))
            }
            append(wrapping: safe(String(line)), width: width, indent: indent, into: &out)
        }
    }

    func safe(_ s: String) -> String { TextRenderer.isPlain(s) ? s : TextRenderer.shown(s) }

    /// Text as the terminal gets it: control characters escaped (`\u{1B}`), and a tab as one
    /// space: a terminal widens a tab to its next stop, past the column measured for it.
    static func shown(_ s: String) -> String {
        let escaped = s.sanitizedForTerminal
        guard escaped.utf8.contains(9) else { return escaped }
        return String(decoding: escaped.utf8.map { $0 == 9 ? 32 : $0 }, as: UTF8.self)
    }

    /// No control character (C0 but tab, DEL, C1) to neutralise: a byte scan.
    static func isPlain<S: StringProtocol>(_ s: S) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { isPlain($0) } ?? Array(s.utf8).withUnsafeBufferPointer { isPlain($0) }
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
            appendLines(f.value, width: valueWidth, indent: labelWidth + 2, into: &out)
        }
    }

    func render(_ chart: Chart, into out: ByteBuffer) {
        let widths = chart.bars.map { TextRenderer.width($0.label) }
        // Labels take up to two fifths of the width, the bars the rest: a wider terminal
        // shows longer titles and finer bars.
        // Unwrapped output (what `expect` reads) is drawn as at width 100.
        let width = options.width > 10_000 ? 100 : options.width
        let labelWidth = min(max(12, width * 2 / 5), widths.max() ?? 0)
        let half = max(5, (width - labelWidth - 12) / 2)
        let fill = options.unicode ? "█" : "#"
        let axis = options.unicode ? "│" : "|"
        let marked = options.unicode ? "▶ " : "> "
        let dash = options.unicode ? "┄" : "~"
        var first = true
        func newLine() {
            if !first { out.append(10) }
            first = false
        }
        func fills(_ n: Int) { for _ in 0..<max(0, n) { out.append(fill) } }
        if let bin = chart.bin {
            for line in TextRenderer.wrap("One bar per \(bin): its most intense event, ×count events.", width: width) {
                newLine()
                out.append(style(line, dim: true))
            }
        }
        for (bar, rawWidth) in zip(chart.bars, widths) {
            if let gap = bar.gapBefore {
                // Centred on the axis, where the bars meet.
                newLine()
                let text = dash + " " + gap + " " + dash
                let axisColumn = 2 + labelWidth + 1 + 6 + 1 + half
                out.append(spaces: max(2, axisColumn - TextRenderer.width(text) / 2))
                out.append(text)
            }
            if let group = bar.group {
                newLine()
                out.append(style(safe(group), bold: true))
            }
            newLine()
            let lineStart = out.count
            let cells = Int((abs(bar.value) / max(chart.scale, 0.001) * Double(half)).rounded())
            if bar.marked { out.append(marked) } else { out.append(spaces: 2) }
            let plain = TextRenderer.isPlain(bar.label)
            var label = plain ? bar.label : TextRenderer.shown(bar.label)
            var width = plain ? rawWidth : TextRenderer.width(label)
            if width > labelWidth {
                // An ASCII label (one byte a column) is cut on bytes, anything else on characters.
                let head = label.utf8.count == width ? String(Substring(label.utf8.prefix(labelWidth - 1))) : String(label.prefix(labelWidth - 1))
                label = head + (options.unicode ? "…" : "~")
                width = TextRenderer.width(label)
            }
            out.append(label)
            out.append(spaces: max(0, labelWidth - width) + 1)
            let value = TextRenderer.number(bar.value)
            out.append(spaces: 6 - value.count)
            out.append(value)
            out.append(spaces: 1)
            if bar.value < 0 { out.append(spaces: half - cells); fills(cells) } else { out.append(spaces: half) }
            out.append(axis)
            if bar.value > 0 { fills(cells) }
            // The rest of the right half would be trailing spaces.
            out.trimSpaces(after: lineStart)
        }
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
        let fast = s.utf8.withContiguousStorageIfAvailable { scalarWidth($0) } ?? Array(s.utf8).withUnsafeBufferPointer { scalarWidth($0) }
        return fast ?? characterWidth(s)
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
            let bytes = Array(text.utf8)
            var pieces: [Span] = []
            if bytes.withUnsafeBufferPointer({ wrapSimple($0, 0, $0.count, width: width, into: &pieces) }) {
                return pieces.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            }
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
