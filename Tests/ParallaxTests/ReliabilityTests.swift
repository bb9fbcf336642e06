import Testing
@testable import Parallax
import ParallaxREPL
#if canImport(Glibc)
import Glibc
#endif

/// Issue 15's classes of input nobody planned for, each closed as a class: every test
/// asserts what the user sees (the message, its place, its size). The end-to-end half, with
/// exit codes, is in EndToEndTests/ReliabilityEndToEndTests.swift.
@Suite("Reliability on hostile input")
struct ReliabilityTests {
    static func failure(_ line: String, scenario: Scenario? = nil) throws -> CommandError? {
        let interpreter = Interpreter(session: Session(scenario: try scenario ?? Fixtures.seed()))
        guard case .failure(let e)? = interpreter.execute(line: line).last?.result else { return nil }
        return e
    }

    // MARK: filter nesting

    @Test(arguments: [
        "events where " + String(repeating: "(", count: 10_000),
        "events where " + String(repeating: "not ", count: 8_200) + "type = fight",
        "events where " + Array(repeating: "type = fight", count: 8_200).joined(separator: " or "),
        "events where " + Array(repeating: "type = fight", count: 8_200).joined(separator: " and "),
        "break where " + String(repeating: "(", count: 10_000) + "type = fight" + String(repeating: ")", count: 10_000),
        "claims where " + String(repeating: "not (", count: 5_000),
    ])
    func deepFiltersAreALocatedErrorNamingTheLimit(line: String) throws {
        let e = try #require(try Self.failure(line))
        #expect(e.message.hasPrefix("the filter nests more than 256 deep (the limit)"))
        #expect(e.column != nil)
        #expect(e.rendered.utf8.count < 700, "one error stays a few hundred bytes")
    }

