extension ScenarioCache {
    /// Reads what `ModelWriter` wrote; anything out of range throws (the cache is rebuilt).
    /// Views rely on what the loader checked (every reference names an entity of a kind it
    /// may name), so the reader checks it too, by string number: a cache written by another
    /// hand than the writer's does not reach a view half-valid.
    struct ModelReader {
        typealias Corrupt = CacheReader.Corrupt
        var r: CacheReader
        let strings: [String]
        let path: String
        /// The kinds each string number is declared as an id of (`Kind` bits).
        private var kinds: [UInt8]
        /// The claims' references to claims, checked once every claim is declared.
        private var toClaims: [Int] = []

        init(r: CacheReader, strings: [String], path: String) {
            (self.r, self.strings, self.path) = (r, strings, path)
            kinds = [UInt8](repeating: 0, count: strings.count)
        }

        enum Kind {
            static let source: UInt8 = 1, party: UInt8 = 2, actor: UInt8 = 4, place: UInt8 = 8
            static let event: UInt8 = 16, question: UInt8 = 32, claim: UInt8 = 64
            static let speaker = party | actor | source
        }

        mutating func number() throws(Corrupt) -> Int {
            let k = try r.count()
            guard k < strings.count else { throw Corrupt() }
            return k
        }

        mutating func string() throws(Corrupt) -> String { strings[try number()] }

        mutating func optional() throws(Corrupt) -> String? {
            let k = try r.count()
            if k == 0 { return nil }
            guard k - 1 < strings.count else { throw Corrupt() }
            return strings[k - 1]
        }

        /// An entity's id, declared as `kind`.
        mutating func id(_ kind: UInt8) throws(Corrupt) -> String {
            let k = try number()
            kinds[k] |= kind
            return strings[k]
        }

        /// A reference to an entity of one of `kinds` declared before it.
        mutating func reference(_ allowed: UInt8) throws(Corrupt) -> String {
            let k = try number()
            guard kinds[k] & allowed != 0 else { throw Corrupt() }
            return strings[k]
        }

        mutating func optionalReference(_ allowed: UInt8) throws(Corrupt) -> String? {
            let k = try r.count()
            if k == 0 { return nil }
            guard k - 1 < strings.count, kinds[k - 1] & allowed != 0 else { throw Corrupt() }
            return strings[k - 1]
        }

