import Yams

/// Reads typed values out of a composed YAML tree, collecting every problem with the file, line
/// and key path where it is, and refusing keys nobody asked for.
struct YAMLNodeReader {
    let file: String
    private(set) var errors: [PipelineError] = []

    init(file: String) {
        self.file = file
    }

    static func line(of node: Node) -> Int {
        (node.mark?.line ?? 0)
    }

    mutating func fail(_ node: Node?, _ path: String, _ message: String) {
        errors.append(PipelineError(file: file, line: node.map(Self.line) ?? 0, keyPath: path, message: message))
    }

    /// The node as a mapping whose keys are all in `allowed`; unknown keys are reported.
    mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            fail(node, path, "expected a mapping (key: value lines)")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                fail(key, path, "keys must be plain text")
                continue
            }
            guard allowed.contains(name) else {
                let suggestion = Self.closest(name, in: allowed).map { "; did you mean `\($0)`?" } ?? ""
                fail(key, Self.join(path, name), "unknown key\(suggestion) (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[name] = value
        }
        return result
    }

    mutating func string(_ node: Node?, _ path: String, required: Bool = false, parent: Node? = nil) -> String? {
        guard let node else {
            if required { fail(parent, path, "required") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            fail(node, path, "expected a text value")
            return nil
        }
        if required, scalar.string.isEmpty {
            fail(node, path, "must not be empty")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            fail(node, path, "expected true or false")
            return nil
        }
        return value
    }

    mutating func int(_ node: Node?, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, range.contains(value) else {
            fail(node, path, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func double(_ node: Node?, _ path: String, range: ClosedRange<Double>) -> Double? {
        guard let node else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), range.contains(value) else {
            fail(node, path, "expected a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// A text or a list of texts (`path: a.csv` or `path: [a.csv, b.csv]`).
    mutating func strings(_ node: Node?, _ path: String) -> [String]? {
        guard let node else { return nil }
        if case .scalar(let scalar) = node { return [scalar.string] }
        guard let sequence = node.sequence else {
            fail(node, path, "expected a text or a list of texts")
            return nil
        }
        var result: [String] = []
        for (index, item) in sequence.enumerated() {
            if let text = string(item, "\(path)[\(index)]") { result.append(text) }
        }
        return result
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The allowed key within edit distance 2 of a misspelt one, to suggest it.
    static func closest(_ name: String, in allowed: [String]) -> String? {
        allowed.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
