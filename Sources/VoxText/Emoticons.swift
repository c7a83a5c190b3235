/// The ASCII emoticons the tokenizer keeps whole. Their sentiment lives in the lexicon; this set
/// only decides what counts as one token.
public enum Emoticons {
    public static let all: Set<String> = [
        ":)", ":-)", ":]", "=)", ":D", ":-D", "=D", "xD", "XD", ";)", ";-)", ":P", ":-P", ":p", ":-p",
        ":(", ":-(", ":[", "=(", ":'(", ":'-(", ":/", ":-/", ":\\", ":|", ":-|", ">:(", ">:-(", "D:",
        ":o", ":O", ":-O", ":-o", "<3", "</3", ":*", ":-*", "^_^", "^^", "-_-", "T_T", ";(", ":@", "8)",
        ":))", ":)))", ":((", ":(((", "(:", "):", ":-))", ":-((", "o_O", "O_o", "-.-",
    ]
}
