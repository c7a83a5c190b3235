import Foundation
import VoxModel
import VoxText

/// Collects the messages of each conversation and, at the end, orders them by time and judges
/// how the customer's mood moved. Mergeable.
///
/// Every record of a conversation export is a conversation message, so this is the part of the
/// aggregates that grows with the input. A chunk's messages are kept compact in memory: a
/// fixed-size `ConversationMessage` a message, with the strings that repeat (conversation keys,
/// agent names, segment sets) interned, mentions as 64-bit hashes (they are only compared for
/// equality within one conversation), and no text. The merged tracker then hands them on to
/// scratch partitions (`spillMessages`), each message to the partition of its conversation
/// (`partition(of:count:)`), so that memory holds one chunk's messages, not the run's; at the
/// end `RunAggregator.finish` reads one partition at a time back into a tracker
/// (`init(partition:of:sharing:)`) and summarises it. The only text is the excerpt of each
/// negative customer message, which a coaching example may quote: its bytes gather in
/// `excerptBytes` until the runner moves them to a scratch file (`takeExcerpts`), and the few
/// that are quoted are read back at the end.
public struct ConversationTracker: Sendable {
    /// Compound change at or beyond which a conversation counts as recovered or worsened.
    public static let changeThreshold = 0.25
    /// Scratch partitions of a run's messages. Any number gives the same outputs (summaries are
    /// merged back into key order, tallies are sums); 64 keeps a partition of ten million
    /// messages near 160,000 messages and the runner's write buffers near 4 MB.
    public static let partitionCount = 64

    private(set) var keys = InternTable<ConversationKey>()
    private(set) var authors = InternTable<String>()
    private(set) var segmentSets = InternTable<[Segment]>()
    /// In the order added (input order, as chunks merge in order).
    private(set) var messages: [ConversationMessage] = []
    /// `PhraseHash` of each mention, a message's mentions contiguous (`ConversationMessage.mentionRange`).
    private(set) var mentions: [UInt64] = []
    /// Where each excerpt's UTF-8 lies in the run's excerpt bytes: offset << 16 | length.
    private(set) var excerptSpans: [Int] = []
    /// Excerpt bytes not taken yet; they follow the `excerptsTaken` bytes already taken.
    private var excerptBytes: [UInt8] = []
    private var excerptsTaken = 0

    public init() {}

    public mutating func add(_ scored: ScoredRecord, ordinal: Int, cues: ConversationCues? = nil) {
        guard let key = ConversationKey(scored.record) else { return }
        let record = scored.record
        let isCustomer = record.role == .customer
        var flags: UInt8 = 0
        if let empathy = scored.empathy, empathy.categories.contains(.acknowledgment) || empathy.categories.contains(.apology) {
            flags |= ConversationMessage.acknowledges
        }
        let mentionStart = mentions.count
        if let cues {
            if isCustomer, let name = cues.customerName {
                mentions.append(PhraseHash.of(name))
                flags |= ConversationMessage.namesCustomer
            }
            // A customer's case details are their words with digits; their capitalised words are not.
            for mention in cues.mentions where !isCustomer || mention.contains(where: \.isNumber) {
                mentions.append(PhraseHash.of(mention))
            }
        }
        var excerpt = ConversationMessage.noExcerpt
        if isCustomer && scored.sentiment.compound <= -0.05 {
            let text = ReplyExamples.quote(record.text).utf8
            excerpt = UInt32(excerptSpans.count)
            excerptSpans.append((excerptsTaken + excerptBytes.count) << 16 | text.count)
            excerptBytes += text
        }
        messages.append(ConversationMessage(
            ordinal: ordinal, time: record.time?.timeIntervalSinceReferenceDate ?? .nan, conversation: keys.id(key),
            author: record.role == .agent ? record.author.map { authors.id($0) + 1 } ?? 0 : 0,
            segments: segmentSets.id(record.segments), mentionStart: UInt32(mentionStart), excerpt: excerpt,
            empathyUnits: scored.empathy.map { Int32(ConversationMessage.units($0.score)) } ?? -1,
            compoundUnits: Int16(ConversationMessage.units(scored.sentiment.compound)),
            mentionCount: UInt8(mentions.count - mentionStart), roleCode: ConversationMessage.code(record.role), flags: flags
        ))
    }

