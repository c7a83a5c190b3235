/// Bytes a run cannot keep in memory (its conversations' messages, their summaries) wait in
/// numbered partitions: each partition is appended to in order and read back in order.
///
/// The runner keeps them in scratch files of its staging directory (`ScratchFiles`, VoxPipeline);
/// tests and library callers without a staging directory keep them in memory
/// (`MemoryScratchSpace`). Whoever reads them gets the same bytes either way.
public protocol ScratchPartitions: AnyObject, Sendable {
    var count: Int { get }
    func append(_ bytes: UnsafeRawBufferPointer, to partition: Int) throws
    /// Copies up to `buffer.count` bytes of `partition`, starting at byte `offset`, into `buffer`
    /// and returns how many; 0 at the end.
    func read(_ partition: Int, at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Lets go of every partition's bytes; nothing may be read afterwards.
    func remove()
}

/// Makes scratch partitions where a run keeps its spilled bytes.
public protocol ScratchSpace: Sendable {
    /// `name` tells partitions of different purposes apart (and names their files).
    func partitions(_ name: String, count: Int) throws -> any ScratchPartitions
}
