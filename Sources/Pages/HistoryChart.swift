import PunchcardStatements
import PunchcardSupport

/// The year at a glance as inline SVG: points earned and redeemed per month as bars, the closing
/// balance as a line. Drawn in Swift (no script, no file), in the page's digits and month names, and
/// mirrored on right-to-left pages so that time runs the way the reader reads. The same numbers are
/// in a table beside it for screen readers and print, made here too so that the two always agree
/// (and because twelve rows of four template tags cost more than the rest of the page's values).
///
/// Everything but the member's numbers (title, axis, month names, legend, the table's headings) is
/// the same on every page of a language and period: it is drawn once as a `Frame` and shared.
struct HistoryChart {
    static let width = 640.0, height = 240.0, top = 28.0, bottom = 200.0, side = 24.0

    /// The parts of the chart that do not depend on the member.
    struct Frame: Sendable {
        let months: Int
        let rightToLeft: Bool
        let head: String
        let tail: String
        /// The table up to its first row, and each month's row heading.
        let tableHead: String
        let rowHeads: [String]

        init(periods: [Period], formatter: LocaleFormatter, title: String, monthHeading: String,
             legend: (earned: String, redeemed: String, balance: String)) {
            months = periods.count
            rightToLeft = formatter.isRightToLeft
            var head = ByteText(capacity: 400)
            head.append("<svg class=\"history-chart\" role=\"img\" aria-labelledby=\"history-chart-title\" viewBox=\"0 0 ")
            head.append(Int(HistoryChart.width)); head.append(" "); head.append(Int(HistoryChart.height))
            head.append("\" preserveAspectRatio=\"xMidYMid meet\"><title id=\"history-chart-title\">")
            head.append(title.htmlEscaped)
            head.append("</title><line class=\"axis\" x1=\"")
            head.appendTenths(HistoryChart.side); head.append("\" y1=\""); head.appendTenths(HistoryChart.bottom)
            head.append("\" x2=\""); head.appendTenths(HistoryChart.width - HistoryChart.side)
            head.append("\" y2=\""); head.appendTenths(HistoryChart.bottom); head.append("\"/>")
            self.head = head.text

            let layout = Layout(months: periods.count, rightToLeft: rightToLeft)
            var tail = ByteText(capacity: 1200)
            tail.append("<g class=\"months\" text-anchor=\"middle\">")
            for (index, period) in periods.enumerated() {
                tail.append("<text x=\""); tail.appendTenths(layout.x(index) + layout.slot / 2)
                tail.append("\" y=\""); tail.appendTenths(HistoryChart.bottom + 18); tail.append("\">")
                tail.append(formatter.shortMonthName(period).htmlEscaped); tail.append("</text>")
            }
            tail.append("</g><g class=\"legend\">")
            let legendX = rightToLeft ? HistoryChart.width - HistoryChart.side : HistoryChart.side
            let step = rightToLeft ? -1.0 : 1.0
            for (offset, className, text) in [(0.0, "earned", legend.earned), (150, "redeemed", legend.redeemed),
                                              (300, "balance-key", legend.balance)] {
                let keyX = legendX + step * offset
                tail.append("<rect class=\""); tail.append(className); tail.append("\" x=\"")
                tail.appendTenths(rightToLeft ? keyX - 10 : keyX)
                tail.append("\" y=\"6\" width=\"10\" height=\"10\"/><text x=\"")
                tail.appendTenths(keyX + step * 14)
                tail.append("\" y=\"15\" text-anchor=\""); tail.append(rightToLeft ? "end" : "start"); tail.append("\">")
                tail.append(text.htmlEscaped); tail.append("</text>")
            }
            tail.append("</g></svg>")
            self.tail = tail.text

            var table = ByteText(capacity: 600)
            table.append("<table class=\"history-table\"><caption>"); table.append(title.htmlEscaped)
            table.append("</caption><thead><tr><th scope=\"col\">"); table.append(monthHeading.htmlEscaped)
            for heading in [legend.earned, legend.redeemed, legend.balance] {
                table.append("</th><th scope=\"col\" class=\"num\">"); table.append(heading.htmlEscaped)
            }
            table.append("</th></tr></thead><tbody>")
            tableHead = table.text
            rowHeads = periods.map { "<tr><th scope=\"row\">\(formatter.periodName($0).htmlEscaped)</th>" }
        }
    }

