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

#include "convene/answers.h"
#include "convene/csvin.h"
#include "convene/model.h"
#include "convene/rules.h"

#define MAX_FIELDS 24
#define MAX_NAMES 24

/* A field and the headers it is read from, best first. A plain name must
 * be the whole header; "~name" may be part of one (a form's question,
 * "Do you have any access requirements?"), never a buyer's or an order's
 * column; "?name" is taken only when every answer in it reads as the field
 * (a "Ticket Type" of "Day 1 only" is days, of "General Admission" not). */
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

/* A set of delegate ids: those a delegates file matched, removed, or (for
 * preferences) has seen before. */
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

static int idset_has(const struct idset *s, int64_t id)
{
	if (!s->cap)
		return 0;
	for (size_t i = (size_t)(id * 0x9e3779b97f4a7c15ULL) & (s->cap - 1); s->slots[i];
	     i = (i + 1) & (s->cap - 1))
		if (s->slots[i] == id)
			return 1;
	return 0;
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
	/* Delegates: the event's days, each row's ticket state (TICKET_STATES
	 * for a ticket with no holder yet), who this file matched and who it
	 * removed, and what the caller asked for. */
	struct event_days ed;
	unsigned char *state;
	struct idset touched, removed;
	const struct import_options *o;
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
	SE_CODE,
	SE_TITLE,
	SE_KIND,
	SE_DURATION,
	SE_CAPACITY,
	SE_AUDIENCE,
	SE_TRACK,
	SE_FEATURES,
	SE_SPEAKERS,
	SE_DAY,
	SE_START,
	SE_ROOM,
	SE_PINNED,
	SE_ROTATIONS,
	SE_ROTATION_LENGTH,
	SE_TABLES,
	SE_SEATS,
	SE_ROUNDS,
	SE_TIME_TAGS,
	SE_ROOM_TAGS,
	SE_DESCRIPTION,
	SE_ABSTRACT,
	SE_MINIMUM
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
	[SE_DESCRIPTION] = { "description", 0, { "Description", "Details", "Blurb", "Summary" } },
	[SE_ABSTRACT] = { "abstract", 0, { "Abstract", "Short Description", "Teaser" } },
	[SE_MINIMUM] = { "minimum", 0, { "Minimum", "Min", "Minimum Size", "Min Size" } },
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
	DE_FIRST,
	DE_LAST,
	DE_NAME,
	DE_EMAIL,
	DE_ORG,
	DE_ORG_TYPE,
	DE_ROLE,
	DE_REGION,
	DE_ACCESS,
	DE_DIET,
	DE_DAYS,
	DE_KEEP_APART,
	DE_STATUS,
	DE_TICKET
};

/* Ticket holders' columns come before buyers' ("Buyer Email", "Order
 * Name"), which are read only when a file has no better; a bare "Title"
 * is a salutation (Mrs, Dr), never a role. */
