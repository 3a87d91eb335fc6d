import Foundation
import PunchcardLocalization
import PunchcardPages
import PunchcardStatements
import PunchcardSupport

/// The report as one self-contained HTML page (inline CSS and SVG, no script, no other host), in
/// the program's default language, direction, digits and calendar: headline figures with their
/// change from the previous period, the 12-month charts each with its numbers, tiers and their
/// moves, referrals, CLV, NPS, and how each figure is computed.
public struct ReportPage {
    public let report: Report
    public let program: Program
    let locale: String
    let words: [String: String]
    let formatter: LocaleFormatter

    /// Whether the period had not ended when the report was made: the page says its figures will change.
    public let provisional: Bool

    /// - Parameter overrides: the theme's string table for the program's language (`report_*` keys).
    public init(report: Report, program: Program, overrides: [String: String] = [:], provisional: Bool = false) {
        self.report = report
        self.program = program
        self.provisional = provisional
        locale = program.defaultLocale
        words = ReportWords.table(for: locale, overrides: overrides)
        formatter = LocaleFormatter(locale: locale)
    }

    func t(_ key: String) -> String { (words[key] ?? key).htmlEscaped }
    func n(_ value: Int) -> String { formatter.number(value).htmlEscaped }
    func pct(_ value: Decimal?) -> String { value.map { formatter.percent($0).htmlEscaped } ?? t("none") }
    func money(_ value: Decimal?) -> String {
        guard let value else { return t("none") }
        return (formatter.money(value, currency: program.currency, symbol: program.currencySymbol?.text(in: locale))
            ?? formatter.decimal(value, places: 2)).htmlEscaped
    }

    public func html() -> String {
        let dir = Language.direction(of: locale)
        let rtl = dir == "rtl"
        let name = program.name.text(in: locale)
        let periodName = formatter.periodName(report.period)
        var page = """
            <!DOCTYPE html>
            <html lang="\(locale.htmlEscaped)" dir="\(dir)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <meta name="referrer" content="no-referrer">
            <title>\(t("title")) — \(periodName.htmlEscaped) — \(name.htmlEscaped)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            <header>
            <p class="eyebrow">\(name.htmlEscaped) — \(t("subtitle"))</p>
            <h1>\(t("title")) — \(periodName.htmlEscaped)</h1>
            <p class="muted"><time datetime="\(report.period.start)">\(formatter.date(report.period.start).htmlEscaped)</time> – <time datetime="\(report.period.end)">\(formatter.date(report.period.end).htmlEscaped)</time>. \(t("generated")).</p>
            </header>

            """
        if provisional { page += "<p class=\"notice\" role=\"note\"><strong>\(t("provisional"))</strong></p>\n" }
        if let shard = report.shard {
            let text = (words["shard"] ?? "shard {shard}").fillingPlaceholders(["shard": "\(shard.index)/\(shard.count)"])
            page += "<p class=\"notice\" role=\"note\"><strong>\(text.htmlEscaped)</strong></p>\n"
        }
        page += headline()
        page += trendSection(rightToLeft: rtl)
        page += tiersSection()
        page += referralsAndValue()
        page += npsSection()
        page += howSection()
        page += "<p class=\"muted\">\(t("details"))</p>\n</main>\n</body>\n</html>\n"
        return page
    }

    // MARK: Sections

