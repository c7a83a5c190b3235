/// How a pain-point cluster relates to the previous run's: product teams read ids across nights,
/// so a cluster that changes its make-up says so instead of silently becoming another one.
public struct ClusterLineage: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// No predecessor.
        case new
        /// The same cluster as a previous one, same id.
        case continued
        /// Two or more previous clusters became this one; it keeps the id of the closest.
        case merged
        /// A previous cluster became two or more; the closest part keeps its id.
        case split
        /// A previous cluster with no successor (`id` is the previous id).
        case vanished
    }

    public var kind: Kind
    public var id: String
    public var label: String
    /// The previous clusters this one descends from (for `vanished`: none).
    public var previous: [String]

    public init(kind: Kind, id: String, label: String, previous: [String]) {
        self.kind = kind
        self.id = id
        self.label = label
        self.previous = previous
    }
}
