/* Validated edits of the conference's entities, and the snapshot loader.
 * Each edit function opens its own transaction unless the caller already
 * holds one (an import, a solve), so one user action is one transaction. */
#include "convene/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	const char *synonyms[6];
} kinds[KIND_COUNT] = {
	[KIND_KEYNOTE] = { "keynote", { "keynote address", "keynote speech" } },
	[KIND_TALK] = { "talk", { "presentation", "session", "seminar", "breakout", "lecture" } },
	[KIND_PANEL] = { "panel", { "panel discussion", "debate", "q&a" } },
	[KIND_WORKSHOP] = { "workshop",
			    { "steering group", "masterclass", "clinic", "working group" } },
	[KIND_CAROUSEL] = { "carousel", { "carousel session", "marketplace", "round robin" } },
	[KIND_WORLD_CAFE] = { "world_cafe",
			      { "world cafe", "world café", "worldcafe", "cafe", "café" } },
	[KIND_BREAK] = { "break", { "coffee", "coffee break", "refreshments", "tea break" } },
	[KIND_MEAL] = { "meal", { "lunch", "dinner", "breakfast", "buffet" } },
	[KIND_NETWORKING] = { "networking", { "registration", "reception", "drinks" } },
	[KIND_PLENARY] = { "plenary", { "welcome", "opening", "closing", "close", "address" } },
};

const char *kind_name(enum session_kind kind)
{
	return kind < KIND_COUNT ? kinds[kind].name : "talk";
}

int kind_parse(const char *text)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		if (str_ieq(text, kinds[k].name))
			return k;
		for (int i = 0; i < 6 && kinds[k].synonyms[i]; i++)
			if (str_ieq(text, kinds[k].synonyms[i]))
				return k;
	}
	return -1;
}

int kind_is_breakout(enum session_kind kind)
{
	return kind == KIND_TALK || kind == KIND_PANEL || kind == KIND_WORKSHOP;
}

int kind_is_common(enum session_kind kind)
{
	return kind == KIND_BREAK || kind == KIND_MEAL || kind == KIND_NETWORKING;
}

int tags_have(const char *tags, const char *word)
{
	size_t n = strlen(word);

	while (tags && *tags) {
		const char *end = strchr(tags, ';');
		size_t len = end ? (size_t)(end - tags) : strlen(tags);
		const char *t = tags;

		while (len && (*t == ' ')) {
			t++;
			len--;
		}
		while (len && t[len - 1] == ' ')
			len--;
		if (len == n && strncasecmp(t, word, n) == 0)
			return 1;
		tags = end ? end + 1 : NULL;
	}
	return 0;
}

char *delegate_name(const struct delegate *d)
{
	if (!*d->first_name)
		return xstrdup(d->last_name);
	if (!*d->last_name)
		return xstrdup(d->first_name);
	return xasprintf("%s %s", d->first_name, d->last_name);
}

char *speaker_full_name(const struct speaker *s)
{
	return xasprintf("%s%s%s%s%s", s->title, *s->title ? " " : "", s->name,
			 *s->honours ? " " : "", s->honours);
}

/* Open an edit unless one is open; returns 1 when this call owns it. */
static int edit_open(struct db *db, const char *what, struct error *err, enum status *st)
{
	if (db_in_edit(db)) {
		*st = ST_OK;
		return 0;
	}
	*st = db_begin(db, what, err);
	return *st == ST_OK;
}

/* Close an edit this call owns: commit on success, roll back otherwise. */
static enum status edit_close(struct db *db, int owner, enum status st, struct error *err)
{
	if (!owner)
		return st;
	if (st) {
		db_rollback(db);
		return st;
	}
	return db_commit(db, err);
}

/* Run a write statement; on failure explain it with what. */
static enum status run(struct db *db, struct db_stmt *st, const char *what, struct error *err)
{
	if (db_run(st) == 0)
		return ST_OK;
	return error_set(err, db_err_is_constraint(db) ? ST_INPUT : ST_IO, "%s: %s", what,
			 db_errmsg(db));
}

static int64_t lookup(struct db *db, const char *sql, const char *key)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t id = 0;

	db_bind_text(st, 1, key);
	if (db_step(st) == 1)
		id = db_col_int(st, 0);
	db_reset(st);
	return id;
}

enum status event_set(struct db *db, const struct event_info *ev, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (ev->slot_minutes < 5 || ev->slot_minutes > 120)
		return error_set(err, ST_INPUT, "slot_minutes: %d is not from 5 to 120",
				 ev->slot_minutes);
	own = edit_open(db, "set the event", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "UPDATE event SET name = ?1, venue = ?2, timezone = ?3, "
			    "slot_minutes = ?4 WHERE id = 1");
	db_bind_text(st, 1, ev->name ? ev->name : "");
	db_bind_text(st, 2, ev->venue ? ev->venue : "");
	db_bind_text(st, 3, ev->timezone ? ev->timezone : "Europe/London");
	db_bind_int(st, 4, ev->slot_minutes);
	s = run(db, st, "event", err);
	return edit_close(db, own, s, err);
}

enum status day_set(struct db *db, int number, const char *date, int start, int end,
		    struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (start < 0 || start >= 24 * 60 || end <= start || end > DAY_MINUTES_MAX)
		return error_set(err, ST_INPUT, "day %d: it must start before it ends", number);
	own = edit_open(db, "set a day", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO day (number, date, start_min, end_min) "
			    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (number) DO UPDATE SET "
			    "date = excluded.date, start_min = excluded.start_min, "
			    "end_min = excluded.end_min");
	db_bind_int(st, 1, number);
	db_bind_text(st, 2, date);
	db_bind_int(st, 3, start);
	db_bind_int(st, 4, end);
	s = run(db, st, "day", err);
	if (s == ST_INPUT)
		error_set(err, ST_INPUT,
			  "day %d: '%s' is not a date (YYYY-MM-DD) or is "
			  "another day's date",
			  number, date);
	return edit_close(db, own, s, err);
}

int64_t day_id(struct db *db, int number)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM day WHERE number = ?1");
	int64_t id = 0;

	db_bind_int(st, 1, number);
	if (db_step(st) == 1)
		id = db_col_int(st, 0);
	db_reset(st);
	return id;
}

