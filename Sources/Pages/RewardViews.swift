import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// The rewards catalog as a page in one language shows it: on `/rewards/` and on statements.
struct RewardViews {
    let content: SiteContent
    let locale: String
    let words: Words
    let formatter: LocaleFormatter

    func item(_ reward: Reward) -> RewardCard {
        let name = PageChrome.block(reward.name.sourceLanguage(for: locale) ?? content.defaultLanguage, page: locale)
        var tiersText: String?
        if !reward.tiers.isEmpty {
            let names = reward.tiers.map { key in content.program.tiers.first { $0.name == key }?.title.text(in: locale) ?? key }
            tiersText = words["reward_for_tiers"].fillingPlaceholders(["tiers": names.joined(separator: words["list_separator"])])
        }
        let description = reward.description.map { description in
            (html: content.markdown.html(description.text(in: locale)),
             block: PageChrome.block(description.sourceLanguage(for: locale) ?? content.defaultLanguage, page: locale))
        }
        return RewardCard(
            id: reward.id, name: reward.name.text(in: locale), nameLang: name.lang, nameDir: name.dir,
            points: words["reward_points"].fillingPlaceholders([
                "points": formatter.number(reward.points),
                "points_name": content.program.pointsName.text(in: locale, count: reward.points),
            ]),
            kind: words["reward_kind_\(reward.kind.rawValue)"], kindClass: "reward-\(reward.kind.rawValue)",
            isCharity: reward.kind == .charity, tiersText: tiersText, descriptionHTML: description?.html,
            descriptionLang: description?.block.lang ?? "", descriptionDir: description?.block.dir ?? "")
    }
}

extension PublicViews {
    /// `rewards/index.html`: the whole catalog, with the tiers that may redeem each reward.
    public func rewards(formatter: LocaleFormatter) -> PublicPage {
        let page = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: GeneratedPage.rewards.slug).page(
            title: "\(words["public_rewards"]) — \(siteName)", description: nil, current: GeneratedPage.rewards.slug, noindex: false)
        let views = RewardViews(content: content, locale: language, words: words, formatter: formatter)
        page.heading = words["public_rewards"]
        page.rewards = content.program.rewards.map(views.item)
        return page
    }
}
