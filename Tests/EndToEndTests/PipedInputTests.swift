import Testing
#if canImport(Glibc)
import Glibc
#endif

// Not in Glibc's Swift module (it needs _GNU_SOURCE). Pipes must be close-on-exec from
// birth: tests spawn in parallel, and a child inheriting another's stdin would keep it open.
@_silgen_name("pipe2") private func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// `printf 'step\nwhere\n' | parallax`: the same shell loop as the REPL, with no prompt,
/// no banner, no escapes, and an exit status that says whether any command failed.
@Suite("Piped stdin")
struct PipedInputTests {
    /// Runs the binary with `input` on stdin; returns its status, stdout and stderr.
    func pipe(_ input: String, arguments: [String] = []) throws -> (status: Int32, out: String, err: String) {
        var stdinPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe2(&stdinPipe, O_CLOEXEC) == 0, pipe2(&outPipe, O_CLOEXEC) == 0, pipe2(&errPipe, O_CLOEXEC) == 0 else {
            throw CommandFailed(reason: "pipe")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let binary = PseudoTerminalSession.binary
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = (["PATH=/usr/bin:/bin", "TERM=xterm", "HOME=/nonexistent"] as [String]).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, &attributes, argv, envp) == 0 else { throw CommandFailed(reason: "spawn") }
        close(stdinPipe[0]); close(outPipe[1]); close(errPipe[1])
        var bytes = Array(input.utf8)
        _ = bytes.withUnsafeMutableBytes { write(stdinPipe[1], $0.baseAddress, $0.count) }
        close(stdinPipe[1])
        var out: [UInt8] = [], err: [UInt8] = []
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        while fds.contains(where: { $0.fd >= 0 }) {
            guard poll(&fds, 2, 10_000) > 0 else {
                kill(pid, SIGKILL)  // stuck: fail rather than hang the suite
                break
            }
            for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n <= 0 { close(fds[i].fd); fds[i].fd = -1; continue }
                if i == 0 { out += buffer[0..<n] } else { err += buffer[0..<n] }
            }
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return ((status >> 8) & 0xFF, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    struct CommandFailed: Error { var reason: String }

    @Test func runsEachLineWithoutPromptOrEscapes() throws {
        let r = try pipe("step\n\nwhere\n")
        #expect(r.status == 0)
        #expect(r.err == "")
        #expect(!r.out.contains("parallax ["))
        #expect(!r.out.contains("\u{1b}"))
        #expect(!r.out.contains("Parallax "))
        // The empty line repeats nothing outside a terminal: still on event 1.
        #expect(r.out.contains("position:     1/15\n"))
    }

    @Test func exitStatusIsOneWhenAnyCommandFailed() throws {
        let r = try pipe("bogus\nwhere\n")
        #expect(r.status == 1)
        #expect(r.err.contains("error: unknown command 'bogus'"))
        #expect(r.out.contains("position:     0/15"))
    }

    @Test func quitStopsReadingAndAFinalLineWithoutNewlineRuns() throws {
        #expect(try pipe("echo one\nquit\necho two\n").out == "one\n")
        #expect(try pipe("echo last").out == "last\n")
    }

    @Test func historyIsNotKeptForPipedInput() throws {
        let r = try pipe("history\n")
        #expect(r.out == "No history here: history is kept by the interactive REPL.\n")
    }
}
