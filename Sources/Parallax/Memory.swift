#if os(Linux)
import CLibc
import Glibc
#endif

/// How a Parallax process asks glibc to treat large blocks (the executables call this first).
public enum Memory {
    /// Loading a large scenario or laying out a table of thousands of rows allocates and
    /// frees blocks of several megabytes (the file, parsed nodes, output buffers, arrays that
    /// double as they grow). By default glibc maps each such block afresh and unmaps it when
    /// freed, so each costs new page faults; kept in the heap, freed memory is reused instead
    /// (on the 5,000-event file: 14,509 page faults → 11,529, system time 49 → 35 ms).
    public static func keepFreedMemory() {
        #if os(Linux)
        let limit: Int32 = 256 << 20
        _ = mallopt(M_MMAP_THRESHOLD, limit)
        _ = mallopt(M_TRIM_THRESHOLD, limit)
        #endif
    }

    /// Asks that `count` bytes from `base` be backed by 2 MB pages where the system allows it
    /// (Linux's transparent huge pages in `madvise` mode): for tables read at random, such as
    /// a hash table of millions of strings, where nearly every probe would otherwise also miss
    /// the TLB. Only whole 2 MB pages inside the block are advised, and only memory not yet
    /// touched becomes huge pages, so the block's size in memory is unchanged. The advice
    /// outlives the block (its range of the heap keeps it): what is later allocated there
    /// may be given huge pages too, which costs nothing while memory is plentiful.
    static func preferHugePages(_ base: UnsafeRawPointer?, _ count: Int) {
        #if os(Linux)
        guard let base else { return }
        let huge = 2 << 20
        let start = (UInt(bitPattern: base) + UInt(huge - 1)) & ~UInt(huge - 1)
        let end = (UInt(bitPattern: base) + UInt(count)) & ~UInt(huge - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE)
        #endif
    }

    /// An array of `count` copies of `value`, in huge pages where it is large enough (see
    /// `preferHugePages`): advised before it is first written.
    static func hugeArray<T>(repeating value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { p, n in
            preferHugePages(UnsafeRawPointer(p.baseAddress), count * MemoryLayout<T>.stride)
            p.initialize(repeating: value)
            n = count
        }
    }

    /// `preferHugePages` for the room an array has reserved.
    static func preferHugePages<T>(_ array: inout [T]) {
        let bytes = array.capacity * MemoryLayout<T>.stride
        array.withUnsafeMutableBufferPointer { preferHugePages(UnsafeRawPointer($0.baseAddress), bytes) }
    }

    /// Gives the heap's freed memory back to the system where a large structure was just
    /// let go of for good (the columns of a half of an export merged into the other):
    /// kept for reuse, it would count as the process's memory at its peak.
    public static func handBackFreed() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
