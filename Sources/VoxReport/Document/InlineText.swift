/// The one clean-up every renderer applies to report text before escaping it for its format:
/// line breaks become ` / ` (a table cell or a sentence stays on one line), other control
/// characters are dropped, and so are bidirectional overrides, which could make a quote read
/// differently from what it says ("Trojan Source").
public enum InlineText {
    public static func flatten(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasBreak = false
        for scalar in text.unicodeScalars {
            if isBreak(scalar) {
                if !previousWasBreak { out.append(contentsOf: " / ".unicodeScalars) }
                previousWasBreak = true
                continue
            }
            previousWasBreak = false
            if scalar == "\t" {
                out.append(" ")
            } else if !isDropped(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}" || scalar == "\u{85}"
            || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0: return true // C0 and C1 controls
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true // bidi controls and marks
        default: return false
        }
    }

    /// Text shortened to `limit` characters at a word boundary, with an ellipsis.
    public static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }
}
