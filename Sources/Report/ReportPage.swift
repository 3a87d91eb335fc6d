import Foundation
import PunchcardLocalization
import PunchcardPages
import PunchcardStatements
import PunchcardSupport
import PunchcardTemplating

/// The report as one self-contained HTML page (inline CSS and SVG, no script, no other host), in
/// the program's default language, direction, digits and calendar: headline figures with their
/// change from the previous period, the 12-month charts each with its numbers, tiers and their
/// moves, referrals, CLV, NPS, and how each figure is computed. The page is the theme's
/// `templates/report.mustache` with its `report_*` words, filled from `ReportPageValues`, so an
/// operator rewords, translates or restyles the report as they do the site.
public struct ReportPage {
    public let report: Report
    public let program: Program
    let locale: String
    let words: Words
    let formatter: LocaleFormatter

    /// Whether the period had not ended when the report was made: the page says its figures will change.
    public let provisional: Bool

    public init(report: Report, program: Program, words: Words, provisional: Bool = false) {
        self.report = report
        self.program = program
        self.provisional = provisional
        self.words = words
        locale = program.defaultLocale
        formatter = LocaleFormatter(locale: locale, periodPattern: words.all["period_format"])
    }

    static let templateName = ReportPageValues.template

    /// The theme's report template compiled for the program's language, with its words written in.
    /// A missing template, an unknown value or a missing word is an error naming the file.
    public static func template(siteRoot: URL, program: Program) throws(Diagnostic) -> (TypedTemplate<ReportPageValues>, Words) {
        let templates = try TemplateSet.load(root: siteRoot)
        let strings = try StringTables.load(root: siteRoot)
        let locale = program.defaultLocale
        let words = Words(locale: locale, table: strings.table(for: locale), fallback: strings.table(for: locale))
        guard let source = templates.sources[templateName] else {
            throw Diagnostic(SourceLocation(file: "templates/\(templateName).mustache"),
                             "required template is missing (the report's page; copy it, and the string tables' report_ words, from Punchcard's default theme)")
        }
        var constants = ["lang": locale, "dir": Language.direction(of: locale)]
        for (key, value) in words.all { constants["t.\(key)"] = value }
        let template = try TypedTemplate<ReportPageValues>(
            source, file: "templates/\(templateName).mustache", constants: constants,
            partials: { name in templates.sources[name].map { ($0, "templates/\(name).mustache") } })
        return (template, words)
    }

    func t(_ key: String) -> String { words["report_" + key] }
    func n(_ value: Int) -> String { formatter.number(value) }
    func pct(_ value: Decimal?) -> String { value.map { formatter.percent($0) } ?? t("none") }
    func money(_ value: Decimal?) -> String {
        guard let value else { return t("none") }
        return formatter.money(value, program: program, language: locale)
            ?? formatter.decimal(value, places: 2)
    }
    func tierTitle(_ name: String?) -> String {
        guard let name else { return t("no_tier") }
        return program.tiers.first { $0.name == name }?.title.text(in: locale) ?? name
    }

    /// The page's values: every figure formatted, every chart drawn.
    public func values() -> ReportPageValues {
        let values = ReportPageValues()
        values.programName = program.name.text(in: locale)
        values.periodName = formatter.periodName(report.period)
        values.periodStart = formatter.date(report.period.start)
        values.periodEnd = formatter.date(report.period.end)
        values.periodStartISO = report.period.start.description
        values.periodEndISO = report.period.end.description
        values.provisional = provisional
        values.shardNotice = report.shard.map { t("shard").fillingPlaceholders(["shard": "\($0.index)/\($0.count)"]) }
        headline(into: values)
        values.charts = charts(rightToLeft: Language.direction(of: locale) == "rtl")
        tiers(into: values)
        values.partners = report.partners.map { settlement in
            func net(_ issued: Decimal?, _ redeemed: Decimal?) -> String? {
                guard let issued, let redeemed else { return nil }
                return money(issued - redeemed)
            }
            return ReportPartnerRow(
                name: program.partners.first { $0.id == settlement.partner }?.name.text(in: locale) ?? settlement.partner,
                issued: n(settlement.issued), redeemed: n(settlement.redeemed),
                issued12m: n(settlement.issued12m), redeemed12m: n(settlement.redeemed12m),
                value: net(settlement.issuedValue, settlement.redeemedValue),
                value12m: net(settlement.issuedValue12m, settlement.redeemedValue12m))
        }
        if let memberships = report.memberships {
            values.plans = memberships.plans.map { figures in
                ReportPlanRow(name: program.memberships.first { $0.id == figures.plan }?.name.text(in: locale) ?? figures.plan,
                              members: n(figures.members), new: n(figures.new), cancelled: n(figures.cancelled),
                              lapsed: n(figures.lapsed), renewalRate: pct(figures.renewalRate), feeRevenue: money(figures.feeRevenue))
            }
            values.planGroups = [(t("on_plan"), memberships.onPlan), (t("no_plan"), memberships.noPlan)].map { label, group in
                ReportPlanGroup(label: label, members: n(group.members), crr: pct(group.crr), clv: money(group.clv?.value))
            }
        }
        values.referredMembers = n(report.referrals.newMembers)
        values.referralPoints = n(report.referrals.points)
        values.clv = report.clv.map { clv in
            ReportLifetimeValue(averagePurchase: money(clv.avgPurchase), frequency: formatter.decimal(clv.frequency, places: 2),
                                lifespan: clv.lifespanYears.map { formatter.decimal($0, places: 2) } ?? t("none"),
                                value: money(clv.value))
        }
        values.nps = report.nps.map { nps in
            ReportPromoterScore(
                score: formatter.decimal(nps.score, places: 1), responses: n(nps.responses), promoters: n(nps.promoters),
                passives: n(nps.passives), detractors: n(nps.detractors),
                byTier: report.npsByTier.map { tier, score in
                    ReportTierScore(tier: tierTitle(tier), score: formatter.decimal(score.score, places: 1), responses: n(score.responses))
                })
        }
        values.howActive = t("how_active").replacingOccurrences(of: "{k}", with: formatter.number(program.report.activeMonths))
        return values
    }

