import Foundation
import VoxModel
import VoxText

/// Writes benchmark inputs: feedback records shaped like real exports (ids, times, ratings,
/// segments, a comment of 10–40 words, some with commas, quotes and line breaks), as CSV,
/// JSON Lines, a JSON array and XML, each about `targetBytes` long.
struct BenchData {
    /// Bump when the generated content changes.
    static let version = 1
    static let words = [
        "delivery", "late", "parcel", "refund", "app", "crashes", "great", "service", "never", "arrived", "driver",
        "friendly", "tracking", "broken", "box", "quick", "support", "agent", "helpful", "waited", "hours", "order",
        "wrong", "size", "love", "it", "the", "and", "was", "not", "very", "again", "thanks", "checkout", "payment",
        "failed", "twice", "could", "better", "café", "naïve", "👍", "über", "price", "too", "high", "fast",
    ]
    static let products = ["Home", "Electronics", "Fashion", "Toys", "Garden"]
    static let regions = ["UK", "US", "EU", "APAC"]

    let directory: URL
    let targetBytes: Int

    struct Record {
        var id: String
        var time: String
        var rating: Int
        var product: String
        var region: String
        var comment: String
    }

    /// The records, the same sequence every time.
    func records(_ body: (Record) throws -> Void) rethrows {
        var random = SeededRandom(seed: 0x5EED)
        var index = 0
        var written = 0
        while written < targetBytes {
            index += 1
            let count = Int.random(in: 10...40, using: &random)
            var comment = (0..<count).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
            switch Int.random(in: 0..<10, using: &random) {
            case 0: comment += ", honestly"
            case 1: comment = "She said \"ok\" then " + comment
            case 2: comment += "\nsecond line"
            default: break
            }
            let day = 1 + index % 28, minute = index % 60, hour = index % 24
            let record = Record(
                id: "R-\(index)", time: String(format: "2025-12-%02dT%02d:%02d:00Z", day, hour, minute),
                rating: Int.random(in: 1...5, using: &random), product: Self.products.randomElement(using: &random)!,
                region: Self.regions.randomElement(using: &random)!, comment: comment
            )
            written += record.comment.utf8.count + 60
            try body(record)
        }
    }

    func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    func xmlText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Writes the four files (only those missing) and returns their paths by format name.
    func write() throws -> [(name: String, path: URL)] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files: [(String, String, (Record) -> String, String, String)] = [
            ("csv", "survey.csv", { r in
                "\(r.id),\(r.time),\(r.rating),\(r.product),\(r.region),\(csvField(r.comment))\n"
            }, "response_id,submitted_at,csat,product,region,comment\n", ""),
            ("jsonl", "tickets.jsonl", { r in
                "{\"id\":\"\(r.id)\",\"created_at\":\"\(r.time)\",\"rating\":\(r.rating),\"product\":\"\(r.product)\",\"region\":\"\(r.region)\",\"body\":\(JSONString.quote(r.comment))}\n"
            }, "", ""),
            ("json", "tickets.json", { r in
                "{\"id\":\"\(r.id)\",\"created_at\":\"\(r.time)\",\"rating\":\(r.rating),\"product\":\"\(r.product)\",\"region\":\"\(r.region)\",\"body\":\(JSONString.quote(r.comment))},\n"
            }, "{\"tickets\":[\n", "{\"id\":\"last\",\"body\":\"end\"}]}\n"),
            ("xml", "reviews.xml", { r in
                "<review id=\"\(r.id)\" date=\"\(r.time)\"><rating>\(r.rating)</rating><product>\(r.product)</product><region>\(r.region)</region><body>\(xmlText(r.comment))</body></review>\n"
            }, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reviews>\n", "</reviews>\n"),
        ]
        var result: [(String, URL)] = []
        for (name, file, line, head, tail) in files {
            let url = directory.appendingPathComponent(file)
            result.append((name, url))
            if FileManager.default.fileExists(atPath: url.path) { continue }
            let partial = url.appendingPathExtension("partial")
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partial.path])
            }
            let handle = try FileHandle(forWritingTo: partial)
            var pending = head
            records { record in
                pending += line(record)
                if pending.utf8.count > 1 << 20 {
                    handle.write(Data(pending.utf8))
                    pending = ""
                }
            }
            pending += tail
            handle.write(Data(pending.utf8))
            try handle.close()
            try FileManager.default.moveItem(at: partial, to: url)
        }
        return result
    }
}
