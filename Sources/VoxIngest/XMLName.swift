/// An element name in a record path: a local name, and a prefix when one was written.
struct XMLName: Sendable, Hashable {
    var local: String
    var prefix: String?

    init(_ written: String) {
        if let colon = written.firstIndex(of: ":") {
            prefix = String(written[..<colon])
            local = String(written[written.index(after: colon)...])
        } else {
            local = written
        }
    }

    init(local: String, prefix: String?) {
        self.local = local
        self.prefix = prefix
    }

    /// True when `element` (as found in the document) is this name.
    func matches(_ element: XMLName) -> Bool {
        local == element.local && (prefix == nil || prefix == element.prefix)
    }
}
