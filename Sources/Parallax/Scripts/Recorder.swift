#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `record FILE`: writes each command the analyst runs to a script, one `write(2)` per
/// line on a file opened for appending, so a crash or a kill loses no finished line.
/// Commands are saved under their full names (`s 3` → `step 3`), so the script still
/// means the same when new commands make today's prefixes ambiguous.
public final class Recorder {
    /// The file as the user named it.
    public let path: String
    /// The script depth `record` was typed at: commands of scripts sourced from there are
    /// not recorded, only the `source` line itself, so a replay does not run them twice.
    public let depth: Int
    /// Lines that could not be written (a full disk), reported by `record`.
    public private(set) var lost = 0
    public private(set) var written = 0
    private let descriptor: Int32

    private init(path: String, depth: Int, descriptor: Int32) {
        self.path = path
        self.depth = depth
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Opens `file` for appending (creating it with a header naming the scenario).
    /// `shownPath` is how messages name it; the error has no column (the caller knows it).
    public static func start(file: String, shownPath: String, scenario: Scenario, position: String,
                             depth: Int) throws(CommandError) -> Recorder {
        let fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CommandError("cannot write \(shownPath): \(FileReader.errorText(errno))") }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw CommandError("cannot record to \(shownPath): not a regular file")
        }
        let recorder = Recorder(path: shownPath, depth: depth, descriptor: fd)
        if info.st_size == 0 {
            FileWriter.writeAll("# Parallax script recorded with 'record'\n"
                + "# scenario: \(scenario.info.title)\n"
                + "# file: \(scenario.path)\n"
                + "# from position \(position)\n", to: fd)
        }
        return recorder
    }

    /// Appends one command line.
    public func append(_ command: String) {
        if FileWriter.writeAll(command + "\n", to: descriptor) { written += 1 } else { lost += 1 }
    }
}
