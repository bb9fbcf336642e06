import Foundation
import Testing
@testable import Parallax

/// Golden transcripts of `trace` (text, JSON, Markdown) and of `escalation` on its time axis
/// at widths 60, 100 and 160, with quiet stretches drawn as breaks and events binned. To
/// accept a deliberate change, run with PARALLAX_UPDATE_GOLDEN=1 and read the diff.
@Suite struct TimeAxisGoldenTests {
    /// 200 daily events, six quiet months, 200 more; intensities cycle through the types.
    static func twoSeasons() throws -> Scenario {
        var yaml = Fixtures.minimal.replacingOccurrences(of: "events:\n", with: "events: []\nunused:\n")
        yaml = String(yaml[..<yaml.range(of: "events: []")!.lowerBound]) + "events:\n"
        let types = ["fight", "statement", "mediate", "accuse", "ceasefire", "threaten", "consult"]
        let phases = ["build-up", "escalation", "mediation", "de-escalation"]
        func add(_ day: Int, _ k: Int) {
            let d = EscalationSeries.date(ofDay: day)
            let date = PartialDate(year: d.year, month: d.month, day: d.day)!.description
            yaml += "  - {id: e\(k), date: \(date), phase: \(phases[k / 100 % 4]), type: \(types[(k * 5) % types.count]), title: Event \(k), sources: [src]}\n"
        }
        let start = PartialDate(year: 2020, month: 1, day: 6)!.firstDay
        for k in 0..<200 { add(start + k, k) }
        for k in 200..<400 { add(start + k + 183, k) }
        return try Fixtures.load(yaml)
    }

    static let cases: [(file: String, scenario: String, commands: String, format: OutputFormat, width: Int)] = [
        ("trace-q-dead.txt", "small", "goto e3; trace q-dead", .text, 100),
        ("trace-q-dead-all.txt", "small", "trace q-dead NOR SUD MED all", .text, 100),
        ("trace-q-truce-all.json", "small", "trace q-truce NOR SUD all", .json, 100),
        ("trace-q-captured-all.md", "small", "trace q-captured all", .markdown, 100),
        ("escalation-seed-60.txt", "seed", "goto #9; escalation", .text, 60),
        ("escalation-seed-100.txt", "seed", "goto #9; escalation", .text, 100),
        ("escalation-seed-160.txt", "seed", "goto #9; escalation", .text, 160),
        ("escalation-binned-60.txt", "seasons", "goto #250; escalation", .text, 60),
        ("escalation-binned-100.txt", "seasons", "goto #250; escalation", .text, 100),
        ("escalation-binned-160.txt", "seasons", "goto #250; escalation", .text, 160),
        ("escalation-binned.json", "seasons", "goto #250; escalation", .json, 100),
    ]

    static func scenario(_ name: String) throws -> Scenario {
        switch name {
        case "seed": try Fixtures.seed()
        case "small": try NarrativeFixtures.small()
        default: try twoSeasons()
        }
    }

    static func output(_ c: (file: String, scenario: String, commands: String, format: OutputFormat, width: Int)) throws -> String {
        let interpreter = Interpreter(session: Session(scenario: try scenario(c.scenario)))
        guard let last = interpreter.execute(line: c.commands).last, case .success(let d) = last.result else { return "(failed)" }
        return Renderer.render(d, RenderOptions(format: c.format, width: c.width))
    }

    @Test(arguments: cases.map(\.file))
    func golden(_ file: String) throws {
        let c = try #require(Self.cases.first { $0.file == file })
        let actual = "px> \(c.commands)   (\(c.format.rawValue), width \(c.width))\n" + (try Self.output(c)) + "\n"
        try GoldenFile.check(actual, file)
    }

    /// Whatever the width, every line fits, the bars grow with it, and the break is there.
    @Test(arguments: [40, 60, 100, 160, 240])
    func escalationFitsTheWidth(width: Int) throws {
        for name in ["seed", "seasons"] {
            let c = (file: "", scenario: name, commands: "goto #9; escalation", format: OutputFormat.text, width: width)
            let lines = try Self.output(c).split(separator: "\n")
            for line in lines { #expect(TextRenderer.width(line) <= width, "\(name) at \(width): \(line)") }
            #expect(lines.contains { $0.contains(name == "seed" ? "┄ 26 years ┄" : "┄ 6 months ┄") })
        }
    }

    @Test func theBarsGrowWithTheWidth() throws {
        for name in ["seed", "seasons"] {
            let longest = try [60, 100, 160].map { width in
                let c = (file: "", scenario: name, commands: "escalation", format: OutputFormat.text, width: width)
                return try Self.output(c).split(separator: "\n").map { $0.filter { $0 == "█" }.count }.max() ?? 0
            }
            #expect(longest[0] < longest[1] && longest[1] < longest[2], "\(name): \(longest)")
        }
    }

    @Test func binsHoldEveryEventOnceAndShowTheMostIntenseAndTheCursor() throws {
        let sc = try Self.twoSeasons()
        var s = Session(scenario: sc)
        s.move(to: 250)
        let chart = EscalationSeries.chart(s)
        #expect(chart.bin == "week")
        // The ×counts add up to every event; one bar is marked, the one holding event #250.
        let counts = chart.bars.map { bar -> Int in
            let after = bar.label.split(separator: "×")[1]
            return Int(after.prefix { $0.isNumber })!
        }
        #expect(counts.reduce(0, +) == sc.events.count)
        #expect(chart.bars.filter(\.marked).count == 1)
        let marked = try #require(chart.bars.first { $0.marked })
        let range = try #require(marked.label.range(of: "#"))
        let top = Int(marked.label[range.upperBound...].prefix { $0.isNumber })!
        #expect(abs(top - 250) < 7)
        // Each bar's value is the most intense of its events (the largest magnitude).
        #expect(chart.bars.allSatisfy { abs($0.value) == 10 || abs($0.value) == 9 })
        #expect(chart.bars.compactMap(\.gapBefore) == ["6 months"])
        // Fewer lines allowed: months; more: one bar per event.
        let months = EscalationSeries.chart(s, lines: 20)
        #expect(months.bin == "month" && months.bars.compactMap(\.gapBefore) == ["6 months"])
        // A break is never shorter than a bin: four quiet days between two weeks are no break,
        // though between single events (a day apart as a rule) they are.
        let yaml = Fixtures.minimal + """

              - {id: e3, date: 2021-11-18, phase: de-escalation, type: statement, title: Three, sources: [src]}
              - {id: e4, date: 2021-11-23, phase: aftermath, type: statement, title: Four, sources: [src]}
            """
        let events = EscalationSeries.points(try Fixtures.load(yaml).events)
        #expect(EscalationSeries.breaks(EscalationSeries.groups(events, by: .week), events, bin: .week) == [nil, nil])
        #expect(EscalationSeries.breaks(EscalationSeries.groups(events, by: .event), events, bin: .event) == [nil, nil, nil, "4 days"])
        #expect(EscalationSeries.chart(s, lines: 1000).bin == nil)
    }

    @Test func gapLengthsReadAsAnAnalystWouldSayThem() {
        #expect(EscalationSeries.length(1) == "1 day")
        #expect(EscalationSeries.length(12) == "12 days")
        #expect(EscalationSeries.length(21) == "3 weeks")
        #expect(EscalationSeries.length(183) == "6 months")
        #expect(EscalationSeries.length(9400) == "26 years")
        for day in stride(from: 700_000, to: 740_000, by: 97) {
            let d = EscalationSeries.date(ofDay: day)
            #expect(PartialDate(year: d.year, month: d.month, day: d.day)?.firstDay == day)
        }
    }
}
