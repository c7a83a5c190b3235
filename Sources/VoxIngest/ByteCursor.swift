/// Reads numbers, letters and fixed characters off the front of a byte buffer.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }

    /// Exactly `digits` digits.
    mutating func number(_ digits: Int) -> Int? { number(digits...digits) }

    /// As many digits as `digits` allows (at least its lower bound).
    mutating func number(_ digits: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        while count < digits.upperBound, index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
            count += 1
        }
        return count >= digits.lowerBound ? value : nil
    }

    mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func spaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    mutating func letters() -> String {
        let start = index
        while index < bytes.count, (bytes[index] | 0x20) >= 0x61, (bytes[index] | 0x20) <= 0x7A { index += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// `HH:MM[:SS[.fff]]` as seconds.
    mutating func clock() -> Double? {
        guard let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var seconds = Double(hour * 3600 + minute * 60)
        if expect(":") {
            guard let second = number(2), second <= 60 else { return nil }
            seconds += Double(second) + fraction()
        }
        return seconds
    }

    /// `.fff` or `,fff` (any number of digits) as a fraction of a second; 0 when absent.
    mutating func fraction() -> Double {
        guard expect(".") || expect(",") else { return 0 }
        var scale = 0.1
        var value = 0.0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value += Double(bytes[index] - 48) * scale
            scale /= 10
            index += 1
        }
        return value
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM` as seconds east of UTC.
    mutating func offset() -> Int? {
        if expect("Z") { return 0 }
        let sign: Int
        if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else { return nil }
        guard let hours = number(2), hours <= 14 else { return nil }
        _ = expect(":")
        let minutes = number(2) ?? 0
        guard minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
