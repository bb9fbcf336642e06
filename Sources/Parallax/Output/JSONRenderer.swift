/// One JSON value per command, keys in a fixed order, so scripts can pipe into `jq`.
/// Shape: `{"command": NAME, "blocks": [BLOCK…]}`; see README for each block type.
enum JSONRenderer {
    static func render(_ document: Document) -> String {
        object([("command", string(document.command)),
                ("blocks", array(document.blocks.map(block)))])
    }

    static func block(_ block: Block) -> String {
        switch block {
        case .title(let t): return object([("type", string("title")), ("text", string(t))])
        case .text(let t): return object([("type", string("text")), ("text", string(t))])
        case .notice(let t): return object([("type", string("notice")), ("text", string(t))])
        case .fields(let fields):
            return object([("type", string("fields")),
                           ("fields", object(fields.map { ($0.key, string($0.value)) }))])
        case .table(let table):
            let rows = table.rows.map { row -> String in
                var pairs = table.columns.enumerated().map { i, c in
                    (c.key, i < row.cells.count ? string(row.cells[i]) : "null")
                }
                if table.showsMarker {
                    pairs.append(("current", row.marked ? "true" : "false"))
                    pairs.append(("after_cursor", row.isLater ? "true" : "false"))
                }
                if let flags = row.flags {
                    pairs.append(("flags", array(flags.map {
                        object([("flag", string($0.flag)), ("party", $0.party.map(string) ?? "null")])
                    })))
                }
                return object(pairs)
            }
            var pairs = [("type", string("table"))]
            if let name = table.name { pairs.append(("name", string(name))) }
            pairs.append(("columns", array(table.columns.map { string($0.key) })))
            pairs.append(("rows", array(rows)))
            return object(pairs)
        case .chart(let chart):
            let bars = chart.bars.map { bar -> String in
                var pairs = [("label", string(bar.label)), ("value", TextRenderer.number(bar.value)),
                             ("current", bar.marked ? "true" : "false")]
                if let g = bar.group { pairs.append(("group", string(g))) }
                if let g = bar.gapBefore { pairs.append(("gap_before", string(g))) }
                return object(pairs)
            }
            var pairs = [("type", string("chart"))]
            if let bin = chart.bin { pairs.append(("bin", string(bin))) }
            return object(pairs + [("bars", array(bars))])
        }
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    static func string(_ s: String) -> String {
        // Most text needs no escape: a byte scan, then the string as it is.
        var plain = true
        var previous: UInt8 = 0
        for b in s.utf8 {
            // Control characters, quote, backslash, DEL, and C1 controls (C2 80…C2 9F).
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b < 0xA0) {
                plain = false
                break
            }
            previous = b
        }
        if plain { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
