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
        // Every customer message asks for this; most author fields are ASCII, read as bytes.
        if let ascii = author.withUTF8Bytes(asciiFirstName) { return ascii }
        for word in author.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }) {
            let lowered = word.lowercased()
            if titles.contains(lowered) || word.count < 2 { continue }
            return lowered
        }
        return nil
    }

    /// `firstName(ofAuthor:)` of an ASCII author field: `.some(nil)` when it has no first name,
    /// nil when the field is not all ASCII.
    private static func asciiFirstName(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-")
        }
        var index = 0
        while index < bytes.count {
            guard isWordByte(bytes[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            guard index - start >= 2 else { continue }
            let lowered = String(decoding: bytes[start..<index].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
            if titles.contains(lowered) { continue }
            return .some(lowered)
        }
        return .some(nil)
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
