import Foundation
import Testing
import VoxModel
import VoxReport
@testable import VoxAggregate
@testable import VoxIngest
@testable import VoxPipeline

/// records.jsonl written once: lines go out as they are scored, and only the endings that change
/// at the end (a discovered cluster, a dissolved one) are written again, in place, or by a copy
/// of the file when a new ending does not fit its room.
@Suite("records.jsonl endings")
struct RecordsSpillTests {
    /// A negative customer message with `cluster` and `secondary` clusters.
    static func complaint(_ id: String, cluster: String? = nil, secondary: [String] = []) -> ScoredRecord {
        var scored = ConversationTests.message("c-\(id)", 0, .customer, compound: -0.5, text: "late \(id)", id: id)
        scored.cluster = cluster
        scored.secondaryClusters = secondary
        return scored
    }

    /// Runs `records` through a spill with min_size 2, two chunks (so that a cluster's size is
    /// still short when its first lines are written), assigns `discovered`, and returns the
    /// file's lines and whether the file was copied.
    static func spill(
        _ records: [(scored: ScoredRecord, candidate: Bool)], discovered: [Int: String], kept: Set<String>, discoveryRoom: Int
    ) throws -> [String] {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let staging = StagingDirectory(path: directory.path, shownAs: directory.path)
        let spill = try RecordsSpill(staging: staging, minSize: 2)
        for chunk in [records.prefix(2), records.dropFirst(2)] {
            var lines: [UInt8] = []
            let clusters = chunk.map { RecordsSpill.appendLine($0.scored, candidate: $0.candidate, to: &lines, discoveryRoom: discoveryRoom) }
            try spill.append(lines: lines, clusters: clusters)
        }
        for (ordinal, cluster) in discovered { spill.assign(ordinal: ordinal, cluster: cluster) }
        try spill.finish(kept: kept)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(RecordsSpill.rewriteName).path))
        let text = try String(contentsOf: directory.appendingPathComponent(RecordsSpill.fileName), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The line `RecordsJSON.line` gives for `scored` with these clusters.
    static func expected(_ scored: ScoredRecord, cluster: String?, secondary: [String]) -> String {
        var scored = scored
        scored.cluster = cluster
        scored.secondaryClusters = secondary
        return RecordsJSON.line(scored)
    }

    static let records: [(scored: ScoredRecord, candidate: Bool)] = [
        (complaint("a", cluster: "refunds", secondary: ["tiny"]), false),  // names `tiny` (dissolved) before refunds is settled
        (complaint("b"), true),  // discovery gives it a cluster
        (complaint("c", cluster: "refunds"), false),  // refunds settled: written once, never again
        (complaint("d"), true),  // a candidate discovery leaves alone
        (complaint("e", cluster: "tiny"), false),  // tiny has one member: dissolved
    ]
    static let discovered = [1: "delivery-delays-after-the-holidays"]
    static let kept: Set<String> = ["refunds", "delivery-delays-after-the-holidays"]

    @Test("changed endings are written in place, padded to their room; the others stay as written")
    func inPlace() throws {
        let lines = try Self.spill(Self.records, discovered: Self.discovered, kept: Self.kept, discoveryRoom: RecordsSpill.discoveryRoom)
        let r = Self.records.map(\.scored)
        let room = String(repeating: " ", count: RecordsSpill.discoveryRoom)
        // The discovered id (34 characters) takes 32 of the candidate's 56 spaces.
        #expect(lines[0] == Self.expected(r[0], cluster: "refunds", secondary: []) + String(repeating: " ", count: #""tiny""#.count))
        #expect(lines[1] == Self.expected(r[1], cluster: "delivery-delays-after-the-holidays", secondary: []) + room.dropFirst(32))
        #expect(lines[2] == Self.expected(r[2], cluster: "refunds", secondary: []))
        #expect(lines[3] == Self.expected(r[3], cluster: nil, secondary: []) + room)
        #expect(lines[4] == Self.expected(r[4], cluster: nil, secondary: []) + String(repeating: " ", count: #""tiny""#.count - 4))
        for line in lines { _ = try JSONSerialization.jsonObject(with: Data(line.utf8)) }
    }

    @Test("an ending longer than its room makes the file copied once, that line longer and the rest as in place")
    func copiedWhenAnEndingDoesNotFit() throws {
        let lines = try Self.spill(Self.records, discovered: Self.discovered, kept: Self.kept, discoveryRoom: 8)
        let r = Self.records.map(\.scored)
        #expect(lines.count == 5)
        #expect(lines[0] == Self.expected(r[0], cluster: "refunds", secondary: []) + String(repeating: " ", count: #""tiny""#.count))
        #expect(lines[1] == Self.expected(r[1], cluster: "delivery-delays-after-the-holidays", secondary: []))
        #expect(lines[2] == Self.expected(r[2], cluster: "refunds", secondary: []))
        #expect(lines[3] == Self.expected(r[3], cluster: nil, secondary: []) + String(repeating: " ", count: 8))
        #expect(lines[4] == Self.expected(r[4], cluster: nil, secondary: []) + String(repeating: " ", count: 2))
    }

    @Test("lines that end in spaces read back through Vox's own JSON Lines reader, clusters and all")
    func readsBackAsJSONLines() throws {
        let lines = try Self.spill(Self.records, discovered: Self.discovered, kept: Self.kept, discoveryRoom: RecordsSpill.discoveryRoom)
        #expect(lines.filter { $0.hasSuffix(" ") }.count == 4)
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("records.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let run = ReaderRun(path: file.path, display: "records.jsonl", JSONReader(options: JSONOptions()))
        #expect(run.error == nil && run.rejects.isEmpty)
        #expect(run.texts("id") == ["a", "b", "c", "d", "e"])
        #expect(run.texts("cluster") == ["refunds", "delivery-delays-after-the-holidays", "refunds", nil, nil])
    }
}
