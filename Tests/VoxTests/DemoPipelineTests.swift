import Foundation
import Testing
import VoxModel
@testable import VoxPipeline

/// The demo pipeline the README's `make demo` runs: every source read, counts reconciled,
/// every output written and parseable.
@Suite("Demo pipeline")
struct DemoPipelineTests {
    @Test("reads all three sources with the expected counts and writes parseable outputs")
    func demo() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml").path
        let config = try PipelineParser().parse(contentsOf: file)
        #expect(PipelineValidator().validate(config).isEmpty)
        let outcome = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: "2026-01-01")).run()
        let counts = outcome.result.sources.map { [$0.read, $0.accepted, $0.rejected, $0.duplicates] }
        // survey.csv: one short row, one empty comment, one duplicate; reviews.xml: one empty review.
        #expect(outcome.result.sources.map(\.name) == ["survey", "helpdesk", "appstore"])
        #expect(counts == [[150, 147, 2, 1], [155, 155, 0, 0], [60, 59, 1, 0]])
        #expect(!outcome.rejectThresholdExceeded)
        for name in ["report.json", "trend.json"] {
            #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(name))) is [String: Any])
        }
        for name in ["records.jsonl", "rejects.jsonl"] {
            let lines = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
            #expect(lines.count == (name == "records.jsonl" ? 361 : 3))
        }
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("| **Total** |  |  | **365** | **361** | **3** | **1** |"))
        // The demo plants fake personal data; none of it may reach the outputs.
        for secret in ["4111 1111 1111 1111", "@example.com", "7946 0123"] {
            for name in ["report.md", "report.html", "report.json", "records.jsonl", "rejects.jsonl"] {
                let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
                #expect(!text.contains(secret), "\(secret) leaked into \(name)")
            }
        }
    }
}
