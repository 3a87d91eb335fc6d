import Foundation
import PunchcardSupport

/// A 12-month chart for the report: bars (one or more series) and an optional line on its own
/// scale, as inline SVG. Laid out oldest first from the reading direction's start, so it mirrors
/// on right-to-left pages; numbers and words arrive formatted in the page's language.
struct ReportChart {
    struct Bars { var name: String, cssClass: String, values: [Int] }
    struct Line { var name: String, cssClass: String, values: [Double?] }

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

    static let width = 640.0, height = 222.0
    static let left = 16.0, right = 624.0, top = 50.0, bottom = 196.0

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
        if let line {
            let known = line.values.compactMap { $0 }
            if let low = known.min(), let high = known.max() {
                let floor = min(0, low), span = max(high - floor, 1)
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
        let step = (months.map(\.count).max() ?? 0) * 8 > Int(slot) ? 2 : 1
        for (index, month) in months.enumerated() where (count - 1 - index) % step == 0 {
            svg += "<text x=\"\(f(center(index)))\" y=\"\(f(Self.bottom + 18))\">\(month.htmlEscaped)</text>"
        }
        svg += "</g><g class=\"legend\">"
        // The legend reads from the start of the line.
        var x = rightToLeft ? Self.right : Self.left
        let keys = bars.map { ($0.name, $0.cssClass) } + (line.map { [($0.name, $0.cssClass + "-key")] } ?? [])
        for (name, cssClass) in keys {
            let boxX = rightToLeft ? x - 10 : x
            svg += "<rect class=\"\(cssClass)\" x=\"\(f(boxX))\" y=\"5\" width=\"11\" height=\"11\"/>"
            let textX = rightToLeft ? x - 14 : x + 14
            svg += "<text x=\"\(f(textX))\" y=\"15\" text-anchor=\"\(rightToLeft ? "end" : "start")\">\(name.htmlEscaped)</text>"
            let advance = 34 + Double(name.count) * 8.6
            x += rightToLeft ? -advance : advance
        }
        svg += "</g></svg>"
        return svg
    }
}
