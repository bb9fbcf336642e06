import PropertyBased
import Testing
@testable import Parallax

/// Laws that must hold for any scenario, cursor, filter or party list, checked on random
/// cases (PropertyBased prints a seed to replay a failure with `.fixedSeed`). The scenarios
/// are the bundled one and the small generated ones of the loader's fuzz corpus.
@Suite("Properties")
struct PropertyTests {
    static let scenarioPaths = ["seeds/armenia-azerbaijan-2021-11.yaml"]
        + ["generated-3.yaml", "generated-6.yaml", "generated-12.yaml", "generated-2.json", "generated-12.json"].map { "Fuzz/corpus/loader/" + $0 }

    static let scenarios: [Scenario] = scenarioPaths.map { path in
        do { return try ScenarioLoader.load(path: Fixtures.root + "/" + path) } catch { fatalError("\(path): \(error)") }
    }

    static func interpreter(_ scenario: Scenario) -> Interpreter {
        Interpreter(session: Session(scenario: scenario))
    }

    /// What `where` prints: the position as the analyst sees it.
    static func position(_ interpreter: Interpreter) -> String {
        _ = interpreter.execute(line: "where")
        return interpreter.lastOutput?.text ?? ""
    }

    // MARK: Navigation

    @Test func stepThenBackReturnsToTheSameCursor() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...(PropertyTests.scenarioPaths.count - 1)), Gen.int(in: 0...1000), Gen.int(in: 0...1000)) { which, start, distance in
            let scenario = PropertyTests.scenarios[which]
            let c = start % scenario.events.count
            let n = 1 + distance % (scenario.events.count - c)
            let px = PropertyTests.interpreter(scenario)
            px.session.move(to: c)
            let before = PropertyTests.position(px)
            #expect(!px.execute(line: "step \(n)")[0].failed)
            #expect(px.session.cursor == c + n)
            #expect(!px.execute(line: "back \(n)")[0].failed)
            #expect(px.session.cursor == c)
            #expect(PropertyTests.position(px) == before)
        }
    }

    /// Checked at every cursor of every scenario rather than sampled: there are few.
    @Test func knownClaimsOnlyGrowAndStepsRevealTheDifference() {
        for scenario in PropertyTests.scenarios {
            var session = Session(scenario: scenario)
            var known = Set(Knowledge(session: session).known)
            for k in 0..<scenario.events.count {
                session.move(to: k + 1)
                let next = Set(Knowledge(session: session).known)
                #expect(known.isSubset(of: next), "claims forgotten stepping onto \(k + 1) of \(scenario.path)")
                let revealed = Set(session.claimsRevealed(at: k + 1).map(\.id))
                #expect(Set(next.subtracting(known).map { scenario.claims[$0].id }) == revealed)
                known = next
            }
            #expect(known == Set(Knowledge(session: session, all: true).known))
        }
    }

    // MARK: Filters

    @Test func aPrintedFilterParsesBackToTheSameFilter() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...9999).array(of: 1...60)) { choices in
            var source = Choices(choices)
            switch source.next(3) {
            case 0: PropertyTests.roundTrip(FilterGenerator(schema: FilterSchemas.event).filter(&source), FilterSchemas.event)
            case 1: PropertyTests.roundTrip(FilterGenerator(schema: FilterSchemas.claim).filter(&source), FilterSchemas.claim)
            default: PropertyTests.roundTrip(FilterGenerator(schema: FilterSchemas.actor).filter(&source), FilterSchemas.actor)
            }
        }
    }

    /// Prints the filter, reads it back as a command would (segments, tokens, `where`), and
    /// expects the same filter: same structure up to how `and`/`or` chains group, same values.
    static func roundTrip<E>(_ filter: Filter, _ schema: FilterSchema<E>) {
        let line = "where " + filter.text
        let segments = Lexer.segments(line)
        #expect(segments.map(\.text) == [line], "a printed filter is cut by ';' or '#': \(line)")
        guard case .success(let tokens) = Lexer.tokens(line) else {
            Issue.record("a printed filter does not lex: \(line)")
            return
        }
        do {
            let target = try #require(FilterTarget(rawValue: schema.entity))
            let again = try target.parse(Array(tokens.dropFirst()), after: tokens[0])
            #expect(Shape(again) == Shape(filter), "\(line) reads back as \(again.text)")
        } catch {
            Issue.record("a printed filter does not parse: \(line): \(error)")
        }
    }

    /// The scenarios filters are compiled on: those above, and exports opened by their
    /// shape (coverage fields, party ids that are country codes, places as free text).
    static let filterScenarios: [Scenario] = scenarios + ["gdelt2_events_sample.tsv", "ucdp_ged231_ARM_AZE_rows.csv"].map { name in
        do {
            guard let opened = try EventImport.load(path: ImportTests.data + name, options: ImportTests.noCache) else { fatalError("\(name) not recognised") }
            return opened.scenario
        } catch { fatalError("\(name): \(error)") }
    }

    /// What `events`, `claims`, `continue` and `break` run, a filter compiled once, answers
    /// as the definition (`Filter.matches` over the values `read` gives) does, entity by
    /// entity, for random filters whose values are partly the scenario's own (its ids,
    /// names, dates and numbers, in other cases), so that terms hold as often as not.
    @Test func aCompiledFilterAgreesWithTheDefinition() async {
        await propertyCheck(count: 600, input: Gen.int(in: 0...(PropertyTests.filterScenarios.count - 1)), Gen.int(in: 0...9999).array(of: 1...60)) { which, choices in
            let scenario = PropertyTests.filterScenarios[which]
            var source = Choices(choices)
            switch source.next(3) {
            case 0: PropertyTests.agree(FilterGenerator(schema: FilterSchemas.event, from: scenario).filter(&source), FilterSchemas.event, scenario)
            case 1: PropertyTests.agree(FilterGenerator(schema: FilterSchemas.claim, from: scenario).filter(&source), FilterSchemas.claim, scenario)
            default: PropertyTests.agree(FilterGenerator(schema: FilterSchemas.actor, from: scenario).filter(&source), FilterSchemas.actor, scenario)
            }
        }
    }

    /// `~` and `find` fold mixed text in place, scalar by scalar; the answer is the one
    /// folding the whole text first gives, for texts of every script and needles taken from
    /// them or not.
    @Test func foldingInPlaceAgreesWithFoldingFirst() async {
        let pieces = FilterGenerator<Event>.texts + ["ΟΔΟΣ Σ", "Straße", "İstanbul", "Ǆemal", "ﬃ", "한국", "Ⅻ", "‘quoted’ “twice”", "ARMENIA → AZERBAIJAN",
                                                    "Şahin", "A\u{30A}ngström", "\u{212B}", "ΐ", "\u{FB2C}", "Ꭰ", "ǰ", "\u{A0}x\u{AD}"]
        await propertyCheck(count: 500, input: Gen.int(in: 0...9999).array(of: 1...8), Gen.int(in: 0...9999).array(of: 0...3)) { picks, cut in
            let text = picks.map { pieces[$0 % pieces.count] }.joined()
            let folded = Folding.foldedBytes(text)
            // A needle from the folded text (a match) or from the pieces (either).
            let needle: [UInt8]
            if cut.count >= 2, !folded.isEmpty {
                let a = cut[0] % folded.count, b = a + cut[1] % (folded.count - a + 1)
                needle = Array(folded[a..<b])
            } else {
                needle = Folding.foldedBytes(cut.map { pieces[$0 % pieces.count] }.joined())
            }
            #expect(Folding.matches(text, folded: needle) == Folding.contains(folded, needle), "\(text.debugDescription) ~ \(needle)")
        }
    }

    static func agree<E>(_ filter: Filter, _ schema: FilterSchema<E>, _ scenario: Scenario) {
        let test = filter.compiled(for: scenario, schema: schema)
        for i in 0..<schema.count(scenario) {
            let entity = schema.entityAt(scenario, i)
            let expected = filter.matches(entity, in: scenario, schema: schema)
            if test(i) != expected {
                Issue.record("where \(filter.text): the compiled filter says \(!expected) for \(schema.entity) \(i) of \(scenario.path), the definition \(expected)")
                return
            }
        }
    }

    // MARK: Comparison

    @Test func comparingPartiesInAnyOrderGivesTheSameVerdicts() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...(PropertyTests.scenarioPaths.count - 1)), Gen.int(in: 0...1000), Gen.int(in: 0...9999).array(of: 2...6)) { which, cursor, picks in
            let scenario = PropertyTests.scenarios[which]
            var ids = scenario.parties.map(\.id)
            var chosen: [String] = []
            for pick in picks where !ids.isEmpty { chosen.append(ids.remove(at: pick % ids.count)) }
            guard chosen.count >= 2 else { return }
            var session = Session(scenario: scenario)
            session.move(to: cursor % (scenario.events.count + 1))
            let knowledge = Knowledge(session: session, all: cursor % 7 == 0)
            let forward = Comparison(knowledge, parties: chosen)
            let backward = Comparison(knowledge, parties: Array(chosen.reversed()))
            #expect(Verdicts(forward) == Verdicts(backward), "compare \(chosen.joined(separator: " "))")
            // And as the analyst sees it: `compare A B` and `compare B A` list the same verdicts.
            if chosen.count == 2 {
                let px = PropertyTests.interpreter(scenario)
                px.session.move(to: session.cursor)
                let all = knowledge.isEverything ? " all" : ""
                let ab = px.execute(line: "compare \(chosen[0]) \(chosen[1])\(all)")[0]
                let ba = px.execute(line: "compare \(chosen[1]) \(chosen[0])\(all)")[0]
                #expect(PropertyTests.verdictWords(ab) == PropertyTests.verdictWords(ba))
            }
        }
    }

    /// The verdict words in a rendered comparison, counted.
    static func verdictWords(_ outcome: Interpreter.Outcome) -> [String: Int] {
        guard case .success(let document) = outcome.result else { return ["failed": 1] }
        let text = Renderer.render(document, RenderOptions(format: .text, width: 1000))
        var counts: [String: Int] = [:]
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if ["agree", "contradict", "diverge", "one-sided", "open"].contains(word) { counts[String(word), default: 0] += 1 }
        }
        return counts
    }

    // MARK: Loading

    /// Random line edits of the test scenarios (deleted, repeated, swapped or retyped lines):
    /// the same bytes always give the same result, and reading in two parts
    /// gives what reading whole gives, wherever the claims are cut.
    @Test func loadingIsDeterministicAndBothWaysAgree() async throws {
        let texts = try PropertyTests.scenarioPaths.map { path in
            try FileReader.contents(of: Fixtures.root + "/" + path).get()
        }
        await propertyCheck(count: 150, input: Gen.int(in: 0...(PropertyTests.scenarioPaths.count - 1)), Gen.int(in: 0...99999).array(of: 0...12)) { which, edits in
            let bytes = PropertyTests.edit(texts[which], edits)
            let first = Loaded(bytes) { b throws(LoadFailure) in try ScenarioLoader.loadWhole(bytes: b, path: "p.yaml") }
            let second = Loaded(bytes) { b throws(LoadFailure) in try ScenarioLoader.loadWhole(bytes: b, path: "p.yaml") }
            #expect(first == second)
            // Every cut the edited text allows (a few), each read twice: the same model
            // and the same problems, in the same order, as reading whole.
            var target = 0, cuts = 0
            while cuts < 3, let parts = bytes.withUnsafeBufferPointer({
                TwoParts.yaml($0, target: target) ?? TwoParts.json($0, target: target)
            }) {
                for _ in 0..<2 {
                    guard let read = ScenarioLoader.loadInTwoParts(bytes: bytes, path: "p.yaml", target: target) else { break }
                    #expect(Loaded(bytes) { _ throws(LoadFailure) in try read.get() } == first, "cut at byte \(parts.second.lowerBound)")
                }
                target = parts.second.lowerBound + 1 + (bytes.count - parts.second.lowerBound) / 3
                cuts += 1
            }
        }
    }

    /// Applies line edits chosen by `edits`.
    static func edit(_ bytes: [UInt8], _ edits: [Int]) -> [UInt8] {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        let replacements: [[UInt8]] = ["", "  - id: x", "- {}", "    known_at: #2", "&a", "*a", "claims:", "\t", "  ", "'"].map { Array($0.utf8) }
        for e in edits where !lines.isEmpty {
            let i = (e / 10) % lines.count, j = (e / 1000) % lines.count
            switch e % 5 {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: j)
            case 2: lines.swapAt(i, j)
            case 3: lines[i] = replacements[(e / 7) % replacements.count]
            default:
                if !lines[i].isEmpty { lines[i][(e / 100) % lines[i].count] = replacements[(e / 7) % replacements.count].first ?? 32 }
            }
        }
        return Array(lines.joined(separator: [10]))
    }
}

