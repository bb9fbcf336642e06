/// An event's date: one partial date, or a range `start..end` (a war of six weeks).
public struct EventDate: Hashable, Sendable, CustomStringConvertible {
    public let start: PartialDate
    public let end: PartialDate?

    public init(start: PartialDate, end: PartialDate? = nil) {
        self.start = start
        self.end = end
    }

    public enum ParseError: Error, Equatable {
        case invalid
        case reversed
    }

    /// Parses `2021`, `2021-11-16` or `2020-09-27..2020-11-10`.
    public static func parse(_ text: String) -> Result<EventDate, ParseError> {
        let utf8 = text.utf8
        if let dot = utf8.firstIndex(of: UInt8(ascii: ".")) {
            let after = utf8.index(after: dot)
            guard after < utf8.endIndex, utf8[after] == UInt8(ascii: "."),
                  let a = PartialDate(parsing: text[..<dot]),
                  let b = PartialDate(parsing: text[utf8.index(after: after)...]) else { return .failure(.invalid) }
            guard a.firstDay <= b.lastDay else { return .failure(.reversed) }
            return .success(EventDate(start: a, end: b))
        }
        guard let d = PartialDate(parsing: text) else { return .failure(.invalid) }
        return .success(EventDate(start: d))
    }

    public var firstDay: Int { start.firstDay }
    public var lastDay: Int { (end ?? start).lastDay }

    /// A range is as coarse as its coarsest end, for ordering on the same first day.
    public var precision: PartialDate.Precision {
        guard let end else { return start.precision }
        return min(start.precision, end.precision)
    }

    /// True when the whole of this date lies within `other` (filters' precision rule).
    public func isWithin(_ other: PartialDate) -> Bool {
        firstDay >= other.firstDay && lastDay <= other.lastDay
    }

    public var description: String {
        guard let end else { return start.description }
        return "\(start)..\(end)"
    }
}

/// A local time of day, `HH:MM`, used only to order events within a day.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// `H:MM` or `HH:MM`, digits only. Read byte by byte: a large scenario has thousands.
    public init?(parsing text: String) {
        // Digits before and after the one colon, and how many of each.
        var h = 0, m = 0, hourDigits = 0, minuteDigits = 0, afterColon = false
        for b in text.utf8 {
            if b == UInt8(ascii: ":"), !afterColon {
                afterColon = true
            } else if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                let d = Int(b - UInt8(ascii: "0"))
                if afterColon { m = m * 10 + d; minuteDigits += 1 } else { h = h * 10 + d; hourDigits += 1 }
                if hourDigits > 2 || minuteDigits > 2 { return nil }
            } else {
                return nil
            }
        }
        guard afterColon, (1...2).contains(hourDigits), minuteDigits == 2, h <= 23, m <= 59 else { return nil }
        hour = h
        minute = m
    }

    public var minutes: Int { hour * 60 + minute }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
    public var description: String { PartialDate.pad(hour) + ":" + PartialDate.pad(minute) }
}
