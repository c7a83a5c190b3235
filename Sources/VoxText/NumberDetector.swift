/// Runs of digits: IPv4 addresses and payment card and phone numbers are replaced; dates,
/// version numbers, prices and other numbers are kept whole.
///
/// A run is digits joined by single separators (space, `-`, `.`, `/`, parentheses, and `+` at the
/// start). It is then read as, in order:
/// - a date (`2026-01-03`, `2026-01-03T10:30`, `03.01.2026`, `1/3/2026`): kept;
/// - an IPv4 address: `[ip]`;
/// - a version number (`5.2.0`, `10.0.19041`): kept;
/// - a card: 13–19 digits starting 2–6 (the major issuers), whole or in groups, Luhn-valid: `[card]`;
/// - a phone number, 7–15 digits (E.164) in one of the shapes people write them: `+` or `00` and
///   a country code; a national trunk `0` with at least 9 digits (`030 1234567`, `06 12 34 56 78`);
///   an area code in parentheses (`(555) 123-4567`); or North American groups 3-3-4 with an
///   optional leading 1 (`555-123-4567`, `1-800-555-0199`): `[phone]`;
/// - anything else (counts, amounts, order numbers): kept.
/// A number right after a word such as `order`, `invoice` or `tracking` is an identifier and is
/// kept, whatever its shape.
enum NumberDetector {
    static let identifierWords: Set<String> = [
        "order", "orders", "invoice", "ticket", "tracking", "ref", "reference", "case", "shipment", "parcel",
        "package", "booking", "confirmation", "transaction", "receipt", "sku", "item", "article", "po", "id",
        "version", "ver", "v", "build", "release",
    ]

    static func match(_ bytes: [UInt8], at start: Int) -> PIIRedactor.Match? {
        let first = bytes[start]
        let plus = UInt8(ascii: "+"), open = UInt8(ascii: "(")
        guard Bytes.isDigit(first) || ((first == plus || first == open) && start + 1 < bytes.count && Bytes.isDigit(bytes[start + 1])) else {
            return nil
        }
        if start > 0, bytes[start - 1] == plus { return nil }
        let dotted = DottedNumber(bytes, at: start)
        if dotted.isDate { return PIIRedactor.Match(end: dotted.end, placeholder: nil) }
        if let end = IPDetector.matchIPv4(bytes, at: start) { return PIIRedactor.Match(end: end, placeholder: "[ip]") }
        if dotted.isVersion(startsWithZero: first == UInt8(ascii: "0")) { return PIIRedactor.Match(end: dotted.end, placeholder: nil) }
        let run = Run(bytes, at: start)
        // A unit or word glued to the end (`5000mAh`, `3x`) makes it something else.
        guard Bytes.endsToken(bytes, at: run.end) || !Bytes.isLetter(bytes[run.end]) else {
            return PIIRedactor.Match(end: run.end, placeholder: nil)
        }
        let placeholder = run.isCard ? "[card]" : run.isPhone ? "[phone]" : nil
        // The word before is read only for a number that would be replaced (most numbers are
        // not cards or phones, and reading the word makes a string).
        if placeholder == nil || identifierWords.contains(Bytes.wordBefore(bytes, at: start)) {
            return PIIRedactor.Match(end: run.end, placeholder: nil)
        }
        return PIIRedactor.Match(end: run.end, placeholder: placeholder)
    }

    /// Digit groups joined by one kind of `-`, `.` or `/`: the shape of dates and versions.
    struct DottedNumber {
        var end: Int
        var groups: [Int] = []
        var separator: UInt8?
        /// Followed by `T` and a digit: an ISO-8601 date and time.
        var followedByTime = false

        init(_ bytes: [UInt8], at start: Int) {
            var index = start
            while index < bytes.count, groups.count < 6 {
                let begin = index
                while index < bytes.count, Bytes.isDigit(bytes[index]) { index += 1 }
                guard index > begin else { break }
                groups.append(index - begin)
                guard index + 1 < bytes.count, "-./".utf8.contains(bytes[index]), Bytes.isDigit(bytes[index + 1]),
                      separator == nil || separator == bytes[index] else { break }
                separator = bytes[index]
                index += 1
            }
            end = index
            followedByTime = index + 1 < bytes.count && bytes[index] == UInt8(ascii: "T") && Bytes.isDigit(bytes[index + 1])
            // A letter glued to the end (`2026-01-03x`) makes it neither a date nor a version.
            if index < bytes.count, Bytes.isLetter(bytes[index]), !followedByTime { groups = [] }
        }

        /// `2026-01-03`, `2026/1/3`, `03.01.2026`, `1/3/2026`, `3.1.26`, `3/1/26`.
        var isDate: Bool {
            guard groups.count == 3 else { return false }
            let short = { (length: Int) in (1...2).contains(length) }
            if groups[0] == 4 { return short(groups[1]) && short(groups[2]) }
            return short(groups[0]) && short(groups[1]) && (groups[2] == 4 || (groups[2] == 2 && separator != UInt8(ascii: "-")))
        }

        /// Three or more dotted parts of at most five digits (`5.2.0`, `10.0.19041.1`), unless
        /// shaped like a dotted phone number (`555.123.4567`, `06.12.34.56.78`).
        func isVersion(startsWithZero: Bool) -> Bool {
            guard separator == UInt8(ascii: "."), groups.count >= 3, groups.allSatisfy({ $0 <= 5 }) else { return false }
            let digits = groups.reduce(0, +)
            let phoneLike = digits >= 9 && groups.allSatisfy { $0 >= 2 } && (startsWithZero || groups.suffix(3) == [3, 3, 4])
            return !phoneLike
        }
    }

    /// Digits joined by single separators, as a card or phone number would be written.
    struct Run {
        var end: Int
        var digits: [UInt8] = []
        var groups: [Int] = []
        var international = false
        var parenthesised = false

        init(_ bytes: [UInt8], at start: Int) {
            var index = start
            var separators = 0
            end = start
            var current = 0
            while index < bytes.count {
                let byte = bytes[index]
                if Bytes.isDigit(byte) {
                    digits.append(byte - 0x30)
                    current += 1
                    separators = 0
                    index += 1
                    end = index
                } else if separators < 2, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                            || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "/")
                            || (byte == UInt8(ascii: "+") && index == start) {
                    if byte == UInt8(ascii: "+") { international = true }
                    if byte == UInt8(ascii: "(") { parenthesised = true }
                    if current > 0 { groups.append(current) }
                    current = 0
                    separators += 1
                    index += 1
                } else {
                    break
                }
                // A run longer than any card or phone number is something else; stop early.
                if digits.count > 19 { break }
            }
            if current > 0 { groups.append(current) }
            // Only the groups up to the last digit count.
            if digits.count > 19 { groups = [] }
        }

        var isCard: Bool {
            guard (13...19).contains(digits.count), let first = digits.first, (2...6).contains(first) else { return false }
            // Whole, or in groups of 4–6 (4-4-4-4, 4-6-5, 4-4-4-4-3).
            guard groups.count == 1 || groups.dropLast().allSatisfy({ (4...6).contains($0) }) else { return false }
            return Self.luhnValid(digits)
        }

        var isPhone: Bool {
            guard (7...15).contains(digits.count), !groups.isEmpty else { return false }
            if international { return digits.count >= 8 }
            if digits.starts(with: [0, 0]) { return digits.count >= 10 && groups.count >= 2 }
            if digits.first == 0 { return digits.count >= 9 }
            if parenthesised { return digits.count == 10 || (digits.count >= 8 && groups.count >= 2) }
            return groups == [3, 3, 4] || groups == [1, 3, 3, 4]
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
}
