import Testing
import VoxModel
@testable import VoxText

@Suite("Tokenizer, sentences, redaction")
struct TextTests {
    @Test("withUTF8Bytes hands over a string's UTF-8 as it is: empty, small, long, non-ASCII, and a string cut from another")
    func utf8Bytes() {
        let long = String(repeating: "déjà vu 🙂 ", count: 40)
        let texts = ["", "late", "no refund yet", "Zoë", long, String(long.dropFirst(3).prefix(100))]
        for text in texts {
            #expect(text.withUTF8Bytes { Array($0) } == Array(text.utf8), "\(text.prefix(20))")
        }
    }

    let tokenizer = Tokenizer()

    @Test("words keep apostrophes and inner hyphens; punctuation splits off; offsets are code points")
    func words() {
        let tokens = tokenizer.tokenize("Can’t log-in… WHY?!")
        #expect(tokens.map(\.text) == ["Can’t", "log-in", "…", "WHY", "?", "!"])
        #expect(tokens[0].normalized == "can't")
        #expect(tokens.map(\.kind) == [.word, .word, .punctuation, .word, .punctuation, .punctuation])
        #expect(tokens[3].start == 14 && tokens[3].end == 17)
        #expect(tokens[3].isShouted)
        #expect(!tokens[0].isShouted)
    }

    @Test("emoticons whole or glued to a word; emoji with skin tone normalise to the base")
    func emoticonsAndEmoji() {
        let tokens = tokenizer.tokenize("thanks:) :( 👍🏽 ok")
        #expect(tokens.map(\.text) == ["thanks", ":)", ":(", "👍🏽", "ok"])
        #expect(tokens.map(\.kind) == [.word, .emoticon, .emoticon, .emoji, .word])
        #expect(tokens[3].normalized == "👍")
        // A time is not a face.
        #expect(tokenizer.tokenize("at 10:30").allSatisfy { $0.kind != .emoticon })
    }

