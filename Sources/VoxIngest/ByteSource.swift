import CZlib
import Foundation
import VoxModel
#if canImport(Glibc)
import Glibc
#endif

/// The raw bytes of one input file, read in pieces so that memory stays flat however large the
/// file is. gzip files (recognised by their magic bytes, whatever their name) are decompressed on
/// the fly through the system zlib, so every reader accepts `.gz` exports transparently.
public final class ByteSource {
    private enum Handle {
        case plain(Int32)
        case gzip(gzFile)
    }

    private let handle: Handle
    /// The path named in errors.
    public let displayPath: String
    /// True when the file is gzip-compressed; offsets then count decompressed bytes.
    public let isCompressed: Bool

    /// Opens `path`, sniffing the gzip magic number.
    /// - Throws: `IngestError` naming the file when it cannot be opened.
    public init(path: String, displayPath: String) throws {
        self.displayPath = displayPath
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw IngestError(location: InputLocation(file: displayPath), message: "cannot open file: \(String(cString: strerror(errno)))")
        }
        var magic: (UInt8, UInt8) = (0, 0)
        let count = withUnsafeMutableBytes(of: &magic) { pread(descriptor, $0.baseAddress, 2, 0) }
        if count == 2, magic == (0x1F, 0x8B) {
            // gzdopen takes over the descriptor; it reads from the current position (still 0).
            guard let file = gzdopen(descriptor, "rb") else {
                close(descriptor)
                throw IngestError(location: InputLocation(file: displayPath), message: "cannot open gzip stream")
            }
            gzbuffer(file, 256 * 1024)
            handle = .gzip(file)
            isCompressed = true
        } else {
            handle = .plain(descriptor)
            isCompressed = false
        }
    }

    deinit {
        switch handle {
        case .plain(let descriptor): close(descriptor)
        case .gzip(let file): gzclose(file)
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means the end of the file.
    /// - Throws: `IngestError` on a read error or corrupt compressed data.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        switch handle {
        case .plain(let descriptor):
            while true {
                let count = Glibc.read(descriptor, base, buffer.count)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw IngestError(location: InputLocation(file: displayPath), message: "read error: \(String(cString: strerror(errno)))")
            }
        case .gzip(let file):
            let count = gzread(file, base, UInt32(min(buffer.count, Int(Int32.max))))
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            // A truncated stream ends with Z_BUF_ERROR rather than a clean end of file.
            if count > 0 || (count == 0 && code == Z_OK) { return Int(count) }
            throw IngestError(
                location: InputLocation(file: displayPath),
                message: "corrupt or truncated gzip data (\(message)); records before this point were read",
                kind: .malformed
            )
        }
    }
}
