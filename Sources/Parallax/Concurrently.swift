import Dispatch

/// Two independent pieces of work at once, where a second core pays for itself: loading a
/// large scenario, and commands whose output has thousands of rows (building the rows and
/// laying out the table).
enum Concurrently {
    /// When work is split: by size (the default), never, or always (down to two items).
    /// Tests compare `never` with `always` to check that splitting changes no output. A
    /// task-local value is not carried to the second thread: it is read on the calling one.
    enum Mode: Sendable { case bySize, never, always }
    @TaskLocal static var mode = Mode.bySize

    /// Whether work of `size` items is split in two, given the size from which it pays.
    static func splits(_ size: Int, from threshold: Int) -> Bool {
        switch mode {
        case .bySize: size >= max(2, threshold)
        case .never: false
        case .always: size >= 2
        }
    }

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

    /// `body` over `0..<count`, in two halves at once when there are at least `threshold`
    /// items: each call gets its own range (and must keep its own scratch state); the
    /// results are joined in order, so the output is the same either way.
    static func inHalves<T>(_ count: Int, threshold: Int, _ body: (Range<Int>) -> [T]) -> [T] {
        guard splits(count, from: threshold) else { return body(0..<count) }
        let half = count / 2
        var first: [T] = [], second: [T] = []
        run({ first = body(0..<half) }, { second = body(half..<count) })
        first += second
        return first
    }

    private final class Work: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}

/// Freeing large values where no one waits: a scenario of five thousand events, or the
/// parsed text it was read from, holds tens of thousands of strings, and letting go of
/// them takes milliseconds.
enum Disposal {
    /// Lets go of a value (a replaced scenario, a loader's leftovers) on another thread.
    static func drop<T>(_ value: consuming T) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    private final class Box<T>: @unchecked Sendable {
        var value: T?
        init(_ value: consuming T) { self.value = value }
    }
}
