#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A saved exploration (`*.px`): the lines an analyst would type, run in order by
/// `ScriptRunner`. Paths stay as the user gave them, so transcripts and messages never
/// show an absolute path the user did not write.
public struct Script: Sendable {
    /// The path as given (or as built from the including script's folder).
    public var path: String
    /// The lines, without their line ends; line 1 is `lines[0]`.
    public var lines: [String]
    /// Which file this is on disk, to tell a cycle of `source`s from two files of one name.
    var identity: FileIdentity?

    public init(path: String, text: String) {
        self.path = path
        // Split on the bytes: a 10,000-line replay should not pay for grapheme breaking.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line))
        }
        if lines.last == "" { lines.removeLast() }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        self.lines = lines
    }

    /// Reads a script file; a missing or unreadable file is a located diagnostic.
    public static func read(_ path: String) -> Result<Script, Diagnostic> {
        switch FileReader.contents(of: path) {
        case .failure(let d): return .failure(d)
        case .success(let bytes):
            var script = Script(path: path, text: String(decoding: bytes, as: UTF8.self))
            script.identity = FileIdentity(path: path)
            return .success(script)
        }
    }

    /// "cannot read x.px: no such file" from a reader's diagnostic.
    static func problem(reading path: String, _ d: Diagnostic) -> String {
        let prefix = "cannot read: "
        return d.message.hasPrefix(prefix) ? "cannot read \(path): " + d.message.dropFirst(prefix.count) : "\(path) \(d.message)"
    }

    /// The folder relative paths inside the script resolve against; nil for the current one.
    public var folder: String? { Script.folder(of: path) }

    static func folder(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}

/// A file's device and inode: the same file however the path to it was spelt.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
