import Foundation
import Testing
@testable import Parallax

/// The cache of large written scenarios: the model read back is the model parsed, field
/// for field, and `check` prints the same; a stale, truncated or damaged cache is
/// detected and rebuilt, never trusted.
@Suite struct ScenarioCacheTests {
    /// Every written scenario the tests hold: the seed, the test scenarios, the generated
    /// ones of the fuzz corpus (with every optional key, and warnings), YAML and JSON.
    static let scenarios = [
        "seeds/armenia-azerbaijan-2021-11.yaml",
        "Tests/Scenarios/hostile-report.yaml", "Tests/Scenarios/many-voices.yaml", "Fuzz/corpus/loader/warnings.yaml",
        "Tests/ParallaxTests/Scenarios/galwan-2020-06.yaml", "Tests/ParallaxTests/Scenarios/georgia-2008-08.json",
        "Tests/ParallaxTests/Scenarios/georgia-2008-08.yaml", "Tests/ParallaxTests/Scenarios/pulwama-balakot-2019.yaml",
        "Fuzz/corpus/loader/generated-12.yaml", "Fuzz/corpus/loader/generated-12.json", "Fuzz/corpus/loader/generated-2.json",
        "Fuzz/corpus/loader/generated-3.yaml", "Fuzz/corpus/loader/generated-6.yaml", "Fuzz/corpus/loader/minimal.yaml",
        "Fuzz/corpus/loader/range.yaml", "Fuzz/corpus/loader/seed.yaml",
    ]

