/// A command in a script that failed, placed at `SCRIPT:LINE:COL` so the analyst can
/// open the file at the right spot. A value; `rendered` turns it into text.
public struct ScriptFailure: Error, Sendable, Equatable {
    public var location: SourceLocation
    public var message: String
    /// How many characters the caret underlines.
    public var length: Int
    /// The script line, for the caret.
    public var sourceLine: String
    /// Where each enclosing script sourced this one, innermost first.
    public var sourcedFrom: [SourceLocation]

    public init(location: SourceLocation, message: String, length: Int = 1, sourceLine: String,
                sourcedFrom: [SourceLocation] = []) {
        self.location = location
        self.message = message
        self.length = max(1, length)
        self.sourceLine = sourceLine
        self.sourcedFrom = sourcedFrom
    }

    /// `SCRIPT:LINE:COL: error: message`, the line with a caret under the culprit, then any
    /// further lines of the message (an expectation's output, a scenario's errors) and the
    /// chain of `source`s that led here.
    public var rendered: String {
        let parts = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let line = sourceLine.sanitizedForTerminal
        let pad = String(repeating: " ", count: max(0, location.column - 1))
        let width = max(1, min(length, line.count - location.column + 1))
        var out = "\(location): error: \(parts[0])\n    \(line)\n    \(pad)\(String(repeating: "^", count: width))"
        if parts.count > 1 { out += "\n" + parts[1] }
        for place in sourcedFrom { out += "\n    sourced from \(place.file):\(place.line)" }
        return out
    }
}
