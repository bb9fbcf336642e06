/// Where `continue` stops: an event, a date, a phase, any event a filter matches, or the
/// event at which a claim a filter matches becomes known (`break claim where …`).
public struct Breakpoint: Sendable {
    public enum Condition: Sendable {
        case event(String)
        case date(PartialDate)
        case phase(Phase)
        case filter(Filter, text: String)
        case claim(Filter, text: String)
    }

    public var number: Int
    public var condition: Condition

    public var description: String {
        switch condition {
        case .event(let id): "event \(id)"
        case .date(let d): "date \(d)"
        case .phase(let p): "phase \(p.rawValue)"
        case .filter(_, let text): "where \(text)"
        case .claim(_, let text): "claim where \(text)"
        }
    }

    public func matches(_ event: Event, in scenario: Scenario) -> Bool {
        switch condition {
        case .event(let id): event.id == id
        case .date(let d): event.date.firstDay >= d.firstDay && event.date.firstDay <= d.lastDay
        case .phase(let p): event.phase == p
        case .filter(let f, _): f.matches(event, in: scenario)
        case .claim: false
        }
    }

    /// Whether `continue` stops at `position`: the event there matches, or (for a claim
    /// breakpoint) a claim that becomes known there does.
    public func matches(at position: Int, in session: Session) -> Bool {
        let scenario = session.scenario
        guard case .claim(let f, _) = condition else { return matches(scenario.events[position - 1], in: scenario) }
        return session.revealed(after: position - 1, through: position).contains {
            f.matches(scenario.claims[$0], in: scenario, schema: FilterSchemas.claim)
        }
    }
}
