import Foundation
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import Testing
@testable import PunchcardDataRights

@Suite struct UnsubscribeImportTests {
    let folder: URL
    let store: MemberStore
    let signer = UnsubscribeSigner(secret: Array("a site secret of at least 32 chars".utf8))

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-unsub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try MemberStore(creatingAt: folder.appendingPathComponent("members.sqlite").path)
        _ = try store.importCSV(members: try file("members.csv", """
            member_id,name,email,phone,joined_on,channel
            A,Ana,ana@example.com,,2024-01-01,
            B,Bo,bo@example.com,+989121234567,2024-01-01,sms
            C,Cy,shared@example.com,,2024-01-01,
            D,Di,shared@example.com,,2024-01-01,email

            """))
    }

    func file(_ name: String, _ text: String) throws -> ImportFile {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return ImportFile(url: url, displayName: name)
    }

    @discardableResult
    func unsubscribe(_ text: String, name: String = "unsubscribes.txt") throws -> (ImportSummary, [Diagnostic]) {
        let file = try file(name, text)
        let requests = try UnsubscribeRequest.read(file)
        let resolved = try UnsubscribeResolver.resolve(requests, file: file, store: store, signer: signer, today: CalendarDate(iso: "2026-11-03")!)
        return (try store.importCSV(ImportFiles(unsubscribes: resolved.list)), resolved.warnings)
    }

    @Test func aSignedTokenUnsubscribesItsMemberOnly() throws {
        let (summary, _) = try unsubscribe("# from the endpoint\n\(signer.token(for: "A"))\n")
        #expect(summary.unsubscribed == 1)
        let ana = try #require(try store.member("A"))
        #expect(ana.unsubscribedOn == CalendarDate(iso: "2026-11-03"))
        #expect(ana.channel == ContactChannel.none)
        #expect(try store.member("C")?.unsubscribedOn == nil)
        // Again: nothing more to do.
        #expect(try unsubscribe(signer.token(for: "A")).0.alreadyUnsubscribed == 1)
    }

    @Test func aForgedTokenIsRefusedAtItsLineAndNothingChanges() throws {
        let forged = UnsubscribeSigner(secret: Array("another site's secret, 32 chars!!".utf8)).token(for: "A")
        do {
            try unsubscribe("\(signer.token(for: "C"))\n\(forged)\nnot a token\n")
            Issue.record("accepted a forged token")
        } catch let problems as DiagnosticList {
            #expect(problems.description.contains("unsubscribes.txt:3: \"not a token\" is not an unsubscribe token or an e-mail address"))
        }
        do {
            try unsubscribe("\(signer.token(for: "C"))\n\(forged)\n")
            Issue.record("accepted a forged token")
        } catch let problems as DiagnosticList {
            #expect(problems.description.contains("unsubscribes.txt:2: token:"))
            #expect(problems.description.contains("no member's unsubscribe token"))
        }
        #expect(try store.member("C")?.unsubscribedOn == nil) // all or nothing
    }

    @Test func addressesAndAnEndpointLogWork() throws {
        let (summary, warnings) = try unsubscribe("""
            received_at,email,token
            2026-10-30T10:00:00Z,SHARED@example.com,
            2026-10-31,,\(signer.token(for: "B"))
            2026-11-01,nobody@example.com,

            """, name: "log.csv")
        #expect(summary.unsubscribed == 3)
        #expect(try store.member("C")?.unsubscribedOn == CalendarDate(iso: "2026-10-30"))
        #expect(try store.member("D")?.unsubscribedOn == CalendarDate(iso: "2026-10-30"))
        // An SMS member keeps SMS: unsubscribing is from e-mail.
        #expect(try store.member("B")?.channel == .sms)
        #expect(warnings.map(\.description) == ["log.csv:4: email: \"nobody@example.com\": no member has this address; skipped"])
    }

    @Test func aMembersFileDoesNotResubscribeWithoutNewConsent() throws {
        try unsubscribe(signer.token(for: "A"))
        // The CRM's export still says email: the unsubscription stands, with a warning.
        let summary = try store.importCSV(members: try file("again.csv", "member_id,name,email,joined_on,channel\nA,Ana,ana@example.com,2024-01-01,email\n"))
        #expect(summary.warnings.map(\.description) == ["again.csv:2:5: channel: \"A\" unsubscribed on 2026-11-03; channel email not applied (a consent_on after that day re-subscribes)"])
        #expect(try store.member("A")?.channel == ContactChannel.none)
        // An empty channel would default to e-mail: not either.
        _ = try store.importCSV(members: try file("empty.csv", "member_id,name,email,joined_on,channel\nA,Ana,ana@example.com,2024-01-01,\n"))
        #expect(try store.member("A")?.channel == ContactChannel.none)
        // Agreeing again after unsubscribing does.
        _ = try store.importCSV(members: try file("consent.csv", "member_id,name,email,joined_on,channel,consent_on\nA,Ana,ana@example.com,2024-01-01,email,2026-11-20\n"))
        #expect(try store.member("A")?.channel == .email)
        #expect(try store.member("A")?.unsubscribedOn == nil)
        // members.csv never sets the day itself.
        #expect(throws: DiagnosticList.self) {
            try store.importCSV(members: try file("bad.csv", "member_id,name,joined_on,unsubscribed_on\nA,Ana,2024-01-01,\n"))
        }
    }
}
