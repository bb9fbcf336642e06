/// The bytes of a cache file: little-endian integers, variable-length counts, and strings
/// as numbers into one table, so each distinct string (a host, a party id, a place) is
/// stored and later made once, and shared by every entity that holds it.
struct CacheWriter {
    var bytes: [UInt8] = []
    private var strings: [String: UInt32] = [:]
    private var table: [String] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Unsigned LEB128.
    mutating func count(_ v: Int) {
        var v = UInt64(max(0, v))
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A signed number, zig-zag encoded.
    mutating func int(_ v: Int) { count(Int(bitPattern: UInt(bitPattern: (v << 1) ^ (v >> 63)))) }

    mutating func string(_ s: String) {
        if let n = strings[s] { count(Int(n)); return }
        let n = UInt32(table.count)
        strings[s] = n
        table.append(s)
        count(Int(n))
    }

    /// A string written in place, for the ones each entity has its own of (ids, titles, URLs):
    /// a table entry would cost a hash and a lookup and save nothing.
    mutating func inline(_ s: String) {
        var s = s
        s.withUTF8 { u in
            count(u.count)
            bytes.append(contentsOf: u)
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

    /// The string table, then the body written so far: what a reader meets first it needs first.
    func finished() -> [UInt8] {
        var head = CacheWriter()
        head.count(table.count)
        for s in table {
            head.count(s.utf8.count)
            head.bytes.append(contentsOf: s.utf8)
        }
        return head.bytes + bytes
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

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func readTable() throws(Corrupt) {
        let n = try count()
        guard n <= bytes.count else { throw Corrupt() }
        table.reserveCapacity(n)
        for _ in 0..<n {
            let length = try count()
            guard length <= bytes.count - offset else { throw Corrupt() }
            table.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self))
            offset += length
        }
    }

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

    mutating func count() throws(Corrupt) -> Int {
        var v: UInt64 = 0, shift: UInt64 = 0
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
        guard n <= bytes.count - offset else { throw Corrupt() }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}

/// A fast 64-bit checksum of bytes (eight at a time, multiply and rotate), for telling a
/// damaged cache from a good one; not a cryptographic hash.
enum Checksum {
    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var h = seed ^ UInt64(bytes.count)
        let words = bytes.count / 8
        var i = 0
        while i < words {
            let w = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            h = (h ^ (w &* 0xFF51_AFD7_ED55_8CCD)).rotated(31) &* 0xC4CE_B9FE_1A85_EC53
            i += 1
        }
        var tail: UInt64 = 0
        for k in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[k]) }
        h = (h ^ tail).rotated(29) &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 32)
    }
}

extension UInt64 {
    func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
