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
/// the cache saves). Then the length and checksum of the body. A cache whose header does not
/// match, whose body is short or whose checksum differs is ignored and rewritten: it is
/// never trusted in part.
enum EventCache {
    static let magic: [UInt8] = Array("PXCACHE1".utf8)
    static let headerSize = 56

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

    static func header(key: UInt64, file: MappedFile, body: UnsafeRawBufferPointer) -> [UInt8] {
        var w = CacheWriter()
        w.bytes = magic
        for v in [key, UInt64(file.size), UInt64(bitPattern: Int64(file.modified)), contentHash(file.bytes),
                  UInt64(body.count), Checksum.of(body)] { w.u64(v) }
        return w.bytes
    }

    // MARK: Reading

    /// The cached import of `file`, or nil when there is none or it is not valid for the file
    /// as it is now.
    static func read(_ file: MappedFile, path: String, _ options: ImportOptions) -> ImportResult? {
        guard let cachePath = self.file(for: path, options), case .success(let cache) = MappedFile.open(cachePath),
              cache.size >= headerSize else { return nil }
        return withExtendedLifetime(cache) { () -> ImportResult? in
            let raw = UnsafeRawBufferPointer(cache.bytes)
            guard Array(raw[0..<8]) == magic else { return nil }
            var r = CacheReader(UnsafeRawBufferPointer(rebasing: raw[8..<headerSize]))
            guard let key = try? r.u64(), key == self.key(path, options),
                  let size = try? r.u64(), size == UInt64(file.size),
                  let modified = try? r.u64(), modified == UInt64(bitPattern: Int64(file.modified)),
                  let content = try? r.u64(), content == contentHash(file.bytes),
                  let length = try? r.u64(), length == UInt64(cache.size - headerSize),
                  let sum = try? r.u64() else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
            guard Checksum.of(body) == sum else { return nil }
            return try? decode(body, path: path)
        }
    }

