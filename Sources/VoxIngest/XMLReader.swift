import CLibXML2
import Foundation
import VoxModel

/// XML exports through libxml2's streaming `xmlTextReader`: only the current record's subtree is
/// ever in memory. Safe by default: no network, no external DTD or entity loading, no entity
/// substitution.
///
/// A record element becomes a `FieldValue.object`: child elements by local name (repeated
/// children as arrays), attributes as `@name`, text and CDATA as `#text`.
public struct XMLReader: FeedbackReader {
    public var options: XMLOptions

    public init(options: XMLOptions) {
        self.options = options
    }

    /// libxml2 options: never touch the network, keep entities unexpanded, no DTD loading.
    static let parserOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    public func read(file: String, displayPath: String, handle: (ReaderEvent) throws -> Void) throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw IngestError(location: InputLocation(file: displayPath), message: "cannot read file")
        }
        guard let reader = xmlReaderForFile(file, nil, Self.parserOptions) else {
            throw IngestError(location: InputLocation(file: displayPath), message: "cannot open XML document")
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLErrorCollector()
        let context = Unmanaged.passUnretained(errors).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<XMLErrorCollector>.fromOpaque(context).takeUnretainedValue()
            collector.record(error.pointee)
        }, context)

        let path = options.recordPath
        var stack: [String] = []
        var ordinal = 0
        // `xmlTextReaderNext` (used to skip a record's subtree) already moves onto the following
        // node, so the loop advances either by `Read` or by `Next`, never both.
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            let type = xmlTextReaderNodeType(reader)
            if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Self.declaresEntities(reader) {
                throw IngestError(
                    location: InputLocation(file: displayPath, line: Int(xmlTextReaderGetParserLineNumber(reader))),
                    message: "the document's DTD declares entities; Vox does not expand entities (XXE and entity-expansion protection)"
                )
            }
            if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue), !stack.isEmpty {
                stack.removeLast()
            } else if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                let name = Self.string(xmlTextReaderConstLocalName(reader)) ?? ""
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                stack.append(name)
                if Self.matches(stack, path) {
                    ordinal += 1
                    guard let node = xmlTextReaderExpand(reader) else {
                        status = -1
                        break
                    }
                    // The node's own line: the parser's position has already read ahead.
                    let line = Int(xmlGetLineNo(node))
                    let record = TreeRecord(value: Self.value(of: node))
                    try handle(.record(record, InputLocation(file: displayPath, line: line, record: ordinal)))
                    stack.removeLast()
                    status = xmlTextReaderNext(reader)
                    continue
                }
                if isEmpty { stack.removeLast() }
            }
            status = xmlTextReaderRead(reader)
        }
        if status != 0 {
            let line = errors.first?.line ?? Int(xmlTextReaderGetParserLineNumber(reader))
            let column = errors.first?.column ?? Int(xmlTextReaderGetParserColumnNumber(reader))
            throw IngestError(
                location: InputLocation(file: displayPath, line: line, column: column),
                message: "malformed XML: \(errors.first?.message ?? "parse error")"
            )
        }
    }

    /// A one-name path matches the element anywhere; a longer path must match the innermost
    /// elements of the stack (`reviews/review`) or, starting at the root, all of it.
    static func matches(_ stack: [String], _ path: [String]) -> Bool {
        guard stack.count >= path.count else { return false }
        return Array(stack.suffix(path.count)) == path
    }

    static func declaresEntities(_ reader: xmlTextReaderPtr) -> Bool {
        guard let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_DTD_NODE else { return false }
        let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: _xmlDtd.self)
        return dtd.pointee.entities != nil || dtd.pointee.pentities != nil
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// The element as a field value tree.
    static func value(of node: xmlNodePtr) -> FieldValue {
        var members: [String: FieldValue] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = string(current.pointee.name) ?? ""
            // An attribute's value is its text child; reading it in place avoids libxml2's
            // allocate-and-free (`xmlFree` is a global function pointer Swift 6 cannot call safely).
            var text = ""
            var part = current.pointee.children
            while let node = part {
                if let content = node.pointee.content { text += String(cString: content) }
                part = node.pointee.next
            }
            members["@" + name] = .string(text)
            attribute = current.pointee.next
        }
        var text = ""
        var hasElementChildren = false
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                hasElementChildren = true
                let name = string(current.pointee.name) ?? ""
                let value = value(of: current)
                switch members[name] {
                case nil: members[name] = value
                case .array(var items)?:
                    items.append(value)
                    members[name] = .array(items)
                case let existing?: members[name] = .array([existing, value])
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        if !hasElementChildren, members.isEmpty { return .string(text) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { members["#text"] = .string(text) }
        return .object(members)
    }
}

/// Collects libxml2's errors instead of letting it print them to standard error.
final class XMLErrorCollector: @unchecked Sendable {
    struct Entry {
        var message: String
        var line: Int
        var column: Int
    }

    private(set) var entries: [Entry] = []

    var first: Entry? { entries.first }

    func record(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "parse error"
        entries.append(Entry(message: message, line: Int(error.line), column: Int(error.int2)))
    }
}
