/// The scenario's own description.
public struct ScenarioInfo: Sendable {
    public var id: String
    public var title: String
    public var summary: String?
    /// The day the sources call "today".
    public var asOf: PartialDate?
}

/// A publication the facts come from; every event and claim names at least one.
public struct Source: Sendable {
    public var id: String
    public var publisher: String
    public var title: String
    public var date: PartialDate
    public var url: String?
    public var location: SourceLocation
}

/// A side whose narrative is compared: a state, a bloc, an authority.
public struct Party: Sendable {
    public var id: String
    public var name: String
    public var role: PartyRole
    public var location: SourceLocation
}

/// Someone who acts or speaks for a party: a minister, a ministry, a press office.
public struct Actor: Sendable {
    public var id: String
    public var name: String
    public var party: String
    public var kind: String?
    public var title: String?
    public var location: SourceLocation

    /// "Nikol Pashinyan (Prime Minister)".
    public var displayName: String {
        guard let title else { return name }
        return "\(name) (\(title))"
    }
}

/// A place events happen at.
public struct Place: Sendable {
    public var id: String
    public var name: String
    public var note: String?
    public var location: SourceLocation
}

/// One step of the sequence.
public struct Event: Sendable {
    public var id: String
    public var date: EventDate
    public var time: TimeOfDay?
    public var order: Int?
    public var phase: Phase
    public var type: EventType
    /// Party or actor ids; for directed types the first acts on the rest.
    public var actors: [String]
    /// A place id or free text.
    public var place: String?
    public var reportedBy: [String]
    public var title: String
    public var description: String?
    /// The author's override of the type's default intensity.
    public var intensityOverride: Double?
    public var sources: [String]
    public var location: SourceLocation
    /// `initiator: disputed`: who acted first is itself contested, so the actors' order
    /// asserts no blame and views print them `A ↔ B (initiator disputed)`.
    public var initiatorDisputed: Bool = false
    /// How widely the news covered the event, for events imported from GDELT (see `Coverage`).
    public var coverage: Coverage? = nil

    public var intensity: Double { intensityOverride ?? type.defaultIntensity }
}

/// A contested point that the parties' claims answer.
public struct Question: Sendable {
    public var id: String
    public var text: String
    public var about: String
    public var location: SourceLocation
    /// As declared, or inferred once at load from every answer (see `QuestionKind`).
    public var kind: QuestionKind = .text
    /// Whether `kind:` was written (else it is inferred).
    public var kindDeclared = false
    /// For a number question answered by figures: the (party, measure) whose figure is the
    /// answer; `losses` nil for all sides together (`party: all`).
    public var tie: Tie?

    public struct Tie: Hashable, Sendable {
        public var losses: String?
        public var measure: Measure
    }
}
