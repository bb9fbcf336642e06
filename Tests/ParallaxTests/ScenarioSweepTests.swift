import Foundation
import Testing
@testable import Parallax

/// Rules checked on every scenario the project ships as a fixture, every question and
/// party in them, as a user would see the output: scenarios nobody here wrote will be
/// read the same way. Each rule was broken on a scenario whose file order differs from
/// its sequence (Scenarios/georgia-2008-08.yaml) before it held.
@Suite struct ScenarioSweepTests {
    static let paths = ["/seeds/armenia-azerbaijan-2021-11.yaml",
                        "/Tests/ParallaxTests/Scenarios/galwan-2020-06.yaml",
                        "/Tests/ParallaxTests/Scenarios/pulwama-balakot-2019.yaml",
                        "/Tests/ParallaxTests/Scenarios/georgia-2008-08.yaml"]

    static func scenario(_ path: String) throws -> Scenario { try ScenarioLoader.load(path: Fixtures.root + path) }

    /// The last command's JSON document, parsed.
    static func json(_ scenario: Scenario, _ line: String) throws -> [String: Any] {
        let interpreter = Interpreter(session: Session(scenario: scenario))
        let last = try #require(interpreter.execute(line: line).last)
        guard case .success(let doc) = last.result else {
            Issue.record("\(line) failed")
            return [:]
        }
        let text = Renderer.render(doc, RenderOptions(format: .json, width: 100))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func tables(_ doc: [String: Any]) -> [[String: Any]] {
        ((doc["blocks"] as? [[String: Any]]) ?? []).filter { $0["type"] as? String == "table" }
    }

    /// `claims` and the claims `show` lists under a party, an actor, a source or an event
    /// come in the order they become known (as `step` reveals them), not the file's.
    @Test(arguments: paths)
    func claimListsFollowTheSequence(_ path: String) throws {
        let s = try Self.scenario(path)
        let known = Dictionary(uniqueKeysWithValues: s.claims.map { ($0.id, $0.knownPosition) })
        func positions(_ line: String) throws -> [Int] {
            try Self.tables(Self.json(s, line)).flatMap { t in
                ((t["rows"] as? [[String: Any]]) ?? []).compactMap { ($0["ids"] as? [String: Any])?["claim"] as? String }
            }.map { try #require(known[$0], "\($0) is not a claim id") }
        }
        let all = try positions("claims all")
        #expect(all.count == s.claims.count && all == all.sorted())
        for id in s.parties.map(\.id) + s.actors.map(\.id) + s.sources.map(\.id) + s.events.map(\.id) {
            let listed = try positions("show \(id)")
            #expect(listed == listed.sorted(), "show \(id)")
        }
    }

    /// `show SOURCE` lists the claims in its own voice and those it relays, and counts
    /// what cites it in numbers; no view of any entity says "1 claims".
    @Test(arguments: paths)
    func everyEntityIsShownWithWhatNamesIt(_ path: String) throws {
        let s = try Self.scenario(path)
        for src in s.sources {
            let doc = try Self.json(s, "end; show \(src.id)")
            let listed = Set(Self.tables(doc).flatMap { t in
                ((t["rows"] as? [[String: Any]]) ?? []).compactMap { ($0["ids"] as? [String: Any])?["claim"] as? String }
            })
            let expected = Set(s.claims.filter { $0.by == src.id || $0.relayedBy == src.id }.map(\.id))
            #expect(listed == expected, "show \(src.id)")
            let fields = ((doc["blocks"] as? [[String: Any]]) ?? []).compactMap { $0["fields"] as? [String: Any] }.first
            let cited = try #require(fields?["cited_by"] as? [String: Any], "show \(src.id): cited_by")
            #expect((cited["claims"] as? Int) == s.claims.filter { $0.sources.contains(src.id) }.count)
        }
        let ids = s.parties.map(\.id) + s.actors.map(\.id) + s.sources.map(\.id) + s.events.map(\.id)
            + s.claims.map(\.id) + s.questions.map(\.id)
        for id in ids {
            let text = NarrativeFixtures.run(s, "end; show \(id)")
            #expect(text.firstMatch(of: /\b1 (claims|events|values|groups|questions|answers|figure rows)\b/) == nil, "show \(id): \(text)")
        }
    }

    /// A party, actor or place typed by its name rather than its id is answered with the id
    /// to write, wherever a party or an id is asked for (`compare Georgia Russia`).
    @Test(arguments: paths)
    func aNameTypedForAnIdIsAnsweredWithTheId(_ path: String) throws {
        let s = try Self.scenario(path)
        func error(_ line: String) -> String {
            let outcome = Interpreter(session: Session(scenario: s)).execute(line: line).last
            if case .failure(let e)? = outcome?.result { return e.message }
            return ""
        }
        let other = s.parties[0].id
        for p in s.parties where s.entity(p.name) == nil && InspectionCommands.caseInsensitive(p.name, in: s) == nil {
            for line in ["compare \(other) \"\(p.name)\"", "narrative \"\(p.name)\"", "watch killed \"\(p.name)\"",
                         "show \"\(p.name)\""] {
                #expect(error(line).contains("is the name of \(p.id) (party)"), "\(line): \(error(line))")
            }
        }
        for a in s.actors where s.entity(a.name) == nil && InspectionCommands.caseInsensitive(a.name, in: s) == nil
            && !s.parties.contains(where: { $0.name == a.name }) {
            #expect(error("narrative \"\(a.name)\"").contains("is an actor of \(a.party) (\(a.id))"))
            #expect(error("show \"\(a.name)\"").contains("is the name of \(a.id) (actor of \(a.party))"))
        }
    }

    /// CSV prints every number as everywhere else (`19..21`, `>=400`, never `19-21`), and an
    /// answer naming several parties keeps its brackets among a party's answers.
    @Test(arguments: paths)
    func csvPrintsAnswersAsEveryViewDoes(_ path: String) throws {
        let s = try Self.scenario(path)
        var documents: [Document] = []
        for line in ["end; compare \(s.parties[0].id) \(s.parties[1].id)"] + s.questions.map({ "end; trace \($0.id) all" }) {
            let interpreter = Interpreter(session: Session(scenario: s))
            if case .success(let d)? = interpreter.execute(line: line).last?.result { documents.append(d) }
        }
        let csv = documents.map(CSVRenderer.render).joined()
        // A field (or a piece of one) written N-M that is not a month (`2021-05`).
        let pieces = csv.split { ",;\r\n\"() ".contains($0) }.map(String.init)
        let dashed = pieces.filter { $0.wholeMatch(of: /[0-9]+-[0-9]+/) != nil && PartialDate(parsing: $0) == nil }
        #expect(dashed.isEmpty, "\(dashed)")
        for c in s.claims {
            for (q, a) in c.answers {
                guard case .party(let ids) = a, ids.count > 1, s.question(q) != nil else { continue }
                #expect(csv.contains("[" + ids.joined(separator: ", ") + "] (\(c.id))"), "\(c.id): \(q)")
            }
        }
    }

    /// An event with a range date is on every day it lasted: `where date = D` finds it for
    /// its first, a middle and its last day, `!=` leaves it out, and the compiled filter and
    /// the one read value by value agree.
    @Test(arguments: paths)
    func aRangeEventIsOnEveryDayItLasted(_ path: String) throws {
        let s = try Self.scenario(path)
        var ranges = 0
        for (k, e) in s.events.enumerated() {
            guard let end = e.date.end else { continue }
            ranges += 1
            // Every day from the first of the range to its last, as a day.
            var days: [PartialDate] = []
            var y = e.date.start.year, m = e.date.start.month ?? 1, d = e.date.start.day ?? 1
            while let day = PartialDate(parsing: String(format: "%04d-%02d-%02d", y, m, d)), day.firstDay <= end.lastDay {
                days.append(day)
                d += 1
                if d > PartialDate.daysIn(month: m, year: y) { d = 1; m += 1 }
                if m > 12 { m = 1; y += 1 }
            }
            for day in [days.first, days[days.count / 2], days.last].compactMap({ $0 }) {
                for (op, expected) in [("=", true), ("!=", false), ("in", true)] {
                    let text = op == "in" ? "date in (\(day), 1900)" : "date \(op) \(day)"
                    let filter = try #require(try CommandParser.parse(Lexer.segments("events where " + text)[0]).get().filter())
                    #expect(filter.matches(e, in: s) == expected, "\(e.id): \(text)")
                    #expect(filter.compiled(for: s, schema: FilterSchemas.event)(k) == expected, "\(e.id): \(text) (compiled)")
                }
            }
        }
        #expect(ranges > 0 || !path.contains("georgia"))
    }

    /// `where value …` finds a claim by every number it states: each figure and each answer
    /// to a number question, written in any notation (`19-21`, `at least 400`).
    @Test(arguments: paths)
    func everyStatedNumberIsAValue(_ path: String) throws {
        let s = try Self.scenario(path)
        for c in s.claims {
            let numbers = c.figures.flatMap { $0.values.map(\.value) }
                + c.answers.compactMap { if case .number(let v) = $0.answer { v } else { nil } }
            for v in numbers {
                let found = try Self.tables(Self.json(s, "claims all where value = \(v.lowerBound)")).flatMap { t in
                    ((t["rows"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                }
                #expect(found.contains(c.id), "value = \(v.lowerBound) misses \(c.id)")
            }
        }
    }

    /// TimelineJS: each era (a run of one phase) starts at its first event and ends no
    /// earlier than any of its events ends (a range outlasting the run's last event).
    @Test(arguments: paths)
    func everyEraHoldsItsEvents(_ path: String) throws {
        var session = Session(scenario: try Self.scenario(path))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(TimelineJS.render(&session).utf8)) as? [String: Any])
        let eras = try #require(doc["eras"] as? [[String: Any]])
        func day(_ d: Any?) -> Int {
            guard let d = d as? [String: Any], let text = d["display_date"] as? String, let p = PartialDate(parsing: text) else { return -1 }
            return p.firstDay
        }
        var k = 0
        for era in eras {
            let phase = (era["text"] as? [String: Any])?["headline"] as? String
            var run: [Event] = []
            while k < session.scenario.events.count, session.scenario.events[k].phase.rawValue == phase {
                run.append(session.scenario.events[k])
                k += 1
            }
            let first = try #require(run.first, "era \(phase ?? "") holds no event")
            #expect(day(era["start_date"]) == first.date.firstDay)
            for e in run {
                #expect(day(era["end_date"]) >= (e.date.end ?? e.date.start).firstDay, "era \(phase ?? "") ends before \(e.id)")
            }
        }
        #expect(k == session.scenario.events.count)
    }

    /// JSON is typed wherever an answer or a verdict is shown: a number as `{min, max}`,
    /// several parties as a list, the verdict apart from its flags; ids are bare ids.
    @Test(arguments: paths)
    func answersAndVerdictsAreTypedInJSON(_ path: String) throws {
        let s = try Self.scenario(path)
        let verdicts: Set<String> = ["agree", "contradict", "diverge", "one-sided", "open"]
        let belligerents = s.parties.filter { $0.role == .belligerent }.map { $0.id.lowercased() }
        func isTyped(_ value: Any, kind: QuestionKind) -> Bool {
            switch kind {
            case .number: if let o = value as? [String: Any] { return (o["min"] as? Int) != nil }
            case .party: if let l = value as? [String] { return l.count > 1 }
            default: break
            }
            // A single party id, yes, no, withheld or text; never a list or number spelt out.
            guard let text = value as? String else { return false }
            return text == "withheld" || (kind != .number && !text.hasPrefix("["))
        }
        for q in s.questions {
            let show = try Self.json(s, "end; show \(q.id)")
            for row in Self.tables(show).flatMap({ ($0["rows"] as? [[String: Any]]) ?? [] }) {
                let claim = try #require(row["claim"] as? String)
                #expect(s.claim(claim) != nil, "show \(q.id): '\(claim)' is not a claim id")
                #expect(isTyped(row["answer"] as Any, kind: q.kind), "show \(q.id): \(row["answer"] ?? "nil")")
            }
            let trace = try Self.json(s, "trace \(q.id) all")
            for row in Self.tables(trace).flatMap({ ($0["rows"] as? [[String: Any]]) ?? [] }) {
                #expect(verdicts.contains(row["verdict"] as? String ?? ""), "trace \(q.id): \(row["verdict"] ?? "nil")")
                #expect(row["flags"] is [[String: Any]], "trace \(q.id) has no flags list")
                for party in belligerents {
                    let answers = try #require(row[party] as? [Any], "trace \(q.id): \(party) is not a list")
                    #expect(answers.allSatisfy { isTyped($0, kind: q.kind) }, "trace \(q.id): \(answers)")
                }
            }
        }
    }

    /// A question watch fires only where an answer, the verdict or a flag changes: every
    /// stop's `Changed` line shows something said, never the bare arrival at the question's
    /// event (`(its event not reached yet) → … | open`).
    @Test(arguments: paths)
    func aQuestionWatchNeverStopsOnNothing(_ path: String) throws {
        let s = try Self.scenario(path)
        for q in s.questions {
            let interpreter = Interpreter(session: Session(scenario: s))
            _ = interpreter.execute(line: "watch \(q.id)")
            var stops = 0
            while stops <= s.events.count, let last = interpreter.execute(line: "continue").last,
                  case .success(let doc) = last.result {
                let text = Renderer.render(doc, RenderOptions(format: .text, width: 400))
                guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("watch 1 ") }) else { break }
                stops += 1
                let new = line.components(separatedBy: " → ").last ?? ""
                let nothing = new.split(separator: "|").dropLast().allSatisfy { $0.hasSuffix(": — ") } && new.hasSuffix("| open")
                #expect(!nothing, "watch \(q.id) stopped on nothing: \(line)")
            }
        }
    }
}
