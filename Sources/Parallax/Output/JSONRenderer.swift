/// One JSON value per command, keys in a fixed order, so scripts can pipe into `jq`.
/// Shape: `{"command": NAME, "blocks": [BLOCK…]}`; see README for each block type.
enum JSONRenderer {
    static func render(_ document: Document) -> String {
        var tables = 0
        return object([("command", string(document.command)),
                       ("blocks", array(document.blocks.map { b in
                           if case .table = b { tables += 1 }
                           return block(b, command: document.command, tableNumber: tables)
                       }))])
    }

    /// A table's stable `name`: its own id, else the command's name (`events`), with its
    /// heading's words for a command that shows several (`figures.summary-current-values`).
    static func tableID(_ table: Table, command: String, tableNumber: Int) -> String {
        if let id = table.id { return id }
        guard let name = table.name else { return tableNumber <= 1 ? command : "\(command).\(tableNumber)" }
        var slug = ""
        var dash = false
        for c in name.lowercased().unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
                if dash && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        return command + "." + (slug.isEmpty ? String(tableNumber) : slug)
    }

    static func block(_ block: Block, command: String = "", tableNumber: Int = 1) -> String {
        switch block {
        case .title(let t): return object([("type", string("title")), ("text", string(t))])
        case .text(let t): return object([("type", string("text")), ("text", string(t))])
        case .notice(let t): return object([("type", string("notice")), ("text", string(t))])
        case .fields(let fields):
            return object([("type", string("fields")),
                           ("fields", object(fields.map { ($0.key, value($0.typed ?? CellValue.parse($0.value, as: .text))) }))])
        case .table(let table):
            let kinds = table.columns.map(\.kind)
            let rows = table.rows.map { row -> String in
                var pairs = table.columns.indices.map { i in (table.columns[i].key, value(row.value(i, kind: kinds[i]))) }
                if table.showsMarker {
                    pairs.append(("current", row.marked ? "true" : "false"))
                    pairs.append(("after_cursor", row.isLater ? "true" : "false"))
                }
                if !row.ids.isEmpty { pairs.append(("ids", ids(row.ids))) }
                if let flags = row.flags {
                    pairs.append(("flags", array(flags.map {
                        object([("flag", string($0.flag)), ("party", $0.party.map(string) ?? "null")])
                    })))
                }
                for m in row.extra where row.flags == nil || m.key != "flags" { pairs.append((m.key, value(m.value))) }
                return object(pairs)
            }
            var pairs = [("type", string("table")),
                         ("name", string(tableID(table, command: command, tableNumber: tableNumber))),
                         ("title", table.name.map(string) ?? "null")]
            pairs.append(("columns", array(table.columns.map { string($0.key) })))
            pairs.append(("rows", array(rows)))
            if table.leftOut > 0 { pairs.append(("left_out", String(table.leftOut))) }
            return object(pairs)
        case .chart(let chart):
            let bars = chart.bars.map { bar -> String in
                var pairs = [("label", string(bar.label)), ("value", TextRenderer.number(bar.value)),
                             ("current", bar.marked ? "true" : "false")]
                if let g = bar.group { pairs.append(("group", string(g))) }
                if let g = bar.gapBefore { pairs.append(("gap_before", string(g))) }
                if let e = bar.event { pairs.append(("ids", object([("event", string(e))]))) }
                return object(pairs)
            }
            var pairs = [("type", string("chart"))]
            if let bin = chart.bin { pairs.append(("bin", string(bin))) }
            return object(pairs + [("bars", array(bars))])
        }
    }

    static func ids(_ ids: RowIDs) -> String {
        var pairs: [(String, String)] = []
        if let c = ids.claim { pairs.append(("claim", string(c))) }
        if let e = ids.event { pairs.append(("event", string(e))) }
        if let p = ids.party { pairs.append(("party", string(p))) }
        if let q = ids.question { pairs.append(("question", string(q))) }
        if !ids.sources.isEmpty { pairs.append(("sources", array(ids.sources.map(string)))) }
        return object(pairs)
    }

    static func value(_ v: CellValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .double(let d): return d.isFinite ? TextRenderer.number(d) : "null"
        case .string(let s): return string(s)
        case .list(let items): return array(items.map(value))
        case .object(let members): return object(members.map { ($0.key, value($0.value)) })
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