static const struct field delegate_fields[] = {
	[DE_FIRST] = { "first_name",
		       0,
		       { "First Name", "Firstname", "Given Name", "Forename", "First",
			 "Ticket First Name", "Attendee First Name", "Holder First Name",
			 "~first name", "~forename", "Buyer First Name", "Order First Name" } },
	[DE_LAST] = { "last_name",
		      0,
		      { "Last Name", "Lastname", "Surname", "Family Name", "Last",
			"Ticket Last Name", "Attendee Last Name", "Holder Last Name", "~last name",
			"~surname", "Buyer Last Name", "Order Last Name" } },
	[DE_NAME] = { "name",
		      0,
		      { "Name", "Full Name", "Delegate", "Attendee Name", "Ticket Full Name",
			"Ticket Name", "Holder Name", "Your Name", "~full name", "~your name",
			"Buyer Name", "Order Name" } },
	[DE_EMAIL] = { "email",
		       1,
		       { "Email", "E-mail", "Email Address", "Attendee Email", "Ticket Email",
			 "Work Email", "Holder Email", "~email", "~e-mail", "Buyer Email",
			 "Order Email", "Purchaser Email" } },
	[DE_ORG] = { "organisation",
		     0,
		     { "Organisation", "Organization", "Company", "School", "Employer", "Trust",
		       "Setting", "Organisation Name", "Organization Name", "Company Name",
		       "School Name", "Ticket Company Name", "~organisation", "~organization",
		       "~school", "~employer", "~company", "Buyer Company", "Order Company Name" } },
	[DE_ORG_TYPE] = { "organisation_type",
			  0,
			  { "Organisation Type", "Organization Type", "Org Type",
			    "Type of Organisation", "Type of Organization", "Sector", "Setting Type",
			    "School Type", "Phase", "~type of organisation", "~type of organization",
			    "~organisation type", "~type of school", "~sector" } },
	[DE_ROLE] = { "role",
		      0,
		      { "Role", "Job Title", "Position", "Job Role", "Job", "Designation",
			"~job title", "~your role", "~job role", "~role", "~position" } },
	[DE_REGION] = { "region",
			0,
			{ "Region", "Area", "County", "Local Authority Area", "Local Authority",
			  "~region", "~local authority" } },
	[DE_ACCESS] = { "access",
			0,
			{ "Access Needs", "Access", "Accessibility", "Access Requirements",
			  "Additional Needs", "Accessibility Requirements", "~access need",
			  "~access requirement", "~accessibility", "~disabilit", "~wheelchair",
			  "~mobility", "~reasonable adjustment", "~additional need" } },
	[DE_DIET] = { "diet",
		      0,
		      { "Dietary Requirements", "Dietary Needs", "Diet", "Dietary", "Food",
			"Allergies", "~dietary", "~diet", "~allerg", "~food" } },
	[DE_DAYS] = { "days",
		      0,
		      { "Days", "Day", "Which Days", "Days Attending", "Attending Days",
			"Attendance", "Dates", "~which day", "~days attend", "~day attend", "~days",
			"?Ticket Type", "?Ticket", "?Ticket Name", "?Registration Type",
			"?Attending", "?Ticket Class" } },
	[DE_KEEP_APART] = { "keep_apart", 0, { "Keep Apart", "Keep apart from", "Avoid" } },
	[DE_STATUS] = { "status",
			0,
			{ "Status", "Attendee Status", "Ticket Status", "Registration Status",
			  "Booking Status", "Order Status", "Void Status", "State", "~status" } },
	[DE_TICKET] = { "ticket",
			0,
			{ "Ticket ID", "Ticket Reference", "Ticket Number", "Ticket Ref",
			  "Attendee #", "Attendee ID", "Attendee Number", "Barcode", "Barcode #",
			  "Issued Ticket ID", "Ticket Barcode", "Ticket Code" } },
	{ NULL, 0, { NULL } },
};

static const struct field preference_fields[] = {
	{ "email", 1, { "Email", "E-mail", "Delegate", "Attendee Email" } },
	{ "choice", 0, { "Choice", "Session", "Station", "Code" } },
	{ "rank", 0, { "Rank", "Preference", "Order" } },
	{ "must", 0, { "Must", "Must Have", "Essential" } },
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
	str_init(&r->report);
}

void import_result_done(struct import_result *r)
{
	str_done(&r->warnings);
	str_done(&r->report);
	for (int i = 0; i < r->ngone; i++)
		free(r->gone[i]);
	free(r->gone);
	r->gone = NULL;
	r->ngone = 0;
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

/* 1 for a yes ("yes", "y", "true", "1", "x", "✓"), 0 for a no, else -1. */
static int yes_no(const char *v)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "x", "✓" };
	static const char *const no[] = { "no", "n", "false", "0", "-" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (str_ieq(v, yes[i]))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (str_ieq(v, no[i]))
			return 0;
	return -1;
}

static enum status get_bool(struct ctx *c, int f, int def, int *out)
{
	const char *v = get(c, f);

