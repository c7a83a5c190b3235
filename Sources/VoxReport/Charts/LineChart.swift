/// Lines over run dates: how a share moved across the trend history. The x axis is in days, so
/// a missed night shows as a gap rather than being hidden; each series has its own colour and
/// marker shape, and the legend lists them with their latest value.
struct LineChart {
    struct Point {
        /// YYYY-MM-DD.
        var date: String
        var value: Double
    }

    struct Series {
        var name: String
        var points: [Point]
    }

    var title: String
    var description: String
    var series: [Series]
    var axisTitle: String
    /// Formats a y value for axis ticks (`20%`).
    var tickFormat: (Double) -> String
    /// Formats a data value for the legend and tooltips (`30.7%`).
    var valueFormat: (Double) -> String

    static let width = 760.0
    static let plotHeight = 240.0

    func render() -> String {
        let dates = Array(Set(series.flatMap { $0.points.map(\.date) })).sorted()
        let days = Dictionary(uniqueKeysWithValues: dates.map { ($0, ISOTime.dayNumber($0) ?? 0) })
        let first = days[dates.first ?? ""] ?? 0, last = days[dates.last ?? ""] ?? 0
        let span = Double(max(1, last - first))
        let legendRows = series.count
        let top = 40.0
        let plotLeft = 64.0, plotRight = Self.width - 48
        let plotWidth = plotRight - plotLeft
        let plotBottom = top + Self.plotHeight
        let height = plotBottom + 58 + Double(legendRows) * 20 + 8
        let scale = ChartScale(upTo: series.flatMap { $0.points.map(\.value) }.max() ?? 1)
        var svg = SVGWriter(width: Self.width, height: height)
        svg.text(title, x: 12, y: 22, size: 15, bold: true)

        func x(_ date: String) -> Double {
            dates.count == 1 ? plotLeft + plotWidth / 2 : plotLeft + Double((days[date] ?? first) - first) / span * plotWidth
        }
        func y(_ value: Double) -> Double { plotBottom - scale.position(value, length: Self.plotHeight) }

        for tick in scale.ticks {
            svg.line(x1: plotLeft, y1: y(tick), x2: plotRight, y2: y(tick), stroke: ChartPalette.grid)
            svg.text(tickFormat(tick), x: plotLeft - 8, y: y(tick) + 4, anchor: .end, size: 12, fill: ChartPalette.muted)
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartPalette.axis)
        svg.text(axisTitle, x: 16, y: top + Self.plotHeight / 2, anchor: .middle, size: 12, fill: ChartPalette.muted, rotate: -90)
        // Date labels at least 80 px apart, always the first and the last date.
        var labelled: [String] = []
        for date in dates where labelled.last.map({ x(date) - x($0) >= 80 }) ?? true {
            labelled.append(date)
        }
        if let lastDate = dates.last, labelled.last != lastDate {
            if labelled.count > 1, x(lastDate) - x(labelled.last!) < 80 { labelled.removeLast() }
            labelled.append(lastDate)
        }
        for date in labelled {
            svg.line(x1: x(date), y1: plotBottom, x2: x(date), y2: plotBottom + 4, stroke: ChartPalette.axis)
            svg.text(date, x: x(date), y: plotBottom + 18, anchor: .middle, size: 12, fill: ChartPalette.muted)
        }
        svg.text("run date (as of)", x: plotLeft + plotWidth / 2, y: plotBottom + 38, anchor: .middle, size: 12, fill: ChartPalette.muted)

        for (index, line) in series.enumerated() {
            let color = ChartPalette.color(index)
            let points = line.points.sorted { $0.date < $1.date }
            svg.polyline(points.map { (x($0.date), y($0.value)) }, stroke: color)
            for point in points {
                svg.marker(ChartPalette.marker(index), x: x(point.date), y: y(point.value), fill: color,
                           tooltip: "\(line.name), \(point.date): \(valueFormat(point.value))")
            }
            // Legend row: marker, name and the latest value.
            let legendY = plotBottom + 60 + Double(index) * 20
            svg.line(x1: plotLeft, y1: legendY - 4, x2: plotLeft + 24, y2: legendY - 4, stroke: color, width: 2)
            svg.marker(ChartPalette.marker(index), x: plotLeft + 12, y: legendY - 4, fill: color)
            let latest = points.last.map { " — \(valueFormat($0.value)) on \($0.date)" } ?? ""
            svg.text(InlineText.shorten(InlineText.flatten(line.name), to: 60) + latest, x: plotLeft + 32, y: legendY, size: 12)
        }
        return svg.render(title: title, description: description)
    }
}
