import Foundation
import PunchcardPages
@testable import PunchcardSite
import PunchcardStatements
import PunchcardStore
import PunchcardSupport
import Testing

/// What a careless or hostile operator can do to a site, and what a build must do about it
/// (issue 24).
@Suite struct SiteSafetyTests {
    @Test func aTemplateNestedThousandsDeepIsAnErrorNotACrash() throws {
        let fixture = try SiteFixture()
        try fixture.write("templates/404.mustache", "ok\n" + String(repeating: "{{#t}}", count: 3_000) + "x"
                          + String(repeating: "{{/t}}", count: 3_000))
        #expect {
            try fixture.build()
        } throws: { error in
            "\(error)".contains("templates/404.mustache:2:") && "\(error)".contains("nested more than")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func nestingIsCountedThroughChangedDelimiters() throws {
        let deep = "{{=<% %>=}}" + String(repeating: "<%#t%>", count: 200) + String(repeating: "<%/t%>", count: 200)
        #expect(throws: Diagnostic.self) { try TemplateSet.checkNesting(deep, file: "t.mustache") }
        let fine = String(repeating: "{{#t}}", count: 20) + String(repeating: "{{/t}}", count: 20)
        try TemplateSet.checkNesting(fine, file: "t.mustache")
    }

    @Test(arguments: [".", "content", "content/offers/out", "templates/assets", ".punchcard/out", "members.sqlite", ".."])
    func anOutputInsideWhatTheSiteIsMadeFromIsRefused(_ relative: String) throws {
        let fixture = try SiteFixture()
        var options = fixture.options()
        options.output = fixture.root.appendingPathComponent(relative)
        #expect(throws: BuildRefusal.self) { try Site.build(options) }
        #expect(OutputPlacement.refusal(output: options.output, root: fixture.root, storePath: fixture.storePath) != nil)
    }

    @Test func anOutputBesideTheContentIsFine() throws {
        let fixture = try SiteFixture()
        for relative in ["output", "public/site", "../elsewhere-\(UUID().uuidString)"] {
            #expect(OutputPlacement.refusal(output: fixture.root.appendingPathComponent(relative), root: fixture.root,
                                            storePath: fixture.storePath) == nil, "\(relative)")
        }
    }

    @Test func otherPeoplesFilesInMAreLeftAlone() throws {
        let fixture = try SiteFixture()
        try fixture.build()
        try fixture.write("output/m/.htaccess", "Options -Indexes\n")
        try fixture.write("output/m/README", "ours\n")
        let report = try fixture.build()
        #expect(try fixture.page("m/.htaccess") == "Options -Indexes\n")
        #expect(try fixture.page("m/README") == "ours\n")
        #expect(report.warnings.contains { $0.contains("m/.htaccess") && $0.contains("left as they are") })
        // A member's folder whose member is gone is still Punchcard's to remove.
        let stray = "m/" + String(repeating: "A", count: 22)
        try fixture.write("output/\(stray)/index.html", "old")
        #expect(try fixture.build().removed == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(stray).path))
    }

    @Test func aShardedBuildWithAShardMissingCoversOnlyItsMembers() throws {
        let fixture = try SiteFixture()
        let sharded = fixture.root.appendingPathComponent("sharded")
        for index in [0, 2] {
            var options = fixture.options()
            options.output = sharded
            options.shard = Shard(index: index, count: 3)
            try Site.build(options)
        }
        let period = try #require(Period("2026-10"))
        let coverage = try Site.coverage(root: fixture.root, output: sharded, period: period)
        #expect(!coverage.isComplete)
        #expect(coverage.missing?.contains("1/3") == true)
        var members: [Member] = []
        try fixture.store().forEachMember { members.append($0) }
        for member in members {
            let built = FileManager.default.fileExists(
                atPath: sharded.appendingPathComponent("m/\(member.token)/2026-10.html").path)
            #expect(coverage.contains(member.memberID) == built, "\(member.memberID)")
        }
        // Another period is not covered by these shards at all.
        #expect(try Site.coverage(root: fixture.root, output: sharded, period: try #require(Period("2026-09"))).contains("EN") == false)
        var last = fixture.options()
        last.output = sharded
        last.shard = Shard(index: 1, count: 3)
        try Site.build(last)
        #expect(try Site.coverage(root: fixture.root, output: sharded, period: period).isComplete)
    }

    @Test func aLinkOutOfTheSiteIsAnErrorAndALinkInsideIsFollowed() throws {
        let fixture = try SiteFixture()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).md")
        try Data("---\ntitle: Secret\n---\nsecret\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: fixture.root.appendingPathComponent("content/leak.md").path,
                                                   withDestinationPath: outside.path)
        #expect {
            try fixture.build()
        } throws: { error in
            "\(error)".contains("content/leak.md") && "\(error)".contains("outside the site")
        }
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("content/leak.md"))
        // An asset linked to a file inside the site is published; one linked outside is an error.
        try fixture.write("shared/logo.txt", "logo\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.root.appendingPathComponent("templates/assets/logo.txt").path,
                                                   withDestinationPath: fixture.root.appendingPathComponent("shared/logo.txt").path)
        try fixture.build()
        #expect(try fixture.page("assets/logo.txt") == "logo\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.root.appendingPathComponent("templates/assets/passwd").path,
                                                   withDestinationPath: "/etc/passwd")
        #expect {
            try fixture.build()
        } throws: { error in
            "\(error)".contains("templates/assets/passwd") && "\(error)".contains("outside the site")
        }
    }

    @Test func translationFilesAreNamedFromTheBaseName() {
        #expect(TranslationWarnings.translationFile(of: "content/x.en.md", language: "fa") == "content/x.fa.md")
        #expect(TranslationWarnings.translationFile(of: "content/x.md", language: "fa") == "content/x.fa.md")
        #expect(TranslationWarnings.translationFile(of: "content/offers/spring-sale.md", language: "ar") == "content/offers/spring-sale.ar.md")
    }
}