	*out = def;
	if (!*v)
		return ST_OK;
	if ((*out = yes_no(v)) >= 0)
		return ST_OK;
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
			str_catc(&s,
				 (*p == ' ' || *p == '-') ? '_' : (char)tolower((unsigned char)*p));
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
			enum status st = fail(c, f,
					      "'%s' is not a time tag (opening, closing, "
					      "first, last, morning, afternoon, day1, day2 ...; "
					      "!tag for an undesired one)",
					      items[i]);

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
static enum status parse_period(struct ctx *c, int f, const char *item, int64_t *day, int *from,
				int *to)
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
		return fail(c, f,
			    "'%s': there is no day %s (define the days with 'convene new "
			    "FILE --event EVENT.cfg')",
			    item, buf);
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
	if ((st = tags_field(c, 6, 1, &s.time_tags)) || (st = tags_field(c, 7, 0, &s.room_tags))) {
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
			st = fail(c, SE_SPEAKERS,
				  "no speaker '%s' (import speakers first; give "
				  "their email or name)",
				  items[i]);
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
		return fail(c,
			    !*day     ? SE_DAY
			    : !*start ? SE_START
				      : SE_ROOM,
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
	long duration, cap, minimum;
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
		return fail(c, SE_KIND,
			    "'%s' is not a kind of session (keynote, talk, panel, "
			    "workshop, carousel, world_cafe, break, meal, networking, plenary)",
			    get(c, SE_KIND));
	if ((st = get_int(c, SE_DURATION, 5, 720, LONG_MIN, &duration)) ||
	    (st = get_int(c, SE_CAPACITY, 0, 100000, -1, &cap)) ||
	    (st = get_int(c, SE_MINIMUM, 0, 100000, -1, &minimum)) ||
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
	s.description = c->col[SE_DESCRIPTION] >= 0 ? (char *)get(c, SE_DESCRIPTION) : NULL;
	s.abstract = c->col[SE_ABSTRACT] >= 0 ? (char *)get(c, SE_ABSTRACT) : NULL;
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
	if (c->col[SE_MINIMUM] >= 0 && (st = session_minimum_set(c->db, sid, (int)minimum, c->err)))
		return fail_row(c, st);
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
	    (st = get_int(c, 5, 1, 100000, LONG_MIN, &cap)) ||
	    (st = get_bool(c, 6, 0, &in.everyone)) || (st = parse_skip(c, 7, &in.skip)))
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
	struct str why;
	enum status st = ST_OK;

	*days = 0;
	if (!*get(c, DE_DAYS))
		return ST_OK;
	str_init(&why);
	if (answer_days(&c->ed, get(c, DE_DAYS), days, &why) != 0)
		st = fail(c, DE_DAYS,
			  "%s (write 'Both', 'Day 1', 'Thursday' or '11 March'; "
			  "--map days=HEADER reads another column, --map days= none)",
			  why.buf);
	str_done(&why);
	return st;
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

/* "Ann Lee <ann@x.example>" of a delegate in the file (allocated). */
static char *who_is(struct db *db, int64_t id)
{
	struct db_stmt *q = db_prepare(db,
				       "SELECT trim(first_name || ' ' || last_name) || ' <' "
				       "|| coalesce(email, '') || '>' FROM delegate WHERE id = ?1");
	char *who;

	db_bind_int(q, 1, id);
	who = xstrdup(db_step(q) == 1 ? db_col_text(q, 0) : "?");
	db_reset(q);
	return who;
}

/* Remove a delegate this file no longer gives a place, with their seats,
 * choices and allocations; why goes in the report. */
static enum status drop_delegate(struct ctx *c, int64_t id, const char *why)
{
	char *who = who_is(c->db, id);
	enum status st = delegate_delete(c->db, id, c->err);

	if (!st) {
		str_catf(&c->res->report, "removed (%s): %s\n", why, who);
		idset_add(&c->removed, id);
		c->res->removed++;
	}
	free(who);
	return st;
}

/* A ticket passed to someone else (the same ticket, another email): its
 * earlier holder becomes the new one and keeps their place, seats and
 * choices; when the new holder is in the file already, the earlier goes. */
static enum status pass_ticket(struct ctx *c, const char *email)
{
	int64_t holder = delegate_find_ticket(c->db, get(c, DE_TICKET)), other;
	char *was;
	enum status st = ST_OK;

	if (!holder || idset_has(&c->touched, holder))
		return ST_OK;
	was = who_is(c->db, holder);
	other = delegate_find(c->db, email);
	if (other && other != holder) {
		st = drop_delegate(c, holder, "its ticket was passed on");
	} else if (!other) {
		st = delegate_set_email(c->db, holder, email, c->err);
		if (st)
			st = fail_row(c, st);
		else
			str_catf(&c->res->report, "ticket %s passed on: %s is now %s\n",
				 get(c, DE_TICKET), was, email);
	}
	free(was);
	return st;
}

/* The delegate's name from the first and last name columns, else from a
 * full name. */
static void row_name(struct ctx *c, char **first, char **last)
{
	if (*get(c, DE_FIRST) || *get(c, DE_LAST)) {
		*first = xstrdup(get(c, DE_FIRST));
		*last = xstrdup(get(c, DE_LAST));
	} else {
		split_name(get(c, DE_NAME), first, last);
	}
}

static enum status put_delegate(struct ctx *c, struct delegate *d)
{
	int64_t org, id;
	char *extra;
	enum status st;

	if ((st = parse_days(c, &d->days)) || (st = delegate_org(c, &org)))
		return st;
	if (c->col[DE_TICKET] >= 0 && *get(c, DE_TICKET) && (st = pass_ticket(c, d->email)))
		return st;
	extra = extra_answers(c);
	st = delegate_put(c->db, d, org, extra, &id, NULL, c->err);
	free(extra);
	if (st)
		return fail_row(c, st);
	idset_add(&c->touched, id);
	count(c, id > c->last_delegate);
	return ST_OK;
}

static enum status row_delegate(struct ctx *c)
{
	struct delegate d = { 0 };
	char *first, *last;
	enum status st;

	row_name(c, &first, &last);
	d.email = (char *)get(c, DE_EMAIL);
	if (!*first && !*last)
		st = fail(c, c->col[DE_FIRST] >= 0 ? DE_FIRST : DE_NAME, "a delegate needs a name");
	else if (*d.email && !strchr(d.email, '@'))
		st = fail(c, DE_EMAIL, "'%s' is not an email address", d.email);
	else if (!*d.email)
		st = fail(c, DE_EMAIL,
			  "every delegate needs an email (it is how a re-import "
			  "finds them)");
	else
		st = ST_OK;
	d.first_name = first;
	d.last_name = last;
	d.role = (char *)get(c, DE_ROLE);
	d.region = (char *)get(c, DE_REGION);
	d.access = answer_access(get(c, DE_ACCESS));
	d.diet = c->col[DE_DIET] >= 0 ? answer_diet(get(c, DE_DIET)) : NULL;
	d.ticket = c->col[DE_TICKET] >= 0 ? (char *)get(c, DE_TICKET) : NULL;
	if (!st)
		st = put_delegate(c, &d);
	free(d.access);
	free(d.diet);
	free(first);
	free(last);
	return st;
}

/* What the status column says of each row; a ticket with no holder yet
 * (no name, no email) holds no place either. Counted in the report. */
static enum status ticket_states(struct ctx *c)
{
	int n[TICKET_STATES + 1] = { 0 };

	c->state = xcalloc((size_t)c->t->nrows + 1, 1);
	for (int i = 0; i < c->t->nrows; i++) {
		int st;

		c->row = &c->t->rows[i];
		if ((st = answer_ticket(get(c, DE_STATUS))) < 0)
			return fail(c, DE_STATUS,
				    "'%s' is not a ticket status convene knows (%s; "
				    "--map status= reads none)",
				    get(c, DE_STATUS), answer_ticket_words());
		if (st == TICKET_ATTENDING && !*get(c, DE_EMAIL) && !*get(c, DE_FIRST) &&
		    !*get(c, DE_LAST) && !*get(c, DE_NAME))
			st = TICKET_STATES;
		c->state[i] = (unsigned char)st;
		n[st]++;
	}
	for (int k = 1; k <= TICKET_STATES; k++) {
		if (!n[k])
			continue;
		str_catf(&c->res->report, "%s%d %s", c->res->skipped ? ", " : "skipped: ", n[k],
			 k < TICKET_STATES ? answer_ticket_name((enum ticket_state)k)
					   : "with no holder yet");
		c->res->skipped += n[k];
	}
	if (c->res->skipped)
		str_catc(&c->res->report, '\n');
	return ST_OK;
}

/* Those whose ticket the file says is cancelled, refunded, void or
 * transferred, and who hold no other ticket in it, leave the file. */
static enum status drop_cancelled(struct ctx *c)
{
	enum status st = ST_OK;

	for (int i = 0; i < c->t->nrows && !st; i++) {
		int64_t id = 0;

		if (c->state[i] == TICKET_ATTENDING || c->state[i] == TICKET_STATES)
			continue;
		c->row = &c->t->rows[i];
		if (c->col[DE_TICKET] >= 0)
			id = delegate_find_ticket(c->db, get(c, DE_TICKET));
		if (!id && *get(c, DE_EMAIL))
			id = delegate_find(c->db, get(c, DE_EMAIL));
		if (id && !idset_has(&c->touched, id) && !idset_has(&c->removed, id))
			st = drop_delegate(c, id,
					   answer_ticket_name((enum ticket_state)c->state[i]));
	}
	return st;
}

/* Whether email is among those the caller agreed to remove. */
static int agreed(const struct import_options *o, const char *email)
{
	if (!o->sync_only)
		return 1;
	for (char *const *e = o->sync_only; *e; e++)
		if (str_ieq(*e, email))
			return 1;
	return 0;
}

/* --sync: those in the file whom the export no longer holds leave it. */
static enum status drop_absent(struct ctx *c)
{
	struct db_stmt *q = db_prepare(c->db, "SELECT id, coalesce(email, '') FROM delegate "
					      "ORDER BY id");
	int64_t *ids = NULL;
	char **emails = NULL;
	int n = 0, kept = 0;
	enum status st = ST_OK;

	while (db_step(q) == 1) {
		int64_t id = db_col_int(q, 0);

		if (idset_has(&c->touched, id) || idset_has(&c->removed, id))
			continue;
		ids = xreallocarray(ids, (size_t)n + 1, sizeof(*ids));
		emails = xreallocarray(emails, (size_t)n + 1, sizeof(*emails));
		ids[n] = id;
		emails[n++] = xstrdup(db_col_text(q, 1));
	}
	db_reset(q);
	for (int i = 0; i < n; i++) {
		if (!st && agreed(c->o, emails[i])) {
			st = drop_delegate(c, ids[i], "not in the export");
			c->res->gone = xreallocarray(c->res->gone, (size_t)c->res->ngone + 1,
						     sizeof(char *));
			c->res->gone[c->res->ngone++] = emails[i];
			continue;
		}
		kept += !st;
		free(emails[i]);
	}
	if (kept)
		str_catf(&c->res->report,
			 "kept %d not in the export whom you were not asked "
			 "about\n",
			 kept);
	free(ids);
	free(emails);
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
static enum status resolve_choice(struct ctx *c, int f, const char *text, int64_t *sid, int *station)
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

struct pref_state {
	struct idset seen;
	int *wide; /* columns of a wide file: Choice 1, Choice 2, ... */
	int nwide;
	int64_t last_delegate;
	int next_rank;
};

static enum status put_preference(struct ctx *c, int f, int64_t who, const char *choice, long rank)
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
		if (must_set(c->db, *who, 0, c->err))
			return fail_row(c, ST_IO);
	}
	return ST_OK;
}

/* The Must column: yes marks the row's choice (choice; NULL in a wide
 * file), a session code marks that session, empty or no marks nothing. */
static enum status pref_must(struct ctx *c, int64_t who, const char *choice)
{
	const char *v = get(c, 3);
	int yes = yes_no(v);
	int64_t sid;

	if (!*v || (choice && yes == 0))
		return ST_OK;
	sid = session_id(c->db, choice && yes == 1 ? choice : v);
	if (!sid)
		return fail(c, 3, "'%s' is neither yes, no nor a session code", v);
	if (must_set(c->db, who, sid, c->err))
		return fail(c, 3,
			    "'%s' is none of this delegate's ranked talks, panels or "
			    "workshops",
			    choice && yes == 1 ? choice : v);
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
		return st ? st : pref_must(c, who, NULL);
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
	if ((st = put_preference(c, 1, who, get(c, 1), rank)))
		return st;
	return pref_must(c, who, get(c, 1));
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
		return error_set(c->err, ST_INPUT,
				 "%s: line 1: no 'Choice' column, nor 'Choice 1', "
				 "'Choice 2', ... columns",
				 c->t->path);
	return ST_OK;
}

/* A header that is a buyer's or an order's, not the ticket holder's. */
static int buyer_column(const char *norm)
{
	return strstr(norm, "buyer") || strstr(norm, "purchaser") ||
	       strncmp(norm, "order", 5) == 0 || strncmp(norm, "billing", 7) == 0 ||
	       strncmp(norm, "booker", 6) == 0;
}

/* How well a normalised header matches a field's name at rank: 0 not at
 * all; a whole header beats part of one, part of one by how much of the
 * header it is, and an earlier name a later. */
static int name_score(const char *norm, const char *name, int rank)
{
	char *want = csvin_normalise(xstrdup(name + (*name == '~' || *name == '?')));
	size_t hl = strlen(norm), wl = strlen(want);
	int score = 0;

	if (*name == '~') {
		if (wl && hl && strstr(norm, want) && !buyer_column(norm))
			score = 100 + (int)(400 * wl / hl) - rank;
	} else if (strcmp(norm, want) == 0) {
		score = *name == '?' ? 50 - rank : 1000 - 10 * rank;
	}
	free(want);
	return score;
}

/* Whether every answer in column col reads as field f: a "?" name. */
static int column_fits(struct ctx *c, int f, int col)
{
	unsigned days;

	if (c->fields != delegate_fields || f != DE_DAYS)
		return 1;
	for (int r = 0; r < c->t->nrows; r++)
		if (*c->t->rows[r].fields[col] &&
		    answer_days(&c->ed, c->t->rows[r].fields[col], &days, NULL) != 0)
			return 0;
	return 1;
}

struct cand {
	int score, field, col;
};

static int by_score(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->score != b->score)
		return b->score - a->score;
	return a->field != b->field ? a->field - b->field : a->col - b->col;
}

/* The best column of field f in column i (0 if none fits). */
static int field_score(struct ctx *c, int f, int i, const char *norm)
{
	int best = 0;

	for (int k = 0; k < MAX_NAMES && c->fields[f].names[k]; k++) {
		const char *name = c->fields[f].names[k];
		int sc = name_score(norm, name, k);

		if (sc > best && (*name != '?' || column_fits(c, f, i)))
			best = sc;
	}
	return best;
}

/* Give every field not yet decided (col -2) its best column, best match
 * first, each column to one field: "Job Title" goes to role before
 * anything lesser can take it. */
static void best_columns(struct ctx *c, int nf)
{
	struct cand *v = NULL;
	size_t n = 0;

	for (int i = 0; i < c->t->ncols; i++) {
		char *norm = csvin_normalise(xstrdup(c->t->header[i]));

		for (int f = 0; f < nf && !c->used[i] && *norm; f++) {
			int sc = c->col[f] == -2 ? field_score(c, f, i, norm) : 0;

			if (sc > 0) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n++] = (struct cand){ sc, f, i };
			}
		}
		free(norm);
	}
	qsort(v, n, sizeof(*v), by_score);
	for (size_t k = 0; k < n; k++)
		if (c->col[v[k].field] == -2 && !c->used[v[k].col]) {
			c->col[v[k].field] = v[k].col;
			c->used[v[k].col] = 1;
		}
	for (int f = 0; f < nf; f++)
		if (c->col[f] == -2)
			c->col[f] = -1;
	free(v);
}

