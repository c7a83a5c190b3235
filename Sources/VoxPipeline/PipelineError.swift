/// A problem with a pipeline file, located for a person: `pipelines/demo.yml:12: sources[1].fields.text: required`.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is with the file as a whole.
    public var line: Int
    /// The key path, e.g. `sources[1].fields.text`; empty for the whole file.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// Several pipeline-file problems, reported together so that one `vox validate` shows them all.
public struct PipelineErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [PipelineError]

    public init(_ errors: [PipelineError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
