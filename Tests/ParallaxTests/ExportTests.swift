import Foundation
import Testing
@testable import Parallax

/// The builder every HTML and SVG text goes through, the typed JSON, CSV, TimelineJS and
/// the `export` command.
@Suite struct MarkupTests {
    static let hostile = ["<script>alert(1)</script>", "</svg><svg onload=x>", "a & b &amp; c", "\"double\" 'single'",
                          "bidi \u{202E}reversed\u{202C} and \u{2066}isolate\u{2069}", "nul-free \u{7}bell \u{85}next",
                          "]]><!--", "\u{FEFF}bom", "emoji 🇦🇲 and Ω"]

    @Test(arguments: hostile)
    func textIsEscaped(_ s: String) {
        let e = Markup.escape(s)
        #expect(!e.contains("<") && !e.contains(">") && !e.contains("\"") && !e.contains("'"))
        // Every & starts an entity this escape writes.
        var rest = Substring(e)
        while let i = rest.firstIndex(of: "&") {
            let after = rest[i...]
            #expect(after.hasPrefix("&amp;") || after.hasPrefix("&lt;") || after.hasPrefix("&gt;")
                    || after.hasPrefix("&quot;") || after.hasPrefix("&#39;"))
            rest = rest[rest.index(after: i)...]
        }
        #expect(!e.unicodeScalars.contains { Markup.isHidden($0) }, "a control or bidi character left in \(e)")
    }

    /// Escaping then reading back the five entities gives the text, but for hidden
    /// characters, which show as `\u{…}`: any string, not only the examples.
    @Test func escapingRoundTripsOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["<", ">", "&", "\"", "'", "a", " ", "/", ";", "#", "é", "\u{202E}", "\n", "\u{1}", "x"]
        for _ in 0..<300 {
            let s = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let e = Markup.escape(s)
            let back = e.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            let visible = s.replacingOccurrences(of: "\u{202E}", with: "\\u{202E}").replacingOccurrences(of: "\u{1}", with: "\\u{1}")
            #expect(back == visible)
        }
    }

    @Test func elementsNestAndAttributesAreEscaped() {
        var m = Markup()
        m.element("p", [.class("a\"b"), .init("title", "<x>")]) { m in
            m.text("1 < 2")
            m.empty("br")
        }
        #expect(m.text == #"<p class="a&quot;b" title="&lt;x&gt;">1 &lt; 2<br/></p>"#)
    }

    @Test func numbersAreShortAndExact() {
        #expect(Markup.number(12) == "12")
        #expect(Markup.number(12.5) == "12.5")
        #expect(Markup.number(-3.25) == "-3.25")
        #expect(Markup.number(0.001) == "0")
        #expect(Markup.number(.nan) == "0")
        #expect(Markup.number(1e-5) == "0")
        #expect(Markup.number(7.05) == "7.05")
    }
}

