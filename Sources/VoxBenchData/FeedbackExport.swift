import Foundation
import VoxText

/// Writes the generated feedback as the three export formats `make bench` measures, plus one
/// pipeline file per format that reads it. Data files are written once (a changed generator
/// changes `version` and with it the directory); pipelines are rewritten every time.
public struct FeedbackExport: Sendable {
    /// Bump when the generated content changes.
    public static let version = 1
    public static let formats = ["csv", "jsonl", "xml"]

    public let directory: URL
    public let count: Int

    public init(directory: URL, count: Int) {
        self.directory = directory
        self.count = count
    }

    /// `.build/bench/feedback-v1-1000000` for a million records.
    public static func directory(base: String, count: Int) -> URL {
        URL(fileURLWithPath: base).appendingPathComponent("feedback-v\(version)-\(count)")
    }

    /// Writes the files for `formats` that are missing, and the pipelines for all of them.
    public func write(formats: [String]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let missing = formats.filter { !FileManager.default.fileExists(atPath: dataFile($0).path) }
        if !missing.isEmpty {
            var files = try missing.map { try BufferedFile(url: dataFile($0).appendingPathExtension("partial")) }
            for (index, format) in missing.enumerated() { try files[index].append(Self.head(format)) }
            try FeedbackGenerator(count: count).generate { message in
                for (index, format) in missing.enumerated() { try files[index].append(Self.line(format, message)) }
            }
            for (index, format) in missing.enumerated() {
                try files[index].append(Self.tail(format))
                try files[index].close()
                try FileManager.default.moveItem(at: dataFile(format).appendingPathExtension("partial"), to: dataFile(format))
            }
        }
        for format in formats {
            try Data(Self.pipeline(format).utf8).write(to: directory.appendingPathComponent("\(format).yml"))
        }
    }

    public func dataFile(_ format: String) -> URL {
        directory.appendingPathComponent("feedback.\(format)")
    }

    public static func head(_ format: String) -> String {
        switch format {
        case "csv": "id,conversation,role,author,created_at,rating,product,region,text\n"
        case "xml": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback>\n"
        default: ""
        }
    }

    public static func tail(_ format: String) -> String {
        format == "xml" ? "</feedback>\n" : ""
    }

    public static func line(_ format: String, _ m: FeedbackMessage) -> String {
        let rating = m.rating.map(String.init) ?? ""
        switch format {
        case "csv":
            return "\(m.id),\(m.conversation),\(m.role),\(m.author),\(m.time),\(rating),\(m.product),\(m.region),\(csvField(m.text))\n"
        case "jsonl":
            let ratingField = m.rating.map { ",\"rating\":\($0)" } ?? ""
            return "{\"id\":\"\(m.id)\",\"conversation\":\"\(m.conversation)\",\"role\":\"\(m.role)\",\"author\":\"\(m.author)\","
                + "\"created_at\":\"\(m.time)\"\(ratingField),\"product\":\"\(m.product)\",\"region\":\"\(m.region)\",\"text\":\(JSONString.quote(m.text))}\n"
        default:
            let ratingElement = m.rating.map { "<rating>\($0)</rating>" } ?? ""
            return "<message id=\"\(m.id)\" conversation=\"\(m.conversation)\" role=\"\(m.role)\" created_at=\"\(m.time)\">"
                + "<author>\(m.author)</author>\(ratingElement)<product>\(m.product)</product><region>\(m.region)</region>"
                + "<text>\(xmlText(m.text))</text></message>\n"
        }
    }

    static func csvField(_ text: String) -> String {
        text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func xmlText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The pipeline for one format: every field mapped, default outputs (reports, records.jsonl,
    /// redaction), written beside the data to `out-FORMAT/`.
    public static func pipeline(_ format: String) -> String {
        let (source, id, time) = switch format {
        case "csv": ("format: csv", "id", "created_at")
        case "jsonl": ("format: json", "id", "created_at")
        default: ("format: xml\n    record: message", "\"@id\"", "\"@created_at\"")
        }
        let attribute = format == "xml" ? "@" : ""
        return """
            # Written by `vox-bench generate`: reads the generated feedback.\(format) as `make bench` measures it.
            name: bench-\(format)
            sources:
              - name: feedback
                \(source)
                path: feedback.\(format)
                fields:
                  id: \(id)
                  text: text
                  time: \(time)
                  rating: {field: rating, scale: csat}
                  role: "\(attribute)role"
                  author: author
                  conversation: "\(attribute)conversation"
                  segments:
                    product: product
                    region: region
            outputs:
              directory: out-\(format)

            """
    }
}

/// Appends text to a file through a 1 MiB buffer.
struct BufferedFile {
    let handle: FileHandle
    var buffer: [UInt8] = []

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    mutating func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle.close()
    }
}
