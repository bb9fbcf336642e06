import Testing
@testable import Parallax

/// Word wrap as table cells and paragraphs use it: a word longer than a line is cut into
/// line-sized pieces by characters, two columns for a wide one, and the last piece starts
/// the next line.
@Suite("Wrapping")
struct WrapTests {
    @Test func longWordsAreCutIntoLineSizedPiecesByCharacter() {
        // ASCII, and Latin letters and dashes (one column a character, cut on bytes).
        #expect(TextRenderer.wrap("a ceasefire-violation b", width: 8) == ["a", "ceasefir", "e-violat", "ion b"])
        #expect(TextRenderer.wrap("a Norland–Sudmark ceasefire", width: 8) == ["a", "Norland–", "Sudmark", "ceasefir", "e"])
        #expect(TextRenderer.wrap("Aşağıdakiler çözüm", width: 5) == ["Aşağı", "dakil", "er", "çözüm"])
        #expect(TextRenderer.wrap("“Ağdamdakı”", width: 4) == ["“Ağd", "amda", "kı”"])
        // Wide characters take two columns; a combining mark stays with its letter.
        #expect(TextRenderer.wrap("東京都庁舎ビル", width: 8) == ["東京都庁", "舎ビル"])
        #expect(TextRenderer.wrap("e\u{301}te\u{301}s d", width: 2) == ["e\u{301}t", "e\u{301}s", "d"])
    }

    /// In a table, the same cuts: the cell's lines are the wrapped pieces.
    @Test func aTableCellWrapsAsWrapDoes() {
        let text = "a Norland–Sudmark ceasefire"
        let table = Table(columns: [.init("n", numeric: true), .init("text")], rows: [Table.Row(["1", text])])
        let out = Renderer.render(Document(command: "t", blocks: [.table(table)]), RenderOptions(width: 11))
        let cells = out.split(separator: "\n").dropFirst(2).map { String($0.dropFirst(3)) }
        #expect(cells == TextRenderer.wrap(text, width: 8))
    }
}
