import VoxModel

/// JSON exports, streamed: a top-level array of objects, an array under a path
/// (`records: data.items`), or JSON Lines (one object a line). Arrays are read element by
/// element, so a 2 GB export never sits in memory whole; objects met on the way to `records:`
/// that are not on the path are skipped without being kept.
///
/// A malformed JSON Lines line is rejected with its line number and the rest goes on. A
/// malformed array stops the file with an error that gives the byte offset (records before it
/// stand). A record nested deeper than `max_depth`, or longer than `max_record_bytes`, is
/// rejected and reading goes on.
public struct JSONReader: FeedbackReader {
    public var options: JSONOptions

    public init(options: JSONOptions = JSONOptions()) {
        self.options = options
    }

    public func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        let source = try ByteSource(path: file, displayPath: displayPath)
        var stream = JSONStream(window: try ByteWindow(source: source, encoding: options.encoding), displayPath: displayPath)
        try stream.skipWhitespace()
        guard let first = try stream.peek() else { return } // an empty file holds no records
        if first == UInt8(ascii: "{"), options.records == nil {
            try readLines(&stream, handle: handle)
            return
        }
        if let path = options.records { try navigate(to: path, &stream) }
        try stream.expect(UInt8(ascii: "["), options.records.map { "an array of records at `records: \($0)`" } ?? "an array of records or JSON Lines")
        try readArray(&stream, handle: handle)
    }

    /// Moves the stream to the value at `path` (keys and indices), skipping everything else.
    private func navigate(to path: FieldPath, _ stream: inout JSONStream) throws {
        for component in path.components {
            switch component {
            case .key(let key):
                try stream.expect(UInt8(ascii: "{"), "an object holding `\(key)` (records: \(path))")
                var found = false
                while !found {
                    try stream.skipWhitespace()
                    if try stream.peek() == UInt8(ascii: "}") {
                        throw IngestError(location: InputLocation(file: stream.displayPath, line: stream.line, byteOffset: stream.offset),
                                          message: "no key `\(key)` on the way to `records: \(path)`; check the path against the export",
                                          kind: .malformed)
                    }
                    let name = try parseKey(&stream)
                    try stream.expect(UInt8(ascii: ":"), "':' after a key")
                    try stream.skipWhitespace()
                    if name == key {
                        found = true
                    } else {
                        _ = try stream.frame(keep: false, limit: .max)
                        try stream.skipWhitespace()
                        if try stream.peek() == UInt8(ascii: ",") { stream.window.start += 1 }
                    }
                }
            case .index(let position):
                try stream.expect(UInt8(ascii: "["), "an array (records: \(path))")
                for _ in 0..<position {
                    try stream.skipWhitespace()
                    _ = try stream.frame(keep: false, limit: .max)
                    try stream.expect(UInt8(ascii: ","), "element [\(position)] of an array (records: \(path))")
                }
            }
        }
        try stream.skipWhitespace()
    }

    private func parseKey(_ stream: inout JSONStream) throws -> String {
        guard try stream.peek() == UInt8(ascii: "\"") else { throw stream.error("expected a string key") }
        guard case .value(let length, let lines, _) = try stream.frame(keep: true, limit: options.maxRecordBytes) else {
            throw stream.error("object key longer than max_record_bytes")
        }
        let start = stream.window.start
        let key: String = try stream.window.buffer.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, start: start, end: start + length, maxDepth: 1)
            do throws(JSONParser.Failure) { return try parser.parseString() } catch {
                throw stream.error(error.message, at: stream.window.offset(of: error.offset))
            }
        }
        stream.window.start += length
        stream.line += lines
        return key
    }

    private func readArray(_ stream: inout JSONStream, handle: (ReaderEvent) throws -> Void) throws {
        var ordinal = 0
        let file = stream.displayPath
        try stream.skipWhitespace()
        if try stream.peek() == UInt8(ascii: "]") { return }
        while true {
            try stream.skipWhitespace()
            let offset = stream.offset
            let line = stream.line
            let location = { (record: Int) in InputLocation(file: file, line: line, byteOffset: offset, record: record) }
            switch try stream.frame(keep: true, limit: options.maxRecordBytes) {
            case .tooLarge(_, let excerpt):
                ordinal += 1
                try handle(.reject(ReaderReject(
                    location: location(ordinal), reason: "record_too_large",
                    message: "record is longer than max_record_bytes (\(options.maxRecordBytes) bytes); it was skipped", excerpt: excerpt
                )))
            case .value(let length, let lines, let nonASCII):
                let outcome = parse(stream, length: length, mayHaveNonASCII: nonASCII)
                if case .syntax(let failure) = outcome {
                    // Inside an array a syntax error leaves no safe place to resume.
                    throw stream.error(failure.message, at: stream.window.offset(of: failure.offset), line: line + failure.line - 1)
                }
                try deliver(outcome, stream: stream, length: length, ordinal: &ordinal, location: location, handle: handle)
                stream.window.start += length
                stream.line += lines
            }
            try stream.skipWhitespace()
            guard let next = try stream.peek() else { throw stream.error("unexpected end of file: the array of records is not closed") }
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else {
                throw stream.error("expected ',' or ']' after record \(ordinal), found '\(JSONParser.describe(next))'")
            }
            stream.window.start += 1
        }
    }

    private func readLines(_ stream: inout JSONStream, handle: (ReaderEvent) throws -> Void) throws {
        var ordinal = 0
        let file = stream.displayPath
        while true {
            let line = stream.line
            let offset = stream.offset
            switch try stream.nextLine(limit: options.maxRecordBytes) {
            case .endOfFile:
                return
            case .tooLarge(let excerpt):
                stream.line += 1
                ordinal += 1
                try handle(.reject(ReaderReject(
                    location: InputLocation(file: file, line: line, byteOffset: offset, record: ordinal), reason: "record_too_large",
                    message: "line is longer than max_record_bytes (\(options.maxRecordBytes) bytes); it was skipped", excerpt: excerpt
                )))
            case .line(let length, let terminator):
                defer {
                    stream.window.start += length + terminator
                    stream.line += 1
                }
                let start = stream.window.start
                if stream.window.buffer[start..<(start + length)].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let location = { (record: Int) in InputLocation(file: file, line: line, record: record) }
                let outcome = parse(stream, length: length, mayHaveNonASCII: true)
                if case .syntax(let failure) = outcome {
                    // A pretty-printed document read as JSON Lines fails on its first line: say why.
                    let hint = ordinal == 0 && options.records == nil
                        ? "; if the file is one JSON document rather than JSON Lines, set `records:` to the path of its array" : ""
                    ordinal += 1
                    try handle(.reject(ReaderReject(
                        location: InputLocation(file: file, line: line, column: failure.offset - start + 1,
                                                byteOffset: stream.window.offset(of: failure.offset), record: ordinal),
                        reason: "malformed_json", message: "malformed JSON line: \(failure.message)\(hint)",
                        excerpt: stream.excerpt(length: length)
                    )))
                    continue
                }
                try deliver(outcome, stream: stream, length: length, ordinal: &ordinal, location: location, handle: handle)
            }
        }
    }

    enum ParseOutcome {
        case value(FieldValue, invalidUTF8At: Int?)
        case tooDeep
        case syntax(JSONParser.Failure)
    }

    /// Parses the `length` bytes at the window's start as one value.
    private func parse(_ stream: JSONStream, length: Int, mayHaveNonASCII: Bool) -> ParseOutcome {
        let start = stream.window.start
        let parsed: Result<(FieldValue, Bool), JSONParser.Failure> = stream.window.buffer.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, start: start, end: start + length, maxDepth: options.maxDepth)
            do throws(JSONParser.Failure) {
                let value = try parser.parseValue()
                parser.skipWhitespace()
                guard parser.atEnd else { return .failure(parser.fail("trailing characters after the value")) }
                return .success((value, parser.nonASCII >= 0x80))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .failure(let failure): return failure.tooDeep ? .tooDeep : .syntax(failure)
        case .success(let (value, nonASCII)):
            return .value(value, invalidUTF8At: nonASCII && mayHaveNonASCII ? stream.firstInvalidUTF8(length: length) : nil)
        }
    }

    /// Hands a parsed record over, or rejects it for depth or invalid text.
    private func deliver(
        _ outcome: ParseOutcome, stream: JSONStream, length: Int, ordinal: inout Int, location: (Int) -> InputLocation,
        handle: (ReaderEvent) throws -> Void
    ) throws {
        switch outcome {
        case .syntax:
            return
        case .tooDeep:
            ordinal += 1
            try handle(.reject(ReaderReject(
                location: location(ordinal), reason: "too_deep",
                message: "record is nested deeper than max_depth (\(options.maxDepth) levels)", excerpt: stream.excerpt(length: length)
            )))
        case .value(let value, let bad):
            if let bad, options.onInvalidText == .reject {
                ordinal += 1
                try handle(.reject(ReaderReject(
                    location: location(ordinal), reason: "invalid_text",
                    message: "invalid UTF-8 at byte offset \(bad); set `encoding:` if the export is not UTF-8, or `on_invalid_text: replace`",
                    excerpt: stream.excerpt(length: length)
                )))
                return
            }
            try emit(value, invalid: bad != nil, ordinal: &ordinal, location: location, handle: handle)
        }
    }

    /// Hands over one record, or with `explode`, one record per element of its nested array.
    private func emit(
        _ item: FieldValue, invalid: Bool, ordinal: inout Int, location: (Int) -> InputLocation, handle: (ReaderEvent) throws -> Void
    ) throws {
        guard let explode = options.explode else {
            ordinal += 1
            try handle(.record(TreeRecord(value: item, hasInvalidText: invalid), location(ordinal)))
            return
        }
        guard case .array(let children)? = explode.resolve(in: item) else {
            ordinal += 1
            try handle(.reject(ReaderReject(
                location: location(ordinal), reason: "missing_explode",
                message: "record has no array at `explode: \(explode)`", excerpt: JSONText.render(item)
            )))
            return
        }
        for child in children {
            ordinal += 1
            try handle(.record(TreeRecord(value: child, parent: item, hasInvalidText: invalid), location(ordinal)))
        }
    }
}
