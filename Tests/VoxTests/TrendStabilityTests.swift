import Foundation
import Testing
import VoxModel
@testable import VoxPipeline
@testable import VoxReport

/// trend.json is what product teams commit and diff: it must not move when nothing moved.
@Suite("Trend file stability")
struct TrendStabilityTests {
    static func run(_ pipeline: String, out: URL, asOf: String = "2026-01-01", threads: Int? = nil, history: URL? = nil) throws -> PipelineRunner.Outcome {
        var config = try PipelineParser().parse(contentsOf: TestSupport.fixture("pipelines/\(pipeline).yml"))
        config.outputs.history = history?.path
        return try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: asOf, threads: threads)).run()
    }

    @Test("the same records in another order give a byte-identical trend.json")
    func reorderedInput() throws {
        let first = try TestSupport.temporaryDirectory(), second = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let a = try Self.run("mini", out: first, threads: 1)
        let b = try Self.run("mini-reordered", out: second, threads: 4)
        #expect(a.result.totalAccepted == b.result.totalAccepted)
        let trendA = try String(contentsOf: first.appendingPathComponent("trend.json"), encoding: .utf8)
        let trendB = try String(contentsOf: second.appendingPathComponent("trend.json"), encoding: .utf8)
        #expect(trendA == trendB)
        #expect(trendA.contains("\"refunds\": {"), "the comparison covers clusters")
    }

    @Test("figures are rounded to the stated precision and every figure sits on its own line")
    func precision() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try DemoRun.run(into: out)
        let text = try String(contentsOf: out.appendingPathComponent("report/trend.json"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let colon = line.range(of: "\": ") else { continue }
            let key = line[..<colon.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            let value = line[colon.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: ","))
            guard let dot = value.firstIndex(of: "."), Double(value) != nil else { continue }
            let decimals = value.distance(from: value.index(after: dot), to: value.endIndex)
            let allowed = ["severity": TrendFile.Precision.severity, "nps": TrendFile.Precision.score, "mean_empathy": TrendFile.Precision.score][key] ?? 4
            #expect(decimals <= allowed, "\(key): \(value) has \(decimals) decimals")
        }
        // One figure a line: no object or array of numbers is written on one line.
        #expect(!text.contains("{\"") && !text.contains(", \""))
    }

    @Test("each run adds its dated snapshot to the history; a rerun of the same date replaces it and compares with the day before")
    func history() throws {
        let out = try TestSupport.temporaryDirectory(), history = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: history)
        }
        _ = try Self.run("mini", out: out, asOf: "2026-01-01", history: history)
        let second = try Self.run("mini", out: out, asOf: "2026-01-02", history: history)
        #expect(second.result.previous?.asOf == "2026-01-01")
        #expect(second.result.changes?.oldAsOf == "2026-01-01")
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        let again = try Self.run("mini", out: out, asOf: "2026-01-02", history: history)
        #expect(again.result.previous?.asOf == "2026-01-01", "a rerun does not compare with itself")
        #expect(try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8) == report)
        let names = try FileManager.default.contentsOfDirectory(atPath: history.path).sorted()
        #expect(names == ["trend-2026-01-01.json", "trend-2026-01-02.json"])
        #expect(try Data(contentsOf: history.appendingPathComponent("trend-2026-01-02.json")) == Data(contentsOf: out.appendingPathComponent("trend.json")))
        // Trend charts need two runs: they appear now.
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("chart-negative-trend.svg").path))
        #expect(report.contains("![Negative share over 2 runs from 2026-01-01 to 2026-01-02"))
    }

    @Test("a snapshot of another pipeline in a shared history is skipped, not compared")
    func otherPipeline() throws {
        let out = try TestSupport.temporaryDirectory(), history = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: history)
        }
        try FileManager.default.copyItem(atPath: TestSupport.fixture("trends/old.json"), toPath: history.appendingPathComponent("trend-2025-12-31.json").path)
        let outcome = try Self.run("mini", out: out, asOf: "2026-01-02", history: history)
        #expect(outcome.result.previous == nil)
    }
}
