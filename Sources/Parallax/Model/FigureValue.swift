/// A claimed number: exact, a range, or a floor ("at least 15").
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

    /// Plain digits: `15`, `0-70`, `>=204`.
    public var description: String {
        switch self {
        case .exact(let n): String(n)
        case .range(let a, let b): "\(a)-\(b)"
        case .atLeast(let n): ">=\(n)"
        }
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

/// A party's position on a question.
public enum Answer: Hashable, Sendable, CustomStringConvertible {
    case party(String)
    case yes
    case no
    case number(FigureValue)
    case text(String)

    /// Reads an answer as written: a declared party id, yes/no, `N`, `at least N`, `N..M`,
    /// or else short text.
    public static func parse(_ raw: String, partyIds: Set<String>) -> Answer {
        if partyIds.contains(raw) { return .party(raw) }
        switch raw.lowercased() {
        case "yes": return .yes
        case "no": return .no
        default: break
        }
        if let n = Answer.count(raw[...]) { return .number(.exact(n)) }
        let lower = raw.lowercased()
        if lower.hasPrefix("at least "), let n = Answer.count(lower.dropFirst(9)) {
            return .number(.atLeast(n))
        }
        if let r = raw.firstRange(of: ".."), let a = Answer.count(raw[..<r.lowerBound]),
           let b = Answer.count(raw[r.upperBound...]), a <= b {
            return .number(.range(min: a, max: b))
        }
        return .text(raw)
    }

    static func count(_ s: Substring) -> Int? {
        let t = s.trimmingSpaces
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(t)
    }

    public var isNumeric: Bool {
        if case .number = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .party(let id): id
        case .yes: "yes"
        case .no: "no"
        case .number(.exact(let n)): String(n)
        case .number(.atLeast(let n)): "at least \(n)"
        case .number(.range(let a, let b)): "\(a)..\(b)"
        case .text(let t): t
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
