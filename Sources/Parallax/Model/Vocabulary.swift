/// The phases an escalation-and-mediation sequence moves through.
public enum Phase: String, CaseIterable, Sendable {
    case background, buildUp = "build-up", escalation, mediation, deEscalation = "de-escalation", aftermath
}

/// What a party is in the crisis; mediators have narratives too.
public enum PartyRole: String, CaseIterable, Sendable {
    case belligerent, mediator, thirdParty = "third-party", observer
}

/// How a claim was made, as the source reports it.
public enum ClaimStatus: String, CaseIterable, Sendable {
    case official, unconfirmed, confirmed, disputed, retracted
}

/// The kinds of loss a figure can count, in the order tables show them.
public enum Measure: String, CaseIterable, Sendable, Comparable {
    /// `casualties`: killed and wounded counted together, as reports often give them;
    /// never compared with `killed` or `wounded`.
    case killed, wounded, captured, missing, displaced, casualties

    /// Declaration order, without building `allCases` per comparison.
    private var rank: Int {
        switch self {
        case .killed: 0
        case .wounded: 1
        case .captured: 2
        case .missing: 3
        case .displaced: 4
        case .casualties: 5
        }
    }

    public static func < (a: Measure, b: Measure) -> Bool { a.rank < b.rank }
}

/// What a question asks for, and so which answers fit it and how they are judged.
public enum QuestionKind: String, CaseIterable, Sendable {
    case yesNo = "yes-no", party, number, text

    /// The form to write, for messages: "yes, no or withheld".
    public var form: String {
        switch self {
        case .yesNo: "yes, no or withheld"
        case .party: "a party id or a list of them (ARM or [ARM, AZE]), or withheld"
        case .number: "a number (15, 15..20, 15-20, '>=15', 15+ or at least 15), or withheld"
        case .text: "short text, or withheld"
        }
    }
}

/// Event types, each mapped to its CAMEO code and that code's Goldstein intensity, so
/// escalation can be charted without the author scoring every event.
public enum EventType: String, CaseIterable, Sendable {
    case statement, appeal, intentToCooperate = "intent-to-cooperate", consult, mediate,
         negotiate, agreement, ceasefire, release, deny, accuse, reject, demand, threaten,
         protest, posture, coerce, capture, occupy, assault, fight,
         violateCeasefire = "violate-ceasefire", war

    public var cameo: String {
        switch self {
        case .statement: "01"
        case .appeal: "02"
        case .intentToCooperate: "03"
        case .consult: "04"
        case .mediate: "045"
        case .negotiate: "046"
        case .agreement: "057"
        case .ceasefire: "0871"
        case .release: "0841"
        case .deny: "016"
        case .accuse: "112"
        case .reject: "12"
        case .demand: "10"
        case .threaten: "13"
        case .protest: "14"
        case .posture: "15"
        case .coerce: "17"
        case .capture: "181"
        case .occupy: "192"
        case .assault: "18"
        case .fight: "19"
        case .violateCeasefire: "196"
        case .war: "20"
        }
    }

    public var defaultIntensity: Double {
        switch self {
        case .statement: 0.0
        case .appeal: 3.0
        case .intentToCooperate: 4.0
        case .consult: 1.0
        case .mediate: 5.0
        case .negotiate: 7.0
        case .agreement: 8.0
        case .ceasefire: 9.0
        case .release: 7.0
        case .deny: -2.0
        case .accuse: -2.0
        case .reject: -4.0
        case .demand: -5.0
        case .threaten: -6.0
        case .protest: -6.5
        case .posture: -7.2
        case .coerce: -7.0
        case .capture: -9.0
        case .occupy: -9.5
        case .assault: -9.0
        case .fight: -10.0
        case .violateCeasefire: -9.5
        case .war: -10.0
        }
    }

    /// Types whose first actor acts on the others; for the rest actor order means nothing.
    public var isDirected: Bool {
        switch self {
        case .appeal, .consult, .mediate, .accuse, .demand, .threaten, .protest, .posture,
             .coerce, .capture, .occupy, .assault, .deny, .reject: true
        default: false
        }
    }

    /// Types that make up the contact (mediation) web.
    public var isContact: Bool {
        switch self {
        case .consult, .mediate, .negotiate, .appeal, .agreement: true
        default: false
        }
    }
}
