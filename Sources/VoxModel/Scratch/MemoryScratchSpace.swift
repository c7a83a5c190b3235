import Foundation

/// Scratch partitions held in memory: for tests and for callers of the aggregators that run no
/// pipeline. The same bytes as the runner's scratch files, so the same code reads both.
public struct MemoryScratchSpace: ScratchSpace {
    public init() {}

    public func partitions(_ name: String, count: Int) throws -> any ScratchPartitions {
        MemoryScratchPartitions(count: count)
    }
}

/// One array of bytes a partition. Guarded by a lock: a run's result (which may hold these
/// through `ConversationSummaries`) is `Sendable`.
final class MemoryScratchPartitions: ScratchPartitions, @unchecked Sendable {
    private var bytes: [[UInt8]]
    private let lock = NSLock()

    init(count: Int) {
        bytes = Array(repeating: [], count: count)
    }

    var count: Int { lock.withLock { bytes.count } }

    func append(_ new: UnsafeRawBufferPointer, to partition: Int) throws {
        lock.withLock { bytes[partition].append(contentsOf: new) }
    }

    func read(_ partition: Int, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        lock.withLock {
            let stored = bytes[partition]
            let count = max(0, min(buffer.count, stored.count - offset))
            guard count > 0 else { return 0 }
            stored.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            return count
        }
    }

    func remove() {
        lock.withLock { bytes = Array(repeating: [], count: bytes.count) }
    }
}
