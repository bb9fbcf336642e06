#if canImport(Glibc)
import Glibc
#endif

// Glibc's Swift module leaves out the pseudo-terminal functions (they need _XOPEN_SOURCE).
@_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname_r") private func ptsname_r(_ fd: Int32, _ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32
/// glibc's flag (spawn.h, _GNU_SOURCE): the child calls setsid() before its file actions,
/// so opening the terminal makes it the controlling one.
private let spawnSetsid: Int16 = 0x80

/// The real `parallax` binary running on a pseudo-terminal, driven as a person would:
/// keys go in, and what they see comes out as screen lines. A small screen model applies
/// carriage returns, backspaces and cursor/erase escapes, so tests assert on the text on
/// screen rather than on how libedit chose to draw it.
final class PseudoTerminalSession {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \(waitingFor); screen:\n\(screen)" }
    }

    let master: Int32
    let pid: pid_t
    private(set) var screen = Screen()
    /// The row where the last key was typed: a new prompt must appear below it.
    private(set) var inputRow = -1
    var exitStatus: Int32?

    init(arguments: [String] = [], environment: [String: String], rows: Int = 50, columns: Int = 120) throws {
        let fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0, grantpt(fd) == 0, unlockpt(fd) == 0 else { throw Timeout(waitingFor: "a pseudo-terminal", screen: "") }
        var name = [CChar](repeating: 0, count: 256)
        guard ptsname_r(fd, &name, name.count) == 0 else { throw Timeout(waitingFor: "ptsname", screen: "") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(fd, UInt(TIOCSWINSZ), &size)
        master = fd

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, spawnSetsid | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let binary = PseudoTerminalSession.binary
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        // The sanitizers' settings pass through (CI runs these tests under ASan), nothing else.
        var environment = environment
        for name in ["ASAN_OPTIONS", "LSAN_OPTIONS"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, binary, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(fd)
            throw Timeout(waitingFor: "\(binary) to start (posix_spawn \(status))", screen: "")
        }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Sends keys as typed (`\t` Tab, `\r` Enter, `\u{3}` Ctrl-C, `\u{1b}[A` Up).
    func type(_ keys: String) {
        inputRow = screen.row
        var bytes = Array(keys.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(master, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { break }
                done += n
            }
        }
    }

    /// Reads what the program printed until `condition` holds on the screen.
    func wait(for what: String, timeout: Double = 10, _ condition: (Screen) -> Bool) throws {
        let deadline = now() + timeout
        while !condition(screen) {
            guard now() < deadline, pump(until: deadline) else {
                if condition(screen) { return }
                throw Timeout(waitingFor: what, screen: screen.text)
            }
        }
    }

    /// Waits for a fresh prompt below the last typed line, then for libedit to put the
    /// terminal in raw mode: it prints the prompt *before* switching, and keys typed in
    /// between would be echoed and mangled by the line discipline.
    func waitForPrompt(timeout: Double = 10) throws {
        try wait(for: "a prompt", timeout: timeout) { s in
            s.row > inputRow && s.currentLine.hasPrefix("parallax [") && s.currentLine.hasSuffix("]>")
        }
        try waitForRawMode(timeout: timeout)
    }

    /// Polls the terminal's modes until canonical input is off: libedit is reading keys.
    func waitForRawMode(timeout: Double = 10) throws {
        let deadline = now() + timeout
        var attributes = termios()
        while now() < deadline {
            if tcgetattr(master, &attributes) == 0 && attributes.c_lflag & tcflag_t(ICANON) == 0 { return }
            usleep(2000)
        }
        throw Timeout(waitingFor: "raw mode", screen: screen.text)
    }

    /// The lines printed between the last typed line and the cursor's line.
    var outputSinceInput: [String] {
        let lines = screen.textLines
        guard inputRow + 1 < screen.row else { return [] }
        return Array(lines[(inputRow + 1)..<screen.row])
    }

    /// Waits for the program to end and returns its exit status (128+N for signal N).
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = now() + timeout
        var status: Int32 = 0
        while now() < deadline {
            _ = pump(until: now() + 0.01)
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                _ = pump(until: now() + 0.05)
                let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                exitStatus = code
                return code
            }
        }
        throw Timeout(waitingFor: "the program to exit", screen: screen.text)
    }

    /// Reads available output into the screen; false once the deadline passed or the
    /// terminal closed.
    private func pump(until deadline: Double) -> Bool {
        let remaining = Int32(max(0, (deadline - now()) * 1000))
        var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, 1, min(remaining, 50))
        if ready > 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { return false }
            screen.feed(buffer[0..<n])
        }
        return now() < deadline
    }

    private func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

