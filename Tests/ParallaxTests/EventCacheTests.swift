import Foundation
import Testing
@testable import Parallax

/// The binary cache: a second open reads it; a stale, truncated or damaged cache is
/// detected and rebuilt, never trusted.
@Suite struct EventCacheTests {
    /// A private cache folder and a private copy of an export, removed afterwards.
    final class Place {
        let folder: String
        let export: String
        var options: ImportOptions { ImportOptions(cacheDirectory: folder + "/cache") }

        init(_ name: String) throws {
            folder = NSTemporaryDirectory() + "parallax-cache-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            export = folder + "/" + name
            try FileManager.default.copyItem(atPath: ImportTests.data + name, toPath: export)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        var cacheFile: String { EventCache.file(for: export, options)! }

        func open() throws -> ImportResult { try #require(try EventImport.load(path: export, options: options)) }

        /// Changes the cache file's bytes.
        func damage(_ change: (inout Data) -> Void) throws {
            var data = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
            change(&data)
            try data.write(to: URL(fileURLWithPath: cacheFile))
        }
    }

    static let commands = ["events", "goto #7; show", "claims all", "parties", "sources", "figures all", "info"]

    static func views(_ sc: Scenario) -> [String] { commands.map { ImportTests.run($0, on: sc) } }

    /// On one core, and on two as a large export is (the halves read at once, and the string
    /// table written to the cache while the columns are put in order).
    @Test(arguments: ["gdelt2_events_sample.tsv", "gdelt1_events_sample.tsv", "ucdp_ged231_sample1000_from_uncertainUCDP.csv"],
          [Concurrently.Mode.never, .always])
    func aSecondOpenReadsTheCacheAndShowsTheSame(name: String, cores: Concurrently.Mode) throws {
        let place = try Place(name)
        let first = try Concurrently.$mode.withValue(cores) { try place.open() }
        #expect(!first.report.fromCache && FileManager.default.fileExists(atPath: place.cacheFile))
        // Nothing but the cache is left in the folder (no temporary file).
        let files = try FileManager.default.contentsOfDirectory(atPath: place.folder + "/cache")
        #expect(files == [(place.cacheFile as NSString).lastPathComponent])
        let second = try place.open()
        #expect(second.report.fromCache)
        #expect(second.report.rows == first.report.rows && second.report.repaired == first.report.repaired)
        #expect(Self.views(second.scenario) == Self.views(first.scenario))
        #expect(second.scenario.events.map(\.coverage) == first.scenario.events.map(\.coverage))
    }

    /// A format change leaves no orphan: writing a cache removes the files of other versions
    /// from the folder, and nothing that is not a Parallax cache.
    @Test func writingACacheRemovesThoseOfOtherVersions() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        let dir = place.folder + "/cache"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("PXCACHE1 an older format".utf8).write(to: URL(fileURLWithPath: dir + "/0123abc.pxc"))
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: dir + "/mine.pxc"))
        try Data("PXCACHE1 but not named as a cache".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        _ = try place.open()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(names == ["mine.pxc", "notes.txt", (place.cacheFile as NSString).lastPathComponent])
        _ = try place.open()
        #expect(FileManager.default.fileExists(atPath: place.cacheFile))
    }

