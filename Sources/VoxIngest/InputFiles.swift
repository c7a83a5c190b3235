import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Expands a source's paths and globs into files, sorted, each file once.
public enum InputFiles {
    public static func expand(_ patterns: [String]) -> [String] {
        var files: [String] = []
        var seen: Set<String> = []
        for pattern in patterns {
            let matches = hasGlobCharacters(pattern) ? glob(pattern) : [pattern]
            for file in matches {
                let canonical = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
                if seen.insert(canonical).inserted { files.append(file) }
            }
        }
        return files
    }

    public static func hasGlobCharacters(_ pattern: String) -> Bool {
        pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var files: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { files.append(String(cString: path)) }
        }
        return files.sorted()
    }
}
