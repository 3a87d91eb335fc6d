import Foundation
import Testing
import PunchcardMarkdown
import PunchcardPages
import PunchcardStatements
import PunchcardStore
@testable import PunchcardPreview

/// The staff index rendered straight from a store, without a server.
@Suite struct MemberIndexTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-index-\(UUID().uuidString)")

    func makeStore(members count: Int) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "member_id,name,joined_on\n"
        for number in 1...count { csv += String(format: "M%03d,Member %03d,2024-01-01\n", number, number) }
        csv += "X%_,Percent_Underscore,2024-01-01\n"
        let file = folder.appendingPathComponent("members.csv")
        try Data(csv.utf8).write(to: file)
        let path = folder.appendingPathComponent("members.sqlite").path
        _ = try MemberStore(creatingAt: path).importCSV(members: ImportFile(url: file, displayName: "members.csv"), ledger: nil)
        return path
    }

    func index(_ storePath: String) throws -> MemberIndex {
        let program = try Program.parse(PreviewFixture.program, file: "program.yml")
        return MemberIndex(storePath: storePath, content: SiteContent(program: program, pages: [], offers: [], markdown: Markdown()),
                           period: Period("2026-10")!)
    }

    @Test func eachMemberShowsTheOffersTheirStatementShowsButNoCode() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeStore(members: 3)
        let program = try Program.parse(PreviewFixture.program, file: "program.yml")
        let offer = try Offer.parse("---\ntitle: Gift <for> you\npublic_from: 2026-01-01\nends: 2027-12-31\ncoupon: required\n---\nx\n",
                                    source: "content/offers/gift.md", slug: "gift", program: program, markdown: Markdown())
        let coupons = folder.appendingPathComponent("coupons.csv")
        try Data("member_id,offer,code,expires_on\nM002,gift,SECRET-CODE-2,2027-01-31\n".utf8).write(to: coupons)
        var file = ImportFile(url: coupons, displayName: "coupons.csv")
        file.declaredOffers = ["gift"]
        _ = try MemberStore(path: path).importCSV(coupons: file)
        let index = MemberIndex(storePath: path, content: SiteContent(program: program, pages: [], offers: [offer], markdown: Markdown()),
                                period: Period("2026-10")!)
        let page = try index.render(query: [:])
        let rows = page.components(separatedBy: "<tr>")
        #expect(rows.first { $0.contains("M002") }?.contains("Gift &lt;for&gt; you") == true)
        #expect(rows.first { $0.contains("M001") }?.contains("Gift") == false)
        #expect(!page.contains("SECRET-CODE"))
    }

    @Test func largeStoresPageThroughFiftyAtATime() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try index(try makeStore(members: 120))
        let first = try index.render(query: [:])
        #expect(first.contains("121 members · page 1 of 3"))
        #expect(first.contains("Member 050") && !first.contains("Member 051"))
        #expect(first.contains("href=\"?page=2\" rel=\"next\""))
        let third = try index.render(query: ["page": "3"])
        #expect(third.contains("Member 120") && third.contains("Percent_Underscore") && !third.contains("Member 100"))
        #expect(third.contains("href=\"?page=2\" rel=\"prev\"") && !third.contains("rel=\"next\""))
    }

    @Test func searchesMatchLiterallyAndKeepTheQueryWhenPaging() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try index(try makeStore(members: 120))
        let found = try index.render(query: ["q": "member 1"])
        #expect(found.contains("21 members match “member 1”")) // Member 100 to 120; case ignored
        let wildcard = try index.render(query: ["q": "%_"])
        #expect(wildcard.contains("1 member matches “%_”") && wildcard.contains("Percent_Underscore"))
        let paged = try index.render(query: ["q": "member", "page": "1"])
        #expect(paged.contains("href=\"?q=member&amp;page=2\""))
        let hostile = try index.render(query: ["q": "\"><script>x</script>"])
        #expect(!hostile.contains("<script>x") && hostile.contains("&lt;script&gt;x"))
    }
}
