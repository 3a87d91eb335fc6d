import Yams

/// A YAML mapping read key by key, so that every problem names the file, line, column and key,
/// and a key nobody asked for is reported instead of silently ignored.
public struct YAMLFields {
    public let file: String
    /// Added to Yams' line numbers: front matter starts below the file's first line.
    public let lineOffset: Int
    /// The dotted path of this mapping inside the document (`tiers[2]`), empty at the root.
    public let path: String
    public let mark: Mark?
    private let pairs: [(key: String, keyMark: Mark?, value: Node)]
    private var used: Set<String> = []
    /// Every key asked for, present or not: the keys this mapping accepts, for error messages.
    private var asked: [String] = []

    /// Parses `text` and expects a mapping at its root. An empty document is an empty mapping.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(Diagnostic) -> YAMLFields {
        let root: Node?
        try YAMLExpansion.check(text, file: file, lineOffset: lineOffset)
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLFields.diagnostic(for: error, file: file, lineOffset: lineOffset)
        } catch {
            throw Diagnostic(SourceLocation(file: file, line: 1 + lineOffset), "\(error)")
        }
        guard let root else {
            return YAMLFields(file: file, lineOffset: lineOffset, path: "", mark: nil, pairs: [])
        }
        return try YAMLFields(node: root, file: file, lineOffset: lineOffset, path: "")
    }

    init(node: Node, file: String, lineOffset: Int, path: String) throws(Diagnostic) {
        guard case .mapping(let mapping) = node else {
            throw Diagnostic(
                YAMLFields.location(of: node.mark, file: file, lineOffset: lineOffset),
                field: path.isEmpty ? nil : path, "expected a mapping of keys to values")
        }
        var pairs: [(key: String, keyMark: Mark?, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw Diagnostic(
                    YAMLFields.location(of: key.mark, file: file, lineOffset: lineOffset),
                    field: path.isEmpty ? nil : path, "keys must be plain text")
            }
            if pairs.contains(where: { $0.key == name }) {
                throw Diagnostic(
                    YAMLFields.location(of: key.mark, file: file, lineOffset: lineOffset),
                    field: YAMLFields.join(path, name), "key appears twice")
            }
            pairs.append((name, key.mark, value))
        }
        self.init(file: file, lineOffset: lineOffset, path: path, mark: mapping.mark, pairs: pairs)
    }

    private init(file: String, lineOffset: Int, path: String, mark: Mark?, pairs: [(key: String, keyMark: Mark?, value: Node)]) {
        self.file = file
        self.lineOffset = lineOffset
        self.path = path
        self.mark = mark
        self.pairs = pairs
    }

    // MARK: Reading values

    public var keys: [String] { pairs.map(\.key) }

    public func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The raw node under `key`, marked as used.
    public mutating func node(_ key: String) -> Node? {
        if !asked.contains(key) { asked.append(key) }
        guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
        used.insert(key)
        if case .scalar(let scalar) = pair.value, scalar.tag.description == Tag.Name.null.rawValue { return nil }
        if case .scalar(let scalar) = pair.value, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        return pair.value
    }

    public mutating func string(_ key: String) throws(Diagnostic) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else { throw problem(at: node, key: key, "expected text") }
        return scalar.string
    }

    public mutating func requiredString(_ key: String) throws(Diagnostic) -> String {
        guard let value = try string(key), !value.isEmpty else { throw missing(key) }
        return value
    }

    public mutating func int(_ key: String) throws(Diagnostic) -> Int? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw problem(at: node, key: key, "\(YAMLFields.quote(node)) is not a whole number")
        }
        return value
    }

    public mutating func requiredInt(_ key: String) throws(Diagnostic) -> Int {
        guard let value = try int(key) else { throw missing(key) }
        return value
    }

    public mutating func bool(_ key: String) throws(Diagnostic) -> Bool? {
        guard let node = node(key) else { return nil }
        switch node.scalar?.string {
        case "true", "True", "TRUE", "yes", "Yes": return true
        case "false", "False", "FALSE", "no", "No": return false
        default: throw problem(at: node, key: key, "\(YAMLFields.quote(node)) is not true or false")
        }
    }

    public mutating func date(_ key: String) throws(Diagnostic) -> CalendarDate? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let date = CalendarDate(iso: text) else {
            throw problem(at: node, key: key, "\(YAMLFields.quote(node)) is not a date in the form YYYY-MM-DD")
        }
        return date
    }

    /// A list of text values; a single value is accepted as a list of one.
    public mutating func strings(_ key: String) throws(Diagnostic) -> [String]? {
        guard let node = node(key) else { return nil }
        if let scalar = node.scalar { return [scalar.string] }
        guard case .sequence(let sequence) = node else { throw problem(at: node, key: key, "expected a list") }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            guard let text = item.scalar?.string else {
                throw problem(at: item, key: "\(key)[\(index)]", "expected text")
            }
            values.append(text)
        }
        return values
    }

    public mutating func fields(_ key: String) throws(Diagnostic) -> YAMLFields? {
        guard let node = node(key) else { return nil }
        return try YAMLFields(node: node, file: file, lineOffset: lineOffset, path: YAMLFields.join(path, key))
    }

    public mutating func requiredFields(_ key: String) throws(Diagnostic) -> YAMLFields {
        guard let value = try fields(key) else { throw missing(key) }
        return value
    }

    /// A list of mappings, each read with its own `YAMLFields` (`tiers[0]`, `tiers[1]`, …).
    public mutating func list(_ key: String) throws(Diagnostic) -> [YAMLFields]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let sequence) = node else { throw problem(at: node, key: key, "expected a list") }
        var items: [YAMLFields] = []
        for (index, item) in sequence.enumerated() {
            items.append(try YAMLFields(node: item, file: file, lineOffset: lineOffset,
                                        path: YAMLFields.join(path, "\(key)[\(index)]")))
        }
        return items
    }

    /// Every key not read yet, as text: for custom attributes that the caller keeps as they are.
    public mutating func remainingStrings() -> [String: String] {
        var result: [String: String] = [:]
        for pair in pairs where !used.contains(pair.key) {
            used.insert(pair.key)
            if let text = pair.value.scalar?.string { result[pair.key] = text }
        }
        return result
    }

    /// Call after reading: a key that was never read is a mistake (a typo, a misplaced key).
    public func rejectUnknownKeys() throws(Diagnostic) {
        for pair in pairs where !used.contains(pair.key) {
            let known = asked.joined(separator: ", ")
            throw Diagnostic(
                YAMLFields.location(of: pair.keyMark ?? mark, file: file, lineOffset: lineOffset),
                field: YAMLFields.join(path, pair.key),
                "unknown key" + (known.isEmpty ? "" : " (expected: \(known))"))
        }
    }

    // MARK: Errors

    /// An error about the value under `key`, at that value's line and column.
    public func problem(at node: Node, key: String, _ message: String) -> Diagnostic {
        Diagnostic(YAMLFields.location(of: node.mark, file: file, lineOffset: lineOffset),
                   field: YAMLFields.join(path, key), message)
    }

    /// An error about the value under `key` found by reading it back, or about this mapping when absent.
    public func problem(key: String, _ message: String) -> Diagnostic {
        let pair = pairs.first { $0.key == key }
        return Diagnostic(YAMLFields.location(of: pair?.value.mark ?? pair?.keyMark ?? mark, file: file, lineOffset: lineOffset),
                          field: YAMLFields.join(path, key), message)
    }

    public func missing(_ key: String) -> Diagnostic {
        Diagnostic(YAMLFields.location(of: mark, file: file, lineOffset: lineOffset),
                   field: YAMLFields.join(path, key), "required, but missing or empty")
    }

    static func location(of mark: Mark?, file: String, lineOffset: Int) -> SourceLocation {
        // No mark: an empty document (a front matter with nothing in it): its first line.
        guard let mark else { return SourceLocation(file: file, line: 1 + lineOffset) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    static func quote(_ node: Node) -> String {
        if let text = node.scalar?.string { return Diagnostic.quote(text) }
        return "this value"
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return Diagnostic(location(of: mark, file: file, lineOffset: lineOffset), "invalid YAML: \(detail)")
        case .reader(let problem, let offset, _, let yaml):
            // The reader counts bytes: the line is the number of line breaks before the offset.
            let line = offset.map { offset in yaml.utf8.prefix(max(0, offset)).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
            return Diagnostic(SourceLocation(file: file, line: (line ?? 1) + lineOffset), "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { Diagnostic.quote($0) }.joined(separator: ", ")
            return Diagnostic(location(of: context.mark, file: file, lineOffset: lineOffset),
                              "\(names): key appears twice in the same mapping")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1 + lineOffset), "invalid YAML: \(error)")
        }
    }
}