enum status room_put(struct db *db, const struct room *r, int64_t *id, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (!r->name || !*r->name)
		return error_set(err, ST_INPUT, "a room needs a name");
	if (r->capacity < 0 || r->cafe_tables < 0)
		return error_set(err, ST_INPUT,
				 "room '%s': capacity and cafe tables cannot "
				 "be negative",
				 r->name);
	own = edit_open(db, "set a room", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO room (name, capacity, step_free, features, "
			    "cafe_tables, tags) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, '')) "
			    "ON CONFLICT (name) DO UPDATE SET capacity = excluded.capacity, "
			    "step_free = excluded.step_free, features = excluded.features, "
			    "cafe_tables = excluded.cafe_tables, tags = coalesce(?6, tags)");
	db_bind_text(st, 1, r->name);
	db_bind_int(st, 2, r->capacity);
	db_bind_int(st, 3, r->step_free ? 1 : 0);
	db_bind_text(st, 4, r->features ? r->features : "");
	db_bind_int(st, 5, r->cafe_tables);
	db_bind_text(st, 6, r->tags);
	s = run(db, st, r->name, err);
	if (!s && id)
		*id = room_id(db, r->name);
	return edit_close(db, own, s, err);
}

/* Set the key column of row id to value, refusing one that is taken
 * ("TAKEN value"). */
static enum status rekey(struct db *db, const char *sql, const char *taken, int64_t id,
			 const char *value, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own = edit_open(db, "correct a name", err, &s);

	if (s)
		return s;
	st = db_prepare(db, sql);
	db_bind_text(st, 1, value);
	db_bind_int(st, 2, id);
	if (db_run(st))
		s = db_err_is_constraint(db) ? error_set(err, ST_INPUT, "%s %s", taken, value)
					     : error_set(err, ST_IO, "%s", db_errmsg(db));
	return edit_close(db, own, s, err);
}

enum status room_rename(struct db *db, int64_t id, const char *name, struct error *err)
{
	return rekey(db, "UPDATE room SET name = ?1 WHERE id = ?2 AND name <> ?1",
		     "there is already a room called", id, name, err);
}

enum status session_recode(struct db *db, int64_t id, const char *code, struct error *err)
{
	return rekey(db, "UPDATE session SET code = ?1 WHERE id = ?2 AND code <> ?1",
		     "there is already a session with the code", id, code, err);
}

enum status speaker_set_email(struct db *db, int64_t id, const char *email, struct error *err)
{
	return rekey(db,
		     "UPDATE speaker SET email = nullif(?1, '') WHERE id = ?2 AND "
		     "coalesce(email, '') <> ?1",
		     "another speaker has the email", id, email, err);
}

enum status delegate_set_email(struct db *db, int64_t id, const char *email, struct error *err)
{
	return rekey(db,
		     "UPDATE delegate SET email = nullif(?1, '') WHERE id = ?2 AND "
		     "coalesce(email, '') <> ?1",
		     "another delegate has the email", id, email, err);
}

int64_t room_id(struct db *db, const char *name)
{
	return lookup(db, "SELECT id FROM room WHERE name = ?1", name);
}

static enum status unavailable_add(struct db *db, const char *sql, int64_t who, int64_t day,
				   int start, int end, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (start < 0 || end <= start || end > DAY_MINUTES_MAX)
		return error_set(err, ST_INPUT, "an unavailable period must start before it ends");
	own = edit_open(db, "mark unavailable", err, &s);
	if (s)
		return s;
	st = db_prepare(db, sql);
	db_bind_int(st, 1, who);
	db_bind_int(st, 2, day);
	db_bind_int(st, 3, start);
	db_bind_int(st, 4, end);
	s = run(db, st, "unavailable period", err);
	return edit_close(db, own, s, err);
}

enum status room_unavailable_add(struct db *db, int64_t room, int64_t day, int start, int end,
				 struct error *err)
{
	return unavailable_add(db,
			       "INSERT INTO room_unavailable (room_id, day_id, start_min, "
			       "end_min) VALUES (?1, ?2, ?3, ?4)",
			       room, day, start, end, err);
}

enum status room_delete(struct db *db, int64_t id, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own = edit_open(db, "delete a room", err, &s);

	if (s)
		return s;
	st = db_prepare(db, "DELETE FROM room WHERE id = ?1");
	db_bind_int(st, 1, id);
	s = run(db, st, "room", err);
	if (s == ST_INPUT)
		error_set(err, ST_INPUT, "the room still holds sessions: move them first");
	return edit_close(db, own, s, err);
}

enum status speaker_put(struct db *db, const struct speaker *sp, int64_t *id, struct error *err)
{
	const char *email = sp->email && *sp->email ? sp->email : NULL;
	int64_t existing = speaker_find(db, email ? email : sp->name);
	struct db_stmt *st;
	enum status s;
	int own;

	if (!sp->name || !*sp->name)
		return error_set(err, ST_INPUT, "a speaker needs a name");
	own = edit_open(db, "set a speaker", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO speaker (id, name, title, honours, organisation, "
			    "email, time_tags, room_tags, pause) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			    "coalesce(?7, ''), coalesce(?8, ''), max(coalesce(?9, 0), 0)) ON "
			    "CONFLICT (id) DO UPDATE SET name = excluded.name, title = "
			    "excluded.title, honours = excluded.honours, organisation = "
			    "excluded.organisation, email = excluded.email, time_tags = "
			    "coalesce(?7, time_tags), room_tags = coalesce(?8, room_tags), pause = "
			    "coalesce(?9, pause)");
	if (existing)
		db_bind_int(st, 1, existing);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, sp->name);
	db_bind_text(st, 3, sp->title ? sp->title : "");
	db_bind_text(st, 4, sp->honours ? sp->honours : "");
	db_bind_text(st, 5, sp->organisation ? sp->organisation : "");
	db_bind_text(st, 6, email);
	db_bind_text(st, 7, sp->time_tags);
	db_bind_text(st, 8, sp->room_tags);
	if (sp->pause >= 0)
		db_bind_int(st, 9, sp->pause);
	else
		db_bind_null(st, 9);
	s = run(db, st, sp->name, err);
	if (!s && id)
		*id = existing ? existing : db_last_id(db);
	return edit_close(db, own, s, err);
}

int64_t speaker_find(struct db *db, const char *key)
{
	int64_t id = lookup(db, "SELECT id FROM speaker WHERE email = ?1", key);

	if (!id)
		id = lookup(db,
			    "SELECT id FROM speaker WHERE name = ?1 COLLATE NOCASE "
			    "ORDER BY id LIMIT 1",
			    key);
	return id;
}

