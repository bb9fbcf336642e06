import Foundation
import Testing
@testable import Parallax

/// A large export is read in two halves on two cores and the halves joined (see
/// `EventImport.map`). Joining must give exactly what one reader gives: these tests cut the
/// shared samples and made-up files at every row (or many rows) and hold every column, the
/// string table, parties, actors, the report and every message to the reading in one piece.
@Suite struct SplitImportTests {
    /// What a user could see of an opened (or refused) file; only the id tables' slots,
    /// which depend on a random seed, are left out.
    struct Reading: Equatable {
        var text: [String] = []
        var columns: [[UInt8]] = []
    }

    static func reading(_ bytes: [UInt8], path: String, skip: Bool) -> Reading {
        var r = Reading()
        do {
            guard let result = try EventImport.load(bytes: bytes, path: path, options: ImportOptions(skipBadRows: skip, useCache: false)) else {
                return Reading(text: ["not an export"])
            }
            let sc = result.scenario
            r.text = ["\(result.report)", sc.info.id, sc.info.title, sc.info.summary ?? "-"]
            r.text += sc.parties.map { "party \($0.id) | \($0.name) | \($0.role) | \($0.location)" }
            r.text += sc.actors.map { "actor \($0.id) | \($0.name) | \($0.party) | \($0.kind ?? "-") | \($0.location)" }
            if let rows = sc.events.columns {
                for c in ImportedRows.Column.allCases where c != .eventSlots && c != .sourceSlots {
                    r.columns.append(Array(rows.blocks[c.rawValue]))
                }
            }
        } catch {
            r.text = error.diagnostics.map(\.description) + [error.rendered(carets: true)]
        }
        return r
    }

    /// Reads `text` in one piece, then cut at each offset of `cuts` (the next row start
    /// after it), and expects the same reading each time. Returns how the cut readings went.
    @discardableResult
    static func expectSameCutAnywhere(_ text: String, path: String, cuts: [Int]? = nil, skip: [Bool] = [false, true],
                                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [EventImport.Readings.Way] {
        let bytes = Array(text.utf8)
        let cuts = cuts ?? lineStarts(bytes)
        let log = EventImport.Readings()
        for skip in skip {
            let whole = Concurrently.$mode.withValue(.never) { reading(bytes, path: path, skip: skip) }
            #expect(!whole.text.isEmpty && whole.text != ["not an export"], sourceLocation: sourceLocation)
            for cut in cuts {
                let split = Concurrently.$mode.withValue(.always) {
                    EventImport.$cutHint.withValue(cut) {
                        EventImport.$readings.withValue(log) { reading(bytes, path: path, skip: skip) }
                    }
                }
                // Not `split == whole`: a failure would print every column.
                let same = split == whole
                #expect(same, "\(path) cut at \(cut), skip \(skip): \(firstDifference(split, whole))", sourceLocation: sourceLocation)
            }
        }
        return log.ways
    }

    static func firstDifference(_ a: Reading, _ b: Reading) -> String {
        for (x, y) in zip(a.text, b.text) where x != y { return "\(x) ≠ \(y)" }
        if a.text.count != b.text.count { return "\(a.text.count) ≠ \(b.text.count) lines" }
        for (i, (x, y)) in zip(a.columns, b.columns).enumerated() where x != y { return "column \(ImportedRows.Column.allCases[i])" }
        return "same"
    }

    /// The offset of each line's start but the first.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == 10 }
    }

    static func sample(_ name: String) throws -> String {
        try String(contentsOfFile: ImportTests.data + name, encoding: .utf8)
    }

