import Foundation
import Testing
@testable import PunchcardPreview

@Suite struct SitePathTests {
    @Test func pathsInsideTheSiteResolve() {
        #expect(SitePath.resolve("/") == .inside("", isFolder: true))
        #expect(SitePath.resolve("/faq/") == .inside("faq", isFolder: true))
        #expect(SitePath.resolve("/assets/style.css") == .inside("assets/style.css", isFolder: false))
        #expect(SitePath.resolve("/a%20b/./c") == .inside("a b/c", isFolder: false))
        #expect(SitePath.resolve("//faq//index.html") == .inside("faq/index.html", isFolder: false))
    }

    @Test func everyWayOutIsRefused() {
        for path in ["/..", "/../etc/passwd", "/a/../../b", "/%2e%2e/x", "/%2E%2E/x", "/a%2f..%2f..%2fx",
                     "/..%5cx", "/a\\..\\x", "/x%00.html", "/%zz", "/.punchcard/build.sqlite", "/.git/config", "relative"] {
            #expect(SitePath.resolve(path) == .refused, "\(path)")
        }
    }

    @Test func contentTypesFollowTheExtension() {
        #expect(ContentType.of("index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("assets/style.CSS") == "text/css; charset=utf-8")
        #expect(ContentType.of("sitemap.xml") == "application/xml; charset=utf-8")
        #expect(ContentType.of("m/abc/card.pkpass") == "application/vnd.apple.pkpass")
        #expect(ContentType.of("robots.txt") == "text/plain; charset=utf-8")
        #expect(ContentType.of("logo.svg") == "image/svg+xml")
        #expect(ContentType.of("README") == "application/octet-stream")
    }

    @Test func formQueriesDecodePlusAndPercent() {
        #expect(QueryString.parse("q=alice+smith&page=2") == ["q": "alice smith", "page": "2"])
        #expect(QueryString.parse("q=a%2Bb%26c") == ["q": "a+b&c"])
        #expect(QueryString.parse("q=%D8%B3&q=ignored&flag") == ["q": "س", "flag": ""])
    }

    @Test func theReloadScriptGoesBeforeTheBodyEnds() {
        let page = LiveReload.inject(into: Data("<html><body><p>x</p></body></html>".utf8))
        let text = String(decoding: page, as: UTF8.self)
        #expect(text.hasSuffix("</script></body></html>"))
        #expect(text.contains("<p>x</p><script>"))
    }
}
