import Foundation
import Logging
import VoxText

/// How `vox` logs: to standard error only (standard output carries results), as text lines for
/// people or JSON lines for log collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

public enum LogSetup {
    /// A logger writing to standard error at `level` in `format`.
    public static func logger(format: LogFormat, level: Logger.Level) -> Logger {
        var logger = Logger(label: "vox") { label in StandardErrorLogHandler(format: format) }
        logger.logLevel = level
        return logger
    }
}

/// Writes one line per message to standard error.
struct StandardErrorLogHandler: LogHandler {
    var format: LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "vox: \(event.level): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
        case .json:
            var members = "{\"time\":\"\(Self.timestamp())\",\"level\":\"\(event.level)\",\"message\":\(Self.quote("\(event.message)"))"
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                members += ",\(Self.quote(key)):\(Self.quote("\(value)"))"
            }
            line = members + "}\n"
        }
        // Through the shared sink, so that a progress line on the terminal is not garbled.
        StandardErrorSink.shared.writeLine(line)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date())
    }

    static func quote(_ text: String) -> String { JSONString.quote(text) }
}
