#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole input files, refusing what is not a regular file or is too large to be a
/// scenario or script, with a message a user can act on.
public enum FileReader {
    /// Above this a file is refused rather than loaded: no real scenario comes near it.
    public static let maxBytes = 64 * 1024 * 1024

    public static func contents(of path: String, limit: Int = maxBytes) -> Result<[UInt8], Diagnostic> {
        let here = SourceLocation(file: path, line: 1, column: 1)
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return .failure(Diagnostic(here, "cannot read: \(errorText(errno))")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Diagnostic(here, "cannot read: \(errorText(errno))")) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return .failure(Diagnostic(here, "is a directory, not a file")) }
        guard type == S_IFREG else { return .failure(Diagnostic(here, "is not a regular file (a FIFO, device or socket)")) }
        let size = Int(info.st_size)
        guard size <= limit else {
            return .failure(Diagnostic(here, "is \(size / 1_048_576) MiB; files over \(limit / 1_048_576) MiB are refused"))
        }
        // Read straight into the array's storage: filling it with zeros first was one more
        // pass over a large file (measured).
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            count = done
        }
        if failure != 0 { return .failure(Diagnostic(here, "cannot read: \(errorText(failure))")) }
        return .success(bytes)
    }

    static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code))
        }
    }
}
