/// Aligned, width-aware plain text (with optional colour), as a terminal user reads it.
struct TextRenderer {
    var options: RenderOptions

    func render(_ document: Document) -> String {
        var parts: [String] = []
        for block in document.blocks {
            switch block {
            case .title(let t): parts.append(style(safe(t), bold: true))
            case .text(let t): parts.append(TextRenderer.wrap(safe(t), width: options.width).joined(separator: "\n"))
            case .fields(let fields): parts.append(render(fields))
            case .table(let table): parts.append(render(table))
            case .chart(let chart): parts.append(render(chart))
            case .notice(let t): parts.append(style(safe(t), dim: true))
            }
        }
        return parts.joined(separator: "\n")
    }

    func safe(_ s: String) -> String { s.sanitizedForTerminal }

    func style(_ s: String, bold: Bool = false, dim: Bool = false) -> String {
        guard options.color else { return s }
        if bold { return "\u{1B}[1m" + s + "\u{1B}[0m" }
        if dim { return "\u{1B}[2m" + s + "\u{1B}[0m" }
        return s
    }

    func render(_ fields: [Field]) -> String {
        let labelWidth = fields.map { TextRenderer.width($0.label) }.max() ?? 0
        var lines: [String] = []
        for f in fields {
            let label = f.label + ":" + String(repeating: " ", count: labelWidth - TextRenderer.width(f.label) + 1)
            let wrapped = TextRenderer.wrap(safe(f.value), width: max(20, options.width - labelWidth - 2))
            for (i, w) in wrapped.enumerated() {
                lines.append((i == 0 ? label : String(repeating: " ", count: labelWidth + 2)) + w)
            }
        }
        return lines.joined(separator: "\n")
    }

    func render(_ table: Table) -> String {
        var lines: [String] = []
        if let name = table.name { lines.append(style(safe(name), bold: true)) }
        let marker = table.showsMarker ? 2 : 0
        let n = table.columns.count
        guard n > 0 else { return lines.joined(separator: "\n") }
        let rows = table.rows.map { $0.cells.map(safe) }
        var widths = table.columns.map { TextRenderer.width($0.title) }
        for row in rows {
            for (i, cell) in row.prefix(n).enumerated() {
                let w = cell.utf8.contains(10) ? cell.split(separator: "\n").map { TextRenderer.width(String($0)) }.max() ?? 0
                                               : TextRenderer.width(cell)
                widths[i] = max(widths[i], w)
            }
        }
        // Shrink the widest text columns until the table fits; numbers are never cut.
        let gap = 2
        var total: Int { widths.reduce(0, +) + gap * (n - 1) + marker }
        // First down to each column's longest word (ids stay whole), then further if need be.
        var longestWord = widths.map { _ in 0 }
        for row in rows where total > options.width {
            for (i, cell) in row.prefix(n).enumerated() {
                for word in cell.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                    longestWord[i] = max(longestWord[i], min(24, TextRenderer.width(String(word))))
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
        func line(_ cells: [String], mark: String) -> [String] {
            let wrapped = (0..<n).map { i -> [String] in
                let cell = i < cells.count ? cells[i] : ""
                return table.columns[i].numeric ? [cell] : TextRenderer.wrap(cell, width: widths[i])
            }
            let height = wrapped.map(\.count).max() ?? 1
            var out: [String] = []
            let space = UInt8(ascii: " ")
            for r in 0..<max(1, height) {
                // Assembled as bytes: this loop runs for every row of every table.
                var bytes: [UInt8] = []
                bytes.reserveCapacity(min(options.width, 400) + 32)
                if r == 0 { bytes += mark.utf8 } else { bytes += repeatElement(space, count: marker) }
                for i in 0..<n {
                    let text = r < wrapped[i].count ? wrapped[i][r] : ""
                    let pad = max(0, widths[i] - TextRenderer.width(text))
                    if table.columns[i].numeric {
                        bytes += repeatElement(space, count: pad)
                        bytes += text.utf8
                    } else {
                        bytes += text.utf8
                        if i < n - 1 { bytes += repeatElement(space, count: pad) }
                    }
                    if i < n - 1 { bytes += repeatElement(space, count: gap) }
                }
                while bytes.last == space { bytes.removeLast() }
                out.append(String(decoding: bytes, as: UTF8.self))
            }
            return out
        }
        let blank = marker == 0 ? "" : String(repeating: " ", count: marker)
        lines += line(table.columns.map(\.title), mark: blank).map { style($0, bold: true) }
        let rule = options.unicode ? "─" : "-"
        lines.append(TextRenderer.trimTrailing(blank + widths.map { String(repeating: rule, count: $0) }
            .joined(separator: String(repeating: " ", count: gap))))
        for (row, cells) in zip(table.rows, rows) {
            let mark = row.marked ? (options.unicode ? "▶ " : "> ") : blank
            lines += line(cells, mark: mark)
        }
        return lines.joined(separator: "\n")
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
        var s = Substring(s)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// Display width: one column a character, two for wide East Asian characters and emoji.
    static func width(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
        var w = 0
        for c in s {
            guard let v = c.unicodeScalars.first?.value else { continue }
            w += (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v) ? 2 : 1
        }
        return w
    }

    /// `wrap` for ASCII text, on bytes: one column a byte, no grapheme breaking.
    static func wrapASCII(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            var line: [UInt8] = []
            for var word in paragraph.split(separator: 32) {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                }
                while word.count > width - (line.isEmpty ? 0 : line.count + 1) {
                    let room = width - (line.isEmpty ? 0 : line.count + 1)
                    if room <= 0 {
                        lines.append(String(decoding: line, as: UTF8.self))
                        line.removeAll(keepingCapacity: true)
                        continue
                    }
                    if !line.isEmpty { line.append(32) }
                    line += word.prefix(room)
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                    word = word.dropFirst(room)
                }
                if word.isEmpty { continue }
                if !line.isEmpty { line.append(32) }
                line += word
            }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines
    }

    /// Word-wraps to `width`, breaking a word only when it alone is longer than a line.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        if !text.utf8.contains(10), TextRenderer.width(text) <= width { return [text] }
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return wrapASCII(text, width: width) }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var w = TextRenderer.width(word)
                if lineWidth > 0 && lineWidth + 1 + w > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while w > width {
                    let head = String(word.prefix(width - lineWidth - (lineWidth > 0 ? 1 : 0)))
                    if head.isEmpty { lines.append(line); line = ""; lineWidth = 0; continue }
                    line += (lineWidth > 0 ? " " : "") + head
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                    word = String(word.dropFirst(head.count))
                    w = TextRenderer.width(word)
                }
                if word.isEmpty { continue }
                line += (lineWidth > 0 ? " " : "") + word
                lineWidth += (lineWidth > 0 ? 1 : 0) + w
            }
            lines.append(line)
        }
        return lines
    }
}
