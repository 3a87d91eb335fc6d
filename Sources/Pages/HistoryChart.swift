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
    /// Drawn small (360 units wide) so that on a phone, where it is about 320 px wide, its text is
    /// drawn at about its own size: the stylesheet sets it at 14 units there (12.5 px and up).
    static let width = 360.0, height = 196.0, top = 10.0, bottom = 168.0, side = 8.0

    /// The words around the numbers.
    struct Words {
        let title: String, month: String, earned: String, redeemed: String, expired: String, adjusted: String
        let balance: String, opening: String
    }

    /// The parts of the chart that do not depend on the member.
    struct Frame: Sendable {
        let months: Int
        let rightToLeft: Bool
        let head: String
        let tail: String
        /// The table up to its first row, and each month's row heading.
        let tableHead: String
        let openingHead: String
        let rowHeads: [String]

        init(periods: [Period], formatter: LocaleFormatter, words: Words) {
            months = periods.count
            rightToLeft = formatter.isRightToLeft
            var head = ByteText(capacity: 400)
            head.append("<svg class=\"history-chart\" role=\"img\" aria-labelledby=\"history-chart-title\" viewBox=\"0 0 ")
            head.append(Int(HistoryChart.width)); head.append(" "); head.append(Int(HistoryChart.height))
            head.append("\" preserveAspectRatio=\"xMidYMid meet\"><title id=\"history-chart-title\">")
            head.append(words.title.htmlEscaped)
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
                tail.append("\" y=\""); tail.appendTenths(HistoryChart.bottom + 20); tail.append("\">")
                tail.append(formatter.shortMonthName(period).htmlEscaped); tail.append("</text>")
            }
            tail.append("</g></svg>")
            // The legend is HTML under the chart: it wraps and reads at the page's own size.
            tail.append("<ul class=\"history-legend\" aria-hidden=\"true\">")
            for (className, text) in [("earned", words.earned), ("redeemed", words.redeemed), ("balance-key", words.balance)] {
                tail.append("<li><span class=\"key "); tail.append(className); tail.append("\"></span>")
                tail.append(text.htmlEscaped); tail.append("</li>")
            }
            tail.append("</ul>")
            self.tail = tail.text

            // The table scrolls sideways inside its own box on a narrow phone, never the page.
            var table = ByteText(capacity: 700)
            table.append("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"history-table-caption\">")
            table.append("<table class=\"history-table\"><caption id=\"history-table-caption\">"); table.append(words.title.htmlEscaped)
            table.append("</caption><thead><tr><th scope=\"col\">"); table.append(words.month.htmlEscaped)
            for heading in [words.earned, words.redeemed, words.expired, words.adjusted, words.balance] {
                table.append("</th><th scope=\"col\" class=\"num\">"); table.append(heading.htmlEscaped)
            }
            table.append("</th></tr></thead><tbody>")
            tableHead = table.text
            openingHead = "<tr class=\"opening\"><th scope=\"row\">\(words.opening.htmlEscaped)</th><td></td><td></td><td></td><td></td>"
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

    /// The same numbers as a table, in the page's digits: the balance before the first month, then
    /// each month's earned, redeemed, expired, adjusted and closing balance, so that every line
    /// adds up from the one before.
    func table(formatter: LocaleFormatter) -> String {
        String(decoding: tableBytes(formatter: formatter), as: UTF8.self)
    }

    func tableBytes(formatter: LocaleFormatter) -> [UInt8] {
        guard !history.isEmpty, history.count == frame.months else { return [] }
        var table = ByteText(capacity: frame.tableHead.utf8.count + 160 * history.count)
        table.append(frame.tableHead)
        table.append(frame.openingHead)
        table.append("<td>"); formatter.appendEscapedNumber(history[0].openingBalance, to: &table); table.append("</td></tr>")
        for (month, rowHead) in zip(history, frame.rowHeads) {
            table.append(rowHead)
            // A cell is its own bidirectional paragraph: the number needs no <bdi>.
            for value in [month.earned, month.redeemed, month.expired] {
                table.append("<td>"); formatter.appendEscapedNumber(value, to: &table); table.append("</td>")
            }
            table.append("<td>"); table.append(formatter.signedNumber(month.adjusted).htmlEscaped); table.append("</td>")
            table.append("<td>"); formatter.appendEscapedNumber(month.closingBalance, to: &table); table.append("</td>")
            table.append("</tr>")
        }
        table.append("</tbody></table></div>")
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
