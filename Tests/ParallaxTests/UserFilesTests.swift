import Foundation
import Testing
@testable import Parallax

/// Where the user's files go (XDG), the config file of `set` lines, and the generated
/// manual pages of the language and the scenario format.
@Suite("User files, config file and manual pages")
struct UserFilesTests {
    @Test func pathsFollowXDGVariablesThenHome() {
        let set = UserFiles { ["XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "/c/", "XDG_CONFIG_HOME": "/f", "HOME": "/h"][$0] }
        #expect(set.history == "/s/parallax/history")
        #expect(set.cacheFolder == "/c/parallax")
        #expect(set.cacheFile("events.bin") == "/c/parallax/events.bin")
        #expect(set.config == "/f/parallax/config")
        #expect(set.editrc == "/h/.editrc")

        // Relative or empty values are ignored, as the XDG rules say.
        let fallback = UserFiles { ["XDG_STATE_HOME": "state", "XDG_CACHE_HOME": "", "HOME": "/h"][$0] }
        #expect(fallback.history == "/h/.local/state/parallax/history")
        #expect(fallback.cacheFolder == "/h/.cache/parallax")
        #expect(fallback.config == "/h/.config/parallax/config")

        let none = UserFiles { _ in nil }
        #expect(none.history == nil && none.cacheFolder == nil && none.config == nil && none.editrc == nil)
        #expect(UserFiles { ["EDITRC": "/e/rc", "HOME": "/h"][$0] }.editrc == "/e/rc")
        #expect(none.listing.map(\.key) == ["history", "cache", "config", "editrc"])
    }

    @Test func configSetLinesBecomeDefaults() {
        var settings = Settings()
        let text = "# defaults\nset format json\n\nset width 120 # wide\nset color off; set pager off\r\n"
        let problems = ConfigFile.apply(text, path: "config", to: &settings)
        #expect(problems.isEmpty)
        #expect(settings.format == .json && settings.width == 120 && settings.color == .off && !settings.pager)
    }

    @Test func badConfigLinesAreLocatedAndSkipped() {
        var settings = Settings()
        let text = "set fromat json\nset errors continue\nstep 3\nset width 5\nset format markdown\nset color\nset pager on off\n"
        let problems = ConfigFile.apply(text, path: "/c/config", to: &settings)
        #expect(problems.map(\.location.description) == ["/c/config:1:5", "/c/config:2:5", "/c/config:3:1",
                                                        "/c/config:4:11", "/c/config:6:5", "/c/config:7:14"])
        #expect(problems[0].message.contains("did you mean 'format'?"))
        #expect(problems[1].message.contains("not a default setting"))
        #expect(problems[2].message.contains("only 'set KEY VALUE' lines"))
        #expect(problems[3].message.contains("width must be auto or a number from 20 to 1000"))
        #expect(problems.allSatisfy { $0.message.hasSuffix("(line ignored)") })
        // The good line between the bad ones still applies; the script-only settings stay.
        #expect(settings.format == .markdown && settings.errors == .stop && settings.width == nil)
    }

    @Test func aMissingConfigIsNoProblem() {
        var settings = Settings()
        #expect(ConfigFile.load(path: "/nonexistent/parallax/config", into: &settings) == nil)
        #expect(ConfigFile.load(path: nil, into: &settings) == nil)
    }

    /// Every command, alias, setting and filter field is in parallax-commands(7), each
    /// command with its usage, summary and example as `help` prints them.
    @Test func theCommandsPageListsEveryCommandSettingAndField() {
        let page = CommandsManual.page.text
        for spec in CommandTable.all {
            #expect(page.contains(ManualPage.usage(spec.usage)), "usage of \(spec.name)")
            #expect(page.contains(ManualPage.escape(spec.summary)), "summary of \(spec.name)")
            #expect(page.contains(ManualPage.escape("Example: " + spec.example)), "example of \(spec.name)")
            for alias in spec.aliases { #expect(page.contains(alias), "alias \(alias)") }
        }
        for (alias, _) in CommandTable.fixedAliases { #expect(page.contains("\(alias) (")) }
        for setting in Settings.keys { #expect(page.contains(ManualPage.bold("set " + setting.key))) }
        for field in FilterSchemas.event.fields + FilterSchemas.claim.fields + FilterSchemas.actor.fields {
            #expect(page.contains(ManualPage.bold(field.name)))
        }
    }

    /// Every key the JSON Schema declares (written independently of the loader) is in
    /// parallax-scenario(5) under its entity; so is every vocabulary word.
    @Test func theScenarioPageListsEveryKeyOfTheSchema() throws {
        let page = ScenarioManual.page.text
        let root = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        let data = try Data(contentsOf: URL(fileURLWithPath: "/" + root + "/seeds/scenario.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        func keys(_ object: Any?) -> [String] {
            ((object as? [String: Any])?["properties"] as? [String: Any]).map { Array($0.keys) } ?? []
        }
        var declared: [(entity: String, keys: [String])] = [("the scenario file", keys(schema))]
        for entity in ["scenario", "source", "party", "actor", "place", "event", "question", "claim", "figure"] {
            declared.append((entity, keys(defs[entity])))
        }
        for (entity, schemaKeys) in declared {
            #expect(!schemaKeys.isEmpty, "the schema has keys for \(entity)")
            let listed = ScenarioManual.keys.first { $0.entity == entity }
            let all = (listed?.required ?? []) + (listed?.optional ?? [])
            for key in schemaKeys {
                #expect(all.contains(key), "\(entity).\(key) is in the schema but not on the page")
                #expect(page.contains(ManualPage.escape(key)))
            }
        }
        let words = Phase.allCases.map(\.rawValue) + PartyRole.allCases.map(\.rawValue)
            + ClaimStatus.allCases.map(\.rawValue) + Measure.allCases.map(\.rawValue) + EventType.allCases.map(\.rawValue)
        for word in words { #expect(page.contains(ManualPage.escape(word)), "\(word)") }
    }

    @Test func theScenarioPagesExampleLoads() throws {
        let scenario = try ScenarioLoader.load(bytes: Array(ScenarioManual.example.utf8), path: "example.yaml")
        #expect(scenario.claims.count == 1)
    }

    @Test func manualTextIsEscapedForRoff() {
        #expect(ManualPage.escape("a-b \\ c–d") == "a\\-b \\e c\\[u2013]d")
        var page = ManualPage(name: "x", section: "7", manual: "M")
        page.paragraph(".starts with a dot\n'and a quote\n\n  indented")
        #expect(page.text.contains("\n\\&.starts with a dot\n\\&'and a quote\nindented\n"))
        #expect(!page.text.contains("\n\n"))
    }
}
