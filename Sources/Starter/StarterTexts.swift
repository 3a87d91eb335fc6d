/// The starter site's words in each language Punchcard ships string tables for: the program's
/// default name, points, tiers, rewards, the referral text, and the pages. An operator rewrites
/// them; they are here so that the first build is a real site in every language.
struct StarterTexts: Sendable {
    var programName: String
    /// YAML for `points_name:`'s value in this language (a word or plural forms).
    var pointsName: String
    var tiers: [(name: String, benefits: [String])]
    var rewards: [(name: String, description: String)]
    var referral: String
    var mailSubject: String
    var closedAccounts: String
    var home: (title: String, description: String, body: String)
    var howToEarn: (title: String, description: String, body: String)
    var faq: (title: String, description: String, body: String)
    var tiersIntro: (title: String, description: String, body: String)
    var offer: (title: String, summary: String, body: String)
    /// Generated members' names (`--example`).
    var givenNames: [String]
    var familyNames: [String]
    /// Ledger descriptions of purchases: in a shop, online.
    var purchases: [String]
    var welcomeBonus: String
    var reward: String

    static func forLanguage(_ code: String) -> StarterTexts {
        switch code {
        case "fa": return persian
        case "ar": return arabic
        default: return english
        }
    }

    static let english = StarterTexts(
        programName: "Rewards Club",
        pointsName: "{one: point, other: points}",
        tiers: [("Bronze", ["Points on every purchase", "A treat in your birthday month"]),
                ("Silver", ["Everything in Bronze", "Free delivery on online orders"]),
                ("Gold", ["Everything in Silver", "Early access to offers", "A free drink every month"])],
        rewards: [("A drink of your choice", "Any size, any day."), ("10% off your next order", "On one order, in store or online.")],
        referral: "Share your link. When a friend joins, you both get **{bonus} points**.",
        mailSubject: "Your {period} statement: {balance} {points_name}",
        closedAccounts: "When an account closes, its points can no longer be used or earned. Ask us within 90 days if you think this is a mistake.",
        home: ("{program}", "Earn points with every purchase and turn them into treats.",
               """
               Welcome to **{program}**. Every purchase earns points, and points become free drinks, \
               discounts and more.

               - [How to earn points](how-to-earn/index.html)
               - [Tiers and benefits](tiers/index.html)
               - [Offers](offers/index.html)
               - [Questions and answers](faq/index.html)

               Your statement arrives at the start of every month, with a private link to your own page.
               """),
        howToEarn: ("How to earn points", "Points for every purchase, and for every friend who joins.",
                    """
                    ## Purchases

                    Give your member number at the till, or sign in when you order online: every \
                    purchase earns points.

                    ## Friends

                    Your statement shows your own referral link. When a friend joins with it, you both \
                    get **{bonus} points**.

                    ## Using your points

                    Your statement lists the rewards within your reach. Points expire {months} months \
                    after the month you earn them; your statement warns you {warning} days before.
                    """),
        faq: ("Questions and answers", "Answers to the questions members ask most.",
              """
              ## When is my statement ready?

              At the start of every month, for the month that has just ended.

              ## When do my points expire?

              At the end of the month {months} months after the month you earned them.

              ## How do I reach my statement?

              Through the private link in your monthly e-mail. Keep it to yourself: anyone with the \
              link can read your statement.
              """),
        tiersIntro: ("Tiers and benefits", "Bronze, Silver and Gold, and what each one gives you.",
                     "Your tier depends on the points you earned from purchases in the last 12 months, checked with every statement."),
        offer: ("Double points on Tuesdays",
                "Every purchase on a Tuesday earns **double points**.",
                "Nothing to do: the extra points are added to your account with every Tuesday purchase."),
        givenNames: ["Alice", "Omar", "Chloé", "James", "Mina", "Lucas", "Sara", "David", "Emma", "Noah", "Grace", "Daniel"],
        familyNames: ["Smith", "Haddad", "Martin", "Brown", "Kowalski", "Nguyen", "Garcia", "Taylor", "Rossi", "Cohen"],
        purchases: ["In-store purchase", "Online order"], welcomeBonus: "Welcome bonus", reward: "Reward")

