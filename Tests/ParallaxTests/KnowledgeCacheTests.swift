import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Parallax

/// The session keeps what is known as of the cursor between commands; moving the cursor
/// or reloading must still show what a fresh session at that point shows.
@Suite struct KnowledgeCacheTests {
    /// The last command's text in `interpreter`'s session, as it goes on.
    func text(_ interpreter: Interpreter, _ line: String) -> String {
        guard let last = interpreter.execute(line: line).last else { return "" }
        switch last.result {
        case .success(let doc): return Renderer.render(doc, RenderOptions(format: .text, width: 100))
        case .failure(let e): return e.rendered
        }
    }

    /// The same command in a new session moved to `position` first.
    func fresh(_ scenario: Scenario, _ position: String, _ command: String) -> String {
        NarrativeFixtures.run(scenario, position + "; " + command, width: 100)
    }

    @Test func steppingBackAndForthShowsWhatIsKnownAtEachPosition() throws {
        let seed = try NarrativeFixtures.seed()
        let interpreter = Interpreter(session: Session(scenario: seed))
        let commands = ["narrative ARM AZE", "compare ARM AZE RUS", "diff ARM AZE", "figures", "narrative ARM all"]
        for (move, position) in [("end", "end"), ("back 6", "goto #9"), ("step 2", "goto #11"),
                                 ("start", "start"), ("goto clash-2021-11-16", "goto clash-2021-11-16"),
                                 ("back", "goto #8"), ("end", "end")] {
            _ = interpreter.execute(line: move)
            for command in commands {
                #expect(text(interpreter, command) == fresh(seed, position, command), "\(command) after \(move)")
            }
        }
        // The views differ between positions, so a stale cache could not pass the above.
        #expect(fresh(seed, "goto #8", "narrative ARM AZE") != fresh(seed, "end", "narrative ARM AZE"))
    }

    @Test func reloadKeepingTheCursorShowsTheNewFile() throws {
        let path = "/tmp/parallax-knowledge-\(getpid()).yaml"
        defer { unlink(path) }
        func write(_ text: String) {
            let file = fopen(path, "w")!
            let bytes = Array(text.utf8)
            _ = fwrite(bytes, 1, bytes.count, file)
            fclose(file)
        }
        let said = "Sudmark attacked; one soldier died and twelve were captured."
        let edited = NarrativeFixtures.smallYAML.replacing(said, with: "Sudmark attacked at dawn; one soldier died.")
        #expect(edited != NarrativeFixtures.smallYAML)
        write(NarrativeFixtures.smallYAML)
        let interpreter = Interpreter(session: Session(scenario: try ScenarioLoader.load(path: path)))
        _ = interpreter.execute(line: "end")
        let before = text(interpreter, "narrative NOR")
        let beforeAll = text(interpreter, "narrative NOR all")
        #expect(before.contains("twelve were captured"))
        write(edited)
        _ = interpreter.execute(line: "reload")
        #expect(interpreter.session.cursor == 5)
        let after = text(interpreter, "narrative NOR")
        #expect(after.contains("at dawn") && !after.contains("twelve were captured"))
        let new = try Fixtures.load(edited, path: path)
        #expect(after == fresh(new, "end", "narrative NOR"))
        #expect(text(interpreter, "narrative NOR all") == fresh(new, "end", "narrative NOR all"))
        #expect(beforeAll != fresh(new, "end", "narrative NOR all"))
    }
}
