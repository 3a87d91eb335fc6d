import PunchcardLocalization
import PunchcardQRCode
import PunchcardStatements
import PunchcardSupport

extension StatementView {
    /// The statement page's typed context. `shared` holds what many members share (tier texts,
    /// offers, rewards HTML), made once per build.
    public func page(formatter: LocaleFormatter, words: Words, shared: SharedFragments) -> StatementPage {
        let program = content.program
        let locale = self.locale
        let s = statement
        func points(_ count: Int) -> String { program.pointsName.text(in: locale, count: count) }
        let pageDirection = Language.direction(of: locale)
        let translatesDescriptions = Language.code(of: locale) != Language.code(of: content.defaultLanguage)

        let sentences = StatementSentences(program: program, words: words, formatter: formatter)
        let open = !isClosed
        // A closed account's points are gone or settled: no cash value that invites redeeming.
        var balanceValue: String?
        if open, let value = program.pointValue, s.closingBalance > 0,
           let money = formatter.money(Double(s.closingBalance) * value, program: program, language: locale) {
            balanceValue = words["balance_value"].fillingPlaceholders(["value": money])
        }

        let activityRows = activity.map { entry -> ActivityRow in
            let kind = words.kind(entry.kind)
            var description = kind, descriptionDir = pageDirection
            if let exported = entry.description {
                let (text, translated) = content.descriptions.text(exported, language: locale)
                description = text
                // Shown as exported: its own direction, whatever the page's.
                descriptionDir = translated ? pageDirection : "auto"
                // Exported texts are taken to be in the program's first language.
                if !translated, translatesDescriptions { shared.log.untranslatedDescription(exported, language: locale) }
            }
            return ActivityRow(
                date: formatter.date(entry.postedOn), iso: entry.postedOn.description, kind: kind,
                points: formatter.signedNumber(entry.points), negative: entry.points < 0,
                // The spend the operator's system recorded, in the program's currency.
                amount: entry.amount.flatMap(Double.init).flatMap { formatter.money($0, program: program, language: locale) } ?? "",
                description: description, descriptionDir: descriptionDir)
        }

        let expiringRows = !open ? [] : s.expiring.map { lot -> ExpiringRow in
            // The words come from the string table; the values are marked up, each escaped.
            let html = words.plural("expires_on", count: lot.points).htmlEscaped.fillingPlaceholders([
                "points": "<strong><bdi>\(formatter.number(lot.points))</bdi></strong>",
                "points_name": points(lot.points).htmlEscaped,
                "date": "<time datetime=\"\(lot.on)\">\(formatter.date(lot.on).htmlEscaped)</time>",
            ])
            return ExpiringRow(html: html, points: formatter.number(lot.points), date: formatter.date(lot.on), iso: lot.on.description)
        }

        // Tier and progress.
        let tier = s.tier.flatMap { name in program.tiers.first { $0.name == name } }
        var progress: ProgressBar?
        if open, let next = s.nextTier.flatMap({ name in program.tiers.first { $0.name == name } }), let needed = s.pointsToNextTier {
            let fraction = next.threshold > 0 ? min(1, Double(s.qualifyingPoints) / Double(next.threshold)) : 1
            progress = ProgressBar(
                text: words.plural("to_next", count: needed).fillingPlaceholders([
                    "points": formatter.number(needed), "tier": next.title.text(in: locale), "points_name": points(needed),
                ]),
                value: s.qualifyingPoints, max: next.threshold, percent: formatter.percentage(fraction))
        }
        let keepTier = open ? s.keepTier.map(sentences.keepTier) : nil

        // Rewards: what the balance buys now, and the next one within reach. The catalog's entries,
        // the chart's frame and the link to the catalog are the same for every member of the
        // language: made once (`SharedFragments.statementParts`).
        let parts = shared.statementParts(locale: locale, months: s.history.map(\.period), formatter: formatter, words: words)
        var nextReward: ProgressBar?
        if open, let next = s.rewards.next, let reward = program.rewards.first(where: { $0.id == next.id }) {
            nextReward = ProgressBar(
                text: words["next_reward"].fillingPlaceholders([
                    "points": formatter.number(next.pointsToGo), "points_name": points(next.pointsToGo),
                    "reward": reward.name.text(in: locale),
                ]),
                value: max(0, s.closingBalance), max: reward.points,
                percent: formatter.percentage(min(1, max(0, Double(s.closingBalance) / Double(reward.points)))))
        }

        // The year at a glance: the chart and its table.
        let chart = HistoryChart(history: s.history, frame: parts.chartFrame)

        let page = StatementPage(
            memberName: member.name,
            memberSince: formatter.date(member.joinedOn),
            memberID: member.memberID,
            // The member card (a code a till scans).
            memberQR: QRCode(member.memberID)?.svgBytes(label: "\(words["member_card"]): \(member.memberID)") ?? [],
            periodName: formatter.periodName(s.period),
            periodStart: formatter.date(s.period.start),
            periodEnd: formatter.date(s.period.end),
            periodStartISO: s.period.start.description,
            periodEndISO: s.period.end.description,
            statementDate: formatter.date(s.period.end),
            provisional: provisional,
            closed: isClosed,
            closingBalance: formatter.number(s.closingBalance),
            pointsName: points(s.closingBalance),
            balanceValue: balanceValue,
            balanceChange: sentences.balanceChange(s),
            // The summary's lines, in the order that adds up to the closing balance.
            openingBalance: formatter.number(s.openingBalance),
            earned: formatter.number(s.earned),
            bonus: formatter.number(s.bonus),
            redeemed: formatter.number(s.redeemed),
            expired: formatter.number(s.expired),
            adjusted: formatter.number(s.adjusted.saturatingMagnitude),
            adjustedSign: s.adjusted < 0 ? "−" : "+",
            adjustedClass: s.adjusted < 0 ? "minus" : "plus",
            signedLines: SignedLines(earned: sentences.signed(s.earned), bonus: sentences.signed(s.bonus),
                                     redeemed: sentences.subtracted(s.redeemed), expired: sentences.subtracted(s.expired),
                                     adjusted: sentences.signed(s.adjusted)),
            sources: sourceRows(sentences: sentences),
            plan: isClosed ? nil : planCard(sentences: sentences),
            activity: activityRows,
            activityMore: activityRows.count > StatementPage.activityShown
                ? words.plural("activity_more", count: activityRows.count - StatementPage.activityShown).fillingPlaceholders([
                    "count": formatter.number(activityRows.count - StatementPage.activityShown)])
                : "",
            expiring: expiringRows,
            tier: shared.tierTexts(locale: locale, tier: s.tier),
            hasTier: tier != nil,
            qualifyingPoints: formatter.number(s.qualifyingPoints),
            earnedThisYear: formatter.number(s.earnedThisYear),
            progress: progress,
            topTier: open && tier != nil && s.nextTier == nil,
            keepTier: keepTier,
            keepTierHTML: open ? s.keepTier.map(sentences.keepTierHTML) : nil,
            showRewards: !program.rewards.isEmpty && !isClosed,
            availableRewardsHTML: shared.availableRewardsHTML(s.rewards.available, locale: locale, parts: parts),
            nextReward: nextReward,
            // Offers for the member's tier (the same for every member of the tier and language), and
            // those they hold a code for.
            offersHTML: isClosed ? "" : shared.offersHTML(member: member, statement: s, locale: locale, formatter: formatter,
                                                          words: words),
            showReferral: !isClosed,
            referralCode: s.referral.code,
            referralLink: s.referral.link,
            // The link at level L (libqrencode's own default): it is read from a screen or a sheet of
            // paper, and the smaller code scans from further away and costs a third less to make.
            referralQR: QRCode(s.referral.link, correction: .low)?.svgBytes(label: words["referral_qr"], size: "8rem") ?? [],
            friendsJoined: formatter.number(s.referral.referredCount),
            referralPoints: formatter.number(s.referral.pointsEarned),
            historyChart: chart.svgBytes(),
            historyTable: chart.tableBytes(formatter: formatter),
            hasHistory: !s.history.isEmpty,
            // Earlier statements, siblings of this page: the month's name, then its dates.
            earlier: earlierPeriods.map { period in
                EarlierStatement(label: formatter.periodName(period),
                                 dates: "\(formatter.date(period.start)) – \(formatter.date(period.end))",
                                 href: StatementAddress.fileName(period))
            })
        page.memberAttributes = member.attributes
        page.walletLinks = isClosed ? WalletLinks() : walletLinks
        return page
    }

