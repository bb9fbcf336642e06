import Foundation
import Testing
@testable import Parallax

/// GDELT, UCDP GED and ACLED exports opened by their shape: the shared samples (copied to
/// EventData/ with their attributions) and made-up rows under the real headers.
@Suite struct ImportTests {
    static let data = Fixtures.root + "/Tests/ParallaxTests/EventData/"
    static let noCache = ImportOptions(useCache: false)

    static func open(_ name: String, _ options: ImportOptions = noCache) throws -> ImportResult {
        try #require(try EventImport.load(path: data + name, options: options), "\(name) was not recognised")
    }

    static func open(text: String, path: String = "made-up.csv", _ options: ImportOptions = noCache) throws(LoadFailure) -> ImportResult? {
        try EventImport.load(bytes: Array(text.utf8), path: path, options: options)
    }

    /// What a command prints, as a user sees it.
    static func run(_ line: String, on scenario: Scenario) -> String {
        let interpreter = Interpreter(session: Session(scenario: scenario))
        return interpreter.execute(line: line).map { outcome in
            switch outcome.result {
            case .success(let doc): Renderer.render(doc, RenderOptions(width: 200))
            case .failure(let e): "error: " + e.message
            }
        }.joined(separator: "\n")
    }

    // MARK: GDELT

    @Test func gdelt2RowMapsFieldByField() throws {
        let r = try Self.open("gdelt2_events_sample.tsv")
        #expect(r.report.shape == .gdelt2 && r.report.rows == 100 && r.scenario.events.count == 100)
        let sc = r.scenario
        // Line 1: GLOBALEVENTID 410412347, SQLDATE 20140218, EventCode 043, QuadClass 1,
        // Goldstein 2.8, NumMentions 5, NumSources 1, NumArticles 5, Actor2 GOV "PRESIDENT".
        let e = try #require(sc.event("gdelt-410412347"))
        #expect(e.date.description == "2014-02-18")
        #expect(e.type == .consult && e.phase == .mediation && e.intensity == 2.8)
        #expect(e.actors == ["GOV"] && sc.party("GOV")?.name == "Government")
        #expect(e.place == "Waterkloof, Free State, South Africa")
        #expect(e.coverage == Coverage(sources: 1, mentions: 5, articles: 5, tone: Float(-4.4776119402985)))
        #expect(e.title == "PRESIDENT: Host a visit (CAMEO 043)")
        let claim = try #require(sc.claim("gdelt-410412347-report"))
        #expect(claim.speaker == .source("dailymaverick.co.za") && claim.status == .unconfirmed)
        #expect(claim.madeOn?.description == "2015-02-18" && claim.knownPosition == sc.positionOfEvent[e.id])
        let source = try #require(sc.source("dailymaverick.co.za"))
        #expect(source.url?.hasPrefix("http://www.dailymaverick.co.za/article/2015-02-19-sona2015") == true)
        // Line 2: both sides name India; the actor code is the country itself.
        let mumbai = try #require(sc.event("gdelt-410412348"))
        #expect(mumbai.actors == ["IND"] && sc.party("IND")?.name == "India" && mumbai.type == .consult)
    }

    @Test func infoNamesTenSourcesAndCountsTheRest() throws {
        let sc = try Self.open("gdelt2_events_sample.tsv").scenario
        let info = Self.run("info", on: sc)
        #expect(sc.sources.count > 10 && info.contains("; and \(sc.sources.count - 10) more ('sources' lists them)"))
    }

    @Test func gdeltCAMEOCodesMapThroughTheVocabulary() {
        #expect(GDELTMapping.type(cameo: "0871") == .ceasefire)
        #expect(GDELTMapping.type(cameo: "087") == .intentToCooperate)
        #expect(GDELTMapping.type(cameo: "190") == .fight)
        #expect(GDELTMapping.type(cameo: "1961") == .violateCeasefire)
        #expect(GDELTMapping.type(cameo: "112") == .accuse && GDELTMapping.type(cameo: "111") == .accuse)
        #expect(GDELTMapping.type(cameo: "163") == .reject && GDELTMapping.type(cameo: "204") == .war)
        #expect(GDELTMapping.phase(quadClass: 4) == .escalation && GDELTMapping.phase(quadClass: 5) == nil)
    }

