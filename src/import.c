/* CSV import. Each kind has a table of fields, each with the header names a
 * registration system or spreadsheet might use for it. A row handler turns
 * one row into model edits; the whole file is one edit, rolled back at the
 * first error, so the document is exactly as before a failed import. */
#include "convene/import.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "convene/csvin.h"
#include "convene/model.h"
#include "convene/rules.h"

#define MAX_FIELDS 24
#define MAX_NAMES 10

struct field {
	const char *key;
	int required;
	const char *names[MAX_NAMES];
};

/* Strings (case-folded ASCII) to numbers, by open addressing. */
struct strmap {
	char **keys;
	int64_t *values;
	size_t cap;
	size_t n;
};

static uint64_t fold_hash(const char *k)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *k; k++)
		h = (h ^ (unsigned char)(*k >= 'A' && *k <= 'Z' ? *k + 32 : *k)) * 1099511628211ULL;
	return h;
}

static size_t strmap_slot(const struct strmap *m, const char *k)
{
	size_t i = (size_t)fold_hash(k) & (m->cap - 1);

	while (m->keys[i] && !str_ieq(m->keys[i], k))
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* The value of k, or 0 when absent (values are never 0). */
static int64_t strmap_get(const struct strmap *m, const char *k)
{
	return m->cap ? m->values[strmap_slot(m, k)] : 0;
}

static void strmap_put(struct strmap *m, const char *k, int64_t v)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct strmap big = { xcalloc(m->cap ? 2 * m->cap : 256, sizeof(char *)),
				      xcalloc(m->cap ? 2 * m->cap : 256, sizeof(int64_t)),
				      m->cap ? 2 * m->cap : 256, 0 };

		for (size_t j = 0; j < m->cap; j++)
			if (m->keys[j]) {
				size_t at = strmap_slot(&big, m->keys[j]);

				big.keys[at] = m->keys[j];
				big.values[at] = m->values[j];
				big.n++;
			}
		free(m->keys);
		free(m->values);
		*m = big;
	}
	i = strmap_slot(m, k);
	if (!m->keys[i]) {
		m->keys[i] = xstrdup(k);
		m->n++;
	}
	m->values[i] = v;
}

static void strmap_done(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}

struct ctx {
	struct strmap organisations; /* name -> id, for this import */
	int64_t last_delegate;       /* the highest delegate id before the import */
	struct db *db;
	struct csv_table *t;
	const struct csv_row *row;
	const struct field *fields;
	int col[MAX_FIELDS];
	char *used; /* per column of the file: read by some field */
	struct import_result *res;
	struct error *err;
};

static const struct field room_fields[] = {
	{ "name", 1, { "Name", "Room", "Room Name", "Space" } },
	{ "capacity", 1, { "Capacity", "Seats", "Size", "Max" } },
	{ "step_free", 0, { "Step-free", "Step free", "Accessible", "Wheelchair Access" } },
	{ "features", 0, { "Features", "Equipment", "Facilities", "AV" } },
	{ "cafe_tables", 0, { "Cafe tables", "Café tables", "Tables" } },
	{ "unavailable", 0, { "Unavailable", "Closed", "Not available" } },
	{ "tags", 0, { "Tags", "Room Tags", "Kind of Room", "Room Type" } },
	{ NULL, 0, { NULL } },
};

static const struct field speaker_fields[] = {
	{ "name", 1, { "Name", "Speaker", "Full Name", "Speaker Name" } },
	{ "title", 0, { "Title", "Salutation", "Prefix" } },
	{ "honours", 0, { "Honours", "Honors", "Post-nominals", "Postnominals", "Letters" } },
	{ "organisation", 0, { "Organisation", "Organization", "Company", "Affiliation" } },
	{ "email", 0, { "Email", "E-mail", "Email Address" } },
	{ "unavailable", 0, { "Unavailable", "Not available", "Unavailability" } },
	{ "time_tags", 0, { "Time Tags", "Prefer Time", "Times" } },
	{ "room_tags", 0, { "Room Tags", "Prefer Room", "Rooms" } },
	{ "pause", 0, { "Pause", "Pause Minutes", "Minutes Between" } },
	{ NULL, 0, { NULL } },
};

enum {
	SE_CODE, SE_TITLE, SE_KIND, SE_DURATION, SE_CAPACITY, SE_AUDIENCE, SE_TRACK,
	SE_FEATURES, SE_SPEAKERS, SE_DAY, SE_START, SE_ROOM, SE_PINNED, SE_ROTATIONS,
	SE_ROTATION_LENGTH, SE_TABLES, SE_SEATS, SE_ROUNDS, SE_TIME_TAGS, SE_ROOM_TAGS
};

static const struct field session_fields[] = {
	[SE_CODE] = { "code", 1, { "Code", "ID", "Key", "Session Code", "Ref" } },
	[SE_TITLE] = { "title", 1, { "Title", "Session", "Name", "Session Title" } },
	[SE_KIND] = { "kind", 1, { "Kind", "Type", "Format", "Session Type" } },
	[SE_DURATION] = { "duration", 1, { "Duration", "Length", "Minutes", "Duration (min)" } },
	[SE_CAPACITY] = { "capacity", 0, { "Capacity", "Cap", "Places", "Max" } },
	[SE_AUDIENCE] = { "audience", 0, { "Audience", "For", "Audiences" } },
	[SE_TRACK] = { "track", 0, { "Track", "Theme", "Strand" } },
	[SE_FEATURES] = { "features", 0, { "Features", "Needs", "Room needs", "Equipment" } },
	[SE_SPEAKERS] = { "speakers", 0, { "Speakers", "Speaker", "Presenters", "Host" } },
	[SE_DAY] = { "day", 0, { "Day" } },
	[SE_START] = { "start", 0, { "Start", "Time", "Start Time", "From" } },
	[SE_ROOM] = { "room", 0, { "Room", "Location", "Venue", "Space" } },
	[SE_PINNED] = { "pinned", 0, { "Pinned", "Fixed", "Locked" } },
	[SE_ROTATIONS] = { "rotations", 0, { "Rotations" } },
	[SE_ROTATION_LENGTH] = { "rotation_length", 0, { "Rotation Length", "Rotation Minutes" } },
	[SE_TABLES] = { "tables", 0, { "Tables" } },
	[SE_SEATS] = { "seats", 0, { "Seats", "Seats per table" } },
	[SE_ROUNDS] = { "rounds", 0, { "Rounds" } },
	[SE_TIME_TAGS] = { "time_tags", 0, { "Time Tags", "Prefer Time", "When" } },
	[SE_ROOM_TAGS] = { "room_tags", 0, { "Room Tags", "Prefer Room" } },
	{ NULL, 0, { NULL } },
};

