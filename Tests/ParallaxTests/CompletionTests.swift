import Testing
import Parallax
import ParallaxREPL

/// Tab's candidates by context, computed without a terminal.
@Suite("Completion")
struct CompletionTests {
    static let scenario: Scenario = {
        var root = #filePath
        for _ in 0..<3 { root = String(root[..<root.lastIndex(of: "/")!]) }
        return try! ScenarioLoader.load(path: root + "/seeds/armenia-azerbaijan-2021-11.yaml")
    }()

    func complete(_ text: String, breakpoints: [Int] = [],
                  folders: [String: [(name: String, isFolder: Bool)]] = [:]) -> Completion {
        Completion.complete(text, in: Completion.Context(scenario: Self.scenario, breakpoints: breakpoints,
                                                         listFolder: { folders[$0] ?? [] }))
    }

    func texts(_ text: String) -> [String] { complete(text).candidates.map(\.text) }

    @Test func commandNamesAtTheStartOfEachCommand() {
        #expect(texts("st") == ["start", "step"])
        #expect(texts("q") == ["questions", "quit"])
        #expect(texts("step; wh") == ["where"])
        #expect(complete("whe").edit(secondTab: false) == .replace("where "))
        #expect(texts("").contains("quit") && texts("").contains("exit"))
    }

    @Test func ambiguousPrefixBeepsThenLists() {
        let c = complete("st")
        #expect(c.edit(secondTab: false) == .beep)  // start and step share only "st"
        #expect(c.edit(secondTab: true) == .list(["start", "step"]))
        #expect(complete("sou").edit(secondTab: false) == .replace("source"))  // source, sources
        #expect(complete("sta").edit(secondTab: false) == .replace("start "))
    }

    @Test func eventIdsAndPhasesAfterGotoAndBreak() {
        #expect(texts("goto clash") == ["clash-2021-11-16"])
        #expect(texts("goto esc") == ["escalation"])
        #expect(texts("break ") .contains("where"))
        #expect(texts("goto clash-2021-11-16 ") == [])
    }

    @Test func partyIdsAfterNarrativeCommandsOnlyWhenTheyExist() {
        // `narrative` is matched by name; without such a command nothing is offered.
        let hasNarrative = CommandTable.spec(named: "narrative") != nil
        #expect(texts("narrative A") == (hasNarrative ? ["ARM", "AZE"] : []))
    }

    @Test func fieldNamesAfterWhereAndValuesAfterAnOperator() {
        #expect(texts("break where ph") == ["phase"])
        #expect(texts("break where phase = e") == ["escalation"])
        #expect(texts("break where type in (mediate, con") == ["consult"])
        #expect(texts("break where phase = escalation ") == ["and", "or"])
        #expect(texts("break where phase = escalation and ty") == ["type"])
        #expect(texts("break where party = A") == ["ARM", "AZE"])
        #expect(texts("break where id = hostil") == ["hostilities-cease"])
        #expect(texts("break where phase ").contains("="))
    }

    @Test func anyIdAfterShowAndFieldsOfTheRightEntity() {
        #expect(texts("show aghaj") == ["aghajanyan", "aghajanyan-15-killed"])
        #expect(texts("claims ") == ["all", "where"])
        #expect(texts("claims all where st") == ["status"])
        #expect(texts("claims where status = ") == ["confirmed", "disputed", "official", "retracted", "unconfirmed"])
        #expect(texts("claims where by = aliyev") == ["aliyev", "aliyev-press"])
        #expect(texts("events where in") == ["intensity"])
        #expect(texts("actors where party = R") == ["RUS"])
        #expect(texts("actors where na") == ["name"])
    }

    @Test func settingNamesThenTheirValuesAfterSet() {
        #expect(texts("set f") == ["format"])
        #expect(texts("set format ") == ["json", "markdown", "text"])
        #expect(texts("set width ") == ["auto"])
        #expect(texts("set pager o") == ["off", "on"])
    }

    @Test func breakpointNumbersAfterDelete() {
        #expect(complete("delete ", breakpoints: [1, 3]).candidates.map(\.text) == ["1", "3", "all"])
    }

    @Test func pathsAfterLoadWithFoldersLeftOpen() {
        let folders: [String: [(name: String, isFolder: Bool)]] = [
            "": [("seeds", true), ("Package.swift", false), (".build", true)],
            "seeds/": [("armenia-azerbaijan-2021-11.yaml", false)],
        ]
        #expect(complete("load se", folders: folders).edit(secondTab: false) == .replace("seeds/"))
        #expect(complete("load seeds/ar", folders: folders).edit(secondTab: false) == .replace("seeds/armenia-azerbaijan-2021-11.yaml "))
        #expect(complete("load ", folders: folders).candidates.map(\.text) == ["Package.swift", "seeds/"])
        #expect(complete("load .", folders: folders).candidates.map(\.text) == [".build/"])
        #expect(complete("record ", folders: folders).candidates.map(\.text) == ["Package.swift", "seeds/", "stop"])
    }

    @Test func nothingInsideACommentOrAString() {
        #expect(texts("step # wh") == [])
        #expect(texts("echo 'unfinished") == [])
    }

    @Test func caseIsIgnoredOnlyWhenNothingMatchesExactly() {
        #expect(texts("break where party = ar") == ["ARM"])
        #expect(complete("break where party = ar").edit(secondTab: false) == .replace("ARM "))
    }

    @Test func commonPrefixIsComputedOnUnicodeScalars() {
        // "é" precomposed vs "e" + combining acute are different scalars: the prefix stops
        // before them instead of splitting a character's bytes.
        let c = Completion(word: "", candidates: [.init("caf\u{E9}s"), .init("caf\u{E9}"), .init("cafe\u{301}")])
        #expect(c.commonPrefix == "caf")
        let d = Completion(word: "Ки", candidates: [.init("Кириллица"), .init("Кириллов")])
        #expect(d.commonPrefix == "Кирилл")
        #expect(d.edit(secondTab: false) == .replace("Кирилл"))
    }

    @Test func timeCommandsCompleteQuestionsMeasuresAndParties() {
        #expect(texts("watch who") == ["who-started"])
        #expect(texts("watch kil") == ["killed"])
        #expect(texts("watch killed ") == ["ARM", "AZE", "EU", "NKR", "RUS"])
        // Derived from the declaration (QUESTION-ID | MEASURE, then PARTY…): more parties are
        // offered, and the parser says that a measure takes one.
        #expect(texts("watch killed ARM ") == ["AZE", "EU", "NKR", "RUS"])
        #expect(texts("watch who-started A") == ["ARM", "AZE"])
        #expect(texts("watch who-started ARM A") == ["AZE"])
        #expect(texts("trace arm-k") == ["arm-killed"])
        #expect(texts("trace arm-killed ARM ").contains("all") && !texts("trace arm-killed ARM ").contains("ARM"))
        #expect(texts("trace arm-killed all ").isEmpty)
        #expect(texts("break cl") == ["claim", "clash-2021-11-16"])
        #expect(texts("break claim ") == ["where"])
        #expect(texts("break claim where que") == ["question"])
        #expect(texts("break claim where question = arm-") == ["arm-captured", "arm-killed"])
        #expect(texts("break claim where measure = w") == ["wounded"])
        #expect(texts("find ") == ["all"])
        #expect(texts("delete ") == ["all"])
        #expect(complete("delete ", breakpoints: [1, 3]).candidates.map(\.text) == ["1", "3", "all"])
    }
}
