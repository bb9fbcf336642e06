/// Where `continue` stops: an event, a date, a phase, or any event a filter matches.
public struct Breakpoint: Sendable {
    public enum Condition: Sendable {
        case event(String)
        case date(PartialDate)
        case phase(Phase)
        case filter(Filter, text: String)
    }

    public var number: Int
    public var condition: Condition

    public var description: String {
        switch condition {
        case .event(let id): "event \(id)"
        case .date(let d): "date \(d)"
        case .phase(let p): "phase \(p.rawValue)"
        case .filter(_, let text): "where \(text)"
        }
    }

    public func matches(_ event: Event, in scenario: Scenario) -> Bool {
        switch condition {
        case .event(let id): event.id == id
        case .date(let d): event.date.firstDay >= d.firstDay && event.date.firstDay <= d.lastDay
        case .phase(let p): event.phase == p
        case .filter(let f, _): f.matches(event, in: scenario)
        }
    }
}
