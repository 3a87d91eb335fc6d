import CYaml
import Foundation

/// Bounds a YAML document before anything builds it. Aliases let 400 bytes stand for billions of
/// nodes (`b: [*a, *a, …]`, `c: [*b, *b, …]`), and a composed alias used as a mapping key is
/// hashed whole by Yams' duplicate-key check: minutes of CPU inside the library. libyaml's own
/// events are read first, counting what every alias stands for, and a document is refused, at the
/// line of the alias or the collection that goes too far, once it would expand past
/// `maximumNodes` or nest deeper than `maximumDepth`.
enum YAMLExpansion {
    /// Far more than any program.yml, page or string table holds (the example's is a few hundred).
    static let maximumNodes = 100_000
    static let maximumDepth = 100

    static func check(_ text: String, file: String, lineOffset: Int) throws(Diagnostic) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        if let problem = bytes.withUnsafeMutableBufferPointer({ buffer -> Diagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return scan(&parser, file: file, lineOffset: lineOffset)
        }) {
            throw problem
        }
    }

    private static func scan(_ parser: inout yaml_parser_t, file: String, lineOffset: Int) -> Diagnostic? {
        var anchorSizes: [String: Int] = [:]
        // Open collections: their anchor and how many nodes they hold so far, themselves included.
        var open: [(anchor: String?, size: Int)] = []
        var total = 0
        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
        }
        func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        func tooLarge(at mark: yaml_mark_t) -> Diagnostic {
            Diagnostic(location(mark), "the YAML expands to more than \(maximumNodes.formatted()) values through its aliases (*name); write the values out or use fewer aliases")
        }
        func add(_ size: Int, at mark: yaml_mark_t) -> Diagnostic? {
            total = total.addingReportingOverflow(size).overflow ? Int.max : total + size
            if open.isEmpty == false { open[open.count - 1].size = min(Int.max / 2, open[open.count - 1].size + size) }
            return total <= maximumNodes ? nil : tooLarge(at: mark)
        }
        while true {
            var event = yaml_event_t()
            // A syntax error: left for the YAML library to report in its words.
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                if let anchor = name(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                if let problem = add(1, at: event.start_mark) { return problem }
            case YAML_ALIAS_EVENT:
                let size = name(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                if let problem = add(size, at: event.start_mark) { return problem }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard open.count < maximumDepth else {
                    return Diagnostic(location(event.start_mark), "the YAML nests lists and mappings more than \(maximumDepth) deep")
                }
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                open.append((anchor, 1))
                if let problem = add(0, at: event.start_mark) { return problem }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let finished = open.popLast() else { continue }
                if let anchor = finished.anchor { anchorSizes[anchor] = finished.size }
                total += 1 // the collection itself
                if open.isEmpty == false { open[open.count - 1].size = min(Int.max / 2, open[open.count - 1].size + finished.size) }
                if total > maximumNodes { return tooLarge(at: event.start_mark) }
            default:
                continue
            }
        }
    }
}
