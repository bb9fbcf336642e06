/// GDELT's measures of how much an event was reported — NumSources, NumMentions,
/// NumArticles and AvgTone — kept with the imported event so a filter can select the
/// widely reported ones (`events where num_sources >= 5`). Stored narrowly: a million
/// events carry one each.
public struct Coverage: Sendable, Equatable {
    public var sources: Int32
    public var mentions: Int32
    public var articles: Int32
    public var tone: Float

    public init(sources: Int32, mentions: Int32, articles: Int32, tone: Float) {
        self.sources = sources
        self.mentions = mentions
        self.articles = articles
        self.tone = tone
    }

    /// The filter fields, in the order `events` lists them.
    public static let fields = ["num_sources", "num_mentions", "num_articles", "avg_tone"]

    public func value(of field: String) -> Double? {
        switch field {
        case "num_sources": Double(sources)
        case "num_mentions": Double(mentions)
        case "num_articles": Double(articles)
        case "avg_tone": Double(tone)
        default: nil
        }
    }
}