@Suite struct TypedJSONTests {
    /// Every command of a walk through the seed, as JSON objects.
    static func json(_ line: String, at position: String = "goto clash-2021-11-16") throws -> [[String: Any]] {
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
        _ = interpreter.execute(line: position)
        return try interpreter.execute(line: line).map { outcome in
            guard case .success(let d) = outcome.result else { throw CommandError("\(line) failed") }
            let text = Renderer.render(d, RenderOptions(format: .json))
            return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
    }

    static func tables(_ doc: [String: Any]) -> [[String: Any]] {
        (doc["blocks"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "table" }
    }

    /// No value anywhere is the printed placeholder "—": nothing is null.
    @Test func nothingIsNullNeverADash() throws {
        let commands = "events; parties; actors; sources; questions; claims all; figures all; compare ARM AZE RUS all; diff ARM AZE; "
            + "narrative ARM AZE all; contacts; escalation; where; info; show clash-2021-11-16; show arm-mod-blames-aze; find killed"
        func walk(_ v: Any, _ path: String) {
            if let s = v as? String { #expect(s != "—" && s != "", "\(path) is \"\(s)\"") }
            if let d = v as? [String: Any] { for (k, x) in d { walk(x, path + "." + k) } }
            if let a = v as? [Any] { for (i, x) in a.enumerated() { walk(x, path + "[\(i)]") } }
        }
        for doc in try Self.json(commands) { walk(doc, doc["command"] as? String ?? "?") }
    }

    @Test func eventsAreTypedAndCarryTheirIds() throws {
        let doc = try #require(try Self.json("events").first)
        let table = try #require(Self.tables(doc).first)
        #expect(table["name"] as? String == "events")
        let rows = try #require(table["rows"] as? [[String: Any]])
        let clash = try #require(rows.first { $0["id"] as? String == "clash-2021-11-16" })
        #expect(clash["position"] as? Int == 9)
        #expect(clash["intensity"] as? Int == -10)
        #expect(clash["current"] as? Bool == true)
        #expect((clash["ids"] as? [String: Any])?["event"] as? String == "clash-2021-11-16")
        let posture = try #require(rows.first { $0["type"] as? String == "posture" })
        #expect(posture["intensity"] as? Double == -7.2)
    }

    @Test func figuresAreIntervalsWithClaimIds() throws {
        let doc = try #require(try Self.json("figures all").first)
        let tables = Self.tables(doc)
        #expect(tables.map { $0["name"] as? String } == ["figures.ARM.killed", "figures.ARM.captured", "figures.AZE.wounded",
                                                         "figures.all-sides.killed", "figures.summary"])
        let toll = try #require((tables[3]["rows"] as? [[String: Any]])?.first)
        let value = try #require(toll["value"] as? [String: Any])
        #expect(value["min"] as? Int == 6600 && value["max"] is NSNull)
        #expect((toll["ids"] as? [String: Any])?["claim"] as? String == "latimes-war-toll")
        #expect(toll["party"] is NSNull)
        let killed = try #require(tables[0]["rows"] as? [[String: Any]])
        #expect(killed.map { ($0["value"] as? [String: Any])?["max"] as? Int } == [1, 15])
        #expect(killed.map { ($0["ids"] as? [String: Any])?["party"] as? String } == ["ARM", "ARM"])
        let summary = try #require(tables[4]["rows"] as? [[String: Any]])
        #expect(summary[0]["lowest"] as? Int == 1 && summary[0]["highest"] as? Int == 15 && summary[0]["spread"] as? Int == 14)
        #expect(summary[3]["highest"] is NSNull && summary[3]["spread"] is NSNull && summary[3]["losses"] is NSNull)
        #expect(((summary[0]["own_official"] as? [String: Any])?["claim"] as? String) == "arm-mod-blames-aze")
    }

    @Test func compareCellsAreAnswerObjects() throws {
        let doc = try #require(try Self.json("compare ARM AZE").first)
        let tables = Self.tables(doc)
        #expect(tables.first?["name"] as? String == "compare.questions" && tables.first?["title"] as? String == "Questions")
        let rows = try #require(tables[0]["rows"] as? [[String: Any]])
        let killed = try #require(rows.first { $0["question"] as? String == "arm-killed" })
        let arm = try #require(killed["arm"] as? [[String: Any]])
        #expect(arm.map { $0["claimant"] as? String } == ["arm-mod", "aghajanyan"])
        #expect(arm.map { $0["status"] as? String } == ["official", "unconfirmed"])
        #expect(arm.map { $0["state"] as? String } == ["current", "current"])
        #expect(arm.map { ($0["value"] as? [String: Any])?["min"] as? Int } == [1, 15])
        #expect((killed["aze"] as? [Any])?.isEmpty == true)
        #expect(killed["verdict"] as? String == "one-sided")
        let flags = try #require(killed["flags"] as? [[String: Any]])
        #expect(flags.count == 1 && flags[0]["flag"] as? String == "internal split" && flags[0]["party"] as? String == "ARM")
        let diff = try #require(try Self.json("diff ARM AZE").first)
        #expect(Self.tables(diff).first?["name"] as? String == "diff.questions")
    }

    @Test func claimRowsCarryClaimEventPartyAndSources() throws {
        let doc = try #require(try Self.json("claims").first)
        let rows = try #require(Self.tables(doc).first?["rows"] as? [[String: Any]])
        #expect(!rows.isEmpty)
        for row in rows {
            let ids = try #require(row["ids"] as? [String: Any])
            #expect(ids["claim"] as? String == row["id"] as? String)
            #expect(ids["event"] is String)
            #expect((ids["sources"] as? [String])?.isEmpty == false)
        }
    }

    @Test func chartBarsCarryTheirEvent() throws {
        let doc = try #require(try Self.json("escalation").first)
        let chart = try #require((doc["blocks"] as? [[String: Any]])?.first)
        let bars = try #require(chart["bars"] as? [[String: Any]])
        #expect(bars.count == 15)
        #expect((bars[8]["ids"] as? [String: Any])?["event"] as? String == "clash-2021-11-16")
        #expect(bars[8]["value"] as? Int == -10)
    }

    @Test func cellsReadByTheirKind() {
        #expect(CellValue.parse("#12", as: .number) == .int(12))
        #expect(CellValue.parse("-7.2", as: .number) == .double(-7.2))
        #expect(CellValue.parse("—", as: .text) == .null)
        #expect(CellValue.parse("open", as: .number) == .null)
        #expect(CellValue.parse(">=15", as: .figure) == .figure(.atLeast(15)))
        #expect(CellValue.parse("15..20", as: .figure) == .figure(.range(min: 15, max: 20)))
        #expect(CellValue.parse("15-20", as: .figure) == .figure(.range(min: 15, max: 20)))
        #expect(CellValue.parse("at least 3", as: .figure) == .figure(.atLeast(3)))
        #expect(CellValue.parse("some", as: .figure) == .string("some"))
    }
}

@Suite struct NoBreakLayoutTests {
    /// At width 100, `events` keeps every id whole and gives titles at least 30 columns.
    @Test func eventsAtWidthOneHundred() throws {
        let scenario = try Fixtures.seed()
        for position in ["start", "goto #9", "end"] {
            let out = NarrativeFixtures.run(scenario, position + "; events", width: 100)
            let lines = out.split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { TextRenderer.width($0) <= 100 })
            for e in scenario.events {
                #expect(lines.contains { $0.contains(" " + e.id + " ") }, "\(e.id) cut at \(position)")
            }
            let header = try #require(lines.first { $0.contains("title") })
            let rule = try #require(lines.first { $0.contains("──") })
            let titleStart = header.distance(from: header.startIndex, to: try #require(header.range(of: "title")).lowerBound)
            let titleWidth = rule.dropFirst(titleStart).prefix { $0 == "─" }.count
            #expect(titleWidth >= 30, "title column \(titleWidth) wide")
        }
    }

