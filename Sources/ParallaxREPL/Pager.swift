#if canImport(Glibc)
import Glibc
#endif

/// Output longer than the screen, shown through `$PAGER` (default `less -FRX`) as psql
/// and git do. The pager is the shell's convenience, not a command of the language: it
/// runs only in the interactive REPL on a terminal, and `set pager off` turns it off.
enum Pager {
    /// Whether `text` (UTF-8) needs paging on a screen of `rows` lines.
    static func needed(_ text: [UInt8], rows: Int) -> Bool {
        var lines = 0
        for c in text where c == 0x0A {
            lines += 1
            if lines >= rows - 1 { return true }
        }
        return false
    }

    /// The command to page with: `$PAGER`, `less -FRX` when unset; nil when set empty.
    static var command: String? {
        guard let p = getenv("PAGER") else { return "less -FRX" }
        let s = String(cString: p).trimmed
        return s.isEmpty ? nil : s
    }

    /// Pipes `text` (UTF-8) through the pager and waits for it; false if it could not start
    /// (the shell found no such command), so the caller prints the text itself.
    static func show(_ text: [UInt8]) -> Bool {
        guard let command else { return false }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("sh"), strdup("-c"), strdup(command), nil]
        defer { for a in argv { free(a) } }
        let status = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        close(fds[0])
        guard status == 0 else { close(fds[1]); return false }
        Console.write(text, to: fds[1])  // SIGPIPE is ignored: a pager quit early just stops this
        close(fds[1])
        var waited: Int32 = 0
        while waitpid(pid, &waited, 0) < 0 && errno == EINTR {}
        let notFound = waited & 0x7F == 0 && (waited >> 8) & 0xFF == 127
        return !notFound
    }
}
