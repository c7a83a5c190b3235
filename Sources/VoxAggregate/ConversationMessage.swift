import Foundation
import VoxModel

/// What the conversation pass needs from one message, in 48 bytes and no allocation: scores as
/// integers in the units they are rounded to, and every string the message carries as an id into
/// one of its `ConversationTracker`'s tables (agent names, segment sets, excerpts) or as a hash
/// (mentions). A million messages used to hold a million `String`s and arrays.
struct ConversationMessage: Sendable {
    /// Position of the record in the whole run's input, to order messages without timestamps.
    var ordinal: Int
    /// Seconds since the reference date (`Date.timeIntervalSinceReferenceDate`); NaN when untimed.
    var time: Double
    /// Index into the tracker's conversation keys.
    var conversation: UInt32
    /// 1 + the index into the tracker's agent names, on agent messages that name their author; 0 otherwise.
    var author: UInt32
    /// Index into the tracker's segment sets.
    var segments: UInt32
    /// First of this message's mention hashes in the tracker's `mentions`.
    var mentionStart: UInt32
    /// Index into the tracker's excerpt spans (negative customer messages), or `UInt32.max`.
    var excerpt: UInt32
    /// Empathy score in 1e-4 units (scores are rounded to 0.1, see `ExactSum`), or -1 when the
    /// message had no empathy score.
    var empathyUnits: Int32
    /// Compound sentiment in 1e-4 units: the scorer rounds it to four decimals.
    var compoundUnits: Int16
    var mentionCount: UInt8
    var roleCode: UInt8
    var flags: UInt8

    static let acknowledges: UInt8 = 1
    /// The first mention hash is the customer's first name, not a case detail.
    static let namesCustomer: UInt8 = 2
    static let noExcerpt = UInt32.max

    static func units(_ value: Double) -> Int { Int((value * 10_000).rounded()) }

    var role: Role { Self.roles[Int(roleCode)] }
    var compound: Double { Double(compoundUnits) / 10_000 }
    var empathy: Double? { empathyUnits < 0 ? nil : Double(empathyUnits) / 10_000 }
    var date: Date? { time.isNaN ? nil : Date(timeIntervalSinceReferenceDate: time) }
    var acknowledgesFeeling: Bool { flags & Self.acknowledges != 0 }
    var mentionRange: Range<Int> { Int(mentionStart)..<Int(mentionStart) + Int(mentionCount) }

    static let roles = Role.allCases
    static func code(_ role: Role) -> UInt8 { UInt8(roles.firstIndex(of: role)!) }
}

extension ConversationMessage {
    /// Writes this message as one scratch record: its conversation key and mentions by value and
    /// its excerpt as a span in the run's excerpt bytes (or -1), since the tracker's tables for
    /// those are forgotten once its messages are spilled; agent and segment ids stay ids.
    func encode(key: ConversationKey, excerptSpan: Int, mentions: ArraySlice<UInt64>, into records: inout ScratchRecordWriter) {
        records.beginRecord()
        records.append(key.source)
        records.append(key.id)
        records.append(Int64(ordinal))
        records.append(time)
        records.append(author)
        records.append(segments)
        records.append(Int64(excerptSpan))
        records.append(empathyUnits)
        records.append(compoundUnits)
        records.append(roleCode)
        records.append(flags)
        records.append(mentionCount)
        for mention in mentions { records.append(mention) }
        records.endRecord()
    }

    /// Reads a message `encode` wrote, interning its key in `keys` and appending its mentions
    /// and excerpt span to the reading tracker's arrays.
    static func decode(
        _ record: inout ScratchRecord, keys: inout InternTable<ConversationKey>, mentions: inout [UInt64], excerptSpans: inout [Int]
    ) -> ConversationMessage {
        let key = ConversationKey(source: record.readString(), id: record.readString())
        let ordinal = Int(record.read(Int64.self)), time = record.readDouble()
        let author = record.read(UInt32.self), segments = record.read(UInt32.self)
        let excerptSpan = Int(record.read(Int64.self))
        let empathyUnits = record.read(Int32.self), compoundUnits = record.read(Int16.self)
        let roleCode = record.read(UInt8.self), flags = record.read(UInt8.self), mentionCount = record.read(UInt8.self)
        let mentionStart = UInt32(mentions.count)
        for _ in 0..<mentionCount { mentions.append(record.read(UInt64.self)) }
        var excerpt = noExcerpt
        if excerptSpan >= 0 {
            excerpt = UInt32(excerptSpans.count)
            excerptSpans.append(excerptSpan)
        }
        return ConversationMessage(
            ordinal: ordinal, time: time, conversation: keys.id(key), author: author, segments: segments, mentionStart: mentionStart,
            excerpt: excerpt, empathyUnits: empathyUnits, compoundUnits: compoundUnits, mentionCount: mentionCount, roleCode: roleCode,
            flags: flags
        )
    }
}
