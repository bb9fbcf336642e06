import Testing
@testable import Parallax

/// Every text file Parallax reads line by line — a script, the config file, an expected
/// transcript — is cut into lines by one rule (`Script.lines`): at each line feed, a CR
/// before it and a leading byte-order mark dropped. A Windows editor's file means what
/// the same file with LF ends means.
@Suite("Text files read line by line")
struct TextFileLineTests {
    static let windows = "\u{FEFF}# defaults\r\nset format json\r\n\r\nset width 120 # wide\r\nset fromat json\r\nset color off\r\n"

    /// A config file with CR LF ends and a mark: every line applies, and a bad one is
    /// reported at its own line and column (a split on the Character "\n" never splits at
    /// "\r\n", one grapheme, and read the whole file as one bad line).
    @Test func aConfigFileWithWindowsLineEndsAppliesLineByLine() {
        var settings = Settings()
        let problems = ConfigFile.apply(Self.windows, path: "config", to: &settings)
        #expect(problems.map(\.location.description) == ["config:5:5"])
        #expect(problems.first?.message.contains("did you mean 'format'?") == true)
        #expect(settings.format == .json && settings.width == 120 && settings.color == .off)
    }

    @Test func anExpectedTranscriptIsReadAsAScriptIs() {
        let lf = "px> step\n1/15  1994\n\npx> where\nposition: 1/15\n"
        #expect(Transcript.expected(Array(lf.utf8)) == lf)
        #expect(Transcript.expected(Array(("\u{FEFF}" + lf.replacing("\n", with: "\r\n")).utf8)) == lf)
        #expect(Transcript.expected(Array(lf.dropLast().utf8)) == lf)
        #expect(Transcript.expected([]) == "")
        // A CR inside a line is text: it still differs.
        #expect(Transcript.expected(Array("a\rb\n".utf8)) == "a\rb\n")
    }

    /// `-D a=1 -D a=2`: neither value wins silently.
    @Test func aParameterGivenTwiceIsAnError() {
        var parameters = ScriptParameters()
        #expect(parameters.define("a=ARM") == nil)
        #expect(parameters.define("b=") == nil)
        #expect(parameters.define("a=AZE") == "-D a is given twice ('ARM' and 'AZE'); give it once")
        #expect(parameters.values == ["a": "ARM", "b": ""])
    }
}
