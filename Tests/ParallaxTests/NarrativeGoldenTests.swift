import Foundation
import Testing
@testable import Parallax

/// Golden transcripts of the narrative commands on the seed, at width 100. To accept a
/// deliberate change, run the tests with PARALLAX_UPDATE_GOLDEN=1 (which rewrites the files
/// under Golden/), then read the diff before committing it.
@Suite struct NarrativeGoldenTests {
    static let cases: [(file: String, commands: String)] = [
        ("narrative-ARM.txt", "end; narrative ARM"),
        ("narrative-AZE.txt", "end; narrative AZE"),
        ("compare-ARM-AZE.txt", "goto clash-2021-11-16; compare ARM AZE"),
        ("compare-ARM-AZE-RUS-all.txt", "goto clash-2021-11-16; compare ARM AZE RUS all"),
        ("figures-all.txt", "goto clash-2021-11-16; figures all"),
    ]

    @Test(arguments: cases.map(\.file))
    func golden(_ file: String) throws {
        let commands = try #require(Self.cases.first { $0.file == file }?.commands)
        let actual = "px> \(commands)\n" + NarrativeFixtures.run(try NarrativeFixtures.seed(), commands, width: 100) + "\n"
        let path = Fixtures.root + "/Tests/ParallaxTests/Golden/" + file
        if ProcessInfo.processInfo.environment["PARALLAX_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(file); rerun with PARALLAX_UPDATE_GOLDEN=1 to accept")
    }
}
