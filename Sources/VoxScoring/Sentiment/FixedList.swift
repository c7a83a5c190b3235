/// A list in caller-provided memory (a stack buffer from `withUnsafeTemporaryAllocation`), so that
/// scoring a text allocates nothing on the heap. The owner calls `deinitialize()` before the
/// memory goes away.
struct FixedList<Element>: RandomAccessCollection, MutableCollection {
    private let base: UnsafeMutablePointer<Element>
    let capacity: Int
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    mutating func append(_ element: Element) {
        precondition(count < capacity, "FixedList is full")
        (base + count).initialize(to: element)
        count += 1
    }

    func deinitialize() {
        base.deinitialize(count: count)
    }
}
