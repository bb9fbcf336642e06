/// The lines of a file's text, found as they are asked for, in one forward pass: problems
/// are rendered in file order, so quoting each one's line costs one scan of the bytes up
/// to the last of them, however many there are. (Cutting the whole text into lines first,
/// character by character, cost more than the load itself on a 4 MB file.)
struct SourceLines {
    private let bytes: [UInt8]
    /// Line `line` starts at byte `start`; `end` is where it ends (its newline, or the end).
    private var line = 1, start = 0, end: Int
    /// Bytes looked at so far: no more than the text's size while lines are asked for in
    /// order (the work the tests count).
    private(set) var scanned = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
        end = -1
    }

    /// Line `n` (1-based) without its line break (`\n`, or `\r\n`), or nil past the end.
    mutating func line(_ n: Int) -> Substring? {
        guard n >= 1 else { return nil }
        if n < line { (line, start, end) = (1, 0, -1) }
        if end < 0 { end = newline(from: start) }
        while line < n {
            guard end < bytes.count else { return nil }
            (line, start) = (line + 1, end + 1)
            end = newline(from: start)
        }
        let last = end > start && bytes[end - 1] == 13 ? end - 1 : end
        return Substring(String(decoding: bytes[start..<last], as: UTF8.self))
    }

    private mutating func newline(from i: Int) -> Int {
        let found = bytes[i...].firstIndex(of: 10) ?? bytes.count
        scanned += found - i + 1
        return found
    }
}
