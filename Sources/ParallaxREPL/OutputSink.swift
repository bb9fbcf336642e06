#if canImport(Glibc)
import Glibc
#endif

/// The one way output reaches the user: every document, error, warning and note of the
/// REPL, `-c`, piped stdin, `source` and `parallax run` is shown through a sink. In batch it
/// lays documents out as a transcript (a blank line between them in text) on stdout, or
/// keeps them for `run --expect`; at a terminal each command's output follows its prompt
/// line directly, through the pager when longer than the screen. Errors, warnings and notes
/// go to stderr (a JSON error to stdout, so a pipe into `jq` gets one value per command),
/// after whatever stdout holds, so the two streams stay in order.
public final class OutputSink {
    public enum Destination { case terminal, standardOutput, memory }

    let destination: Destination
    var transcript = Transcript()
    /// Output not yet written, as UTF-8 (stdout is written in large pieces); everything
    /// shown, for memory.
    var pending: [UInt8] = []
    /// At a terminal: something was printed for the current line, so the next document is
    /// set off by a blank line.
    var printedOnLine = false

    public init(to destination: Destination) {
        self.destination = destination
    }

    /// Everything shown, when the destination is memory.
    public var text: String { destination == .memory ? String(decoding: pending, as: UTF8.self) : "" }

    /// A new line was typed at the prompt.
    public func startLine() { printedOnLine = false }

    /// What a running script shows, as it happens.
    public func show(_ output: ScriptRunner.Output, _ options: RenderOptions) {
        switch output {
        case .failure(let failure): error(failure.rendered)
        case .warning(let text): error(text.sanitizedForTerminal)
        case .command, .document: break
        }
        transcript.append(output, options, to: &pending)
        // A person at a terminal watches a long script as it goes.
        if destination == .terminal { flush() } else { flushIfFull() }
    }

    /// A command's document outside any script; `paged`: may go through the pager.
    public func show(_ document: Document, _ options: RenderOptions, paged: Bool = false) {
        guard destination == .terminal else {
            transcript.append(document, options, to: &pending)
            return flushIfFull()
        }
        // Rendered as bytes and written as bytes: megabytes of a large table are never made
        // into (and validated as) a String on their way to the terminal.
        var bytes: [UInt8] = []
        if printedOnLine && options.format != .json { bytes.append(10) }
        let start = bytes.count
        Renderer.render(document, options, into: &bytes)
        guard bytes.count > start else { return }
        bytes.append(10)
        flush()
        if !(paged && Pager.showIfLong(bytes)) { writeUntilInterrupted(bytes) }
        printedOnLine = true
    }

    /// Writes a document to the terminal, which may take seconds to scroll a long one past;
    /// a Ctrl-C pressed meanwhile stops it there, as it stops a long command, and says so.
    /// (Written whole, a table of thousands of rows kept printing for many seconds after
    /// Ctrl-C: the write is retried after the interruption, by design, elsewhere.)
    func writeUntilInterrupted(_ bytes: [UInt8]) {
        let before = Signals.interruptions
        let piece = 1 << 14
        var start = 0
        while start < bytes.count {
            guard Signals.interruptions == before else {
                let shown = bytes[..<start].reduce(0) { $1 == 10 ? $0 + 1 : $0 }
                let total = bytes.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
                Console.write(start > 0 && bytes[start - 1] != 10 ? "\n" : "")
                Console.err("output cut short by Ctrl-C: \(shown) of \(total) lines shown\n")
                return
            }
            let end = min(start + piece, bytes.count)
            bytes[start..<end].withUnsafeBufferPointer { buffer in
                var done = 0
                while done < buffer.count {
                    let n = Glibc.write(1, buffer.baseAddress! + done, buffer.count - done)
                    if n < 0 && errno == EINTR {
                        if Signals.interruptions != before { break }
                        continue
                    }
                    if n <= 0 { break }
                    done += n
                }
                start += done
                if done < buffer.count && Signals.interruptions == before { start = bytes.count }  // a failed write: give up
            }
        }
    }

    /// A command's located error: on stderr, or as a JSON value on stdout.
    public func show(_ e: CommandError, command: String?, _ options: RenderOptions) {
        let text = Renderer.render(e, command: command, options)
        flush()
        if options.format == .json { Console.out(text + "\n") } else { Console.err(text + "\n") }
    }

    /// A warning or note for stderr.
    public func error(_ text: String) {
        flush()
        Console.err(text + "\n")
    }

    func flushIfFull() {
        if pending.count >= 1 << 16 { flush() }
    }

    /// Writes what is pending to stdout.
    public func flush() {
        guard destination != .memory, !pending.isEmpty else { return }
        Console.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

extension Pager {
    /// Shows `bytes` through the pager when stdout is a terminal they overflow; false when
    /// they were not shown.
    static func showIfLong(_ bytes: [UInt8]) -> Bool {
        guard Console.isTerminal(1), let rows = Terminal.height(), needed(bytes, rows: rows) else { return false }
        return show(bytes)
    }
}
