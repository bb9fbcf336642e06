/// What a cell or a field means, for JSON, CSV and the pictures: a number is a number, a
/// claimed figure an interval, nothing is null. The text renderer never reads it; it
/// prints the cell's text.
public indirect enum CellValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([CellValue])
    /// Keys in the order given (JSON keeps it, so output is stable).
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: CellValue
        public init(_ key: String, _ value: CellValue) { self.key = key; self.value = value }
    }

    public static func object(_ pairs: KeyValuePairs<String, CellValue>) -> CellValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// A claimed figure as `{"min": N, "max": M}`; `max` is null when the value is open
    /// ("at least N").
    public static func figure(_ v: FigureValue) -> CellValue {
        .object(["min": .int(v.lowerBound), "max": v.upperBound.map(CellValue.int) ?? .null])
    }

    /// An id or nothing.
    public static func id(_ s: String?) -> CellValue { s.map(CellValue.string) ?? .null }

    /// An answer as a value: a number as an interval, several parties ("both sides") as a
    /// list of ids, anything else as its text (one party id, yes, no, withheld, text).
    public static func answer(_ a: Answer) -> CellValue {
        switch a {
        case .number(let v): return .figure(v)
        case .party(let ids) where ids.count > 1: return .list(ids.map(CellValue.string))
        default: return .string(a.description)
        }
    }

    /// The member under `key` of an object; nil for anything else.
    public subscript(key: String) -> CellValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var intValue: Int? {
        if case .int(let n) = self { return n }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A cell's printed text read as the column's kind says: "—" and "" are nothing, a
    /// number column's `#12` is 12, a figure column's `>=40` is `{min 40, max null}`.
    public static func parse(_ text: String, as kind: Table.Column.Kind) -> CellValue {
        if text.isEmpty || text == "—" { return .null }
        switch kind {
        case .number:
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            if let n = Int(digits) { return .int(n) }
            if let d = Double(digits), d.isFinite { return .double(d) }
            return text == "open" ? .null : .string(text)
        case .figure:
            return FigureValue.parse(text).map(CellValue.figure) ?? .string(text)
        case .text, .word:
            return .string(text)
        }
    }
}

extension FigureValue {
    /// Reads a figure as the views print it: `15`, `15-20`, `15..20`, `>=15`, `at least 15`.
    public static func parse(_ text: String) -> FigureValue? {
        let t = text.trimmed
        func count(_ s: Substring) -> Int? {
            let d = s.trimmingSpaces
            guard !d.isEmpty, d.count <= 18, d.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(d)
        }
        if let n = count(t[...]) { return .exact(n) }
        if t.hasPrefix(">="), let n = count(t.dropFirst(2)) { return .atLeast(n) }
        if t.lowercased().hasPrefix("at least "), let n = count(t.dropFirst(9)) { return .atLeast(n) }
        for separator in ["..", "-", "–"] {
            if let r = t.firstRange(of: separator), let a = count(t[..<r.lowerBound]), let b = count(t[r.upperBound...]), a <= b {
                return .range(min: a, max: b)
            }
        }
        return nil
    }
}

extension String {
    /// nil for the empty string: a cell with nothing in it.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
