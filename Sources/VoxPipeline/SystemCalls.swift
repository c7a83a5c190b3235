import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// System calls Swift's Glibc module does not declare.
enum SystemCalls {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2` (2.28 and later), looked up at run time so that an older C library
    /// only loses the atomic exchange, not the binary.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// `RENAME_EXCHANGE` from linux/fs.h.
    private static let renameExchange: UInt32 = 1 << 1

    /// Swaps two existing names atomically. False when the kernel or file system cannot
    /// (the caller falls back to two renames); errno is left set.
    static func exchange(_ first: String, _ second: String) -> Bool {
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }

    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    /// Linux's `sync_file_range`, which the Glibc module does not declare (it needs
    /// `_GNU_SOURCE`); nil where the C library lacks it.
    private static let syncFileRange: SyncFileRange? = {
        guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
    }()

    /// `SYNC_FILE_RANGE_WAIT_BEFORE`, `_WRITE` and `_WAIT_AFTER` from fcntl.h.
    private static let waitBefore: UInt32 = 1, startWrite: UInt32 = 2, waitAfter: UInt32 = 4

    /// Takes one `WriteBehind` step on `descriptor`. Every step is advice about caching: a
    /// failure (a file system that does not support it) is ignored, the bytes are written all
    /// the same and `fsync` at the end still decides.
    static func take(_ step: WriteBehind.Step, on descriptor: Int32) {
        switch step {
        case .startWriteback(let bytes):
            _ = syncFileRange?(descriptor, Int64(bytes.lowerBound), Int64(bytes.count), startWrite)
        case .awaitWriteback(let bytes):
            _ = syncFileRange?(descriptor, Int64(bytes.lowerBound), Int64(bytes.count), waitBefore | startWrite | waitAfter)
        case .drop(let bytes):
            _ = posix_fadvise(descriptor, off_t(bytes.lowerBound), off_t(bytes.count), POSIX_FADV_DONTNEED)
        }
    }

    /// Starts reading `bytes` of the file into the page cache (`POSIX_FADV_WILLNEED`); advice,
    /// like the steps above.
    static func readAhead(_ bytes: Range<Int>, on descriptor: Int32) {
        _ = posix_fadvise(descriptor, off_t(bytes.lowerBound), off_t(bytes.count), POSIX_FADV_WILLNEED)
    }
}