static const struct field station_fields[] = {
	{ "session", 1, { "Session", "Carousel", "Code" } },
	{ "station", 1, { "Station", "Number", "No" } },
	{ "topic", 1, { "Topic", "Title", "Theme" } },
	{ "host", 0, { "Host", "Expert", "Facilitator", "Lead" } },
	{ "place", 0, { "Place", "Location", "Where" } },
	{ "capacity", 1, { "Capacity", "Seats", "Places" } },
	{ "everyone", 0, { "Everyone", "Mandatory", "Compulsory", "Required" } },
	{ "skip", 0, { "Skip", "Skips", "Not in rotation" } },
	{ NULL, 0, { NULL } },
};

static const struct field table_fields[] = {
	{ "session", 1, { "Session", "Cafe", "World Cafe", "Code" } },
	{ "table", 1, { "Table", "Number", "No" } },
	{ "seats", 0, { "Seats", "Capacity", "Size" } },
	{ "host", 0, { "Host", "Table Host", "Facilitator" } },
	{ "question", 0, { "Question", "Topic", "Prompt" } },
	{ "step_free", 0, { "Step-free", "Step free", "Accessible" } },
	{ NULL, 0, { NULL } },
};

enum {
	DE_FIRST, DE_LAST, DE_NAME, DE_EMAIL, DE_ORG, DE_ORG_TYPE, DE_ROLE, DE_REGION,
	DE_ACCESS, DE_DAYS, DE_KEEP_APART
};

static const struct field delegate_fields[] = {
	[DE_FIRST] = { "first_name", 0, { "First Name", "Firstname", "Given Name", "Forename",
					  "First" } },
	[DE_LAST] = { "last_name", 0, { "Last Name", "Lastname", "Surname", "Family Name",
					"Last" } },
	[DE_NAME] = { "name", 0, { "Name", "Full Name", "Delegate", "Attendee Name" } },
	[DE_EMAIL] = { "email", 1, { "Email", "E-mail", "Email Address", "Attendee Email",
				     "Work Email" } },
	[DE_ORG] = { "organisation", 0, { "Organisation", "Organization", "Company", "School",
					  "Employer", "Trust", "Setting" } },
	[DE_ORG_TYPE] = { "organisation_type", 0, { "Organisation Type", "Organization Type",
						    "Org Type", "Type of Organisation",
						    "Sector", "Setting Type" } },
	[DE_ROLE] = { "role", 0, { "Role", "Job Title", "Position", "Job Role", "Title" } },
	[DE_REGION] = { "region", 0, { "Region", "Area", "County", "Local Authority Area" } },
	[DE_ACCESS] = { "access", 0, { "Access Needs", "Access", "Accessibility",
				       "Access Requirements", "Additional Needs" } },
	[DE_DAYS] = { "days", 0, { "Days", "Ticket Type", "Ticket", "Attending", "Attendance" } },
	[DE_KEEP_APART] = { "keep_apart", 0, { "Keep Apart", "Keep apart from", "Avoid" } },
	{ NULL, 0, { NULL } },
};

static const struct field preference_fields[] = {
	{ "email", 1, { "Email", "E-mail", "Delegate", "Attendee Email" } },
	{ "choice", 0, { "Choice", "Session", "Station", "Code" } },
	{ "rank", 0, { "Rank", "Preference", "Order" } },
	{ NULL, 0, { NULL } },
};

static const struct {
	const char *name;
	const struct field *fields;
} kinds[IMPORT_KIND_COUNT] = {
	[IMPORT_ROOMS] = { "rooms", room_fields },
	[IMPORT_SPEAKERS] = { "speakers", speaker_fields },
	[IMPORT_SESSIONS] = { "sessions", session_fields },
	[IMPORT_STATIONS] = { "stations", station_fields },
	[IMPORT_TABLES] = { "tables", table_fields },
	[IMPORT_DELEGATES] = { "delegates", delegate_fields },
	[IMPORT_PREFERENCES] = { "preferences", preference_fields },
};

int import_kind_parse(const char *name)
{
	for (int k = 0; k < IMPORT_KIND_COUNT; k++)
		if (str_ieq(name, kinds[k].name))
			return k;
	return -1;
}

const char *import_kind_name(enum import_kind kind)
{
	return kinds[kind].name;
}

void import_result_init(struct import_result *r)
{
	memset(r, 0, sizeof(*r));
	str_init(&r->warnings);
}

void import_result_done(struct import_result *r)
{
	str_done(&r->warnings);
}

void import_describe(enum import_kind kind, struct str *out)
{
	for (const struct field *f = kinds[kind].fields; f->key; f++) {
		str_catf(out, "  %-16s %s", f->key, f->required ? "(required) " : "");
		for (int i = 0; i < MAX_NAMES && f->names[i]; i++)
			str_catf(out, "%s\"%s\"", i ? ", " : "", f->names[i]);
		str_cat(out, "\n");
	}
}

/* The value of field f in the current row; "" when the column is absent. */
static const char *get(const struct ctx *c, int f)
{
	return c->col[f] >= 0 ? c->row->fields[c->col[f]] : "";
}

