import Foundation
import Testing
@testable import PunchcardSite
@testable import PunchcardSupport

@Suite struct OutputFolderTests {
    let folder: URL
    let output: OutputFolder

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("punchcard-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        output = OutputFolder(url: folder)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
    }

    func names(_ relative: String) -> [String] { output.list(relative).sorted() }

    @Test func replacingSwapsInTheNewFileAndLeavesNothingBehind() throws {
        // Replacing where nothing is yet, then where a file is, then a second name of it.
        try output.write("<p>", "one", "</p>", to: "m/abc/2026-10.html", replacing: true)
        try output.link("m/abc/2026-10.html", as: "m/abc/index.html", replacing: true)
        #expect(try read("m/abc/index.html") == "<p>one</p>")
        try output.write("<p>", "two", "</p>", to: "m/abc/2026-10.html", replacing: true)
        #expect(try read("m/abc/2026-10.html") == "<p>two</p>")
        #expect(try read("m/abc/index.html") == "<p>one</p>") // until it is linked again
        try output.link("m/abc/2026-10.html", as: "m/abc/index.html", replacing: true)
        #expect(try read("m/abc/index.html") == "<p>two</p>")
        #expect(output.isSameFile("m/abc/index.html", "m/abc/2026-10.html"))
        #expect(names("m/abc") == ["2026-10.html", "index.html"]) // no temporary names left
        // Not expecting a file there: a plain rename, over one or not.
        try output.write("<p>", "three", "</p>", to: "m/abc/2026-10.html", replacing: false)
        try output.write("<p>", "four", "</p>", to: "m/abc/2026-11.html", replacing: false)
        #expect(try read("m/abc/2026-10.html") == "<p>three</p>")
        #expect(names("m/abc") == ["2026-10.html", "2026-11.html", "index.html"])
    }
}
