import Glibc
import Testing

/// Warnings through the real binary: `check` prints them and exits 0, `check --strict`
/// exits 1, opening a scenario prints only their count.
@Suite("check, check --strict and warnings")
struct CheckWarningsTests {
    @Test func warningsAreListedByCheckAndCountedWhenOpening() {
        let path = "/tmp/parallax-warnings-\(getpid()).yaml"
        let seed = Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
        // A source nothing cites.
        let edited = seed.replacing("sources:\n  - id: latimes\n",
                                    with: "sources:\n  - {id: unread, publisher: Nobody, title: Unread, date: \"2021-11-16\"}\n  - id: latimes\n",
                                    maxReplacements: 1)
        Binary.write(edited, to: path)
        defer { unlink(path) }

        let check = Binary.run(["check", path])
        #expect(check.status == 0 && check.stdout.isEmpty)
        #expect(check.stderr.hasPrefix("\(path):19:5: warning: source 'unread' is not referred to by any event or claim\n"))
        #expect(check.stderr.hasSuffix("\n1 warning\n"))

        let strict = Binary.run(["check", path, "--strict"])
        #expect(strict.status == 1 && strict.stderr == check.stderr)

        let open = Binary.run([path, "-c", "where"])
        #expect(open.status == 0)
        #expect(open.stderr == "\(path): 1 warning; 'parallax check \(path)' lists it\n")
    }

    @Test func theBundledScenarioHasNoWarnings() {
        let r = Binary.run(["check", "seeds/armenia-azerbaijan-2021-11.yaml", "--strict"])
        #expect(r.status == 0 && r.stderr.isEmpty)
    }
}