static const char *header(const struct ctx *c, int f)
{
	return c->col[f] >= 0 ? c->t->header[c->col[f]] : c->fields[f].key;
}

/* An error about field f of the current row. */
static enum status fail(struct ctx *c, int f, const char *fmt, ...) PRINTF_LIKE(3, 4);

static enum status fail(struct ctx *c, int f, const char *fmt, ...)
{
	struct str s;
	va_list ap;

	str_init(&s);
	str_catf(&s, "%s: line %d, column '%s': ", c->t->path, c->row->line, header(c, f));
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	error_set(c->err, ST_INPUT, "%s", s.buf);
	str_done(&s);
	return ST_INPUT;
}

/* Place a model error on the current row. */
static enum status fail_row(struct ctx *c, enum status st)
{
	char *msg = xstrdup(c->err && c->err->msg ? c->err->msg : "cannot be stored");

	error_set(c->err, st, "%s: line %d: %s", c->t->path, c->row->line, msg);
	free(msg);
	return st;
}

static enum status get_int(struct ctx *c, int f, long min, long max, long def, long *out)
{
	const char *v = get(c, f);

	if (!*v) {
		if (def == LONG_MIN)
			return fail(c, f, "a number is needed");
		*out = def;
		return ST_OK;
	}
	if (parse_int(v, min, max, out) != 0)
		return fail(c, f, "'%s' is not a whole number from %ld to %ld", v, min, max);
	return ST_OK;
}

static enum status get_bool(struct ctx *c, int f, int def, int *out)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "x", "✓" };
	static const char *const no[] = { "no", "n", "false", "0", "-" };
	const char *v = get(c, f);

	*out = def;
	if (!*v)
		return ST_OK;
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (str_ieq(v, yes[i]))
			return (*out = 1), ST_OK;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (str_ieq(v, no[i]))
			return (*out = 0), ST_OK;
	return fail(c, f, "'%s' is not yes or no", v);
}

/* Split a semicolon list into trimmed, non-empty items (allocated). */
static int split_list(const char *text, char ***items)
{
	char *copy = xstrdup(text), *save = NULL;
	int n = 0;

	*items = NULL;
	for (char *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		str_trim(tok);
		if (!*tok)
			continue;
		*items = xreallocarray(*items, (size_t)n + 1, sizeof(char *));
		(*items)[n++] = xstrdup(tok);
	}
	free(copy);
	return n;
}

