#if canImport(Glibc)
import Glibc
#endif

/// The process's standard streams, written with write(2) so output is never lost in a
/// buffer when the process is interrupted or killed.
public enum Console {
    public static func write(_ text: String, to fd: Int32 = 1) {
        FileWriter.writeAll(text, to: fd)
    }

    public static func write(_ bytes: [UInt8], to fd: Int32 = 1) {
        FileWriter.writeAll(bytes, to: fd)
    }

    public static func out(_ text: String) { write(text, to: 1) }
    public static func err(_ text: String) { write(text, to: 2) }

    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns and rows of the terminal on stdout, if it is one: the one TIOCGWINSZ call.
    public static func terminalSize() -> (columns: Int?, rows: Int?) {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0 else { return (nil, nil) }
        return (size.ws_col > 0 ? Int(size.ws_col) : nil, size.ws_row > 0 ? Int(size.ws_row) : nil)
    }

    /// Columns of the terminal on stdout, if it is one.
    public static func terminalWidth() -> Int? { terminalSize().columns }

    /// `NO_COLOR` set (to anything) turns colour off everywhere.
    public static var colorAllowed: Bool { getenv("NO_COLOR") == nil && getenv("TERM").map { String(cString: $0) } != "dumb" }

    /// Whether the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
    public static var localeIsUTF8: Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let v = getenv(name), v.pointee != 0 {
                let s = String(cString: v).lowercased()
                return s.contains("utf-8") || s.contains("utf8")
            }
        }
        return false
    }
}
