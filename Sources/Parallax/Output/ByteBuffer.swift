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

    /// The whole buffer as a string.
    func string() -> String { String(decoding: bytes, as: UTF8.self) }
}
