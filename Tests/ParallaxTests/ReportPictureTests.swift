import Foundation
import Testing
@testable import Parallax

/// The report's pictures and tables as a reader sees them, checked on the generated markup
/// (the browser suite, `ReportBrowserTests`, opens them in Chromium): no label cut off by a
/// picture's edge, no label drawn over another, no word cut in two in a table. On the
/// scenarios of the tests, among them `many-voices.yaml`: very long names, right-to-left
/// text, emoji, combining marks, many parties, a range over the whole timeline.
struct ReportPictureTests {
    static let scenarios = ["/seeds/armenia-azerbaijan-2021-11.yaml", "/Tests/Scenarios/many-voices.yaml",
                            "/Tests/Scenarios/hostile-report.yaml", "/Tests/ParallaxTests/Scenarios/georgia-2008-08.yaml",
                            "/Tests/ParallaxTests/Scenarios/galwan-2020-06.yaml"]

    static func html(_ path: String) throws -> String {
        let scenario = try ScenarioLoader.load(path: Fixtures.root + path)
        return try ExportFormat.html.content(ExportFormatTests.interpreter(scenario, "end"))
    }

    /// Each `<text …>label</text>` of the markup: its attributes and its text (entities read back).
    struct Label {
        var attributes: [String: String]
        var text: String
        var x: Double { Double(attributes["x"] ?? "") ?? .nan }
        var y: Double { Double(attributes["y"] ?? "") ?? .nan }
        /// The extent the picture reserves for it (`EscalationPicture.labelWidth`), by its anchor.
        func span(size: Double = 11) -> ClosedRange<Double> {
            let w = EscalationPicture.labelWidth(text) * size / 11
            let anchor = attributes["style"]?.contains("text-anchor:end") == true || attributes["text-anchor"] == "end"
                || attributes["class"].map { $0.contains("value") && $0.contains("tick") || $0 == "claimant" } == true
                ? "end" : attributes["style"]?.contains("text-anchor:start") == true || attributes["text-anchor"] == "start"
                || attributes["class"] == "value" || attributes["class"] == "legend" || attributes["class"] == "phase-key-name" ? "start" : "middle"
            switch anchor {
            case "end": return x - w...x
            case "start": return x...x + w
            default: return x - w / 2...x + w / 2
            }
        }
    }

