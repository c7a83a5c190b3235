/// International bank account numbers (ISO 13616): a country code, two check digits and the
/// national part, written whole or in groups of four (`DE89 3704 0044 0532 0130 00`), in either
/// case. A candidate must have exactly its country's length and pass the mod-97 check, so a
/// reference like `AB12 3456 …` with no such country, or a wrong digit, is left alone.
enum IBANDetector {
    /// Length of the IBAN by country, from the ISO 13616 registry.
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    static func match(_ bytes: [UInt8], at start: Int) -> Int? {
        guard start + 4 <= bytes.count, Bytes.isLetter(bytes[start]), Bytes.isLetter(bytes[start + 1]),
              Bytes.isDigit(bytes[start + 2]), Bytes.isDigit(bytes[start + 3]) else { return nil }
        let country = String(decoding: [bytes[start] & 0xDF, bytes[start + 1] & 0xDF], as: UTF8.self)
        guard let length = lengths[country] else { return nil }
        // Collect `length` letters and digits, allowing a single space between groups.
        var characters: [UInt8] = []
        var index = start
        while index < bytes.count, characters.count < length {
            let byte = bytes[index]
            if Bytes.isAlphanumeric(byte) {
                characters.append(byte)
                index += 1
            } else if byte == UInt8(ascii: " "), index + 1 < bytes.count, Bytes.isAlphanumeric(bytes[index + 1]), !characters.isEmpty {
                index += 1
            } else {
                break
            }
        }
        guard characters.count == length, Bytes.endsToken(bytes, at: index), checksumValid(characters) else { return nil }
        return index
    }

    /// Moves the first four characters to the end, reads letters as 10…35, and checks that the
    /// number is 1 modulo 97, digit by digit so it never overflows.
    static func checksumValid(_ characters: [UInt8]) -> Bool {
        var remainder = 0
        for byte in characters[4...] + characters[..<4] {
            if Bytes.isDigit(byte) {
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            } else {
                let value = Int((byte | 0x20) - 0x61) + 10
                remainder = (remainder * 100 + value) % 97
            }
        }
        return remainder == 1
    }
}
