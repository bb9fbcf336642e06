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
            case .table(let table) where table.asList:
                return (["## " + inline(table.name ?? "")] + table.rows.map { "- " + inline($0.cells.first ?? "") })
                    .joined(separator: "\n")
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

    /// Text shown as typed: control characters escaped as in the terminal, and what Markdown
    /// would read as markup written so it is not: `<` (an HTML tag such as `<script>`, which
    /// a Markdown viewer would pass through), `&` before an entity's name, and `\` `` ` ``
    /// `*` `[` (escapes, code, emphasis, a link such as `[x](javascript:…)`), each
    /// backslash-escaped.
    static func inline(_ s: String) -> String {
        let t = s.sanitizedForTerminal
        guard t.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 || $0 == 0x5C || $0 == 0x60 || $0 == 0x2A || $0 == 0x5B })
        else { return t }
        var out = ""
        var rest = Substring(t)
        while let c = rest.first {
            rest = rest.dropFirst()
            switch c {
            case "<": out += "&lt;"
            case "&":
                // `&amp;`, `&#39;` would be read as the character they name.
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
                out += !name.isEmpty && rest.dropFirst(name.count).first == ";" ? "&amp;" : "&"
            case "\\", "`", "*", "[": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

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
