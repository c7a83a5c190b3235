/// The ids a source has seen, for dropping duplicates. An open-addressing table keyed by a
/// 64-bit FNV-1a hash of the id's UTF-8 bytes: `Set<String>` re-hashes every id with SipHash
/// each time it grows, which cost more than parsing the rows. Equal hashes are confirmed by
/// comparing the ids themselves, so a collision can never drop a record.
struct IDSet {
    private var hashes: [UInt64]
    private var ids: [String?]
    private(set) var count = 0

    init() {
        hashes = [UInt64](repeating: 0, count: 1024)
        ids = [String?](repeating: nil, count: 1024)
    }

    /// Adds `id`; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        if (count + 1) * 4 > hashes.count * 3 { grow() }
        let hash = Self.hash(id)
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let existing = ids[slot] {
            if hashes[slot] == hash, existing == id { return false }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        ids[slot] = id
        count += 1
        return true
    }

    private mutating func grow() {
        let oldHashes = hashes, oldIDs = ids
        hashes = [UInt64](repeating: 0, count: oldHashes.count * 2)
        ids = [String?](repeating: nil, count: oldHashes.count * 2)
        let mask = hashes.count - 1
        for index in oldIDs.indices {
            guard let id = oldIDs[index] else { continue }
            var slot = Int(truncatingIfNeeded: oldHashes[index]) & mask
            while ids[slot] != nil { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[index]
            ids[slot] = id
        }
    }

    /// FNV-1a, then a final mix so that the low bits (the slot) depend on every byte.
    static func hash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}
