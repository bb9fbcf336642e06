import Dispatch

/// Two independent pieces of work at once, for the two places where a second core pays for
/// itself: loading a large scenario and laying out a table of thousands of rows.
enum Concurrently {
    /// Runs `second` on another thread while `first` runs here; returns when both are done.
    /// The two must not touch the same variables. Small work runs on this thread alone
    /// (`parallel` false): starting a thread would cost more than it saves.
    static func run(_ first: () -> Void, _ second: () -> Void, parallel: Bool = true) {
        guard parallel else {
            first()
            second()
            return
        }
        withoutActuallyEscaping(second) { second in
            let work = Work(second)
            let group = DispatchGroup()
            DispatchQueue.global(qos: .userInitiated).async(group: group) { work.body() }
            first()
            group.wait()
        }
    }

    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
