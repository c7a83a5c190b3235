/// Lexicon checkers by `# format:` name, for `vox lexicon lint`.
///
/// Every lexicon file names its format on its first line; the registry hands the file to the
/// checker registered for that name, which runs the same loader the scorers use and returns its
/// `file:line: reason` problems. Each stage registers its own formats (see
/// `LexiconRegistry.standard` in VoxPipeline), so a new lexicon kind needs one line there.
public struct LexiconRegistry: Sendable {
    /// Checks one file's text (`path` is for messages) and returns its problems.
    public typealias Check = @Sendable (_ text: String, _ path: String) -> [LexiconProblem]

    private var checks: [String: Check] = [:]

    public init() {}

    public mutating func register(_ format: String, check: @escaping Check) {
        checks[format] = check
    }

    /// The registered format names, sorted.
    public var formats: [String] { checks.keys.sorted() }

    /// The name after `# format:` on the first non-blank line, or nil without such a header.
    public static func format(of text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmed(of: " \t\r")
            if trimmed.isEmpty { continue }
            let prefix = "# format:"
            guard trimmed.hasPrefix(prefix) else { return nil }
            return trimmed.dropFirst(prefix.count).trimmed(of: " \t")
        }
        return nil
    }

    /// The file's problems in line order: a missing or unknown header, or what its checker finds.
    public func lint(_ text: String, path: String) -> [LexiconProblem] {
        guard let format = Self.format(of: text) else {
            return [LexiconProblem(file: path, line: 1, message: "no `# format: NAME` header on the first line; known formats: \(formats.joined(separator: ", "))")]
        }
        guard let check = checks[format] else {
            return [LexiconProblem(file: path, line: 1, message: "unknown format `\(format)`; known formats: \(formats.joined(separator: ", "))")]
        }
        return check(text, path).enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }
}
