/// A problem found in a file the user wrote, with where it is. Rendering is separate
/// (`Diagnostic.render`), so tests can assert on the location and message as values.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where, and how many characters the caret underlines (at least 1).
    public var range: SourceRange
    public var message: String
    public var severity: Severity

    /// An error stops the file loading; a warning points at what is legal but probably
    /// not meant.
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    public init(_ location: SourceLocation, _ message: String, length: Int = 1, severity: Severity = .error) {
        self.range = SourceRange(location, length: length)
        self.message = message
        self.severity = severity
    }

    public var location: SourceLocation { range.start }
    public var length: Int { range.length }

    /// `FILE:LINE:COL: error: message` (or `warning:`, and any further lines of the message).
    public var description: String {
        DiagnosticRenderer.render(message, at: range, source: nil, severity: severity.rawValue)
    }

    /// The same, with the offending source line quoted and a caret under the text.
    public func render(sourceLine: Substring?) -> String {
        DiagnosticRenderer.render(message, at: range, source: sourceLine, severity: severity.rawValue)
    }
}

/// Everything wrong with one input, in file order; thrown so that nothing half-loads.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// The input's text, kept to render carets; nil when it could not be read as text.
    public var sourceText: String?

    public init(diagnostics: [Diagnostic], sourceText: String?) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
        self.sourceText = sourceText
    }

    public var description: String { rendered(carets: false) }

    /// One diagnostic per line, each followed by its caret when `carets` is set. The
    /// diagnostics are in file order, so their lines are found in one pass (`SourceLines`).
    public func rendered(carets: Bool) -> String {
        var lines = carets ? sourceText.map(SourceLines.init) : nil
        return diagnostics.map { $0.render(sourceLine: lines?.line($0.range.line)) }.joined(separator: "\n")
    }
}

extension String {
    /// Control characters (terminal escapes among them; see `ControlCharacter`) shown as
    /// `\u{1B}` so that text from a file can never drive the terminal.
    public var sanitizedForTerminal: String {
        var copy = self
        let clean = copy.withUTF8 { ControlCharacter.firstControl(in: $0) == nil }
        if clean { return self }
        var out = ""
        for s in unicodeScalars {
            if ControlCharacter.isControl(s) { out += ControlCharacter.escaped(s) } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
