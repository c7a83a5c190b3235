import Foundation

/// 100 % stacked horizontal bars: how a whole splits into parts, one bar a run (this run, the
/// previous one). Each part is labelled with its percentage where it fits, and a legend names
/// the parts in order, so colour is never the only cue.
struct StackedBarChart {
    struct Part {
        var name: String
        var color: String
    }

    struct Row {
        var label: String
        var counts: [Int]
    }

    var title: String
    var description: String
    var parts: [Part]
    var rows: [Row]

    static let width = 760.0
    static let rowHeight = 40.0

    func render() -> String {
        let labelWidth = min(220, max(90, rows.map { SVGWriter.textWidth($0.label, size: 13) }.max() ?? 90)) + 12
        let plotLeft = labelWidth + 8
        let plotWidth = Self.width - plotLeft - 24
        let top = 64.0
        let height = top + Double(rows.count) * Self.rowHeight + 20
        var svg = SVGWriter(width: Self.width, height: height)
        svg.text(title, x: 12, y: 22, size: 15, bold: true)
        // Legend, in stacking order.
        var legendX = plotLeft
        for part in parts {
            svg.rect(x: legendX, y: 36, width: 12, height: 12, fill: part.color)
            svg.text(part.name, x: legendX + 17, y: 46.5, size: 12)
            legendX += 17 + SVGWriter.textWidth(part.name, size: 12) + 22
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * Self.rowHeight
            svg.text(row.label, x: labelWidth, y: y + Self.rowHeight / 2 + 4.5, anchor: .end)
            let total = row.counts.reduce(0, +)
            guard total > 0 else {
                svg.text("no customer messages", x: plotLeft, y: y + Self.rowHeight / 2 + 4.5, size: 12, fill: ChartPalette.muted)
                continue
            }
            var x = plotLeft
            for (partIndex, count) in row.counts.enumerated() {
                let share = Double(count) / Double(total)
                let length = share * plotWidth
                let part = parts[partIndex]
                let percent = NumberFormat.percent(share)
                svg.rect(x: x, y: y + 6, width: length, height: Self.rowHeight - 12, fill: part.color, stroke: "#ffffff",
                         tooltip: "\(row.label), \(part.name): \(count) (\(percent))")
                if length >= SVGWriter.textWidth(percent, size: 12) + 8 {
                    svg.text(percent, x: x + length / 2, y: y + Self.rowHeight / 2 + 4.5, anchor: .middle, size: 12,
                             bold: true, fill: ChartPalette.textColor(on: part.color))
                }
                x += length
            }
        }
        return svg.render(title: title, description: description)
    }
}

extension ChartPalette {
    /// Black or white text, whichever reads better on `background` (by relative luminance).
    static func textColor(on background: String) -> String {
        let hex = background.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return ink }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        // Contrast against black is (L + 0.05) / 0.05, against white 1.05 / (L + 0.05).
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? ink : "#ffffff"
    }
}
