/// One block of a report: what both the Markdown and the HTML renderer draw.
public enum ReportBlock: Sendable, Hashable {
    /// A section heading; `anchor` is a stable id for the HTML table of contents.
    case heading(level: Int, text: ReportText, anchor: String)
    case paragraph(ReportText)
    case table(ReportTable)
    /// Customer quotes, each its own block quote.
    case quotes([ReportText])
    case bullets([ReportText])
    /// A chart: linked from Markdown, drawn inline in HTML.
    case chart(ReportChart)
    /// A note that must not be overlooked (redaction off, rejects over threshold).
    case warning(ReportText)
}

/// A table with a header row; numbers align right.
public struct ReportTable: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable {
        case left
        case right
    }

    public struct Column: Sendable, Hashable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[ReportText]]
    /// Rows to set apart as totals (bold in both renderers).
    public var totalRows: Set<Int>

    public init(columns: [Column], rows: [[ReportText]] = [], totalRows: Set<Int> = []) {
        self.columns = columns
        self.rows = rows
        self.totalRows = totalRows
    }

    public mutating func append(_ row: [ReportText]) {
        precondition(row.count == columns.count, "a table row needs \(columns.count) cells, got \(row.count)")
        rows.append(row)
    }
}

/// An SVG chart written next to the report as `fileName` and inlined in report.html.
public struct ReportChart: Sendable, Hashable {
    public var fileName: String
    public var title: String
    /// What the chart shows in words: alt text for Markdown and the figure caption in HTML.
    public var description: String
    public var svg: String

    public init(fileName: String, title: String, description: String, svg: String) {
        self.fileName = fileName
        self.title = title
        self.description = description
        self.svg = svg
    }
}

/// A whole report: a title, blocks in reading order, and the charts among them.
public struct ReportDocument: Sendable, Hashable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }

    /// The charts in the order they appear: the files to write next to report.md.
    public var charts: [ReportChart] {
        blocks.compactMap { block in
            if case .chart(let chart) = block { return chart }
            return nil
        }
    }

    /// Level-2 headings, for a table of contents.
    public var sections: [(title: String, anchor: String)] {
        blocks.compactMap { block in
            if case .heading(2, let text, let anchor) = block { return (text.plainText, anchor) }
            return nil
        }
    }
}
