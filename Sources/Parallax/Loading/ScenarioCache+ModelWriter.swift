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
}