enum status speaker_unavailable_add(struct db *db, int64_t speaker, int64_t day, int start, int end,
				    struct error *err)
{
	return unavailable_add(db,
			       "INSERT INTO speaker_unavailable (speaker_id, day_id, "
			       "start_min, end_min) VALUES (?1, ?2, ?3, ?4)",
			       speaker, day, start, end, err);
}

enum status speaker_unavailable_clear(struct db *db, int64_t speaker, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own = edit_open(db, "clear unavailable periods", err, &s);

	if (s)
		return s;
	st = db_prepare(db, "DELETE FROM speaker_unavailable WHERE speaker_id = ?1");
	db_bind_int(st, 1, speaker);
	s = run(db, st, "speaker", err);
	return edit_close(db, own, s, err);
}

enum status session_put(struct db *db, const struct session *se, int64_t *id, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (!se->code || !*se->code || !se->title || !*se->title)
		return error_set(err, ST_INPUT, "a session needs a code and a title");
	if (se->duration < 5 || se->duration > 720)
		return error_set(err, ST_INPUT,
				 "session %s: duration %d is not from 5 to 720 "
				 "minutes",
				 se->code, se->duration);
	own = edit_open(db, "set a session", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO session (code, title, kind, duration, capacity, "
			    "audience, track, features, pinned, description, time_tags, "
			    "room_tags, abstract, subtitle, language, frab_type, guid) VALUES "
			    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(?10, ''), "
			    "coalesce(?11, ''), coalesce(?12, ''), coalesce(?13, ''), "
			    "coalesce(?14, ''), coalesce(?15, ''), coalesce(?16, ''), "
			    "coalesce(?17, '')) ON CONFLICT (code) DO UPDATE "
			    "SET title = excluded.title, kind = excluded.kind, duration = "
			    "excluded.duration, capacity = excluded.capacity, audience = "
			    "excluded.audience, track = excluded.track, features = "
			    "excluded.features, pinned = excluded.pinned, time_tags = "
			    "coalesce(?11, time_tags), room_tags = coalesce(?12, room_tags), "
			    "description = coalesce(?10, description), abstract = "
			    "coalesce(?13, abstract), subtitle = coalesce(?14, subtitle), "
			    "language = coalesce(?15, language), frab_type = coalesce(?16, "
			    "frab_type), guid = coalesce(?17, guid)");
	db_bind_text(st, 1, se->code);
	db_bind_text(st, 2, se->title);
	db_bind_text(st, 3, kind_name(se->kind));
	db_bind_int(st, 4, se->duration);
	if (se->capacity >= 0)
		db_bind_int(st, 5, se->capacity);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, se->audience ? se->audience : "");
	db_bind_text(st, 7, se->track ? se->track : "");
	db_bind_text(st, 8, se->features ? se->features : "");
	db_bind_int(st, 9, se->pinned ? 1 : 0);
	db_bind_text(st, 10, se->description);
	db_bind_text(st, 11, se->time_tags);
	db_bind_text(st, 12, se->room_tags);
	db_bind_text(st, 13, se->abstract);
	db_bind_text(st, 14, se->subtitle);
	db_bind_text(st, 15, se->language);
	db_bind_text(st, 16, se->frab_type);
	db_bind_text(st, 17, se->guid);
	s = run(db, st, se->code, err);
	if (!s && id)
		*id = session_id(db, se->code);
	return edit_close(db, own, s, err);
}

int64_t session_id(struct db *db, const char *code)
{
	return lookup(db, "SELECT id FROM session WHERE code = ?1", code);
}

static enum status exec_one(struct db *db, const char *sql, int64_t a, int64_t b, const char *what,
			    struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own = edit_open(db, what, err, &s);

	if (s)
		return s;
	st = db_prepare(db, sql);
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	s = run(db, st, what, err);
	return edit_close(db, own, s, err);
}

enum status session_speakers_clear(struct db *db, int64_t session, struct error *err)
{
	return exec_one(db, "DELETE FROM session_speaker WHERE session_id = ?1 AND ?2 = 0", session,
			0, "clear speakers", err);
}

enum status session_speaker_add(struct db *db, int64_t session, int64_t speaker, struct error *err)
{
	return exec_one(db,
			"INSERT OR IGNORE INTO session_speaker (session_id, speaker_id) "
			"VALUES (?1, ?2)",
			session, speaker, "add a speaker", err);
}

enum status session_delete(struct db *db, int64_t id, struct error *err)
{
	return exec_one(db, "DELETE FROM session WHERE id = ?1 AND ?2 = 0", id, 0,
			"delete a session", err);
}

enum status speaker_delete(struct db *db, int64_t id, struct error *err)
{
	return exec_one(db, "DELETE FROM speaker WHERE id = ?1 AND ?2 = 0", id, 0,
			"delete a speaker", err);
}

enum status delegate_delete(struct db *db, int64_t id, struct error *err)
{
	return exec_one(db, "DELETE FROM delegate WHERE id = ?1 AND ?2 = 0", id, 0,
			"delete a delegate", err);
}

enum status room_unavailable_clear(struct db *db, int64_t room, struct error *err)
{
	return exec_one(db, "DELETE FROM room_unavailable WHERE room_id = ?1 AND ?2 = 0", room, 0,
			"clear unavailable periods", err);
}

char *delegate_extra(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT extra FROM delegate WHERE id = ?1");
	char *extra;

	db_bind_int(st, 1, id);
	extra = xstrdup(db_step(st) == 1 ? db_col_text(st, 0) : "{}");
	db_reset(st);
	return extra;
}

enum status placement_set(struct db *db, int64_t session, int64_t day, int start, int64_t room,
			  struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (start < 0 || start > DAY_MINUTES_MAX)
		return error_set(err, ST_INPUT, "a start time must be within the day");
	own = edit_open(db, "place a session", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO placement (session_id, day_id, start_min, room_id) "
			    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (session_id) DO UPDATE SET "
			    "day_id = excluded.day_id, start_min = excluded.start_min, "
			    "room_id = excluded.room_id WHERE day_id IS NOT excluded.day_id "
			    "OR start_min IS NOT excluded.start_min OR room_id IS NOT "
			    "excluded.room_id");
	db_bind_int(st, 1, session);
	db_bind_int(st, 2, day);
	db_bind_int(st, 3, start);
	db_bind_int(st, 4, room);
	s = run(db, st, "placement", err);
	return edit_close(db, own, s, err);
}

enum status placement_clear(struct db *db, int64_t session, struct error *err)
{
	return exec_one(db, "DELETE FROM placement WHERE session_id = ?1 AND ?2 = 0", session, 0,
			"unplace a session", err);
}

