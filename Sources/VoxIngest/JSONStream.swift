import Glibc
import VoxModel

/// The JSON reader's position in a file: the byte window and the current line, with helpers that
/// read more as they need it. Positions are kept relative to `window.start`, because filling the
/// window moves its bytes.
struct JSONStream {
    var window: ByteWindow
    var line = 1
    let displayPath: String

    /// Stream offset of the next unconsumed byte.
    var offset: Int { window.offset(of: window.start) }

    /// The next byte, without consuming it; nil at the end of the file.
    mutating func peek() throws -> UInt8? {
        if window.available == 0, try !window.fill() { return nil }
        return window.buffer[window.start]
    }

    mutating func skipWhitespace() throws {
        while true {
            while window.start < window.end {
                switch window.buffer[window.start] {
                case 0x20, 0x09, 0x0D: window.start += 1
                case 0x0A:
                    window.start += 1
                    line += 1
                default: return
                }
            }
            if try !window.fill() { return }
        }
    }

    /// Consumes `byte` after optional white space, or fails with what was found instead.
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        try skipWhitespace()
        guard let found = try peek() else { throw error("unexpected end of file, expected \(what)") }
        guard found == byte else { throw error("expected \(what), found '\(JSONParser.describe(found))'") }
        window.start += 1
    }

    /// A file-stopping error at the current position.
    func error(_ message: String, at offset: Int? = nil, line: Int? = nil) -> IngestError {
        IngestError(
            location: InputLocation(file: displayPath, line: line ?? self.line, byteOffset: offset ?? self.offset),
            message: "malformed JSON: \(message); records before this point were read",
            kind: .malformed
        )
    }

    enum Framed {
        /// The value is the `length` bytes from `window.start` (not yet consumed).
        case value(length: Int, lines: Int, nonASCII: Bool)
        /// The value was longer than the limit; it has been consumed without being kept, but for
        /// its first bytes (an excerpt).
        case tooLarge(lines: Int, excerpt: String)
    }

    /// Frames the value that starts at `window.start`. With `keep`, its bytes stay in the window
    /// for the caller to parse (up to `limit` bytes; beyond that the value is skipped). Without,
    /// they are consumed as they are passed, whatever the value's size.
    mutating func frame(keep: Bool, limit: Int) throws -> Framed {
        var framer = JSONFramer()
        var scanned = 0
        var keeping = keep
        var excerpt = ""
        while true {
            let from = window.start + scanned
            let next = window.buffer.withUnsafeBufferPointer { framer.advance($0, from: from, end: window.end) }
            if let next {
                if keeping { return .value(length: next - window.start, lines: framer.lines, nonASCII: framer.nonASCII >= 0x80) }
                window.start = next
                line += framer.lines
                return keep ? .tooLarge(lines: framer.lines, excerpt: excerpt) : .value(length: 0, lines: framer.lines, nonASCII: false)
            }
            scanned = window.end - window.start
            if keeping, scanned > limit {
                keeping = false
                excerpt = self.excerpt(length: scanned)
            }
            if !keeping {
                window.start = window.end
                scanned = 0
            }
            if try !window.fill() {
                if framer.canEndAtEndOfFile {
                    if keeping { return .value(length: scanned, lines: framer.lines, nonASCII: false) }
                    line += framer.lines
                    return keep ? .tooLarge(lines: framer.lines, excerpt: excerpt) : .value(length: 0, lines: framer.lines, nonASCII: false)
                }
                throw error("unexpected end of file inside a value (is the file truncated?)")
            }
        }
    }

    enum Line {
        /// The line is the `length` bytes from `window.start`; `terminator` bytes follow it.
        case line(length: Int, terminator: Int)
        /// The line was longer than the limit and has been consumed without being kept, but for
        /// its first bytes (an excerpt).
        case tooLarge(excerpt: String)
        case endOfFile
    }

    /// Frames the next physical line (JSON Lines).
    mutating func nextLine(limit: Int) throws -> Line {
        var scanned = 0
        var keeping = true
        var excerpt = ""
        while true {
            let from = window.start + scanned
            let found: Int? = window.buffer.withUnsafeBufferPointer { buffer in
                guard from < window.end, let base = buffer.baseAddress,
                      let hit = memchr(base + from, 0x0A, window.end - from) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let found {
                // One fill may bring a whole over-long line at once: measure it here too.
                if keeping, found - window.start > limit {
                    keeping = false
                    excerpt = self.excerpt(length: found - window.start)
                }
                if keeping { return .line(length: found - window.start, terminator: 1) }
                window.start = found + 1
                return .tooLarge(excerpt: excerpt)
            }
            scanned = window.end - window.start
            if keeping, scanned > limit {
                keeping = false
                excerpt = self.excerpt(length: scanned)
            }
            if !keeping {
                window.start = window.end
                scanned = 0
            }
            if try !window.fill() {
                if !keeping { return .tooLarge(excerpt: excerpt) }
                return scanned == 0 ? .endOfFile : .line(length: scanned, terminator: 0)
            }
        }
    }

    /// Checks `length` bytes from `window.start` for invalid UTF-8; the stream offset of the first
    /// bad byte, or nil.
    func firstInvalidUTF8(length: Int) -> Int? {
        window.buffer.withUnsafeBufferPointer { buffer in
            UTF8Validation.firstInvalid(UnsafeBufferPointer(rebasing: buffer[window.start..<(window.start + length)]))
        }.map { window.offset(of: window.start + $0) }
    }

    /// Up to 400 bytes from `window.start`, as text, for an excerpt.
    func excerpt(length: Int) -> String {
        String(decoding: window.buffer[window.start..<(window.start + min(length, 400))], as: UTF8.self)
    }
}
