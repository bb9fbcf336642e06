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
        if !(paged && Pager.showIfLong(bytes)) { Console.write(bytes) }
        printedOnLine = true
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
