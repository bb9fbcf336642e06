import Foundation
import Testing
@testable import Parallax

/// `figures`, `compare` and `diff` on an export whose every claim carries figures: at most
/// `TableCap.rows` values or rows, and at most `NarrativeViews.cellValues` values in a cell
/// of `compare`, with a count of what was left out; `all` lists everything, `N` the first N;
/// the summary and the verdicts still count every value.
@Suite struct FigureCapTests {
    /// 1,100 made-up ACLED rows (ACLED's terms forbid copying real ones), each claiming its
    /// fatalities for all sides: one value apiece. The last, never among the first 1,000,
    /// claims the most.
    static let rows = 1_100
    static let exportText: String = {
        var text = ImportTests.acledHeader.trimmingCharacters(in: .newlines) + "\n"
        for k in 0..<rows {
            let (one, two) = k % 2 == 0 ? ("Military Forces of Armenia (2018-)", "Military Forces of Azerbaijan (2003-)")
                : ("Military Forces of Azerbaijan (2003-)", "Military Forces of Armenia (2018-)")
            let killed = k == rows - 1 ? 9_999 : k % 50
            text += "MU\(k),2021-11-16,2021,1,Political violence,Battles,Armed clash,\(one),,1,\(two),,1,11,,51,Caucasus and Central Asia,"
                + "Armenia,Syunik,,,Border area,39.2,46.4,2,Made-up Wire \(k % 7),National,Made-up clash \(k).,\(killed),,1637000000\n"
        }
        return text
    }()
    static let export: Scenario = (try? ImportTests.open(text: exportText))??.scenario
        ?? (try! ScenarioLoader.load(path: CommandValueTests.root + "/seeds/armenia-azerbaijan-2021-11.yaml"))
    static let a = "military-forces-of-armenia-2018", b = "military-forces-of-azerbaijan-2003"

    static func run(_ line: String, on scenario: Scenario = export, _ format: OutputFormat = .text) -> String {
        FigureColumnsTests.run(line, on: scenario, format == .text ? RenderOptions(width: 200) : RenderOptions(format: format))
    }

    static func lastJSON(_ line: String, on scenario: Scenario = export) throws -> [String: Any] {
        let last = try #require(run(line, on: scenario, .json).split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    }

    static func tables(_ doc: [String: Any]) -> [[String: Any]] {
        (doc["blocks"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == "table" }
    }

    static func notices(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.contains("not shown") }
    }

    @Test func figuresListsTheFirstThousandValuesAndCountsTheRest() throws {
        #expect(Self.export.claims.count == Self.rows)
        let text = Self.run("end; figures")
        #expect(Self.notices(text) == ["100 more values not shown (1000 of 1100); 'figures all' lists every one, 'figures N' the first N."])
        #expect(text.contains("1100 values in 1 group"))
        // The summary is over every value: the highest is the 1,100th row's, not listed.
        let doc = try Self.lastJSON("end; figures")
        let tables = Self.tables(doc)
        #expect(tables.map { ($0["rows"] as? [Any])?.count } == [1000, 1])
        let summary = try #require((tables.last?["rows"] as? [[String: Any]])?.first)
        #expect(summary["highest"] as? Int == 9_999 && summary["lowest"] as? Int == 0)
        #expect(!(tables.first?["rows"] as? [[String: Any]] ?? []).contains { ($0["value"] as? [String: Any])?["min"] as? Int == 9_999 })
        let notice = (doc["blocks"] as? [[String: Any]] ?? []).first { $0["type"] as? String == "notice" }
        #expect(notice?["text"] as? String == "100 more values not shown (1000 of 1100); 'figures all' lists every one, 'figures N' the first N.")
    }

    @Test func figuresAllListsEveryValueAndNTheFirstN() throws {
        let all = Self.run("figures all")
        #expect(Self.notices(all).isEmpty)
        #expect(all.split(separator: "\n").filter { $0.contains("Made-up Wire") }.count == Self.rows)
        #expect(all.contains("9999"))
        let first = try Self.lastJSON("end; figures 5")
        #expect(Self.tables(first).map { ($0["rows"] as? [Any])?.count } == [5, 1])
        #expect(Self.notices(Self.run("end; figures killed 5"))
                == ["1095 more values not shown (5 of 1100); 'figures killed all' lists every one, 'figures killed N' the first N."])
        // `all N`: the first N of every value, whatever the cursor.
        #expect(Self.notices(Self.run("figures all 7")) == ["1093 more values not shown (7 of 1100); 'figures all' lists every one, 'figures N' the first N."])
        #expect(Self.run("end; figures captured 5").contains("No figures known yet"))
        #expect(Self.run("figures 0") == "error: figures takes a positive number, got 0")
    }

