/* Undo and redo from the journal. The triggers in db.c record, for every
 * row an edit touches, its table, the operation and the row as JSON before
 * and after. Undo walks an edit's rows newest first and applies each one's
 * inverse with a per-table statement (an upsert of the old row, or a delete
 * of the new one); redo applies them forward, oldest first. Foreign keys
 * are deferred to the commit so the order of parents and children within
 * one edit does not matter. Which edits are done, undone and redoable is
 * worked out from the note rows that each undo and redo adds, so the
 * stacks survive restarts and are the same for every organiser. */
#include "convene/journal.h"

#include <stdlib.h>
#include <string.h>

/* The statements that put a journalled row back (insert, or update by its
 * key) and take one away, made from the journalled tables' columns
 * (db_journalled_tables, which the triggers are made from too), so that a
 * column the journal records is always put back. Tables keyed only by
 * their columns have no children and nothing to update: an update of
 * theirs is undone as a delete and an insert. */
struct table_ops {
	const char *table;
	int keyless;
	char *put;
	char *remove;
};

static struct table_ops *ops_all;
static size_t ops_n;

/* The value of a column in the JSON image ?1. A column added by a later
 * schema (NOT NULL with a default) is missing from rows journalled before
 * it: those take the default. */
static void column_value(struct db *db, const char *table, const char *col, struct str *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT \"notnull\", dflt_value FROM "
					    "pragma_table_info(?1) WHERE name = ?2");

	db_bind_text(st, 1, table);
	db_bind_text(st, 2, col);
	if (db_step(st) == 1 && db_col_int(st, 0) && !db_col_is_null(st, 1))
		str_catf(out,
			 "CASE WHEN json_type(?1, '$.%s') IS NULL THEN %s ELSE "
			 "json_extract(?1, '$.%s') END",
			 col, db_col_text(st, 1), col);
	else
		str_catf(out, "json_extract(?1, '$.%s')", col);
	db_reset(st);
}

static int word_in(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; list && (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static void ops_make(struct db *db, const struct db_journalled *j, struct table_ops *o)
{
	struct str cols, vals, set, where;
	char *all = j->key && !word_in(j->columns, j->key) ? xasprintf("%s %s", j->key, j->columns)
							   : xstrdup(j->columns);
	const char *keys = j->key ? j->key : j->rkey;

	str_init(&cols);
	str_init(&vals);
	str_init(&set);
	str_init(&where);
	for (char *save = NULL, *c = strtok_r(all, " ", &save); c; c = strtok_r(NULL, " ", &save)) {
		str_catf(&cols, "%s%s", cols.len ? ", " : "", c);
		if (vals.len)
			str_cat(&vals, ", ");
		column_value(db, j->table, c, &vals);
		if (word_in(keys, c))
			str_catf(&where, "%s%s = json_extract(?1, '$.%s')",
				 where.len ? " AND " : "", c, c);
		else
			str_catf(&set, "%s%s = excluded.%s", set.len ? ", " : "", c, c);
	}
	o->table = j->table;
	o->keyless = !j->key && !set.len;
	if (o->keyless)
		o->put = xasprintf("INSERT OR IGNORE INTO %s (%s) VALUES (%s)", j->table, cols.buf,
				   vals.buf);
	else
		o->put = xasprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT %s%s%s DO UPDATE "
				   "SET %s",
				   j->table, cols.buf, vals.buf, j->key ? "(" : "",
				   j->key ? j->key : "", j->key ? ")" : "", set.buf);
	o->remove = xasprintf("DELETE FROM %s WHERE %s", j->table, where.buf);
	str_done(&cols);
	str_done(&vals);
	str_done(&set);
	str_done(&where);
	free(all);
}

/* One recorded row change of an edit: its images with the key put back
 * (before, after) and as the journal holds them (for comparing). */
struct change {
	const struct table_ops *ops;
	char op; /* 'i', 'u', 'd' */
	char *before;
	char *after;
	int64_t id;  /* the journal row */
	int64_t row; /* row_id */
	char *rkey;  /* the key of a table keyed by columns, else NULL */
	char *before_raw;
	char *after_raw;
};

/* Whether change k is the last of its row in the edit. */
static int row_last_in_edit(const struct change *c, int n, int k)
{
	for (int i = k + 1; i < n; i++)
		if (c[i].ops == c[k].ops &&
		    (c[k].rkey ? c[i].rkey && strcmp(c[i].rkey, c[k].rkey) == 0
			       : !c[i].rkey && c[i].row == c[k].row))
			return 0;
	return 1;
}

/* A stack of edits, each with who made it (or who undid it). */
struct stack {
	int64_t *v;
	char **who;
	int n;
};

static void push(struct stack *s, int64_t e, const char *who)
{
	s->v = xreallocarray(s->v, (size_t)s->n + 1, sizeof(*s->v));
	s->who = xreallocarray(s->who, (size_t)s->n + 1, sizeof(*s->who));
	s->v[s->n] = e;
	s->who[s->n++] = xstrdup(who);
}

/* Take e off the stack wherever it is (normally the top). */
static void drop(struct stack *s, int64_t e)
{
	for (int i = s->n - 1; i >= 0; i--) {
		if (s->v[i] == e) {
			free(s->who[i]);
			memmove(&s->v[i], &s->v[i + 1], (size_t)(s->n - i - 1) * sizeof(*s->v));
			memmove(&s->who[i], &s->who[i + 1],
				(size_t)(s->n - i - 1) * sizeof(*s->who));
			s->n--;
			return;
		}
	}
}

static void stack_done(struct stack *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->who[i]);
	free(s->v);
	free(s->who);
	memset(s, 0, sizeof(*s));
}

