#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `record FILE`: writes each command the analyst runs to a script as it succeeds, each as
/// one whole line in one `write(2)` on a file opened for appending, so a crash or a kill
/// loses no finished line and no line is ever half written (a short write is cut back).
/// Commands are saved in canonical form (`s 3` → `step 3`), so the script still means the
/// same when new commands make today's prefixes ambiguous. A new script starts by pinning
/// its scenario (`load FILE sha256 HEX`), so it replays on what it was recorded on.
public final class Recorder {
    /// The file as the user named it.
    public let path: String
    /// The script depth `record` was typed at: commands of scripts sourced from there are
    /// not recorded, only the `source` line itself, so a replay does not run them twice.
    public let depth: Int
    public private(set) var written = 0
    private let descriptor: Int32

    private init(path: String, depth: Int, descriptor: Int32) {
        self.path = path
        self.depth = depth
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// What a recording starts from: the scenario loaded now, its content, the cursor.
    public struct Start {
        public var source: ScenarioSource
        /// The SHA-256 of the scenario's bytes; nil when they cannot be read now.
        public var digest: String?
        public var cursor: Int

        public init(scenario: Scenario, cursor: Int, environment: Environment) {
            self.cursor = cursor
            if let name = Builtin.name(ofPath: scenario.path) {
                source = .builtin(name)
                digest = environment.bundledFile?(name).map(SHA256.hex)
            } else {
                source = .file(scenario.path)
                if case .success(let bytes) = FileReader.contents(of: scenario.path) { digest = SHA256.hex(bytes) }
            }
        }
    }

    /// Opens `file` for appending: refuses anything but a `.px` script, ends an unfinished
    /// last line, and writes the scenario's `load` line (and a `goto`) when the script does
    /// not already end on that scenario. `shownPath` is how messages name the file; the
    /// error has no column (the caller knows it).
    public static func start(file: String, shownPath: String, _ start: Start, depth: Int) throws(CommandError) -> Recorder {
        try refuseNonScript(file, shownPath: shownPath, loaded: start.source)
        let fd = open(file, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CommandError("cannot write \(shownPath): \(FileReader.errorText(errno))") }
        let recorder = Recorder(path: shownPath, depth: depth, descriptor: fd)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw CommandError("cannot record to \(shownPath): not a regular file")
        }
        var same = false
        if info.st_size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, off_t(info.st_size - 1)) == 1, last != UInt8(ascii: "\n"),
               let problem = recorder.writeLine("") {
                throw CommandError(problem)
            }
            same = endsOnScenario(file, start)
        }
        if !same {
            if let problem = recorder.writeLine(loadLine(start, script: file)) { throw CommandError(problem) }
            if start.cursor > 0, let problem = recorder.writeLine("goto #\(start.cursor)") { throw CommandError(problem) }
        }
        return recorder
    }

    /// `load FILE sha256 HEX` for the scenario of `start`, FILE as the script names it.
    static func loadLine(_ start: Start, script: String) -> String {
        var load = "load " + Lexer.quotedIfNeeded(argument(for: start.source, script: script))
        if let digest = start.digest { load += " sha256 " + digest }
        return load
    }

    /// The line that records `command`: its canonical text, but a `load` pins the scenario it
    /// loaded, and every other file it names (`source`, `export`, any command added later
    /// with a `FILE`) is written as the script will find it: relative to the script's
    /// folder, where the script's own paths resolve, not to the folder typed in.
    public func line(for command: Command, scenario: Scenario, environment: Environment) -> String {
        if command.name == "load" {
            return Recorder.loadLine(Start(scenario: scenario, cursor: 0, environment: environment), script: path)
        }
        var rebased = command
        for i in rebased.arguments.indices where rebased.arguments[i].parameter == "FILE" {
            guard case .word(let name) = rebased.arguments[i].value else { continue }
            let file = environment.resolve(name)
            rebased.arguments[i].value = .word(Recorder.argument(for: .file(file), script: path))
        }
        return rebased.canonical
    }

    /// Whether `file` is the script this recorder writes, however its name is spelt.
    public func isRecording(into file: String) -> Bool {
        var mine = stat(), other = stat()
        guard fstat(descriptor, &mine) == 0, stat(file, &other) == 0 else { return false }
        return mine.st_dev == other.st_dev && mine.st_ino == other.st_ino
    }

    /// Appends one command line; on failure, what went wrong (nothing of the line stays).
    public func append(_ command: String) -> String? {
        if let problem = writeLine(command) { return problem }
        written += 1
        return nil
    }

    /// One `write(2)` of the whole line; a short write is cut back to the last whole line.
    private func writeLine(_ text: String) -> String? {
        var line = text + "\n"
        let before = lseek(descriptor, 0, SEEK_END)
        var n: Int
        repeat {
            n = line.withUTF8 { write(descriptor, $0.baseAddress, $0.count) }
        } while n < 0 && errno == EINTR
        if n == line.utf8.count { return nil }
        let reason = n < 0 ? FileReader.errorText(errno) : "only part of the line could be written (is the disk full?)"
        if n > 0 && before >= 0 { _ = ftruncate(descriptor, before) }
        return "not recorded: cannot write \(path): \(reason)"
    }

    /// A scenario, a YAML or JSON file, or anything else that is not a `.px` script is
    /// never written: recording into it would break it.
    static func refuseNonScript(_ file: String, shownPath: String, loaded: ScenarioSource) throws(CommandError) {
        if case .file(let scenario) = loaded, let a = FileIdentity(path: file), a == FileIdentity(path: scenario) {
            throw CommandError("\(shownPath) is the loaded scenario: record writes scripts (.px), never a scenario")
        }
        let lower = file.lowercased()
        if [".yaml", ".yml", ".json"].contains(where: { lower.hasSuffix($0) }) {
            throw CommandError("\(shownPath) is a scenario file: record writes scripts (.px), never a scenario")
        }
        guard lower.hasSuffix(".px") else {
            throw CommandError("record writes scripts, whose names end in .px; \(shownPath) does not")
        }
    }

    /// How the script names the scenario: `builtin:NAME`, or the file's path relative to
    /// the script's folder when they share more than the root, else absolute.
    static func argument(for source: ScenarioSource, script: String) -> String {
        switch source {
        case .builtin(let name): return Builtin.prefix + name
        case .file(let path):
            guard let target = Environment.canonical(path),
                  let folder = Environment.canonical(Script.folder(of: script) ?? ".") else { return path }
            let t = target.split(separator: "/"), f = folder.split(separator: "/")
            var common = 0
            while common < t.count - 1, common < f.count, t[common] == f[common] { common += 1 }
            guard common > 0 else { return target }
            return (Array(repeating: "..", count: f.count - common) + t[common...].map(String.init)).joined(separator: "/")
        }
    }

    /// Whether the script's last `load` (the bundled default when it has none) is the
    /// scenario recorded now, file and content.
    static func endsOnScenario(_ file: String, _ start: Start) -> Bool {
        guard case .success(let script) = Script.read(file) else { return false }
        var last: (source: ScenarioSource, pin: String?)? = nil
        for line in script.lines {
            for segment in Lexer.segments(line) {
                guard case .success(let c) = CommandParser.parse(segment), c.name == "load", let t = c.token("FILE") else { continue }
                var pin: String?
                if case .pin(let hex)? = c.argument("PIN")?.value { pin = hex }
                if let name = Builtin.name(ofArgument: t.text) {
                    last = (.builtin(name), pin)
                } else {
                    var environment = Environment()
                    environment.baseDirectory = script.folder
                    last = (.file(environment.resolve(t.text)), pin)
                }
            }
        }
        let (source, pin) = last ?? (.builtin(Builtin.defaultName), nil)
        if pin != nil && pin != start.digest { return false }
        switch (source, start.source) {
        case (.builtin(let a), .builtin(let b)): return a == b
        case (.file(let a), .file(let b)):
            guard let x = Environment.canonical(a), let y = Environment.canonical(b) else { return false }
            return x == y
        default: return false
        }
    }
}
