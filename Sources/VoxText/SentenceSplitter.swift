/// Splits a token stream into sentences at `.`, `!`, `?` and `…`, keeping the terminators with
/// the sentence they end (the scorers read `!` as emphasis of its own sentence).
public enum SentenceSplitter {
    public static func split(_ tokens: [Token]) -> [ArraySlice<Token>] {
        var sentences: [ArraySlice<Token>] = []
        var start = 0
        var index = 0
        while index < tokens.count {
            if tokens[index].kind == .punctuation, isTerminator(tokens[index].text) {
                var end = index + 1
                while end < tokens.count, tokens[end].kind == .punctuation, isTerminator(tokens[end].text) { end += 1 }
                sentences.append(tokens[start..<end])
                start = end
                index = end
            } else {
                index += 1
            }
        }
        if start < tokens.count { sentences.append(tokens[start..<tokens.count]) }
        return sentences
    }

    static func isTerminator(_ symbol: String) -> Bool {
        symbol == "." || symbol == "!" || symbol == "?" || symbol == "…"
    }
}
