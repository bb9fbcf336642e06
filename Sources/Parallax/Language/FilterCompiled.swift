/// A filter turned into a test of the entity at an index (an event's position − 1, a
/// claim's index in file order), once per command rather than once per entity: each term
/// reads its field in place, its value is prepared once (lower-cased, folded, a date's
/// bounds), and `party`, `actor` and `place` decide once per distinct id (`PartyIndex`).
/// Nothing is allocated per entity on the common paths, so a filter over a million events
/// takes milliseconds. It answers exactly as `Filter.matches` (the property tests hold
/// the two together); `matches` stays the definition, and the fallback for a field a
/// schema does not compile.
public typealias EntityTest = (Int) -> Bool

extension Filter {
    /// This filter as a test of `schema`'s entities by index, in `scenario`.
    public func compiled<E>(for scenario: Scenario, schema: FilterSchema<E>) -> EntityTest {
        switch self {
        case .term(let t):
            if let fast = schema.compile(t, scenario) { return fast }
            return { i in t.matches(schema.read(schema.entityAt(scenario, i), t.field, scenario)) }
        case .not(let f):
            let a = f.compiled(for: scenario, schema: schema)
            return { !a($0) }
        case .and(let x, let y):
            let a = x.compiled(for: scenario, schema: schema), b = y.compiled(for: scenario, schema: schema)
            return { a($0) && b($0) }
        case .or(let x, let y):
            let a = x.compiled(for: scenario, schema: schema), b = y.compiled(for: scenario, schema: schema)
            return { a($0) || b($0) }
        }
    }

    /// Over the scenario's events, by position − 1.
    public func compiled(for scenario: Scenario) -> EntityTest {
        compiled(for: scenario, schema: FilterSchemas.event)
    }
}

extension FilterTerm {
    /// True for `!=`: the term holds when no value passes `valueTest` (equality), where
    /// every other operator holds when any value passes.
    var isNegated: Bool { op == .ne }

    /// Whether one text value passes the term (before `isNegated`), as `matches` decides.
    func textTest() -> (String) -> Bool {
        let texts = values.compactMap { v -> String? in if case .text(let s) = v { s } else { nil } }
        switch op {
        case .eq, .ne, .within:
            // A value of another type never equals a text.
            let needles: [String]
            if op == .within { needles = texts } else if case .text(let y) = values[0] { needles = [y] } else { needles = [] }
            let lowered = needles.map { LoweredText($0) }
            if lowered.count == 1 {
                let one = lowered[0]
                return { one.equalsLowerCase(of: $0) }
            }
            return { x in lowered.contains { $0.equalsLowerCase(of: x) } }
        default:
            guard case .text(let y) = values[0] else { return { _ in false } }
            switch op {
            case .contains:
                let folded = Folding.foldedBytes(y)
                return { Folding.matches($0, folded: folded) }
            case .lt: return { $0 < y }
            case .le: return { $0 <= y }
            case .gt: return { $0 > y }
            case .ge: return { $0 >= y }
            default: return { _ in false }
            }
        }
    }

    /// Whether one number passes the term (before `isNegated`).
    func numberTest() -> (Double) -> Bool {
        let numbers = values.compactMap { v -> Double? in if case .number(let n) = v { n } else { nil } }
        switch op {
        case .within: return { x in numbers.contains(x) }
        default:
            guard case .number(let y) = values[0] else { return { _ in false } }
            switch op {
            case .eq, .ne: return { $0 == y }
            case .lt: return { $0 < y }
            case .le: return { $0 <= y }
            case .gt: return { $0 > y }
            case .ge: return { $0 >= y }
            default: return { _ in false }
            }
        }
    }

    /// Whether a range date (the days an event lasted) passes the term (before `isNegated`):
    /// as `FilterTerm.compare` reads `.days`, some day of it does.
    func spanTest() -> (PartialDate, PartialDate) -> Bool {
        let bounds = values.compactMap { v -> (first: Int, last: Int)? in
            if case .date(let d) = v { (DayKey.first(d), DayKey.last(d)) } else { nil }
        }
        switch op {
        case .within:
            return { s, e in bounds.contains { DayKey.first(s) <= $0.last && DayKey.last(e) >= $0.first } }
        default:
            guard case .date = values[0], let y = bounds.first else { return { _, _ in false } }
            switch op {
            case .eq, .ne: return { s, e in DayKey.first(s) <= y.last && DayKey.last(e) >= y.first }
            case .lt: return { s, _ in DayKey.first(s) < y.first }
            case .le: return { s, _ in DayKey.first(s) <= y.last }
            case .gt: return { _, e in DayKey.first(e) > y.last }
            case .ge: return { _, e in DayKey.first(e) >= y.first }
            default: return { _, _ in false }
            }
        }
    }

