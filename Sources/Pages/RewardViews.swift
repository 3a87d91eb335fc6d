import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

/// The rewards catalog as a page in one language shows it: on `/rewards/` and on statements.
struct RewardViews {
    let content: SiteContent
    let locale: String
    let words: Words
    let formatter: LocaleFormatter

    func item(_ reward: Reward) -> [String: Any] {
        let name = PageChrome.block(reward.name.sourceLanguage(for: locale) ?? content.defaultLanguage, page: locale)
        var item: [String: Any] = [
            "id": reward.id, "name": reward.name.text(in: locale), "name_lang": name.lang, "name_dir": name.dir,
            "points": words["reward_points"].fillingPlaceholders([
                "points": formatter.number(reward.points),
                "points_name": content.program.pointsName.text(in: locale, count: reward.points),
            ]),
            "kind": words["reward_kind_\(reward.kind.rawValue)"], "kind_class": "reward-\(reward.kind.rawValue)",
            "is_charity": reward.kind == .charity,
        ]
        if !reward.tiers.isEmpty {
            let names = reward.tiers.map { key in content.program.tiers.first { $0.name == key }?.title.text(in: locale) ?? key }
            item["tiers_text"] = words["reward_for_tiers"].fillingPlaceholders(["tiers": names.joined(separator: words["list_separator"])])
        }
        if let description = reward.description {
            let block = PageChrome.block(description.sourceLanguage(for: locale) ?? content.defaultLanguage, page: locale)
            item["description_html"] = content.markdown.html(description.text(in: locale))
            item["description_lang"] = block.lang
            item["description_dir"] = block.dir
        }
        return item
    }
}

extension PublicViews {
    /// `rewards/index.html`: the whole catalog, with the tiers that may redeem each reward.
    public func rewards(formatter: LocaleFormatter) -> [String: Any] {
        var context = PageChrome(content: content, locale: language, depth: languageDepth + 1, slug: "rewards").context(
            title: "\(words["public_rewards"]) — \(siteName)", description: nil, current: "rewards", noindex: false)
        let views = RewardViews(content: content, locale: language, words: words, formatter: formatter)
        context["heading"] = words["public_rewards"]
        context["rewards"] = content.program.rewards.map(views.item)
        return context
    }
}
