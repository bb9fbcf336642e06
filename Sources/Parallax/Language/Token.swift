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
    /// Where the problem is: in a command line (no file, line 1) or, once a script runner
    /// has placed it, in a script's line. Nil when the problem is not at one place.
    public var range: SourceRange?
    /// The text the range points into (the command line).
    public var line: String

    public init(_ message: String, column: Int? = nil, length: Int = 1, line: String = "") {
        self.message = message
        self.range = column.map { SourceRange(file: nil, line: 1, column: $0, length: length) }
        self.line = line
    }

    public init(_ message: String, at token: Token, line: String = "") {
        self.init(message, column: token.column, length: token.length, line: line)
    }

    /// 1-based column in `line`; nil when the problem is not at one place.
    public var column: Int? {
        get { range?.column }
        set { range = newValue.map { SourceRange(file: range?.file, line: range?.line ?? 1, column: $0, length: length) } }
    }

    /// How many characters the caret underlines.
    public var length: Int {
        get { range?.length ?? 1 }
        set { range?.length = max(1, newValue) }
    }

    /// The line, a caret under the offending text, and the message (`DiagnosticRenderer`).
    public var rendered: String {
        DiagnosticRenderer.render(message, at: line.isEmpty ? nil : range, source: line.isEmpty ? nil : line[...])
    }
}
