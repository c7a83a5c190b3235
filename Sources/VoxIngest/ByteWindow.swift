import Glibc

/// A sliding window of a file's text as UTF-8, filled in fixed-size reads. Readers parse what is
/// in the window, consume it by moving `start`, and call `fill()` when a record runs past `end`;
/// so only the record being parsed (and one read's worth of bytes) is ever in memory.
///
/// Input in another encoding is transcoded as it is read; a byte-order mark, when present, names
/// the encoding whatever the configuration says (it cannot be anything else) and is dropped.
/// Offsets (`offset(of:)`) count bytes of the decoded UTF-8 stream, which for UTF-8 files without
/// compression are the file's own byte offsets.
struct ByteWindow {
    /// Bytes of one read. Large enough to make system calls rare, small enough to stay in cache.
    static let readSize = 1 << 20

    private(set) var buffer: [UInt8]
    /// First unconsumed byte.
    var start = 0
    /// One past the last valid byte.
    private(set) var end = 0
    /// Stream offset of `buffer[0]`.
    private(set) var bufferOffset = 0
    private(set) var atEndOfFile = false
    /// The encoding in effect after byte-order-mark sniffing.
    let encoding: TextEncoding
    private let source: ByteSource
    private var transcoder: Transcoder
    private var scratch: [UInt8] = []

    init(source: ByteSource, encoding configured: TextEncoding) throws {
        self.source = source
        buffer = [UInt8](repeating: 0, count: Self.readSize)
        // Read the first bytes raw to look for a byte-order mark.
        var first = [UInt8](repeating: 0, count: Self.readSize)
        var count = 0
        while count < 4 {
            let read = try first.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
            if read == 0 { break }
            count += read
        }
        var skip = 0
        var encoding = configured == .auto ? .utf8 : configured
        if let (sniffed, length) = TextEncoding.sniff(first[..<count]) {
            encoding = sniffed
            skip = length
        }
        self.encoding = encoding
        bufferOffset = 0
        transcoder = Transcoder(encoding: encoding)
        if count == 0 { atEndOfFile = true }
        append(first[skip..<count], final: false)
    }

    var available: Int { end - start }

    /// The stream offset of `buffer[index]`.
    func offset(of index: Int) -> Int { bufferOffset + index }

    /// Reads more bytes after `end`, keeping `start..<end`. Returns false at the end of the file
    /// (and then never reads again). Indices into `buffer` held by the caller are invalidated:
    /// keep positions relative to `start`.
    mutating func fill() throws -> Bool {
        if atEndOfFile { return false }
        if start > 0 {
            let keep = end - start
            if keep > 0 {
                // The kept bytes may overlap their new place: memmove, not memcpy.
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + start, keep)
                }
            }
            bufferOffset += start
            start = 0
            end = keep
        }
        if buffer.count - end < Self.readSize / 2 {
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, Self.readSize)))
        }
        if transcoder.expansion == 1 {
            let read = try buffer.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
            }
            if read == 0 {
                atEndOfFile = true
                return false
            }
            end += read
            return true
        }
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: Self.readSize / 4) }
        let read = try scratch.withUnsafeMutableBytes { try source.read(into: $0) }
        if read == 0 {
            atEndOfFile = true
            let before = end
            append([], final: true)
            return end > before
        }
        append(scratch[..<read], final: false)
        return true
    }

    /// Transcodes `bytes` and appends them after `end`, growing the buffer when needed.
    private mutating func append(_ bytes: ArraySlice<UInt8>, final: Bool) {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count * transcoder.expansion + 4)
        bytes.withUnsafeBytes { transcoder.transcode($0, into: &decoded, final: final) }
        if buffer.count - end < decoded.count {
            buffer.append(contentsOf: repeatElement(0, count: decoded.count - (buffer.count - end)))
        }
        buffer.replaceSubrange(end..<(end + decoded.count), with: decoded)
        end += decoded.count
    }
}
