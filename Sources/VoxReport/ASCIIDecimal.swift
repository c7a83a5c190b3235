/// Integers written as ASCII digits straight into a byte buffer, for the writers that run once
/// per record (records.jsonl, its timestamps and locations), where `String(value)` and string
/// interpolation would allocate and count characters for every number.
enum ASCIIDecimal {
    /// Appends `value` in decimal, left-padded with zeros to `width` digits (a minus sign first
    /// for negative values, not counted in the width).
    static func append(_ value: Int, width: Int = 1, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // Digits from the last, into a fixed buffer: an Int has at most 19 of them.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for _ in count..<max(count, width) { out.append(UInt8(ascii: "0")) }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}

extension ASCIIDecimal {
    /// Appends `JSONValue.format(value)`'s text. Scores are rounded to four decimals, and for
    /// such a value the shortest round-trip text is its four-decimal form without trailing
    /// zeros, written here from integers; `Double.description` (a `String` each time) is left for
    /// the other values. Why the fast path is exact: `n / 10000.0` is the double nearest the
    /// decimal n·10⁻⁴ (both operands are exact and IEEE division rounds correctly), so when it
    /// equals `value` that decimal reads back as `value`; and below a million a double's spacing
    /// is under 10⁻⁹, so no decimal with fewer digits reads back as the same value.
    static func append(_ value: Double, to out: inout [UInt8]) {
        let scaled = (value * 10_000).rounded()
        guard value != 0, scaled.magnitude < 10_000_000_000, scaled / 10_000 == value else {
            var text = JSONValue.format(value)
            text.withUTF8 { out.append(contentsOf: $0) }
            return
        }
        let units = Int(scaled)
        if units < 0 { out.append(UInt8(ascii: "-")) }
        append(abs(units) / 10_000, to: &out)
        out.append(UInt8(ascii: "."))
        var fraction = abs(units) % 10_000
        guard fraction != 0 else { return out.append(UInt8(ascii: "0")) }
        var width = 4
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        append(fraction, width: width, to: &out)
    }
}