/* Replay the journal's edits to find which are done and which undone. */
static enum status stacks(struct db *db, struct stack *done, struct stack *undone, struct error *err)
{
	struct db_stmt *st =
		db_prepare(db,
			   "SELECT edit, max(CASE WHEN op = 'note' THEN tbl END), "
			   "max(CASE WHEN op = 'note' THEN row_id END), sum(op <> 'note'), max(who) "
			   "FROM journal GROUP BY edit ORDER BY edit");
	int rc;

	memset(done, 0, sizeof(*done));
	memset(undone, 0, sizeof(*undone));
	while ((rc = db_step(st)) == 1) {
		int64_t e = db_col_int(st, 0), target = db_col_int(st, 2);
		const char *note = db_col_text(st, 1), *who = db_col_text(st, 4);

		if (strcmp(note, "undo") == 0) {
			drop(done, target);
			push(undone, target, who);
		} else if (strcmp(note, "redo") == 0) {
			drop(undone, target);
			push(done, e, who);
		} else if (db_col_int(st, 3) > 0) {
			push(done, e, who);
			while (undone->n)
				drop(undone, undone->v[undone->n - 1]);
		}
	}
	db_reset(st);
	if (rc < 0) {
		stack_done(done);
		stack_done(undone);
		return error_set(err, ST_IO, "reading the journal: %s", db_errmsg(db));
	}
	return ST_OK;
}

/* The top of a stack made by actor (NULL: by anyone); 0 if none. */
static int64_t top_of(const struct stack *s, const char *actor, const char **who)
{
	for (int i = s->n - 1; i >= 0; i--)
		if (!actor || strcmp(s->who[i], actor) == 0) {
			*who = s->who[i];
			return s->v[i];
		}
	return 0;
}

/* What an edit was, without the "undo: " or "redo: " of a replay. */
static char *edit_what(struct db *db, int64_t edit)
{
	struct db_stmt *st = db_prepare(db, "SELECT what FROM journal WHERE edit = ?1 "
					    "ORDER BY id LIMIT 1");
	char *what;

	db_bind_int(st, 1, edit);
	what = xstrdup(db_step(st) == 1 ? db_col_text(st, 0) : "");
	db_reset(st);
	if (strncmp(what, "redo: ", 6) == 0)
		memmove(what, what + 6, strlen(what + 6) + 1);
	return what;
}

/* When an edit was made, and how many rows undoing (redoing) it removes. */
static void edit_facts(struct db *db, int64_t edit, int undo, char **at, int *removes)
{
	struct db_stmt *st = db_prepare(db, "SELECT min(at), sum(CASE WHEN op = ?2 THEN 1 ELSE 0 "
					    "END) FROM journal WHERE edit = ?1");

	db_bind_int(st, 1, edit);
	db_bind_text(st, 2, undo ? "insert" : "delete");
	*at = NULL;
	*removes = 0;
	if (db_step(st) == 1) {
		*at = xstrdup(db_col_text(st, 0));
		*removes = (int)db_col_int(st, 1);
	}
	db_reset(st);
}

enum status journal_next(struct db *db, int anyone, struct journal_next *out, struct error *err)
{
	struct stack done, undone;
	const char *actor = anyone ? NULL : db_actor(db), *who = NULL;