static void free_list(char **items, int n)
{
	for (int i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* A tag list normalised to lower_snake_case words joined by ';'. */
static char *tags_normalise(const char *text)
{
	char **items;
	int n = split_list(text, &items);
	struct str s;

	str_init(&s);
	for (int i = 0; i < n; i++) {
		if (s.len)
			str_catc(&s, ';');
		for (char *p = items[i]; *p; p++)
			str_catc(&s, (*p == ' ' || *p == '-') ? '_' : (char)tolower((unsigned char)*p));
	}
	free_list(items, n);
	return str_steal(&s);
}

/* A tag column: NULL when the file has no such column (the stored tags
 * stay), else the normalised tags; time tags must be words the placement
 * knows. */
static enum status tags_field(struct ctx *c, int f, int time, char **out)
{
	char **items;
	int n;

	*out = NULL;
	if (c->col[f] < 0)
		return ST_OK;
	*out = tags_normalise(get(c, f));
	n = split_list(*out, &items);
	for (int i = 0; i < n && time; i++) {
		const char *w = items[i] + (items[i][0] == '!');

		if (!rules_time_tag(w)) {
			enum status st = fail(c, f, "'%s' is not a time tag (opening, closing, "
					      "first, last, morning, afternoon, day1, day2 ...; "
					      "!tag for an undesired one)", items[i]);

			free_list(items, n);
			free(*out);
			*out = NULL;
			return st;
		}
	}
	free_list(items, n);
	return ST_OK;
}

/* Parse "DAY HH:MM-HH:MM" into a day id and minutes. */
static enum status parse_period(struct ctx *c, int f, const char *item, int64_t *day,
				int *from, int *to)
{
	char buf[64];
	int n;
	char *dash, *sp;

	snprintf(buf, sizeof(buf), "%s", item);
	sp = strchr(buf, ' ');
	dash = sp ? strchr(sp, '-') : NULL;
	if (!sp || !dash)
		return fail(c, f, "'%s' is not a period such as '1 09:00-12:00' (day, from, to)",
			    item);
	*sp = '\0';
	*dash = '\0';
	n = atoi(buf);
	*day = n > 0 ? day_id(c->db, n) : 0;
	*from = time_parse(str_trim(sp + 1));
	*to = time_parse(str_trim(dash + 1));
	if (!*day)
		return fail(c, f, "'%s': there is no day %s (define the days with 'convene new "
			    "FILE --event EVENT.cfg')", item, buf);
	if (*from < 0 || *to < 0 || *to <= *from)
		return fail(c, f, "'%s' is not a period such as '1 09:00-12:00'", item);
	return ST_OK;
}

typedef enum status (*add_period_fn)(struct db *, int64_t, int64_t, int, int, struct error *);

static enum status add_periods(struct ctx *c, int f, int64_t who, add_period_fn add)
{
	char **items;
	int n = split_list(get(c, f), &items);
	enum status st = ST_OK;

	for (int i = 0; i < n && !st; i++) {
		int64_t day = 0;
		int from = 0, to = 0;

		st = parse_period(c, f, items[i], &day, &from, &to);
		if (!st)
			st = add(c->db, who, day, from, to, c->err);
	}
	free_list(items, n);
	return st;
}

static void count(struct ctx *c, int created)
{
	if (created)
		c->res->added++;
	else
		c->res->updated++;
}

static enum status row_room(struct ctx *c)
{
	struct room r = { 0 };
	long cap, tables;
	int step_free, created;
	int64_t id;
	enum status st;
	struct db_stmt *del;

	r.name = (char *)get(c, 0);
	if (!*r.name)
		return fail(c, 0, "a room needs a name");
	if ((st = get_int(c, 1, 0, 100000, LONG_MIN, &cap)) ||
	    (st = get_int(c, 4, 0, 1000, 0, &tables)) || (st = get_bool(c, 2, 1, &step_free)))
		return st;
	r.capacity = (int)cap;
	r.cafe_tables = (int)tables;
	r.step_free = step_free;
	if ((st = tags_field(c, 6, 0, &r.tags)))
		return st;
	r.features = tags_normalise(get(c, 3));
	created = room_id(c->db, r.name) == 0;
	st = room_put(c->db, &r, &id, c->err);
	free(r.features);
	free(r.tags);
	if (st)
		return fail_row(c, st);
	count(c, created);
	if (c->col[5] < 0)
		return ST_OK;
	del = db_prepare(c->db, "DELETE FROM room_unavailable WHERE room_id = ?1");
	db_bind_int(del, 1, id);
	db_run(del);
	return add_periods(c, 5, id, room_unavailable_add);
}

static enum status row_speaker(struct ctx *c)
{
	struct speaker s = { 0 };
	int64_t id;
	int created;
	enum status st;

	s.name = (char *)get(c, 0);
	s.title = (char *)get(c, 1);
	s.honours = (char *)get(c, 2);
	s.organisation = (char *)get(c, 3);
	s.email = (char *)get(c, 4);
	long pause;

	if (!*s.name)
		return fail(c, 0, "a speaker needs a name");
	if ((st = get_int(c, 8, 0, 240, c->col[8] < 0 ? -1 : 0, &pause)))
		return st;
	s.pause = (int)pause;
	if ((st = tags_field(c, 6, 1, &s.time_tags)) ||
	    (st = tags_field(c, 7, 0, &s.room_tags))) {
		free(s.time_tags);
		return st;
	}
	created = speaker_find(c->db, *s.email ? s.email : s.name) == 0;
	st = speaker_put(c->db, &s, &id, c->err);
	free(s.time_tags);
	free(s.room_tags);
	if (st)
		return fail_row(c, st);
	count(c, created);
	if (c->col[5] < 0)
		return ST_OK;
	if ((st = speaker_unavailable_clear(c->db, id, c->err)))
		return fail_row(c, st);
	return add_periods(c, 5, id, speaker_unavailable_add);
}

static enum status session_speakers(struct ctx *c, int64_t sid)
{
	char **items;
	int n = split_list(get(c, SE_SPEAKERS), &items);
	enum status st = session_speakers_clear(c->db, sid, c->err);

	for (int i = 0; i < n && !st; i++) {
		int64_t sp = speaker_find(c->db, items[i]);

		if (!sp)
			st = fail(c, SE_SPEAKERS, "no speaker '%s' (import speakers first; give "
				  "their email or name)", items[i]);
		else
			st = session_speaker_add(c->db, sid, sp, c->err);
	}
	free_list(items, n);
	return st;
}

static enum status session_placement(struct ctx *c, int64_t sid)
{
	const char *day = get(c, SE_DAY), *start = get(c, SE_START), *room = get(c, SE_ROOM);
	long d;
	int t;
	int64_t day_row, room_row;

	if (!*day && !*start && !*room)
		return ST_OK;
	if (!*day || !*start || !*room)
		return fail(c, !*day ? SE_DAY : !*start ? SE_START : SE_ROOM,
			    "a placement needs a day, a start and a room together");
	if (parse_int(day, 1, 14, &d) != 0 || !(day_row = day_id(c->db, (int)d)))
		return fail(c, SE_DAY, "'%s' is not a day of this event", day);
	if ((t = time_parse(start)) < 0)
		return fail(c, SE_START, "'%s' is not a time such as 09:30", start);
	if (!(room_row = room_id(c->db, room)))
		return fail(c, SE_ROOM, "no room called '%s'", room);
	return placement_set(c->db, sid, day_row, t, room_row, c->err);
}

static enum status session_format(struct ctx *c, int64_t sid, enum session_kind kind)
{
	long a, b, r;
	enum status st;

	if (kind == KIND_CAROUSEL) {
		if ((st = get_int(c, SE_ROTATIONS, 1, 50, LONG_MIN, &a)) ||
		    (st = get_int(c, SE_ROTATION_LENGTH, 1, 480, LONG_MIN, &b)))
			return st;
		return carousel_set(c->db, sid, (int)a, (int)b, c->err);
	}
	if (kind == KIND_WORLD_CAFE) {
		if ((st = get_int(c, SE_TABLES, 1, 1000, LONG_MIN, &a)) ||
		    (st = get_int(c, SE_SEATS, 2, 100, LONG_MIN, &b)) ||
		    (st = get_int(c, SE_ROUNDS, 1, 50, LONG_MIN, &r)))
			return st;
		return cafe_set(c->db, sid, (int)a, (int)b, (int)r, c->err);
	}
	return ST_OK;
}

static enum status row_session(struct ctx *c)
{
	struct session s = { 0 };
	long duration, cap;
	int kind, pinned, created;
	int64_t sid;
	enum status st;

	s.code = (char *)get(c, SE_CODE);
	s.title = (char *)get(c, SE_TITLE);
	if (!*s.code)
		return fail(c, SE_CODE, "a session needs a code");
	if (!*s.title)
		return fail(c, SE_TITLE, "a session needs a title");
	if ((kind = kind_parse(get(c, SE_KIND))) < 0)
		return fail(c, SE_KIND, "'%s' is not a kind of session (keynote, talk, panel, "
			    "workshop, carousel, world_cafe, break, meal, networking, plenary)",
			    get(c, SE_KIND));
	if ((st = get_int(c, SE_DURATION, 5, 720, LONG_MIN, &duration)) ||
	    (st = get_int(c, SE_CAPACITY, 0, 100000, -1, &cap)) ||
	    (st = get_bool(c, SE_PINNED, 0, &pinned)))
		return st;
	if ((st = tags_field(c, SE_TIME_TAGS, 1, &s.time_tags)))
		return st;
	if ((st = tags_field(c, SE_ROOM_TAGS, 0, &s.room_tags))) {
		free(s.time_tags);
		return st;
	}
	s.kind = (enum session_kind)kind;
	s.duration = (int)duration;
	s.capacity = (int)cap;
	s.audience = tags_normalise(get(c, SE_AUDIENCE));
	s.track = tags_normalise(get(c, SE_TRACK));
	s.features = tags_normalise(get(c, SE_FEATURES));
	s.pinned = pinned;
	created = session_id(c->db, s.code) == 0;
	st = session_put(c->db, &s, &sid, c->err);
	free(s.audience);
	free(s.track);
	free(s.features);
	free(s.time_tags);
	free(s.room_tags);
	if (st)
		return fail_row(c, st);
	count(c, created);
	if (c->col[SE_SPEAKERS] >= 0 && (st = session_speakers(c, sid)))
		return st;
	if ((st = session_placement(c, sid)) || (st = session_format(c, sid, s.kind)))
		return c->err && c->err->msg && strstr(c->err->msg, "line ") ? st : fail_row(c, st);
	return ST_OK;
}

/* A session of the given kind by code; fails on the row otherwise. */
static enum status find_session_of(struct ctx *c, int f, const char *table, int64_t *sid)
{
	struct db_stmt *st;
	int found;

	*sid = session_id(c->db, get(c, f));
	if (!*sid)
		return fail(c, f, "no session with code '%s'", get(c, f));
	st = db_prepare(c->db, strcmp(table, "carousel") == 0
				       ? "SELECT session_id FROM carousel WHERE session_id = ?1"
				       : "SELECT session_id FROM cafe WHERE session_id = ?1");
	db_bind_int(st, 1, *sid);
	found = db_step(st) == 1;
	db_reset(st);
	if (!found)
		return fail(c, f, "session '%s' is not a %s", get(c, f),
			    strcmp(table, "carousel") == 0 ? "carousel" : "World Cafe");
	return ST_OK;
}

static enum status parse_skip(struct ctx *c, int f, unsigned *mask)
{
	char **items;
	int n = split_list(get(c, f), &items);
	enum status st = ST_OK;

	*mask = 0;
	for (int i = 0; i < n && !st; i++) {
		long r;

		if (parse_int(items[i], 1, 31, &r) != 0)
			st = fail(c, f, "'%s' is not a rotation number", items[i]);
		else
			*mask |= 1u << (r - 1);
	}
	free_list(items, n);
	return st;
}

static enum status row_station(struct ctx *c)
{
	struct station_in in = { 0 };
	long number, cap;
	int64_t sid;
	enum status st;
	const char *host = get(c, 3);

	if ((st = find_session_of(c, 0, "carousel", &sid)) ||
	    (st = get_int(c, 1, 1, 1000, LONG_MIN, &number)) ||
	    (st = get_int(c, 5, 1, 100000, LONG_MIN, &cap)) || (st = get_bool(c, 6, 0, &in.everyone)) ||
	    (st = parse_skip(c, 7, &in.skip)))
		return st;
	in.number = (int)number;
	in.capacity = (int)cap;
	in.topic = get(c, 2);
	in.place = get(c, 4);
	if (!*in.topic)
		return fail(c, 2, "a station needs a topic");
	if (*host) {
		in.host_speaker = speaker_find(c->db, host);
		if (!in.host_speaker)
			in.host_delegate = delegate_find(c->db, host);
		if (!in.host_speaker && !in.host_delegate)
			return fail(c, 3, "no speaker or delegate '%s'", host);
	}
	if ((st = station_put(c->db, sid, &in, c->err)))
		return fail_row(c, st);
	c->res->added++;
	return ST_OK;
}

static enum status row_table(struct ctx *c)
{
	struct cafe_table_in in = { 0 };
	long number, seats;
	int64_t sid;
	enum status st;
	const char *host = get(c, 3);
	struct db_stmt *q;

	if ((st = find_session_of(c, 0, "cafe", &sid)) ||
	    (st = get_int(c, 1, 1, 1000, LONG_MIN, &number)) ||
	    (st = get_bool(c, 5, 1, &in.step_free)))
		return st;
	q = db_prepare(c->db, "SELECT seats FROM cafe WHERE session_id = ?1");
	db_bind_int(q, 1, sid);
	seats = db_step(q) == 1 ? db_col_int(q, 0) : 8;
	db_reset(q);
	if ((st = get_int(c, 2, 1, 100, seats, &seats)))
		return st;
	in.number = (int)number;
	in.seats = (int)seats;
	in.question = get(c, 4);
	if (*host && !(in.host_delegate = delegate_find(c->db, host)))
		return fail(c, 3, "no delegate with email '%s' (table hosts are delegates)", host);
	if ((st = cafe_table_put(c->db, sid, &in, c->err)))
		return fail_row(c, st);
	c->res->added++;
	return ST_OK;
}

/* Which days a ticket covers: 0 for all, else a bit per day number. */
static enum status parse_days(struct ctx *c, unsigned *days)
{
	const char *v = get(c, DE_DAYS);
	static const char *const all[] = { "both", "all", "two", "full", "2-day", "two-day" };
	char *low = xstrdup(v);
	const char *p;

	*days = 0;
	for (char *q = low; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		if (strstr(low, all[i])) {
			free(low);
			return ST_OK;
		}
	}
	for (p = low; *p; p++) {
		if (isdigit((unsigned char)*p) && (p == low || !isdigit((unsigned char)p[-1]))) {
			long n = strtol(p, NULL, 10);

			if (n >= 1 && n <= 14)
				*days |= 1u << (n - 1);
		}
	}
	free(low);
	if (*v && *days == 0)
		return fail(c, DE_DAYS, "'%s' does not say which days (write 'Both', 'Day 1 "
			    "only' or '1;2')", v);
	return ST_OK;
}

/* Access needs as tags; common phrases become the tags the checks use. */
static char *access_normalise(const char *text)
{
	char *tags = tags_normalise(text), **items;
	int n = split_list(tags, &items);
	struct str s;

	for (char *p = tags; *p; p++)
		if (*p == ',')
			*p = ';';
	free_list(items, n);
	n = split_list(tags, &items);
	str_init(&s);
	for (int i = 0; i < n; i++) {
		const char *t = items[i];

		if (strstr(t, "wheelchair") || strstr(t, "step") || strstr(t, "mobility") ||
		    strstr(t, "lift"))
			t = "step_free";
		else if (strstr(t, "hearing") || strstr(t, "loop") || strstr(t, "deaf"))
			t = "hearing_loop";
		if (!tags_have(s.buf, t))
			str_catf(&s, "%s%s", s.len ? ";" : "", t);
	}
	free_list(items, n);
	free(tags);
	return str_steal(&s);
}

/* The answers to columns no field reads (custom questions), as JSON. */
static char *extra_answers(struct ctx *c)
{
	json_t *o = json_object();
	char *text;

	for (int i = 0; i < c->t->ncols; i++)
		if (!c->used[i] && *c->row->fields[i] && *c->t->header[i])
			json_object_set_new(o, c->t->header[i], json_string(c->row->fields[i]));
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return text;
}

static void split_name(const char *full, char **first, char **last)
{
	const char *sp = strrchr(full, ' ');

	if (!sp) {
		*first = xstrdup(full);
		*last = xstrdup("");
		return;
	}
	*first = xstrndup(full, (size_t)(sp - full));
	*last = xstrdup(sp + 1);
}

static enum status delegate_org(struct ctx *c, int64_t *org)
{
	const char *name = get(c, DE_ORG), *type = get(c, DE_ORG_TYPE);
	enum status st;

	*org = 0;
	if (!*name)
		return ST_OK;
	/* Each organisation is written once per import, with its first type. */
	if ((*org = strmap_get(&c->organisations, name)) != 0)
		return ST_OK;
	st = organisation_put(c->db, name, type, org, c->err);
	if (st)
		return fail_row(c, st);
	if (*type) /* until a row gives its type, each row may */
		strmap_put(&c->organisations, name, *org);
	return ST_OK;
}

static enum status row_delegate(struct ctx *c)
{
	struct delegate d = { 0 };
	int64_t org, id;
	char *first, *last, *extra;
	enum status st;

	if (*get(c, DE_FIRST) || *get(c, DE_LAST)) {
		first = xstrdup(get(c, DE_FIRST));
		last = xstrdup(get(c, DE_LAST));
	} else {
		split_name(get(c, DE_NAME), &first, &last);
	}
	if (!*first && !*last) {
		free(first);
		free(last);
		return fail(c, c->col[DE_FIRST] >= 0 ? DE_FIRST : DE_NAME, "a delegate needs a name");
	}
	d.first_name = first;
	d.last_name = last;
	d.email = (char *)get(c, DE_EMAIL);
	d.role = (char *)get(c, DE_ROLE);
	d.region = (char *)get(c, DE_REGION);
	d.access = access_normalise(get(c, DE_ACCESS));
	extra = extra_answers(c);
	if (*d.email && !strchr(d.email, '@'))
		st = fail(c, DE_EMAIL, "'%s' is not an email address", d.email);
	else if (!*d.email)
		st = fail(c, DE_EMAIL, "every delegate needs an email (it is how a re-import "
			  "finds them)");
	else if (!(st = parse_days(c, &d.days)) && !(st = delegate_org(c, &org))) {
		st = delegate_put(c->db, &d, org, extra, &id, NULL, c->err);
		if (st)
			fail_row(c, st);
		else
			count(c, id > c->last_delegate);
	}
	free(extra);
	free(d.access);
	free(first);
	free(last);
	return st;
}

/* Keep-apart lists name other delegates, so they are read after all rows. */
static enum status delegate_keep_apart(struct ctx *c)
{
	char **items;
	int n = split_list(get(c, DE_KEEP_APART), &items);
	int64_t me = delegate_find(c->db, get(c, DE_EMAIL));
	enum status st = ST_OK;

	for (int i = 0; i < n && !st; i++) {
		int64_t other = delegate_find(c->db, items[i]);

		if (!other)
			st = fail(c, DE_KEEP_APART, "no delegate with email '%s'", items[i]);
		else if (other == me)
			st = fail(c, DE_KEEP_APART, "a delegate cannot be kept apart from themself");
		else
			st = keep_apart_add(c->db, me, other, c->err);
	}
	free_list(items, n);
	return st;
}

/* A choice: a session code or title, or CODE:N for station N of a carousel. */
static enum status resolve_choice(struct ctx *c, int f, const char *text, int64_t *sid,
				  int *station)
{
	const char *colon = strrchr(text, ':');
	char *code = colon ? xstrndup(text, (size_t)(colon - text)) : xstrdup(text);
	long n = 0;

	*station = 0;
	*sid = session_id(c->db, code);
	if (*sid && colon) {
		struct db_stmt *q = db_prepare(c->db, "SELECT 1 FROM station WHERE session_id = ?1 "
						      "AND number = ?2");

		if (parse_int(colon + 1, 1, 1000, &n) != 0) {
			free(code);
			return fail(c, f, "'%s': a station is given as CODE:NUMBER", text);
		}
		db_bind_int(q, 1, *sid);
		db_bind_int(q, 2, n);
		if (db_step(q) != 1) {
			enum status st = fail(c, f, "'%s': carousel %s has no station %ld", text,
					      code, n);

			db_reset(q);
			free(code);
			return st;
		}
		db_reset(q);
		*station = (int)n;
	} else if (!*sid) {
		struct db_stmt *q = db_prepare(c->db, "SELECT id FROM session WHERE title = ?1 "
						      "COLLATE NOCASE");

		db_bind_text(q, 1, text);
		if (db_step(q) == 1)
			*sid = db_col_int(q, 0);
		db_reset(q);
	}
	free(code);
	if (!*sid)
		return fail(c, f, "no session with code or title '%s'", text);
	return ST_OK;
}

/* A set of delegate ids, to tell the first row of a delegate from the rest. */
struct idset {
	int64_t *slots;
	size_t cap;
	size_t n;
};

static int idset_add(struct idset *s, int64_t id)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		struct idset bigger = { xcalloc(s->cap ? s->cap * 2 : 1024, sizeof(int64_t)),
					s->cap ? s->cap * 2 : 1024, 0 };

		for (size_t k = 0; k < s->cap; k++)
			if (s->slots[k])
				idset_add(&bigger, s->slots[k]);
		free(s->slots);
		*s = bigger;
	}
	for (i = (size_t)(id * 0x9e3779b97f4a7c15ULL) & (s->cap - 1); s->slots[i];
	     i = (i + 1) & (s->cap - 1))
		if (s->slots[i] == id)
			return 0;
	s->slots[i] = id;
	s->n++;
	return 1;
}

