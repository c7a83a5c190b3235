import VoxModel

/// `records.csv`: the records export for spreadsheets, written when `outputs.formats` asks for
/// `csv`. RFC 4180 (CRLF line ends, quoted fields) with a UTF-8 byte-order mark, which Excel
/// needs to read UTF-8. One column per segment name (`segment:NAME`).
///
/// Spreadsheet formula injection is neutralised: a text cell that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// which spreadsheets show as text. Numbers Vox computes are written as plain numbers.
public enum RecordsCSV {
    public static let byteOrderMark = "\u{FEFF}"

    public static func header(segmentNames: [String]) -> String {
        let columns = [
            "id", "source", "location", "time", "role", "conversation", "author", "rating", "rating_scale",
        ] + segmentNames.map { "segment:" + $0 } + [
            "text", "sentiment_compound", "sentiment_pos", "sentiment_neu", "sentiment_neg", "sentiment_label",
            "empathy_score", "empathy_categories", "empathy_anti_patterns", "cluster", "secondary_clusters",
        ]
        return columns.map(text).joined(separator: ",") + "\r\n"
    }

    public static func row(_ scored: ScoredRecord, segmentNames: [String]) -> String {
        let record = scored.record
        var cells: [String] = [
            text(record.id), text(record.source), text(record.location.description),
            record.time.map(ISOTime.format) ?? "", text(record.role.rawValue), text(record.conversation ?? ""),
            text(record.author ?? ""), record.rating.map { number($0.value) } ?? "", record.rating?.scale.rawValue ?? "",
        ]
        cells += segmentNames.map { text(record.segment($0) ?? "") }
        let sentiment = scored.sentiment
        cells += [
            text(record.text), number(sentiment.compound), number(sentiment.positive), number(sentiment.neutral),
            number(sentiment.negative), sentiment.label.rawValue,
            scored.empathy.map { number($0.score) } ?? "",
            text(scored.empathy?.categories.map(\.rawValue).joined(separator: " ") ?? ""),
            text(scored.empathy?.antiPatterns.map(\.rawValue).joined(separator: " ") ?? ""),
            text(scored.cluster ?? ""), text(scored.secondaryClusters.joined(separator: " ")),
        ]
        return cells.joined(separator: ",") + "\r\n"
    }

    /// The whole file.
    public static func document(_ records: [ScoredRecord], segmentNames: [String]) -> String {
        var out = byteOrderMark + header(segmentNames: segmentNames)
        for record in records { out += row(record, segmentNames: segmentNames) }
        return out
    }

    /// A text cell: neutralised, then quoted when it holds a comma, a quote or a line break.
    static func text(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, formulaStarts.contains(first) { cell = "'" + cell }
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }

    /// Characters that make a spreadsheet treat a cell as a formula (OWASP's list).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func number(_ value: Double) -> String {
        JSONValue.format(value)
    }
}
