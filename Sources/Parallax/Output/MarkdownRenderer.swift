/// GitHub-flavoured Markdown: headings, bullet fields, pipe tables.
enum MarkdownRenderer {
    static func render(_ document: Document) -> String {
        document.blocks.map { block -> String in
            switch block {
            case .title(let t): return "## " + inline(t)
            case .text(let t): return inline(t)
            case .notice(let t): return "> " + inline(t)
            case .fields(let fields):
                return fields.map { "- **\(inline($0.label))**: \(inline($0.value))" }.joined(separator: "\n")
            case .table(let table):
                var lines: [String] = []
                if let name = table.name { lines.append("### " + inline(name)); lines.append("") }
                // No rows: the name says so; a header over nothing says nothing.
                if table.rows.isEmpty { return lines.joined(separator: "\n") }
                let marker = table.showsMarker
                lines.append("| " + (marker ? "  | " : "") + table.columns.map { cell($0.title) }.joined(separator: " | ") + " |")
                lines.append("|" + (marker ? " --- |" : "") + table.columns.map { $0.numeric ? " ---: " : " --- " }.joined(separator: "|") + "|")
                for row in table.rows {
                    let cells = table.columns.indices.map { $0 < row.cells.count ? cell(row.cells[$0]) : "" }
                    lines.append("| " + (marker ? (row.marked ? "▶ | " : row.isLater ? "· | " : "  | ") : "") + cells.joined(separator: " | ") + " |")
                }
                return lines.joined(separator: "\n")
            case .chart(let chart):
                var lines = ["| | event | intensity |", "| --- | --- | ---: |"]
                for bar in chart.bars {
                    if let gap = bar.gapBefore { lines.append("| | ┄ \(cell(gap)) ┄ | |") }
                    lines.append("| \(bar.marked ? "▶" : "") | \(cell(bar.label)) | \(TextRenderer.number(bar.value)) |")
                }
                return lines.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }

    static func inline(_ s: String) -> String { s.sanitizedForTerminal }

    static func cell(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { inline(String($0)).replacingPipes }
            .joined(separator: "<br>")
    }
}

extension String {
    var replacingPipes: String {
        guard utf8.contains(0x7C) else { return self }
        var out = ""
        for c in self { if c == "|" { out += "\\|" } else { out.append(c) } }
        return out
    }
}
