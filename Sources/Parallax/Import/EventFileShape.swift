/// The kinds of event-data export Parallax opens as scenarios, recognised by their columns
/// (not by the file's name): GDELT's tab-separated event files by their field count and
/// first fields, UCDP GED and ACLED CSV files by the names in their header row.
public enum EventFileShape: String, Sendable, CaseIterable {
    case gdelt1 = "GDELT 1.0 event export"
    case gdelt2 = "GDELT 2.0 event export"
    case ucdpGED = "UCDP GED export"
    case acled = "ACLED export"

    /// The columns a UCDP GED file must have: those the mapping reads.
    static let ucdpColumns = ["id", "type_of_violence", "side_a", "side_b", "date_start", "date_end",
                              "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"]
    /// The columns an ACLED file must have.
    static let acledColumns = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                               "fatalities", "source"]

    /// What the start of a file says about it.
    struct Detected {
        var shape: EventFileShape
        /// The header's names (CSV files, and GDELT files that carry the label row); nil for a bare GDELT file.
        var header: [String]?
        /// Where the data rows start, and on which line.
        var offset: Int
        var line: Int
    }

    /// Recognises an export from its first line; nil for anything else (a scenario).
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> Detected? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var end = start
        while end < bytes.count, bytes[end] != 10, end - start < 1 << 16 { end += 1 }
        guard end > start else { return nil }
        let first = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if first.contains(9) {
            var rows = DelimitedRows(bytes, separator: 9, quoting: false, from: start)
            var fields: [FieldSpan] = []
            guard rows.next(into: &fields) else { return nil }
            func text(_ f: FieldSpan) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self) }
            let shape: EventFileShape? = switch fields.count {
            case 57, 58: .gdelt1
            case 61: .gdelt2
            default: nil
            }
            guard let shape else { return nil }
            if text(fields[0]) == "GLOBALEVENTID" {
                return Detected(shape: shape, header: fields.map(text), offset: rows.offset, line: rows.line)
            }
            let id = UnsafeBufferPointer(rebasing: bytes[fields[0].start..<fields[0].end])
            let day = UnsafeBufferPointer(rebasing: bytes[fields[1].start..<fields[1].end])
            guard !id.isEmpty, id.allSatisfy({ $0 >= 48 && $0 <= 57 }), day.count == 8 else { return nil }
            return Detected(shape: shape, header: nil, offset: start, line: 1)
        }
        guard first.contains(UInt8(ascii: ",")) else { return nil }
        var rows = DelimitedRows(bytes, separator: UInt8(ascii: ","), quoting: true, from: start)
        var fields: [FieldSpan] = []
        guard rows.next(into: &fields) else { return nil }
        let names = fields.map {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.start..<$0.end]), as: UTF8.self).trimmed.lowercased()
        }
        let set = Set(names)
        for (shape, columns) in [(EventFileShape.ucdpGED, ucdpColumns), (.acled, acledColumns)]
        where columns.allSatisfy(set.contains) {
            return Detected(shape: shape, header: names, offset: rows.offset, line: rows.line)
        }
        return nil
    }
}
