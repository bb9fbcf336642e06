/// A command in a script that failed, placed at `SCRIPT:LINE:COL` so the analyst can
/// open the file at the right spot. A value; `rendered` turns it into text.
public struct ScriptFailure: Error, Sendable, Equatable {
    /// The script, line and column, and how many characters the caret underlines.
    public var range: SourceRange
    public var message: String
    /// The script line, for the caret.
    public var sourceLine: String
    /// Where each enclosing script sourced this one, innermost first.
    public var sourcedFrom: [SourceLocation]
    /// "error", or "warning" for what `check SCRIPT` finds legal but probably not meant
    /// (a pinned scenario that changed), which `--strict` makes an error.
    public var severity = "error"

    public init(location: SourceLocation, message: String, length: Int = 1, sourceLine: String,
                sourcedFrom: [SourceLocation] = []) {
        self.range = SourceRange(location, length: length)
        self.message = message
        self.sourceLine = sourceLine
        self.sourcedFrom = sourcedFrom
    }

    public var location: SourceLocation { range.start }
    public var length: Int { range.length }

    /// `SCRIPT:LINE:COL: error: message`, the line with a caret under the culprit, then any
    /// further lines of the message (an expectation's output, a scenario's errors) and the
    /// chain of `source`s that led here.
    public var rendered: String {
        var out = DiagnosticRenderer.render(message, at: range, source: sourceLine[...], severity: severity)
        for place in sourcedFrom { out += "\n    sourced from " + DiagnosticRenderer.safeLine("\(place.file):\(place.line)"[...]) }
        return out
    }
}
