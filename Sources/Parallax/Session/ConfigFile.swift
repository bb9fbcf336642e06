#if canImport(Glibc)
import Glibc
#endif

/// The optional defaults file (`$XDG_CONFIG_HOME/parallax/config`): `set` lines as typed in
/// the REPL, for the settings that are a matter of taste (format, width, color, pager).
/// Settings that change what a script does (`echo`, `errors`) are not defaults: a saved
/// script must run the same on every machine. Options on the command line still win.
///
/// ```
/// # ~/.config/parallax/config
/// set format markdown
/// set width 120
/// ```
public enum ConfigFile {
    /// The keys a config file may set.
    public static let keys = ["format", "width", "color", "pager"]

    /// Applies the `set` lines of `text` (read from `path`) to `settings`, in order. A bad
    /// line is skipped and reported, located; the lines around it still apply, since a
    /// typo in a defaults file must not stop the analyst's work.
    public static func apply(_ text: String, path: String, to settings: inout Settings) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // Lines as a script's are read (CR LF, a byte-order mark): a Character split at "\n"
        // never splits at "\r\n", one grapheme, and read a Windows file as one line.
        for (index, line) in Array(text.utf8).withUnsafeBufferPointer(Script.lines).enumerated() {
            for segment in Lexer.segments(line) {
                func problem(_ message: String, column: Int, length: Int = 1) {
                    problems.append(Diagnostic(SourceLocation(file: path, line: index + 1, column: column),
                                               message + " (line ignored)", length: length))
                }
                let tokens: [Token]
                switch Lexer.tokens(segment.text, base: segment.column) {
                case .success(let t): tokens = t
                case .failure(let error):
                    problem(error.message, column: error.column ?? segment.column)
                    continue
                }
                guard let first = tokens.first else { continue }
                guard first.isKeyword("set") else {
                    problem("a config file holds only 'set KEY VALUE' lines", column: first.column, length: first.length)
                    continue
                }
                guard tokens.count >= 2 else {
                    problem("'set' needs a key and a value: one of \(keys.joined(separator: ", "))", column: first.column, length: first.length)
                    continue
                }
                let key = tokens[1]
                guard keys.contains(key.text) else {
                    let known = Settings.keys.contains { $0.key == key.text }
                    let why = known ? "'\(key.text)' is not a default setting (only in a session or script)"
                                    : "unknown setting '\(key.text)'\(Suggestions.hint(for: key.text, in: keys))"
                    problem(why + "; a config file sets \(keys.joined(separator: ", "))", column: key.column, length: key.length)
                    continue
                }
                guard tokens.count == 3 else {
                    let at = tokens.count > 3 ? tokens[3] : key
                    problem(tokens.count > 3 ? "one value only: set KEY VALUE" : "'set \(key.text)' needs a value",
                            column: at.column, length: at.length)
                    continue
                }
                if let message = settings.set(key.text, tokens[2].text) {
                    problem(message, column: tokens[2].column, length: tokens[2].length)
                }
            }
        }
        return problems
    }
}

extension ConfigFile {
    /// Reads the file at `path` and applies it; no file is no defaults, not a problem.
    /// Returns the problems with the file's text for carets, or nil when there are none.
    public static func load(path: String?, into settings: inout Settings) -> LoadFailure? {
        guard let path, access(path, F_OK) == 0 else { return nil }
        switch FileReader.contents(of: path, limit: 1 << 20) {
        case .failure(let problem):
            return LoadFailure(diagnostics: [problem], sourceText: nil)
        case .success(let bytes):
            var text = String(decoding: bytes, as: UTF8.self)
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            let problems = apply(text, path: path, to: &settings)
            return problems.isEmpty ? nil : LoadFailure(diagnostics: problems, sourceText: text)
        }
    }
}
