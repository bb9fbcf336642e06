import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What a hostile QA of the shell found, each fixed as a class and checked here through the
/// real binary: what the user sees, and what is left on disk.
@Suite("Hostile shell and script inputs")
struct HostileShellTests {
    static let seed = Binary.read(Binary.root + "/seeds/armenia-azerbaijan-2021-11.yaml")
    static let bom = "\u{FEFF}"

    /// A UTF-8 byte-order mark opens a scenario as any editor shows it: without the mark,
    /// a first key on line 1 lined up with the next (libyaml, told the encoding, read the
    /// mark as a character and shifted line 1 by a column). Block YAML, flow YAML and JSON;
    /// and a problem in such a file is reported where it is without the mark.
    @Test func aByteOrderMarkIsNoPartOfTheScenario() {
        let scratch = ScratchFolder()
        // The seed without its leading comments: `parallax: 1` is then on line 1.
        let body = Self.seed.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.hasPrefix("#") }.joined(separator: "\n")
        scratch.write("block.yaml", Self.bom + body)
        scratch.write("crlf.yaml", Self.bom + body.replacing("\n", with: "\r\n"))
        scratch.write("flow.json", Self.bom + "{\"parallax\": 1, \"scenario\": {\"id\": \"x\", \"title\": \"X\"},\n"
                      + " \"sources\": [], \"parties\": [], \"events\": []}\n")
        for file in ["block.yaml", "crlf.yaml", "flow.json"] {
            let r = Binary.run(["check", file], directory: scratch.path)
            #expect(!r.stderr.contains("document start"), "\(file): \(r.stderr)")
            #expect(!r.stdout.contains("error") && !r.stderr.contains("error:"), "\(file): \(r.stdout)\(r.stderr)")
        }
        let opened = Binary.run(["block.yaml", "-c", "goto clash-2021-11-16; where"], directory: scratch.path)
        #expect(opened.status == 0)
        #expect(opened.stdout.contains("position:     9/15"))
        // The same mistake with and without the mark: the same place, the same quoted line.
        let broken = "parallax: 1\nscenario: x\n"
        scratch.write("plain.yaml", broken)
        scratch.write("marked.yaml", Self.bom + broken)
        let plain = Binary.run(["check", "plain.yaml"], directory: scratch.path)
        let marked = Binary.run(["check", "marked.yaml"], directory: scratch.path)
        #expect(plain.status == 1 && marked.status == 1)
        #expect(marked.stdout + marked.stderr == (plain.stdout + plain.stderr).replacing("plain.yaml", with: "marked.yaml"))
        #expect((marked.stdout + marked.stderr).contains("marked.yaml:2:11: error: scenario must be a mapping"))
    }

    /// A recording replays from its own folder: every file a recorded command names
    /// (`export`'s, `source`'s, as `load`'s already was) is written relative to the
    /// script, not to the folder the analyst typed it in.
    @Test func everyFileARecordedCommandNamesIsRelativeToTheScript() {
        let scratch = ScratchFolder()
        scratch.write("work/scripts/inner.px", "echo inner ran\n")
        let typed = "record scripts/walk.px\nexport csv scripts/out/events.csv\nsource scripts/inner.px\nexport svg chart.svg\nrecord stop\n"
        mkdir(scratch.path + "/work/scripts/out", 0o755)
        let session = Binary.run([], input: typed, directory: scratch.path + "/work")
        #expect(session.status == 0, "\(session.stderr)")
        let script = scratch.read("work/scripts/walk.px")
        #expect(script.contains("\nexport csv out/events.csv\nsource inner.px\nexport svg ../chart.svg\n"), "\(script)")
        // Replayed from elsewhere, it writes where the recording did and reads what it read.
        unlink(scratch.path + "/work/scripts/out/events.csv")
        unlink(scratch.path + "/work/chart.svg")
        let replay = Binary.run(["run", "work/scripts/walk.px"], directory: scratch.path)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("inner ran"))
        #expect(scratch.exists("work/scripts/out/events.csv") && scratch.exists("work/chart.svg"))
    }

    /// Nothing Parallax writes — an export, a report, a transcript, an imported slice —
    /// replaces a script, a scenario, or the file a run reads, whatever its name: each is
    /// refused with exit 1 and the file is left as it was.
    @Test func nothingIsWrittenOverAScriptAScenarioOrAnInput() {
        let scratch = ScratchFolder()
        scratch.write("s.yaml", Self.seed)
        scratch.write("s.json", "{\"parallax\": 1, \"scenario\": {\"id\": \"x\", \"title\": \"X\"}, \"sources\": [], \"parties\": [], \"events\": []}\n")
        scratch.write("w.px", "step\n")
        scratch.write("events.csv", "kept\n")
        let attempts: [[String]] = [
            ["s.yaml", "-c", "export csv s.yaml"],               // the loaded scenario
            ["s.json", "-c", "export timelinejs ./s.json"],      // the loaded scenario, spelt otherwise
            ["-c", "export html w.px"],                          // a script
            ["-c", "export md other.yml"],                       // any scenario file
            ["export", "csv", "s.yaml", "-o", "s.yaml"],
            ["export", "html", "-o", "w.px"],
            ["run", "w.px", "--expect", "w.px", "--update"],
            ["run", "w.px", "--format", "html", "-o", "w.px"],
            ["run", "w.px", "--scenario", "s.json", "--format", "html", "-o", "s.json"],
        ]
        for arguments in attempts {
            let r = Binary.run(arguments, directory: scratch.path)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.contains("it is never written over"), "\(arguments): \(r.stderr)")
        }
        // An imported slice is a scenario, but never over the export it was cut from.
        let rows = Binary.read(Binary.root + "/Tests/ParallaxTests/EventData/ucdp_ged231_ARM_AZE_rows.csv")
        scratch.write("ged.csv", rows)
        let imported = Binary.run(["import", "ged.csv", "-o", "./ged.csv", "--force"], directory: scratch.path)
        #expect(imported.status == 1 && imported.stderr.contains("it is never written over"), "\(imported.stderr)")
        #expect(scratch.read("ged.csv") == rows)
        #expect(scratch.read("s.yaml") == Self.seed)
        #expect(scratch.read("s.json").hasPrefix("{\"parallax\": 1"))
        #expect(scratch.read("w.px") == "step\n")
        #expect(!scratch.exists("other.yml"))
        // `check SCRIPT` finds such an export by its name, before anything runs.
        scratch.write("x.px", "step\nexport html notes.px\n")
        let checked = Binary.run(["check", "x.px"], directory: scratch.path)
        #expect(checked.status == 1 && checked.stderr.contains("x.px:2:13: error: notes.px is a script (.px); it is never written over"),
                "\(checked.stderr)")
        // A report or data file of its own kind is still written.
        #expect(Binary.run(["s.yaml", "-c", "export csv events.csv"], directory: scratch.path).status == 0)
        #expect(scratch.read("events.csv").hasPrefix("position,"))
    }

    /// `run --expect OUT` on a transcript whose checkout or editor wrote CR LF ends or a
    /// byte-order mark: the same transcript, so it matches; a real difference still shows.
    @Test func aTranscriptWithWindowsLineEndsMatches() {
        let scratch = ScratchFolder()
        scratch.write("w.px", "step\nwhere\n")
        #expect(Binary.run(["run", "w.px", "--expect", "w.out", "--update"], directory: scratch.path).status == 0)
        let transcript = scratch.read("w.out")
        scratch.write("crlf.out", "\u{FEFF}" + transcript.replacing("\n", with: "\r\n"))
        let same = Binary.run(["run", "w.px", "--expect", "crlf.out"], directory: scratch.path)
        #expect(same.status == 0 && same.stdout.isEmpty, "\(same.stdout)")
        scratch.write("changed.out", transcript.replacing("1/15", with: "2/15").replacing("\n", with: "\r\n"))
        let changed = Binary.run(["run", "w.px", "--expect", "changed.out"], directory: scratch.path)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("\n-position:     2/15\n+position:     1/15\n"), "\(changed.stdout)")
        #expect(!changed.stdout.contains("\\u{D}"))
    }

    /// Two values for one parameter on the command line: a wrong command line (exit 2),
    /// for `run` and `check` alike.
    @Test func aParameterGivenTwiceIsAWrongCommandLine() {
        let scratch = ScratchFolder()
        scratch.write("p.px", "narrative ${a}\n")
        for verb in ["run", "check"] {
            let r = Binary.run([verb, "p.px", "-D", "a=ARM", "-D", "a=AZE"], directory: scratch.path)
            #expect(r.status == 2, "\(verb)")
            #expect(r.stderr.contains("-D a is given twice ('ARM' and 'AZE')"), "\(verb): \(r.stderr)")
        }
    }

    /// A row count given with `all`, before or after it, is honoured, not dropped: `claims
    /// all 2` is the first two of every claim.
    @Test func aRowCountWithAllIsHonoured() {
        for line in ["claims all 2", "claims 2 all", "events all 2", "events 2 all", "sources all 1", "contacts 1 all"] {
            let r = Binary.run(["-c", line, "--format", "json"])
            #expect(r.status == 0, "\(line): \(r.stderr)")
            // One `ids` object per row.
            let rows = r.stdout.components(separatedBy: "\"ids\": {").count - 1
            #expect(rows == (line.contains("1") ? 1 : 2), "\(line): \(r.stdout.prefix(400))")
        }
    }

    /// Numbers out of range in a command line are located errors that say what is wrong
    /// with them, naming what the number counts.
    @Test func hugeNumbersAreLocatedErrorsThatSayWhatTheyCount() {
        let r = Binary.run(["-c", "goto #99999999999999999999; history 99999999999999999999; step 99999999999999999999"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("     ^^^^^^^^^^^^^^^^^^^^^\nerror: #99999999999999999999 is too large to be an event number\n"), "\(r.stderr)")
        #expect(r.stderr.contains("error: history takes a number of lines, got '99999999999999999999'"))
        #expect(r.stderr.contains("error: step takes a number of events, got '99999999999999999999'"))
    }

    /// JSON writes a character beyond U+FFFF as an escaped UTF-16 pair, as Python's `json`
    /// does by default; libyaml refused each half, so valid JSON did not load. Pairs load as
    /// their character; a problem after one on the same line keeps the file's column and
    /// quotes the file's line; a lone half is a located error; `\\u` is text.
    @Test func jsonSurrogatePairsLoadAsTheirCharacter() {
        let scratch = ScratchFolder()
        let head = "{\"parallax\": 1, \"scenario\": {\"id\": \"x\", \"title\": \"T \\ud83d\\ude00 \\uD835\\uDD18\""
        scratch.write("ok.json", head + "}, \"sources\": [], \"parties\": [], \"events\": []}\n")
        let ok = Binary.run(["ok.json", "-c", "info"], directory: scratch.path)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("title:     T 😀 𝔘\n"))
        let bad = head + ", \"bad\": 1}, \"sources\": [], \"parties\": [], \"events\": []}"
        scratch.write("bad.json", bad + "\n")
        let r = Binary.run(["check", "bad.json"], directory: scratch.path)
        let column = bad.utf8.count - Array(bad.utf8).reversed().firstIndex(of: UInt8(ascii: "b"))! - 1
        #expect(r.status == 1)
        let lines = (r.stdout + r.stderr).split(separator: "\n").map(String.init)
        #expect(lines.first == "bad.json:1:\(column): error: unknown key 'bad' in scenario")
        // The file's own line, the caret under "bad" in it.
        if lines.count > 2, let quoted = lines[1].range(of: "\\ud83d\\ude00 \\uD835\\uDD18\", \"bad\""),
           let caret = lines[2].firstIndex(of: "^") {
            let badAt = lines[1].distance(from: lines[1].startIndex, to: quoted.upperBound) - 5
            #expect(lines[2].distance(from: lines[2].startIndex, to: caret) == badAt, "\(lines)")
        } else {
            Issue.record("not the file's line: \(lines)")
        }
        scratch.write("lone.json", "{\"parallax\": 1, \"scenario\": {\"id\": \"x\", \"title\": \"\\ud800\"}}\n")
        let lone = Binary.run(["check", "lone.json"], directory: scratch.path)
        #expect(lone.status == 1 && (lone.stdout + lone.stderr).contains("lone.json:1:"))
        scratch.write("text.json", "{\"parallax\": 1, \"scenario\": {\"id\": \"x\", \"title\": \"\\\\ud83d\\\\ude00\"},"
                      + " \"sources\": [], \"parties\": [], \"events\": []}\n")
        #expect(Binary.run(["text.json", "-c", "info"], directory: scratch.path).stdout.contains("title:     \\ud83d\\ude00\n"))
    }

    /// A parameter's value inside the one quoted string of an `echo` or `expect` line is
    /// the value as given, whatever quotes or backslashes it holds: `echo "${a}"` printed
    /// it with the string's quotes around it, and `expect "${a}"` looked for that.
    @Test func aParameterInAQuotedEchoOrExpectIsItsValue() {
        let scratch = ScratchFolder()
        scratch.write("q.px", "echo \"${a}\"\nexpect \"${a}\"\necho '${a}'\nexpect '${a}'\necho ${a} and \"x\"\nexpect ${a} and \"x\"\n")
        let value = "say \"hi\" \\ it's"
        let r = Binary.run(["run", "q.px", "-D", "a=" + value], directory: scratch.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "px> echo \"${a}\"\n\(value)\n\npx> expect \"${a}\"\npx> echo '${a}'\n\(value)\n\n"
                + "px> expect '${a}'\npx> echo ${a} and \"x\"\n\(value) and \"x\"\n\npx> expect ${a} and \"x\"\n", "\(r.stdout)")
    }

    /// `source` of the script being recorded (directly, or through a script that sources
    /// it) is refused: the recording would hold a `source` of itself and its replay stop at
    /// the cycle. What was recorded before still replays.
    @Test func sourcingTheScriptBeingRecordedIsRefused() {
        let scratch = ScratchFolder()
        scratch.write("via.px", "source ./rec.px\n")
        let r = Binary.run([], input: "record rec.px\nstep\nsource rec.px\nsource via.px\nrecord stop\n", directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("source rec.px\n       ^^^^^^\nerror: rec.px is the script being recorded: sourcing it there "
                                  + "would record a script that runs itself; 'record stop' first\n"), "\(r.stderr)")
        #expect(r.stderr.contains("via.px:1:8: error: rec.px is the script being recorded"))
        #expect(!scratch.read("rec.px").contains("source"))
        let replay = Binary.run(["run", "rec.px"], directory: scratch.path)
        #expect(replay.status == 0 && replay.stdout.contains("px> step\n1/15"), "\(replay.stderr)")
    }

    /// A scenario or data file named where a script is wanted (`source`, `run`, a `source`
    /// inside a script) is refused in one line: read as a script, a YAML file was an
    /// "unknown command" per line (517,345 of them, 68 MB, for a 20,000-event scenario).
    /// And a script with many errors: `source` lists the first 20 and counts the rest.
    @Test func aScenarioIsNoScriptAndAFailedCheckIsShort() {
        let scratch = ScratchFolder()
        scratch.write("s.yaml", Self.seed)
        scratch.write("inner.px", "source s.yaml\n")
        for (arguments, expected) in [(["-c", "source s.yaml"], "error: s.yaml is a scenario or data file, not a script: 'load s.yaml' opens it"),
                                      (["run", "s.yaml"], "s.yaml:1:1: error: is a scenario or data file, not a script"),
                                      (["run", "inner.px"], "inner.px:1:8: error: s.yaml is a scenario or data file, not a script"),
                                      (["check", "inner.px"], "inner.px:1:8: error: s.yaml is a scenario or data file, not a script")] {
            let r = Binary.run(arguments, directory: scratch.path)
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.contains(expected), "\(arguments): \(r.stderr)")
            #expect(r.stderr.utf8.count < 1000, "\(arguments)")
        }
        scratch.write("typos.px", String(repeating: "stpe\n", count: 500))
        let r = Binary.run(["-c", "source typos.px"], directory: scratch.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: typos.px has 500 errors; nothing ran:\n"))
        #expect(r.stderr.components(separatedBy: "unknown command 'stpe'").count - 1 == 20)
        #expect(r.stderr.hasSuffix("… and 480 more; 'parallax check typos.px' lists every one\n"), "\(r.stderr.suffix(200))")
        #expect(Binary.run(["check", "typos.px"], directory: scratch.path).stderr.hasSuffix("500 errors\n"))
    }

    /// Commands piped in from a file a Windows editor saved (a byte-order mark, CR LF):
    /// read as the same commands with LF, as a script is; the mark made the first command
    /// `\u{FEFF}step`, unknown.
    @Test func pipedCommandsWithAByteOrderMarkRun() {
        let r = Binary.run([], input: "\u{FEFF}step\r\nwhere\r\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("position:     1/15"))
    }

    /// An operator from another language in a filter (`==`, `=>`, `=<`, `<>`, `~=`) is an
    /// error under both its symbols that says what to write, in every command that takes
    /// a filter; it was "expected a value" under the second symbol.
    @Test func anOperatorFromAnotherLanguageSaysWhatToWrite() {
        for (line, typed, meant) in [("events where id == war-2020", "==", "="), ("claims all where value => 3", "=>", ">="),
                                     ("break where intensity =< -7", "=<", "<="), ("actors where party <> ARM", "<>", "!="),
                                     ("break claim where status ~= off", "~=", "~")] {
            let r = Binary.run(["-c", line])
            let column = line.range(of: " \(typed) ")!.lowerBound.utf16Offset(in: line) + 1
            #expect(r.status == 1)
            #expect(r.stderr == "\(line)\n\(String(repeating: " ", count: column))^^\n"
                    + "error: '\(typed)' is not an operator; write '\(meant)' (operators: = != < <= > >= ~ in)\n", "\(r.stderr)")
        }
    }

    /// A file is written by a temporary file renamed over it; a device, a FIFO or a socket
    /// is written into instead (a file renamed over `-o /dev/null` removed the device: for
    /// root, the system's), a link's file is replaced and the link stays, a folder is an
    /// error. The device here is a null device made in the scratch folder (as root only).
    @Test func anExportIntoADeviceOrThroughALinkKeepsWhatIsThere() {
        let scratch = ScratchFolder()
        if mknod(scratch.path + "/null", S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 {  // major 1, minor 3: the null device
            let r = Binary.run(["export", "csv", "-o", "null"], directory: scratch.path)
            #expect(r.status == 0, "\(r.stderr)")
            var info = stat()
            #expect(stat(scratch.path + "/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the device was replaced")
        }
        scratch.write("data/target.csv", "old\n")
        #expect(symlink("data/target.csv", scratch.path + "/link.csv") == 0)
        let linked = Binary.run(["-c", "export csv link.csv"], directory: scratch.path)
        #expect(linked.status == 0, "\(linked.stderr)")
        var link = stat()
        #expect(lstat(scratch.path + "/link.csv", &link) == 0 && link.st_mode & S_IFMT == S_IFLNK, "the link was replaced")
        #expect(scratch.read("data/target.csv").hasPrefix("position,"))
        // A link named as data that leads to a scenario is refused by what it leads to.
        scratch.write("s.yaml", Self.seed)
        #expect(symlink("s.yaml", scratch.path + "/sneaky.csv") == 0)
        let sneaky = Binary.run(["-c", "export csv sneaky.csv"], directory: scratch.path)
        #expect(sneaky.status == 1 && sneaky.stderr.contains("it is never written over"), "\(sneaky.stderr)")
        #expect(scratch.read("s.yaml") == Self.seed)
        let folder = Binary.run(["-c", "export csv data"], directory: scratch.path)
        #expect(folder.status == 1 && folder.stderr.contains("error: cannot write: is a directory"), "\(folder.stderr)")
        // Standard output by its device name, as '-' writes it.
        let stdout = Binary.run(["export", "csv", "-o", "/dev/stdout"], directory: scratch.path)
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("position,"), "\(stdout.stderr)")
    }
}