/// What one load gave, in comparable form.
struct Loaded: Equatable {
    var model: String?
    var diagnostics: [String] = []

    init(_ bytes: [UInt8], _ load: ([UInt8]) throws(LoadFailure) -> Scenario) {
        do {
            let s = try load(bytes)
            // Arrays only: the id index is a dictionary, whose order is the hasher's.
            model = "\(s.info) \(s.sources) \(s.parties) \(s.actors) \(s.places) \(s.events) \(s.questions) \(s.claims)"
                + " \(s.index.sorted { $0.key < $1.key }) \(s.positionOfEvent.table.sorted { $0.key < $1.key })"
        } catch {
            diagnostics = error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        }
    }
}

/// Verdicts of a comparison by question and by figure, whatever order the parties came in.
struct Verdicts: Equatable {
    var questions: [String: String] = [:]
    var splits: [String: Set<String>] = [:]
    var figures: [String: String] = [:]
    var positions: [String: Set<Int>] = [:]

    init(_ c: Comparison) {
        for row in c.questions {
            questions[row.question.id] = row.verdict.rawValue
            splits[row.question.id] = Set(row.split)
            for (party, ps) in zip(c.parties, row.positions) { positions[row.question.id + "/" + party] = Set(ps.map(\.claim)) }
        }
        for row in c.figures {
            let key = "\(row.losses ?? "-")/\(row.measure.rawValue)"
            figures[key] = row.verdict.rawValue
            splits[key] = Set(row.split)
        }
    }
}

