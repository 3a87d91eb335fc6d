import Mustache
import PunchcardSupport

/// A template's parsed tokens and the file they came from, with a cursor over the file's tags (in
/// the same order as the tokens, so each token finds its line and column).
struct TemplateBody {
    let tokens: [Any]
    let file: TemplateFile
}

final class TemplateFile {
    let name: String
    /// Every tag of the file, in order (closing tags, comments and blocks too).
    let tags: [TemplateTag]
    var next = 0

    init(name: String, source: String) {
        self.name = name
        tags = TemplateTag.scan(source)
    }

    private init(name: String, tags: [TemplateTag], next: Int) {
        self.name = name
        self.tags = tags
        self.next = next
    }

    private func location(_ index: Int) -> SourceLocation {
        guard index < tags.count else { return SourceLocation(file: name) }
        return SourceLocation(file: name, line: tags[index].line, column: tags[index].column)
    }

    /// The location of the next named tag (the one whose token is being compiled).
    func take() -> SourceLocation {
        while next < tags.count, !tags[next].isNamed { next += 1 }
        defer { next += 1 }
        return location(next)
    }

    /// The location of the next `{{<name}}` or `{{$name}}` tag (`marker`), the cursor left after it.
    func take(_ marker: Character, _ name: String) -> SourceLocation {
        while next < tags.count, !(tags[next].marker == marker && tags[next].name == name) { next += 1 }
        defer { next += 1 }
        return location(next)
    }

    /// A cursor of its own over the same file, where this one is.
    func snapshot() -> TemplateFile { TemplateFile(name: name, tags: tags, next: next) }

    /// A cursor of its own over the same file, just inside the next `{{$name}}` block (an override
    /// compiled where the parent template expands it, in whatever order the parent does).
    func block(_ name: String) -> TemplateFile {
        let cursor = TemplateFile(name: self.name, tags: tags, next: next)
        _ = cursor.take("$", name)
        return cursor
    }

    /// Moves the cursor past the tag closing the section, block or inheritance opened just before
    /// it (its tags belong to a body compiled elsewhere, or not at all).
    func skipToClose(of name: String) {
        var depth = 0
        while next < tags.count {
            let tag = tags[next]
            next += 1
            if let marker = tag.marker, "#^$<".contains(marker) { depth += 1 }
            if tag.marker == "/" {
                if depth == 0 && tag.name == name { return }
                depth -= 1
            }
        }
    }
}

/// Binds a Mustache template's tags to a typed context's values. Mustache is kept as the theme's
/// language (swift-mustache parses it); what changes is that every name is resolved once, here, to a
/// value of a known type at a known level, so rendering a page looks nothing up by name.
public struct TemplateCompiler {
    /// Values that are the same on every page the template renders (`t.key`: the theme's words for
    /// the page's language; `lang`, `dir`, …): written into the compiled bytes.
    let constants: [String: String]
    /// Template name → (source, file shown in errors), for `{{> partial}}`.
    let partials: (String) -> (source: String, file: String)?
    /// Plain text (an e-mail's text part): `{{name}}` is not escaped.
    let plainText: Bool
    /// Sections and partials open around the tag being compiled: bounded, so that no theme can
    /// nest deep enough to exhaust a thread's stack (each file is bounded by `TemplateSet`'s
    /// nesting check; partials inside sections inside partials add up).
    private var depth = 0
    /// The blocks (`{{$name}}…{{/name}}`) of the templates inheriting the one being compiled: the
    /// outermost template's override of a block wins, as in Mustache.
    private var overrides: [String: (tokens: [Any], file: TemplateFile)] = [:]
    static let maximumDepth = 100
    /// The reference the errors point to.
    static let referenceDocument = "docs/theme-reference.md"

    init(constants: [String: String], partials: @escaping (String) -> (source: String, file: String)?, plainText: Bool) {
        self.constants = constants
        self.partials = partials
        self.plainText = plainText
    }

