/* The file as it was after a past edit, read by the same loaders as the
 * present (conf_load, print_data_load), so that a state of long ago and the
 * state of now are built by one definition. The journal holds, for every
 * row an edit touched, the row before and after; the state after edit N is
 * the rows no later edit touched, and of every row a later edit did touch,
 * the row as the first such edit found it. */
#ifndef CONVENE_ASOF_H
#define CONVENE_ASOF_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/print.h"
#include "convene/util.h"

/* The latest edit in the journal, notes and prints included (0: none). */
int64_t asof_last_edit(struct db *db);
/* Whether any edit in (from, to] changed a row (notes and prints do not). */
int asof_changed_between(struct db *db, int64_t from, int64_t to);

/* Load the conference and its print data as they were after edit `edit`
 * (0: before the first). Works on a file opened read-only and inside an
 * open edit; when another connection commits meanwhile, it reads again. */
enum status asof_load(struct db *db, int64_t edit, struct conf *c, struct print_data *pd,
		      struct error *err);

#endif
