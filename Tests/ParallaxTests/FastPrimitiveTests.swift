import PropertyBased
import Testing
@testable import Parallax

/// Each primitive that reads bytes a word at a time is compared with the obvious version of
/// itself, on random text and on text built from the characters that trip such code: line
/// ends of every kind, control characters, combining marks, joiners, wide characters,
/// double and trailing spaces, all at every offset around an eight-byte word.
@Suite("Fast primitives")
struct FastPrimitiveTests {
    /// Scalars chosen to break word-at-a-time code.
    static let adversarial: [Unicode.Scalar] = [
        "\n", "\r", "\t", " ", " ", "a", "Z", "0", "-", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}",
        "é", "\u{2FF}", "\u{300}", "\u{301}", "\u{200D}", "\u{2010}", "–", "“", "\u{2028}", "\u{2029}", "→", "─", "\u{2600}",
        "中", "한", "\u{1F600}", "\u{1F1FA}", "\u{FE0F}", "\u{FFFD}",
    ]

    /// A scalar from a pick: mostly the adversarial ones, else any scalar of the planes in use.
    static func scalar(_ pick: Int) -> Unicode.Scalar {
        if pick % 3 != 0 { return adversarial[pick % adversarial.count] }
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x00...0x7F, 0xA0...0x2FF, 0x300...0x36F, 0x2000...0x2BFF,
                                             0x3000...0x9FFF, 0xAC00...0xD7A3, 0x1F300...0x1FAFF]
        let range = ranges[(pick / 3) % ranges.count]
        return Unicode.Scalar(range.lowerBound + UInt32(pick / 24) % UInt32(range.count)) ?? "?"
    }

    static func text(_ picks: [Int]) -> String {
        var s = String.UnicodeScalarView()
        for p in picks { s.append(scalar(p)) }
        return String(s)
    }

    static let picks = Gen.int(in: 0...1_000_000).array(of: 0...40)

    // MARK: scanLine

    /// The obvious `scanLine`: the line is the bytes up to the first line feed; it has no
    /// measure when a scalar is a control character; its width counts characters (wide ones
    /// twice); it is simple when its words are separated by single spaces; its longest word
    /// is counted in bytes when it is ASCII.
    static func naiveScanLine(_ bytes: [UInt8], _ start: Int, _ end: Int) -> (end: Int, measure: (width: Int, simple: Bool, word: Int)?) {
        let lineEnd = bytes[start..<end].firstIndex(of: 10) ?? end
        let line = Array(bytes[start..<lineEnd])
        let text = String(decoding: line, as: UTF8.self)
        let control = text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F..<0xA0).contains($0.value) }
        if control { return (lineEnd, nil) }
        let word = line.allSatisfy { $0 < 0x80 }
            ? line.split(separator: 32, omittingEmptySubsequences: false).map(\.count).max() ?? 0 : -1
        return (lineEnd, (TextRenderer.characterWidth(text), TextRenderer.isSimpleLine(text), word))
    }

    /// Lines taken anywhere in a random text (cut at scalar boundaries, with bytes after
    /// them that the word reads must not see).
    @Test func scanLineAgreesWithTheObviousVersion() async {
        await propertyCheck(count: 1000, input: FastPrimitiveTests.picks, Gen.int(in: 0...1000), Gen.int(in: 0...1000)) { picks, a, b in
            let text = FastPrimitiveTests.text(picks)
            let bounds = text.unicodeScalars.indices.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } + [text.utf8.count]
            let start = bounds[a % bounds.count], end = max(start, bounds[b % bounds.count])
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { TextRenderer.scanLine($0, start, end) }
            let slow = FastPrimitiveTests.naiveScanLine(bytes, start, end)
            #expect(fast.end == slow.end, "\(text.debugDescription) \(start)..<\(end)")
            #expect(fast.measure.map { "\($0)" } == slow.measure.map { "\($0)" }, "\(text.debugDescription) \(start)..<\(end)")
        }
    }

    // MARK: Width

    /// The scalar-by-scalar width is either declined (nil) or the width by characters; the
    /// width used everywhere is always the width by characters.
    @Test func scalarWidthAgreesWithTheWidthByCharacters() async {
        await propertyCheck(count: 1000, input: FastPrimitiveTests.picks) { picks in
            let text = FastPrimitiveTests.text(picks)
            let slow = TextRenderer.characterWidth(text)
            let fast = Array(text.utf8).withUnsafeBufferPointer { TextRenderer.scalarWidth($0) }
            #expect(fast == nil || fast == slow, "\(text.debugDescription)")
            #expect(TextRenderer.width(text) == slow, "\(text.debugDescription)")
        }
        // Plain text is never declined.
        for text in ["", "a", "Parallax – the “claims” → ─ é", String(repeating: "abcdefg ", count: 9)] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { TextRenderer.scalarWidth($0) } == TextRenderer.characterWidth(text))
        }
    }

    // MARK: Line counting

    /// Bytes from a small alphabet of line ends and the lead bytes of NEL, LS and PS, and
    /// any byte at all.
    static func bytes(_ picks: [Int]) -> [UInt8] {
        let alphabet: [UInt8] = [10, 13, 0xC2, 0x85, 0xE2, 0x80, 0xA8, 0xA9, 32, 97]
        return picks.map { $0 % 2 == 0 ? alphabet[($0 / 2) % alphabet.count] : UInt8(truncatingIfNeeded: $0 / 2) }
    }

    @Test func theLineCounterAgreesWithCountingLineFeeds() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...1_000_000).array(of: 0...70), Gen.int(in: 0...100)) { picks, at in
            let bytes = FastPrimitiveTests.bytes(picks)
            let offset = min(at, bytes.count)
            let fast = bytes.withUnsafeBufferPointer { TwoParts.lines(before: offset, in: $0) }
            #expect(fast == bytes[..<offset].count { $0 == 10 }, "\(bytes) before \(offset)")
        }
    }

    /// Long runs, where each lane of the counter sees hundreds of line feeds: all line feeds
    /// (a lane reaches its limit), none, and a random mix, cut at offsets around a block.
    @Test func theLineCounterAgreesOnLongTexts() async {
        let n = 32 * 600 + 17
        let all = [UInt8](repeating: 10, count: n), none = [UInt8](repeating: 97, count: n)
        var generator = SystemRandomNumberGenerator()
        let mixed = (0..<n).map { _ in UInt8.random(in: 9...11, using: &generator) }
        for bytes in [all, none, mixed] {
            for offset in [0, 31, 32, 33, 32 * 255 - 1, 32 * 255, 32 * 255 + 1, 32 * 510 + 5, n - 1, n] {
                let fast = bytes.withUnsafeBufferPointer { TwoParts.lines(before: offset, in: $0) }
                #expect(fast == bytes[..<offset].count { $0 == 10 }, "before \(offset)")
            }
        }
    }

    @Test func theWordCompareAgreesWithComparingEachByte() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...1_000_000).array(of: 8), Gen.int(in: 0...255)) { picks, b in
            let word = FastPrimitiveTests.bytes(picks)
            let x = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            var expected: UInt64 = 0
            for (k, byte) in word.enumerated() where byte == UInt8(b) { expected |= 0x80 << (8 * UInt64(k)) }
            #expect(TwoParts.bytesEqual(UInt64(littleEndian: x), to: UInt8(b)) == expected, "\(word) \(b)")
        }
    }

    @Test func findingOtherLineBreaksAgreesWithLookingAtEachByte() async {
        func naive(_ b: [UInt8]) -> Bool {
            b.indices.contains { i in
                (b[i] == 13 && (i + 1 == b.count || b[i + 1] != 10))
                    || (b[i] == 0xC2 && i + 1 < b.count && b[i + 1] == 0x85)
                    || (b[i] == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
            }
        }
        await propertyCheck(count: 1000, input: Gen.int(in: 0...1_000_000).array(of: 0...40)) { picks in
            let bytes = FastPrimitiveTests.bytes(picks)
            #expect(bytes.withUnsafeBufferPointer { TwoParts.hasOtherLineBreaks($0) } == naive(bytes), "\(bytes)")
        }
    }

    // MARK: SourceLines

    /// Lines asked for in any order, from texts of the adversarial scalars (line ends of every
    /// kind among them), are the text cut at each line feed, a carriage return before one
    /// dropped; nil past the last line.
    @Test func sourceLinesAgreeWithCuttingTheTextAtLineFeeds() async {
        await propertyCheck(count: 500, input: FastPrimitiveTests.picks, Gen.int(in: 0...12).array(of: 1...8)) { picks, asked in
            let text = FastPrimitiveTests.text(picks)
            let cut = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false).map { line in
                String(decoding: line.last == 13 ? line.dropLast() : line[...], as: UTF8.self)
            }
            var lines = SourceLines(text)
            for n in asked {
                let expected = n >= 1 && n <= cut.count ? cut[n - 1] : nil
                #expect(lines.line(n).map(String.init) == expected, "\(text.debugDescription) line \(n)")
            }
        }
    }

    /// Quoting the line of every problem of a file, in file order, reads the file once: the
    /// work grows with the file, not with the file times the problems.
    @Test func quotingEveryLineOfAFileReadsItOnce() {
        let text = (1...5_000).map { "  - id: claim-\($0)\n    says: text of line \($0)" }.joined(separator: "\n")
        var lines = SourceLines(text)
        for n in stride(from: 1, through: 10_000, by: 3) { _ = lines.line(n) }
        #expect(lines.line(10_000) == "    says: text of line 5000")
        #expect(lines.scanned <= text.utf8.count + 1)
        let problems = (1...10_000).map { Diagnostic(SourceLocation(file: "f.yaml", line: $0, column: 3), "problem") }
        let rendered = LoadFailure(diagnostics: problems, sourceText: text).rendered(carets: true)
        #expect(rendered.hasSuffix("f.yaml:10000:3: error: problem\n        says: text of line 5000\n      ^"))
    }

    /// A problem's quoted line and caret, on a line of printable ASCII, are what the
    /// scalar-by-scalar quote makes of it: at every column (before, inside, past the end of
    /// the line), every length, lines shorter and longer than the budget.
    @Test func quotingAnASCIILineAgreesWithQuotingItScalarByScalar() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...400), Gen.int(in: -2...420), Gen.int(in: 0...120)) { n, column, length in
            let line = Substring(String((0..<n).map { Character(Unicode.Scalar(UInt8(0x20 + ($0 * 37 + n) % 95))) }))
            let fast = DiagnosticRenderer.quotedASCII(line, column: column, length: length)
            let slow = DiagnosticRenderer.quotedScalars(line, column: column, length: length)
            #expect(fast.text == slow.text && fast.caret == slow.caret, "\(n) chars, column \(column), length \(length)")
        }
        for n in [0, 93, 94, 95, 376, 377, 500] {
            let line = Substring(String(repeating: "a", count: n))
            #expect(DiagnosticRenderer.safeLine(line) == String(line.prefix(DiagnosticRenderer.messageColumns)) + (n > 376 ? "…" : ""))
        }
    }

    // MARK: ByteBuffer

    /// Random appends of strings, spaces, bytes, copies of its own bytes and trimmed spaces
    /// leave in a `ByteBuffer` what the same edits leave in an array, and its string is
    /// that array's.
    @Test func aByteBufferHoldsWhatAnArrayWould() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...1_000_000).array(of: 0...60)) { ops in
            let buffer = ByteBuffer(capacity: 16)
            var array: [UInt8] = []
            for op in ops {
                switch op % 5 {
                case 0:
                    let s = FastPrimitiveTests.text([op / 5, op / 7, op / 11])
                    buffer.append(s)
                    array += Array(s.utf8)
                case 1:
                    buffer.append(spaces: op % 13)
                    array += [UInt8](repeating: 32, count: op % 13)
                case 2:
                    buffer.append(UInt8(truncatingIfNeeded: op / 5))
                    array.append(UInt8(truncatingIfNeeded: op / 5))
                case 3 where !array.isEmpty:
                    let from = (op / 5) % array.count, to = from + (op / 7) % (array.count - from + 1)
                    buffer.appendCopy(of: from..<to)
                    array += array[from..<to]
                default:
                    let after = array.isEmpty ? 0 : (op / 5) % array.count
                    buffer.trimSpaces(after: after)
                    while array.count > after && array.last == 32 { array.removeLast() }
                }
            }
            #expect(Array(buffer.bytes) == array)
            #expect(buffer.string() == String(decoding: array, as: UTF8.self))
        }
    }

    // MARK: TimeOfDay

    /// The obvious reading of `HH:MM`: split at the colon, one or two digits, then two.
    static func naiveTime(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h, m)
    }

    /// Times read byte by byte agree with the obvious reading, on text made of digits,
    /// colons and the characters that trip parsers (signs, spaces, wide digits, marks).
    @Test func timeOfDayAgreesWithTheObviousVersion() async {
        let pieces = ["0", "1", "2", "3", "5", "9", "00", "23", "24", "59", "60", ":", "::", "+", "-", " ", "\u{0660}", "\u{FF11}",
                      "\u{301}", "a", "\u{0}"]
        let valid = (0..<200).map { "\($0 % 24):\($0 % 6)\($0 % 10)" } + ["07:05", "7:05", "23:59", "00:00"]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...1_000_000).array(of: 0...6)) { picks in
            let text = picks.first.map { $0 % 4 == 0 } == true
                ? valid[picks[0] % valid.count]
                : picks.map { pieces[$0 % pieces.count] }.joined()
            let fast = TimeOfDay(parsing: text).map { ($0.hour, $0.minute) }
            let naive = FastPrimitiveTests.naiveTime(text)
            #expect(fast?.0 == naive?.0 && fast?.1 == naive?.1, "\(text.debugDescription)")
        }
    }

    // MARK: scanId

    /// `scanId` agrees with the obvious tests: an id is plain when it is non-empty ASCII that
    /// `idProblem` accepts, and folds when it has an uppercase or non-ASCII letter.
    @Test func idScanAgreesWithTheObviousVersion() async {
        let pieces = ["a", "Z", "0", "-", "_", ".", ":", "/", "+", " ", "\t", "\u{0}", "\u{7F}", "é", "É", "\u{200B}", "中", "#", "@",
                      "yes", "12", "\u{301}"]
        await propertyCheck(count: 2000, input: Gen.int(in: 0...1_000_000).array(of: 0...8)) { picks in
            let id = picks.map { pieces[$0 % pieces.count] }.joined()
            let (plain, folds) = ScenarioLoader.scanId(id)
            let ascii = id.utf8.allSatisfy { $0 < 0x80 }
            #expect(plain == (!id.isEmpty && ascii && ScenarioLoader.idProblem(id, entity: "event") == nil), "\(id.debugDescription)")
            #expect(folds == id.utf8.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) }, "\(id.debugDescription)")
        }
    }

    // MARK: readsAsApproximateNumber

    /// The obvious version, without the quick test in front: every hedge and word, always.
    static func naiveApproximate(_ text: String) -> Bool {
        let t = text.trimmed.lowercased()
        for word in ["dozens", "dozen", "hundreds", "thousands", "scores"] where t.split(separator: " ").contains(Substring(word)) {
            return true
        }
        let hedges = ["about ", "around ", "approximately ", "approx. ", "approx ", "roughly ", "some ", "nearly ",
                      "almost ", "over ", "more than ", "fewer than ", "less than ", "up to ", "under ", "c. ", "ca. ",
                      "circa ", "~", "≈"]
        for h in hedges where t.hasPrefix(h) {
            if let d = t.dropFirst(h.count).trimmingSpaces.first, d.isNumber { return true }
        }
        if let d = t.first, d.isNumber, t.hasSuffix(" or so") || t.hasSuffix("-odd") || t.hasSuffix(" odd") { return true }
        return false
    }

    /// With its quick test in front, the warning's test agrees with the obvious version, on
    /// text built from digits, hedges, the counting words in any case, and non-ASCII numbers.
    @Test func approximateNumberTestAgreesWithTheObviousVersion() async {
        let pieces = ["about ", "~", "≈", "Some ", "DOZENS", "dozen", "Hundreds", "thousandS", "scores", "score", " or so", "-odd",
                      "4", "٣", "½", "x", " ", "\n", "tens", "ozen", "d", "o", "z", "e", "n", "é", "\u{212A}"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...1_000_000).array(of: 0...6)) { picks in
            let text = picks.map { pieces[$0 % pieces.count] }.joined()
            #expect(ScenarioLoader.readsAsApproximateNumber(text) == FastPrimitiveTests.naiveApproximate(text), "\(text.debugDescription)")
        }
        // The quick test does reject plain words, which is what it is for.
        #expect(!ScenarioLoader.mayReadAsNumber("Azerbaijani forces, unprovoked"))
    }
}