    func headline() -> String {
        let previous = report.trend.count > 1 ? report.trend[report.trend.count - 2] : nil
        func change(_ now: Int, _ before: Int?) -> String {
            guard let before else { return "" }
            let delta = now - before
            return delta == 0 ? t("no_change") : formatter.signedNumber(delta).htmlEscaped
        }
        func changePoints(_ now: Decimal?, _ before: Decimal?) -> String {
            guard let now, let before else { return "" }
            let delta = now - before
            if delta == 0 { return t("no_change") }
            return ((delta > 0 ? "+" : "") + formatter.decimal(delta, places: 1)).htmlEscaped
        }
        func card(_ label: String, _ value: String, _ delta: String, note: String = "") -> String {
            "<div class=\"figure\"><p class=\"label\">\(label)</p><p class=\"value\"><bdi>\(value)</bdi></p>"
                + (delta.isEmpty ? "" : "<p class=\"delta\"><bdi>\(delta)</bdi> <span>\(t("vs_previous"))</span></p>")
                + (note.isEmpty ? "" : "<p class=\"note\">\(note)</p>") + "</div>"
        }
        let m = report.members, p = report.points
        var html = "<section aria-labelledby=\"headline\"><h2 id=\"headline\">\(t("headline"))</h2><div class=\"figures\">"
        html += card(t("active"), n(m.activeEnd), change(m.activeEnd, previous?.members.activeEnd),
                     note: "\(t("total")): \(n(m.total))")
        html += card(t("crr"), pct(report.crr), changePoints(report.crr, previous?.crr))
        html += card(t("churn"), pct(report.churnRate), changePoints(report.churnRate, previous?.churnRate),
                     note: "\(t("lost")): \(n(m.lost)) — \(t("returning")): \(n(m.returning))")
        html += card(t("new"), n(m.new), change(m.new, previous?.members.new))
        html += card(t("issued"), n(p.issued), change(p.issued, previous?.points.issued))
        html += card(t("redeemed"), n(p.redeemed), change(p.redeemed, previous?.points.redeemed))
        html += card(t("outstanding"), n(p.outstanding), change(p.outstanding, previous?.points.outstanding),
                     note: report.liability.map { "\(t("liability")): \(money($0))" } ?? "")
        html += card(t("nps"), report.nps.map { formatter.decimal($0.score, places: 1).htmlEscaped } ?? t("none"),
                     changePoints(report.nps?.score, previous?.nps),
                     note: report.nps.map { "\(t("responses")): \(n($0.responses))" } ?? "")
        html += "</div>"
        html += "<p class=\"rates\">\(t("redemption_12m")): <strong><bdi>\(pct(report.redemptionRate12m))</bdi></strong> — "
            + "\(t("breakage_12m")): <strong><bdi>\(pct(report.breakageRate12m))</bdi></strong> — "
            + "\(t("expired")): <strong><bdi>\(n(p.expired))</bdi></strong> — \(t("adjusted")): <strong><bdi>\(formatter.signedNumber(p.adjusted).htmlEscaped)</bdi></strong></p>"
        html += "</section>\n"
        return html
    }

