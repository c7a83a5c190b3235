/// Gives each distinct value a small integer id (0, 1, 2… in first-seen order) and the value
/// back for an id, so that values repeated across a run's records — conversation keys, agent
/// names, segment sets — are stored once and referred to by four bytes.
///
/// An open-addressing table of ids (four bytes a slot) beside the values themselves and their
/// hashes: a `Dictionary<Value, UInt32>` would keep a second copy of every value. Slots are placed by
/// `hashValue`, which Swift seeds per process; that moves slots only, never ids, which depend on
/// insertion order alone. Ids are local to one table: merging tables maps them (`ids(for:)`).
struct InternTable<Value: Hashable & Sendable>: Sendable {
    private(set) var values: [Value] = []
    /// Each value's `hashValue`, kept beside it: growing places the values again without hashing
    /// them (conversation keys are two strings, and the tables of a run's chunks and partitions
    /// start small: growing was 39 % of interning), and a probe compares hashes before values.
    private var hashes: [Int] = []
    /// 0 is an empty slot, otherwise 1 + the value's id.
    private var slots = [UInt32](repeating: 0, count: 16)

    var count: Int { values.count }

    subscript(id: UInt32) -> Value { values[Int(id)] }

    /// The id of `value`, given a new one if it was not there yet.
    mutating func id(_ value: Value) -> UInt32 {
        let hash = value.hashValue
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot] - 1)
            if hashes[index] == hash, values[index] == value { return UInt32(index) }
            slot = (slot + 1) & mask
        }
        values.append(value)
        hashes.append(hash)
        slots[slot] = UInt32(values.count)
        if values.count * 4 > slots.count * 3 { grow() }
        return UInt32(values.count - 1)
    }

    /// For each id of `other`, the id the same value has here (added where new), in `other`'s
    /// id order: merging in a fixed order keeps ids deterministic.
    mutating func ids(for other: InternTable<Value>) -> [UInt32] {
        other.values.map { id($0) }
    }

    private mutating func grow() {
        var grown = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = hash & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = UInt32(index + 1)
        }
        slots = grown
    }
}
