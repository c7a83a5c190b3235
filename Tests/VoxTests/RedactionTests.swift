import Foundation
import Testing
import VoxModel
@testable import VoxPipeline
@testable import VoxText

/// Personal data is replaced by readable placeholders, and numbers that are not personal are left
/// alone. Both directions are tested with many examples: a redactor that misses a card number
/// leaks it into every report; one that eats dates and prices makes the quotes useless.
@Suite("PII redaction")
struct RedactionTests {
    static let redactor = PIIRedactor()

    struct Case: Sendable, CustomTestStringConvertible {
        var input: String
        var expected: String
        var testDescription: String { input }
        init(_ input: String, _ expected: String) {
            self.input = input
            self.expected = expected
        }
    }

    static let redacted: [Case] = [
        // E-mail addresses.
        Case("mail me at jo.smith+vox@example.co.uk.", "mail me at [email]."),
        Case("<anna_k@mail.example.org>", "<[email]>"),
        Case("42fan@example.com wrote", "[email] wrote"),
        Case("Contact: SUPPORT@Example.COM, thanks", "Contact: [email], thanks"),
        Case("mailto:x@y.io", "mailto:[email]"),
        // Cards (Luhn-valid test numbers of the major issuers).
        Case("card 4111 1111 1111 1111 was charged", "card [card] was charged"),
        Case("card 4111111111111111", "card [card]"),
        Case("amex 3782 822463 10005 declined", "amex [card] declined"),
        Case("mastercard 5555-5555-5555-4444!", "mastercard [card]!"),
        Case("5105105105105100 twice", "[card] twice"),
        Case("discover 6011 0009 9013 9424", "discover [card]"),
        Case("2-series 2223 0031 2200 3222", "2-series [card]"),
        Case("visa 13 digits 4222222222222", "visa 13 digits [card]"),
        // Phone numbers, international.
        Case("call +44 20 7946 0123 now", "call [phone] now"),
        Case("+49 30 12345678", "[phone]"),
        Case("+49 (0)30 1234567 ask for Jo", "[phone] ask for Jo"),
        Case("+1 (555) 010-4477", "[phone]"),
        Case("+33 6 12 34 56 78", "[phone]"),
        Case("+33612345678", "[phone]"),
        Case("0044 20 7946 0958", "[phone]"),
        Case("+91-98765-43210", "[phone]"),
        // Phone numbers, national.
        Case("call (555) 010-4477", "call [phone]"),
        Case("or 020 7946 0958", "or [phone]"),
        Case("mobile 07911 123456", "mobile [phone]"),
        Case("030 1234567", "[phone]"),
        Case("0171/1234567 after six", "[phone] after six"),
        Case("06 12 34 56 78", "[phone]"),
        Case("06.12.34.56.78", "[phone]"),
        Case("555-123-4567", "[phone]"),
        Case("555.123.4567", "[phone]"),
        Case("555 123 4567", "[phone]"),
        Case("1-800-555-0199 is toll free", "[phone] is toll free"),
        Case("(02) 9876 5432", "[phone]"),
        // IBANs (valid check digits), grouped or whole, either case.
        Case("IBAN DE89 3704 0044 0532 0130 00, thanks", "IBAN [iban], thanks"),
        Case("DE89370400440532013000", "[iban]"),
        Case("refund to GB82 WEST 1234 5698 7654 32 please", "refund to [iban] please"),
        Case("gb82west12345698765432", "[iban]"),
        Case("NL91ABNA0417164300.", "[iban]."),
        Case("FR14 2004 1010 0505 0001 3M02 606", "[iban]"),
        Case("NO93 8601 1117 947", "[iban]"),
        // IP addresses.
        Case("from 192.168.0.12 at night", "from [ip] at night"),
        Case("ip 8.8.8.8.", "ip [ip]."),
        Case("10.0.0.1:8080", "[ip]:8080"),
        Case("host 2001:db8::1 refused", "host [ip] refused"),
        Case("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[ip]"),
        Case("loopback ::1 works", "loopback [ip] works"),
        Case("fe80::a00:27ff:fe4e:66a1%eth0", "[ip]%eth0"),
        Case("mapped ::ffff:192.0.2.1 here", "mapped [ip] here"),
        Case("[2001:db8::8a2e:370:7334]:443", "[[ip]]:443"),
        // Several at once; placeholders stay readable in the sentence.
        Case("Jo (jo@example.com, +44 7700 900123) paid with 4111 1111 1111 1111 from 203.0.113.9",
             "Jo ([email], [phone]) paid with [card] from [ip]"),
        Case("Zahlung: DE89 3704 0044 0532 0130 00 — Rückruf 0171 2345678", "Zahlung: [iban] — Rückruf [phone]"),
        Case("電話 03-1234-5678 です", "電話 [phone] です"),
    ]

