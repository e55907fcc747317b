/* Undo and redo over the journal. Every edit is a numbered transaction
 * whose rows the triggers recorded with their before and after; undoing
 * an edit applies the inverse of each row, newest first, in one new edit
 * named "undo: WHAT" that carries a note row (tbl 'undo', row_id N), and
 * redoing re-applies the rows in a new edit noted 'redo'. The undo and
 * redo stacks are therefore rebuilt from the file itself, so they survive
 * a restart and are shared by every organiser working on the file. */
#ifndef CONVENE_JOURNAL_H
#define CONVENE_JOURNAL_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/util.h"

/* What undo or redo would do next. */
struct journal_next {
	int64_t undo_edit; /* 0: nothing to undo */
	int64_t redo_edit; /* 0: nothing to redo */
	char *undo_what;   /* allocated; NULL when undo_edit is 0 */
	char *redo_what;
};

/* Find the edits undo and redo would act on. */
enum status journal_next(struct db *db, struct journal_next *out, struct error *err);
/* The journal id of the latest change to one row of a table (0: none):
 * an edit that read the row at one version can tell if it changed since. */
int64_t journal_row_version(struct db *db, const char *table, int64_t row);
void journal_next_done(struct journal_next *n);
/* Undo the latest edit not yet undone; *edit (if not NULL) receives its
 * number. ST_INPUT when there is nothing to undo or it no longer applies. */
enum status journal_undo(struct db *db, int64_t *edit, struct error *err);
/* Redo the edit undone most recently, if nothing was edited since. */
enum status journal_redo(struct db *db, int64_t *edit, struct error *err);

#endif
