/// A parsed `where` expression, checked against the fields of the entity it filters.
public indirect enum Filter: Sendable {
    case term(FilterTerm)
    case not(Filter)
    case and(Filter, Filter)
    case or(Filter, Filter)

    /// Prints the filter back in the language's own syntax (round-trips through the parser).
    public var text: String {
        switch self {
        case .term(let t): t.text
        case .not(let f): "not " + f.grouped
        case .and(let a, let b): a.groupedFor(and: true) + " and " + b.groupedFor(and: true)
        case .or(let a, let b): a.text + " or " + b.text
        }
    }

    var grouped: String {
        if case .term = self { return text }
        if case .not = self { return text }
        return "(" + text + ")"
    }

    func groupedFor(and: Bool) -> String {
        if case .or = self { return "(" + text + ")" }
        return text
    }
}

public struct FilterTerm: Sendable {
    public enum Op: String, Sendable, CaseIterable {
        case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=", contains = "~", within = "in"
    }

    public var field: String
    public var op: Op
    public var values: [FilterValue]
    /// Where each value was written, for errors about it (`check SCRIPT`: an id not in the scenario).
    public var valueTokens: [Token] = []

    /// The terms of a filter, in the order written.
    static func terms(of filter: Filter) -> [FilterTerm] {
        switch filter {
        case .term(let t): [t]
        case .not(let f): terms(of: f)
        case .and(let a, let b), .or(let a, let b): terms(of: a) + terms(of: b)
        }
    }

    var text: String {
        let shown = values.map { $0.text }
        if op == .within { return "\(field) in (" + shown.joined(separator: ", ") + ")" }
        return "\(field) \(op.rawValue) \(shown[0])"
    }
}

/// A filter's right-hand value, typed by its field when parsed.
public enum FilterValue: Sendable {
    case text(String)
    case number(Double)
    case date(PartialDate)
    /// The days an event with a range date lasted (`2008-08-08..2008-08-12`), as read from
    /// an event or a claim: it is on every one of them, so `date = 2008-08-10` holds.
    case days(PartialDate, PartialDate)

    var text: String {
        switch self {
        case .text(let s):
            // Checked by scalar, as the lexer reads: a quote with a combining mark on it is
            // still a quote to the lexer, though not a `"` Character.
            let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && !"\"'(),;=<>!~#".unicodeScalars.contains($0) }
            return plain ? s : "\"" + s.replacingQuotes + "\""
        // Exactly the number typed: display rounding would print 1.25 as 1.3, and 1e300 cannot
        // pass through Int at all.
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .date(let d): return d.description
        case .days(let a, let b): return "\(a)..\(b)"
        }
    }
}

extension String {
    var replacingQuotes: String {
        var out = ""
        for c in unicodeScalars {
            if c == "\"" || c == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }
}

/// What a field holds, so the parser can check values and operators.
public enum FieldType: Sendable {
    case text
    case id
    case number
    case date
    /// A closed vocabulary (phase, type, status, measure).
    case choice([String])
}

/// The filterable fields of one kind of entity and how to read them.
public struct FilterSchema<Entity>: Sendable {
    public var entity: String
    public var fields: [(name: String, type: FieldType)]
    /// The values a field has for one entity (several for `party`, `measure` …): the
    /// definition of what a filter sees.
    public var read: @Sendable (Entity, String, Scenario) -> [FilterValue]
    /// The entity at an index of those a filter ranges over (made, for an import's rows).
    public var entityAt: @Sendable (Scenario, Int) -> Entity
    /// How many entities a filter ranges over.
    public var count: @Sendable (Scenario) -> Int
    /// A term as a test of the entity at an index that reads the field in place and agrees
    /// with `read` (see `Filter.compiled`); nil leaves the term to `read`.
    public var compile: @Sendable (FilterTerm, Scenario) -> EntityTest?

    public func type(of field: String) -> FieldType? {
        fields.first { $0.name == field }?.type
    }
}

extension Filter {
    /// Evaluates against one entity.
    public func matches<E>(_ entity: E, in scenario: Scenario, schema: FilterSchema<E>) -> Bool {
        switch self {
        case .term(let t): t.matches(schema.read(entity, t.field, scenario))
        case .not(let f): !f.matches(entity, in: scenario, schema: schema)
        case .and(let a, let b): a.matches(entity, in: scenario, schema: schema) && b.matches(entity, in: scenario, schema: schema)
        case .or(let a, let b): a.matches(entity, in: scenario, schema: schema) || b.matches(entity, in: scenario, schema: schema)
        }
    }

    public func matches(_ event: Event, in scenario: Scenario) -> Bool {
        matches(event, in: scenario, schema: FilterSchemas.event)
    }
}

extension FilterTerm {
    /// A term holds when any of the entity's values satisfies it; `!=` holds when none
    /// equals the value.
    func matches(_ actual: [FilterValue]) -> Bool {
        switch op {
        case .ne: return !actual.contains { FilterTerm.equal($0, values[0]) }
        case .within: return actual.contains { a in values.contains { FilterTerm.equal(a, $0) } }
        default: return actual.contains { compare($0, values[0]) }
        }
    }

    static func equal(_ a: FilterValue, _ b: FilterValue) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): x.lowercased() == y.lowercased()
        case (.number(let x), .number(let y)): x == y
        case (.date(let x), .date(let y)): x.isWithin(y)
        case (.days(let s, let e), .date(let y)): s.firstDay <= y.lastDay && e.lastDay >= y.firstDay
        default: false
        }
    }

    func compare(_ a: FilterValue, _ b: FilterValue) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)):
            switch op {
            case .eq: return x.lowercased() == y.lowercased()
            case .contains: return Folding.matches(x, folded: Folding.foldedBytes(y))
            case .lt: return x < y
            case .le: return x <= y
            case .gt: return x > y
            case .ge: return x >= y
            default: return false
            }
        case (.number(let x), .number(let y)):
            switch op {
            case .eq: return x == y
            case .lt: return x < y
            case .le: return x <= y
            case .gt: return x > y
            case .ge: return x >= y
            default: return false
            }
        case (.date(let x), .date(let y)):
            switch op {
            case .eq: return x.isWithin(y)
            case .lt: return x.firstDay < y.firstDay
            case .le: return x.firstDay <= y.lastDay
            case .gt: return x.firstDay > y.lastDay
            case .ge: return x.firstDay >= y.firstDay
            default: return false
            }
        // Some day of the span: it starts before, or ends after.
        case (.days(let s, let e), .date(let y)):
            switch op {
            case .eq: return FilterTerm.equal(a, b)
            case .lt: return s.firstDay < y.firstDay
            case .le: return s.firstDay <= y.lastDay
            case .gt: return e.firstDay > y.lastDay
            case .ge: return e.firstDay >= y.firstDay
            default: return false
            }
        default:
            return false
        }
    }
}
