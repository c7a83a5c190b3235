/// Horizontal bars, one a category, longest label at left: for ranked counts such as pain
/// points by volume, where labels are long and the order matters.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        /// Printed at the end of the bar, e.g. `17 (18.3%)`.
        var valueLabel: String
    }

    var title: String
    var description: String
    var bars: [Bar]
    /// Says what the x axis counts.
    var axisTitle: String
    var color = ChartPalette.blue

    static let width = 760.0
    static let rowHeight = 28.0
    static let maxLabelCharacters = 38

    func render() -> String {
        let labels = bars.map { InlineText.shorten(InlineText.flatten($0.label), to: Self.maxLabelCharacters) }
        let labelWidth = min(300, max(80, labels.map { SVGWriter.textWidth($0, size: 13) }.max() ?? 80)) + 12
        let valueWidth = (bars.map { SVGWriter.textWidth($0.valueLabel, size: 12) }.max() ?? 40) + 12
        let top = 40.0, bottom = 48.0
        let plotLeft = labelWidth + 8
        let plotWidth = Self.width - plotLeft - valueWidth - 12
        let height = top + Double(max(1, bars.count)) * Self.rowHeight + bottom
        let scale = ChartScale(upTo: bars.map(\.value).max() ?? 1)
        var svg = SVGWriter(width: Self.width, height: height)
        svg.text(title, x: 12, y: 22, size: 15, bold: true)
        let plotBottom = top + Double(bars.count) * Self.rowHeight
        for tick in scale.ticks {
            let x = plotLeft + scale.position(tick, length: plotWidth)
            svg.line(x1: x, y1: top - 4, x2: x, y2: plotBottom, stroke: ChartPalette.grid)
            svg.text(NumberFormat.axis(tick), x: x, y: plotBottom + 16, anchor: .middle, size: 12, fill: ChartPalette.muted)
        }
        svg.line(x1: plotLeft, y1: top - 4, x2: plotLeft, y2: plotBottom, stroke: ChartPalette.axis)
        svg.text(axisTitle, x: plotLeft + plotWidth / 2, y: plotBottom + 36, anchor: .middle, size: 12, fill: ChartPalette.muted)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * Self.rowHeight
            let length = scale.position(bar.value, length: plotWidth)
            svg.text(labels[index], x: labelWidth, y: y + Self.rowHeight / 2 + 4.5, anchor: .end)
            svg.rect(x: plotLeft, y: y + 5, width: length, height: Self.rowHeight - 10, fill: color, tooltip: "\(bar.label): \(bar.valueLabel)")
            svg.text(bar.valueLabel, x: plotLeft + length + 6, y: y + Self.rowHeight / 2 + 4.5, size: 12)
        }
        return svg.render(title: title, description: description)
    }
}
