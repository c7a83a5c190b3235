/// The character encoding of a text export (CSV or JSON). Readers work on UTF-8, so every other
/// encoding is transcoded to UTF-8 as the bytes stream in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, unless a byte-order mark says UTF-16 LE or BE.
    case auto
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// ISO-8859-1: every byte is the code point of the same number.
    case latin1 = "latin-1"
    /// Excel's "ANSI" on Western systems: latin-1 with printable characters in 0x80–0x9F.
    case windows1252 = "windows-1252"

    /// Names accepted in pipeline files, besides the canonical ones.
    public static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased() {
        case "auto": return .auto
        case "utf-8", "utf8": return .utf8
        case "utf-16le", "utf16le": return .utf16LE
        case "utf-16be", "utf16be": return .utf16BE
        case "latin-1", "latin1", "iso-8859-1": return .latin1
        case "windows-1252", "cp1252": return .windows1252
        default: return nil
        }
    }

    /// The encoding a byte-order mark announces, and the mark's length.
    static func sniff(_ prefix: ArraySlice<UInt8>) -> (TextEncoding, Int)? {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if prefix.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if prefix.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// Code points of Windows-1252's 0x80–0x9F; the five unassigned bytes map to themselves
    /// (as C1 controls), the way most decoders treat them.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
