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
                return .line(RawText.decode(line))
            }
            if atEnd {
                guard !buffer.isEmpty else { return .end }
                defer { buffer.removeAll() }
                return .line(RawText.decode(buffer))
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

    public func remember(_ line: String) {}
}
