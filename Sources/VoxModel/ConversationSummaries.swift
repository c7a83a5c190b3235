import Foundation

/// A run's conversation summaries in key order (source, then id), kept as encoded records in a
/// scratch partition rather than as values: ten million messages make about five million
/// conversations, and `report.json` lists every one. Iterating decodes them one at a time, so
/// memory holds one block of records whatever their number; outcome counts are kept beside them.
///
/// The runner's summaries live in a scratch file of the staging directory (merged in key order
/// from the partitions `RunAggregator.finish` summarised, see `merging`); summaries made from
/// values (tests, library callers) live in memory. A read that fails (the disk failed under the
/// run) ends the iteration early and is reported by `checkRead()`, which the runner calls before
/// it publishes anything.
public struct ConversationSummaries: Sequence, Sendable, ExpressibleByArrayLiteral {
    private let scratch: (any ScratchPartitions)?
    private let partition: Int
    public let count: Int
    private let outcomeCounts: [Int]
    private let failure = ReadFailure()
    private static let outcomes = ConversationOutcome.allCases

    public init() {
        scratch = nil
        partition = 0
        count = 0
        outcomeCounts = Array(repeating: 0, count: Self.outcomes.count)
    }

    /// Summaries that must already be in key order.
    public init(_ summaries: some Sequence<ConversationSummary>) {
        let scratch = MemoryScratchPartitions(count: 1)
        var writer = PartitionWriter(scratch, partition: 0)
        // Memory scratch cannot fail to take bytes.
        for summary in summaries { try! writer.append(summary) }
        try! writer.flush()
        self.init(writer)
    }

    public init(arrayLiteral elements: ConversationSummary...) {
        self.init(elements)
    }

    /// The summaries a `PartitionWriter` wrote (and flushed), in the order written.
    public init(_ writer: PartitionWriter) {
        scratch = writer.scratch
        partition = writer.partition
        count = writer.count
        outcomeCounts = writer.outcomeCounts
    }

    public var isEmpty: Bool { count == 0 }

    /// How many conversations ended with `outcome`, without reading their summaries.
    public func count(of outcome: ConversationOutcome) -> Int {
        outcomeCounts[Self.outcomes.firstIndex(of: outcome)!]
    }

    /// Throws the first failure to read the summaries back, if an iteration met one.
    public func checkRead() throws {
        if let error = failure.error { throw error }
    }

    public func makeIterator() -> Iterator {
        Iterator(reader: scratch.map { ScratchRecordReader($0, partition: partition) }, failure: failure)
    }

    public struct Iterator: IteratorProtocol {
        var reader: ScratchRecordReader?
        let failure: ReadFailure

        public mutating func next() -> ConversationSummary? {
            do {
                if let summary = try reader?.next(ConversationSummaries.decode) { return summary }
            } catch {
                failure.record(error)
            }
            reader = nil
            return nil
        }
    }

    /// Appends summaries to one scratch partition a megabyte at a time, counting outcomes.
    public struct PartitionWriter {
        public static let bufferSize = 1 << 20
        let scratch: any ScratchPartitions
        let partition: Int
        private var records = ScratchRecordWriter()
        public private(set) var count = 0
        fileprivate private(set) var outcomeCounts = Array(repeating: 0, count: ConversationSummaries.outcomes.count)

        public init(_ scratch: any ScratchPartitions, partition: Int) {
            self.scratch = scratch
            self.partition = partition
        }

        public mutating func append(_ summary: ConversationSummary) throws {
            ConversationSummaries.encode(summary, into: &records)
            try appended(outcome: ConversationSummaries.outcomes.firstIndex(of: summary.outcome)!)
        }

        /// Appends a summary as another partition holds it (`encode`d), whose outcome is the
        /// `outcome`-th of `ConversationOutcome.allCases`.
        mutating func append(encoded record: UnsafeRawBufferPointer, outcome: Int) throws {
            records.appendRecord(record)
            try appended(outcome: outcome)
        }

        private mutating func appended(outcome: Int) throws {
            count += 1
            outcomeCounts[outcome] += 1
            if records.bytes.count >= Self.bufferSize { try flush() }
        }

        /// Hands the buffered records to the scratch partition; call once the last is appended.
        public mutating func flush() throws {
            guard !records.bytes.isEmpty else { return }
            try records.bytes.withUnsafeBytes { try scratch.append($0, to: partition) }
            records.removeAll()
        }
    }

