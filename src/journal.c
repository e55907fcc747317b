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

#define J(col) "json_extract(?1, '$." col "')"
/* A column added by a later schema: rows journalled before it lack it. */
#define JD(col, def) "coalesce(json_extract(?1, '$." col "'), " def ")"

/* The statements that put a journalled row back (insert, or update by its
 * key) and take one away. Keyless tables have no children, so an update
 * of theirs is undone as a delete and an insert. */
struct table_ops {
	const char *table;
	int keyless;
	const char *put;
	const char *remove;
};

static const struct table_ops tables[] = {
	{ "event", 0,
	  "INSERT INTO event (id, name, venue, timezone, slot_minutes) VALUES (" J("id") ", "
	  J("name") ", " J("venue") ", " J("timezone") ", " J("slot_minutes") ") ON CONFLICT "
	  "(id) DO UPDATE SET name = excluded.name, venue = excluded.venue, timezone = "
	  "excluded.timezone, slot_minutes = excluded.slot_minutes",
	  "DELETE FROM event WHERE id = " J("id") },
	{ "day", 0,
	  "INSERT INTO day (id, number, date, start_min, end_min) VALUES (" J("id") ", "
	  J("number") ", " J("date") ", " J("start_min") ", " J("end_min") ") ON CONFLICT "
	  "(id) DO UPDATE SET number = excluded.number, date = excluded.date, start_min = "
	  "excluded.start_min, end_min = excluded.end_min",
	  "DELETE FROM day WHERE id = " J("id") },
	{ "slot", 0,
	  "INSERT INTO slot (id, day_id, start_min, end_min) VALUES (" J("id") ", " J("day_id")
	  ", " J("start_min") ", " J("end_min") ") ON CONFLICT (id) DO UPDATE SET day_id = "
	  "excluded.day_id, start_min = excluded.start_min, end_min = excluded.end_min",
	  "DELETE FROM slot WHERE id = " J("id") },
	{ "room", 0,
	  "INSERT INTO room (id, name, capacity, step_free, features, cafe_tables, tags) VALUES ("
	  J("id") ", " J("name") ", " J("capacity") ", " J("step_free") ", " J("features") ", "
	  J("cafe_tables") ", " JD("tags", "''") ") ON CONFLICT (id) DO UPDATE SET name = "
	  "excluded.name, capacity = excluded.capacity, step_free = excluded.step_free, "
	  "features = excluded.features, cafe_tables = excluded.cafe_tables, tags = "
	  "excluded.tags",
	  "DELETE FROM room WHERE id = " J("id") },
	{ "room_unavailable", 0,
	  "INSERT INTO room_unavailable (id, room_id, day_id, start_min, end_min) VALUES ("
	  J("id") ", " J("room_id") ", " J("day_id") ", " J("start_min") ", " J("end_min")
	  ") ON CONFLICT (id) DO UPDATE SET room_id = excluded.room_id, day_id = "
	  "excluded.day_id, start_min = excluded.start_min, end_min = excluded.end_min",
	  "DELETE FROM room_unavailable WHERE id = " J("id") },
	{ "speaker", 0,
	  "INSERT INTO speaker (id, name, title, honours, organisation, email, time_tags, "
	  "room_tags, pause) VALUES (" J("id") ", " J("name") ", " J("title") ", " J("honours")
	  ", " J("organisation") ", " J("email") ", " JD("time_tags", "''") ", "
	  JD("room_tags", "''") ", " JD("pause", "0") ") ON CONFLICT (id) DO UPDATE SET name = "
	  "excluded.name, title = excluded.title, honours = excluded.honours, organisation = "
	  "excluded.organisation, email = excluded.email, time_tags = excluded.time_tags, "
	  "room_tags = excluded.room_tags, pause = excluded.pause",
	  "DELETE FROM speaker WHERE id = " J("id") },
	{ "speaker_unavailable", 0,
	  "INSERT INTO speaker_unavailable (id, speaker_id, day_id, start_min, end_min) VALUES ("
	  J("id") ", " J("speaker_id") ", " J("day_id") ", " J("start_min") ", " J("end_min")
	  ") ON CONFLICT (id) DO UPDATE SET speaker_id = excluded.speaker_id, day_id = "
	  "excluded.day_id, start_min = excluded.start_min, end_min = excluded.end_min",
	  "DELETE FROM speaker_unavailable WHERE id = " J("id") },
	{ "session", 0,
	  "INSERT INTO session (id, code, title, kind, duration, capacity, audience, track, "
	  "features, pinned, description, time_tags, room_tags) VALUES (" J("id") ", "
	  J("code") ", " J("title") ", " J("kind") ", " J("duration") ", " J("capacity") ", "
	  J("audience") ", " J("track") ", " J("features") ", " J("pinned") ", "
	  J("description") ", " JD("time_tags", "''") ", " JD("room_tags", "''") ") ON "
	  "CONFLICT (id) DO UPDATE SET code = excluded.code, title = excluded.title, kind = "
	  "excluded.kind, duration = excluded.duration, capacity = excluded.capacity, "
	  "audience = excluded.audience, track = excluded.track, features = excluded.features, "
	  "pinned = excluded.pinned, description = excluded.description, time_tags = "
	  "excluded.time_tags, room_tags = excluded.room_tags",
	  "DELETE FROM session WHERE id = " J("id") },
	{ "session_speaker", 1,
	  "INSERT OR IGNORE INTO session_speaker (session_id, speaker_id) VALUES ("
	  J("session_id") ", " J("speaker_id") ")",
	  "DELETE FROM session_speaker WHERE session_id = " J("session_id") " AND speaker_id = "
	  J("speaker_id") },
	{ "placement", 0,
	  "INSERT INTO placement (session_id, day_id, start_min, room_id) VALUES ("
	  J("session_id") ", " J("day_id") ", " J("start_min") ", " J("room_id") ") ON CONFLICT "
	  "(session_id) DO UPDATE SET day_id = excluded.day_id, start_min = excluded.start_min, "
	  "room_id = excluded.room_id",
	  "DELETE FROM placement WHERE session_id = " J("session_id") },
	{ "organisation", 0,
	  "INSERT INTO organisation (id, name, type) VALUES (" J("id") ", " J("name") ", "
	  J("type") ") ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = "
	  "excluded.type",
	  "DELETE FROM organisation WHERE id = " J("id") },
	{ "delegate", 0,
	  "INSERT INTO delegate (id, first_name, last_name, email, organisation_id, role, "
	  "region, access, days, extra) VALUES (" J("id") ", " J("first_name") ", "
	  J("last_name") ", " J("email") ", " J("organisation_id") ", " J("role") ", "
	  J("region") ", " J("access") ", " J("days") ", " J("extra") ") ON CONFLICT (id) DO "
	  "UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, email "
	  "= excluded.email, organisation_id = excluded.organisation_id, role = excluded.role, "
	  "region = excluded.region, access = excluded.access, days = excluded.days, extra = "
	  "excluded.extra",
	  "DELETE FROM delegate WHERE id = " J("id") },
	{ "preference", 1,
	  "INSERT INTO preference (delegate_id, session_id, station, rank) VALUES ("
	  J("delegate_id") ", " J("session_id") ", " J("station") ", " J("rank") ") ON CONFLICT "
	  "DO UPDATE SET rank = excluded.rank",
	  "DELETE FROM preference WHERE delegate_id = " J("delegate_id") " AND session_id = "
	  J("session_id") " AND station = " J("station") },
	{ "keep_apart", 1,
	  "INSERT OR IGNORE INTO keep_apart (a, b) VALUES (" J("a") ", " J("b") ")",
	  "DELETE FROM keep_apart WHERE a = " J("a") " AND b = " J("b") },
	{ "carousel", 0,
	  "INSERT INTO carousel (session_id, rotations, rotation_min) VALUES (" J("session_id")
	  ", " J("rotations") ", " J("rotation_min") ") ON CONFLICT (session_id) DO UPDATE SET "
	  "rotations = excluded.rotations, rotation_min = excluded.rotation_min",
	  "DELETE FROM carousel WHERE session_id = " J("session_id") },
	{ "station", 0,
	  "INSERT INTO station (id, session_id, number, topic, host_speaker_id, "
	  "host_delegate_id, place, capacity, everyone, skip) VALUES (" J("id") ", "
	  J("session_id") ", " J("number") ", " J("topic") ", " J("host_speaker_id") ", "
	  J("host_delegate_id") ", " J("place") ", " J("capacity") ", " J("everyone") ", "
	  J("skip") ") ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, number "
	  "= excluded.number, topic = excluded.topic, host_speaker_id = "
	  "excluded.host_speaker_id, host_delegate_id = excluded.host_delegate_id, place = "
	  "excluded.place, capacity = excluded.capacity, everyone = excluded.everyone, skip = "
	  "excluded.skip",
	  "DELETE FROM station WHERE id = " J("id") },
	{ "cafe", 0,
	  "INSERT INTO cafe (session_id, tables, seats, rounds) VALUES (" J("session_id") ", "
	  J("tables") ", " J("seats") ", " J("rounds") ") ON CONFLICT (session_id) DO UPDATE "
	  "SET tables = excluded.tables, seats = excluded.seats, rounds = excluded.rounds",
	  "DELETE FROM cafe WHERE session_id = " J("session_id") },
	{ "attendance", 1,
	  "INSERT OR IGNORE INTO attendance (delegate_id, session_id) VALUES (" J("delegate_id")
	  ", " J("session_id") ")",
	  "DELETE FROM attendance WHERE delegate_id = " J("delegate_id") " AND session_id = "
	  J("session_id") },
	{ "cafe_seat", 1,
	  "INSERT INTO cafe_seat (session_id, round, delegate_id, table_no) VALUES ("
	  J("session_id") ", " J("round") ", " J("delegate_id") ", " J("table_no") ") ON "
	  "CONFLICT DO UPDATE SET table_no = excluded.table_no",
	  "DELETE FROM cafe_seat WHERE session_id = " J("session_id") " AND round = " J("round")
	  " AND delegate_id = " J("delegate_id") },
	{ "carousel_visit", 1,
	  "INSERT INTO carousel_visit (session_id, rotation, delegate_id, station_id) VALUES ("
	  J("session_id") ", " J("rotation") ", " J("delegate_id") ", " J("station_id") ") ON "
	  "CONFLICT DO UPDATE SET station_id = excluded.station_id",
	  "DELETE FROM carousel_visit WHERE session_id = " J("session_id") " AND rotation = "
	  J("rotation") " AND delegate_id = " J("delegate_id") },
	{ "cafe_table", 0,
	  "INSERT INTO cafe_table (id, session_id, number, seats, host_delegate_id, question, "
	  "step_free) VALUES (" J("id") ", " J("session_id") ", " J("number") ", " J("seats")
	  ", " J("host_delegate_id") ", " J("question") ", " J("step_free") ") ON CONFLICT (id) "
	  "DO UPDATE SET session_id = excluded.session_id, number = excluded.number, seats = "
	  "excluded.seats, host_delegate_id = excluded.host_delegate_id, question = "
	  "excluded.question, step_free = excluded.step_free",
	  "DELETE FROM cafe_table WHERE id = " J("id") },
};

