import Foundation
import PunchcardMail
import PunchcardPages
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import Testing
@testable import PunchcardSMS

@Suite struct SMSEncodingTests {
    @Test func gsmTextCountsSeptetsAndTheExtensionTableTwice() {
        #expect(SMSEncoding.of("Balance: 1,200 points. €5 off") == .gsm7)
        #expect(SMSEncoding.units("a€b").units == 4)
        #expect(SMSEncoding.units("[x]").units == 5)
        #expect(SMSEncoding.segments(String(repeating: "a", count: 160)) == 1)
        #expect(SMSEncoding.segments(String(repeating: "a", count: 161)) == 2)
        #expect(SMSEncoding.segments(String(repeating: "a", count: 306)) == 2)
        #expect(SMSEncoding.segments(String(repeating: "a", count: 307)) == 3)
        // 80 euro signs are 160 septets: one message; one more character is two.
        #expect(SMSEncoding.segments(String(repeating: "€", count: 80)) == 1)
        #expect(SMSEncoding.segments(String(repeating: "€", count: 80) + "a") == 2)
        #expect(SMSEncoding.segments("") == 0)
    }

    @Test func persianArabicAndEmojiAreUCS2() {
        #expect(SMSEncoding.of("موجودی ۱۲۰") == .ucs2)
        #expect(SMSEncoding.of("Café ç") == .ucs2) // ç (lower case) is not in GSM 03.38; Ç is
        #expect(SMSEncoding.of("Ç") == .gsm7)
        #expect(SMSEncoding.segments(String(repeating: "س", count: 70)) == 1)
        #expect(SMSEncoding.segments(String(repeating: "س", count: 71)) == 2)
        #expect(SMSEncoding.segments(String(repeating: "س", count: 134)) == 2)
        #expect(SMSEncoding.segments(String(repeating: "س", count: 135)) == 3)
        // An emoji is two UTF-16 units.
        #expect(SMSEncoding.units("🎉").units == 2)
        #expect(SMSEncoding.segments(String(repeating: "🎉", count: 35)) == 1)
        #expect(SMSEncoding.segments(String(repeating: "🎉", count: 36)) == 2)
    }
}

@Suite struct PhoneNumberTests {
    @Test func e164IsReadWithSeparatorsAndLocalDigits() {
        #expect(PhoneNumber.e164("+989121234567") == "+989121234567")
        #expect(PhoneNumber.e164("+98 (912) 123-4567") == "+989121234567")
        #expect(PhoneNumber.e164("+۹۸۹۱۲۱۲۳۴۵۶۷") == "+989121234567")
        #expect(PhoneNumber.e164("+٩٦٦٥٠١٢٣٤٥٦٧") == "+966501234567")
        #expect(PhoneNumber.e164("+1234567") == "+1234567")             // 7 digits: the shortest
        #expect(PhoneNumber.e164("+123456789012345") == "+123456789012345") // 15: the longest
    }

    @Test func anythingElseIsRefused() {
        for text in ["09121234567", "+0989121234567", "+123456", "+1234567890123456", "+98 912 abc", "", "+",
                     "++989121234567", "+98\u{0}9121234567", "tel:+989121234567", String(repeating: "+1", count: 100)] {
            #expect(PhoneNumber.e164(text) == nil, "\(text)")
        }
    }

    @Test func theDefaultChannelFollowsWhatTheMemberGave() {
        var member = Member(memberID: "A", name: "A", email: "a@example.com", phone: "+989121234567",
                            joinedOn: CalendarDate(iso: "2024-01-01")!, referralCode: "X")
        #expect(member.channel == .email)
        member.email = nil
        #expect(member.channel == .sms)
        member.attributes["channel"] = "none"
        #expect(member.channel == ContactChannel.none)
        member.phone = nil
        member.attributes = [:]
        #expect(member.channel == .email) // reachable on nothing: mail counts them as "no address"
    }
}

@Suite struct StatementSMSTests {
    let fixture: SMSFixture

    init() throws { fixture = try SMSFixture() }

    func rows() throws -> [String: SMSSender.Row] {
        var rows: [String: SMSSender.Row] = [:]
        _ = try SMSSender.messages(fixture.options(), store: fixture.store()) { rows[$0.memberID] = $0 }
        return rows
    }

