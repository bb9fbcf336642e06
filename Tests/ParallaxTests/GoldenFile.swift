import Foundation
import Testing
@testable import Parallax

/// The one way a test compares output with a file under Golden/. With
/// PARALLAX_UPDATE_GOLDEN=1 the file is rewritten instead, to accept a deliberate change;
/// read the diff before committing it.
enum GoldenFile {
    static let folder = Fixtures.root + "/Tests/ParallaxTests/Golden/"

    /// `actual` against Golden/`file` (`file` may name a subfolder, as `export/x.svg`).
    static func check(_ actual: String, _ file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = folder + file
        if ProcessInfo.processInfo.environment["PARALLAX_UPDATE_GOLDEN"] == "1" {
            let dir = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(file); rerun with PARALLAX_UPDATE_GOLDEN=1 to accept",
                sourceLocation: sourceLocation)
    }

    /// The transcript of `commands` on `scenario` at width 100, as the golden files hold it.
    static func transcript(_ scenario: Scenario, _ commands: String) -> String {
        "px> \(commands)\n" + NarrativeFixtures.run(scenario, commands, width: 100) + "\n"
    }
}