    static func decode(_ body: UnsafeRawBufferPointer, path: String) throws(CacheReader.Corrupt) -> ImportResult {
        var r = CacheReader(body)
        try r.readTable()
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: 1) }
        let shape = try r.choice(EventFileShape.self)
        let rows = try r.count(), skipped = try r.count(), repaired = try r.count()
        var firstSkipped: Diagnostic?
        if try r.u8() == 1 {
            let line = try r.count(), column = try r.count(), length = try r.count()
            firstSkipped = Diagnostic(SourceLocation(file: path, line: line, column: column), try r.string(), length: length)
        }
        let info = ScenarioInfo(id: try r.string(), title: try r.string(), summary: try r.optionalString(), asOf: nil)
        var b = ImportBuilder(path: path)
        let sources = try r.count()
        for _ in 0..<sources {
            b.sources.append(Source(id: try r.inline(), publisher: try r.string(), title: try r.string(), date: try r.date(),
                                    url: try r.optionalInline(), location: at(try r.count())))
        }
        let parties = try r.count()
        for _ in 0..<parties {
            b.parties.append(Party(id: try r.string(), name: try r.string(), role: try r.choice(PartyRole.self),
                                   location: at(try r.count())))
        }
        let actors = try r.count()
        for _ in 0..<actors {
            b.actors.append(Actor(id: try r.string(), name: try r.string(), party: try r.string(), kind: try r.optionalString(),
                                  title: try r.optionalString(), location: at(try r.count())))
        }
        let events = try r.count()
        guard events <= body.count else { throw CacheReader.Corrupt() }
        b.events.reserveCapacity(events)
        for _ in 0..<events {
            let id = try r.inline(), start = try r.date()
            let end: PartialDate? = try r.u8() == 1 ? try r.date() : nil
            let phase = try r.choice(Phase.self), type = try r.choice(EventType.self)
            let eventActors = try r.ids(), place = try r.optionalString(), title = try r.inline()
            let description = try r.optionalString()
            let intensity: Double? = try r.u8() == 1 ? try r.double() : nil
            let eventSources = try r.ids(), line = try r.count()
            var e = Event(id: id, date: EventDate(start: start, end: end), time: nil, order: nil, phase: phase, type: type,
                          actors: eventActors, place: place, reportedBy: [], title: title, description: description,
                          intensityOverride: intensity, sources: eventSources, location: at(line))
            if try r.u8() == 1 {
                e.coverage = Coverage(sources: Int32(clamping: try r.int()), mentions: Int32(clamping: try r.int()),
                                      articles: Int32(clamping: try r.int()), tone: Float(try r.double()))
            }
            b.events.append(e)
        }
        var titles: [String: String] = [:]
        titles.reserveCapacity(b.events.count)
        for e in b.events { titles[e.id] = e.title }
        let claims = try r.count()
        guard claims <= body.count else { throw CacheReader.Corrupt() }
        b.claims.reserveCapacity(claims)
        for _ in 0..<claims {
            let id = try r.inline(), by = try r.string(), about = try r.inline()
            let madeOn: PartialDate? = try r.u8() == 1 ? try r.date() : nil
            // What a claim says is often its event's title: then written once, and shared.
            let says: String
            if try r.u8() == 1 {
                guard let e = titles[about] else { throw CacheReader.Corrupt() }
                says = e
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
                    case 1: value = ImportFigures.count(low, low + (try r.count()))
                    case 2: value = .atLeast(low)
                    default: throw CacheReader.Corrupt()
                    }
                    values.append((measure, value))
                }
                figures.append(Figure(party: party, values: values, note: try r.optionalString(), location: at(line)))
            }
            let claimSources = try r.ids()
            b.claims.append(Claim(id: id, by: by, speaker: .source(by), about: about, madeOn: madeOn, knownAt: nil, says: says,
                                  quote: nil, status: status, answers: [], figures: figures, relayedBy: nil, confirms: [],
                                  denies: [], revises: nil, sources: claimSources, location: at(line), knownPosition: 0,
                                  party: nil))
        }
        guard r.offset == body.count else { throw CacheReader.Corrupt() }
        let report = ImportReport(shape: shape, rows: rows, skipped: skipped, firstSkipped: firstSkipped,
                                  repaired: repaired, fromCache: true)
        return ImportResult(scenario: b.build(info: info), report: report)
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
        let body = encode(result)
        var bytes = body.withUnsafeBytes { header(key: key(path, options), file: file, body: $0) }
        bytes += body
        let temporary = cachePath + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = FileWriter.writeAll(bytes, to: fd)
        close(fd)
        if !ok || rename(temporary, cachePath) != 0 { unlink(temporary) }
    }

    /// Imports only: their events have no time, order or reporters, their claims are by
    /// sources, with figures and no answers or links (what the mappings make).
    static func encode(_ result: ImportResult) -> [UInt8] {
        var w = CacheWriter()
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
        for s in sc.sources {
            w.inline(s.id); w.string(s.publisher); w.string(s.title); w.date(s.date); w.optionalInline(s.url); w.count(s.location.line)
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
        for e in sc.events {
            w.inline(e.id); w.date(e.date.start)
            if let end = e.date.end { w.u8(1); w.date(end) } else { w.u8(0) }
            w.u8(UInt8(Phase.allCases.firstIndex(of: e.phase)!)); w.u8(UInt8(EventType.allCases.firstIndex(of: e.type)!))
            w.count(e.actors.count); for a in e.actors { w.string(a) }
            w.optionalString(e.place); w.inline(e.title); w.optionalString(e.description)
            if let i = e.intensityOverride { w.u8(1); w.double(i) } else { w.u8(0) }
            w.count(e.sources.count); for s in e.sources { w.string(s) }
            w.count(e.location.line)
            if let c = e.coverage {
                w.u8(1); w.int(Int(c.sources)); w.int(Int(c.mentions)); w.int(Int(c.articles)); w.double(Double(c.tone))
            } else {
                w.u8(0)
            }
        }
        w.count(sc.claims.count)
        for c in sc.claims {
            w.inline(c.id); w.string(c.by); w.inline(c.about)
            if let m = c.madeOn { w.u8(1); w.date(m) } else { w.u8(0) }
            if let e = sc.event(c.about), e.title == c.says { w.u8(1) } else { w.u8(0); w.inline(c.says) }
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
            w.count(c.sources.count); for s in c.sources { w.string(s) }
        }
        return w.finished()
    }
}
