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
        stops(in: session)(position)
    }

    /// `matches(at:in:)` as a test of positions, its filter compiled once: `continue`
    /// asks it at every event it passes.
    public func stops(in session: Session) -> (Int) -> Bool {
        let scenario = session.scenario
        switch condition {
        case .filter(let f, _):
            let test = f.compiled(for: scenario)
            return { test($0 - 1) }
        case .claim(let f, _):
            let test = f.compiled(for: scenario, schema: FilterSchemas.claim)
            return { p in session.revealed(after: p - 1, through: p).contains(where: test) }
        default:
            return { matches(scenario.events[$0 - 1], in: scenario) }
        }
    }
}
