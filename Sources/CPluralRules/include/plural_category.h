#ifndef PUNCHCARD_PLURAL_CATEGORY_H
#define PUNCHCARD_PLURAL_CATEGORY_H
/// Writes the CLDR plural category of `number` in `locale` ("one", "few", "other"...) into `out`.
/// Returns the category's length, or -1 when ICU has no rules for the locale.
int punchcard_plural_category(const char *locale, double number, char *out, int capacity);
#endif