    static func parse(_ source: String, file: TemplateFile) throws(Diagnostic) -> TemplateBody {
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: source)
        } catch {
            throw Diagnostic(SourceLocation(file: file.name), "the template does not parse (\(error))")
        }
        return TemplateBody(tokens: tokens(of: template) ?? [], file: file)
    }

    /// swift-mustache's tokens, read through Mirror (they are internal to it).
    static func tokens(of template: MustacheTemplate) -> [Any]? {
        Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any]
    }

    mutating func compile(_ body: TemplateBody, scopes: [ScopeType]) throws(Diagnostic) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        for token in body.tokens {
            let mirror = Mirror(reflecting: token)
            guard let (kind, payload) = mirror.children.first.map({ ($0.label ?? "", $0.value) }) else { continue }
            let fields = Mirror(reflecting: payload).children.map { ($0.label, $0.value) }
            func field(_ label: String) -> Any? { fields.first { $0.0 == label }?.1 }
            switch kind {
            case "text":
                if let text = payload as? String { nodes.append(.bytes(Array(text.utf8))) }
            case "variable", "unescapedVariable":
                let location = body.file.take()
                let name = field("name") as? String ?? ""
                try Self.refuseTransforms(field("transforms"), name: name, at: location)
                nodes.append(try valueNode(name, escaped: kind == "variable" && !plainText, scopes: scopes, at: location))
            case "section", "invertedSection":
                let location = body.file.take()
                let name = field("name") as? String ?? ""
                try Self.refuseTransforms(field("transforms"), name: name, at: location)
                guard let inner = field("template") as? MustacheTemplate else { continue }
                let innerBody = TemplateBody(tokens: Self.tokens(of: inner) ?? [], file: body.file)
                try enter(at: location)
                defer { depth -= 1 }
                nodes.append(try sectionNode(name, body: innerBody, inverted: kind == "invertedSection", scopes: scopes, at: location))
            case "partial":
                let parts = Array(Mirror(reflecting: payload).children.map(\.value))
                let name = parts.first as? String ?? ""
                let indentation = parts.count > 1 ? parts[1] as? String : nil
                if parts.count > 2, let inherited = Self.unwrap(parts[2]) as? [String: MustacheTemplate] {
                    // {{<parent}}{{$block}}…{{/block}}{{/parent}}: the parent, with these blocks.
                    let location = body.file.take("<", name)
                    var blocks: [String: (tokens: [Any], file: TemplateFile)] = [:]
                    for (block, template) in inherited {
                        blocks[block] = (Self.tokens(of: template) ?? [], body.file.snapshot())
                    }
                    let outer = overrides
                    overrides = blocks.merging(outer) { _, outermost in outermost }
                    defer { overrides = outer }
                    nodes.append(.group(try partialNode(name, indentation: nil, scopes: scopes, at: location)))
                    body.file.skipToClose(of: name)
                } else {
                    let location = body.file.take()
                    nodes.append(.group(try partialNode(name, indentation: indentation, scopes: scopes, at: location)))
                }
            case "blockExpansion":
                let name = fields.first?.1 as? String ?? ""
                let location = body.file.take("$", name)
                try enter(at: location)
                defer { depth -= 1 }
                if let override = overrides[name] {
                    body.file.skipToClose(of: name)
                    // The override's own tags, read from a cursor of their own (a block may be expanded twice).
                    nodes.append(.group(try compile(TemplateBody(tokens: override.tokens, file: override.file.block(name)), scopes: scopes)))
                } else if let template = fields.dropFirst().first?.1 as? MustacheTemplate {
                    nodes.append(.group(try compile(TemplateBody(tokens: Self.tokens(of: template) ?? [], file: body.file), scopes: scopes)))
                }
            case "contentType":
                continue
            default:
                // Dynamic partials ({{>*…}}).
                let location = body.file.take()
                throw Diagnostic(location, "dynamic partials are not supported; name the partial, {{> name}}")
            }
        }
        return TemplateNode.simplified(nodes)
    }

    /// An optional's wrapped value, read through Mirror (nil stays nil).
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    private mutating func enter(at location: SourceLocation) throws(Diagnostic) {
        guard depth < Self.maximumDepth else {
            throw Diagnostic(location, "sections and partials are nested more than \(Self.maximumDepth) deep")
        }
        depth += 1
    }

    private static func refuseTransforms(_ transforms: Any?, name: String, at location: SourceLocation) throws(Diagnostic) {
        if let list = transforms as? [String], !list.isEmpty {
            throw Diagnostic(location, "\"\(name)\": transforms such as \(list[0])(…) are not supported; Punchcard formats every value itself")
        }
    }

    private func unknown(_ name: String, scopes: [ScopeType], at location: SourceLocation) -> Diagnostic {
        let inside = scopes.count > 1 ? scopes.last.map { " (inside \($0.title))" } ?? "" : ""
        if name.hasPrefix("t.") {
            return Diagnostic(location, "no word \"\(name.dropFirst(2))\" in the theme's string tables (templates/i18n/*.yml)")
        }
        return Diagnostic(location, "unknown value \"\(name)\"\(inside): the values a template can use are listed in \(Self.referenceDocument)")
    }

    /// The innermost scope that has `name`, with its level on the render stack.
    private func resolve(_ name: String, scopes: [ScopeType]) -> (field: AnyField, level: Int)? {
        for index in scopes.indices.reversed() {
            if let found = scopes[index].find(name) {
                return (found, scopes[..<index].filter { $0.dot == nil }.count)
            }
        }
        return nil
    }

    private func escapedBytes(_ text: String, escaped: Bool) -> [UInt8] {
        var output = TemplateOutput()
        output.append(text, escaped: escaped)
        return output.bytes
    }

    func valueNode(_ name: String, escaped: Bool, scopes: [ScopeType], at location: SourceLocation) throws(Diagnostic) -> TemplateNode {
        if name == "." {
            guard let dot = scopes.last?.dot else {
                throw Diagnostic(location, "{{.}} names the current value, and here it is not text: name a value instead")
            }
            return dot(escaped)
        }
        if let (field, level) = resolve(name, scopes: scopes) {
            guard let node = field.valueNode(level, escaped) else {
                throw Diagnostic(location, "\"\(name)\" is a \(field.kind): use it as a section, {{#\(name)}}…{{/\(name)}}")
            }
            return node
        }
        if let constant = constants[name] { return .bytes(escapedBytes(constant, escaped: escaped)) }
        throw unknown(name, scopes: scopes, at: location)
    }

    mutating func sectionNode(_ name: String, body: TemplateBody, inverted: Bool, scopes: [ScopeType],
                              at location: SourceLocation) throws(Diagnostic) -> TemplateNode {
        if let (field, level) = resolve(name, scopes: scopes) {
            return try field.sectionNode(body, inverted, scopes, level, &self)
        }
        if let constant = constants[name] {
            // A constant is text: it opens its section (and never its inverse), with itself as `{{.}}`.
            guard !inverted else {
                _ = try compile(body, scopes: scopes) // its tags are still checked
                return .nothing
            }
            let bytes = (escaped: escapedBytes(constant, escaped: true), raw: Array(constant.utf8))
            return .group(try compile(body, scopes: scopes + [ScopeType(value: name) { escaped in .bytes(escaped ? bytes.escaped : bytes.raw) }]))
        }
        throw unknown(name, scopes: scopes, at: location)
    }

    mutating func partialNode(_ name: String, indentation: String?, scopes: [ScopeType], at location: SourceLocation) throws(Diagnostic) -> [TemplateNode] {
        guard let (source, file) = partials(name) else {
            throw Diagnostic(location, "no template named \"\(name)\" (looked for templates/\(name).mustache)")
        }
        try enter(at: location)
        defer { depth -= 1 }
        var text = source
        if let indentation, !indentation.isEmpty {
            // A standalone partial tag indents every line of the partial by its own indentation.
            text = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { index, line in index > 0 && line.isEmpty ? "" : indentation + line }.joined(separator: "\n")
        }
        let partialFile = TemplateFile(name: file, source: text)
        return try compile(Self.parse(text, file: partialFile), scopes: scopes)
    }
}

