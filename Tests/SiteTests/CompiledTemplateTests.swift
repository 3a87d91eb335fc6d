import Foundation
import Testing
@testable import PunchcardPages

/// `CompiledTemplate` must render exactly what swift-mustache renders from the same template and
/// context: checked on hand-picked corners and on thousands of random templates and contexts.
@Suite struct CompiledTemplateTests {
    /// The template as Punchcard compiles it (with its escaper), and its compiled form.
    func compiled(_ source: String) throws -> CompiledTemplate {
        CompiledTemplate(try TemplateSet.compile(source))
    }

    func expectSame(_ source: String, _ context: [String: Any], compiles: Bool = true,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let template = try compiled(source)
        #expect(template.isCompiled == compiles, "\(source.debugDescription)", sourceLocation: sourceLocation)
        #expect(template.render(context, library: nil) == template.template.render(context),
                "\(source.debugDescription) with \(context)", sourceLocation: sourceLocation)
    }

    @Test func cornersRenderAsSwiftMustacheRendersThem() throws {
        let context: [String: Any] = [
            "name": "Zoë <b>\"&'", "quote": "\"\u{301} onmouseover=x", "count": 42, "yes": true, "no": false,
            "empty": "", "none": [[String: Any]](), "rows": [["a": "1", "b": true], ["a": "2", "b": false], ["c": 3]],
            "t": ["k": "word", "html": "<i>x</i>"], "obj": ["a": "inner", "deep": ["b": "deeper"] as [String: Any]] as [String: Any],
            "strings": ["x", "<y>"], "a": "outer",
        ]
        for source in [
            "{{name}} {{{name}}} {{&name}} {{ name }} {{quote}} <a title=\"{{quote}}\">",
            "{{count}} {{yes}} {{no}} {{missing}} [{{empty}}]",
            "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}notN{{/no}}{{^yes}}notY{{/yes}}{{#missing}}M{{/missing}}{{^missing}}!M{{/missing}}",
            "{{#empty}}E[{{.}}]{{/empty}}{{^empty}}notE{{/empty}}",
            "{{#rows}}<{{a}}|{{b}}|{{c}}|{{name}}>{{/rows}}{{^rows}}no rows{{/rows}}",
            "{{#none}}x{{/none}}{{^none}}nothing{{/none}}",
            "{{t.k}} {{{t.html}}} {{t.html}} {{t.missing}} {{obj.a}} {{obj.deep.b}} {{obj.a.b}}",
            "{{#obj}}{{a}} {{.a}} {{name}} {{.name}} {{deep.b}}{{/obj}}",
            "{{#rows}}{{#obj}}{{a}}{{/obj}}{{/rows}}",
            "{{#strings}}[{{.}}]{{/strings}}",
            "<ul>\n  {{#rows}}\n  <li>{{a}}</li>\n  {{/rows}}\n</ul>\n",
            "a\r\n  {{#yes}}  \r\n b\r\n  {{/yes}}\r\nc",
            "  {{! a comment\n over lines }}\nafter\n{{!x}}",
            "{{#count}}[{{.}}]{{/count}}{{^count}}no{{/count}}",
            "{{#name}}{{.}}{{/name}}",
            "{{#a}}{{a}}{{/a}} {{#obj}}{{#a}}{{a}}{{/a}}{{/obj}}",
        ] {
            try expectSame(source, context)
        }
    }

    @Test func whatItDoesNotCompileIsLeftToSwiftMustache() throws {
        let context: [String: Any] = ["a": "x", "list": ["1", "2"], "d": 1.5, "o": Optional<String>.none as Any]
        try expectSame("{{>missing}}|{{a}}", context, compiles: false)
        try expectSame("{{=<% %>=}}<% a %>", context, compiles: true) // the parser's business: same tokens
        try expectSame("{{#list}}{{#first()}}F{{/first()}}{{.}}{{/list}}", context, compiles: false)
        // Values of other types: compiled, but such a page is rendered by swift-mustache.
        try expectSame("{{d}} {{o}} {{#d}}x{{/d}}", context, compiles: true)
    }

    @Test func randomTemplatesRenderAsSwiftMustacheRendersThem() throws {
        var random = SeededRandom(seed: 20261129)
        var compared = 0
        for _ in 0..<3000 {
            let source = random.template(depth: 0)
            let context = random.context(depth: 0)
            let template: CompiledTemplate
            do { template = try compiled(source) } catch { continue } // unbalanced sections and the like
            #expect(template.isCompiled)
            #expect(template.render(context, library: nil) == template.template.render(context),
                    "\(source.debugDescription) with \(context)")
            compared += 1
        }
        #expect(compared > 2000) // the rest do not parse (a stray "{" before a tag, say)
    }
}

/// A small, repeatable source of random templates and contexts.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    static let names = ["a", "b", "list", "flag", "obj", "obj.a", "t.k", "n", "s", ".", ".a", "obj.obj.b"]
    static let texts = ["x", " ", "\n", "  ", "\r\n", "<&\"'>", "é\u{301}", "\t", "}", "{", "text with words"]

    mutating func template(depth: Int) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 1...6, using: &self) {
            switch Int.random(in: 0..<10, using: &self) {
            case 0, 1: out += pick(Self.texts)
            case 2: out += "{{\(pick(Self.names))}}"
            case 3: out += "{{{\(pick(Self.names))}}}"
            case 4: out += "{{& \(pick(Self.names)) }}"
            case 5: out += "{{! note }}" + pick(["", "\n"])
            default:
                guard depth < 3 else { out += pick(Self.texts); continue }
                let name = pick(Self.names.filter { $0 != "." && $0 != ".a" })
                let kind = pick(["#", "^"])
                let before = pick(["", "\n", "  ", "\n  "]), after = pick(["", "\n", " \n"])
                out += "\(before){{\(kind)\(name)}}\(after)\(template(depth: depth + 1))\(before){{/\(name)}}\(after)"
            }
        }
        return out
    }

    mutating func value(depth: Int) -> Any {
        switch Int.random(in: 0..<(depth < 2 ? 9 : 5), using: &self) {
        case 0: return pick(["", "plain", "<b>&\"'</b>", "é\u{301}\"", "0"])
        case 1: return Int.random(in: -5...5, using: &self)
        case 2: return Bool.random(using: &self)
        case 3: return pick([[String](), ["one"], ["<two>", "three"]])
        case 4: return ["k": pick(["word", "<w>"]), "a": "ta"] as [String: String]
        case 5, 6: return context(depth: depth + 1)
        default: return (0..<Int.random(in: 0...3, using: &self)).map { _ in context(depth: depth + 1) }
        }
    }

    mutating func context(depth: Int) -> [String: Any] {
        var context: [String: Any] = [:]
        for name in ["a", "b", "list", "flag", "obj", "t", "n", "s"] where Bool.random(using: &self) {
            context[name] = value(depth: depth)
        }
        return context
    }
}