    @Test func theC1QuoteOfLine26IsRepairedAndNoControlReachesAView() throws {
        let r = try Self.open("gdelt2_events_sample.tsv")
        #expect(r.report.repaired == 6)   // U+0091 six times, on lines 26, 32 and 33
        let e = try #require(r.scenario.event("gdelt-410414593"))
        #expect(e.description == "YEMEN at Binali, Ta\u{2018}izz, Yemen")
        for command in ["show gdelt-410414593", "events", "show gdelt-410414599", "claims all", "sources", "parties"] {
            let out = Self.run(command, on: r.scenario)
            #expect(!out.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(command)")
        }
        #expect(Self.run("show gdelt-410414593", on: r.scenario).contains("Ta\u{2018}izz"))
    }

    @Test func gdelt1MixesRowsOf57And58Fields() throws {
        let r = try Self.open("gdelt1_events_sample.tsv")
        #expect(r.report.shape == .gdelt1 && r.report.rows == 100)
        let sc = r.scenario
        // Row 0 (57 fields, 1979): no SOURCEURL, so GDELT itself is the source.
        let old = try #require(sc.event("gdelt-0"))
        #expect(old.date.description == "1979-01-01" && old.actors == ["AFR"] && old.sources == ["gdelt"])
        #expect(sc.source("gdelt")?.url == "https://www.gdeltproject.org/")
        // Row 253461011 (58 fields): SOURCEURL names an agency, not a URL.
        let bbc = try #require(sc.event("gdelt-253461011"))
        let source = try #require(sc.source(bbc.sources[0]))
        #expect(source.publisher == "BBC Monitoring" && source.url == nil && bbc.place == "Algeria")
        #expect(bbc.actors == ["AFG", "UIS"])
    }

    @Test func gdeltSamplesOpenAndStep() throws {
        for name in ["gdelt1_events_sample.tsv", "gdelt2_events_sample.tsv", "gdelt2_events_translingual_sample.tsv"] {
            let r = try Self.open(name)
            let out = Self.run("step 3; where", on: r.scenario)
            #expect(out.contains("3/100"), "\(name)")
            #expect(!Self.run("events where num_sources >= 2 and avg_tone < 0", on: r.scenario).hasPrefix("error"))
        }
        let r = try Self.open("gdelt2_events_sample.tsv")
        let wide = r.scenario.events.filter { ($0.coverage?.sources ?? 0) >= 5 }.count
        let listed = Self.run("events where num_sources >= 5", on: r.scenario).split(separator: "\n").filter { $0.contains("gdelt-") }
        #expect(wide > 0 && listed.count == wide)
    }

    @Test func aBadGDELTRowIsAnErrorAtItsColumn() throws {
        var lines = try String(contentsOfFile: Self.data + "gdelt2_events_sample.tsv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[2].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[1] = "20140231"
        lines[2] = fields.joined(separator: "\t")
        var other = lines[4].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        other[30] = "high"
        lines[4] = other.joined(separator: "\t")
        let text = lines.joined(separator: "\n")
        do {
            _ = try Self.open(text: text, path: "g.tsv")
            Issue.record("a bad row loaded")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.count == 2)
            #expect(messages[0] == "g.tsv:3:11: error: column SQLDATE: '20140231' is not a calendar day")
            #expect(messages[1].hasPrefix("g.tsv:5:") && messages[1].contains("column GoldsteinScale: 'high' is not a number"))
            #expect(messages[1].hasSuffix("(--skip-bad-rows opens the file without the bad rows)"))
            #expect(error.rendered(carets: true).contains("\n              ^^^^^^^^"))
        }
        let skipped = try #require(try Self.open(text: text, path: "g.tsv", ImportOptions(skipBadRows: true, useCache: false)))
        #expect(skipped.report.rows == 98 && skipped.report.skipped == 2 && skipped.scenario.events.count == 98)
        #expect(skipped.report.firstSkipped?.location.line == 3)
        #expect(skipped.scenario.event("gdelt-410412349") == nil && skipped.scenario.claim("gdelt-410412349-report") == nil)
        #expect(skipped.report.summary.contains("2 bad rows skipped (the first: g.tsv:3:11: error: column SQLDATE"))
    }

