import Foundation
import PropertyBased
import Testing
@testable import Parallax

/// The shortcuts a first open of a million rows takes, each compared with the obvious
/// version of itself on random text built from the characters that trip byte-level code
/// (see `FastPrimitiveTests.adversarial`) and on URL-like text.
@Suite("Import primitives")
struct ImportPrimitiveTests {
    /// Pieces URLs are made of, and some that are not ASCII.
    static let urlPieces = ["http://", "https://", "www.", "WWW.", "/", "//", "?", ":", "a", "b.c", "example", ".", "-",
                            "é", "/\u{301}", "\u{301}", "中", "x?y", "8080", "#", "%20", " ", ""]

    static func url(_ picks: [Int]) -> String {
        picks.map { p in p % 5 == 0 ? FastPrimitiveTests.text([p / 5]) : urlPieces[p % urlPieces.count] }.joined()
    }

    /// The host as the import first cut it: by characters.
    static func naiveHost(_ url: String) -> String {
        var host = String(url.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != ":" }))
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host
    }

    @Test func theHostOfAURLIsWhatCuttingByCharactersGives() async {
        for url in ["http://www.dailymaverick.co.za/article/x", "https://a.b:8080/x", "http://", "https://www.", "http:/x", "http://x?y",
                    "http:/\r\nx/y", "http:/\r", "/", "www.", "http://www"] {
            #expect(GDELTMapping.host(url) == Self.naiveHost(url), "\(url.debugDescription)")
        }
        await propertyCheck(count: 2000, input: Gen.int(in: 0...1_000_000).array(of: 0...12)) { picks in
            let url = ImportPrimitiveTests.url(picks)
            #expect(GDELTMapping.host(url) == ImportPrimitiveTests.naiveHost(url), "\(url.debugDescription)")
        }
    }

    /// The splitter as first written, byte by byte: the obvious version of `DelimitedRows`.
    static func obviousRows(_ bytes: [UInt8], separator: UInt8, quoting: Bool) -> [[FieldSpan]] {
        var rows: [[FieldSpan]] = []
        var offset = 0
        let n = bytes.count
        while true {
            while offset < n, bytes[offset] == 10 || (bytes[offset] == 13 && offset + 1 < n && bytes[offset + 1] == 10) { offset += 1 }
            guard offset < n else { return rows }
            var fields: [FieldSpan] = []
            var i = offset
            while true {
                if quoting, i < n, bytes[i] == UInt8(ascii: "\"") {
                    var j = i + 1
                    var escaped = false
                    while j < n {
                        if bytes[j] == UInt8(ascii: "\"") {
                            if j + 1 < n, bytes[j + 1] == UInt8(ascii: "\"") { escaped = true; j += 2; continue }
                            break
                        }
                        j += 1
                    }
                    fields.append(FieldSpan(start: i + 1, end: min(j, n), escaped: escaped))
                    i = min(j + 1, n)
                    while i < n, bytes[i] != separator, bytes[i] != 10 { i += 1 }
                } else {
                    var j = i
                    while j < n, bytes[j] != separator, bytes[j] != 10 { j += 1 }
                    var end = j
                    if end > i, bytes[end - 1] == 13, j == n || bytes[j] == 10 { end -= 1 }
                    fields.append(FieldSpan(start: i, end: end, escaped: false))
                    i = j
                }
                if i < n, bytes[i] == separator { i += 1; continue }
                if i < n { i += 1 }
                break
            }
            offset = i
            rows.append(fields)
        }
    }

    /// Rows of short and long fields (past eight bytes, where the splitter reads words), with
    /// separators, line ends, CRs and quotes at every offset.
    @Test func theSplitterAgreesWithReadingByteByByte() async {
        let pieces: [[UInt8]] = [[9], [10], [13], [13, 10], [44], [34], [34, 34], Array("abcdefghijklmnop".utf8), Array("x".utf8),
                                 Array("http://www.example.com/a?b".utf8), [0xC2, 0x91], [0xFF], Array("Ta‘izz, Yemen".utf8), [32]]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...1_000_000).array(of: 0...60)) { picks in
            let bytes = picks.flatMap { pieces[$0 % pieces.count] }
            for (separator, quoting) in [(UInt8(9), false), (UInt8(44), true), (UInt8(44), false)] {
                let expected = ImportPrimitiveTests.obviousRows(bytes, separator: separator, quoting: quoting)
                var got: [[FieldSpan]] = []
                bytes.withUnsafeBufferPointer { p in
                    var rows = DelimitedRows(p, separator: separator, quoting: quoting)
                    var fields: [FieldSpan] = []
                    while rows.next(into: &fields) { got.append(fields) }
                }
                #expect(got.map { $0.map { "\($0.start)-\($0.end)-\($0.escaped)" } } == expected.map { $0.map { "\($0.start)-\($0.end)-\($0.escaped)" } },
                        "\(bytes) \(separator) \(quoting)")
            }
        }
    }

    @Test func idKeysAndPrefixesIgnoreCaseAsLowerCasingDoes() async {
        for id in ["gdelt-1", "GDELT-1", "Gdelt", "gdelt", "ucdp-", "ACLED-x", "\u{130}gdelt-", "gdelt-\u{130}", "\u{212A}", "Straße", ""] {
            #expect(ImportBuilder.caseKey(id) == id.lowercased(), "\(id.debugDescription)")
            for prefix in ImportBuilder.rowIdPrefixes {
                #expect(ImportBuilder.hasPrefixIgnoringCase(id, prefix) == id.lowercased().utf8.starts(with: prefix), "\(id.debugDescription)")
            }
        }
        await propertyCheck(count: 2000, input: Gen.int(in: 0...1_000_000).array(of: 0...10)) { picks in
            let pieces = ["gdelt-", "GdElT-", "ucdp-", "UCDP", "acled-", "a", "Z", "-", "\u{130}", "\u{212A}"]
            let id = picks.map { $0 % 3 == 0 ? FastPrimitiveTests.text([$0 / 3]) : pieces[$0 % pieces.count] }.joined()
            #expect(ImportBuilder.caseKey(id) == id.lowercased(), "\(id.debugDescription)")
            for prefix in ImportBuilder.rowIdPrefixes {
                #expect(ImportBuilder.hasPrefixIgnoringCase(id, prefix) == id.lowercased().utf8.starts(with: prefix), "\(id.debugDescription)")
            }
        }
    }

    @Test func permutingInPlaceIsMappingTheOrder() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0...1_000_000).array(of: 0...40)) { picks in
            // A random permutation: the indices sorted by the picks.
            let order = picks.indices.sorted { (picks[$0], $0) < (picks[$1], $1) }
            var items = picks.map { "item \($0)" }
            let expected = order.map { items[$0] }
            ImportBuilder.permute(&items, order)
            #expect(items == expected, "\(order)")
        }
    }

    @Test func aPackedDateHoldsWhatItWasMadeOf() async {
        await propertyCheck(count: 2000, input: Gen.int(in: -1...10_000), Gen.int(in: -1...13), Gen.int(in: -1...32)) { y, m, d in
            let month = m < 0 ? nil : m, day = d < 0 ? nil : d
            let valid = (1...9999).contains(y) && (month == nil ? day == nil : (1...12).contains(month!)
                && (day == nil || (1...PartialDate.daysIn(month: month!, year: y)).contains(day!)))
            let date = PartialDate(year: y, month: month, day: day)
            #expect((date != nil) == valid, "\(y) \(String(describing: month)) \(String(describing: day))")
            guard let date else { return }
            #expect(date.year == y && date.month == month && date.day == day)
            #expect(PartialDate(parsing: date.description) == date)
            #expect(date.precision == (day != nil ? .day : month != nil ? .month : .year))
        }
    }

    /// The obvious table: texts keyed by their bytes. Canonically equivalent spellings
    /// (`é` and `e` + U+0301) stay two texts; the table grows past many of its sizes.
    @Test func theStringTableKeepsOneCopyPerDistinctBytes() async {
        let pool = ["", "a", "é", "e\u{301}", "Ta\u{2018}izz", "ARMENIA → AZERBAIJAN: Fight (CAMEO 190)", "12345678", "123456789",
                    "\u{0}", "\u{FFFD}", "中国", "abcdefghabcdefgh", "abcdefghabcdefgi"]
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 0...400)) { picks in
            var table = StringTable()
            var obvious: [[UInt8]: String] = [:]
            for p in picks {
                let text = p % 4 == 0 ? pool[p % pool.count] : p % 4 == 1 ? FastPrimitiveTests.text([p, p / 7, p / 49]) : "text \(p % 500)"
                // Found by the text or by its bytes alike.
                let stored = p % 2 == 0 ? table.interned(text) : Array(text.utf8).withUnsafeBufferPointer { table.interned(utf8: $0) }
                #expect(Array(stored.utf8) == Array(text.utf8), "\(text.debugDescription)")
                if obvious[Array(text.utf8)] == nil { obvious[Array(text.utf8)] = text }
            }
            #expect(table.count == obvious.count)
        }
    }

    /// Numbers as exports write them and text that is almost one: the fast reader gives
    /// what `Double(text)` gives, bit for bit, or leaves the text to it.
    @Test func plainDecimalsReadAsDoubleReadsThem() async {
        for text in ["-4.4776119402985", "2.8", "-10", "0", "-0", "5.", ".5", "-", ".", "1..2", "123456789012345", "1234567890123456",
                     "0.000000000000001", "9007199254740993", "1e5", "+1", "--1", "1-2", " 1", "999999999999999.9"] {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { ImportRow.plainDecimal($0) }
            if let fast { #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)") }
        }
        let pieces = ["-", ".", "0", "1", "5", "9", "3", "7", "e", "+"]
        await propertyCheck(count: 5000, input: Gen.int(in: 0...1_000_000).array(of: 0...20)) { picks in
            let text = picks.map { $0 % 7 == 0 ? pieces[$0 % 2] : pieces[2 + $0 % 6] }.joined()
            let fast = Array(text.utf8).withUnsafeBufferPointer { ImportRow.plainDecimal($0) }
            if let fast { #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)") }
            // Every plain number of up to 15 digits takes the fast path.
            if text.range(of: #"^-?[0-9]{1,15}(\.[0-9]+)?$"#, options: .regularExpression) != nil, text.filter(\.isNumber).count <= 15 {
                #expect(fast != nil, "\(text)")
            }
        }
    }

    @Test func everyCAMEOCodeHasItsOwnSlot() {
        var seen = Set<Int>()
        for length in 2...4 {
            let count = [2: 100, 3: 1000, 4: 10000][length]!
            for n in 0..<count {
                var code = String(n)
                while code.count < length { code = "0" + code }
                let key = GDELTMapping.codeKey(code)
                #expect((0..<GDELTMapping.codeKeys).contains(key) && seen.insert(key).inserted, "\(code)")
            }
        }
        #expect(seen.count == GDELTMapping.codeKeys)
    }
}
