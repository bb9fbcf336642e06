import Testing

/// The narrative commands through the real binary: what a batch user sees at the clash,
/// at 80 columns, in JSON, and on a mistyped party.
@Suite("narrative, compare, diff and figures from the command line")
struct NarrativeEndToEndTests {
    @Test func compareAtTheClashFitsEightyColumns() {
        let r = Binary.run(["-c", "goto clash-2021-11-16; compare ARM AZE", "--width", "80"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        // From the comparison on (the event `goto` prints is not this test's concern).
        let lines = r.stdout.split(separator: "\n").map(String.init).drop { $0 != "ARM, AZE compared" }
        #expect(lines.count > 10 && lines.allSatisfy { $0.count <= 80 })
        let table = lines.drop { !$0.hasPrefix("question") }
        #expect(table.contains { $0.hasPrefix("who-started") && $0.hasSuffix("contradict") })
        #expect(table.contains { $0.hasPrefix("may-incursion") && $0.hasSuffix("contradict") })
        // At 80 columns the flag may wrap within its cell; the row still carries it.
        let killed = table.drop { !$0.hasPrefix("arm-killed") }.prefix(2).joined(separator: " ")
        #expect(killed.contains("one-sided") && killed.contains("internal") && killed.contains("split"))
    }

    @Test func everyCommandStaysWithinEightyColumns() {
        let r = Binary.run(["-c", "end; narrative ARM AZE RUS; compare ARM AZE RUS EU all; diff ARM AZE; figures all",
                            "--width", "80"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").drop { !$0.hasPrefix("Narratives of") }
        #expect(lines.count > 100 && lines.allSatisfy { $0.count <= 80 })
    }

    @Test func verdictsAreStableJSON() {
        let r = Binary.run(["-c", "end; diff ARM AZE", "--format", "json"])
        let json = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(json.hasPrefix(#"{"command": "diff", "blocks": [{"type": "title", "text": "Where ARM, AZE differ"}"#))
        // The newspaper's war toll is another voice: the `others` column is there.
        #expect(json.contains(#""columns": ["question", "arm", "aze", "others", "verdict", "flag"]"#))
        #expect(json.contains(#""verdict": "contradict", "flag": "", "flags": []"#))
        #expect(json.contains(#""flag": "internal split", "flags": [{"flag": "internal split", "party": "ARM"}]"#))
    }

    @Test func aMistypedPartyFailsWithACaret() {
        let r = Binary.run(["-c", "narrative AMR"])
        #expect(r.status == 1)
        #expect(r.stderr == "narrative AMR\n          ^^^\nerror: unknown party 'AMR' (did you mean 'ARM'?); parties: ARM, AZE, RUS, EU, NKR\n")
    }
}
