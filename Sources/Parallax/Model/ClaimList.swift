/// The scenario's claims, in file order (see `RowList`); the accessors below read one field
/// of each, in place or from an import's columns.
public typealias ClaimList = RowList<Claim>

extension RowList where Element == Claim {
    /// The rows of an import.
    init(_ rows: ImportedRows) { self.init(rows, count: rows.claimCount, make: { $0.claim($1) }) }

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

    /// Whether a number claim i states (`Claim.statedNumbers`: its figures' values, then
    /// its numeric answers) passes `test`: what `where value …` asks. An import's figures
    /// are read from their table, no `Figure` made.
    func statesNumber(_ i: Int, _ test: (FigureValue) -> Bool) -> Bool {
        if let c = columns { return c.figureRows(i).contains { test(c.figureValue($0)) } }
        if hasFigures(i), figures(i).contains(where: { $0.values.contains { test($0.value) } }) { return true }
        return hasAnswers(i) && answers(i).contains { if case .number(let v) = $0.answer { test(v) } else { false } }
    }

    /// Whether a figure of claim i gives a value for a measure `measure` accepts, counting
    /// the losses of `party` when one is given: what filters, watches and `show PARTY` ask
    /// of every claim, read from an import's table of figures, no `Figure` made.
    func hasFigure(_ i: Int, lossesOf party: String? = nil, measure: (Measure) -> Bool) -> Bool {
        if let c = columns {
            return c.figureRows(i).contains { f in
                party.map { c.figureCounts(f, lossesOf: $0) } != false && measure(c.figureMeasure(f))
            }
        }
        guard hasFigures(i) else { return false }
        return figures(i).contains { f in (party == nil || f.party == party) && f.values.contains { measure($0.measure) } }
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

