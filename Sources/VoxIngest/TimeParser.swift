import Foundation
import VoxModel

/// Parses the time formats exports use, over UTF-8 bytes and without `DateFormatter` (slow,
/// and its results depend on the machine's locale). Every format first finds the wall-clock
/// time and, when the text has one, its UTC offset; text without an offset is read in the
/// source's time zone: a fixed offset (`+02:00`), or an IANA name whose offset is looked up for
/// that date (so daylight saving time is right).
public enum TimeParser {
    /// A time as written: seconds since 1970-01-01 of the wall clock, and the offset if given.
    struct Parsed {
        var localSeconds: Double
        var offsetSeconds: Int?
    }

    public static func parse(_ text: String, format: TimeFormat, defaultOffsetSeconds: Int, timeZone: TimeZone? = nil) -> Date? {
        let parsed: Parsed? = text.withUTF8Bytes { raw in
            var bytes = raw[...]
            while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
            while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
            let input = UnsafeBufferPointer(rebasing: bytes)
            switch format {
            case .iso8601: return iso8601(input)
            case .rfc2822: return rfc2822(input)
            case .epochSeconds: return epoch(input, divisor: 1)
            case .epochMilliseconds: return epoch(input, divisor: 1000)
            case .pattern(let pattern): return pattern.parse(input)
            case .auto:
                if let parsed = iso8601(input) ?? rfc2822(input) { return parsed }
                // Ten digits of seconds reach the year 2286; anything larger is milliseconds.
                guard let seconds = epoch(input, divisor: 1) else { return nil }
                return seconds.localSeconds >= 1e11 ? Parsed(localSeconds: seconds.localSeconds / 1000, offsetSeconds: 0) : seconds
            }
        }
        guard let parsed else { return nil }
        let offset = parsed.offsetSeconds ?? zoneOffset(localSeconds: parsed.localSeconds, zone: timeZone, fallback: defaultOffsetSeconds)
        return Date(timeIntervalSince1970: parsed.localSeconds - Double(offset))
    }

    /// The offset of a named zone at a wall-clock time: looked up at the instant the wall clock
    /// would be in UTC, then again at the corrected instant (right across DST changes except in
    /// the skipped or repeated hour, where the earlier offset wins).
    static func zoneOffset(localSeconds: Double, zone: TimeZone?, fallback: Int) -> Int {
        guard let zone else { return fallback }
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: localSeconds))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: localSeconds - Double(guess)))
    }

    /// Whole or fractional seconds (or milliseconds with `divisor` 1000); digits and one point.
    static func epoch(_ bytes: UnsafeBufferPointer<UInt8>, divisor: Double) -> Parsed? {
        guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
              let number = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
        return Parsed(localSeconds: number / divisor, offsetSeconds: 0)
    }

    /// `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` (or a space for `T`), optionally `Z` or `±HH[:]MM`.
    static func iso8601(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var cursor = ByteCursor(bytes)
        guard let year = cursor.number(4), cursor.expect("-"), let month = cursor.number(2), cursor.expect("-"),
              let day = cursor.number(2), let date = civilSeconds(year: year, month: month, day: day)
        else { return nil }
        var seconds = date
        var offset: Int?
        if !cursor.atEnd {
            guard cursor.expect("T") || cursor.expect(" ") else { return nil }
            guard let time = cursor.clock() else { return nil }
            seconds += time
            if !cursor.atEnd {
                guard let zone = cursor.offset() else { return nil }
                offset = zone
            }
        }
        guard cursor.atEnd else { return nil }
        return Parsed(localSeconds: seconds, offsetSeconds: offset)
    }

    /// RFC 2822 / RFC 822 as in e-mail headers and RSS: `[Tue, ]3 Dec 2025 10:00[:00] [+0100|GMT|EST…]`.
    static func rfc2822(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var cursor = ByteCursor(bytes)
        if cursor.letters().count == 3 {
            guard cursor.expect(",") else { return nil }
            cursor.spaces()
        } else {
            cursor = ByteCursor(bytes)
        }
        guard let day = cursor.number(1...2) else { return nil }
        cursor.spaces()
        guard let month = monthNumber(cursor.letters()) else { return nil }
        cursor.spaces()
        guard var year = cursor.number(2...4) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        cursor.spaces()
        guard let date = civilSeconds(year: year, month: month, day: day), let time = cursor.clock() else { return nil }
        cursor.spaces()
        var offset: Int?
        if !cursor.atEnd {
            let save = cursor
            let name = cursor.letters()
            if !name.isEmpty {
                guard let zone = namedZones[name.uppercased()] else { return nil }
                offset = zone
            } else {
                cursor = save
                guard let zone = cursor.offset() else { return nil }
                offset = zone
            }
        }
        guard cursor.atEnd else { return nil }
        return Parsed(localSeconds: date + time, offsetSeconds: offset)
    }

    /// RFC 2822's obsolete zone names.
    static let namedZones: [String: Int] = [
        "UT": 0, "GMT": 0, "UTC": 0, "Z": 0, "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    ]

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// 1…12 for an English month name or its first three letters, any case.
    static func monthNumber(_ name: String) -> Int? {
        let lower = name.lowercased()
        guard lower.count >= 3 else { return nil }
        return monthNames.firstIndex { lower.hasPrefix($0) }.map { $0 + 1 }
    }

    /// Seconds from 1970-01-01 to the date's midnight, or nil for an impossible date.
    static func civilSeconds(year: Int, month: Int, day: Int) -> Double? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
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
