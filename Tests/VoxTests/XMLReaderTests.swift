import Foundation
import Testing
import VoxModel
@testable import VoxIngest

/// Each case reads a small fixture from `Fixtures/ingest/xml/`.
@Suite("XML reader")
struct XMLReaderTests {
    func xml(_ record: String, maxRecordBytes: Int = JSONOptions.defaultMaxRecordBytes) -> XMLReader {
        XMLReader(options: XMLOptions(record: record, maxRecordBytes: maxRecordBytes))
    }

    @Test("namespaces: local names match without prefixes; prefixed children answer by both names")
    func namespaces() {
        let run = ReaderRun(fixture: "xml/namespaced.xml", xml("entry"))
        #expect(run.error == nil)
        #expect(run.texts("id") == ["r1", "r2"])
        #expect(run.texts("rating") == ["2", "5"])
        #expect(run.texts("im:rating") == ["2", "5"])
        #expect(run.texts("content") == ["Crashes on start & loses my basket", "Great <b>app</b>"])
        #expect(run.texts("content/@type") == ["text", "text"])
        #expect(run.texts("author/name") == ["Ann", "Bo"])
        #expect(run.lines == [3, 9])
        #expect(ReaderRun(fixture: "xml/namespaced.xml", xml("feed/entry")).records.count == 2)
    }

    @Test("a record name with a prefix matches only that prefix")
    func prefixedRecord() {
        #expect(ReaderRun(fixture: "xml/prefixed-record.xml", xml("a:entry")).texts("@id") == ["1", "3"])
        #expect(ReaderRun(fixture: "xml/prefixed-record.xml", xml("entry")).texts("@id") == ["1", "2", "3"])
    }

    @Test("attributes, repeated children as arrays, text beside children as #text")
    func shapes() {
        let run = ReaderRun(fixture: "xml/attributes-and-repeats.xml", xml("review"))
        #expect(run.texts("@id") == ["r1"])
        #expect(run.texts("@xml:lang") == ["en"])
        #expect(run.texts("tag[1]") == ["b"])
        #expect(run.texts("#text") == ["mixed tail"])
    }

    @Test("an error right after a record, in the same chunk, keeps that record; the error names line and column")
    func errorAfterRecord() {
        let run = ReaderRun(fixture: "xml/error-after-record.xml", xml("review"))
        #expect(run.texts("t") == ["a", "b"])
        #expect(run.error?.location.line == 1)
        #expect(run.error?.location.column == 61) // just after `</oops>`
        #expect(run.error?.message.hasPrefix("malformed XML") == true)
    }

    @Test("an error inside a record keeps the records before it, not the broken one")
    func errorInsideRecord() {
        let run = ReaderRun(fixture: "xml/error-inside-record.xml", xml("review"))
        #expect(run.texts("t") == ["a"])
        #expect(run.error?.location.line == 4)
    }

    @Test("billion laughs, XXE and parameter-entity XXE are refused at the declaration, before any record")
    func entityAttacks() {
        for fixture in ["xml/billion-laughs.xml", "xml/xxe.xml", "xml/xxe-parameter.xml"] {
            let run = ReaderRun(fixture: fixture, xml("review"))
            #expect(run.records.isEmpty, "\(fixture)")
            #expect(run.error?.message.contains("declares entities") == true, "\(fixture)")
        }
    }

    @Test("an external DTD is never fetched; the document is read")
    func externalDTD() {
        let run = ReaderRun(fixture: "xml/external-dtd.xml", xml("review"))
        #expect(run.error == nil)
        #expect(run.texts("t") == ["kept, the DTD is never fetched"])
    }

    @Test("an undeclared entity is a malformed document at its line; earlier records stand")
    func undeclaredEntity() {
        let run = ReaderRun(fixture: "xml/undeclared-entity.xml", xml("review"))
        #expect(run.texts("t") == ["ok"])
        #expect(run.error?.location.line == 3)
        #expect(run.error?.message.contains("eacute") == true)
    }

    @Test("the encoding the XML declaration names is honoured; gzip is read transparently")
    func encodingAndGzip() {
        #expect(ReaderRun(fixture: "xml/latin1.xml", xml("review")).texts("t") == ["café"])
        #expect(ReaderRun(fixture: "xml/reviews.xml.gz", xml("review")).texts("t") == ["zipped"])
    }

    @Test("a record over max_record_bytes is rejected and the next one read")
    func recordTooLarge() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.xml")
        let long = String(repeating: "y", count: 200_000)
        try TestSupport.write("<r><review><t>a</t></review><review><t>\(long)</t></review><review><t>c</t></review></r>", to: file)
        let run = ReaderRun(path: file.path, display: "big.xml", xml("review", maxRecordBytes: 100_000))
        #expect(run.texts("t") == ["a", "c"])
        #expect(run.rejects.map(\.reason) == ["record_too_large"])
    }

    @Test("nesting deeper than libxml2's limit is a malformed document, not a crash")
    func deepNesting() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("deep.xml")
        try TestSupport.write("<r><review><t>a</t></review>" + String(repeating: "<d>", count: 100_000) + "</r>", to: file)
        let run = ReaderRun(path: file.path, display: "deep.xml", xml("review"))
        #expect(run.texts("t") == ["a"])
        #expect(run.error?.message.hasPrefix("malformed XML") == true)
    }

    @Test("text that cannot be decoded in the document's encoding is a malformed document with a line, not noise on stderr")
    func undecodable() {
        let run = ReaderRun(fixture: "xml/bad-utf16.xml", xml("review"))
        #expect(run.records.isEmpty)
        #expect(run.error?.location.line == 1)
        #expect(run.error?.message.contains("input conversion failed") == true)
    }
}
