/// Recursive descent over `where` expressions: `or` binds loosest, then `and`, then `not`;
/// each term is checked against the entity's fields as it is read.
///
/// Every function that walks a `Filter` (matching, printing, freeing) recurses once per
/// level of the tree, and so does this parser per `(` and `not`. The tree's depth is
/// therefore bounded (`Limits.filterNesting`) while it is built: a hostile line of ten
/// thousand `(` or `or` terms is a located error, never a stack overflow.
struct FilterParser<E> {
    let tokens: [Token]
    let schema: FilterSchema<E>
    let after: Token
    var i = 0
    /// How many `(` and `not` enclose the token being read.
    var nesting = 0

    init(tokens: [Token], schema: FilterSchema<E>, after: Token) {
        self.tokens = tokens
        self.schema = schema
        self.after = after
    }

    var peek: Token? { i < tokens.count ? tokens[i] : nil }

    var endColumn: Int {
        let last = tokens.last ?? after
        return last.column + last.length + 1
    }

    mutating func parse() throws(CommandError) -> Filter {
        guard !tokens.isEmpty else {
            throw CommandError("'where' needs a condition such as \(example)", column: after.column + after.length + 1)
        }
        let (f, _) = try orExpr()
        if let t = peek {
            throw CommandError("unexpected '\(t.text)' in filter; join conditions with 'and' or 'or'", at: t)
        }
        return f
    }

    var example: String { "\(schema.fields[0].name) = …" }

    /// The error for a tree about to grow deeper than the limit, at the token that would do it.
    func tooDeep(at token: Token) -> CommandError {
        CommandError("the filter nests more than \(Limits.filterNesting) deep (the limit); "
                     + "write a long list of 'or' terms as FIELD in (A, B, …)", at: token)
    }

    /// Each parse function returns the filter and the depth of its tree (a term is 1).
    mutating func orExpr() throws(CommandError) -> (Filter, Int) {
        var (f, depth) = try andExpr()
        while let op = peek, op.isKeyword("or") {
            i += 1
            let (g, d) = try andExpr()
            depth = max(depth, d) + 1
            if depth > Limits.filterNesting { throw tooDeep(at: op) }
            f = .or(f, g)
        }
        return (f, depth)
    }

    mutating func andExpr() throws(CommandError) -> (Filter, Int) {
        var (f, depth) = try notExpr()
        while let op = peek, op.isKeyword("and") {
            i += 1
            let (g, d) = try notExpr()
            depth = max(depth, d) + 1
            if depth > Limits.filterNesting { throw tooDeep(at: op) }
            f = .and(f, g)
        }
        return (f, depth)
    }

    mutating func notExpr() throws(CommandError) -> (Filter, Int) {
        if let t = peek, t.isKeyword("not") {
            try enter(t)
            i += 1
            let (f, depth) = try notExpr()
            nesting -= 1
            if depth + 1 > Limits.filterNesting { throw tooDeep(at: t) }
            return (.not(f), depth + 1)
        }
        return try primary()
    }

    /// Counts one more enclosing `(` or `not`, so the parser's own recursion stays bounded
    /// whatever the tree it builds.
    mutating func enter(_ t: Token) throws(CommandError) {
        nesting += 1
        if nesting > Limits.filterNesting { throw tooDeep(at: t) }
    }

    mutating func primary() throws(CommandError) -> (Filter, Int) {
        guard let t = peek else {
            throw CommandError("the filter ends too soon; expected a condition such as \(example)", column: endColumn)
        }
        if t.kind == .symbol && t.text == "(" {
            try enter(t)
            i += 1
            let f = try orExpr()
            guard let close = peek, close.kind == .symbol, close.text == ")" else {
                throw CommandError("missing ')' to close the '(' here", at: t)
            }
            i += 1
            nesting -= 1
            return f
        }
        return (.term(try term()), 1)
    }

    var fieldList: String { schema.fields.map(\.name).joined(separator: ", ") }