    static let persian = StarterTexts(
        programName: "باشگاه مشتریان",
        pointsName: "امتیاز",
        tiers: [("برنزی", ["امتیاز برای هر خرید", "هدیه در ماه تولد"]),
                ("نقره‌ای", ["همهٔ مزایای برنزی", "ارسال رایگان سفارش‌های اینترنتی"]),
                ("طلایی", ["همهٔ مزایای نقره‌ای", "دسترسی زودهنگام به پیشنهادها", "یک نوشیدنی رایگان در هر ماه"])],
        rewards: [("یک نوشیدنی دلخواه", "هر اندازه، هر روز."), ("۱۰٪ تخفیف برای سفارش بعدی", "برای یک سفارش، حضوری یا اینترنتی.")],
        referral: "پیوندتان را برای دوستانتان بفرستید؛ با پیوستن هر دوست، هر دو **{bonus} امتیاز** می‌گیرید.",
        mailSubject: "صورت‌حساب {period} شما: {balance} {points_name}",
        closedAccounts: "با بسته شدن حساب، امتیازهای آن دیگر قابل استفاده یا کسب نیست. اگر فکر می‌کنید اشتباهی رخ داده است، تا ۹۰ روز با ما تماس بگیرید.",
        home: ("{program}", "با هر خرید امتیاز بگیرید و آن را به هدیه تبدیل کنید.",
               """
               به **{program}** خوش آمدید. هر خرید امتیاز دارد و امتیازها به نوشیدنی رایگان، تخفیف و \
               هدیه‌های دیگر تبدیل می‌شوند.

               - [راه‌های کسب امتیاز](how-to-earn/index.html)
               - [سطح‌ها و مزایا](tiers/index.html)
               - [پیشنهادها](offers/index.html)
               - [پرسش‌های متداول](faq/index.html)

               صورت‌حساب شما در آغاز هر ماه، با پیوندی خصوصی به صفحهٔ خودتان، می‌رسد.
               """),
        howToEarn: ("راه‌های کسب امتیاز", "امتیاز برای هر خرید و برای هر دوستی که می‌پیوندد.",
                    """
                    ## خرید

                    هنگام پرداخت شمارهٔ عضویت خود را بگویید یا هنگام سفارش اینترنتی وارد حساب خود شوید: \
                    هر خرید امتیاز دارد.

                    ## دوستان

                    صورت‌حساب شما پیوند معرفی خودتان را نشان می‌دهد. وقتی دوستی با آن بپیوندد، هر دو \
                    **{bonus} امتیاز** می‌گیرید.

                    ## استفاده از امتیاز

                    صورت‌حساب شما هدیه‌هایی را که در دسترس شماست نشان می‌دهد. امتیازها {months} ماه پس از \
                    ماهی که آن‌ها را گرفته‌اید منقضی می‌شوند و صورت‌حساب {warning} روز پیش از آن به شما یادآوری می‌کند.
                    """),
        faq: ("پرسش‌های متداول", "پاسخ پرسش‌هایی که اعضا بیشتر می‌پرسند.",
              """
              ## صورت‌حساب من کی آماده می‌شود؟

              در آغاز هر ماه، برای ماهی که گذشت.

              ## امتیازهایم کی منقضی می‌شوند؟

              در پایان ماهی که {months} ماه پس از ماه کسب آن‌هاست.

              ## صورت‌حسابم را کجا ببینم؟

              با پیوند خصوصی در نامهٔ ماهانه. آن را به کسی ندهید: هر کس پیوند را داشته باشد صورت‌حساب شما را می‌بیند.
              """),
        tiersIntro: ("سطح‌ها و مزایا", "برنزی، نقره‌ای و طلایی، و مزایای هر کدام.",
                     "سطح شما به امتیازهایی بستگی دارد که در ۱۲ ماه گذشته از خرید گرفته‌اید و با هر صورت‌حساب دوباره سنجیده می‌شود."),
        offer: ("امتیاز دوبرابر در سه‌شنبه‌ها",
                "هر خرید در روز سه‌شنبه **امتیاز دوبرابر** دارد.",
                "لازم نیست کاری کنید: امتیاز اضافه با هر خرید سه‌شنبه به حسابتان افزوده می‌شود."),
        givenNames: ["سارا", "علی", "مریم", "رضا", "زهرا", "حسین", "نگار", "امید", "لیلا", "کاوه", "فاطمه", "بهرام"],
        familyNames: ["رضایی", "احمدی", "موسوی", "کریمی", "حسینی", "تهرانی", "صادقی", "نوری", "جعفری", "کاظمی"],
        purchases: ["خرید حضوری", "سفارش اینترنتی"], welcomeBonus: "پاداش خوش‌آمدگویی", reward: "هدیه")

