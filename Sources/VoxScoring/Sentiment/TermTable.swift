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

/// A finished `TermTable` in memory the scorer reads without reference counting or bounds checks.
/// Each slot holds the full hash, the id and where the key's bytes are, so that a lookup touches
/// one slot and the key's bytes: two cache lines, where the builder's separate arrays took four.
final class TermLookup: @unchecked Sendable {
    struct Slot {
        var hash: UInt64
        /// Term id + 1; 0: empty.
        var entry: UInt32
        /// Offset of the key in `keyBytes` (low 24 bits) and its length (high 8 bits).
        var key: UInt32
    }

    private let slots: UnsafeMutableBufferPointer<Slot>
    private let keyBytes: UnsafeMutableBufferPointer<UInt8>
    private let mask: Int

    init(_ table: TermTable) {
        let parts = table.storage
        precondition(parts.bytes.count < 1 << 24, "lexicon keys exceed 16 MiB")
        slots = UnsafeMutableBufferPointer.allocate(capacity: parts.slots.count)
        for (index, entry) in parts.slots.enumerated() {
            var key: UInt32 = 0
            if entry > 0 {
                let start = parts.starts[Int(entry - 1)], length = parts.starts[Int(entry)] - start
                precondition(length < 256, "a lexicon term is longer than 255 bytes")
                key = UInt32(start) | UInt32(length) << 24
            }
            slots[index] = Slot(hash: parts.hashes[index], entry: UInt32(entry), key: key)
        }
        keyBytes = UnsafeMutableBufferPointer.allocate(capacity: parts.bytes.count + 1)
        _ = keyBytes.initialize(from: parts.bytes + [0])
        mask = parts.slots.count - 1
    }

    deinit {
        slots.deallocate()
        keyBytes.deallocate()
    }

    /// The id of the term whose bytes are `key` (FNV-1a hash `hash`), or −1.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.entry == 0 { return -1 }
            if slot.hash == hash, Int(slot.key >> 24) == key.count {
                let start = Int(slot.key & 0xFF_FFFF)
                var equal = true
                for offset in 0..<key.count where keyBytes[start + offset] != key[offset] {
                    equal = false
                    break
                }
                if equal { return Int32(slot.entry - 1) }
            }
            index = (index + 1) & mask
        }
    }

    func lookup(_ term: String) -> Int32 {
        let bytes = Array(term.utf8)
        return bytes.withUnsafeBufferPointer { lookup($0, hash: TermTable.hash(bytes)) }
    }
}