    // MARK: Sections

    func headline(into values: ReportPageValues) {
        let previous = report.trend.count > 1 ? report.trend[report.trend.count - 2] : nil
        func change(_ now: Int, _ before: Int?) -> String? {
            guard let before else { return nil }
            let delta = now - before
            return delta == 0 ? t("no_change") : formatter.signedNumber(delta)
        }
        func changePoints(_ now: Decimal?, _ before: Decimal?) -> String? {
            guard let now, let before else { return nil }
            let delta = now - before
            if delta == 0 { return t("no_change") }
            return (delta > 0 ? "+" : "") + formatter.decimal(delta, places: 1)
        }
        let m = report.members, p = report.points
        values.figures = [
            ReportFigure(label: t("active"), value: n(m.activeEnd), change: change(m.activeEnd, previous?.members.activeEnd),
                         note: "\(t("total")): \(n(m.total))"),
            // Retention counts members who came back, so it can reach 100 % with some lost: its
            // parts beside it make the figure explain itself.
            ReportFigure(label: t("crr"), value: pct(report.crr), change: changePoints(report.crr, previous?.crr),
                         note: t("crr_parts").fillingPlaceholders([
                             "start": n(m.activeStart), "lost": n(m.lost), "returning": n(m.returning), "new": n(m.new),
                             "end": n(m.activeEnd)])),
            ReportFigure(label: t("churn"), value: pct(report.churnRate), change: changePoints(report.churnRate, previous?.churnRate),
                         note: "\(t("lost")): \(n(m.lost)) — \(t("returning")): \(n(m.returning))"),
            ReportFigure(label: t("new"), value: n(m.new), change: change(m.new, previous?.members.new), note: nil),
            ReportFigure(label: t("issued"), value: n(p.issued), change: change(p.issued, previous?.points.issued), note: nil),
            ReportFigure(label: t("redeemed"), value: n(p.redeemed), change: change(p.redeemed, previous?.points.redeemed), note: nil),
            ReportFigure(label: t("outstanding"), value: n(p.outstanding), change: change(p.outstanding, previous?.points.outstanding),
                         note: report.liability.map { "\(t("liability")): \(money($0))" }),
            ReportFigure(label: t("nps"), value: report.nps.map { formatter.decimal($0.score, places: 1) } ?? t("none"),
                         change: changePoints(report.nps?.score, previous?.nps),
                         note: report.nps.map { "\(t("responses")): \(n($0.responses))" }),
        ]
        values.redemptionRate = pct(report.redemptionRate12m)
        values.breakageRate = pct(report.breakageRate12m)
        values.expired = n(p.expired)
        values.adjusted = formatter.signedNumber(p.adjusted)
    }