    @Test("ASCII text is tokenized on bytes exactly as the scalar path tokenizes it")
    func asciiPathMatchesScalars() {
        var samples = [
            "", " ", "a", "I can't log-in!! :) <3", "thanks:) great:-( ok:D", "re: 10:30 e-mail o'clock 3rd",
            "XD xD D: :D: ::)) a:)))b", "--- '' 'quoted' -dash- end-", "\t\n\u{0B}\u{0C}\r tabs\tand\u{1F}units",
            "Why?! Never... again; (really) [sure] {x} #1 @me 50% $5 ^_^ -_- T_T o_O >:( </3",
        ]
        samples += Emoticons.all.flatMap { face in [face, "word\(face)", "1\(face)", "\(face)word", "x \(face) y"] }
        // Random text from the characters that matter: letters, digits, joiners, emoticon parts, spaces.
        let alphabet = Array("abcXYZ019 '-:;()<>^_=D3PpOo.!?,\t\n\\/|*@$&#%")
        var random = SeededRandom(seed: 9)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0..<24, using: &random)
            samples.append(String((0..<length).map { _ in alphabet.randomElement(using: &random)! }))
        }
        for text in samples {
            var copy = text
            let onBytes = copy.withUTF8 { tokenizer.tokenizeASCII($0) }
            #expect(onBytes == tokenizer.tokenizeScalars(text), "\(text.debugDescription)")
        }
        #expect(tokenizer.tokenize("naïve café") == tokenizer.tokenizeScalars("naïve café"), "non-ASCII takes the scalar path")
    }

    @Test("sentences end at . ! ? and keep their terminators")
    func sentences() {
        let sentences = SentenceSplitter.split(tokenizer.tokenize("Late again. Why?! Fine"))
        #expect(sentences.map { $0.map(\.text) } == [["Late", "again", "."], ["Why", "?", "!"], ["Fine"]])
    }

    @Test("redaction: e-mail, Luhn-valid cards, phone numbers; dates, order numbers and bad cards stay")
    func redaction() {
        let redactor = PIIRedactor()
        #expect(redactor.redact("mail me at jo.smith+vox@example.co.uk.") == "mail me at [email].")
        #expect(redactor.redact("card 4111 1111 1111 1111 was charged") == "card [card] was charged")
        #expect(redactor.redact("card 4111-1111-1111-1112 was charged") == "card 4111-1111-1111-1112 was charged")
        #expect(redactor.redact("call +44 20 7946 0123 now") == "call [phone] now")
        #expect(redactor.redact("call (555) 010-4477") == "call [phone]")
        #expect(redactor.redact("or 020 7946 0958") == "or [phone]")
        #expect(redactor.redact("ordered 2025-12-03, order 123456, 3 items") == "ordered 2025-12-03, order 123456, 3 items")
        #expect(redactor.redact("no digits here") == "no digits here")
    }

    @Test("JSON strings escape quotes, backslashes and control characters")
    func jsonQuote() {
        #expect(JSONString.quote("a\"b\\c\nd\u{1}é") == "\"a\\\"b\\\\c\\nd\\u0001é\"")
        // Tabs, carriage returns, DEL and the JavaScript line breaks U+2028/2029 are escaped;
        // other characters that start with the same UTF-8 byte (’ —) are kept as they are.
        #expect(JSONString.quote("\t\r\u{7F}x\u{2028}y\u{2029}’—") == "\"\\t\\r\\u007fx\\u2028y\\u2029’—\"")
        #expect(JSONString.quote("plain text, no escapes") == "\"plain text, no escapes\"")
        // After a non-ASCII letter the rest is copied in runs, which must stop at every escape.
        #expect(JSONString.quote("café \"x\"\nnaïve\u{2028}end\\") == "\"café \\\"x\\\"\\nnaïve\\u2028end\\\\\"")
        #expect(JSONString.quote("") == "\"\"")
    }

    @Test("character counts on bytes agree with String.count", arguments: [
        "", "plain", "line\r\nbreak\r\n", "\r\r\n\n", "\n\r", "café", "e\u{301}", "👍🏽 ok", "🇬🇧", "a\r\n😊",
    ])
    func characterCount(_ text: String) {
        #expect(CharacterCount.of(text) == text.count)
    }

    @Test("JSON strings: a character to escape is found wherever it falls in the eight-byte words the scan reads")
    func jsonQuoteEveryPosition() {
        let escaped: [(String, String)] = [
            ("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\u{1}", "\\u0001"), ("\u{1F}", "\\u001f"), ("\u{7F}", "\\u007f"),
            ("\u{2028}", "\\u2028"), ("é", "é"), ("’", "’"), (" ", " "), ("~", "~"),
        ]
        for (character, written) in escaped {
            for before in 0..<20 {
                for after in [0, 1, 7, 8, 13] {
                    let left = String(repeating: "a", count: before), right = String(repeating: "z", count: after)
                    #expect(JSONString.quote(left + character + right) == "\"" + left + written + right + "\"")
                }
            }
        }
    }

    @Test("lexicon files: header, column count and empty fields are checked with line numbers")
    func lexiconFile() {
        var problems: [LexiconProblem] = []
        let text = "# format: vox-x/1\n# comment\ngood\t1\nbad\n\nugly\t\n"
        let file = LexiconFile.parse(text, path: "x.tsv", format: "vox-x/1", columns: 2...2, problems: &problems)
        #expect(file.lines.map(\.number) == [3])
        #expect(problems.map(\.description) == ["x.tsv:4: expected 2 tab-separated fields, found 1", "x.tsv:6: empty field"])
        var headerProblems: [LexiconProblem] = []
        _ = LexiconFile.parse("good\t1\n", path: "y.tsv", format: "vox-x/1", columns: 2...2, problems: &headerProblems)
        #expect(headerProblems.map(\.description) == ["y.tsv:1: header must be `# format: vox-x/1`, found `good\t1`"])
    }

    @Test("lexicon files: CRLF and LF lines, blank lines before the header, spaces around fields, non-ASCII")
    func lexiconFileLines() {
        var problems: [LexiconProblem] = []
        let text = "\n \t\r\n# format: vox-x/1 \r\n  # indented comment\r\n café \t 2 \r\nnaïve\t-1\n\n   \nlast\t3"
        let file = LexiconFile.parse(text, path: "z.tsv", format: "vox-x/1", columns: 2...2, problems: &problems)
        #expect(problems.isEmpty)
        #expect(file.lines.map(\.number) == [5, 6, 9])
        #expect(file.lines.map(\.fields) == [["café", "2"], ["naïve", "-1"], ["last", "3"]])
        var empty: [LexiconProblem] = []
        _ = LexiconFile.parse("", path: "e.tsv", format: "vox-x/1", columns: 2...2, problems: &empty)
        #expect(empty.map(\.description) == ["e.tsv:1: empty file: expected header `# format: vox-x/1`"])
    }
}
