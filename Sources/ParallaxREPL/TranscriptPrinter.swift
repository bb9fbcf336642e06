/// Prints what a batch run shows as it happens: commands and results on stdout, laid out
/// by a `Transcript`, errors on stderr. For `run --expect` it keeps the text instead.
public final class TranscriptPrinter {
    public enum Destination { case standardOutput, memory }

    let destination: Destination
    var transcript = Transcript()
    /// Output not yet written (stdout is written in large pieces, and before any error,
    /// so the two streams stay in order).
    var pending = ""
    /// Everything shown, when the destination is memory.
    public private(set) var text = ""

    public init(to destination: Destination) {
        self.destination = destination
    }

    public func show(_ output: ScriptRunner.Output, _ options: RenderOptions) {
        if case .failure(let failure) = output {
            flush()
            Console.err(failure.rendered + "\n")
        }
        switch destination {
        case .memory: transcript.append(output, options, to: &text)
        case .standardOutput:
            transcript.append(output, options, to: &pending)
            flushIfFull()
        }
    }

    /// A document outside any script (`parallax -c`, piped input).
    public func show(_ document: Document, _ options: RenderOptions) {
        switch destination {
        case .memory: transcript.append(document, options, to: &text)
        case .standardOutput:
            transcript.append(document, options, to: &pending)
            flushIfFull()
        }
    }

    func flushIfFull() {
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    /// Writes what is pending to stdout.
    public func flush() {
        guard !pending.isEmpty else { return }
        Console.out(pending)
        pending = ""
    }
}
