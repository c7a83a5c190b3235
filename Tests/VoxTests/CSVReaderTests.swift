import Foundation
import Testing
import VoxModel
@testable import VoxIngest

/// Each case reads a small fixture from `Fixtures/ingest/csv/`.
@Suite("CSV reader")
struct CSVReaderTests {
    func csv(
        delimiter: UInt8? = UInt8(ascii: ","), escape: UInt8? = nil, comment: String? = nil, skipRows: Int = 0,
        encoding: TextEncoding = .auto, onInvalidText: InvalidTextPolicy = .replace, maxFieldBytes: Int = CSVOptions.defaultMaxFieldBytes
    ) -> CSVReader {
        CSVReader(options: CSVOptions(
            delimiter: delimiter, escape: escape, comment: comment.map { Array($0.utf8) }, skipRows: skipRows, encoding: encoding,
            onInvalidText: onInvalidText, maxFieldBytes: maxFieldBytes
        ))
    }

    @Test("lone CR line ends, also inside a quoted field, count as lines")
    func loneCR() {
        let run = ReaderRun(fixture: "csv/lone-cr.csv", csv())
        #expect(run.texts("comment") == ["first", "two\rlines", "third"])
        #expect(run.lines == [2, 3, 5])
    }

    @Test("delimiter auto: semicolons win over the commas inside comments")
    func sniffSemicolon() {
        let run = ReaderRun(fixture: "csv/semicolon.csv", csv(delimiter: nil))
        #expect(run.rejects.isEmpty)
        #expect(run.texts("comment") == ["Late, again, and the box was wet", "Fine; thanks", "Great, fast, cheap"])
        #expect(run.texts("region") == ["EU", "UK", "US"])
    }

    @Test("delimiter auto also finds tabs and pipes")
    func sniffTabAndPipe() {
        #expect(ReaderRun(fixture: "csv/tab.tsv", csv(delimiter: nil)).texts("region") == ["EU", "US"])
        #expect(ReaderRun(fixture: "csv/pipe.csv", csv(delimiter: nil)).texts("rating") == ["2", "5"])
    }

    @Test("the sniffer prefers the candidate that splits every line alike")
    func snifferRule() {
        let sample = Array("a,b;c\n1,2;3\n\"x;y\",2;3\n".utf8)
        // Commas: 1 per line on every line; semicolons: 1, 1, 1 outside quotes as well — a tie on
        // agreement goes to the candidate listed first.
        #expect(CSVDialectSniffer.delimiter(in: sample[...], quote: UInt8(ascii: "\"")) == UInt8(ascii: ","))
        let semicolons = Array("a;b;c\n1;2,5;3\n4;5;6\n".utf8)
        #expect(CSVDialectSniffer.delimiter(in: semicolons[...], quote: UInt8(ascii: "\"")) == UInt8(ascii: ";"))
    }

    @Test("escape: backslash makes quotes, backslashes and delimiters literal")
    func backslashEscape() {
        let run = ReaderRun(fixture: "csv/backslash-escape.csv", csv(escape: UInt8(ascii: "\\")))
        #expect(run.rejects.isEmpty)
        #expect(run.texts("comment") == ["She said \"no\", twice", "C:\\temp\\file", "plain , comma"])
    }

    @Test("comment lines are skipped, a quoted field starting with # is not a comment")
    func comments() {
        let run = ReaderRun(fixture: "csv/comments.csv", csv(comment: "#"))
        #expect(run.rejects.isEmpty)
        #expect(run.texts("comment") == ["kept", "# not a comment, quoted"])
        #expect(run.lines == [4, 6])
    }

    @Test("skip_rows drops title lines above the header; line numbers stay the file's")
    func skipRows() {
        let run = ReaderRun(fixture: "csv/skip-rows.csv", csv(skipRows: 2))
        #expect(run.texts("comment") == ["after the title lines", "second"])
        #expect(run.lines == [4, 5])
    }

