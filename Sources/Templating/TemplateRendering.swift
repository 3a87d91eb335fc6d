/// A compiled template's pieces: bytes known when it was compiled (text, and values that are the
/// same on every page it renders, such as the theme's words), and values read from the context.
enum TemplateNode {
    case bytes([UInt8])
    case dynamic((inout TemplateOutput, inout TemplateStack) -> Void)
    case group([TemplateNode])
    case nothing

    static func render(_ nodes: [TemplateNode], into output: inout TemplateOutput, stack: inout TemplateStack) {
        for node in nodes {
            switch node {
            case .bytes(let bytes): output.bytes.append(contentsOf: bytes)
            case .dynamic(let render): render(&output, &stack)
            case .group(let children): render(children, into: &output, stack: &stack)
            case .nothing: break
            }
        }
    }

    /// Adjacent bytes joined, groups flattened, nothing dropped: fewer steps per page.
    static func simplified(_ nodes: [TemplateNode]) -> [TemplateNode] {
        var result: [TemplateNode] = []
        func add(_ node: TemplateNode) {
            switch node {
            case .nothing: return
            case .group(let children): children.forEach(add)
            case .bytes(let bytes):
                if case .bytes(let previous)? = result.last {
                    result[result.count - 1] = .bytes(previous + bytes)
                } else if !bytes.isEmpty {
                    result.append(.bytes(bytes))
                }
            case .dynamic: result.append(node)
            }
        }
        nodes.forEach(add)
        return result
    }
}

/// The objects a page is being rendered against, outermost first: the compiler knows each tag's
/// level and type, so a lookup is an index and an unchecked cast.
struct TemplateStack {
    private var objects: [AnyObject] = []

    init(root: AnyObject) { objects.append(root) }

    mutating func push(_ object: AnyObject) { objects.append(object) }
    mutating func pop() { objects.removeLast() }

    func value<T: AnyObject>(at level: Int, as type: T.Type) -> T {
        unsafeDowncast(objects[level], to: T.self)
    }
}

/// Where a page is rendered: UTF-8 bytes, HTML-escaped where the template asks.
public struct TemplateOutput {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String, escaped: Bool) {
        guard escaped else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    mutating func append(bytes more: [UInt8], escaped: Bool) {
        guard escaped else {
            bytes.append(contentsOf: more)
            return
        }
        more.withUnsafeBufferPointer { appendEscaped($0) }
    }

    /// `< > & " '` escaped byte by byte, as `String.htmlEscaped` does.
    mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<utf8.count {
            let replacement: StaticString
            switch utf8[index] {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
            replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
            start = index + 1
        }
        if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
    }

    mutating func append(number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }
}
