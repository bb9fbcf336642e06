#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pages of a read-only file mapping handed back once read: they count as the process's
/// memory while mapped, and a first open of a 420 MB export would otherwise hold all of
/// them beside the model. A page handed back is read again from the file if touched.
enum MappedPages {
    static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Hands back the whole pages of `bytes` in `from..<upTo` (offsets), returning how far
    /// they are handed back (the next call's `from`).
    static func release(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, upTo: Int) -> Int {
        guard let base = bytes.baseAddress else { return from }
        let start = UInt(bitPattern: base) + UInt(from)
        let end = (UInt(bitPattern: base) + UInt(upTo)) & ~UInt(pageSize - 1)
        // The mapping starts on a page: `from` is always a page boundary past the first call.
        guard end > start, start % UInt(pageSize) == 0 else { return from }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_DONTNEED)
        return Int(end - UInt(bitPattern: base))
    }
}
