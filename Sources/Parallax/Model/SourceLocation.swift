/// Where something stands in a file the user wrote, so every problem can be reported as
/// `FILE:LINE:COL` and pointed at with a caret.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in characters (Unicode scalars), not bytes.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// The one location model: a stretch of text in a scenario file, a script or a command
/// line, as `FILE:LINE:COL` plus how many characters it spans, so a caret can underline
/// the token as written. A command line typed at the prompt or given with `-c` has no
/// file (and is line 1).
public struct SourceRange: Hashable, Sendable, Comparable {
    public var file: String?
    /// 1-based.
    public var line: Int
    /// 1-based, counted in characters (Unicode scalars), not bytes.
    public var column: Int
    /// Characters underlined; at least 1.
    public var length: Int

    public init(file: String?, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
    }

    public init(_ start: SourceLocation, length: Int = 1) {
        self.init(file: start.file, line: start.line, column: start.column, length: length)
    }

    /// Where it starts, as a file location (a command line's file is empty).
    public var start: SourceLocation { SourceLocation(file: file ?? "", line: line, column: column) }

    public static func < (a: SourceRange, b: SourceRange) -> Bool { a.start < b.start }
}
