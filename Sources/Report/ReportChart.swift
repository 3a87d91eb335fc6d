import Foundation
import PunchcardSupport

/// A 12-month chart for the report: bars (one or more series) and an optional line on its own
/// scale, as inline SVG. Laid out oldest first from the reading direction's start, so it mirrors
/// on right-to-left pages; numbers and words arrive formatted in the page's language.
struct ReportChart {
    struct Bars { var name: String, cssClass: String, values: [Int] }
    struct Line {
        var name: String, cssClass: String, values: [Double?]
        /// A fixed scale (NPS: −100 to 100) with its labels, drawn as lines: the top, zero and
        /// the bottom. Without it the line is scaled to its own values.
        var scale: (low: Double, high: Double, labels: (low: String, zero: String, high: String))? = nil
    }

    var id: String
    var title: String
    var months: [String]
    var bars: [Bars]
    var line: Line?
    var rightToLeft: Bool
    /// The largest bar's value and the line's last value, formatted in the page's digits, written
    /// on the chart so it can be read without the table.
    var barsTopLabel: String? = nil
    var lineLastLabel: String? = nil

    /// Drawn small (360 units wide) so that on a phone, where it is about 320 px wide, its text is
    /// drawn at about its own size (14 units there, 12 px and up); wider screens use smaller units.
    static let width = 360.0, height = 196.0
    static let left = 8.0, right = 352.0, top = 24.0, bottom = 170.0

    func svg() -> String {
        let count = months.count
        guard count > 0 else { return "" }
        let slot = (Self.right - Self.left) / Double(count)
        func center(_ index: Int) -> Double {
            let position = rightToLeft ? count - 1 - index : index
            return Self.left + slot * (Double(position) + 0.5)
        }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\">"
        svg += "<title id=\"\(id)-title\">\(title.htmlEscaped)</title>"
        if let barsTopLabel, !bars.isEmpty {
            svg += "<line class=\"grid\" x1=\"\(f(Self.left))\" y1=\"\(f(Self.top))\" x2=\"\(f(Self.right))\" y2=\"\(f(Self.top))\"/>"
            svg += "<text class=\"scale\" x=\"\(f(rightToLeft ? Self.right : Self.left))\" y=\"\(f(Self.top - 6))\" text-anchor=\"\(rightToLeft ? "end" : "start")\">\(barsTopLabel.htmlEscaped)</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(f(Self.left))\" y1=\"\(f(Self.bottom))\" x2=\"\(f(Self.right))\" y2=\"\(f(Self.bottom))\"/>"
        let plotHeight = Self.bottom - Self.top
        let largest = max(1, bars.flatMap(\.values).max() ?? 1)
        if !bars.isEmpty {
            let groupWidth = slot * 0.72
            let barWidth = groupWidth / Double(bars.count)
            for (series, bar) in bars.enumerated() {
                var path = ""
                for (index, value) in bar.values.enumerated() where value > 0 && index < count {
                    let height = plotHeight * Double(value) / Double(largest)
                    let order = rightToLeft ? bars.count - 1 - series : series
                    let x = center(index) - groupWidth / 2 + barWidth * Double(order)
                    path += "M\(f(x)) \(f(Self.bottom))v-\(f(height))h\(f(barWidth))v\(f(height))z"
                }
                if !path.isEmpty { svg += "<path class=\"\(bar.cssClass)\" d=\"\(path)\"/>" }
            }
        }
        if let line, let scale = line.scale {
            // The scale: its top and bottom, and zero between them, each labelled.
            for (value, label, cssClass) in [(scale.high, scale.labels.high, "grid"), (0, scale.labels.zero, "zero"),
                                             (scale.low, scale.labels.low, "grid")] {
                let y = Self.bottom - plotHeight * (value - scale.low) / max(scale.high - scale.low, 1)
                svg += "<line class=\"\(cssClass)\" x1=\"\(f(Self.left))\" y1=\"\(f(y))\" x2=\"\(f(Self.right))\" y2=\"\(f(y))\"/>"
                svg += "<text class=\"scale\" x=\"\(f(rightToLeft ? Self.right : Self.left))\" y=\"\(f(y - 4))\" text-anchor=\"\(rightToLeft ? "end" : "start")\">\(label.htmlEscaped)</text>"
            }
        }
        if let line {
            let known = line.values.compactMap { $0 }
            if let low = known.min(), let high = known.max() {
                let floor = line.scale.map { $0.low } ?? min(0, low)
                let span = line.scale.map { max($0.high - $0.low, 1) } ?? max(high - floor, 1)
                var points: [String] = []
                for (index, value) in line.values.enumerated() where index < count {
                    guard let value else { continue }
                    points.append("\(f(center(index))),\(f(Self.bottom - plotHeight * (value - floor) / span))")
                }
                if points.count > 1 {
                    svg += "<polyline class=\"\(line.cssClass)\" points=\"\(points.joined(separator: " "))\"/>"
                }
                if let last = points.last {
                    let xy = last.split(separator: ",")
                    svg += "<circle class=\"\(line.cssClass)-dot\" cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"4\"/>"
                    if let lineLastLabel, let x = Double(xy[0]), let y = Double(xy[1]) {
                        // Beside the point, towards the chart's inside.
                        let anchor = rightToLeft ? "start" : "end"
                        svg += "<text class=\"value\" x=\"\(f(rightToLeft ? x + 8 : x - 8))\" y=\"\(f(max(Self.top + 10, y - 8)))\" text-anchor=\"\(anchor)\">\(lineLastLabel.htmlEscaped)</text>"
                    }
                }
            }
        }
        svg += "<g class=\"months\" text-anchor=\"middle\">"
        // Long month names (اردیبهشت) do not fit every slot: then every other one, ending with this month.
        let step = (months.map(\.count).max() ?? 0) * 10 > Int(slot) ? 2 : 1 // about 8 units a letter at 14, and room between
        for (index, month) in months.enumerated() where (count - 1 - index) % step == 0 {
            svg += "<text x=\"\(f(center(index)))\" y=\"\(f(Self.bottom + 18))\">\(month.htmlEscaped)</text>"
        }
        svg += "</g></svg>"
        // The legend is HTML under the chart: it wraps and reads at the page's own size.
        let keys = bars.map { ($0.name, $0.cssClass) } + (line.map { [($0.name, $0.cssClass + "-key")] } ?? [])
        svg += "<ul class=\"legend\" aria-hidden=\"true\">"
        for (name, cssClass) in keys {
            svg += "<li><span class=\"key \(cssClass)\"></span>\(name.htmlEscaped)</li>"
        }
        svg += "</ul>"
        return svg
    }
}