    /// GDELT 2.0 sample rows with fields changed: `edit(row, fields)` per row (0-based).
    static func gdelt(_ edit: (Int, inout [String]) -> Void) throws -> String {
        let lines = try sample("gdelt2_events_sample.tsv").split(separator: "\n").map(String.init)
        return lines.enumerated().map { i, line in
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            edit(i, &fields)
            return fields.joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["gdelt2_events_sample.tsv", "gdelt1_events_sample.tsv", "gdelt2_events_translingual_sample.tsv",
                      "ucdp_ged231_ARM_AZE_rows.csv"])
    func theSamplesReadTheSameCutAtAnyRow(name: String) throws {
        let ways = Self.expectSameCutAnywhere(try Self.sample(name), path: name, skip: [false])
        #expect(ways.allSatisfy { $0 == .joined }, "\(name): every cut was joined")
    }

    /// Its quoted fields hold line breaks: a cut inside one is found and read on in one piece.
    @Test func theUCDPSampleReadsTheSameCutAtManyLines() throws {
        let text = try Self.sample("ucdp_ged231_sample1000_from_uncertainUCDP.csv")
        let starts = Self.lineStarts(Array(text.utf8))
        let cuts = starts.enumerated().filter { $0.offset % 23 == 0 || (590..<620).contains($0.offset) }.map(\.element)
        let ways = Self.expectSameCutAnywhere(text, path: "ucdp.csv", cuts: cuts, skip: [false])
        #expect(ways.contains(.joined) && ways.contains(.rowAcrossTheCut))
    }

    /// The same URLs and hosts in both halves (`host`, `host-2` … numbered in file order
    /// across the cut), an actor and a party first named after the cut, a source whose id
    /// an actor of the later half asks for (read again in one piece), bad rows in both halves.
    @Test func madeUpGDELTRowsReadTheSameCutAtAnyRow() throws {
        let text = try Self.gdelt { i, f in
            f[60] = "http://www.host\(i % 3).example/article-\(i % 41)"
            if i == 95 { (f[5], f[6], f[7]) = ("QQQREB", "LATE REBELS", "QQQ") }
            if i == 97 { (f[15], f[16], f[17]) = ("QQQREB", "LATE REBELS", "QQQ") }
            if i == 3 || i == 48 || i == 96 { f[1] = "20140231" }
        }
        Self.expectSameCutAnywhere(text, path: "hosts.tsv")
        let taken = try Self.gdelt { i, f in
            if i == 10 { f[60] = "http://zzzgov/report" }
            if i == 90 { (f[5], f[6], f[7]) = ("ZZZGOV", "A GOVERNMENT", "ZZZ") }
        }
        let ways = Self.expectSameCutAnywhere(taken, path: "taken.tsv", skip: [false])
        #expect(ways.contains(.readAgain) && ways.contains(.joined))
    }

    /// Texts of rows that are also ids the join gives sources: a place named `host0.example-9`
    /// before the row whose source takes that id, and after it (the join numbers the later
    /// half's texts without looking each up again, so these must be found another way).
    @Test func placesNamedAsSourceIdsReadTheSameCutAtAnyRow() throws {
        let text = try Self.gdelt { i, f in
            f[60] = "http://www.host\(i % 3).example/a-\(i)"
            let id = "host\(i % 3).example-\(max(2, i / 3 + (i % 2 == 0 ? 5 : -5)))"
            f[52] = i % 5 == 0 ? id.uppercased() : id
            if i % 7 == 0 { f[44] = "host\((i + 1) % 3).example" }
        }
        let ways = Self.expectSameCutAnywhere(text, path: "places.tsv", skip: [false])
        #expect(ways.allSatisfy { $0 == .joined })
    }

    /// More than fifty bad rows, on both sides of the cut: the first fifty in line order.
    @Test func manyBadRowsAreListedAsInOnePiece() throws {
        let text = try Self.gdelt { i, f in if i % 3 == 0 { f[29] = "9" } }
        let starts = Self.lineStarts(Array(text.utf8))
        Self.expectSameCutAnywhere(text, path: "bad.tsv", cuts: starts.enumerated().filter { $0.offset % 7 == 0 }.map(\.element))
    }

    /// A GLOBALEVENTID, a UCDP id and an ACLED id repeated across the cut: the later row is
    /// the bad one, as in one piece.
    @Test func anIdRepeatedAcrossTheCutIsABadRowAtTheLaterLine() throws {
        let gdelt = try Self.gdelt { i, f in if i == 92 { f[0] = "410412350" } }
        let ways = Self.expectSameCutAnywhere(gdelt, path: "again.tsv")
        #expect(ways.contains(.readAgain))
        let ucdp = try Self.sample("ucdp_ged231_ARM_AZE_rows.csv")
        let firstRow = ucdp.split(whereSeparator: \.isNewline)[1]
        Self.expectSameCutAnywhere(ucdp + firstRow + "\n", path: "again.csv")
    }

    /// ACLED rows whose reporters and actors slug to the same ids on either side of the
    /// cut, quoted notes with line breaks, and an event id repeated across the cut.
    @Test func madeUpACLEDRowsReadTheSameCutAtAnyRow() throws {
        var text = ImportTests.acledHeader.trimmingCharacters(in: .newlines) + "\n"
        for i in 0..<40 {
            let actor1 = i == 30 ? "Foo Wire" : i == 8 ? "Bar" : "Forces of Side \(i % 4)"
            let reporter = i == 5 ? "Foo Wire" : i == 33 ? "Bar" : "Reporter \(i % 3)"
            let notes = i % 9 == 4 ? "\"Made-up: a note\nover two lines, \"\"quoted\"\".\"" : "Made-up note \(i)."
            let id = i == 36 ? "MUP2" : "MUP\(i)"
            text += "\(id),2021-11-\(10 + i % 15),2021,1,Political violence,Battles,Armed clash,\(actor1),,1,Forces of Side \((i + 1) % 4),,1,11,,51,"
                + "Caucasus and Central Asia,Armenia,Syunik,,,Border area,39.2,46.4,2,\(reporter),National,\(notes),\(i % 5),,1637000000\n"
        }
        let ways = Self.expectSameCutAnywhere(text, path: "acled.csv")
        #expect(ways.contains(.joined) && ways.contains(.readAgain) && ways.contains(.rowAcrossTheCut))
    }
}
