import PunchcardLocalization

/// The report page's words in English, Persian and Arabic (other languages read English, with
/// their own digits and calendar). An operator may override any of them with the same key in the
/// theme's string table (`templates/i18n/<language>.yml`).
enum ReportWords {
    static func table(for locale: String, overrides: [String: String]) -> [String: String] {
        var words = english
        switch Language.code(of: locale) {
        case "fa": words.merge(persian) { _, own in own }
        case "ar": words.merge(arabic) { _, own in own }
        default: break
        }
        for (key, value) in overrides where key.hasPrefix("report_") { words[String(key.dropFirst(7))] = value }
        return words
    }

    static let english: [String: String] = [
        "title": "Program report", "subtitle": "For staff: how the loyalty program is doing",
        "generated": "Figures as of the period's last day",
        "provisional": "Provisional: this month has not ended. The figures count what the store holds so far and will change.",
        "shard": "Part of the program: these figures count only the members of shard {shard}. The report without --shard counts everyone.",
        "headline": "The month at a glance",
        "active": "Active members", "crr": "Retention (CRR)", "churn": "Churn", "new": "New members",
        "lost": "Lost", "returning": "Came back", "total": "Members", "issued": "Points issued",
        "redeemed": "Points redeemed", "expired": "Points expired", "adjusted": "Points adjusted",
        "outstanding": "Outstanding points", "liability": "Liability", "nps": "Net Promoter Score",
        "vs_previous": "vs previous month", "no_change": "no change", "none": "—",
        "trend": "The last 12 months", "chart_members": "Active members and retention",
        "chart_points": "Points issued, redeemed and expired", "chart_outstanding": "Outstanding points",
        "chart_nps": "Net Promoter Score", "numbers": "The numbers", "month": "Month",
        "redemption_12m": "Redemption rate, 12 months", "breakage_12m": "Breakage, 12 months",
        "tiers": "Tiers", "tier": "Tier", "members": "Members", "share": "Share", "no_tier": "No tier",
        "moves": "Tier moves since last month", "from": "From", "to": "To", "upgrades": "Upgrades",
        "downgrades": "Downgrades", "no_moves": "No member changed tier.",
        "referrals": "Referrals", "referred_members": "New members who were referred",
        "referral_points": "Referral points issued",
        "clv": "Customer lifetime value", "avg_purchase": "Average purchase", "frequency": "Purchases per customer, 12 months",
        "lifespan": "Relationship span (years)", "clv_value": "Lifetime value", "no_amounts": "No purchase amounts in the last 12 months.",
        "responses": "Responses", "promoters": "Promoters (9–10)", "passives": "Passives (7–8)", "detractors": "Detractors (0–6)",
        "no_surveys": "No survey answers in the last 12 months.", "nps_by_tier": "By tier",
        "how": "How each figure is computed",
        "how_active": "Active: joined by the day and earned points in the {k} months up to it.",
        "how_crr": "Retention (CRR) = (active at the end − new) ÷ active at the start × 100. Churn = active at the start but not at the end ÷ active at the start × 100.",
        "how_points": "Points issued = earn + bonus + referral in the month; outstanding = the sum of positive balances at the end; liability = outstanding × the point value.",
        "how_rates": "Redemption and breakage over the last 12 months: points redeemed (or expired) ÷ points issued × 100.",
        "how_clv": "Lifetime value = average purchase × purchases per customer (12 months) × the average years active members have been members.",
        "how_nps": "NPS = promoters − detractors, as a share of responses, from each member's latest answer in the last 12 months.",
        "details": "Every figure, exactly: report.json beside this page.",
    ]

