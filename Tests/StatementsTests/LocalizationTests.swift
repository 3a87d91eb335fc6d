import Foundation
import Testing
import PunchcardLocalization
import PunchcardStatements
import PunchcardSupport

@Suite struct LocalizationTests {
    static let program = """
        name: {en-US: Saffron Rewards, fa-IR: باشگاه زعفران}
        base_url: https://rewards.example
        languages: [en-US, fa-IR, ar-SA]
        currency: USD
        points_name:
          en-US: {one: point, other: points}
          fa-IR: امتیاز
        tiers:
          - name: {en-US: Gold, fa-IR: طلایی, ar-SA: الذهبية}
            threshold: 0
            benefits: "- Free tea"
        expiry: {months: 24}
        referral:
          link: https://shop.example/join?ref={code}
          text: {en-US: Invite a friend, ar: ادعُ صديقًا}
        """

    @Test func programTextsArePlainOrPerLanguage() throws {
        let program = try Program.parse(Self.program, file: "program.yml")
        #expect(program.languages == ["en-US", "fa-IR", "ar-SA"])
        #expect(program.defaultLocale == "en-US")
        #expect(program.name.text(in: "fa-IR") == "باشگاه زعفران")
        #expect(program.name.text(in: "fa-AF") == "باشگاه زعفران") // by language
        #expect(program.name.text(in: "ar-SA") == "Saffron Rewards") // falls back to the default
        #expect(program.name.sourceLanguage(for: "ar-SA") == "en")
        #expect(!program.name.isTranslated(to: "ar"))
        // Tiers keep their default-language name as their key.
        #expect(program.tiers[0].name == "Gold")
        #expect(program.tiers[0].title.text(in: "ar-SA") == "الذهبية")
        #expect(program.tiers[0].benefits.isTranslated(to: "fa") && program.tiers[0].benefits.isSameInEveryLanguage)
        #expect(program.referral.text?.text(in: "ar-EG") == "ادعُ صديقًا")
    }

    @Test func wordsAfterNumbersFollowTheLanguagesPluralRules() throws {
        let program = try Program.parse(Self.program, file: "program.yml")
        #expect(program.pointsName.text(in: "en-US", count: 1) == "point")
        #expect(program.pointsName.text(in: "en-US", count: 2) == "points")
        #expect(program.pointsName.text(in: "en-US", count: 0) == "points")
        #expect(program.pointsName.text(in: "fa-IR", count: 1) == "امتیاز")
        #expect(PluralRules.category(of: 0, locale: "ar") == "zero")
        #expect(PluralRules.category(of: 2, locale: "ar") == "two")
        #expect(PluralRules.category(of: 3, locale: "ar") == "few")
        #expect(PluralRules.category(of: 11, locale: "ar") == "many")
        #expect(PluralRules.category(of: 100, locale: "ar") == "other")
        #expect(PluralRules.category(of: 1, locale: "en") == "one")
    }

    @Test func translationsIntoLanguagesTheProgramDoesNotHaveAreErrors() {
        let text = Self.program.replacingOccurrences(of: "fa-IR: امتیاز", with: "de: Punkte")
        do {
            _ = try Program.parse(text, file: "program.yml")
            Issue.record("accepted a language the program does not have")
        } catch {
            #expect(error.description.contains("program.yml:7"))
            #expect(error.description.contains("\"de\" is not one of the program's languages"))
        }
        let noDefault = Self.program.replacingOccurrences(of: "{en-US: Saffron Rewards, fa-IR: باشگاه زعفران}", with: "{fa-IR: باشگاه زعفران}")
        #expect(throws: Diagnostic.self) { try Program.parse(noDefault, file: "program.yml") }
        let emptyTranslation = Self.program.replacingOccurrences(of: "fa-IR: امتیاز", with: "fa-IR: ~")
        #expect(throws: Diagnostic.self) { try Program.parse(emptyTranslation, file: "program.yml") }
        let badPlural = Self.program.replacingOccurrences(of: "{one: point, other: points}", with: "{one: point, lots: points}")
        #expect(throws: Diagnostic.self) { try Program.parse(badPlural, file: "program.yml") }
    }

    @Test func localesMustBeRealLanguageTags() {
        for valid in ["fa-IR", "ar-SA", "en", "fr-CA", "zh-Hant-TW", "es-419"] { #expect(Language.isValid(valid), "\(valid)") }
        for invalid in ["Persian", "fa_IR", "english", "xx", "IR", "fa-", "en-ZZZZZZZZZ"] { #expect(!Language.isValid(invalid), "\(invalid)") }
        #expect(Language.nativeName(of: "fa-IR") == "فارسی")
        #expect(Language.nativeName(of: "ar") == "العربية")
        #expect(Language.nativeName(of: "en-US") == "English")
    }

    @Test func searchFoldsWhatACounterTypes() {
        let fold = SearchFolding.fold
        #expect(fold("José") == fold("jose"))
        #expect(fold("علي") == fold("علی"))              // Arabic and Persian yeh
        #expect(fold("كريم") == fold("کریم"))            // kaf and keheh
        #expect(fold("فاطمة") == fold("فاطمه"))          // teh marbuta
        #expect(fold("مُحَمَّد") == fold("محمد"))          // diacritics
        #expect(fold("می‌خواهم") == fold("میخواهم"))     // zero-width non-joiner
        #expect(fold("M۰۰۰۱۲") == "m00012")
        #expect(fold("M٠٠٠١٢") == "m00012")
        #expect(fold("أحمد") == fold("احمد"))
    }
}