    /// Tables of random ids, dates and numbers beside free text, at random widths: no id,
    /// date or number is ever split across lines, wherever the table has to give way.
    @Test func idsDatesAndNumbersNeverBreak() {
        var generator = SystemRandomNumberGenerator()
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
        for _ in 0..<60 {
            let rows = (0..<Int.random(in: 1...6, using: &generator)).map { _ -> Table.Row in
                let id = (0..<Int.random(in: 1...5, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                    .joined(separator: "-")
                let date = Bool.random(using: &generator) ? "2021-11-16" : "2020-09..2020-11"
                let number = String(Int.random(in: -100_000...100_000, using: &generator))
                let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                    .joined(separator: " ")
                return Table.Row([id, date, number, text])
            }
            let table = Table(columns: [.init("id"), .init("date"), .init("n", numeric: true), .init("says")], rows: rows)
            let width = Int.random(in: 20...120, using: &generator)
            let out = Renderer.render(Document(command: "t", blocks: [.table(table)]), RenderOptions(width: width))
            let lines = out.split(separator: "\n").map(String.init)
            for row in rows {
                #expect(lines.contains { $0.contains(row.cells[0]) }, "id \(row.cells[0]) cut at width \(width)")
                #expect(lines.contains { $0.contains(row.cells[2]) }, "number \(row.cells[2]) cut at width \(width)")
                for piece in TextRenderer.unbreakableWords(row.cells[1]) {
                    #expect(lines.contains { $0.contains(piece) }, "date \(row.cells[1]) cut at width \(width)")
                }
            }
            // Only a table whose unbreakable columns alone are too wide may be wider than asked.
            let floor = rows.map { TextRenderer.width($0.cells[0]) }.max()! + 10 + rows.map { $0.cells[2].count }.max()! + 8 + 6
            if floor <= width { #expect(lines.allSatisfy { TextRenderer.width($0) <= width }, "over \(width)") }
        }
    }

    @Test func phasesAreHeadingsInText() throws {
        let out = NarrativeFixtures.run(try Fixtures.seed(), "events", width: 100)
        let lines = out.split(separator: "\n").map(String.init)
        for phase in ["background", "build-up", "escalation", "mediation", "de-escalation"] {
            #expect(lines.filter { $0 == phase }.count == 1, "\(phase) heading")
        }
        #expect(lines.firstIndex(of: "escalation")! < lines.firstIndex { $0.contains("clash-2021-11-16") }!)
    }
}

@Suite struct ExportFormatTests {
    static func interpreter(_ scenario: Scenario, _ line: String = "") -> Interpreter {
        let interpreter = Interpreter(session: Session(scenario: scenario))
        if !line.isEmpty { _ = interpreter.execute(line: line) }
        return interpreter
    }

    @Test func csvQuotesAndDefusesFormulas() throws {
        let table = Table(columns: [.init("id"), .init("says"), .init("n", numeric: true), .init("value", kind: .figure)],
                          rows: [Table.Row(["a", "=HYPERLINK(\"x\"), then\nmore", "-3", ">=15"], ids: RowIDs(claim: "a", sources: ["s1", "s2"])),
                                 Table.Row(["b", "-10 is data", "—", "1-2"])])
        let csv = CSVRenderer.render(Document(command: "t", blocks: [.table(table)]))
        #expect(csv == "id,says,n,value,value_min,value_max,claim_id,sources\r\n"
                + "a,\"'=HYPERLINK(\"\"x\"\"), then\nmore\",-3,>=15,15,,a,s1 s2\r\n"
                + "b,'-10 is data,,1..2,1,2,,\r\n")
    }

    @Test func csvIsTheLastTableShown() throws {
        let interpreter = Self.interpreter(try Fixtures.seed(), "end; figures; where")
        let csv = try ExportFormat.csv.content(interpreter)
        #expect(csv.hasPrefix("table,value,value_min,value_max,claimant,party,status,date,state,note,"))
        #expect(csv.contains("figures.ARM.killed,15,15,15,Eduard Aghajanyan (lawmaker),ARM,unconfirmed,"))
        // Without a table shown yet: the events.
        let fresh = try ExportFormat.csv.content(Self.interpreter(try Fixtures.seed()))
        #expect(fresh.hasPrefix("position,date,phase,type,intensity,id,title,event_id,sources\r\n1,1994,background,ceasefire,9,"))
        #expect(fresh.split(separator: "\r\n").count == 16)
    }

    /// The fields TimelineJS3 requires: events with a start_date holding a year, text with
    /// a headline, unique ids; eras with start and end dates; headlines escaped as HTML.
    @Test func timelineJSHasTheRequiredFields() throws {
        for scenario in [try Fixtures.seed(), try ScenarioLoader.load(path: Fixtures.root + "/Tests/Scenarios/hostile-report.yaml")] {
            let interpreter = Self.interpreter(scenario, "end")
            let text = try ExportFormat.timelinejs.content(interpreter)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let events = try #require(json["events"] as? [[String: Any]])
            #expect(events.count == scenario.events.count)
            var ids: Set<String> = []
            for e in events {
                let start = try #require(e["start_date"] as? [String: Any])
                #expect(start["year"] is Int)
                if let month = start["month"] as? Int { #expect((1...12).contains(month)) }
                let body = try #require(e["text"] as? [String: Any])
                let headline = try #require(body["headline"] as? String)
                #expect(!headline.isEmpty && !headline.contains("<"))
                #expect(ids.insert(try #require(e["unique_id"] as? String)).inserted)
                #expect(e["group"] is String)
                if let media = e["media"] as? [String: Any] {
                    let url = try #require(media["url"] as? String)
                    #expect(url.hasPrefix("http"))
                }
            }
            let eras = try #require(json["eras"] as? [[String: Any]])
            #expect(!eras.isEmpty)
            for era in eras {
                #expect((era["start_date"] as? [String: Any])?["year"] is Int)
                #expect((era["end_date"] as? [String: Any])?["year"] is Int)
            }
            #expect(((json["title"] as? [String: Any])?["text"] as? [String: Any])?["headline"] is String)
            #expect(!text.contains("<script"))
        }
    }

    @Test func reportHasEveryPartAndNoScript() throws {
        let interpreter = Self.interpreter(try Fixtures.seed(), "goto #11")
        let html = try ExportFormat.html.content(interpreter)
        for part in ["<svg viewBox=\"0 0 960 340\" class=\"chart escalation\"", "class=\"chart web\"", "class=\"chart figures\"",
                     "id=\"timeline\"", "id=\"narratives\"", "id=\"comparison\"", "id=\"sources\"",
                     "<tr class=\"group\"><th colspan=\"7\">mediation</th></tr>",
                     "<span class=\"verdict v-contradict\">contradict</span>", "id=\"claim-arm-mod-blames-aze\"",
                     "id=\"source-latimes\"", "href=\"#source-latimes\"", "▲ cursor", "26 years"] {
            #expect(html.contains(part), "missing \(part)")
        }
        #expect(!html.contains("<script") && !html.contains("http://www.w3.org/1999/xhtml\" src"))
        #expect(!html.contains("src=\"http") && !html.contains("@import") && !html.contains("url(http"), "fetches something")
        // Anchors are unique.
        let anchors = html.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(anchors).count == anchors.count)
    }

    @Test func hostileTextsStayText() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.root + "/Tests/Scenarios/hostile-report.yaml")
        let interpreter = Self.interpreter(scenario, "end")
        for format in [ExportFormat.html, .svg] {
            let page = try format.content(interpreter)
            #expect(!page.contains("<script") && !page.contains("<img") && !page.contains("<b>") && !page.contains("<i>"))
            #expect(!page.contains("</svg></figure><img"))
            #expect(!page.contains("\u{202E}"))
            #expect(!page.contains("href=\"javascript"))
        }
        let html = try ExportFormat.html.content(interpreter)
        #expect(html.contains("Skirmish &lt;script&gt;alert(1)&lt;/script&gt; at the pass"))
        #expect(html.contains("\\u{202E}silent\\u{202C}"))
        #expect(html.contains("Wire &lt;/svg&gt; Service &amp; Co"))
    }