    /// What a killed first open leaves (`NAME.pxc.tmp-PID`) is removed by the next cache
    /// written there, once its process is gone and it has sat a minute; a file still being
    /// written (a live process, or changed just now) is left alone.
    @Test func aCacheHalfWrittenByAKilledProcessIsRemoved() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        let dir = place.folder + "/cache"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var gone: Int32 = 4_194_000
        while kill(gone, 0) == 0 || errno != ESRCH { gone += 1 }
        let old = Date(timeIntervalSinceNow: -3600)
        for (name, modified) in [("abc.pxc.tmp-\(gone)", old), ("def.pxc.tmp-\(gone)", Date()), ("ghi.pxc.tmp-\(getpid())", old)] {
            try Data("half a cache".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: dir + "/" + name)
        }
        _ = try place.open()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(names == ["def.pxc.tmp-\(gone)", "ghi.pxc.tmp-\(getpid())", (place.cacheFile as NSString).lastPathComponent])
    }

    /// A cache folder that cannot be made (a file stands where it would go) costs only the
    /// cache: the export opens, on one core and on two, and the file there is untouched.
    @Test func anUnwritableCacheFolderStillOpensTheExport() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        let blocker = place.folder + "/blocker"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        let good = Self.views(try place.open().scenario)
        for cores in [Concurrently.Mode.never, .always] {
            let opened = try Concurrently.$mode.withValue(cores) {
                try #require(try EventImport.load(path: place.export, options: ImportOptions(cacheDirectory: blocker + "/cache")))
            }
            #expect(!opened.report.fromCache && Self.views(opened.scenario) == good)
        }
        #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "not a folder")
    }

    /// A first open that fails (bad rows) writes nothing: no cache, no temporary file.
    @Test func aFailedOpenLeavesNoFile() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        var lines = try String(contentsOfFile: place.export, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[5] = lines[5].replacingOccurrences(of: "\t", with: " ", options: [], range: nil)[...]
        try lines.joined(separator: "\n").write(toFile: place.export, atomically: true, encoding: .utf8)
        for cores in [Concurrently.Mode.never, .always] {
            #expect(throws: LoadFailure.self) { try Concurrently.$mode.withValue(cores) { try place.open() } }
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: place.folder + "/cache")) ?? []
        #expect(files.isEmpty)
    }

    @Test func aTruncatedCacheIsRebuilt() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        let good = Self.views(try place.open().scenario)
        let size = try Data(contentsOf: URL(fileURLWithPath: place.cacheFile)).count
        for keep in [0, 7, EventCache.headerSize - 1, EventCache.headerSize, size / 2, size - 1] {
            try place.damage { $0 = $0.prefix(keep) }
            let r = try place.open()
            #expect(!r.report.fromCache, "cut to \(keep) bytes")
            #expect(Self.views(r.scenario) == good)
            #expect(try place.open().report.fromCache, "rewritten after the cut to \(keep)")
        }
    }

    @Test func aCacheWithAFlippedByteIsRebuilt() throws {
        let place = try Place("ucdp_ged231_ARM_AZE_rows.csv")
        let good = Self.views(try place.open().scenario)
        let size = try Data(contentsOf: URL(fileURLWithPath: place.cacheFile)).count
        // Every byte of the header, and a spread of the body.
        let positions = Array(0..<EventCache.headerSize) + Array(stride(from: EventCache.headerSize, to: size, by: max(1, size / 97))) + [size - 1]
        for at in positions {
            try place.damage { $0[at] ^= 0x20 }
            let r = try place.open()
            #expect(!r.report.fromCache, "byte \(at) flipped")
            #expect(Self.views(r.scenario) == good, "byte \(at) flipped")
        }
    }

    /// The regions of a cache file: the header, the directory, the facts, and each column's
    /// bytes (half-open ranges of byte offsets), as the directory gives them.
    static func regions(_ data: Data) throws -> (directory: Range<Int>, facts: Range<Int>, columns: [Range<Int>]) {
        let header = try #require(data.withUnsafeBytes { EventCache.Header($0) })
        let count = Int(header.columns)
        let directory = EventCache.headerSize..<EventCache.headerSize + count * EventCache.entrySize
        let facts = directory.upperBound..<directory.upperBound + Int(header.facts)
        let columns = (0..<count).map { k -> Range<Int> in
            data.withUnsafeBytes { raw in
                let at = directory.lowerBound + k * EventCache.entrySize
                let offset = Int(raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
                return offset..<offset + Int(raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            }
        }
        return (directory, facts, columns)
    }

    /// Recomputes every checksum as the writer does, so that changed bytes pass them.
    static func resum(_ data: inout Data) throws {
        let (directory, facts, columns) = try regions(data)
        for (k, range) in columns.enumerated() {
            let sum = data.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[range])) }
            withUnsafeBytes(of: sum.littleEndian) { data.replaceSubrange(directory.lowerBound + k * EventCache.entrySize + 16 ..< directory.lowerBound + k * EventCache.entrySize + 24, with: $0) }
        }
        var header = try #require(data.withUnsafeBytes { EventCache.Header($0) })
        header.checksum = data.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[directory.lowerBound..<facts.upperBound])) }
        data.replaceSubrange(0..<EventCache.headerSize, with: header.bytes)
    }

    /// Every region of the file: each header field, the directory, the facts, and the
    /// start, middle and end of every column (events, claims, sources, strings, id tables).
    @Test func aFlippedByteInAnyRegionIsCaught() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        let good = Self.views(try place.open().scenario)
        let data = try Data(contentsOf: URL(fileURLWithPath: place.cacheFile))
        let (directory, facts, columns) = try Self.regions(data)
        #expect(columns.count == ImportedRows.Column.allCases.count && columns.last?.upperBound == data.count)
        // The first and last byte of the magic and of each header field.
        var positions = stride(from: 0, to: EventCache.headerSize, by: 8).flatMap { [$0, $0 + 7] }
        for r in [directory, facts] + columns where !r.isEmpty {
            positions += [r.lowerBound, r.lowerBound + r.count / 3, (r.lowerBound + r.upperBound) / 2, r.upperBound - 1]
        }
        for at in Set(positions).sorted() {
            try place.damage { $0[at] ^= 0x01 }
            let r = try place.open()
            #expect(!r.report.fromCache, "byte \(at) of \(data.count) flipped")
            #expect(Self.views(r.scenario) == good, "byte \(at) flipped")
        }
        #expect(try place.open().report.fromCache)
    }

    /// Garbage under matching checksums (written by a buggy or hostile hand): the reader's
    /// own checks stand alone, and a number out of range in any column is a rebuild, never a
    /// crash or a read out of bounds.
    @Test func garbageUnderAMatchingChecksumIsReadSafely() throws {
        let place = try Place("gdelt2_events_sample.tsv")
        let good = Self.views(try place.open().scenario)
        let original = try Data(contentsOf: URL(fileURLWithPath: place.cacheFile))
        // The checksums are recomputed as the writer does: an unchanged file still reads.
        try place.damage { try! Self.resum(&$0) }
        #expect(try place.open().report.fromCache)
        let (_, facts, columns) = try Self.regions(original)
        for range in [facts] + columns where !range.isEmpty {
            for at in Set([range.lowerBound, range.lowerBound + range.count / 2, range.upperBound - 1]) {
                for value: UInt8 in [0xFF, 0x7F, 0x00] where original[at] != value {
                    try place.damage { data in
                        data = original
                        // Four bytes make a number far out of range wherever they start.
                        for k in at..<min(at + 4, range.upperBound) { data[k] = value }
                        try! Self.resum(&data)
                    }
                    let r = try place.open()
                    if !r.report.fromCache { #expect(Self.views(r.scenario) == good, "byte \(at) set to \(value)") }
                    // Read whole either way: every view of every row.
                    _ = Self.views(r.scenario)
                }
            }
        }
    }

    /// The checksum changes when any one bit of the body changes, wherever it is (each lane,
    /// each word, the tail), and when the body is cut.
    @Test func theChecksumSeesEveryBitAndEveryLength() {
        var bytes = (0..<203).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let sum = bytes.withUnsafeBytes { Checksum.of($0) }
        for at in bytes.indices {
            for bit in 0..<8 {
                bytes[at] ^= 1 << bit
                #expect(bytes.withUnsafeBytes { Checksum.of($0) } != sum, "byte \(at) bit \(bit)")
                bytes[at] ^= 1 << bit
            }
        }
        let prefixes = Set((0...bytes.count).map { n in bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } })
        #expect(prefixes.count == bytes.count + 1)
        // Summed in blocks as the writer does, the same as at once.
        var running = Checksum()
        bytes.withUnsafeBytes { b in
            running.add(UnsafeRawBufferPointer(rebasing: b[0..<64]))
            running.add(UnsafeRawBufferPointer(rebasing: b[64..<160]))
            running.finish(UnsafeRawBufferPointer(rebasing: b[160...]))
        }
        #expect(running.value == sum)
    }

    @Test func aChangedExportIsReadAgain() throws {
        let place = try Place("ucdp_ged231_ARM_AZE_rows.csv")
        _ = try place.open()
        // Same size, same modification time, different content: the content hash tells.
        let original = try Data(contentsOf: URL(fileURLWithPath: place.export))
        let stamp = try FileManager.default.attributesOfItem(atPath: place.export)[.modificationDate] as! Date
        var edited = original
        let at = edited.range(of: Data("2020-09-30,1,0,0,0,1,1,1".utf8))!.lowerBound
        edited.replaceSubrange(at..<at + 24, with: Data("2020-09-30,7,0,0,0,7,7,7".utf8))
        try edited.write(to: URL(fileURLWithPath: place.export))
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: place.export)
        let r = try place.open()
        #expect(!r.report.fromCache)
        #expect(r.scenario.claim("ucdp-376126-ucdp")?.figures.first?.value(of: .killed) == .exact(7))
        // A touched file (same bytes, new time) is read again too.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: place.export)
        #expect(!(try place.open().report.fromCache))
        #expect(try place.open().report.fromCache)
    }

    /// A rebuilt Parallax may map the same rows otherwise (a fixed mapping, a new field): a
    /// cache another build wrote, whole and with good checksums, is read again, not trusted.
    @Test func aCacheAnotherBuildWroteIsReadAgain() throws {
        let place = try Place("ucdp_ged231_ARM_AZE_rows.csv")
        _ = try place.open()
        #expect(try place.open().report.fromCache)
        let other = EventCache.key(place.export, place.options, build: ScenarioCache.build + " (another build)")
        try place.damage { data in
            withUnsafeBytes(of: other.littleEndian) { data.replaceSubrange(8..<16, with: $0) }
        }
        #expect(!(try place.open().report.fromCache))
        #expect(try place.open().report.fromCache)
    }

    @Test func noCacheNeitherReadsNorWritesAndOptionsKeyTheCache() throws {
        let place = try Place("ucdp_ged231_ARM_AZE_rows.csv")
        var off = place.options
        off.useCache = false
        _ = try EventImport.load(path: place.export, options: off)
        #expect(!FileManager.default.fileExists(atPath: place.cacheFile))
        _ = try place.open()
        var skipping = place.options
        skipping.skipBadRows = true
        #expect(!(try EventImport.load(path: place.export, options: skipping)!.report.fromCache))
        #expect(try EventImport.load(path: place.export, options: off)?.report.fromCache == false)
    }
}