    /// A message that quotes a word of control characters: each is shown as `\u{1F}`, seven
    /// columns, and the line is cut by what it shows, not by the characters it quotes
    /// (found by the filter fuzz target: 300 of them gave a 2 KB error).
    @Test(arguments: ["\u{1F}", "\u{7F}", "\u{1B}", "\u{9B}"])
    func aMessageQuotingControlCharactersStaysBounded(control: String) throws {
        let e = try #require(try Self.failure("events where not (type = " + String(repeating: control, count: 300) + ")"))
        #expect(e.message.hasPrefix("unknown type"))
        let lines = e.rendered.split(separator: "\n")
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 400 }, "\(lines.map { $0.unicodeScalars.count })")
        #expect(e.rendered.utf8.count < 1_000, "one error stays a few hundred bytes")
    }

    @Test func filtersUpToTheLimitStillWork() throws {
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()))
        let deep = "events where " + String(repeating: "(", count: 250) + "type = fight" + String(repeating: ")", count: 250)
        let chain = "events where " + Array(repeating: "type = fight", count: 200).joined(separator: " or ")
        for line in [deep, chain, "events where " + String(repeating: "not ", count: 250) + "type = fight"] {
            guard case .success? = interpreter.execute(line: line).last?.result else { Issue.record("refused: \(line.prefix(40))"); continue }
        }
    }

    // MARK: revises, confirms, denies

    /// `minimal` ending in a claims list of these lines, and one more when there is only one,
    /// so the text can be read in two parts too (`Fixtures.problems` checks both ways).
    static func claims(_ lines: [String]) -> String {
        let lines = lines.count < 2 ? lines + [claim("filler")] : lines
        return Fixtures.minimal + "\nclaims:\n" + lines.joined(separator: "\n") + "\n"
    }

    static func claim(_ id: String, _ extra: String = "") -> String {
        "  - {id: \(id), by: arm-mod, about: clash, says: s, status: official, sources: [src]\(extra)}"
    }

    /// Its speed (5,000 links in well under 100 ms) is measured by Scripts/bench/revises.sh.
    @Test func aLongRevisionChainLoadsAndALongCycleIsOneShortMessage() throws {
        let chain = (0..<2_000).map { Self.claim("c\($0)", $0 == 0 ? "" : ", revises: c\($0 - 1)") }
        let scenario = try Fixtures.load(Self.claims(chain))
        #expect(scenario.claims.count == 2_000)
        var cycle = chain
        cycle[0] = Self.claim("c0", ", revises: c1999")
        let problems = Fixtures.problems(Self.claims(cycle))
        #expect(problems == ["14:93: 'revises' forms a cycle: c0 → c1999 → c1998 → c1997 → … 1994 more … → c2 → c1 → c0"])
        let small = [Self.claim("a", ", revises: b"), Self.claim("b", ", revises: a")]
        #expect(Fixtures.problems(Self.claims(small)) == ["14:92: 'revises' forms a cycle: a → b → a"])
    }

    @Test func aClaimThatLinksToItselfIsAnError() {
        #expect(Fixtures.problems(Self.claims([Self.claim("a", ", revises: a")]))
                == ["14:92: claim 'a' revises itself; 'revises' names an earlier claim of the same party"])
        #expect(Fixtures.problems(Self.claims([Self.claim("a", ", confirms: [b, a]"), Self.claim("b")]))
                == ["14:97: claim 'a' confirms itself; 'confirms' names other claims"])
        #expect(Fixtures.problems(Self.claims([Self.claim("a", ", denies: a")]))
                == ["14:91: claim 'a' denies itself; 'denies' names other claims"])
    }

    // MARK: bounded output, carets

    @Test func anErrorOnAHugeLineQuotesOneScreenLine() {
        let long = Fixtures.minimal.replacingOccurrences("title: Demo}", "title: " + String(repeating: "y", count: 2_000_000) + ", bogus: 1}")
        do {
            _ = try Fixtures.load(long)
            Issue.record("loaded")
        } catch {
            let text = error.rendered(carets: true)
            #expect(text.utf8.count < 400)
            let lines = text.split(separator: "\n")
            #expect(lines[0] == "t.yaml:2:2000031: error: unknown key 'bogus' in scenario")
            #expect(lines[1].hasPrefix("    …yyyy") && lines[1].hasSuffix(", bogus: 1}"))
            // The caret stands under `bogus`, whatever was cut before it.
            let caret = lines[2]
            let column = caret.count - caret.drop { $0 == " " }.count
            #expect(Array(lines[1])[column...].starts(with: "bogus"))
            #expect(caret.hasSuffix("^^^^^") && !caret.hasSuffix("^^^^^^"))
        }
    }

    @Test func aFileOfZeroBytesIsOneShortError() throws {
        let bytes = [UInt8](repeating: 0, count: 8 << 20)
        do {
            _ = try ScenarioLoader.load(bytes: bytes, path: "zeros.yaml")
            Issue.record("loaded")
        } catch {
            let text = error.rendered(carets: true)
            #expect(text.utf8.count < 300)
            #expect(text.hasPrefix("zeros.yaml:1:1: error: control characters are not allowed (value 0)\n    \\u{0}\\u{0}"))
        }
    }

    @Test func aCommandLineIsQuotedAroundTheColumnWithTheCaretUnderTheTokenAsTyped() {
        let line = String(repeating: "x", count: 300) + " \"a\\\"b\" " + String(repeating: "y", count: 300)
        let e = CommandError("bad", column: 302, length: 6, line: line)
        let lines = e.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2] == "error: bad")
        #expect(lines[0].hasPrefix("…x") && lines[0].hasSuffix("y…") && lines[0].count == Limits.quotedColumns + 2)
        let pad = lines[1].prefix { $0 == " " }.count
        #expect(lines[1].dropFirst(pad) == "^^^^^^")
        #expect(String(Array(lines[0])[pad..<(pad + 6)]) == "\"a\\\"b\"")
    }

    @Test func aQuotedKeyWithEscapesIsUnderlinedAsWritten() {
        let text = Fixtures.minimal.replacingOccurrences("{id: clash, date", "{id: clash, \"d\\u0061te\\t\": 2021, date")
        do {
            _ = try Fixtures.load(text)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.length) == [13])  // "d\u0061te\t" with its quotes
            #expect(error.rendered(carets: true).hasSuffix("\n" + String(repeating: " ", count: 4 + 16) + String(repeating: "^", count: 13)))
        }
    }

    // MARK: multi-line messages

    @Test func multiLineMessagesPrintAsLinesEverywhere() throws {
        let e = try #require(try Self.failure("load " + Fixtures.root + "/Tests/ParallaxTests/Golden/../../../Package.swift"))
        #expect(!e.rendered.contains("\\u{A}"))
        #expect(e.rendered.split(separator: "\n").count >= 4)
        let f = ScriptFailure(location: SourceLocation(file: "s.px", line: 2, column: 1), message: "one\ntwo\u{1B}",
                              length: 3, sourceLine: "abc")
        #expect(f.rendered == "s.px:2:1: error: one\n    abc\n    ^^^\ntwo\\u{1B}")
        #expect(DiagnosticRenderer.render("a\nb", at: nil, source: nil) == "error: a\nb")
    }

    // MARK: one definition of a control character

    /// The fast byte scan (eight bytes at a time) against the obvious scalar test, on random
    /// and adversarial text: C0, DEL, C1 (two bytes), raw-byte stand-ins, and their neighbours.
    @Test func theFastControlScanAgreesWithTheScalarDefinition() {
        let pieces: [String] = ["a", " ", "\t", "\n", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}",
                                "é", "€", "\u{10FEE9}", "\u{10FF00}", "\u{200B}", "abcdefgh", "𝄞"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...24, using: &generator) { text += pieces.randomElement(using: &generator)! }
            var copy = text
            let fast = copy.withUTF8 { ControlCharacter.firstControl(in: $0) }
            let slow = text.unicodeScalars.firstIndex(where: ControlCharacter.isControl).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.samePosition(in: text.utf8)!) }
            #expect(fast == slow, "\(text.debugDescription)")
            #expect(TextRenderer.isPlain(text) == (slow == nil && !text.contains("\t")))
            #expect((text.sanitizedForTerminal == text) == (slow == nil))
        }
    }

    // MARK: ids

    @Test func idsEqualButForCaseAreDuplicates() {
        let text = (Fixtures.minimal + Fixtures.claims).replacingOccurrences("parties:\n", "parties:\n  - {id: arm, name: Armenia too, role: observer}\n")
        #expect(Fixtures.problems(text)
                == ["7:10: id 'ARM' differs from 'arm' (declared at 6:10) only in letter case; ids that differ only in case are the same id"])
        let events = (Fixtures.minimal + Fixtures.claims).replacingOccurrences("{id: calm,", "{id: CLASH,")
        #expect(Fixtures.problems(events).first?.hasPrefix("12:10: id 'CLASH' differs from 'clash'") == true)
    }

    @Test(arguments: [("war\u{200B}-2020", "\\u{200B}", "an invisible format character (U+200B)"),
                      ("war\u{202E}-2020", "\\u{202E}", "an invisible format character (U+202E)"),
                      ("war\u{00A0}2020", "\\u{A0}", "a space (U+00A0)"),
                      ("war@2020", "@", "the character '@' (U+0040)")])
    func idsOutsideTheCharacterSetAreRefusedVisibly(id: String, shown: String, what: String) {
        let text = (Fixtures.minimal + Fixtures.claims).replacingOccurrences("{id: calm,", "{id: \"\(id)\",")
        let problems = Fixtures.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.contains(shown) == true, "\(problems)")
        #expect(problems.first?.contains("holds \(what); an id is made of letters, marks, digits and - _ . : / +") == true, "\(problems)")
    }

    @Test func idsOfAnyScriptAndTheAllowedPunctuationAreAccepted() throws {
        let text = (Fixtures.minimal + Fixtures.claims).replacingOccurrences("{id: calm,", "{id: \"Երևան-٢٠٢١_x.y:z/w+v\",")
        #expect(Fixtures.problems(text) == [])
    }

    @Test(arguments: ["yes", "No", "withheld", "12", "3..5"])
    func partyIdsThatReadAsAnswersAreRefused(id: String) {
        let text = (Fixtures.minimal + Fixtures.claims).replacingOccurrences("{id: AZE,", "{id: \"\(id)\",")
        #expect(Fixtures.problems(text).first?.hasPrefix("7:10: party id '\(id)' reads as an answer") == true)
    }

    // MARK: every problem of an entity

    @Test func aClaimsAboutAndKnownAtAreBothReported() {
        let lines = [Self.claim("a").replacingOccurrences("about: clash", "about: nosuch, known_at: nowhere")]
        #expect(Fixtures.problems(Self.claims(lines)) == [
            "14:33: unknown event 'nosuch' in 'about'",
            "14:51: unknown event 'nowhere' in 'known_at'; give an event id or a date",
        ])
        // A malformed id does not hide the entity's other problems, nor cascade to its uses.
        let event = Fixtures.minimal.replacingOccurrences("{id: calm, date: 2021-11-17, phase: de-escalation, type: ceasefire",
                                                          "{id: \"calm\u{200B}\", date: 2021-11-17, phase: de-escalation, type: cease")
        let problems = Fixtures.problems(event + "\nclaims:\n" + Self.claim("a").replacingOccurrences("about: clash", "about: \"calm\u{200B}\"") + "\n"
                                         + Self.claim("filler") + "\n")
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.first?.hasPrefix("12:10: event id 'calm\\u{200B}' holds an invisible format character") == true)
        #expect(problems.last?.hasPrefix("12:65: unknown type 'cease'") == true)
        let status = [Self.claim("a").replacingOccurrences("about: clash", "about: nosuch").replacingOccurrences("official", "bogus")]
        #expect(Fixtures.problems(Self.claims(status)).count == 2)
    }

    // MARK: files

    @Test func fileMessagesSayWhatIsTrue() throws {
        guard case .failure(let proc) = FileReader.contents(of: "/proc/self/status") else { Issue.record("read /proc"); return }
        #expect(proc.message.hasPrefix("is not a regular file: its contents are generated by the system"))
        let scratch = "/tmp/parallax-names-\(getpid())"
        mkdir(scratch, 0o700)
        defer { _ = system("rm -rf '\(scratch)'") }
        // A name with the byte E9 (Latin-1 é): not UTF-8.
        let raw = Array((scratch + "/caf").utf8) + [0xE9] + Array(".yaml".utf8)
        let fd = (raw + [0]).withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o600) }
        #expect(fd >= 0)
        _ = Fixtures.minimal.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let name = RawText.decode(raw)
        #expect(try ScenarioLoader.load(path: name).info.id == "demo")
        guard case .failure(let missing) = FileReader.contents(of: name + "x") else { Issue.record("read a missing file"); return }
        #expect(missing.description == "\(scratch)/caf\\xE9.yamlx:1:1: error: cannot read: no such file")
    }

    // MARK: --safe

    /// A link flipped between a file inside the script's folder and one outside, as fast as
    /// a thread can, while reads go on under confinement: not one outside byte is read.
    @Test func aFlippingLinkNeverLeadsASafeReadOutside() throws {
        let root = "/tmp/parallax-safe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(root, 0o700)
        mkdir(root + "/inside", 0o700)
        defer { _ = system("rm -rf '\(root)'") }
        Files.write("inside: 1\n", to: root + "/inside/ok.yaml")
        Files.write("SECRET\n", to: root + "/secret.yaml")
        symlink(root + "/inside/ok.yaml", root + "/inside/link.yaml")
        let flipper = Flipper(link: root + "/inside/link.yaml", targets: [root + "/inside/ok.yaml", root + "/secret.yaml"])
        flipper.start()
        // Reads go on until the link has flipped often and been seen both ways (at least
        // 3,000 reads; at most 20 s): on a busy machine the flipping thread may get little CPU.
        var inside = 0, refused = 0, reads = 0
        let deadline = ContinuousClock.now + .seconds(20)
        FileReader.$confinement.withValue(Environment.canonical(root + "/inside")) {
            while reads < 3_000 || (flipper.flips < 100 || inside == 0 || refused == 0) && ContinuousClock.now < deadline {
                switch FileReader.contents(of: root + "/inside/link.yaml") {
                case .success(let bytes):
                    #expect(!String(decoding: bytes, as: UTF8.self).contains("SECRET"))
                    inside += 1
                case .failure(let d):
                    if d.message.contains("outside") { refused += 1 }
                }
                reads += 1
            }
        }
        flipper.stop()
        #expect(flipper.flips >= 100, "the link flipped \(flipper.flips) times in \(reads) reads")
        #expect(inside > 0 && refused > 0, "the link was seen both ways (\(inside) inside, \(refused) refused)")
    }

    @Test func reloadUnderSafeChecksAgain() throws {
        let root = "/tmp/parallax-reload-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(root, 0o700)
        mkdir(root + "/inside", 0o700)
        defer { _ = system("rm -rf '\(root)'") }
        Files.write(Fixtures.minimal, to: root + "/inside/ok.yaml")
        Files.write(Fixtures.minimal.replacingOccurrences("title: Demo", "title: Outside"), to: root + "/outside.yaml")
        symlink(root + "/inside/ok.yaml", root + "/inside/link.yaml")
        var environment = Environment()
        environment.safe = true
        environment.safeFolder = root + "/inside"
        environment.baseDirectory = root + "/inside"
        let interpreter = Interpreter(session: Session(scenario: try Fixtures.seed()), environment: environment)
        guard case .success? = interpreter.execute(line: "load link.yaml").last?.result else { Issue.record("load failed"); return }
        unlink(root + "/inside/link.yaml")
        symlink(root + "/outside.yaml", root + "/inside/link.yaml")
        guard case .failure(let e)? = interpreter.execute(line: "reload").last?.result else { Issue.record("reload read outside"); return }
        #expect(e.message.contains("cannot read: it leads outside the script's folder, and safe mode reads nothing else"))
        #expect(interpreter.session.scenario.info.title == "Demo")
    }

    // MARK: history

    @Test func twoREPLsOpenAtOnceKeepBothHistories() {
        let path = "/tmp/parallax-history-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path); unlink(path + ".lock") }
        Files.write(HistoryFile.text(for: ["old"], limit: 100), to: path)
        let first = History(path: path), second = History(path: path)
        first.add("step")
        first.save()
        second.add("narrative ARM")
        second.save()
        first.add("back")
        first.save()
        #expect(HistoryFile.entries(in: Files.read(path)) == ["old", "step", "narrative ARM", "back"])
    }
}

