#if canImport(Glibc)
import Glibc
#endif

/// The libFuzzer callback: the input's bytes; returns 0.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

public enum FuzzDriver {
    /// Runs libFuzzer with the process's arguments (`-max_total_time=N CORPUS…`).
    public static func run(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzCallback) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, callback)
    }

    /// The readers take a path (they stream from files), so each input is written to one file
    /// in /dev/shm (memory, not disk) per process and read from there.
    public static func withFile(_ data: UnsafePointer<UInt8>?, _ size: Int, suffix: String, _ body: (String) -> Void) {
        let path = "/dev/shm/vox-fuzz-\(getpid())\(suffix)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot create \(path)") }
        var written = 0
        while written < size, let data {
            let count = write(descriptor, data + written, size - written)
            if count <= 0 { fatalError("cannot write \(path)") }
            written += count
        }
        close(descriptor)
        body(path)
    }
}
