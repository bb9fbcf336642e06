#if canImport(Glibc)
import Glibc
#endif

/// The lines typed in the REPL, kept across sessions in a libedit-format file and saved
/// after every line, so a killed session loses nothing. A reference type: `history`
/// reads the live list through `Environment.history`.
public final class History {
    /// Where the file lives; nil keeps the history in memory only.
    public let path: String?
    /// Oldest first, never two equal lines in a row, at most `limit`.
    public private(set) var entries: [String]
    public let limit: Int
    /// Lines added since the last save: what this REPL has to add to the file, whatever
    /// other REPLs wrote to it meanwhile.
    private var unsaved: [String] = []

    public init(path: String?, limit: Int = 1000) {
        self.path = path
        self.limit = limit
        let text = path.flatMap(History.contents) ?? ""
        entries = Array(HistoryFile.entries(in: text).suffix(limit))
    }

    /// `$XDG_STATE_HOME/parallax/history`, else `~/.local/state/parallax/history` (see
    /// `UserFiles`); nil when neither variable is set to an absolute path.
    public static func defaultPath(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> String? {
        UserFiles(environment: environment).history
    }

    /// Appends a line unless it repeats the last one; returns whether it was added.
    @discardableResult
    public func add(_ line: String) -> Bool {
        guard !line.isEmpty, entries.last != line else { return false }
        entries.append(line)
        unsaved.append(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        if unsaved.count > limit { unsaved.removeFirst(unsaved.count - limit) }
        return true
    }

    /// Merges, then writes: the file is read again and this REPL's new lines are added after
    /// what is in it now, so several REPLs open at once all keep their lines (as zsh and
    /// fish do) instead of the last to save overwriting the others. A lock on a sibling
    /// `.lock` file keeps two saves from interleaving; the file is written whole to a
    /// temporary sibling and renamed over the old one, so a crash mid-write leaves the
    /// previous file intact. Returns what went wrong, if anything (a read-only folder, a full
    /// disk): the REPL says so but goes on, since losing history must never stop the
    /// analyst's work.
    @discardableResult
    public func save() -> String? {
        // Said once, as a failed save is: a REPL whose lines silently vanish at exit (a
        // session started with `env -i`, or by a service without HOME) looks like a bug.
        guard let path else {
            return unsaved.isEmpty ? nil : "nowhere to keep it: neither XDG_STATE_HOME nor HOME is set to an absolute path"
        }
        History.makeDirectories(for: path)
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock >= 0 {
            while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        }
        defer { if lock >= 0 { close(lock) } }
        let merged = History.merge(HistoryFile.entries(in: History.contents(of: path) ?? ""), unsaved)
        if let problem = FileWriter.replace(path, with: HistoryFile.text(for: merged, limit: limit), mode: 0o600) {
            return "\(path): \(problem.message)"
        }
        unsaved = []
        return nil
    }

    /// The file's entries followed by the new ones, never two equal lines in a row.
    static func merge(_ file: [String], _ new: [String]) -> [String] {
        var out = file
        for line in new where out.last != line { out.append(line) }
        return out
    }

    static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `mkdir -p` of the file's folder (mode 0700: history can hold sensitive queries).
    static func makeDirectories(for path: String) {
        var folder = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() {
            folder += "/" + part
            _ = mkdir(folder, 0o700)
        }
    }
}
