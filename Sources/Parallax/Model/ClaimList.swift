/// The scenario's claims, in file order: an array for a written scenario, or the columns
/// of an imported export (`ImportedRows`), from which a `Claim` is made only when a view
/// asks for one. Loops over every claim read single fields through the accessors below,
/// which read the columns directly (see `EventList`).
public struct ClaimList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Claim])
    }

    var storage: Storage

    public init(_ claims: [Claim] = []) { storage = .array(claims) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .array(let a): a.count
        }
    }

    public subscript(i: Int) -> Claim {
        switch storage {
        case .array(let a): a[i]
        }
    }

    /// The claims as an array, made whole.
    public var array: [Claim] {
        switch storage {
        case .array(let a): a
        }
    }

    // MARK: Single fields, read in place

    @inline(__always)
    private func field<T>(_ i: Int, _ body: (UnsafePointer<Claim>) -> T) -> T {
        switch storage {
        case .array(let a): a.reading(i, body)
        }
    }

    public func id(_ i: Int) -> String { field(i) { $0.pointee.id } }
    public func by(_ i: Int) -> String { field(i) { $0.pointee.by } }
    public func about(_ i: Int) -> String { field(i) { $0.pointee.about } }
    public func party(_ i: Int) -> String? { field(i) { $0.pointee.party } }
    public func relayedBy(_ i: Int) -> String? { field(i) { $0.pointee.relayedBy } }
    public func status(_ i: Int) -> ClaimStatus { field(i) { $0.pointee.status } }
    public func knownPosition(_ i: Int) -> Int { field(i) { $0.pointee.knownPosition } }
    public func said(_ i: Int) -> EventDate? { field(i) { $0.pointee.said } }
    public func says(_ i: Int) -> String { field(i) { $0.pointee.says } }
    public func quote(_ i: Int) -> String? { field(i) { $0.pointee.quote } }
    public func answers(_ i: Int) -> [(question: String, answer: Answer)] { field(i) { $0.pointee.answers } }
    public func hasAnswers(_ i: Int) -> Bool { field(i) { !$0.pointee.answers.isEmpty } }
    public func figures(_ i: Int) -> [Figure] { field(i) { $0.pointee.figures } }
    public func hasFigures(_ i: Int) -> Bool { field(i) { !$0.pointee.figures.isEmpty } }
    public func sources(_ i: Int) -> [String] { field(i) { $0.pointee.sources } }
    public func revises(_ i: Int) -> String? { field(i) { $0.pointee.revises } }
    public func confirms(_ i: Int) -> [String] { field(i) { $0.pointee.confirms } }
    public func denies(_ i: Int) -> [String] { field(i) { $0.pointee.denies } }

    /// The claims `isIncluded` accepts (given each index), only those made.
    func filtered(_ isIncluded: (Int) -> Bool) -> [Claim] { indices.filter(isIncluded).map { self[$0] } }
}

extension ClaimList: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Claim...) { self.init(elements) }
}
