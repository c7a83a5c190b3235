import Foundation
import VoxLexicons
import VoxText

/// `vox lexicon lint`: which files to check and what each one's problems are.
public struct LexiconLint: Sendable {
    /// A file to check: the path to print and its text (nil when it cannot be read).
    public struct Source: Sendable {
        public var path: String
        public var text: String?
    }

    public var registry: LexiconRegistry

    public init(registry: LexiconRegistry = .standard) {
        self.registry = registry
    }

    /// The embedded defaults (as `embedded:lexicons/NAME`), then every lexicon file under
    /// `directory` when it exists (the sources of the defaults, or a pipeline's own).
    public static func defaultSources(directory: String = "lexicons") -> [Source] {
        var sources = EmbeddedLexicons.files.keys.sorted().map { Source(path: "embedded:lexicons/\($0)", text: EmbeddedLexicons.files[$0]) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
            let names = (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".tsv") || $0.hasSuffix(".txt") || $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
            sources += names.map { read((directory as NSString).appendingPathComponent($0)) }
        }
        return sources
    }

    public static func read(_ path: String) -> Source {
        Source(path: path, text: FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) })
    }

    /// The problems of each source, in order; an unreadable file is one problem at line 0.
    public func problems(in sources: [Source]) -> [LexiconProblem] {
        sources.flatMap { source -> [LexiconProblem] in
            guard let text = source.text else {
                return [LexiconProblem(file: source.path, line: 0, message: "cannot read the file (missing, unreadable or not UTF-8)")]
            }
            return registry.lint(text, path: source.path)
        }
    }
}