    /// Merges partitions whose summaries are each in key order into partition 0 of `output`, in
    /// key order: a k-way merge over one reader a partition, so memory is one block a partition.
    /// No key is in two partitions (a conversation's messages all go to one).
    public static func merging(_ partitions: any ScratchPartitions, into output: any ScratchPartitions) throws -> ConversationSummaries {
        // Summaries move as their encoded bytes: only the key and the outcome are read, so a
        // summary's strings and agents are not made and encoded again (that was most of the merge).
        var readers = (0..<partitions.count).map { ScratchRecordReader(partitions, partition: $0) }
        var heads = Array(repeating: [UInt8](), count: readers.count)
        var headOutcomes = Array(repeating: 0, count: readers.count)
        var heap = MergeHeap()
        // Reads partition `index`'s next summary into `heads[index]`; nil at the partition's end.
        func advance(_ index: Int) throws -> MergeHeap.Entry? {
            try readers[index].next { record in
                let (source, id, outcome) = keyAndOutcome(&record)
                heads[index].removeAll(keepingCapacity: true)
                heads[index].append(contentsOf: record.bytes)
                headOutcomes[index] = outcome
                return MergeHeap.Entry(source: source, id: id, partition: index)
            }
        }
        for index in readers.indices {
            if let entry = try advance(index) { heap.push(entry) }
        }
        var writer = PartitionWriter(output, partition: 0)
        while let least = heap.top?.partition {
            try heads[least].withUnsafeBytes { try writer.append(encoded: $0, outcome: headOutcomes[least]) }
            if let next = try advance(least) {
                heap.replaceTop(with: next)
            } else {
                heap.removeTop()
            }
        }
        try writer.flush()
        return ConversationSummaries(writer)
    }

    /// The key and the outcome come first: the merge reads only those (`keyAndOutcome`).
    static func encode(_ summary: ConversationSummary, into records: inout ScratchRecordWriter) {
        records.beginRecord()
        records.append(summary.source)
        records.append(summary.id)
        records.append(UInt8(outcomes.firstIndex(of: summary.outcome)!))
        records.append(Int64(summary.messages))
        for figure in [summary.startCompound, summary.endCompound, summary.meanEmpathy, summary.firstReplySeconds, summary.resolutionSeconds] {
            records.append(figure ?? .nan)
        }
        records.append(UInt32(summary.agents.count))
        for agent in summary.agents { records.append(agent) }
        records.endRecord()
    }

    static func decode(_ record: inout ScratchRecord) -> ConversationSummary {
        func optional(_ value: Double) -> Double? { value.isNaN ? nil : value }
        let (source, id, outcomeIndex) = keyAndOutcome(&record)
        let messages = Int(record.read(Int64.self))
        let start = optional(record.readDouble()), end = optional(record.readDouble()), empathy = optional(record.readDouble())
        let reply = optional(record.readDouble()), resolution = optional(record.readDouble())
        let outcome = outcomes[outcomeIndex]
        let agents = (0..<Int(record.read(UInt32.self))).map { _ in record.readString() }
        return ConversationSummary(
            id: id, source: source, messages: messages, startCompound: start, endCompound: end, outcome: outcome,
            meanEmpathy: empathy, firstReplySeconds: reply, resolutionSeconds: resolution, agents: agents
        )
    }

    /// The fields an encoded summary begins with: its key and the index of its outcome in
    /// `outcomes`. All the merge needs; `decode` reads on from there.
    static func keyAndOutcome(_ record: inout ScratchRecord) -> (source: String, id: String, outcome: Int) {
        let source = record.readString(), id = record.readString()
        return (source, id, Int(record.read(UInt8.self)))
    }

    /// The first error an iteration met, shared by the copies of one `ConversationSummaries`.
    final class ReadFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var first: (any Error)?

        var error: (any Error)? { lock.withLock { first } }

        func record(_ error: any Error) {
            lock.withLock { if first == nil { first = error } }
        }
    }
}

/// A binary min-heap of the partitions' next keys (source, then id, then partition): what a
/// k-way merge needs. The keys live in the heap, so comparing two of them copies no summary (a
/// comparison through the summaries held outside copied both, with their strings, every time).
struct MergeHeap {
    struct Entry: Comparable {
        var source: String
        var id: String
        var partition: Int

        static func < (a: Entry, b: Entry) -> Bool {
            (a.source, a.id, a.partition) < (b.source, b.id, b.partition)
        }
    }

    private var entries: [Entry] = []

    var top: Entry? { entries.first }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child] < entries[parent] else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeTop() {
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        siftDown()
    }

    /// The top partition moved on to its next key.
    mutating func replaceTop(with entry: Entry) {
        entries[0] = entry
        siftDown()
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var least = parent
            if left < entries.count, entries[left] < entries[least] { least = left }
            if right < entries.count, entries[right] < entries[least] { least = right }
            guard least != parent else { return }
            entries.swapAt(parent, least)
            parent = least
        }
    }
}
