import Dispatch
import Foundation

/// Independent pieces of work on threads of their own, for the parts of a run's end that split
/// into shares (the conversation pass's partitions).
enum ParallelWork {
    /// Runs `work(0) … work(count - 1)` at once, the calling thread among those running them,
    /// and returns their values in index order. When pieces fail, the error of the lowest index
    /// is thrown (after every piece has ended), so that the outcome does not depend on timing.
    static func map<Value: Sendable>(_ count: Int, _ work: @Sendable (Int) throws -> Value) throws -> [Value] {
        guard count > 1 else { return try (0..<count).map(work) }
        let results = Results<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try work(index) })
        }
        return try results.values()
    }

    private final class Results<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Value, any Error>?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func set(_ index: Int, _ result: Result<Value, any Error>) {
            lock.withLock { slots[index] = result }
        }

        func values() throws -> [Value] {
            try lock.withLock { try slots.map { try $0!.get() } }
        }
    }
}