    @Test func aRowOfTheWrongWidthIsAnError() throws {
        let text = try String(contentsOfFile: Self.data + "gdelt2_events_sample.tsv", encoding: .utf8) + "1\t20200101\tx\n"
        #expect(throws: LoadFailure.self) { try Self.open(text: text, path: "g.tsv") }
        do { _ = try Self.open(text: text, path: "g.tsv") } catch {
            #expect(error.diagnostics.first?.description == "g.tsv:101:1: error: the row has 3 tab-separated fields; a GDELT 2.0 export has 61 (--skip-bad-rows opens the file without the bad rows)")
        }
    }

    @Test func aRepeatedGlobalEventIdIsAnError() throws {
        let text = try String(contentsOfFile: Self.data + "gdelt2_events_sample.tsv", encoding: .utf8)
        let first = text.split(separator: "\n")[0]
        do {
            _ = try Self.open(text: text + first + "\n", path: "g.tsv")
            Issue.record("a repeated id loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["g.tsv:101:1: error: column GLOBALEVENTID: GLOBALEVENTID 410412347 is on an earlier row too (--skip-bad-rows opens the file without the bad rows)"])
        }
    }

    // MARK: UCDP GED

    @Test func ucdpRowsGiveEachSidesDeathsAndTheEstimateRange() throws {
        let r = try Self.open("ucdp_ged231_ARM_AZE_rows.csv")
        #expect(r.report.shape == .ucdpGED && r.scenario.events.count == 3)
        let sc = r.scenario
        let e = try #require(sc.event("ucdp-376126"))
        #expect(e.date.description == "2020-09-27..2020-09-30" && e.type == .fight && e.phase == .escalation)
        #expect(e.actors == ["government-of-azerbaijan", "republic-of-artsakh"])
        #expect(sc.party("republic-of-artsakh")?.role == .belligerent)
        let claim = try #require(sc.claim("ucdp-376126-ucdp"))
        #expect(claim.speaker == .source("ucdp") && claim.status == .official)
        #expect(claim.figures.map { "\($0.party ?? "all"): \($0.value(of: .killed)!)" }
                == ["government-of-azerbaijan: 1", "republic-of-artsakh: 0", "all: 1"])
        // 155395: best 1, low 1, high 3; one death of unknown side.
        let wide = try #require(sc.claim("ucdp-155395-ucdp")?.figures.last)
        #expect(wide.value(of: .killed) == .range(min: 1, max: 3) && wide.note == "best 1; civilians 0, unknown 1")
        let figures = Self.run("goto #3; figures", on: sc)
        #expect(figures.contains("best 1; civilians 0, unknown 1"))
    }

    @Test func theUCDPSampleOpensWithItsOddEstimatesKept() throws {
        let r = try Self.open("ucdp_ged231_sample1000_from_uncertainUCDP.csv")
        #expect(r.report.rows == 1000 && r.report.skipped == 0)
        // Row 304491: best 4, low 5, high 5 — the figure spans all three, the note says so.
        let f = try #require(r.scenario.claim("ucdp-304491-ucdp")?.figures.last)
        #expect(f.value(of: .killed) == .range(min: 4, max: 5))
        #expect(f.note == "best 4; civilians 0, unknown 0; UCDP gives low 5, high 5")
        #expect(Self.run("step 500; where", on: r.scenario).contains("500/1000"))
    }

