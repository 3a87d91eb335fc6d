import Mustache
import PunchcardSupport

/// A template's parsed tokens and the file they came from, with a cursor over the file's tags (in
/// the same order as the tokens, so each token finds its line and column).
struct TemplateBody {
    let tokens: [TemplateToken]
    let file: TemplateFile
}

/// swift-mustache's parsed tokens as our own values: read through Mirror (they are internal to
/// swift-mustache) once per template text, not on every compile.
indirect enum TemplateToken: Sendable {
    case text(String)
    case variable(String, escaped: Bool, transforms: [String])
    case section(String, inverted: Bool, transforms: [String], body: [TemplateToken])
    case partial(String, indentation: String?)
    /// `{{<parent}}` with its `{{$block}}` overrides.
    case inheritance(String, blocks: [String: [TemplateToken]])
    /// `{{$block}}…{{/block}}` in a parent: its default content.
    case block(String, defaultBody: [TemplateToken])
    /// Dynamic partials (`{{>*…}}`) and anything else swift-mustache may add.
    case unsupported

    static func tokens(of template: MustacheTemplate) -> [TemplateToken] {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any]
        else { return [] }
        return tokens.compactMap(token)
    }

    private static func token(_ token: Any) -> TemplateToken? {
        guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label ?? "", $0.value) }) else { return nil }
        let fields = Mirror(reflecting: payload).children.map { ($0.label, $0.value) }
        func field(_ label: String) -> Any? { fields.first { $0.0 == label }?.1 }
        switch kind {
        case "text":
            return (payload as? String).map { .text($0) }
        case "variable", "unescapedVariable":
            return .variable(field("name") as? String ?? "", escaped: kind == "variable", transforms: field("transforms") as? [String] ?? [])
        case "section", "invertedSection":
            let body = (field("template") as? MustacheTemplate).map(tokens(of:)) ?? []
            return .section(field("name") as? String ?? "", inverted: kind == "invertedSection",
                            transforms: field("transforms") as? [String] ?? [], body: body)
        case "partial":
            let parts = fields.map(\.1)
            let name = parts.first as? String ?? ""
            if parts.count > 2, let inherited = unwrap(parts[2]) as? [String: MustacheTemplate] {
                return .inheritance(name, blocks: inherited.mapValues(tokens(of:)))
            }
            return .partial(name, indentation: parts.count > 1 ? unwrap(parts[1]) as? String : nil)
        case "blockExpansion":
            let name = fields.first?.1 as? String ?? ""
            let defaultBody = (fields.dropFirst().first?.1 as? MustacheTemplate).map(tokens(of:)) ?? []
            return .block(name, defaultBody: defaultBody)
        case "contentType":
            return nil
        default:
            return .unsupported
        }
    }

    /// An optional's wrapped value, read through Mirror (nil stays nil).
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

/// Template texts already parsed (tokens and tag places), by text: a build compiles the same layout
/// and partials for every page kind and language.
enum ParsedTemplates {
    private static let parsed = Locked<[String: (tokens: [TemplateToken], tags: [TemplateTag])]>([:])

    static func parse(_ source: String) throws -> (tokens: [TemplateToken], tags: [TemplateTag]) {
        if let known = parsed.withLock({ $0[source] }) { return known }
        let made = (TemplateToken.tokens(of: try MustacheTemplate(string: source)), TemplateTag.scan(source))
        parsed.withLock { if $0.count < 512 { $0[source] = made } }
        return made
    }
}

final class TemplateFile {
    let name: String
    /// Every tag of the file, in order (closing tags, comments and blocks too).
    let tags: [TemplateTag]
    var next = 0

