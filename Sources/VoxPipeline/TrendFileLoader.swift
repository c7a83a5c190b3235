import Foundation
import VoxModel
import VoxReport

/// Reads a trend snapshot from a trend file or from an output directory (its `trend.json`), as
/// `vox diff` and the trend history take them.
public enum TrendFileLoader {
    public struct LoadError: Error, CustomStringConvertible {
        public enum Kind: Sendable {
            /// The path names nothing, or a directory without trend.json: a bad argument.
            case notFound
            /// The file exists but is not a usable trend file.
            case invalid
        }

        public var kind: Kind
        public var message: String
        public var description: String { message }
    }

    public static func load(_ path: String) throws -> TrendSnapshot {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(kind: .notFound, message: "\(path): no such file or directory; give a trend file or an output directory of vox run")
        }
        let file = isDirectory.boolValue ? (path.hasSuffix("/") ? path : path + "/") + "trend.json" : path
        guard let data = FileManager.default.contents(atPath: file) else {
            let reason = isDirectory.boolValue && !FileManager.default.fileExists(atPath: file)
                ? "the directory has no trend.json; is it an output directory of vox run?"
                : "cannot be read"
            throw LoadError(kind: .notFound, message: "\(file): \(reason)")
        }
        do {
            return try TrendFile.decode(data, path: file)
        } catch {
            throw LoadError(kind: .invalid, message: "\(error)")
        }
    }
}