enum status organisation_put(struct db *db, const char *name, const char *type, int64_t *id,
			     struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own = edit_open(db, "set an organisation", err, &s);

	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO organisation (name, type) VALUES (?1, ?2) "
			    "ON CONFLICT (name) DO UPDATE SET type = excluded.type "
			    "WHERE excluded.type <> '' AND type IS NOT excluded.type");
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, type ? type : "");
	s = run(db, st, name, err);
	if (!s)
		*id = lookup(db, "SELECT id FROM organisation WHERE name = ?1", name);
	return edit_close(db, own, s, err);
}

int64_t delegate_find(struct db *db, const char *email)
{
	return lookup(db, "SELECT id FROM delegate WHERE email = ?1", email);
}

int64_t delegate_find_ticket(struct db *db, const char *ticket)
{
	return *ticket ? lookup(db, "SELECT id FROM delegate WHERE ticket = ?1 AND ticket <> ''",
				ticket)
		       : 0;
}

/* Bind a delegate's columns as ?2 .. ?12 of st. */
static void bind_delegate(struct db_stmt *st, const struct delegate *d, const char *email,
			  int64_t organisation, const char *extra)
{
	db_bind_text(st, 2, d->first_name);
	db_bind_text(st, 3, d->last_name);
	db_bind_text(st, 4, email);
	if (organisation)
		db_bind_int(st, 5, organisation);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, d->role ? d->role : "");
	db_bind_text(st, 7, d->region ? d->region : "");
	db_bind_text(st, 8, d->access ? d->access : "");
	db_bind_int(st, 9, d->days);
	db_bind_text(st, 10, extra ? extra : "{}");
	db_bind_text(st, 11, d->diet);
	db_bind_text(st, 12, d->ticket);
}

enum status delegate_put(struct db *db, const struct delegate *d, int64_t organisation,
			 const char *extra, int64_t *id, int *created, struct error *err)
{
	const char *email = d->email && *d->email ? d->email : NULL;
	int64_t existing = email && created ? delegate_find(db, email) : 0;
	struct db_stmt *st;
	enum status s = ST_OK;
	int own;

	if (!*d->first_name && !*d->last_name)
		return error_set(err, ST_INPUT, "a delegate needs a name");
	own = edit_open(db, "set a delegate", err, &s);
	if (s)
		return s;
	/* One statement: a new delegate, or the one with this email updated. */
	st = db_prepare(db, "INSERT INTO delegate (id, first_name, last_name, email, "
			    "organisation_id, role, region, access, days, extra, diet, ticket) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?11, ''), "
			    "coalesce(?12, '')) ON CONFLICT (email) DO UPDATE "
			    "SET first_name = excluded.first_name, last_name = "
			    "excluded.last_name, organisation_id = excluded.organisation_id, "
			    "role = excluded.role, region = excluded.region, access = "
			    "excluded.access, days = excluded.days, extra = excluded.extra, "
			    "diet = coalesce(?11, diet), ticket = coalesce(?12, ticket) "
			    "RETURNING id");
	db_bind_null(st, 1);
	bind_delegate(st, d, email, organisation, extra);
	if (db_step(st) != 1)
		s = error_set(err, db_err_is_constraint(db) ? ST_INPUT : ST_IO, "%s: %s",
			      email ? email : d->last_name, db_errmsg(db));
	else if (id)
		*id = db_col_int(st, 0);
	db_reset(st);
	if (created)
		*created = !existing;
	return edit_close(db, own, s, err);
}

enum status preference_set(struct db *db, int64_t delegate, int64_t session, int station, int rank,
			   struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (rank < 1 || rank > 99)
		return error_set(err, ST_INPUT, "rank %d is not from 1 to 99", rank);
	own = edit_open(db, "set a preference", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO preference (delegate_id, session_id, station, rank) "
			    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET rank = "
			    "excluded.rank WHERE rank IS NOT excluded.rank");
	db_bind_int(st, 1, delegate);
	db_bind_int(st, 2, session);
	db_bind_int(st, 3, station);
	db_bind_int(st, 4, rank);
	s = run(db, st, "preference", err);
	return edit_close(db, own, s, err);
}

enum status preferences_clear(struct db *db, int64_t delegate, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM preference WHERE delegate_id = ?1");
	enum status s;
	int own = edit_open(db, "clear a delegate's choices", err, &s);

	if (s)
		return s;
	db_bind_int(st, 1, delegate);
	return edit_close(db, own, run(db, st, "choices", err), err);
}

enum status keep_apart_clear(struct db *db, int64_t delegate, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM keep_apart WHERE a = ?1 OR b = ?1");
	enum status s;
	int own = edit_open(db, "clear a delegate's keep-apart pairs", err, &s);

	if (s)
		return s;
	db_bind_int(st, 1, delegate);
	return edit_close(db, own, run(db, st, "keep apart", err), err);
}

enum status keep_apart_add(struct db *db, int64_t a, int64_t b, struct error *err)
{
	if (a == b)
		return error_set(err, ST_INPUT, "a delegate cannot be kept apart from themself");
	return exec_one(db,
			"INSERT OR IGNORE INTO keep_apart (a, b) VALUES "
			"(min(?1, ?2), max(?1, ?2))",
			a, b, "keep apart", err);
}

enum status must_set(struct db *db, int64_t delegate, int64_t session, struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own = edit_open(db, "mark a must", err, &s);

	if (s)
		return s;
	if (!session) {
		st = db_prepare(db, "DELETE FROM must_have WHERE delegate_id = ?1");
		db_bind_int(st, 1, delegate);
		return edit_close(db, own, run(db, st, "must", err), err);
	}
	st = db_prepare(db, "INSERT INTO must_have (delegate_id, session_id) SELECT ?1, ?2 WHERE "
			    "EXISTS (SELECT 1 FROM preference p JOIN session x ON x.id = "
			    "p.session_id WHERE p.delegate_id = ?1 AND p.session_id = ?2 AND "
			    "p.station = 0 AND x.kind IN ('talk', 'panel', 'workshop')) ON "
			    "CONFLICT (delegate_id) DO UPDATE SET session_id = excluded.session_id");
	db_bind_int(st, 1, delegate);
	db_bind_int(st, 2, session);
	s = run(db, st, "must", err);
	if (!s && db_changes(db) == 0)
		s = error_set(err, ST_INPUT,
			      "a must is one of the delegate's ranked breakouts "
			      "(a talk, panel or workshop)");
	return edit_close(db, own, s, err);
}

