import Foundation
import Testing
import VoxModel
@testable import VoxIngest

@Suite("Readers and field mapping")
struct IngestTests {
    /// Reads `text` as a file of the given reader, returning records and rejects in order.
    static func read(_ text: String, name: String, reader: some FeedbackReader) throws -> (records: [(any RawRecord, InputLocation)], rejects: [ReaderReject]) {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try TestSupport.write(text, to: file)
        var records: [(any RawRecord, InputLocation)] = []
        var rejects: [ReaderReject] = []
        try reader.read(file: file.path, displayPath: name) { event in
            switch event {
            case .record(let record, let location): records.append((record, location))
            case .reject(let reject): rejects.append(reject)
            }
        }
        return (records, rejects)
    }

    static func text(_ record: any RawRecord, _ path: String) -> String? {
        record.value(at: FieldPath(path))?.text
    }

    @Test("CSV: quoted delimiters, doubled quotes and line breaks; CRLF; BOM; line numbers")
    func csvQuoting() throws {
        let csv = "\u{FEFF}id,comment\r\n1,\"a, b\"\r\n2,\"she said \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,plain\r\n"
        let (records, rejects) = try Self.read(csv, name: "s.csv", reader: CSVReader())
        #expect(rejects.isEmpty)
        #expect(records.map { Self.text($0.0, "comment") } == ["a, b", "she said \"hi\"", "two\nlines", "plain"])
        #expect(records.map { Self.text($0.0, "id") } == ["1", "2", "3", "4"])
        #expect(records.map(\.1.line) == [2, 3, 4, 6])
    }

    @Test("CSV: a short row and an unterminated quote are rejected with their lines; later rows survive")
    func csvRejects() throws {
        let csv = "id,comment\n1,ok\n2\n3,\"never closed\n4,fine\n"
        let (records, rejects) = try Self.read(csv, name: "s.csv", reader: CSVReader())
        #expect(rejects.map(\.reason) == ["field_count", "unterminated_quote"])
        #expect(rejects.map(\.location.line) == [3, 4])
        #expect(records.map { Self.text($0.0, "id") } == ["1", "4"])
    }

    @Test("CSV without a header names columns by position")
    func csvNoHeader() throws {
        let (records, _) = try Self.read("a;first\nb;second\n", name: "s.csv", reader: CSVReader(options: CSVOptions(delimiter: UInt8(ascii: ";"), header: false)))
        #expect(records.map { Self.text($0.0, "2") } == ["first", "second"])
    }

    @Test("JSON: records under a path, exploded comments reach their ticket through parent.")
    func jsonExplode() throws {
        let json = """
            {"data": {"items": [
              {"id": "T1", "channel": "chat", "comments": [{"id": "c1", "body": "hello"}, {"id": "c2", "body": "hi"}]},
              {"id": "T2", "channel": "email", "comments": [{"id": "c3", "body": "bye", "tags": ["x", "y"]}]}
            ]}}
            """
        let reader = JSONReader(options: JSONOptions(records: FieldPath("data.items"), explode: FieldPath("comments")))
        let (records, rejects) = try Self.read(json, name: "t.json", reader: reader)
        #expect(rejects.isEmpty)
        #expect(records.map { Self.text($0.0, "body") } == ["hello", "hi", "bye"])
        #expect(records.map { Self.text($0.0, "parent.id") } == ["T1", "T1", "T2"])
        #expect(records.map { Self.text($0.0, "parent.channel") } == ["chat", "chat", "email"])
        #expect(Self.text(records[2].0, "tags[1]") == "y")
    }

    @Test("JSON Lines: a malformed line is rejected with its line number and the rest goes on")
    func jsonLines() throws {
        let jsonl = "{\"t\": \"one\"}\n{\"t\": broken}\n\n{\"t\": \"three\"}\n"
        let (records, rejects) = try Self.read(jsonl, name: "t.jsonl", reader: JSONReader())
        #expect(records.map { Self.text($0.0, "t") } == ["one", "three"])
        #expect(rejects.count == 1)
        #expect(rejects.first?.location.line == 2)
        #expect(rejects.first?.reason == "malformed_json")
    }

