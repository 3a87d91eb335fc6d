import Mustache
import PunchcardSupport

/// A Mustache template made ready for rendering thousands of pages a second.
///
/// swift-mustache looks every tag up through a chain of protocol casts on `Any` and formats every
/// value with `String(describing:)`; on a statement page of a few hundred tags that was a third of a
/// build's time. This renderer walks the same template — parsed by swift-mustache itself, whose
/// tokens it reads once, when compiled — with the lookups and values of our own contexts
/// (dictionaries of strings, flags, numbers and lists of dictionaries) tested by their exact types.
/// It renders the same bytes as swift-mustache, which the tests check page by page.
///
/// Anything else (partials, inheritance, transforms, lambdas, a value of another type) makes it step
/// aside: a template it cannot compile, or a page whose context holds such a value, is rendered by
/// swift-mustache, as before.
public struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case value(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool)
    }

    /// A tag's name: `.` (the current object), `a.b.c` (the first part looked up through the stack
    /// of objects, innermost first, the rest inside it), or `.a` (in the current object only).
    struct Name: Sendable {
        var parts: [String]
        var climbs: Bool
    }

    let nodes: [Node]
    /// swift-mustache's own template: renders what this one cannot.
    public let template: MustacheTemplate

    /// The compiled form of `template`; nil when it uses what this renderer leaves to swift-mustache.
    public init(_ template: MustacheTemplate) {
        self.template = template
        let nodes = Self.compile(template, top: true)
        self.nodes = nodes ?? []
        self.isCompiled = nodes != nil
    }

    /// Whether the template is rendered here rather than by swift-mustache.
    public let isCompiled: Bool

    public func render(_ context: [String: Any], library: MustacheLibrary?) -> String {
        if isCompiled {
            var output = ""
            output.reserveCapacity(16 << 10)
            var stack: [Any] = [context]
            if Self.render(nodes, stack: &stack, into: &output) { return output }
        }
        return template.render(context, library: library)
    }

    // MARK: Compiling: swift-mustache's tokens, read through Mirror (they are internal to it)

    private static func compile(_ template: MustacheTemplate, top: Bool, plainText inherited: Bool = false) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any]
        else { return nil }
        var nodes: [Node] = []
        // A template compiled by `TemplateSet.compile` starts with the pragma naming our escaper;
        // until it, swift-mustache would escape its own way, so a value there is left to it.
        var escaperChosen = !top
        var plainText = inherited // a section's values are written as its template's are
        for token in tokens {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let (kind, payload) = mirror.children.first.map({ ($0.label, $0.value) })
            else { return nil }
            let fields = Mirror(reflecting: payload).children.map { ($0.label, $0.value) }
            func field(_ label: String) -> Any? { fields.first { $0.0 == label }?.1 }
            func name() -> Name? {
                guard let text = field("name") as? String, (field("transforms") as? [String])?.isEmpty == true else { return nil }
                return Name(text)
            }
            switch kind {
            case "text":
                guard let text = payload as? String else { return nil }
                nodes.append(.text(text))
            case "variable", "unescapedVariable":
                guard escaperChosen, let name = name() else { return nil }
                nodes.append(.value(name, escaped: kind == "variable" && !plainText))
            case "section", "invertedSection":
                guard escaperChosen, let name = name(), let inner = field("template") as? MustacheTemplate,
                      let children = compile(inner, top: false, plainText: plainText) else { return nil }
                nodes.append(.section(name, children, inverted: kind == "invertedSection"))
            case "contentType":
                guard payload is PunchcardHTML || payload is PunchcardText else { return nil }
                escaperChosen = true
                plainText = payload is PunchcardText
            default:
                return nil // partials, blocks, dynamic partials
            }
        }
        return nodes
    }

    // MARK: Rendering

    /// Appends the nodes rendered against `stack`; false when a value is of a type left to swift-mustache.
    private static func render(_ nodes: [Node], stack: inout [Any], into output: inout String) -> Bool {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .value(let name, let escaped):
                guard let found = lookup(name, in: stack) else { return false }
                guard let value = found else { continue }
                switch Kind(value) {
                case .string:
                    let text = value as! String
                    output += escaped ? text.htmlEscaped : text
                case .int:
                    output += String(value as! Int)
                case .bool:
                    output += (value as! Bool) ? "true" : "false"
                default:
                    return false
                }
            case .section(let name, let children, let inverted):
                guard let found = lookup(name, in: stack) else { return false }
                guard let value = found else {
                    if inverted, !render(children, stack: &stack, into: &output) { return false }
                    continue
                }
                switch Kind(value) {
                case .bool:
                    if (value as! Bool) != inverted, !render(children, stack: &stack, into: &output) { return false }
                case .list:
                    if !renderList(value as! [[String: Any]], of: value, inverted: inverted, children, stack: &stack, into: &output) { return false }
                case .strings:
                    if !renderList(value as! [String], of: value, inverted: inverted, children, stack: &stack, into: &output) { return false }
                case .string, .int, .object, .words:
                    // Any other value opens the section once, with the value as the current object.
                    guard !inverted else { continue }
                    stack.append(value)
                    defer { stack.removeLast() }
                    if !render(children, stack: &stack, into: &output) { return false }
                case .other:
                    return false
                }
            }
        }
        return true
    }

    /// A section over a list: once per element, with the element as the current object; inverted,
    /// once with the (empty) list as the current object, as swift-mustache does.
    private static func renderList<Element>(_ list: [Element], of value: Any, inverted: Bool, _ children: [Node],
                                            stack: inout [Any], into output: inout String) -> Bool {
        if inverted {
            guard list.isEmpty else { return true }
            stack.append(value)
            defer { stack.removeLast() }
            return render(children, stack: &stack, into: &output)
        }
        for element in list {
            stack.append(element)
            defer { stack.removeLast() }
            if !render(children, stack: &stack, into: &output) { return false }
        }
        return true
    }

    /// The value a name stands for: `.some(nil)` when it is not there (rendered as nothing), nil when
    /// an object on the way is of a type left to swift-mustache.
    private static func lookup(_ name: Name, in stack: [Any]) -> Any?? {
        guard let first = name.parts.first else { return .some(stack.last) }
        var found: Any?
        if name.climbs {
            var located = false
            for object in stack.reversed() {
                guard let child = child(first, of: object) else { return nil }
                if let child {
                    found = child
                    located = true
                    break
                }
            }
            if !located { return .some(nil) }
        } else {
            guard let child = child(first, of: stack.last!) else { return nil }
            found = child
        }
        for part in name.parts.dropFirst() {
            guard let object = found else { return .some(nil) }
            guard let child = child(part, of: object) else { return nil }
            found = child
        }
        return .some(found)
    }

    /// A named child of an object: `.some(nil)` when it has none, nil when the object is of a type
    /// left to swift-mustache.
    private static func child(_ name: String, of object: Any) -> Any?? {
        switch Kind(object) {
        case .object: return .some((object as! [String: Any])[name])
        case .words: return .some((object as! [String: String])[name].map { $0 as Any })
        case .string, .int, .bool, .list, .strings: return .some(nil) // no named children
        case .other: return nil
        }
    }

    /// The types our contexts hold, told apart by their exact type (no protocol casts).
    enum Kind {
        case string, int, bool, object, words, list, strings, other

        private static let types: [(ObjectIdentifier, Kind)] = [
            (ObjectIdentifier(String.self), .string), (ObjectIdentifier([String: Any].self), .object),
            (ObjectIdentifier(Bool.self), .bool), (ObjectIdentifier([[String: Any]].self), .list),
            (ObjectIdentifier([String: String].self), .words), (ObjectIdentifier(Int.self), .int),
            (ObjectIdentifier([String].self), .strings),
        ]

        init(_ value: Any) {
            let type = ObjectIdentifier(Swift.type(of: value))
            self = Self.types.first { $0.0 == type }?.1 ?? .other
        }
    }
}

extension CompiledTemplate.Name {
    init(_ text: String) {
        if text == "." {
            self.init(parts: [], climbs: false)
        } else {
            self.init(parts: text.split(separator: ".").map(String.init), climbs: !text.hasPrefix("."))
        }
    }
}
