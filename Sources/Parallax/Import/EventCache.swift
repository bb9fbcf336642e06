#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binary cache of opened exports, in `$XDG_CACHE_HOME/parallax/` (default
/// `~/.cache/parallax/`): a second open of the same file reads the mapped model back
/// instead of parsing and mapping every row again.
///
/// A cache file is found by the export's absolute path and holds, in a fixed header, what
/// it is valid for: Parallax's version and the import options, the export's size and
/// modification time, and a hash of its content (its first and last 64 KiB and 64 blocks
/// of 4 KiB spread evenly: hashing all of a 420 MB file on every open would cost more than
/// the cache saves). Then the length of the body, where its string table starts, and its
/// checksum. A cache whose header does not match, whose body is short or whose checksum
/// differs is ignored and rewritten: it is never trusted in part.
///
/// The body is the records (entities in model order), then the string table. Reading
/// checks the checksum as it decodes, a few hundred records behind, so the bytes are read
/// from memory once, and hands the pages it has passed back to the kernel: a million
/// rows' cache does not stay resident next to the model it became.
enum EventCache {
    static let magic: [UInt8] = Array("PXCACHE2".utf8)
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

    /// What a cache must have been written for: this version, these options, this file.
    static func key(_ path: String, _ options: ImportOptions) -> UInt64 {
        let text = "\(ParallaxVersion.string)\u{0}\(absolute(path))\u{0}\(options.skipBadRows)"
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

    /// The header's fields after the magic, in order.
    struct Header: Equatable {
        var key: UInt64, size: UInt64, modified: UInt64, content: UInt64
        var length: UInt64, table: UInt64, checksum: UInt64

        var bytes: [UInt8] {
            var out = EventCache.magic
            for v in [key, size, modified, content, length, table, checksum] {
                withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
            }
            return out
        }

        /// The fields of `bytes` (a header's), nil without the magic.
        init?(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count >= EventCache.headerSize, bytes.starts(with: EventCache.magic) else { return nil }
            func at(_ k: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + 8 * k, as: UInt64.self)) }
            self.init(key: at(0), size: at(1), modified: at(2), content: at(3), length: at(4), table: at(5), checksum: at(6))
        }

        init(key: UInt64, size: UInt64, modified: UInt64, content: UInt64, length: UInt64, table: UInt64, checksum: UInt64) {
            (self.key, self.size, self.modified, self.content) = (key, size, modified, content)
            (self.length, self.table, self.checksum) = (length, table, checksum)
        }

