import Yams

/// Keeps a pipeline file's anchors and aliases from exploding ("billion laughs" in YAML).
///
/// Yams composes an alias as a shared reference to its anchored node, so composing costs no more
/// than the text — except where Yams hashes a mapping's keys to find duplicates: an alias to a
/// huge structure used as a key would be hashed in full. So, before composing, `scan` refuses
/// aliases in key position and more than `maxAliases` aliases; after composing, and before
/// anything walks the tree, `checkExpandedSize` counts the nodes the tree would have with every
/// alias expanded — memoised per anchored node, so the count itself stays linear — and refuses
/// more than `maxNodes`. A legitimate pipeline file has a few hundred nodes.
struct YAMLAliasGuard {
    static let maxAliases = 1_000
    static let maxNodes = 100_000

    let file: String

    /// Scans the text for aliases (`*name`) outside comments and quoted scalars.
    func scan(_ text: String) throws {
        var aliases = 0
        var line = 1
        var quote: UInt8?
        var inComment = false
        var previous: UInt8 = 0x0A
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            defer {
                previous = bytes[min(index, bytes.count - 1)]
                index += 1
            }
            if byte == 0x0A {
                line += 1
                inComment = false
                continue
            }
            if inComment { continue }
            if let open = quote {
                if byte == open {
                    // '' inside single quotes is an escaped quote; \" inside double quotes too.
                    if open == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == open {
                        index += 1
                    } else if open == UInt8(ascii: "\""), previous == UInt8(ascii: "\\") {
                        // still inside
                    } else {
                        quote = nil
                    }
                }
                continue
            }
            let atTokenStart = previous == 0x0A || previous == 0x20 || previous == 0x09 || "[{,".utf8.contains(previous)
            switch byte {
            case UInt8(ascii: "#") where previous == 0x0A || previous == 0x20 || previous == 0x09:
                inComment = true
            case UInt8(ascii: "'") where atTokenStart, UInt8(ascii: "\"") where atTokenStart:
                quote = byte
            case UInt8(ascii: "*") where atTokenStart:
                var end = index + 1
                while end < bytes.count, !" \t\r\n,[]{}".utf8.contains(bytes[end]) { end += 1 }
                guard end > index + 1 else { break }
                aliases += 1
                if aliases > Self.maxAliases {
                    throw error(line, "more than \(Self.maxAliases) aliases; write the pipeline without so many `*` references")
                }
                var after = end
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                let keyPosition = (after < bytes.count && bytes[after] == UInt8(ascii: ":"))
                    || Self.followsQuestionMark(bytes, before: index)
                if keyPosition {
                    throw error(line, "alias `*\(name)` used as a mapping key; aliases are allowed as values only")
                }
                index = end - 1
            default:
                break
            }
        }
    }

    /// True when the alias at `index` is a complex key: `? *name`.
    private static func followsQuestionMark(_ bytes: [UInt8], before index: Int) -> Bool {
        var probe = index - 1
        while probe >= 0, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe -= 1 }
        return probe >= 0 && bytes[probe] == UInt8(ascii: "?") && (probe == 0 || bytes[probe - 1] == 0x20 || bytes[probe - 1] == 0x0A)
    }

    /// Refuses a tree that has more than `maxNodes` nodes once its aliases are expanded.
    func checkExpandedSize(_ root: Node) throws {
        var memo: [NodeKey: Int] = [:]
        var firstOver: Int?
        let total = expandedSize(root, memo: &memo, firstOver: &firstOver)
        if total > Self.maxNodes {
            throw error(firstOver ?? 0, "anchors and aliases here expand to more than \(Self.maxNodes) values (an alias bomb?); write the pipeline without them")
        }
    }

    /// Where a node starts and what it is: an alias yields its anchor's node again, same place.
    private struct NodeKey: Hashable {
        var kind: Int
        var line: Int
        var column: Int
    }

    /// The node count, capped just above the limit so that a bomb stops the count early.
    /// `firstOver` gets the line of the innermost node over the limit (counting is post-order).
    private func expandedSize(_ node: Node, memo: inout [NodeKey: Int], firstOver: inout Int?) -> Int {
        let key: NodeKey?
        switch node {
        case .scalar: return 1
        case .alias: return 1
        case .mapping(let mapping): key = mapping.mark.map { NodeKey(kind: 1, line: $0.line, column: $0.column) }
        case .sequence(let sequence): key = sequence.mark.map { NodeKey(kind: 2, line: $0.line, column: $0.column) }
        }
        if let key, let known = memo[key] { return known }
        var total = 1
        if let mapping = node.mapping {
            for (name, value) in mapping where total <= Self.maxNodes {
                total += expandedSize(name, memo: &memo, firstOver: &firstOver) + expandedSize(value, memo: &memo, firstOver: &firstOver)
            }
        } else if let sequence = node.sequence {
            for item in sequence where total <= Self.maxNodes {
                total += expandedSize(item, memo: &memo, firstOver: &firstOver)
            }
        }
        total = min(total, Self.maxNodes + 1)
        if total > Self.maxNodes, firstOver == nil { firstOver = key?.line }
        if let key { memo[key] = total }
        return total
    }

    private func error(_ line: Int, _ message: String) -> PipelineErrors {
        PipelineErrors([PipelineError(file: file, line: line, keyPath: "", message: message)])
    }
}
