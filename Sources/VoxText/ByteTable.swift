/// A hash table from short byte strings to `Int32` values, for looking words up while scanning
/// text without making a `String` for each one.
///
/// Open addressing with linear probing over FNV-1a hashes; keys are stored end to end in one byte
/// array and compared byte for byte on a hash match. Built once, then only read.
public struct ByteTable: Sendable {
    private var slots: [Slot]
    private var keyBytes: [UInt8] = []
    public private(set) var count = 0

    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var keyStart: Int32 = -1
        var keyLength: Int32 = 0
        var value: Int32 = 0
    }

    public init() {
        slots = Array(repeating: Slot(), count: 64)
    }

    public static func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Inserts or replaces `key`'s value.
    public mutating func insert(_ key: [UInt8], value: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[index].keyStart >= 0 {
            if slots[index].hash == hash, equals(slots[index], key[...]) {
                slots[index].value = value
                return
            }
            index = (index + 1) & (slots.count - 1)
        }
        slots[index] = Slot(hash: hash, keyStart: Int32(keyBytes.count), keyLength: Int32(key.count), value: value)
        keyBytes.append(contentsOf: key)
        count += 1
    }

    public func find(_ key: ArraySlice<UInt8>) -> Int32? {
        key.withUnsafeBufferPointer { find($0) }
    }

    public func find(_ key: ArraySlice<UInt8>, hash: UInt64) -> Int32? {
        key.withUnsafeBufferPointer { find($0, hash: hash) }
    }

    /// The lookup the scanners use: bytes in place, no array made for them.
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(key, hash: Self.hash(key))
    }

    public func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        keyBytes.withUnsafeBufferPointer { stored in
            var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while true {
                let slot = slots[index]
                if slot.keyStart < 0 { return nil }
                if slot.hash == hash, Int(slot.keyLength) == key.count, Self.same(stored, from: Int(slot.keyStart), key) {
                    return slot.value
                }
                index = (index + 1) & (slots.count - 1)
            }
        }
    }

    @inline(__always)
    private static func same(_ stored: UnsafeBufferPointer<UInt8>, from start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < key.count {
            if stored[start + offset] != key[offset] { return false }
            offset += 1
        }
        return true
    }

    public func find(_ key: String) -> Int32? {
        find(Array(key.utf8)[...])
    }

    private func equals(_ slot: Slot, _ key: ArraySlice<UInt8>) -> Bool {
        guard Int(slot.keyLength) == key.count else { return false }
        let start = Int(slot.keyStart)
        return keyBytes[start..<(start + key.count)].elementsEqual(key)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        for slot in old where slot.keyStart >= 0 {
            var index = Int(truncatingIfNeeded: slot.hash) & (slots.count - 1)
            while slots[index].keyStart >= 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = slot
        }
    }
}
