/// libedit's history file format (`_HiStOrY_V2_`): a header line, then one line per entry
/// with spaces, control characters and backslashes escaped as `strvis(3)` does.
///
/// The REPL reads and writes the file itself rather than through libedit's `H_LOAD` /
/// `H_SAVE`, so capping it can never cut an entry or the header in half (the mistake in
/// python/cpython#121160 that left the file unreadable), the result does not depend on
/// the locale, and the format is testable without a terminal. Files libedit wrote read
/// back the same.
public enum HistoryFile {
    public static let header = "_HiStOrY_V2_"

    /// The entries of a history file's text, oldest first. A file without the header
    /// (readline's plain format) is taken one entry per line.
    public static func entries(in text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == header else { return lines.filter { !$0.isEmpty } }
        return lines.dropFirst().map(unescape).filter { !$0.isEmpty }
    }

    /// The file's text for `entries`, keeping only the newest `limit`.
    public static func text(for entries: [String], limit: Int) -> String {
        var out = header + "\n"
        for entry in entries.suffix(max(0, limit)) {
            out += escape(entry)
            out += "\n"
        }
        return out
    }

    /// `strvis(VIS_WHITE)` in octal form: space, tab, newline and other controls as `\ooo`,
    /// a backslash doubled; everything else, UTF-8 included, as is.
    public static func escape(_ entry: String) -> String {
        var out = ""
        for scalar in entry.unicodeScalars {
            switch scalar.value {
            case 0x5C: out += "\\\\"
            case 0...0x20, 0x7F:
                let v = Int(scalar.value)
                out += "\\" + String(v >> 6) + String((v >> 3) & 7) + String(v & 7)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Undoes `strvis`: `\ooo`, `\\`, the C escapes (`\n`, `\t`, `\s` …) and the meta/control
    /// forms (`\M-x`, `\M^x`, `\^x`) that libedit writes for bytes in the C locale.
    public static func unescape(_ line: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(line.utf8)
        var i = 0
        func octal(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x37 }
        while i < input.count {
            let b = input[i]
            guard b == 0x5C, i + 1 < input.count else { bytes.append(b); i += 1; continue }
            let c = input[i + 1]
            i += 2
            switch c {
            case _ where octal(c):
                var value = Int(c - 0x30)
                var digits = 1
                while digits < 3, i < input.count, octal(input[i]) {
                    value = value * 8 + Int(input[i] - 0x30)
                    i += 1
                    digits += 1
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "M"):
                guard i + 1 < input.count else { bytes.append(c); continue }
                let kind = input[i], x = input[i + 1]
                i += 2
                if kind == UInt8(ascii: "-") { bytes.append(x | 0x80) }
                else if kind == UInt8(ascii: "^") { bytes.append(control(x) | 0x80) }
                else { bytes += [c, kind, x] }
            case UInt8(ascii: "^"):
                guard i < input.count else { bytes.append(c); continue }
                bytes.append(control(input[i]))
                i += 1
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "s"): bytes.append(0x20)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "a"): bytes.append(0x07)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "E"): bytes.append(0x1B)
            case UInt8(ascii: "$"): break  // vis's "hidden" marker: nothing
            case 0x0A: break  // an escaped newline continues the line
            default: bytes.append(c)  // `\\` and any other escaped character stand for themselves
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `^x`: `?` is DEL, anything else its control character.
    static func control(_ x: UInt8) -> UInt8 {
        x == UInt8(ascii: "?") ? 0x7F : x & 0x1F
    }
}
