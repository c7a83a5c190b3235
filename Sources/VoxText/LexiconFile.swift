/// A parsed lexicon file: its data lines, split on tabs, each with its line number.
///
/// Every lexicon in `lexicons/` shares this shape: a first line `# format: NAME`, then one entry
/// a line with tab-separated columns, `#` comments and blank lines ignored. Loaders build on this
/// and add their own checks (value ranges, duplicates), reporting problems as `file:line: reason`.
public struct LexiconFile: Sendable {
    public struct Line: Sendable {
        public var number: Int
        public var fields: [String]
    }

    public var path: String
    public var format: String
    public var lines: [Line]

    /// Parses `text`, checking the header names `format` and each line has `columns` fields.
    /// Problems in lines are collected in `problems`, so that a lint can report them all.
    ///
    /// Works on the UTF-8 bytes (lines end at LF, a CR before it is dropped; fields end at tabs;
    /// spaces trimmed): every run parses about ten thousand lexicon lines before it reads a
    /// record, and splitting `Character`s cost more than building the scorers from them.
    public static func parse(
        _ text: String, path: String, format: String, columns: ClosedRange<Int>, problems: inout [LexiconProblem]
    ) -> LexiconFile {
        var lines: [Line] = []
        var sawHeader = false
        var number = 0
        var text = text
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart <= bytes.count {
                let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                var lineEnd = newline
                if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = newline + 1
                number += 1
                if !sawHeader {
                    let header = trimmed(line, spaces: true, tabs: true)
                    if header.isEmpty { continue }
                    sawHeader = true
                    let expected = "# format: \(format)"
                    let found = String(decoding: header, as: UTF8.self)
                    if found != expected {
                        problems.append(LexiconProblem(file: path, line: number, message: "header must be `\(expected)`, found `\(found)`"))
                    }
                    continue
                }
                let content = trimmed(line, spaces: true, tabs: false)
                if content.isEmpty || content.first == UInt8(ascii: "#") { continue }
                let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { field in
                    String(decoding: trimmed(UnsafeBufferPointer(rebasing: field), spaces: true, tabs: false), as: UTF8.self)
                }
                if !columns.contains(fields.count) {
                    let want = columns.count == 1 ? "\(columns.lowerBound)" : "\(columns.lowerBound)–\(columns.upperBound)"
                    problems.append(LexiconProblem(
                        file: path, line: number,
                        message: "expected \(want) tab-separated field\(columns.upperBound == 1 ? "" : "s"), found \(fields.count)"
                    ))
                    continue
                }
                if fields.contains(where: \.isEmpty) {
                    problems.append(LexiconProblem(file: path, line: number, message: "empty field"))
                    continue
                }
                lines.append(Line(number: number, fields: fields))
            }
        }
        if !sawHeader {
            problems.append(LexiconProblem(file: path, line: 1, message: "empty file: expected header `# format: \(format)`"))
        }
        return LexiconFile(path: path, format: format, lines: lines)
    }

    /// `bytes` without spaces (and tabs) at either end.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, spaces: Bool, tabs: Bool) -> UnsafeBufferPointer<UInt8> {
        func isTrimmed(_ byte: UInt8) -> Bool { (spaces && byte == UInt8(ascii: " ")) || (tabs && byte == UInt8(ascii: "\t")) }
        var start = 0, end = bytes.count
        while start < end, isTrimmed(bytes[start]) { start += 1 }
        while end > start, isTrimmed(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }
}

/// One problem found in a lexicon file, printed as `file:line: message`.
public struct LexiconProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based, in characters, when the problem is at a place inside the line.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
}

/// Several lexicon problems at once; loaders throw this so that a person can fix them in one go.
public struct LexiconProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [LexiconProblem]

    public init(_ problems: [LexiconProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

public extension StringProtocol {
    /// The text without the given characters at either end.
    func trimmed(of set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
