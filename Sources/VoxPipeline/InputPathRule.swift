import Foundation
import Yams

/// Input paths in a pipeline file stay inside the pipeline's directory unless written absolute.
///
/// A pipeline copied from elsewhere must not read `../../etc/passwd` or another team's exports
/// through a relative path nobody looks at twice; a path that means to leave says so by being
/// absolute (`/srv/exports/survey.csv`). The check is lexical, after `.` and `..` are resolved:
/// a symbolic link inside the directory is followed as the file system says (whoever can plant
/// one there can edit the pipeline file too). Outputs (`outputs.directory`, `outputs.history`)
/// are not inputs and may be relative paths outside, such as the demo's `../out/demo`.
enum InputPathRule {
    /// Why `path`, as written, is not allowed relative to `base`; nil when it is.
    static func violation(_ path: String, base: String) -> String? {
        guard !path.hasPrefix("/") else { return nil }
        if path.hasPrefix("~") {
            return "`\(path)`: `~` is not expanded; write the absolute path"
        }
        let resolved = PipelineParser.resolve(path, base: base)
        let directory = base.hasSuffix("/") ? base : base + "/"
        guard resolved.hasPrefix(directory) else {
            return "`\(path)` leads outside the pipeline's directory (\(base)); write it as an absolute path if you mean to read \(resolved)"
        }
        return nil
    }
}

extension YAMLNodeReader {
    /// Input paths (a text or a list), each checked by `InputPathRule` and resolved against `base`.
    mutating func inputPaths(_ node: Node?, _ path: String, base: String) -> [String] {
        guard let texts = strings(node, path) else { return [] }
        var resolved: [String] = []
        for (index, text) in texts.enumerated() {
            if let problem = InputPathRule.violation(text, base: base) {
                let item = node?.sequence.map { $0[index] } ?? node
                fail(item, node?.sequence == nil ? path : "\(path)[\(index)]", problem)
            } else {
                resolved.append(PipelineParser.resolve(text, base: base))
            }
        }
        return resolved
    }
}
