/// Who wrote a message. Readers map export-specific values onto these through a pipeline's
/// `role` value map; records without a role mapping are `customer`.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case customer
    case agent
    /// Automated or system messages ("ticket closed"); kept for accounting, never scored as empathy.
    case system
}
