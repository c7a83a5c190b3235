import VoxModel

/// `report.md`: GitHub-flavoured Markdown that also reads as plain text. Renders a
/// `ReportDocument`; every run of text goes through `MarkdownText`, so customer text can break
/// neither the Markdown nor a table, nor inject HTML or links.
public struct MarkdownReport {
    public var document: ReportDocument

    public init(document: ReportDocument) {
        self.document = document
    }

    /// The report of a run, as `vox run` writes it.
    public init(result: RunResult) {
        self.init(document: ReportSections(result: result).document())
    }

    public func render() -> String {
        var chunks: [String] = ["# " + MarkdownText.escape(document.title)]
        for block in document.blocks {
            chunks.append(Self.render(block))
        }
        return chunks.joined(separator: "\n\n") + "\n"
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case .heading(let level, let text, _):
            return String(repeating: "#", count: level) + " " + inline(text)
        case .paragraph(let text):
            return inline(text)
        case .table(let table):
            return self.table(table)
        case .quotes(let quotes):
            return quotes.map { "> " + inline($0) }.joined(separator: "\n>\n")
        case .bullets(let items):
            return items.map { "- " + inline($0) }.joined(separator: "\n")
        case .chart(let chart):
            return "![\(MarkdownText.escape(chart.description))](\(chart.fileName))"
        case .warning(let text):
            return "> **Warning:** " + inline(text)
        }
    }

    static func inline(_ text: ReportText, bold: Bool = false) -> String {
        text.runs.map { run in
            switch run {
            case .plain(let value):
                let escaped = MarkdownText.escape(value)
                return bold && !escaped.trimmingSpaces.isEmpty ? "**\(escaped)**" : escaped
            case .strong(let value): return "**\(MarkdownText.escape(value))**"
            case .code(let value): return MarkdownText.code(value)
            }
        }.joined()
    }

    static func table(_ table: ReportTable) -> String {
        var lines: [String] = []
        lines.append("| " + table.columns.map { MarkdownText.escape($0.title) }.joined(separator: " | ") + " |")
        lines.append("|" + table.columns.map { $0.alignment == .right ? "--:" : "---" }.joined(separator: "|") + "|")
        for (index, row) in table.rows.enumerated() {
            let bold = table.totalRows.contains(index)
            lines.append("| " + row.map { inline($0, bold: bold) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmingSpaces: Substring {
        drop { $0 == " " }
    }
}
