/// One lexical unit of a command line, with where it stands so errors can point at it.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A bare word: a command, an id, a number, a date, a keyword.
        case word
        /// A quoted string; `text` holds its value with escapes resolved.
        case string
        /// `#N`: an event by its position.
        case eventIndex(Int)
        /// An operator or punctuation: `= != < <= > >= ~ ( ) ,`.
        case symbol
    }

    public var kind: Kind
    public var text: String
    /// 1-based column of the first character in the line.
    public var column: Int
    /// Length in characters as written (quotes included).
    public var length: Int

    public init(kind: Kind, text: String, column: Int, length: Int) {
        self.kind = kind
        self.text = text
        self.column = column
        self.length = length
    }

    public var isWord: Bool { kind == .word }

    /// True for a bare word equal to `keyword` (ids are plain words, so only bare words
    /// can be keywords).
    public func isKeyword(_ keyword: String) -> Bool { kind == .word && text == keyword }
}

/// A located problem in a command line: a value carrying its column; rendering it as the
/// line, a caret and the message is the renderer's job.
public struct CommandError: Error, Sendable, Equatable {
    public var message: String
    /// 1-based column in `line`; nil when the problem is not at one place.
    public var column: Int?
    public var length: Int
    /// The command text the column refers to.
    public var line: String

    public init(_ message: String, column: Int? = nil, length: Int = 1, line: String = "") {
        self.message = message
        self.column = column
        self.length = max(1, length)
        self.line = line
    }

    public init(_ message: String, at token: Token, line: String = "") {
        self.init(message, column: token.column, length: token.length, line: line)
    }

    /// The line, a caret under the offending text, and the message.
    public var rendered: String {
        // Messages quote what the user typed or a file held: never send its escapes raw.
        let message = self.message.sanitizedForTerminal
        guard let column, !line.isEmpty else { return "error: \(message)" }
        let pad = String(repeating: " ", count: max(0, column - 1))
        return line.sanitizedForTerminal + "\n" + pad + String(repeating: "^", count: length) + "\nerror: \(message)"
    }
}
