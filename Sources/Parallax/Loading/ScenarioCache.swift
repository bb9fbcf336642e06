#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binary cache of large written scenarios (YAML or JSON), beside the exports' cache
/// (`EventCache`: the same folder, the same file name for the same path, so a path holds
/// one cache whatever it holds): a second open of an unchanged file reads the model the
/// loader built, field by field (`ModelWriter`, `ModelReader`), instead of parsing,
/// validating and resolving the text again. Only a file that loaded without error is
/// cached; its warnings are kept with it, so `check` prints them from the cache as from
/// the text (quoting the lines of the file, which is the same file).
///
/// The header says what the cache is valid for: this build of Parallax and the file's
/// absolute path, its size and modification time, and a hash of ALL its content (a
/// hand-edited file can change in a way that keeps its size within the same clock tick,
/// and hashing a few megabytes costs a millisecond or two, against the tens of
/// milliseconds the cache saves); then each region's length and checksum (the string
/// table, the model). A cache that fails a check, or does not read back whole, is
/// ignored and rewritten, never trusted in part.
enum ScenarioCache {
    static let magic: [UInt8] = Array("PXSCENE1".utf8)
    static let headerSize = 72

    /// The cached model of a file whose text is `bytes`, or the file loaded and then
    /// cached; a small file (below `Thresholds.scenarioCacheBytes`, where parsing costs
    /// little), `--no-cache` and safe mode load the text as it is.
    static func load(bytes: [UInt8], path: String, options: ImportOptions) throws(LoadFailure) -> Scenario {
        guard bytes.count >= Thresholds.scenarioCacheBytes, options.useCache, FileReader.confinement == nil,
              let stamp = stamp(path), stamp.size == bytes.count, let cachePath = EventCache.file(for: path, options) else {
            return try ScenarioLoader.load(bytes: bytes, path: path)
        }
        let expected = bytes.withUnsafeBytes { Header.expected(path: path, stamp: stamp, content: $0) }
        if let cached = read(cachePath, expected: expected, path: path) { return cached }
        let scenario = try ScenarioLoader.load(bytes: bytes, path: path)
        write(scenario, to: cachePath, header: expected, options)
        return scenario
    }

