import Foundation
import Testing
@testable import VoxBenchData
@testable import VoxPipeline

/// `make bench` measures generated feedback; these tests make sure what it measures is what it
/// claims: the same files every time, read completely by every reader, shaped as documented.
@Suite("Bench feedback generator")
struct BenchGeneratorTests {
    static let count = 400

    static func generate(into base: URL) throws -> URL {
        let process = Process()
        process.executableURL = TestSupport.builtBinary("vox-bench")
        process.arguments = ["generate", "--records", "\(count)", "--dir", base.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return URL(fileURLWithPath: String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("message times stay in January, in order, however many messages (ten million included)", arguments: [1, 1_000, 1_000_000, 2_419_200, 2_419_201, 10_000_000])
    func timesStayInJanuary(count: Int) {
        let last = FeedbackGenerator.second(ofMessage: count - 1, count: count)
        #expect(last < 28 * 86_400)
        #expect(FeedbackGenerator.isoTime(seconds: last).hasPrefix("2026-01-"))
        #expect(FeedbackGenerator.isoTime(seconds: last) <= "2026-01-28T23:59:59Z")
        if count > 1 { #expect(FeedbackGenerator.second(ofMessage: count - 2, count: count) <= last) }
        // Up to 28 days of seconds, one message a second apart or more: the 1M data is as before.
        if count == 1_000_000 { #expect(FeedbackGenerator.second(ofMessage: 999_999, count: count) == 999_999 * 2) }
    }

    @Test("two generations write byte-identical files")
    func deterministic() throws {
        let first = try TestSupport.temporaryDirectory(), second = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let a = try Self.generate(into: first), b = try Self.generate(into: second)
        for name in ["feedback.csv", "feedback.jsonl", "feedback.xml"] {
            let bytes = try Data(contentsOf: a.appendingPathComponent(name))
            #expect(!bytes.isEmpty)
            #expect(bytes == (try Data(contentsOf: b.appendingPathComponent(name))), "\(name) differs")
        }
    }

    @Test("each format's pipeline reads every record, and all three give the same scored records")
    func formatsAgree() throws {
        let base = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let directory = try Self.generate(into: base)
        var exports: [String: [String]] = [:]
        for format in ["csv", "jsonl", "xml"] {
            let config = try PipelineParser().parse(contentsOf: directory.appendingPathComponent("\(format).yml").path)
            let outcome = try PipelineRunner(config: config, options: RunOptions(asOf: "2026-02-01")).run()
            #expect(outcome.result.totalAccepted == Self.count, "\(format)")
            #expect(outcome.result.totalRejected == 0, "\(format)")
            let lines = try String(contentsOf: URL(fileURLWithPath: outcome.outputDirectory).appendingPathComponent("records.jsonl"), encoding: .utf8)
                .split(separator: "\n")
                // Only the location (file name and line) may differ between formats.
                .map { $0.replacingOccurrences(of: #""location":"[^"]*","#, with: "", options: .regularExpression) }
            exports[format] = lines
        }
        #expect(exports["csv"] == exports["jsonl"])
        #expect(exports["csv"] == exports["xml"])
        let records = exports["csv"] ?? []
        let agents = records.filter { $0.contains(#""role":"agent""#) }.count
        // About 20 % agent replies (a fixed seed: the exact count only moves if the generator does).
        #expect((Self.count / 10)...(Self.count * 3 / 10) ~= agents)
        #expect(records.contains { $0.contains(#""cluster":"refunds""#) }, "planted pain points reach the clusters")
    }
}