/// A filter's structure with `and` and `or` chains flattened: `a and (b and c)` prints as
/// `a and b and c`, which reads back grouped the other way and means the same.
indirect enum Shape: Equatable {
    case term(String, String, [String])
    case not(Shape)
    case and([Shape])
    case or([Shape])

    init(_ f: Filter) {
        switch f {
        case .term(let t):
            self = .term(t.field, t.op.rawValue, t.values.map { v in
                switch v {
                case .text(let s): "text:" + s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ",")
                case .number(let n): "number:\(n.bitPattern == (-0.0).bitPattern ? 0 : n.bitPattern)"
                case .date(let d): "date:\(d.year)-\(d.month ?? 0)-\(d.day ?? 0)"
                case .days(let a, let b): "days:\(a)..\(b)"
                }
            })
        case .not(let g): self = .not(Shape(g))
        case .and(let a, let b): self = .and(Shape.flat(Shape(a), and: true) + Shape.flat(Shape(b), and: true))
        case .or(let a, let b): self = .or(Shape.flat(Shape(a), and: false) + Shape.flat(Shape(b), and: false))
        }
    }

    static func flat(_ s: Shape, and: Bool) -> [Shape] {
        switch s {
        case .and(let parts) where and: parts
        case .or(let parts) where !and: parts
        default: [s]
        }
    }
}