struct pref_state {
	struct idset seen;
	int *wide; /* columns of a wide file: Choice 1, Choice 2, ... */
	int nwide;
	int64_t last_delegate;
	int next_rank;
};

static enum status put_preference(struct ctx *c, int f, int64_t who, const char *choice,
				  long rank)
{
	int64_t sid;
	int station, exists;
	enum status st = resolve_choice(c, f, choice, &sid, &station);
	struct db_stmt *q;

	if (st)
		return st;
	q = db_prepare(c->db, "SELECT 1 FROM preference WHERE delegate_id = ?1 AND "
			      "session_id = ?2 AND station = ?3");
	db_bind_int(q, 1, who);
	db_bind_int(q, 2, sid);
	db_bind_int(q, 3, station);
	exists = db_step(q) == 1;
	db_reset(q);
	if (exists)
		return fail(c, f, "'%s' is chosen twice by %s", choice, get(c, 0));
	if ((st = preference_set(c->db, who, sid, station, (int)rank, c->err)))
		return fail_row(c, st);
	c->res->added++;
	return ST_OK;
}

/* Re-importing replaces a delegate's choices: clear them on first sight. */
static enum status pref_delegate(struct ctx *c, struct pref_state *ps, int64_t *who)
{
	const char *email = get(c, 0);

