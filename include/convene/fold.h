/* Text compared as an organiser reads it: "Zoë", "zoe" and "ZOE" are the
 * same name, and so are "Ångström" and "angstrom". Searching, filtering and
 * sorting on the screen and finding a delegate or speaker by name all fold
 * both sides here: case folded and accents taken off (Unicode
 * decomposition, combining marks dropped), by GLib's Unicode tables. */
#ifndef CONVENE_FOLD_H
#define CONVENE_FOLD_H

#include "convene/util.h"

/* Append the folded form of text (UTF-8) to out. Invalid UTF-8 is
 * appended byte for byte, ASCII lowered. */
void fold_cat(struct str *out, const char *text);
/* Whether folded haystack contains folded needle. */
int fold_contains(const char *haystack, const char *needle);
/* Whether a and b are the same text, folded. */
int fold_equal(const char *a, const char *b);
/* Compare as the screen sorts: folded, in the locale's order; then as
 * written, so the order is total. */
int fold_compare(const char *a, const char *b);

#endif