    static let kept: [String] = [
        // Dates and times.
        "ordered 2025-12-03, arrived 2025-12-10",
        "on 03.01.2026 at 10:30",
        "on 1/3/2026 and 12/31/25",
        "2026-01-03T10:30:00Z",
        "2026-01-03 10:30:00",
        "at 10:30:00 and 23:59",
        "between 9.30 and 17.45",
        "Wed, 03 Dec 2025 10:00:00 +0100",
        // Order, ticket and tracking numbers.
        "order 123456, 3 items",
        "Order #1234567890 never came",
        "order no. 0612345678 is wrong",
        "invoice 4111111111111111",
        "ticket 555-123-4567",
        "tracking 1Z999AA10123456784",
        "parcel JD014600006281230",
        "ref: 00491234567890",
        // Prices and amounts.
        "$1,299.99 for that?",
        "1.299,99 € is too much",
        "€1 299 999 in damages",
        "EUR 12 345 678,90",
        "paid 49.99 twice",
        "100% disappointed, 5/5 stars, 3x late",
        // Versions.
        "app 5.2.0 crashes",
        "since iOS 17.4.1",
        "Windows 10.0.19041.1 here",
        "version 1.2.3.4 fixed it",
        "v2.10.3",
        "build 10.0.1.2",
        // Numbers that are neither cards nor phones.
        "card 4111-1111-1111-1112 was charged",
        "1234567890123456 is not Luhn-valid",
        "7111 1111 1111 1114 starts with no issuer digit",
        "waited 1234567 seconds",
        "12 345 678 people",
        "room 101, floor 3",
        "5000mAh battery",
        "ISBN 978-3-16-148410-0",
        "postcode 10115 Berlin",
        // IBAN-shaped but wrong check digits, an unknown country, or glued to a word.
        "DE88 3704 0044 0532 0130 00",
        "ZZ89 3704 0044 0532 0130 00",
        "xDE89370400440532013000",
        // Not addresses.
        "std::vector and Foo::Bar",
        "MAC 00:1A:2B:3C:4D:5E",
        "the ratio 10:30:00:12",
        "1.2.3.4.5 is not an address",
        "999.1.1.1 is not either",
        "@parcelly please reply",
        "user@localhost",
        "a @ b",
        "no digits here",
        "",
    ]

    @Test("personal data becomes a placeholder", arguments: redacted)
    func redacts(_ example: Case) {
        #expect(Self.redactor.redact(example.input) == example.expected)
    }

    @Test("dates, times, prices, versions, order numbers and other numbers stay", arguments: kept)
    func keeps(_ text: String) {
        #expect(Self.redactor.redact(text) == text)
    }

    @Test("generated: 400 Luhn-valid card numbers and 400 phone numbers in sentences are all redacted")
    func generatedPersonal() {
        var random = SeededRandom(seed: 8)
        for _ in 0..<400 {
            var digits = [Int.random(in: 3...6, using: &random)] + (0..<14).map { _ in Int.random(in: 0...9, using: &random) }
            // The check digit that makes the number Luhn-valid.
            let partial = digits.map(UInt8.init) + [0]
            let sum = partial.reversed().enumerated().reduce(0) { total, item in
                var value = Int(item.element)
                if item.offset % 2 == 1 { value = value * 2 > 9 ? value * 2 - 9 : value * 2 }
                return total + value
            }
            digits.append((10 - sum % 10) % 10)
            let plain = digits.map(String.init).joined()
            let separator = ["", " ", "-"][Int.random(in: 0...2, using: &random)]
            let grouped = stride(from: 0, to: 16, by: 4).map { String(plain.dropFirst($0).prefix(4)) }.joined(separator: separator)
            #expect(Self.redactor.redact("paid with \(grouped), twice") == "paid with [card], twice", "\(grouped)")

            let local = (0..<7).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            let phone = [
                "+\(Int.random(in: 30...49, using: &random)) \(Int.random(in: 10...99, using: &random)) \(local)",
                "0\(Int.random(in: 100...999, using: &random)) \(local)",
                "(\(Int.random(in: 200...999, using: &random))) \(local.prefix(3))-\(local.suffix(4))",
            ][Int.random(in: 0...2, using: &random)]
            #expect(Self.redactor.redact("call \(phone) today") == "call [phone] today", "\(phone)")
        }
    }

