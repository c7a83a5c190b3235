import VoxText

/// A read-only map from 64-bit keys that are well-mixed hashes already (`PhraseHash`) to their
/// positions in a list, by open addressing. `Dictionary` hashes even an integer key again with
/// SipHash: in `TaxonomyMatcher.evidence` that was a third of the work, at every word of every
/// complaint.
struct HashIndex: Sendable {
    private let keys: [UInt64]
    /// The key's position in the list it was made from, or -1 for an empty slot.
    private let positions: [Int32]
    private let mask: Int

    /// Indexes `keys` by their positions; the keys must be distinct.
    init(_ keys: [UInt64]) {
        var size = 16
        while size < 2 * keys.count { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        var positions = [Int32](repeating: -1, count: size)
        for (position, key) in keys.enumerated() {
            var slot = PhraseHash.slot(key, mask: size - 1)
            while positions[slot] >= 0 {
                precondition(slots[slot] != key, "HashIndex: key \(key) given twice")
                slot = (slot + 1) & (size - 1)
            }
            slots[slot] = key
            positions[slot] = Int32(position)
        }
        self.keys = slots
        self.positions = positions
        mask = size - 1
    }

    /// Where `key` was in the list, or nil.
    @inline(__always)
    func position(of key: UInt64) -> Int? {
        var slot = PhraseHash.slot(key, mask: mask)
        while true {
            let position = positions[slot]
            if position < 0 { return nil }
            if keys[slot] == key { return Int(position) }
            slot = (slot + 1) & mask
        }
    }
}
