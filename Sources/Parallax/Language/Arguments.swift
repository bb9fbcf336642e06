/// A command's argument tokens, read left to right by `CommandParser`. Every reader returns
/// a located error, and `finish()` rejects anything left over, so no argument is ever
/// silently ignored.
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

    /// A file name, required: a word or quoted string, or `~/…` for a file under `home`
    /// (the shell's shorthand, which the lexer reads as the `~` operator and a word).
    public mutating func path(_ what: String, home: String?) throws(CommandError) -> Token {
        if let tilde = peek, tilde.kind == .symbol, tilde.text == "~", index + 1 < tokens.count {
            let rest = tokens[index + 1]
            if rest.kind == .word, rest.text.hasPrefix("/"), rest.column == tilde.column + 1 {
                guard let home else {
                    throw CommandError("'~' stands for $HOME, which is unset or not an absolute path; write the whole path", at: tilde)
                }
                index += 2
                return Token(kind: .word, text: home + rest.text, column: tilde.column, length: 1 + rest.length)
            }
        }
        return try word(what)
    }

    /// Fails on any argument left over.
    public func finish(_ usage: String) throws(CommandError) {
        if let t = peek {
            throw CommandError("unexpected '\(t.text)'; usage: \(usage)", at: t)
        }
    }
}
