import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `parallax` binary built beside the test bundle.
enum Binary {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The test runner lives in the build folder next to the executable.
    static var path: String {
        let runner = CommandLine.arguments[0]
        var parts = runner.split(separator: "/", omittingEmptySubsequences: false)
        while let last = parts.last, !last.hasSuffix(".xctest") && parts.count > 1 { parts.removeLast() }
        if parts.last?.hasSuffix(".xctest") == true { parts.removeLast() }
        let candidate = parts.joined(separator: "/") + "/parallax"
        return access(candidate, X_OK) == 0 ? candidate : root + "/.build/debug/parallax"
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs with `arguments`, feeding `input` on stdin, in `directory` (the package root by default).
    static func run(_ arguments: [String], input: String = "", directory: String? = nil) -> Result {
        let tmp = "/tmp/parallax-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(tmp, 0o700)
        defer {
            for f in ["in", "out", "err"] { unlink(tmp + "/" + f) }
            rmdir(tmp)
        }
        write(input, to: tmp + "/in")
        let quoted = ([path] + arguments).map { "'" + $0.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" }
        let command = "cd '\(directory ?? root)' && NO_COLOR= \(quoted.joined(separator: " ")) <\(tmp)/in >\(tmp)/out 2>\(tmp)/err"
        let status = system(command)
        let code = (status >> 8) & 0xFF
        return Result(status: code, stdout: read(tmp + "/out"), stderr: read(tmp + "/err"))
    }

    static func write(_ text: String, to path: String) {
        guard let f = fopen(path, "w") else { return }
        var t = text
        t.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

    static func read(_ path: String) -> String {
        guard let f = fopen(path, "r") else { return "" }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

@Suite("parallax -c, check and piped stdin")
struct BatchTests {
    @Test func checkTheBundledSeedIsClean() {
        let r = Binary.run(["check", "seeds/armenia-azerbaijan-2021-11.yaml"])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty)
        #expect(Binary.run(["check"]).status == 0)
    }

    @Test func checkABrokenCopyPrintsLocatedErrors() {
        let broken = "/tmp/parallax-broken-\(getpid()).yaml"
        let seed = Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
        Binary.write(seed.replacing("type: fight", with: "type: fihgt", maxReplacements: 1), to: broken)
        defer { unlink(broken) }
        let r = Binary.run(["check", broken])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(broken):"))
        #expect(r.stderr.contains(": error: unknown type 'fihgt'; did you mean 'fight'?\n"))
        #expect(r.stderr.hasSuffix("1 error\n"))
    }

    @Test func missingFileExitsOne() {
        let r = Binary.run(["check", "/nonexistent.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("/nonexistent.yaml:1:1: error: cannot read: no such file"))
    }

    /// `check FILE` skips the argument parser; anything more still goes through it.
    @Test func checkWithAWrongCommandLineExitsTwo() {
        let extra = Binary.run(["check", "a.yaml", "b.yaml"])
        #expect(extra.status == 2)
        #expect(extra.stderr.contains("Unexpected argument 'b.yaml'"))
        let flag = Binary.run(["check", "--bogus"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--bogus"))
        #expect(Binary.run(["check", "--help"]).stdout.contains("USAGE: parallax check [<file>]"))
    }

    @Test func usageErrorExitsTwo() {
        #expect(Binary.run(["--bogus"]).status == 2)
        #expect(Binary.run(["--format", "yaml", "-c", "where"]).status == 2)
    }

    @Test func commandsRunAndExitZero() {
        let r = Binary.run(["-c", "goto clash-2021-11-16; where"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("position:     9/15\n"))
        #expect(r.stderr.isEmpty)
    }

    @Test func aFailedCommandExitsOneAndTheRestStillRun() {
        let r = Binary.run(["-c", "stpe; step"])
        #expect(r.status == 1)
        #expect(r.stderr == "stpe; step\n^^^^\nerror: unknown command 'stpe'; did you mean 'step'?\n")
        #expect(r.stdout.hasPrefix("1/15  1994  background"))
    }

    @Test func jsonPipesOneValuePerCommand() {
        let r = Binary.run(["-c", "step; where", "--format", "json"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"command\": ") && $0.hasSuffix("}") })
    }

    @Test func pipedStdinHasNoPrompt() {
        let r = Binary.run([], input: "step\nwhere\n")
        #expect(r.status == 0)
        #expect(!r.stdout.contains("parallax ["))
        #expect(r.stdout.contains("position:     1/15"))
        #expect(Binary.run([], input: "nonsense\n").status == 1)
    }

    @Test func widthOptionWrapsTables() {
        let r = Binary.run(["-c", "claims all", "--width", "80"])
        #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // Narrower than the ids, dates and statuses together: the free text wraps to its
        // floor and the table overflows rather than cut an id.
        let narrow = Binary.run(["-c", "claims all", "--width", "40"])
        let lines = narrow.stdout.split(separator: "\n")
        for id in ["latimes-nk-control", "arm-mod-confirms-ceasefire", "rus-mod-reports-ceasefire"] {
            #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) cut")
        }
    }

    @Test func anotherScenarioFileAndABadOne() {
        let r = Binary.run(["seeds/armenia-azerbaijan-2021-11.yaml", "-c", "info"])
        #expect(r.stdout.contains("file:      seeds/armenia-azerbaijan-2021-11.yaml"))
        let bad = Binary.run(["/nonexistent.yaml", "-c", "info"])
        #expect(bad.status == 1 && bad.stderr.contains("cannot read"))
    }
    /// Each command of a line is printed as its own time set the format, in `-c` and piped
    /// input alike: `where; set format json; where` prints text, then JSON (all of it was
    /// JSON, the format set last).
    @Test func eachCommandOfALineKeepsTheFormatOfItsTime() {
        let line = "where; set format json; where; set format markdown; break"
        for r in [Binary.run(["-c", line]), Binary.run([], input: line + "\n")] {
            #expect(r.status == 0)
            let out = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(out.first == "position:     0/15", "\(r.stdout)")
            #expect(out.contains { $0.hasPrefix(#"{"command": "where""#) })
            #expect(out.contains("### No breakpoints."))
        }
    }

    /// A table with no rows prints what its name says, never a header over nothing.
    @Test func anEmptyListIsOneLineNotAHeader() {
        let r = Binary.run(["-c", "break; watch"])
        #expect(r.stdout.hasPrefix("No breakpoints.\n\nNo watchpoints.\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("#  condition") && !r.stdout.contains("#  watches"))
        let md = Binary.run(["-c", "break", "--format", "markdown"])
        #expect(md.stdout.hasPrefix("### No breakpoints.\n") && !md.stdout.contains("|"), "\(md.stdout)")
    }
}