enum status session_minimum_set(struct db *db, int64_t session, int people, struct error *err)
{
	if (people < 0)
		return exec_one(db, "DELETE FROM session_minimum WHERE session_id = ?1 AND ?2 = 0",
				session, 0, "minimum", err);
	return exec_one(db,
			"INSERT INTO session_minimum (session_id, people) VALUES (?1, ?2) "
			"ON CONFLICT (session_id) DO UPDATE SET people = excluded.people WHERE "
			"people <> excluded.people",
			session, people, "minimum", err);
}

enum status day_delete(struct db *db, int number, struct error *err)
{
	struct db_stmt *st;
	long placed;
	enum status s;
	int own = edit_open(db, "remove a day", err, &s);

	if (s)
		return s;
	st = db_prepare(db, "SELECT count(*) FROM placement p JOIN day d ON d.id = p.day_id "
			    "WHERE d.number = ?1");
	db_bind_int(st, 1, number);
	placed = db_step(st) == 1 ? (long)db_col_int(st, 0) : 0;
	db_reset(st);
	if (placed)
		s = error_set(err, ST_INPUT,
			      "day %d still has %ld sessions placed on it: move them "
			      "first",
			      number, placed);
	if (!s) {
		st = db_prepare(db, "DELETE FROM day WHERE number = ?1");
		db_bind_int(st, 1, number);
		s = run(db, st, "day", err);
	}
	return edit_close(db, own, s, err);
}

/* Remove the rows above number n of a carousel's stations or a cafe's tables. */
static enum status trim(struct db *db, const char *sql, int64_t session, int n, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql);
	enum status s;
	int own = edit_open(db, "remove tables or stations", err, &s);

	if (s)
		return s;
	db_bind_int(st, 1, session);
	db_bind_int(st, 2, n);
	return edit_close(db, own, run(db, st, "trim", err), err);
}

enum status stations_trim(struct db *db, int64_t carousel, int n, struct error *err)
{
	return trim(db, "DELETE FROM station WHERE session_id = ?1 AND number > ?2", carousel, n,
		    err);
}

enum status cafe_tables_trim(struct db *db, int64_t cafe, int n, struct error *err)
{
	return trim(db, "DELETE FROM cafe_table WHERE session_id = ?1 AND number > ?2", cafe, n,
		    err);
}

enum status carousel_set(struct db *db, int64_t session, int rotations, int rotation_min,
			 struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (rotations < 1 || rotations > 50 || rotation_min < 1 || rotation_min > 480)
		return error_set(err, ST_INPUT,
				 "a carousel needs 1 to 50 rotations of 1 to 480 "
				 "minutes");
	own = edit_open(db, "set a carousel", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO carousel (session_id, rotations, rotation_min) "
			    "VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET rotations = "
			    "excluded.rotations, rotation_min = excluded.rotation_min");
	db_bind_int(st, 1, session);
	db_bind_int(st, 2, rotations);
	db_bind_int(st, 3, rotation_min);
	s = run(db, st, "carousel", err);
	return edit_close(db, own, s, err);
}

static void bind_id_or_null(struct db_stmt *st, int idx, int64_t id)
{
	if (id)
		db_bind_int(st, idx, id);
	else
		db_bind_null(st, idx);
}

enum status station_put(struct db *db, int64_t carousel, const struct station_in *in,
			struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (in->number < 1 || in->capacity < 1 || !in->topic || !*in->topic)
		return error_set(err, ST_INPUT,
				 "a station needs a number, a topic and a "
				 "capacity of at least 1");
	own = edit_open(db, "set a station", err, &s);
	if (s)
		return s;
	st = db_prepare(db,
			"INSERT INTO station (session_id, number, topic, host_speaker_id, "
			"host_delegate_id, place, capacity, everyone, skip) VALUES (?1, ?2, "
			"?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (session_id, number) DO "
			"UPDATE SET topic = excluded.topic, host_speaker_id = "
			"excluded.host_speaker_id, host_delegate_id = excluded.host_delegate_id, "
			"place = excluded.place, capacity = excluded.capacity, everyone = "
			"excluded.everyone, skip = excluded.skip");
	db_bind_int(st, 1, carousel);
	db_bind_int(st, 2, in->number);
	db_bind_text(st, 3, in->topic);
	bind_id_or_null(st, 4, in->host_speaker);
	bind_id_or_null(st, 5, in->host_delegate);
	db_bind_text(st, 6, in->place ? in->place : "");
	db_bind_int(st, 7, in->capacity);
	db_bind_int(st, 8, in->everyone ? 1 : 0);
	db_bind_int(st, 9, in->skip);
	s = run(db, st, "station", err);
	return edit_close(db, own, s, err);
}

enum status cafe_set(struct db *db, int64_t session, int tables, int seats, int rounds,
		     struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (tables < 1 || seats < 2 || rounds < 1 || rounds > 50)
		return error_set(err, ST_INPUT,
				 "a World Cafe needs at least one table of two "
				 "seats and 1 to 50 rounds");
	own = edit_open(db, "set a World Cafe", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO cafe (session_id, tables, seats, rounds) VALUES "
			    "(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET tables = excluded.tables, "
			    "seats = excluded.seats, rounds = excluded.rounds");
	db_bind_int(st, 1, session);
	db_bind_int(st, 2, tables);
	db_bind_int(st, 3, seats);
	db_bind_int(st, 4, rounds);
	s = run(db, st, "World Cafe", err);
	return edit_close(db, own, s, err);
}

enum status cafe_table_put(struct db *db, int64_t cafe, const struct cafe_table_in *t,
			   struct error *err)
{
	struct db_stmt *st;
	enum status s;
	int own;

	if (t->number < 1 || t->seats < 1)
		return error_set(err, ST_INPUT, "a cafe table needs a number and at least one seat");
	own = edit_open(db, "set a cafe table", err, &s);
	if (s)
		return s;
	st = db_prepare(db, "INSERT INTO cafe_table (session_id, number, seats, "
			    "host_delegate_id, question, step_free) VALUES (?1, ?2, ?3, ?4, ?5, "
			    "?6) ON CONFLICT (session_id, number) DO UPDATE SET seats = "
			    "excluded.seats, host_delegate_id = excluded.host_delegate_id, "
			    "question = excluded.question, step_free = excluded.step_free");
	db_bind_int(st, 1, cafe);
	db_bind_int(st, 2, t->number);
	db_bind_int(st, 3, t->seats);
	bind_id_or_null(st, 4, t->host_delegate);
	db_bind_text(st, 5, t->question ? t->question : "");
	db_bind_int(st, 6, t->step_free ? 1 : 0);
	s = run(db, st, "cafe table", err);
	return edit_close(db, own, s, err);
}

