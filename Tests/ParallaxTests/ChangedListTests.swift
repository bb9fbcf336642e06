import Foundation
import Testing
@testable import Parallax

/// The `Changed` list a forward move prints: lines to read in text and Markdown (as the
/// spec prints them), typed rows in JSON and CSV like every other view's.
struct ChangedListTests {
    static let text = Fixtures.minimal + """

    questions:
      - {id: who, text: Who started it?, about: clash, kind: party}
      - {id: q-dead, text: How many Armenians died?, about: clash, kind: number, measure: killed, party: ARM}
    claims:
      - {id: c1, by: arm-mod, about: clash, says: x, status: official, sources: [src], answers: {who: AZE, q-dead: 1..3}}
      - {id: c2, by: arm-mod, about: calm, says: y, status: official, sources: [src], revises: c1, answers: {who: [AZE, ARM], q-dead: '>=20'}}

    """

    static func run(_ line: String, _ format: OutputFormat) throws -> String {
        let a = TimeNavigationTests.Analyst(try Fixtures.load(text))
        try a.run("watch killed ARM")
        return Renderer.render(try a.run(line), RenderOptions(format: format, width: 200))
    }

    @Test func textAndMarkdownPrintTheLinesAsTheSpecDoes() throws {
        let lines = ["ARM who: AZE → [AZE, ARM] (c2 revises c1)", "ARM killed: 1..3 → >=20 (c2 revises c1)",
                     "watch 1 killed ARM: 1..3 (ARM) → >=20 (ARM)"]
        #expect(try Self.run("goto clash; end", .text).hasSuffix("\nChanged\n" + lines.joined(separator: "\n")))
        #expect(try Self.run("goto clash; end", .markdown).hasSuffix("## Changed\n" + lines.map { "- " + MarkdownRenderer.inline($0) }.joined(separator: "\n")))
    }

    @Test func jsonGivesTypedRows() throws {
        let json = try Self.run("goto clash; end", .json)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let blocks = try #require(doc["blocks"] as? [[String: Any]])
        let table = try #require(blocks.first { $0["name"] as? String == "changed" })
        #expect(table["type"] as? String == "table")
        #expect(table["title"] as? String == "Changed")
        let rows = try #require(table["rows"] as? [[String: Any]])
        #expect(rows.count == 3)
        // An answer revised: old and new as the text printed; the claims, the question, the party.
        #expect(rows[0]["kind"] as? String == "revision")
        #expect(rows[0]["what"] as? String == "ARM who")
        #expect(rows[0]["old"] as? String == "AZE")
        #expect(rows[0]["new"] as? String == "[AZE, ARM]")
        #expect(rows[0]["claim"] as? String == "c2")
        #expect(rows[0]["revises"] as? String == "c1")
        let ids = try #require(rows[0]["ids"] as? [String: Any])
        #expect(ids["question"] as? String == "who")
        #expect(ids["party"] as? String == "ARM")
        #expect(ids["claim"] as? String == "c2")
        // A number: figure objects, `max` null when open; the (losses, measure) pair.
        #expect(rows[1]["old"] as? [String: Int] == ["min": 1, "max": 3])
        let new = try #require(rows[1]["new"] as? [String: Any])
        #expect(new["min"] as? Int == 20 && new["max"] is NSNull)
        #expect(rows[1]["losses"] as? String == "ARM")
        #expect(rows[1]["measure"] as? String == "killed")
        // A watch: its number, no claims.
        #expect(rows[2]["kind"] as? String == "watch")
        #expect(rows[2]["watchpoint"] as? Int == 1)
        #expect(rows[2]["claim"] is NSNull)
        #expect(rows[2]["change"] as? String == "watch 1 killed ARM: 1..3 (ARM) → >=20 (ARM)")
    }

    @Test func csvHasARowPerChange() throws {
        let a = TimeNavigationTests.Analyst(try Fixtures.load(Self.text))
        let csv = CSVRenderer.render(try a.run("end"))
        #expect(csv.contains("changed,,,,,ARM killed: 1..3 → >=20 (c2 revises c1),revision,ARM killed,1..3,>=20,c2,c1,"))
    }
}
