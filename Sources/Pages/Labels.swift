import PunchcardSupport

/// The words of the default theme, in the languages Punchcard ships: English, Persian and Arabic.
/// A page gets the set for its locale's language, or English. Templates read them as `{{t.key}}`.
public enum Labels {
    public static func forLocale(_ identifier: String) -> [String: String] {
        switch LocaleTag.language(of: identifier) {
        case "fa": return persian
        case "ar": return arabic
        default: return english
        }
    }

    /// `{tier}` and `{points}` are filled in by Swift, never by templates.
    static let english: [String: String] = [
        "menu": "Menu", "skip": "Skip to content", "statement": "Statement", "statement_title": "Your statement",
        "member_since": "Member since", "period": "Period", "balance": "Points balance",
        "opening_balance": "Opening balance", "earned": "Earned", "bonus": "Bonus and referral",
        "redeemed": "Redeemed", "expired": "Expired", "adjusted": "Adjustments", "closing_balance": "Closing balance",
        "summary": "This period", "activity": "Activity this period", "no_activity": "No activity this period.",
        "date": "Date", "description": "Description", "kind": "Type", "points": "Points",
        "expiring": "Points about to expire", "expiring_intro": "Use them before they expire:",
        "on": "on", "tier": "Tier", "your_tier": "Your tier", "progress": "Progress to the next tier",
        "to_next": "{points} points to {tier}", "top_tier": "You are at our top tier. Thank you!",
        "qualifying": "Qualifying points in the last 12 months", "benefits": "Your benefits",
        "offers": "Offers for you", "early_access": "Early access from", "goes_public": "Open to everyone from",
        "ends": "Ends", "code": "Code", "referral": "Invite friends", "referral_code": "Your referral code",
        "referral_link": "Your invitation link", "friends_joined": "Friends who joined",
        "referral_points": "Points from referrals", "earlier": "Earlier statements", "latest": "Latest statement",
        "statement_date": "Statement date", "kind_earn": "Purchase", "kind_bonus": "Bonus",
        "kind_referral": "Referral", "kind_redeem": "Redemption", "kind_expire": "Expiry", "kind_adjust": "Adjustment",
        "tiers": "Tiers and benefits", "threshold": "Qualifying points", "public_offers": "Offers",
        "no_offers": "There are no offers right now. Check back soon.", "not_found": "Page not found",
        "not_found_text": "We could not find that page.", "home": "Home", "private_note": "This page is private to you. Please do not share its address.",
        "provisional": "Provisional: this period has not ended yet, so these figures may still change.",
        "closed": "This account is closed. This is its final statement.",
    ]

    static let persian: [String: String] = [
        "menu": "فهرست", "skip": "رفتن به محتوا", "statement": "صورت‌حساب", "statement_title": "صورت‌حساب شما",
        "member_since": "عضو از", "period": "دوره", "balance": "موجودی امتیاز",
        "opening_balance": "موجودی ابتدای دوره", "earned": "کسب‌شده", "bonus": "پاداش و معرفی",
        "redeemed": "استفاده‌شده", "expired": "منقضی‌شده", "adjusted": "اصلاحات", "closing_balance": "موجودی پایان دوره",
        "summary": "این دوره", "activity": "فعالیت این دوره", "no_activity": "در این دوره فعالیتی نبوده است.",
        "date": "تاریخ", "description": "شرح", "kind": "نوع", "points": "امتیاز",
        "expiring": "امتیازهای رو به انقضا", "expiring_intro": "پیش از انقضا از آن‌ها استفاده کنید:",
        "on": "در", "tier": "سطح", "your_tier": "سطح شما", "progress": "پیشرفت تا سطح بعد",
        "to_next": "{points} امتیاز تا {tier}", "top_tier": "شما در بالاترین سطح هستید. سپاسگزاریم!",
        "qualifying": "امتیازهای معتبر در ۱۲ ماه گذشته", "benefits": "مزایای شما",
        "offers": "پیشنهادهای ویژهٔ شما", "early_access": "دسترسی زودهنگام از", "goes_public": "برای همه از",
        "ends": "پایان", "code": "کد", "referral": "دوستانتان را دعوت کنید", "referral_code": "کد معرفی شما",
        "referral_link": "پیوند دعوت شما", "friends_joined": "دوستانی که پیوستند",
        "referral_points": "امتیاز از معرفی", "earlier": "صورت‌حساب‌های پیشین", "latest": "آخرین صورت‌حساب",
        "statement_date": "تاریخ صورت‌حساب", "kind_earn": "خرید", "kind_bonus": "پاداش",
        "kind_referral": "معرفی", "kind_redeem": "استفاده", "kind_expire": "انقضا", "kind_adjust": "اصلاح",
        "tiers": "سطح‌ها و مزایا", "threshold": "امتیاز لازم", "public_offers": "پیشنهادها",
        "no_offers": "اکنون پیشنهادی نیست. به‌زودی سر بزنید.", "not_found": "صفحه پیدا نشد",
        "not_found_text": "این صفحه را پیدا نکردیم.", "home": "خانه", "private_note": "این صفحه خصوصی است. لطفاً نشانی آن را با کسی به اشتراک نگذارید.",
        "provisional": "موقت: این دوره هنوز به پایان نرسیده است و این ارقام ممکن است تغییر کنند.",
        "closed": "این حساب بسته شده است. این آخرین صورت‌حساب آن است.",
    ]