extension PseudoTerminalSession {
    /// Just enough of a terminal to know what is on screen: printable characters overwrite,
    /// CR, LF, BS, and the CSI sequences libedit draws with (cursor moves, erase line/screen).
    struct Screen {
        private(set) var lines: [[Character]] = [[]]
        private(set) var row = 0
        private(set) var column = 0
        private var pending: [UInt8] = []

        /// Every line, trailing spaces removed.
        var text: String { lines.map { String($0).trailingSpacesRemoved }.joined(separator: "\n") }
        var currentLine: String { String(lines[row]).trailingSpacesRemoved }
        var textLines: [String] { lines.map { String($0).trailingSpacesRemoved } }

        mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            pending += bytes
            var i = 0
            let b = pending
            while i < b.count {
                let c = b[i]
                if c == 0x1B {
                    guard i + 1 < b.count else { break }
                    if b[i + 1] == UInt8(ascii: "[") {
                        var j = i + 2
                        while j < b.count, !(0x40...0x7E).contains(b[j]) { j += 1 }
                        guard j < b.count else { break }
                        csi(String(decoding: b[(i + 2)..<j], as: UTF8.self), final: b[j])
                        i = j + 1
                    } else {
                        i += 2
                    }
                    continue
                }
                if c < 0x80 {
                    control(c)
                    i += 1
                    continue
                }
                let length = c >> 5 == 0b110 ? 2 : c >> 4 == 0b1110 ? 3 : c >> 3 == 0b11110 ? 4 : 1
                guard i + length <= b.count else { break }
                put(Character(String(decoding: b[i..<(i + length)], as: UTF8.self)))
                i += length
            }
            pending = Array(b[i...])
        }

        private mutating func control(_ c: UInt8) {
            switch c {
            case 0x0D: column = 0
            case 0x0A:
                row += 1
                if row == lines.count { lines.append([]) }
            case 0x08: column = max(0, column - 1)
            case 0x20...0x7E: put(Character(Unicode.Scalar(c)))
            default: break  // bell and other controls draw nothing
            }
        }

        private mutating func put(_ ch: Character) {
            while lines[row].count < column { lines[row].append(" ") }
            if column < lines[row].count { lines[row][column] = ch } else { lines[row].append(ch) }
            column += 1
        }

        private mutating func csi(_ parameters: String, final: UInt8) {
            let numbers = parameters.split(separator: ";").map { Int($0) ?? 0 }
            let n = max(1, numbers.first ?? 1)
            switch final {
            case UInt8(ascii: "A"): row = max(0, row - n)
            case UInt8(ascii: "B"):
                row += n
                while row >= lines.count { lines.append([]) }
            case UInt8(ascii: "C"): column += n
            case UInt8(ascii: "D"): column = max(0, column - n)
            case UInt8(ascii: "G"): column = n - 1
            case UInt8(ascii: "K"):
                let mode = numbers.first ?? 0
                if mode == 0 { if column < lines[row].count { lines[row].removeSubrange(column...) } }
                else if mode == 1 { for k in 0..<min(column + 1, lines[row].count) { lines[row][k] = " " } }
                else { lines[row] = [] }
            case UInt8(ascii: "J"):
                if column < lines[row].count { lines[row].removeSubrange(column...) }
                lines.removeSubrange((row + 1)...)
            case UInt8(ascii: "@"):  // insert blanks at the cursor (libedit inserting mid-line)
                while lines[row].count < column { lines[row].append(" ") }
                lines[row].insert(contentsOf: repeatElement(" ", count: n), at: column)
            case UInt8(ascii: "P"):  // delete characters at the cursor
                if column < lines[row].count { lines[row].removeSubrange(column..<min(column + n, lines[row].count)) }
            default: break  // colours and modes
            }
        }
    }

}

private extension String {
    var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension PseudoTerminalSession {
    /// The built `parallax` next to the test bundle (`.build-NAME/debug/`), else in a
    /// scratch folder of the package.
    static let binary: String = {
        var folder = CommandLine.arguments.first ?? ""
        while !folder.isEmpty {
            folder = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
            if access(folder + "/parallax", X_OK) == 0 { return folder + "/parallax" }
            if folder.hasSuffix("/debug") || folder.hasSuffix("/release") { break }
        }
        var root = #filePath
        for _ in 0..<3 { root = String(root[..<(root.lastIndex(of: "/") ?? root.startIndex)]) }
        for scratch in [".build", ".build-repl"] {
            let candidate = root + "/" + scratch + "/debug/parallax"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return root + "/.build/debug/parallax"
    }()
}
