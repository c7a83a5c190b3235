/// The ids a source has seen, for dropping duplicates: an open-addressing table keyed by a
/// 64-bit FNV-1a hash of the id's UTF-8 bytes (`Set<String>` re-hashes every id with SipHash
/// each time it grows, which cost more than parsing the rows).
///
/// Eight bytes a slot and the ids' bytes once: each slot packs 24 bits of the hash with the
/// position of the id in `bytes`, where ids lie one after another, each behind its length (a
/// `String` and two 8-byte slots an id made a million ids cost 48 MB; this way, 25 MB). Equal
/// hash bits are confirmed by comparing the bytes, so a collision can never drop a record.
struct IDSet {
    /// 0 marks an empty slot; otherwise the hash's top 24 bits above 1 + the id's offset in `bytes`.
    private var slots: [UInt64]
    /// Every id: its length as LEB128, then its UTF-8.
    private var bytes: [UInt8] = []
    private(set) var count = 0

    private static let offsetBits: UInt64 = 40
    private static let offsetMask: UInt64 = (1 << offsetBits) - 1

    init() {
        slots = [UInt64](repeating: 0, count: 1 << 14)
    }

    /// Adds `id`; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        var id = id
        return id.withUTF8 { insert($0) }
    }

    private mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = Self.hash(id)
        let tag = hash & ~Self.offsetMask
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] & ~Self.offsetMask == tag, stored(at: Int(slots[slot] & Self.offsetMask) - 1).elementsEqual(id) {
                return false
            }
            slot = (slot + 1) & mask
        }
        precondition(UInt64(bytes.count) < Self.offsetMask, "IDSet: more than 1 TB of record ids")
        slots[slot] = tag | UInt64(bytes.count + 1)
        var length = id.count
        while length >= 0x80 {
            bytes.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: id)
        count += 1
        return true
    }

    /// The id stored at `offset` (its length first).
    private func stored(at offset: Int) -> ArraySlice<UInt8> {
        var position = offset, length = 0, shift = 0
        while true {
            let byte = bytes[position]
            position += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return bytes[position..<position + length]
    }

    private mutating func grow() {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for entry in slots where entry != 0 {
            let hash = stored(at: Int(entry & Self.offsetMask) - 1).withUnsafeBufferPointer(Self.hash)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = entry
        }
        slots = grown
    }

    /// FNV-1a, then a final mix so that the low bits (the slot) and the high bits (the tag)
    /// depend on every byte.
    static func hash(_ id: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}
