/// What is wrong with one row: the column it is in (0-based) and what to say.
struct RowProblem: Error {
    var column: Int
    var message: String
}

/// One row of an export, read field by field. Numbers and dates are read from the bytes;
/// text goes through `TextRepair`. Each reader throws a `RowProblem` naming the column.
struct ImportRow {
    let bytes: UnsafeBufferPointer<UInt8>
    var fields: [FieldSpan]
    /// Column names, for messages.
    let names: [String]
    var line: Int
    var repair = TextRepair()

    var count: Int { fields.count }

    func isEmpty(_ i: Int) -> Bool {
        guard i < fields.count else { return true }
        var s = fields[i].start
        while s < fields[i].end, bytes[s] == 32 { s += 1 }
        return s == fields[i].end
    }

    func problem(_ i: Int, _ message: String) -> RowProblem {
        RowProblem(column: i, message: "column \(name(i)): \(message)")
    }

    func name(_ i: Int) -> String { i < names.count ? names[i] : "\(i + 1)" }

    /// The raw text of a field, for messages: at most 40 characters, controls shown escaped.
    func shown(_ i: Int) -> String {
        guard i < fields.count else { return "" }
        let f = fields[i]
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
        return (s.count > 40 ? String(s.prefix(40)) + "…" : s).sanitizedForTerminal
    }

    mutating func text(_ i: Int) -> String {
        guard i < fields.count else { return "" }
        return repair.text(bytes, fields[i])
    }

    /// Text, or nil when the field is empty.
    mutating func optionalText(_ i: Int) -> String? {
        isEmpty(i) ? nil : text(i)
    }

    mutating func requiredText(_ i: Int) throws(RowProblem) -> String {
        guard !isEmpty(i) else { throw problem(i, "is empty") }
        return text(i)
    }

    /// A whole number, optionally signed; `minimum` bounds it.
    func integer(_ i: Int, minimum: Int? = nil) throws(RowProblem) -> Int {
        guard i < fields.count else { throw problem(i, "is missing") }
        var s = fields[i].start, e = fields[i].end
        while s < e, bytes[s] == 32 { s += 1 }
        while e > s, bytes[e - 1] == 32 { e -= 1 }
        var negative = false
        if s < e, bytes[s] == UInt8(ascii: "-") { negative = true; s += 1 }
        guard s < e, e - s <= 18 else { throw problem(i, "'\(shown(i))' is not a whole number") }
        var n = 0
        for k in s..<e {
            let d = bytes[k] &- 48
            guard d < 10 else { throw problem(i, "'\(shown(i))' is not a whole number") }
            n = n * 10 + Int(d)
        }
        if negative { n = -n }
        if let minimum, n < minimum { throw problem(i, "\(n) is below \(minimum)") }
        return n
    }

    /// A decimal number as exports write them (`-4.4776119402985`, `1.9`, `2e-3`).
    func decimal(_ i: Int) throws(RowProblem) -> Double {
        guard i < fields.count else { throw problem(i, "is missing") }
        let f = fields[i]
        let raw = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        if let v = ImportRow.plainDecimal(raw) { return v }
        guard !raw.isEmpty, raw.count < 40, raw.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }),
              let v = Double(String(decoding: raw, as: UTF8.self)), v.isFinite else {
            throw problem(i, "'\(shown(i))' is not a number")
        }
        return v
    }

    /// `-?D+(.D+)?` with at most 15 digits, as `Double(text)` reads it, without making the
    /// text: the digits are a whole number below 2^53 and 10^k is exact for k ≤ 22, so one
    /// division, rounded once, is the correctly rounded value (Clinger's fast path). Nil for
    /// anything else, which the full reader takes.
    static func plainDecimal(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var negative = false
        if i < raw.count, raw[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = -1
        while i < raw.count {
            let b = raw[i]
            if b == UInt8(ascii: ".") {
                // One dot, between digits.
                guard fraction < 0, digits > 0, i + 1 < raw.count else { return nil }
                fraction = 0
            } else {
                let d = b &- 48
                guard d < 10, digits < 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(d)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        var v = Double(mantissa)
        if fraction > 0 { v /= ImportRow.powersOfTen[fraction] }
        return negative ? -v : v
    }

    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// A day written `YYYYMMDD` (GDELT), reading only the first eight digits of a longer
    /// timestamp (`YYYYMMDDHHMMSS`) when `timestamp` is set.
    func compactDate(_ i: Int, timestamp: Bool = false) throws(RowProblem) -> PartialDate {
        guard i < fields.count else { throw problem(i, "is missing") }
        let f = fields[i]
        let n = f.end - f.start
        guard n == 8 || (timestamp && n == 14) else {
            throw problem(i, "'\(shown(i))' is not a date written YYYYMMDD\(timestamp ? " or YYYYMMDDHHMMSS" : "")")
        }
        var v = [0, 0, 0]
        for k in 0..<8 {
            let d = bytes[f.start + k] &- 48
            guard d < 10 else { throw problem(i, "'\(shown(i))' is not a date written YYYYMMDD") }
            let part = k < 4 ? 0 : (k < 6 ? 1 : 2)
            v[part] = v[part] * 10 + Int(d)
        }
        for k in 8..<n where bytes[f.start + k] &- 48 >= 10 {
            throw problem(i, "'\(shown(i))' is not a timestamp written YYYYMMDDHHMMSS")
        }
        guard let date = PartialDate(year: v[0], month: v[1], day: v[2]) else {
            throw problem(i, "'\(shown(i))' is not a calendar day")
        }
        return date
    }

    /// A day written `YYYY-MM-DD` (UCDP, ACLED) or, as ACLED's web exports do, `16 November 2021`.
    mutating func isoDate(_ i: Int) throws(RowProblem) -> PartialDate {
        let t = text(i)
        if t.utf8.count == 10, let d = PartialDate(parsing: t), d.precision == .day { return d }
        let parts = t.split(separator: " ")
        if parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]), parts[2].count == 4,
           let m = ImportRow.months.firstIndex(where: { $0.hasPrefix(parts[1].lowercased()) && parts[1].count >= 3 }),
           let d = PartialDate(year: year, month: m + 1, day: day) {
            return d
        }
        throw problem(i, "'\(shown(i))' is not a date written YYYY-MM-DD")
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december"]
}
