import Foundation
import Testing
import VoxModel
@testable import VoxPipeline

/// The ready-made pipelines in `pipelines/examples/`: each validates and runs on its sample, and
/// the options that make it work (encodings, dialects, paths, time formats) give the right values.
@Suite("Example pipelines")
struct ExamplePipelineTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var name: String
        /// read, accepted, rejected, duplicates
        var counts: [Int]
        /// id → (time, text prefix) of one record, to show the options were applied.
        var sample: (id: String, time: String, text: String)
        var testDescription: String { name }
    }

    static let examples: [Expectation] = [
        Expectation(name: "survey-tool", counts: [6, 6, 0, 0],
                    sample: ("1003", "2025-12-03T16:45:00Z", "Okay overall; the “express” option")),
        Expectation(name: "helpdesk-json", counts: [5, 5, 0, 0],
                    sample: ("5502-2", "2025-12-03T10:00:00Z", "That's not good enough")),
        Expectation(name: "appstore-xml", counts: [3, 3, 0, 0],
                    sample: ("rv-9001", "2025-12-04T15:15:00Z", "Crashes at checkout\n\nSince the last update")),
        Expectation(name: "social-mentions", counts: [4, 4, 0, 0],
                    sample: ("77001", "2025-12-04T10:00:00Z", "@parcelly my parcel is \"delivered\"")),
    ]

    @Test("every file in pipelines/examples/ has an expectation here")
    func allCovered() throws {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("pipelines/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files == Self.examples.map { "\($0.name).yml" }.sorted())
    }

    @Test("validates, runs, and maps its sample", arguments: examples)
    func example(_ expectation: Expectation) throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let file = TestSupport.repositoryRoot.appendingPathComponent("pipelines/examples/\(expectation.name).yml").path
        let config = try PipelineParser().parse(contentsOf: file)
        #expect(PipelineValidator().validate(config).isEmpty)
        let outcome = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: "2026-01-01")).run()
        let stats = try #require(outcome.result.sources.first)
        #expect([stats.read, stats.accepted, stats.rejected, stats.duplicates] == expectation.counts)
        #expect(!outcome.rejectThresholdExceeded)
        let lines = try String(contentsOf: out.appendingPathComponent("records.jsonl"), encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let sample = try #require(records.first { $0["id"] as? String == expectation.sample.id })
        #expect(sample["time"] as? String == expectation.sample.time)
        #expect((sample["text"] as? String)?.hasPrefix(expectation.sample.text) == true)
    }
}
