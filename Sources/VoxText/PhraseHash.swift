import VoxModel

/// A stable 64-bit FNV-1a hash of UTF-8 text. Discovery keeps phrases as these hashes so that a
/// record's phrases cost 8 bytes each, and samples background records by the hash of their text,
/// so that the sample does not depend on record order or thread count.
public enum PhraseHash {
    public static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    public static func of(_ text: String) -> UInt64 { add(text, to: start) }

    /// The first slot for `hash` in an open-addressing table of `mask + 1` slots (a power of
    /// two). FNV-1a's low bits mix poorly for short keys, so the high bits are folded in.
    @inline(__always)
    public static func slot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
    }

    @inline(__always)
    public static func add(_ byte: UInt8, to hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    public static func add(_ text: String, to hash: UInt64) -> UInt64 {
        // Over the contiguous bytes: iterating `utf8` cost several times the hash itself, and
        // every customer record's whole text is hashed for the background sample.
        return text.withUTF8Bytes { bytes in
            var hash = hash
            for byte in bytes { hash = add(byte, to: hash) }
            return hash
        }
    }
}
