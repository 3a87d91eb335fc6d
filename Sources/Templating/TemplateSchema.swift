import PunchcardSupport

/// The values a template may name, declared once per typed context: the compiler binds every tag to
/// one of these at load time (an unknown name is an error naming file:line), and the theme reference
/// (`docs/theme-reference.md`) is generated from the same declarations, so the two cannot differ.
public protocol TemplateValues: AnyObject {
    static var schema: TemplateSchema<Self> { get }
}

/// A context's named values, in the order the reference lists them.
public struct TemplateSchema<Owner: AnyObject>: @unchecked Sendable {
    /// What the context is, in a few words (a heading in the reference).
    public let title: String
    public let fields: [TemplateField<Owner>]
    let byName: [String: Int]

    public init(_ title: String, _ fields: [TemplateField<Owner>]) {
        self.title = title
        self.fields = fields
        var byName: [String: Int] = [:]
        for (index, field) in fields.enumerated() where byName[field.name] == nil { byName[field.name] = index }
        self.byName = byName
    }

    func field(named name: String) -> TemplateField<Owner>? {
        if let index = byName[name] { return fields[index] }
        // `prefix.<key>`: a value of a keyed field (the member's own columns), optional text.
        for field in fields {
            guard let keyed = field.keyed, name.hasPrefix(keyed.prefix + "."), name.count > keyed.prefix.count + 1 else { continue }
            let key = String(name.dropFirst(keyed.prefix.count + 1))
            let get = keyed.get
            return .optionalText(name, field.meaning) { owner in get(owner)(key) }
        }
        return nil
    }

    /// Each field as the reference shows it, nested contexts inline: (name, kind, meaning, depth).
    public var reference: [TemplateFieldDescription] {
        fields.flatMap { field -> [TemplateFieldDescription] in
            [TemplateFieldDescription(name: field.name, kind: field.kind, meaning: field.meaning, depth: 0)]
                + field.nested().map { TemplateFieldDescription(name: $0.name, kind: $0.kind, meaning: $0.meaning, depth: $0.depth + 1) }
        }
    }
}

public struct TemplateFieldDescription: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var meaning: String
    public var depth: Int
}

/// One value a template can name: text (escaped by `{{name}}`, as is by `{{{name}}}`), HTML made by
/// Punchcard (for `{{{name}}}`), a flag or optional text (for `{{#name}}…{{/name}}`), a number, a
/// list of rows or an object that opens a section with its own values.
public struct TemplateField<Owner: AnyObject>: @unchecked Sendable {
    public let name: String
    public let meaning: String
    public let kind: String
    let slot: Slot<Owner>
    let nested: () -> [TemplateFieldDescription]
    /// For `keyed`: the prefix, and the value of a key (nil when absent).
    var keyed: (prefix: String, get: (Owner) -> (String) -> String?)?

    enum Slot<O: AnyObject> {
        case text((O) -> String)
        case bytes((O) -> [UInt8])
        case optionalText((O) -> String?)
        case flag((O) -> Bool)
        case number((O) -> Int)
        /// A list or an optional object: compiles its section's body against its own type.
        case section(SectionCompiler<O>)
    }

    public static func text(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> String) -> Self {
        Self(name: name, meaning: meaning, kind: "text", slot: .text(get), nested: { [] })
    }

    /// HTML Punchcard made (escaped where it placed values): meant for `{{{name}}}`.
    public static func html(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> String) -> Self {
        Self(name: name, meaning: meaning, kind: "HTML", slot: .text(get), nested: { [] })
    }

    /// HTML Punchcard made as UTF-8 bytes (a drawing, a table of numbers): meant for `{{{name}}}`.
    public static func html(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> [UInt8]) -> Self {
        Self(name: name, meaning: meaning, kind: "HTML", slot: .bytes(get), nested: { [] })
    }

    /// Text that may be absent: `{{#name}}` shows its section only when it is there.
    public static func optionalText(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> String?) -> Self {
        Self(name: name, meaning: meaning, kind: "text, optional", slot: .optionalText(get), nested: { [] })
    }

