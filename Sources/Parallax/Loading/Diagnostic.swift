/// A problem found in a file the user wrote, with where it is. Rendering is separate
/// (`Diagnostic.render`), so tests can assert on the location and message as values.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// How many characters the caret line underlines (at least 1).
    public var length: Int
    public var severity: Severity

    /// An error stops the file loading; a warning points at what is legal but probably
    /// not meant.
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    public init(_ location: SourceLocation, _ message: String, length: Int = 1, severity: Severity = .error) {
        self.location = location
        self.message = message
        self.length = max(1, length)
        self.severity = severity
    }

    /// `FILE:LINE:COL: error: message` (or `warning:`)
    public var description: String { "\(location): \(severity.rawValue): \(message)".sanitizedForTerminal }

    /// The one-line form, then the offending source line and a caret under the text.
    public func render(sourceLines: [Substring]?) -> String {
        var out = description
        if let sourceLines, location.line >= 1, location.line <= sourceLines.count {
            let line = String(sourceLines[location.line - 1]).sanitizedForTerminal
            let pad = String(repeating: " ", count: max(0, location.column - 1))
            let width = max(1, min(length, line.count - location.column + 1))
            out += "\n    " + line + "\n    " + pad + String(repeating: "^", count: width)
        }
        return out
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

    /// One diagnostic per line, each followed by its caret when `carets` is set.
    public func rendered(carets: Bool) -> String {
        let lines = carets ? sourceText.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } : nil
        return diagnostics.map { $0.render(sourceLines: lines) }.joined(separator: "\n")
    }
}

extension String {
    /// Control characters (terminal escapes among them) shown as `\u{1B}` so that text from
    /// a file can never drive the terminal.
    public var sanitizedForTerminal: String {
        // Fast path on bytes: C0 controls but tab, DEL, and C1 controls (encoded C2 80…9F).
        var previous: UInt8 = 0
        var clean = true
        for b in utf8 {
            if (b < 0x20 && b != 0x09) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) { clean = false; break }
            previous = b
        }
        if clean { return self }
        var out = ""
        for s in unicodeScalars {
            if (s.value < 0x20 && s != "\t") || s.value == 0x7F || (0x80...0x9F).contains(s.value) {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
