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

        Partials (`{{> name}}`) are compiled into the statement with the same names; so is template
        inheritance (`{{<parent}}` with `{{$block}}` overrides). Dynamic partials and transforms are refused.

        ### Fragments placed in the statement

        Rendered once per language (and list of rewards, or tier) and placed in the statement as
        `available_rewards_html` and `offers_html`; the statement's constants (`t.<key>`, `lang`, `dir`,
        `latest_href`) are theirs too.

        `templates/partials/statement-rewards.mustache`:

        | Name | Kind | Meaning |
        |---|---|---|

        """
        text += rows(StatementRewards.schema.reference)
        text += """

        `templates/partials/statement-offers.mustache`:

        | Name | Kind | Meaning |
        |---|---|---|

        """
        text += rows(StatementOffers.schema.reference)
        text += """

        ## Public pages: `base.mustache`, `page`, `tiers`, `offers`, `rewards`, `404`

        One context for every public page, of which each page fills what it shows: a content page
        (`page.mustache`) its body, the tiers page its tiers, the offers page its offers, the rewards
        page the catalog, the 404 page every language's home; the rest is empty. `base.mustache` (with
        `partials/header` and `partials/footer`) is the layout; the pages inherit it (`{{<base}}`) and
        fill its `content` block. The layout also frames every statement, rendered once per language
        with the statement in `content_html`. Besides the values below, `t.<key>` (the page language's
        words) is written in when the templates are compiled for a language.

        | Name | Kind | Meaning |
        |---|---|---|

        """
        text += rows(PublicPage.schema.reference)
        text += """

        ## Operator's report: `templates/report.mustache`

        The whole page `punchcard report` writes (and `punchcard serve` shows at `/_report/`), in the
        program's default language; its words are the string tables' `report_*` keys. Besides the values
        below: `t.<key>`, `lang` and `dir`, as on the statement. Partials work as on the statement.

        | Name | Kind | Meaning |
        |---|---|---|

        """
        text += rows(ReportPageValues.schema.reference)
        text += """

        ## Statement e-mail: `templates/mail/statement.txt.mustache` and `statement.html.mustache`

        The plain-text part writes every value as it is; the HTML part escapes every value. Both are
        compiled per language with `t.<key>`, `lang`, `dir` and `align` (`left`, or `right` in a
        right-to-left language) written in; a tag they cannot fill stops `punchcard mail` before anything
        is written or sent.

        | Name | Kind | Meaning |
        |---|---|---|

        """
        text += rows(MailValues.schema.reference)
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
