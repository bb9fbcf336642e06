#if canImport(Glibc)
import Glibc
#endif

/// Facts about the terminal the REPL runs on, and the few things it does to it.
public enum Terminal {
    /// Whether the environment's own locale was UTF-8, before `useUTF8Locale` forced one:
    /// charts fall back to ASCII when it was not.
    nonisolated(unsafe) public private(set) static var environmentIsUTF8 = Console.localeIsUTF8

    /// Sets LC_CTYPE from the environment, falling back to C.UTF-8 when that is not
    /// UTF-8 (plain `C`, or unset): without a UTF-8 locale libedit silently drops every
    /// non-ASCII key, and `Aghajanyan’s` would reach the command as `Aghajanyans`.
    public static func useUTF8Locale() {
        if setlocale(LC_CTYPE, "") != nil, isUTF8(String(cString: nl_langinfo(nl_item(CODESET)))) {
            environmentIsUTF8 = true
            return
        }
        environmentIsUTF8 = false
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            return
        }
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let c = codeset.lowercased()
        return c == "utf-8" || c == "utf8"
    }

    /// Columns of the terminal on stdout, if it is one.
    public static func width() -> Int? { Console.terminalWidth() }

    /// Rows of the terminal on stdout, if it is one.
    public static func height() -> Int? { Console.terminalSize().rows }

    /// Words laid out in columns across `width`, filled down then across as `ls` does.
    public static func columns(_ words: [String], width: Int) -> String {
        guard !words.isEmpty else { return "" }
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / cell)
        let rows = (words.count + perRow - 1) / perRow
        var out = ""
        for r in 0..<rows {
            var line = ""
            var c = 0
            while r + c * rows < words.count {
                let w = words[r + c * rows]
                let isLast = r + (c + 1) * rows >= words.count
                line += isLast ? w : w + String(repeating: " ", count: cell - w.count)
                c += 1
            }
            out += line + "\n"
        }
        return out
    }
}