/// A template bound to a typed context `Root`, ready to render many pages.
public struct TypedTemplate<Root: TemplateValues>: @unchecked Sendable {
    let nodes: [TemplateNode]

    /// Compiles `source` for `Root`.
    /// - Parameters:
    ///   - file: the template's file as errors name it (`templates/statement.mustache`).
    ///   - constants: values the same on every page (`t.key` words, `lang`, …), written in once.
    ///   - partials: the source and file of a partial by name.
    ///   - plainText: nothing escaped (an e-mail's text part).
    public init(_ source: String, file: String, constants: [String: String] = [:],
                partials: @escaping (String) -> (source: String, file: String)? = { _ in nil },
                plainText: Bool = false) throws(Diagnostic) {
        var compiler = TemplateCompiler(constants: constants, partials: partials, plainText: plainText)
        let templateFile = TemplateFile(name: file, source: source)
        nodes = try compiler.compile(TemplateCompiler.parse(source, file: templateFile), scopes: [ScopeType(Root.self)])
    }

    private init(nodes: [TemplateNode]) { self.nodes = nodes }

    /// A template that renders nothing.
    public static var empty: Self { Self(nodes: []) }

    /// Appends the page for `root` to `output`.
    public func render(_ root: Root, into output: inout TemplateOutput) {
        var stack = TemplateStack(root: root)
        TemplateNode.render(nodes, into: &output, stack: &stack)
    }

    public func render(_ root: Root) -> String {
        var output = TemplateOutput(capacity: 16 << 10)
        render(root, into: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }
}
