/// Keeps a long output file from filling the page cache: as the file grows, each full window is
/// handed to the kernel's writeback at once, and pages well behind the end leave the cache once
/// they are on disk. For outputs written once and read by someone else later (report.json): their
/// pages are not worth keeping, and dropped, their frames are reused for the pages written next.
///
/// Why it matters, measured here: writing into page frames the cache has not used lately cost
/// 3.4 s of system time a gigabyte on this machine (a 4 GB write: 13.8 s of system time, 22.6 s
/// wall), against 0.5 s when the frames are recycled (the same write dropping its pages as it went:
/// 2.1 s, 6.4 s wall); and on any machine a nightly run should not push gigabytes of
/// other files out of the cache (report.json is 1.7 GB at ten million records).
///
/// records.jsonl goes through it too, though `RecordsSpill.finish` overwrites a few endings in
/// place at the end: those pages are read back first (`OutputFile.readAhead`), far fewer than the
/// file's. Not for files read back during the run (scratch files). Only whole ranges are
/// dropped: the kernel caches a file in folios of up to megabytes and keeps a folio that advice
/// covers only in part. Dropping is advice: a page the kernel keeps changes nothing but time.
///
/// This type decides what to do and when; `OutputFile` makes the system calls.
public struct WriteBehind: Sendable {
    /// What `advance` asks of the file.
    enum Step: Equatable {
        /// Start writing these bytes to disk (`sync_file_range` without waiting).
        case startWriteback(Range<Int>)
        /// Wait until these bytes are on disk: their pages can be dropped only then.
        case awaitWriteback(Range<Int>)
        /// Drop the pages of these bytes from the cache.
        case drop(Range<Int>)
    }

    /// Bytes handed to writeback at a time.
    let window: Int
    /// How far behind the end of the file pages are dropped: their writeback started
    /// `lag - window` bytes earlier, so it has finished and waiting for it costs nothing.
    let lag: Int
    /// Bytes handed to writeback so far.
    private(set) var started = 0
    /// Bytes whose pages were dropped so far.
    private(set) var dropped = 0

    public init(window: Int = 8 << 20, lag: Int = 32 << 20) {
        precondition(window > 0 && lag >= window, "WriteBehind: the lag is at least one window")
        self.window = window
        self.lag = lag
    }

    /// Takes the steps due now that the file is `size` bytes long, in order. Most calls (a file
    /// that has not grown by a window) take none.
    mutating func advance(to size: Int, _ take: (Step) throws -> Void) rethrows {
        let writable = size / window * window
        if writable > started {
            try take(.startWriteback(started..<writable))
            started = writable
        }
        let droppable = max(0, size - lag) / window * window
        if droppable > dropped {
            try take(.awaitWriteback(dropped..<droppable))
            try take(.drop(dropped..<droppable))
            dropped = droppable
        }
    }
}