/// A list of numbers read one at a time, 0 once used up: the generator's only source of
/// randomness, so PropertyBased can shrink a failing filter by shrinking the list.
struct Choices {
    var values: [Int]
    var i = 0
    init(_ values: [Int]) { self.values = values }

    mutating func next(_ bound: Int) -> Int {
        defer { i += 1 }
        return i < values.count ? values[i] % bound : 0
    }
}

/// Random valid filters over one schema's fields, values of each field's type included
/// the awkward ones: quotes, backslashes, keywords, `;` and `#`, combining marks, big numbers.
struct FilterGenerator<E> {
    let schema: FilterSchema<E>
    /// Texts, numbers and years taken from a scenario, used for about half the values when
    /// given, so that generated terms also hold (see `init(schema:from:)`).
    var known: (texts: [String], numbers: [Double], years: [Int]) = ([], [], [])

    init(schema: FilterSchema<E>) { self.schema = schema }

    /// Values from `scenario`: ids, names, titles and places as written, upper-cased,
    /// lower-cased and cut short (for `~` and orderings); intensities and figures; years.
    init(schema: FilterSchema<E>, from scenario: Scenario) {
        self.schema = schema
        var words = scenario.parties.map(\.id) + scenario.actors.flatMap { [$0.id, $0.name, $0.party] } + scenario.places.flatMap { [$0.id, $0.name] }
        for e in scenario.events.prefix(40) { words += [e.id, e.title] + e.actors + (e.place.map { [$0] } ?? []) }
        for c in scenario.claims.prefix(40) { words += [c.id, c.by, c.about] + c.sources + c.answers.map(\.question) + (c.party.map { [$0] } ?? []) }
        words += scenario.sources.prefix(20).map(\.id)
        let texts = words.flatMap { [$0, $0.uppercased(), $0.lowercased(), String($0.prefix(3))] }
        let numbers = scenario.events.prefix(40).map(\.intensity)
            + scenario.claims.prefix(40).flatMap { $0.figures.flatMap { $0.values.map { Double($0.value.lowerBound) } } }
        known = (texts, numbers, scenario.events.map(\.date.start.year))
    }

