/// Escaping for text that comes from customers or exports, so that it can neither break the
/// report's Markdown nor inject HTML or links.
public enum MarkdownText {
    /// Characters with a meaning in GitHub-flavoured Markdown inline text (or in raw HTML)
    /// wherever they stand. (`!` needs no escape: with `[` escaped no image can form; `#` only
    /// matters at the start of a line.)
    static let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&"]

    /// Inline text: `InlineText.flatten`, then Markdown punctuation backslash-escaped. Escaped
    /// `[`, `]` and `<` mean no link or autolink can form, and escaped `<`, `&` no HTML or entity.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in InlineText.flatten(text).unicodeScalars {
            if special.contains(scalar) || (out.isEmpty && scalar == "#") {
                out.append("\\")
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// A code span. Backticks cannot be escaped inside one, so they become `'`; `|` is escaped
    /// because GitHub splits table cells before it parses code spans.
    public static func code(_ text: String) -> String {
        var body = InlineText.flatten(text).replacingOccurrences(of: "`", with: "'")
        body = body.replacingOccurrences(of: "|", with: "\\|")
        return "`" + body + "`"
    }
}