	memset(out, 0, sizeof(*out));
	if (stacks(db, &done, &undone, err))
		return ST_IO;
	if ((out->undo_edit = top_of(&done, actor, &who))) {
		out->undo_what = edit_what(db, out->undo_edit);
		out->undo_who = xstrdup(who);
		edit_facts(db, out->undo_edit, 1, &out->undo_at, &out->undo_removes);
	}
	if ((out->redo_edit = top_of(&undone, actor, &who))) {
		out->redo_what = edit_what(db, out->redo_edit);
		out->redo_who = xstrdup(who);
	}
	out->latest_edit = done.n ? done.v[done.n - 1] : 0;
	stack_done(&done);
	stack_done(&undone);
	return ST_OK;
}

static int stack_has(const struct stack *s, int64_t e)
{
	for (int i = s->n - 1; i >= 0; i--)
		if (s->v[i] == e)
			return 1;
	return 0;
}

enum status journal_history(struct db *db, int limit, struct journal_entry **out, int *n,
			    struct error *err)
{
	struct db_stmt *st;
	struct stack done, undone;
	int rc;

	*out = NULL;
	*n = 0;
	if (stacks(db, &done, &undone, err))
		return ST_IO;
	st = db_prepare(db, "SELECT edit, min(at), max(who), (SELECT what FROM journal w WHERE "
			    "w.edit = j.edit ORDER BY id LIMIT 1), sum(op <> 'note'), "
			    "max(CASE WHEN op = 'note' THEN tbl END), "
			    "max(CASE WHEN op = 'note' THEN row_id END) "
			    "FROM journal j GROUP BY edit ORDER BY edit DESC LIMIT ?1");
	db_bind_int(st, 1, limit);
	*out = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof(**out));
	while ((rc = db_step(st)) == 1) {
		struct journal_entry *e = &(*out)[(*n)++];
		const char *note = db_col_text(st, 5);

		e->edit = db_col_int(st, 0);
		e->at = xstrdup(db_col_text(st, 1));
		e->who = xstrdup(db_col_text(st, 2));
		e->what = xstrdup(db_col_text(st, 3));
		e->rows = (int)db_col_int(st, 4);
		if (strcmp(note, "undo") == 0 || strcmp(note, "redo") == 0) {
			e->state = JOURNAL_REPLAY;
			e->redo = note[0] == 'r';
			e->of = db_col_int(st, 6);
		} else if (stack_has(&done, e->edit))
			e->state = JOURNAL_DONE;
		else if (stack_has(&undone, e->edit))
			e->state = JOURNAL_UNDONE;
		else
			e->state = e->rows ? JOURNAL_GONE : JOURNAL_NOTE;
	}
	db_reset(st);
	stack_done(&done);
	stack_done(&undone);
	for (int i = *n - 1; i >= 0; i--) /* oldest first: the newest replay wins */
		for (int j = i + 1; j < *n && (*out)[i].state == JOURNAL_REPLAY; j++)
			if ((*out)[j].edit == (*out)[i].of)
				(*out)[j].by = (*out)[i].edit;
	for (int i = 0; i < *n; i++)
		if ((*out)[i].state == JOURNAL_GONE && (*out)[i].by)
			for (int k = 0; k < *n; k++)
				if ((*out)[k].edit == (*out)[i].by && (*out)[k].redo)
					(*out)[i].state = JOURNAL_REDONE;
	if (rc < 0) {
		journal_history_done(*out, *n);
		*out = NULL;
		*n = 0;
		return error_set(err, ST_IO, "reading the journal: %s", db_errmsg(db));
	}
	return ST_OK;
}

void journal_history_done(struct journal_entry *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].who);
		free(v[i].what);
	}
	free(v);
}

void journal_next_done(struct journal_next *n)
{
	free(n->undo_what);
	free(n->redo_what);
	free(n->undo_who);
	free(n->redo_who);
	free(n->undo_at);
	memset(n, 0, sizeof(*n));
}

static const struct table_ops *table_find(struct db *db, const char *name)
{
	if (!ops_all) {
		const struct db_journalled *j = db_journalled_tables(&ops_n);

		ops_all = xcalloc(ops_n + 1, sizeof(*ops_all));
		for (size_t i = 0; i < ops_n; i++)
			ops_make(db, &j[i], &ops_all[i]);
	}
	for (size_t i = 0; i < ops_n; i++)
		if (strcmp(ops_all[i].table, name) == 0)
			return &ops_all[i];
	return NULL;
}

