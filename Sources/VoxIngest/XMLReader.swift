import CLibXML2
import VoxModel

/// XML exports, streamed through libxml2's SAX2 push parser: bytes go in 64 KiB pieces, and
/// only the record being built is in memory.
///
/// Why SAX rather than `xmlTextReader`: the text reader parses ahead, so when a chunk holds the
/// end of a record and, after it, a syntax error, it reports the error without ever showing the
/// finished record. SAX events arrive strictly in document order, so every record that closed
/// before the error is kept, wherever the chunk boundaries fall.
///
/// Safe by default: `XML_PARSE_NONET`, no DTD loading, no entity substitution; a document whose
/// DTD declares any entity is refused at the declaration, so billion-laughs and external-entity
/// (XXE) payloads never expand and never read a file.
public struct XMLReader: FeedbackReader {
    public var options: XMLOptions

    public init(options: XMLOptions) {
        self.options = options
    }

    /// No network, and nothing else: entities stay unsubstituted and DTDs unloaded.
    static let parserOptions = Int32(XML_PARSE_NONET.rawValue)
    static let chunkSize = 64 * 1024

    /// libxml2 wants `xmlInitParser` once, before any parsing, when several threads may parse.
    private static let libraryReady: Void = xmlInitParser()

    public func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        Self.libraryReady
        let source = try ByteSource(path: file, displayPath: displayPath)
        let state = XMLParseState(recordPath: options.recordPath, maxRecordBytes: options.maxRecordBytes)
        var sax = Self.handler()
        let context = Unmanaged.passUnretained(state).toOpaque()
        guard let parser = xmlCreatePushParserCtxt(&sax, context, nil, 0, displayPath) else {
            throw IngestError(location: InputLocation(file: displayPath), message: "cannot create an XML parser")
        }
        defer {
            // libxml2 may build a document for a DTD it meets (to hold entity declarations) even
            // with SAX callbacks; the context does not own it, so free it here (found by fuzzing).
            if let document = parser.pointee.myDoc {
                xmlFreeDoc(document)
                parser.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(parser)
        }
        // Encoding and I/O errors bypass the parser's handler and would be printed on standard
        // error; route them to the same collector for the length of this file.
        xmlSetStructuredErrorFunc(context, sax.serror)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        xmlCtxtUseOptions(parser, Self.parserOptions)
        state.parser = parser

        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        var ordinal = 0
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            _ = chunk.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { xmlParseChunk(parser, $0.baseAddress, Int32(count), count == 0 ? 1 : 0) }
            }
            // Records completed in this chunk came before any error in it: hand them over first.
            for record in state.completed {
                ordinal += 1
                let location = InputLocation(file: displayPath, line: record.line, record: ordinal)
                if record.tooLarge {
                    try handle(.reject(ReaderReject(
                        location: location, reason: "record_too_large",
                        message: "record is larger than max_record_bytes (\(options.maxRecordBytes) bytes); it was skipped", excerpt: ""
                    )))
                } else {
                    try handle(.record(TreeRecord(value: record.value), location))
                }
            }
            state.completed.removeAll(keepingCapacity: true)
            if let line = state.entityDeclarationLine {
                throw IngestError(
                    location: InputLocation(file: displayPath, line: line),
                    message: "the document's DTD declares entities; Vox does not expand entities (XXE and entity-expansion protection). "
                        + "Export the file without a DTD",
                    kind: .malformed
                )
            }
            if let error = state.fatalError {
                throw IngestError(
                    location: InputLocation(file: displayPath, line: error.line, column: error.column > 0 ? error.column : nil),
                    message: "malformed XML: \(error.message); records before this point were read",
                    kind: .malformed
                )
            }
            if count == 0 { break }
        }
    }

    /// The SAX2 callbacks; each finds its `XMLParseState` through the user-data pointer.
    static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, prefix, _, _, _, attributeCount, _, attributes in
            let state = XMLParseState.from(context)
            var pairs: [(XMLName, String)] = []
            if let attributes, attributeCount > 0 {
                pairs.reserveCapacity(Int(attributeCount))
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                for index in 0..<Int(attributeCount) {
                    let base = index * 5
                    guard let name = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                    let value = String(decoding: UnsafeBufferPointer(start: start, count: start.distance(to: end)), as: UTF8.self)
                    pairs.append((XMLName(local: String(cString: name), prefix: attributes[base + 1].map { String(cString: $0) }), value))
                }
            }
            state.start(XMLName(local: localName.map { String(cString: $0) } ?? "", prefix: prefix.map { String(cString: $0) }), attributes: pairs)
        }
        sax.endElementNs = { context, _, _, _ in
            XMLParseState.from(context).end()
        }
        sax.characters = { context, bytes, length in
            guard let bytes else { return }
            XMLParseState.from(context).builder.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        sax.entityDecl = { context, _, _, _, _, _ in
            let state = XMLParseState.from(context)
            state.entityDeclarationLine = state.line
            if let parser = state.parser { xmlStopParser(parser) }
        }
        // Errors go to the file's `XMLParseState`, never to standard error. (A closure here
        // rather than a named constant: a stored declaration of a libxml2 type would pull the
        // C module, and its clash with Foundation's ICU headers, into every importer.)
        sax.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLParseState>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        return sax
    }
}
