import Foundation
import PunchcardStatements
import PunchcardSupport
import Testing
@testable import PunchcardMail

@Suite struct DeliveryTests {
    /// A sendmail stand-in: each message it accepts becomes a file in `folder`.
    func catcher(_ folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return "cat > '\(folder.path)'/msg.$$.eml"
    }

    func received(_ folder: URL) throws -> [ReadMessage] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { ReadMessage(try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    @Test func sendingAgainSendsOnlyWhatIsNotRecorded() throws {
        let fixture = try MailFixture()
        let inbox = fixture.root.appendingPathComponent("inbox")
        let first = try fixture.send(try catcher(inbox))
        #expect(first.delivered == 6)
        #expect(first.failures.isEmpty)
        let messages = try received(inbox)
        #expect(messages.count == 6)
        // Handed to sendmail with LF line ends (`sendmail -t -i` makes them CRLF), headers intact.
        #expect(messages.allSatisfy { $0.header("To") != nil && $0.header("Message-ID") != nil })

        let again = try fixture.send(try catcher(inbox))
        #expect(again.delivered == 0)
        #expect(again.skipped[.alreadySent] == 6)
        #expect(try received(inbox).count == 6)

        let resent = try fixture.send(try catcher(inbox), resend: true, only: ["EN"])
        #expect(resent.delivered == 1)
        #expect(try received(inbox).count == 7)
    }

    @Test func failuresAreRecordedAndRetriedOnlyWhenAsked() throws {
        let fixture = try MailFixture()
        let failed = try fixture.send("echo 'relay says no' >&2; exit 75")
        #expect(failed.delivered == 0)
        #expect(failed.failures.count == 6)
        #expect(failed.failures.allSatisfy { $0.detail.contains("exited with status 75: relay says no") })

        let inbox = fixture.root.appendingPathComponent("inbox")
        let skipped = try fixture.send(try catcher(inbox))
        #expect(skipped.delivered == 0)
        #expect(skipped.skipped[.failedBefore] == 6)

        let retried = try fixture.send(try catcher(inbox), retryFailed: true)
        #expect(retried.delivered == 6)
        #expect(try received(inbox).count == 6)
    }

    @Test func anUnsubscribedMemberIsNeverMailed() {
        var member = Member(memberID: "U", name: "U", email: "u@example.com", joinedOn: CalendarDate(iso: "2024-01-01")!,
                            referralCode: "X", token: "AAAAAAAAAAAAAAAAAAAAAA")
        let period = Period("2026-10")!
        #expect((try? Mailer.eligibility(member: member, period: period).get()) != nil)
        // Whatever the channel says (a store edited by hand, a stale import): the day wins.
        member.attributes = [Member.unsubscribedColumn: "2026-10-02", "channel": "email"]
        #expect(Mailer.eligibility(member: member, period: period) == .failure(Mailer.SkipReason(.unsubscribed)))
    }

    @Test func aCommandThatHangsIsStoppedAtTheTimeout() throws {
        let started = Date()
        let outcome = SendmailCommand("sleep 30", timeout: 0.5).send(Array("To: a@example.com\n\nhi\n".utf8))
        #expect(Date().timeIntervalSince(started) < 10)
        guard case .failed(let detail) = outcome else { Issue.record("a hanging command was accepted"); return }
        #expect(detail.contains("no answer"))
        #expect(SendmailCommand("cat > /dev/null").send(Array(repeating: 65, count: 1 << 20)) == .accepted)
        // A command that reads nothing and fails must not take Punchcard down with SIGPIPE.
        guard case .failed = SendmailCommand("exit 1").send(Array(repeating: 65, count: 1 << 20)) else {
            Issue.record("a failing command was accepted"); return
        }
    }

    @Test func oneMailRunAtATime() throws {
        let fixture = try MailFixture()
        let record = try DeliveryRecord(root: fixture.root)
        #expect(throws: MailError.self) { try DeliveryRecord(root: fixture.root) }
        record.releaseLock()
        _ = try DeliveryRecord(root: fixture.root)
    }

    @Test func theRecordKeepsEachMembersLastOutcome() throws {
        let fixture = try MailFixture()
        let record = try DeliveryRecord(root: fixture.root)
        let period = Period("2026-10")!
        try record.record(period: period, memberID: "A", state: .failed, messageID: "<x>", address: "a@example.com", detail: "no")
        try record.record(period: period, memberID: "A", state: .sent, messageID: "<x>", address: "a@example.com")
        try record.record(period: Period("2026-09")!, memberID: "B", state: .sent, messageID: "<y>", address: "b@example.com")
        #expect(try record.entries(period: period) == ["A": .init(state: .sent, detail: nil)])
    }

    @Test func unknownMembersAreRefusedBeforeAnythingIsSent() throws {
        let fixture = try MailFixture()
        let inbox = fixture.root.appendingPathComponent("inbox")
        #expect(throws: MailError.self) { try fixture.send(try catcher(inbox), only: ["EN", "NOBODY"]) }
        #expect(try received(inbox).isEmpty)
    }
}

@Suite struct MailSettingsTests {
    func parse(_ mail: String) throws(Diagnostic) -> Program {
        let base = MailFixture.program.components(separatedBy: "mail:")[0]
        return try Program.parse(base + mail, file: "program.yml")
    }

    @Test func settingsAreRead() throws {
        let program = try parse("""
            mail:
              from: "Saffron Rewards <rewards@saffron.example>"
              subject: {en-US: "Your {period} statement", fa-IR: "صورت‌حساب {period}"}
            """)
        #expect(program.mail?.from.name == "Saffron Rewards")
        #expect(program.mail?.from.address.address == "rewards@saffron.example")
        #expect(program.mail?.subject?.text(in: "fa-IR") == "صورت‌حساب {period}")
        #expect(try parse("").mail == nil)
    }

    @Test(arguments: [
        ("mail:\n  reply_to: a@example.com\n", "from"),
        ("mail:\n  from: not an address\n", "from"),
        ("mail:\n  from: a@example.com\n  form: b@example.com\n", "form"),
        ("mail:\n  from: a@example.com\n  unsubscribe: https://x.example/u\n", "unsubscribe"),
        ("mail:\n  from: a@example.com\n  unsubscribe: javascript:alert({unsubscribe_token})\n", "unsubscribe"),
        ("mail:\n  from: a@example.com\n  unsubscribe: https://x.example/u?m={member_id}\n", "unsubscribe"),
        ("mail:\n  from: a@example.com\n  unsubscribe: https://x.example/u?t={token}\n", "unsubscribe"),
        ("mail:\n  from: a@example.com\n  subject: \"{balanse} points\"\n", "subject"),
    ])
    func mistakesAreErrorsNamingTheKey(_ mail: String, _ key: String) {
        do {
            _ = try parse(mail)
            Issue.record("accepted: \(mail)")
        } catch {
            #expect(error.description.contains(key), "\(error.description)")
            #expect(error.description.contains("program.yml:"), "\(error.description)")
        }
    }
}

@Suite struct DeliveryRecordDamageTests {
    @Test func aDamagedRecordIsRefusedInPlainWords() throws {
        let fixture = try MailFixture()
        try fixture.write(".punchcard/mail.sqlite", String(repeating: "not a database ", count: 400))
        do {
            _ = try fixture.send("true")
            Issue.record("a damaged delivery record was used")
        } catch let error as MailError {
            #expect(error.description.contains("mail.sqlite: it is not a delivery record"))
            #expect(!error.description.contains("SQLite error"))
        }
    }
}

@Suite struct PacingTests {
    @Test func theRateSpacesMessagesAndAMemberNamedTwiceGetsOne() throws {
        let fixture = try MailFixture()
        let inbox = fixture.root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let started = Date()
        let summary = try Mailer.run(Mailer.Options(
            root: fixture.root, period: fixture.period,
            destination: .send(SendmailCommand("cat > '\(inbox.path)'/msg.$$.eml")), rate: 10,
            only: ["EN", "FA", "AR", "EN", "NOTIER"]), store: fixture.store())
        let seconds = Date().timeIntervalSince(started)
        #expect(summary.delivered == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 4)
        // Four messages at ten a second: the last leaves at least 0.3 s after the first.
        #expect(seconds >= 0.3, "took \(seconds) s")
    }
}

@Suite struct ShardedMailTests {
    @Test func shardsTogetherMailEveryoneOnceWhateverTheirNumber() throws {
        let fixture = try MailFixture()
        let inbox = fixture.root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        func send(_ shard: Shard?) throws -> Mailer.Summary {
            try Mailer.run(Mailer.Options(root: fixture.root, period: fixture.period,
                                          destination: .send(SendmailCommand("cat > '\(inbox.path)'/msg.$$.eml")),
                                          shard: shard), store: fixture.store())
        }
        let first = try send(Shard(index: 0, count: 2)), second = try send(Shard(index: 1, count: 2))
        #expect(first.delivered + second.delivered == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 6)
        // Run again as one process, or as three shards: everyone is already recorded somewhere.
        #expect(try send(nil).delivered == 0)
        for index in 0..<3 { #expect(try send(Shard(index: index, count: 3)).delivered == 0) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 6)
    }
}

@Suite struct ShardTests {
    @Test func everyMemberIsInExactlyOneShard() {
        let ids = (0..<5000).map { "M\($0)" } + ["", "ü", "a/b", "حسین"]
        for count in [1, 2, 3, 4, 7, 64] {
            for id in ids {
                let owners = (0..<count).filter { Shard(index: $0, count: count)!.contains(id) }
                #expect(owners.count == 1)
            }
        }
        // Stable across runs and machines: FNV-1a of the UTF-8 bytes (the value CI's scripts rely on).
        // FNV-1a 64 of "M0000001" is 0x8da8725c8545740b (computed independently in Python).
        #expect(Shard.index(of: "M0000001", count: 1_000_000) == 708_299)
    }

    @Test func parsing() throws {
        #expect(try Shard.parse("2/4", environment: [:]).get() == Shard(index: 2, count: 4))
        #expect(try Shard.parse("auto/4", environment: ["JOB_COMPLETION_INDEX": "3"]).get() == Shard(index: 3, count: 4))
        #expect(try Shard.parse("auto/4", environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1"]).get() == Shard(index: 3, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "x/2", "1", "1/2/3", "auto/4"] {
            guard case .failure = Shard.parse(bad, environment: [:]) else { Issue.record("accepted \(bad)"); continue }
        }
    }
}

@Suite struct ParallelSendingTests {
    @Test func severalSendersStillMailEachMemberOnce() throws {
        let fixture = try MailFixture()
        let inbox = fixture.root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        var options = Mailer.Options(root: fixture.root, period: fixture.period,
                                     destination: .send(SendmailCommand("sleep 0.1; cat > '\(inbox.path)'/msg.$$.eml")))
        options.parallel = 4
        let summary = try Mailer.run(options, store: fixture.store())
        #expect(summary.delivered == 6)
        #expect(summary.skipped == [.closed: 1, .noAddress: 1, .noPage: 1])
        let messages = try FileManager.default.contentsOfDirectory(atPath: inbox.path)
            .map { ReadMessage(try Data(contentsOf: inbox.appendingPathComponent($0))) }
        #expect(Set(messages.compactMap { $0.header("Message-ID") }).count == 6)
        options.parallel = 3
        #expect(try Mailer.run(options, store: fixture.store()).skipped[.alreadySent] == 6)
    }
}
