import CEditLine
#if canImport(Glibc)
import Glibc
#endif

/// Line editing on a terminal through libedit: emacs keys, history with Up and Ctrl-R,
/// Tab completion, and `~/.editrc` for the user's own bindings.
///
/// libedit reads keys through `readCharacter`, which polls stdin beside the signal
/// self-pipe: Ctrl-C makes it fail with EINTR, so `el_gets` gives up the line and the
/// REPL shows a fresh prompt. libedit's own signal handling stays off (it re-sends the
/// signal to the whole process group).
public final class EditLineEditor: LineEditor {
    public let isInteractive = true
    public var completer: ((String) -> Completion)?

    let editLine: OpaquePointer
    let history: OpaquePointer
    /// The prompt as C text, alive while libedit may draw it.
    var promptText: UnsafeMutablePointer<CChar>?
    /// The line and cursor at the last Tab, to tell a second Tab from a first.
    var lastTab: String?
    /// Bytes of a UTF-8 character read so far.
    var pending: [UInt8] = []
    /// The terminal modes libedit set for this line, restored after Ctrl-Z and `fg`
    /// (libedit's own signal handling, which would do it, is off).
    var rawMode: termios?

    /// Nil when libedit cannot start on this terminal.
    public init?(program: String = "parallax", historySize: Int = 1000) {
        Terminal.useUTF8Locale()
        Signals.install()
        guard let el = el_init(program, px_stdin(), px_stdout(), px_stderr()) else { return nil }
        guard let h = history_init() else { el_end(el); return nil }
        editLine = el
        history = h
        px_history_setsize(h, Int32(historySize))
        px_history_setunique(h, 1)
        px_el_set_hist(el, h)
        px_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        px_el_set_signal(el, 0)
        px_el_set_editor(el, "emacs")
        px_el_set_prompt(el, promptFunction)
        px_el_set_getcfn(el, readCharacterFunction)
        px_el_set_addfn(el, "parallax-complete", "Complete a command, id, field or path", completeFunction)
        px_el_set_bind(el, "^I", "parallax-complete")
        // libedit leaves Ctrl-R on redisplay by default; make it search history as elsewhere.
        px_el_set_bind(el, "^R", "em-inc-search-prev")
        el_source(el, nil)  // ~/.editrc (or $EDITRC), after ours so the user's bindings win
    }

    deinit {
        history_end(history)
        el_end(editLine)
        free(promptText)
    }

    public func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        lastTab = nil
        pending.removeAll()
        rawMode = nil
        var count: Int32 = 0
        guard let line = el_gets(editLine, &count) else {
            // -1 with a signal pending: Ctrl-C (or SIGTERM); otherwise Ctrl-D or a closed terminal.
            return count < 0 && Signals.isInterrupted ? .interrupted : .end
        }
        var text = RawText.decode(UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line)))
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    public func remember(_ line: String) {
        px_history_enter(history, line)
    }

    /// Lists candidates under the line being edited; libedit redraws the prompt after.
    func show(_ candidates: [String]) {
        fflush(px_stdout())
        let width = Terminal.width() ?? 80
        Console.out("\n" + Terminal.columns(candidates, width: width))
    }

    /// The editor behind a libedit handle.
    static func editor(_ el: OpaquePointer?) -> EditLineEditor? {
        guard let el, let data = px_el_get_clientdata(el) else { return nil }
        return Unmanaged<EditLineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one character for libedit: polls stdin and the signal pipe, so a Ctrl-C
    /// ends the wait; decodes UTF-8 itself so a character is never split.
    func readCharacter(into out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        if rawMode == nil {
            var modes = termios()
            if tcgetattr(0, &modes) == 0 { rawMode = modes }
        }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: Signals.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            if Signals.isInterrupted {
                errno = EINTR
                return -1
            }
            let ready = poll(&fds, nfds_t(fds[1].fd >= 0 ? 2 : 1), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents != 0 {
                let events = Signals.drain()
                if events.resized { el_resize(editLine) }
                if events.resumed, var modes = rawMode {
                    tcsetattr(0, TCSADRAIN, &modes)
                    px_el_set_refresh(editLine)
                }
            }
            guard fds[0].revents != 0 else { continue }
            var byte: UInt8 = 0
            let n = read(0, &byte, 1)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 { return n == 0 ? 0 : -1 }
            pending.append(byte)
            switch UTF8.decode(pending) {
            case .complete(let scalar):
                pending.removeAll()
                out.pointee = wchar_t(bitPattern: scalar.value)
                return 1
            case .incomplete:
                continue
            case .invalid:
                pending.removeAll()  // a stray byte: drop it, as libedit does
            }
        }
    }

    /// Tab: applies `Completion.edit` to the line.
    func complete() -> UInt8 {
        guard let completer, let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let before = UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self),
                                         count: info.cursor - info.buffer)
        let text = String(decoding: before, as: UTF8.self)
        let total = info.lastchar - info.buffer
        let state = text + "\u{0}" + String(total)
        let completion = completer(text)
        let edit = completion.edit(secondTab: lastTab == state)
        lastTab = state
        switch edit {
        case .replace(let replacement):
            el_deletestr(editLine, Int32(completion.typed.unicodeScalars.count))
            _ = el_insertstr(editLine, replacement)
            lastTab = nil
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            show(candidates)
            return UInt8(CC_REDISPLAY)
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        }
    }
}

/// UTF-8 decoding one byte at a time.
extension UTF8 {
    enum Step { case complete(Unicode.Scalar), incomplete, invalid }

    static func decode(_ bytes: [UInt8]) -> Step {
        guard let lead = bytes.first else { return .incomplete }
        let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
        guard length > 0, bytes.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { return .invalid }
        guard bytes.count == length else { return bytes.count < length ? .incomplete : .invalid }
        var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
        for b in bytes.dropFirst() { value = value << 6 | UInt32(b & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return .invalid }
        return .complete(scalar)
    }
}

private let promptFunction: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { el in
    EditLineEditor.editor(el)?.promptText
}

private let readCharacterFunction: @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = { el, out in
    guard let editor = EditLineEditor.editor(el), let out else { return -1 }
    return editor.readCharacter(into: out)
}

private let completeFunction: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { el, _ in
    EditLineEditor.editor(el)?.complete() ?? UInt8(CC_ERROR)
}
