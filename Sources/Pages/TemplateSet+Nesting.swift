import PunchcardSupport
import PunchcardTemplating

extension TemplateSet {
    /// How deep sections may nest. swift-mustache parses sections by recursion, and a template
    /// nested a few thousand deep exhausts a build thread's stack (a crash, not an error); no
    /// real theme comes near this.
    public static let maximumSectionDepth = 100

    /// Refuses a template whose sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) nest deeper than
    /// `maximumSectionDepth`, naming the tag that goes too deep. Runs before the Mustache parser
    /// sees the text; follows set-delimiter tags (`{{=<% %>=}}`) as Mustache does.
    public static func checkNesting(_ text: String, file: String) throws(Diagnostic) {
        var depth = 0
        for tag in TemplateTag.scan(text) {
            switch tag.marker {
            case "#", "^", "$", "<":
                depth += 1
                if depth > maximumSectionDepth {
                    throw Diagnostic(SourceLocation(file: file, line: tag.line, column: tag.column),
                                     "sections are nested more than \(maximumSectionDepth) deep")
                }
            case "/":
                depth = max(0, depth - 1)
            default:
                break
            }
        }
    }
}
