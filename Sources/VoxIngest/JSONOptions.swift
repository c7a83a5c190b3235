/// Where the records are inside a JSON export, and how nested conversations unfold.
public struct JSONOptions: Sendable, Hashable {
    /// Path to the array of records (`data.items`); nil: the top-level array, or JSON Lines.
    public var records: FieldPath?
    /// A nested array whose elements each become a record that can reach the enclosing object
    /// through `parent.` paths (ticket → its comments).
    public var explode: FieldPath?
    /// Deeper nesting is rejected rather than recursed into.
    public var maxDepth: Int

    public init(records: FieldPath? = nil, explode: FieldPath? = nil, maxDepth: Int = 64) {
        self.records = records
        self.explode = explode
        self.maxDepth = maxDepth
    }
}
