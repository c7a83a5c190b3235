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
