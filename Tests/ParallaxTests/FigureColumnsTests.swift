import Testing
@testable import Parallax

/// An import's figures are read from its table of figures (party, measure, low, high,
/// note per row), never made into `Figure`s per claim: `figures`, `compare`, `diff`,
/// `claims where measure/value`, `find` and `show PARTY` have column paths of their own.
/// Each is held here to the same rows held as values (`ImportedRowsTests.asValues`), in
/// text and JSON, on exports whose every claim carries figures (UCDP: a figure per side and
/// one for all sides with a range and a note; ACLED: fatalities for all sides).
@Suite struct FigureColumnsTests {
    /// Made-up ACLED rows (ACLED's terms forbid copying real ones): the two of `ImportTests`
    /// and more with other actors and fatalities, so that groups, ranges and zeros occur.
    static let acled: String = {
        var text = ImportTests.acled
        let rows = [("ARM903", "2021-11-18", "Military Forces of Armenia (2018-)", "Military Forces of Azerbaijan (2003-)", 12),
                    ("AZE904", "2021-11-19", "Military Forces of Azerbaijan (2003-)", "", 0),
                    ("ARM905", "2021-11-20", "Military Forces of Armenia (2018-)", "Military Forces of Azerbaijan (2003-)", 1),
                    ("AZE906", "2021-11-21", "Military Forces of Azerbaijan (2003-)", "Military Forces of Armenia (2018-)", 40)]
        for (id, date, one, two, killed) in rows {
            text += "\(id),\(date),2021,1,Political violence,Battles,Armed clash,\(one),,1,\(two),,1,11,,51,Caucasus and Central Asia,"
                + "Armenia,Syunik,,,Border area,39.2,46.4,2,Made-up Wire,National,Made-up clash \(id).,\(killed),,1637000000\n"
        }
        return text
    }()

    static func exports() throws -> [(String, Scenario)] {
        var out: [(String, Scenario)] = []
        for name in ["ucdp_ged231_ARM_AZE_rows.csv", "ucdp_ged231_sample1000_from_uncertainUCDP.csv"] {
            out.append((name, try ImportTests.open(name).scenario))
        }
        out.append(("acled", try #require(try ImportTests.open(text: acled)).scenario))
        return out
    }

    static func commands(_ sc: Scenario) -> [String] {
        let parties = sc.parties.map(\.id)
        let a = parties.first ?? "X", b = parties.dropFirst().first ?? a, mid = max(1, sc.events.count / 2)
        var lines: [String] = []
        // The 1,000-row sample's views are large: there, only at the end (what `all` shows too).
        let small = sc.events.count <= 100
        for at in small ? ["goto #\(mid)", "end"] : ["end"] {
            lines += ["figures", "figures killed", "figures wounded", "figures casualties", "compare \(a) \(b)", "diff \(a) \(b)",
                      "narrative \(a) \(b)", "claims where measure = killed", "claims where measure != killed",
                      "claims where value > 3", "claims where value >= 1 and value <= 2", "claims where not value = 0"]
                .map { "\(at); \($0)" }
        }
        if small { lines += ["figures all", "figures killed all", "compare \(a) \(b) all", "diff \(a) \(b) all", "claims all where measure = killed"] }
        lines += ["find all 1", "find all 12", "find all best", "find all sides", "find all killed", "find all fatal",
                  "show \(a)", "show \(b)", "watch killed \(a); end", "watch killed \(b); goto #\(mid); end"]
        return lines
    }

    static func run(_ line: String, on scenario: Scenario, _ options: RenderOptions) -> String {
        let interpreter = Interpreter(session: Session(scenario: scenario))
        return interpreter.execute(line: line).map { outcome in
            switch outcome.result {
            case .success(let doc): Renderer.render(doc, options)
            case .failure(let e): "error: " + e.message
            }
        }.joined(separator: "\n")
    }

    @Test func figureViewsOfColumnsAreThoseOfValues() throws {
        for (name, columns) in try Self.exports() {
            #expect(columns.claims.columns != nil && columns.claims.indices.allSatisfy(columns.claims.hasFigures))
            let values = ImportedRowsTests.asValues(columns)
            for line in Self.commands(columns) {
                for options in [RenderOptions(width: 200), RenderOptions(format: .json)] {
                    let shown = Self.run(line, on: columns, options)
                    #expect(shown == Self.run(line, on: values, options), "\(name): \(line) (\(options.format))")
                    #expect(!shown.hasPrefix("error"), "\(name): \(line): \(shown)")
                }
            }
        }
    }

    /// The accessors the filters, watches and `show PARTY` use, claim by claim, party by
    /// party, measure by measure: the columns' answer is the values'.
    @Test func figureAccessorsReadWhatTheFiguresSay() throws {
        for (name, sc) in try Self.exports() {
            let claims = sc.claims, values = ImportedRowsTests.asValues(sc).claims
            #expect(claims.columns != nil && values.columns == nil)
            let some: [String?] = sc.parties.prefix(3).map(\.id) + [nil, "nobody"]
            for i in claims.indices {
                // A few parties, and every party the claim's figures name.
                for party in some + values.figures(i).compactMap(\.party) {
                    for m in Measure.allCases {
                        #expect(claims.hasFigure(i, lossesOf: party) { $0 == m } == values.hasFigure(i, lossesOf: party) { $0 == m },
                                "\(name) claim \(i) \(party ?? "any") \(m)")
                    }
                }
                for n in [0, 1, 2, 5, 100] {
                    #expect(claims.statesNumber(i) { $0.lowerBound >= n } == values.statesNumber(i) { $0.lowerBound >= n })
                    #expect(claims.statesNumber(i) { ($0.upperBound ?? .max) <= n } == values.statesNumber(i) { ($0.upperBound ?? .max) <= n })
                }
                // The values by hand: what the claim's own figures say.
                let figures = values.figures(i)
                #expect(claims.hasFigure(i) { _ in true } == !figures.isEmpty)
                for f in figures {
                    #expect(claims.hasFigure(i, lossesOf: f.party) { $0 == f.values[0].measure } || f.party == nil)
                }
            }
        }
    }

    /// Figures of every form a UCDP row gives, as the table prints them: a side's deaths,
    /// all sides' low..high with best in the note, read from the columns.
    @Test func ucdpFiguresKeepRangesAndNotes() throws {
        let sc = try ImportTests.open("ucdp_ged231_ARM_AZE_rows.csv").scenario
        let table = FigureTable(Knowledge(scenario: sc, position: nil))
        let values = FigureTable(Knowledge(scenario: ImportedRowsTests.asValues(sc), position: nil))
        #expect(table.groups.map { "\($0.losses ?? "-") \($0.measure)" } == values.groups.map { "\($0.losses ?? "-") \($0.measure)" })
        for (g, h) in zip(table.groups, values.groups) {
            #expect(g.values.map { "\($0.claim) \($0.value) \($0.note ?? "") \($0.standing)" }
                    == h.values.map { "\($0.claim) \($0.value) \($0.note ?? "") \($0.standing)" })
            #expect(g.summary?.lowest == h.summary?.lowest && g.summary?.highest == h.summary?.highest)
        }
        let allSides = try #require(table.groups.first { $0.losses == nil && $0.measure == .killed })
        #expect(allSides.values.contains { if case .range = $0.value { true } else { false } })
        #expect(allSides.values.allSatisfy { $0.note?.hasPrefix("best ") == true })
    }
}
