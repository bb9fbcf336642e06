#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binary cache of opened exports, in `$XDG_CACHE_HOME/parallax/` (default
/// `~/.cache/parallax/`): a second open of the same file maps the import's columns
/// (`ImportedRows`) back in place instead of parsing and mapping every row again.
///
/// A cache file is found by the export's absolute path and holds, in a fixed header, what
/// it is valid for: Parallax's version and the import options, the export's size and
/// modification time, and a hash of its content (its first and last 64 KiB and 64 blocks
/// of 4 KiB spread evenly: hashing all of a 420 MB file on every open would cost more than
/// the cache saves). Then how many columns follow, the length of the facts (the report,
/// the scenario's description, its parties and actors) and the checksum of the directory
/// and the facts. The directory gives each column's offset, length and checksum; the
/// columns follow, each as the bytes it is in memory, padded with zeros to eight bytes.
/// A reopen checks the header, every checksum and that the columns agree with one another
/// (`ImportedRows.isConsistent`), then reads the columns where they are mapped: nothing is
/// made per row. A cache that fails any check is ignored and rewritten, never trusted in part.
enum EventCache {
    static let magic: [UInt8] = Array("PXCACHE3".utf8)
    static let headerSize = 64

    /// Where cache files go: the option, else the cache folder of `UserFiles`
    /// (`$XDG_CACHE_HOME/parallax`, default `~/.cache/parallax`).
    static func directory(_ options: ImportOptions) -> String? {
        options.cacheDirectory ?? UserFiles.current.cacheFolder
    }

