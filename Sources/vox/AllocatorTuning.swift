#if canImport(Glibc)
import Glibc
#endif

/// How the process's allocator treats large blocks.
enum AllocatorTuning {
    /// Allocations from this size up get their own mappings, which go back to the system when freed.
    static let mappedFrom: Int32 = 256 << 10

    /// glibc serves blocks of at least its mmap threshold (128 KB at start) from their own
    /// mappings, but raises the threshold to the size of every such block freed, up to 32 MB;
    /// after that, the chunks of records, the conversation arrays as they grow and the report
    /// buffers come from the heap, and what is freed there stays in the process. Fixing the
    /// threshold (which also stops the raising) took a million-record run from 268 MB to 231 MB
    /// of peak RSS at the same CPU time.
    ///
    /// `mallopt` is looked up at run time because `<malloc.h>` is not part of Swift's Glibc
    /// module; where it is missing (another C library), nothing changes.
    static func returnLargeBlocksToTheSystem() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3 // M_MMAP_THRESHOLD in <malloc.h>
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, mappedFrom)
        #endif
    }
}
