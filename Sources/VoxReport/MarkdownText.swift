/// Escaping for text that comes from customers or exports, so that it can neither break the
/// report's Markdown nor inject HTML or links.
public enum MarkdownText {
    /// Characters with a meaning in GitHub-flavoured Markdown inline text (or in raw HTML).
    static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "!", "&"]

    /// Inline text: Markdown punctuation backslash-escaped; line breaks become ` / ` so that the
    /// text stays inside its paragraph or table cell.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasBreak = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                if !previousWasBreak { out.append(contentsOf: " / ".unicodeScalars) }
                previousWasBreak = true
                continue
            }
            previousWasBreak = false
            if scalar.value < 0x20 || scalar.value == 0x7F { continue }
            if special.contains(scalar) { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
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
