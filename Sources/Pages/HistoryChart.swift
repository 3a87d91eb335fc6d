import PunchcardStatements
import PunchcardSupport

/// The year at a glance as inline SVG: points earned and redeemed per month as bars, the closing
/// balance as a line. Drawn in Swift (no script, no file), in the page's digits and month names, and
/// mirrored on right-to-left pages so that time runs the way the reader reads. The same numbers are
/// in a table beside it for screen readers and print.
struct HistoryChart {
    let history: [Statement.HistoryMonth]
    let formatter: LocaleFormatter
    let rightToLeft: Bool
    let title: String
    let legend: (earned: String, redeemed: String, balance: String)

    static let width = 640.0, height = 240.0, top = 28.0, bottom = 200.0, side = 24.0

    func svg() -> String {
        guard !history.isEmpty else { return "" }
        let slot = (Self.width - 2 * Self.side) / Double(history.count)
        let barScale = Double(max(1, history.map { max($0.earned, $0.redeemed) }.max() ?? 1))
        let balanceScale = Double(max(1, history.map(\.closingBalance).max() ?? 1))
        let plot = Self.bottom - Self.top
        func x(_ index: Int) -> Double {
            let start = Self.side + slot * Double(index)
            return rightToLeft ? Self.width - start - slot : start
        }
        func format(_ value: Double) -> String { String(Int((value * 10).rounded())) .dividedByTen }
        var bars = "", labels = "", points: [String] = []
        for (index, month) in history.enumerated() {
            let earned = plot * Double(max(0, month.earned)) / barScale
            let redeemed = plot * Double(max(0, month.redeemed)) / barScale
            let barWidth = slot * 0.32
            let first = x(index) + slot * 0.16
            let (earnedX, redeemedX) = rightToLeft ? (first + barWidth, first) : (first, first + barWidth)
            bars += "<rect class=\"earned\" x=\"\(format(earnedX))\" y=\"\(format(Self.bottom - earned))\" width=\"\(format(barWidth))\" height=\"\(format(earned))\"/>"
            bars += "<rect class=\"redeemed\" x=\"\(format(redeemedX))\" y=\"\(format(Self.bottom - redeemed))\" width=\"\(format(barWidth))\" height=\"\(format(redeemed))\"/>"
            let balance = Self.bottom - plot * Double(max(0, month.closingBalance)) / balanceScale
            points.append("\(format(x(index) + slot / 2)),\(format(balance))")
            labels += "<text x=\"\(format(x(index) + slot / 2))\" y=\"\(format(Self.bottom + 18))\">\(TemplateSet.escapeHTML(formatter.shortMonthName(month.period)))</text>"
        }
        let legendX = rightToLeft ? Self.width - Self.side : Self.side
        let anchor = rightToLeft ? "end" : "start"
        let step = rightToLeft ? -1.0 : 1.0
        func key(_ offset: Double, _ className: String, _ text: String) -> String {
            let keyX = legendX + step * offset
            let boxX = rightToLeft ? keyX - 10 : keyX
            let textX = keyX + step * 14
            return "<rect class=\"\(className)\" x=\"\(format(boxX))\" y=\"6\" width=\"10\" height=\"10\"/>" +
                "<text x=\"\(format(textX))\" y=\"15\" text-anchor=\"\(anchor)\">\(TemplateSet.escapeHTML(text))</text>"
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="history-chart" role="img" aria-labelledby="history-chart-title" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" preserveAspectRatio="xMidYMid meet">\
            <title id="history-chart-title">\(TemplateSet.escapeHTML(title))</title>\
            <line class="axis" x1="\(Self.side)" y1="\(Self.bottom)" x2="\(Self.width - Self.side)" y2="\(Self.bottom)"/>\
            \(bars)<polyline class="balance-line" points="\(points.joined(separator: " "))"/>\
            <g class="months" text-anchor="middle">\(labels)</g>\
            <g class="legend">\(key(0, "earned", legend.earned))\(key(150, "redeemed", legend.redeemed))\
            \(key(300, "balance-key", legend.balance))</g></svg>
            """
    }
}

private extension String {
    /// "1234" (tenths) → "123.4".
    var dividedByTen: String {
        guard let value = Int(self) else { return self }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
