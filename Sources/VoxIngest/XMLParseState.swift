import CLibXML2

/// What the SAX callbacks share during one file: the open elements, the record being built,
/// the records completed since the last chunk, and the first fatal error.
final class XMLParseState {
    struct Completed {
        var value: FieldValue
        var line: Int
        var tooLarge: Bool
    }

    struct Failure {
        var message: String
        var line: Int
        var column: Int
    }

    let recordPath: [XMLName]
    var builder: XMLRecordBuilder
    /// Names of the open elements outside the current record.
    private var stack: [XMLName] = []
    private var recordLine = 0
    var completed: [Completed] = []
    var fatalError: Failure?
    var entityDeclarationLine: Int?
    var parser: xmlParserCtxtPtr?

    init(recordPath: [XMLName], maxRecordBytes: Int) {
        self.recordPath = recordPath
        self.builder = XMLRecordBuilder(maxSize: maxRecordBytes)
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> XMLParseState {
        Unmanaged<XMLParseState>.fromOpaque(context!).takeUnretainedValue()
    }

    var line: Int { parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    func start(_ name: XMLName, attributes: [(XMLName, String)]) {
        if builder.isBuilding {
            builder.start(name, attributes: attributes)
            return
        }
        stack.append(name)
        if matches() {
            recordLine = line
            builder.start(name, attributes: attributes)
        }
    }

    func end() {
        if builder.isBuilding {
            let tooLarge = builder.isTooLarge
            guard let value = builder.end() else { return }
            completed.append(Completed(value: value, line: recordLine, tooLarge: tooLarge))
        }
        if !stack.isEmpty { stack.removeLast() }
    }

    /// The innermost open elements end with the record path.
    private func matches() -> Bool {
        guard stack.count >= recordPath.count else { return false }
        for (pattern, element) in zip(recordPath, stack.suffix(recordPath.count)) where !pattern.matches(element) {
            return false
        }
        return true
    }

    func record(_ error: xmlError) {
        guard error.level == XML_ERR_FATAL, fatalError == nil else { return }
        let message = error.message.map { String(cString: $0) }?.trimmingTrailingNewlines ?? "parse error"
        // Encoding errors come without a position: the parser's line is the best there is.
        fatalError = Failure(message: message, line: error.line > 0 ? Int(error.line) : line, column: Int(error.int2))
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