/* The snapshot: each table read in id order into arrays. */

static char *col_dup(struct db_stmt *st, int col)
{
	return xstrdup(db_col_text(st, col));
}

int conf_day_index(const struct conf *c, int64_t id)
{
	for (int i = 0; i < c->ndays; i++)
		if (c->days[i].id == id)
			return i;
	return -1;
}

int conf_room_index(const struct conf *c, int64_t id)
{
	for (int i = 0; i < c->nrooms; i++)
		if (c->rooms[i].id == id)
			return i;
	return -1;
}

void session_round_times(const struct session *s, int r, int n, int len, int *start, int *end)
{
	if (len > 0) {
		*start = s->start + (r - 1) * len;
		*end = *start + len;
	} else {
		*start = s->start + s->duration * (r - 1) / (n > 0 ? n : 1);
		*end = s->start + s->duration * r / (n > 0 ? n : 1);
	}
}

int session_round_to_come(const struct conf *c, const struct session *s, int n, int len,
			  int now_day, int now)
{
	int day, start, end;

	if (now_day == 0 || s->day < 0 || s->day >= c->ndays)
		return 1;
	day = c->days[s->day].number;
	if (day != now_day)
		return day > now_day ? 1 : n + 1;
	for (int r = 1; r <= n; r++) {
		session_round_times(s, r, n, len, &start, &end);
		if (start >= now)
			return r;
	}
	return n + 1;
}

int conf_session_index(const struct conf *c, const char *code)
{
	for (int i = 0; i < c->nsessions; i++)
		if (str_ieq(c->sessions[i].code, code))
			return i;
	return -1;
}

int conf_speaker_at(const struct conf *c, int64_t id)
{
	INDEX_BY_ID(c->speakers, c->nspeakers, id);
}

int conf_cancelled_index(const struct conf *c, const char *code)
{
	for (int i = 0; i < c->ncancelled; i++)
		if (str_ieq(c->cancelled[i].code, code))
			return i;
	return -1;
}

int conf_session_at(const struct conf *c, int64_t id)
{
	INDEX_BY_ID(c->sessions, c->nsessions, id);
}

int conf_delegate_at(const struct conf *c, int64_t id)
{
	INDEX_BY_ID(c->delegates, c->ndelegates, id);
}

static int organisation_index(const struct conf *c, int64_t id)
{
	INDEX_BY_ID(c->organisations, c->norganisations, id);
}

static int count_rows(struct db *db, const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int n = db_step(st) == 1 ? (int)db_col_int(st, 0) : 0;

	db_reset(st);
	return n;
}

static void load_event(struct db *db, struct conf *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT name, venue, timezone, slot_minutes, uuid "
					    "FROM event WHERE id = 1");

	if (db_step(st) == 1) {
		c->event.name = col_dup(st, 0);
		c->event.venue = col_dup(st, 1);
		c->event.timezone = col_dup(st, 2);
		c->event.slot_minutes = (int)db_col_int(st, 3);
		c->event.uuid = col_dup(st, 4);
	} else {
		c->event.name = xstrdup("");
		c->event.venue = xstrdup("");
		c->event.timezone = xstrdup("Europe/London");
		c->event.slot_minutes = 15;
		c->event.uuid = xstrdup("");
	}
	db_reset(st);
}

static void load_days(struct db *db, struct conf *c)
{
	struct db_stmt *st;

	c->days = xcalloc((size_t)count_rows(db, "SELECT count(*) FROM day"), sizeof(*c->days));
	st = db_prepare(db, "SELECT id, number, date, start_min, end_min FROM day ORDER BY number");
	while (db_step(st) == 1) {
		struct day *d = &c->days[c->ndays++];

		d->id = db_col_int(st, 0);
		d->number = (int)db_col_int(st, 1);
		d->date = col_dup(st, 2);
		d->start = (int)db_col_int(st, 3);
		d->end = (int)db_col_int(st, 4);
	}
	db_reset(st);
}

static void add_period(struct period **p, int *n, int day, int start, int end)
{
	*p = xreallocarray(*p, (size_t)*n + 1, sizeof(**p));
	(*p)[*n].day = day;
	(*p)[*n].start = start;
	(*p)[*n].end = end;
	(*n)++;
}

static void load_rooms(struct db *db, struct conf *c)
{
	struct db_stmt *st;

	c->rooms = xcalloc((size_t)count_rows(db, "SELECT count(*) FROM room"), sizeof(*c->rooms));
	st = db_prepare(db, "SELECT id, name, capacity, step_free, features, cafe_tables, tags "
			    "FROM room ORDER BY id");
	while (db_step(st) == 1) {
		struct room *r = &c->rooms[c->nrooms++];

		r->id = db_col_int(st, 0);
		r->name = col_dup(st, 1);
		r->capacity = (int)db_col_int(st, 2);
		r->step_free = (int)db_col_int(st, 3);
		r->features = col_dup(st, 4);
		r->cafe_tables = (int)db_col_int(st, 5);
		r->tags = col_dup(st, 6);
	}
	db_reset(st);
	st = db_prepare(db, "SELECT room_id, day_id, start_min, end_min FROM room_unavailable "
			    "ORDER BY day_id, start_min");
	while (db_step(st) == 1) {
		int r = conf_room_index(c, db_col_int(st, 0));
		int d = conf_day_index(c, db_col_int(st, 1));

		if (r >= 0 && d >= 0)
			add_period(&c->rooms[r].unavailable, &c->rooms[r].nunavailable, d,
				   (int)db_col_int(st, 2), (int)db_col_int(st, 3));
	}
	db_reset(st);
}

