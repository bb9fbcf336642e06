#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The facts of a cache file (what is not a column: the report, the description, the
/// parties and actors): little-endian integers, variable-length counts, strings in place.
struct FactsWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    /// Unsigned LEB128.
    mutating func count(_ v: Int) {
        var v = UInt64(max(0, v))
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func inline(_ s: String) {
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optionalInline(_ s: String?) {
        u8(s == nil ? 0 : 1)
        if let s { inline(s) }
    }
}

/// Reads what `FactsWriter` wrote. Any inconsistency (a count past the end, an unknown
/// enum value) throws: a cache that does not read back whole is
/// rebuilt, never half-trusted.
struct CacheReader {
    struct Corrupt: Error {}

    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

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

    mutating func inline() throws(Corrupt) -> String {
        let length = try count()
        guard length <= bytes.count - offset else { throw Corrupt() }
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    }

    mutating func optionalInline() throws(Corrupt) -> String? {
        try u8() == 0 ? nil : try inline()
    }

    mutating func choice<E: CaseIterable>(_ type: E.Type) throws(Corrupt) -> E where E.AllCases.Index == Int {
        let n = Int(try u8())
        guard n < E.allCases.count else { throw Corrupt() }
        return E.allCases[n]
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
