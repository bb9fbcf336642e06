/// Where `continue` stops because something an analyst follows changed: the answers to a
/// question (each party's and the verdict), or the figures claimed for a party's losses.
/// Numbered with the breakpoints, as gdb numbers breakpoints and watchpoints together.
public struct Watchpoint: Sendable {
    public enum Target: Sendable, Equatable {
        /// A question and the parties whose answers are compared.
        case question(String, parties: [String])
        /// A measure of one party's losses (`watch killed ARM`).
        case figures(Measure, party: String)
    }

    public var number: Int
    public let target: Target
    /// What the watch reads, on the scenario it was made on.
    public private(set) var probe: Probe

    public init(number: Int, target: Target, in scenario: Scenario) {
        self.number = number
        self.target = target
        probe = Probe(target, in: scenario)
    }

    /// After `load`/`reload`: the same question or figures, read on the new scenario.
    mutating func rebuild(in scenario: Scenario) {
        probe = Probe(target, in: scenario)
    }

    /// `who-started ARM AZE`, `killed ARM`.
    public var description: String {
        switch target {
        case .question(let q, let parties): ([q] + parties).joined(separator: " ")
        case .figures(let m, let party): "\(m.rawValue) \(party)"
        }
    }
}
