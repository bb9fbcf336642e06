import Testing
@testable import Parallax

/// An import's rows held as columns (`ImportedRows`) read exactly as the same events,
/// claims and sources held as values: every view of one is the view of the other. The
/// columns have their own paths in filters, `find`, `show`, contacts and narratives; these
/// tests hold each to the values' path.
@Suite struct ImportedRowsTests {
    /// The same scenario with its rows made into values (arrays), indexed as a written one.
    static func asValues(_ sc: Scenario) -> Scenario {
        var copy = Scenario(formatVersion: sc.formatVersion, info: sc.info, sources: Array(sc.sources), parties: sc.parties,
                            actors: sc.actors, places: sc.places, events: Array(sc.events), questions: sc.questions,
                            claims: [], path: sc.path)
        copy.indexClaims(sc.claims.map(\.id))
        copy.setClaims(Array(sc.claims))
        return copy
    }

    static func commands(_ sc: Scenario) -> [String] {
        let e = sc.events.count
        var lines = ["events all", "claims all", "sources all", "contacts all", "parties", "actors", "info", "escalation",
                     "end; figures all", "end; narrative \(sc.parties.first?.id ?? "X")",
                     "events all where title ~ a", "events all where title = x", "events all where place ~ an",
                     "events all where party = \(sc.parties.last?.id ?? "X")", "claims all where source = x",
                     "find all a", "find all -rep", "find all 1-rep", "find all t-u", "find all report", "find all .com",
                     "find all 2014", "find all killed", "find all zzzz", "goto #\(max(1, e / 2)); where", "show nothing-here"]
        for i in [0, e / 3, e - 1] where e > 0 {
            let id = sc.events.id(i)
            lines += ["show \(id)", "show \(id)-report", "show \(id)-ucdp", "show \(sc.events.sources(i)[0])",
                      "show \(sc.events.actors(i).first ?? "x")", "show \(id.uppercased())"]
        }
        return lines
    }

    @Test(arguments: ["gdelt2_events_sample.tsv", "gdelt1_events_sample.tsv", "gdelt2_events_translingual_sample.tsv",
                      "ucdp_ged231_ARM_AZE_rows.csv", "ucdp_ged231_sample1000_from_uncertainUCDP.csv"])
    func columnsShowWhatValuesShow(name: String) throws {
        let columns = try ImportTests.open(name).scenario
        #expect(columns.events.columns != nil && columns.claims.columns != nil && columns.sources.columns != nil)
        let values = Self.asValues(columns)
        #expect(values.events.columns == nil)
        for line in Self.commands(columns) {
            #expect(ImportTests.run(line, on: columns) == ImportTests.run(line, on: values), "\(name): \(line)")
        }
    }

    /// Every id of every row resolves to its row, and nothing else resolves.
    @Test func idsFindTheirRows() throws {
        let sc = try ImportTests.open("gdelt2_events_sample.tsv").scenario
        for i in sc.events.indices {
            #expect(sc.entity(sc.events.id(i)) == .event(i))
            #expect(sc.positionOfEvent[sc.events.id(i)] == i + 1)
        }
        for c in sc.claims.indices { #expect(sc.entity(sc.claims.id(c)) == .claim(c)) }
        for s in sc.sources.indices { #expect(sc.entity(sc.sources.id(s)) == .source(s)) }
        for id in ["gdelt-", "gdelt-410412347-", "gdelt-410412347-repor", "-report", "", "GDELT-410412347"] {
            #expect(sc.entity(id) == nil, "\(id)")
        }
    }

    @Test func datesPackAndUnpack() {
        for text in ["2021", "2021-11", "2021-11-16", "0001-01-01", "9999-12-31", "2020-02-29"] {
            let d = PartialDate(parsing: text[...])!
            #expect(ImportedRows.unpack(ImportedRows.pack(d)) == d)
        }
        #expect(ImportedRows.unpack(0) == nil && ImportedRows.pack(nil) == 0)
    }
}
