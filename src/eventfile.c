/* Reading event.cfg. Every value is checked and the whole file is applied
 * in one edit, so a mistake on line 40 leaves the document untouched. */
#include "convene/eventfile.h"

#include <errno.h>
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "convene/model.h"

struct reader {
	const char *path;
	struct db *db;
	struct error *err;
};

static enum status bad(struct reader *r, config_setting_t *s, const char *fmt, const char *what)
{
	return error_set(r->err, ST_INPUT, "%s:%d: %s: %s", r->path, config_setting_source_line(s),
			 what, fmt);
}

static const char *get_string(config_setting_t *g, const char *name, const char *def)
{
	const char *v;

	return config_setting_lookup_string(g, name, &v) ? v : def;
}

/* A time member such as start = "09:00"; -1 when missing or wrong. */
static int get_time(struct reader *r, config_setting_t *g, const char *name, enum status *st)
{
	const char *v;
	int t;

	if (*st)
		return -1;
	if (!config_setting_lookup_string(g, name, &v)) {
		*st = bad(r, g, "a time such as \"09:00\" is needed", name);
		return -1;
	}
	t = time_parse(v);
	if (t < 0)
		*st = bad(r, g, "is not a time such as \"09:00\"", name);
	return t;
}

static int get_int(struct reader *r, config_setting_t *g, const char *name, int def, int min,
		   int max, enum status *st)
{
	int v;
	config_setting_t *s = config_setting_get_member(g, name);

	if (*st || !s)
		return def;
	if (config_setting_type(s) != CONFIG_TYPE_INT) {
		*st = bad(r, s, "a whole number is wanted", name);
		return def;
	}
	v = config_setting_get_int(s);
	if (v < min || v > max)
		*st = error_set(r->err, ST_INPUT, "%s:%d: %s: %d is not from %d to %d", r->path,
				config_setting_source_line(s), name, v, min, max);
	return v;
}

static enum status read_event(struct reader *r, config_t *lc)
{
	config_setting_t *ev = config_lookup(lc, "event");
	struct event_info info = { 0 };
	enum status st = ST_OK;

	if (!ev || !config_setting_is_group(ev))
		return error_set(r->err, ST_INPUT,
				 "%s: an 'event' group with the event's name "
				 "is needed",
				 r->path);
	info.name = (char *)get_string(ev, "name", "");
	info.venue = (char *)get_string(ev, "venue", "");
	info.timezone = (char *)get_string(ev, "timezone", "Europe/London");
	info.slot_minutes = get_int(r, ev, "slot_minutes", 15, 5, 120, &st);
	if (!*info.name)
		return bad(r, ev, "the event needs a name", "event.name");
	return st ? st : event_set(r->db, &info, r->err);
}

static enum status read_days(struct reader *r, config_t *lc)
{
	config_setting_t *days = config_lookup(lc, "days");
	enum status st = ST_OK;

	if (!days || !config_setting_is_aggregate(days) || config_setting_length(days) == 0)
		return error_set(r->err, ST_INPUT,
				 "%s: a 'days' list with at least one day is "
				 "needed",
				 r->path);
	for (int i = 0; i < config_setting_length(days) && !st; i++) {
		config_setting_t *d = config_setting_get_elem(days, (unsigned)i);
		const char *date = get_string(d, "date", "");
		int start = get_time(r, d, "start", &st);
		int end = get_time(r, d, "end", &st);

		if (st)
			break;
		if (end <= start)
			return bad(r, d, "the day must start before it ends", "days");
		st = day_set(r->db, i + 1, date, start, end, r->err);
		if (st)
			return bad(r, d, r->err && r->err->msg ? r->err->msg : "not a valid day",
				   "days");
	}
	return st;
}

/* A day number member, checked against the days defined. */
static int64_t get_day(struct reader *r, config_setting_t *g, enum status *st)
{
	int n = get_int(r, g, "day", 0, 1, 14, st);
	int64_t id;

	if (*st)
		return 0;
	id = day_id(r->db, n);
	if (!id)
		*st = error_set(r->err, ST_INPUT, "%s:%d: day: there is no day %d", r->path,
				config_setting_source_line(g), n);
	return id;
}

static char *words_of(config_setting_t *room, const char *member)
{
	config_setting_t *f = config_setting_get_member(room, member);
	struct str s;

	str_init(&s);
	for (int i = 0; f && i < config_setting_length(f); i++) {
		const char *w = config_setting_get_string_elem(f, i);

		if (w)
			str_catf(&s, "%s%s", s.len ? ";" : "", w);
	}
	return str_steal(&s);
}

static enum status read_room(struct reader *r, config_setting_t *g)
{
	struct room room = { 0 };
	config_setting_t *un = config_setting_get_member(g, "unavailable");
	enum status st = ST_OK;
	int step_free = 1;
	int64_t id;

