import Foundation
import Testing
@testable import VoxIngest

@Suite("Time formats")
struct TimeParserTests {
    /// 2025-12-03 10:00:00 UTC
    let tenUTC = Date(timeIntervalSince1970: 1_764_756_000)

    func parse(_ text: String, _ format: TimeFormat = .auto, offset: Int = 0, zone: String? = nil) -> Date? {
        TimeParser.parse(text, format: format, defaultOffsetSeconds: offset, timeZone: zone.flatMap(TimeZone.init(identifier:)))
    }

    @Test("RFC 2822 with and without weekday, seconds and zone; obsolete zone names")
    func rfc2822() {
        #expect(parse("Wed, 03 Dec 2025 11:00:00 +0100") == tenUTC)
        #expect(parse("3 Dec 2025 10:00 GMT", .rfc2822) == tenUTC)
        #expect(parse("Wed, 3 Dec 2025 05:00:00 EST") == tenUTC)
        #expect(parse("03 Dec 2025 12:00:00", .rfc2822, offset: 7200) == tenUTC)
        #expect(parse("03 Dec 25 10:00:00 Z", .rfc2822) == tenUTC)
        #expect(parse("Wed 03 Dec 2025 10:00:00 +0000", .rfc2822) == nil) // the weekday needs its comma
        #expect(parse("31 Feb 2025 10:00:00 +0000", .rfc2822) == nil)
    }

    @Test("patterns: day-first, month names, 12-hour clock, fractions, literal text, offsets")
    func patterns() throws {
        #expect(parse("03-12-2025 11:00", .pattern(try TimePattern("dd-MM-yyyy HH:mm")), offset: 3600) == tenUTC)
        #expect(parse("3/12/25 10:00", .pattern(try TimePattern("d/M/yy HH:mm"))) == tenUTC)
        #expect(parse("Dec 3, 2025 10:00:00 AM", .pattern(try TimePattern("MMM d, yyyy hh:mm:ss a"))) == tenUTC)
        #expect(parse("2025.12.03T10h00m00.250s+00:00", .pattern(try TimePattern("yyyy.MM.dd'T'HH'h'mm'm'ss.SSS's'XXX")))
                == tenUTC.addingTimeInterval(0.25))
        #expect(parse("12/03/2025 12:00 PM", .pattern(try TimePattern("MM/dd/yyyy hh:mm a"))) == Date(timeIntervalSince1970: 1_764_763_200))
        #expect(parse("03-12-2025", .pattern(try TimePattern("dd-MM-yyyy HH:mm"))) == nil)
        #expect(parse("32-12-2025 10:00", .pattern(try TimePattern("dd-MM-yyyy HH:mm"))) == nil)
    }

    @Test("a pattern with an unknown letter or without a date is refused with a reason")
    func badPatterns() {
        #expect(throws: TimePattern.PatternError.self) { try TimePattern("dd-MM-yyyy HH:mm Q") }
        #expect(throws: TimePattern.PatternError.self) { try TimePattern("HH:mm") }
        #expect(throws: TimePattern.PatternError.self) { try TimePattern("dd-MM-yyyy hh:mm") }
        #expect(throws: TimePattern.PatternError.self) { try TimePattern("dd-MM-yyyy 'T") }
    }

    @Test("an IANA zone follows daylight saving time; an explicit offset in the text wins")
    func namedZone() {
        // Berlin is UTC+1 in December and UTC+2 in July.
        #expect(parse("2025-12-03 11:00", zone: "Europe/Berlin") == tenUTC)
        #expect(parse("2025-07-03 12:00", zone: "Europe/Berlin") == Date(timeIntervalSince1970: 1_751_536_800))
        #expect(parse("2025-12-03T10:00:00Z", zone: "Europe/Berlin") == tenUTC)
    }

    @Test("epoch seconds and milliseconds by format; auto tells them apart by size")
    func epochs() {
        #expect(parse("1764756000", .epochSeconds) == tenUTC)
        #expect(parse("1764756000000", .epochMilliseconds) == tenUTC)
        #expect(parse("1764756000.5", .auto) == tenUTC.addingTimeInterval(0.5))
        #expect(parse("soon", .epochSeconds) == nil)
    }
}