    @Test("UTF-16 LE and BE with a byte-order mark, including characters outside the BMP")
    func utf16() {
        #expect(ReaderRun(fixture: "csv/utf16le-bom.csv", csv()).texts("comment") == ["café 👍", "日本"])
        #expect(ReaderRun(fixture: "csv/utf16be-bom.csv", csv()).texts("comment") == ["naïve 😀"])
    }

    @Test("latin-1 and windows-1252 are transcoded; a UTF-8 BOM overrides the configured encoding")
    func singleByteEncodings() {
        #expect(ReaderRun(fixture: "csv/latin1.csv", csv(encoding: .latin1)).texts("comment") == ["café crème brûlée"])
        #expect(ReaderRun(fixture: "csv/windows-1252.csv", csv(encoding: .windows1252)).texts("comment") == ["€5 refund – “thanks”"])
        #expect(ReaderRun(fixture: "csv/utf8-bom-1252-configured.csv", csv(encoding: .windows1252)).texts("comment") == ["café"])
    }

    @Test("invalid UTF-8 (overlong, stray continuation, truncated) is replaced and flagged")
    func invalidReplaced() {
        let run = ReaderRun(fixture: "csv/invalid-utf8.csv", csv())
        #expect(run.rejects.isEmpty)
        #expect(run.texts("comment") == ["good café", "overlong \u{FFFD}\u{FFFD} slash", "stray \u{FFFD} byte", "truncated \u{FFFD}", "fine again"])
        #expect(run.records.map(\.record.hasInvalidText) == [false, true, true, true, false])
    }

    @Test("invalid UTF-8 under on_invalid_text: reject names the byte offset; valid rows survive")
    func invalidRejected() {
        let run = ReaderRun(fixture: "csv/invalid-utf8.csv", csv(onInvalidText: .reject))
        #expect(run.texts("id") == ["1", "5"])
        #expect(run.rejects.map(\.reason) == ["invalid_text", "invalid_text", "invalid_text"])
        #expect(run.rejects.map(\.location.line) == [3, 4, 5])
        // The header is 11 bytes, row 1 is 13 ("é" is two), and "2,overlong " is 11 more.
        #expect(run.rejects.first?.location.byteOffset == 35)
        #expect(run.rejects.first?.message.contains("encoding") == true)
    }

    @Test("rows with too few or too many fields are rejected with their lines")
    func fieldCount() {
        let run = ReaderRun(fixture: "csv/field-count.csv", csv())
        #expect(run.texts("id") == ["1", "4"])
        #expect(run.rejects.map(\.reason) == ["field_count", "field_count"])
        #expect(run.rejects.map(\.location.line) == [3, 4])
        #expect(run.rejects.last?.message == "row has 4 fields, the header has 3")
    }

    @Test("an unterminated quote rejects its row; reading resumes on the next line")
    func unterminatedQuote() {
        let run = ReaderRun(fixture: "csv/unterminated-quote.csv", csv())
        #expect(run.rejects.map(\.reason) == ["unterminated_quote"])
        #expect(run.rejects.first?.location.line == 3)
        #expect(run.texts("id") == ["1", "3", "4"])
        #expect(run.lines == [2, 4, 5])
    }

    @Test("a field over max_field_bytes is rejected and skipped to the row's end; later rows and lines are right")
    func maxFieldBytes() {
        let run = ReaderRun(fixture: "csv/max-field.csv", csv(maxFieldBytes: 64))
        #expect(run.rejects.map(\.reason) == ["field_too_large"])
        #expect(run.rejects.first?.location.line == 3)
        #expect(run.rejects.first?.message.contains("max_field_bytes (64 bytes)") == true)
        #expect(run.texts("comment") == ["ok", "after the long field"])
        #expect(run.lines == [2, 34])
        // The same file under the default limit keeps the field.
        #expect(ReaderRun(fixture: "csv/max-field.csv", csv()).records.count == 3)
    }

