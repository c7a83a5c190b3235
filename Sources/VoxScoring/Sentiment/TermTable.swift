import Foundation

/// A read-only map from normalised terms (UTF-8 bytes) to dense term ids, built once per scorer.
///
/// Why not `[String: Int]`: the scorer looks up every token of every text, and making a `String`
/// per token (plus SipHash over it) costs more than the rest of the scoring. This table is keyed
/// by byte slices straight out of the text, hashed with FNV-1a while the tokenizer scans, and
/// probed linearly in a power-of-two slot array; a hit is confirmed by comparing the bytes.
struct TermTable: Sendable {
    /// Every key's bytes, back to back; key `id` spans `keyStarts[id]..<keyStarts[id + 1]`.
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    /// Slot → term id + 1 (0: empty). Kept at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var slotHashes: [UInt64] = Array(repeating: 0, count: 64)

    var count: Int { keyStarts.count - 1 }

    /// The arrays, for `TermLookup` to copy.
    var storage: (slots: [Int32], hashes: [UInt64], bytes: [UInt8], starts: [Int]) { (slots, slotHashes, keyBytes, keyStarts) }

    /// FNV-1a 64-bit offset basis and prime.
    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let hashPrime: UInt64 = 0x100_0000_01b3

    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* hashPrime
    }

    static func hash<C: Sequence>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        bytes.reduce(hashSeed, hash)
    }

    /// The id of `term`, adding it when new.
    mutating func intern(_ term: String) -> Int32 {
        let bytes = Array(term.utf8)
        let hash = Self.hash(bytes)
        let found = bytes.withUnsafeBufferPointer { lookup($0, hash: hash) }
        if found >= 0 { return found }
        let id = Int32(count)
        keyBytes += bytes
        keyStarts.append(keyBytes.count)
        if count * 2 > slots.count { grow() }
        insert(id: id, hash: hash)
        return id
    }

    /// The id of the term whose bytes are `key` (and whose FNV-1a hash is `hash`), or −1.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            slotHashes.withUnsafeBufferPointer { hashes in
                keyBytes.withUnsafeBufferPointer { bytes in
                    keyStarts.withUnsafeBufferPointer { starts in
                        while true {
                            let entry = slots[slot]
                            if entry == 0 { return -1 }
                            if hashes[slot] == hash {
                                let id = Int(entry - 1)
                                let start = starts[id], end = starts[id + 1]
                                if end - start == key.count, memcmp(bytes.baseAddress! + start, key.baseAddress!, key.count) == 0 {
                                    return Int32(id)
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    func lookup(_ term: String) -> Int32 {
        let bytes = Array(term.utf8)
        return bytes.withUnsafeBufferPointer { lookup($0, hash: Self.hash(bytes)) }
    }

    /// The term's text, for explanations.
    func term(_ id: Int32) -> String {
        String(decoding: keyBytes[keyStarts[Int(id)]..<keyStarts[Int(id) + 1]], as: UTF8.self)
    }

    private mutating func insert(id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
        slotHashes[slot] = hash
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = Array(repeating: 0, count: capacity)
        slotHashes = Array(repeating: 0, count: capacity)
        for id in 0..<count {
            insert(id: Int32(id), hash: Self.hash(keyBytes[keyStarts[id]..<keyStarts[id + 1]]))
        }
    }
}

/// A finished `TermTable` packed for the scorer: no reference counting, no bounds checks, and
/// small enough to stay in cache. Each slot is one `UInt64`: the hash's top 24 bits (a tag that
/// rejects almost every wrong slot without touching the keys), the term id + 1 (20 bits) and the
/// offset of the key in `keyBytes` (20 bits), where each key is stored as its length byte and its
/// bytes. The table is at most three-quarters full: 16 K slots, 128 KB, for the default lexicons.
final class TermLookup: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<UInt64>
    private let keyBytes: UnsafeMutableBufferPointer<UInt8>
    private let mask: Int
    /// A Bloom filter of the keys (two bits a key, 2^17 bits = 16 KB, so it stays in cache): most
    /// words of a text are in no lexicon, and this answers "no" for them without touching the
    /// slots (about 1 % false positives for 8,000 terms).
    private let filter: UnsafeMutableBufferPointer<UInt64>
    private static let filterBits = 1 << 17

    init(_ table: TermTable) {
        let parts = table.storage
        let count = parts.starts.count - 1
        precondition(count < 1 << 20, "more than a million lexicon terms")
        var capacity = 16
        while capacity * 3 < count * 4 { capacity *= 2 }
        mask = capacity - 1
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for id in 0..<count {
            let key = parts.bytes[parts.starts[id]..<parts.starts[id + 1]]
            precondition(key.count < 256, "a lexicon term is longer than 255 bytes")
            offsets.append(bytes.count)
            bytes.append(UInt8(key.count))
            bytes += key
        }
        precondition(bytes.count < 1 << 20, "lexicon keys exceed 1 MiB")
        slots = UnsafeMutableBufferPointer.allocate(capacity: capacity)
        slots.initialize(repeating: 0)
        filter = UnsafeMutableBufferPointer.allocate(capacity: Self.filterBits / 64)
        filter.initialize(repeating: 0)
        for id in 0..<count {
            let hash = TermTable.hash(parts.bytes[parts.starts[id]..<parts.starts[id + 1]])
            let (first, second) = Self.filterPositions(hash)
            filter[first >> 6] |= 1 << UInt64(first & 63)
            filter[second >> 6] |= 1 << UInt64(second & 63)
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = (hash >> 40) << 40 | UInt64(id + 1) << 20 | UInt64(offsets[id])
        }
        keyBytes = UnsafeMutableBufferPointer.allocate(capacity: max(1, bytes.count))
        _ = keyBytes.initialize(from: bytes)
    }

    deinit {
        slots.deallocate()
        keyBytes.deallocate()
        filter.deallocate()
    }

    /// Two filter bit positions from bits of the hash the slot index does not use much.
    @inline(__always)
    private static func filterPositions(_ hash: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: hash >> 17) & (filterBits - 1), Int(truncatingIfNeeded: hash >> 41) & (filterBits - 1))
    }

    /// The id of the term whose bytes are `key` (FNV-1a hash `hash`), or −1.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let (first, second) = Self.filterPositions(hash)
        guard filter[first >> 6] & (1 << UInt64(first & 63)) != 0, filter[second >> 6] & (1 << UInt64(second & 63)) != 0 else {
            return -1
        }
        var index = Int(truncatingIfNeeded: hash) & mask
        let tag = hash >> 40
        while true {
            let slot = slots[index]
            if slot == 0 { return -1 }
            if slot >> 40 == tag {
                let offset = Int(slot & 0xF_FFFF)
                if Int(keyBytes[offset]) == key.count {
                    var equal = true
                    for position in 0..<key.count where keyBytes[offset + 1 + position] != key[position] {
                        equal = false
                        break
                    }
                    if equal { return Int32((slot >> 20) & 0xF_FFFF) - 1 }
                }
            }
            index = (index + 1) & mask
        }
    }

    func lookup(_ term: String) -> Int32 {
        let bytes = Array(term.utf8)
        return bytes.withUnsafeBufferPointer { lookup($0, hash: TermTable.hash(bytes)) }
    }
}
