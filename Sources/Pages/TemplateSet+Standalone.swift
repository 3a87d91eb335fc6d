import Mustache
import PunchcardSupport

extension TemplateSet {
    /// A template outside the theme's set (an e-mail's parts), parsed as written so that a syntax
    /// error names the operator's line and column; the typed compiler then binds it.
    public static func standalone(_ text: String, file: String, plainText: Bool) throws(Diagnostic) -> MustacheTemplate {
        try checkNesting(text, file: file)
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw diagnostic(error, file: file)
        }
    }
}
