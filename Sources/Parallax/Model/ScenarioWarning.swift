/// A warning the loader found, kept compact until someone asks for its text: opening a
/// scenario prints only how many there are, and a large generated file can have thousands.
public enum ScenarioWarning: Sendable {
    /// Already written out.
    case written(Diagnostic)
    /// A speaker's claim gives a different value for a part than its own earlier claim,
    /// without revising it.
    case changedWithoutRevises(at: SourceLocation, claim: Int, earlier: Int, value: Answer, old: Answer)

    public var location: SourceLocation {
        switch self {
        case .written(let d): d.location
        case .changedWithoutRevises(let at, _, _, _, _): at
        }
    }

    func diagnostic(in scenario: Scenario) -> Diagnostic {
        switch self {
        case .written(let d):
            return d
        case .changedWithoutRevises(let at, let i, let e, let value, let old):
            let c = scenario.claims[i], earlier = scenario.claims[e].id
            return Diagnostic(at, "'\(c.id)' gives \(value) where \(c.by)'s earlier claim '\(earlier)' gave \(old), "
                              + "without 'revises: \(earlier)'; a changed answer is a revision and should say so, or it shows as a split",
                              severity: .warning)
        }
    }
}
