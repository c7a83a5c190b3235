import VoxModel

/// JSON string quoting shared by every writer (records, rejects, reports, `vox score`), so that
/// all of them escape control characters, quotes and backslashes the same way.
public enum JSONString {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string literal, quotes included. Non-ASCII characters are kept as UTF-8.
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, quotes included, to `out`.
    ///
    /// Works on the UTF-8 bytes: most texts need no escape at all and cost one scan and one copy
    /// (records.jsonl quotes every text and key of every record, straight into its line's bytes).
    public static func append(_ text: String, to out: inout [UInt8]) {
        text.withUTF8Bytes { append(utf8: $0, to: &out) }
    }

    /// `append(_:to:)` on the string's UTF-8 bytes.
    private static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        guard let first = firstMayNeedEscape(bytes) else {
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        out.append(contentsOf: bytes[..<first])
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): appendPair(UInt8(ascii: "\""), to: &out)
            case UInt8(ascii: "\\"): appendPair(UInt8(ascii: "\\"), to: &out)
            case UInt8(ascii: "\n"): appendPair(UInt8(ascii: "n"), to: &out)
            case UInt8(ascii: "\r"): appendPair(UInt8(ascii: "r"), to: &out)
            case UInt8(ascii: "\t"): appendPair(UInt8(ascii: "t"), to: &out)
            case 0..<0x20, 0x7F: appendEscape(UInt32(byte), to: &out)
            case 0xE2 where isLineOrParagraphSeparator(bytes, at: index):
                // U+2028/2029 break JavaScript consumers of JSON.
                appendEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                index += 2
            default:
                // Copy up to the next byte that may need escaping in one run: a text with
                // one non-ASCII letter would otherwise go a byte at a time from there on.
                var end = index + 1
                while end < bytes.count, !mayNeedEscape(bytes[end]) { end += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                continue
            }
            index += 1
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A backslash and `letter`.
    private static func appendPair(_ letter: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(letter)
    }

    /// The first byte that `mayNeedEscape`, looking at eight bytes at a time: every text of every
    /// record is scanned, and almost none has such a byte.
    private static func firstMayNeedEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !wordMayNeedEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let end = min(index + 8, bytes.count)
            while index < end {
                if mayNeedEscape(bytes[index]) { return index }
                index += 1
            }
        }
        return nil
    }

    /// True when one of the eight bytes is below 0x20, a quote, a backslash or DEL, or not ASCII
    /// (which covers 0xE2): the bit tricks for "has a zero byte" and "has a byte less than n".
    @inline(__always)
    private static func wordMayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        return word & highs != 0
            || (word &- ones &* 0x20) & ~word & highs != 0
            || hasZeroByte(word ^ (ones &* 0x22))
            || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0x7F))
    }

    /// A byte that is escaped, or may start U+2028/2029.
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2
    }

    /// U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
    private static func isLineOrParagraphSeparator(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
    }

    /// `\uXXXX` with lowercase hex digits.
    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        appendPair(UInt8(ascii: "u"), to: &out)
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