    public static func flag(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> Bool) -> Self {
        Self(name: name, meaning: meaning, kind: "flag", slot: .flag(get), nested: { [] })
    }

    public static func number(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> Int) -> Self {
        Self(name: name, meaning: meaning, kind: "number", slot: .number(get), nested: { [] })
    }

    /// Values named by a key after `prefix` (`member.attributes.drink`), each optional text: escaped
    /// by `{{prefix.key}}`, a section with `{{#prefix.key}}` only when the value is there.
    public static func keyed(_ prefix: String, _ meaning: String, _ get: @escaping (Owner, String) -> String?) -> Self {
        var field = Self(name: prefix + ".<key>", meaning: meaning, kind: "text, optional, by key", slot: .optionalText { _ in nil },
                         nested: { [] })
        field.keyed = (prefix, { owner in { key in get(owner, key) } })
        return field
    }

    /// A list of rows: `{{#name}}…{{/name}}` once per row, with the row's values; `{{^name}}` when empty.
    public static func list<Row: TemplateValues>(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> [Row]) -> Self {
        Self(name: name, meaning: meaning, kind: "list of \(Row.schema.title)", slot: .section(.list(get)),
             nested: { Row.schema.reference })
    }

    /// An object that may be absent: `{{#name}}…{{/name}}` once, with its values, when it is there.
    public static func object<Value: TemplateValues>(_ name: String, _ meaning: String, _ get: @escaping (Owner) -> Value?) -> Self {
        Self(name: name, meaning: meaning, kind: "object, optional: \(Value.schema.title)", slot: .section(.object(get)),
             nested: { Value.schema.reference })
    }
}

/// The type-specific half of compiling a section over a nested context (a list or an object).
struct SectionCompiler<Owner: AnyObject> {
    /// Compiles the section's body against the nested type with `scopes` (the enclosing types)
    /// behind it, and returns the section's node.
    let compile: (_ body: TemplateBody, _ inverted: Bool, _ scopes: [ScopeType], _ level: Int, _ compiler: inout TemplateCompiler) throws(Diagnostic) -> TemplateNode

    static func list<Row: TemplateValues>(_ get: @escaping (Owner) -> [Row]) -> Self {
        Self { body, inverted, scopes, level, compiler throws(Diagnostic) in
            let children = try compiler.compile(body, scopes: scopes + [ScopeType(Row.self)])
            return .dynamic { output, stack in
                let rows = get(stack.value(at: level, as: Owner.self))
                if inverted {
                    if rows.isEmpty { TemplateNode.render(children, into: &output, stack: &stack) }
                    return
                }
                for row in rows {
                    stack.push(row)
                    TemplateNode.render(children, into: &output, stack: &stack)
                    stack.pop()
                }
            }
        }
    }

    static func object<Value: TemplateValues>(_ get: @escaping (Owner) -> Value?) -> Self {
        Self { body, inverted, scopes, level, compiler throws(Diagnostic) in
            if inverted {
                // `{{^name}}` opens when the object is absent, with the enclosing values only.
                let children = try compiler.compile(body, scopes: scopes)
                return .dynamic { output, stack in
                    if get(stack.value(at: level, as: Owner.self)) == nil { TemplateNode.render(children, into: &output, stack: &stack) }
                }
            }
            let children = try compiler.compile(body, scopes: scopes + [ScopeType(Value.self)])
            return .dynamic { output, stack in
                guard let value = get(stack.value(at: level, as: Owner.self)) else { return }
                stack.push(value)
                TemplateNode.render(children, into: &output, stack: &stack)
                stack.pop()
            }
        }
    }
}

/// A context type on the compiler's scope stack: how to find a name in it.
struct ScopeType {
    let title: String
    let find: (String) -> AnyField?
    /// `{{.}}` in this scope: the node for the current value (nil: an object, not text).
    let dot: ((_ escaped: Bool) -> TemplateNode)?

    init<T: TemplateValues>(_ type: T.Type) {
        title = T.schema.title
        find = { name in T.schema.field(named: name).map(AnyField.init) }
        dot = nil
    }