    @Test func aCompareCellListsTwentyValuesThenCountsTheRest() throws {
        for (command, doc) in [("compare", "compare \(Self.a) \(Self.b)"), ("diff", "diff \(Self.a) \(Self.b)")] {
            let text = Self.run("end; \(doc)")
            #expect(text.contains("… and 1080 more"), "\(command)")
            let figures = try #require(Self.tables(try Self.lastJSON("end; \(doc)")).last)
            let row = try #require((figures["rows"] as? [[String: Any]])?.first)
            #expect((row["others"] as? [Any])?.count == 20 && row["others_not_shown"] as? Int == 1080, "\(command)")
            // The verdict is over every value, shown or not.
            #expect(row["verdict"] as? String == "open" || row["flag"] as? String == "others differ", "\(command)")
            let all = Self.run("end; \(doc) all")
            #expect(!all.contains("… and ") && all.contains("9999"), "\(command)")
            let allRow = try #require((Self.tables(try Self.lastJSON("end; \(doc) all")).last?["rows"] as? [[String: Any]])?.first)
            #expect((allRow["others"] as? [Any])?.count == Self.rows && allRow["others_not_shown"] == nil, "\(command)")
        }
    }

    /// A written scenario's cells are far below the cap: nothing of `compare` changes there.
    @Test func aWrittenScenarioShowsNoCapCount() throws {
        let seed = try ScenarioLoader.load(path: CommandValueTests.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
        for line in ["end; figures", "end; compare ARM AZE RUS", "end; diff ARM AZE", "figures all"] {
            let text = Self.run(line, on: seed)
            #expect(!text.contains("not shown") && !text.contains("… and "), "\(line)")
        }
    }

    @Test func compareListsTheFirstNFigureRows() throws {
        let ucdp = try ImportTests.open("ucdp_ged231_sample1000_from_uncertainUCDP.csv").scenario
        let parties = ucdp.parties.map(\.id)
        let (a, b) = (parties[0], parties[1])
        let total = try #require(Self.tables(try Self.lastJSON("end; compare \(a) \(b) all", on: ucdp)).last?["rows"] as? [Any]).count
        #expect(total > 3)
        let text = Self.run("end; compare \(a) \(b) 3", on: ucdp)
        #expect(Self.notices(text) == ["\(total - 3) more figure rows not shown (3 of \(total)); 'compare \(a) \(b) all' lists every one, "
                                       + "'compare \(a) \(b) N' the first N."])
        #expect(try #require(Self.tables(try Self.lastJSON("end; diff \(a) \(b) 2", on: ucdp)).last?["rows"] as? [Any]).count == 2)
        #expect(Self.notices(Self.run("end; compare \(a) \(b)", on: ucdp)).isEmpty, "fewer rows than the cap")
    }

    /// A bare number is a number of rows, never a measure or a party; a party spelt as a
    /// number is quoted, and `record` writes it so.
    @Test func aNumberIsNeverAMeasureOrAParty() throws {
        func parse(_ line: String) throws -> Command { try CommandParser.parse(Lexer.segments(line)[0]).get() }
        let figures = try parse("figures 12")
        #expect(figures.number("N") == 12 && figures.argument("MEASURE") == nil)
        let killed = try parse("figures killed all 3")
        #expect(killed.number("N") == 3 && killed.has("all") && killed.canonical == "figures killed 3 all")
        let compare = try parse("compare ARM AZE RUS 4")
        #expect(compare.all("PARTY").map(\.token.text) == ["ARM", "AZE", "RUS"] && compare.number("N") == 4)
        let diff = try parse("diff ARM AZE 2")
        #expect(diff.all("PARTY").count == 2 && diff.number("N") == 2)
        let quoted = try parse(#"compare "7" ARM 2"#)
        #expect(quoted.all("PARTY").map(\.token.text) == ["7", "ARM"] && quoted.number("N") == 2)
        #expect(quoted.canonical == #"compare "7" ARM 2"#)
        #expect(try parse(quoted.canonical) == quoted)
        #expect(throws: CommandError.self) { try parse("diff ARM AZE RUS") }
        #expect(throws: CommandError.self) { try parse("figures 2 3") }
    }
}