/* The column --map names for field f: -2 when not mapped, -1 for none
 * ("--map days="); fails when the header is not there. */
static enum status mapped_column(struct ctx *c, int f, const struct import_map *map, int nmap)
{
	const char *names[2] = { NULL, NULL };

	c->col[f] = -2;
	for (int m = 0; m < nmap; m++)
		if (str_ieq(map[m].field, c->fields[f].key))
			names[0] = map[m].header;
	if (!names[0])
		return ST_OK;
	c->col[f] = *names[0] ? csvin_column(c->t, names) : -1;
	if (*names[0] && c->col[f] < 0)
		return error_set(c->err, ST_INPUT, "%s: line 1: no column '%s' (from --map %s)",
				 c->t->path, names[0], c->fields[f].key);
	if (c->col[f] >= 0)
		c->used[c->col[f]] = 1;
	return ST_OK;
}

/* Find each field's column; the user's mapping comes first. */
static enum status map_columns(struct ctx *c, const struct import_map *map, int nmap)
{
	int nf = 0;
	enum status st = ST_OK;

	while (c->fields[nf].key)
		nf++;
	for (int m = 0; m < nmap; m++) {
		int found = 0;

		for (int f = 0; f < nf; f++)
			found |= str_ieq(map[m].field, c->fields[f].key);
		if (!found)
			return error_set(c->err, ST_INPUT,
					 "--map %s: this kind has no field '%s' "
					 "(see 'convene import --help')",
					 map[m].field, map[m].field);
	}
	for (int f = 0; f < nf && !st; f++)
		st = mapped_column(c, f, map, nmap);
	if (st)
		return st;
	best_columns(c, nf);
	for (int f = 0; f < nf; f++)
		if (c->fields[f].required && c->col[f] < 0)
			return error_set(c->err, ST_INPUT,
					 "%s: line 1: no column for '%s' (looked "
					 "for \"%s\"; name it with --map %s=HEADER)",
					 c->t->path, c->fields[f].key, c->fields[f].names[0],
					 c->fields[f].key);
	return ST_OK;
}