    func trendSection(rightToLeft: Bool) -> String {
        let trend = report.trend
        let months = trend.map { formatter.shortMonthName($0.period) }
        func double(_ value: Decimal?) -> Double? { value.map { NSDecimalNumber(decimal: $0).doubleValue } }
        var html = "<section aria-labelledby=\"trend\"><h2 id=\"trend\">\(t("trend"))</h2><div class=\"charts\">"
        func chart(_ chart: ReportChart, columns: [(String, (Report.TrendPoint) -> String)]) -> String {
            var table = "<details><summary>\(t("numbers"))</summary><table><caption>\(chart.title.htmlEscaped)</caption><thead><tr><th scope=\"col\">\(t("month"))</th>"
            for (heading, _) in columns { table += "<th scope=\"col\">\(heading)</th>" }
            table += "</tr></thead><tbody>"
            for point in trend {
                table += "<tr><th scope=\"row\">\(formatter.periodName(point.period).htmlEscaped)</th>"
                for (_, value) in columns { table += "<td><bdi>\(value(point))</bdi></td>" }
                table += "</tr>"
            }
            table += "</tbody></table></details>"
            return "<figure class=\"chart-card\"><figcaption>\(chart.title.htmlEscaped)</figcaption>\(chart.svg())\(table)</figure>"
        }
        html += chart(ReportChart(
            id: "chart-members", title: words["chart_members"] ?? "", months: months,
            bars: [.init(name: words["active"] ?? "", cssClass: "bar-a", values: trend.map(\.members.activeEnd))],
            line: .init(name: words["crr"] ?? "", cssClass: "line", values: trend.map { double($0.crr) }),
            rightToLeft: rightToLeft,
            barsTopLabel: formatter.number(trend.map(\.members.activeEnd).max() ?? 0),
            lineLastLabel: trend.last?.crr.map { formatter.percent($0) }),
            columns: [(t("active"), { self.n($0.members.activeEnd) }), (t("new"), { self.n($0.members.new) }),
                      (t("lost"), { self.n($0.members.lost) }), (t("crr"), { self.pct($0.crr) }),
                      (t("churn"), { self.pct($0.churnRate) })])
        html += chart(ReportChart(
            id: "chart-points", title: words["chart_points"] ?? "", months: months,
            bars: [.init(name: words["issued"] ?? "", cssClass: "bar-a", values: trend.map(\.points.issued)),
                   .init(name: words["redeemed"] ?? "", cssClass: "bar-b", values: trend.map(\.points.redeemed)),
                   .init(name: words["expired"] ?? "", cssClass: "bar-c", values: trend.map(\.points.expired))],
            line: nil, rightToLeft: rightToLeft,
            barsTopLabel: formatter.number(trend.flatMap { [$0.points.issued, $0.points.redeemed, $0.points.expired] }.max() ?? 0)),
            columns: [(t("issued"), { self.n($0.points.issued) }), (t("redeemed"), { self.n($0.points.redeemed) }),
                      (t("expired"), { self.n($0.points.expired) })])
        html += chart(ReportChart(
            id: "chart-outstanding", title: words["chart_outstanding"] ?? "", months: months,
            bars: [.init(name: words["outstanding"] ?? "", cssClass: "bar-d", values: trend.map(\.points.outstanding))],
            line: nil, rightToLeft: rightToLeft,
            barsTopLabel: formatter.number(trend.map(\.points.outstanding).max() ?? 0)),
            columns: [(t("outstanding"), { self.n($0.points.outstanding) })]
                + (program.pointValue == nil ? [] : [(t("liability"), { self.money($0.liability) })]))
        if trend.contains(where: { $0.nps != nil }) {
            html += chart(ReportChart(
                id: "chart-nps", title: words["chart_nps"] ?? "", months: months, bars: [],
                line: .init(name: words["nps"] ?? "", cssClass: "line", values: trend.map { double($0.nps) }),
                rightToLeft: rightToLeft,
                lineLastLabel: trend.last(where: { $0.nps != nil })?.nps.map { formatter.decimal($0, places: 1) }),
                columns: [(t("nps"), { $0.nps.map { self.formatter.decimal($0, places: 1).htmlEscaped } ?? self.t("none") })])
        }
        html += "</div></section>\n"
        return html
    }

    func tiersSection() -> String {
        let counted = report.tiers.reduce(0) { $0 + $1.members } + report.withoutTier
        func share(_ count: Int) -> String { pct(Rounding.percent(count, of: counted)) }
        func title(_ name: String?) -> String {
            guard let name else { return t("no_tier") }
            return (program.tiers.first { $0.name == name }?.title.text(in: locale) ?? name).htmlEscaped
        }
        var html = "<section aria-labelledby=\"tiers\" class=\"two\"><div><h2 id=\"tiers\">\(t("tiers"))</h2><table><thead><tr><th scope=\"col\">\(t("tier"))</th><th scope=\"col\">\(t("members"))</th><th scope=\"col\">\(t("share"))</th></tr></thead><tbody>"
        for tier in report.tiers {
            html += "<tr><th scope=\"row\">\(title(tier.tier))</th><td><bdi>\(n(tier.members))</bdi></td><td><bdi>\(share(tier.members))</bdi></td></tr>"
        }
        if report.withoutTier > 0 {
            html += "<tr><th scope=\"row\">\(t("no_tier"))</th><td><bdi>\(n(report.withoutTier))</bdi></td><td><bdi>\(share(report.withoutTier))</bdi></td></tr>"
        }
        html += "</tbody></table></div><div><h2>\(t("moves"))</h2>"
        if report.tierMoves.isEmpty {
            html += "<p>\(t("no_moves"))</p>"
        } else {
            html += "<table><thead><tr><th scope=\"col\" class=\"text\">\(t("from"))</th><th scope=\"col\" class=\"text\">\(t("to"))</th><th scope=\"col\">\(t("members"))</th></tr></thead><tbody>"
            for move in report.tierMoves {
                html += "<tr><td class=\"text\">\(title(move.from))</td><td class=\"text\">\(title(move.to))</td><td><bdi>\(n(move.members))</bdi></td></tr>"
            }
            html += "</tbody></table>"
        }
        html += "<p>\(t("upgrades")): <strong><bdi>\(n(report.upgrades))</bdi></strong> — \(t("downgrades")): <strong><bdi>\(n(report.downgrades))</bdi></strong></p></div></section>\n"
        return html
    }

