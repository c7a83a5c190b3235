import Foundation
import Testing
@testable import VoxReport

@Suite("SVG charts")
struct ChartTests {
    @Test("axis scales end on a round value with 1-2-5 steps")
    func scale() {
        #expect(ChartScale(upTo: 21).ticks == [0, 5, 10, 15, 20, 25])
        #expect(ChartScale(upTo: 0.37 * 100).ticks == [0, 10, 20, 30, 40])
        #expect(ChartScale(upTo: 3).ticks == [0, 1, 2, 3])
        #expect(ChartScale(upTo: 0).maximum == 1)
        #expect(ChartScale(upTo: 0.6).step == 0.2 && ChartScale(upTo: 0.6).ticks.map(NumberFormat.axis) == ["0", "0.2", "0.4", "0.6"])
        #expect(ChartScale(upTo: 1234).step == 500)
    }

    @Test("dates map to day numbers, so a missed run shows as a gap")
    func days() throws {
        #expect(ISOTime.dayNumber("1970-01-01") == 0)
        #expect(ISOTime.dayNumber("2000-03-01") == 11_017)
        #expect(ISOTime.dayNumber("2026-01-01").map { ISOTime.civil(fromDays: Int64($0)) } ?? (0, 0, 0) == (2026, 1, 1))
        #expect(ISOTime.dayNumber("2026-13-01") == nil)
        // Points on days 0, 1 and 3: the gap between the 2nd and 3rd is twice the first.
        let chart = LineChart(
            title: "t", description: "d",
            series: [.init(name: "s", points: [.init(date: "2026-01-01", value: 1), .init(date: "2026-01-02", value: 2), .init(date: "2026-01-04", value: 3)])],
            axisTitle: "a", tickFormat: { "\($0)" }, valueFormat: { "\($0)" }
        ).render()
        let xs = chart.components(separatedBy: "<polyline points=\"")[1].prefix { $0 != "\"" }
            .split(separator: " ").map { Double($0.split(separator: ",")[0])! }
        #expect(xs.count == 3)
        #expect(abs((xs[2] - xs[1]) - 2 * (xs[1] - xs[0])) < 0.2)
    }

    @Test("bar charts: labelled axis, value labels, Okabe–Ito colour, accessible title; same input, same bytes")
    func bars() {
        let chart = BarChart(
            title: "Pain points by volume", description: "Three pain points.",
            bars: [.init(label: "Refunds", value: 12, valueLabel: "12 (40.0%)"), .init(label: "Delivery", value: 3, valueLabel: "3 (10.0%)")],
            axisTitle: "negative customer messages"
        )
        let svg = chart.render()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("role=\"img\" aria-label=\"Pain points by volume\""))
        #expect(svg.contains("<title>Pain points by volume</title>\n<desc>Three pain points.</desc>"))
        #expect(svg.contains(">negative customer messages</text>"))
        #expect(svg.contains(">12 (40.0%)</text>") && svg.contains(">Refunds</text>"))
        #expect(svg.contains("fill=\"\(ChartPalette.blue)\""))
        #expect(svg == chart.render())
    }

    @Test("stacked bars print each share and pick readable text on each colour")
    func stacked() {
        let svg = StackedBarChart(
            title: "Sentiment", description: "d",
            parts: [.init(name: "negative", color: ChartPalette.negative), .init(name: "neutral", color: ChartPalette.neutral), .init(name: "positive", color: ChartPalette.positive)],
            rows: [.init(label: "This run", counts: [30, 20, 50])]
        ).render()
        #expect(svg.contains(">30.0%</text>") && svg.contains(">20.0%</text>") && svg.contains(">50.0%</text>"))
        #expect(svg.contains(">negative</text>") && svg.contains(">positive</text>"))
        #expect(ChartPalette.textColor(on: "#ffffff") == ChartPalette.ink)
        #expect(ChartPalette.textColor(on: ChartPalette.blue) == "#ffffff")
    }

    @Test("the charts report.json lists are the report document's, in its order: sentiment, trends, pain points")
    func chartsWithoutTheDocument() throws {
        let out = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try DemoRun.run(into: out).result
        let sections = ReportSections(result: result)
        let charts = sections.charts()
        #expect(charts == sections.document().charts)
        #expect(charts.count >= 3, "the demo has a sentiment chart, trend charts (with its history) and a pain-point chart")
    }
}
