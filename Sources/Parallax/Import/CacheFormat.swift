#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a cache file's body: little-endian integers, variable-length counts, and
/// strings as numbers into one table, so each distinct string (a host, a party id, a place)
/// is stored and later made once, and shared by every entity that holds it.
///
/// The body goes to the file a megabyte at a time as it is made, its checksum computed on
/// the way: a million rows' cache (some 300 MB) is never held whole in memory. The table
/// is known only at the end, so it follows the records; the header (written last) says
/// where it starts.
struct CacheWriter {
    /// The bytes not yet written, `buffer[0..<end]`: appended to without the checks an
    /// array makes on each byte.
    private var buffer: UnsafeMutableRawBufferPointer
    private var end = 0
    private let fd: Int32
    private(set) var checksum = Checksum()
    /// Bytes already written to the file.
    private(set) var flushed = 0
    private(set) var failed = false
    private var numbers = StringNumbers()

    static let chunk = 1 << 20

    init(fd: Int32) {
        self.fd = fd
        buffer = .allocate(byteCount: CacheWriter.chunk * 2, alignment: 8)
    }

    /// Where the next byte goes, from the start of the body.
    var offset: Int { flushed + end }

    /// Room for `n` more bytes: what is buffered is written out first, and the buffer grows
    /// only for a string longer than it.
    @inline(__always)
    private mutating func room(_ n: Int) {
        if end + n > buffer.count { makeRoom(n) }
    }

    private mutating func makeRoom(_ n: Int) {
        flush(all: false)
        guard end + n > buffer.count else { return }
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: (end + n) * 2, alignment: 8)
        bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
        buffer.deallocate()
        buffer = bigger
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        buffer[end] = b
        end += 1
    }

    mutating func u8(_ v: UInt8) {
        room(1)
        put(v)
    }

    mutating func u64(_ v: UInt64) {
        room(8)
        buffer.storeBytes(of: v.littleEndian, toByteOffset: end, as: UInt64.self)
        end += 8
    }

    /// Unsigned LEB128.
    mutating func count(_ v: Int) {
        room(10)
        var v = UInt64(max(0, v))
        while v >= 0x80 {
            put(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        put(UInt8(v))
    }

    mutating func int(_ v: Int) { count(Int(bitPattern: UInt(bitPattern: (v << 1) ^ (v >> 63)))) }

    mutating func string(_ s: String) { count(numbers.number(s)) }

    /// A list of ids in place: its count, then the strings' numbers.
    mutating func ids(_ ids: [String]) {
        count(ids.count)
        for s in ids { string(s) }
    }

    /// Lists of one or two ids already met, numbered (the key: their strings' numbers).
    private var lists: [UInt64: Int] = [:]
    private var listTable: [(Int, Int)] = []

    /// A list of ids many entities share (an event's actors: a few thousand distinct pairs
    /// among a million events): a number into a table of lists when it has one or two,
    /// read back as one array shared by all that hold it; else in place. Odd numbers
    /// are table entries, even ones the count of a list in place.
    mutating func sharedIds(_ ids: [String]) {
        guard ids.count == 1 || ids.count == 2 else {
            count(ids.count * 2)
            for s in ids { string(s) }
            return
        }
        let a = numbers.number(ids[0]), b = ids.count == 2 ? numbers.number(ids[1]) : -1
        let key = UInt64(a) << 32 | UInt64(UInt32(truncatingIfNeeded: b + 1))
        if let n = lists[key] { count(n * 2 + 1); return }
        let n = listTable.count
        lists[key] = n
        listTable.append((a, b))
        count(n * 2 + 1)
    }

    /// A string written in place, for the ones each entity has its own of (ids, titles, URLs):
    /// a table entry would cost a lookup and save nothing.
    mutating func inline(_ s: String) {
        var s = s
        s.withUTF8 { u in
            count(u.count)
            room(u.count)
            UnsafeMutableRawBufferPointer(rebasing: buffer[end..<end + u.count]).copyMemory(from: UnsafeRawBufferPointer(u))
            end += u.count
        }
    }

    mutating func optionalInline(_ s: String?) {
        u8(s == nil ? 0 : 1)
        if let s { inline(s) }
    }

    mutating func optionalString(_ s: String?) {
        u8(s == nil ? 0 : 1)
        if let s { string(s) }
    }

    mutating func date(_ d: PartialDate) {
        count(d.year)
        u8(UInt8(d.month ?? 0))
        u8(UInt8(d.day ?? 0))
    }

    mutating func double(_ d: Double) { u64(d.bitPattern) }

    /// Writes out what is buffered once there is a chunk of it (call between records). The
    /// checksum takes whole 32-byte blocks; the rest waits for the next chunk.
    mutating func flushIfFull() {
        if end >= CacheWriter.chunk { flush(all: false) }
    }

    private mutating func flush(all: Bool) {
        let n = all ? end : end & ~(Checksum.block - 1)
        guard n > 0 else { return }
        let part = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        if all { checksum.finish(part) } else { checksum.add(part) }
        if !failed && !FileWriter.writeAll(part.bindMemory(to: UInt8.self), to: fd) { failed = true }
        flushed += n
        // The few bytes short of a block move to the front.
        buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + n, byteCount: end - n)
        end -= n
    }

    /// Writes the string table after the records and the rest of the buffer; returns where
    /// the table starts and the body's checksum (which covers that position too).
    mutating func finish() -> (table: Int, length: Int, checksum: UInt64) {
        let table = offset
        let strings = numbers.strings
        numbers = StringNumbers()
        count(strings.count)
        for s in strings {
            inline(s)
            flushIfFull()
        }
        count(listTable.count)
        for (a, b) in listTable {
            count(b < 0 ? 1 : 2)
            count(a)
            if b >= 0 { count(b) }
            flushIfFull()
        }
        flush(all: true)
        buffer.deallocate()
        buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        return (table, flushed, checksum.value ^ (UInt64(table) &* Checksum.k1))
    }
}

