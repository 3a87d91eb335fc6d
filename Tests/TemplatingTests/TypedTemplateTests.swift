import Mustache
import PunchcardSupport
import PunchcardTemplating
import Testing

/// A small typed context, its rows and an optional object: enough to exercise every kind of field.
final class Card: TemplateValues {
    var name: String
    var note: String?
    var vip: Bool
    var count: Int
    var lines: [Line]
    var badge: Badge?

    init(name: String, note: String? = nil, vip: Bool = false, count: Int = 0, lines: [Line] = [], badge: Badge? = nil) {
        self.name = name
        self.note = note
        self.vip = vip
        self.count = count
        self.lines = lines
        self.badge = badge
    }

    static let schema = TemplateSchema<Card>("card", [
        .text("name", "The name") { $0.name },
        .optionalText("note", "A note") { $0.note },
        .flag("vip", "A flag") { $0.vip },
        .number("count", "A number") { $0.count },
        .list("lines", "Rows") { $0.lines },
        .object("badge", "An object") { $0.badge },
    ])
}

final class Line: TemplateValues {
    var text: String
    init(_ text: String) { self.text = text }
    static let schema = TemplateSchema<Line>("line", [.text("text", "The line's text") { $0.text }])
}

final class Badge: TemplateValues {
    var label: String
    init(_ label: String) { self.label = label }
    static let schema = TemplateSchema<Badge>("badge", [.html("label", "The badge") { $0.label }])
}

@Suite struct TypedTemplateTests {
    func render(_ source: String, _ card: Card, constants: [String: String] = [:]) throws -> String {
        try TypedTemplate<Card>(source, file: "templates/card.mustache", constants: constants).render(card)
    }

    @Test func valuesAreEscapedUnlessTripled() throws {
        let card = Card(name: "<a href='x'>&\"")
        #expect(try render("{{name}}", card) == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;")
        #expect(try render("{{{name}}}|{{&name}}", card) == "<a href='x'>&\"|<a href='x'>&\"")
    }

    @Test func sectionsFollowTheValuesType() throws {
        let card = Card(name: "Ann", vip: true, count: 3, lines: [Line("a"), Line("b<")], badge: Badge("<b>gold</b>"))
        #expect(try render("{{#vip}}V{{/vip}}{{^vip}}N{{/vip}}", card) == "V")
        #expect(try render("{{#lines}}[{{text}}/{{name}}]{{/lines}}", card) == "[a/Ann][b&lt;/Ann]")
        #expect(try render("{{^lines}}none{{/lines}}", card) == "")
        #expect(try render("{{#badge}}{{{label}}} {{count}}{{/badge}}", card) == "<b>gold</b> 3")
        #expect(try render("{{#note}}has {{.}}{{/note}}{{^note}}no note{{/note}}", card) == "no note")
        card.note = "n&"
        #expect(try render("{{#note}}has {{.}}{{/note}}{{^note}}no note{{/note}}", card) == "has n&amp;")
        card.lines = []
        card.badge = nil
        #expect(try render("{{^lines}}none{{/lines}}{{#badge}}B{{/badge}}{{^badge}}-{{/badge}}", card) == "none-")
    }

    @Test func constantsAreWrittenIn() throws {
        #expect(try render("{{t.hello}} {{lang}}", Card(name: ""), constants: ["t.hello": "سلام <", "lang": "fa"]) == "سلام &lt; fa")
    }

    @Test func partialsAreInlined() throws {
        let template = try TypedTemplate<Card>(
            "A{{> row}}C", file: "templates/card.mustache",
            partials: { $0 == "row" ? ("{{#lines}}{{text}}{{/lines}}", "templates/row.mustache") : nil })
        #expect(template.render(Card(name: "", lines: [Line("1"), Line("2")])) == "A12C")
    }

    /// Every name is bound when the template is compiled: a typo is an error naming the file, line
    /// and column, not an empty spot on a million pages.
    @Test func unknownNamesAreErrorsWithTheirPlace() throws {
        let source = "<p>\n  {{name}}\n  {{#lines}}{{txet}}{{/lines}}\n</p>"
        let error = #expect(throws: Diagnostic.self) { try render(source, Card(name: "")) }
        #expect(error?.location.file == "templates/card.mustache")
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 13)
        #expect(error?.message.contains("\"txet\"") == true)
        #expect(error?.message.contains("inside line") == true)

        let word = #expect(throws: Diagnostic.self) { try render("\n{{t.nope}}", Card(name: "")) }
        #expect(word?.location.line == 2)
        #expect(word?.message.contains("no word \"nope\"") == true)