    @Test("a quoted field far larger than the read size is skipped without being kept")
    func hugeQuotedField() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.csv")
        var data = Data("id,comment\n1,\"".utf8)
        data.append(Data(repeating: UInt8(ascii: "z"), count: 12 << 20)) // 12 MiB, several reads
        data.append(Data("\"\n2,after\n".utf8))
        try data.write(to: file)
        let run = ReaderRun(path: file.path, display: "huge.csv", csv())
        #expect(run.rejects.map(\.reason) == ["field_too_large"])
        #expect(run.texts("comment") == ["after"])
        #expect(run.lines == [3])
    }

    @Test("NUL bytes inside a field are kept as they are")
    func nulBytes() {
        let run = ReaderRun(fixture: "csv/nul-bytes.csv", csv())
        #expect(run.texts("comment") == ["before\u{0}after", "ok"])
    }

    @Test("text after a closing quote is kept rather than lost")
    func textAfterQuote() {
        #expect(ReaderRun(fixture: "csv/text-after-quote.csv", csv()).texts("comment") == ["quotedtail"])
    }

    @Test("gzip files are read transparently; a truncated one stops with a clear error after the rows it had")
    func gzip() {
        #expect(ReaderRun(fixture: "csv/survey.csv.gz", csv()).texts("comment") == ["compressed one", "compressed two"])
        let truncated = ReaderRun(fixture: "csv/truncated.csv.gz", csv())
        #expect(truncated.error?.message.contains("gzip") == true)
        #expect(truncated.error?.location.file == "csv/truncated.csv.gz")
    }

    @Test("rows that cross read boundaries are whole, whatever the row lengths")
    func readBoundaries() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("many.csv")
        var text = "id,comment\r\n"
        var expected: [String] = []
        var random = SeededRandom(seed: 7)
        for index in 0..<30_000 {
            let comment = String(repeating: "ab\"\"c,\r\n", count: Int(random.next() % 20))
            expected.append(comment.replacingOccurrences(of: "\"\"", with: "\""))
            text += "\(index),\"\(comment)\"\r\n"
        }
        try TestSupport.write(text, to: file)
        let run = ReaderRun(path: file.path, display: "many.csv", csv())
        #expect(run.rejects.isEmpty)
        let same = run.texts("comment") == expected
        #expect(same)
    }

    @Test("UTF-16 surrogate pairs and code units split across reads decode whole")
    func utf16AcrossReads() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var expected: [String] = []
        var text = "\u{FEFF}id;comment\n"
        var random = SeededRandom(seed: 11)
        for index in 0..<20_000 {
            let comment = String(repeating: "a😀é", count: Int(random.next() % 7)) + String(repeating: "b", count: Int(random.next() % 3))
            expected.append(comment)
            text += "\(index);\(comment)\n"
        }
        for (name, encoding) in [("le.csv", String.Encoding.utf16LittleEndian), ("be.csv", .utf16BigEndian)] {
            let file = directory.appendingPathComponent(name)
            try #require(text.data(using: encoding)).write(to: file)
            let run = ReaderRun(path: file.path, display: name, csv(delimiter: nil))
            #expect(run.rejects.isEmpty, "\(name)")
            let same = run.texts("comment") == expected
            #expect(same, "\(name)")
        }
    }

    @Test("an empty file and a header-only file give no records and no rejects")
    func emptyFiles() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in [("empty.csv", ""), ("header.csv", "id,comment\r\n"), ("bom.csv", "\u{FEFF}")] {
            let file = directory.appendingPathComponent(name)
            try TestSupport.write(text, to: file)
            let run = ReaderRun(path: file.path, display: name, csv(delimiter: nil))
            #expect(run.records.isEmpty && run.rejects.isEmpty && run.error == nil, "\(name)")
        }
    }

    @Test("a row over 16 × max_field_bytes is rejected even when each field is within the limit")
    func longRow() {
        let run = ReaderRun(fixture: "csv/long-row.csv", csv(maxFieldBytes: 16))
        #expect(run.rejects.map(\.reason) == ["field_too_large"])
        #expect(run.rejects.first?.message.hasPrefix("row is longer than 256 bytes") == true)
        #expect(run.rejects.first?.location.line == 2)
        #expect(run.texts("id") == ["2"])
    }
}
