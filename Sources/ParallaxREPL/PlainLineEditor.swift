#if canImport(Glibc)
import Glibc
#endif

/// Lines from a pipe, a file or a `-c` argument: no prompt, no escapes, one command per
/// line. `printf 'step\nwhere\n' | parallax` goes through here.
public final class PlainLineEditor: LineEditor {
    public let isInteractive = false
    public var completer: ((String) -> Completion)?
    /// Where lines come from; -1 when they were given as text.
    let descriptor: Int32
    var buffer: [UInt8] = []
    var atEnd = false
    /// No line served yet: a byte-order mark before it is dropped, as from a script.
    var first = true

    /// Reads lines from a file descriptor (stdin by default).
    public init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    /// Serves the lines of a text (`parallax -c`).
    public init(text: String) {
        descriptor = -1
        buffer = Array(text.utf8)
        if !text.isEmpty && !text.hasSuffix("\n") { buffer.append(0x0A) }
        atEnd = true
    }

    public func readLine(prompt: String) -> LineInput {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = buffer[..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                defer { buffer.removeSubrange(...newline) }
                return .line(decode(line))
            }
            if atEnd {
                guard !buffer.isEmpty else { return .end }
                defer { buffer.removeAll() }
                return .line(decode(buffer[...]))
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR {
                if Signals.isInterrupted { return .interrupted }
                continue
            }
            if n <= 0 { atEnd = true; continue }
            buffer += chunk[0..<n]
        }
    }

    /// A line's text; the first loses a byte-order mark (a file saved by a Windows editor
    /// and piped in), which would otherwise make its command `\u{FEFF}step`.
    func decode(_ line: ArraySlice<UInt8>) -> String {
        defer { first = false }
        return RawText.decode(first && line.starts(with: [0xEF, 0xBB, 0xBF]) ? line.dropFirst(3) : line)
    }

    public func remember(_ line: String) {}
}