    /// Where the points came from, over the last 12 months (biggest first) with this period's
    /// points beside them: the program's sources by their names, the rest by the theme's words.
    func sourceRows(sentences: StatementSentences) -> [SourceRow] {
        let program = content.program, locale = self.locale
        let thisPeriod = Dictionary(statement.earnedBySource.map { ($0.source, $0.points) }, uniquingKeysWith: +)
        return statement.earnedBySource12m.map { item in
            let declared = program.sources.first { $0.id == item.source }
            let (lang, dir) = PageChrome.block(declared.flatMap { $0.name.sourceLanguage(for: locale) }, page: locale)
            return SourceRow(name: declared?.name.text(in: locale) ?? sentences.words["source_\(item.source)"],
                             nameLang: lang, nameDir: dir,
                             period: sentences.formatter.number(thisPeriod[item.source] ?? 0),
                             year: sentences.formatter.number(item.points))
        }
    }

    /// The member's paid plan: since when, when it renews (and for what) or ends, its benefits and
    /// what it returned in points.
    func planCard(sentences: StatementSentences) -> PlanCard? {
        let program = content.program, locale = self.locale, formatter = sentences.formatter, words = sentences.words
        guard let summary = statement.membership, let plan = program.memberships.first(where: { $0.id == summary.plan }) else { return nil }
        let name = PageChrome.block(plan.name.sourceLanguage(for: locale), page: locale)
        let benefits = PageChrome.block(plan.benefits.sourceLanguage(for: locale), page: locale)
        let state = sentences.planState(summary, plan: plan)
        var returned = words.plural("plan_returned", count: summary.points12m).fillingPlaceholders([
            "points": formatter.number(summary.points12m), "points_name": sentences.points(summary.points12m)])
        if let value = summary.value12m, let money = formatter.money(value, program: program, language: locale) {
            returned += " " + words["plan_returned_value"].fillingPlaceholders(["value": money])
        }
        return PlanCard(name: plan.name.text(in: locale), nameLang: name.lang, nameDir: name.dir,
                        since: words["plan_since"].fillingPlaceholders(["date": formatter.date(summary.startedOn)]),
                        state: state, renewsSoon: summary.renewsSoon,
                        benefitsHTML: content.markdown.html(plan.benefits.text(in: locale)),
                        benefitsLang: benefits.lang, benefitsDir: benefits.dir, returned: returned)
    }
}