    @Test func largeTablesAreCappedWithACount() {
        let rows = (1...1000).map { Table.Row(["\($0)"], marked: $0 == 900) }
        let d = Report.capped(Document(command: "t", blocks: [.table(Table(columns: [.init("n", numeric: true)], rows: rows))]))
        guard case .table(let t) = d.blocks[0] else { Issue.record("no table"); return }
        #expect(t.rows.count == Report.rowCap && t.leftOut == 1000 - Report.rowCap)
        #expect(t.rows.contains { $0.marked }, "the cursor's row left out")
        #expect(Renderer.render(d, RenderOptions(format: .json)).contains("\"left_out\": \(1000 - Report.rowCap)"))
    }

    @Test func escalationBreaksAndBins() throws {
        // The picture breaks the axis where the series does, with the series' words.
        let svg = try ExportFormat.svg.content(ExportFormatTests.interpreter(try Fixtures.seed()))
        #expect(svg.matches(of: /class="break-label">([^<]*)</).map { String($0.output.1) } == ["26 years", "5 months"])
        let bars = (0..<5000).map { Chart.Bar(label: "#\($0)", value: Double($0 % 21 - 10), marked: $0 == 4000,
                                              group: $0 % 1000 == 0 ? "p\($0 / 1000)" : nil, firstDay: 738_000 + $0 / 3) }
        let picture = EscalationPicture(chart: Chart(bars: bars))
        let columns = picture.columns()
        #expect(columns.count <= Int((picture.width - 60) / EscalationPicture.minStep))
        #expect(columns.reduce(0) { $0 + $1.count } == 5000)
        #expect(columns.filter(\.marked).count == 1)
        #expect(PartialDateText.day(PartialDate(year: 2021, month: 11, day: 16)!.firstDay) == "2021-11-16")
        #expect(PartialDateText.day(PartialDate(year: 2020, month: 2, day: 29)!.firstDay) == "2020-02-29")
    }
}

@Suite struct ExportCommandTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "parallax-export-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesEachFormat() throws {
        let dir = Self.folder()
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
        interpreter.environment.baseDirectory = dir
        for (format, file) in [("html", "r.html"), ("svg", "c.svg"), ("csv", "e.csv"), ("timelinejs", "t.json"), ("markdown", "r.md")] {
            let outcome = try #require(interpreter.execute(line: "export \(format) \(file)").last)
            guard case .success(let d) = outcome.result else { Issue.record("export \(format) failed"); continue }
            #expect(Renderer.render(d, RenderOptions()).hasPrefix("Wrote \(dir)/\(file) ("))
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file))
        }
        let md = try String(contentsOfFile: dir + "/r.md", encoding: .utf8)
        #expect(md.hasPrefix("# Armenia–Azerbaijan border clashes, November 2021\n"))
        #expect(md.contains("## Comparison") && md.contains("### ARM, AZE compared"))
    }

    @Test func badArgumentsAreLocatedErrors() throws {
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
        func error(_ line: String) -> String {
            guard case .failure(let e)? = interpreter.execute(line: line).last?.result else { return "" }
            return e.rendered
        }
        #expect(error("export htm x.html") == "export htm x.html\n       ^^^\nerror: unknown export format 'htm'; did you mean 'html'?; formats: html, svg, csv, timelinejs, md")
        #expect(error("export html").hasSuffix("error: export needs a file to write"))
        #expect(error("export csv x.csv ARM").contains("export csv takes no parties"))
        #expect(error("export html x.html ARX").contains("unknown party 'ARX' (did you mean 'ARM'?)"))
        #expect(error("export html /nonexistent-dir/x.html").contains("cannot write"))
    }

    @Test func safeModeRefusesIt() throws {
        var environment = Environment()
        environment.safe = true
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()), environment: environment)
        guard case .failure(let e)? = interpreter.execute(line: "export html x.html").last?.result else {
            Issue.record("export ran in safe mode")
            return
        }
        #expect(e.message == "'export' is refused in safe mode: it writes files")
    }

    @Test func scriptReportTakesCommentsAsProse() throws {
        let report = ScriptReport(script: "dir/clash.px")
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
        let runner = ScriptRunner(interpreter: interpreter) { report.show($0) }
        runner.onLine = { report.line($0) }
        runner.run(Script(path: "dir/clash.px", text: "# The clash <b>begins</b>\n# and goes on.\ngoto #9\n\n## Who said what\ncompare ARM AZE\nnonsense\n"))
        let html = report.html(scenario: interpreter.session.scenario, session: &interpreter.session)
        #expect(html.contains("<title>clash.px</title>"))
        #expect(html.contains("<p class=\"prose\">The clash &lt;b&gt;begins&lt;/b&gt; and goes on.</p><pre class=\"command\">px&gt; goto #9</pre>"))
        #expect(html.contains("<h2>Who said what</h2>"))
        #expect(html.contains("<span class=\"verdict v-contradict\">contradict</span>"))
        #expect(html.contains("<pre class=\"error\">dir/clash.px:7:1: error: unknown command"))
    }
}