static void changes_free(struct change *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].before);
		free(c[i].after);
		free(c[i].rkey);
		free(c[i].before_raw);
		free(c[i].after_raw);
	}
	free(c);
}

/* Read an edit's row changes, oldest first. The triggers of schema v1 leave
 * "id" out of the JSON of tables with a column whose name contains "id"
 * (delegate.organisation_id, station.session_id, ...), so the row's key is
 * put back from row_id; for tables keyed otherwise it is an unused field. */
static enum status changes_read(struct db *db, int64_t edit, struct change **out, int *n,
				struct error *err)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT tbl, op, CASE WHEN row_id IS NULL OR "
		    "before IS NULL THEN before ELSE json_set(before, '$.id', row_id) END, CASE "
		    "WHEN row_id IS NULL OR after IS NULL THEN after ELSE json_set(after, '$.id', "
		    "row_id) END, id, row_id, rkey, before, after FROM journal WHERE edit = ?1 AND "
		    "op <> 'note' ORDER BY id");
	struct change *c = NULL;
	int rc;

	*n = 0;
	db_bind_int(st, 1, edit);
	while ((rc = db_step(st)) == 1) {
		const struct table_ops *ops = table_find(db, db_col_text(st, 0));

		if (!ops) {
			db_reset(st);
			changes_free(c, *n);
			return error_set(err, ST_INPUT,
					 "edit %lld changed table '%s', which "
					 "cannot be undone",
					 (long long)edit, db_col_text(st, 0));
		}
		c = xreallocarray(c, (size_t)*n + 1, sizeof(*c));
		c[*n] = (struct change){ ops,
					 db_col_text(st, 1)[0],
					 db_col_is_null(st, 2) ? NULL : xstrdup(db_col_text(st, 2)),
					 db_col_is_null(st, 3) ? NULL : xstrdup(db_col_text(st, 3)),
					 db_col_int(st, 4),
					 db_col_int(st, 5),
					 db_col_is_null(st, 6) ? NULL : xstrdup(db_col_text(st, 6)),
					 db_col_is_null(st, 7) ? NULL : xstrdup(db_col_text(st, 7)),
					 db_col_is_null(st, 8) ? NULL
							       : xstrdup(db_col_text(st, 8)) };
		(*n)++;
	}
	db_reset(st);
	*out = c;
	if (rc < 0) {
		changes_free(c, *n);
		return error_set(err, ST_IO, "reading the journal: %s", db_errmsg(db));
	}
	return ST_OK;
}

static int row_run(struct db *db, const char *sql, const char *json)
{
	struct db_stmt *st = db_prepare(db, sql);

	db_bind_text(st, 1, json);
	return db_run(st);
}

/* Bring one row from the state 'from' to the state 'to' (either NULL). */
static int row_apply(struct db *db, const struct change *c, const char *from, const char *to)
{
	if (!to)
		return row_run(db, c->ops->remove, from);
	if (from && c->ops->keyless && row_run(db, c->ops->remove, from))
		return -1;
	return row_run(db, c->ops->put, to);
}

/* Whether the row of change c is now as the edit left it (undo) or found
 * it (redo): the latest journal image of the row must match. When it
 * does not, *who and *what say who changed it since. */
static int row_as_left(struct db *db, const struct change *c, int undo, char **who, char **what)
{
	struct db_stmt *st =
		c->rkey ? db_prepare(db,
				     "SELECT id, after, who, what, op FROM journal WHERE tbl = ?1 AND "
				     "rkey = ?2 AND op <> 'note' ORDER BY id DESC LIMIT 1")
			: db_prepare(db,
				     "SELECT id, after, who, what, op FROM journal WHERE tbl = ?1 AND "
				     "row_id = ?3 AND op <> 'note' ORDER BY id DESC LIMIT 1");
	const char *want = undo ? c->after_raw : c->before_raw;
	int same = 1;

	db_bind_text(st, 1, c->ops->table);
	if (c->rkey)
		db_bind_text(st, 2, c->rkey);
	else
		db_bind_int(st, 3, c->row);
	if (db_step(st) == 1 && db_col_int(st, 0) != c->id) {
		const char *now = db_col_is_null(st, 1) ? NULL : db_col_text(st, 1);

		same = (!now && !want) || (now && want && strcmp(now, want) == 0);
		if (!same) {
			*who = xstrdup(db_col_text(st, 2));
			*what = xstrdup(db_col_text(st, 3));
		}
	}
	db_reset(st);
	return same;
}

