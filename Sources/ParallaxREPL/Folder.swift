#if canImport(Glibc)
import Glibc
#endif

/// Reading a folder for path completion.
enum Folder {
    /// The entries of `path` ("" is the current folder), each marked when it is a folder
    /// (following symbolic links); empty when it cannot be read.
    static func entries(_ path: String) -> [(name: String, isFolder: Bool)] {
        let folder = path.isEmpty ? "." : path
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var out: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_LNK) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = stat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            out.append((name, isFolder))
        }
        return out
    }
}
