import Foundation
import Testing
@testable import VoxPipeline

/// Issue 9: scoring runs on several threads in chunks, and the outputs must not depend on the
/// thread count or on where the chunks are cut. Each case runs the demo (with its history, so
/// the trend charts and comparisons are in play) and compares every output file, byte for byte,
/// with one thread scoring the whole demo in one chunk.
@Suite("Thread-count determinism")
struct ThreadDeterminismTests {
    /// A way to split the demo among scoring threads.
    struct Split: CustomTestStringConvertible, Sendable {
        var threads: Int
        var chunkSize: Int
        var testDescription: String {
            chunkSize == PipelineRunner.defaultChunkSize ? "\(threads) threads" : "\(threads) threads, chunks of \(chunkSize)"
        }
    }

    static let splits: [Split] = [
        Split(threads: 1, chunkSize: PipelineRunner.defaultChunkSize),
        Split(threads: 2, chunkSize: PipelineRunner.defaultChunkSize),
        Split(threads: 3, chunkSize: PipelineRunner.defaultChunkSize),
        // Chunks far smaller than the demo, so that many chunks finish out of order and merge.
        Split(threads: 1, chunkSize: 5),
        Split(threads: 2, chunkSize: 5),
        Split(threads: 3, chunkSize: 1),
        Split(threads: 3, chunkSize: 13),
        Split(threads: 4, chunkSize: 7),
    ]

    @Test("the demo's outputs, charts and HTML included, are byte-identical to one thread in one chunk", arguments: splits)
    func demoOutputsMatch(_ split: Split) throws {
        let first = try TestSupport.temporaryDirectory(), second = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let reference = try DemoRun.run(into: first, threads: 1)
        #expect(reference.result.totalAccepted < PipelineRunner.defaultChunkSize, "the reference scores the demo in one chunk")
        let run = try DemoRun.run(into: second, threads: split.threads, chunkSize: split.chunkSize)
        if split.chunkSize < 20 {
            #expect(reference.result.totalAccepted > split.chunkSize * split.threads * 3, "the demo spans several chunks per thread")
        }
        #expect(run.result.totalAccepted == reference.result.totalAccepted)

        let expected = try Self.files(in: first.appendingPathComponent("report"))
        let actual = try Self.files(in: second.appendingPathComponent("report"))
        #expect(expected.keys.contains("chart-pain-point-trend.svg") && expected.keys.contains("report.html") && expected.keys.contains("records.jsonl"))
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[name] == data, "\(name) differs with \(split.testDescription)")
        }
    }

    /// Every file a run wrote, by name.
    static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }
}