    @Test func aBadUCDPRowNamesItsColumn() throws {
        let header = try String(contentsOfFile: Self.data + "ucdp_ged231_ARM_AZE_rows.csv", encoding: .utf8)
        let bad = header.replacingOccurrences(of: "2020-09-27,2020-09-30,1,0", with: "2020-09-27,2020-09-20,1,0")
        do {
            _ = try Self.open(text: bad, path: "u.csv")
            Issue.record("a reversed date loaded")
        } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("column date_end: 2020-09-20 is before date_start 2020-09-27") == true)
            #expect(error.diagnostics.first?.location.line == 2)
        }
    }

    // MARK: ACLED

    static let acledHeader = (try? String(contentsOfFile: data + "acled_columns_header_only.csv", encoding: .utf8)) ?? ""

    /// Made-up rows: ACLED's terms forbid copying real ones.
    static let acled = acledHeader.trimmingCharacters(in: .newlines) + "\n"
        + #"ARM901,2021-11-16,2021,1,Political violence,Battles,Armed clash,Military Forces of Azerbaijan (2003-),,1,Military Forces of Armenia (2018-),,1,11,,51,Caucasus and Central Asia,Armenia,Syunik,,,Border area,39.2,46.4,2,Made-up Wire; Example News,National,"Made-up: fighting, reported ""heavy"" losses.",7,,1637000000"# + "\n"
        + "ARM902,17 November 2021,2021,1,Demonstrations,Protests,Peaceful protest,Protesters (Armenia),,6,,,0,60,,51,Caucasus and Central Asia,Armenia,Yerevan,,,Yerevan,40.18,44.51,1,Example News,National,Made-up protest.,0,,1637000001\n"

    @Test func acledRowsMapTypesActorsAndFatalities() throws {
        let r = try #require(try Self.open(text: Self.acled))
        #expect(r.report.shape == .acled && r.report.rows == 2)
        let sc = r.scenario
        let clash = try #require(sc.event("acled-ARM901"))
        #expect(clash.type == .fight && clash.phase == .escalation && clash.date.description == "2021-11-16")
        #expect(clash.actors == ["military-forces-of-azerbaijan-2003", "military-forces-of-armenia-2018"])
        #expect(clash.place == "Border area, Syunik, Armenia")
        let claim = try #require(sc.claim("acled-ARM901-report"))
        #expect(claim.speaker == .source("made-up-wire-example-news") && claim.says == #"Made-up: fighting, reported "heavy" losses."#)
        #expect(claim.figures.first?.value(of: .killed) == .exact(7) && claim.figures.first?.party == nil)
        let protest = try #require(sc.event("acled-ARM902"))
        #expect(protest.type == .protest && protest.phase == .buildUp && protest.date.description == "2021-11-17")
        #expect(protest.actors == ["protesters-armenia"])
    }

    @Test func aBadACLEDRowIsAnErrorAndTheHeaderAloneOpensEmpty() throws {
        let bad = Self.acled.replacingOccurrences(of: "Made-up protest.,0,", with: "Made-up protest.,many,")
        do {
            _ = try Self.open(text: bad)
            Issue.record("a bad count loaded")
        } catch {
            #expect(error.diagnostics.first.map { "\($0.location.line): \($0.message)" }
                    == "3: column fatalities: 'many' is not a whole number (--skip-bad-rows opens the file without the bad rows)")
        }
        let empty = try Self.open("acled_columns_header_only.csv")
        #expect(empty.scenario.events.isEmpty && empty.report.shape == .acled)
    }

    // MARK: Text and shape

    @Test func dirtyTextIsRepairedAndCounted() {
        var repair = TextRepair()
        func text(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBufferPointer { repair.text($0, FieldSpan(start: 0, end: bytes.count, escaped: false)) }
        }
        #expect(text(Array("Ta\u{91}izz".utf8)) == "Ta\u{2018}izz")
        #expect(text([0x41, 0x93, 0x42]) == "A\u{FFFD}B")                 // a lone Windows-1252 byte: not UTF-8
        #expect(text([0x41, 0xE2, 0x82]) == "A\u{FFFD}")                 // a cut sequence
        #expect(text([0x41, 0x1B, 0x5B, 0x32, 0x4A]) == "A\u{FFFD}[2J")  // a terminal escape
        #expect(text(Array("Dera\u{2019}a".utf8)) == "Dera\u{2019}a")     // good UTF-8 stays
        #expect(text(Array("\u{81}".utf8)) == "\u{FFFD}")                 // a C1 control Windows-1252 lacks
        #expect(repair.repaired == 5)
    }

    @Test func scenariosAndOtherFilesAreNotTakenForExports() throws {
        #expect(try EventImport.load(path: Fixtures.seedPath, options: Self.noCache) == nil)
        #expect(try Self.open(text: "a,b,c\n1,2,3\n") == nil)
        #expect(try Self.open(text: "1\t2\t3\n") == nil)
        let seed = try ScenarioFile.open(path: Fixtures.seedPath)
        #expect(seed.report == nil && !seed.scenario.events.isEmpty)
    }
}