    /// A file's size and modification time (nanoseconds), as the export cache keys them.
    static func stamp(_ path: String) -> (size: Int, modified: Int)? {
        var info = stat()
        let ok = (RawText.bytes(of: path) + [0]).withUnsafeBufferPointer {
            stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &info) == 0
        }
        guard ok else { return nil }
        return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }

    /// What wrote a cache: the version, and on Linux the running binary's size and time, so
    /// that a rebuilt Parallax (whose loader may read the same text differently) does not
    /// trust the model an older build made.
    static let build: String = {
        var text = ParallaxVersion.string
        #if os(Linux)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            text += "\u{0}\(info.st_size)\u{0}\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        #endif
        return text
    }()

    struct Header: Equatable {
        var key: UInt64, size: UInt64, modified: UInt64, content: UInt64
        var strings: UInt64, stringsChecksum: UInt64, model: UInt64, modelChecksum: UInt64

        var fields: [UInt64] { [key, size, modified, content, strings, stringsChecksum, model, modelChecksum] }

        var bytes: [UInt8] {
            var out = ScenarioCache.magic
            for v in fields { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
            return out
        }

        /// The fields of `bytes` (a header's), nil without the magic.
        init?(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count >= ScenarioCache.headerSize, bytes.starts(with: ScenarioCache.magic) else { return nil }
            func at(_ k: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + 8 * k, as: UInt64.self)) }
            self.init(key: at(0), size: at(1), modified: at(2), content: at(3),
                      strings: at(4), stringsChecksum: at(5), model: at(6), modelChecksum: at(7))
        }

        init(key: UInt64, size: UInt64, modified: UInt64, content: UInt64,
             strings: UInt64 = 0, stringsChecksum: UInt64 = 0, model: UInt64 = 0, modelChecksum: UInt64 = 0) {
            (self.key, self.size, self.modified, self.content) = (key, size, modified, content)
            (self.strings, self.stringsChecksum, self.model, self.modelChecksum) = (strings, stringsChecksum, model, modelChecksum)
        }

        /// What the header of a cache of this file must say before its regions.
        static func expected(path: String, stamp: (size: Int, modified: Int), content: UnsafeRawBufferPointer) -> Header {
            let key = Array("\(ScenarioCache.build)\u{0}scenario\u{0}\(EventCache.absolute(path))".utf8).withUnsafeBytes { Checksum.of($0) }
            return Header(key: key, size: UInt64(stamp.size), modified: UInt64(bitPattern: Int64(stamp.modified)),
                          content: Checksum.of(content, seed: UInt64(content.count)))
        }

        /// The same file, this build: all but the regions' lengths and checksums agree.
        func isFor(_ expected: Header) -> Bool {
            (key, size, modified, content) == (expected.key, expected.size, expected.modified, expected.content)
        }
    }

    // MARK: Reading

    /// The model in the cache file at `cachePath`, or nil when there is none or it is not
    /// valid for the file as it is now.
    static func read(_ cachePath: String, expected: Header, path: String) -> Scenario? {
        guard case .success(let cache) = MappedFile.open(cachePath, sequential: true), cache.size >= headerSize else { return nil }
        return withExtendedLifetime(cache) { () -> Scenario? in
            let raw = UnsafeRawBufferPointer(cache.bytes)
            guard let header = Header(raw), header.isFor(expected),
                  header.strings <= UInt64(cache.size), header.model <= UInt64(cache.size),
                  UInt64(headerSize) + header.strings + header.model == UInt64(cache.size) else { return nil }
            let stringsEnd = headerSize + Int(header.strings)
            let strings = UnsafeRawBufferPointer(rebasing: raw[headerSize..<stringsEnd])
            let model = UnsafeRawBufferPointer(rebasing: raw[stringsEnd...])
            guard Checksum.of(strings) == header.stringsChecksum, Checksum.of(model) == header.modelChecksum else { return nil }
            return try? decode(strings: strings, model: model, path: path)
        }
    }

    /// The model from its two regions; throws when they do not read back whole.
    static func decode(strings: UnsafeRawBufferPointer, model: UnsafeRawBufferPointer, path: String) throws(CacheReader.Corrupt) -> Scenario {
        var s = CacheReader(strings)
        let n = try s.count()
        guard n <= strings.count else { throw CacheReader.Corrupt() }
        var table: [String] = []
        table.reserveCapacity(n)
        for _ in 0..<n { table.append(try s.inline()) }
        guard s.offset == strings.count else { throw CacheReader.Corrupt() }
        var reader = ModelReader(r: CacheReader(model), strings: table, path: path)
        let scenario = try reader.scenario()
        guard reader.r.offset == model.count else { throw CacheReader.Corrupt() }
        return scenario
    }

    // MARK: Writing

    /// The two regions of a model: the string table, then the model; nil when the model
    /// cannot be cached (a location in another file).
    static func encode(_ scenario: Scenario) -> (strings: [UInt8], model: [UInt8])? {
        var w = ModelWriter(path: scenario.path)
        w.scenario(scenario)
        guard !w.foreign else { return nil }
        var table = FactsWriter()
        table.count(w.stringCount)
        return (table.bytes + w.strings.bytes, w.body.bytes)
    }

    /// Writes the cache of a loaded scenario, quietly giving up if the folder cannot be
    /// written (a cache is a convenience: its absence only costs time).
    static func write(_ scenario: Scenario, to cachePath: String, header expected: Header, _ options: ImportOptions) {
        guard let dir = EventCache.directory(options), let (strings, model) = encode(scenario) else { return }
        var made = ""
        for part in dir.split(separator: "/") {
            made += "/" + part
            mkdir(made, 0o700)
        }
        var header = expected
        header.strings = UInt64(strings.count)
        header.stringsChecksum = strings.withUnsafeBytes { Checksum.of($0) }
        header.model = UInt64(model.count)
        header.modelChecksum = model.withUnsafeBytes { Checksum.of($0) }
        let temporary = cachePath + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = FileWriter.writeAll(header.bytes, to: fd) && FileWriter.writeAll(strings, to: fd) && FileWriter.writeAll(model, to: fd)
        close(fd)
        if !ok || rename(temporary, cachePath) != 0 { unlink(temporary) }
        EventCache.removeOtherVersions(in: dir, of: magic)
    }
}
