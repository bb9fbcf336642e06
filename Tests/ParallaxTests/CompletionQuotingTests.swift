import Testing
import Parallax
import ParallaxREPL

/// Tab never writes a line that reads back as something else: a file name with a space,
/// a quote, `;` or `#` is completed in quotes, and a word opened with a quote completes
/// inside it. (A name with a space was inserted bare: `load d1/my sc.yaml`, then
/// "unexpected 'sc.yaml'".)
@Suite("Completion of names that need quotes")
struct CompletionQuotingTests {
    static let folders: [String: [(name: String, isFolder: Bool)]] = [
        "": [("my data", true), ("plain", true), ("a#b.px", false), ("semi;colon.px", false)],
        "my data/": [("in dir", true), ("x y.px", false), ("q\"uote.px", false), ("${v}.px", false)],
        "my data/in dir/": [("walk.px", false)],
        "plain/": [("one.px", false), ("one more.px", false), ("two more.px", false), ("two mile.px", false)],
    ]

    func edit(_ text: String, secondTab: Bool = false) -> Completion.Edit {
        Completion.complete(text, in: Completion.Context(scenario: CompletionTests.scenario, listFolder: { Self.folders[$0] ?? [] }))
            .edit(secondTab: secondTab)
    }

    @Test func namesThatNeedQuotesAreCompletedInQuotes() {
        #expect(edit("source my") == .replace("\"my data/"))
        #expect(edit("source a") == .replace("\"a#b.px\" "))
        #expect(edit("source sem") == .replace("\"semi;colon.px\" "))
        // A common prefix that runs into a space opens the quote and leaves it open.
        #expect(edit("source plain/o") == .replace("plain/one"))
        #expect(edit("source plain/one") == .beep)
        #expect(edit("source plain/one", secondTab: true) == .list(["plain/one more.px", "plain/one.px"]))
        #expect(edit("source plain/two") == .replace("\"plain/two m"))
    }

    @Test func aWordOpenedWithAQuoteCompletesInsideIt() {
        #expect(edit("source \"my data/in") == .replace("\"my data/in dir/"))
        #expect(edit("source \"my data/in dir/w") == .replace("\"my data/in dir/walk.px\" "))
        #expect(edit("source \"my data/x") == .replace("\"my data/x y.px\" "))
        #expect(edit("source \"my data/q") == .replace("\"my data/q\\\"uote.px\" "))
        #expect(edit("source 'my data/x") == .replace("'my data/x y.px' "))
        // `${` in a name is written `$${`, or it would read as a parameter.
        #expect(edit("source \"my data/$") == .replace("\"my data/$${v}.px\" "))
    }

    /// Each completed line, read back by the lexer, names the file completed.
    @Test func aCompletedLineReadsBackAsTheFile() {
        for (typed, file) in [("source \"my data/q", "my data/q\"uote.px"), ("source a", "a#b.px"), ("source 'my data/x", "my data/x y.px")] {
            guard case .replace(let r) = edit(typed) else { Issue.record("\(typed)"); continue }
            let c = Completion.complete(typed, in: Completion.Context(scenario: CompletionTests.scenario, listFolder: { Self.folders[$0] ?? [] }))
            let line = String(typed.unicodeScalars.dropLast(c.typed.unicodeScalars.count)) + r
            guard case .success(let tokens) = Lexer.tokens(line) else { Issue.record("\(line)"); continue }
            #expect(tokens.count == 2 && tokens[1].text == file, "\(line)")
        }
    }
}
