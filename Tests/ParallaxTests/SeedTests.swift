import Testing
@testable import Parallax

/// The bundled scenario against the article it models (Los Angeles Times, 16 Nov 2021).
@Suite("Seed scenario")
struct SeedTests {
    @Test func loadsClean() throws {
        let s = try Fixtures.seed()
        #expect(s.events.count == 15)
        #expect(s.claims.count == 16)
        #expect(Set(s.parties.map(\.id)).isSuperset(of: ["ARM", "AZE", "RUS", "EU", "NKR"]))
        #expect(s.info.asOf?.description == "2021-11-16")
    }

    @Test func sequenceIsInTimeOrder() throws {
        let s = try Fixtures.seed()
        #expect(s.events.first?.id == "separatist-war-ends-1994")
        #expect(s.events.first?.date.description == "1994")
        #expect(s.positionOfEvent["clash-2021-11-16"] == 9)
        #expect(s.events.last?.id == "arm-mod-confirmation")
        #expect(s.event("pashinyan-accuses-2021-11-15")?.date.description == "2021-11-15")
        #expect(s.event("war-2020")?.date.description == "2020-09..2020-11")
    }

    @Test func casualtyFiguresCarryClaimantAndStatus() throws {
        let s = try Fixtures.seed()
        let ministry = try #require(s.claim("arm-mod-blames-aze"))
        #expect(ministry.by == "arm-mod" && ministry.status == .official)
        #expect(ministry.figures.first?.party == "ARM")
        #expect(ministry.figures.first?.value(of: .killed) == .exact(1))
        #expect(ministry.figures.first?.value(of: .captured) == .exact(12))
        #expect(ministry.answer(to: "who-started") == .party(["AZE"]))
        let lawmaker = try #require(s.claim("aghajanyan-15-killed"))
        #expect(lawmaker.status == .unconfirmed && lawmaker.party == "ARM")
        #expect(lawmaker.figures.first?.value(of: .killed) == .exact(15))
        let azerbaijan = try #require(s.claim("aze-mil-2-wounded"))
        #expect(azerbaijan.figures.first?.party == "AZE" && azerbaijan.figures.first?.value(of: .wounded) == .exact(2))
        let toll = try #require(s.claim("latimes-war-toll"))
        #expect(toll.speaker == .source("latimes") && toll.party == nil)
        #expect(toll.figures.first?.party == nil && toll.figures.first?.value(of: .killed) == .atLeast(6600))
    }

    @Test func blameAndQuotes() throws {
        let s = try Fixtures.seed()
        #expect(s.claim("aze-gov-blames-arm")?.answer(to: "who-started") == .party(["ARM"]))
        #expect(s.claim("aze-gov-blames-arm")?.quote == "large-scale provocation")
        #expect(s.claim("arm-may-incursion")?.answer(to: "may-incursion") == .yes)
        #expect(s.claim("aze-may-own-territory")?.answer(to: "may-incursion") == .no)
    }

    @Test func callsKnownThroughOneSide() throws {
        let s = try Fixtures.seed()
        #expect(s.event("michel-aliyev-call")?.reportedBy == ["aliyev-press"])
        #expect(s.event("pashinyan-putin-call")?.reportedBy == ["kremlin"])
        #expect(s.event("shoigu-calls")?.reportedBy == ["rus-mod"])
        #expect(s.claim("shoigu-urges-restraint")?.relayedBy == "rus-mod")
        #expect(s.claim("michel-concern")?.relayedBy == "aliyev-press")
    }

    @Test func ceasefireReportedByRussiaConfirmedByArmenia() throws {
        let s = try Fixtures.seed()
        #expect(s.claim("rus-mod-reports-ceasefire")?.answer(to: "fighting-stopped") == .yes)
        #expect(s.claim("arm-mod-confirms-ceasefire")?.confirms == ["rus-mod-reports-ceasefire"])
        #expect(s.claim("arm-mod-confirms-ceasefire")?.party == "ARM")
    }

    @Test func everyEventAndClaimNamesASource() throws {
        let s = try Fixtures.seed()
        #expect(s.events.allSatisfy { !$0.sources.isEmpty })
        #expect(s.claims.allSatisfy { !$0.sources.isEmpty })
    }
}

