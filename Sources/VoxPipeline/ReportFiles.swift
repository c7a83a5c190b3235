import VoxModel
import VoxReport

/// The report files a pipeline's `outputs.formats` asks for, rendered from a finished run:
/// report.md with its chart-*.svg files, report.html, report.json, records.csv. (rejects.jsonl
/// and trend.json are always written, and records.jsonl streams through `RecordsSpill`; the
/// runner adds them.)
enum ReportFiles {
    static func render(result: RunResult, records: [ScoredRecord], formats: Set<OutputFormat>) -> [(name: String, contents: String)] {
        var files: [(name: String, contents: String)] = []
        if formats.contains(.markdown) || formats.contains(.html) {
            let document = ReportSections(result: result).document()
            if formats.contains(.markdown) {
                files.append(("report.md", MarkdownReport(document: document).render()))
                files += document.charts.map { ($0.fileName, $0.svg) }
            }
            if formats.contains(.html) { files.append(("report.html", HTMLReport(document: document).render())) }
        }
        if formats.contains(.json) { files.append(("report.json", ReportJSON.encode(result))) }
        if formats.contains(.csv) {
            let segmentNames = Array(Set(result.segments.map(\.segment))).sorted()
            files.append(("records.csv", RecordsCSV.document(records, segmentNames: segmentNames)))
        }
        return files
    }
}
