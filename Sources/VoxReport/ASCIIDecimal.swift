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
