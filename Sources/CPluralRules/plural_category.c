// ICU plural rules, called from C: Debian's ICU headers clash with the ones Foundation carries, so
// Swift never imports them; this file is the only place that includes them.
#include "plural_category.h"
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

void *punchcard_plural_rules_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &status);
    if (U_FAILURE(status)) return 0;
    return rules;
}

int punchcard_plural_rules_select(const void *rules, double number, char *out, int capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar keyword[32];
    int32_t length = uplrules_select((const UPluralRules *)rules, number, keyword, 32, &status);
    if (U_FAILURE(status) || length >= capacity) return -1;
    u_austrncpy(out, keyword, length);
    out[length] = 0;
    return length;
}