    static let arabic = StarterTexts(
        programName: "نادي المكافآت",
        pointsName: "{zero: نقطة, one: نقطة, two: نقطتان, few: نقاط, many: نقطة, other: نقطة}",
        tiers: [("البرونزية", ["نقاط مع كل عملية شراء", "هدية في شهر ميلادك"]),
                ("الفضية", ["كل مزايا الفئة البرونزية", "توصيل مجاني للطلبات عبر الإنترنت"]),
                ("الذهبية", ["كل مزايا الفئة الفضية", "وصول مبكر إلى العروض", "مشروب مجاني كل شهر"])],
        rewards: [("مشروب من اختيارك", "بأي حجم، في أي يوم."), ("خصم ١٠٪ على طلبك التالي", "لطلب واحد، في المتجر أو عبر الإنترنت.")],
        referral: "شارك رابطك. عندما ينضم صديق، يحصل كل منكما على **{bonus} نقطة**.",
        mailSubject: "كشف حساب {period}: {balance} {points_name}",
        closedAccounts: "عند إغلاق الحساب لا يمكن استخدام نقاطه أو كسبها بعد الآن. إن كنت ترى خطأً فتواصل معنا خلال ٩٠ يومًا.",
        home: ("{program}", "اكسب نقاطًا مع كل عملية شراء وحوّلها إلى مكافآت.",
               """
               أهلًا بك في **{program}**. كل عملية شراء تمنحك نقاطًا، والنقاط تصبح مشروبات مجانية وخصومات \
               وأكثر.

               - [كيف تكسب النقاط](how-to-earn/index.html)
               - [الفئات والمزايا](tiers/index.html)
               - [العروض](offers/index.html)
               - [الأسئلة الشائعة](faq/index.html)

               يصلك كشف حسابك في بداية كل شهر، مع رابط خاص إلى صفحتك.
               """),
        howToEarn: ("كيف تكسب النقاط", "نقاط مع كل عملية شراء، ومع كل صديق ينضم.",
                    """
                    ## المشتريات

                    اذكر رقم عضويتك عند الدفع، أو سجّل الدخول عند الطلب عبر الإنترنت: كل عملية شراء \
                    تمنحك نقاطًا.

                    ## الأصدقاء

                    يعرض كشف حسابك رابط الإحالة الخاص بك. عندما ينضم صديق من خلاله، يحصل كل منكما على \
                    **{bonus} نقطة**.

                    ## استخدام نقاطك

                    يعرض كشف حسابك المكافآت التي في متناولك. تنتهي صلاحية النقاط بعد {months} شهرًا من \
                    الشهر الذي كسبتها فيه، وينبهك كشف الحساب قبل ذلك بـ {warning} يومًا.
                    """),
        faq: ("الأسئلة الشائعة", "إجابات عن أكثر ما يسأله الأعضاء.",
              """
              ## متى يصبح كشف حسابي جاهزًا؟

              في بداية كل شهر، عن الشهر الذي انتهى للتو.

              ## متى تنتهي صلاحية نقاطي؟

              في نهاية الشهر الذي يأتي بعد {months} شهرًا من شهر كسبها.

              ## كيف أصل إلى كشف حسابي؟

              من خلال الرابط الخاص في رسالتك الشهرية. احتفظ به لنفسك: كل من لديه الرابط يستطيع قراءة كشف حسابك.
              """),
        tiersIntro: ("الفئات والمزايا", "البرونزية والفضية والذهبية، وما تمنحه كل منها.",
                     "تعتمد فئتك على النقاط التي كسبتها من المشتريات في آخر ١٢ شهرًا، وتُراجع مع كل كشف حساب."),
        offer: ("نقاط مضاعفة أيام الثلاثاء",
                "كل عملية شراء يوم الثلاثاء تمنحك **نقاطًا مضاعفة**.",
                "لا تحتاج إلى فعل شيء: تُضاف النقاط الإضافية إلى حسابك مع كل عملية شراء يوم الثلاثاء."),
        givenNames: ["نورة", "محمد", "فاطمة", "عبدالله", "ريم", "خالد", "سلمى", "يوسف", "ليان", "عمر", "هند", "سعود"],
        familyNames: ["العتيبي", "الحربي", "القحطاني", "الشمري", "الدوسري", "الزهراني", "الغامدي", "المطيري", "السبيعي", "العنزي"],
        purchases: ["شراء من المتجر", "طلب عبر الإنترنت"], welcomeBonus: "مكافأة الترحيب", reward: "مكافأة")
}
