#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The table of strings an import's columns number: each distinct text's UTF-8 once, in one
/// buffer, found by its bytes' hash (as `StringTable`, but giving numbers).
struct ColumnStrings {
    /// The texts' bytes, grown with `realloc` (which moves a large block's pages rather than
    /// copying them, so a table of 200 MB never stands twice in memory) and handed to the
    /// columns whole (`takeStorage`).
    private let bytes = GrowingBytes()
    private var storage: UnsafeMutablePointer<UInt8> { bytes.base }
    var length: Int { bytes.length }
    private(set) var offsets: [UInt64] = [0]
    private(set) var hashes: [UInt64] = []
    /// Open addressing, at most three quarters full: per slot 0 when empty, else the high half
    /// of the text's hash above its number + 1. A probe tells nearly every other text apart
    /// by the hash in the slot, without reading `hashes` (a cache miss each, in a table of
    /// millions of texts).
    private var slots = [UInt64](repeating: 0, count: 1024)
    /// How many texts the slots hold: all of them, but for a join's (see `Join`).
    private var indexed = 0
    /// Per table: a file cannot be made to collide on purpose. The id tables use it too.
    /// The two halves of a file read at once share one, so that their hashes merge.
    let seed: UInt64
    /// The later half's table while it is joined onto this one (see `beginJoin`).
    private var join: Join?

    init(seed: UInt64 = UInt64.random(in: 1...UInt64.max)) { self.seed = seed }

    var count: Int { hashes.count }

    mutating func number(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { number(utf8: $0) }
    }

    /// The number of a text, added when new.
    mutating func number(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = StringTable.hash(bytes, seed: seed)
        if indexed < count && join == nil { grow(to: slots.count) }
        let (found, slot) = ColumnStrings.probe(slots, hash: hash) { same($0, bytes) }
        if let found { return Int32(found) }
        // In a join, the later half's texts the walk has appended are not in the slots.
        var later: Int?
        if let join, let j = join.find(bytes, hash: hash, in: self) {
            if j < join.walked { return join.numbers[j] }
            later = j
        }
        let k = hashes.count
        slots[slot] = ColumnStrings.entry(k, hash: hash)
        indexed += 1
        append(bytes, hash: hash)
        // A text of the later half given its number before the walk reaches it.
        if let later { join!.numbers[later] = Int32(k) }
        if indexed * 4 > slots.count * 3 { grow() }
        return Int32(k)
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        hashes.append(hash)
        self.bytes.append(bytes)
        offsets.append(UInt64(length))
    }

    /// The slot of text `k` whose hash is `hash`.
    static func entry(_ k: Int, hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 | UInt64(k + 1) }

