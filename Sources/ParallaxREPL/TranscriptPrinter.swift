/// Prints what a batch run shows as it happens: commands and results on stdout, laid out
/// by a `Transcript`, errors on stderr. For `run --expect` it keeps the text instead.
public final class TranscriptPrinter {
    public enum Destination { case standardOutput, memory }

    let destination: Destination
    var transcript = Transcript()
    /// Output not yet written, as UTF-8 (stdout is written in large pieces, and before any
    /// error, so the two streams stay in order); everything shown, for memory.
    var pending: [UInt8] = []

    public init(to destination: Destination) {
        self.destination = destination
    }

    /// Everything shown, when the destination is memory.
    public var text: String { destination == .memory ? String(decoding: pending, as: UTF8.self) : "" }

    public func show(_ output: ScriptRunner.Output, _ options: RenderOptions) {
        if case .failure(let failure) = output {
            flush()
            Console.err(failure.rendered + "\n")
        }
        if case .warning(let text) = output {
            flush()
            Console.err(text.sanitizedForTerminal + "\n")
        }
        transcript.append(output, options, to: &pending)
        flushIfFull()
    }

    /// A document outside any script (`parallax -c`, piped input).
    public func show(_ document: Document, _ options: RenderOptions) {
        transcript.append(document, options, to: &pending)
        flushIfFull()
    }

    func flushIfFull() {
        if pending.count >= 1 << 16 { flush() }
    }

    /// Writes what is pending to stdout.
    public func flush() {
        guard destination == .standardOutput, !pending.isEmpty else { return }
        Console.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
