#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Environment {
    /// A file a command is about to read (`load`, `source`), resolved against the script's
    /// folder. Under `run --safe` a path leading outside the script's folder is refused here
    /// by name, for a message naming the command; what decides is the check of the opened
    /// file itself (`FileReader.confinement`), which no link switched in between can pass.
    public func readablePath(_ token: Token, command: String) throws(CommandError) -> String {
        let path = resolve(token.text)
        guard safe else { return path }
        guard let folder = safeFolder, let root = Environment.canonical(folder) else {
            throw CommandError("'\(command)' is refused in safe mode: no script folder to read from", at: token)
        }
        // A path that leads nowhere cannot be read at all; the read reports it.
        guard let target = Environment.canonical(path) else { return path }
        guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else {
            throw CommandError("'\(command)' is refused in safe mode: \(token.text) is outside the script's folder", at: token)
        }
        return path
    }

    /// The real path of the folder safe mode reads from (`FileReader.confinement`); `""`,
    /// which admits nothing, when there is none.
    var confinement: String { safeFolder.flatMap(Environment.canonical) ?? "" }

    /// The absolute path with links and `..` resolved; for a file that does not exist yet,
    /// its folder's resolved path plus its name.
    static func canonical(_ path: String) -> String? {
        if let full = realpath(path, nil) {
            defer { free(full) }
            return String(cString: full)
        }
        let folder = Script.folder(of: path) ?? "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name != "..", name != ".", let full = realpath(folder, nil) else { return nil }
        defer { free(full) }
        let base = String(cString: full)
        return (base == "/" ? "" : base) + "/" + name
    }
}