    mutating func term() throws(CommandError) -> FilterTerm {
        let fieldToken = tokens[i]
        guard fieldToken.kind == .word else {
            throw CommandError("expected a field name (\(schema.entity) fields: \(fieldList))", at: fieldToken)
        }
        guard let type = schema.type(of: fieldToken.text) else {
            let hint = Suggestions.nearest(to: fieldToken.text, in: schema.fields.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
            throw CommandError("unknown field '\(fieldToken.text)'; \(hint)\(schema.entity) fields: \(fieldList)", at: fieldToken)
        }
        i += 1
        guard let opToken = peek else {
            throw CommandError("expected an operator after '\(fieldToken.text)': = != < <= > >= ~ in", column: endColumn)
        }
        let op: FilterTerm.Op
        if opToken.kind == .symbol, let o = FilterTerm.Op(rawValue: opToken.text), o != .within {
            op = o
        } else if opToken.isKeyword("in") {
            op = .within
        } else {
            throw CommandError("expected an operator (= != < <= > >= ~ in), found '\(opToken.text)'", at: opToken)
        }
        i += 1
        // `==`, `=<`, `=>`, `<>`, `!==`: an operator from another language, read as one
        // operator and a stray symbol; say what to write instead of "expected a value".
        if let next = peek, next.kind == .symbol, next.column == opToken.column + opToken.length,
           ["=", "<", ">", "!", "~"].contains(next.text.first.map(String.init) ?? "") {
            let typed = opToken.text + next.text
            let meant = ["==": "=", "===": "=", "=<": "<=", "=>": ">=", "<>": "!=", "!==": "!=", "=~": "~", "~=": "~"][typed]
            throw CommandError("'\(typed)' is not an operator" + (meant.map { "; write '\($0)'" } ?? "")
                               + " (operators: = != < <= > >= ~ in)", column: opToken.column, length: typed.count)
        }
        switch (op, type) {
        case (.contains, .number), (.contains, .date):
            throw CommandError("'~' (contains) works on text fields; '\(fieldToken.text)' is a \(type.name)", at: opToken)
        case (.lt, .choice), (.le, .choice), (.gt, .choice), (.ge, .choice),
             (.lt, .id), (.le, .id), (.gt, .id), (.ge, .id):
            throw CommandError("'\(op.rawValue)' does not apply to '\(fieldToken.text)'; use = != ~ or in", at: opToken)
        default: break
        }
        if op == .within {
            guard let open = peek, open.kind == .symbol, open.text == "(" else {
                throw CommandError("'in' takes a list in parentheses: \(fieldToken.text) in (A, B)",
                                   column: peek?.column ?? endColumn)
            }
            i += 1
            var values: [FilterValue] = []
            var tokens: [Token] = []
            while true {
                if let t = peek { tokens.append(t) }
                values.append(try value(field: fieldToken.text, type: type, op: op))
                guard let sep = peek, sep.kind == .symbol else {
                    throw CommandError("missing ')' to close the list", at: open)
                }
                i += 1
                if sep.text == ")" { break }
                guard sep.text == "," else { throw CommandError("expected ',' or ')' in the list", at: sep) }
            }
            return FilterTerm(field: fieldToken.text, op: op, values: values, valueTokens: tokens)
        }
        let token = peek
        return FilterTerm(field: fieldToken.text, op: op, values: [try value(field: fieldToken.text, type: type, op: op)],
                          valueTokens: token.map { [$0] } ?? [])
    }

    mutating func value(field: String, type: FieldType, op: FilterTerm.Op) throws(CommandError) -> FilterValue {
        guard let t = peek, t.kind == .word || t.kind == .string else {
            throw CommandError("expected a value for '\(field)'", column: peek?.column ?? endColumn)
        }
        i += 1
        switch type {
        case .text, .id:
            return .text(t.text)
        case .number:
            guard let n = Double(t.text), n.isFinite else {
                throw CommandError("'\(field)' is a number; '\(t.text)' is not", at: t)
            }
            return .number(n)
        case .date:
            guard let d = PartialDate(parsing: t.text) else {
                throw CommandError("'\(field)' compares with a date (2021, 2021-11 or 2021-11-16); '\(t.text)' is not one", at: t)
            }
            return .date(d)
        case .choice(let options):
            // Matched as the term is evaluated: ignoring case, and `~` on any part of a word
            // (`status ~ off` is official); a value no word can match is a typo.
            let folded = Folding.foldedBytes(t.text)
            let matchable = op == .contains ? options.contains { Folding.matches($0, folded: folded) }
                                            : options.contains { $0.lowercased() == t.text.lowercased() }
            guard matchable else {
                let hint = Suggestions.nearest(to: t.text, in: options).map { "did you mean '\($0)'? " } ?? ""
                let what = op == .contains ? "no \(field) contains '\(t.text)'" : "unknown \(field) '\(t.text)'"
                throw CommandError("\(what); \(hint)expected one of: \(options.joined(separator: ", "))", at: t)
            }
            return .text(t.text)
        }
    }
}

extension FieldType {
    var name: String {
        switch self {
        case .text: "text field"
        case .id: "id field"
        case .number: "number"
        case .date: "date"
        case .choice: "fixed vocabulary"
        }
    }
}
