#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One stored copy of each distinct text, found by its bytes: a million rows naming a
/// hundred places hold a hundred strings. Texts are equal here when their UTF-8 bytes are
/// (a `[String: String]` would also take canonically equivalent spellings for one, and
/// hashes every text that is not ASCII through Unicode normalization: each GDELT title,
/// with its `→`, would pay for that).
struct StringTable {
    private var strings: [String] = []
    private var hashes: [UInt64] = []
    /// Open addressing: an index into `strings`, or -1 for an empty slot.
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    /// Per table: a file cannot be made to collide on purpose.
    private let seed = UInt64.random(in: 1...UInt64.max)

    var count: Int { strings.count }

    mutating func interned(_ text: String) -> String {
        var contiguous = text
        return contiguous.withUTF8 { interned(utf8: $0, else: text) }
    }

    /// The stored text whose UTF-8 is `bytes` (which must be valid UTF-8), made from them
    /// only when it is new: a title repeated on a thousand rows is made once.
    mutating func interned(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        interned(utf8: bytes, else: String(decoding: bytes, as: UTF8.self))
    }

    private mutating func interned(utf8 bytes: UnsafeBufferPointer<UInt8>, else make: @autoclosure () -> String) -> String {
        let hash = StringTable.hash(bytes, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let i = Int(slots[slot])
            if hashes[i] == hash, StringTable.same(&strings[i], bytes) { return strings[i] }
            slot = (slot + 1) & mask
        }
        let text = make()
        guard strings.count < Int(Int32.max) else { return text }
        slots[slot] = Int32(strings.count)
        strings.append(text)
        hashes.append(hash)
        if strings.count * 4 > slots.count * 3 { grow() }
        return text
    }

    private static func same(_ a: inout String, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        a.withUTF8 { x in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
    }

    private mutating func grow() {
        var slots = [Int32](repeating: -1, count: self.slots.count * 2)
        let mask = slots.count - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
        self.slots = slots
    }

    /// A 64-bit hash of bytes, eight at a time (multiply and fold, as wyhash does).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = mix(h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < bytes.count {
            var last: UInt64 = 0
            for k in i..<bytes.count { last |= UInt64(bytes[k]) << (8 * UInt64(k - i)) }
            h = mix(h ^ last)
        }
        return mix(h)
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        let m = x.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return m.high ^ m.low
    }
}