    /// The charts, each with its numbers as a table (drawn here: twelve rows of up to six columns).
    func charts(rightToLeft: Bool) -> [ReportChartCard] {
        let trend = report.trend
        let months = trend.map { formatter.shortMonthName($0.period) }
        func double(_ value: Decimal?) -> Double? { value.map { NSDecimalNumber(decimal: $0).doubleValue } }
        func card(_ chart: ReportChart, columns: [(String, (Report.TrendPoint) -> String)]) -> ReportChartCard {
            // A wide table scrolls inside its own box on a phone, never the page.
            var table = "<details><summary>\(t("numbers").htmlEscaped)</summary><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(chart.title.htmlEscaped)\"><table><caption>\(chart.title.htmlEscaped)</caption><thead><tr><th scope=\"col\">\(t("month").htmlEscaped)</th>"
            for (heading, _) in columns { table += "<th scope=\"col\">\(heading.htmlEscaped)</th>" }
            table += "</tr></thead><tbody>"
            for point in trend {
                table += "<tr><th scope=\"row\">\(formatter.periodName(point.period).htmlEscaped)</th>"
                for (_, value) in columns { table += "<td><bdi>\(value(point).htmlEscaped)</bdi></td>" }
                table += "</tr>"
            }
            table += "</tbody></table></div></details>"
            return ReportChartCard(title: chart.title, svg: chart.svg(), table: table)
        }
        var cards = [card(ReportChart(
            id: "chart-members", title: t("chart_members"), months: months,
            bars: [.init(name: t("active"), cssClass: "bar-a", values: trend.map(\.members.activeEnd))],
            line: .init(name: t("crr"), cssClass: "line", values: trend.map { double($0.crr) }),
            rightToLeft: rightToLeft,
            barsTopLabel: formatter.number(trend.map(\.members.activeEnd).max() ?? 0),
            lineLastLabel: trend.last?.crr.map { formatter.percent($0) }),
            columns: [(t("active"), { self.n($0.members.activeEnd) }), (t("new"), { self.n($0.members.new) }),
                      (t("lost"), { self.n($0.members.lost) }), (t("crr"), { self.pct($0.crr) }),
                      (t("churn"), { self.pct($0.churnRate) })])]
        cards.append(card(ReportChart(
            id: "chart-points", title: t("chart_points"), months: months,
            bars: [.init(name: t("issued"), cssClass: "bar-a", values: trend.map(\.points.issued)),
                   .init(name: t("redeemed"), cssClass: "bar-b", values: trend.map(\.points.redeemed)),
                   .init(name: t("expired"), cssClass: "bar-c", values: trend.map(\.points.expired))],
            line: nil, rightToLeft: rightToLeft,
            barsTopLabel: formatter.number(trend.flatMap { [$0.points.issued, $0.points.redeemed, $0.points.expired] }.max() ?? 0)),
            columns: [(t("issued"), { self.n($0.points.issued) }), (t("redeemed"), { self.n($0.points.redeemed) }),
                      (t("expired"), { self.n($0.points.expired) })]))
        cards.append(card(ReportChart(
            id: "chart-outstanding", title: t("chart_outstanding"), months: months,
            bars: [.init(name: t("outstanding"), cssClass: "bar-d", values: trend.map(\.points.outstanding))],
            line: nil, rightToLeft: rightToLeft,
            barsTopLabel: formatter.number(trend.map(\.points.outstanding).max() ?? 0)),
            columns: [(t("outstanding"), { self.n($0.points.outstanding) })]
                + (program.pointValue == nil ? [] : [(t("liability"), { self.money($0.liability) })])))
        if trend.contains(where: { $0.nps != nil }) {
            cards.append(card(ReportChart(
                id: "chart-nps", title: t("chart_nps"), months: months, bars: [],
                line: .init(name: t("nps"), cssClass: "line", values: trend.map { double($0.nps) },
                            scale: (-100, 100, (formatter.number(-100), formatter.number(0), formatter.number(100)))),
                rightToLeft: rightToLeft,
                lineLastLabel: trend.last(where: { $0.nps != nil })?.nps.map { formatter.decimal($0, places: 1) }),
                columns: [(t("nps"), { $0.nps.map { self.formatter.decimal($0, places: 1) } ?? self.t("none") })]))
        }
        return cards
    }

    func tiers(into values: ReportPageValues) {
        let counted = report.tiers.reduce(0) { $0 + $1.members } + report.withoutTier
        func share(_ count: Int) -> String { pct(Rounding.percent(count, of: counted)) }
        values.tiers = report.tiers.map { ReportTierRow(title: tierTitle($0.tier), members: n($0.members), share: share($0.members)) }
        if report.withoutTier > 0 {
            values.tiers.append(ReportTierRow(title: t("no_tier"), members: n(report.withoutTier), share: share(report.withoutTier)))
        }
        values.tierMoves = report.tierMoves.map { ReportTierMove(from: tierTitle($0.from), to: tierTitle($0.to), members: n($0.members)) }
        values.upgrades = n(report.upgrades)
        values.downgrades = n(report.downgrades)
    }
}