        let partial = #expect(throws: Diagnostic.self) {
            try TypedTemplate<Card>("{{> row}}", file: "templates/card.mustache",
                                    partials: { _ in ("x\n{{bad}}", "templates/row.mustache") })
        }
        #expect(partial?.location.file == "templates/row.mustache")
        #expect(partial?.location.line == 2)
    }

    /// Partials inside sections inside partials cannot nest deeper than the bound, whatever each
    /// file's own depth: an error, not a thread's stack exhausted.
    @Test func nestingIsBoundedAcrossPartials() throws {
        let sections = String(repeating: "{{#vip}}", count: 30) + "{{> next}}" + String(repeating: "{{/vip}}", count: 30)
        let error = #expect(throws: Diagnostic.self) {
            try TypedTemplate<Card>(sections, file: "templates/card.mustache", partials: { _ in (sections, "templates/next.mustache") })
        }
        #expect(error?.message.contains("nested more than") == true)
        let fine = try TypedTemplate<Card>(sections, file: "templates/card.mustache", partials: { _ in ("x", "templates/next.mustache") })
        #expect(fine.render(Card(name: "", vip: true)) == "x")
    }

    /// `{{<parent}}{{$block}}…{{/block}}{{/parent}}`: the parent with the child's blocks, the same
    /// bytes swift-mustache renders; the outermost override wins; names in a block are checked where
    /// they are written.
    @Test func inheritanceFillsTheParentsBlocks() throws {
        let sources = [
            "base": "<html>\n<title>{{$title}}Default{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n</html>\n",
            "middle": "{{<base}}\n{{$content}}\n<p>middle {{name}}</p>\n{{/content}}\n{{$title}}Middle{{/title}}\n{{/base}}\n",
        ]
        let child = "{{<middle}}\n{{$title}}{{name}} & co{{/title}}\n{{/middle}}\n"
        let direct = "{{<base}}\n{{$content}}\n{{#lines}}\n  <li>{{text}}</li>\n{{/lines}}\n{{/content}}\n{{/base}}\n"
        let card = Card(name: "Ann", lines: [Line("a"), Line("b")])
        var library = MustacheLibrary()
        for (name, source) in sources { library.register(try MustacheTemplate(string: source), named: name) }
        let context: [String: Any] = ["name": "Ann", "lines": [["text": "a"], ["text": "b"]]]
        for source in [child, direct] {
            let typed = try TypedTemplate<Card>(source, file: "templates/page.mustache",
                                                partials: { name in sources[name].map { ($0, "templates/\(name).mustache") } })
            #expect(typed.render(card) == (try MustacheTemplate(string: source)).render(context, library: library))
        }
        #expect(try TypedTemplate<Card>(child, file: "templates/page.mustache",
                                        partials: { name in sources[name].map { ($0, "templates/\(name).mustache") } })
            .render(card).contains("<title>Ann & co</title>\n<main>\n<p>middle Ann</p>"))

        // A typo inside a block names the child's line and column, not the parent's.
        let typo = "{{<base}}\n{{$title}}x{{/title}}\n{{$content}}\n  {{nmae}}\n{{/content}}\n{{/base}}"
        let error = #expect(throws: Diagnostic.self) {
            try TypedTemplate<Card>(typo, file: "templates/page.mustache",
                                    partials: { name in sources[name].map { ($0, "templates/\(name).mustache") } })
        }
        #expect(error?.location.file == "templates/page.mustache")
        #expect(error?.location.line == 4)
        #expect(error?.location.column == 3)
        // And one in the parent names the parent.
        let parentTypo = #expect(throws: Diagnostic.self) {
            try TypedTemplate<Card>("{{<base}}{{/base}}", file: "templates/page.mustache",
                                    partials: { _ in ("a\n{{$b}}{{oops}}{{/b}}", "templates/base.mustache") })
        }
        #expect(parentTypo?.location.file == "templates/base.mustache")
        #expect(parentTypo?.location.line == 2 && parentTypo?.location.column == 7)
    }

    /// Partials that each include the next twice double at every step: thirty of them would compile
    /// for ever (swift-mustache would render for ever). A bound on partials placed in all stops them.
    @Test func partialsThatMultiplyAreBounded() throws {
        func partials(_ name: String) -> (source: String, file: String)? {
            guard name.hasPrefix("f"), let index = Int(name.dropFirst()) else { return nil }
            return (index == 30 ? "x" : "{{> f\(index + 1)}}{{> f\(index + 1)}}", "templates/\(name).mustache")
        }
        let error = #expect(throws: Diagnostic.self) {
            try TypedTemplate<Card>("{{> f0}}", file: "templates/card.mustache", partials: partials)
        }
        #expect(error?.message.contains("more than 20000 times") == true)
        // Ten steps (1,024 copies) are fine.
        let fine = try TypedTemplate<Card>("{{> f20}}", file: "templates/card.mustache", partials: partials)
        #expect(fine.render(Card(name: "")) == String(repeating: "x", count: 1024))
    }

    @Test func listsAndObjectsAreNotText() throws {
        let error = #expect(throws: Diagnostic.self) { try render("{{lines}}", Card(name: "")) }
        #expect(error?.message.contains("{{#lines}}") == true)
    }

    @Test func theReferenceListsNestedValues() {
        let names = Card.schema.reference.map { "\($0.depth):\($0.name)" }
        #expect(names == ["0:name", "0:note", "0:vip", "0:count", "0:lines", "1:text", "0:badge", "1:label"])
    }
}

