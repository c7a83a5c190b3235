import VoxModel

/// The number of `Character`s in a text, counted on its bytes when it is ASCII.
///
/// `String.count` walks grapheme clusters, a few dozen instructions a byte; per-record code that
/// needs a length in characters (quote candidates prefer texts near 140) pays that for every
/// record. In ASCII every byte is a character except that CR LF is one.
public enum CharacterCount {
    public static func of(_ text: String) -> Int {
        let ascii = text.withUTF8Bytes { bytes -> Int? in
            var pairs = 0
            var previous: UInt8 = 0
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: "\n"), previous == UInt8(ascii: "\r") { pairs += 1 }
                previous = byte
            }
            return bytes.count - pairs
        }
        return ascii ?? text.count
    }
}
