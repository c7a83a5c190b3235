import VoxModel

/// What an agent's reply can be read against: who the customer is, what they have told us, and
/// which of their messages the reply answers. Built per conversation by `ConversationContexts`;
/// `vox score` has none, so it never finds personalization.
public struct ReplyContext: Sendable, Hashable {
    /// The customer's first name, lowercased ("helen" for the author "Helen M.").
    public var customerName: String?
    /// Identifiers from the customer's earlier messages, lowercased (`px-40112`, `62.40`, `5.2.0`).
    public var caseDetails: Set<String>
    /// The customer message this reply answers: the latest one before it.
    public var answering: FeedbackRecord?

    public init(customerName: String? = nil, caseDetails: Set<String> = [], answering: FeedbackRecord? = nil) {
        self.customerName = customerName
        self.caseDetails = caseDetails
        self.answering = answering
    }

    static let nameRule = "customer name"
    static let caseDetailRule = "case detail"

    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam"]

    /// The first name in an author field: its first word of two or more letters that is not a title.
    public static func firstName(ofAuthor author: String) -> String? {
        for word in author.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }) {
            let lowered = word.lowercased()
            if titles.contains(lowered) || word.count < 2 { continue }
            return lowered
        }
        return nil
    }

    /// A word worth echoing: has a digit, and is not a bare number below 1000 or a year.
    static func isCaseDetail(_ word: String) -> Bool {
        guard word.count >= 3 else { return false }
        if word.allSatisfy(\.isNumber) {
            guard let value = Int(word) else { return true }
            return value >= 1000 && !(1900...2099).contains(value)
        }
        return true
    }
}
