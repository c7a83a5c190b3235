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