/* Refuse when another edit changed a row of this one since: undoing it
 * would overwrite that edit. */
static enum status rows_unchanged(struct db *db, const struct change *c, int n, int undo,
				  const char *what, struct error *err)
{
	for (int k = 0; k < n; k++) {
		char *who = NULL, *by = NULL;
		enum status st;

		/* Only the last change of each row in the edit says how it left it. */
		if (!row_last_in_edit(c, n, k) || row_as_left(db, &c[k], undo, &who, &by))
			continue;
		st = error_set(err, ST_PROBLEM,
			       "cannot %s '%s': %s changed it since (%s); "
			       "nothing was written",
			       undo ? "undo" : "redo", what, who, by);
		free(who);
		free(by);
		return st;
	}
	return ST_OK;
}

/* Apply an edit backwards (undo) or forwards (redo), in the open edit. */
static enum status replay(struct db *db, int64_t edit, int undo, struct error *err)
{
	const char *verb = undo ? "undo" : "redo";
	char *what = edit_what(db, edit), *label = xasprintf("%s: %s", verb, what);
	struct change *c = NULL;
	struct db_stmt *note;
	enum status st;
	int n = 0;

	db_set_what(db, label);
	st = changes_read(db, edit, &c, &n, err);
	if (!st)
		st = rows_unchanged(db, c, n, undo, what, err);
	if (!st)
		st = db_exec(db, "PRAGMA defer_foreign_keys = ON", err);
	for (int k = 0; k < n && !st; k++) {
		const struct change *ch = &c[undo ? n - 1 - k : k];
		int rc = undo ? row_apply(db, ch, ch->after, ch->before)
			      : row_apply(db, ch, ch->before, ch->after);

		if (rc)
			st = error_set(err, ST_INPUT, "cannot %s '%s': %s (%s)", verb, what,
				       db_errmsg(db), ch->ops->table);
	}
	if (!st) {
		note = db_prepare(db, "INSERT INTO journal (edit, who, what, tbl, row_id, op) "
				      "VALUES (convene_edit(), convene_actor(), convene_what(), ?1, "
				      "?2, 'note')");
		db_bind_text(note, 1, verb);
		db_bind_int(note, 2, edit);
		if (db_run(note))
			st = error_set(err, ST_IO, "writing the journal: %s", db_errmsg(db));
	}
	changes_free(c, n);
	free(what);
	free(label);
	return st;
}

/* Undo or redo, inside one edit that first finds which edit to take
 * (*edit gets the number of the new edit):
 * actor's latest (NULL: anyone's), which must be expect when that is not
 * 0, so that what was asked about is what is done. */
static enum status step(struct db *db, int undo, const char *actor, int64_t expect, int64_t *edit,
			struct error *err)
{
	struct stack done, undone;
	const char *who = NULL;
	int64_t e;
	enum status st;

	if (db_in_edit(db))
		return error_set(err, ST_INPUT, "an edit is open: finish it first");
	if ((st = db_begin(db, undo ? "undo" : "redo", err)))
		return st;
	if ((st = stacks(db, &done, &undone, err))) {
		db_rollback(db);
		return st;
	}
	e = top_of(undo ? &done : &undone, actor, &who);
	stack_done(&done);
	stack_done(&undone);
	if (!e)
		st = error_set(err, ST_INPUT, "nothing %sto %s", actor ? "of yours " : "",
			       undo ? "undo" : "redo");
	else if (expect && e != expect)
		st = error_set(err, ST_PROBLEM,
			       "what %s would take back changed a moment ago: "
			       "look again; nothing was written",
			       undo ? "undo" : "redo");
	if (!st)
		st = replay(db, e, undo, err);
	if (st) {
		db_rollback(db);
		return st;
	}
	if (edit)
		*edit = db_edit_number(db);
	return db_commit(db, err);
}

enum status journal_undo(struct db *db, int anyone, int64_t expect, int64_t *edit, struct error *err)
{
	return step(db, 1, anyone ? NULL : db_actor(db), expect, edit, err);
}

enum status journal_redo(struct db *db, int anyone, int64_t expect, int64_t *edit, struct error *err)
{
	return step(db, 0, anyone ? NULL : db_actor(db), expect, edit, err);
}

