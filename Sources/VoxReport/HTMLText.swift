/// Escaping for text placed in HTML (or SVG) element content or a quoted attribute value.
public enum HTMLText {
    /// Report text for HTML: `InlineText.flatten`, then `escapeMarkup`.
    public static func escape(_ text: String) -> String {
        escapeMarkup(InlineText.flatten(text))
    }

    /// The five characters with a meaning in HTML and XML markup, as entities; nothing else
    /// changes. Shared by the HTML renderer and the SVG writer.
    public static func escapeMarkup(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
