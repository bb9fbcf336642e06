import CLibc
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A regular-expression search that gives up after `Limits.patternSeconds`. Swift's regex
/// engine backtracks and cannot be interrupted (it does not check for cancellation), so a
/// pattern such as `(a+)+$` can run for hours on a short line. The search runs on a thread
/// of its own and the caller waits for it until the deadline; a search still running then
/// is abandoned: its thread is lowered to the least priority and left to finish alone (or
/// to end with the process), and the caller gets its answer now.
enum PatternMatch {
    /// What the worker hands back. Each field is written before a semaphore is signalled
    /// and read only after that semaphore was waited for, which orders the two.
    private final class Search: @unchecked Sendable {
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let run: () -> Bool
        var found = false
        /// The worker's kernel thread id, so an abandoned search can be reniced.
        var thread: Int32 = 0
        init(_ run: @escaping () -> Bool) { self.run = run }
    }

    /// Whether `regex` matches somewhere in `text`; nil when the search took too long.
    static func firstMatch(of regex: Regex<AnyRegexOutput>, in text: String,
                           seconds: Double = Limits.patternSeconds) -> Bool? {
        // Regex is not Sendable; the worker is its only user from here on.
        nonisolated(unsafe) let regex = regex
        let search = Search { text.firstMatch(of: regex) != nil }
        #if canImport(Glibc)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(search).toOpaque()
        let created = pthread_create(&thread, &attributes, { context in
            let search = Unmanaged<Search>.fromOpaque(context!).takeRetainedValue()
            search.thread = gettid()
            search.started.signal()
            search.found = search.run()
            search.done.signal()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Search>.fromOpaque(context).release()
            return search.run()
        }
        search.started.wait()
        if search.done.wait(timeout: .now() + seconds) == .timedOut {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(search.thread), 19)
            return nil
        }
        return search.found
        #else
        return search.run()
        #endif
    }
}
