import Foundation
import Testing
import VoxModel
@testable import VoxIngest

/// Each case reads a small fixture from `Fixtures/ingest/json/`.
@Suite("JSON reader")
struct JSONReaderTests {
    func json(records: String? = nil, explode: String? = nil, maxRecordBytes: Int = JSONOptions.defaultMaxRecordBytes,
              onInvalidText: InvalidTextPolicy = .replace) -> JSONReader {
        JSONReader(options: JSONOptions(
            records: records.map(FieldPath.init), explode: explode.map(FieldPath.init), maxRecordBytes: maxRecordBytes, onInvalidText: onInvalidText
        ))
    }

    @Test("a top-level array: field paths with dots and indices; records carry line and byte offset")
    func topLevelArray() {
        let run = ReaderRun(fixture: "json/array.json", json())
        #expect(run.error == nil)
        #expect(run.texts("text") == ["first", "second"])
        #expect(run.texts("customer.name") == ["Ann", "Bo"])
        #expect(run.texts("tags[1]") == ["b", nil])
        #expect(run.lines == [2, 3])
        #expect(run.records.map(\.location.byteOffset) == [4, 83])
    }

    @Test("records: data.items skips the objects on the way, brackets inside strings included")
    func recordsPath() {
        let run = ReaderRun(fixture: "json/records-path.json", json(records: "data.items"))
        #expect(run.error == nil)
        #expect(run.texts("body") == ["from the path", "second from the path"])
        #expect(run.lines == [7, 8])
    }

    @Test("records: a path with an index")
    func recordsIndex() {
        #expect(ReaderRun(fixture: "json/records-index.json", json(records: "pages[1].items")).texts("t") == ["page two, a", "page two, b"])
    }

    @Test("records: a path that is not in the file is an error naming the missing key")
    func recordsMissing() {
        let run = ReaderRun(fixture: "json/records-missing.json", json(records: "data.items"))
        #expect(run.error?.message.contains("no key `items`") == true)
        #expect(run.records.isEmpty)
        let notArray = ReaderRun(fixture: "json/records-missing.json", json(records: "data"))
        #expect(notArray.error?.message.contains("expected an array of records at `records: data`, found '{'") == true)
        #expect(notArray.error?.location.byteOffset == 9)
    }

    @Test("explode: each comment is a record that reaches its ticket's fields through parent.")
    func explode() {
        let run = ReaderRun(fixture: "json/helpdesk-explode.json", json(records: "tickets", explode: "comments"))
        #expect(run.texts("body") == ["I was charged twice", "Sorry about that, refunded", "Where is my parcel?"])
        #expect(run.texts("parent.id") == ["T1", "T1", "T2"])
        #expect(run.texts("inbound") == ["true", "false", "true"])
        #expect(run.rejects.map(\.reason) == ["missing_explode"])
        // Ticket tags become a segment through the mapper (`billing, urgent`).
        let mapper = RecordMapper(source: "helpdesk", mapping: FieldMapping(
            id: FieldPath("id"), text: [FieldPath("body")],
            role: RoleField(path: FieldPath("inbound"), values: ["true": .customer, "false": .agent]),
            conversation: FieldPath("parent.id"), segments: [NamedField(name: "tags", path: FieldPath("parent.tags"))]
        ))
        let first = try? mapper.map(run.records[0].record, location: run.records[0].location, fileKey: "h", ordinal: 1).get()
        #expect(first?.segment("tags") == "billing, urgent")
        #expect(first?.conversation == "T1")
        let reply = try? mapper.map(run.records[1].record, location: run.records[1].location, fileKey: "h", ordinal: 2).get()
        #expect(reply?.role == .agent)
    }

    @Test("JSON Lines: CRLF, blank lines; a malformed line and trailing text are rejected with line and column")
    func lines() {
        let run = ReaderRun(fixture: "json/lines.jsonl", json())
        #expect(run.texts("t") == ["one", "three", "five"])
        #expect(run.texts("n.deep[1].x") == [nil, "y", nil])
        #expect(run.lines == [1, 5, 7])
        #expect(run.rejects.map(\.reason) == ["malformed_json", "malformed_json"])
        #expect(run.rejects.map(\.location.line) == [2, 6])
        #expect(run.rejects.first?.location.column == 7)
        #expect(run.rejects.last?.message.contains("trailing characters") == true)
    }

