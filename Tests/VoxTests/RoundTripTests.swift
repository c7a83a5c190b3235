import Foundation
import Testing
import VoxModel
import VoxText
@testable import VoxIngest

/// Random records with awkward text (quotes, delimiters, every kind of line break, emoji with
/// modifiers and joiners, combining characters, markup characters), written as CSV, JSON Lines,
/// a JSON array and XML by small writers here, read back by the readers: every field must come
/// back with the same bytes. The generator is seeded, so a failure reproduces.
@Suite("Reader round trip")
struct RoundTripTests {
    static let pieces = [
        "a", "Z", "7", " ", "  ", ",", ";", "|", "\t", "\"", "\"\"", "'", "\n", "\r\n", "\r", "😀", "👍🏽", "🇬🇧", "💁‍♀️",
        "e\u{301}", "n\u{303}\u{323}", "ñ", "日本語", "<", ">", "&", "&amp;", "]]>", "\\", "\\\"", "{", "}", "[", "]", ":", "#", "€",
    ]
    static let fields = ["id", "text", "author", "region"]

    /// Records as field → text, in order.
    static func records(count: Int, seed: UInt64) -> [[String]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            [String(index)] + (1..<fields.count).map { _ in
                let length = Int.random(in: 0...12, using: &random)
                return (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
        }
    }

    static func csv(_ records: [[String]]) -> String {
        func field(_ text: String) -> String {
            text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([fields] + records).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func jsonObject(_ record: [String]) -> String {
        "{" + zip(fields, record).map { JSONString.quote($0) + ":" + JSONString.quote($1) }.joined(separator: ",") + "}"
    }

    static func xml(_ records: [[String]]) -> String {
        func escaped(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "\r": out += "&#13;" // a literal CR would be normalised to LF by any XML parser
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let body = records.map { record in
            "<record id=\"\(escaped(record[0]))\">" + zip(fields.dropFirst(), record.dropFirst()).map { "<\($0)>\(escaped($1))</\($0)>" }.joined() + "</record>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<export>\n" + body.joined(separator: "\n") + "\n</export>\n"
    }

    @Test("CSV, JSON Lines, JSON array and XML give back every field byte for byte", arguments: [1 as UInt64, 2, 3])
    func roundTrip(seed: UInt64) throws {
        let records = Self.records(count: 400, seed: seed)
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [(String, String, any FeedbackReader, [String])] = [
            ("r.csv", Self.csv(records), CSVReader(), Self.fields),
            ("r.jsonl", records.map(Self.jsonObject).joined(separator: "\n") + "\n", JSONReader(), Self.fields),
            ("r.json", "[\n" + records.map(Self.jsonObject).joined(separator: ",\n") + "\n]", JSONReader(), Self.fields),
            ("r.xml", Self.xml(records), XMLReader(options: XMLOptions(record: "record")), ["@id"] + Self.fields.dropFirst()),
        ]
        for (name, text, reader, paths) in files {
            let file = directory.appendingPathComponent(name)
            try TestSupport.write(text, to: file)
            let run = ReaderRun(path: file.path, display: name, reader)
            #expect(run.error == nil, "\(name): \(String(describing: run.error))")
            #expect(run.rejects.isEmpty, "\(name)")
            #expect(run.records.count == records.count, "\(name)")
            var mismatches: [String] = []
            for (index, (record, _)) in run.records.enumerated() where index < records.count {
                for (column, path) in paths.enumerated() {
                    let read = record.value(at: FieldPath(path))?.text ?? ""
                    // Compare bytes: String's == would call "é" and "e\u{301}" equal.
                    if Array(read.utf8) != Array(records[index][column].utf8) {
                        mismatches.append("record \(index) \(path): \(records[index][column].debugDescription) came back as \(read.debugDescription)")
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(3))")
        }
    }
}
