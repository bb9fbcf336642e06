import Foundation
import Testing
@testable import Parallax

/// Text answers are compared ignoring case and surrounding spaces (event-model spec), so
/// every view shows them without those spaces; and scenario text with tabs (which the
/// format allows) is laid out as the terminal shows it.
struct TextAnswerTests {
    static let text = Fixtures.minimal + """

    questions:
      - {id: what, text: What was it?, about: clash, kind: text}
    claims:
      - {id: c1, by: arm-mod, about: clash, says: "tab\\there", status: official, sources: [src], answers: {what: "  Border Clash  "}}
      - {id: c2, by: AZE, about: clash, says: S, status: official, sources: [src], answers: {what: "\\tborder clash\\n"}}
      - {id: c3, by: src, about: clash, says: S, status: official, sources: [src], answers: {what: " Skirmish"}}

    """

    static func output(_ commands: String, _ format: OutputFormat = .text, text: String = text) throws -> String {
        let a = TimeNavigationTests.Analyst(try Fixtures.load(text))
        try a.run("end")
        return Renderer.render(try a.run(commands), RenderOptions(format: format, width: 120))
    }

    @Test(arguments: ["compare ARM AZE", "diff ARM AZE", "show c1", "show c2", "show c3", "show what", "trace what ARM AZE all",
                      "find border", "find skirmish"])
    func everyViewShowsTheTextWithoutItsSurroundingSpaces(_ command: String) throws {
        // JSON: no value holding an answer keeps a space, tab or line break around it.
        let json = try Self.output(command, .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        func strings(_ v: Any) -> [String] {
            if let s = v as? String { return [s] }
            if let a = v as? [Any] { return a.flatMap(strings) }
            if let d = v as? [String: Any] { return d.values.flatMap(strings) }
            return []
        }
        let answers = strings(object).filter { $0.localizedCaseInsensitiveContains("border clash") || $0.contains("Skirmish") }
        #expect(!answers.isEmpty, "\(command)")
        for s in answers {
            #expect(!s.contains("  Border") && !s.contains("Clash  ") && !s.contains("\t") && !s.contains("clash\n")
                    && !s.contains(" Skirmish") || s.contains(": Skirmish") || s.contains("— "), "\(command): \(s)")
            #expect(s == "Border Clash" || s == "border clash" || s == "Skirmish" || !(s.hasPrefix(" ") || s.hasSuffix(" ")), "\(command): \(s)")
        }
        // Text and Markdown: the answer then its claimant, one space between; no tab.
        for format in [OutputFormat.text, .markdown] {
            let out = try Self.output(command, format)
            #expect(!out.contains("Clash  —") && !out.contains(":   Border") && !out.contains("clash\n —"), "\(command) \(format)")
            #expect(format != .text || !out.contains("\t"), "\(command)")
        }
    }

    @Test func compareShowsEachAnswerAsWritten() throws {
        let out = try Self.output("compare ARM AZE")
        #expect(out.contains("Border Clash — Armenian"))
        #expect(out.contains("border clash — Azerbaijan"))
        #expect(try Self.output("show c1").contains("answers:    what: Border Clash\n"))
        let json = try Self.output("compare ARM AZE", .json)
        #expect(json.contains("\"value\": \"Border Clash\""))
        #expect(json.contains("\"value\": \"border clash\""))
        // Equal but for case and spaces: the same answer.
        #expect(out.contains("agree"))
    }

    @Test func anAnswerOfOnlySpacesIsAnError() {
        let text = Self.text.replacing("{what: \" Skirmish\"}", with: "{what: \"   \"}")
        #expect(Fixtures.problems(text) == [
            "18:96: the answer to 'what' is empty; give short text, or withheld when the side declined to say",
        ])
    }

    /// A tab in any scenario text would reach the terminal raw and be widened to its next
    /// stop, past the width the table measured: it is shown as a space, in tables, titles
    /// and fields alike.
    @Test func tabsAreShownAsSpacesSoColumnsStayAligned() throws {
        let text = Self.text.replacing("title: Clash,", with: "title: \"Border\\tClash\\twith tabs\",")
        for command in ["events", "claims", "show clash", "show c1", "narrative ARM", "escalation"] {
            let out = try Self.output(command, text: text)
            #expect(!out.contains("\t"), "\(command)")
        }
        let events = try Self.output("events", text: text)
        #expect(events.contains("clash  Border Clash with tabs"))
        let claims = try Self.output("claims", text: text).split(separator: "\n")
        let says = try #require(claims.first { $0.hasPrefix("id") }?.range(of: "says")?.lowerBound)
        let row = try #require(claims.first { $0.hasPrefix("c1") })
        #expect(row[row.index(row.startIndex, offsetBy: claims[0].distance(from: claims[0].startIndex, to: says))...].hasPrefix("tab here"))
    }

    /// A line break in scenario text (allowed, like a tab) shows as a line break wherever
    /// the text is printed — a field of `show` continues under its value, a heading joins
    /// its lines — never as `\u{A}`.
    @Test func lineBreaksInScenarioTextShowAsLineBreaks() throws {
        let text = Self.text.replacing("title: Clash,", with: "title: \"Border\\nClash\",")
            .replacing("says: \"tab\\there\"", with: "says: \"first line\\nsecond line\"")
        for command in ["show c1", "show clash", "step", "claims", "narrative ARM", "find second"] {
            #expect(!(try Self.output(command, text: text)).contains("\\u{A}"), "\(command)")
        }
        #expect(try Self.output("show c1", text: text).contains("says:       first line\n            second line\n"))
        #expect(try Self.output("show clash", text: text).contains("escalation  fight (-10)  Border Clash\n"))
    }
}