    @Test("a pretty-printed document read as JSON Lines says to set records:")
    func prettyDocumentHint() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("{\n  \"items\": [{\"t\": \"a\"}]\n}\n", to: directory.appendingPathComponent("doc.json"))
        let run = ReaderRun(path: directory.appendingPathComponent("doc.json").path, display: "doc.json", json())
        #expect(run.rejects.first?.message.contains("set `records:`") == true)
        #expect(run.rejects.dropFirst().allSatisfy { !$0.message.contains("records:") })
    }

    @Test("a malformed array stops the file at the byte offset; earlier records stand")
    func malformedArray() {
        let run = ReaderRun(fixture: "json/malformed-array.json", json())
        #expect(run.texts("t") == ["a", "b"])
        #expect(run.error?.location.byteOffset == 33)
        #expect(run.error?.location.line == 3)
        #expect(run.error?.message.hasPrefix("malformed JSON") == true)
    }

    @Test("a truncated array and a missing comma stop the file with a clear error")
    func truncatedArray() {
        let truncated = ReaderRun(fixture: "json/truncated-array.json", json())
        #expect(truncated.texts("t") == ["a", "b"])
        #expect(truncated.error?.message.contains("end of file") == true)
        let comma = ReaderRun(fixture: "json/missing-comma.json", json())
        #expect(comma.texts("t") == ["a"])
        #expect(comma.error?.message.contains("expected ',' or ']' after record 1") == true)
        #expect(comma.error?.location.byteOffset == 12)
    }

    @Test("invalid UTF-8 in strings: replaced and flagged, or rejected with its byte offset")
    func invalidText() {
        let replaced = ReaderRun(fixture: "json/invalid-utf8.jsonl", json())
        #expect(replaced.texts("t") == ["café", "bad \u{FFFD}\u{FFFD} here", "ok"])
        #expect(replaced.records.map(\.record.hasInvalidText) == [false, true, false])
        let rejected = ReaderRun(fixture: "json/invalid-utf8.jsonl", json(onInvalidText: .reject))
        #expect(rejected.texts("t") == ["café", "ok"])
        #expect(rejected.rejects.map(\.reason) == ["invalid_text"])
        #expect(rejected.rejects.first?.message.contains("byte offset 26") == true)
    }

    @Test("escapes: \\t, \\u, surrogate pairs; a lone surrogate becomes U+FFFD")
    func escapes() {
        #expect(ReaderRun(fixture: "json/escapes.json", json()).texts("t") == ["tab\there é 😀 \"q\" \\ /", "lone \u{FFFD} surrogate"])
    }

    @Test("an empty file and an empty array hold no records and no error")
    func empty() {
        for fixture in ["json/empty.json", "json/empty-array.json"] {
            let run = ReaderRun(fixture: fixture, json())
            #expect(run.records.isEmpty && run.rejects.isEmpty && run.error == nil)
        }
    }

    @Test("a record over max_record_bytes is rejected and skipped, in arrays and in JSON Lines")
    func recordTooLarge() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "x", count: 3 << 20) // several reads long
        try TestSupport.write("[{\"t\": \"a\"}, {\"t\": \"\(long)\"}, {\"t\": \"c\"}]", to: directory.appendingPathComponent("big.json"))
        try TestSupport.write("{\"t\": \"a\"}\n{\"t\": \"\(long)\"}\n{\"t\": \"c\"}\n", to: directory.appendingPathComponent("big.jsonl"))
        for name in ["big.json", "big.jsonl"] {
            let run = ReaderRun(path: directory.appendingPathComponent(name).path, display: name, json(maxRecordBytes: 1 << 20))
            #expect(run.texts("t") == ["a", "c"], "\(name)")
            #expect(run.rejects.map(\.reason) == ["record_too_large"], "\(name)")
            #expect(run.rejects.first?.excerpt.hasPrefix("{\"t\": \"xxxx") == true, "\(name)")
        }
    }

    @Test("gzip JSON Lines are read transparently")
    func gzip() {
        #expect(ReaderRun(fixture: "json/lines.jsonl.gz", json()).texts("t") == ["zipped one", "zipped two"])
    }

    @Test("a streamed array much larger than one read keeps every record in order")
    func largeArray() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("large.json")
        let count = 40_000
        var text = "{\"skip\": [\(String(repeating: "\"]\",", count: 1000))0], \"items\": [\n"
        text += (0..<count).map { "{\"i\": \($0), \"t\": \"record \\\"\($0)\\\" ]}\"}" }.joined(separator: ",\n")
        text += "\n]}"
        try TestSupport.write(text, to: file)
        let run = ReaderRun(path: file.path, display: "large.json", json(records: "items"))
        #expect(run.error == nil)
        #expect(run.records.count == count)
        let inOrder = run.texts("i") == (0..<count).map { String($0) }
        #expect(inOrder)
        #expect(run.lines.last == count + 1)
    }
}