    init(name: String, tags: [TemplateTag], next: Int = 0) {
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
    private var overrides: [String: (tokens: [TemplateToken], file: TemplateFile)] = [:]
    static let maximumDepth = 100
    /// Partials and blocks placed in all, however shallow: a partial that includes another twice,
    /// which includes another twice, … doubles at each step, and thirty such steps would compile
    /// for ever. A real theme places a few dozen.
    private var placed = 0
    static let maximumPlaced = 20_000
    /// The reference the errors point to.
    static let referenceDocument = "docs/theme-reference.md"

    init(constants: [String: String], partials: @escaping (String) -> (source: String, file: String)?, plainText: Bool) {
        self.constants = constants
        self.partials = partials
        self.plainText = plainText
    }

    static func parse(_ source: String, file: String) throws(Diagnostic) -> TemplateBody {
        do {
            let parsed = try ParsedTemplates.parse(source)
            return TemplateBody(tokens: parsed.tokens, file: TemplateFile(name: file, tags: parsed.tags))
        } catch {
            throw Diagnostic(SourceLocation(file: file), "the template does not parse (\(error))")
        }
    }

    mutating func compile(_ body: TemplateBody, scopes: [ScopeType]) throws(Diagnostic) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        for token in body.tokens {
            switch token {
            case .text(let text):
                nodes.append(.bytes(Array(text.utf8)))
            case .variable(let name, let escaped, let transforms):
                let location = body.file.take()
                try Self.refuseTransforms(transforms, name: name, at: location)
                nodes.append(try valueNode(name, escaped: escaped && !plainText, scopes: scopes, at: location))
            case .section(let name, let inverted, let transforms, let inner):
                let location = body.file.take()
                try Self.refuseTransforms(transforms, name: name, at: location)
                try enter(at: location)
                defer { depth -= 1 }
                nodes.append(try sectionNode(name, body: TemplateBody(tokens: inner, file: body.file), inverted: inverted,
                                             scopes: scopes, at: location))
            case .partial(let name, let indentation):
                let location = body.file.take()
                nodes.append(.group(try partialNode(name, indentation: indentation, scopes: scopes, at: location)))
            case .inheritance(let name, let inherited):
                // {{<parent}}{{$block}}…{{/block}}{{/parent}}: the parent, with these blocks.
                let location = body.file.take("<", name)
                var blocks: [String: (tokens: [TemplateToken], file: TemplateFile)] = [:]
                for (block, tokens) in inherited { blocks[block] = (tokens, body.file.snapshot()) }
                let outer = overrides
                overrides = blocks.merging(outer) { _, outermost in outermost }
                defer { overrides = outer }
                nodes.append(.group(try partialNode(name, indentation: nil, scopes: scopes, at: location)))
                body.file.skipToClose(of: name)
            case .block(let name, let defaultBody):
                let location = body.file.take("$", name)
                try place(at: location)
                try enter(at: location)
                defer { depth -= 1 }
                if let override = overrides[name] {
                    body.file.skipToClose(of: name)
                    // The override's own tags, read from a cursor of their own (a block may be expanded twice).
                    nodes.append(.group(try compile(TemplateBody(tokens: override.tokens, file: override.file.block(name)), scopes: scopes)))
                } else {
                    nodes.append(.group(try compile(TemplateBody(tokens: defaultBody, file: body.file), scopes: scopes)))
                }
            case .unsupported:
                let location = body.file.take()
                throw Diagnostic(location, "dynamic partials are not supported; name the partial, {{> name}}")
            }
        }
        return TemplateNode.simplified(nodes)
    }

    /// Counts a partial or block placed (see `maximumPlaced`).
    private mutating func place(at location: SourceLocation) throws(Diagnostic) {
        placed += 1
        guard placed <= Self.maximumPlaced else {
            throw Diagnostic(location, "the templates place partials and blocks more than \(Self.maximumPlaced) times in all (partials that each include others several times): simplify them")
        }
    }

    private mutating func enter(at location: SourceLocation) throws(Diagnostic) {
        guard depth < Self.maximumDepth else {
            throw Diagnostic(location, "sections and partials are nested more than \(Self.maximumDepth) deep")
        }
        depth += 1
    }

    private static func refuseTransforms(_ transforms: [String], name: String, at location: SourceLocation) throws(Diagnostic) {
        if let first = transforms.first {
            throw Diagnostic(location, "\"\(name)\": transforms such as \(first)(…) are not supported; Punchcard formats every value itself")
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
        try place(at: location)
        try enter(at: location)
        defer { depth -= 1 }
        var text = source
        if let indentation, !indentation.isEmpty {
            // A standalone partial tag indents every line of the partial by its own indentation.
            text = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { index, line in index > 0 && line.isEmpty ? "" : indentation + line }.joined(separator: "\n")
        }
        return try compile(Self.parse(text, file: file), scopes: scopes)
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
        nodes = try compiler.compile(TemplateCompiler.parse(source, file: file), scopes: [ScopeType(Root.self)])
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
