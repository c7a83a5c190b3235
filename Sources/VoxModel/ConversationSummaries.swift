/// A run's conversation summaries, in order, stored compactly: a run of a million messages has
/// about half a million conversations, and `report.json` lists every one. Each is kept as one
/// fixed-size row (figures as doubles, NaN for none) with its source and agent list interned,
/// instead of a `ConversationSummary` with an array of agent names; reading an element builds
/// the `ConversationSummary` again, equal to the one appended.
public struct ConversationSummaries: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    struct Row: Sendable {
        var id: String
        var startCompound: Double
        var endCompound: Double
        var meanEmpathy: Double
        var firstReplySeconds: Double
        var resolutionSeconds: Double
        var messages: Int32
        var source: UInt32
        var agents: UInt32
        var outcome: UInt8
    }

    private var rows: [Row] = []
    private var sources: [String] = []
    private var sourceIDs: [String: UInt32] = [:]
    private var agentLists: [[String]] = []
    private var agentListIDs: [[String]: UInt32] = [:]
    private static let outcomes = ConversationOutcome.allCases

    public init() {}

    public init(_ summaries: some Sequence<ConversationSummary>) {
        for summary in summaries { append(summary) }
    }

    public init(arrayLiteral elements: ConversationSummary...) {
        self.init(elements)
    }

    public mutating func append(_ summary: ConversationSummary) {
        rows.append(Row(
            id: summary.id, startCompound: summary.startCompound ?? .nan, endCompound: summary.endCompound ?? .nan,
            meanEmpathy: summary.meanEmpathy ?? .nan, firstReplySeconds: summary.firstReplySeconds ?? .nan,
            resolutionSeconds: summary.resolutionSeconds ?? .nan, messages: Int32(clamping: summary.messages),
            source: Self.intern(summary.source, in: &sources, ids: &sourceIDs),
            agents: Self.intern(summary.agents, in: &agentLists, ids: &agentListIDs),
            outcome: UInt8(Self.outcomes.firstIndex(of: summary.outcome)!)
        ))
    }

    public mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> ConversationSummary {
        let row = rows[position]
        func optional(_ value: Double) -> Double? { value.isNaN ? nil : value }
        return ConversationSummary(
            id: row.id, source: sources[Int(row.source)], messages: Int(row.messages), startCompound: optional(row.startCompound),
            endCompound: optional(row.endCompound), outcome: Self.outcomes[Int(row.outcome)], meanEmpathy: optional(row.meanEmpathy),
            firstReplySeconds: optional(row.firstReplySeconds), resolutionSeconds: optional(row.resolutionSeconds),
            agents: agentLists[Int(row.agents)]
        )
    }

    /// How many conversations ended with `outcome`, without building their summaries.
    public func count(of outcome: ConversationOutcome) -> Int {
        let code = UInt8(Self.outcomes.firstIndex(of: outcome)!)
        return rows.reduce(0) { $0 + ($1.outcome == code ? 1 : 0) }
    }

    private static func intern<Value: Hashable>(_ value: Value, in values: inout [Value], ids: inout [Value: UInt32]) -> UInt32 {
        if let id = ids[value] { return id }
        let id = UInt32(values.count)
        values.append(value)
        ids[value] = id
        return id
    }
}
