/// When a claim becomes known: at an event, or at the first event on or after a date.
public enum KnownAt: Sendable {
    case event(String)
    case date(PartialDate)
}

/// Who made a claim: one of the party's actors, the party as a whole, or a source
/// speaking in its own voice (which belongs to no party).
public enum Speaker: Sendable, Equatable {
    case actor(String)
    case party(String)
    case source(String)
}

/// What one speaker said about one event: the unit narratives are made of.
public struct Claim: Sendable {
    public var id: String
    /// The speaker's id as written (`by:`).
    public var by: String
    public var speaker: Speaker
    /// The event the claim concerns.
    public var about: String
    public var madeOn: PartialDate?
    /// When it was said: `made_on`, else the `known_at` date (a date, or the date of the
    /// event it names), else the `about` event's date; set by the loader. The claim's
    /// `date` everywhere (`claims`, `where date`, JSON, `figures`).
    public var said: EventDate? = nil
    public var knownAt: KnownAt?
    /// The author's paraphrase.
    public var says: String
    /// The speaker's own words, verbatim.
    public var quote: String?
    public var status: ClaimStatus
    /// Positions on questions, in the order written.
    public var answers: [(question: String, answer: Answer)]
    public var figures: [Figure]
    public var relayedBy: String?
    public var confirms: [String]
    public var denies: [String]
    public var revises: String?
    public var sources: [String]
    public var location: SourceLocation
    /// 1-based position in the sequence from which the claim is known; set by the loader.
    public var knownPosition: Int
    /// The party the claim belongs to, nil for a source; set by the loader.
    public var party: String?

    public func answer(to question: String) -> Answer? {
        answers.first { $0.question == question }?.answer
    }
}