    /// Whether one date passes the term (before `isNegated`), by the precision rule: a
    /// date equals another when all of it lies within the other.
    func dateTest() -> (PartialDate) -> Bool {
        let bounds = values.compactMap { v -> (first: Int, last: Int)? in
            if case .date(let d) = v { (DayKey.first(d), DayKey.last(d)) } else { nil }
        }
        switch op {
        case .within:
            return { x in
                let a = DayKey.first(x), b = DayKey.last(x)
                return bounds.contains { a >= $0.first && b <= $0.last }
            }
        default:
            guard case .date = values[0], let y = bounds.first else { return { _ in false } }
            switch op {
            case .eq, .ne: return { DayKey.first($0) >= y.first && DayKey.last($0) <= y.last }
            case .lt: return { DayKey.first($0) < y.first }
            case .le: return { DayKey.first($0) <= y.last }
            case .gt: return { DayKey.first($0) > y.last }
            case .ge: return { DayKey.first($0) >= y.first }
            default: return { _ in false }
            }
        }
    }
}

/// A day as one integer that orders as `PartialDate.firstDay`/`lastDay` do, without their
/// walk over the months: year, month and day packed in bits (months < 16, days < 32).
enum DayKey {
    static func first(_ d: PartialDate) -> Int { d.year << 9 | (d.month ?? 1) << 5 | (d.day ?? 1) }

    static func last(_ d: PartialDate) -> Int {
        let m = d.month ?? 12
        return d.year << 9 | m << 5 | (d.day ?? PartialDate.daysIn(month: m, year: d.year))
    }
}

/// A filter value lower-cased once, compared with the lower case of each entity's text as
/// `x.lowercased() == y.lowercased()` would, without building it for ASCII text.
struct LoweredText {
    let text: String
    /// `text`'s bytes when all are ASCII; nil otherwise (then every comparison builds the
    /// other side's lower case).
    let ascii: [UInt8]?

    init(_ value: String) {
        text = value.lowercased()
        ascii = text.utf8.allSatisfy { $0 < 0x80 } ? Array(text.utf8) : nil
    }

    func equalsLowerCase(of x: String) -> Bool {
        if let ascii, let answer = FilterText.asciiEqualIgnoringCase(x, ascii) { return answer }
        return x.lowercased() == text
    }
}

enum FilterText {
    /// Whether ASCII `x`'s lower case is `lowered`; nil when `x` is not all ASCII (its
    /// lower case may then differ in length, or equal `lowered` only canonically).
    static func asciiEqualIgnoringCase(_ x: String, _ lowered: [UInt8]) -> Bool? {
        x.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var equal = bytes.count == lowered.count
            for k in 0..<bytes.count {
                let b = bytes[k]
                if b >= 0x80 { return nil }
                if equal && (b >= 65 && b <= 90 ? b + 32 : b) != lowered[k] { equal = false }
            }
            return equal
        } ?? nil
    }
}

extension Array {
    /// `body` given a pointer to element i, so that it reads the fields it needs in place:
    /// `self[i].field`, or passing `self[i]` on, copies the whole element first (an
    /// event's or a claim's every string and list retained and released), which costs
    /// more than a test that reads one field.
    @inline(__always)
    func reading<T>(_ i: Int, _ body: (UnsafePointer<Element>) -> T) -> T {
        withUnsafeBufferPointer { elements in
            precondition(i >= 0 && i < elements.count, "index out of range")
            return body(elements.baseAddress! + i)
        }
    }
}

/// What a compiled test has decided per string of an import (see `ImportedRows.passes`),
/// kept between calls. A test runs on one thread at a time.
final class TextMemo {
    var decided: [UInt8]

    init(count: Int) { decided = [UInt8](repeating: 0, count: count) }
}
