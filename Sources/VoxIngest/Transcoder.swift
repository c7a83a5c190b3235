/// Converts a stream of bytes in one encoding to UTF-8, piece by piece: a UTF-16 code unit or
/// surrogate pair split across two reads is carried over to the next.
struct Transcoder {
    let encoding: TextEncoding
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt32?

    init(encoding: TextEncoding) {
        self.encoding = encoding
    }

    /// Most UTF-8 bytes one input byte can become (for sizing reads).
    var expansion: Int {
        switch encoding {
        case .auto, .utf8: return 1
        case .latin1: return 2
        case .windows1252, .utf16LE, .utf16BE: return 3
        }
    }

    /// Appends the UTF-8 form of `input` to `output`.
    mutating func transcode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], final: Bool) {
        switch encoding {
        case .auto, .utf8:
            output.append(contentsOf: input)
        case .latin1:
            for byte in input { append(UInt32(byte), to: &output) }
        case .windows1252:
            for byte in input {
                append(byte >= 0x80 && byte < 0xA0 ? TextEncoding.windows1252High[Int(byte - 0x80)] : UInt32(byte), to: &output)
            }
        case .utf16LE, .utf16BE:
            var index = 0
            let bigEndian = encoding == .utf16BE
            while index < input.count {
                let first: UInt8
                if let pending = pendingByte {
                    first = pending
                    pendingByte = nil
                } else {
                    first = input[index]
                    index += 1
                }
                guard index < input.count else {
                    pendingByte = first
                    break
                }
                let second = input[index]
                index += 1
                let unit = bigEndian ? UInt32(first) << 8 | UInt32(second) : UInt32(second) << 8 | UInt32(first)
                unitDecoded(unit, into: &output)
            }
            if final {
                if pendingByte != nil { append(0xFFFD, to: &output) }
                if pendingHighSurrogate != nil { append(0xFFFD, to: &output) }
                pendingByte = nil
                pendingHighSurrogate = nil
            }
        }
    }

    private mutating func unitDecoded(_ unit: UInt32, into output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                return
            }
            append(0xFFFD, to: &output) // a high surrogate without its partner
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHighSurrogate = unit
        case 0xDC00...0xDFFF: append(0xFFFD, to: &output)
        default: append(unit, to: &output)
        }
    }

    private func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