/* One recorded row change of an edit. */
struct change {
	const struct table_ops *ops;
	char op; /* 'i', 'u', 'd' */
	char *before;
	char *after;
};

/* An edit number stack. */
struct stack {
	int64_t *v;
	int n;
};

static void push(struct stack *s, int64_t e)
{
	s->v = xreallocarray(s->v, (size_t)s->n + 1, sizeof(*s->v));
	s->v[s->n++] = e;
}

/* Take e off the stack wherever it is (normally the top). */
static void drop(struct stack *s, int64_t e)
{
	for (int i = s->n - 1; i >= 0; i--) {
		if (s->v[i] == e) {
			memmove(&s->v[i], &s->v[i + 1], (size_t)(s->n - i - 1) * sizeof(*s->v));
			s->n--;
			return;
		}
	}
}

/* Replay the journal's edits to find which are done and which undone. */
static enum status stacks(struct db *db, struct stack *done, struct stack *undone,
			  struct error *err)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT edit, max(CASE WHEN op = 'note' THEN tbl END), "
		"max(CASE WHEN op = 'note' THEN row_id END), sum(op <> 'note') "
		"FROM journal GROUP BY edit ORDER BY edit");
	int rc;

	memset(done, 0, sizeof(*done));
	memset(undone, 0, sizeof(*undone));
	while ((rc = db_step(st)) == 1) {
		int64_t e = db_col_int(st, 0), target = db_col_int(st, 2);
		const char *note = db_col_text(st, 1);

		if (strcmp(note, "undo") == 0) {
			drop(done, target);
			push(undone, target);
		} else if (strcmp(note, "redo") == 0) {
			drop(undone, target);
			push(done, e);
		} else if (db_col_int(st, 3) > 0) {
			push(done, e);
			undone->n = 0;
		}
	}
	db_reset(st);
	if (rc < 0) {
		free(done->v);
		free(undone->v);
		return error_set(err, ST_IO, "reading the journal: %s", db_errmsg(db));
	}
	return ST_OK;
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