/// Numbers for distinct strings in order of first use: an open-addressing table keyed by
/// the strings' bytes under `Checksum`, cheaper than hashing each `String` with SipHash.
struct StringNumbers {
    private(set) var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Index into `strings` plus one; 0 for an empty slot. Never more than half full.
    private var slots = [Int32](repeating: 0, count: 1024)

    mutating func number(_ s: String) -> Int {
        var s = s
        let h = s.withUTF8 { Checksum.of(UnsafeRawBufferPointer($0)) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let n = Int(slots[i]) - 1
            if hashes[n] == h && strings[n] == s { return n }
            i = (i + 1) & mask
        }
        let n = strings.count
        strings.append(s)
        hashes.append(h)
        slots[i] = Int32(n + 1)
        if strings.count * 2 > slots.count { grow() }
        return n
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (n, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while bigger[i] != 0 { i = (i + 1) & mask }
            bigger[i] = Int32(n + 1)
        }
        slots = bigger
    }
}

/// Reads what `CacheWriter` wrote. Any inconsistency (a count past the end, a string number
/// out of range, an unknown enum value) throws: a cache that does not read back whole is
/// rebuilt, never half-trusted.
struct CacheReader {
    struct Corrupt: Error {}

    let bytes: UnsafeRawBufferPointer
    var offset = 0
    var table: [String] = []
    var lists: [[String]] = []

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Reads the string table and the table of shared lists, which run from `offset` to the end.
    mutating func readTable() throws(Corrupt) {
        let n = try count()
        guard n <= bytes.count - offset else { throw Corrupt() }
        table.reserveCapacity(n)
        for _ in 0..<n { table.append(try inline()) }
        let m = try count()
        guard m <= bytes.count - offset else { throw Corrupt() }
        lists.reserveCapacity(m)
        for _ in 0..<m {
            let k = try count()
            guard k == 1 || k == 2 else { throw Corrupt() }
            lists.append(k == 1 ? [try string()] : [try string(), try string()])
        }
        guard offset == bytes.count else { throw Corrupt() }
    }

