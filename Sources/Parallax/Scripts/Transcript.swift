/// The text of a batch run, as `parallax run` prints it and `--expect` compares it: each
/// command echoed as `px> command` (while `set echo on`), then its output, a blank line
/// before a command that follows some output. It depends only on the script and the
/// scenario: the caller passes render options without colour and with a fixed width, and
/// errors are not part of it (they go to stderr, located in the script).
public struct Transcript {
    /// Something has been printed, so the next block is set off by a blank line.
    private var started = false
    /// The last thing printed was an echoed command, whose output follows it directly.
    private var afterEcho = false

    public init() {}

    static let prompt: [UInt8] = Array("px> ".utf8)

    /// An expected transcript (`run --expect OUT`) as it is compared: its lines read as a
    /// script's are, so a file whose editor or checkout wrote CR LF line ends or a
    /// byte-order mark matches the run it records. A CR anywhere but before a line feed
    /// is still text, and a difference that shows.
    public static func expected(_ bytes: [UInt8]) -> String {
        let lines = bytes.withUnsafeBufferPointer(Script.lines)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The text one output of a run adds to the transcript ("" for failures).
    public mutating func text(for output: ScriptRunner.Output, _ options: RenderOptions) -> String {
        var bytes: [UInt8] = []
        append(output, options, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds one output of a run to `out`, the printer's buffer of UTF-8: a long replay
    /// builds no string per command just to copy it there, and bytes append for less
    /// than strings do.
    public mutating func append(_ output: ScriptRunner.Output, _ options: RenderOptions, to out: inout [UInt8]) {
        switch output {
        case .command(let command):
            guard options.format != .json else { return }
            // Commands without output (set, expect) stay together, like lines typed at a prompt.
            if started && !afterEcho { out.append(10) }
            out.append(contentsOf: Transcript.prompt)
            out.append(contentsOf: (TextRenderer.isPlain(command) ? command : command.sanitizedForTerminal).utf8)
            out.append(10)
            started = true
            afterEcho = true
        case .document(let document):
            append(document, options, to: &out)
        case .failure:
            afterEcho = false
        case .warning:
            break
        }
    }

    /// One command's document: JSON one document per line, text and Markdown set off by
    /// blank lines.
    public mutating func append(_ document: Document, _ options: RenderOptions, to out: inout [UInt8]) {
        // Rendered straight into `out`, after the blank line that sets it off; taken back
        // when the document turns out to show nothing.
        let separated = options.format != .json && started && !afterEcho
        let start = out.count
        if separated { out.append(10) }
        Renderer.render(document, options, into: &out)
        guard out.count > start + (separated ? 1 : 0) else {
            out.removeSubrange(start...)
            return
        }
        out.append(10)
        if options.format == .json { return }
        started = true
        afterEcho = false
    }

    /// Options for a transcript: the session's format and width (100 unless set), colour
    /// only when the script sets it on, as for any batch output.
    public static func options(for settings: Settings) -> RenderOptions {
        settings.renderOptions(for: .batch)
    }
}
