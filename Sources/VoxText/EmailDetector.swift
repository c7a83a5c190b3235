/// E-mail addresses: `local@domain.tld`, the local part of letters, digits and `._%+-`, the
/// domain of at least two dot-separated labels ending in a top-level domain of two or more
/// letters (`user@localhost` and `@handles` are not addresses).
enum EmailDetector {
    static func isLocal(_ byte: UInt8) -> Bool {
        Bytes.isAlphanumeric(byte) || "._%+-".utf8.contains(byte)
    }

    static func isDomain(_ byte: UInt8) -> Bool {
        Bytes.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The end of an address starting at `start` (not in the middle of one), or nil.
    static func match(_ bytes: [UInt8], at start: Int) -> Int? {
        guard isLocal(bytes[start]), bytes[start] != UInt8(ascii: ".") else { return nil }
        if start > 0, isLocal(bytes[start - 1]) { return nil }
        var at = start
        while at < bytes.count, isLocal(bytes[at]) { at += 1 }
        guard at < bytes.count, at > start, bytes[at] == UInt8(ascii: "@") else { return nil }
        var end = at + 1
        while end < bytes.count, isDomain(bytes[end]) { end += 1 }
        // A sentence's full stop or a dash after the address is not part of it.
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        let labels = bytes[(at + 1)..<end].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(Bytes.isLetter) else { return nil }
        return end
    }
}
