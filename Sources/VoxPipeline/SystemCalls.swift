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
}