enum status journal_next(struct db *db, struct journal_next *out, struct error *err)
{
	struct stack done, undone;

	memset(out, 0, sizeof(*out));
	if (stacks(db, &done, &undone, err))
		return ST_IO;
	if (done.n) {
		out->undo_edit = done.v[done.n - 1];
		out->undo_what = edit_what(db, out->undo_edit);
	}
	if (undone.n) {
		out->redo_edit = undone.v[undone.n - 1];
		out->redo_what = edit_what(db, out->redo_edit);
	}
	free(done.v);
	free(undone.v);
	return ST_OK;
}

void journal_next_done(struct journal_next *n)
{
	free(n->undo_what);
	free(n->redo_what);
	memset(n, 0, sizeof(*n));
}

static const struct table_ops *table_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		if (strcmp(tables[i].table, name) == 0)
			return &tables[i];
	return NULL;
}

static void changes_free(struct change *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].before);
		free(c[i].after);
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
	struct db_stmt *st = db_prepare(db, "SELECT tbl, op, CASE WHEN row_id IS NULL OR "
		"before IS NULL THEN before ELSE json_set(before, '$.id', row_id) END, CASE "
		"WHEN row_id IS NULL OR after IS NULL THEN after ELSE json_set(after, '$.id', "
		"row_id) END FROM journal WHERE edit = ?1 AND op <> 'note' ORDER BY id");
	struct change *c = NULL;
	int rc;

	*n = 0;
	db_bind_int(st, 1, edit);
	while ((rc = db_step(st)) == 1) {
		const struct table_ops *ops = table_find(db_col_text(st, 0));

		if (!ops) {
			db_reset(st);
			changes_free(c, *n);
			return error_set(err, ST_INPUT, "edit %lld changed table '%s', which "
					 "cannot be undone", (long long)edit, db_col_text(st, 0));
		}
		c = xreallocarray(c, (size_t)*n + 1, sizeof(*c));
		c[*n].ops = ops;
		c[*n].op = db_col_text(st, 1)[0];
		c[*n].before = db_col_is_null(st, 2) ? NULL : xstrdup(db_col_text(st, 2));
		c[*n].after = db_col_is_null(st, 3) ? NULL : xstrdup(db_col_text(st, 3));
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

/* Apply an edit backwards (undo) or forwards (redo) as one new edit. */
static enum status replay(struct db *db, int64_t edit, int undo, struct error *err)
{
	const char *verb = undo ? "undo" : "redo";
	char *what = edit_what(db, edit);
	char *label = xasprintf("%s: %s", verb, what);
	struct change *c = NULL;
	struct db_stmt *note;
	enum status st;
	int n = 0;

	st = changes_read(db, edit, &c, &n, err);
	if (!st)
		st = db_begin(db, label, err);
	if (st)
		goto out;
	if ((st = db_exec(db, "PRAGMA defer_foreign_keys = ON", err)))
		goto fail;
	for (int k = 0; k < n; k++) {
		const struct change *ch = &c[undo ? n - 1 - k : k];
		int rc = undo ? row_apply(db, ch, ch->after, ch->before)
			      : row_apply(db, ch, ch->before, ch->after);

		if (rc) {
			st = error_set(err, ST_INPUT, "cannot %s '%s': %s (%s)", verb, what,
				       db_errmsg(db), ch->ops->table);
			goto fail;
		}
	}
	note = db_prepare(db, "INSERT INTO journal (edit, who, what, tbl, row_id, op) VALUES "
			      "(convene_edit(), convene_actor(), convene_what(), ?1, ?2, 'note')");
	db_bind_text(note, 1, verb);
	db_bind_int(note, 2, edit);
	if (db_run(note)) {
		st = error_set(err, ST_IO, "writing the journal: %s", db_errmsg(db));
		goto fail;
	}
	if (db_commit(db, err)) {
		char *why = xstrdup(err && err->msg ? err->msg : "commit failed");

		st = error_set(err, ST_INPUT, "cannot %s '%s': the file has changed since "
			       "(%s)", verb, what, why);
		free(why);
		goto out;
	}
	goto out;
fail:
	db_rollback(db);
out:
	changes_free(c, n);
	free(what);
	free(label);
	return st;
}

/* Undo or redo the top of a stack. */
static enum status step(struct db *db, int undo, int64_t *edit, struct error *err)
{
	struct stack done, undone;
	const struct stack *from;
	int64_t e = 0;

	if (db_in_edit(db))
		return error_set(err, ST_INPUT, "an edit is open: finish it first");
	if (stacks(db, &done, &undone, err))
		return ST_IO;
	from = undo ? &done : &undone;
	if (from->n)
		e = from->v[from->n - 1];
	free(done.v);
	free(undone.v);
	if (!e)
		return error_set(err, ST_INPUT, "nothing to %s", undo ? "undo" : "redo");
	if (edit)
		*edit = e;
	return replay(db, e, undo, err);
}

enum status journal_undo(struct db *db, int64_t *edit, struct error *err)
{
	return step(db, 1, edit, err);
}

enum status journal_redo(struct db *db, int64_t *edit, struct error *err)
{
	return step(db, 0, edit, err);
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
