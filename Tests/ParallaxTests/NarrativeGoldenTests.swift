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
        try GoldenFile.check(GoldenFile.transcript(try NarrativeFixtures.seed(), commands), file)
    }
}