/* The report's account of the columns: each field and the header it was
 * read from, and for delegates every column kept only as an answer to a
 * custom question. */
static void report_columns(struct ctx *c, enum import_kind kind)
{
	struct str *r = &c->res->report;
	int kept = 0;
	char *how = csvin_describe(c->t);

	if (*how)
		str_catf(r, "read as %s\n", how);
	free(how);
	str_cat(r, "columns read:\n");
	for (int f = 0; c->fields[f].key; f++)
		if (c->col[f] >= 0)
			str_catf(r, "  %-18s \"%s\"\n", c->fields[f].key, c->t->header[c->col[f]]);
	for (int i = 0; kind == IMPORT_DELEGATES && i < c->t->ncols; i++) {
		if (c->used[i] || !*c->t->header[i])
			continue;
		str_catf(r, "%s\"%s\"",
			 kept++ ? ", " : "kept as answers to custom questions: ", c->t->header[i]);
	}
	if (kept)
		str_catc(r, '\n');
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

		if (c->state && c->state[i] != TICKET_ATTENDING)
			continue; /* a ticket transferred to a new order, say */
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

static enum status import_row(struct ctx *c, enum import_kind kind, struct pref_state *ps)
{
	switch (kind) {
	case IMPORT_ROOMS:
		return row_room(c);
	case IMPORT_SPEAKERS:
		return row_speaker(c);
	case IMPORT_SESSIONS:
		return row_session(c);
	case IMPORT_STATIONS:
		return row_station(c);
	case IMPORT_TABLES:
		return row_table(c);
	case IMPORT_DELEGATES:
		return row_delegate(c);
	case IMPORT_PREFERENCES:
		return row_preference(c, ps);
	default:
		die("unknown import kind %d", kind);
	}
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
		if (!c->state || c->state[i] == TICKET_ATTENDING)
			st = import_row(c, kind, &ps);
	}
	if (!st && kind == IMPORT_DELEGATES)
		st = drop_cancelled(c);
	if (!st && kind == IMPORT_DELEGATES && c->o->sync)
		st = drop_absent(c);
	for (int i = 0;
	     kind == IMPORT_DELEGATES && c->col[DE_KEEP_APART] >= 0 && i < c->t->nrows && !st;
	     i++) {
		c->row = &c->t->rows[i];
		if (c->state[i] == TICKET_ATTENDING)
			st = delegate_keep_apart(c);
	}
	free(ps.seen.slots);
	free(ps.wide);
	return st;
}

