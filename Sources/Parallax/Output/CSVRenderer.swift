/// A document's tables as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted
/// when they hold a comma, a quote or a line break). Columns are the JSON keys; a figure
/// column adds its `_min` and `_max`; rows that carry ids add `claim_id`, `event_id`,
/// `party_id` and `sources`. A document of several tables gets a first column `table`
/// (each table's stable name) over the union of their columns. Text that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) is written with a leading `'`.
public enum CSVRenderer {
    public static func render(_ document: Document) -> String {
        var tables: [(name: String, table: Table)] = []
        for block in document.blocks {
            if case .table(let t) = block {
                tables.append((JSONRenderer.tableID(t, command: document.command, tableNumber: tables.count + 1), t))
            }
        }
        guard !tables.isEmpty else { return "" }
        // The union of columns, in order of first appearance.
        var header: [String] = []
        var kinds: [String: Table.Column.Kind] = [:]
        func add(_ key: String, _ kind: Table.Column.Kind) {
            if kinds[key] == nil { header.append(key); kinds[key] = kind }
        }
        for (_, t) in tables {
            for c in t.columns {
                add(c.key, c.kind)
                if c.kind == .figure { add(c.key + "_min", .number); add(c.key + "_max", .number) }
            }
        }
        let ids = tables.flatMap(\.table.rows).map(\.ids)
        if ids.contains(where: { $0.claim != nil }) { add("claim_id", .word) }
        if ids.contains(where: { $0.event != nil }) { add("event_id", .word) }
        if ids.contains(where: { $0.party != nil }) { add("party_id", .word) }
        if ids.contains(where: { !$0.sources.isEmpty }) { add("sources", .word) }
        let several = tables.count > 1
        var out = ""
        line(several ? ["table"] + header : header, into: &out)
        for (name, t) in tables {
            var position: [String: Int] = [:]
            for (i, c) in t.columns.enumerated() { position[c.key] = i }
            for row in t.rows {
                var fields: [String] = several ? [name] : []
                for key in header {
                    if let i = position[key] {
                        fields.append(text(row.value(i, kind: t.columns[i].kind), kind: t.columns[i].kind))
                    } else if key.hasSuffix("_min") || key.hasSuffix("_max"), let i = position[String(key.dropLast(4))],
                              t.columns[i].kind == .figure {
                        fields.append(text(row.value(i, kind: .figure)[String(key.suffix(3))] ?? .null, kind: .number))
                    } else {
                        switch key {
                        case "claim_id": fields.append(row.ids.claim ?? "")
                        case "event_id": fields.append(row.ids.event ?? "")
                        case "party_id": fields.append(row.ids.party ?? "")
                        case "sources": fields.append(row.ids.sources.joined(separator: " "))
                        default: fields.append("")
                        }
                    }
                }
                line(fields, into: &out)
            }
        }
        return out
    }

    /// A typed value as one field: numbers plain, a figure as printed everywhere (`15..20`,
    /// `>=15`), lists joined by `; `, nothing empty. A list inside a list (one answer naming
    /// both sides, among a party's answers) keeps its brackets: `[ARM, AZE] (claim); AZE (claim)`.
    static func text(_ v: CellValue, kind: Table.Column.Kind, nested: Bool = false) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .double(let d): return TextRenderer.number(d)
        case .string(let s): return kind == .number ? s : defused(s)
        case .list(let items):
            if nested { return "[" + items.map { text($0, kind: kind, nested: true) }.joined(separator: ", ") + "]" }
            return items.map { text($0, kind: kind, nested: true) }.joined(separator: "; ")
        case .object:
            if let low = v["min"]?.intValue {
                let high = v["max"]?.intValue
                return high == low ? String(low) : high.map { "\(low)..\($0)" } ?? ">=\(low)"
            }
            if let inner = v["value"] { return text(inner, kind: kind, nested: nested) + (v["claim"]?.stringValue.map { " (\($0))" } ?? "") }
            return ""
        }
    }

    static func defused(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        // A negative number or a date range is data, not a formula.
        if Double(s) != nil { return s }
        return "'" + s
    }

    static func line(_ fields: [String], into out: inout String) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out += "," }
            if f.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out += "\"" + f.replacingAll("\"", with: "\"\"") + "\""
            } else {
                out += f
            }
        }
        out += "\r\n"
    }
}