    func referralsAndValue() -> String {
        var html = "<section class=\"two\"><div aria-labelledby=\"referrals\"><h2 id=\"referrals\">\(t("referrals"))</h2><dl>"
        html += "<dt>\(t("referred_members"))</dt><dd><bdi>\(n(report.referrals.newMembers))</bdi></dd>"
        html += "<dt>\(t("referral_points"))</dt><dd><bdi>\(n(report.referrals.points))</bdi></dd></dl></div>"
        html += "<div aria-labelledby=\"clv\"><h2 id=\"clv\">\(t("clv"))</h2>"
        if let clv = report.clv {
            html += "<dl><dt>\(t("avg_purchase"))</dt><dd><bdi>\(money(clv.avgPurchase))</bdi></dd>"
            html += "<dt>\(t("frequency"))</dt><dd><bdi>× \(formatter.decimal(clv.frequency, places: 2).htmlEscaped)</bdi></dd>"
            html += "<dt>\(t("lifespan"))</dt><dd><bdi>× \(clv.lifespanYears.map { formatter.decimal($0, places: 2).htmlEscaped } ?? t("none"))</bdi></dd>"
            html += "<dt class=\"total\">\(t("clv_value"))</dt><dd class=\"total\"><bdi>= \(money(clv.value))</bdi></dd></dl>"
        } else {
            html += "<p>\(t("no_amounts"))</p>"
        }
        html += "</div></section>\n"
        return html
    }

