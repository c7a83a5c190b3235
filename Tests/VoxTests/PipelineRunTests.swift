import Foundation
import Testing
import VoxModel
@testable import VoxPipeline

@Suite("Running pipelines end to end")
struct PipelineRunTests {
    static func runMini(asOf: String = "2026-01-01", threads: Int? = nil) throws -> (PipelineRunner.Outcome, URL) {
        let out = try TestSupport.temporaryDirectory()
        let file = TestSupport.fixture("pipelines/mini.yml")
        let config = try PipelineParser().parse(contentsOf: file)
        #expect(PipelineValidator().validate(config).isEmpty)
        let outcome = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: asOf, threads: threads)).run()
        return (outcome, out)
    }

    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("counts per source reconcile and every output is written and parses")
    func mini() throws {
        let (outcome, out) = try Self.runMini()
        defer { try? FileManager.default.removeItem(at: out) }
        let stats = Dictionary(uniqueKeysWithValues: outcome.result.sources.map { ($0.name, $0) })
        #expect(stats["survey"].map { [$0.read, $0.accepted, $0.rejected, $0.duplicates] } == [8, 6, 1, 1])
        #expect(stats["tickets"].map { [$0.read, $0.accepted, $0.rejected, $0.duplicates] } == [6, 6, 0, 0])
        #expect(stats["reviews"].map { [$0.read, $0.accepted, $0.rejected, $0.duplicates] } == [3, 2, 1, 0])
        #expect(outcome.result.sources.allSatisfy { $0.reconciles })
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == [
            "chart-pain-points.svg", "chart-sentiment.svg", "records.jsonl", "rejects.jsonl", "report.html", "report.json",
            "report.md", "trend.json",
        ])
        for name in ["report.json", "trend.json"] {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(try JSONSerialization.jsonObject(with: data) is [String: Any], "\(name) parses")
        }
        let records = try Self.jsonLines(out.appendingPathComponent("records.jsonl"))
        #expect(records.count == outcome.result.totalAccepted)
        for record in records {
            #expect(record["id"] is String && record["source"] is String && record["sentiment"] is [String: Any])
            #expect(record.keys.contains("cluster") && record.keys.contains("empathy"))
        }
        // Agent messages carry empathy, customer messages do not.
        let agent = try #require(records.first { $0["id"] as? String == "T1-2" })
        #expect(((agent["empathy"] as? [String: Any])?["categories"] as? [String])?.contains("apology") == true)
        #expect(records.first { $0["id"] as? String == "T1-1" }?["empathy"] is NSNull)
        // Personal data is redacted in the records export.
        let s3 = try #require(records.first { $0["id"] as? String == "s3" })
        #expect((s3["text"] as? String)?.contains("[email]") == true)
        let rejects = try Self.jsonLines(out.appendingPathComponent("rejects.jsonl"))
        #expect(rejects.map { $0["reason"] as? String } == ["field_count", "empty_text"])
        #expect(rejects.first?["line"] as? Int == 8)
        #expect(rejects.first?["file"] as? String == TestSupport.fixture("pipelines/mini/survey.csv").replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: ""))
    }

    @Test("negative feedback lands in the planted pain points; the report shows them with quotes")
    func clustersAndReport() throws {
        let (outcome, out) = try Self.runMini()
        defer { try? FileManager.default.removeItem(at: out) }
        let ids = Set(outcome.result.clusters.map(\.id))
        #expect(ids.isSuperset(of: ["refunds", "billing", "delivery-delays"]))
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("# Vox report: mini"))
        #expect(report.contains("| survey | csv |"))
        #expect(report.contains("Refund not received"))
        #expect(report.contains("## Conversations"))
        #expect(report.contains("| Priya |"))
        #expect(!report.contains("ann@example.com"))
    }

    @Test("the same input and --as-of give byte-identical outputs with 1 and 4 threads")
    func deterministic() throws {
        let (_, first) = try Self.runMini(threads: 1)
        let (_, second) = try Self.runMini(threads: 4)
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for name in ["records.jsonl", "rejects.jsonl", "report.json", "report.md", "report.html", "chart-pain-points.svg", "trend.json"] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    @Test("a second run compares with the previous trend.json in the output directory")
    func previousRun() throws {
        let (_, out) = try Self.runMini(asOf: "2026-01-01")
        defer { try? FileManager.default.removeItem(at: out) }
        let config = try PipelineParser().parse(contentsOf: TestSupport.fixture("pipelines/mini.yml"))
        let outcome = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: "2026-01-02")).run()
        #expect(outcome.result.previous?.asOf == "2026-01-01")
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("| Figure | Value | Previous (2026-01-01) | Change |"))
        #expect(report.contains("Changes are since the run of **2026-01-01**"))
    }

    @Test("the binary prints one line per source and the report path; rejects over the threshold exit 3")
    func binary() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try TestSupport.runVox(["run", TestSupport.fixture("pipelines/mini.yml"), "--out", out.path, "--as-of", "2026-01-01"])
        // 2 rejects of 17 records read is 11.8 %, above the default 5 %.
        #expect(result.status == 3)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            "survey: read 8, accepted 6, rejected 1, duplicates 1",
            "tickets: read 6, accepted 6, rejected 0, duplicates 0",
            "reviews: read 3, accepted 2, rejected 1, duplicates 0",
            "report: \(out.path)/report.md",
        ])
        #expect(result.stderr.contains("above outputs.max_reject_ratio"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
    }

    @Test("--verbose logs how long each stage took, in order; a default run does not")
    func stageTimes() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let arguments = ["run", TestSupport.fixture("pipelines/mini.yml"), "--out", out.path, "--as-of", "2026-01-01"]
        let verbose = try TestSupport.runVox(arguments + ["--verbose"])
        let stages = verbose.stderr.split(separator: "\n").filter { $0.contains("stage finished") }
        let names = stages.compactMap { line in line.range(of: "stage=").map { String(line[$0.upperBound...]) } }
        #expect(names == [
            "read and scored", "clusters discovered", "conversations summarised (beyond discovery)", "figures finished",
            "reports written", "records.jsonl finished (beyond the reports)", "outputs published",
        ])
        #expect(stages.allSatisfy { $0.contains("seconds=") })
        let quiet = try TestSupport.runVox(arguments)
        #expect(!quiet.stderr.contains("stage finished"))
    }
}
