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

    /// Under `run --safe`: the folder (its real path) every file read must lie in. Set for
    /// the length of each command (`Interpreter`), so every read a command makes — `load`,
    /// `reload`, `source`, and any added later — is checked the same way, by what was opened
    /// rather than by name: the file is opened once, its real path read from the open
    /// descriptor, and only then read. A link switched between a check and an open cannot
    /// lead outside, because there is no second open. `""` refuses every file.
    @TaskLocal public static var confinement: String?

    public static func contents(of path: String, limit: Int = maxBytes) -> Result<[UInt8], Diagnostic> {
        let here = SourceLocation(file: path, line: 1, column: 1)
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return .failure(Diagnostic(here, "cannot read: \(errorText(errno))")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Diagnostic(here, "cannot read: \(errorText(errno))")) }
        if let root = confinement {
            guard !root.isEmpty, let real = realPath(of: fd),
                  real == root || real.hasPrefix(root == "/" ? "/" : root + "/") else {
                return .failure(Diagnostic(here, "cannot read: it leads outside the script's folder, and safe mode reads nothing else"))
            }
        }
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

    /// The real path of what a descriptor has open (links and `..` already resolved by the
    /// kernel at open), or nil when it cannot be told: then nothing is read.
    static func realPath(of fd: Int32) -> String? {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard n > 0, n < buffer.count - 1, buffer[0] == UInt8(ascii: "/") else { return nil }
        let path = String(decoding: buffer[..<n], as: UTF8.self)
        // An unlinked file reads "/path (deleted)": not a path to trust.
        return path.hasSuffix(" (deleted)") ? nil : path
        #elseif canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
        guard fcntl(fd, F_GETPATH, &buffer) != -1 else { return nil }
        return String(cString: buffer)
        #else
        return nil
        #endif
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