    @Test func eachSMSMemberGetsOneMessageInTheirLanguageAndDigits() throws {
        let rows = try rows()
        #expect(Set(rows.keys) == ["EN", "FA", "AR", "LONG"])
        let english = try #require(rows["EN"])
        #expect(english.phone == "+15551234567")
        #expect(english.language == "en-US")
        #expect(english.message.hasPrefix("Test Rewards: 1,500 points."))
        #expect(english.message.contains("expire on"))
        #expect(english.message.hasSuffix("https://rewards.example/m/\(try fixture.token("EN"))/2026-10.html"))
        #expect(english.segments == SMSEncoding.segments(english.message))
        let persian = try #require(rows["FA"])
        #expect(persian.language == "fa-IR")
        #expect(persian.message.contains("۱٬۲۳۴٬۵۶۷"))
        #expect(!persian.message.contains("1234567"))
        #expect(SMSEncoding.of(persian.message) == .ucs2)
        #expect(try #require(rows["AR"]).message.contains("رصيدك"))
        for row in rows.values { #expect(row.segments <= 2 && row.segments >= 1) }
    }

    @Test func aLongMessageIsShortenedButItsLinkIsWhole() throws {
        // LONG's program name in Arabic is long: the message drops it and keeps the link whole.
        let row = try #require(try rows()["LONG"])
        #expect(row.segments <= 2)
        #expect(row.message.hasSuffix("https://rewards.example/m/\(try fixture.token("LONG"))/2026-10.html"))
        #expect(!row.message.contains("مكافآت"))
    }

    @Test func theOthersAreCountedByReason() throws {
        let summary = try SMSSender.messages(fixture.options(), store: fixture.store()) { _ in }
        #expect(summary.delivered == 4)
        #expect(summary.skipped[.prefersEmail] == 1)
        #expect(summary.skipped[.wantsNone] == 1)
        #expect(summary.skipped[.closed] == 1)
        #expect(summary.skipped[.noPage] == 1)
    }

    @Test func mailSkipsMembersWhoPreferSMSOrNothing() throws {
        let summary = try Mailer.run(Mailer.Options(root: fixture.root, period: fixture.period,
                                                    destination: .files(fixture.root.appendingPathComponent("eml"))), store: fixture.store())
        #expect(summary.delivered == 1) // MAIL
        #expect(summary.skipped[.prefersSMS] == 4)
        #expect(summary.skipped[.wantsNone] == 1)
    }

    @Test func sendingRecordsEachMessageOnceAndAgainSendsNothing() throws {
        let inbox = fixture.root.appendingPathComponent("gateway")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let gateway = SendmailCommand("cat > '\(inbox.path)'/sms.$$.txt", timeout: 10)
        let first = try SMSSender.send(fixture.options(), with: gateway, store: fixture.store())
        #expect(first.delivered == 4)
        let received = try FileManager.default.contentsOfDirectory(atPath: inbox.path)
            .map { try String(contentsOf: inbox.appendingPathComponent($0), encoding: .utf8) }
        #expect(received.count == 4)
        // The phone number on the first line, the message on the second.
        #expect(received.contains { $0.hasPrefix("+15551234567\nTest Rewards: ") })
        let again = try SMSSender.send(fixture.options(), with: gateway, store: fixture.store())
        #expect(again.delivered == 0)
        #expect(again.skipped[.alreadySent] == 4)
        // E-mail's record for the period is its own: SMS sent does not count as mailed.
        let record = try DeliveryRecord(root: fixture.root, channel: .email)
        #expect(try record.entries(period: fixture.period).isEmpty)
        record.releaseLock()
    }
}

/// A program with three languages and members on every channel.
final class SMSFixture {
    let root: URL
    var storePath: String { root.appendingPathComponent("members.sqlite").path }
    let period = Period("2026-10")!

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let program = """
        name: {en-US: Test Rewards, fa-IR: باشگاه آزمایشی, ar-SA: "مكافآت التجربة الطويلة جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا"}
        base_url: https://rewards.example/
        languages: [en-US, fa-IR, ar-SA]
        currency: USD
        tiers:
          - name: {en-US: Silver, fa-IR: نقره‌ای, ar-SA: الفضية}
            threshold: 100
        expiry:
          months: 24
          warning_days: 90
        referral:
          link: https://shop.example/join?ref={code}
        mail:
          from: Test Rewards <rewards@rewards.example>
        """

    static let members = """
        member_id,name,email,phone,locale,joined_on,status,channel
        EN,Alice Smith,,+1 555 123 4567,en-US,2024-01-15,active,sms
        FA,سارا رضایی,sara@example.com,+989121234567,fa-IR,2024-02-01,active,sms
        AR,محمد العلي,,+966501234567,ar-SA,2024-02-01,active,
        LONG,Long Name,,+966501234568,ar-SA,2024-02-01,active,sms
        MAIL,Mail Member,mail@example.com,+15550000000,en-US,2024-02-01,active,
        NONE,No Thanks,none@example.com,+15550000001,en-US,2024-02-01,active,none
        CLOSED,Closed,,+15550000002,en-US,2024-02-01,closed,sms
        LATE,Late,,+15550000003,en-US,2026-11-02,active,sms

        """

    static let ledger = """
        txn_id,member_id,posted_on,kind,points,description
        T1,EN,2024-11-15,earn,1200,Order
        T2,EN,2026-10-03,earn,300,Order
        T3,FA,2026-10-10,earn,1234567,خرید
        T4,AR,2025-01-10,earn,5000,شراء
        T5,LONG,2025-01-10,earn,5000,شراء

        """

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-sms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try Data(Self.program.utf8).write(to: root.appendingPathComponent("content/program.yml"))
        try Data("---\ntitle: Home\n---\nWelcome.\n".utf8).write(to: root.appendingPathComponent("content/index.md"))
        let store = try MemberStore(creatingAt: storePath)
        _ = try store.importCSV(members: try importFile("members.csv", Self.members), ledger: try importFile("ledger.csv", Self.ledger))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func importFile(_ name: String, _ text: String) throws -> ImportFile {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return ImportFile(url: url, displayName: name)
    }

    func store() throws -> MemberStore { try MemberStore(path: storePath) }

    func token(_ memberID: String) throws -> String { try #require(try store().member(memberID)).token }

    func options() -> Mailer.Options {
        Mailer.Options(root: root, period: period, destination: .files(root))
    }
}