    static func absolute(_ path: String) -> String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }

    /// The cache file of an export.
    static func file(for path: String, _ options: ImportOptions) -> String? {
        guard let dir = directory(options) else { return nil }
        let name = Array(absolute(path).utf8).withUnsafeBytes { Checksum.of($0) }
        return dir + "/" + String(name, radix: 16) + ".pxc"
    }

    /// What a cache must have been written for: this build (a rebuilt Parallax may map the
    /// same rows differently, see `ScenarioCache.build`), these options, this file.
    static func key(_ path: String, _ options: ImportOptions, build: String = ScenarioCache.build) -> UInt64 {
        let text = "\(build)\u{0}\(absolute(path))\u{0}\(options.skipBadRows)"
        return Array(text.utf8).withUnsafeBytes { Checksum.of($0) }
    }

    /// The sampled hash of the export's content (see the type's comment).
    static func contentHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let n = raw.count
        var h: UInt64 = UInt64(n)
        func mix(_ range: Range<Int>) {
            let r = range.clamped(to: 0..<n)
            h = Checksum.of(UnsafeRawBufferPointer(rebasing: raw[r]), seed: h)
        }
        mix(0..<65536)
        mix(max(0, n - 65536)..<n)
        if n > 1 << 20 {
            for k in 0..<64 {
                let at = (n / 64) * k
                mix(at..<at + 4096)
            }
        }
        return h
    }

    /// The header's fields, in order.
    struct Header: Equatable {
        var key: UInt64, size: UInt64, modified: UInt64, content: UInt64
        /// How many columns the directory lists, the facts' length, and the checksum of the
        /// directory and the facts.
        var columns: UInt64, facts: UInt64, checksum: UInt64

        var bytes: [UInt8] {
            var out = EventCache.magic
            for v in [key, size, modified, content, columns, facts, checksum] {
                withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
            }
            return out
        }

        /// The fields of `bytes` (a header's), nil without the magic.
        init?(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count >= EventCache.headerSize, bytes.starts(with: EventCache.magic) else { return nil }
            func at(_ k: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + 8 * k, as: UInt64.self)) }
            self.init(key: at(0), size: at(1), modified: at(2), content: at(3), columns: at(4), facts: at(5), checksum: at(6))
        }

        init(key: UInt64, size: UInt64, modified: UInt64, content: UInt64, columns: UInt64, facts: UInt64, checksum: UInt64) {
            (self.key, self.size, self.modified, self.content) = (key, size, modified, content)
            (self.columns, self.facts, self.checksum) = (columns, facts, checksum)
        }

        /// What the header of a cache of `file` must say before its counts and checksum.
        static func expected(_ file: MappedFile, path: String, _ options: ImportOptions) -> Header {
            Header(key: EventCache.key(path, options), size: UInt64(file.size),
                   modified: UInt64(bitPattern: Int64(file.modified)), content: contentHash(file.bytes),
                   columns: 0, facts: 0, checksum: 0)
        }
    }

    /// Bytes per column in the directory: offset, length, checksum.
    static let entrySize = 24

    // MARK: Reading

    /// The cached import of `file`, or nil when there is none or it is not valid for the file
    /// as it is now.
    static func read(_ file: MappedFile, path: String, _ options: ImportOptions) -> ImportResult? {
        guard let cachePath = self.file(for: path, options), case .success(let cache) = MappedFile.open(cachePath, sequential: false),
              cache.size >= headerSize else { return nil }
        let raw = UnsafeRawBufferPointer(cache.bytes)
        guard var header = Header(raw) else { return nil }
        let (columns, factsLength, checksum) = (header.columns, header.facts, header.checksum)
        (header.columns, header.facts, header.checksum) = (0, 0, 0)
        let count = ImportedRows.Column.allCases.count
        guard header == Header.expected(file, path: path, options), columns == UInt64(count),
              factsLength <= UInt64(cache.size) else { return nil }
        let directoryEnd = headerSize + count * entrySize, factsEnd = directoryEnd + Int(factsLength)
        guard factsEnd <= cache.size,
              Checksum.of(UnsafeRawBufferPointer(rebasing: raw[headerSize..<factsEnd])) == checksum else { return nil }
        // Each column where the directory says, in order, each summed; padding zero; nothing after.
        var blocks: [UnsafeRawBufferPointer] = []
        var expectedOffset = (factsEnd + 7) & ~7
        guard raw[factsEnd..<min(expectedOffset, cache.size)].allSatisfy({ $0 == 0 }) else { return nil }
        for (k, column) in ImportedRows.Column.allCases.enumerated() {
            func field(_ f: Int) -> UInt64 {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: headerSize + k * entrySize + 8 * f, as: UInt64.self))
            }
            let offset = field(0), length = field(1), sum = field(2)
            guard offset == UInt64(expectedOffset), length <= UInt64(cache.size - expectedOffset),
                  Int(length) % column.width == 0 else { return nil }
            let block = UnsafeRawBufferPointer(rebasing: raw[Int(offset)..<Int(offset) + Int(length)])
            guard Checksum.of(block) == sum else { return nil }
            blocks.append(block)
            let end = Int(offset) + Int(length)
            expectedOffset = (end + 7) & ~7
            guard expectedOffset <= cache.size || k == count - 1,
                  raw[end..<min(expectedOffset, cache.size)].allSatisfy({ $0 == 0 }) else { return nil }
        }
        guard expectedOffset == cache.size || (blocks.last.map { $0.baseAddress! + $0.count - raw.baseAddress! } == cache.size) else {
            return nil
        }
        var r = CacheReader(UnsafeRawBufferPointer(rebasing: raw[directoryEnd..<factsEnd]))
        guard let facts = try? decodeFacts(&r, path: path), r.offset == r.bytes.count else { return nil }
        let rows = ImportedRows(facts: .init(path: path, claimSuffix: facts.claimSuffix, seed: facts.seed), blocks: blocks, owner: cache)
        guard rows.isConsistent, rows.eventCount == rows.claimCount else { return nil }
        var scenario = Scenario(formatVersion: ScenarioLoader.formatVersion, info: facts.info, sources: [], parties: facts.parties,
                                actors: facts.actors, places: [], events: [], questions: [], claims: [], path: path)
        scenario.attach(rows)
        return ImportResult(scenario: scenario, report: facts.report)
    }

    /// What is not a column: the report, the description, the parties and actors.
    struct Facts {
        var report: ImportReport
        var info: ScenarioInfo
        var claimSuffix: String
        var seed: UInt64
        var parties: [Party]
        var actors: [Actor]
    }

    static func decodeFacts(_ r: inout CacheReader, path: String) throws(CacheReader.Corrupt) -> Facts {
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: 1) }
        let shape = try r.choice(EventFileShape.self)
        let rows = try r.count(), skipped = try r.count(), repaired = try r.count()
        var firstSkipped: Diagnostic?
        if try r.u8() == 1 {
            let line = try r.count(), column = try r.count(), length = try r.count()
            firstSkipped = Diagnostic(SourceLocation(file: path, line: line, column: column), try r.inline(), length: length)
        }
        let info = ScenarioInfo(id: try r.inline(), title: try r.inline(), summary: try r.optionalInline(), asOf: nil)
        let claimSuffix = try r.inline(), seed = try r.u64()
        let partyCount = try r.count()
        guard partyCount <= r.bytes.count - r.offset else { throw CacheReader.Corrupt() }
        var parties: [Party] = []
        for _ in 0..<partyCount {
            parties.append(Party(id: try r.inline(), name: try r.inline(), role: try r.choice(PartyRole.self), location: at(try r.count())))
        }
        let actorCount = try r.count()
        guard actorCount <= r.bytes.count - r.offset else { throw CacheReader.Corrupt() }
        var actors: [Actor] = []
        for _ in 0..<actorCount {
            actors.append(Actor(id: try r.inline(), name: try r.inline(), party: try r.inline(), kind: try r.optionalInline(),
                                title: try r.optionalInline(), location: at(try r.count())))
        }
        let report = ImportReport(shape: shape, rows: rows, skipped: skipped, firstSkipped: firstSkipped,
                                  repaired: repaired, fromCache: true)
        return Facts(report: report, info: info, claimSuffix: claimSuffix, seed: seed, parties: parties, actors: actors)
    }

    // MARK: Writing (see `Writer`)

    /// The facts as `decodeFacts` reads them.
    static func encode(_ facts: Facts) -> [UInt8] {
        var w = FactsWriter()
        let report = facts.report
        w.u8(UInt8(EventFileShape.allCases.firstIndex(of: report.shape)!))
        w.count(report.rows); w.count(report.skipped); w.count(report.repaired)
        if let d = report.firstSkipped {
            w.u8(1); w.count(d.location.line); w.count(d.location.column); w.count(d.length); w.inline(d.message)
        } else {
            w.u8(0)
        }
        w.inline(facts.info.id); w.inline(facts.info.title); w.optionalInline(facts.info.summary)
        w.inline(facts.claimSuffix); w.u64(facts.seed)
        w.count(facts.parties.count)
        for p in facts.parties {
            w.inline(p.id); w.inline(p.name); w.u8(UInt8(PartyRole.allCases.firstIndex(of: p.role)!)); w.count(p.location.line)
        }
        w.count(facts.actors.count)
        for a in facts.actors {
            w.inline(a.id); w.inline(a.name); w.inline(a.party); w.optionalInline(a.kind); w.optionalInline(a.title)
            w.count(a.location.line)
        }
        return w.bytes
    }

    /// Deletes the cache files an earlier format wrote (`PXCACHE` and another version): no
    /// version reads them, and at a million rows each holds hundreds of megabytes. Files
    /// that do not start with the magic are not Parallax's and are left alone. `magic`: the
    /// format just written (a scenario's cache, `PXSCENE`, has its own versions). Abandoned
    /// temporary files go too (`isAbandoned`).
    static func removeOtherVersions(in dir: String, of magic: [UInt8] = EventCache.magic) {
        guard let folder = opendir(dir) else { return }
        defer { closedir(folder) }
        let family = magic.prefix(7)
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if isAbandoned(name, in: dir) { unlink(dir + "/" + name) }
            guard name.hasSuffix(".pxc") else { continue }
            let path = dir + "/" + name
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            var head = [UInt8](repeating: 0, count: magic.count)
            let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            close(fd)
            if n == magic.count, head.starts(with: family), head != magic { unlink(path) }
        }
    }

    /// A cache a process was writing when it was killed (`NAME.pxc.tmp-PID`): hundreds of
    /// megabytes no one will finish. It is abandoned when that process is gone and the file
    /// has not changed for a minute.
    static func isAbandoned(_ name: String, in dir: String) -> Bool {
        guard let mark = name.firstRange(of: ".pxc.tmp-"), let pid = Int32(name[mark.upperBound...]), pid > 0,
              kill(pid, 0) != 0, errno == ESRCH else { return false }
        var info = stat()
        guard lstat(dir + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        #if os(Linux)
        let modified = info.st_mtim.tv_sec
        #else
        let modified = info.st_mtimespec.tv_sec
        #endif
        return time(nil) - modified >= 60
    }

}
