import Foundation
import PunchcardDataRights
import PunchcardPages
import PunchcardStatements
import PunchcardSupport
import Testing
@testable import PunchcardMail

@Suite struct StatementMailTests {
    func written(_ fixture: MailFixture) throws -> (Mailer.Summary, URL) {
        let folder = fixture.root.appendingPathComponent("mail")
        return (try fixture.writeMessages(to: folder), folder)
    }

    func read(_ folder: URL, _ memberID: String) throws -> ReadMessage {
        ReadMessage(try Data(contentsOf: folder.appendingPathComponent(Mailer.fileName(memberID: memberID))))
    }

    @Test func oneMessagePerActiveMemberWithAnAddressAndAPage() throws {
        let fixture = try MailFixture()
        let (summary, folder) = try written(fixture)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["A%2FB.eml", "AR.eml", "EN.eml", "FA.eml", "HOSTILE.eml", "NOTIER.eml"])
        #expect(summary.delivered == 6)
        #expect(summary.skipped == [.closed: 1, .noAddress: 1, .noPage: 1])
    }

    @Test func theMessageIsWellFormedMIME() throws {
        let fixture = try MailFixture()
        let (_, folder) = try written(fixture)
        let data = try Data(contentsOf: folder.appendingPathComponent("EN.eml"))
        let message = ReadMessage(data)
        for line in String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "line over 78 characters: \(line)")
        }
        #expect(!String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF")
        #expect(message.header("From") == "Test Rewards <rewards@rewards.example>")
        #expect(message.header("Reply-To") == "\"Help, Desk\" <help@rewards.example>")
        #expect(message.header("To") == "Alice Smith <alice@example.com>")
        #expect(message.header("MIME-Version") == "1.0")
        #expect(message.header("Content-Type")?.hasPrefix("multipart/alternative; boundary=\"=_punchcard_") == true)
        #expect(message.header("Date")?.hasSuffix("+0000") == true)
        // Signed with the site's secret (made in .punchcard/ by the first run): no member_id in it.
        let signer = UnsubscribeSigner(secret: try SiteSecret.load(root: fixture.root, environment: [:]))
        #expect(message.header("List-Unsubscribe")?.trimmingCharacters(in: .whitespaces) == "<https://rewards.example/unsubscribe?t=\(signer.token(for: "EN"))>")
        #expect(message.header("List-Unsubscribe")?.contains("EN") == false)
        #expect(message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(message.contentTypes == ["Content-Type: text/plain; charset=UTF-8", "Content-Type: text/html; charset=UTF-8"])
        let store = try fixture.store()
        let token = try #require(try store.member("EN")).token
        let link = "https://rewards.example/m/\(token)/2026-10.html"
        #expect(message.text.contains(link))
        #expect(message.html.contains("href=\"\(link)\""))
        #expect(decodedHeader("Subject: " + (message.header("Subject") ?? "")) == "Test Rewards: your October 2026 statement — 1,500 points")
        // Alice's 1,200 points of November 2024 expire at the end of November 2026, within the warning window.
        #expect(message.text.contains("1,200 points on November 30, 2026"))
        #expect(message.text.contains("Your tier: Silver"))
        #expect(message.text.contains("+300 points this month"))
    }

    /// A closed account's values: its figures and the program's closed_accounts text; nothing that
    /// invites earning, redeeming or keeping a tier.
    @Test func aClosedAccountsMessageInvitesNothing() throws {
        let fixture = try MailFixture(program: MailFixture.program + "\nclosed_accounts: Your points were cancelled when the account closed.\n")
        let content = try SiteContent.load(root: fixture.root)
        let program = content.program
        // FA is Gold on 1,234,567 points earned in October 2026: the tier ends when they leave the window.
        var member = try #require(try fixture.store().member("FA"))
        let period = try #require(Period("2026-10"))
        let statement = try fixture.store().statement(for: "FA", program: program, period: period)
        let words = content.words(for: "fa-IR")
        let formatter = LocaleFormatter(locale: "fa-IR")
        let open = StatementMail(member: member, statement: statement, statementURL: "u")
            .values(program: program, words: words, formatter: formatter, unsubscribeURL: nil)
        #expect(open.tier != nil && !open.closed && open.balanceValue != nil)
        // One deadline (the end of October 2027), then the day the tier ends: the page's sentence.
        let keep = try #require(open.keepTier)
        let by = try #require(keep.range(of: "۹ آبان ۱۴۰۶")), ends = try #require(keep.range(of: "۱۰ آبان ۱۴۰۶"))
        #expect(by.lowerBound < ends.lowerBound)
        #expect(keep.contains("وگرنه") && keep.contains("به پایان می‌رسد"))
        member.status = .closed
        let closed = StatementMail(member: member, statement: statement, statementURL: "u")
            .values(program: program, words: words, formatter: formatter, unsubscribeURL: nil)
        #expect(closed.closed && closed.closedText == "Your points were cancelled when the account closed.")
        #expect(closed.change == open.change)
        #expect(closed.closingBalance == open.closingBalance)
        #expect(closed.tier == nil && closed.keepTier == nil && closed.toNext == nil && closed.topTier == nil)
        #expect(closed.expiring.isEmpty && closed.rewards.isEmpty && closed.nextReward == nil && closed.balanceValue == nil)
    }

    @Test func aMemberWithoutATierOrExpiringPoints() throws {
        let fixture = try MailFixture()
        let (_, folder) = try written(fixture)
        let message = try read(folder, "NOTIER")
        #expect(!message.text.contains("Your tier"))
        #expect(!message.text.contains("Points about to expire"))
        #expect(!message.html.contains("Your tier"))
        #expect(message.text.contains("40 points"))
    }

    @Test func persianAndArabicMembersReadTheirOwnLanguage() throws {
        let fixture = try MailFixture()
        let (_, folder) = try written(fixture)
        let persian = try read(folder, "FA")
        #expect(persian.html.contains("<html lang=\"fa-IR\" dir=\"rtl\">"))
        #expect(persian.header("Content-Language") == "fa-IR")
        let subject = decodedHeader("Subject: " + (persian.header("Subject") ?? ""))
        #expect(subject.contains("۱٬۲۳۴٬۵۶۷"), "subject: \(subject)")
        #expect(subject.contains("باشگاه آزمایشی"))
        #expect(persian.text.contains("سارا رضایی"))
        let arabic = try read(folder, "AR")
        #expect(arabic.html.contains("<html lang=\"ar-SA\" dir=\"rtl\">"))
        #expect(decodedHeader("Subject: " + (arabic.header("Subject") ?? "")).contains("٥٬٠٠٠"))
        #expect(decodedHeader("To: " + (arabic.header("To") ?? "")) == "محمد العلي <m.ali@example.com>")
    }

    @Test func valuesAreEscapedInHTMLAndCannotMakeHeaders() throws {
        let fixture = try MailFixture()
        let (_, folder) = try written(fixture)
        let message = try read(folder, "HOSTILE")
        #expect(!message.html.contains("<script>"))
        #expect(message.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Quote&quot;"))
        #expect(message.text.contains("<script>alert(\"x\")</script> & \"Quote\""))
        #expect(!message.headers.contains { $0.name.lowercased() == "bcc" })
        #expect(message.rawHeaderLines.filter { $0.lowercased().hasPrefix("bcc") }.isEmpty)
        #expect(decodedHeader("To: " + (message.header("To") ?? "")).hasSuffix("<h@example.com>"))

        // A name with line breaks (which the store refuses, but a message must survive anyway).
        var member = try #require(try fixture.store().member("EN"))
        member.name = "Eve\r\nBcc: victim@example.com\r\n\r\n<html>"
        let content = try SiteContent.load(root: fixture.root)
        let statement = try fixture.store().statement(for: "EN", program: content.program, period: fixture.period)
        let mail = StatementMail(member: member, statement: statement, statementURL: "https://rewards.example/m/x/2026-10.html")
        let words = content.words(for: "en-US")
        let built = mail.message(program: content.program, settings: content.program.mail!, words: words,
                                 formatter: .init(locale: "en-US"), templates: try MailTemplates.load(root: fixture.root),
                                 to: MailAddress("eve@example.com")!, date: "Sun, 29 Nov 2026 12:00:00 +0000", signer: nil)
        let read = ReadMessage(Data(built.bytes))
        #expect(read.header("Bcc") == nil)
        #expect(read.header("To") == "\"Eve Bcc: victim@example.com <html>\" <eve@example.com>")
        #expect(read.text.hasPrefix("Hello Eve Bcc: victim@example.com <html>,"))
    }

    /// A tag the e-mail cannot fill is an error naming the template's file, line and column, in
    /// either part, before any message is made (swift-mustache would have written nothing there).
    @Test func aTypoInAMailTemplateIsAnErrorWithItsPlace() throws {
        let fixture = try MailFixture()
        let text = try String(contentsOf: fixture.root.appendingPathComponent("templates/mail/statement.txt.mustache"), encoding: .utf8)
        try fixture.write("templates/mail/statement.txt.mustache", text.replacingOccurrences(of: "{{closing_balance}}", with: "{{closing_balanse}}"))
        let error = #expect(throws: Diagnostic.self) { try MailTemplates.load(root: fixture.root) }
        #expect(error?.location.file == "templates/mail/statement.txt.mustache")
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("{{closing_balance}}") }.map { $0 + 1 }
        #expect(error?.location.line == line)
        #expect(error?.message.contains("unknown value \"closing_balanse\"") == true)
        try fixture.write("templates/mail/statement.txt.mustache", text)
        let html = try String(contentsOf: fixture.root.appendingPathComponent("templates/mail/statement.html.mustache"), encoding: .utf8)
        try fixture.write("templates/mail/statement.html.mustache", html.replacingOccurrences(of: "{{t.mail_view}}", with: "{{t.mail_veiw}}"))
        let word = #expect(throws: Diagnostic.self) { try MailTemplates.load(root: fixture.root) }
        #expect(word?.location.file == "templates/mail/statement.html.mustache")
        #expect(word?.message.contains("no word \"mail_veiw\"") == true)
    }

    @Test func theMessageIDIsTheSameOnEveryRun() throws {
        let fixture = try MailFixture()
        let first = try read(try written(fixture).1, "EN").header("Message-ID")
        let again = fixture.root.appendingPathComponent("again")
        try fixture.writeMessages(to: again)
        #expect(try read(again, "EN").header("Message-ID") == first)
        #expect(try read(again, "FA").header("Message-ID") != first)
        #expect(first?.hasPrefix("<2026-10.") == true && first?.hasSuffix("@rewards.example>") == true)
        #expect(StatementMail.messageID(memberID: "EN", period: Period("2026-10")!, domain: "rewards.example") == first)
        #expect(StatementMail.messageID(memberID: "EN", period: Period("2026-09")!, domain: "rewards.example") != first)
    }

    @Test func fileNamesAreSafeForAnyMemberID() {
        #expect(Mailer.fileName(memberID: "M0001") == "M0001.eml")
        #expect(Mailer.fileName(memberID: "a/b") == "a%2Fb.eml")
        #expect(Mailer.fileName(memberID: "..") == "%2E..eml")
        #expect(Mailer.fileName(memberID: ".hidden") == "%2Ehidden.eml")
        #expect(Mailer.fileName(memberID: "ü x") == "%C3%BC%20x.eml")
    }

    @Test func whoGetsAMessage() throws {
        let period = Period("2026-10")!
        var generator = SystemRandomNumberGenerator()
        var member = Member(memberID: "M", name: "M", joinedOn: CalendarDate(year: 2024, month: 1, day: 1)!, referralCode: "R",
                            token: MemberToken.random(using: &generator))
        member.email = "m@example.com"
        #expect(try Mailer.eligibility(member: member, period: period).get() == MailAddress("m@example.com"))
        var closed = member; closed.status = .closed
        #expect(Mailer.eligibility(member: closed, period: period) == .failure(.init(.closed)))
        var none = member; none.email = nil
        #expect(Mailer.eligibility(member: none, period: period) == .failure(.init(.noAddress)))
        var bad = member; bad.email = "not an address"
        #expect(Mailer.eligibility(member: bad, period: period) == .failure(.init(.unusableAddress)))
        var late = member; late.joinedOn = CalendarDate(year: 2026, month: 11, day: 1)!
        #expect(Mailer.eligibility(member: late, period: period) == .failure(.init(.noPage)))
    }
}

@Suite struct SubjectTests {
    @Test func aSubjectNeverMixesTwoLanguages() throws {
        let program = MailFixture.program.replacingOccurrences(of: "  unsubscribe:", with: """
              subject: {en-US: "Statement for {name}", fa-IR: "صورت‌حساب {period}: {balance} {points_name}"}
              unsubscribe:
            """)
        let fixture = try MailFixture(program: program)
        let folder = fixture.root.appendingPathComponent("mail")
        try fixture.writeMessages(to: folder)
        func subject(_ id: String) throws -> String {
            decodedHeader("Subject: " + (ReadMessage(try Data(contentsOf: folder.appendingPathComponent("\(id).eml"))).header("Subject") ?? ""))
        }
        let persian = try subject("FA")
        #expect(persian == "صورت‌حساب اکتبر ۲۰۲۶: ۱٬۲۳۴٬۵۶۷ points") // the fixture names points in English only
        #expect(try subject("EN") == "Statement for Alice Smith")
        // No Arabic subject in the program: the theme's, in Arabic (not the English one).
        #expect(try subject("AR").hasPrefix("مكافآت التجربة: كشف حسابك لشهر"))
    }
}
