/// A growable run of bytes for building rendered text. Large tables are written in
/// hundreds of thousands of small pieces; each append here is a bounds check and a
/// `memcpy` or `memset`, without the generic machinery of `Array.append(contentsOf:)`.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    subscript(i: Int) -> UInt8 { base[i] }

    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ p: UnsafePointer<UInt8>, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(from: p, count: n)
        count += n
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let p = bytes.baseAddress { append(p, count: bytes.count) }
    }

    /// Bytes `range` of this same buffer, appended at its end.
    func appendCopy(of range: Range<Int>) {
        reserve(range.count)
        (base + count).initialize(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    /// A native string's bytes are read in place; only a bridged or foreign one is copied.
    func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ append($0) }) != nil { return }
        var s = s
        s.withUTF8 { append($0) }
    }

    func append(spaces n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).initialize(repeating: 32, count: n)
        count += n
    }

    func removeLast() { count -= 1 }

    /// Empty, keeping the capacity.
    func removeAll() { count = 0 }

    /// Trailing spaces after `start`, dropped.
    func trimSpaces(after start: Int) {
        while count > start && base[count - 1] == 32 { count -= 1 }
    }

    /// Bytes `range` as a string.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// The whole buffer as a string. The standard library validates UTF-8 eight bytes at a
    /// time while a piece is all ASCII, but byte by byte (several times slower) through a
    /// piece once it holds any other byte. A large table is mostly ASCII with a few
    /// non-ASCII characters (dashes, marks, quotes) every few lines, so it is converted in
    /// pieces: long ASCII runs on their own, and the stretches around non-ASCII bytes
    /// (cut at ASCII bytes, so never inside a character) on theirs.
    func string() -> String { ByteBuffer.string(utf8: bytes) }

    static func string(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 8192 else { return String(decoding: bytes, as: UTF8.self) }
        func piece(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let gap = 128
        var result = ""
        result.reserveCapacity(count)
        var start = 0
        var lastHigh = -1
        var i = 0
        while true {
            let h = nextNonASCII(bytes, from: i)
            if lastHigh >= 0 && h - lastHigh > gap {
                // The stretch around non-ASCII bytes ends after the last of them.
                result += piece(start..<lastHigh + 1)
                start = lastHigh + 1
                lastHigh = -1
            }
            if lastHigh < 0 && h - start > gap && h < count {
                result += piece(start..<h)
                start = h
            }
            guard h < count else { break }
            lastHigh = h
            i = h + 1
        }
        result += piece(start..<count)
        return result
    }

    /// The index of the first byte ≥ 0x80 at or after `i`, or the end.
    private static func nextNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var i = i
        let count = bytes.count
        guard let base = bytes.baseAddress else { return count }
        while i + 8 <= count {
            let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080
            if x != 0 { return i + x.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count && base[i] < 0x80 { i += 1 }
        return i
    }
}