    /// What `CacheWriter.sharedIds` wrote.
    mutating func sharedIds() throws(Corrupt) -> [String] {
        let v = try count()
        if v & 1 == 1 {
            guard v >> 1 < lists.count else { throw Corrupt() }
            return lists[v >> 1]
        }
        let n = v >> 1
        guard n <= bytes.count - offset else { throw Corrupt() }
        var out: [String] = []
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    @inline(__always)
    mutating func u8() throws(Corrupt) -> UInt8 {
        guard offset < bytes.count else { throw Corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u64() throws(Corrupt) -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    mutating func count() throws(Corrupt) -> Int {
        // Most counts are one byte.
        let first = try u8()
        return first < 0x80 ? Int(first) : try longCount(first)
    }

    private mutating func longCount(_ first: UInt8) throws(Corrupt) -> Int {
        var v = UInt64(first & 0x7F), shift: UInt64 = 7
        while true {
            let b = try u8()
            guard shift < 63 else { throw Corrupt() }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        guard v <= UInt64(Int.max) else { throw Corrupt() }
        return Int(v)
    }

    mutating func int() throws(Corrupt) -> Int {
        let z = UInt(try count())
        return Int(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
    }

    mutating func string() throws(Corrupt) -> String {
        let n = try count()
        guard n < table.count else { throw Corrupt() }
        return table[n]
    }

    mutating func inline() throws(Corrupt) -> String {
        let length = try count()
        guard length <= bytes.count - offset else { throw Corrupt() }
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    }

    mutating func optionalInline() throws(Corrupt) -> String? {
        try u8() == 0 ? nil : try inline()
    }

    mutating func optionalString() throws(Corrupt) -> String? {
        try u8() == 0 ? nil : try string()
    }

    mutating func date() throws(Corrupt) -> PartialDate {
        let y = try count(), m = try u8(), d = try u8()
        guard let date = PartialDate(year: y, month: m == 0 ? nil : Int(m), day: d == 0 ? nil : Int(d)) else { throw Corrupt() }
        return date
    }

    mutating func double() throws(Corrupt) -> Double { Double(bitPattern: try u64()) }

    mutating func choice<E: CaseIterable>(_ type: E.Type) throws(Corrupt) -> E where E.AllCases.Index == Int {
        let n = Int(try u8())
        guard n < E.allCases.count else { throw Corrupt() }
        return E.allCases[n]
    }

    mutating func ids() throws(Corrupt) -> [String] {
        let n = try count()
        if n == 0 { return [] }
        guard n <= bytes.count - offset else { throw Corrupt() }
        if n == 1 { return [try string()] }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}

/// A fast 64-bit checksum of bytes, for telling a damaged cache from a good one; not a
/// cryptographic hash. Four lanes take a 32-byte block a word each (xor, multiply by an odd
/// constant, rotate: each step is one-to-one, so a change confined to one word always
/// changes the sum), and run in parallel on the CPU: a 300 MB cache sums in about 30 ms.
struct Checksum {
    static let block = 32
    static let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let k2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var a: UInt64, b: UInt64, c: UInt64, d: UInt64
    private var length = 0
    private(set) var value: UInt64 = 0

    init(seed: UInt64 = 0) {
        a = seed ^ 0x243F_6A88_85A3_08D3; b = seed ^ 0x1319_8A2E_0370_7344
        c = seed ^ 0xA409_3822_299F_31D0; d = seed ^ 0x082E_FA98_EC4E_6C89
    }

    @inline(__always) private static func step(_ h: UInt64, _ w: UInt64) -> UInt64 { ((h ^ w) &* k2).rotated(31) }

    /// Adds whole blocks (`bytes.count` a multiple of `block`).
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count / Checksum.block
        var (a, b, c, d) = (self.a, self.b, self.c, self.d)
        var at = 0
        for _ in 0..<n {
            a = Checksum.step(a, bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            b = Checksum.step(b, bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            c = Checksum.step(c, bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self))
            d = Checksum.step(d, bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self))
            at += Checksum.block
        }
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
        length += n * Checksum.block
    }

    /// Adds the last bytes (any number) and sets `value`.
    mutating func finish(_ bytes: UnsafeRawBufferPointer) {
        let whole = bytes.count & ~(Checksum.block - 1)
        add(UnsafeRawBufferPointer(rebasing: bytes[0..<whole]))
        // Up to three whole words and a part of one, a lane each.
        var lane = 0, k = whole
        while k < bytes.count {
            var w: UInt64 = 0
            if bytes.count - k >= 8 {
                w = bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                k += 8
            } else {
                while k < bytes.count { w = w << 8 | UInt64(bytes[k]); k += 1 }
            }
            switch lane {
            case 0: a = Checksum.step(a, w)
            case 1: b = Checksum.step(b, w)
            case 2: c = Checksum.step(c, w)
            default: d = Checksum.step(d, w)
            }
            lane += 1
        }
        length += bytes.count - whole
        var h = UInt64(length) &* Checksum.k1
        h = Checksum.step(h, a); h = Checksum.step(h, b); h = Checksum.step(h, c); h = Checksum.step(h, d)
        value = h ^ (h >> 29)
    }

    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var sum = Checksum(seed: seed)
        sum.finish(bytes)
        return sum.value
    }
}

extension UInt64 {
    func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
