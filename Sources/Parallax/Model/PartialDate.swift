/// A date known to the year, the month or the day, as sources give them
/// ("in 2020", "since May 2021", "on 16 November 2021").
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case year = 0, month = 1, day = 2
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    /// Held in four bytes (year, month, day; 0 for a month or day not known): an import
    /// of a million rows holds a date in each event, claim and source.
    private let packedYear: UInt16
    private let packedMonth: UInt8
    private let packedDay: UInt8

    public var year: Int { Int(packedYear) }
    public var month: Int? { packedMonth == 0 ? nil : Int(packedMonth) }
    public var day: Int? { packedDay == 0 ? nil : Int(packedDay) }

    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1, day <= PartialDate.daysIn(month: month, year: year) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        packedYear = UInt16(year)
        packedMonth = UInt8(month ?? 0)
        packedDay = UInt8(day ?? 0)
    }

    public var precision: Precision {
        packedDay != 0 ? .day : (packedMonth != 0 ? .month : .year)
    }

    /// Parses `2021`, `2021-11` or `2021-11-16`; nil for anything else, including
    /// dates the calendar does not have (2021-02-30). Reads bytes: scenarios hold many dates.
    public init?(parsing text: Substring) {
        var numbers = (0, 0, 0)
        var part = 0, digits = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "-") {
                guard digits == (part == 0 ? 4 : 2), part < 2 else { return nil }
                part += 1
                digits = 0
                continue
            }
            // A part longer than its width is refused here, before it can overflow Int.
            guard b >= 48, b <= 57, digits < (part == 0 ? 4 : 2) else { return nil }
            let d = Int(b - 48)
            switch part {
            case 0: numbers.0 = numbers.0 * 10 + d
            case 1: numbers.1 = numbers.1 * 10 + d
            default: numbers.2 = numbers.2 * 10 + d
            }
            digits += 1
        }
        guard digits == (part == 0 ? 4 : 2) else { return nil }
        self.init(year: numbers.0, month: part >= 1 ? numbers.1 : nil, day: part >= 2 ? numbers.2 : nil)
    }

    public init?(parsing text: String) { self.init(parsing: text[...]) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 0001-01-01 of the first day this date covers; orders the sequence.
    public var firstDay: Int { PartialDate.ordinal(year, month ?? 1, day ?? 1) }

    /// Days since 0001-01-01 of the last day this date covers.
    public var lastDay: Int {
        let m = month ?? 12
        return PartialDate.ordinal(year, m, day ?? PartialDate.daysIn(month: m, year: year))
    }

    static func ordinal(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y0 = y - 1
        var days = y0 * 365 + y0 / 4 - y0 / 100 + y0 / 400
        for month in 1..<m { days += daysIn(month: month, year: y) }
        return days + d - 1
    }

    /// True when every day of `self` lies within `other`: the date-precision rule of
    /// filters (`date = 2021-11` holds for 2021-11-16).
    public func isWithin(_ other: PartialDate) -> Bool {
        firstDay >= other.firstDay && lastDay <= other.lastDay
    }

    /// As written in scenarios and filters: the year always four digits (`0900`), or the
    /// text would not parse back.
    public var description: String {
        // "2021-11-16" is at most ten bytes: written into a small buffer and made a string
        // once (small enough to need no allocation), since views print a date per row.
        var buffer: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw in
            var n = 0
            func digits(_ v: Int, _ count: Int) {
                var v = v
                for k in stride(from: count - 1, through: 0, by: -1) {
                    raw[n + k] = UInt8(48 + v % 10)
                    v /= 10
                }
                n += count
            }
            digits(year, 4)
            if let month {
                raw[n] = 45
                n += 1
                digits(month, 2)
            }
            if let day {
                raw[n] = 45
                n += 1
                digits(day, 2)
            }
            return String(decoding: raw.prefix(n), as: UTF8.self)
        }
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
