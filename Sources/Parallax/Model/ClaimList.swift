/// The scenario's claims, in file order: an array for a written scenario, or the columns
/// of an imported export (`ImportedRows`), from which a `Claim` is made only when a view
/// asks for one. Loops over every claim read single fields through the accessors below,
/// which read the columns directly (see `EventList`).
public struct ClaimList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Claim])
        case columns(ImportedRows)
    }

    var storage: Storage

    public init(_ claims: [Claim] = []) { storage = .array(claims) }

    /// The rows of an import.
    init(_ rows: ImportedRows) { storage = .columns(rows) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        case .columns(let c): c.claimCount
        }
    }

    /// Lent, not returned: `list[i].field` then reads one field of a written scenario's
    /// claim in place, where a returned value copied the whole claim (every string and list
    /// retained) for each field read.
    public subscript(i: Int) -> Claim {
        _read {
            switch storage {
            case .array(let a): yield a[i]
            case .columns(let c): yield c.claim(i)
            }
        }
    }

    /// The claims as an array, made whole.
    public var array: [Claim] {
        switch storage {
        case .array(let a): a
        case .columns: Array(self)
        }
    }

    // MARK: Single fields, read in place

    var columns: ImportedRows? {
        if case .columns(let c) = storage { return c }
        return nil
    }

    @inline(__always)
    private func field<T>(_ i: Int, _ body: (UnsafePointer<Claim>) -> T, _ column: (ImportedRows) -> T) -> T {
        switch storage {
        case .array(let a): a.reading(i, body)
        case .columns(let c): column(c)
        }
    }

    public func id(_ i: Int) -> String { field(i, { $0.pointee.id }) { $0.claimID(i) } }
    public func by(_ i: Int) -> String { field(i, { $0.pointee.by }) { $0.claimBy(i) } }
    public func about(_ i: Int) -> String { field(i, { $0.pointee.about }) { $0.string($0.eventID[Int($0.claimEvent[i])]) } }
    public func party(_ i: Int) -> String? { field(i, { $0.pointee.party }) { _ in nil } }
    public func relayedBy(_ i: Int) -> String? { field(i, { $0.pointee.relayedBy }) { _ in nil } }
    public func status(_ i: Int) -> ClaimStatus { field(i, { $0.pointee.status }) { $0.claimStatus(i) } }
    public func knownPosition(_ i: Int) -> Int { field(i, { $0.pointee.knownPosition }) { Int($0.claimEvent[i]) + 1 } }
    public func said(_ i: Int) -> EventDate? { field(i, { $0.pointee.said }) { $0.claimSaid(i) } }
    public func says(_ i: Int) -> String { field(i, { $0.pointee.says }) { $0.claimSays(i) } }
    public func quote(_ i: Int) -> String? { field(i, { $0.pointee.quote }) { _ in nil } }
    public func answers(_ i: Int) -> [(question: String, answer: Answer)] { field(i, { $0.pointee.answers }) { _ in [] } }
    public func hasAnswers(_ i: Int) -> Bool { field(i, { !$0.pointee.answers.isEmpty }) { _ in false } }
    public func figures(_ i: Int) -> [Figure] { field(i, { $0.pointee.figures }) { $0.claimFigures(i) } }
    public func hasFigures(_ i: Int) -> Bool { field(i, { !$0.pointee.figures.isEmpty }) { $0.claimHasFigures(i) } }
    public func sources(_ i: Int) -> [String] { field(i, { $0.pointee.sources }) { [$0.claimBy(i)] } }
    public func revises(_ i: Int) -> String? { field(i, { $0.pointee.revises }) { _ in nil } }
    public func confirms(_ i: Int) -> [String] { field(i, { $0.pointee.confirms }) { _ in [] } }
    public func denies(_ i: Int) -> [String] { field(i, { $0.pointee.denies }) { _ in [] } }

    /// What `where value …` tests (`Claim.statedNumbers`), read field by field.
    func statedNumbers(_ i: Int) -> [FigureValue] {
        var out: [FigureValue] = []
        if hasFigures(i) { for f in figures(i) { for v in f.values { out.append(v.value) } } }
        if hasAnswers(i) { for (_, a) in answers(i) { if case .number(let v) = a { out.append(v) } } }
        return out
    }

    /// The indices of the claims that cite source `id`.
    func citing(_ id: String) -> [Int] {
        guard let c = columns else { return indices.filter { sources($0).contains(id) } }
        guard let row = c.sourceRow(id).map(Int32.init) else { return [] }
        return indices.filter { c.eventSource[Int(c.claimEvent[$0])] == row }
    }

    /// The indices of the claims `id` made or relayed (an import's claims are made by their
    /// event's source, which they cite).
    func spokenBy(_ id: String) -> [Int] {
        guard columns != nil else { return indices.filter { by($0) == id || relayedBy($0) == id } }
        return citing(id)
    }

    /// The claims `isIncluded` accepts (given each index), only those made.
    func filtered(_ isIncluded: (Int) -> Bool) -> [Claim] { indices.filter(isIncluded).map { self[$0] } }
}

extension ClaimList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Claim...) { self.init(elements) }
}
