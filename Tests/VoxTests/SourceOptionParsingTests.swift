import Foundation
import Testing
@testable import VoxIngest
@testable import VoxPipeline

/// The format options of `sources[]` in a pipeline file: every option reaches the reader, and
/// every bad value is reported with the file, line and key path.
@Suite("Source options in pipeline files")
struct SourceOptionParsingTests {
    func parse(_ yaml: String) throws -> PipelineConfig {
        try PipelineParser().parse(yaml, file: "p.yml", baseDirectory: "/data")
    }

    func errors(_ yaml: String) -> [String] { PipelineParserTests().errors(yaml) }

    /// A one-source pipeline whose source has `options` (already indented as source keys).
    func source(_ format: String, _ options: String, fields: String = "{text: t}") -> String {
        "name: x\nsources:\n  - name: s\n    format: \(format)\n    path: s.\(format)\n\(options)\n    fields: \(fields)\n"
    }

    @Test("every CSV option reaches CSVOptions")
    func csvOptions() throws {
        let config = try parse(source("csv", """
                delimiter: auto
                quote: "'"
                escape: "\\\\"
                comment: "#"
                skip_rows: 2
                header: false
                encoding: windows-1252
                on_invalid_text: reject
                max_field_bytes: 4096
            """))
        guard case .csv(let csv) = config.sources[0].format else { Issue.record("expected csv"); return }
        #expect(csv.delimiter == nil)
        #expect(csv.quote == UInt8(ascii: "'"))
        #expect(csv.escape == UInt8(ascii: "\\"))
        #expect(csv.comment == Array("#".utf8))
        #expect(csv.skipRows == 2)
        #expect(csv.header == false)
        #expect(csv.encoding == .windows1252)
        #expect(csv.onInvalidText == .reject)
        #expect(csv.maxFieldBytes == 4096)
    }

    @Test("every JSON and XML option reaches its options")
    func jsonAndXMLOptions() throws {
        let json = try parse(source("json", """
                records: data.items
                max_record_bytes: 65536
                encoding: utf-16le
                on_invalid_text: reject
            """))
        guard case .json(let options) = json.sources[0].format else { Issue.record("expected json"); return }
        #expect(options.records?.raw == "data.items")
        #expect(options.maxRecordBytes == 65536)
        #expect(options.encoding == .utf16LE)
        #expect(options.onInvalidText == .reject)
        let xml = try parse(source("xml", "    record: im:entry\n    max_record_bytes: 2048"))
        guard case .xml(let xmlOptions) = xml.sources[0].format else { Issue.record("expected xml"); return }
        #expect(xmlOptions.recordPath == [XMLName("im:entry")])
        #expect(xmlOptions.maxRecordBytes == 2048)
    }

    @Test("time formats: rfc2822, a pattern, an IANA zone")
    func timeOptions() throws {
        let rfc = try parse(source("csv", "", fields: "{text: t, time: {field: at, format: rfc2822, timezone: Europe/Paris}}"))
        #expect(rfc.sources[0].fields.time?.format == .rfc2822)
        #expect(rfc.sources[0].fields.time?.timeZone?.identifier == "Europe/Paris")
        let pattern = try parse(source("csv", "", fields: "{text: t, time: {field: at, format: \"dd-MM-yyyy HH:mm\", timezone: \"-05:00\"}}"))
        #expect(pattern.sources[0].fields.time?.format == .pattern(try TimePattern("dd-MM-yyyy HH:mm")))
        #expect(pattern.sources[0].fields.time?.defaultOffsetSeconds == -18_000)
    }

    @Test("each bad CSV value is reported at its line with its key path")
    func badCSVValues() {
        let found = errors(source("csv", """
                delimiter: ";;"
                quote: ""
                escape: ab
                comment: ""
                skip_rows: -1
                encoding: ebcdic
                on_invalid_text: ignore
                max_field_bytes: 2
            """))
        #expect(found == [
            "p.yml:6: sources[0].delimiter: expected one character such as `,`, `;`, `|`, `tab`, or `auto` to sniff it",
            "p.yml:7: sources[0].quote: expected one character, such as `\"` or `'`",
            "p.yml:8: sources[0].escape: expected one character, such as `\\`",
            "p.yml:9: sources[0].comment: expected the text comment lines start with, such as `#`",
            "p.yml:10: sources[0].skip_rows: expected a whole number from 0 to 1000000",
            "p.yml:11: sources[0].encoding: unknown encoding `ebcdic`; expected auto, utf-8, utf-16le, utf-16be, latin-1, windows-1252",
            "p.yml:12: sources[0].on_invalid_text: expected `replace` (keep the record, bad bytes become U+FFFD) or `reject`",
            "p.yml:13: sources[0].max_field_bytes: expected a whole number from 16 to 1073741824",
        ])
    }

    @Test("a delimiter equal to the quote is refused")
    func delimiterIsQuote() {
        #expect(errors(source("csv", "    delimiter: \"'\"\n    quote: \"'\"")) == ["p.yml:6: sources[0].delimiter: must differ from `quote` and `escape`"])
    }

    @Test("bad JSON and XML values, and a bad time format or zone, are reported")
    func badOtherValues() {
        #expect(errors(source("json", "    max_record_bytes: 10\n    encoding: klingon")) == [
            "p.yml:6: sources[0].max_record_bytes: expected a whole number from 1024 to 2147483648",
            "p.yml:7: sources[0].encoding: unknown encoding `klingon`; expected auto, utf-8, utf-16le, utf-16be, latin-1, windows-1252",
        ])
        #expect(errors(source("xml", "    record: r\n    max_record_bytes: many")) == [
            "p.yml:7: sources[0].max_record_bytes: expected a whole number from 1024 to 2147483648",
        ])
        let time = errors(source("csv", "", fields: "{text: t, time: {field: at, format: \"dd-MM-yyyy Q\", timezone: Mars/Olympus}}"))
        #expect(time.count == 2)
        #expect(time.first?.hasPrefix("p.yml:7: sources[0].fields.time.format: unknown time format `dd-MM-yyyy Q`: `Q`") == true)
        #expect(time.last == "p.yml:7: sources[0].fields.time.timezone: expected UTC, an offset such as +02:00, or an IANA zone such as Europe/Berlin")
    }

    @Test("an option of another format is an unknown key, with the allowed keys of this one")
    func otherFormatsOption() {
        let found = errors(source("json", "    skip_rows: 1"))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("p.yml:6: sources[0].skip_rows: unknown key") == true)
        #expect(found.first?.contains("max_record_bytes") == true)
    }
}