    @Test("generated: 400 dates, times, prices and versions in sentences are all kept")
    func generatedKept() {
        var random = SeededRandom(seed: 9)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        for _ in 0..<400 {
            let year = Int.random(in: 1990...2039, using: &random), month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...28, using: &random), hour = Int.random(in: 0...23, using: &random)
            let minute = Int.random(in: 0...59, using: &random)
            let texts = [
                "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute))",
                "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):00Z",
                "\(two(day)).\(two(month)).\(year)",
                "\(month)/\(day)/\(year)",
                "$\(Int.random(in: 1...9, using: &random)),\(Int.random(in: 100...999, using: &random)).\(two(minute))",
                "\(Int.random(in: 1...99, using: &random)).\(Int.random(in: 0...20, using: &random)).\(Int.random(in: 0...99, using: &random))",
                "order \(Int.random(in: 1_000_000...9_999_999_999, using: &random))",
            ]
            for text in texts {
                #expect(Self.redactor.redact("seen \(text), fine") == "seen \(text), fine")
            }
        }
    }

    @Test("the Luhn and mod-97 checks decide: one changed digit and the number stays")
    func checksums() {
        #expect(NumberDetector.Run.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        #expect(!NumberDetector.Run.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]))
        #expect(IBANDetector.checksumValid(Array("DE89370400440532013000".utf8)))
        #expect(!IBANDetector.checksumValid(Array("DE89370400440532013001".utf8)))
    }

    @Test("texts with invalid or unusual Unicode come through intact around the placeholders")
    func unicode() {
        let text = "😡 café 4111 1111 1111 1111 naïve \u{FFFD} ok"
        #expect(Self.redactor.redact(text) == "😡 café [card] naïve \u{FFFD} ok")
    }

    static let secrets = [
        "4111 1111 1111 1111", "ann.lee@example.com", "DE89 3704 0044 0532 0130 00", "+44 20 7946 0123",
        "192.168.0.12", "2001:db8::1", "020 7946 0958", "jo@example.com",
    ]

    /// Runs the fixture pipeline and returns every output file's text by name.
    static func runFixture(redact: Bool) throws -> [String: String] {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var config = try PipelineParser().parse(contentsOf: TestSupport.fixture("redaction/redaction.yml"))
        config.outputs.redact = redact
        let out = root.appendingPathComponent("out")
        _ = try PipelineRunner(config: config, options: RunOptions(outputDirectory: out.path, asOf: "2026-01-05")).run()
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            files[name] = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    @Test("a pipeline run: no planted secret reaches any output file; versions, dates, prices and order numbers do")
    func pipeline() throws {
        let files = try Self.runFixture(redact: true)
        #expect(files.keys.contains("records.jsonl") && files.keys.contains("rejects.jsonl") && files.keys.contains("report.md"))
        for (name, text) in files {
            for secret in Self.secrets { #expect(!text.contains(secret), "\(secret) leaked into \(name)") }
            #expect(!text.contains("redaction is off"), "\(name)")
        }
        let records = try #require(files["records.jsonl"])
        for kept in ["5.2.0", "Order 123456", "2026-01-03 at 10:30", "$1,299.99"] {
            #expect(records.contains(kept), "\(kept) was redacted")
        }
        for placeholder in ["[card]", "[email]", "[iban]", "[phone]", "[ip]"] {
            #expect(records.contains(placeholder), "\(placeholder) missing")
        }
        let rejects = try #require(files["rejects.jsonl"])
        #expect(rejects.contains("[email]") && rejects.contains("[phone]") && rejects.contains("03.01.2026"), "\(rejects)")
    }

    @Test("outputs.redact: false keeps the texts as they are and the report says so")
    func redactionOff() throws {
        let files = try Self.runFixture(redact: false)
        #expect(try #require(files["records.jsonl"]).contains("4111 1111 1111 1111"))
        #expect(try #require(files["report.md"]).lowercased().contains("redact"))
    }

    @Test("records: text, author and segment values are redacted; ids are kept")
    func records() {
        let record = FeedbackRecord(
            id: "a@b.example", source: "s", text: "reach me on +44 20 7946 0123", conversation: "c1",
            author: "jo@example.com", segments: [Segment(name: "contact", value: "07911 123456"), Segment(name: "region", value: "EU")],
            location: InputLocation(file: "f.csv", line: 2)
        )
        let redacted = Self.redactor.redacting(record)
        #expect(redacted.text == "reach me on [phone]")
        #expect(redacted.author == "[email]")
        #expect(redacted.segments.map(\.value) == ["[phone]", "EU"])
        #expect(redacted.id == "a@b.example")
    }

    @Test("a record redacted in place changes only the fields that hold personal data")
    func recordInPlace() {
        var record = FeedbackRecord(
            id: "1", source: "s", text: "the parcel came 3 days late", author: "jo",
            segments: [Segment(name: "a", value: "EU"), Segment(name: "b", value: "call 07911 123456")],
            location: InputLocation(file: "f.csv", line: 2)
        )
        Self.redactor.redact(&record)
        #expect(record.text == "the parcel came 3 days late")
        #expect(record.author == "jo")
        #expect(record.segments.map(\.value) == ["EU", "call [phone]"])
        #expect(Self.redactor.redacted("the parcel came 3 days late") == nil)
        #expect(Self.redactor.redacted("mail jo@example.com") == "mail [email]")
    }

    @Test("rejects: excerpt and message are redacted")
    func rejects() {
        let reject = Reject(
            source: "s", location: InputLocation(file: "f.csv", line: 3), reason: "bad_time",
            message: "time `jo@example.com` is not a date", excerpt: "4,jo@example.com,card 4111 1111 1111 1111"
        )
        let redacted = Self.redactor.redacting(reject)
        #expect(redacted.message == "time `[email]` is not a date")
        #expect(redacted.excerpt == "4,[email],card [card]")
    }
}