    /// Appends `other`'s messages after this one's; `other` must not have had its excerpts taken.
    public mutating func merge(_ other: ConversationTracker) {
        precondition(other.excerptsTaken == 0, "ConversationTracker.merge: the merged tracker's excerpts were taken")
        let keyIDs = keys.ids(for: other.keys)
        let authorIDs = authors.ids(for: other.authors)
        let segmentIDs = segmentSets.ids(for: other.segmentSets)
        let mentionShift = UInt32(mentions.count)
        let excerptShift = UInt32(excerptSpans.count)
        let byteShift = excerptsTaken + excerptBytes.count
        for var message in other.messages {
            message.conversation = keyIDs[Int(message.conversation)]
            if message.author > 0 { message.author = authorIDs[Int(message.author - 1)] + 1 }
            message.segments = segmentIDs[Int(message.segments)]
            message.mentionStart += mentionShift
            if message.excerpt != ConversationMessage.noExcerpt { message.excerpt += excerptShift }
            messages.append(message)
        }
        mentions += other.mentions
        excerptSpans += other.excerptSpans.map { $0 + byteShift << 16 }
        excerptBytes += other.excerptBytes
    }

    /// Hands over the excerpt bytes gathered since the last call, to be kept elsewhere (a scratch
    /// file); `excerpt(span:reading:)` then asks for them by position in the run's excerpt bytes.
    public mutating func takeExcerpts() -> [UInt8] {
        let taken = excerptBytes
        excerptsTaken += taken.count
        excerptBytes = []
        return taken
    }

    /// The text of the excerpt at `span` (offset << 16 | length in the run's excerpt bytes);
    /// `reading` returns taken bytes by offset and length.
    func excerpt(span: Int, reading: ((_ offset: Int, _ length: Int) -> String)?) -> String {
        let offset = span >> 16, length = span & 0xFFFF
        if offset >= excerptsTaken {
            let start = offset - excerptsTaken
            return String(decoding: excerptBytes[start..<start + length], as: UTF8.self)
        }
        guard let reading else { preconditionFailure("ConversationTracker: excerpts were taken but no reader was given") }
        return reading(offset, length)
    }

    /// Moves the messages merged so far to `scratch`, each to the partition of its conversation,
    /// in the order they were merged (input order), and forgets them and their conversation
    /// keys. Agent names and segment sets stay interned here (there are few); a message's key,
    /// mentions and excerpt span travel with it.
    public mutating func spillMessages(to scratch: any ScratchPartitions) throws {
        guard !messages.isEmpty else { return }
        let partitionOfKey = keys.values.map { Self.partition(of: $0, count: scratch.count) }
        var partitions = [ScratchRecordWriter](repeating: ScratchRecordWriter(), count: scratch.count)
        for message in messages {
            let key = keys[message.conversation]
            let excerptSpan = message.excerpt == ConversationMessage.noExcerpt ? -1 : excerptSpans[Int(message.excerpt)]
            message.encode(key: key, excerptSpan: excerptSpan, mentions: mentions[message.mentionRange], into: &partitions[partitionOfKey[Int(message.conversation)]])
        }
        for (partition, records) in partitions.enumerated() where !records.bytes.isEmpty {
            try records.bytes.withUnsafeBytes { try scratch.append($0, to: partition) }
        }
        messages.removeAll(keepingCapacity: true)
        mentions.removeAll(keepingCapacity: true)
        excerptSpans.removeAll(keepingCapacity: true)
        keys = InternTable()
    }

    /// The messages of one scratch partition, as `spillMessages` wrote them, in a tracker of
    /// their own that shares `tracker`'s agent names and segment sets (the ids in the records).
    init(partition: Int, of scratch: any ScratchPartitions, sharing tracker: ConversationTracker) throws {
        authors = tracker.authors
        segmentSets = tracker.segmentSets
        var reader = ScratchRecordReader(scratch, partition: partition)
        var keys = InternTable<ConversationKey>(), messages: [ConversationMessage] = [], mentions: [UInt64] = [], excerptSpans: [Int] = []
        while let message = try reader.next({ record in
            ConversationMessage.decode(&record, keys: &keys, mentions: &mentions, excerptSpans: &excerptSpans)
        }) {
            messages.append(message)
        }
        self.keys = keys
        self.messages = messages
        self.mentions = mentions
        self.excerptSpans = excerptSpans
    }

    /// The partition of `count` that holds `key`'s messages: a stable hash of the key's UTF-8
    /// (in Unicode's composed form, since `ConversationKey` equality is canonical equivalence and
    /// equal keys must meet), never of the thread or chunk that saw it.
    static func partition(of key: ConversationKey, count: Int) -> Int {
        func composed(_ text: String) -> String {
            text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        }
        // 0xFF never occurs in UTF-8: source and id cannot run into each other.
        var hash = PhraseHash.add(0xFF, to: PhraseHash.add(composed(key.source), to: PhraseHash.start))
        hash = PhraseHash.add(composed(key.id), to: hash)
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return Int(hash % UInt64(count))
    }

    func author(_ message: ConversationMessage) -> String? {
        message.author == 0 ? nil : authors[message.author - 1]
    }

