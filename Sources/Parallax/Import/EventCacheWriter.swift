#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EventCache {
    /// Writes the cache of an export while its model is being built: the string table's
    /// blocks are final once the rows are read (and are two thirds of the bytes), so they
    /// are written on the other core while the columns are put in sequence order; the
    /// rest follows. Columns go in their order, the header and directory last, into a
    /// temporary file renamed into place only when all of it is written. A cache is a
    /// convenience: any failure just leaves none.
    final class Writer {
        private let cachePath: String
        private let folder: String
        private let header: Header
        private var facts: [UInt8] = []
        private var fd: Int32 = -1
        private var temporary = ""
        /// Per column written: offset, length, checksum.
        private var entries: [UInt64] = []
        private var written = 0
        private var ok = true

        /// Nil when there is no cache folder.
        init?(for file: MappedFile, path: String, _ options: ImportOptions) {
            guard let cachePath = EventCache.file(for: path, options), let folder = EventCache.directory(options) else { return nil }
            (self.cachePath, self.folder) = (cachePath, folder)
            header = Header.expected(file, path: path, options)
        }

        /// Opens the temporary file, the facts placed after the directory: the columns follow.
        func begin(_ facts: Facts) {
            var made = ""
            for part in folder.split(separator: "/") {
                made += "/" + part
                mkdir(made, 0o700)
            }
            temporary = cachePath + ".tmp-\(getpid())"
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            ok = fd >= 0
            self.facts = EventCache.encode(facts)
            written = headerSize + ImportedRows.Column.allCases.count * entrySize
            ok = ok && lseek(fd, off_t(written), SEEK_SET) == off_t(written) && put(self.facts)
        }

        /// Writes the next columns, in order.
        func append(_ blocks: ArraySlice<UnsafeRawBufferPointer>) {
            for block in blocks where ok {
                ok = pad(to: (written + 7) & ~7)
                for v in [UInt64(written), UInt64(block.count), Checksum.of(block)] { entries.append(v) }
                ok = ok && put(block)
            }
        }

        /// Writes the header and directory once every column is written, and puts the file
        /// in place; else leaves none.
        func finish() {
            defer { fd = -1 }
            guard fd >= 0 else { return }
            var header = header
            var directory: [UInt8] = []
            for v in entries { withUnsafeBytes(of: v.littleEndian) { directory.append(contentsOf: $0) } }
            header.columns = UInt64(entries.count / 3)
            header.facts = UInt64(facts.count)
            header.checksum = (directory + facts).withUnsafeBytes { Checksum.of($0) }
            let head = header.bytes + directory
            ok = ok && entries.count == 3 * ImportedRows.Column.allCases.count
                && head.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == head.count
            close(fd)
            if !ok || rename(temporary, cachePath) != 0 { unlink(temporary) }
            removeOtherVersions(in: folder)
        }

        /// A writer let go of unfinished (the import failed, or was not cached) leaves no file.
        deinit {
            if fd >= 0 {
                close(fd)
                unlink(temporary)
            }
        }

        private func put(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { put($0) }
        }

        /// Writes a block as raw bytes: the columns' blocks are typed memory the model reads
        /// meanwhile on the other thread.
        private func put(_ block: UnsafeRawBufferPointer) -> Bool {
            guard FileWriter.writeAll(block, to: fd) else { return false }
            written += block.count
            return true
        }

        private func pad(to offset: Int) -> Bool {
            offset == written || put([UInt8](repeating: 0, count: offset - written))
        }
    }
}
