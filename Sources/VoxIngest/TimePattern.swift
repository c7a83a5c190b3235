/// A time layout written the way people describe them (`dd-MM-yyyy HH:mm`), compiled once per
/// source. Letters: `yyyy` `yy` year, `MM`/`M` month number, `MMM` English month name, `dd`/`d`
/// day, `HH`/`H` hour 0–23, `hh`/`h` hour 1–12 with `a` (AM/PM), `mm` minute, `ss` second, `S…`
/// fraction, `XXX`/`Z` offset (`Z`, `+02:00`, `+0200`). Text in single quotes (`'T'`) and
/// anything that is not a letter must appear as written. Numbers accept one or two digits where
/// a day, month or hour may be written unpadded.
public struct TimePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case year4, year2, month, monthName, day, hour24, hour12, amPm, minute, second, fraction, offset
        case literal(UInt8)
    }

    let tokens: [Token]
    public let description: String

    /// - Throws: a message naming the letter that is not understood.
    public init(_ pattern: String) throws(PatternError) {
        description = pattern
        var tokens: [Token] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            switch (character, run) {
            case ("y", 4): tokens.append(.year4)
            case ("y", 2): tokens.append(.year2)
            case ("M", 1...2): tokens.append(.month)
            case ("M", 3...): tokens.append(.monthName)
            case ("d", 1...2): tokens.append(.day)
            case ("H", 1...2): tokens.append(.hour24)
            case ("h", 1...2): tokens.append(.hour12)
            case ("a", 1): tokens.append(.amPm)
            case ("m", 1...2): tokens.append(.minute)
            case ("s", 1...2): tokens.append(.second)
            case ("S", _): tokens.append(.fraction)
            case ("X", _), ("Z", _), ("x", _): tokens.append(.offset)
            case ("'", _):
                guard let close = characters[(index + 1)...].firstIndex(of: "'") else {
                    throw PatternError(message: "a quote in `\(pattern)` is never closed")
                }
                for byte in String(characters[(index + 1)..<close]).utf8 { tokens.append(.literal(byte)) }
                index = close + 1
                continue
            default:
                if character.isLetter {
                    throw PatternError(message: "`\(String(repeating: character, count: run))` in `\(pattern)` is not a known field; "
                        + "use yyyy, MM, MMM, dd, HH, hh, a, mm, ss, SSS, XXX or quote literal text ('T')")
                }
                for _ in 0..<run { for byte in String(character).utf8 { tokens.append(.literal(byte)) } }
            }
            index += run
        }
        self.tokens = tokens
        let has = { (token: Token) in tokens.contains(token) }
        guard has(.year4) || has(.year2), has(.month) || has(.monthName), has(.day) else {
            throw PatternError(message: "`\(pattern)` needs a year (yyyy), a month (MM or MMM) and a day (dd)")
        }
        if has(.hour12), !has(.amPm) { throw PatternError(message: "`\(pattern)` uses hh (1–12) without a (AM/PM); use HH for 0–23") }
    }

    public struct PatternError: Error, Sendable {
        public var message: String
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> TimeParser.Parsed? {
        var cursor = ByteCursor(bytes)
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var pm: Bool?
        var offset: Int?
        for token in tokens {
            switch token {
            case .year4: guard let value = cursor.number(4) else { return nil }; year = value
            case .year2: guard let value = cursor.number(2) else { return nil }; year = value + (value < 50 ? 2000 : 1900)
            case .month: guard let value = cursor.number(1...2) else { return nil }; month = value
            case .monthName: guard let value = TimeParser.monthNumber(cursor.letters()) else { return nil }; month = value
            case .day: guard let value = cursor.number(1...2) else { return nil }; day = value
            case .hour24, .hour12: guard let value = cursor.number(1...2) else { return nil }; hour = value
            case .minute: guard let value = cursor.number(1...2), value < 60 else { return nil }; minute = value
            case .second: guard let value = cursor.number(1...2), value <= 60 else { return nil }; second = value
            case .fraction:
                var digits = 0.0, scale = 0.1
                while let value = cursor.number(1) {
                    digits += Double(value) * scale
                    scale /= 10
                }
                fraction = digits
            case .amPm:
                switch cursor.letters().uppercased() {
                case "AM": pm = false
                case "PM": pm = true
                default: return nil
                }
            case .offset: guard let value = cursor.offset() else { return nil }; offset = value
            case .literal(let byte):
                guard !cursor.atEnd, cursor.bytes[cursor.index] == byte else { return nil }
                cursor.index += 1
            }
        }
        guard cursor.atEnd else { return nil }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard hour < 24, let date = TimeParser.civilSeconds(year: year, month: month, day: day) else { return nil }
        return TimeParser.Parsed(localSeconds: date + Double(hour * 3600 + minute * 60 + second) + fraction, offsetSeconds: offset)
    }
}
