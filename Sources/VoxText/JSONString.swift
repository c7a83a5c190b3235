/// JSON string quoting shared by every writer (records, rejects, reports, `vox score`), so that
/// all of them escape control characters, quotes and backslashes the same way.
public enum JSONString {
    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// `text` as a JSON string literal, quotes included. Non-ASCII characters are kept as UTF-8.
    public static func quote(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default:
                // Control characters, and U+2028/2029 which break JavaScript consumers of JSON.
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x7F {
                    out.append(contentsOf: "\\u".unicodeScalars)
                    for shift in stride(from: 12, through: 0, by: -4) {
                        out.append(hexDigits[Int((scalar.value >> UInt32(shift)) & 0xF)])
                    }
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append("\"")
        return String(out)
    }
}