    /// The first text in `slots` with the hash's high half that `isIt` accepts, else nil and
    /// the empty slot where it would go.
    @inline(__always)
    static func probe(_ slots: [UInt64], hash: UInt64, _ isIt: (Int) -> Bool) -> (found: Int?, slot: Int) {
        let mask = slots.count - 1, high = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            let k = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
            if entry & 0xFFFF_FFFF_0000_0000 == high, isIt(k) { return (k, slot) }
            slot = (slot + 1) & mask
        }
    }

    // MARK: Joining a later half's table

    /// A table being joined onto this one (`ImportBuilder.absorb`), and how far: its texts
    /// before `walked` have their numbers here (`numbers`). Those this table had already are
    /// found in one pass, on both cores, before the walk; the walk appends the others in
    /// order without putting them in the slots, where each of a million new texts (URLs, row
    /// ids) would cost a cache miss to place and nothing would look for it again. The only
    /// lookups during the walk are the declarations given again (ids), which are looked for
    /// in the later table's own slots too; a text a declaration adds that the later table
    /// holds further on is given its number there and then.
    private final class Join {
        let later: ColumnStrings
        var numbers: [Int32]
        var walked = 0

        init(_ later: ColumnStrings, numbers: [Int32]) {
            self.later = later
            self.numbers = numbers
        }

        /// The later table's text equal to `bytes` (compared where it is now: here once
        /// walked, since the later table's walked bytes are handed back).
        func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, in table: ColumnStrings) -> Int? {
            ColumnStrings.probe(later.slots, hash: hash) { j in
                j < walked ? table.same(Int(numbers[j]), bytes) : later.same(j, bytes)
            }.found
        }
    }

    /// Starts joining `later` (the same seed) onto this table, to be walked text by text
    /// with `joinNext` and ended with `endJoin`.
    mutating func beginJoin(_ later: ColumnStrings) {
        precondition(later.seed == seed && join == nil)
        if indexed < count { grow(to: slots.count) }
        let numbers = found(in: later)
        hashes.reserveCapacity(count + later.count)
        offsets.reserveCapacity(count + later.count + 1)
        join = Join(later, numbers: numbers)
    }

    /// Per text of `later`, its number here or -1: a lookup that only reads, so done in two
    /// halves at once.
    private func found(in later: ColumnStrings) -> [Int32] {
        var numbers = Memory.hugeArray(repeating: Int32(-1), count: later.count)
        numbers.withUnsafeMutableBufferPointer { p in
            let numbers = p, n = later.count
            func look(_ range: Range<Int>) {
                for k in range {
                    let text = later.utf8(Int32(k))
                    numbers[k] = ColumnStrings.probe(slots, hash: later.hashes[k]) { same($0, text) }.found.map(Int32.init) ?? -1
                }
            }
            Concurrently.run({ look(0..<n / 2) }, { look(n / 2..<n) }, parallel: Concurrently.splits(n, from: 1 << 14))
        }
        return numbers
    }

    /// Numbers the later table's next text: found here, or given by a declaration since;
    /// else appended now, unless `adding` is false (then false).
    mutating func joinNext(adding: Bool) -> Bool {
        let join = join!
        let k = join.walked
        if k & 0xFFFF == 0 { join.later.discard(upTo: k) }
        var n = join.numbers[k]
        if n < 0 {
            guard adding else { return false }
            n = Int32(count)
            append(join.later.utf8(Int32(k)), hash: join.later.hashes[k])
            join.numbers[k] = n
        }
        join.walked = k + 1
        return true
    }

    /// The number here of the later table's text `k`, already walked.
    func joined(_ k: Int) -> Int32 { join!.numbers[k] }

    /// Ends the join: per text of the later table, its number here.
    mutating func endJoin() -> [Int32] {
        let numbers = join!.numbers
        join = nil
        return numbers
    }

    private func same(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(offsets[k]), b = Int(offsets[k + 1])
        guard b - a == bytes.count else { return false }
        return bytes.isEmpty || memcmp(storage + a, bytes.baseAddress!, bytes.count) == 0
    }

    func string(_ k: Int32) -> String { String(decoding: utf8(k), as: UTF8.self) }

    func utf8(_ k: Int32) -> UnsafeBufferPointer<UInt8> {
        let a = Int(offsets[Int(k)]), b = Int(offsets[Int(k) + 1])
        return UnsafeBufferPointer(start: storage + a, count: b - a)
    }

    /// Makes room for about `texts` texts of `bytes` bytes in all (see `ImportBuilder.reserve`).
    mutating func reserveStorage(texts: Int, bytes: Int) {
        hashes.reserveCapacity(texts)
        offsets.reserveCapacity(texts + 1)
        Memory.preferHugePages(&hashes)
        Memory.preferHugePages(&offsets)
        self.bytes.reserve(bytes)
    }

    /// Hands back the memory of the bytes of the texts before `k`, which are no longer read:
    /// a table being merged into another (`ImportBuilder.absorb`) does not stand twice in memory.
    func discard(upTo k: Int) { bytes.discard(upTo: Int(offsets[k])) }

    /// Lets go of the open-addressing slots once no text is added (tens of MB at a million rows).
    mutating func stopAdding() { (slots, indexed) = ([], 0) }

    /// The bytes, as a block the columns own (freed with `free`); the table is empty after.
    mutating func takeStorage() -> UnsafeRawBufferPointer {
        let block = bytes.take()
        (offsets, hashes) = ([0], [])
        (slots, indexed) = ([UInt64](repeating: 0, count: 1024), 0)
        return block
    }

    /// Puts every text in slots of at least `size` (twice as many as now by default).
    private mutating func grow(to size: Int? = nil) {
        var size = max(1024, size ?? slots.count * 2)
        while count * 4 > size * 3 { size *= 2 }
        var bigger = Memory.hugeArray(repeating: UInt64(0), count: size)
        let mask = bigger.count - 1
        for (k, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = ColumnStrings.entry(k, hash: h)
        }
        slots = bigger
        indexed = count
    }
}

/// Bytes appended to one `malloc` block, freed with this object unless taken.
final class GrowingBytes {
    private(set) var base = malloc(1 << 16)!.assumingMemoryBound(to: UInt8.self)
    private var capacity = 1 << 16
    private(set) var length = 0

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if length + bytes.count > capacity {
            capacity = max(capacity * 2, length + bytes.count)
            base = realloc(base, capacity)!.assumingMemoryBound(to: UInt8.self)
        }
        if let from = bytes.baseAddress { (base + length).update(from: from, count: bytes.count) }
        length += bytes.count
    }

    /// Room for `capacity` bytes in all (`realloc` maps a large block without touching it).
    func reserve(_ capacity: Int) {
        // Room refused (a strict overcommit policy) is no error: the bytes grow as they come.
        guard capacity > self.capacity, let grown = realloc(base, capacity) else { return }
        self.capacity = capacity
        base = grown.assumingMemoryBound(to: UInt8.self)
    }

    /// Hands the whole pages below `offset` back to the system (they read as zeros after):
    /// for bytes that are read once more, in order, and then freed.
    private var discarded = 0
    func discard(upTo offset: Int) {
        let page = MappedPages.pageSize
        let start = (Int(bitPattern: base) + discarded + page - 1) / page * page
        let end = (Int(bitPattern: base) + offset) / page * page
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED)
        discarded = end - Int(bitPattern: base)
    }

    /// The bytes as a block of their own size, for the caller to `free`; empty after.
    func take() -> UnsafeRawBufferPointer {
        let block = UnsafeRawBufferPointer(start: realloc(base, max(length, 1)), count: length)
        base = malloc(1 << 16)!.assumingMemoryBound(to: UInt8.self)
        (capacity, length, discarded) = (1 << 16, 0, 0)
        return block
    }

    deinit { free(base) }
}

