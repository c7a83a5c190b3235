import VoxModel

/// Replaces personal data in free text with readable placeholders: `[email]`, `[phone]`,
/// `[card]`, `[iban]`, `[ip]`.
///
/// Hand-written scanners over the UTF-8 bytes rather than regular expressions: one pass, and
/// each detector applies the checks a pattern cannot — a Luhn checksum and issuer digit for cards,
/// the ISO 13616 length and mod-97 checksum for IBANs, octet ranges for IPv4, group rules for
/// IPv6, and for phone numbers the shapes real numbers have (international `+`/`00`, a national
/// trunk `0`, `(555) 123-4567`, `555-123-4567`). Things that look like numbers but are not personal
/// — dates, times, prices, version numbers, order and ticket numbers — are recognised first and
/// kept whole, so that no detector sees their middle.
///
/// Everything personal the detectors look for is ASCII, so the scan works on bytes and treats
/// any non-ASCII byte as a separator; the placeholders are ASCII too, so the output stays valid
/// UTF-8. Known limits (see README, Security): names and postal addresses are not detected;
/// a phone number written as one run of digits without `+` or a leading `0` is left alone
/// (it cannot be told from an order number); identifiers named by the context word before
/// them (`order 0612345678`) are kept.
public struct PIIRedactor: Sendable {
    public init() {}

    /// What a detector found at a position: the end of the span, and the placeholder, or nil to
    /// copy the span unchanged (a date, a price, a version: seen whole, so never re-scanned).
    struct Match {
        var end: Int
        var placeholder: String?
    }

    /// `text` with every e-mail address, phone or card number, IBAN and IP address replaced by
    /// its placeholder.
    public func redact(_ text: String) -> String {
        redacted(text) ?? text
    }

    /// `text` with personal data replaced, or nil when it has none (most texts): a caller
    /// changes nothing then, not even a reference.
    public func redacted(_ text: String) -> String? {
        // Fast path: nothing that could start an e-mail address, a number or an IPv6 address.
        let clues = text.withUTF8Bytes { bytes in
            // A plain loop over the bytes: `utf8.contains(where:)` cost several times as much,
            // and every field of every record comes through here.
            var clues = Clues()
            for byte in bytes {
                if byte &- 0x30 < 10 { clues.digit = true } else if byte == UInt8(ascii: "@") { clues.at = true } else if byte == UInt8(ascii: ":") { clues.colon = true }
            }
            return clues
        }
        if !clues.any { return nil }
        let bytes = Array(text.utf8)
        // Only spans that get a placeholder change the text: the bytes between them are copied
        // in runs, and a text with none gives nil.
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            if Bytes.startsToken(bytes, at: index), let match = detect(bytes, at: index, clues) {
                if let placeholder = match.placeholder {
                    if output.isEmpty { output.reserveCapacity(bytes.count) }
                    output.append(contentsOf: bytes[copied..<index])
                    output.append(contentsOf: placeholder.utf8)
                    copied = match.end
                }
                index = match.end
            } else {
                index += 1
            }
        }
        guard !output.isEmpty else { return nil }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// What a text holds that some detector needs: an e-mail address has an `@`, an IPv6 address
    /// a `:`, and every number, IBAN and IPv4 address a digit. A detector whose clue is missing
    /// is not tried (the IPv6 scan copied every word written in hex letters, such as "bad").
    struct Clues {
        var digit = false
        var at = false
        var colon = false

        var any: Bool { digit || at || colon }
    }

    /// The detectors, most specific first: an e-mail's local part may start with digits, an
    /// IBAN with letters that could start a word, an IPv6 address with digits.
    private func detect(_ bytes: [UInt8], at start: Int, _ clues: Clues) -> Match? {
        if clues.at, let end = EmailDetector.match(bytes, at: start) { return Match(end: end, placeholder: "[email]") }
        if clues.digit, let end = IBANDetector.match(bytes, at: start) { return Match(end: end, placeholder: "[iban]") }
        if clues.colon, let end = IPDetector.matchIPv6(bytes, at: start) { return Match(end: end, placeholder: "[ip]") }
        return clues.digit ? NumberDetector.match(bytes, at: start) : nil
    }
}

/// Byte classes shared by the detectors.
enum Bytes {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
    static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }

    /// True where a token may begin: at the start, or after a byte that is not an ASCII letter or
    /// digit. (Detectors never start inside a word or a number.)
    static func startsToken(_ bytes: [UInt8], at index: Int) -> Bool {
        index == 0 || !isAlphanumeric(bytes[index - 1])
    }

    /// True when the span ends at a token boundary: the end of the text or a byte that is not an
    /// ASCII letter or digit.
    static func endsToken(_ bytes: [UInt8], at index: Int) -> Bool {
        index >= bytes.count || !isAlphanumeric(bytes[index])
    }

    /// The word just before `start` (lowercased), skipping spaces and the punctuation that joins a
    /// label to its number (`#`, `:`, `.`, `-`) and a `no`/`nr`/`number` in between:
    /// `Order no. 123` → `order`.
    static func wordBefore(_ bytes: [UInt8], at start: Int) -> String {
        var index = start
        var word = ""
        for _ in 0..<2 {
            while index > 0, " #:.-\t".utf8.contains(bytes[index - 1]) { index -= 1 }
            var begin = index
            while begin > 0, isLetter(bytes[begin - 1]) { begin -= 1 }
            word = String(decoding: bytes[begin..<index].map { $0 | 0x20 }, as: UTF8.self)
            guard ["no", "nr", "number", "num"].contains(word) else { return word }
            index = begin
        }
        return word
    }
}
