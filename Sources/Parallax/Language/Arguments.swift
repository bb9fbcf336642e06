/// A command's argument tokens, read left to right. Every reader returns a located error,
/// and `finish()` rejects anything left over, so no argument is ever silently ignored.
public struct Arguments: Sendable {
    public let tokens: [Token]
    public private(set) var index = 0
    /// The command's full name, for messages.
    public let command: String
    /// The text after the command word, for commands that take the rest of the line (and
    /// empty for the others, which read tokens).
    public let rest: String
    /// Column just past the command word (where a missing argument would go).
    public let endColumn: Int
    /// Column where `rest` starts in the line, for carets inside it.
    public var restColumn: Int

    public init(tokens: [Token], command: String, rest: String, endColumn: Int) {
        self.tokens = tokens
        self.command = command
        self.rest = rest
        self.endColumn = endColumn
        self.restColumn = endColumn
    }

    public var isAtEnd: Bool { index >= tokens.count }
    public var peek: Token? { isAtEnd ? nil : tokens[index] }
    public var remaining: ArraySlice<Token> { tokens[index...] }

    public mutating func next() -> Token? {
        guard !isAtEnd else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    /// A word, quoted string or `#N`, required; `what` names it in the error.
    public mutating func word(_ what: String) throws(CommandError) -> Token {
        guard let t = next() else {
            throw CommandError("\(command) needs \(what)", column: endColumn)
        }
        if case .eventIndex = t.kind { return t }
        guard t.kind == .word || t.kind == .string else {
            throw CommandError("expected \(what), found '\(t.text)'", at: t)
        }
        return t
    }

    /// An optional positive count (`step 3`).
    public mutating func count() throws(CommandError) -> Int? {
        guard let t = peek else { return nil }
        guard t.kind == .word, let n = Int(t.text) else {
            throw CommandError("\(command) takes a number of events, got '\(t.text)'", at: t)
        }
        guard n >= 1 else { throw CommandError("\(command) takes a positive number, got \(n)", at: t) }
        index += 1
        return n
    }

    /// Consumes the bare keyword if it is next (`all`).
    public mutating func flag(_ keyword: String) -> Bool {
        if peek?.isKeyword(keyword) == true { index += 1; return true }
        return false
    }

    /// `where FILTER` if present: the filter runs to the end of the arguments.
    public mutating func filter<E>(_ schema: FilterSchema<E>) throws(CommandError) -> Filter? {
        guard peek?.isKeyword("where") == true else { return nil }
        let whereToken = next()!
        var parser = FilterParser(tokens: Array(remaining), schema: schema, after: whereToken)
        let f = try parser.parse()
        index = tokens.count
        return f
    }

    /// Fails on any argument left over.
    public func finish(_ usage: String) throws(CommandError) {
        if let t = peek {
            throw CommandError("unexpected '\(t.text)'; usage: \(usage)", at: t)
        }
    }
}