    static let persian: [String: String] = [
        "title": "گزارش باشگاه", "subtitle": "برای کارکنان: باشگاه مشتریان چگونه کار می‌کند",
        "generated": "ارقام تا آخرین روز دوره",
        "provisional": "موقت: این ماه هنوز تمام نشده است. ارقام آنچه را تاکنون ثبت شده می‌شمارند و تغییر خواهند کرد.",
        "shard": "بخشی از باشگاه: این ارقام فقط اعضای بخش {shard} را می‌شمارند. گزارش بدون ‎--shard‎ همه را می‌شمارد.",
        "headline": "این ماه در یک نگاه",
        "active": "اعضای فعال", "crr": "نرخ نگهداشت (CRR)", "churn": "ریزش", "new": "اعضای تازه",
        "lost": "از دست رفته", "returning": "بازگشته", "total": "اعضا", "issued": "امتیاز صادرشده",
        "redeemed": "امتیاز استفاده‌شده", "expired": "امتیاز منقضی‌شده", "adjusted": "اصلاح امتیاز",
        "outstanding": "امتیاز باقی‌مانده", "liability": "بدهی", "nps": "شاخص خالص ترویج (NPS)",
        "vs_previous": "نسبت به ماه قبل", "no_change": "بدون تغییر", "none": "—",
        "trend": "دوازده ماه گذشته", "chart_members": "اعضای فعال و نرخ نگهداشت",
        "chart_points": "امتیاز صادرشده، استفاده‌شده و منقضی‌شده", "chart_outstanding": "امتیاز باقی‌مانده",
        "chart_nps": "شاخص خالص ترویج", "numbers": "اعداد", "month": "ماه",
        "redemption_12m": "نرخ استفاده، ۱۲ ماه", "breakage_12m": "نرخ انقضا، ۱۲ ماه",
        "tiers": "سطح‌ها", "tier": "سطح", "members": "اعضا", "share": "سهم", "no_tier": "بدون سطح",
        "moves": "تغییر سطح از ماه قبل", "from": "از", "to": "به", "upgrades": "ارتقا",
        "downgrades": "تنزل", "no_moves": "سطح هیچ عضوی تغییر نکرد.",
        "referrals": "معرفی‌ها", "referred_members": "اعضای تازهٔ معرفی‌شده",
        "referral_points": "امتیاز معرفی",
        "clv": "ارزش طول عمر مشتری", "avg_purchase": "میانگین خرید", "frequency": "خرید به ازای هر مشتری، ۱۲ ماه",
        "lifespan": "مدت عضویت (سال)", "clv_value": "ارزش طول عمر", "no_amounts": "در ۱۲ ماه گذشته مبلغ خریدی ثبت نشده است.",
        "responses": "پاسخ‌ها", "promoters": "مروجان (۹–۱۰)", "passives": "بی‌طرف‌ها (۷–۸)", "detractors": "منتقدان (۰–۶)",
        "no_surveys": "در ۱۲ ماه گذشته پاسخ نظرسنجی‌ای نیست.", "nps_by_tier": "به تفکیک سطح",
        "how": "هر رقم چگونه محاسبه می‌شود",
        "how_active": "فعال: تا آن روز عضو شده و در {k} ماه منتهی به آن امتیاز کسب کرده است.",
        "how_crr": "نرخ نگهداشت = (فعال در پایان − اعضای تازه) ÷ فعال در آغاز × ۱۰۰. ریزش = فعال در آغاز و نه در پایان ÷ فعال در آغاز × ۱۰۰.",
        "how_points": "امتیاز صادرشده = کسب + پاداش + معرفی در ماه؛ باقی‌مانده = جمع موجودی‌های مثبت در پایان؛ بدهی = باقی‌مانده × ارزش هر امتیاز.",
        "how_rates": "نرخ استفاده و انقضا در ۱۲ ماه گذشته: امتیاز استفاده‌شده (یا منقضی‌شده) ÷ امتیاز صادرشده × ۱۰۰.",
        "how_clv": "ارزش طول عمر = میانگین خرید × خرید به ازای هر مشتری (۱۲ ماه) × میانگین سال‌های عضویت اعضای فعال.",
        "how_nps": "NPS = مروجان − منتقدان، به نسبت پاسخ‌ها، از آخرین پاسخ هر عضو در ۱۲ ماه گذشته.",
        "details": "همهٔ ارقام، دقیق: report.json کنار همین صفحه.",
    ]

