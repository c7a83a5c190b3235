import VoxModel

extension ReportSections {
    /// Rejects by source and reason, duplicates and replaced invalid text: how far to trust the rest.
    func dataQuality() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Data quality", anchor: "data-quality")]
        var table = ReportTable(columns: [.init("Source"), .init("Reject reason"), .init("Records", .right)])
        for source in result.sources {
            for (reason, count) in source.rejectReasons.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                table.append([.plain(source.name), .code(reason), .plain(NumberFormat.count(count))])
            }
        }
        if table.rows.isEmpty {
            blocks.append(.paragraph("No records were rejected."))
        } else {
            blocks.append(.table(table))
            blocks.append(.paragraph("Each rejected record is listed with its file, line and reason in \(code: "rejects.jsonl")."))
        }
        let invalid = result.sources.reduce(0) { $0 + $1.invalidText }
        blocks.append(.paragraph(
            "Duplicates dropped: \(strong: NumberFormat.count(result.totalDuplicates)). Records kept with invalid text replaced (U+FFFD): \(strong: NumberFormat.count(invalid))."
                + ReportText.plain(result.redacted ? " Personal data (e-mail addresses, phone, card and bank account numbers, IP addresses) is redacted in every output." : "")
        ))
        return blocks
    }
}
