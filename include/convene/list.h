/* Listing what a file holds, as aligned text or as JSON. */
#ifndef CONVENE_LIST_H
#define CONVENE_LIST_H

#include "convene/model.h"
#include <jansson.h>

#include "convene/rules.h"

/* The kinds list can show, NULL-terminated. */
extern const char *const list_kinds[];

/* Write the kind ("rooms", "sessions", ...) of c to out as text or JSON. */
enum status list_write(const struct conf *c, const char *kind, int json, struct str *out,
		       struct error *err);
/* Write the problems as text, or as JSON with totals and a breakdown. */
void list_problems(const struct conf *c, const struct problem_list *l, int json, struct str *out);
/* The problems as JSON: hard, soft, a breakdown per family (hard, meaning,
 * count, cost) and each problem (family, hard, sessions, amount, cost,
 * message). */
json_t *problems_json(const struct conf *c, const struct problem_list *l);
/* The totals and one line per family that has problems. */
void problems_text_summary(const struct problem_list *l, struct str *out);

#endif