    static let arabic: [String: String] = [
        "menu": "القائمة", "skip": "انتقل إلى المحتوى", "statement": "كشف الحساب", "statement_title": "كشف حسابك",
        "member_since": "عضو منذ", "period": "الفترة", "balance": "رصيد النقاط",
        "opening_balance": "الرصيد الافتتاحي", "earned": "المكتسبة", "bonus": "المكافآت والإحالات",
        "redeemed": "المستبدلة", "expired": "المنتهية", "adjusted": "التعديلات", "closing_balance": "الرصيد الختامي",
        "summary": "هذه الفترة", "activity": "نشاط هذه الفترة", "no_activity": "لا يوجد نشاط في هذه الفترة.",
        "date": "التاريخ", "description": "الوصف", "kind": "النوع", "points": "النقاط",
        "expiring": "نقاط توشك على الانتهاء", "expiring_intro": "استخدمها قبل انتهائها:",
        "on": "في", "tier": "الفئة", "your_tier": "فئتك", "progress": "التقدم إلى الفئة التالية",
        "to_next": "{points} نقطة للوصول إلى {tier}", "top_tier": "أنت في أعلى فئة لدينا. شكرًا لك!",
        "qualifying": "النقاط المؤهلة في آخر ١٢ شهرًا", "benefits": "مزاياك",
        "offers": "عروض لك", "early_access": "وصول مبكر من", "goes_public": "متاح للجميع من",
        "ends": "ينتهي", "code": "الرمز", "referral": "ادعُ أصدقاءك", "referral_code": "رمز الإحالة الخاص بك",
        "referral_link": "رابط الدعوة الخاص بك", "friends_joined": "الأصدقاء الذين انضموا",
        "referral_points": "نقاط الإحالات", "earlier": "كشوف سابقة", "latest": "أحدث كشف",
        "statement_date": "تاريخ الكشف", "kind_earn": "شراء", "kind_bonus": "مكافأة",
        "kind_referral": "إحالة", "kind_redeem": "استبدال", "kind_expire": "انتهاء", "kind_adjust": "تعديل",
        "tiers": "الفئات والمزايا", "threshold": "النقاط المؤهلة", "public_offers": "العروض",
        "no_offers": "لا توجد عروض حاليًا. عد قريبًا.", "not_found": "الصفحة غير موجودة",
        "not_found_text": "لم نعثر على هذه الصفحة.", "home": "الرئيسية", "private_note": "هذه الصفحة خاصة بك. يرجى عدم مشاركة عنوانها.",
        "provisional": "مؤقت: لم تنتهِ هذه الفترة بعد، وقد تتغير هذه الأرقام.",
        "closed": "هذا الحساب مغلق. هذا هو كشفه الأخير.",
    ]
}