    /// The inside of a section opened by a text or a number: `{{.}}` is that value; names go on
    /// to the enclosing scopes (text has no named values).
    init(value title: String, dot: @escaping (_ escaped: Bool) -> TemplateNode) {
        self.title = title
        find = { _ in nil }
        self.dot = dot
    }
}

/// A field with its owner's type erased, for the compiler: makes the node for a tag at a level.
struct AnyField {
    let name: String
    let kind: String
    let valueNode: (_ level: Int, _ escaped: Bool) -> TemplateNode?
    let sectionNode: (_ body: TemplateBody, _ inverted: Bool, _ scopes: [ScopeType], _ level: Int, _ compiler: inout TemplateCompiler) throws(Diagnostic) -> TemplateNode

    init<Owner: AnyObject>(_ field: TemplateField<Owner>) {
        name = field.name
        kind = field.kind
        switch field.slot {
        case .text(let get):
            valueNode = { level, escaped in
                .dynamic { output, stack in output.append(get(stack.value(at: level, as: Owner.self)), escaped: escaped) }
            }
            sectionNode = { body, inverted, scopes, level, compiler throws(Diagnostic) in
                // A string opens its section whatever its text (swift-mustache's rule, kept).
                guard !inverted else { return .nothing }
                let value = ScopeType(value: field.name) { escaped in
                    .dynamic { output, stack in output.append(get(stack.value(at: level, as: Owner.self)), escaped: escaped) }
                }
                return .group(try compiler.compile(body, scopes: scopes + [value]))
            }
        case .bytes(let get):
            valueNode = { level, escaped in
                .dynamic { output, stack in output.append(bytes: get(stack.value(at: level, as: Owner.self)), escaped: escaped) }
            }
            sectionNode = { body, inverted, scopes, level, compiler throws(Diagnostic) in
                guard !inverted else { return .nothing }
                let value = ScopeType(value: field.name) { escaped in
                    .dynamic { output, stack in output.append(bytes: get(stack.value(at: level, as: Owner.self)), escaped: escaped) }
                }
                return .group(try compiler.compile(body, scopes: scopes + [value]))
            }
        case .optionalText(let get):
            valueNode = { level, escaped in
                .dynamic { output, stack in
                    if let text = get(stack.value(at: level, as: Owner.self)) { output.append(text, escaped: escaped) }
                }
            }
            sectionNode = { body, inverted, scopes, level, compiler throws(Diagnostic) in
                let value = ScopeType(value: field.name) { escaped in
                    .dynamic { output, stack in output.append(get(stack.value(at: level, as: Owner.self)) ?? "", escaped: escaped) }
                }
                let children = try compiler.compile(body, scopes: inverted ? scopes : scopes + [value])
                return .dynamic { output, stack in
                    if (get(stack.value(at: level, as: Owner.self)) == nil) == inverted {
                        TemplateNode.render(children, into: &output, stack: &stack)
                    }
                }
            }
        case .flag(let get):
            valueNode = { level, _ in
                .dynamic { output, stack in output.append(get(stack.value(at: level, as: Owner.self)) ? "true" : "false", escaped: false) }
            }
            sectionNode = { body, inverted, scopes, level, compiler throws(Diagnostic) in
                let children = try compiler.compile(body, scopes: scopes)
                return .dynamic { output, stack in
                    if get(stack.value(at: level, as: Owner.self)) != inverted { TemplateNode.render(children, into: &output, stack: &stack) }
                }
            }
        case .number(let get):
            valueNode = { level, _ in
                .dynamic { output, stack in output.append(number: get(stack.value(at: level, as: Owner.self))) }
            }
            sectionNode = { body, inverted, scopes, level, compiler throws(Diagnostic) in
                guard !inverted else { return .nothing }
                let value = ScopeType(value: field.name) { _ in
                    .dynamic { output, stack in output.append(number: get(stack.value(at: level, as: Owner.self))) }
                }
                return .group(try compiler.compile(body, scopes: scopes + [value]))
            }
        case .section(let section):
            valueNode = { _, _ in nil } // a list or object is not text
            sectionNode = section.compile
        }
    }
}
