#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects the entities of imported rows: parties and actors as values (a few hundred),
/// declared once however many rows name them; sources, events and claims as columns
/// (`ImportedRows`), every text a number into one table of strings.
struct ImportBuilder {
    let path: String
    var parties: [Party] = []
    var actors: [Actor] = []
    /// Every id given so far, lower-cased (ids equal but for case are the same id).
    /// As numbers in the table of strings: a million source ids are not a million more strings.
    /// Indexed by the number: no hashing beyond the string's own.
    private var taken: [Bool] = []
    /// Key (as the file names the thing) → id or row, per kind.
    /// A source's key by its number in the table of strings (keys are URLs, kept anyway): the
    /// row + 1 of its source, 0 for none.
    private var sourceKeys: [Int32] = []
    private var partyKeys: [String: Int] = [:]
    private var actorKeys: [String: Int] = [:]
    private var strings: ColumnStrings
    /// The texts' hashes between `finishStrings` and `build`.
    private var finishedHashes: [UInt64] = []
    /// One stored list per distinct list of string numbers (an event's actors).
    private var lists: [[Int32]: Int32] = [:]
    /// Lists of one or two (nearly all), by their numbers packed in one key.
    private var shortLists: [Int64: Int32] = [:]
    private var listStart: [Int32] = [0]
    private var listItems: [Int32] = []
    /// The next suffix to try for each base id: a host with 10,000 articles must not try
    /// `host-2` … `host-9999` again for the next one.
    private var nextSuffix: [String: Int] = [:]
    /// The claims' id suffix (`-report`): every row's claim is its event's id and this.
    let claimSuffix: String

    // Columns, a row (event and claim) at a time in file order.
    private var eventID: [Int32] = [], eventStart: [Int32] = [], eventEnd: [Int32] = []
    private var eventPhase: [UInt8] = [], eventType: [UInt8] = []
    private var eventActors: [Int32] = [], eventPlace: [Int32] = [], eventTitle: [Int32] = [], eventDescription: [Int32] = []
    private var eventIntensity: [Double] = [], eventSource: [Int32] = [], eventLine: [Int32] = []
    private var coverageSources: [Int32] = [], coverageMentions: [Int32] = [], coverageArticles: [Int32] = []
    private var coverageTone: [Float] = []
    private var claimMadeOn: [Int32] = [], claimSays: [Int32] = [], claimStatus: [UInt8] = [], claimFigureStart: [Int32] = [0]
    private var figureParty: [Int32] = [], figureMeasure: [UInt8] = [], figureLow: [Int64] = [], figureHigh: [Int64] = []
    private var figureNote: [Int32] = []
    private var sourceID: [Int32] = [], sourcePublisher: [Int32] = [], sourceTitle: [Int32] = [], sourceDate: [Int32] = []
    private var sourceURL: [Int32] = [], sourceLine: [Int32] = []

    /// Set for the later half of a file read in two (see `absorb`): ids given here are
    /// provisional, and each declaration is logged for the merge to give it again in order.
    private let provisional: Bool
    private var declarations: [Declaration] = []
    /// The row ids (`ucdp-N`) taken in a provisional half, as numbers in its strings.
    private var rowIds: [Int32] = []

    init(path: String, claimSuffix: String, seed: UInt64 = UInt64.random(in: 1...UInt64.max), provisional: Bool = false) {
        self.path = path
        self.claimSuffix = claimSuffix
        self.strings = ColumnStrings(seed: seed)
        self.provisional = provisional
    }

    var seed: UInt64 { strings.seed }

    /// Makes room for about `rows` rows whose texts come from `bytes` bytes of the file:
    /// a column grown by doubling is copied each time (fresh pages, page faults, and the
    /// old and new copies in memory at once). Room never used is never touched, and costs
    /// no memory.
    mutating func reserve(rows: Int, bytes: Int) {
        for c in [\ImportBuilder.eventID, \.eventStart, \.eventEnd, \.eventActors, \.eventPlace, \.eventTitle,
                  \.eventDescription, \.eventSource, \.eventLine, \.coverageSources, \.coverageMentions,
                  \.coverageArticles, \.claimMadeOn, \.claimSays, \.claimFigureStart] {
            self[keyPath: c].reserveCapacity(rows + 1)
        }
        eventPhase.reserveCapacity(rows); eventType.reserveCapacity(rows); claimStatus.reserveCapacity(rows)
        eventIntensity.reserveCapacity(rows); coverageTone.reserveCapacity(rows)
        strings.reserveStorage(texts: rows * 4, bytes: bytes)
    }

