/// A text cut to a number of characters, with an ellipsis as the last one when it was cut: the
/// one rule behind reject excerpts and quoted replies.
public enum TextCut {
    public static func cut(_ text: String, toCharacters limit: Int) -> String {
        // No more bytes than the limit means no more characters: most texts are never counted
        // (counting walks grapheme clusters, and every negative customer message is quoted).
        text.utf8.count <= limit || text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