	*who = delegate_find(c->db, email);
	if (!*who)
		return fail(c, 0, "no delegate with email '%s' (import delegates first)", email);
	if (idset_add(&ps->seen, *who)) {
		struct db_stmt *del = db_prepare(c->db, "DELETE FROM preference WHERE "
							"delegate_id = ?1");

		db_bind_int(del, 1, *who);
		if (db_run(del) != 0)
			return fail_row(c, ST_IO);
	}
	return ST_OK;
}

static enum status row_preference(struct ctx *c, struct pref_state *ps)
{
	int64_t who;
	long rank;
	enum status st = pref_delegate(c, ps, &who);

	if (st)
		return st;
	if (ps->nwide) {
		for (int i = 0; i < ps->nwide && !st; i++) {
			const char *v = c->row->fields[ps->wide[i]];
			int saved = c->col[1];

			if (!*v)
				continue;
			c->col[1] = ps->wide[i];
			st = put_preference(c, 1, who, v, i + 1);
			c->col[1] = saved;
		}
		return st;
	}
	if (!*get(c, 1))
		return fail(c, 1, "a choice (a session code) is needed");
	if (who != ps->last_delegate) {
		ps->last_delegate = who;
		ps->next_rank = 1;
	}
	if ((st = get_int(c, 2, 1, 99, ps->next_rank, &rank)))
		return st;
	ps->next_rank = (int)rank + 1;
	return put_preference(c, 1, who, get(c, 1), rank);
}

