/// The model of a cached scenario, written and read field by field in one order: every
/// entity in the order the loader left it (events already in sequence), then the warnings.
/// Strings are numbered in a table of their own, each written once: ids recur in every
/// event's actors and sources and every claim's `by` and `about`, and a number read back
/// is one shared string, not one made per use. Locations keep their line and column only:
/// every one is in the scenario's own file, named as the user names it on this open.
extension ScenarioCache {
    struct ModelWriter {
        private(set) var body = FactsWriter()
        private(set) var strings = FactsWriter()
        private var numbers: [String: Int] = [:]
        let path: String
        /// Set when a location names another file: such a model is not cached.
        private(set) var foreign = false

        init(path: String) { self.path = path }

        var stringCount: Int { numbers.count }

        mutating func string(_ s: String) { body.count(number(s)) }

        /// 0 for nil, else the string's number + 1.
        mutating func optional(_ s: String?) { body.count(s.map { number($0) + 1 } ?? 0) }

        mutating func list(_ list: [String]) {
            body.count(list.count)
            for s in list { string(s) }
        }

        private mutating func number(_ s: String) -> Int {
            if let k = numbers[s] { return k }
            let k = numbers.count
            numbers[s] = k
            strings.inline(s)
            return k
        }

        /// Signed numbers (an event's `order`, figures) are rare: eight bytes each.
        mutating func signed(_ v: Int) { body.u64(UInt64(bitPattern: Int64(v))) }

        mutating func flag(_ b: Bool) { body.u8(b ? 1 : 0) }

        mutating func location(_ l: SourceLocation) {
            if l.file != path { foreign = true }
            body.count(l.line)
            body.count(l.column)
        }

        mutating func date(_ d: PartialDate) {
            body.count(d.year)
            body.u8(UInt8(d.month ?? 0))
            body.u8(UInt8(d.day ?? 0))
        }

        mutating func date(_ d: PartialDate?) {
            flag(d != nil)
            if let d { date(d) }
        }

        mutating func date(_ d: EventDate) {
            date(d.start)
            date(d.end)
        }

        mutating func choice<E: CaseIterable & Equatable>(_ v: E) where E.AllCases.Index == Int {
            body.u8(UInt8(E.allCases.firstIndex(of: v)!))
        }

        mutating func figure(_ v: FigureValue) {
            switch v {
            case .exact(let n): body.u8(0); signed(n)
            case .range(let a, let b): body.u8(1); signed(a); signed(b)
            case .atLeast(let n): body.u8(2); signed(n)
            }
        }

        mutating func answer(_ a: Answer) {
            switch a {
            case .party(let ids): body.u8(0); list(ids)
            case .yes: body.u8(1)
            case .no: body.u8(2)
            case .number(let v): body.u8(3); figure(v)
            case .text(let t): body.u8(4); string(t)
            case .withheld: body.u8(5)
            }
        }

        mutating func diagnostic(_ d: Diagnostic) {
            if d.range.file != path { foreign = true }
            body.count(d.range.line); body.count(d.range.column); body.count(d.range.length)
            string(d.message)
            flag(d.severity == .warning)
        }

        // MARK: Entities

        mutating func scenario(_ s: Scenario) {
            body.count(s.formatVersion)
            string(s.info.id); string(s.info.title); optional(s.info.summary); date(s.info.asOf)
            body.count(s.sources.count)
            for x in s.sources {
                string(x.id); string(x.publisher); string(x.title); date(x.date); optional(x.url); location(x.location)
            }
            body.count(s.parties.count)
            for p in s.parties { string(p.id); string(p.name); choice(p.role); location(p.location) }
            body.count(s.actors.count)
            for a in s.actors {
                string(a.id); string(a.name); string(a.party); optional(a.kind); optional(a.title); location(a.location)
            }
            body.count(s.places.count)
            for p in s.places { string(p.id); string(p.name); optional(p.note); location(p.location) }
            body.count(s.events.count)
            for e in s.events { event(e) }
            body.count(s.questions.count)
            for q in s.questions { question(q) }
            body.count(s.claims.count)
            for c in s.claims { claim(c) }
            body.count(s.foundWarnings.count)
            for w in s.foundWarnings { warning(w) }
        }

        mutating func event(_ e: Event) {
            string(e.id); date(e.date)
            flag(e.time != nil)
            if let t = e.time { body.u8(UInt8(t.hour)); body.u8(UInt8(t.minute)) }
            flag(e.order != nil)
            if let o = e.order { signed(o) }
            choice(e.phase); choice(e.type); list(e.actors); optional(e.place); list(e.reportedBy)
            string(e.title); optional(e.description)
            flag(e.intensityOverride != nil)
            if let v = e.intensityOverride { body.u64(v.bitPattern) }
            list(e.sources); location(e.location); flag(e.initiatorDisputed)
            flag(e.coverage != nil)
            if let c = e.coverage {
                signed(Int(c.sources)); signed(Int(c.mentions)); signed(Int(c.articles))
                body.u64(UInt64(c.tone.bitPattern))
            }
        }

        mutating func question(_ q: Question) {
            string(q.id); string(q.text); string(q.about); location(q.location); choice(q.kind); flag(q.kindDeclared)
            flag(q.tie != nil)
            if let t = q.tie { optional(t.losses); choice(t.measure) }
        }

        mutating func claim(_ c: Claim) {
            string(c.id); string(c.by)
            switch c.speaker {
            case .actor(let id): body.u8(0); string(id)
            case .party(let id): body.u8(1); string(id)
            case .source(let id): body.u8(2); string(id)
            }
            string(c.about); date(c.madeOn)
            flag(c.said != nil)
            if let d = c.said { date(d) }
            switch c.knownAt {
            case nil: body.u8(0)
            case .event(let id)?: body.u8(1); string(id)
            case .date(let d)?: body.u8(2); date(d)
            }
            string(c.says); optional(c.quote); choice(c.status)
            body.count(c.answers.count)
            for (q, a) in c.answers { string(q); answer(a) }
            body.count(c.figures.count)
            for f in c.figures {
                optional(f.party)
                body.count(f.values.count)
                for (m, v) in f.values { choice(m); figure(v) }
                optional(f.note); location(f.location)
            }
            optional(c.relayedBy); list(c.confirms); list(c.denies); optional(c.revises); list(c.sources)
            location(c.location); body.count(c.knownPosition); optional(c.party)
        }

        mutating func warning(_ w: ScenarioWarning) {
            switch w {
            case .written(let d):
                body.u8(0); diagnostic(d)
            case .changedWithoutRevises(let at, let claim, let earlier, let value, let old):
                body.u8(1); location(at); body.count(claim); body.count(earlier); answer(value); answer(old)
            }
        }
    }

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
