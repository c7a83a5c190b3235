/// The ids a source has seen, for dropping duplicates. An open-addressing table keyed by a
/// 64-bit FNV-1a hash of the id's UTF-8 bytes: `Set<String>` re-hashes every id with SipHash
/// each time it grows, which cost more than parsing the rows. Equal hashes are confirmed by
/// comparing the ids themselves, so a collision can never drop a record.
struct IDSet {
    /// 0 marks an empty slot (hashes are made odd), so probing reads only this array.
    private var hashes: [UInt64]
    /// Positions in `ids`, parallel to `hashes`.
    private var slots: [Int]
    private var ids: [String] = []

    var count: Int { ids.count }

    init() {
        hashes = [UInt64](repeating: 0, count: 1 << 14)
        slots = [Int](repeating: 0, count: 1 << 14)
    }

    /// Adds `id`; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        if (ids.count + 1) * 4 > hashes.count * 3 { grow() }
        let hash = Self.hash(id)
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, ids[slots[slot]] == id { return false }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        slots[slot] = ids.count
        ids.append(id)
        return true
    }

    private mutating func grow() {
        let oldHashes = hashes, oldSlots = slots
        hashes = [UInt64](repeating: 0, count: oldHashes.count * 2)
        slots = [Int](repeating: 0, count: oldHashes.count * 2)
        let mask = hashes.count - 1
        for index in oldHashes.indices where oldHashes[index] != 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[index]) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[index]
            slots[slot] = oldSlots[index]
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
        return hash | 1
    }
}
