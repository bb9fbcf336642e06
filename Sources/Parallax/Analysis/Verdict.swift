/// The verdict on one contested point among the compared parties, and its flags: the
/// rules of the event model's "Answers and verdicts", in one place, for question rows and
/// figure rows alike, so the two tables of `compare` can never tell different stories.
public struct Judgement: Sendable, Equatable {
    /// Words scripts `expect`; keep them exactly.
    public enum Verdict: String, Sendable {
        /// At least two parties have a position, and each of them gives the same value as
        /// every other (a party's own answers are judged only by `internal split`).
        case agree
        /// Different yes-no, party or text answers.
        case contradict
        /// Different numbers (intervals).
        case diverge
        /// Exactly one compared party has a position.
        case oneSided = "one-sided"
        /// No compared party has a position (even if others do).
        case open
    }

    /// A flag, with the party it names when it names one.
    public struct Flag: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// Two current answers of one compared party are incompatible.
            case internalSplit = "internal split"
            /// The numbers differ, but none rules another out.
            case compatible
            /// Every current answer of the party is `withheld`.
            case withheld = "withheld by"
            /// Some other voice gives a version no compared party gives.
            case othersDiffer = "others differ"
        }

        public let kind: Kind
        public let party: String?

        /// As printed: `internal split`, `withheld by CHN`.
        public var description: String {
            kind == .withheld ? "withheld by \(party ?? "")" : kind.rawValue
        }
    }

    public let verdict: Verdict
    /// In the spec's order: internal split, compatible, withheld by P, others differ.
    public let flags: [Flag]

    /// The flags as printed: comma-separated, `internal split` once however many parties split.
    public var flagText: String { flagNames.joined(separator: ", ") }

    /// Each flag as printed, once (`internal split` once however many parties split).
    public var flagNames: [String] {
        var seen: [String] = []
        for f in flags where !seen.contains(f.description) { seen.append(f.description) }
        return seen
    }

    /// The compared parties whose own answers are incompatible.
    public var split: [String] { flags.filter { $0.kind == .internalSplit }.compactMap(\.party) }

    /// `perParty`: each compared party's current answers (`withheld` included), in the
    /// order of `parties`; `others`: the current answers of every other voice.
    /// `isNumber`: the question (or figure row) is about a number, so differences diverge.
    public init(_ perParty: [[Answer]], parties: [String], others: [Answer] = [], isNumber: Bool) {
        let positions = perParty.map { $0.filter { !$0.isWithheld } }
        let having = positions.indices.filter { !positions[$0].isEmpty }
        func acrossParties(_ related: (Answer, Answer) -> Bool) -> Bool {
            for (n, p) in having.enumerated() {
                for q in having[(n + 1)...] {
                    for a in positions[p] { for b in positions[q] where !related(a, b) { return false } }
                }
            }
            return true
        }
        let verdict: Verdict
        switch having.count {
        case 0: verdict = .open
        case 1: verdict = .oneSided
        default:
            verdict = acrossParties { $0.isSame(as: $1) } ? .agree : (isNumber ? .diverge : .contradict)
        }
        var flags: [Flag] = []
        for p in positions.indices {
            let own = positions[p]
            let split = own.indices.contains { i in own[(i + 1)...].contains { !own[i].isCompatible(with: $0) } }
            if split { flags.append(Flag(kind: .internalSplit, party: parties[p])) }
        }
        if verdict == .diverge && acrossParties({ $0.isCompatible(with: $1) }) {
            flags.append(Flag(kind: .compatible, party: nil))
        }
        for p in perParty.indices where !perParty[p].isEmpty && positions[p].isEmpty {
            flags.append(Flag(kind: .withheld, party: parties[p]))
        }
        // A version no compared party gives; with no compared position there is nothing to
        // differ from (the row is open, and the others column shows what others say).
        if !having.isEmpty,
           others.contains(where: { o in !o.isWithheld && !positions.joined().contains { o.isCompatible(with: $0) } }) {
            flags.append(Flag(kind: .othersDiffer, party: nil))
        }
        self.verdict = verdict
        self.flags = flags
    }

    /// Whether `diff` keeps the row: not `agree`, or carrying a flag.
    public var isDifference: Bool { verdict != .agree || !flags.isEmpty }
}
