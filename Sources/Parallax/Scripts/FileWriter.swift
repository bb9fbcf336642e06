#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files (a transcript for `run --update`) so that a reader never sees half
/// of one: the text goes to a temporary file beside it, which then replaces the old.
public enum FileWriter {
    public static func replace(_ path: String, with text: String) -> Diagnostic? {
        let here = SourceLocation(file: path, line: 1, column: 1)
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return Diagnostic(here, "cannot write: \(FileReader.errorText(errno))") }
        var t = text
        let complete = t.withUTF8 { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        let problem = complete ? nil : FileReader.errorText(errno)
        close(fd)
        guard problem == nil, rename(temporary, path) == 0 else {
            let message = problem ?? FileReader.errorText(errno)
            unlink(temporary)
            return Diagnostic(here, "cannot write: \(message)")
        }
        return nil
    }
}
