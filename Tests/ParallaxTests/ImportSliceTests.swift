import Foundation
import Testing
@testable import Parallax

/// `parallax import`: a slice of an export written as a scenario loads back as the same
/// events and figures.
@Suite struct ImportSliceTests {
    static func roundTrip(_ name: String, where text: String) throws -> (slice: Scenario, loaded: Scenario, yaml: String) {
        let imported = try ImportTests.open(name)
        let filter = try ScenarioSlice.filter(text).get()
        let slice = ScenarioSlice.slice(imported.scenario, where: filter)
        let yaml = ScenarioWriter.yaml(slice)
        let loaded = try ScenarioLoader.load(bytes: Array(yaml.utf8), path: "slice.yaml")
        return (slice, loaded, yaml)
    }

    static func sameEventsAndFigures(_ a: Scenario, _ b: Scenario) {
        #expect(a.events.count == b.events.count && a.claims.count == b.claims.count)
        for (x, y) in zip(a.events, b.events) {
            #expect(x.id == y.id && x.date == y.date && x.type == y.type && x.phase == y.phase && x.actors == y.actors
                    && x.place == y.place && x.title == y.title && x.description == y.description
                    && x.intensity == y.intensity && x.sources == y.sources, "\(x.id)")
        }
        for (x, y) in zip(a.claims, b.claims) {
            #expect(x.id == y.id && x.by == y.by && x.about == y.about && x.says == y.says && x.status == y.status
                    && x.madeOn == y.madeOn && x.knownPosition == y.knownPosition, "\(x.id)")
            #expect(x.figures.map { "\($0.party ?? "-") \($0.values.map { "\($0.measure) \($0.value)" }) \($0.note ?? "")" }
                    == y.figures.map { "\($0.party ?? "-") \($0.values.map { "\($0.measure) \($0.value)" }) \($0.note ?? "")" })
        }
        for command in ["events", "goto #\(a.events.count); figures", "parties", "sources", "claims all"] {
            #expect(ImportTests.run(command, on: a) == ImportTests.run(command, on: b), "\(command)")
        }
    }

    @Test func aUCDPSliceRoundTrips() throws {
        let r = try Self.roundTrip("ucdp_ged231_sample1000_from_uncertainUCDP.csv", where: "party = government-of-syria and date >= 2013")
        #expect(r.slice.events.count == 186)
        #expect(r.slice.events.allSatisfy { $0.actors.contains("government-of-syria") && $0.date.firstDay >= PartialDate(year: 2013)!.firstDay })
        #expect(r.loaded.parties.map(\.id) == r.slice.parties.map(\.id) && r.loaded.sources.map(\.id) == ["ucdp"])
        Self.sameEventsAndFigures(r.slice, r.loaded)
    }

    @Test func aGDELTSliceRoundTripsWithItsRepairedText() throws {
        let r = try Self.roundTrip("gdelt2_events_sample.tsv", where: "num_sources >= 5 or place ~ yemen")
        #expect(r.slice.events.count > 3 && r.slice.events.count < 100)
        #expect(r.yaml.contains("Ta\u{2018}izz") && r.yaml.contains("# GDELT coverage: num_sources 5, num_mentions 6"))
        #expect(r.loaded.actors.map(\.id) == r.slice.actors.map(\.id))
        Self.sameEventsAndFigures(r.slice, r.loaded)
    }

    @Test func everyExportRoundTripsWhole() throws {
        for name in ["gdelt1_events_sample.tsv", "gdelt2_events_translingual_sample.tsv", "ucdp_ged231_ARM_AZE_rows.csv"] {
            let r = try Self.roundTrip(name, where: "date >= 1900")
            #expect(r.slice.events.count == (name.hasPrefix("ucdp") ? 3 : 100), "\(name)")
            Self.sameEventsAndFigures(r.slice, r.loaded)
        }
        let acled = try #require(try ImportTests.open(text: ImportTests.acled))
        let slice = ScenarioSlice.slice(acled.scenario, where: try ScenarioSlice.filter("type = fight").get())
        let loaded = try ScenarioLoader.load(bytes: Array(ScenarioWriter.yaml(slice).utf8), path: "a.yaml")
        #expect(loaded.events.map(\.id) == ["acled-ARM901"])
        Self.sameEventsAndFigures(slice, loaded)
    }

    @Test func namesThatReadAsAnswersOrHoldOtherScriptsMakeValidIds() throws {
        let text = try String(contentsOfFile: ImportTests.data + "ucdp_ged231_ARM_AZE_rows.csv", encoding: .utf8)
            .replacingOccurrences(of: ",Republic of Artsakh,", with: ",No,")
            .replacingOccurrences(of: ",Government of Azerbaijan,", with: ",Армия Ⅻ — Qarabağ,")
        let imported = try #require(try ImportTests.open(text: text, path: "u.csv"))
        #expect(imported.scenario.parties.map(\.id) == ["армия-qarabağ", "party-no"])
        let loaded = try ScenarioLoader.load(bytes: Array(ScenarioWriter.yaml(imported.scenario).utf8), path: "u.yaml")
        Self.sameEventsAndFigures(imported.scenario, loaded)
    }

    @Test func aBadFilterIsAnErrorAtItsColumn() {
        guard case .failure(let e) = ScenarioSlice.filter("date >= 2018 and num_sourcs > 2") else {
            Issue.record("a misspelt field parsed")
            return
        }
        #expect(e.column == 18 && e.message.hasPrefix("unknown field 'num_sourcs'; did you mean 'num_sources'?"))
    }

    @Test func textThatLooksLikeOtherYAMLStaysText() throws {
        #expect(ScenarioWriter.q("no") == "\"no\"")
        #expect(ScenarioWriter.q("a \"b\" \\ c\nd\u{85}") == "\"a \\\"b\\\" \\\\ c\\nd\\u0085\"")
    }
}
