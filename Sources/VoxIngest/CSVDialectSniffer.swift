/// Guesses a CSV file's delimiter (`delimiter: auto`) from its first lines: the candidate that
/// splits the header and the following lines into the same number of fields, most often and
/// into the most fields, wins. Quotes are respected, so a comma inside a quoted comment does
/// not count.
enum CSVDialectSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
    static let sampleBytes = 64 * 1024
    static let sampleLines = 20

    static func delimiter(in window: inout ByteWindow, quote: UInt8) throws -> UInt8 {
        while window.available < sampleBytes, try window.fill() {}
        let sample = window.buffer[window.start..<min(window.end, window.start + sampleBytes)]
        return delimiter(in: sample, quote: quote)
    }

    static func delimiter(in sample: ArraySlice<UInt8>, quote: UInt8) -> UInt8 {
        // counts[line][candidate]
        var counts: [[Int]] = []
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        for byte in sample {
            if byte == quote {
                inQuotes.toggle()
                lineHasContent = true
                continue
            }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D {
                if lineHasContent { counts.append(current) }
                current = [Int](repeating: 0, count: candidates.count)
                lineHasContent = false
                if counts.count >= sampleLines { break }
                continue
            }
            lineHasContent = true
            if let index = candidates.firstIndex(of: byte) { current[index] += 1 }
        }
        if lineHasContent, counts.count < sampleLines { counts.append(current) }
        guard let header = counts.first else { return candidates[0] }
        var best = (candidate: candidates[0], agreeing: -1, fields: 0)
        for (index, candidate) in candidates.enumerated() where header[index] > 0 {
            let agreeing = counts.filter { $0[index] == header[index] }.count
            if agreeing > best.agreeing || (agreeing == best.agreeing && header[index] > best.fields) {
                best = (candidate, agreeing, header[index])
            }
        }
        return best.candidate
    }
}