static void load_speakers(struct db *db, struct conf *c)
{
	struct db_stmt *st;

	c->speakers = xcalloc((size_t)count_rows(db, "SELECT count(*) FROM speaker"),
			      sizeof(*c->speakers));
	st = db_prepare(db, "SELECT id, name, title, honours, organisation, email, time_tags, "
			    "room_tags, pause FROM speaker ORDER BY id");
	while (db_step(st) == 1) {
		struct speaker *s = &c->speakers[c->nspeakers++];

		s->id = db_col_int(st, 0);
		s->name = col_dup(st, 1);
		s->title = col_dup(st, 2);
		s->honours = col_dup(st, 3);
		s->organisation = col_dup(st, 4);
		s->email = col_dup(st, 5);
		s->time_tags = col_dup(st, 6);
		s->room_tags = col_dup(st, 7);
		s->pause = (int)db_col_int(st, 8);
	}
	db_reset(st);
	st = db_prepare(db, "SELECT speaker_id, day_id, start_min, end_min FROM "
			    "speaker_unavailable ORDER BY day_id, start_min");
	while (db_step(st) == 1) {
		int s = conf_speaker_at(c, db_col_int(st, 0));
		int d = conf_day_index(c, db_col_int(st, 1));

		if (s >= 0 && d >= 0)
			add_period(&c->speakers[s].unavailable, &c->speakers[s].nunavailable, d,
				   (int)db_col_int(st, 2), (int)db_col_int(st, 3));
	}
	db_reset(st);
}

static void load_session_links(struct db *db, struct conf *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT session_id, speaker_id FROM "
					    "session_speaker ORDER BY session_id, speaker_id");

	while (db_step(st) == 1) {
		int s = conf_session_at(c, db_col_int(st, 0));
		int sp = conf_speaker_at(c, db_col_int(st, 1));
		struct session *se;

		if (s < 0 || sp < 0)
			continue;
		se = &c->sessions[s];
		se->speakers = xreallocarray(se->speakers, (size_t)se->nspeakers + 1, sizeof(int));
		se->speakers[se->nspeakers++] = sp;
	}
	db_reset(st);
	st = db_prepare(db, "SELECT session_id, day_id, start_min, room_id FROM placement");
	while (db_step(st) == 1) {
		int s = conf_session_at(c, db_col_int(st, 0));

		if (s < 0)
			continue;
		c->sessions[s].day = conf_day_index(c, db_col_int(st, 1));
		c->sessions[s].start = (int)db_col_int(st, 2);
		c->sessions[s].room = conf_room_index(c, db_col_int(st, 3));
	}
	db_reset(st);
	st = db_prepare(db, "SELECT p.session_id, count(DISTINCT p.delegate_id), "
			    "max(d.access LIKE '%step_free%') FROM preference p JOIN delegate d "
			    "ON d.id = p.delegate_id GROUP BY p.session_id");
	while (db_step(st) == 1) {
		int s = conf_session_at(c, db_col_int(st, 0));

		if (s >= 0) {
			c->sessions[s].demand = (int)db_col_int(st, 1);
			c->sessions[s].needs_step_free = (int)db_col_int(st, 2);
		}
	}
	db_reset(st);
}

/* Move the cancelled sessions from c->sessions to c->cancelled, keeping
 * the order of both. */
static void set_cancelled_apart(struct conf *c)
{
	int n = 0;

	c->cancelled = xcalloc((size_t)c->nsessions + 1, sizeof(*c->cancelled));
	for (int i = 0; i < c->nsessions; i++) {
		if (c->sessions[i].cancelled)
			c->cancelled[c->ncancelled++] = c->sessions[i];
		else
			c->sessions[n++] = c->sessions[i];
	}
	c->nsessions = n;
}

static void load_sessions(struct db *db, struct conf *c)
{
	struct db_stmt *st;

	c->sessions = xcalloc((size_t)count_rows(db, "SELECT count(*) FROM session"),
			      sizeof(*c->sessions));
	st = db_prepare(db,
			"SELECT id, code, title, kind, duration, coalesce(capacity, -1), "
			"audience, track, features, pinned, time_tags, room_tags, description, "
			"abstract, subtitle, language, frab_type, guid, "
			"coalesce((SELECT people FROM session_minimum m WHERE m.session_id = "
			"session.id), -1), (SELECT reason FROM cancelled x WHERE x.session_id = "
			"session.id), (SELECT by_organiser FROM cancelled x WHERE x.session_id = "
			"session.id) FROM session ORDER BY id");
	while (db_step(st) == 1) {
		struct session *s = &c->sessions[c->nsessions++];
		int kind = kind_parse(db_col_text(st, 3));

		s->id = db_col_int(st, 0);
		s->code = col_dup(st, 1);
		s->title = col_dup(st, 2);
		s->kind = kind < 0 ? KIND_TALK : (enum session_kind)kind;
		s->duration = (int)db_col_int(st, 4);
		s->capacity = (int)db_col_int(st, 5);
		s->audience = col_dup(st, 6);
		s->track = col_dup(st, 7);
		s->features = col_dup(st, 8);
		s->pinned = (int)db_col_int(st, 9);
		s->time_tags = col_dup(st, 10);
		s->room_tags = col_dup(st, 11);
		s->description = col_dup(st, 12);
		s->abstract = col_dup(st, 13);
		s->subtitle = col_dup(st, 14);
		s->language = col_dup(st, 15);
		s->frab_type = col_dup(st, 16);
		s->guid = col_dup(st, 17);
		s->minimum = (int)db_col_int(st, 18);
		s->cancelled = db_col_is_null(st, 19) ? NULL : col_dup(st, 19);
		s->called_off = (int)db_col_int(st, 20);
		s->day = -1;
		s->room = -1;
	}
	db_reset(st);
	load_session_links(db, c);
	set_cancelled_apart(c);
}

/* Who is due where: allocations, seats, visits and hosting duties. */
static void load_due(struct db *db, struct conf *c)
{
	struct db_stmt *st = db_prepare(
		db,
		"SELECT delegate_id, session_id, sum(how) FROM ("
		"SELECT delegate_id, session_id, 1 AS how FROM attendance "
		"UNION ALL SELECT DISTINCT delegate_id, session_id, 2 FROM cafe_seat "
		"UNION ALL SELECT DISTINCT delegate_id, session_id, 4 FROM carousel_visit "
		"UNION ALL SELECT DISTINCT host_delegate_id, session_id, 8 FROM cafe_table "
		"WHERE host_delegate_id IS NOT NULL "
		"UNION ALL SELECT DISTINCT host_delegate_id, session_id, 16 FROM station "
		"WHERE host_delegate_id IS NOT NULL) "
		"GROUP BY delegate_id, session_id ORDER BY delegate_id, session_id");
	int cap = 0;

	while (db_step(st) == 1) {
		int d = conf_delegate_at(c, db_col_int(st, 0));
		int s = conf_session_at(c, db_col_int(st, 1));

		if (d < 0 || s < 0)
			continue;
		if (c->ndue == cap) {
			cap = cap ? 2 * cap : 256;
			c->due = xreallocarray(c->due, (size_t)cap, sizeof(*c->due));
		}
		c->due[c->ndue++] = (struct due){ d, s, (unsigned)db_col_int(st, 2) };
	}
	db_reset(st);
}