    static let arabic: [String: String] = [
        "title": "تقرير البرنامج", "subtitle": "للموظفين: كيف يعمل برنامج الولاء",
        "generated": "الأرقام حتى آخر يوم في الفترة",
        "provisional": "مؤقت: لم ينتهِ هذا الشهر بعد. تحسب الأرقام ما سُجّل حتى الآن وستتغير.",
        "shard": "جزء من البرنامج: تحسب هذه الأرقام أعضاء الجزء {shard} فقط. التقرير دون ‎--shard‎ يحسب الجميع.",
        "headline": "الشهر في لمحة",
        "active": "الأعضاء النشطون", "crr": "معدل الاحتفاظ (CRR)", "churn": "معدل التسرب", "new": "أعضاء جدد",
        "lost": "المفقودون", "returning": "العائدون", "total": "الأعضاء", "issued": "النقاط الممنوحة",
        "redeemed": "النقاط المستبدلة", "expired": "النقاط المنتهية", "adjusted": "تعديلات النقاط",
        "outstanding": "النقاط القائمة", "liability": "الالتزام", "nps": "صافي نقاط الترويج (NPS)",
        "vs_previous": "مقارنة بالشهر السابق", "no_change": "دون تغيير", "none": "—",
        "trend": "آخر ١٢ شهرًا", "chart_members": "الأعضاء النشطون ومعدل الاحتفاظ",
        "chart_points": "النقاط الممنوحة والمستبدلة والمنتهية", "chart_outstanding": "النقاط القائمة",
        "chart_nps": "صافي نقاط الترويج", "numbers": "الأرقام", "month": "الشهر",
        "redemption_12m": "معدل الاستبدال، ١٢ شهرًا", "breakage_12m": "معدل الانتهاء، ١٢ شهرًا",
        "tiers": "الفئات", "tier": "الفئة", "members": "الأعضاء", "share": "النسبة", "no_tier": "دون فئة",
        "moves": "تغيّر الفئات منذ الشهر السابق", "from": "من", "to": "إلى", "upgrades": "ترقيات",
        "downgrades": "تخفيضات", "no_moves": "لم يتغيّر أي عضو من فئته.",
        "referrals": "الإحالات", "referred_members": "أعضاء جدد بالإحالة",
        "referral_points": "نقاط الإحالة",
        "clv": "القيمة الدائمة للعميل", "avg_purchase": "متوسط الشراء", "frequency": "مرات الشراء لكل عميل، ١٢ شهرًا",
        "lifespan": "مدة العلاقة (سنوات)", "clv_value": "القيمة الدائمة", "no_amounts": "لا مبالغ شراء في آخر ١٢ شهرًا.",
        "responses": "الإجابات", "promoters": "المروّجون (٩–١٠)", "passives": "المحايدون (٧–٨)", "detractors": "المنتقدون (٠–٦)",
        "no_surveys": "لا إجابات استبيان في آخر ١٢ شهرًا.", "nps_by_tier": "حسب الفئة",
        "how": "كيف يُحسب كل رقم",
        "how_active": "النشط: انضم بحلول اليوم وكسب نقاطًا في الأشهر الـ{k} السابقة له.",
        "how_crr": "معدل الاحتفاظ = (النشطون في النهاية − الجدد) ÷ النشطين في البداية × ١٠٠. التسرب = النشطون في البداية لا في النهاية ÷ النشطين في البداية × ١٠٠.",
        "how_points": "النقاط الممنوحة = الكسب + المكافآت + الإحالة في الشهر؛ القائمة = مجموع الأرصدة الموجبة في النهاية؛ الالتزام = القائمة × قيمة النقطة.",
        "how_rates": "الاستبدال والانتهاء في آخر ١٢ شهرًا: النقاط المستبدلة (أو المنتهية) ÷ الممنوحة × ١٠٠.",
        "how_clv": "القيمة الدائمة = متوسط الشراء × مرات الشراء لكل عميل (١٢ شهرًا) × متوسط سنوات عضوية الأعضاء النشطين.",
        "how_nps": "NPS = المروّجون − المنتقدون، نسبةً إلى الإجابات، من آخر إجابة لكل عضو في آخر ١٢ شهرًا.",
        "details": "كل الأرقام بدقة: report.json بجانب هذه الصفحة.",
    ]
}