/* The event's days, which day answers name. */
static void load_days(struct ctx *c)
{
	struct db_stmt *q = db_prepare(c->db, "SELECT number, date FROM day ORDER BY number");

	while (db_step(q) == 1)
		answer_days_add(&c->ed, (int)db_col_int(q, 0), db_col_text(q, 1));
	db_reset(q);
}

/* What a delegates file needs before its rows: the days, names, and each
 * ticket's state. */
static enum status delegates_prepare(struct ctx *c)
{
	struct db_stmt *q;

	if (c->col[DE_FIRST] < 0 && c->col[DE_LAST] < 0 && c->col[DE_NAME] < 0)
		return error_set(c->err, ST_INPUT,
				 "%s: line 1: no name columns ('First Name' "
				 "and 'Last Name', or 'Name')",
				 c->t->path);
	q = db_prepare(c->db, "SELECT coalesce(max(id), 0) FROM delegate");
	c->last_delegate = db_step(q) == 1 ? db_col_int(q, 0) : 0;
	db_reset(q);
	return ticket_states(c);
}

static enum status check_kind(struct ctx *c, enum import_kind kind)
{
	if (kind == IMPORT_DELEGATES)
		return check_duplicates(c, DE_EMAIL, "email");
	if (kind == IMPORT_SESSIONS)
		return check_duplicates(c, SE_CODE, "code");
	if (kind == IMPORT_ROOMS || kind == IMPORT_SPEAKERS)
		return check_duplicates(c, kind == IMPORT_ROOMS ? 0 : 4,
					kind == IMPORT_ROOMS ? "room" : "email");
	return ST_OK;
}

