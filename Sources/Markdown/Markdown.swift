import CCmark
import Foundation

/// CommonMark → HTML through the cmark C library.
///
/// Safe by default: raw HTML blocks and inline HTML in the source are dropped (cmark leaves
/// `<!-- raw HTML omitted -->` in their place) and `javascript:`-style links are neutralised.
/// Operators who write their own HTML in content opt in with `allowRawHTML`.
public struct Markdown: Sendable {
    public struct Options: Sendable, Hashable {
        /// Curly quotes, en and em dashes, ellipses.
        public var smartPunctuation: Bool
        /// Pass raw HTML and dangerous URLs through unchanged. Only for content the operator trusts.
        public var allowRawHTML: Bool
        /// Soft line breaks become `<br>`.
        public var hardBreaks: Bool

        public init(smartPunctuation: Bool = true, allowRawHTML: Bool = false, hardBreaks: Bool = false) {
            self.smartPunctuation = smartPunctuation
            self.allowRawHTML = allowRawHTML
            self.hardBreaks = hardBreaks
        }

        var cmarkFlags: Int32 {
            var flags = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
            if smartPunctuation { flags |= CMARK_OPT_SMART }
            if allowRawHTML { flags |= CMARK_OPT_UNSAFE }
            if hardBreaks { flags |= CMARK_OPT_HARDBREAKS }
            return flags
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Renders `source` to an HTML fragment.
    public func html(_ source: String) -> String {
        var source = source
        return source.withUTF8 { buffer in
            let raw = buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_markdown_to_html(chars.baseAddress, chars.count, options.cmarkFlags)
            }
            guard let raw else { return "" }
            defer { free(raw) }
            return String(cString: raw)
        }
    }

    /// Renders a short piece of Markdown that should stay inline (an offer summary, a tier name):
    /// the single paragraph's `<p>` wrapper is removed.
    public func inlineHTML(_ source: String) -> String {
        let html = self.html(source).trimmingCharacters(in: .newlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !html.dropFirst(3).contains("<p>") {
            return String(html.dropFirst(3).dropLast(4))
        }
        return html
    }
}
