#ifndef PUNCHCARD_PLURAL_CATEGORY_H
#define PUNCHCARD_PLURAL_CATEGORY_H
/// ICU's plural rules for `locale`, opened once and kept (selecting is safe from any thread);
/// NULL when ICU has no rules for it.
void *punchcard_plural_rules_open(const char *locale);

/// Writes the CLDR plural category of `number` ("one", "few", "other"...) into `out`. Returns the
/// category's length, or -1 on failure.
int punchcard_plural_rules_select(const void *rules, double number, char *out, int capacity);
#endif
