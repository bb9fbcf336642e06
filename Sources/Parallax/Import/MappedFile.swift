#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An event-data export mapped into memory read-only: a GDELT file of a million rows is
/// about 420 MB, more than `FileReader` accepts and too much to copy before parsing. Pages
/// are read as the parser reaches them and never become the process's own memory.
final class MappedFile {
    let path: String
    let bytes: UnsafeBufferPointer<UInt8>
    /// Size and modification time as the cache keys them.
    let size: Int
    let modified: Int
    private let base: UnsafeMutableRawPointer?

    private init(path: String, base: UnsafeMutableRawPointer?, size: Int, modified: Int) {
        self.path = path
        self.base = base
        self.size = size
        self.modified = modified
        bytes = UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: base == nil ? 0 : size)
    }

    deinit {
        if let base { munmap(base, size) }
    }

    /// How much of the start has been handed back (see `release`).
    private var released = 0

    /// Hands the pages wholly below `offset` back to the kernel, eight megabytes at a time:
    /// a reader that has passed them does not keep them resident (they are read from the
    /// file again if touched).
    func release(below offset: Int) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, size) / page * page
        guard end - released >= 8 << 20 || (end == size / page * page && end > released) else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }

    /// Maps `path`, or says why it cannot be read (checked as `FileReader` checks every input).
    /// `sequential`: read front to back once (an export), so the kernel may read ahead and drop behind.
    static func open(_ path: String, sequential: Bool = true) -> Result<MappedFile, Diagnostic> {
        let here = SourceLocation(file: path, line: 1, column: 1)
        let fd: Int32, info: stat
        switch FileReader.openChecked(path) {
        case .failure(let d): return .failure(d)
        case .success(let opened): (fd, info) = opened
        }
        defer { close(fd) }
        let size = Int(info.st_size)
        let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        guard size > 0 else { return .success(MappedFile(path: path, base: nil, size: 0, modified: modified)) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            return .failure(Diagnostic(here, "cannot read: \(FileReader.errorText(errno))"))
        }
        _ = madvise(base, size, sequential ? MADV_SEQUENTIAL : MADV_WILLNEED)
        return .success(MappedFile(path: path, base: base, size: size, modified: modified))
    }
}