    func npsSection() -> String {
        var html = "<section aria-labelledby=\"nps\"><h2 id=\"nps\">\(t("nps"))</h2>"
        guard let nps = report.nps else { return html + "<p>\(t("no_surveys"))</p></section>\n" }
        html += "<p class=\"big\"><bdi>\(formatter.decimal(nps.score, places: 1).htmlEscaped)</bdi></p>"
        html += "<p>\(t("responses")): <bdi>\(n(nps.responses))</bdi> — \(t("promoters")): <bdi>\(n(nps.promoters))</bdi> — "
            + "\(t("passives")): <bdi>\(n(nps.passives))</bdi> — \(t("detractors")): <bdi>\(n(nps.detractors))</bdi></p>"
        if !report.npsByTier.isEmpty {
            html += "<table><caption>\(t("nps_by_tier"))</caption><thead><tr><th scope=\"col\">\(t("tier"))</th><th scope=\"col\">\(t("nps"))</th><th scope=\"col\">\(t("responses"))</th></tr></thead><tbody>"
            for (tier, score) in report.npsByTier {
                let title = tier.map { name in program.tiers.first { $0.name == name }?.title.text(in: locale) ?? name }
                html += "<tr><th scope=\"row\">\(title?.htmlEscaped ?? t("no_tier"))</th><td><bdi>\(formatter.decimal(score.score, places: 1).htmlEscaped)</bdi></td><td><bdi>\(n(score.responses))</bdi></td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</section>\n"
    }

    func howSection() -> String {
        let active = (words["how_active"] ?? "").replacingOccurrences(of: "{k}", with: formatter.number(program.report.activeMonths))
        var html = "<section aria-labelledby=\"how\" class=\"how\"><h2 id=\"how\">\(t("how"))</h2><ul>"
        html += "<li>\(active.htmlEscaped)</li>"
        for key in ["how_crr", "how_points", "how_rates", "how_clv", "how_nps"] { html += "<li>\(t(key))</li>" }
        return html + "</ul></section>\n"
    }

    static let style = """
        :root{--ink:#221c18;--muted:#6b625a;--line:#e4ddd5;--card:#fff;--bg:#fbf8f4;--a:#1f6f43;--b:#8f2d1f;--c:#b26b00;--d:#3d5a80;--accent:#7a2e20}
        *{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Vazirmatn,sans-serif}
        :lang(fa),:lang(ar){line-height:1.8}
        main{max-inline-size:70rem;margin:0 auto;padding:1.5rem 1rem 3rem}
        h1{font-size:1.7rem;margin:.2rem 0 .4rem}h2{font-size:1.15rem;margin:0 0 .6rem}
        .eyebrow,.muted{color:var(--muted);margin:0}
        .notice{border-inline-start:4px solid #b26b00;background:#fff6e5;padding:.6rem 1rem;margin-block:1rem 0}
        section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1rem 1.25rem;margin-block:1rem;break-inside:avoid}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem}
        .figure{border:1px solid var(--line);border-radius:10px;padding:.6rem .8rem}
        .figure p{margin:0}.label{color:var(--muted);font-size:.9rem}.value{font-size:clamp(1.15rem,5vw,1.6rem);font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}.figure{min-inline-size:0}
        .delta,.note{font-size:.85rem;color:var(--muted)}.rates{margin:.8rem 0 0}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(24rem,100%),1fr));gap:1rem 1.5rem}
        figure{margin:0}figcaption{font-weight:600;margin-block-end:.3rem}
        svg.chart{display:block;inline-size:100%;block-size:auto;direction:ltr;font-size:15px}
        svg .axis{stroke:var(--line)}svg .grid{stroke:var(--line);stroke-dasharray:4 4}svg text{fill:var(--muted)}svg text.value{fill:var(--accent);font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:5px;stroke-linejoin:round}
        .bar-a{fill:var(--a)}.bar-b{fill:var(--b)}.bar-c{fill:var(--c)}.bar-d{fill:var(--d)}
        .line{fill:none;stroke:var(--accent);stroke-width:2.5;stroke-linejoin:round}.line-key,.line-dot{fill:var(--accent)}
        table{border-collapse:collapse;inline-size:100%;font-variant-numeric:tabular-nums}
        th,td{padding:.3rem .5rem;border-block-end:1px solid var(--line);text-align:start}
        td{text-align:end;white-space:nowrap}thead th{font-size:.85rem;color:var(--muted)}thead th:not(:first-child){text-align:end}
        th.text,td.text,thead th.text{text-align:start}
        caption{text-align:start;color:var(--muted);padding-block-end:.3rem}
        details{margin-block-start:.4rem}summary{cursor:pointer;color:var(--muted);font-size:.9rem}
        .two{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(18rem,100%),1fr));gap:1.5rem}
        dl{display:grid;grid-template-columns:1fr auto;gap:.3rem 1rem;margin:0}dd{margin:0;text-align:end;font-variant-numeric:tabular-nums}
        .total{font-weight:700;border-block-start:1px solid var(--ink);padding-block-start:.3rem}
        .big{font-size:2.2rem;font-weight:800;margin:0}.how{font-size:.9rem}.how ul{padding-inline-start:1.2rem;margin:0}
        @page{margin:1.2cm}
        @media print{body{background:#fff;font-size:8.5pt;line-height:1.35}:lang(fa),:lang(ar){line-height:1.5}main{padding:0;max-inline-size:none}
        h1{font-size:15pt;margin:0 0 .1rem}h2{font-size:10.5pt;margin-block-end:.2rem}
        section{border:1px solid #bbb;border-radius:6px;padding:.3rem .5rem;margin-block:.2cm}
        .figures{grid-template-columns:repeat(4,1fr);gap:.25rem}.figure{padding:.2rem .4rem}.value{font-size:13pt}
        .charts{grid-template-columns:repeat(2,1fr);gap:.2rem .5cm}.two{gap:.6cm}.big{font-size:16pt}
        th,td{padding:.05rem .3rem}.how{font-size:7.5pt}details{display:none}}
        """
}