/* The number in a wide-form header: "Choice 3", "3rd choice", "Preference 3". */
static int wide_number(const char *header)
{
	char *h = csvin_normalise(xstrdup(header));
	int n = 0;
	const char *digits = strpbrk(h, "0123456789");

	if (digits && (strstr(h, "choice") || strstr(h, "preference") || strstr(h, "option") ||
		       strstr(h, "rank")))
		n = atoi(digits);
	free(h);
	return n;
}

static enum status find_wide(struct ctx *c, struct pref_state *ps)
{
	int *number;

	if (c->col[1] >= 0)
		return ST_OK;
	number = xcalloc((size_t)c->t->ncols + 1, sizeof(int));
	for (int i = 0; i < c->t->ncols; i++)
		number[i] = wide_number(c->t->header[i]);
	ps->wide = xcalloc((size_t)c->t->ncols + 1, sizeof(int));
	for (int want = 1; want <= 99; want++) {
		int found = -1;

		for (int i = 0; i < c->t->ncols && found < 0; i++)
			if (number[i] == want)
				found = i;
		if (found < 0)
			break;
		ps->wide[ps->nwide++] = found;
		c->used[found] = 1;
	}
	free(number);
	if (ps->nwide == 0)
		return error_set(c->err, ST_INPUT, "%s: line 1: no 'Choice' column, nor 'Choice 1', "
				 "'Choice 2', ... columns", c->t->path);
	return ST_OK;
}

/* Find each field's column; the user's mapping comes first. */
static enum status map_columns(struct ctx *c, const struct import_map *map, int nmap)
{
	int nf = 0;

