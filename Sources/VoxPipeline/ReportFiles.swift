import VoxModel
import VoxReport

/// The report files a pipeline's `outputs.formats` asks for, rendered from a finished run:
/// report.md with its chart-*.svg files, report.html, report.json, records.csv. (rejects.jsonl
/// and trend.json are always written, and records.jsonl streams through `RecordsSpill`; the
/// runner adds them.)
enum ReportFiles {
    static func render(result: RunResult, records: [ScoredRecord], formats: Set<OutputFormat>) -> [(name: String, contents: Contents)] {
        var files: [(name: String, contents: Contents)] = []
        if formats.contains(.markdown) || formats.contains(.html) {
            let document = ReportSections(result: result).document()
            if formats.contains(.markdown) {
                files.append(("report.md", .text(MarkdownReport(document: document).render())))
                files += document.charts.map { ($0.fileName, .text($0.svg)) }
            }
            if formats.contains(.html) { files.append(("report.html", .text(HTMLReport(document: document).render()))) }
        }
        if formats.contains(.json) { files.append(("report.json", .streamed { write in ReportJSON.write(result, into: write) })) }
        if formats.contains(.csv) {
            let segmentNames = Array(Set(result.segments.map(\.segment))).sorted()
            files.append(("records.csv", .text(RecordsCSV.document(records, segmentNames: segmentNames))))
        }
        return files
    }

    /// A file's contents: whole, or rendered in pieces that are written as they come (report.json,
    /// which lists every conversation and can be larger than the run's memory should be).
    enum Contents {
        case text(String)
        case streamed((_ write: (String) -> Void) -> Void)
    }
}
