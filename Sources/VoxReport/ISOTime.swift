import Foundation

/// UTC timestamps as ISO-8601 text, computed directly (no `DateFormatter`: slow and
/// locale-dependent, and output must not vary by machine).
public enum ISOTime {
    /// `2026-01-02T10:15:00Z`, with milliseconds only when the time has them.
    public static func format(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `format(date)`'s text to `out` (records.jsonl writes one per record).
    static func append(_ date: Date, to out: inout [UInt8]) {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = totalMilliseconds / 1000
        var milliseconds = totalMilliseconds % 1000
        if milliseconds < 0 {
            milliseconds += 1000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        ASCIIDecimal.append(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDecimal.append(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDecimal.append(day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        ASCIIDecimal.append(Int(secondOfDay / 3600), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDecimal.append(Int(secondOfDay % 3600 / 60), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDecimal.append(Int(secondOfDay % 60), width: 2, to: &out)
        if milliseconds != 0 {
            out.append(UInt8(ascii: "."))
            ASCIIDecimal.append(Int(milliseconds), width: 3, to: &out)
        }
        out.append(UInt8(ascii: "Z"))
    }

    /// `2026-01-02`.
    public static func date(_ date: Date) -> String {
        String(format(date).prefix(10))
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date, or nil when it is not one.
    public static func dayNumber(_ date: String) -> Int? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        // The inverse of `civil(fromDays:)` (same published algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's published algorithm).
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}
