import Foundation
import VoxModel

/// JSON exports: a top-level array of objects, an array under a path (`records: data.items`), or
/// JSON Lines (one object a line). A malformed JSON Lines line is rejected and the rest goes on;
/// a malformed array stops the file with an error giving the byte offset (records before it stand).
public struct JSONReader: FeedbackReader {
    public var options: JSONOptions

    public init(options: JSONOptions = JSONOptions()) {
        self.options = options
    }

    public func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw IngestError(location: InputLocation(file: displayPath), message: "cannot read file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var probe = JSONParser(bytes: bytes, maxDepth: options.maxDepth)
        probe.skipWhitespace()
        if probe.current == UInt8(ascii: "{"), options.records == nil {
            try readLines(bytes, displayPath: displayPath, handle: handle)
        } else {
            try readDocument(bytes, displayPath: displayPath, handle: handle)
        }
    }

    private func readDocument(_ bytes: [UInt8], displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        var parser = JSONParser(bytes: bytes, maxDepth: options.maxDepth)
        let document: FieldValue
        do {
            document = try parser.parseValue()
        } catch {
            throw IngestError(
                location: InputLocation(file: displayPath, line: error.line, byteOffset: error.offset),
                message: "malformed JSON: \(error.message)"
            )
        }
        let container = options.records.map { $0.resolve(in: document) } ?? document
        guard case .array(let items)? = container else {
            let what = options.records.map { "`records: \($0)`" } ?? "the top level"
            throw IngestError(location: InputLocation(file: displayPath), message: "expected an array of records at \(what)")
        }
        var ordinal = 0
        for item in items {
            try emit(item, ordinal: &ordinal, location: { InputLocation(file: displayPath, record: $0) }, handle: handle)
        }
    }

    private func readLines(_ bytes: [UInt8], displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        var lineStart = 0
        var lineNumber = 0
        var ordinal = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            let slice = Array(bytes[lineStart..<lineEnd])
            let offset = lineStart
            lineStart = lineEnd + 1
            var parser = JSONParser(bytes: slice, maxDepth: options.maxDepth)
            parser.skipWhitespace()
            if parser.atEnd { continue }
            let number = lineNumber
            do {
                let value = try parser.parseValue()
                parser.skipWhitespace()
                guard parser.atEnd else { throw parser.fail("trailing characters after the value") }
                try emit(value, ordinal: &ordinal, location: { InputLocation(file: displayPath, line: number, record: $0) }, handle: handle)
            } catch let failure as JSONParser.Failure {
                ordinal += 1
                try handle(.reject(ReaderReject(
                    location: InputLocation(file: displayPath, line: number, column: failure.offset + 1, byteOffset: offset + failure.offset),
                    reason: "malformed_json", message: "malformed JSON line: \(failure.message)",
                    excerpt: String(decoding: slice.prefix(400), as: UTF8.self)
                )))
            }
        }
    }

    /// Hands over one record, or with `explode`, one record per element of its nested array.
    private func emit(
        _ item: FieldValue, ordinal: inout Int, location: (Int) -> InputLocation, handle: (ReaderEvent) throws -> Void
    ) throws {
        guard let explode = options.explode else {
            ordinal += 1
            try handle(.record(TreeRecord(value: item), location(ordinal)))
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
            try handle(.record(TreeRecord(value: child, parent: item), location(ordinal)))
        }
    }
}
