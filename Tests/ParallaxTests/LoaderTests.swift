import Testing
@testable import Parallax

@Suite("Loader validation")
struct LoaderTests {
    @Test func minimalScenarioLoads() throws {
        let s = try Fixtures.load(Fixtures.minimal)
        #expect(s.events.map(\.id) == ["clash", "calm"])
        #expect(s.parties.count == 2)
        #expect(s.actor("arm-mod")?.party == "ARM")
    }

    @Test func unknownKeyIsAnErrorWithSuggestion() {
        let text = Fixtures.minimal.replacingOccurrences("title: Clash", "titel: Clash") + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "11:67: unknown key 'titel' in event; did you mean 'title'?",
        ])
    }

    /// A misspelt required key is one mistake, reported once: at the key, with the word
    /// meant; the entity is not also said to lack it. A key missing outright still is.
    @Test func aMisspeltRequiredKeyIsReportedOnce() {
        let claims = Fixtures.claims.replacingOccurrences("says: Calm, status: official, sources: [src]}",
                                                          "sayz: Calm, status: official, sources: [src], figures: [{party: ARM, kiled: 3}]}")
        #expect(Fixtures.problems(Fixtures.minimal + claims) == [
            "15:41: unknown key 'sayz' in claim; did you mean 'says'?",
            "15:110: unknown key 'kiled' in figure; did you mean 'killed'?",
        ])
        let missing = Fixtures.minimal + Fixtures.claims.replacingOccurrences("says: Calm, ", "")
        #expect(Fixtures.problems(missing) == ["15:5: claim is missing required key 'says'"])
        let noMeasure = Fixtures.minimal + Fixtures.claims.replacingOccurrences("Calm, status: official, sources: [src]}",
                                                                                                "Calm, status: official, sources: [src], figures: [{party: ARM, note: x}]}")
        #expect(Fixtures.problems(noMeasure).count == 1)
    }

    @Test func duplicateIdAcrossKinds() {
        let text = Fixtures.minimal + "\nplaces:\n  - {id: clash, name: Somewhere}\n" + Fixtures.claimsAboutCalm
        #expect(Fixtures.problems(text) == ["14:10: duplicate id 'clash' (first declared at 11:10)"])
    }

    /// Kinds are decoded one after the other, not in file order: an id declared by an event
    /// and twice more by places later in the file still names the event's line each time.
    @Test func anIdDeclaredInTwoKindsNamesTheFirstInTheFileEachTime() {
        let text = Fixtures.minimal + "\nplaces:\n  - {id: clash, name: A}\n  - {id: clash, name: B}\n" + Fixtures.claimsAboutCalm
        #expect(Fixtures.problems(text) == ["14:10: duplicate id 'clash' (first declared at 11:10)",
                                            "15:10: duplicate id 'clash' (first declared at 11:10)"])
    }

    /// The same across the two parts a large file is read in: claims that copy an event's id,
    /// in either part or both, each name the event's line, wherever the claims are cut.
    @Test func anIdCopiedByClaimsInEitherPartNamesTheFirstInTheFile() throws {
        func claim(_ id: String) -> String {
            "  - {id: \(id), by: arm-mod, about: clash, says: Shelling, status: official, sources: [src]}\n"
        }
        let text = Fixtures.minimal + "\nclaims:\n" + claim("c1") + claim("clash") + claim("c3") + claim("clash") + claim("c5")
        let expected = ["15:10: duplicate id 'clash' (first declared at 11:10)", "17:10: duplicate id 'clash' (first declared at 11:10)"]
        // At every cut (Fixtures.problems reads the text cut at each item).
        #expect(Fixtures.problems(text) == expected)
        #expect(Fixtures.twoPartProblems(Array(text.utf8)).count == 4)
    }

    /// A claim whose id is taken is dropped at once on both paths: its own references are
    /// not checked (no message about its unknown speaker), wherever the text is cut.
    @Test func aClaimWithATakenIdIsDroppedOnBothPaths() {
        func claim(_ id: String, by: String = "arm-mod") -> String {
            "  - {id: \(id), by: \(by), about: clash, says: Shelling, status: official, sources: [src]}\n"
        }
        let text = Fixtures.minimal + "\nclaims:\n" + claim("c1") + claim("c2") + claim("c1", by: "nobody") + claim("c4")
        #expect(Fixtures.problems(text) == ["16:10: duplicate id 'c1' (first declared at 14:10)"])
    }

    /// Several ids declared twice, on both sides of every cut: each later copy is reported,
    /// in file order, naming its first declaration.
    @Test func severalDuplicateIdsAreReportedInFileOrder() {
        func claim(_ id: String) -> String {
            "  - {id: \(id), by: arm-mod, about: clash, says: Shelling, status: official, sources: [src]}\n"
        }
        let ids = ["c1", "c2", "c3", "c4", "c5", "c6"]
        let text = Fixtures.minimal + "\nclaims:\n" + (ids + ids.reversed()).map(claim).joined()
        #expect(Fixtures.problems(text) == ids.reversed().enumerated().map { k, id in
            "\(20 + k):10: duplicate id '\(id)' (first declared at \(14 + ids.firstIndex(of: id)!):10)"
        })
    }

    /// Every later copy in a list names the first declaration, however many there are.
    @Test func anIdDeclaredThreeTimesNamesTheFirstEachTime() {
        let text = Fixtures.minimal + "\nplaces:\n  - {id: pass, name: A}\n  - {id: pass, name: B}\n  - {id: pass, name: C}\n"
            + Fixtures.claims
        #expect(Fixtures.problems(text) == ["15:10: duplicate id 'pass' (first declared at 14:10)",
                                            "16:10: duplicate id 'pass' (first declared at 14:10)"])
    }

    @Test func danglingReferenceSuggestsNearestId() {
        let text = Fixtures.minimal.replacingOccurrences("party: ARM}", "party: ARN}") + Fixtures.claims
        #expect(Fixtures.problems(text) == ["9:59: unknown party 'ARN'; did you mean 'ARM'?"])
    }

    @Test func invalidCalendarDate() {
        let text = Fixtures.minimal.replacingOccurrences("date: 2021-11-17", "date: 2021-02-30") + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "12:22: invalid date '2021-02-30'; write YYYY, YYYY-MM, YYYY-MM-DD or START..END with real calendar days",
        ])
    }

    @Test func reversedRange() {
        let text = Fixtures.minimal.replacingOccurrences("date: 2021-11-17", "date: 2021-11-20..2021-11-10") + Fixtures.claims
        #expect(Fixtures.problems(text) == ["12:22: date range '2021-11-20..2021-11-10' ends before it starts"])
    }

    static let claimsHeader = "\nquestions:\n  - {id: q, text: Who?, about: clash}\nclaims:\n"

    @Test func revisesCycle() {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], revises: b}
          - {id: b, by: arm-mod, about: clash, says: y, status: official, sources: [src], revises: a}
        """
        #expect(Fixtures.problems(text) == ["16:92: 'revises' forms a cycle: a → b → a"])
    }

    @Test func revisesAnotherPartysClaim() {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src]}
          - {id: b, by: AZE, about: clash, says: y, status: official, sources: [src], revises: a}
        """
        #expect(Fixtures.problems(text) == [
            "17:88: claim 'b' (by AZE) revises 'a' (by arm-mod), which belongs to another party; a revision updates the same party's claim",
        ])
    }

    @Test func knownAtBeforeAbout() {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: calm, known_at: clash, says: x, status: official, sources: [src]}
          - {id: b, by: arm-mod, about: calm, known_at: 2021-11-01, says: x, status: official, sources: [src]}
        """
        #expect(Fixtures.problems(text) == [
            "16:49: known_at 'clash' comes before the claim's 'about' event 'calm'; a claim cannot be known before what it is about",
            "17:49: known_at 2021-11-01 is before the date of the claim's 'about' event 'calm' (2021-11-17)",
        ])
    }

    /// A date in `known_at` reveals the claim at the first event on or after that date, or
    /// at the last event when none is that late.
    @Test func aClaimKnownOnADateIsRevealedAtTheFirstEventFromThatDate() throws {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: clash, known_at: 2021-11-16, says: x, status: official, sources: [src]}
          - {id: b, by: arm-mod, about: clash, known_at: 2021-11-17, says: x, status: official, sources: [src]}
          - {id: c, by: arm-mod, about: clash, known_at: 2021-12, says: x, status: official, sources: [src]}
        """
        let scenario = try Fixtures.load(text)
        #expect(scenario.claims.map(\.knownPosition) == [1, 2, 2])
    }

    /// A key given twice is an error even when its first value was empty.
    @Test func aKeyRepeatedAfterAnEmptyValueIsADuplicate() {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], quote: ~, quote: y}
          - {id: b, by: arm-mod, about: clash, says: x, status: official, sources: [src]}
        """
        #expect(Fixtures.problems(text) == ["16:93: duplicate key 'quote' in claim"])
    }

    @Test func aClaimCannotBeTheSpeakerOfAnother() {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src]}
          - {id: b, by: a, about: clash, says: y, status: official, sources: [src]}
        """
        #expect(Fixtures.problems(text) == ["17:17: 'a' is a claim; 'by' names an actor, a party or a source"])
    }

    @Test func figureWithoutMeasureAndNonIntegerCount() {
        let text = Fixtures.minimal + LoaderTests.claimsHeader + """
          - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], figures: [{party: ARM}]}
          - {id: b, by: arm-mod, about: clash, says: x, status: official, sources: [src], figures: [{party: ARM, killed: 1.5}]}
        """
        #expect(Fixtures.problems(text) == [
            "16:93: figure names no measure; give one of: killed, wounded, captured, missing, displaced, casualties",
            "17:114: 'killed' must be a number: 15, 15..20, 15-20, '>=15', 15+ or at least 15; got '1.5'; or write {min: A, max: B} or {at_least: N}",
        ])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = Fixtures.minimal
            .replacingOccurrences("role: belligerent}\n  - {id: AZE", "role: fighter}\n  - {id: AZE")
            .replacingOccurrences("type: fight", "type: fihgt") + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "6:36: unknown role 'fighter'; expected one of: belligerent, mediator, third-party, observer",
            "11:60: unknown type 'fihgt'; did you mean 'fight'?",
        ])
    }

    /// Texts that cannot be cut (an empty file, a list, a syntax error) are read whole.
    @Test func emptyFileAndNonMapping() {
        #expect(Fixtures.wholeFileProblems("  \n") == [
            "1:1: the file is empty; a scenario is a mapping with the keys parallax, scenario, sources, parties and events",
        ])
        #expect(Fixtures.wholeFileProblems("- a\n- b\n") == ["1:1: the scenario file must be a mapping, found a list"])
    }

    @Test func yamlSyntaxErrorHasLibyamlPosition() {
        #expect(Fixtures.wholeFileProblems("parallax: 1\nscenario: {id: x\n") == [
            "3:1: did not find expected ',' or '}' while parsing a flow mapping",
        ])
    }

    @Test func invalidUTF8() {
        var bytes = Array("parallax: 1\nscenario: {id: x, title: ".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("}\n".utf8)
        do {
            _ = try ScenarioLoader.load(bytes: bytes, path: "bad.yaml")
            Issue.record("loaded invalid UTF-8")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["bad.yaml:2:26: error: invalid UTF-8 (invalid leading UTF-8 octet)"])
        }
    }

    @Test func aliasesAreRefused() {
        let text = "parallax: 1\nscenario: &s {id: x, title: y}\nother: *s\n"
        #expect(Fixtures.wholeFileProblems(text) == ["3:8: YAML aliases (*name) are not accepted in scenario files; write the value out"])
    }

    @Test func scalarsAreReadAsWritten() throws {
        let text = Fixtures.minimal + "\nquestions:\n  - {id: q, text: Was it?, about: clash}\nclaims:\n"
            + "  - {id: a, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {q: no}}\n"
        let s = try Fixtures.load(text)
        #expect(s.claim("a")?.answer(to: "q") == Answer.no)
    }

    @Test func caretRendering() {
        let text = Fixtures.minimal.replacingOccurrences("type: fight", "type: fihgt")
        do {
            _ = try Fixtures.load(text)
        } catch {
            let line = "  - {id: clash, date: 2021-11-16, phase: escalation, type: fihgt, title: Clash, sources: [src]}"
            // 95 characters: more than one screen line, so cut before the column with `…`.
            #expect(line.count == 95)
            #expect(error.rendered(carets: true) == "t.yaml:11:60: error: unknown type 'fihgt'; did you mean 'fight'?\n"
                + "    …" + line.dropFirst(1) + "\n" + String(repeating: " ", count: 4 + 59) + "^^^^^")
        }
    }

    /// Windows line ends: the problem's line is quoted as with line feeds alone, without its
    /// carriage return (the quote once cut the text at line feeds only where a character
    /// was one, so a CR LF file quoted no line at all).
    @Test func caretRenderingWithWindowsLineEnds() {
        let text = Fixtures.minimal.replacingOccurrences("type: fight", "type: fihgt").replacingOccurrences("\n", "\r\n")
        do {
            _ = try Fixtures.load(text)
            Issue.record("a file with an unknown type loaded")
        } catch {
            let line = "  - {id: clash, date: 2021-11-16, phase: escalation, type: fihgt, title: Clash, sources: [src]}"
            #expect(error.rendered(carets: true) == "t.yaml:11:60: error: unknown type 'fihgt'; did you mean 'fight'?\n"
                + "    …" + line.dropFirst(1) + "\n" + String(repeating: " ", count: 4 + 59) + "^^^^^")
        }
    }

    /// Both parts of a file, read whole and in two parts cut at `share` of its size.
    static func bothWays(_ bytes: [UInt8], share: Double) throws -> (whole: Scenario, parts: Scenario) {
        let whole = try ScenarioLoader.loadWhole(bytes: bytes, path: "s")
        // Read in two parts indeed, not read whole after a failed cut.
        let parts = try #require(ScenarioLoader.loadInTwoParts(bytes: bytes, path: "s", target: Int(Double(bytes.count) * share)))
        return (whole, try parts.get())
    }

    /// The claims list is cut wherever the share lands; every cut must give the model and
    /// the problems that reading the file whole gives.
    @Test(arguments: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    func cuttingTheClaimsAnywhereGivesTheSameModel(share: Double) throws {
        let bytes = try FileReader.contents(of: Fixtures.seedPath).get()
        let (whole, parts) = try LoaderTests.bothWays(bytes, share: share)
        #expect(whole.events.map(\.id) == parts.events.map(\.id))
        #expect(whole.claims.map(\.id) == parts.claims.map(\.id))
        #expect(whole.claims.map(\.location) == parts.claims.map(\.location))
        #expect(whole.claims.map(\.knownPosition) == parts.claims.map(\.knownPosition))
        #expect(whole.claims.map(\.party) == parts.claims.map(\.party))
        #expect(whole.claims.map { $0.figures.count } == parts.claims.map { $0.figures.count })
        // Problems in claims on both sides of every cut, with their lines.
        let text = String(decoding: bytes, as: UTF8.self).replacing("\n    status: ", with: "\n    stauts: ")
        #expect(Fixtures.problems(text).count > 3)
    }

    /// Other ways to write the same claims list: Windows line ends, and items at column 0.
    @Test(arguments: ["crlf", "column 0"])
    func cuttingOtherLayoutsGivesTheSameModel(layout: String) throws {
        let seed = String(decoding: try FileReader.contents(of: Fixtures.seedPath).get(), as: UTF8.self)
        var text: String
        if layout == "crlf" {
            text = seed.replacing("\n", with: "\r\n")
        } else {
            let parts = seed.split(separator: "\nclaims:\n", maxSplits: 1)
            let dedented = parts[1].split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("  ") ? $0.dropFirst(2) : $0 }.joined(separator: "\n")
            text = parts[0] + "\nclaims:\n" + dedented
            #expect(text.contains("\n- id: latimes-war-toll\n  by: latimes\n"))
        }
        let bytes = Array(text.utf8)
        for share in [0.1, 0.5, 0.9] {
            let (whole, parts) = try LoaderTests.bothWays(bytes, share: share)
            #expect(whole.claims.count == 16)
            #expect(whole.claims.map(\.id) == parts.claims.map(\.id))
            #expect(whole.claims.map(\.location) == parts.claims.map(\.location))
            #expect(whole.claims.map(\.says) == parts.claims.map(\.says))
        }
    }

    @Test func theClaimsAreCutAtAnItemOfTheList() throws {
        let bytes = try FileReader.contents(of: Fixtures.seedPath).get()
        let text = String(decoding: bytes, as: UTF8.self)
        let claims = try #require(text.utf8.ranges(of: "\nclaims:\n".utf8).first).upperBound
        let start = text.utf8.distance(from: text.utf8.startIndex, to: claims)
        var cuts: Set<Int> = []
        bytes.withUnsafeBufferPointer { buffer in
            for target in stride(from: 0, to: buffer.count, by: 97) {
                guard let parts = TwoParts.yaml(buffer, target: target) else { continue }
                let cut = parts.second.lowerBound
                cuts.insert(cut)
                #expect(cut >= target && cut > start)
                #expect(parts.first == 0..<cut && parts.second.upperBound == buffer.count)
                #expect(Array(buffer[cut..<cut + 4]) == Array("  - ".utf8))
            }
        }
        #expect(cuts.count > 5)
        #expect(Array("claims: []\n".utf8).withUnsafeBufferPointer { TwoParts.yaml($0, target: 0) } == nil)
    }

    /// Only a file whose claims list can be cut is read in two parts: a flow-style file, one
    /// with a second document, a key after the claims or no claims at all is read whole.
    @Test func onlyAClaimsListLastIsCut() {
        let items = "claims:\n  - a\n  - b\n  - c\n"
        func parts(_ text: String) -> Result<Scenario, LoadFailure>? {
            ScenarioLoader.loadInTwoParts(bytes: Array(text.utf8), path: "s", target: 0)
        }
        #expect(parts("{\"parallax\": 1, \"claims\": [1, 2, 3]}") == nil)
        #expect(parts("parallax: 1\n---\n" + items) == nil)
        #expect(parts("parallax: 1\n" + items + "---\nx: 1\n") == nil)
        #expect(parts(items + "parallax: 1\n") == nil)
        #expect(parts("claims: []\n" + items) == nil)
        #expect(parts("parallax: 1\nevents: []\n") == nil)
        #expect(parts("# c\nparallax: 1\n" + items) != nil)
        #expect(parts(items) != nil)
    }

    static let generatedJSON = Fixtures.root + "/Fuzz/corpus/loader/generated-12.json"

    /// A JSON file written one value per line is cut in its claims array like block-style
    /// YAML: every cut gives the model and the problems (with their lines and columns) that
    /// reading the file whole gives, with Unix or Windows line ends.
    @Test(arguments: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    func cuttingAJSONFileAnywhereGivesTheSameModel(share: Double) throws {
        let unix = try FileReader.contents(of: LoaderTests.generatedJSON).get()
        let windows = Array(String(decoding: unix, as: UTF8.self).replacing("\n", with: "\r\n").utf8)
        for bytes in [unix, windows] {
            let (whole, parts) = try LoaderTests.bothWays(bytes, share: share)
            #expect(whole.claims.count == 28)
            #expect(whole.claims.map(\.id) == parts.claims.map(\.id))
            #expect(whole.claims.map(\.location) == parts.claims.map(\.location))
            #expect(whole.claims.map(\.knownPosition) == parts.claims.map(\.knownPosition))
            #expect(whole.claims.map(\.party) == parts.claims.map(\.party))
            #expect(whole.claims.map(\.says) == parts.claims.map(\.says))
            #expect(whole.events.map(\.id) == parts.events.map(\.id))
        }
        if share == 0 {
            // Problems on both sides of every cut, in claims and before them.
            let broken = String(decoding: unix, as: UTF8.self)
                .replacing("\"status\": ", with: "\"stauts\": ").replacing("\"phase\": \"", with: "\"phase\": \"x")
            #expect(Fixtures.problems(broken).count > 30)
            #expect(Fixtures.twoPartProblems(Array(broken.utf8)).count == 27)
        }
    }

    @Test func aJSONFileIsCutWhereAnItemStartsItsLine() throws {
        let bytes = try FileReader.contents(of: LoaderTests.generatedJSON).get()
        var cuts: Set<Int> = []
        try bytes.withUnsafeBufferPointer { buffer in
            for target in stride(from: 0, to: buffer.count, by: 211) {
                guard let parts = TwoParts.json(buffer, target: target) else { continue }
                let item = parts.second.lowerBound + 3
                cuts.insert(item)
                #expect(item >= target)
                #expect(Array(buffer[parts.second.lowerBound - 1...item]) == Array("    {".utf8))
                #expect(buffer[parts.first.upperBound] == UInt8(ascii: ","))
                #expect(buffer[parts.second.upperBound - 1] == UInt8(ascii: "]"))
                let before = try #require(String(validating: buffer[..<parts.first.upperBound], as: UTF8.self))
                #expect(before.contains("\"claims\": ["))
            }
        }
        #expect(cuts.count > 20)
    }

    /// JSON that cannot be cut, or whose cut would not be the claims array, is read whole.
    @Test func otherJSONIsReadWhole() throws {
        let text = String(decoding: try FileReader.contents(of: LoaderTests.generatedJSON).get(), as: UTF8.self)
        let whole = try ScenarioLoader.loadWhole(bytes: Array(text.utf8), path: "s")
        // All on one line; claims not the last key; a nested "claims" key first.
        let oneLine = text.replacing("\n", with: " ")
        let claimsFirst = text.replacing("{\n  \"parallax\": 1,", with: "{\n  \"claims\": [],\n  \"parallax\": 1,")
        let moved = text.replacing("  \"claims\": [", with: "  \"questions2\": 1,\n  \"claims\": [")
            .replacing("\n  ]\n}", with: "\n  ],\n  \"places2\": []\n}")
        let nested = text.replacing("\"publisher\": ", with: "\"claims\": [\n    {}\n  ], \"publisher\": ")
        for variant in [oneLine, claimsFirst, moved, nested] {
            #expect(Fixtures.twoPartProblems(Array(variant.utf8)).isEmpty)
            #expect(!Fixtures.wholeFileProblems(variant).isEmpty || variant == oneLine)
        }
        #expect(try ScenarioLoader.load(bytes: Array(oneLine.utf8), path: "s").claims.map(\.id) == whole.claims.map(\.id))
    }

    /// Line breaks that libyaml counts but a count of line feeds does not (a lone CR, NEL,
    /// LS, PS) make a file be read whole, so lines after the cut stay right; so do bytes
    /// that only the whole file would read (a tab after the closing brace).
    @Test func otherLineBreaksAndUnreadBytesMakeAFileBeReadWhole() throws {
        #expect(!Array("a\r\nb\nc – d “e” \u{2010}\u{A0}".utf8).withUnsafeBufferPointer { TwoParts.hasOtherLineBreaks($0) })
        for text in ["a\rb", "x\u{85}", "12345678\u{2028}", "\u{2029}", "ab\r"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { TwoParts.hasOtherLineBreaks($0) }, "\(text.debugDescription)")
        }
        let json = String(decoding: try FileReader.contents(of: LoaderTests.generatedJSON).get(), as: UTF8.self)
        let yaml = String(decoding: try FileReader.contents(of: Fixtures.seedPath).get(), as: UTF8.self)
        // An error after the cut shows whether its line is right.
        let lateJSON = json.replacing("\"sources\": [\n        \"", with: "\"sources\": [\n        \"nosuch\", \"")
        let lateYAML = yaml.replacing("\n    status: official", with: "\n    status: officail")
        let variants = [
            lateJSON.replacing("\"summary\": \"A ", with: "\"summary\": \"A\u{2028}"),
            lateJSON.replacing("\"summary\": \"A ", with: "\"summary\": \"A\u{85}"),
            lateJSON.replacing("\"parallax\": 1,", with: "\"parallax\":\r1,"),
            lateJSON + "\n\t\n",
            lateYAML.replacing("parallax: 1\n", with: "parallax: 1\r"),
            lateYAML.replacing("\n  - id: ", with: "\n  - id: \u{2029}"),
        ]
        for text in variants {
            #expect(!Fixtures.wholeFileProblems(text).isEmpty)
            #expect(Fixtures.twoPartProblems(Array(text.utf8)).isEmpty)
        }
        // The same errors without the odd bytes are found by reading in two parts.
        #expect(!Fixtures.problems(lateJSON).isEmpty)
        #expect(!Fixtures.problems(lateYAML).isEmpty)
    }

    @Test func jsonInputLoadsTheSameModel() throws {
        let json = """
        {"parallax": 1, "scenario": {"id": "demo", "title": "Demo"},
         "sources": [{"id": "src", "publisher": "Paper", "title": "Report", "date": "2021-11-16"}],
         "parties": [{"id": "ARM", "name": "Armenia", "role": "belligerent"}],
         "events": [{"id": "clash", "date": "2021-11-16", "phase": "escalation", "type": "fight",
                     "title": "Clash", "sources": ["src"]}],
         "claims": [{"id": "c", "by": "ARM", "about": "clash", "says": "x", "status": "official",
                     "sources": ["src"], "figures": [{"party": "ARM", "killed": {"min": 1, "max": 15}}]}]}
        """
        let s = try Fixtures.load(json, path: "t.json")
        #expect(s.events.first?.id == "clash")
        #expect(s.claim("c")?.figures.first?.value(of: .killed) == .range(min: 1, max: 15))
        #expect(s.claim("c")?.party == "ARM")
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        guard let r = firstRange(of: a) else { return self }
        return String(self[..<r.lowerBound]) + b + String(self[r.upperBound...])
    }
}
