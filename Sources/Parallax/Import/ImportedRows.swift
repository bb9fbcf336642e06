#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of an imported export held as columns: numbers, packed dates, type and phase
/// bytes, and every text as a number into one table of strings. An import's events, claims
/// and sources are made from these only when a view asks for one (`EventList`,
/// `ClaimList`, `SourceList`), and loops over a million rows read single columns. The
/// cache is these columns written as they are, and a reopen maps them in place
/// (`ColumnCache`): no per-row work.
///
/// Each row of an export is one event (kept in sequence order), one claim about it (kept in
/// file order) whose id is the event's plus a suffix, by the event's one source, which the
/// claim cites too; a claim's figures each give one value.
final class ImportedRows: @unchecked Sendable {
    /// The columns, in the order the cache writes them.
    enum Column: Int, CaseIterable {
        case stringOffsets, stringBytes, listStart, listItems
        case eventID, eventStart, eventEnd, eventPhase, eventType, eventActors, eventPlace, eventTitle
        case eventDescription, eventIntensity, eventSource, eventLine, eventClaim, eventSlots
        case coverageSources, coverageMentions, coverageArticles, coverageTone
        case claimEvent, claimMadeOn, claimSays, claimStatus, claimFigureStart
        case figureParty, figureMeasure, figureLow, figureHigh, figureNote
        case sourceID, sourcePublisher, sourceTitle, sourceDate, sourceURL, sourceLine, sourceSlots

        /// Bytes per value.
        var width: Int {
            switch self {
            case .stringOffsets, .eventIntensity, .figureLow, .figureHigh: 8
            case .stringBytes, .eventPhase, .eventType, .claimStatus, .figureMeasure: 1
            default: 4
            }
        }
    }

    /// What is not a column: the file's path (every location's), the claims' id suffix, and
    /// the seed of the id tables' hash.
    struct Facts {
        var path: String
        var claimSuffix: String
        var seed: UInt64
    }

    let facts: Facts
    /// Each column's bytes.
    let blocks: [UnsafeRawBufferPointer]
    /// What keeps the bytes: the mapped cache file, or nil when this object allocated them.
    private let owner: AnyObject?

    // Typed views of the blocks.
    let stringOffsets: UnsafeBufferPointer<UInt64>, stringBytes: UnsafeBufferPointer<UInt8>
    let listStart: UnsafeBufferPointer<Int32>, listItems: UnsafeBufferPointer<Int32>
    let eventID, eventStart, eventEnd, eventActors, eventPlace, eventTitle, eventDescription: UnsafeBufferPointer<Int32>
    let eventPhase, eventType: UnsafeBufferPointer<UInt8>
    let eventIntensity: UnsafeBufferPointer<Double>
    let eventSource, eventLine, eventClaim, eventSlots: UnsafeBufferPointer<Int32>
    let coverageSources, coverageMentions, coverageArticles: UnsafeBufferPointer<Int32>
    let coverageTone: UnsafeBufferPointer<Float>
    let claimEvent, claimMadeOn, claimSays, claimFigureStart: UnsafeBufferPointer<Int32>
    let claimStatus: UnsafeBufferPointer<UInt8>
    let figureParty, figureNote: UnsafeBufferPointer<Int32>
    let figureMeasure: UnsafeBufferPointer<UInt8>
    let figureLow, figureHigh: UnsafeBufferPointer<Int64>
    let sourceID, sourcePublisher, sourceTitle, sourceDate, sourceURL, sourceLine, sourceSlots: UnsafeBufferPointer<Int32>

    var stringCount: Int { stringOffsets.count - 1 }
    var eventCount: Int { eventID.count }
    var claimCount: Int { claimEvent.count }
    var sourceCount: Int { sourceID.count }
    var hasCoverage: Bool { !coverageSources.isEmpty }