/// Retargets a symbolic link between two files in a loop on its own thread (atomically:
/// a new link renamed over the old), until stopped.
final class Flipper: @unchecked Sendable {
    let link: String
    let targets: [String]
    private var running = true
    private var flipCount = 0
    private var thread = pthread_t()

    init(link: String, targets: [String]) {
        self.link = link
        self.targets = targets
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { context in
            let flipper = Unmanaged<Flipper>.fromOpaque(context!).takeRetainedValue()
            var k = 0
            while flipper.isRunning {
                let temporary = flipper.link + ".new"
                unlink(temporary)
                symlink(flipper.targets[k % flipper.targets.count], temporary)
                rename(temporary, flipper.link)
                k += 1
                flipper.count(k)
            }
            return nil
        }, context)
    }

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    var isRunning: Bool { withLock { running } }
    func count(_ k: Int) { withLock { flipCount = k } }
    var flips: Int { withLock { flipCount } }

    func stop() {
        withLock { running = false }
        pthread_join(thread, nil)
    }

    private func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }
}

/// File helpers for the tests above.
enum Files {
    static func write(_ text: String, to path: String) {
        guard let f = fopen(path, "w") else { return }
        var t = text
        t.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }

    static func read(_ path: String) -> String {
        guard case .success(let bytes) = FileReader.contents(of: path) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }
}