    static func labels(in svg: Substring) -> [Label] {
        let pattern = /<text([^>]*)>((?:[^<]|<tspan[^>]*>|<\/tspan>)*)<\/text>/
        return svg.matches(of: pattern).map { match in
            var attributes: [String: String] = [:]
            for a in String(match.1).matches(of: /([a-z-]+)="([^"]*)"/) { attributes[String(a.1)] = String(a.2) }
            let text = String(match.2).replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            return Label(attributes: attributes, text: text)
        }
    }

    /// The `<svg class="chart KIND">` pictures of a page, with their widths.
    static func pictures(_ html: String, _ kind: String) -> [(width: Double, svg: Substring)] {
        html.matches(of: /<svg viewBox="0 0 ([0-9.]+) [0-9.]+" class="chart ([a-z]+)"[^>]*>.*?<\/svg>/.dotMatchesNewlines())
            .filter { $0.2 == kind }.map { (Double($0.1) ?? 0, $0.0) }
    }

    @Test(arguments: scenarios)
    func everyLabelOfEveryPictureIsInsideIt(_ path: String) throws {
        let html = try Self.html(path)
        for kind in ["escalation", "web", "figures"] {
            for (width, svg) in Self.pictures(html, kind) {
                for label in Self.labels(in: svg) where !label.x.isNaN && label.attributes["transform"] == nil {
                    let size = label.attributes["class"]?.contains("edge-label") == true ? 10.0 : 11
                    let span = label.span(size: size)
                    #expect(span.lowerBound >= 0 && span.upperBound <= width, "\(path) \(kind): '\(label.text)' spans \(span)")
                }
            }
        }
    }

    /// Dates on the escalation axis, and edge labels on the web, are never drawn over one another.
    @Test(arguments: scenarios)
    func labelsDoNotOverlap(_ path: String) throws {
        let html = try Self.html(path)
        for (_, svg) in Self.pictures(html, "escalation") {
            let dates = Self.labels(in: svg).filter { $0.attributes["class"] == "tick date" }.map { $0.span() }
            for (i, a) in dates.enumerated() {
                for b in dates[(i + 1)...] { #expect(!a.overlaps(b), "\(path): date labels at \(a) and \(b)") }
            }
            // The cursor's line stops above a date label under it.
            if let cursor = svg.firstMatch(of: /<line x1="([0-9.]+)" x2="[0-9.]+" y1="[0-9.]+" y2="([0-9.]+)" class="cursor"\/>/),
               let x = Double(cursor.1), let y2 = Double(cursor.2),
               let date = Self.labels(in: svg).first(where: { $0.attributes["class"] == "tick date" && $0.span().contains(x) }) {
                #expect(y2 < date.y - 10, "\(path): the cursor's line crosses the date '\(date.text)'")
            }
        }
        for (_, svg) in Self.pictures(html, "web") {
            let boxes = Self.labels(in: svg).filter { $0.attributes["class"] == "edge-label" }
                .map { (x: $0.span(size: 10), y: $0.y - 11...$0.y) }
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] {
                    #expect(!(a.x.overlaps(b.x) && a.y.overlaps(b.y)), "\(path): edge labels at \(a) and \(b)")
                }
            }
        }
    }

    /// A phase band too narrow for its name leaves no name over its neighbours: a key of
    /// the phases' colours names them all.
    @Test func phasesTooNarrowToNameAreNamedInAKey() throws {
        let html = try Self.html("/Tests/ParallaxTests/Scenarios/georgia-2008-08.yaml")
        let svg = try #require(Self.pictures(html, "escalation").first?.svg)
        let key = Self.labels(in: svg).filter { $0.attributes["class"] == "phase-key-name" }.map(\.text)
        #expect(key == ["background", "build-up", "escalation", "mediation", "de-escalation", "aftermath"])
        let bands = svg.matches(of: /<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)" height="[0-9.]+" fill="[^"]+" class="phase"\/>/)
            .map { (Double($0.1)!, Double($0.2)!) }
        for name in Self.labels(in: svg).filter({ $0.attributes["class"] == "phase-name" }) {
            let span = name.span()
            #expect(bands.contains { $0.0 - 4 <= span.lowerBound && span.upperBound <= $0.0 + $0.1 + 4 }, "'\(name.text)' runs out of its band")
        }
    }

    /// Table cells break between words, never inside one (`unconfir`/`med`), and a run of
    /// more than 30 characters without a space gets break opportunities, so a title's
    /// endless word cannot widen its column; headings and paragraphs wrap such a word too.
    @Test func tablesBreakBetweenWordsAndLongRunsGetBreakOpportunities() throws {
        let html = try Self.html("/Tests/Scenarios/many-voices.yaml")
        #expect(html.contains("td{overflow-wrap:break-word}"))
        #expect(!html.contains("td{overflow-wrap:anywhere}td.word"))
        #expect(html.contains("h1,h2,h3,p,dd,li,caption,figcaption{overflow-wrap:anywhere}"))
        let word = String(repeating: "Supercalifragilistic", count: 6)
        #expect(!html.contains("<td>Title with a long unbroken word " + word))
        let cell = try #require(html.firstMatch(of: /<td[^>]*>Title with a long unbroken word [^<]*(<wbr\/>[^<]*)+<\/td>/))
        let pieces = cell.0.split(separator: "<wbr/>")
        #expect(pieces.count == 4)
        #expect(cell.0.replacing("<wbr/>", with: "").contains(word))
    }

    /// A node's name that would run past the picture's edge is cut with `…`; the tooltip
    /// keeps it whole.
    @Test func longNodeNamesAreCutWithAnEllipsisAndKeptWholeInTheTooltip() throws {
        let html = try Self.html("/Tests/Scenarios/many-voices.yaml")
        let (_, svg) = try #require(Self.pictures(html, "web").first)
        let nodes = Self.labels(in: svg).filter { $0.attributes["class"] == "node-label" }
        let norland = try #require(nodes.first { $0.text.hasSuffix("(NOR)") })
        #expect(norland.text.hasPrefix("Ministry of Defence of Federal") && norland.text.contains("… (NOR)"))
        #expect(svg.contains("<title>Ministry of Defence of Federal Republic of Norland and the Associated Northern Autonomous Territories of the Upper Valley (NOR)</title>"))
    }

    /// The Markdown report shows scenario text as typed: no tag a Markdown viewer would pass
    /// through as HTML (`<script>`, `</svg>`, `<b>`), no entity read as its character, no
    /// emphasis or link made of a title's `*` or `[`.
    @Test(arguments: ["/Tests/Scenarios/many-voices.yaml", "/Tests/Scenarios/hostile-report.yaml"])
    func markdownShowsScenarioTextAsTyped(_ path: String) throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.root + path)
        let md = try ExportFormat.md.content(ExportFormatTests.interpreter(scenario, "end"))
        var fenced = false
        for line in md.split(separator: "\n") {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            if fenced { continue }
            // Only the renderer's own line breaks in cells are markup.
            let text = line.replacing("<br>", with: "")
            #expect(text.firstMatch(of: /<[A-Za-z\/!?]/) == nil, "\(path): \(line)")
            #expect(text.firstMatch(of: /(^|[^\\])\[[^\]]*\]\(/) == nil, "\(path): \(line)")
        }
        #expect(md.contains("&lt;script>alert('t')&lt;/script> & \"quoted\"") || path.contains("hostile"))
        #expect(MarkdownRenderer.inline("a *b* [c](javascript:x) &amp; `d` \\ <i>") == "a \\*b\\* \\[c](javascript:x) &amp;amp; \\`d\\` \\\\ &lt;i>")
    }

    /// TimelineJS3 takes a group's text content as HTML (`stripMarkup`: DOMParser, then
    /// `textContent`) and sets it as the label's `innerHTML` (`TimeGroup`): read as HTML
    /// once, a group must be the party's name escaped, so it shows as written.
    @Test func timelineJSGroupsShowTheNameAsWritten() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.root + "/Tests/Scenarios/hostile-report.yaml")
        let text = try ExportFormat.timelinejs.content(ExportFormatTests.interpreter(scenario, "end"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let groups = Set(try #require(json["events"] as? [[String: Any]]).compactMap { $0["group"] as? String })
        func readAsHTML(_ s: String) -> String {
            s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        let names = Set(scenario.parties.map(\.name))
        #expect(groups.count >= 2)
        for g in groups {
            #expect(!g.contains("<"))
            let shown = readAsHTML(g)
            #expect(names.contains(readAsHTML(shown)) || readAsHTML(shown) == "Others", "\(g)")
            #expect(shown == Markup.escape(readAsHTML(shown)), "\(g) would become markup")
        }
        #expect(groups.contains("Norland &amp;lt;i&amp;gt;"))
    }

    /// Events of one day at different times keep their order on TimelineJS's axis, which
    /// sorts by date: a timed event's start carries its hour and minute.
    @Test func timelineJSDatesCarryTheTimeOfDay() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.root + "/Tests/ParallaxTests/Scenarios/georgia-2008-08.yaml")
        let text = try ExportFormat.timelinejs.content(ExportFormatTests.interpreter(scenario, "end"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        for e in scenario.events {
            let start = try #require(events.first { $0["unique_id"] as? String == e.id }?["start_date"] as? [String: Any])
            if let time = e.time, e.date.end == nil {
                #expect(start["hour"] as? Int == time.hour && start["minute"] as? Int == time.minute, "\(e.id)")
                #expect(start["display_date"] as? String == "\(e.date.start) \(time)")
            } else {
                #expect(start["hour"] == nil, "\(e.id)")
            }
        }
        #expect(scenario.events.contains { $0.time != nil })
    }

    /// TimelineJS3 drops an era's end equal to its start (compared key by key) and then
    /// refuses the whole timeline ("All eras must have start and end dates"): every era
    /// ends after it starts, a phase of one day at that day's last minute.
    @Test(arguments: scenarios)
    func timelineJSErasAllKeepTheirEnd(_ path: String) throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.root + path)
        let text = try ExportFormat.timelinejs.content(ExportFormatTests.interpreter(scenario, "end"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let eras = try #require(json["eras"] as? [[String: Any]])
        #expect(!eras.isEmpty)
        for era in eras {
            let start = try #require(era["start_date"] as? [String: Any])
            let end = try #require(era["end_date"] as? [String: Any])
            let same = start.keys.allSatisfy { "\(start[$0]!)" == end[$0].map { "\($0)" } }
            #expect(!same, "\(path): era \(era["text"] ?? "") would lose its end")
            func minutes(_ d: [String: Any]) -> [Int] { ["year", "month", "day", "hour", "minute"].map { d[$0] as? Int ?? 0 } }
            #expect(minutes(end).lexicographicallyPrecedes(minutes(start)) == false, "\(path): era ends before it starts")
        }
    }
}
