import Foundation
import Testing
import VoxModel
@testable import VoxAggregate
@testable import VoxIngest
@testable import VoxPipeline

/// What a run keeps on disk instead of in memory: scratch records, conversation messages
/// partitioned by conversation, their summaries merged back into key order, and the ids the
/// duplicate check has seen. Each must give back exactly what went in.
@Suite("Spilling to scratch")
struct SpillTests {
    @Test("scratch records read back field for field, across block boundaries and larger than a block")
    func recordRoundTrip() throws {
        let scratch = try MemoryScratchSpace().partitions("test", count: 2)
        var writer = ScratchRecordWriter()
        let texts = ["", "plain", "émoji 👍🏽 and e\u{301}", String(repeating: "long ", count: 100)]
        for index in 0..<200 {
            writer.beginRecord()
            writer.append(Int64(index) - 100)
            writer.append(index % 3 == 0 ? Double.nan : index % 3 == 1 ? -0.0 : Double(index) / 7)
            writer.append(texts[index % texts.count])
            writer.append(UInt8(index % 256))
            writer.endRecord()
        }
        try writer.bytes.withUnsafeBytes { try scratch.append($0, to: 1) }
        // A 16-byte block: most records straddle a block's end, the long ones are larger than one.
        var reader = ScratchRecordReader(scratch, partition: 1, blockSize: 16)
        var index = 0
        while let (number, figure, text, byte) = try reader.next({ record in
            (record.read(Int64.self), record.readDouble(), record.readString(), record.read(UInt8.self))
        }) {
            #expect(number == Int64(index) - 100)
            if index % 3 == 0 { #expect(figure.isNaN) } else if index % 3 == 1 { #expect(figure == 0 && figure.sign == .minus) } else { #expect(figure == Double(index) / 7) }
            #expect(text.utf8.elementsEqual(texts[index % texts.count].utf8))
            #expect(byte == UInt8(index % 256))
            index += 1
        }
        #expect(index == 200)
        var empty = ScratchRecordReader(scratch, partition: 0)
        #expect(try empty.next { $0.read(UInt8.self) } == nil)
    }

    @Test("a partition cut inside a record is an error, not a shorter list")
    func truncatedRecord() throws {
        let scratch = try MemoryScratchSpace().partitions("test", count: 1)
        var writer = ScratchRecordWriter()
        writer.beginRecord()
        writer.append("a conversation id")
        writer.endRecord()
        try writer.bytes.dropLast(3).withUnsafeBytes { try scratch.append($0, to: 0) }
        var reader = ScratchRecordReader(scratch, partition: 0)
        #expect(throws: ScratchError.self) { try reader.next { $0.readString() } }
    }

    static func summary(_ source: String, _ id: String, outcome: ConversationOutcome = .unchanged) -> ConversationSummary {
        ConversationSummary(
            id: id, source: source, messages: id.count, startCompound: -0.5, endCompound: nil, outcome: outcome,
            meanEmpathy: 40, firstReplySeconds: 60, resolutionSeconds: nil, agents: ["Ann", "Bo"]
        )
    }

    @Test("partitions of key-ordered summaries merge into one list in key order, every field and outcome count kept")
    func kWayMerge() throws {
        var random = SeededRandom(seed: 9)
        let outcomes = ConversationOutcome.allCases
        var all: [ConversationSummary] = []
        for index in 0..<500 {
            let source = ["desk", "app", "chat"][Int.random(in: 0...2, using: &random)]
            var summary = Self.summary(source, "c-\(index * 7919 % 1000)-é", outcome: outcomes[Int.random(in: 0...3, using: &random)])
            // Every field differs from one summary to the next: the merge moves them as bytes.
            summary.startCompound = index % 5 == 0 ? nil : Double(index) / 1000
            summary.endCompound = index % 3 == 0 ? nil : -Double(index) / 999
            summary.meanEmpathy = Double(index % 101)
            summary.firstReplySeconds = index % 4 == 0 ? nil : Double(index * 13)
            summary.resolutionSeconds = Double(index * 17)
            summary.agents = Array(["Ann", "Bo", "Cyrille-Émile", "D"].prefix(index % 5))
            all.append(summary)
        }
        let space = MemoryScratchSpace()
        let partitions = try space.partitions("sorted", count: 7)
        for partition in 0..<7 {
            // Spread by position, so that neighbours in key order sit in different partitions; one stays empty.
            var writer = ConversationSummaries.PartitionWriter(partitions, partition: partition)
            let members = all.enumerated().filter { $0.offset % 6 == partition }.map(\.element)
                .sorted { ($0.source, $0.id) < ($1.source, $1.id) }
            for summary in members { try writer.append(summary) }
            try writer.flush()
        }
        let merged = try ConversationSummaries.merging(partitions, into: space.partitions("merged", count: 1))
        let expected = all.sorted { ($0.source, $0.id) < ($1.source, $1.id) }
        #expect(Array(merged) == expected)
        #expect(merged.count == 500)
        for outcome in outcomes { #expect(merged.count(of: outcome) == all.filter { $0.outcome == outcome }.count) }
        // Iterating twice gives the same list: the report reads it more than once.
        #expect(Array(merged) == expected)
        try merged.checkRead()
    }

    @Test("a conversation's messages all go to one partition, canonically equal keys included")
    func partitionOfKey() {
        let composed = ConversationKey(source: "desk", id: "caf\u{E9}-1"), decomposed = ConversationKey(source: "desk", id: "cafe\u{301}-1")
        #expect(composed == decomposed)
        #expect(ConversationTracker.partition(of: composed, count: 64) == ConversationTracker.partition(of: decomposed, count: 64))
        // Source and id do not run into each other.
        let counts = (0..<2000).reduce(into: [Int: Int]()) { counts, index in
            counts[ConversationTracker.partition(of: ConversationKey(source: "s", id: "C-\(index)"), count: 64), default: 0] += 1
        }
        #expect(counts.count == 64, "keys spread over every partition")
    }

    /// 600 messages of 121 conversations in random order, with agents, segments and cues.
    static func conversationRecords() -> (records: [ScoredRecord], cues: [String: ConversationCues]) {
        var records: [ScoredRecord] = []
        var cues: [String: ConversationCues] = [:]
        var random = SeededRandom(seed: 3)
        for index in 0..<600 {
            let conversation = "t-\(Int.random(in: 0...120, using: &random))"
            let role: Role = index % 3 == 2 ? .agent : .customer
            let record = ConversationTests.message(
                conversation, Double(Int.random(in: 0...50, using: &random)), role, compound: Double(Int.random(in: -9...9, using: &random)) / 10,
                empathy: role == .agent ? ConversationTests.empathy(Double(Int.random(in: 0...100, using: &random)), index % 2 == 0 ? [.apology] : []) : nil,
                author: role == .agent ? ["Ann", "Bo", "Cy"][index % 3] : nil, text: "message \(index)", id: "r-\(index)",
                segments: [Segment(name: "team", value: index % 4 == 0 ? "north" : "south")]
            )
            records.append(record)
            if index % 5 == 0 { cues[record.record.id] = ConversationCues(mentions: ["Dee", "order 42"], customerName: "Dee") }
        }
        return (records, cues)
    }

    @Test("the conversation pass gives the same summaries, agent figures and recovery on 1, 2 or 5 threads")
    func conversationPassWorkers() throws {
        let (records, cues) = Self.conversationRecords()
        var aggregator = RunAggregator()
        for (ordinal, record) in records.enumerated() { aggregator.add(record, ordinal: ordinal, cues: cues[record.record.id]) }
        let one = try aggregator.finish(clusterInfo: [:], conversationPass: aggregator.conversationPass(workers: 1))
        #expect(one.agents.contains { $0.recoveryRate != nil && $0.conversations > 10 && $0.personalizationRate != nil }, "recovery, conversations and personalization are counted")
        for workers in [2, 5] {
            let many = try aggregator.finish(clusterInfo: [:], conversationPass: aggregator.conversationPass(workers: workers))
            #expect(Array(many.conversations) == Array(one.conversations), "\(workers) workers")
            #expect(many.agents == one.agents, "\(workers) workers")
            #expect(many.service == one.service, "\(workers) workers")
        }
    }

    @Test("spilling after every merge gives the summaries, agent figures and examples of keeping the messages")
    func spilledRun() throws {
        let (records, cues) = Self.conversationRecords()
        let kept = ConversationTests.aggregate(records, cues: cues)
        for size in [1, 37, 600] {
            let scratch = try MemoryScratchSpace().partitions(RunAggregator.conversationMessages, count: ConversationTracker.partitionCount)
            var merged = RunAggregator()
            for start in stride(from: 0, to: records.count, by: size) {
                var part = RunAggregator()
                for ordinal in start..<min(start + size, records.count) {
                    part.add(records[ordinal], ordinal: ordinal, cues: cues[records[ordinal].record.id])
                }
                merged.merge(part)
                try merged.spillConversations(to: scratch)
            }
            let spilled = try merged.finish(clusterInfo: [:], spilledMessages: scratch)
            #expect(Array(spilled.conversations) == Array(kept.conversations), "chunks of \(size)")
            #expect(spilled.conversations.count == kept.conversations.count && kept.conversations.count > 64, "more conversations than partitions")
            #expect(spilled.agents == kept.agents)
            #expect(spilled.service == kept.service)
            #expect(spilled.metrics == kept.metrics)
        }
    }

    @Test("duplicate ids are found with every hash colliding in its tag, in memory and through the scratch file")
    func idSetCollisions() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The top 24 bits (the tag) are zero for every id: each probe must read the id back.
        let weak: (UnsafeBufferPointer<UInt8>) -> UInt64 = { IDSet.hash($0) & 0xFF_FFFF_FFFF }
        for scratch in [nil, directory.path] {
            var set = IDSet(scratchDirectory: scratch, hash: weak)
            // 120,000 ids of about 14 bytes: more than one flush of the id bytes, several growths.
            for index in 0..<120_000 { #expect(try set.insert("id-\(index * 31)-x"), "new id \(index)") }
            for index in stride(from: 0, to: 120_000, by: 97) { #expect(try !set.insert("id-\(index * 31)-x"), "duplicate \(index)") }
            #expect(try set.insert("id-1-x"), "a new id whose tag matches them all")
            #expect(set.count == 120_001)
            // Every hash equal: still exact.
            var same = IDSet(scratchDirectory: scratch, hash: { _ in 42 })
            for index in 0..<300 { #expect(try same.insert("\(index)")) }
            #expect(try !same.insert("299") && !same.insert("0"))
            #expect(try same.insert(String(repeating: "long id ", count: 40_000)), "an id longer than a read block")
            #expect(try !same.insert(String(repeating: "long id ", count: 40_000)))
        }
        // The scratch file never has a name in the directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("a run publishes no scratch file and its result still reads the conversations afterwards")
    func noScratchPublished() throws {
        let (outcome, out) = try PipelineRunTests.runMini()
        defer { try? FileManager.default.removeItem(at: out) }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.filter { $0.hasPrefix(".") }.isEmpty, "scratch files published: \(names)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: out.path + ".runs").filter { $0.hasPrefix(".") }
        #expect(runs.isEmpty, "left in the runs directory: \(runs)")
        let conversations = Array(outcome.result.conversations)
        #expect(!conversations.isEmpty && conversations.count == outcome.result.conversations.count)
        try outcome.result.conversations.checkRead()
    }
}

@Suite("Discovery's bounded candidate pool")
struct DiscoveryPoolBoundTests {
    @Test("merging chunk pools keeps the candidateLimit smallest by content, whatever the chunking, past the limit")
    func keepsTheSmallest() {
        let total = DiscoveryPool.candidateLimit * 2 + 5_000
        let candidates = (0..<total).map { ordinal in
            DiscoveryCandidate(ordinal: ordinal, recordID: "r\(ordinal)", source: "s", text: "t", compound: -0.5, segments: [], phrases: [])
        }
        let expected = Set(candidates.sorted(by: DiscoveryCandidate.byContent).prefix(DiscoveryPool.candidateLimit).map(\.ordinal))
        for chunk in [2048, 70_000] {
            var merged = DiscoveryPool()
            for start in stride(from: 0, to: total, by: chunk) {
                var part = DiscoveryPool()
                for candidate in candidates[start..<min(start + chunk, total)] { part.addCandidate(candidate) }
                merged.merge(part)
            }
            let kept = merged.orderedCandidates()
            #expect(kept.count == DiscoveryPool.candidateLimit, "chunks of \(chunk)")
            #expect(Set(kept.map(\.ordinal)) == expected, "chunks of \(chunk)")
            #expect(kept.map(\.ordinal) == kept.map(\.ordinal).sorted(), "in input order")
        }
    }
}
