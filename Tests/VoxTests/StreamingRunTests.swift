import Foundation
import Testing
@testable import VoxPipeline

/// The runner streams records through chunks; these tests pin down what that must not change.
@Suite("Streaming runner")
struct StreamingRunTests {
    @Test("consume sees every chunk once, in order, whatever the workers and timing; in-flight chunks stay bounded")
    func orderedAndBounded() throws {
        for workers in [1, 2, 5] {
            let pipeline = OrderedChunkPipeline<Int, Int>(workers: workers, maxInFlight: 3)
            let log = Log()
            try pipeline.run(
                produce: { emit in
                    for value in 0..<200 {
                        log.started()
                        try emit(value)
                    }
                },
                transform: { index, value in
                    // Uneven work, so that later chunks often finish first.
                    if value % 7 == 0 { usleep(200) }
                    return index * 1000 + value
                },
                consume: { index, output in log.consumed(index, output) }
            )
            #expect(log.order == Array(0..<200).map { $0 * 1000 + $0 }, "workers: \(workers)")
            #expect(log.maxOutstanding <= 3 + 1, "workers: \(workers)")
        }
    }

    @Test("an error in consume stops the producer and is rethrown")
    func consumeError() {
        struct Full: Error {}
        let pipeline = OrderedChunkPipeline<Int, Int>(workers: 2, maxInFlight: 2)
        let produced = Log()
        #expect(throws: Full.self) {
            try pipeline.run(
                produce: { emit in
                    for value in 0..<10_000 {
                        produced.started()
                        try emit(value)
                    }
                },
                transform: { _, value in value },
                consume: { index, _ in if index == 3 { throw Full() } }
            )
        }
        #expect(produced.count < 10_000, "the producer stopped early")
    }

    @Test("an error while producing is rethrown after the workers stop")
    func produceError() {
        struct Broken: Error {}
        let pipeline = OrderedChunkPipeline<Int, Int>(workers: 3)
        let log = Log()
        #expect(throws: Broken.self) {
            try pipeline.run(
                produce: { emit in
                    try emit(1)
                    try emit(2)
                    throw Broken()
                },
                transform: { _, value in value },
                consume: { index, output in log.consumed(index, output) }
            )
        }
    }

    @Test("records.jsonl names only clusters that survived min_size; dissolved ones become null")
    func dissolvedClusters() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        var config = try PipelineParser().parse(contentsOf: TestSupport.fixture("pipelines/mini.yml"))
        config.clustering.minSize = 2
        var options = RunOptions(outputDirectory: out.path, asOf: "2026-01-01", threads: 2)
        options.chunkSize = 3
        let outcome = try PipelineRunner(config: config, options: options).run()
        let kept = Set(outcome.result.clusters.map(\.id))
        let lines = try PipelineRunTests.jsonLines(out.appendingPathComponent("records.jsonl"))
        #expect(lines.count == outcome.result.totalAccepted)
        var clustered = 0
        var dissolved = 0
        for line in lines {
            if let cluster = line["cluster"] as? String {
                #expect(kept.contains(cluster), "\(cluster) was dissolved")
                clustered += 1
            } else if line["sentiment"].flatMap({ ($0 as? [String: Any])?["label"] as? String }) == "negative",
                      line["role"] as? String == "customer" {
                dissolved += 1
            }
            let secondary = try #require(line["secondary_clusters"] as? [String])
            #expect(secondary.allSatisfy(kept.contains))
        }
        #expect(clustered == outcome.result.clusters.reduce(0) { $0 + $1.size })
        #expect(dissolved == outcome.result.unclustered)
        // The same input with min_size 1 keeps more clusters: some really were dissolved here.
        let (all, allOut) = try PipelineRunTests.runMini()
        defer { try? FileManager.default.removeItem(at: allOut) }
        #expect(outcome.result.clusters.count < all.result.clusters.count, "min_size 2 dissolved a cluster")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(RecordsSpill.rewriteName).path), "no scratch file is published")
    }
}

/// Thread-safe record of what a pipeline test saw.
final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var order: [Int] = []
    private(set) var count = 0
    private(set) var maxOutstanding = 0

    func started() {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        maxOutstanding = max(maxOutstanding, count - order.count)
    }

    func consumed(_ index: Int, _ output: Int) {
        lock.lock()
        defer { lock.unlock() }
        order.append(output)
    }
}