    /// Every field of the model, and what the scenario derives from it (the index, the
    /// events' positions, the claims' links, the questions' ties), written out by
    /// reflection: a field added to an entity later is compared without a change here.
    static func fields(_ s: Scenario) -> String {
        var out = ""
        dump(s.formatVersion, to: &out); dump(s.info, to: &out); dump(s.path, to: &out)
        dump(s.sources.array, to: &out); dump(s.parties, to: &out); dump(s.actors, to: &out); dump(s.places, to: &out)
        dump(s.events.array, to: &out); dump(s.questions, to: &out); dump(s.claims.array, to: &out)
        dump(s.foundWarnings, to: &out); dump(s.warnings, to: &out); dump(s.claimLinks, to: &out)
        dump(s.index.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }, to: &out)
        dump(s.positionOfEvent.table.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }, to: &out)
        dump(s.tiedQuestion.map { "\($0.key) \($0.value)" }.sorted(), to: &out)
        return out
    }

    /// What `parallax check FILE` prints for the scenario's warnings, lines quoted.
    static func checkText(_ s: Scenario, text: String) -> String {
        LoadFailure(diagnostics: s.warnings, sourceText: text).rendered(carets: true)
    }

    /// Many views at the start, in the middle and at the end, naming the scenario's own
    /// parties, questions and claims.
    static func views(_ s: Scenario) -> [String] {
        let parties = s.parties.prefix(3).map(\.id).joined(separator: " ")
        var commands = ["where", "events all", "claims all", "figures all", "questions", "sources all", "parties", "actors",
                        "contacts all", "escalation", "narrative \(parties) all", "compare \(parties) all", "find a"]
        if let q = s.questions.first { commands.append("trace \(q.id) all") }
        for i in [0, s.claims.count / 2, s.claims.count - 1] where s.claims.indices.contains(i) { commands.append("show " + s.claims.id(i)) }
        return ["start", "goto #\(max(1, s.events.count / 2))", "end"].flatMap { setup in
            commands.map { ImportTests.run(setup + "; " + $0, on: s) }
        }
    }

    static func encoded(_ s: Scenario) throws -> Scenario {
        let (strings, model) = try #require(ScenarioCache.encode(s))
        return try strings.withUnsafeBytes { a in
            try model.withUnsafeBytes { b in try ScenarioCache.decode(strings: a, model: b, path: s.path) }
        }
    }

    @Test(arguments: scenarios)
    func theModelReadFromTheCacheIsTheModelParsed(path: String) throws {
        let parsed = try ScenarioLoader.load(path: Fixtures.root + "/" + path)
        let cached = try Self.encoded(parsed)
        #expect(Self.fields(cached) == Self.fields(parsed))
        let text = try String(contentsOfFile: Fixtures.root + "/" + path, encoding: .utf8)
        #expect(Self.checkText(cached, text: text) == Self.checkText(parsed, text: text))
        #expect(Self.views(cached) == Self.views(parsed))
    }

    /// A model the loader would refuse, written by another hand under good checksums: a
    /// reference to an entity of the wrong kind or to none, a claim known past the last
    /// event, a warning about a claim that is not there. The reader refuses each.
    @Test(arguments: 0..<8)
    func aModelTheLoaderWouldRefuseIsNotRead(forgery: Int) throws {
        let parsed = try ScenarioLoader.load(path: Fixtures.root + "/Fuzz/corpus/loader/generated-12.yaml")
        var claims = parsed.claims.array, events = parsed.events.array, actors = parsed.actors
        var forged = parsed
        switch forgery {
        case 0: claims[3].about = parsed.sources.id(0)
        case 1: claims[3].revises = parsed.events.id(2)
        case 2: claims[3].knownPosition = events.count + 1
        case 3: claims[3].by = "nobody"
        case 4: events[1].actors.append(parsed.places[0].id)
        case 5: events[1].sources = [parsed.parties[0].id]
        case 6: actors[0].party = actors[1].id
        default: forged.foundWarnings.append(.changedWithoutRevises(at: claims[0].location, claim: claims.count, earlier: 0,
                                                                     value: .yes, old: .no))
        }
        forged.claims = ClaimList(claims)
        forged.events = EventList(events)
        forged.actors = actors
        #expect(throws: CacheReader.Corrupt.self) { try Self.encoded(forged) }
        #expect(try Self.encoded(parsed).claims.count == parsed.claims.count)
    }

    /// The scenarios above hold both kinds of warning and every optional value an event or
    /// a claim can have, so the round trip above meets each of them.
    @Test func theCorpusHoldsEveryKindOfWarningAndValue() throws {
        let all = try Self.scenarios.map { try ScenarioLoader.load(path: Fixtures.root + "/" + $0) }
        let warnings = all.flatMap(\.foundWarnings)
        #expect(warnings.contains { if case .written = $0 { true } else { false } })
        #expect(warnings.contains { if case .changedWithoutRevises = $0 { true } else { false } })
        let events = all.flatMap(\.events.array), claims = all.flatMap(\.claims.array)
        #expect(events.contains { $0.time != nil } && events.contains { $0.order != nil } && events.contains { $0.date.end != nil })
        #expect(events.contains { $0.intensityOverride != nil } && events.contains(where: \.initiatorDisputed))
        #expect(claims.contains { $0.quote != nil } && claims.contains { $0.relayedBy != nil } && claims.contains { $0.revises != nil })
        #expect(claims.contains { if case .date? = $0.knownAt { true } else { false } })
        #expect(claims.contains { $0.answers.contains { $0.answer == .withheld } })
        #expect(claims.contains { $0.figures.contains { $0.values.contains { if case .atLeast = $0.value { true } else { false } } } })
    }

    // MARK: The cache file

    /// A private cache folder and a copy of a scenario made large enough to be cached (a
    /// comment at its end), removed afterwards.
    final class Place {
        let folder: String
        let file: String
        let text: String
        var options: ImportOptions { ImportOptions(cacheDirectory: folder + "/cache") }

        init(_ path: String = "Fuzz/corpus/loader/generated-12.yaml") throws {
            folder = NSTemporaryDirectory() + "parallax-scenario-cache-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            file = folder + "/" + (path as NSString).lastPathComponent
            var text = try String(contentsOfFile: Fixtures.root + "/" + path, encoding: .utf8)
            if path.hasSuffix(".yaml") {
                let line = "# " + String(repeating: "padding ", count: 12) + "\n"
                text += String(repeating: line, count: Thresholds.scenarioCacheBytes / line.utf8.count + 1)
            } else {
                text += String(repeating: " ", count: Thresholds.scenarioCacheBytes)
            }
            self.text = text
            try text.write(toFile: file, atomically: false, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        var cacheFile: String { EventCache.file(for: file, options)! }

        func open(_ options: ImportOptions? = nil) throws -> Scenario { try ScenarioFile.load(path: file, options: options ?? self.options) }

        /// The scenario the cache holds for the file as it is now, or nil when it is not valid.
        func cached() -> Scenario? {
            let bytes = Array(text.utf8)
            guard let stamp = ScenarioCache.stamp(file), stamp.size == bytes.count else { return nil }
            let expected = bytes.withUnsafeBytes { ScenarioCache.Header.expected(path: file, stamp: stamp, content: $0) }
            return ScenarioCache.read(cacheFile, expected: expected, path: file)
        }

        func damage(_ change: (inout Data) -> Void) throws {
            var data = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
            change(&data)
            try data.write(to: URL(fileURLWithPath: cacheFile))
        }

        /// The header, the string table and the model, as byte ranges of the cache file.
        func regions() throws -> (header: Range<Int>, strings: Range<Int>, model: Range<Int>) {
            let data = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
            let header = try #require(data.withUnsafeBytes { ScenarioCache.Header($0) })
            let strings = ScenarioCache.headerSize..<ScenarioCache.headerSize + Int(header.strings)
            return (0..<ScenarioCache.headerSize, strings, strings.upperBound..<data.count)
        }

        /// Recomputes the regions' checksums as the writer does, so that changed bytes pass them.
        static func resum(_ data: inout Data) throws {
            var header = try #require(data.withUnsafeBytes { ScenarioCache.Header($0) })
            let stringsEnd = ScenarioCache.headerSize + Int(header.strings)
            guard stringsEnd <= data.count else { return }
            header.stringsChecksum = data.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[ScenarioCache.headerSize..<stringsEnd])) }
            header.modelChecksum = data.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[stringsEnd...])) }
            data.replaceSubrange(0..<ScenarioCache.headerSize, with: header.bytes)
        }
    }

    @Test(arguments: ["Fuzz/corpus/loader/generated-12.yaml", "Fuzz/corpus/loader/generated-2.json", "Fuzz/corpus/loader/warnings.yaml"])
    func aSecondOpenReadsTheCacheAndChecksTheSame(path: String) throws {
        let place = try Place(path)
        #expect(place.cached() == nil)
        let first = try place.open()
        #expect(FileManager.default.fileExists(atPath: place.cacheFile))
        let cached = try #require(place.cached())
        #expect(Self.fields(cached) == Self.fields(first))
        #expect(Self.checkText(cached, text: place.text) == Self.checkText(first, text: place.text))
        let second = try place.open()
        #expect(Self.fields(second) == Self.fields(first))
        if path.contains("warnings") { #expect(second.warnings.count == 7) }
    }

    @Test func aSmallFileAFileWithErrorsNoCacheAndSafeModeUseNoCache() throws {
        let place = try Place()
        var off = place.options
        off.useCache = false
        _ = try place.open(off)
        #expect(!FileManager.default.fileExists(atPath: place.cacheFile))
        _ = try FileReader.$confinement.withValue(place.folder) { try place.open() }
        #expect(!FileManager.default.fileExists(atPath: place.cacheFile))
        // Safe mode does not read one either.
        _ = try place.open()
        try place.damage { data in
            // The model's title changed under matching checksums: only a reader of the cache shows it.
            let at = data.range(of: Data("Norland".utf8))
            if let at { data.replaceSubrange(at, with: Data("NORLAND".utf8)) }
            try! Place.resum(&data)
        }
        #expect(try place.open().info.title.hasPrefix("NORLAND"))
        // `load FILE` in a session passes the bytes it read (for its pin): the same cache.
        #expect(try ScenarioFile.open(bytes: Array(place.text.utf8), path: place.file, options: place.options).scenario.info.title.hasPrefix("NORLAND"))
        #expect(try FileReader.$confinement.withValue(place.folder) { try place.open() }.info.title.hasPrefix("Norland"))
        #expect(try place.open(off).info.title.hasPrefix("Norland"))

        let small = Place.smallCopy(of: "Fuzz/corpus/loader/generated-12.yaml", in: place.folder)
        _ = try ScenarioFile.load(path: small, options: place.options)
        #expect(!FileManager.default.fileExists(atPath: EventCache.file(for: small, place.options)!))

        let broken = place.folder + "/broken.yaml"
        try (place.text.replacingOccurrences(of: "phase: escalation", with: "phase: escalaton")).write(toFile: broken, atomically: false, encoding: .utf8)
        #expect(throws: LoadFailure.self) { try ScenarioFile.load(path: broken, options: place.options) }
        #expect(!FileManager.default.fileExists(atPath: EventCache.file(for: broken, place.options)!))
    }

    @Test func aTruncatedCacheIsRebuilt() throws {
        let place = try Place()
        let good = Self.fields(try place.open())
        let size = try Data(contentsOf: URL(fileURLWithPath: place.cacheFile)).count
        for keep in [0, 7, ScenarioCache.headerSize - 1, ScenarioCache.headerSize, size / 3, size / 2, size - 1] {
            try place.damage { $0 = $0.prefix(keep) }
            #expect(place.cached() == nil, "cut to \(keep) bytes")
            #expect(Self.fields(try place.open()) == good)
            #expect(place.cached() != nil, "rewritten after the cut to \(keep)")
        }
        // Bytes added after the end are no part of a cache either.
        try place.damage { $0.append(0) }
        #expect(place.cached() == nil)
    }

    /// The first and last byte of the magic and of each header field, and the start, a
    /// third, the middle and the end of the string table and of the model.
    @Test func aFlippedByteInAnyRegionIsCaught() throws {
        let place = try Place()
        let good = Self.fields(try place.open())
        let (_, strings, model) = try place.regions()
        var positions = stride(from: 0, to: ScenarioCache.headerSize, by: 8).flatMap { [$0, $0 + 7] }
        for r in [strings, model] {
            positions += [r.lowerBound, r.lowerBound + r.count / 3, (r.lowerBound + r.upperBound) / 2, r.upperBound - 1]
        }
        for at in Set(positions).sorted() {
            try place.damage { $0[at] ^= 0x01 }
            #expect(place.cached() == nil, "byte \(at) flipped")
            #expect(Self.fields(try place.open()) == good, "byte \(at) flipped")
        }
        #expect(place.cached() != nil)
    }

    /// Garbage under matching checksums (a buggy or hostile hand): the reader's own checks
    /// stand alone; whatever reads back is shown without a crash.
    @Test func garbageUnderAMatchingChecksumIsReadSafely() throws {
        let place = try Place()
        let good = Self.fields(try place.open())
        let original = try Data(contentsOf: URL(fileURLWithPath: place.cacheFile))
        try place.damage { try! Place.resum(&$0) }
        #expect(place.cached() != nil)
        let (_, strings, model) = try place.regions()
        for range in [strings, model] {
            let spread = stride(from: range.lowerBound, to: range.upperBound, by: max(1, range.count / 23))
            for at in Set(Array(spread) + [range.upperBound - 1]) {
                for value: UInt8 in [0xFF, 0x7F, 0x00] where original[at] != value {
                    try place.damage { data in
                        data = original
                        for k in at..<min(at + 4, range.upperBound) { data[k] = value }
                        try! Place.resum(&data)
                    }
                    if let read = place.cached() {
                        _ = Self.views(read)
                    } else {
                        #expect(Self.fields(try place.open()) == good, "byte \(at) set to \(value)")
                    }
                }
            }
        }
    }

    @Test func aChangedFileIsReadAgain() throws {
        let place = try Place()
        let original = Self.fields(try place.open())
        // Same size, same modification time, one digit of a figure changed: the hash of the
        // whole content tells.
        let stamp = try FileManager.default.attributesOfItem(atPath: place.file)[.modificationDate] as! Date
        let figure = try #require(place.text.range(of: "(wounded|captured|displaced): [0-8]", options: [.regularExpression, .backwards]))
        var edited = place.text
        let digit = edited.index(before: figure.upperBound)
        edited.replaceSubrange(digit..<figure.upperBound, with: String(UnicodeScalar(edited[digit].asciiValue! + 1)))
        #expect(edited.utf8.count == place.text.utf8.count && edited != place.text)
        try edited.write(toFile: place.file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: place.file)
        let reread = Self.fields(try place.open())
        #expect(reread != original)
        #expect(reread == Self.fields(try ScenarioLoader.load(path: place.file)))
        // A touched file (same bytes, a new time) is read again, and cached again.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: place.file)
        let before = try FileManager.default.attributesOfItem(atPath: place.cacheFile)[.systemFileNumber] as? Int
        #expect(Self.fields(try place.open()) == reread)
        #expect(try FileManager.default.attributesOfItem(atPath: place.cacheFile)[.systemFileNumber] as? Int != before)
    }

    /// A scenario's cache and an export's share the folder and the file name of a path;
    /// each format removes only its own older versions.
    @Test func writingACacheRemovesOnlyOlderScenarioCaches() throws {
        let place = try Place()
        let dir = place.folder + "/cache"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("PXSCENE0 an older format".utf8).write(to: URL(fileURLWithPath: dir + "/0123abc.pxc"))
        try Data(EventCache.magic + Array(" an export's".utf8)).write(to: URL(fileURLWithPath: dir + "/4567def.pxc"))
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: dir + "/mine.pxc"))
        _ = try place.open()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(names == ["4567def.pxc", "mine.pxc", (place.cacheFile as NSString).lastPathComponent])
    }
}

extension ScenarioCacheTests.Place {
    /// A copy of a scenario as it is (below the size a cache is written for).
    static func smallCopy(of path: String, in folder: String) -> String {
        let copy = folder + "/small-" + (path as NSString).lastPathComponent
        try? FileManager.default.copyItem(atPath: Fixtures.root + "/" + path, toPath: copy)
        return copy
    }
}