    /// The conversations in key order, each with its messages (indexes into `messages`) in time
    /// order, input order where times are missing or equal.
    func ordered() -> ConversationOrder {
        // Locals, so that the sort closures capture two arrays rather than a copy of the whole
        // tracker (retaining every array it holds) at each call.
        let keys = self.keys, messages = self.messages
        let count = keys.count
        let byKey = (0..<UInt32(count)).sorted { keys[$0] < keys[$1] }
        var rank = [UInt32](repeating: 0, count: count)
        for (position, conversation) in byKey.enumerated() { rank[Int(conversation)] = UInt32(position) }
        var bounds = [Int](repeating: 0, count: count + 1)
        for message in messages { bounds[Int(rank[Int(message.conversation)]) + 1] += 1 }
        for position in 0..<count { bounds[position + 1] += bounds[position] }
        var next = bounds
        var order = [UInt32](repeating: 0, count: messages.count)
        for (index, message) in messages.enumerated() {
            let position = Int(rank[Int(message.conversation)])
            order[next[position]] = UInt32(index)
            next[position] += 1
        }
        for position in 0..<count {
            order[bounds[position]..<bounds[position + 1]].sort { a, b in
                let x = messages[Int(a)], y = messages[Int(b)]
                if !x.time.isNaN, !y.time.isNaN, x.time != y.time { return x.time < y.time }
                return x.ordinal < y.ordinal
            }
        }
        return ConversationOrder(conversations: byKey, bounds: bounds, messages: order)
    }

    /// The summary of the conversation at `position` of `order`.
    func summarize(_ order: ConversationOrder, _ position: Int) -> ConversationSummary {
        let key = keys[order.conversations[position]]
        let indexes = order.messages[order.bounds[position]..<order.bounds[position + 1]]
        var start: Double?, end: Double?
        var customerCount = 0
        var empathySum = 0.0, empathyCount = 0
        var agents: Set<String> = []
        var firstCustomer: ConversationMessage?
        var firstReply: ConversationMessage?
        for index in indexes {
            let message = messages[Int(index)]
            switch message.role {
            case .customer:
                if start == nil { start = message.compound }
                end = message.compound
                customerCount += 1
                if firstCustomer == nil { firstCustomer = message }
            case .agent:
                if let name = author(message) { agents.insert(name) }
            case .system:
                break
            }
            if let empathy = message.empathy {
                empathySum += empathy
                empathyCount += 1
            }
        }
        if let first = firstCustomer {
            let from = first.date ?? .distantPast
            for index in indexes {
                let message = messages[Int(index)]
                if message.role == .agent && message.ordinal != first.ordinal && (message.date ?? .distantPast) >= from {
                    firstReply = message
                    break
                }
            }
        }
        let last = messages[Int(indexes.last!)]
        let outcome: ConversationOutcome
        if last.role == .customer, last.compound <= -0.05 {
            outcome = .unresolved
        } else if let start, let end, customerCount >= 2 {
            let change = end - start
            outcome = change >= Self.changeThreshold ? .recovered : change <= -Self.changeThreshold ? .worsened : .unchanged
        } else {
            outcome = .unchanged
        }
        var replySeconds: Double?
        if let from = firstCustomer?.date, let to = firstReply?.date { replySeconds = to.timeIntervalSince(from) }
        var resolutionSeconds: Double?
        if let from = messages[Int(indexes.first!)].date, let to = last.date, indexes.count > 1 { resolutionSeconds = to.timeIntervalSince(from) }
        return ConversationSummary(
            id: key.id, source: key.source, messages: indexes.count, startCompound: start, endCompound: end,
            outcome: outcome, meanEmpathy: empathyCount == 0 ? nil : Figures.round(empathySum / Double(empathyCount)),
            firstReplySeconds: replySeconds, resolutionSeconds: resolutionSeconds, agents: agents.sorted()
        )
    }
}

/// The run's conversations in key order and each one's messages in time order, as indexes.
struct ConversationOrder: Sendable {
    /// Conversation ids (`ConversationTracker.keys`) in key order.
    var conversations: [UInt32]
    /// Conversation at position p has the messages `messages[bounds[p]..<bounds[p + 1]]`.
    var bounds: [Int]
    /// Indexes into `ConversationTracker.messages`.
    var messages: [UInt32]

    var count: Int { conversations.count }
}

public struct ConversationKey: Sendable, Hashable, Comparable {
    public var source: String
    public var id: String

    init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    /// The conversation a record belongs to; nil when it names none.
    public init?(_ record: FeedbackRecord) {
        guard let id = record.conversation, !id.isEmpty else { return nil }
        self.source = record.source
        self.id = id
    }

    public static func < (a: ConversationKey, b: ConversationKey) -> Bool {
        (a.source, a.id) < (b.source, b.id)
    }
}