        mutating func references(_ allowed: UInt8) throws(Corrupt) -> [String] {
            let n = try count()
            if n == 0 { return [] }
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try reference(allowed)) }
            return out
        }

        /// A claim's reference to a claim (which may come later in the file).
        mutating func claimReference() throws(Corrupt) -> String {
            let k = try number()
            toClaims.append(k)
            return strings[k]
        }

        mutating func optionalClaimReference() throws(Corrupt) -> String? {
            let k = try r.count()
            if k == 0 { return nil }
            guard k - 1 < strings.count else { throw Corrupt() }
            toClaims.append(k - 1)
            return strings[k - 1]
        }

        mutating func claimList() throws(Corrupt) -> [String] {
            let n = try count()
            if n == 0 { return [] }
            var out: [String] = []
            for _ in 0..<n { out.append(try claimReference()) }
            return out
        }

        /// A count of items, each at least a byte: no more than the bytes left.
        mutating func count() throws(Corrupt) -> Int {
            let n = try r.count()
            guard n <= r.bytes.count - r.offset else { throw Corrupt() }
            return n
        }

        mutating func list() throws(Corrupt) -> [String] {
            let n = try count()
            if n == 0 { return [] }
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try string()) }
            return out
        }

        mutating func signed() throws(Corrupt) -> Int { Int(Int64(bitPattern: try r.u64())) }

        mutating func flag() throws(Corrupt) -> Bool {
            switch try r.u8() {
            case 0: return false
            case 1: return true
            default: throw Corrupt()
            }
        }

        mutating func location() throws(Corrupt) -> SourceLocation {
            SourceLocation(file: path, line: try r.count(), column: try r.count())
        }

        mutating func date() throws(Corrupt) -> PartialDate {
            let year = try r.count(), month = Int(try r.u8()), day = Int(try r.u8())
            guard let d = PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day) else { throw Corrupt() }
            return d
        }

        mutating func optionalDate() throws(Corrupt) -> PartialDate? { try flag() ? try date() : nil }

        mutating func eventDate() throws(Corrupt) -> EventDate {
            EventDate(start: try date(), end: try optionalDate())
        }

        mutating func choice<E: CaseIterable>(_ type: E.Type) throws(Corrupt) -> E where E.AllCases.Index == Int {
            try r.choice(type)
        }

        mutating func figure() throws(Corrupt) -> FigureValue {
            switch try r.u8() {
            case 0: return .exact(try signed())
            case 1: return .range(min: try signed(), max: try signed())
            case 2: return .atLeast(try signed())
            default: throw Corrupt()
            }
        }

        mutating func answer() throws(Corrupt) -> Answer {
            switch try r.u8() {
            case 0: return .party(try list())
            case 1: return .yes
            case 2: return .no
            case 3: return .number(try figure())
            case 4: return .text(try string())
            case 5: return .withheld
            default: throw Corrupt()
            }
        }

        mutating func diagnostic() throws(Corrupt) -> Diagnostic {
            let line = try r.count(), column = try r.count(), length = try r.count()
            let message = try string()
            return Diagnostic(SourceLocation(file: path, line: line, column: column), message, length: length,
                              severity: try flag() ? .warning : .error)
        }

        // MARK: Entities

        mutating func scenario() throws(Corrupt) -> Scenario {
            let version = try r.count()
            let info = ScenarioInfo(id: try string(), title: try string(), summary: try optional(), asOf: try optionalDate())
            var sources: [Source] = []
            for _ in 0..<(try count()) {
                sources.append(Source(id: try id(Kind.source), publisher: try string(), title: try string(), date: try date(),
                                      url: try optional(), location: try location()))
            }
            var parties: [Party] = []
            for _ in 0..<(try count()) {
                parties.append(Party(id: try id(Kind.party), name: try string(), role: try choice(PartyRole.self), location: try location()))
            }
            var actors: [Actor] = []
            for _ in 0..<(try count()) {
                actors.append(Actor(id: try id(Kind.actor), name: try string(), party: try reference(Kind.party), kind: try optional(),
                                    title: try optional(), location: try location()))
            }
            var places: [Place] = []
            for _ in 0..<(try count()) {
                places.append(Place(id: try id(Kind.place), name: try string(), note: try optional(), location: try location()))
            }
            let eventCount = try count()
            var events: [Event] = []
            events.reserveCapacity(eventCount)
            for _ in 0..<eventCount { events.append(try event()) }
            var questions: [Question] = []
            for _ in 0..<(try count()) { questions.append(try question()) }
            let claimCount = try count()
            var claims: [Claim] = []
            claims.reserveCapacity(claimCount)
            for _ in 0..<claimCount { claims.append(try claim()) }
            var warnings: [ScenarioWarning] = []
            for _ in 0..<(try count()) { warnings.append(try warning(claims: claimCount)) }
            // Views index the events by a claim's position: one past them would trap there.
            guard claims.allSatisfy({ $0.knownPosition >= 1 && $0.knownPosition <= eventCount }),
                  toClaims.allSatisfy({ kinds[$0] & Kind.claim != 0 }) else { throw Corrupt() }
            var scenario = Scenario(formatVersion: version, info: info, sources: sources, parties: parties, actors: actors,
                                    places: places, events: events, questions: questions, claims: claims, path: path)
            scenario.foundWarnings = warnings
            return scenario
        }

        mutating func event() throws(Corrupt) -> Event {
            let id = try id(Kind.event), date = try eventDate()
            var time: TimeOfDay?
            if try flag() {
                time = TimeOfDay(hour: Int(try r.u8()), minute: Int(try r.u8()))
                if time == nil { throw Corrupt() }
            }
            let order = try flag() ? try signed() : nil
            let phase = try choice(Phase.self), type = try choice(EventType.self)
            let actors = try references(Kind.party | Kind.actor), place = try optional(), reportedBy = try references(Kind.speaker)
            let title = try string(), description = try optional()
            let intensity = try flag() ? Double(bitPattern: try r.u64()) : nil
            let sources = try references(Kind.source), location = try location(), disputed = try flag()
            var coverage: Coverage?
            if try flag() {
                func int32(_ v: Int) throws(Corrupt) -> Int32 {
                    guard let n = Int32(exactly: v) else { throw Corrupt() }
                    return n
                }
                let s = try int32(try signed()), m = try int32(try signed()), a = try int32(try signed())
                let bits = try r.u64()
                guard let tone = UInt32(exactly: bits) else { throw Corrupt() }
                coverage = Coverage(sources: s, mentions: m, articles: a, tone: Float(bitPattern: tone))
            }
            return Event(id: id, date: date, time: time, order: order, phase: phase, type: type, actors: actors, place: place,
                         reportedBy: reportedBy, title: title, description: description, intensityOverride: intensity,
                         sources: sources, location: location, initiatorDisputed: disputed, coverage: coverage)
        }

        mutating func question() throws(Corrupt) -> Question {
            var q = Question(id: try id(Kind.question), text: try string(), about: try reference(Kind.event), location: try location(),
                             kind: try choice(QuestionKind.self), kindDeclared: try flag())
            if try flag() { q.tie = Question.Tie(losses: try optionalReference(Kind.party), measure: try choice(Measure.self)) }
            return q
        }

        mutating func claim() throws(Corrupt) -> Claim {
            let id = try id(Kind.claim), by = try reference(Kind.speaker)
            let speaker: Speaker
            switch try r.u8() {
            case 0: speaker = .actor(try reference(Kind.actor))
            case 1: speaker = .party(try reference(Kind.party))
            case 2: speaker = .source(try reference(Kind.source))
            default: throw Corrupt()
            }
            let about = try reference(Kind.event), madeOn = try optionalDate()
            let said = try flag() ? try eventDate() : nil
            let knownAt: KnownAt?
            switch try r.u8() {
            case 0: knownAt = nil
            case 1: knownAt = .event(try reference(Kind.event))
            case 2: knownAt = .date(try date())
            default: throw Corrupt()
            }
            let says = try string(), quote = try optional(), status = try choice(ClaimStatus.self)
            var answers: [(question: String, answer: Answer)] = []
            for _ in 0..<(try count()) { answers.append((try reference(Kind.question), try answer())) }
            var figures: [Figure] = []
            for _ in 0..<(try count()) {
                let party = try optionalReference(Kind.party)
                var values: [(measure: Measure, value: FigureValue)] = []
                for _ in 0..<(try count()) { values.append((try choice(Measure.self), try figure())) }
                figures.append(Figure(party: party, values: values, note: try optional(), location: try location()))
            }
            return Claim(id: id, by: by, speaker: speaker, about: about, madeOn: madeOn, said: said, knownAt: knownAt,
                         says: says, quote: quote, status: status, answers: answers, figures: figures,
                         relayedBy: try optionalReference(Kind.speaker), confirms: try claimList(), denies: try claimList(),
                         revises: try optionalClaimReference(), sources: try references(Kind.source), location: try location(),
                         knownPosition: try r.count(), party: try optionalReference(Kind.party))
        }

        mutating func warning(claims: Int) throws(Corrupt) -> ScenarioWarning {
            switch try r.u8() {
            case 0:
                return .written(try diagnostic())
            case 1:
                let at = try location(), claim = try r.count(), earlier = try r.count()
                // Written out later by index: an index past the claims would trap there.
                guard claim < claims, earlier < claims else { throw Corrupt() }
                return .changedWithoutRevises(at: at, claim: claim, earlier: earlier, value: try answer(), old: try answer())
            default:
                throw Corrupt()
            }
        }
    }
}

extension TimeOfDay {
    /// A time read back from a cache; nil out of range.
    init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }
}
