/// The words the synthetic feedback is made of. Fixed lists (not read from `lexicons/`), so that
/// a lexicon edit never changes the generated files and figures from different days stay
/// comparable. Written for this project.
enum FeedbackVocabulary {
    /// Words that carry sentiment in any English lexicon, by polarity.
    static let positive = [
        "great", "love", "excellent", "happy", "helpful", "fast", "friendly", "perfect", "amazing", "easy",
        "good", "nice", "brilliant", "pleased", "smooth", "quick", "reliable", "recommend", "fantastic", "thanks",
    ]
    static let negative = [
        "terrible", "awful", "broken", "useless", "angry", "disappointed", "worst", "slow", "rude", "horrible",
        "bad", "annoying", "frustrating", "poor", "unacceptable", "ridiculous", "confusing", "late", "wrong", "hate",
    ]
    /// Intensifiers and negators, so that the scorer's rules run as they would on real text.
    static let modifiers = ["very", "really", "extremely", "so", "not", "never", "quite", "barely", "totally", "hardly"]
    /// Function words and neutral domain words: most of any real comment.
    static let neutral = [
        "the", "a", "and", "i", "my", "it", "was", "to", "of", "for", "with", "this", "that", "on", "in", "we",
        "order", "ordered", "item", "items", "shop", "website", "week", "day", "today", "yesterday", "time", "again",
        "after", "before", "when", "because", "but", "also", "still", "just", "about", "from", "have", "had",
        "is", "are", "be", "got", "get", "did", "would", "could", "there", "their", "they", "you", "your", "one",
        "two", "first", "last", "some", "more", "all", "any", "what", "which", "who", "how", "then", "than",
        "product", "colour", "size", "box", "email", "phone", "store", "customer", "service", "price", "weekend",
    ]
    /// What agents write; several contain the phrases an empathy lexicon looks for.
    static let agentOpenings = [
        "i'm so sorry to hear that", "thank you for your patience", "i understand how frustrating this is",
        "thanks for reaching out", "i apologise for the trouble", "i can see what happened",
        "let me look into this for you", "could you tell me more about the order",
        "that sounds really frustrating", "i will make sure this gets fixed", "please check your email",
        "as per our policy", "you should have read the terms", "it is only a small delay",
    ]

    /// The twelve planted pain points: each a few phrasings of one complaint, so that clustering
    /// has real groups to find. Some match the default taxonomy, some do not (for discovery).
    static let painPoints: [[String]] = [
        ["still no refund", "refund never arrived", "waiting for my refund"],
        ["parcel arrived damaged", "box was crushed", "item arrived broken"],
        ["app crashes at checkout", "app keeps crashing", "checkout page freezes"],
        ["charged twice", "double charged for one order", "payment taken twice"],
        ["cannot log in", "locked out of my account", "password reset link expired"],
        ["delivery was days late", "parcel never arrived", "still waiting for delivery"],
        ["on hold for an hour", "nobody answers the phone", "no reply to my emails"],
        ["discount code not accepted", "voucher did not work", "promo code rejected"],
        ["wrong size sent", "sent the wrong colour", "received the wrong item"],
        ["tracking link does not work", "tracking never updates", "tracking number invalid"],
        ["driver left it outside", "left at the wrong address", "driver did not knock"],
        ["subscription cancelled without notice", "membership renewed without asking", "cannot cancel my subscription"],
    ]

    static let products = ["Home", "Electronics", "Fashion", "Toys", "Garden", "Beauty", "Sports", "Books"]
    static let regions = ["UK", "US", "EU", "APAC", "LATAM"]

    /// Words no lexicon knows (names, typos, product codes): made of syllables so that there are
    /// thousands of them, as in real exports, and the tokenizer's interning meets new words.
    static let unknown: [String] = {
        let starts = ["br", "k", "m", "pl", "st", "v", "z", "gr", "th", "d", "sn", "fl", "qu", "r"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ee"]
        let ends = ["n", "x", "rt", "ck", "l", "sh", "mp", "ndo", "tz", "ra"]
        var words: [String] = []
        for start in starts {
            for vowel in vowels {
                for end in ends { words.append(start + vowel + end) }
            }
        }
        return words
    }()
}