	while (c->fields[nf].key)
		nf++;
	for (int m = 0; m < nmap; m++) {
		int found = 0;

		for (int f = 0; f < nf; f++)
			found |= str_ieq(map[m].field, c->fields[f].key);
		if (!found)
			return error_set(c->err, ST_INPUT, "--map %s: this kind has no field '%s' "
					 "(see 'convene import --help')", map[m].field, map[m].field);
	}
	for (int f = 0; f < nf; f++) {
		const char *names[MAX_NAMES + 1] = { NULL };
		int mapped = 0;

		for (int m = 0; m < nmap; m++) {
			if (str_ieq(map[m].field, c->fields[f].key)) {
				names[0] = map[m].header;
				mapped = 1;
			}
		}
		if (!mapped)
			memcpy(names, c->fields[f].names, sizeof(c->fields[f].names));
		c->col[f] = names[0] && *names[0] ? csvin_column(c->t, names) : -1;
		if (mapped && names[0] && *names[0] && c->col[f] < 0)
			return error_set(c->err, ST_INPUT, "%s: line 1: no column '%s' (from --map "
					 "%s)", c->t->path, names[0], c->fields[f].key);
		if (c->fields[f].required && c->col[f] < 0)
			return error_set(c->err, ST_INPUT, "%s: line 1: no column for '%s' (looked "
					 "for \"%s\"; name it with --map %s=HEADER)", c->t->path,
					 c->fields[f].key, c->fields[f].names[0], c->fields[f].key);
		if (c->col[f] >= 0)
			c->used[c->col[f]] = 1;
	}
	return ST_OK;
}

static void warn_unused(struct ctx *c, enum import_kind kind)
{
	if (kind == IMPORT_DELEGATES)
		return; /* kept with each delegate as answers to custom questions */
	for (int i = 0; i < c->t->ncols; i++)
		if (!c->used[i] && *c->t->header[i])
			str_catf(&c->res->warnings, "%s: column '%s' is not used\n", c->t->path,
				 c->t->header[i]);
}

static enum status check_duplicates(struct ctx *c, int f, const char *what)
{
	struct strmap seen = { 0 };
	enum status s = ST_OK;

	if (c->col[f] < 0)
		return ST_OK;
	for (int i = 0; i < c->t->nrows && !s; i++) {
		const char *v;
		int64_t other;

		c->row = &c->t->rows[i];
		v = get(c, f);
		if (!*v)
			continue;
		if ((other = strmap_get(&seen, v)) != 0)
			s = fail(c, f, "%s '%s' appears on line %d too", what, v, (int)other);
		else
			strmap_put(&seen, v, c->row->line);
	}
	strmap_done(&seen);
	return s;
}

static enum status import_rows(struct ctx *c, enum import_kind kind)
{
	struct pref_state ps = { 0 };
	enum status st = ST_OK;

	if (kind == IMPORT_PREFERENCES)
		st = find_wide(c, &ps);
	for (int i = 0; i < c->t->nrows && !st; i++) {
		c->row = &c->t->rows[i];
		c->res->rows++;
		switch (kind) {
		case IMPORT_ROOMS: st = row_room(c); break;
		case IMPORT_SPEAKERS: st = row_speaker(c); break;
		case IMPORT_SESSIONS: st = row_session(c); break;
		case IMPORT_STATIONS: st = row_station(c); break;
		case IMPORT_TABLES: st = row_table(c); break;
		case IMPORT_DELEGATES: st = row_delegate(c); break;
		case IMPORT_PREFERENCES: st = row_preference(c, &ps); break;
		default: die("unknown import kind %d", kind);
		}
	}
	for (int i = 0; kind == IMPORT_DELEGATES && c->col[DE_KEEP_APART] >= 0 &&
			i < c->t->nrows && !st; i++) {
		c->row = &c->t->rows[i];
		st = delegate_keep_apart(c);
	}
	free(ps.seen.slots);
	free(ps.wide);
	return st;
}

enum status import_csv(struct db *db, enum import_kind kind, const char *path,
		       const struct import_map *map, int nmap, struct import_result *res,
		       struct error *err)
{
	struct csv_table t;
	struct ctx c = { .db = db, .t = &t, .fields = kinds[kind].fields, .res = res, .err = err };
	char *what;
	enum status st = csvin_read(path, &t, err);

	if (st)
		return st;
	c.used = xcalloc((size_t)t.ncols + 1, 1);
	st = map_columns(&c, map, nmap);
	if (!st && kind == IMPORT_DELEGATES && c.col[DE_FIRST] < 0 && c.col[DE_LAST] < 0 &&
	    c.col[DE_NAME] < 0)
		st = error_set(err, ST_INPUT, "%s: line 1: no name columns ('First Name' and "
			       "'Last Name', or 'Name')", path);
	what = xasprintf("import %s from %s", kinds[kind].name, path);
	if (!st)
		st = db_begin(db, what, err);
	free(what);
	if (!st) {
		if (kind == IMPORT_DELEGATES) {
			struct db_stmt *q = db_prepare(db, "SELECT coalesce(max(id), 0) FROM delegate");

			c.last_delegate = db_step(q) == 1 ? db_col_int(q, 0) : 0;
			db_reset(q);
			st = check_duplicates(&c, DE_EMAIL, "email");
		}
		else if (kind == IMPORT_SESSIONS)
			st = check_duplicates(&c, SE_CODE, "code");
		else if (kind == IMPORT_ROOMS || kind == IMPORT_SPEAKERS)
			st = check_duplicates(&c, kind == IMPORT_ROOMS ? 0 : 4,
					      kind == IMPORT_ROOMS ? "room" : "email");
		if (!st)
			st = import_rows(&c, kind);
		if (st)
			db_rollback(db);
		else
			st = db_commit(db, err);
	}
	if (!st)
		warn_unused(&c, kind);
	strmap_done(&c.organisations);
	free(c.used);
	csvin_done(&t);
	return st;
}