    /// `blocks` in `Column` order; `owner` keeps them alive (nil: they were allocated with
    /// `malloc` and are freed with this object).
    init(facts: Facts, blocks: [UnsafeRawBufferPointer], owner: AnyObject?) {
        precondition(blocks.count == Column.allCases.count)
        self.facts = facts
        self.blocks = blocks
        self.owner = owner
        func view<T>(_ c: Column, _: T.Type = T.self) -> UnsafeBufferPointer<T> {
            let b = blocks[c.rawValue]
            guard let base = b.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: base.assumingMemoryBound(to: T.self), count: b.count / c.width)
        }
        stringOffsets = view(.stringOffsets); stringBytes = view(.stringBytes)
        listStart = view(.listStart); listItems = view(.listItems)
        eventID = view(.eventID); eventStart = view(.eventStart); eventEnd = view(.eventEnd)
        eventPhase = view(.eventPhase); eventType = view(.eventType); eventActors = view(.eventActors)
        eventPlace = view(.eventPlace); eventTitle = view(.eventTitle); eventDescription = view(.eventDescription)
        eventIntensity = view(.eventIntensity); eventSource = view(.eventSource); eventLine = view(.eventLine)
        eventClaim = view(.eventClaim); eventSlots = view(.eventSlots)
        coverageSources = view(.coverageSources); coverageMentions = view(.coverageMentions)
        coverageArticles = view(.coverageArticles); coverageTone = view(.coverageTone)
        claimEvent = view(.claimEvent); claimMadeOn = view(.claimMadeOn); claimSays = view(.claimSays)
        claimStatus = view(.claimStatus); claimFigureStart = view(.claimFigureStart)
        figureParty = view(.figureParty); figureMeasure = view(.figureMeasure); figureLow = view(.figureLow)
        figureHigh = view(.figureHigh); figureNote = view(.figureNote)
        sourceID = view(.sourceID); sourcePublisher = view(.sourcePublisher); sourceTitle = view(.sourceTitle)
        sourceDate = view(.sourceDate); sourceURL = view(.sourceURL); sourceLine = view(.sourceLine)
        sourceSlots = view(.sourceSlots)
    }

    deinit {
        if owner == nil { for b in blocks { free(UnsafeMutableRawPointer(mutating: b.baseAddress)) } }
    }

    /// Whether the columns agree with one another: counts that match, numbers that point
    /// inside their tables. Checked once when a cache is mapped (a column at a time, no
    /// value made), so that no later read can go out of bounds.
    var isConsistent: Bool {
        let strings = stringOffsets.count - 1, lists = listStart.count - 1
        let events = eventID.count, claims = claimEvent.count, sources = sourceID.count, figures = figureParty.count
        guard strings >= 0, lists >= 0, stringOffsets.last == UInt64(stringBytes.count), listStart.last == Int32(listItems.count),
              claimFigureStart.count == claims + 1, claimFigureStart.last == Int32(figures) else { return false }
        for c in [eventStart, eventEnd, eventActors, eventPlace, eventTitle, eventDescription, eventSource, eventLine, eventClaim] where c.count != events {
            return false
        }
        guard eventPhase.count == events, eventType.count == events, eventIntensity.count == events,
              [coverageMentions.count, coverageArticles.count, coverageTone.count, coverageSources.count].allSatisfy({ $0 == coverageSources.count }),
              coverageSources.isEmpty || coverageSources.count == events,
              claimMadeOn.count == claims, claimSays.count == claims, claimStatus.count == claims,
              figureNote.count == figures, figureMeasure.count == figures, figureLow.count == figures, figureHigh.count == figures,
              [sourcePublisher, sourceTitle, sourceDate, sourceURL, sourceLine].allSatisfy({ $0.count == sources }),
              eventSlots.count.nonzeroBitCount == 1 || eventSlots.isEmpty, sourceSlots.count.nonzeroBitCount == 1 || sourceSlots.isEmpty
        else { return false }
        func within(_ c: UnsafeBufferPointer<Int32>, _ n: Int, optional: Bool = false) -> Bool {
            let low: Int32 = optional ? -1 : 0
            for v in c where v < low || Int(v) >= n { return false }
            return true
        }
        func ascending(_ c: UnsafeBufferPointer<Int32>) -> Bool {
            var last: Int32 = 0
            for v in c { if v < last { return false }; last = v }
            return c.first == 0
        }
        var offsetsAscending = stringOffsets.first == 0
        var previous: UInt64 = 0
        for o in stringOffsets { if o < previous { offsetsAscending = false; break }; previous = o }
        let phases = UInt8(Phase.allCases.count), types = UInt8(EventType.allCases.count)
        let statuses = UInt8(ClaimStatus.allCases.count), measures = UInt8(Measure.allCases.count)
        return offsetsAscending && ascending(listStart) && ascending(claimFigureStart)
            && within(listItems, strings) && within(eventID, strings) && within(eventActors, lists)
            && within(eventPlace, strings, optional: true) && within(eventTitle, strings)
            && within(eventDescription, strings, optional: true) && within(eventSource, sources) && within(eventClaim, claims)
            && within(claimEvent, events) && within(claimSays, strings, optional: true)
            && within(figureParty, strings, optional: true) && within(figureNote, strings, optional: true)
            && within(sourceID, strings) && within(sourcePublisher, strings) && within(sourceTitle, strings)
            && within(sourceURL, strings, optional: true)
            && within(eventSlots, events + 1) && within(sourceSlots, sources + 1)
            && eventPhase.allSatisfy { $0 < phases } && eventType.allSatisfy { $0 < types }
            && claimStatus.allSatisfy { $0 < statuses } && figureMeasure.allSatisfy { $0 < measures }
            && valuesAreSound
    }

    /// The values' own bounds, as the mappings make them: dates of the calendar, the events'
    /// in sequence (a date's packed form orders as the sequence does, see `pack`);
    /// intensities on the Goldstein scale; counts not negative; every line positive.
    private var valuesAreSound: Bool {
        func isDate(_ v: Int32, optional: Bool) -> Bool {
            if v == 0 { return optional }
            let month = Int(v) >> 5 & 15, day = Int(v) & 31
            return v > 0 && PartialDate(year: Int(v) >> 9, month: month == 0 ? nil : month, day: day == 0 ? nil : day) != nil
                && (month != 0 || day == 0)
        }
        var last: Int32 = 0
        for i in 0..<eventCount {
            let start = eventStart[i], end = eventEnd[i]
            guard start >= last, isDate(start, optional: false), isDate(end, optional: true), eventLine[i] > 0 else { return false }
            if end != 0, ImportedRows.unpack(end)!.lastDay < ImportedRows.unpack(start)!.firstDay { return false }
            let v = eventIntensity[i]
            guard v.isNaN || (-10...10).contains(v) else { return false }
            last = start
        }
        for i in 0..<coverageSources.count {
            guard coverageSources[i] >= -1, coverageMentions[i] >= 0, coverageArticles[i] >= 0, coverageTone[i].isFinite else { return false }
        }
        for f in 0..<figureLow.count where figureLow[f] < 0 || figureHigh[f] < figureLow[f] || figureHigh[f] > Int64(Int32.max) * 1024 {
            return false
        }
        return claimMadeOn.allSatisfy { isDate($0, optional: true) } && sourceDate.allSatisfy { isDate($0, optional: false) }
            && sourceLine.allSatisfy { $0 > 0 }
    }

    // MARK: Strings

    func bytes(_ k: Int32) -> UnsafeBufferPointer<UInt8> {
        let a = Int(stringOffsets[Int(k)]), b = Int(stringOffsets[Int(k) + 1])
        return UnsafeBufferPointer(rebasing: stringBytes[a..<b])
    }

    func string(_ k: Int32) -> String { String(decoding: bytes(k), as: UTF8.self) }
    func optionalString(_ k: Int32) -> String? { k < 0 ? nil : string(k) }

    func list(_ k: Int32) -> [String] {
        (Int(listStart[Int(k)])..<Int(listStart[Int(k) + 1])).map { string(listItems[$0]) }
    }

    /// Whether the string numbered `k` passes `test`, decided once per string: an import's
    /// titles, places and descriptions repeat over many rows. `memo` (one byte per string,
    /// 0 not yet decided) is the caller's.
    @inline(__always)
    func passes(_ k: Int32, _ memo: inout [UInt8], _ test: (String) -> Bool) -> Bool {
        let i = Int(k)
        if memo[i] == 0 { memo[i] = test(string(k)) ? 2 : 1 }
        return memo[i] == 2
    }

    // MARK: Dates

    /// A date as a column holds it: year << 9 | month << 5 | day (0 for a month or day not known); 0 for none.
    static func pack(_ d: PartialDate?) -> Int32 {
        guard let d else { return 0 }
        return Int32(d.year << 9 | (d.month ?? 0) << 5 | (d.day ?? 0))
    }

    static func unpack(_ v: Int32) -> PartialDate? {
        guard v != 0 else { return nil }
        let v = Int(v), month = v >> 5 & 15, day = v & 31
        // A cache holds only dates this program wrote; year 1 stands in for any other.
        return PartialDate(year: v >> 9, month: month == 0 ? nil : month, day: day == 0 ? nil : day) ?? PartialDate(year: 1)!
    }

    // MARK: Events

    func eventDate(_ i: Int) -> EventDate {
        EventDate(start: ImportedRows.unpack(eventStart[i]) ?? PartialDate(year: 1)!, end: ImportedRows.unpack(eventEnd[i]))
    }

    func eventIntensity(_ i: Int) -> Double? { eventIntensity[i].isNaN ? nil : eventIntensity[i] }

    func phase(_ i: Int) -> Phase { Phase.allCases[Int(eventPhase[i])] }
    func type(_ i: Int) -> EventType { EventType.allCases[Int(eventType[i])] }

    func coverage(_ i: Int) -> Coverage? {
        guard hasCoverage, coverageSources[i] >= 0 else { return nil }
        return Coverage(sources: coverageSources[i], mentions: coverageMentions[i], articles: coverageArticles[i], tone: coverageTone[i])
    }

    func location(line: Int32) -> SourceLocation { SourceLocation(file: facts.path, line: Int(line), column: 1) }

    func event(_ i: Int) -> Event {
        Event(id: string(eventID[i]), date: eventDate(i), time: nil, order: nil, phase: phase(i), type: type(i),
              actors: list(eventActors[i]), place: optionalString(eventPlace[i]), reportedBy: [],
              title: string(eventTitle[i]), description: optionalString(eventDescription[i]),
              intensityOverride: eventIntensity(i), sources: [sourceIDString(Int(eventSource[i]))],
              location: location(line: eventLine[i]), coverage: coverage(i))
    }

    // MARK: Claims

    func claimID(_ c: Int) -> String { string(eventID[Int(claimEvent[c])]) + facts.claimSuffix }
    func claimSays(_ c: Int) -> String {
        let k = claimSays[c]
        return string(k >= 0 ? k : eventTitle[Int(claimEvent[c])])
    }
    func claimBy(_ c: Int) -> String { sourceIDString(Int(eventSource[Int(claimEvent[c])])) }
    func claimSaid(_ c: Int) -> EventDate {
        if let m = ImportedRows.unpack(claimMadeOn[c]) { return EventDate(start: m) }
        return eventDate(Int(claimEvent[c]))
    }
    func claimStatus(_ c: Int) -> ClaimStatus { ClaimStatus.allCases[Int(claimStatus[c])] }
    func claimHasFigures(_ c: Int) -> Bool { claimFigureStart[c + 1] > claimFigureStart[c] }

    func claimFigures(_ c: Int) -> [Figure] {
        let location = self.location(line: eventLine[Int(claimEvent[c])])
        return figureRows(c).map { f in
            Figure(party: optionalString(figureParty[f]), values: [(figureMeasure(f), figureValue(f))],
                   note: optionalString(figureNote[f]), location: location)
        }
    }

    // MARK: Figures (one row of the figure table each; one value per row)

    /// The rows of claim c's figures in the figure table.
    func figureRows(_ c: Int) -> Range<Int> { Int(claimFigureStart[c])..<Int(claimFigureStart[c + 1]) }

    private static let measures = Measure.allCases
    func figureMeasure(_ f: Int) -> Measure { ImportedRows.measures[Int(figureMeasure[f])] }
    func figureValue(_ f: Int) -> FigureValue { ImportFigures.count(Int(figureLow[f]), Int(figureHigh[f])) }

    /// Whether figure f counts the losses of `party`, compared in its bytes.
    func figureCounts(_ f: Int, lossesOf party: String) -> Bool {
        let k = figureParty[f]
        guard k >= 0 else { return false }
        var id = party
        let b = bytes(k)
        return id.withUTF8 { u in b.count == u.count && (u.isEmpty || memcmp(b.baseAddress!, u.baseAddress!, u.count) == 0) }
    }

    /// `Knowledge.claimedFigures` of these claims (`claims`, in sequence), read from the
    /// table of figures: no `Figure` is made, and each party's id and each note is made
    /// once (notes repeat: `best 3`).
    func claimedFigures(_ claims: [Int], measure: Measure?,
                        standing: (ClaimPart, Int) -> Standing) -> [ClaimedFigure] {
        var out: [ClaimedFigure] = []
        var made: [Int32: String] = [:]
        func text(_ k: Int32) -> String? {
            guard k >= 0 else { return nil }
            if let s = made[k] { return s }
            let s = string(k)
            made[k] = s
            return s
        }
        for c in claims where claimHasFigures(c) {
            for f in figureRows(c) {
                let m = figureMeasure(f)
                guard measure == nil || m == measure else { continue }
                let party = text(figureParty[f])
                out.append(ClaimedFigure(claim: c, losses: party, measure: m, value: figureValue(f),
                                         note: text(figureNote[f]), standing: standing(.figure(party: party, measure: m), c)))
            }
        }
        return out
    }

    func claim(_ c: Int) -> Claim {
        let e = Int(claimEvent[c])
        let by = claimBy(c), madeOn = ImportedRows.unpack(claimMadeOn[c])
        return Claim(id: claimID(c), by: by, speaker: .source(by), about: string(eventID[e]), madeOn: madeOn,
                     said: claimSaid(c), knownAt: nil, says: claimSays(c), quote: nil, status: claimStatus(c), answers: [],
                     figures: claimFigures(c), relayedBy: nil, confirms: [], denies: [], revises: nil, sources: [by],
                     location: location(line: eventLine[e]), knownPosition: e + 1, party: nil)
    }

    // MARK: Sources

    func sourceIDString(_ s: Int) -> String { string(sourceID[s]) }

    func source(_ s: Int) -> Source {
        Source(id: string(sourceID[s]), publisher: string(sourcePublisher[s]), title: string(sourceTitle[s]),
               date: ImportedRows.unpack(sourceDate[s]) ?? PartialDate(year: 1)!, url: optionalString(sourceURL[s]),
               location: location(line: sourceLine[s]))
    }

    // MARK: Ids

    /// The row whose id (a string of `ids`) is `id`, through an open-addressing table of
    /// row + 1 by the id's hash: ids are found without a dictionary of a million strings.
    private func find(_ id: String, slots: UnsafeBufferPointer<Int32>, ids: UnsafeBufferPointer<Int32>) -> Int? {
        guard !slots.isEmpty else { return nil }
        var id = id
        return id.withUTF8 { u -> Int? in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: ImportedRows.hash(u, seed: facts.seed)) & mask
            // At most one round: a damaged table may have no empty slot.
            for _ in 0..<slots.count {
                guard slots[slot] != 0 else { return nil }
                let row = Int(slots[slot]) - 1
                let b = bytes(ids[row])
                if b.count == u.count && (u.isEmpty || memcmp(b.baseAddress!, u.baseAddress!, u.count) == 0) { return row }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    func eventRow(_ id: String) -> Int? { find(id, slots: eventSlots, ids: eventID) }
    func sourceRow(_ id: String) -> Int? { find(id, slots: sourceSlots, ids: sourceID) }

    /// A claim's index by its id: its event's id and the suffix.
    func claimIndex(_ id: String) -> Int? {
        guard id.hasSuffix(facts.claimSuffix), !facts.claimSuffix.isEmpty,
              let e = eventRow(String(id.dropLast(facts.claimSuffix.count))) else { return nil }
        // `hasSuffix` compares characters; the id must be the event's bytes and the suffix's.
        guard claimID(Int(eventClaim[e])) == id else { return nil }
        return Int(eventClaim[e])
    }

    /// The rows whose id is `lower` but for case (`show GDELT-1` finds `gdelt-1`): each id's
    /// bytes compared where their length can match, made as a string only then.
    func rowsIgnoringCase(_ lower: String) -> [EntityRef] {
        let n = lower.utf8.count, suffix = facts.claimSuffix.utf8.count
        func same(_ k: Int32, _ tail: String = "") -> Bool {
            let b = bytes(k)
            guard b.count + tail.utf8.count == n || b.contains(where: { $0 >= 0x80 }) else { return false }
            return (string(k) + tail).lowercased() == lower
        }
        var hits: [EntityRef] = []
        for i in 0..<eventCount where same(eventID[i]) { hits.append(.event(i)) }
        if n > suffix { for c in 0..<claimCount where same(eventID[Int(claimEvent[c])], facts.claimSuffix) { hits.append(.claim(c)) } }
        for i in 0..<sourceCount where same(sourceID[i]) { hits.append(.source(i)) }
        return hits
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        StringTable.hash(bytes, seed: seed)
    }

    /// The id table of `ids` (string numbers): a power of two at least twice their count.
    static func slots(for ids: [Int32], hash: (Int32) -> UInt64) -> [Int32] {
        var size = 16
        while size < ids.count * 2 { size <<= 1 }
        var slots = Memory.hugeArray(repeating: Int32(0), count: ids.isEmpty ? 0 : size)
        guard !ids.isEmpty else { return slots }
        let mask = size - 1
        for (row, k) in ids.enumerated() {
            var slot = Int(truncatingIfNeeded: hash(k)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(row + 1)
        }
        return slots
    }
}