@Suite("Dates and ordering")
struct DateTests {
    @Test func partialDatesParseAndValidate() {
        #expect(PartialDate(parsing: "2021")?.precision == .year)
        #expect(PartialDate(parsing: "2021-11")?.precision == .month)
        #expect(PartialDate(parsing: "2020-02-29") != nil)
        #expect(PartialDate(parsing: "2021-02-29") == nil)
        #expect(PartialDate(parsing: "2021-13") == nil)
        #expect(PartialDate(parsing: "21-11-16") == nil)
    }

    @Test func precisionMatching() throws {
        let day = try #require(PartialDate(parsing: "2021-11-16"))
        #expect(day.isWithin(try #require(PartialDate(parsing: "2021-11"))))
        #expect(day.isWithin(try #require(PartialDate(parsing: "2021"))))
        #expect(!day.isWithin(try #require(PartialDate(parsing: "2021-10"))))
    }

    @Test func sequenceOrderRules() throws {
        let text = """
        parallax: 1
        scenario: {id: o, title: O}
        sources: [{id: s, publisher: P, title: T, date: 2021}]
        parties: [{id: A, name: A, role: belligerent}]
        events:
          - {id: timed-late, date: 2021-11-16, time: "18:30", phase: escalation, type: fight, title: t, sources: [s]}
          - {id: timed-early, date: 2021-11-16, time: "09:05", phase: escalation, type: fight, title: t, sources: [s]}
          - {id: untimed-2, date: 2021-11-16, order: 2, phase: escalation, type: fight, title: t, sources: [s]}
          - {id: untimed-1, date: 2021-11-16, order: 1, phase: escalation, type: fight, title: t, sources: [s]}
          - {id: month, date: 2021-11, phase: build-up, type: fight, title: t, sources: [s]}
          - {id: range, date: 2021-10-30..2021-11-02, phase: build-up, type: fight, title: t, sources: [s]}
          - {id: year, date: 2021, phase: background, type: fight, title: t, sources: [s]}
        """
        let s = try Fixtures.load(text)
        #expect(s.events.map(\.id) == ["year", "range", "month", "untimed-1", "untimed-2", "timed-early", "timed-late"])
    }

    @Test func numbersPrintOneWayHoweverWritten() {
        let written: [(String, FigureValue?, String)] = [
            ("15", .exact(15), "15"), ("15..20", .range(min: 15, max: 20), "15..20"),
            ("15-20", .range(min: 15, max: 20), "15..20"), (" 15 .. 20 ", .range(min: 15, max: 20), "15..20"),
            (">=15", .atLeast(15), ">=15"), ("15+", .atLeast(15), ">=15"), ("at least 15", .atLeast(15), ">=15"),
            ("At least 15", .atLeast(15), ">=15"), ("20..20", .exact(20), "20"),
            ("20..15", nil, ""), ("about 15", nil, ""), ("-5", nil, ""), ("15..", nil, ""), (">=", nil, ""), ("1.5", nil, ""),
        ]
        for (text, value, printed) in written {
            #expect(FigureValue(reading: text) == value, "\(text)")
            if let value {
                #expect(value.description == printed, "\(text)")
                // A printed value pastes back as the same value.
                #expect(FigureValue(reading: value.description) == value)
            }
        }
        #expect(FigureValue.isReversedRange("20..15") && FigureValue.isReversedRange("20-15"))
        #expect(FigureValue.atLeast(204).upperBound == nil)
        #expect(FigureValue.range(min: 1, max: 15).lowerBound == 1)
    }

    @Test func knownAtDateMeansFirstEventOnOrAfter() throws {
        let text = Fixtures.minimal + "\nclaims:\n"
            + "  - {id: a, by: arm-mod, about: clash, known_at: 2021-11-17, says: x, status: official, sources: [src]}\n"
            + "  - {id: b, by: arm-mod, about: clash, known_at: 2030-01-01, says: x, status: official, sources: [src]}\n"
            + "  - {id: c, by: arm-mod, about: clash, says: x, status: official, sources: [src]}\n"
        let s = try Fixtures.load(text)
        #expect(s.claim("a")?.knownPosition == 2)
        #expect(s.claim("b")?.knownPosition == 2)
        #expect(s.claim("c")?.knownPosition == 1)
    }
}
