#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C, termination and resizing, turned from asynchronous signals into state the REPL
/// polls. Each handler only sets a flag and writes one byte to a self-pipe, which the line
/// editor polls beside stdin, so a signal always wakes a waiting read.
///
/// The handlers are installed with `sigaction` *without* `SA_RESTART`: glibc's `signal()`
/// sets it, the blocked `read` then resumes, and libedit swallows the interrupt.
public enum Signals {
    /// The end of the self-pipe the editor polls; -1 before `install()`.
    public static var wakeDescriptor: Int32 { wakeRead }

    /// True once Ctrl-C was pressed since the last `clear()`; long commands stop between steps.
    public static var isInterrupted: Bool { interruptFlag != 0 || terminationSignal != 0 }

    /// How many times Ctrl-C was pressed (or termination asked) since the start: what
    /// is written to the terminal stops at a Ctrl-C that came after it began, even when
    /// an earlier one, which stopped the command, is not yet cleared.
    static var interruptions: Int { Int(interruptCount) }

    /// SIGTERM or SIGHUP, if one arrived: the REPL saves its history and leaves.
    public static var termination: Int32? { terminationSignal != 0 ? terminationSignal : nil }

    /// Installs the handlers (once): SIGINT, SIGTERM, SIGHUP, SIGWINCH and SIGCONT; SIGPIPE
    /// is ignored so a pager quit early cannot kill the REPL.
    public static func install() {
        guard wakeRead < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        interruptFlag = 0
        terminationSignal = 0
        resized = 0
        resumed = 0
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // no SA_RESTART: a blocked read must return EINTR
            sigaction(signal, &action, nil)
            sigaddset(&unblock, signal)
        }
        // A parent may have started us with these blocked; Ctrl-C must work regardless.
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigaction(SIGPIPE, &ignore, nil)
    }

    /// Batch runs (`run`, `-c`, piped input): Ctrl-C stops the batch between two commands,
    /// so everything the finished ones printed is written whole before the process ends
    /// with status 130 (see `endBatch`); a long command stops at its next step, as at the
    /// prompt. A second Ctrl-C ends the process at once, for a command that never looks.
    public static func stopBatchOnInterrupt() {
        interruptFlag = 0
        var action = sigaction()
        action.__sigaction_handler.sa_handler = batchInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Forgets a Ctrl-C already dealt with and empties the pipe (termination is kept).
    public static func clear() {
        interruptFlag = 0
        drain()
    }

    /// What happened to the terminal since the last `drain()`.
    public struct TerminalEvents {
        /// SIGWINCH: the window changed size.
        public var resized: Bool
        /// SIGCONT: back from Ctrl-Z, with the terminal in whatever mode the shell left it.
        public var resumed: Bool
    }

    /// Empties the self-pipe and says what happened to the terminal meanwhile.
    @discardableResult
    public static func drain() -> TerminalEvents {
        guard wakeRead >= 0 else { return TerminalEvents(resized: false, resumed: false) }
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
        defer { resized = 0; resumed = 0 }
        return TerminalEvents(resized: resized != 0, resumed: resumed != 0)
    }

    /// The end of a batch stopped by Ctrl-C, once its output is flushed: a line on stderr
    /// (where it stopped, when known) and the spec's exit status 130. `_exit`, as for a
    /// signal: everything is written already (Console writes unbuffered), and nothing at
    /// exit may change the status (a sanitizer's leak report would make it 1).
    public static func endBatch(at place: String? = nil) -> Never {
        // On a terminal the line starts after the `^C` the terminal echoed.
        Console.err((Console.isTerminal(2) ? "\n" : "") + (place.map { "\($0): " } ?? "") + "interrupted\n")
        _exit(130)
    }

    /// Leaves with the signal's own status, as if it had not been caught.
    public static func exit(by signal: Int32) -> Never {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(signal, &action, nil)
        raise(signal)
        Glibc.exit(128 + signal)
    }
}

// Touched by the signal handler: plain globals of C-compatible types, initialised before
// any handler is installed.
nonisolated(unsafe) private var wakeRead: Int32 = -1
nonisolated(unsafe) private var wakeWrite: Int32 = -1
nonisolated(unsafe) private var interruptFlag: sig_atomic_t = 0
nonisolated(unsafe) private var interruptCount: sig_atomic_t = 0
nonisolated(unsafe) private var terminationSignal: sig_atomic_t = 0
nonisolated(unsafe) private var resized: sig_atomic_t = 0
nonisolated(unsafe) private var resumed: sig_atomic_t = 0

/// Async-signal-safe: sets a flag and writes one byte (`write` keeps errno intact here).
private let handler: @convention(c) (Int32) -> Void = { signal in
    let saved = errno
    switch signal {
    case SIGINT: interruptFlag = 1; interruptCount &+= 1
    case SIGWINCH: resized = 1
    case SIGCONT: resumed = 1
    default: terminationSignal = signal; interruptCount &+= 1
    }
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(wakeWrite, &byte, 1)
    errno = saved
}

/// Batch Ctrl-C: the first asks the batch to stop after the command running; a second
/// ends the process now, with a message and exit status 130.
private let batchInterrupt: @convention(c) (Int32) -> Void = { _ in
    guard interruptFlag != 0 else {
        interruptFlag = 1
        return
    }
    let message: StaticString = "\ninterrupted\n"
    _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
    _exit(130)
}