	room.name = (char *)get_string(g, "name", "");
	if (!*room.name)
		return bad(r, g, "a room needs a name", "rooms");
	room.capacity = get_int(r, g, "capacity", -1, 0, 100000, &st);
	room.cafe_tables = get_int(r, g, "cafe_tables", 0, 0, 1000, &st);
	if (!st && room.capacity < 0)
		return bad(r, g, "a capacity is needed", room.name);
	config_setting_lookup_bool(g, "step_free", &step_free);
	room.step_free = step_free;
	room.features = words_of(g, "features");
	room.tags = words_of(g, "tags");
	if (!st)
		st = room_put(r->db, &room, &id, r->err);
	free(room.features);
	free(room.tags);
	for (int i = 0; !st && un && i < config_setting_length(un); i++) {
		config_setting_t *p = config_setting_get_elem(un, (unsigned)i);
		int64_t day = get_day(r, p, &st);
		int from = get_time(r, p, "from", &st), to = get_time(r, p, "to", &st);

		if (!st && to <= from)
			return bad(r, p, "'from' must come before 'to'", room.name);
		if (!st)
			st = room_unavailable_add(r->db, id, day, from, to, r->err);
	}
	return st;
}

static enum status read_rooms(struct reader *r, config_t *lc)
{
	config_setting_t *rooms = config_lookup(lc, "rooms");
	enum status st = ST_OK;

	for (int i = 0; rooms && i < config_setting_length(rooms) && !st; i++)
		st = read_room(r, config_setting_get_elem(rooms, (unsigned)i));
	return st;
}

static enum status read_slots(struct reader *r, config_t *lc)
{
	config_setting_t *slots = config_lookup(lc, "slots");
	enum status st = ST_OK;

	for (int i = 0; slots && i < config_setting_length(slots) && !st; i++) {
		config_setting_t *g = config_setting_get_elem(slots, (unsigned)i);
		int64_t day = get_day(r, g, &st);
		int start = get_time(r, g, "start", &st), end = get_time(r, g, "end", &st);
		struct db_stmt *ins;

		if (st)
			break;
		if (end <= start)
			return bad(r, g, "a slot must start before it ends", "slots");
		ins = db_prepare(r->db, "INSERT OR REPLACE INTO slot (day_id, start_min, end_min) "
					"VALUES (?1, ?2, ?3)");
		db_bind_int(ins, 1, day);
		db_bind_int(ins, 2, start);
		db_bind_int(ins, 3, end);
		if (db_run(ins) != 0)
			st = bad(r, g, db_errmsg(r->db), "slots");
	}
	return st;
}

/* Breaks and meals: pinned sessions for everyone. */
static enum status read_breaks(struct reader *r, config_t *lc)
{
	config_setting_t *list = config_lookup(lc, "breaks");
	enum status st = ST_OK;

	for (int i = 0; list && i < config_setting_length(list) && !st; i++) {
		config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
		struct session s = { 0 };
		int64_t day = get_day(r, g, &st), sid, room;
		int start = get_time(r, g, "start", &st), end = get_time(r, g, "end", &st);
		int kind = kind_parse(get_string(g, "kind", "break"));
		char *code;

		if (st)
			break;
		if (kind < 0 || end <= start)
			return bad(r, g,
				   "needs a kind of break, meal or networking and a start "
				   "before its end",
				   "breaks");
		room = room_id(r->db, get_string(g, "room", ""));
		if (!room)
			return bad(r, g, "names no room of this event", "room");
		code = xstrdup(get_string(g, "code", ""));
		if (!*code) {
			free(code);
			code = xasprintf("BRK-%d", i + 1);
		}
		s.code = code;
		s.title = (char *)get_string(g, "title", kind_name((enum session_kind)kind));
		s.kind = (enum session_kind)kind;
		s.duration = end - start;
		s.capacity = -1;
		s.audience = (char *)"all";
		s.pinned = 1;
		st = session_put(r->db, &s, &sid, r->err);
		if (!st)
			st = placement_set(r->db, sid, day, start, room, r->err);
		free(code);
	}
	return st;
}

enum status eventfile_apply(struct db *db, const char *path, struct error *err)
{
	struct reader r = { path, db, err };
	config_t lc;
	enum status st;

	config_init(&lc);
	if (!config_read_file(&lc, path)) {
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			st = error_set(err, ST_INPUT, "%s: cannot read: %s", path, strerror(errno));
		else
			st = error_set(err, ST_INPUT, "%s:%d: %s", path, config_error_line(&lc),
				       config_error_text(&lc));
		config_destroy(&lc);
		return st;
	}
	st = db_begin(db, "read the event file", err);
	if (!st)
		st = read_event(&r, &lc);
	if (!st)
		st = read_days(&r, &lc);
	if (!st)
		st = read_rooms(&r, &lc);
	if (!st)
		st = read_slots(&r, &lc);
	if (!st)
		st = read_breaks(&r, &lc);
	if (st)
		db_rollback(db);
	else
		st = db_commit(db, err);
	config_destroy(&lc);
	return st;
}
