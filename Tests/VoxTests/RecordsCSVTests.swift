import Foundation
import Testing
import VoxModel
@testable import VoxPipeline
@testable import VoxReport

@Suite("records.csv")
struct RecordsCSVTests {
    @Test("cells a spreadsheet would run as formulas start with ' ; RFC 4180 quoting; numbers stay numbers")
    func cells() {
        #expect(RecordsCSV.text("=SUM(A1:A9)") == "'=SUM(A1:A9)")
        #expect(RecordsCSV.text("+1") == "'+1")
        #expect(RecordsCSV.text("-1") == "'-1")
        #expect(RecordsCSV.text("@cmd") == "'@cmd")
        #expect(RecordsCSV.text("\tx") == "'\tx")
        #expect(RecordsCSV.text("\r=x") == "\"'\r=x\"")
        #expect(RecordsCSV.text("a=b") == "a=b")
        #expect(RecordsCSV.text("say \"hi\", then") == "\"say \"\"hi\"\", then\"")
        #expect(RecordsCSV.text("two\nlines") == "\"two\nlines\"")
        #expect(RecordsCSV.number(-0.25) == "-0.25")
    }

    @Test("a pipeline asking for csv writes records.csv only, neutralised, with a column per segment")
    func pipeline() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let config = try PipelineParser().parse(contentsOf: TestSupport.fixture("pipelines/formula.yml"))
        #expect(config.outputs.formats == [.csv])
        _ = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: "2026-01-01")).run()
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["records.csv", "rejects.jsonl", "trend.json"])
        let data = try Data(contentsOf: out.appendingPathComponent("records.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark for Excel")
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows[0] == "id,source,location,time,role,conversation,author,rating,rating_scale,segment:region,text,sentiment_compound,sentiment_pos,sentiment_neu,sentiment_neg,sentiment_label,empathy_score,empathy_categories,empathy_anti_patterns,cluster,secondary_clusters")
        #expect(rows[1].hasPrefix("f1,survey,"))
        #expect(rows[1].contains(",'=cmd|'/c calc'!A1,,,EU,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","))
        #expect(rows[2].contains(",'+agent,,,'@UK,\"'-2+3 is the total, they said\","))
        #expect(rows[3].hasPrefix("'@f3,survey,"))
        #expect(rows[3].contains(",Ann,,,EU,\"Quote \"\"this\"\" and, a comma\nnext line\","))
        // No cell that a spreadsheet reads starts a formula: check every unquoted cell start.
        for row in rows.dropFirst() where !row.isEmpty {
            for cell in row.split(separator: ",", omittingEmptySubsequences: false) {
                let start = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                if let first = start.first, "=+@".contains(first) { Issue.record("cell starts a formula: \(cell)") }
            }
        }
    }

    @Test("outputs.formats accepts html and csv and says what it expects otherwise")
    func formats() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("p.yml")
        try TestSupport.write("""
            name: p
            sources:
              - {name: s, format: csv, path: s.csv, fields: {text: t}}
            outputs:
              formats: [html, csv, pdf]
            """, to: file)
        #expect {
            _ = try PipelineParser().parse(contentsOf: file.path)
        } throws: { error in
            "\(error)".contains("outputs.formats[2]") && "\(error)".contains("unknown format `pdf`; expected markdown, json, html, records, csv")
        }
        #expect(OutputFormat.defaults == [.markdown, .json, .html, .records])
    }
}
