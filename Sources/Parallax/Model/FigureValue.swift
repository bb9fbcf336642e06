/// A claimed number, an interval: exact [N, N], a range [N, M], or a floor [N, ∞)
/// ("at least 15"). However it was written, it prints one way — `15`, `15..20`, `>=15` —
/// so a printed value can be pasted back into a scenario.
public enum FigureValue: Hashable, Sendable, CustomStringConvertible {
    case exact(Int)
    case range(min: Int, max: Int)
    case atLeast(Int)

    /// What the value contributes to the lowest claimed.
    public var lowerBound: Int {
        switch self {
        case .exact(let n), .atLeast(let n): n
        case .range(let min, _): min
        }
    }

    /// What the value contributes to the highest claimed; nil leaves the highest open.
    public var upperBound: Int? {
        switch self {
        case .exact(let n): n
        case .range(_, let max): max
        case .atLeast: nil
        }
    }

    /// Whether both could be true: their intervals overlap (43 and `>=40` do; 4 and `>=40`
    /// do not).
    public func overlaps(_ other: FigureValue) -> Bool {
        let a = (lowerBound, upperBound ?? Int.max), b = (other.lowerBound, other.upperBound ?? Int.max)
        return a.0 <= b.1 && b.0 <= a.1
    }

    /// The one printed form: `15`, `15..20`, `>=15`.
    public var description: String {
        switch self {
        case .exact(let n): String(n)
        case .range(let a, let b): "\(a)..\(b)"
        case .atLeast(let n): ">=\(n)"
        }
    }

    /// Reads the number notation of the format, leniently: `15`; `15..20` or `15-20`;
    /// `>=15`, `15+` or `at least 15`. Nil for anything else (a reversed range included:
    /// see `isReversedRange`).
    public init?(reading raw: String) {
        let t = raw[...].trimmingSpaces
        if let n = FigureValue.count(t) { self = .exact(n); return }
        if t.hasPrefix(">="), let n = FigureValue.count(t.dropFirst(2)) { self = .atLeast(n); return }
        if t.hasSuffix("+"), let n = FigureValue.count(t.dropLast()) { self = .atLeast(n); return }
        let lower = t.lowercased()
        if lower.hasPrefix("at least "), let n = FigureValue.count(lower.dropFirst(9)) { self = .atLeast(n); return }
        guard let (a, b) = FigureValue.bounds(t), a <= b else { return nil }
        self = a == b ? .exact(a) : .range(min: a, max: b)
    }

    /// `20..15` or `20-15`: a range written backwards, worth its own message.
    public static func isReversedRange(_ raw: String) -> Bool {
        guard let (a, b) = bounds(raw[...].trimmingSpaces) else { return false }
        return a > b
    }

    /// The numbers either side of the first `..`, else of the first `-`. Found byte by byte:
    /// both sides must be ASCII digits, so bytes and characters cut alike where it matters.
    private static func bounds(_ t: Substring) -> (Int, Int)? {
        let u = t.utf8
        var cut: Range<Substring.Index>?
        var i = u.startIndex
        while i < u.endIndex, cut == nil {
            let next = u.index(after: i)
            if u[i] == UInt8(ascii: "."), next < u.endIndex, u[next] == UInt8(ascii: ".") { cut = i..<u.index(after: next) }
            i = next
        }
        if cut == nil, let dash = u.firstIndex(of: UInt8(ascii: "-")) { cut = dash..<u.index(after: dash) }
        guard let cut, let a = count(t[..<cut.lowerBound]), let b = count(t[cut.upperBound...]) else { return nil }
        return (a, b)
    }

    static func count(_ s: Substring) -> Int? {
        let t = s.trimmingSpaces
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(t)
    }
}

/// Numbers a claim gives about one party's losses (or, with no party, all sides').
public struct Figure: Sendable {
    /// The party whose losses are counted; nil for all sides together.
    public var party: String?
    /// Measures in the order of `Measure.allCases`.
    public var values: [(measure: Measure, value: FigureValue)]
    public var note: String?
    public var location: SourceLocation

    public func value(of measure: Measure) -> FigureValue? {
        values.first { $0.measure == measure }?.value
    }
}

/// A position on a question, or the refusal to give one.
public enum Answer: Hashable, Sendable, CustomStringConvertible {
    /// One party id, or several ("both sides"), in the order written.
    case party([String])
    case yes
    case no
    case number(FigureValue)
    case text(String)
    /// The speaker declined to give a position ("we will not disclose our losses").
    case withheld

    public var isWithheld: Bool { self == .withheld }

    /// The same value: party answers as sets, text ignoring case and surrounding spaces,
    /// numbers as the same interval. What `agree` asks of answers across parties.
    public func isSame(as other: Answer) -> Bool {
        switch (self, other) {
        case (.party(let a), .party(let b)): Set(a) == Set(b)
        case (.text(let a), .text(let b)): a.trimmed.lowercased() == b.trimmed.lowercased()
        default: self == other
        }
    }

    /// Could both be true: numbers whose intervals overlap; anything else only when the same.
    public func isCompatible(with other: Answer) -> Bool {
        if case .number(let a) = self, case .number(let b) = other { return a.overlaps(b) }
        return isSame(as: other)
    }

    public var description: String {
        switch self {
        case .party(let ids): ids.count == 1 ? ids[0] : "[" + ids.joined(separator: ", ") + "]"
        case .yes: "yes"
        case .no: "no"
        case .number(let v): v.description
        case .text(let t): t
        case .withheld: "withheld"
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public var trimmed: String {
        // Most strings (every command of a long replay) have no white space around them, and
        // most of the rest have ASCII spaces around ASCII text: those are cut on the bytes.
        // Anything else goes by characters (a space with a combining mark is one).
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        func solid(_ b: UInt8) -> Bool { b > 0x20 && b < 0x80 }
        if solid(first) && solid(last) { return self }
        func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var start = u.startIndex, end = u.endIndex
        while start < end, space(u[start]) { start = u.index(after: start) }
        while end > start, space(u[u.index(before: end)]) { end = u.index(before: end) }
        if start == end || (u[start] < 0x80 && u[u.index(before: end)] < 0x80) { return String(Substring(u[start..<end])) }
        var s = self[...]
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
