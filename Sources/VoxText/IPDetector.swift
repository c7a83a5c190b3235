/// IP addresses. IPv4: four decimal octets 0–255 without leading zeros (`192.168.0.12`), not a
/// four-part version number (`version 1.2.3.4`, `build 10.0.1.2`). IPv6: hexadecimal groups of
/// one to four digits, either all eight or with one `::` standing for the rest (`2001:db8::1`,
/// `::1`, `fe80::a00:27ff:fe4e:66a1`), the last two groups possibly written as an IPv4 address
/// (`::ffff:192.0.2.1`). Times (`10:30:00`) and MAC addresses (six groups, no `::`) are not.
enum IPDetector {
    /// The end of an IPv4 address at `start`, or nil.
    static func matchIPv4(_ bytes: [UInt8], at start: Int) -> Int? {
        guard let end = dottedQuad(bytes, at: start) else { return nil }
        // Not a longer dotted number (`1.2.3.4.5`) and not glued to a word.
        if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "."), Bytes.isDigit(bytes[end + 1]) { return nil }
        guard Bytes.endsToken(bytes, at: end) else { return nil }
        if ["version", "ver", "v", "build", "release", "firmware", "app"].contains(Bytes.wordBefore(bytes, at: start)) { return nil }
        return end
    }

    /// Four dot-separated decimal octets 0–255 without leading zeros; the end, or nil.
    static func dottedQuad(_ bytes: [UInt8], at start: Int) -> Int? {
        var index = start
        for part in 0..<4 {
            if part > 0 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            let begin = index
            var value = 0
            while index < bytes.count, Bytes.isDigit(bytes[index]), index - begin < 4 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            let count = index - begin
            guard (1...3).contains(count), value <= 255, count == 1 || bytes[begin] != UInt8(ascii: "0") else { return nil }
        }
        return index
    }

    /// The end of an IPv6 address at `start`, or nil.
    static func matchIPv6(_ bytes: [UInt8], at start: Int) -> Int? {
        let colon = UInt8(ascii: ":"), dot = UInt8(ascii: ".")
        guard Bytes.isHex(bytes[start]) || bytes[start] == colon else { return nil }
        if start > 0, bytes[start - 1] == colon || bytes[start - 1] == dot { return nil }
        var end = start
        while end < bytes.count, Bytes.isHex(bytes[end]) || bytes[end] == colon || bytes[end] == dot { end += 1 }
        // Punctuation after the address belongs to the sentence: `at 2001:db8::1.` or `::1:`.
        while end > start, bytes[end - 1] == dot { end -= 1 }
        if end - start >= 2, bytes[end - 1] == colon, bytes[end - 2] != colon { end -= 1 }
        guard end > start, Bytes.endsToken(bytes, at: end), isIPv6(Array(bytes[start..<end])) else { return nil }
        return end
    }

    static func isIPv6(_ text: [UInt8]) -> Bool {
        let colon = UInt8(ascii: ":")
        var halves: [[UInt8]] = []
        var rest = text[...]
        // Split at the one `::`, if any.
        var compressed = false
        if let index = (0..<max(0, text.count - 1)).first(where: { text[$0] == colon && text[$0 + 1] == colon }) {
            halves = [Array(text[..<index]), Array(text[(index + 2)...])]
            compressed = true
            rest = []
        } else {
            halves = [Array(rest)]
        }
        var groups = 0
        for (halfIndex, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: colon, omittingEmptySubsequences: false)
            for (partIndex, part) in parts.enumerated() {
                let isLast = halfIndex == halves.count - 1 && partIndex == parts.count - 1
                if isLast, part.contains(UInt8(ascii: ".")) {
                    let quad = Array(part)
                    guard dottedQuad(quad, at: 0) == quad.count else { return false }
                    groups += 2
                } else {
                    guard (1...4).contains(part.count), part.allSatisfy(Bytes.isHex) else { return false }
                    groups += 1
                }
            }
        }
        // `::` alone says nothing; with `::` there is room for at least one zero group.
        return compressed ? (groups >= 1 && groups <= 7) : groups == 8
    }
}
