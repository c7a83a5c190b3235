#if canImport(Glibc)
import Glibc
#endif

/// How the process's allocator treats large blocks.
enum AllocatorTuning {
    /// Allocations from this size up get their own mappings, which go back to the system when freed.
    static let mappedFrom: Int32 = 4 << 20

    /// glibc serves blocks of at least its mmap threshold (128 KB at start) from their own
    /// mappings, but raises the threshold to the size of every such block freed, up to 32 MB;
    /// after that, the chunks of records, the conversation arrays as they grow and the report
    /// buffers come from the heap, and what is freed there stays in the process. Fixing the
    /// threshold (which also stops the raising) took a million-record run from 268 MB to 231 MB
    /// of peak RSS at the same CPU time.
    ///
    /// Why 4 MB and not the 256 KB first chosen: a chunk's records, its records.jsonl lines
    /// (about 900 KB) and the read buffers are made and freed for every chunk, and below the
    /// threshold each was a fresh mapping the kernel had to fault in and zero again. Ten million
    /// records: 3.3 million page faults → 0.9 million, 29.7 s → 21.4 s in the kernel, 124 s →
    /// 109 s wall, peak RSS 301 → 305 MB (one million: 358,000 → 70,000–145,000 faults, peak
    /// RSS +4–8 MB).
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