    static var texts: [String] {
        ["ARM", "a b", "and", "or", "not", "in", "where", "\"", "'", "O'Brien", "'lead", "a\\b", "\\", "x;y", "#3", "a#b",
         "", " ", "é", "e\u{301}", "\"\u{301}", "(", "a,b", "=", "!", "~x", "-5", "1e3", "2021-11", "\t", "line\nbreak", "🇦🇲", "\u{1B}[2J",
         "\u{212A}", "İ", "ẞ", "Σ", "ARM\u{301}"]
    }

    static var numbers: [Double] {
        [0, 1, -5, 1.25, 0.04, -0.02, 7.5, 1e300, -1e-7, 123456789012345678, 1e15, 999999999999999, .greatestFiniteMagnitude, 0.1 + 0.2]
    }

    func filter(_ c: inout Choices, depth: Int = 0) -> Filter {
        switch depth > 4 ? 0 : c.next(6) {
        case 3: return .not(filter(&c, depth: depth + 1))
        case 4: return .and(filter(&c, depth: depth + 1), filter(&c, depth: depth + 1))
        case 5: return .or(filter(&c, depth: depth + 1), filter(&c, depth: depth + 1))
        default: return .term(term(&c))
        }
    }

    func term(_ c: inout Choices) -> FilterTerm {
        let (field, type) = schema.fields[c.next(schema.fields.count)]
        var ops: [FilterTerm.Op] = [.eq, .ne, .within]
        switch type {
        case .text: ops += [.contains, .lt, .le, .gt, .ge]
        case .id: ops += [.contains]
        case .choice: ops += [.contains]
        case .number, .date: ops += [.lt, .le, .gt, .ge]
        }
        let op = ops[c.next(ops.count)]
        let count = op == .within ? 1 + c.next(3) : 1
        return FilterTerm(field: field, op: op, values: (0..<count).map { _ in value(type, &c) })
    }

    func value(_ type: FieldType, _ c: inout Choices) -> FilterValue {
        if !known.texts.isEmpty, c.next(2) == 0 {
            switch type {
            case .text, .id: return .text(known.texts[c.next(known.texts.count)])
            case .number where !known.numbers.isEmpty: return .number(known.numbers[c.next(known.numbers.count)])
            case .date where !known.years.isEmpty:
                let year = known.years[c.next(known.years.count)]
                switch c.next(3) {
                case 0: return .date(PartialDate(year: year)!)
                case 1: return .date(PartialDate(year: year, month: 1 + c.next(12))!)
                default: return .date(PartialDate(year: year, month: 1 + c.next(12), day: 1 + c.next(28))!)
                }
            default: break
            }
        }
        switch type {
        case .text, .id:
            let texts = FilterGenerator.texts
            return .text((0...c.next(2)).map { _ in texts[c.next(texts.count)] }.joined())
        case .number:
            return .number(FilterGenerator.numbers[c.next(FilterGenerator.numbers.count)])
        case .date:
            let year = 1 + c.next(2100)
            switch c.next(3) {
            case 0: return .date(PartialDate(year: year)!)
            case 1: return .date(PartialDate(year: year, month: 1 + c.next(12))!)
            default: return .date(PartialDate(year: year, month: 1 + c.next(12), day: 1 + c.next(28))!)
            }
        case .choice(let options):
            return .text(options[c.next(options.count)])
        }
    }
}