    @Test("JSON: a malformed array stops the file with the byte offset")
    func jsonMalformedArray() throws {
        #expect {
            _ = try Self.read("[{\"t\": \"a\"}, {\"t\": }]", name: "t.json", reader: JSONReader())
        } throws: { error in
            guard let error = error as? IngestError else { return false }
            return error.location.byteOffset == 19 && error.message.contains("malformed JSON")
        }
    }

    @Test("JSON: a record nested deeper than max_depth is rejected, not a stack overflow, and the next record is read")
    func jsonDepth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (records, rejects) = try Self.read("[" + deep + ", {\"t\": \"after\"}]", name: "deep.json", reader: JSONReader())
        #expect(rejects.map(\.reason) == ["too_deep"])
        #expect(rejects.first?.location.record == 1)
        #expect(records.map { Self.text($0.0, "t") } == ["after"])
    }

    @Test("XML: default namespace, attributes, nested children, CDATA, repeated children")
    func xmlRecords() throws {
        let xml = """
            <?xml version="1.0"?>
            <export xmlns="urn:x">
              <reviews>
                <review id="r1"><title>Nice &amp; fast</title><body><![CDATA[Loved <it>]]></body><author><name>ann</name></author></review>
                <review id="r2"><title>Meh</title><body>ok</body><tag>a</tag><tag>b</tag></review>
              </reviews>
            </export>
            """
        let (records, _) = try Self.read(xml, name: "r.xml", reader: XMLReader(options: XMLOptions(record: "reviews/review")))
        #expect(records.count == 2)
        #expect(records.map { Self.text($0.0, "@id") } == ["r1", "r2"])
        #expect(Self.text(records[0].0, "title") == "Nice & fast")
        #expect(Self.text(records[0].0, "body") == "Loved <it>")
        #expect(Self.text(records[0].0, "author/name") == "ann")
        #expect(Self.text(records[1].0, "tag[1]") == "b")
        #expect(records.map(\.1.line) == [4, 5])
    }

    @Test("XML: a malformed document keeps earlier records and names line and column")
    func xmlMalformed() throws {
        // The error comes several read chunks after the record (XMLReaderTests covers an error in
        // the same chunk); the line count must survive the gap.
        let padding = String(repeating: "<!-- padding -->\n", count: 400)
        let xml = "<r>\n<review><t>a</t></review>\n" + padding + "<review><t>b</t></oops>\n</r>\n"
        var seen: [String] = []
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.xml")
        try TestSupport.write(xml, to: file)
        #expect {
            try XMLReader(options: XMLOptions(record: "review")).read(file: file.path, displayPath: "bad.xml") { event in
                if case .record(let record, _) = event { seen.append(Self.text(record, "t") ?? "") }
            }
        } throws: { error in
            guard let error = error as? IngestError else { return false }
            return error.location.line == 403 && error.location.column != nil && error.message.hasPrefix("malformed XML")
        }
        #expect(seen == ["a"])
    }

    @Test("XML: a DTD declaring entities is refused and nothing is expanded")
    func xmlEntities() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
            <r><review><t>&lol2;</t></review></r>
            """
        #expect {
            _ = try Self.read(xml, name: "x.xml", reader: XMLReader(options: XMLOptions(record: "review")))
        } throws: { error in
            (error as? IngestError)?.message.contains("declares entities") == true
        }
    }

    @Test("a record's segments are sorted by name, whether they come sorted (as a mapper gives them) or not")
    func segmentsSortedByName() {
        let location = InputLocation(file: "f", line: 1)
        let sorted = [Segment(name: "product", value: "App"), Segment(name: "region", value: "EU")]
        #expect(FeedbackRecord(id: "1", source: "s", text: "t", segments: sorted, location: location).segments == sorted)
        #expect(FeedbackRecord(id: "1", source: "s", text: "t", segments: sorted.reversed(), location: location).segments == sorted)
        let three = [Segment(name: "tier", value: "gold"), Segment(name: "channel", value: "mail"), Segment(name: "region", value: "EU")]
        #expect(FeedbackRecord(id: "1", source: "s", text: "t", segments: three, location: location).segments.map(\.name) == ["channel", "region", "tier"])
    }

    @Test("mapping: ids, joined text, times, ratings, roles, segments; failures have reasons")
    func mapping() throws {
        let mapping = FieldMapping(
            id: FieldPath("id"), text: [FieldPath("title"), FieldPath("body")],
            time: TimeField(path: FieldPath("at")), rating: RatingField(path: FieldPath("stars"), scale: .stars),
            role: RoleField(path: FieldPath("inbound"), values: ["true": .customer, "false": .agent]),
            conversation: FieldPath("ticket"), author: FieldPath("who"),
            segments: [NamedField(name: "region", path: FieldPath("region"))]
        )
        let mapper = RecordMapper(source: "s", mapping: mapping)
        let location = InputLocation(file: "f", line: 1)
        let good = TreeRecord(value: .object([
            "id": .number("7"), "title": .string("Late"), "body": .string(" again "), "at": .string("2025-12-03T10:00:00+01:00"),
            "stars": .number("2"), "inbound": .bool(false), "ticket": .string("T1"), "who": .string("Ann"), "region": .string("EU"),
        ]))
        let record = try mapper.map(good, location: location, fileKey: "f", ordinal: 1).get()
        #expect(record.id == "7")
        #expect(record.text == "Late\n\nagain")
        #expect(record.time == Date(timeIntervalSince1970: 1_764_752_400))
        #expect(record.rating == Rating(value: 2, scale: .stars))
        #expect(record.role == .agent)
        #expect(record.conversation == "T1")
        #expect(record.author == "Ann")
        #expect(record.segment("region") == "EU")

        func reason(_ members: [String: FieldValue]) -> String? {
            var base: [String: FieldValue] = ["id": .string("1"), "title": .string("t"), "inbound": .bool(true)]
            base.merge(members) { $1 }
            if case .failure(let failure) = mapper.map(TreeRecord(value: .object(base)), location: location, fileKey: "f", ordinal: 1) {
                return failure.reason
            }
            return nil
        }
        #expect(reason(["title": .string("   "), "body": .null]) == "empty_text")
        #expect(reason(["at": .string("yesterday")]) == "bad_time")
        #expect(reason(["stars": .number("9")]) == "bad_rating")
        #expect(reason(["inbound": .string("maybe")]) == "unknown_role")
        #expect(reason(["id": .string("")]) == "missing_id")
        #expect(reason([:]) == nil)
    }

    @Test("times: ISO-8601 variants, epoch seconds and milliseconds")
    func times() {
        #expect(TimeParser.parse("2025-12-03", format: .auto, defaultOffsetSeconds: 0) == Date(timeIntervalSince1970: 1_764_720_000))
        #expect(TimeParser.parse("2025-12-03T10:00:00Z", format: .auto, defaultOffsetSeconds: 3600) == Date(timeIntervalSince1970: 1_764_756_000))
        #expect(TimeParser.parse("2025-12-03 10:00", format: .auto, defaultOffsetSeconds: 3600) == Date(timeIntervalSince1970: 1_764_752_400))
        #expect(TimeParser.parse("1764756000", format: .auto, defaultOffsetSeconds: 0) == Date(timeIntervalSince1970: 1_764_756_000))
        #expect(TimeParser.parse("1764756000000", format: .auto, defaultOffsetSeconds: 0) == Date(timeIntervalSince1970: 1_764_756_000))
        #expect(TimeParser.parse("2025-02-30", format: .auto, defaultOffsetSeconds: 0) == nil)
        #expect(TimeParser.parse("2025-12-03T25:00", format: .auto, defaultOffsetSeconds: 0) == nil)
    }

    @Test("the ingestor drops duplicate ids and keeps read = accepted + rejected + duplicates")
    func accounting() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestSupport.write("id,comment\n1,a\n2,b\n1,a\n3,\n4\n", to: directory.appendingPathComponent("a.csv"))
        try TestSupport.write("id,comment\n2,b again\n5,e\n", to: directory.appendingPathComponent("b.csv"))
        let definition = SourceDefinition(
            name: "s", format: .csv(CSVOptions()), paths: [directory.path + "/*.csv", directory.path + "/a.csv"],
            fields: FieldMapping(id: FieldPath("id"), text: [FieldPath("comment")])
        )
        var ingestor = SourceIngestor(definition: definition, baseDirectory: directory.path)
        var accepted: [String] = []
        var rejects: [Reject] = []
        try ingestor.run(onRecord: { accepted.append($0.id) }, onReject: { rejects.append($0) })
        #expect(ingestor.stats.files == ["a.csv", "b.csv"])
        #expect(accepted == ["1", "2", "5"])
        #expect(rejects.map(\.reason) == ["empty_text", "field_count"])
        #expect(ingestor.stats.read == 7)
        #expect(ingestor.stats.duplicates == 2)
        #expect(ingestor.stats.reconciles)
    }

    @Test("records whose invalid UTF-8 was replaced are counted in invalidText and still accepted")
    func invalidTextCounted() throws {
        let definition = SourceDefinition(
            name: "s", format: .csv(CSVOptions()), paths: [TestSupport.fixture("ingest/csv/invalid-utf8.csv")],
            fields: FieldMapping(id: FieldPath("id"), text: [FieldPath("comment")])
        )
        var ingestor = SourceIngestor(definition: definition, baseDirectory: TestSupport.fixtures.path)
        var accepted: [String] = []
        try ingestor.run(onRecord: { accepted.append($0.id) }, onReject: { _ in })
        #expect(accepted == ["1", "2", "3", "4", "5"])
        #expect(ingestor.stats.invalidText == 3)
        #expect(ingestor.stats.reconciles)
    }

    @Test("ratings are read as decimals with either separator; anything odd is refused or left to Double")
    func ratingNumbers() {
        #expect(RecordMapper.number("4") == 4)
        #expect(RecordMapper.number("4.5") == 4.5)
        #expect(RecordMapper.number("4,5") == 4.5)
        #expect(RecordMapper.number("-1") == -1)
        #expect(RecordMapper.number("1e1") == 10)
        #expect(RecordMapper.number("4.5.1") == nil)
        #expect(RecordMapper.number("-") == nil)
        #expect(RecordMapper.number("five") == nil)
    }

    @Test("a file that breaks off keeps its earlier records, counts the rest as one reject, and the next file is read")
    func malformedFileThenGoodFile() throws {
        let definition = SourceDefinition(
            name: "s", format: .json(JSONOptions()), paths: [TestSupport.fixture("ingest/glob") + "/*.json"],
            fields: FieldMapping(text: [FieldPath("t")])
        )
        var ingestor = SourceIngestor(definition: definition, baseDirectory: TestSupport.fixtures.path)
        var texts: [String] = []
        var rejects: [Reject] = []
        try ingestor.run(onRecord: { texts.append($0.text) }, onReject: { rejects.append($0) })
        #expect(texts == ["a", "b", "c", "d"])
        #expect(rejects.map(\.reason) == ["malformed_file"])
        #expect(rejects.first?.location.file == "ingest/glob/a-malformed.json")
        #expect(rejects.first?.location.byteOffset == 33)
        #expect(rejects.first?.message.contains("the rest of the file was skipped") == true)
        #expect(ingestor.stats.read == 5 && ingestor.stats.rejected == 1 && ingestor.stats.reconciles)
    }

    @Test("a file that cannot be opened still fails the run")
    func unreadableFile() {
        let definition = SourceDefinition(
            name: "s", format: .csv(CSVOptions()), paths: ["/nonexistent/vox/x.csv"], fields: FieldMapping(text: [FieldPath("t")])
        )
        var ingestor = SourceIngestor(definition: definition, baseDirectory: "/")
        #expect(throws: IngestError.self) { try ingestor.run(onRecord: { _ in }, onReject: { _ in }) }
    }
}
