/// A pool that keeps the first `limit` of everything offered under a total order, sorted by it.
/// With a total order the kept elements do not depend on the order of offers or merges, which is
/// what lets chunks be scored in parallel and merged in any grouping.
enum SortedPool {
    /// Whether `element` would enter `pool`: it is not full, or `element` comes before its last.
    static func admits<Element>(_ element: Element, _ pool: [Element], limit: Int, by order: (Element, Element) -> Bool) -> Bool {
        guard let last = pool.last, pool.count >= limit else { return true }
        return order(element, last)
    }

    /// Puts `element` in its place in `pool` and drops what falls past `limit`: a binary search,
    /// where sorting the pool again at every offer compared strings thousands of times.
    static func insert<Element>(_ element: Element, into pool: inout [Element], limit: Int, by order: (Element, Element) -> Bool) {
        guard admits(element, pool, limit: limit, by: order) else { return }
        var low = 0, high = pool.count
        while low < high {
            let middle = (low + high) / 2
            if order(pool[middle], element) { low = middle + 1 } else { high = middle }
        }
        pool.insert(element, at: low)
        if pool.count > limit { pool.removeLast() }
    }
}