/* The slot grid, and who ranked which session. */
static void load_slots_and_choices(struct db *db, struct conf *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT day_id, start_min, end_min FROM slot "
					    "ORDER BY day_id, start_min");
	int cap = 0;

	while (db_step(st) == 1) {
		int d = conf_day_index(c, db_col_int(st, 0));

		if (d < 0)
			continue;
		c->slots = xreallocarray(c->slots, (size_t)c->nslots + 1, sizeof(*c->slots));
		c->slots[c->nslots++] = (struct slot){ d, (int)db_col_int(st, 1),
						       (int)db_col_int(st, 2) };
	}
	db_reset(st);
	st = db_prepare(db, "SELECT DISTINCT delegate_id, session_id FROM preference "
			    "ORDER BY delegate_id, session_id");
	while (db_step(st) == 1) {
		int d = conf_delegate_at(c, db_col_int(st, 0));
		int s = conf_session_at(c, db_col_int(st, 1));

		if (d < 0 || s < 0)
			continue;
		if (c->nchosen == cap) {
			cap = cap ? 2 * cap : 256;
			c->chosen = xreallocarray(c->chosen, (size_t)cap, sizeof(*c->chosen));
		}
		c->chosen[c->nchosen++] = (struct chosen){ d, s };
	}
	db_reset(st);
}

static void load_people(struct db *db, struct conf *c)
{
	struct db_stmt *st;

	c->organisations = xcalloc((size_t)count_rows(db, "SELECT count(*) FROM organisation"),
				   sizeof(*c->organisations));
	st = db_prepare(db, "SELECT id, name, type FROM organisation ORDER BY id");
	while (db_step(st) == 1) {
		struct organisation *o = &c->organisations[c->norganisations++];

		o->id = db_col_int(st, 0);
		o->name = col_dup(st, 1);
		o->type = col_dup(st, 2);
	}
	db_reset(st);
	c->delegates = xcalloc((size_t)count_rows(db, "SELECT count(*) FROM delegate"),
			       sizeof(*c->delegates));
	st = db_prepare(db, "SELECT id, first_name, last_name, coalesce(email, ''), "
			    "coalesce(organisation_id, 0), role, region, access, days, diet, "
			    "ticket FROM delegate ORDER BY id");
	while (db_step(st) == 1) {
		struct delegate *d = &c->delegates[c->ndelegates++];

		d->id = db_col_int(st, 0);
		d->first_name = col_dup(st, 1);
		d->last_name = col_dup(st, 2);
		d->email = col_dup(st, 3);
		d->organisation = organisation_index(c, db_col_int(st, 4));
		d->role = col_dup(st, 5);
		d->region = col_dup(st, 6);
		d->access = col_dup(st, 7);
		d->days = (unsigned)db_col_int(st, 8);
		d->diet = col_dup(st, 9);
		d->ticket = col_dup(st, 10);
		d->must = -1;
	}
	db_reset(st);
	st = db_prepare(db, "SELECT delegate_id, session_id FROM must_have");
	while (db_step(st) == 1) {
		int d = conf_delegate_at(c, db_col_int(st, 0));

		if (d >= 0)
			c->delegates[d].must = conf_session_at(c, db_col_int(st, 1));
	}
	db_reset(st);
}

enum status conf_load(struct db *db, struct conf *c, struct error *err)
{
	int own = !db_in_edit(db);

	memset(c, 0, sizeof(*c));
	/* One read transaction, so the snapshot is consistent. */
	if (own && db_exec(db, "BEGIN", err))
		return ST_IO;
	load_event(db, c);
	load_days(db, c);
	load_rooms(db, c);
	load_speakers(db, c);
	load_sessions(db, c);
	load_people(db, c);
	load_due(db, c);
	load_slots_and_choices(db, c);
	if (own)
		db_exec(db, "COMMIT", NULL);
	return ST_OK;
}

int conf_attends(const struct conf *c, const struct delegate *d, int k)
{
	return d->days == 0 || (d->days & (1u << (c->days[k].number - 1)));
}

int session_for_everyone(const struct session *s)
{
	return kind_is_common(s->kind) || s->kind == KIND_KEYNOTE || s->kind == KIND_PLENARY;
}

void conf_done(struct conf *c)
{
	free(c->event.name);
	free(c->event.venue);
	free(c->event.timezone);
	free(c->event.uuid);
	for (int i = 0; i < c->ndays; i++)
		free(c->days[i].date);
	for (int i = 0; i < c->nrooms; i++) {
		free(c->rooms[i].name);
		free(c->rooms[i].features);
		free(c->rooms[i].tags);
		free(c->rooms[i].unavailable);
	}
	for (int i = 0; i < c->nspeakers; i++) {
		struct speaker *s = &c->speakers[i];

		free(s->name);
		free(s->title);
		free(s->honours);
		free(s->organisation);
		free(s->email);
		free(s->time_tags);
		free(s->room_tags);
		free(s->unavailable);
	}
	for (int i = 0; i < c->nsessions + c->ncancelled; i++) {
		struct session *s = i < c->nsessions ? &c->sessions[i]
						     : &c->cancelled[i - c->nsessions];

		free(s->code);
		free(s->title);
		free(s->audience);
		free(s->track);
		free(s->features);
		free(s->time_tags);
		free(s->room_tags);
		free(s->description);
		free(s->abstract);
		free(s->subtitle);
		free(s->language);
		free(s->frab_type);
		free(s->guid);
		free(s->speakers);
		free(s->cancelled);
	}
	for (int i = 0; i < c->norganisations; i++) {
		free(c->organisations[i].name);
		free(c->organisations[i].type);
	}
	for (int i = 0; i < c->ndelegates; i++) {
		struct delegate *d = &c->delegates[i];

		free(d->first_name);
		free(d->last_name);
		free(d->email);
		free(d->role);
		free(d->region);
		free(d->access);
		free(d->diet);
		free(d->ticket);
	}
	free(c->days);
	free(c->rooms);
	free(c->speakers);
	free(c->sessions);
	free(c->organisations);
	free(c->delegates);
	free(c->due);
	free(c->slots);
	free(c->chosen);
	free(c->cancelled);
	memset(c, 0, sizeof(*c));
}
