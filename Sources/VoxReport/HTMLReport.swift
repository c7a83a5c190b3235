import VoxModel

/// `report.html`: the same content as report.md in one self-contained file for a browser:
/// inline CSS, charts as inline SVG, no script and no external request (a Content Security
/// Policy forbids both, should a future change try). Every run of text goes through `HTMLText`.
public struct HTMLReport {
    public var document: ReportDocument

    public init(document: ReportDocument) {
        self.document = document
    }

    public init(result: RunResult) {
        self.init(document: ReportSections(result: result).document())
    }

    public func render() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(HTMLText.escape(document.title))</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <main>
            <h1>\(HTMLText.escape(document.title))</h1>

            """
        let sections = document.sections
        if sections.count > 2 {
            out += "<nav aria-label=\"Contents\"><ul>"
            for section in sections {
                out += "<li><a href=\"#\(section.anchor)\">\(HTMLText.escape(section.title))</a></li>"
            }
            out += "</ul></nav>\n"
        }
        for block in document.blocks {
            out += Self.render(block)
            out += "\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case .heading(let level, let text, let anchor):
            let tag = "h\(min(6, max(2, level)))"
            return "<\(tag) id=\"\(HTMLText.escape(anchor))\">\(inline(text))</\(tag)>"
        case .paragraph(let text):
            return "<p>\(inline(text))</p>"
        case .table(let table):
            return self.table(table)
        case .quotes(let quotes):
            return quotes.map { "<blockquote>\(inline($0))</blockquote>" }.joined(separator: "\n")
        case .bullets(let items):
            return "<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>"
        case .chart(let chart):
            return "<figure>\(chart.svg)<figcaption>\(HTMLText.escape(chart.description))</figcaption></figure>"
        case .warning(let text):
            return "<p class=\"warning\"><strong>Warning:</strong> \(inline(text))</p>"
        }
    }

    static func inline(_ text: ReportText) -> String {
        text.runs.map { run in
            switch run {
            case .plain(let value): return HTMLText.escape(value)
            case .strong(let value): return "<strong>\(HTMLText.escape(value))</strong>"
            case .code(let value): return "<code>\(HTMLText.escape(value))</code>"
            }
        }.joined()
    }

    static func table(_ table: ReportTable) -> String {
        func cellClass(_ column: Int) -> String {
            table.columns[column].alignment == .right ? " class=\"num\"" : ""
        }
        var out = "<div class=\"table\"><table>\n<thead><tr>"
        for (index, column) in table.columns.enumerated() {
            out += "<th\(cellClass(index)) scope=\"col\">\(HTMLText.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (rowIndex, row) in table.rows.enumerated() {
            out += table.totalRows.contains(rowIndex) ? "<tr class=\"total\">" : "<tr>"
            for (index, cell) in row.enumerated() {
                out += "<td\(cellClass(index))>\(inline(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>"
        return out
    }

    /// Readable at 100 % zoom on a laptop and in print; system fonts only (no request).
    static let styleSheet = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --band: #f6f8fa; --accent: #0072B2; --warn: #D55E00; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 64px; }
        h1 { font-size: 28px; margin: 8px 0 4px; }
        h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 17px; margin: 28px 0 6px; }
        p { margin: 8px 0; }
        nav ul { list-style: none; padding: 0; margin: 4px 0 12px; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 14px; }
        a { color: var(--accent); }
        code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--band); padding: 1px 4px; border-radius: 4px; white-space: nowrap; }
        td code { white-space: normal; overflow-wrap: anywhere; }
        .table { overflow-x: auto; margin: 12px 0; }
        table { border-collapse: collapse; font-size: 14px; min-width: 40%; }
        th, td { border: 1px solid var(--rule); padding: 5px 10px; text-align: left; vertical-align: top; }
        th { background: var(--band); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:nth-child(even) td { background: #fbfcfd; }
        tr.total td { font-weight: 600; background: var(--band); }
        blockquote { margin: 8px 0; padding: 6px 14px; border-left: 4px solid var(--accent); background: var(--band); color: var(--ink); }
        figure { margin: 16px 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        .warning { border-left: 4px solid var(--warn); padding: 6px 14px; background: #fdf1ea; }
        @media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
        """
}
