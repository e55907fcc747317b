/* Undo and redo over the journal. Every edit is a numbered transaction
 * whose rows the triggers recorded with their before and after; undoing
 * an edit applies the inverse of each row, newest first, in one new edit
 * named "undo: WHAT" that carries a note row (tbl 'undo', row_id N), and
 * redoing re-applies the rows in a new edit noted 'redo'. The undo and
 * redo stacks are therefore rebuilt from the file itself, so they survive
 * a restart; each organiser's undo takes back their own edits first. */
#ifndef CONVENE_JOURNAL_H
#define CONVENE_JOURNAL_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/util.h"

/* An undo that removes more rows than this is asked about first. */
#define UNDO_ASK_ROWS 20

/* What undo or redo would take back next: by one organiser, or anyone. */
struct journal_next {
	int64_t undo_edit; /* 0: nothing to undo */
	int64_t redo_edit; /* 0: nothing to redo */
	char *undo_what;   /* allocated; NULL when undo_edit is 0 */
	char *redo_what;
	char *undo_who;      /* who made it */
	char *redo_who;      /* who undid it */
	char *undo_at;       /* when it was made */
	int undo_removes;    /* rows undoing it deletes (an import, a sample) */
	int64_t latest_edit; /* the latest edit not undone, by anyone (0: none) */
};

/* Find the edits undo and redo would act on: the caller's own (the
 * connection's actor), or anyone's when anyone is set. */
enum status journal_next(struct db *db, int anyone, struct journal_next *out, struct error *err);
void journal_next_done(struct journal_next *n);
/* The journal id of the latest change to one row of a table (0: none):
 * an edit that read the row at one version can tell if it changed since. */
int64_t journal_row_version(struct db *db, const char *table, int64_t row);
/* Undo the caller's latest edit not yet undone (anyone's, with anyone),
 * whole, in one new edit; *edit (if not NULL) receives the new edit's
 * number. When
 * expect is not 0 it must be that edit (what the organiser was asked
 * about). Inside the edit it checks that no later edit changed the same
 * rows, and refuses, naming who did, rather than overwrite them.
 * ST_INPUT when there is nothing to undo. */
enum status journal_undo(struct db *db, int anyone, int64_t expect, int64_t *edit,
			 struct error *err);
/* Redo the edit the caller (anyone) undid most recently, if nothing was
 * edited since, on the same terms. */
enum status journal_redo(struct db *db, int anyone, int64_t expect, int64_t *edit,
			 struct error *err);

/* One edit of the file as the history shows it. */
enum journal_state {
	JOURNAL_DONE,   /* stands: undo could take it back */
	JOURNAL_UNDONE, /* taken back by a later undo; redo could bring it back */
	JOURNAL_REDONE, /* taken back, then brought back by a redo (edit `by`) */
	JOURNAL_GONE,   /* taken back, and edited over since: it cannot be redone */
	JOURNAL_REPLAY, /* itself an undo or a redo of edit `of` */
	JOURNAL_NOTE,   /* changed no row: a print or a notice, recorded */
};

struct journal_entry {
	int64_t edit;
	char *at;
	char *who;
	char *what;
	int rows; /* rows it changed */
	enum journal_state state;
	int redo;   /* JOURNAL_REPLAY: a redo rather than an undo */
	int64_t of; /* JOURNAL_REPLAY: the edit undone or redone */
	int64_t by; /* the latest undo or redo of this edit (0: none) */
};

/* The latest edits, newest first (at most limit of them), each with its
 * state worked out from the whole journal as undo and redo see it. */
enum status journal_history(struct db *db, int limit, struct journal_entry **out, int *n,
			    struct error *err);
void journal_history_done(struct journal_entry *v, int n);

/* The number of the latest edit (0: none). */
int64_t journal_last_edit(struct db *db);

/* What changed in the file after edit mark, for a plan made before it:
 * the latest edit that changed something (0: none), by whom, when, what,
 * and the sessions placed by any of them (ids). */
struct journal_since {
	int64_t edit;
	char *who;
	char *at;
	char *what;
	int64_t *placed;
	int nplaced;
};

enum status journal_since(struct db *db, int64_t mark, struct journal_since *out, struct error *err);
void journal_since_done(struct journal_since *s);
/* Apply to db, inside its open edit, the row changes and notes that the
 * edits after mark made in from, a private copy of db (db_copy): a plan
 * made in the copy, stored as one edit of the file. */
enum status journal_apply(struct db *from, int64_t mark, struct db *to, struct error *err);

/* Bring into db, as one edit called what, all that the edits after mark
 * changed in copy (a private copy of db), if nothing changed db since
 * mark; otherwise write nothing and describe the change in *stale. */
enum status journal_bring(struct db *db, struct db *copy, int64_t mark, const char *what,
			  struct journal_since *stale, struct error *err);

#endif
