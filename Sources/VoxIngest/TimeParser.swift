import Foundation

/// Parses the time formats exports use, without `DateFormatter` (slow, locale-dependent).
public enum TimeParser {
    public static func parse(_ text: String, format: TimeFormat, defaultOffsetSeconds: Int) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch format {
        case .iso8601:
            return iso8601(trimmed, defaultOffsetSeconds: defaultOffsetSeconds)
        case .epochSeconds:
            return Double(trimmed).map { Date(timeIntervalSince1970: $0) }
        case .epochMilliseconds:
            return Double(trimmed).map { Date(timeIntervalSince1970: $0 / 1000) }
        case .auto:
            if let date = iso8601(trimmed, defaultOffsetSeconds: defaultOffsetSeconds) { return date }
            guard let number = Double(trimmed), trimmed.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
            // Ten digits of seconds reach the year 2286; anything larger is milliseconds.
            return Date(timeIntervalSince1970: number >= 1e11 ? number / 1000 : number)
        }
    }

    /// `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` (or a space for `T`), optionally `Z` or `±HH[:]MM`.
    public static func iso8601(_ text: String, defaultOffsetSeconds: Int) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        var offset = defaultOffsetSeconds
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2), hour < 24, minute < 60 else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if expect(UInt8(ascii: ":")) {
                guard let second = number(2), second <= 60 else { return nil }
                seconds += Double(second)
                if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                    var scale = 0.1
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                        seconds += Double(bytes[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
            if index < bytes.count {
                if expect(UInt8(ascii: "Z")) {
                    offset = 0
                } else {
                    let sign: Int
                    if expect(UInt8(ascii: "+")) { sign = 1 } else if expect(UInt8(ascii: "-")) { sign = -1 } else { return nil }
                    guard let hours = number(2) else { return nil }
                    _ = expect(UInt8(ascii: ":"))
                    let minutes = number(2) ?? 0
                    offset = sign * (hours * 3600 + minutes * 60)
                }
            }
        }
        guard index == bytes.count else { return nil }
        return Date(timeIntervalSince1970: seconds - Double(offset))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's published algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
