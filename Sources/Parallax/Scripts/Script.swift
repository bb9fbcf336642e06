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
        var text = text
        self.path = path
        lines = text.withUTF8 { Script.lines(of: $0) }
    }

    init(path: String, bytes: [UInt8]) {
        self.path = path
        lines = bytes.withUnsafeBufferPointer { Script.lines(of: $0) }
    }

    /// Splits on the bytes (a 10,000-line replay should not pay for grapheme breaking),
    /// dropping a CR before each LF, the empty line after the last LF and a leading BOM.
    /// Each line is decoded on its own (a line feed ends any broken UTF-8 sequence); a bad
    /// byte is kept as its `RawText` stand-in, so a file name that is not UTF-8 still opens.
    static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var lines: [String] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
            let end = i > start && bytes[i - 1] == UInt8(ascii: "\r") ? i - 1 : i
            lines.append(RawText.decode(UnsafeBufferPointer(rebasing: bytes[start..<end])))
            start = i + 1
        }
        if lines.last == "" { lines.removeLast() }
        if let first = lines.first, first.utf8.starts(with: [0xEF, 0xBB, 0xBF]) {
            lines[0] = String(Substring(first.utf8.dropFirst(3)))
        }
        return lines
    }

    /// Reads a script file; a missing or unreadable file is a located diagnostic.
    public static func read(_ path: String) -> Result<Script, Diagnostic> {
        // Read as a script, a scenario is a line of errors per line of YAML: tens of
        // thousands of "unknown command" for a slip between `load` and `source`.
        let lower = path.lowercased()
        if [".yaml", ".yml", ".json", ".csv", ".tsv"].contains(where: { lower.hasSuffix($0) }) {
            return .failure(Diagnostic(SourceLocation(file: path, line: 1, column: 1),
                                       "is a scenario or data file, not a script: 'load \(Lexer.quotedIfNeeded(path))' opens it in a session, 'parallax \(Lexer.quotedIfNeeded(path))' in the REPL"))
        }
        switch FileReader.contents(of: path) {
        case .failure(let d): return .failure(d)
        case .success(let bytes):
            var script = Script(path: path, bytes: bytes)
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
