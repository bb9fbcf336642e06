import Parallax
import ParallaxREPL
#if canImport(Glibc)
import Glibc
#endif

/// Shows how far the first open of a large export has got, on a terminal only, and only
/// once it has taken half a second: a quick open shows nothing, and batch runs (stderr not
/// a terminal) never get progress lines. Called on the opening thread only.
final class OpenProgress: @unchecked Sendable {
    let name: String
    let start = OpenProgress.now()
    private var shown = false

    init(_ name: String) { self.name = name }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The options with progress reporting attached, when stderr is a terminal.
    static func attach(to options: ImportOptions, file: String) -> (ImportOptions, OpenProgress?) {
        guard Console.isTerminal(2) else { return (options, nil) }
        let progress = OpenProgress(file)
        var options = options
        options.progress = { progress.report($0) }
        return (options, progress)
    }

    func report(_ fraction: Double) {
        guard OpenProgress.now() - start > 0.5 else { return }
        shown = true
        Console.err("\rOpening \(name.sanitizedForTerminal): \(Int(fraction * 100))% of the rows read")
    }

    /// Clears the progress line, if one was shown.
    func finish() {
        if shown { Console.err("\r\u{1B}[K") }
        shown = false
    }
}