int64_t journal_row_version(struct db *db, const char *table, int64_t row)
{
	struct db_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM journal WHERE "
					    "tbl = ?1 AND row_id = ?2 AND op <> 'note'");
	int64_t v = 0;

	db_bind_text(st, 1, table);
	db_bind_int(st, 2, row);
	if (db_step(st) == 1)
		v = db_col_int(st, 0);
	db_reset(st);
	return v;
}

int64_t journal_last_edit(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT coalesce(max(edit), 0) FROM journal");
	int64_t e = db_step(st) == 1 ? db_col_int(st, 0) : 0;

	db_reset(st);
	return e;
}

void journal_since_done(struct journal_since *s)
{
	free(s->who);
	free(s->at);
	free(s->what);
	free(s->placed);
	memset(s, 0, sizeof(*s));
}

enum status journal_since(struct db *db, int64_t mark, struct journal_since *out, struct error *err)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT edit, who, at, what FROM journal WHERE edit > ?1 "
					"AND op <> 'note' ORDER BY id DESC LIMIT 1");
	int rc;

	memset(out, 0, sizeof(*out));
	db_bind_int(st, 1, mark);
	if ((rc = db_step(st)) == 1) {
		out->edit = db_col_int(st, 0);
		out->who = xstrdup(db_col_text(st, 1));
		out->at = xstrdup(db_col_text(st, 2));
		out->what = xstrdup(db_col_text(st, 3));
	}
	db_reset(st);
	if (rc < 0)
		return error_set(err, ST_IO, "reading the journal: %s", db_errmsg(db));
	st = db_prepare(db, "SELECT DISTINCT row_id FROM journal WHERE edit > ?1 AND "
			    "tbl = 'placement' AND op <> 'note'");
	db_bind_int(st, 1, mark);
	while (db_step(st) == 1) {
		out->placed = xreallocarray(out->placed, (size_t)out->nplaced + 1, sizeof(int64_t));
		out->placed[out->nplaced++] = db_col_int(st, 0);
	}
	db_reset(st);
	return ST_OK;
}

/* Copy a note row of another file's journal into db's open edit. */
static int note_copy(struct db *db, const char *tbl, int64_t row, const char *after)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO journal (edit, who, what, tbl, row_id, op, "
					    "after) VALUES (convene_edit(), convene_actor(), "
					    "convene_what(), ?1, ?2, 'note', ?3)");

	db_bind_text(st, 1, tbl);
	db_bind_int(st, 2, row);
	db_bind_text(st, 3, after);
	return db_run(st);
}

enum status journal_apply(struct db *from, int64_t mark, struct db *to, struct error *err)
{
	struct db_stmt *st = db_prepare(from, "SELECT tbl, op, coalesce(row_id, 0), before, after "
					      "FROM journal WHERE edit > ?1 ORDER BY id");
	enum status s = db_exec(to, "PRAGMA defer_foreign_keys = ON", err);
	int rc;

	db_bind_int(st, 1, mark);
	while (!s && (rc = db_step(st)) == 1) {
		const char *tbl = db_col_text(st, 0), *op = db_col_text(st, 1);
		struct change c = { .ops = table_find(to, tbl), .op = op[0] };

		if (strcmp(op, "note") == 0) {
			if (note_copy(to, tbl, db_col_int(st, 2), db_col_text(st, 4)))
				s = error_set(err, ST_IO, "%s: %s", db_path(to), db_errmsg(to));
			continue;
		}
		if (!c.ops) {
			s = error_set(err, ST_INPUT,
				      "a plan changed table '%s', which cannot be "
				      "stored",
				      tbl);
			break;
		}
		c.before = db_col_is_null(st, 3) ? NULL : xstrdup(db_col_text(st, 3));
		c.after = db_col_is_null(st, 4) ? NULL : xstrdup(db_col_text(st, 4));
		if (row_apply(to, &c, c.before, c.after))
			s = error_set(err, ST_IO, "%s: %s (%s)", db_path(to), db_errmsg(to), tbl);
		free(c.before);
		free(c.after);
	}
	db_reset(st);
	return s;
}

enum status journal_bring(struct db *db, struct db *copy, int64_t mark, const char *what,
			  struct journal_since *stale, struct error *err)
{
	enum status st = db_begin(db, what, err);

	memset(stale, 0, sizeof(*stale));
	if (!st)
		st = journal_since(db, mark, stale, err);
	if (!st && !stale->edit)
		st = journal_apply(copy, mark, db, err);
	if (st || stale->edit) {
		db_rollback(db);
		return st;
	}
	return db_commit(db, err);
}
