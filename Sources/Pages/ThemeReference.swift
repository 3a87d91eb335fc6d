import PunchcardTemplating

/// `docs/theme-reference.md`, generated from the typed contexts' declarations: what each template can
/// name. A test keeps the document and the code the same (`ThemeReferenceTests`).
public enum ThemeReference {
    public static func markdown() -> String {
        var text = """
        # Theme reference

        Generated from the code (`Sources/Pages/ThemeReference.swift`; the values are declared once, in
        each context's `schema`). Do not edit by hand: `PUNCHCARD_WRITE_DOCS=1 swift test --filter
        ThemeReferenceTests` rewrites it, and the test fails while it differs from the code.

        `{{name}}` writes a value HTML-escaped; `{{{name}}}` writes it as it is, for the values marked HTML
        (made by Punchcard, escaped where it placed text). A flag or an optional value opens
        `{{#name}}…{{/name}}` when true or present, `{{^name}}…{{/name}}` otherwise; a list opens it once
        per row, with the row's values; an object once, with its values. Inside a section, names not
        found in its row or object are the page's. A name the context does not have is a build error
        naming the template's file, line and column.

        ## Statement page: `templates/statement.mustache`

        Rendered once per member and period inside the layout (`base.mustache`, whose head and tail are
        rendered once per language). Besides the values below, the template can use these, the same on
        every page of a language and written into the template once:

        | Name | Kind | Meaning |
        |---|---|---|
        | `t.<key>` | text | The theme's words, from `templates/i18n/<language>.yml` (plural keys by their `other` form) |
        | `lang` | text | The page's language tag |
        | `dir` | text | The page's direction, `ltr` or `rtl` |
        | `latest_href` | text | The member's latest statement, relative to this page (`index.html`) |

        """
        text += rows(StatementPage.schema.reference)
        text += """

        Partials (`{{> name}}`) are compiled into the statement with the same names. Template inheritance
        (`{{< …}}`, `{{$ …}}`), dynamic partials and transforms are refused in the statement template.

        ## Operator's report: `templates/report.mustache`

        The whole page `punchcard report` writes (and `punchcard serve` shows at `/_report/`), in the
        program's default language; its words are the string tables' `report_*` keys. Besides the values
        below: `t.<key>`, `lang` and `dir`, as on the statement. Partials work as on the statement.

        """
        text += rows(ReportPageValues.schema.reference)
        return text
    }

    /// Table rows; a nested context's values follow their list or object, marked ↳.
    static func rows(_ rows: [TemplateFieldDescription]) -> String {
        var text = ""
        for row in rows {
            let name = row.depth == 0 ? "`\(row.name)`" : String(repeating: "↳ ", count: row.depth) + "`\(row.name)`"
            text += "| \(name) | \(row.kind) | \(row.meaning) |\n"
        }
        return text
    }
}
