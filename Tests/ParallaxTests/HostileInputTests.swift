import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Parallax

/// Inputs written to break things end in a clear, located error, quickly, and nothing from
/// a file or a typed line reaches the terminal as a raw escape sequence.
@Suite("Hostile inputs")
struct HostileInputTests {
    /// "Billion laughs": nine levels of aliases, each ten of the one before. Refused at the
    /// first alias, before anything is expanded.
    @Test func anAliasBombIsRefusedAtTheFirstAlias() {
        var text = "parallax: 1\nl0: &l0 lol\n"
        for level in 1...9 {
            text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(Fixtures.wholeFileProblems(text) == ["3:10: YAML aliases (*name) are not accepted in scenario files; write the value out"])
    }

    @Test func deepNestingIsRefusedAtItsPlace() {
        let text = "parallax: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(Fixtures.wholeFileProblems(text) == ["1:210: nesting deeper than 200 levels"])
    }

    @Test func nulByteIsALocatedError() {
        #expect(Fixtures.wholeFileProblems("parallax: 1\u{0}\n") == ["1:12: control characters are not allowed (value 0)"])
    }

    @Test func numbersBeyondInt64() {
        let text = Fixtures.minimal.replacingOccurrences("parallax: 1", "parallax: 99999999999999999999999") + Fixtures.claims
        #expect(Fixtures.problems(text) == ["1:11: 'parallax' (the format version) '99999999999999999999999' is too large"])
    }

    @Test func idsWithSpacesOrControlCharacters() {
        let text = Fixtures.minimal.replacingOccurrences("{id: calm,", "{id: \"calm down\\t\",") + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "12:10: event id 'calm down\\u{9}' holds a space (U+0020); an id is made of letters, marks, digits and - _ . : / +",
        ])
    }

    /// Found by fuzzing the loader: a date part longer than its width overflowed Int.
    @Test func datesWithEndlessDigitsAreLocatedErrors() throws {
        let text = Fixtures.minimal.replacingOccurrences("date: 2021-11-17", "date: 20000000000000000000000000000000000000014-01-04") + Fixtures.claims
        #expect(Fixtures.problems(text) == [
            "12:22: invalid date '20000000000000000000000000000000000000014-01-04'; write YYYY, YYYY-MM, YYYY-MM-DD or START..END with real calendar days",
        ])
        #expect(try Console().run("events where date = 2021-1111111111111111111111") == """
        events where date = 2021-1111111111111111111111
                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^
        error: 'date' compares with a date (2021, 2021-11 or 2021-11-16); '2021-1111111111111111111111' is not one
        """)
    }

    /// Found by fuzzing the command line: a filter is shown as typed, so a number past
    /// Int's range (which trapped), a fraction (shown rounded) or a year before 1000 (shown
    /// without its leading zero) each read back as what was meant.
    @Test func filtersAreShownAsTyped() throws {
        let c = try Console()
        #expect(c.run("break where intensity > 1e300") == "Breakpoint 1: where intensity > 1e+300")
        #expect(c.run("break where intensity > 1.25") == "Breakpoint 2: where intensity > 1.25")
        #expect(c.run("break where date = 0110-11") == "Breakpoint 3: where date = 0110-11")
        #expect(c.run("break where title = \"\\\"\u{301}\"") == "Breakpoint 4: where title = \"\\\"\u{301}\"")
    }

    /// The size is checked before a byte is read, so a sparse 100 MB file costs nothing.
    @Test func aFileOverTheLimitIsRefusedUnread() throws {
        let path = "/tmp/parallax-large-\(getpid()).yaml"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(ftruncate(fd, 100 * 1_048_576) == 0)
        close(fd)
        defer { unlink(path) }
        #expect(throws: LoadFailure.self) { try ScenarioLoader.load(path: path) }
        guard case .failure(let d) = FileReader.contents(of: path) else { Issue.record("read 100 MB"); return }
        #expect(d.description == "\(path):1:1: error: is 100 MiB; files over 64 MiB are refused")
    }

    /// A file is opened once, then checked and read through that one descriptor, so there
    /// is no gap between check and read to lose it in: gone before, it is "no such file".
    @Test func aFileThatVanishesIsNoSuchFile() throws {
        let path = "/tmp/parallax-vanish-\(getpid()).yaml"
        let file = fopen(path, "w")!
        fputs(Fixtures.minimal, file)
        fclose(file)
        unlink(path)
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("a removed file loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(path):1:1: error: cannot read: no such file"])
        }
    }

    /// What `--update` and the history write through: a destination that refuses the file
    /// or a full disk is an error to report, never a silent success.
    @Test func aReadOnlyOrFullDestinationIsReported() {
        // sysfs takes no new files, even from root: a read-only destination.
        #expect(FileWriter.replace("/sys/parallax-\(getpid()).out", with: "x")?.message == "cannot write: permission denied")
        #expect(FileWriter.replace("/nonexistent/s.out", with: "x")?.message == "cannot write: no such file")
        // /dev/full fails every write as a full disk does.
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        #expect(!FileWriter.writeAll("step 3\n", to: full))
        #expect(errno == ENOSPC)
    }

    /// The core never starts a program: no command of the language can run one, so a
    /// script from elsewhere can do no more than its commands say. (The REPL's pager, the
    /// one program Parallax starts, is outside the core.)
    @Test func theCoreStartsNoProgram() throws {
        var sources: [String] = []
        func walk(_ folder: String) {
            guard let dir = opendir(folder) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasPrefix(".") { continue }
                if name.hasSuffix(".swift") { sources.append(folder + "/" + name) } else { walk(folder + "/" + name) }
            }
        }
        walk(Fixtures.root + "/Sources/Parallax")
        #expect(sources.count > 40)
        for path in sources {
            let text = String(decoding: try FileReader.contents(of: path).get(), as: UTF8.self)
            for call in ["posix_spawn", "popen(", "system(", "execv", "execl", "fork("] {
                #expect(!text.contains(call), "\(path) calls \(call)")
            }
        }
    }

    @Test func directoriesAndFIFOsAreNotRead() {
        #expect(throws: LoadFailure.self) { try ScenarioLoader.load(path: "/tmp") }
        let fifo = "/tmp/parallax-fifo-\(getpid())"
        mkfifo(fifo, 0o600)
        defer { unlink(fifo) }
        guard case .failure(let d) = FileReader.contents(of: fifo) else { Issue.record("read a FIFO"); return }
        #expect(d.message == "is not a regular file (a FIFO, device or socket)")
        guard case .failure(let dir) = FileReader.contents(of: "/tmp") else { Issue.record("read a directory"); return }
        #expect(dir.message == "is a directory, not a file")
    }

    /// Text may hold no control character but tab and newline, written raw or as an escape
    /// alike (event-model spec): a terminal escape in a title is refused where it stands.
    @Test func escapesInScenarioTextAreRefused() throws {
        for escape in ["\\e]0;pwned\\a", "\\u0000", "\\x85", "\\u009B", "\\r"] {
            // Refused by a check that runs before any claim is read, so both ways of reading
            // stop at it alike: read whole.
            let text = Fixtures.minimal.replacingOccurrences("title: Clash", "title: \"\(escape)Clash\"")
            let problems = Fixtures.wholeFileProblems(text)
            #expect(problems.count == 1 && problems[0].hasPrefix("11:74: text may not hold the control character U+00"), "\(escape): \(problems)")
        }
        let tabAndNewline = (Fixtures.minimal + Fixtures.claims).replacingOccurrences("title: Clash", "title: \"Cl\\tash\\n\"")
        #expect(Fixtures.problems(tabAndNewline) == [])
    }

    @Test func escapesInTypedCommandsAreShownEscaped() throws {
        let error = CommandError("unknown command 'x\u{1B}[2J'", column: 1, length: 1, line: "x\u{1B}[2J")
        #expect(!error.rendered.unicodeScalars.contains { $0.value == 0x1B })
        let d = Diagnostic(SourceLocation(file: "f\u{1B}.yaml", line: 1, column: 1), "bad '\u{7}'")
        #expect(d.description == "f\\u{1B}.yaml:1:1: error: bad '\\u{7}'")
    }

    @Test func aMegabyteCommandLineIsHandledQuickly() throws {
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
        let word = String(repeating: "x", count: 1_000_000)
        let outcome = interpreter.execute(line: word)
        guard case .failure(let e) = outcome[0].result else { Issue.record("a 1 MB word ran"); return }
        #expect(e.message.hasSuffix("; type 'help' for the list"))
        guard case .success(let doc) = interpreter.execute(line: "echo " + word)[0].result else { Issue.record("echo failed"); return }
        let lines = Renderer.render(doc, RenderOptions(width: 100)).split(separator: "\n")
        #expect(lines.count == 10_000 && lines.allSatisfy { $0.count == 100 })
    }

    @Test func aFailedLoadOrReloadKeepsTheScenarioAndCursor() throws {
        let path = "/tmp/parallax-reload-\(getpid()).yaml"
        defer { unlink(path) }
        let good = try FileReader.contents(of: Fixtures.seedPath).get()
        let file = fopen(path, "w")!
        _ = fwrite(good, 1, good.count, file)
        fclose(file)
        let interpreter = Interpreter(session: Session(scenario: try ScenarioLoader.load(path: path)))
        _ = interpreter.execute(line: "goto clash-2021-11-16")
        let broken = fopen(path, "w")!
        let text = Array("parallax: 1\nscenario: {id: x}\n".utf8)
        _ = fwrite(text, 1, text.count, broken)
        fclose(broken)
        let reload = interpreter.execute(line: "reload")[0]
        guard case .failure(let e) = reload.result else { Issue.record("a broken reload succeeded"); return }
        #expect(e.message.hasPrefix("the scenario has 2 errors; nothing changed:"))
        let load = interpreter.execute(line: "load /nonexistent.yaml")[0]
        #expect(load.failed)
        #expect(interpreter.session.cursor == 9)
        #expect(interpreter.session.scenario.events.count == 15)
    }
}
