#if os(Linux)
import CLibc
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

    /// Gives the heap's freed memory back to the system where a large structure was just
    /// let go of for good (the columns of a half of an export merged into the other):
    /// kept for reuse, it would count as the process's memory at its peak.
    public static func handBackFreed() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}
