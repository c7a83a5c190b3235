/// A stable 64-bit FNV-1a hash of UTF-8 text. Discovery keeps phrases as these hashes so that a
/// record's phrases cost 8 bytes each, and samples background records by the hash of their text,
/// so that the sample does not depend on record order or thread count.
public enum PhraseHash {
    public static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The distinct hashes of phrase keys, sorted (records compare and intersect them cheaply).
    public static func set(_ keys: some Sequence<String>) -> [UInt64] {
        Array(Set(keys.map(of))).sorted()
    }
}
