#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that nothing is lost: whole files (a transcript for `run --update`, the
/// REPL's history) go to a temporary file beside them, which then replaces the old, so a
/// reader never sees half of one; and every write goes all the way through write(2).
public enum FileWriter {
    /// Writes all of `text` to `fd`, retrying short writes and interruptions; false on error.
    @discardableResult
    public static func writeAll(_ text: String, to fd: Int32) -> Bool {
        var t = text
        return t.withUTF8 { writeAll($0, to: fd) }
    }

    @discardableResult
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBufferPointer { writeAll($0, to: fd) }
    }

    static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Bool {
        writeAll(UnsafeRawBufferPointer(buffer), to: fd)
    }

    /// Raw bytes: a block of typed memory (a cache's columns) is written without rebinding it.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Why a file Parallax makes (a report, a data file, a transcript, a scenario slice) must
    /// not replace `path`, or nil when it may: never a script (`.px`) or a scenario (`.yaml`,
    /// `.yml`) — analysts' own work, which a slip of the hand or of Tab would destroy — nor
    /// any file the run reads (`inputs`: the scenario loaded, the script run, an export
    /// imported), however its name is spelt. `allowScenario`: the destination is meant to be
    /// a scenario (`import -o`, whose `--force` the caller handles).
    public static func refusal(toReplace path: String, inputs: [String], allowScenario: Bool = false) -> String? {
        if let target = FileIdentity(path: path),
           inputs.contains(where: { FileIdentity(path: $0) == target }) {
            return "\(path) is in use as the scenario or script read; it is never written over"
        }
        // By its name, and by the name of the file a link leads to (which is what is written).
        for name in [path, destination(path)] {
            let lower = name.lowercased()
            if lower.hasSuffix(".px") { return "\(path) is a script (.px); it is never written over" }
            if !allowScenario, [".yaml", ".yml"].contains(where: { lower.hasSuffix($0) }) {
                return "\(path) is a scenario file (.yaml); it is never written over"
            }
        }
        return nil
    }

    /// The file a write to `path` replaces: the file a link leads to (the link stays a
    /// link), else `path` itself.
    static func destination(_ path: String) -> String {
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    public static func replace(_ path: String, with text: String, mode: mode_t = 0o644) -> Diagnostic? {
        let here = SourceLocation(file: path, line: 1, column: 1)
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: return Diagnostic(here, "cannot write: is a directory")
            default:
                // A device, FIFO or socket (`-o /dev/null`, `/dev/stdout`, a named pipe) is
                // written into, never replaced: a file renamed over /dev/null removed the
                // device (for root, the system's).
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { return Diagnostic(here, "cannot write: \(FileReader.errorText(errno))") }
                defer { close(fd) }
                return writeAll(text, to: fd) ? nil : Diagnostic(here, "cannot write: \(FileReader.errorText(errno))")
            }
        }
        let target = destination(path)
        let temporary = target + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { return Diagnostic(here, "cannot write: \(FileReader.errorText(errno))") }
        let complete = writeAll(text, to: fd)
        let problem = complete ? nil : FileReader.errorText(errno)
        close(fd)
        guard problem == nil, rename(temporary, target) == 0 else {
            let message = problem ?? FileReader.errorText(errno)
            unlink(temporary)
            return Diagnostic(here, "cannot write: \(message)")
        }
        return nil
    }
}
