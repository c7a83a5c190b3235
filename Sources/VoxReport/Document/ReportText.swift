/// A run of report prose that renderers escape for their format. Report sections never escape
/// anything themselves: they put customer text into a `ReportText` as it is, and the Markdown
/// and HTML renderers escape every run, so a section cannot forget to.
///
/// String interpolation builds it: `"As of \(strong: date), pipeline \(code: file)"`.
public struct ReportText: Sendable, Hashable, ExpressibleByStringInterpolation {
    public enum Run: Sendable, Hashable {
        case plain(String)
        /// Bold: the figures a reader's eye should find first.
        case strong(String)
        /// Monospace: file names, ids.
        case code(String)
    }

    public var runs: [Run]

    public init(_ runs: [Run] = []) {
        self.runs = runs
    }

    public init(stringLiteral value: String) {
        runs = value.isEmpty ? [] : [.plain(value)]
    }

    public init(stringInterpolation: Interpolation) {
        runs = stringInterpolation.runs
    }

    public static func plain(_ text: String) -> ReportText { ReportText([.plain(text)]) }
    public static func strong(_ text: String) -> ReportText { ReportText([.strong(text)]) }
    public static func code(_ text: String) -> ReportText { ReportText([.code(text)]) }

    public static func + (a: ReportText, b: ReportText) -> ReportText { ReportText(a.runs + b.runs) }

    public var isEmpty: Bool { runs.isEmpty }

    /// The text without formatting, for `report.json` and for measuring.
    public var plainText: String {
        runs.map { run in
            switch run {
            case .plain(let text), .strong(let text), .code(let text): return InlineText.flatten(text)
            }
        }.joined()
    }

    /// Pieces joined with a separator: `ReportText.join(labels, ", ")`.
    public static func join(_ parts: [ReportText], _ separator: String) -> ReportText {
        var runs: [Run] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { runs.append(.plain(separator)) }
            runs += part.runs
        }
        return ReportText(runs)
    }

    public struct Interpolation: StringInterpolationProtocol {
        var runs: [Run] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { runs.append(.plain(literal)) }
        }

        public mutating func appendInterpolation(_ text: String) {
            runs.append(.plain(text))
        }

        public mutating func appendInterpolation(_ value: Int) {
            runs.append(.plain(String(value)))
        }

        public mutating func appendInterpolation(_ text: ReportText) {
            runs += text.runs
        }

        public mutating func appendInterpolation(strong text: String) {
            runs.append(.strong(text))
        }

        public mutating func appendInterpolation(code text: String) {
            runs.append(.code(text))
        }

        /// Customer words in typographic quotes: “…”.
        public mutating func appendInterpolation(quoted text: String) {
            runs.append(.plain("“" + text + "”"))
        }
    }
}