    var rowCount: Int { eventID.count }

    func at(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: 1) }

    /// The number of `text` in the table of strings.
    mutating func text(_ text: String) -> Int32 { strings.number(text) }

    mutating func text(utf8 bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { strings.number(utf8: $0) }
    }

    mutating func optionalText(_ text: String?) -> Int32 { text.map { strings.number($0) } ?? -1 }

    /// The number of a list of ids: a million events among a few hundred parties hold a few
    /// thousand lists of actors.
    mutating func list(_ ids: [String]) -> Int32 { list(numbers: ids.map { strings.number($0) }) }

    private mutating func list(numbers: [Int32]) -> Int32 {
        let short: Int64? = numbers.count == 1 ? Int64(numbers[0]) << 32 | 0xFFFF_FFFF
            : numbers.count == 2 ? Int64(numbers[0]) << 32 | Int64(numbers[1]) : nil
        if let short, let k = shortLists[short] { return k }
        if short == nil, let k = lists[numbers] { return k }
        let k = Int32(listStart.count - 1)
        if let short { shortLists[short] = k } else { lists[numbers] = k }
        listItems += numbers
        listStart.append(Int32(listItems.count))
        return k
    }

    /// One value of a figure: its party (nil for all sides), `low…high` of `measure`, a note.
    struct FigureRow {
        var party: String?
        var measure: Measure = .killed
        var low: Int
        var high: Int
        var note: String?
    }

    /// Adds a row: its event, and its claim by the event's source.
    /// `says` nil: the claim says the event's title.
    mutating func addRow(id: String, date: EventDate, phase: Phase, type: EventType, actors: [String], place: String?,
                         title: Int32, description: String?, intensity: Double?, source: Int32, line: Int,
                         coverage: Coverage? = nil, madeOn: PartialDate?, says: String?, status: ClaimStatus,
                         figures: [FigureRow] = []) {
        eventID.append(strings.number(id))
        eventStart.append(ImportedRows.pack(date.start))
        eventEnd.append(ImportedRows.pack(date.end))
        eventPhase.append(UInt8(Phase.allCases.firstIndex(of: phase)!))
        eventType.append(UInt8(EventType.allCases.firstIndex(of: type)!))
        eventActors.append(list(actors))
        eventPlace.append(optionalText(place))
        eventTitle.append(title)
        eventDescription.append(optionalText(description))
        eventIntensity.append(intensity ?? .nan)
        eventSource.append(source)
        eventLine.append(Int32(clamping: line))
        if let coverage {
            // Rows before this one had none: the columns are filled for them.
            while coverageSources.count < eventID.count - 1 { appendCoverage(nil) }
            appendCoverage(coverage)
        } else if !coverageSources.isEmpty {
            appendCoverage(nil)
        }
        claimMadeOn.append(ImportedRows.pack(madeOn))
        claimSays.append(says.map { strings.number($0) } ?? -1)
        claimStatus.append(UInt8(ClaimStatus.allCases.firstIndex(of: status)!))
        for f in figures {
            figureParty.append(optionalText(f.party))
            figureMeasure.append(UInt8(Measure.allCases.firstIndex(of: f.measure)!))
            figureLow.append(Int64(f.low))
            figureHigh.append(Int64(f.high))
            figureNote.append(optionalText(f.note))
        }
        claimFigureStart.append(Int32(figureParty.count))
    }

    private mutating func appendCoverage(_ c: Coverage?) {
        coverageSources.append(c?.sources ?? -1)
        coverageMentions.append(c?.mentions ?? 0)
        coverageArticles.append(c?.articles ?? 0)
        coverageTone.append(c?.tone ?? 0)
    }

    /// The id of source row `row`.
    func sourceIDText(_ row: Int32) -> String { strings.string(sourceID[Int(row)]) }

    mutating func setSourceDate(_ row: Int32, _ date: PartialDate) { sourceDate[Int(row)] = ImportedRows.pack(date) }

    /// `base` if no id is yet taken equal to it but for case, else `base-2`, `base-3` …
    mutating func uniqueId(_ base: String) -> String { uniqueNumberedId(base).id }

    /// `uniqueId`, and the id's number in the table of strings.
    mutating func uniqueNumberedId(_ base: String) -> (id: String, number: Int32) {
        // Rows' own ids (`gdelt-N`, `ucdp-N`, `acled-X`) are not checked against this table
        // one by one; no other id may take their form.
        let base = ImportBuilder.rowIdPrefixes.contains(where: { ImportBuilder.hasPrefixIgnoringCase(base, $0) }) ? "id-" + base : base
        var n = nextSuffix[base] ?? 1
        var id = n == 1 ? base : base + "-" + String(n)
        while true {
            let key = ImportBuilder.caseKey(id)
            let k = strings.number(key)
            if take(k) {
                nextSuffix[base] = n + 1
                // Nearly every id is its own key (lower case): numbered once.
                return (id, key == id ? k : strings.number(id))
            }
            n += 1
            id = base + "-" + String(n)
        }
    }

    static let rowIdPrefixes: [[UInt8]] = ["gdelt-", "ucdp-", "acled-"].map { Array($0.utf8) }

    /// Whether `text` begins with the lower-case ASCII `prefix`, ignoring case: as
    /// `text.lowercased().hasPrefix(prefix)`, without making the lower-cased copy.
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: [UInt8]) -> Bool {
        var k = 0
        for b in text.utf8 {
            if k == prefix.count { return true }
            // Only ASCII letters and `-` are in the prefixes; no other character lower-cases to one
            // (U+0130 'İ' lower-cases to "i̇", whose first byte is 'i': compared as the full string).
            if b >= 0x80 { return text.lowercased().utf8.starts(with: prefix) }
            let lower = b >= 65 && b <= 90 ? b + 32 : b
            guard lower == prefix[k] else { return false }
            k += 1
        }
        return k == prefix.count
    }

    /// The key under which ids equal but for case are one: `id.lowercased()`, which for an
    /// id already in lower case (every slug) is the id itself, sharing its storage.
    static func caseKey(_ id: String) -> String {
        for b in id.utf8 where (b >= 65 && b <= 90) || b >= 0x80 { return id.lowercased() }
        return id
    }

    /// Whether `id` is free; taken if so. Rows' own ids (GDELT's GLOBALEVENTID) go through here.
    mutating func claim(id: String) -> Bool {
        let k = strings.number(ImportBuilder.caseKey(id))
        if provisional { rowIds.append(k) }
        return take(k)
    }

    /// Grows a table indexed by string number to hold index `i` (at least doubling it), in
    /// huge pages: it is read at random, a million times.
    static func grow<T>(_ table: inout [T], toHold i: Int, with value: T) {
        var bigger = Memory.hugeArray(repeating: value, count: max(i + 1, 2 * table.count))
        table.withUnsafeBufferPointer { old in
            bigger.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: old) }
        }
        table = bigger
    }

    /// Whether string number `k` was free as an id; taken now.
    private mutating func take(_ k: Int32) -> Bool {
        let i = Int(k)
        if i >= taken.count { ImportBuilder.grow(&taken, toHold: i, with: false) }
        defer { taken[i] = true }
        return !taken[i]
    }

    /// The party for `key`, declared on first use.
    mutating func party(key: String, id: @autoclosure () -> String, name: @autoclosure () -> String,
                        role: PartyRole, line: Int) -> String {
        if let i = partyKeys[key] { return parties[i].id }
        // A party id may not read as an answer (`12`, `yes`): such a name gets a prefix.
        var base = id()
        if ScenarioLoader.idProblem(base, entity: "party") != nil { base = "party-" + base }
        let from = strings.count
        let party = Party(id: uniqueId(base), name: name(), role: role, location: at(line))
        if provisional { declarations.append(Declaration(kind: .party(parties.count, key: key, base: base), from: from, to: strings.count)) }
        partyKeys[key] = parties.count
        parties.append(party)
        return party.id
    }

    /// The actor for `key`, declared on first use.
    mutating func actor(key: String, id: @autoclosure () -> String, name: @autoclosure () -> String,
                        party: String, kind: @autoclosure () -> String?, line: Int) -> String {
        if let i = actorKeys[key] { return actors[i].id }
        let base = id(), from = strings.count
        let actor = Actor(id: uniqueId(base), name: name(), party: party, kind: kind(), title: nil, location: at(line))
        if provisional { declarations.append(Declaration(kind: .actor(actors.count, key: key, base: base), from: from, to: strings.count)) }
        actorKeys[key] = actors.count
        actors.append(actor)
        return actor.id
    }

    /// The source for `key`, declared on first use: its row.
    mutating func source(key: String, id: @autoclosure () -> String, publisher: @autoclosure () -> String,
                         title: @autoclosure () -> String, date: PartialDate, url: String?, line: Int) -> Int32 {
        let k = Int(strings.number(key))
        if k < sourceKeys.count, sourceKeys[k] > 0 { return sourceKeys[k] - 1 }
        let row = Int32(sourceID.count)
        let from = strings.count
        if provisional {
            // The id waits for the merge: a host's sources are numbered across both halves.
            sourceID.append(-1)
        } else {
            sourceID.append(uniqueNumberedId(id()).number)
        }
        sourcePublisher.append(strings.number(publisher()))
        sourceTitle.append(strings.number(title()))
        sourceDate.append(ImportedRows.pack(date))
        sourceURL.append(optionalText(url))
        sourceLine.append(Int32(clamping: line))
        if provisional { declarations.append(Declaration(kind: .source(row, key: Int32(k), base: id()), from: from, to: strings.count)) }
        if k >= sourceKeys.count { ImportBuilder.grow(&sourceKeys, toHold: k, with: 0) }
        sourceKeys[k] = row + 1
        return row
    }

    /// The string table once every row is read: its two blocks, the columns' from here on.
    struct FinishedStrings {
        var offsets: UnsafeRawBufferPointer
        var bytes: UnsafeRawBufferPointer
    }

    /// Ends reading: lets go of what only reading needed, and takes out the string table,
    /// final from here on, so that the cache can be writing it while `build` puts the columns
    /// in order.
    mutating func finishStrings() -> FinishedStrings {
        // What only parsing needed goes first: the peak of a first open is in `build`.
        (taken, sourceKeys, nextSuffix, lists, shortLists) = ([], [], [:], [:], [:])
        strings.stopAdding()
        // Each text's hash, for `build` to make the id tables with.
        finishedHashes = strings.hashes
        let offsets = ColumnBlock.allocated(strings.offsets)
        return FinishedStrings(offsets: offsets, bytes: strings.takeStorage())
    }

    /// The columns, events in sequence (claims stay in file order, each knowing its event's
    /// position), with the string table `finishStrings` took out. The builder's columns are
    /// moved out, leaving it empty.
    mutating func build(info: ScenarioInfo, strings table: FinishedStrings) -> Scenario {
        let n = eventID.count
        // Sequence order for imported events (no times, no `order`): first day, the coarser
        // date first, then file order (`Scenario.sequenceOrder`).
        // Each row's key and index in one integer (days from year 1 fit 22 bits with the
        // precision, rows 40 bits), sorted as plain integers.
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let start = ImportedRows.unpack(eventStart[i])!, end = ImportedRows.unpack(eventEnd[i])
            let precision = min(start.precision, end?.precision ?? .day).rawValue
            keys[i] = UInt64(start.firstDay << 2 | precision) << 40 | UInt64(i)
        }
        keys.sort()
        let order = keys.map { Int($0 & 0xFF_FFFF_FFFF) }
        keys = []
        var claimEvent = [Int32](repeating: 0, count: n)
        for (position, row) in order.enumerated() { claimEvent[row] = Int32(position) }
        let eventClaim = order.map { Int32($0) }
        let seed = strings.seed
        var blocks = [UnsafeRawBufferPointer](repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: ImportedRows.Column.allCases.count)
        func put<T>(_ column: ImportedRows.Column, _ values: [T]) {
            blocks[column.rawValue] = ColumnBlock.allocated(values)
        }
        // Each event column goes straight into its block in sequence order, and is freed:
        // no column stands in memory three times.
        func put(_ column: ImportedRows.Column, _ block: UnsafeRawBufferPointer) { blocks[column.rawValue] = block }
        func permuted<T>(_ column: inout [T]) -> UnsafeRawBufferPointer {
            defer { column = [] }
            guard !column.isEmpty else { return ColumnBlock.allocated(column) }
            return ColumnBlock.allocated(order.count) { (block: UnsafeMutableBufferPointer<T>) in
                column.withUnsafeBufferPointer { values in
                    for (k, i) in order.enumerated() { block[k] = values[i] }
                }
            }
        }
        put(.eventID, permuted(&eventID))
        let ids = Array(blocks[ImportedRows.Column.eventID.rawValue].assumingMemoryBound(to: Int32.self))
        put(.eventStart, permuted(&eventStart)); put(.eventEnd, permuted(&eventEnd))
        put(.eventPhase, permuted(&eventPhase)); put(.eventType, permuted(&eventType)); put(.eventActors, permuted(&eventActors))
        put(.eventPlace, permuted(&eventPlace)); put(.eventTitle, permuted(&eventTitle))
        put(.eventDescription, permuted(&eventDescription)); put(.eventIntensity, permuted(&eventIntensity))
        put(.eventSource, permuted(&eventSource)); put(.eventLine, permuted(&eventLine)); put(.eventClaim, eventClaim)
        put(.coverageSources, permuted(&coverageSources)); put(.coverageMentions, permuted(&coverageMentions))
        put(.coverageArticles, permuted(&coverageArticles)); put(.coverageTone, permuted(&coverageTone))
        func moved<T>(_ column: inout [T]) -> UnsafeRawBufferPointer {
            defer { column = [] }
            return ColumnBlock.allocated(column)
        }
        put(.claimEvent, claimEvent); put(.claimMadeOn, moved(&claimMadeOn)); put(.claimSays, moved(&claimSays))
        put(.claimStatus, moved(&claimStatus)); put(.claimFigureStart, moved(&claimFigureStart))
        put(.figureParty, moved(&figureParty)); put(.figureMeasure, moved(&figureMeasure)); put(.figureLow, moved(&figureLow))
        put(.figureHigh, moved(&figureHigh)); put(.figureNote, moved(&figureNote))
        put(.sourceID, sourceID); put(.sourcePublisher, moved(&sourcePublisher)); put(.sourceTitle, moved(&sourceTitle))
        put(.sourceDate, moved(&sourceDate)); put(.sourceURL, moved(&sourceURL)); put(.sourceLine, moved(&sourceLine))
        put(.listStart, listStart); put(.listItems, listItems)
        let hashes = finishedHashes
        finishedHashes = []
        put(.stringOffsets, table.offsets)
        put(.stringBytes, table.bytes)
        let eventSlots = ImportedRows.slots(for: ids) { hashes[Int($0)] }
        let sourceSlots = ImportedRows.slots(for: sourceID) { hashes[Int($0)] }
        put(.eventSlots, eventSlots); put(.sourceSlots, sourceSlots)
        (claimFigureStart, sourceID) = ([0], [])
        let rows = ImportedRows(facts: .init(path: path, claimSuffix: claimSuffix, seed: seed), blocks: blocks, owner: nil)
        var scenario = Scenario(formatVersion: ScenarioLoader.formatVersion, info: info, sources: [],
                                parties: parties, actors: actors, places: [], events: [], questions: [],
                                claims: [], path: path)
        scenario.attach(rows)
        return scenario
    }

    /// Adds the rows of `later`, the provisional builder of the rest of the file, as if
    /// this builder had read them itself: its strings are numbered into this table in the
    /// order the rows named them, its declarations given again in order (a source new here
    /// gets its id now, `host-7` after the six of the earlier half), its lists, sources
    /// and columns renumbered. `lineOffset` is added to its lines (counted from 1).
    ///
    /// Nil when the halves cannot be joined so: a row id taken in both (the later row is a
    /// bad row), or a party or actor whose id would come out otherwise (it may be written
    /// into titles already). This builder is then spoilt, and the file is read again in one
    /// piece. Else, per source row of `later`, its row here; `later` is emptied.
    mutating func absorb(_ later: inout ImportBuilder, lineOffset: Int) -> [Int32]? {
        precondition(later.provisional && later.seed == seed)
        var sourceRow = [Int32](repeating: -1, count: later.sourceID.count)
        var newSources: [Int32] = []
        // The strings a declaration added to `later`'s table stand for what this table does
        // itself as it gives the declaration again: they must be here already, not added.
        var mustExist = 0
        var d = 0
        strings.beginJoin(later.strings)
        let declarations = later.declarations
        for k in 0...later.strings.count {
            while d < declarations.count, declarations[d].from == k {
                let declaration = declarations[d]
                d += 1
                switch declaration.kind {
                case let .party(i, key, base):
                    guard declareAgain(later.parties[i], key: key, base: base, keys: \.partyKeys, in: \.parties, lineOffset: lineOffset) else {
                        return nil
                    }
                    mustExist = max(mustExist, declaration.to)
                case let .actor(i, key, base):
                    guard declareAgain(later.actors[i], key: key, base: base, keys: \.actorKeys, in: \.actors, lineOffset: lineOffset) else {
                        return nil
                    }
                    mustExist = max(mustExist, declaration.to)
                case let .source(row, key, base):
                    // The key was numbered before the declaration.
                    let k = Int(strings.joined(Int(key)))
                    if k < sourceKeys.count, sourceKeys[k] > 0 {
                        sourceRow[Int(row)] = sourceKeys[k] - 1
                        mustExist = max(mustExist, declaration.to)
                    } else {
                        let here = Int32(sourceID.count)
                        sourceID.append(uniqueNumberedId(base).number)
                        if k >= sourceKeys.count { ImportBuilder.grow(&sourceKeys, toHold: k, with: 0) }
                        sourceKeys[k] = here + 1
                        sourceRow[Int(row)] = here
                        newSources.append(row)
                    }
                }
            }
            guard k < later.strings.count else { break }
            guard strings.joinNext(adding: k >= mustExist) else { return nil }
        }
        let number = strings.endJoin()
        // What only the walk needed goes first.
        let large = later.strings.count >= 1 << 16
        later.strings = ColumnStrings(seed: seed)
        if large { Memory.handBackFreed() }
        for k in later.rowIds where !take(number[Int(k)]) { return nil }
        func renumbered(_ k: Int32) -> Int32 { k < 0 ? k : number[Int(k)] }

        var listNumber = [Int32](repeating: 0, count: later.listStart.count - 1)
        for l in listNumber.indices {
            let items = later.listItems[Int(later.listStart[l])..<Int(later.listStart[l + 1])]
            listNumber[l] = list(numbers: items.map { number[Int($0)] })
        }
        (later.listItems, later.listStart, later.lists, later.shortLists) = ([], [], [:], [:])
        for row in newSources.map(Int.init) {
            sourcePublisher.append(renumbered(later.sourcePublisher[row]))
            sourceTitle.append(renumbered(later.sourceTitle[row]))
            sourceDate.append(later.sourceDate[row])
            sourceURL.append(renumbered(later.sourceURL[row]))
            sourceLine.append(later.sourceLine[row] + Int32(clamping: lineOffset))
        }
        (later.sourceID, later.sourcePublisher, later.sourceTitle, later.sourceDate, later.sourceURL, later.sourceLine) = ([], [], [], [], [], [])

        let rowsBefore = eventID.count
        ImportBuilder.append(&eventID, &later.eventID, renumbered)
        ImportBuilder.append(&eventStart, &later.eventStart) { $0 }
        ImportBuilder.append(&eventEnd, &later.eventEnd) { $0 }
        ImportBuilder.append(&eventPhase, &later.eventPhase) { $0 }
        ImportBuilder.append(&eventType, &later.eventType) { $0 }
        ImportBuilder.append(&eventActors, &later.eventActors) { listNumber[Int($0)] }
        ImportBuilder.append(&eventPlace, &later.eventPlace, renumbered)
        ImportBuilder.append(&eventTitle, &later.eventTitle, renumbered)
        ImportBuilder.append(&eventDescription, &later.eventDescription, renumbered)
        ImportBuilder.append(&eventIntensity, &later.eventIntensity) { $0 }
        ImportBuilder.append(&eventSource, &later.eventSource) { sourceRow[Int($0)] }
        ImportBuilder.append(&eventLine, &later.eventLine) { $0 + Int32(clamping: lineOffset) }
        // Coverage columns start at the first row that has coverage (see `addRow`).
        if !later.coverageSources.isEmpty {
            while coverageSources.count < rowsBefore { appendCoverage(nil) }
            ImportBuilder.append(&coverageSources, &later.coverageSources) { $0 }
            ImportBuilder.append(&coverageMentions, &later.coverageMentions) { $0 }
            ImportBuilder.append(&coverageArticles, &later.coverageArticles) { $0 }
            ImportBuilder.append(&coverageTone, &later.coverageTone) { $0 }
        } else if !coverageSources.isEmpty {
            while coverageSources.count < eventID.count { appendCoverage(nil) }
        }
        let figuresBefore = Int32(figureParty.count)
        ImportBuilder.append(&claimMadeOn, &later.claimMadeOn) { $0 }
        ImportBuilder.append(&claimSays, &later.claimSays, renumbered)
        ImportBuilder.append(&claimStatus, &later.claimStatus) { $0 }
        later.claimFigureStart.removeFirst()
        ImportBuilder.append(&claimFigureStart, &later.claimFigureStart) { $0 + figuresBefore }
        ImportBuilder.append(&figureParty, &later.figureParty, renumbered)
        ImportBuilder.append(&figureMeasure, &later.figureMeasure) { $0 }
        ImportBuilder.append(&figureLow, &later.figureLow) { $0 }
        ImportBuilder.append(&figureHigh, &later.figureHigh) { $0 }
        ImportBuilder.append(&figureNote, &later.figureNote, renumbered)
        return sourceRow
    }

    /// A party or actor of the later half given again here, as one reader would have
    /// declared it on reaching its row (or found it declared already): false when its id
    /// would come out other than the later half gave it.
    private mutating func declareAgain<T: Declared>(_ item: T, key: String, base: String,
                                                    keys: WritableKeyPath<ImportBuilder, [String: Int]>,
                                                    in list: WritableKeyPath<ImportBuilder, [T]>, lineOffset: Int) -> Bool {
        if let j = self[keyPath: keys][key] { return self[keyPath: list][j].id == item.id }
        guard uniqueId(base) == item.id else { return false }
        var item = item
        item.location.line += lineOffset
        self[keyPath: keys][key] = self[keyPath: list].count
        self[keyPath: list].append(item)
        return true
    }

    /// `tail` renumbered onto the end of `column`, and freed.
    private static func append<T>(_ column: inout [T], _ tail: inout [T], _ renumbered: (T) -> T) {
        column.reserveCapacity(column.count + tail.count)
        for v in tail { column.append(renumbered(v)) }
        let large = tail.count >= 1 << 16
        tail = []
        if large { Memory.handBackFreed() }
    }

    /// Rearranges `items` in place so that position k holds what was at `order[k]` (as
    /// `order.map { items[$0] }`, without a second array): each cycle of the permutation is
    /// walked once, by swaps, which move items without copying them.
    static func permute<T>(_ items: inout [T], _ order: [Int]) {
        precondition(order.count == items.count)
        var done = [Bool](repeating: false, count: order.count)
        for start in order.indices where !done[start] {
            done[start] = true
            var i = start
            // Position i holds what was at `start`; it takes what belongs there, and passes
            // the first item on along the cycle.
            while order[i] != start {
                let j = order[i]
                items.swapAt(i, j)
                done[j] = true
                i = j
            }
        }
    }

    /// What the loader sets on each claim, for imported ones (known from their event, said
    /// on `made_on` or else on their event's date): the claims of imports have no `known_at`.
    /// `known`: positions already known (0 where not); returns every claim's position.
    @discardableResult
    static func settle(_ claims: inout [Claim], in scenario: Scenario, known: [Int] = []) -> [Int] {
        var positions = [Int](repeating: 0, count: claims.count)
        for i in claims.indices {
            let position = i < known.count && known[i] > 0 ? known[i] : scenario.positionOfEvent[claims[i].about] ?? 0
            positions[i] = position
            claims[i].knownPosition = position
            claims[i].said = claims[i].madeOn.map { EventDate(start: $0) } ?? (position > 0 ? scenario.events[position - 1].date : nil)
        }
        return positions
    }

    /// A readable id from a name: lower-case words joined by `-` ("Government of
    /// Azerbaijan" → `government-of-azerbaijan`), keeping letters and digits of any script.
    /// `keepingDots` keeps `.` (a host name: `voxy.co.nz`).
    static func slug(_ name: String, fallback: String, keepingDots: Bool = false) -> String {
        // Most names are ASCII (every host name): those are done on bytes.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            var dash = false
            for c in name.utf8 {
                let b = c >= 65 && c <= 90 ? c + 32 : c
                if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || (keepingDots && b == 46 && !bytes.isEmpty) {
                    if dash && !bytes.isEmpty { bytes.append(45) }
                    bytes.append(b)
                    dash = false
                } else {
                    dash = true
                }
            }
            if bytes.count > 48 { bytes.removeLast(bytes.count - 48) }
            while bytes.last == 45 { bytes.removeLast() }
            return bytes.isEmpty ? fallback : String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var dash = false
        for s in name.lowercased().unicodeScalars {
            let word = (s.properties.isAlphabetic || s.properties.numericType != nil) && ScenarioLoader.isIdScalar(s)
            if word || (keepingDots && s == "." && !out.isEmpty) {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(s)
                dash = false
            } else {
                dash = true
            }
        }
        if out.count > 48 { out = String(out.prefix(48)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }
}

/// A column's bytes in memory of their own (`malloc`'s, freed by `ImportedRows`).
enum ColumnBlock {
    /// A block of `count` values, written by `fill`.
    static func allocated<T>(_ count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> UnsafeRawBufferPointer {
        let n = count * MemoryLayout<T>.stride
        let block = malloc(max(n, 1))!
        fill(UnsafeMutableBufferPointer(start: block.bindMemory(to: T.self, capacity: count), count: count))
        return UnsafeRawBufferPointer(start: block, count: n)
    }

    static func allocated<T>(_ values: [T]) -> UnsafeRawBufferPointer {
        let n = values.count * MemoryLayout<T>.stride
        let block = UnsafeMutableRawBufferPointer(start: malloc(max(n, 1))!, count: n)
        values.withUnsafeBytes { block.copyMemory(from: $0) }
        return UnsafeRawBufferPointer(block)
    }
}

/// A party, actor or source declared in a provisional half (see `ImportBuilder.absorb`),
/// in the order its rows declared them. `from..<to`: the numbers of the strings the
/// declaration added to that half's table (ids tried; a source's publisher, title and URL).
struct Declaration {
    enum Kind {
        /// Index in the half's parties or actors, key, and the id asked for.
        case party(Int, key: String, base: String)
        case actor(Int, key: String, base: String)
        /// Row in the half's sources, the key's string number, and the id asked for.
        case source(Int32, key: Int32, base: String)
    }
    var kind: Kind
    var from: Int
    var to: Int
}

/// What the join declares again: a party or an actor.
protocol Declared {
    var id: String { get }
    var location: SourceLocation { get set }
}

extension Party: Declared {}
extension Actor: Declared {}