/* The whole file as one edit (rolled back after a dry run). */
static enum status import_edit(struct ctx *c, enum import_kind kind, const char *path)
{
	char *what = xasprintf("import %s from %s", kinds[kind].name, path);
	enum status st = db_begin(c->db, what, c->err);

	free(what);
	if (st)
		return st;
	if (!(st = check_kind(c, kind)))
		st = import_rows(c, kind);
	if (st || c->o->dry_run)
		db_rollback(c->db);
	else
		st = db_commit(c->db, c->err);
	return st;
}

enum status import_file(struct db *db, enum import_kind kind, const char *path,
			const struct import_options *o, struct import_result *res, struct error *err)
{
	struct csv_table t;
	struct ctx c = { .db = db,
			 .t = &t,
			 .fields = kinds[kind].fields,
			 .res = res,
			 .err = err,
			 .o = o };
	enum status st = csvin_read(path, &t, err);

	if (st)
		return st;
	if (o->sync && kind != IMPORT_DELEGATES) {
		csvin_done(&t);
		return error_set(err, ST_INPUT, "--sync goes with a delegates file");
	}
	c.used = xcalloc((size_t)t.ncols + 1, 1);
	if (kind == IMPORT_DELEGATES)
		load_days(&c);
	st = map_columns(&c, o->map, o->nmap);
	if (!st)
		report_columns(&c, kind);
	if (!st && kind == IMPORT_DELEGATES)
		st = delegates_prepare(&c);
	if (!st)
		st = import_edit(&c, kind, path);
	if (!st)
		warn_unused(&c, kind);
	strmap_done(&c.organisations);
	free(c.used);
	free(c.state);
	free(c.touched.slots);
	free(c.removed.slots);
	csvin_done(&t);
	return st;
}

enum status import_csv(struct db *db, enum import_kind kind, const char *path,
		       const struct import_map *map, int nmap, struct import_result *res,
		       struct error *err)
{
	struct import_options o = { .map = map, .nmap = nmap };

	return import_file(db, kind, path, &o, res, err);
}
