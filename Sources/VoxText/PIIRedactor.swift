/// Replaces personal data in free text with readable placeholders: `[email]`, `[card]`, `[phone]`.
///
/// Hand-written scanners rather than regular expressions: one pass over the text, and each
/// detector can apply the checks a pattern cannot (a Luhn checksum for cards, digit counts and
/// date shapes for phone numbers).
public struct PIIRedactor: Sendable {
    public init() {}

    public func redact(_ text: String) -> String {
        // Fast path: nothing that could start an e-mail address or a number.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "@") || ($0 >= 0x30 && $0 <= 0x39) }) {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let end = emailEnd(scalars, at: index) {
                output.append(contentsOf: "[email]".unicodeScalars)
                index = end
            } else if let (end, kind) = numberRun(scalars, at: index) {
                // A run of digits is redacted or kept whole: never re-scanned from its middle,
                // where the tail of a non-card number could pass for a phone number.
                if let kind { output.append(contentsOf: kind.unicodeScalars) } else { output.append(contentsOf: scalars[index..<end]) }
                index = end
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    // MARK: e-mail

    private static func isLocalPart(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "._%+-".unicodeScalars.contains(s))
    }

    private static func isDomainPart(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == ".")
    }

    /// If an e-mail address starts at `start` (and not in the middle of one), its end index.
    private func emailEnd(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        guard Self.isLocalPart(scalars[start]), scalars[start] != "." else { return nil }
        if start > 0, Self.isLocalPart(scalars[start - 1]) { return nil }
        var at = start
        while at < scalars.count, Self.isLocalPart(scalars[at]) { at += 1 }
        guard at < scalars.count, scalars[at] == "@", at > start else { return nil }
        var end = at + 1
        while end < scalars.count, Self.isDomainPart(scalars[end]) { end += 1 }
        while end > at + 1, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
        let domain = String(String.UnicodeScalarView(scalars[(at + 1)..<end]))
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        return end
    }

    // MARK: cards and phone numbers

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    /// If a run of digits and separators starts at `start`: its end, and the placeholder when
    /// it is a card or phone number (nil when it is some other number).
    private func numberRun(_ scalars: [Unicode.Scalar], at start: Int) -> (Int, String?)? {
        let first = scalars[start]
        guard Self.isDigit(first) || first == "+" || first == "(" else { return nil }
        if start > 0 {
            let before = scalars[start - 1]
            if Self.isDigit(before) || before.properties.isAlphabetic || before == "+" { return nil }
        }
        // Digits joined by single separators (space, dash, dot, parentheses).
        var digits: [UInt8] = []
        var end = start
        var lastDigitEnd = start
        var separatorRun = 0
        var index = start
        while index < scalars.count {
            let s = scalars[index]
            if Self.isDigit(s) {
                digits.append(UInt8(s.value - 48))
                separatorRun = 0
                index += 1
                lastDigitEnd = index
            } else if (s == " " || s == "-" || s == "." || s == "(" || s == ")" || (s == "+" && index == start)),
                      separatorRun < 2 {
                separatorRun += 1
                index += 1
            } else {
                break
            }
        }
        end = lastDigitEnd
        guard end > start else { return nil }
        if end < scalars.count, scalars[end].properties.isAlphabetic { return (end, nil) }
        let span = String(String.UnicodeScalarView(scalars[start..<end]))
        if (13...19).contains(digits.count), Self.luhnValid(digits) { return (end, "[card]") }
        if isPhoneShaped(span, digits: digits) { return (end, "[phone]") }
        return (end, nil)
    }

    /// Phone numbers: 7–15 digits, and either an international `+`, a national trunk `0`, or
    /// separators grouping them. Dates (`2026-01-03`), times and plain counts are left alone.
    private func isPhoneShaped(_ span: String, digits: [UInt8]) -> Bool {
        guard (7...15).contains(digits.count) else { return false }
        if Self.looksLikeDate(span) { return false }
        if span.hasPrefix("+") { return digits.count >= 8 }
        let groups = span.split(whereSeparator: { !$0.isNumber }).count
        if digits.first == 0, digits.count >= 9 { return true }
        if span.hasPrefix("(") { return true }
        return groups >= 3 && digits.count >= 9
    }

    private static func looksLikeDate(_ span: String) -> Bool {
        let parts = span.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" })
        guard parts.count == 3 else { return false }
        let lengths = parts.map(\.count)
        return lengths == [4, 2, 2] || lengths == [2, 2, 4]
    }

    static func luhnValid(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
