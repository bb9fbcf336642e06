/// One argument a command takes, as declared once in its `CommandSpec`: what kind of thing
/// it is, whether it may be left out or repeated, and how a message names it. Parsing,
/// completion, the text `record` writes and `check SCRIPT` all read this declaration.
public struct Parameter: Sendable {
    public enum Arity: Sendable, Equatable {
        case one
        /// May be left out; a required parameter right after an absent optional one is
        /// left out with it (`set` alone, but `set format` needs its value).
        case optional
        /// Any number in `min…max` (`narrative PARTY…`).
        case many(min: Int, max: Int?)
    }

    /// The placeholder in usage lines (`N`, `PARTY`, `FILE`).
    public var name: String
    public var kind: ArgumentKind
    public var arity: Arity
    /// How a message names a missing one: "goto needs an event id, #N, a date or a phase".
    public var what: String
    /// Bare words accepted in place of a value (`record stop`, `delete all`).
    public var keywords: [String]
    /// A word that comes before the kind's own keyword (`claim` in `break claim where …`);
    /// it leads only when that keyword follows, so an id may still be spelt like it.
    public var prefix: String?

    public init(_ name: String, _ kind: ArgumentKind, _ arity: Arity = .one, what: String? = nil, keywords: [String] = [],
                prefix: String? = nil) {
        self.name = name
        self.kind = kind
        self.arity = arity
        self.what = what ?? kind.what
        self.keywords = keywords
        self.prefix = prefix
    }

    /// Whether the tokens from `i` on begin this parameter's keywords (`where`, `claim where`).
    public func isLed(by tokens: ArraySlice<Token>) -> Bool {
        guard let lead = kind.leadingKeyword, let first = tokens.first else { return false }
        guard let prefix else { return first.isKeyword(lead) }
        return first.isKeyword(prefix) && tokens.dropFirst().first?.isKeyword(lead) == true
    }
}

/// The kinds of things a command's arguments are. Each kind knows how to read itself from
/// tokens, which words complete it, and what to look up in the scenario when a script is
/// checked.
public enum ArgumentKind: Sendable, Equatable {
    /// An event id, `#N`, a date or a phase: where `goto` and `break` go.
    case position
    /// Any entity id, or `#N` (`show`).
    case entity
    case event
    case party
    case question
    case measure
    /// A question id or a measure: what `watch` follows.
    case watchable
    case date
    case phase
    /// `where FILTER` over events, claims or actors: the rest of the command.
    case filter(FilterTarget)
    case file
    /// A positive whole number.
    case number
    /// The rest of the line as written (`echo`, `expect`, `find`).
    case text
    /// A setting's name, and its value (`set KEY VALUE`).
    case setting
    case settingValue
    /// A command's name (`help COMMAND`).
    case command
    /// A breakpoint's or watchpoint's number.
    case breakpoint
    /// `sha256 HEX`: the content a `load` expects.
    case pin

    var what: String {
        switch self {
        case .position: "an event id, #N, a date or a phase"
        case .entity: "an id"
        case .event: "an event id"
        case .party: "a party id"
        case .question: "a question id"
        case .measure: "a measure"
        case .watchable: "a question id or a measure"
        case .date: "a date"
        case .phase: "a phase"
        case .filter: "'where FILTER'"
        case .file: "a file"
        case .number: "a number"
        case .text: "some text"
        case .setting: "a setting"
        case .settingValue: "a value"
        case .command: "a command"
        case .breakpoint: "a breakpoint number"
        case .pin: "'sha256 HEX'"
        }
    }

    /// The keyword that starts an argument of this kind, when it has one.
    public var leadingKeyword: String? {
        switch self {
        case .filter: "where"
        case .pin: "sha256"
        default: nil
        }
    }
}

/// What a `where` filter ranges over.
public enum FilterTarget: String, Sendable, CaseIterable {
    case event, claim, actor

    /// The fields `where` knows for it.
    public var fields: [(name: String, type: FieldType)] {
        switch self {
        case .event: FilterSchemas.event.fields
        case .claim: FilterSchemas.claim.fields
        case .actor: FilterSchemas.actor.fields
        }
    }

    /// The filter in `tokens`, the words after `whereToken`.
    public func parse(_ tokens: [Token], after whereToken: Token) throws(CommandError) -> Filter {
        switch self {
        case .event:
            var p = FilterParser(tokens: tokens, schema: FilterSchemas.event, after: whereToken)
            return try p.parse()
        case .claim:
            var p = FilterParser(tokens: tokens, schema: FilterSchemas.claim, after: whereToken)
            return try p.parse()
        case .actor:
            var p = FilterParser(tokens: tokens, schema: FilterSchemas.actor, after: whereToken)
            return try p.parse()
        }
    }
}