    /// Where each month's slot is.
    struct Layout {
        let slot: Double
        let rightToLeft: Bool

        init(months: Int, rightToLeft: Bool) {
            slot = (HistoryChart.width - 2 * HistoryChart.side) / Double(max(1, months))
            self.rightToLeft = rightToLeft
        }

        func x(_ index: Int) -> Double {
            let start = HistoryChart.side + slot * Double(index)
            return rightToLeft ? HistoryChart.width - start - slot : start
        }
    }

    let history: [Statement.HistoryMonth]
    let frame: Frame

    /// The same numbers as a table: month, earned, redeemed, closing balance, in the page's digits.
    func table(formatter: LocaleFormatter) -> String {
        String(decoding: tableBytes(formatter: formatter), as: UTF8.self)
    }

    func tableBytes(formatter: LocaleFormatter) -> [UInt8] {
        guard !history.isEmpty, history.count == frame.months else { return [] }
        var table = ByteText(capacity: frame.tableHead.utf8.count + 160 * history.count)
        table.append(frame.tableHead)
        for (month, rowHead) in zip(history, frame.rowHeads) {
            table.append(rowHead)
            // A cell is its own bidirectional paragraph: the number needs no <bdi>.
            for value in [month.earned, month.redeemed, month.closingBalance] {
                table.append("<td>"); formatter.appendEscapedNumber(value, to: &table); table.append("</td>")
            }
            table.append("</tr>")
        }
        table.append("</tbody></table>")
        return table.bytes
    }

    func svg() -> String { String(decoding: svgBytes(), as: UTF8.self) }

    func svgBytes() -> [UInt8] {
        guard !history.isEmpty, history.count == frame.months else { return [] }
        let layout = Layout(months: history.count, rightToLeft: frame.rightToLeft)
        let barScale = Double(max(1, history.map { max($0.earned, $0.redeemed) }.max() ?? 1))
        let balanceScale = Double(max(1, history.map(\.closingBalance).max() ?? 1))
        let plot = Self.bottom - Self.top
        let barWidth = layout.slot * 0.32
        var svg = ByteText(capacity: frame.head.utf8.count + frame.tail.utf8.count + 1800)
        svg.append(frame.head)
        // The bars of each kind as one path: a rectangle per month, drawn up from the axis.
        for (className, isEarned) in [("earned", true), ("redeemed", false)] {
            var bars = ByteText(capacity: 400)
            for (index, month) in history.enumerated() {
                let height = plot * Double(max(0, isEarned ? month.earned : month.redeemed)) / barScale
                guard height > 0 else { continue }
                let first = layout.x(index) + layout.slot * 0.16
                let x = (isEarned != frame.rightToLeft) ? first : first + barWidth
                bars.append(ascii: "M"); bars.appendTenths(x); bars.append(ascii: " "); bars.appendTenths(Self.bottom)
                bars.append(ascii: "v"); bars.appendTenths(-height)
                bars.append(ascii: "h"); bars.appendTenths(barWidth)
                bars.append(ascii: "v"); bars.appendTenths(height); bars.append(ascii: "z")
            }
            guard !bars.bytes.isEmpty else { continue }
            svg.append("<path class=\""); svg.append(className); svg.append("\" d=\"")
            svg.append(bytes: bars.bytes); svg.append("\"/>")
        }
        svg.append("<polyline class=\"balance-line\" points=\"")
        for (index, month) in history.enumerated() {
            if index > 0 { svg.append(" ") }
            svg.appendTenths(layout.x(index) + layout.slot / 2); svg.append(",")
            svg.appendTenths(Self.bottom - plot * Double(max(0, month.closingBalance)) / balanceScale)
        }
        svg.append("\"/>")
        svg.append(frame.tail)
        return svg.bytes
    }
}
