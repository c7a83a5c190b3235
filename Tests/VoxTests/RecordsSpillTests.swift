import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
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

    /// Runs `records` through a spill with min_size 2, in chunks (the first of two records, so
    /// that a cluster's size is still short when its first lines are written, then of `chunk`),
    /// assigns `discovered`, and returns the file's lines. `beforeFinish` sees the file's path
    /// once every line is written.
    static func spill(
        _ records: [(scored: ScoredRecord, candidate: Bool)], discovered: [Int: String], kept: Set<String>, discoveryRoom: Int,
        chunk: Int = .max, writeBehind: WriteBehind = WriteBehind(), beforeFinish: (String) throws -> Void = { _ in }
    ) throws -> [String] {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let staging = StagingDirectory(path: directory.path, shownAs: directory.path)
        let spill = try RecordsSpill(staging: staging, minSize: 2, writeBehind: writeBehind)
        var start = 0
        while start < records.count {
            let end = start == 0 ? min(2, records.count) : start + min(chunk, records.count - start)
            var lines: [UInt8] = []
            let clusters = records[start..<end].map {
                RecordsSpill.appendLine($0.scored, candidate: $0.candidate, to: &lines, discoveryRoom: discoveryRoom)
            }
            try spill.append(lines: lines, clusters: clusters)
            start = end
        }
        for (ordinal, cluster) in discovered { spill.assign(ordinal: ordinal, cluster: cluster) }
        try beforeFinish(directory.appendingPathComponent(RecordsSpill.fileName).path)
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

    /// `count` records: every fourth a discovery candidate (every third of those discovered),
    /// every fifth in a cluster of its own that min_size dissolves, the others in `refunds`,
    /// every seventh of them naming a dissolved cluster as secondary too.
    static func many(_ count: Int) -> (records: [(scored: ScoredRecord, candidate: Bool)], discovered: [Int: String]) {
        var records: [(scored: ScoredRecord, candidate: Bool)] = [], discovered: [Int: String] = [:]
        for index in 0..<count {
            if index % 4 == 1 {
                records.append((complaint("n\(index)"), true))
                if index % 3 == 1 { discovered[index] = "delivery-delays-after-the-holidays" }
            } else if index % 5 == 0 {
                records.append((complaint("t\(index)", cluster: "tiny-\(index)"), false))
            } else {
                records.append((complaint("r\(index)", cluster: "refunds", secondary: index % 7 == 0 ? ["tiny-0"] : []), false))
            }
        }
        return (records, discovered)
    }

    @Test("with the file's pages dropped from the cache behind the writing, the changed endings land all the same")
    func endingsWithPagesDropped() throws {
        let (records, discovered) = Self.many(1_200)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let small = WriteBehind(window: 4 * page, lag: 16 * page)
        var resident: [Bool] = []
        let dropped = try Self.spill(
            records, discovered: discovered, kept: Self.kept, discoveryRoom: RecordsSpill.discoveryRoom, chunk: 50, writeBehind: small
        ) { path in resident = try WriteBehindTests.residentPages(path) }
        let cached = try Self.spill(
            records, discovered: discovered, kept: Self.kept, discoveryRoom: RecordsSpill.discoveryRoom, chunk: 50,
            writeBehind: WriteBehind(window: 1 << 40, lag: 1 << 40)
        )
        #expect(dropped == cached)
        #expect(dropped.count == records.count)
        #expect(dropped.filter { $0.contains(#""cluster":"delivery-delays-after-the-holidays""#) }.count == discovered.count)
        #expect(!dropped.contains { $0.contains("tiny") })
        // The spill wrote through write-behind: its early pages had left the cache before the end.
        let early = resident.count - (small.lag + small.window) / page
        try #require(early > resident.count / 2)
        if try WriteBehindTests.fileSystemDropsPages() {
            #expect(resident[..<early].filter { $0 }.count < early / 4, "records.jsonl's early pages were still cached")
        }
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