        /// What the header of a cache of `file` must say before its length, table and checksum.
        static func expected(_ file: MappedFile, path: String, _ options: ImportOptions) -> Header {
            Header(key: EventCache.key(path, options), size: UInt64(file.size),
                   modified: UInt64(bitPattern: Int64(file.modified)), content: contentHash(file.bytes),
                   length: 0, table: 0, checksum: 0)
        }
    }

    // MARK: Reading

    /// The cached import of `file`, or nil when there is none or it is not valid for the file
    /// as it is now.
    static func read(_ file: MappedFile, path: String, _ options: ImportOptions) -> ImportResult? {
        guard let cachePath = self.file(for: path, options), case .success(let cache) = MappedFile.open(cachePath),
              cache.size >= headerSize else { return nil }
        return withExtendedLifetime(cache) { () -> ImportResult? in
            let raw = UnsafeRawBufferPointer(cache.bytes)
            guard var header = Header(raw) else { return nil }
            let (length, table, checksum) = (header.length, header.table, header.checksum)
            (header.length, header.table, header.checksum) = (0, 0, 0)
            guard header == Header.expected(file, path: path, options), length == UInt64(cache.size - headerSize),
                  table <= length else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
            // Summed a little behind the decoder, while the bytes are still in the CPU's cache.
            var sum = Checksum(), summed = 0
            func sum(to end: Int) {
                let whole = end & ~(Checksum.block - 1)
                guard whole > summed else { return }
                sum.add(UnsafeRawBufferPointer(rebasing: body[summed..<whole]))
                summed = whole
                cache.release(below: headerSize + summed)
            }
            guard let result = try? decode(body, table: Int(table), path: path, passing: sum(to:)) else { return nil }
            sum.finish(UnsafeRawBufferPointer(rebasing: body[summed...]))
            return sum.value ^ (table &* Checksum.k1) == checksum ? result : nil
        }
    }

    /// Decodes a body whose string table starts at `table`; `passing` is told now and then how
    /// far the records have been read.
    static func decode(_ body: UnsafeRawBufferPointer, table: Int, path: String,
                       passing: (Int) -> Void) throws(CacheReader.Corrupt) -> ImportResult {
        var r = CacheReader(body)
        r.offset = table
        try r.readTable()
        r.offset = 0
        var remaining: Int { table - r.offset }
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: 1) }
        let shape = try r.choice(EventFileShape.self)
        let rows = try r.count(), skipped = try r.count(), repaired = try r.count()
        var firstSkipped: Diagnostic?
        if try r.u8() == 1 {
            let line = try r.count(), column = try r.count(), length = try r.count()
            firstSkipped = Diagnostic(SourceLocation(file: path, line: line, column: column), try r.string(), length: length)
        }
        let info = ScenarioInfo(id: try r.string(), title: try r.string(), summary: try r.optionalString(), asOf: nil)
        // Counts are checked against the bytes left (a record takes at least this many)
        // before anything is reserved for them.
        let sourceCount = try r.count()
        guard sourceCount <= remaining / 6 else { throw CacheReader.Corrupt() }
        var sources: [Source] = []
        sources.reserveCapacity(sourceCount)
        for _ in 0..<sourceCount {
            sources.append(Source(id: try r.string(), publisher: try r.string(), title: try r.string(), date: try r.date(),
                                  url: try r.optionalInline(), location: at(try r.count())))
            if sources.count & 1023 == 0 { passing(r.offset) }
        }
        let partyCount = try r.count()
        guard partyCount <= remaining / 4 else { throw CacheReader.Corrupt() }
        var parties: [Party] = []
        parties.reserveCapacity(partyCount)
        for _ in 0..<partyCount {
            parties.append(Party(id: try r.string(), name: try r.string(), role: try r.choice(PartyRole.self),
                                 location: at(try r.count())))
        }
        let actorCount = try r.count()
        guard actorCount <= remaining / 6 else { throw CacheReader.Corrupt() }
        var actors: [Actor] = []
        actors.reserveCapacity(actorCount)
        for _ in 0..<actorCount {
            actors.append(Actor(id: try r.string(), name: try r.string(), party: try r.string(), kind: try r.optionalString(),
                                title: try r.optionalString(), location: at(try r.count())))
        }
        let eventCount = try r.count()
        guard eventCount <= remaining / 15 else { throw CacheReader.Corrupt() }
        var events: [Event] = []
        events.reserveCapacity(eventCount)
        for _ in 0..<eventCount {
            let id = try r.inline(), start = try r.date()
            let end: PartialDate? = try r.u8() == 1 ? try r.date() : nil
            let phase = try r.choice(Phase.self), type = try r.choice(EventType.self)
            let eventActors = try r.sharedIds(), place = try r.optionalString(), title = try r.inline()
            let description = try r.optionalString()
            let intensity: Double? = try r.u8() == 1 ? try r.double() : nil
            let eventSources = try r.ids(), line = try r.count()
            var coverage: Coverage?
            if try r.u8() == 1 {
                coverage = Coverage(sources: Int32(clamping: try r.int()), mentions: Int32(clamping: try r.int()),
                                    articles: Int32(clamping: try r.int()), tone: Float(try r.double()))
            }
            // Made in place in the array (a value set after `init` would be copied in).
            events.append(Event(id: id, date: EventDate(start: start, end: end), time: nil, order: nil, phase: phase,
                                type: type, actors: eventActors, place: place, reportedBy: [], title: title,
                                description: description, intensityOverride: intensity, sources: eventSources,
                                location: at(line), coverage: coverage))
            if events.count & 1023 == 0 { passing(r.offset) }
        }
        let claimCount = try r.count()
        guard claimCount <= remaining / 9 else { throw CacheReader.Corrupt() }
        var claims: [Claim] = []
        claims.reserveCapacity(claimCount)
        // Through a buffer, the fields a claim takes from its event are read in place (an
        // array subscript would copy the whole event out first).
        try events.withUnsafeBufferPointer { (events) throws(CacheReader.Corrupt) in
            for _ in 0..<claimCount {
                let id = try r.inline()
                // The event it is about by position (its id and date are the event's own).
                let position = try r.count()
                guard position <= events.count else { throw CacheReader.Corrupt() }
                // By its event's first source (a GDELT row's article), or named.
                let by: String
                if try r.u8() == 1 {
                    guard position > 0, let first = events[position - 1].sources.first else { throw CacheReader.Corrupt() }
                    by = first
                } else {
                    by = try r.string()
                }
                let about = position > 0 ? events[position - 1].id : try r.inline()
                let madeOn: PartialDate? = try r.u8() == 1 ? try r.date() : nil
                // What a claim says is often its event's title: then written once, and shared.
                let says: String
                if try r.u8() == 1 {
                    guard position > 0 else { throw CacheReader.Corrupt() }
                    says = events[position - 1].title
                } else {
                    says = try r.inline()
                }
                let status = try r.choice(ClaimStatus.self), line = try r.count()
                var figures: [Figure] = []
                let nFigures = try r.count()
                for _ in 0..<nFigures {
                    let party = try r.optionalString()
                    var values: [(measure: Measure, value: FigureValue)] = []
                    let nValues = try r.count()
                    for _ in 0..<nValues {
                        let measure = try r.choice(Measure.self)
                        let low = try r.count(), kind = try r.u8()
                        let value: FigureValue
                        switch kind {
                        case 0: value = ImportFigures.count(low)
                        case 1:
                            let (high, overflow) = low.addingReportingOverflow(try r.count())
                            guard !overflow else { throw CacheReader.Corrupt() }
                            value = ImportFigures.count(low, high)
                        case 2: value = .atLeast(low)
                        default: throw CacheReader.Corrupt()
                        }
                        values.append((measure, value))
                    }
                    figures.append(Figure(party: party, values: values, note: try r.optionalString(), location: at(line)))
                }
                // Often its event's own list (a GDELT row's article), then shared.
                let claimSources: [String]
                if try r.u8() == 1 {
                    guard position > 0 else { throw CacheReader.Corrupt() }
                    claimSources = events[position - 1].sources
                } else {
                    claimSources = try r.ids()
                }
                // Known from its event, said on `made_on` or else on its event's date (as
                // `ImportBuilder.settle` sets them on a first open).
                let said = madeOn.map { EventDate(start: $0) } ?? (position > 0 ? events[position - 1].date : nil)
                claims.append(Claim(id: id, by: by, speaker: .source(by), about: about, madeOn: madeOn, said: said, knownAt: nil,
                                    says: says, quote: nil, status: status, answers: [], figures: figures, relayedBy: nil,
                                    confirms: [], denies: [], revises: nil, sources: claimSources, location: at(line),
                                    knownPosition: position, party: nil))
                if claims.count & 1023 == 0 { passing(r.offset) }
            }
        }
        guard r.offset == table else { throw CacheReader.Corrupt() }
        passing(table)
        let report = ImportReport(shape: shape, rows: rows, skipped: skipped, firstSkipped: firstSkipped,
                                  repaired: repaired, fromCache: true)
        // Events are written in sequence and claims with their settled positions: the
        // scenario is indexed once, and nothing is looked up twice.
        let scenario = Scenario(formatVersion: ScenarioLoader.formatVersion, info: info, sources: sources, parties: parties,
                                actors: actors, places: [], events: events, questions: [], claims: claims, path: path)
        return ImportResult(scenario: scenario, report: report)
    }

    // MARK: Writing

    /// Writes the cache of an import, quietly giving up if the folder cannot be written (a
    /// cache is a convenience: its absence only costs time).
    static func write(_ result: ImportResult, of file: MappedFile, path: String, _ options: ImportOptions) {
        guard let cachePath = self.file(for: path, options), let dir = directory(options) else { return }
        var made = ""
        for part in dir.split(separator: "/") {
            made += "/" + part
            mkdir(made, 0o700)
        }
        let temporary = cachePath + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        // The header is written last, over this space, once the body's length and sum are known.
        var ok = FileWriter.writeAll([UInt8](repeating: 0, count: headerSize), to: fd)
        var w = CacheWriter(fd: fd)
        if ok { encode(result, into: &w) }
        let (table, length, checksum) = w.finish()
        var header = Header.expected(file, path: path, options)
        (header.length, header.table, header.checksum) = (UInt64(length), UInt64(table), checksum)
        ok = ok && !w.failed && header.bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, headerSize, 0) == headerSize }
        close(fd)
        if !ok || rename(temporary, cachePath) != 0 { unlink(temporary) }
        removeOtherVersions(in: dir)
    }

    /// Deletes the cache files an earlier format wrote (`PXCACHE` and another version): no
    /// version reads them, and at a million rows each holds hundreds of megabytes. Files
    /// that do not start with the magic are not Parallax's and are left alone.
    static func removeOtherVersions(in dir: String) {
        guard let folder = opendir(dir) else { return }
        defer { closedir(folder) }
        let family = magic.prefix(7)
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
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

    /// Imports only: their events have no time, order or reporters, their claims are by
    /// sources, with figures and no answers or links (what the mappings make).
    static func encode(_ result: ImportResult, into w: inout CacheWriter) {
        let sc = result.scenario, report = result.report
        w.u8(UInt8(EventFileShape.allCases.firstIndex(of: report.shape)!))
        w.count(report.rows); w.count(report.skipped); w.count(report.repaired)
        if let d = report.firstSkipped {
            w.u8(1); w.count(d.location.line); w.count(d.location.column); w.count(d.length); w.string(d.message)
        } else {
            w.u8(0)
        }
        w.string(sc.info.id); w.string(sc.info.title); w.optionalString(sc.info.summary)
        w.count(sc.sources.count)
        sc.sources.array.withUnsafeBufferPointer { sources in
            for i in sources.indices {
                w.string(sources[i].id); w.string(sources[i].publisher); w.string(sources[i].title); w.date(sources[i].date)
                w.optionalInline(sources[i].url); w.count(sources[i].location.line)
                w.flushIfFull()
            }
        }
        w.count(sc.parties.count)
        for p in sc.parties {
            w.string(p.id); w.string(p.name); w.u8(UInt8(PartyRole.allCases.firstIndex(of: p.role)!)); w.count(p.location.line)
        }
        w.count(sc.actors.count)
        for a in sc.actors {
            w.string(a.id); w.string(a.name); w.string(a.party); w.optionalString(a.kind); w.optionalString(a.title)
            w.count(a.location.line)
        }
        w.count(sc.events.count)
        // Entities are read in place through buffers: `for e in sc.events` would copy (retain
        // and release) every field of each of a million events and claims.
        sc.events.array.withUnsafeBufferPointer { events in for i in events.indices { event(events[i], into: &w) } }
        w.count(sc.claims.count)
        let about = sc.claimLinks.about
        sc.claims.array.withUnsafeBufferPointer { claims in
            sc.events.array.withUnsafeBufferPointer { events in
                for i in claims.indices { claim(claims[i], about: about[i], events: events, into: &w) }
            }
        }
    }

    private static func event(_ e: borrowing Event, into w: inout CacheWriter) {
        w.inline(e.id); w.date(e.date.start)
        if let end = e.date.end { w.u8(1); w.date(end) } else { w.u8(0) }
        w.u8(UInt8(Phase.allCases.firstIndex(of: e.phase)!)); w.u8(UInt8(EventType.allCases.firstIndex(of: e.type)!))
        w.sharedIds(e.actors)
        w.optionalString(e.place); w.inline(e.title); w.optionalString(e.description)
        if let i = e.intensityOverride { w.u8(1); w.double(i) } else { w.u8(0) }
        w.ids(e.sources)
        w.count(e.location.line)
        if let c = e.coverage {
            w.u8(1); w.int(Int(c.sources)); w.int(Int(c.mentions)); w.int(Int(c.articles)); w.double(Double(c.tone))
        } else {
            w.u8(0)
        }
        w.flushIfFull()
    }

    private static func claim(_ c: borrowing Claim, about position: Int, events: UnsafeBufferPointer<Event>,
                          into w: inout CacheWriter) {
        w.inline(c.id)
        w.count(position)
        if position > 0, let first = events[position - 1].sources.first, first == c.by { w.u8(1) } else { w.u8(0); w.string(c.by) }
        if position == 0 { w.inline(c.about) }
        if let m = c.madeOn { w.u8(1); w.date(m) } else { w.u8(0) }
        if position > 0 && events[position - 1].title == c.says { w.u8(1) } else { w.u8(0); w.inline(c.says) }
        w.u8(UInt8(ClaimStatus.allCases.firstIndex(of: c.status)!)); w.count(c.location.line)
        w.count(c.figures.count)
        for f in c.figures {
            w.optionalString(f.party)
            w.count(f.values.count)
            for (measure, value) in f.values {
                w.u8(UInt8(Measure.allCases.firstIndex(of: measure)!))
                w.count(value.lowerBound)
                if let upper = value.upperBound {
                    if upper == value.lowerBound { w.u8(0) } else { w.u8(1); w.count(upper - value.lowerBound) }
                } else {
                    w.u8(2)
                }
            }
            w.optionalString(f.note)
        }
        if position > 0 && events[position - 1].sources == c.sources { w.u8(1) } else { w.u8(0); w.ids(c.sources) }
        w.flushIfFull()
    }
}
