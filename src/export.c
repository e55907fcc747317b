/* CSV and JSON exports, and the choice among the four formats. CSV quotes
 * every field that holds a comma, quote or line break (RFC 4180) and leads
 * one a spreadsheet would take for a formula with a '; JSON is built with
 * jansson in file order, so output is stable. */
#include "convene/export.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene/frab.h"
#include "convene/ics.h"

int export_format_parse(const char *name)
{
	static const char *const names[] = { "frab", "csv", "json", "ics" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (str_ieq(name, names[i]))
			return (int)i;
	if (str_ieq(name, "xml") || str_ieq(name, "pentabarf"))
		return EXPORT_FRAB;
	if (str_ieq(name, "ical") || str_ieq(name, "icalendar"))
		return EXPORT_ICS;
	return -1;
}

static int by_time(const void *pa, const void *pb, void *arg)
{
	const struct conf *c = arg;
	const struct session *a = &c->sessions[*(const int *)pa];
	const struct session *b = &c->sessions[*(const int *)pb];

	if (a->day != b->day)
		return a->day - b->day;
	if (a->start != b->start)
		return a->start - b->start;
	return a->room != b->room ? a->room - b->room : *(const int *)pa - *(const int *)pb;
}

/* Placed sessions in time order; returns how many. */
static int placed_sessions(const struct conf *c, int **out)
{
	int n = 0;

	*out = xcalloc((size_t)c->nsessions + 1, sizeof(int));
	for (int i = 0; i < c->nsessions; i++)
		if (c->sessions[i].day >= 0 && c->sessions[i].room >= 0)
			(*out)[n++] = i;
	qsort_r(*out, (size_t)n, sizeof(int), by_time, (void *)c);
	return n;
}

void export_csv(const struct conf *c, struct str *out)
{
	static const char *const heads[] = { "Day",  "Date",  "Start", "End",     "Room",
					     "Code", "Title", "Kind",  "Speakers" };
	int *idx, n = placed_sessions(c, &idx);

	for (size_t i = 0; i < ARRAY_SIZE(heads); i++)
		str_cat_csv(out, heads[i], i + 1 == ARRAY_SIZE(heads));
	for (int k = 0; k < n; k++) {
		const struct session *s = &c->sessions[idx[k]];
		char day[16], a[6], b[6];
		char *sp = print_speakers(c, s);

		snprintf(day, sizeof(day), "%d", c->days[s->day].number);
		str_cat_csv(out, day, 0);
		str_cat_csv(out, c->days[s->day].date, 0);
		str_cat_csv(out, time_format(s->start, a), 0);
		str_cat_csv(out, time_format(s->start + s->duration, b), 0);
		str_cat_csv(out, c->rooms[s->room].name, 0);
		str_cat_csv(out, s->code, 0);
		str_cat_csv(out, s->title, 0);
		str_cat_csv(out, kind_name(s->kind), 0);
		str_cat_csv(out, sp, 1);
		free(sp);
	}
	free(idx);
}

static json_t *hhmm(int minutes)
{
	char buf[6];

	return json_string(time_format(minutes, buf));
}

/* A semicolon list ("step_free; hearing_loop") as an array of its words. */
static json_t *words(const char *list)
{
	json_t *arr = json_array();
	char *copy = xstrdup(list ? list : ""), *save = NULL;

	for (char *w = strtok_r(copy, ";", &save); w; w = strtok_r(NULL, ";", &save)) {
		char *t = str_trim(w);

		if (*t)
			json_array_append_new(arr, json_string(t));
	}
	free(copy);
	return arr;
}

/* Periods a room or speaker cannot be used, with day numbers. */
static json_t *periods(const struct conf *c, const struct period *p, int n)
{
	json_t *arr = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(arr,
				      json_pack("{s:i,s:o,s:o}", "day", c->days[p[i].day].number,
						"start", hhmm(p[i].start), "end", hhmm(p[i].end)));
	return arr;
}

static json_t *json_sessions(const struct conf *c)
{
	json_t *arr = json_array();

	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];
		json_t *sp = json_array(), *o;

		for (int k = 0; k < s->nspeakers; k++)
			json_array_append_new(sp, json_integer(c->speakers[s->speakers[k]].id));
		o = json_pack("{s:I,s:s,s:s,s:s,s:i,s:o,s:s,s:s,s:s,s:b,s:o}", "id",
			      (json_int_t)s->id, "code", s->code, "title", s->title, "kind",
			      kind_name(s->kind), "duration", s->duration, "capacity",
			      s->capacity >= 0 ? json_integer(s->capacity) : json_null(),
			      "audience", s->audience, "track", s->track, "features", s->features,
			      "pinned", s->pinned, "speakers", sp);
		json_object_update_new(o, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
						    "time_tags", s->time_tags, "room_tags",
						    s->room_tags, "description", s->description,
						    "abstract", s->abstract, "subtitle",
						    s->subtitle, "language", s->language, "type",
						    s->frab_type, "guid", s->guid));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *json_people(const struct conf *c, json_t **rooms, json_t **days)
{
	json_t *sp = json_array();

	*rooms = json_array();
	*days = json_array();
	for (int i = 0; i < c->ndays; i++)
		json_array_append_new(*days, json_pack("{s:I,s:i,s:s,s:o,s:o}", "id",
						       (json_int_t)c->days[i].id, "number",
						       c->days[i].number, "date", c->days[i].date,
						       "start", hhmm(c->days[i].start), "end",
						       hhmm(c->days[i].end)));
	for (int i = 0; i < c->nrooms; i++) {
		const struct room *r = &c->rooms[i];

		json_array_append_new(*rooms,
				      json_pack("{s:I,s:s,s:i,s:b,s:s,s:i,s:s,s:o}", "id",
						(json_int_t)r->id, "name", r->name, "capacity",
						r->capacity, "step_free", r->step_free, "features",
						r->features, "cafe_tables", r->cafe_tables, "tags",
						r->tags, "unavailable",
						periods(c, r->unavailable, r->nunavailable)));
	}
	for (int i = 0; i < c->nspeakers; i++) {
		const struct speaker *s = &c->speakers[i];

		json_array_append_new(sp, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:o}",
						    "id", (json_int_t)s->id, "name", s->name,
						    "title", s->title, "honours", s->honours,
						    "organisation", s->organisation, "email",
						    s->email, "time_tags", s->time_tags, "room_tags",
						    s->room_tags, "pause", s->pause, "unavailable",
						    periods(c, s->unavailable, s->nunavailable)));
	}
	return sp;
}

static json_t *json_placements(const struct conf *c)
{
	json_t *arr = json_array();
	int *idx, n = placed_sessions(c, &idx);

	for (int k = 0; k < n; k++) {
		const struct session *s = &c->sessions[idx[k]];

		json_array_append_new(arr, json_pack("{s:s,s:i,s:s,s:o,s:o,s:s}", "session",
						     s->code, "day", c->days[s->day].number, "date",
						     c->days[s->day].date, "start", hhmm(s->start),
						     "end", hhmm(s->start + s->duration), "room",
						     c->rooms[s->room].name));
	}
	free(idx);
	return arr;
}

/* Every delegate, with the answers to custom questions from the file. */
static json_t *json_delegates(struct db *db, const struct conf *c, json_t **orgs)
{
	json_t *arr = json_array(), **answers = xcalloc((size_t)c->ndelegates + 1, sizeof(json_t *));
	struct db_stmt *st = db_prepare(db, "SELECT id, extra FROM delegate");

	while (db_step(st) == 1) {
		int d = conf_delegate_at(c, db_col_int(st, 0));

		if (d >= 0 && !answers[d])
			answers[d] = json_loads(db_col_text(st, 1), 0, NULL);
	}
	db_reset(st);
	*orgs = json_array();
	for (int i = 0; i < c->norganisations; i++)
		json_array_append_new(*orgs, json_pack("{s:I,s:s,s:s}", "id",
						       (json_int_t)c->organisations[i].id, "name",
						       c->organisations[i].name, "type",
						       c->organisations[i].type));
	for (int i = 0; i < c->ndelegates; i++) {
		const struct delegate *d = &c->delegates[i];
		json_t *days = json_array(), *o;

		for (int k = 0; k < c->ndays; k++)
			if (conf_attends(c, d, k))
				json_array_append_new(days, json_integer(c->days[k].number));
		if (!json_is_object(answers[i])) {
			json_decref(answers[i]);
			answers[i] = json_object();
		}
		o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:o,s:s,s:s,s:o,s:o}", "id",
			      (json_int_t)d->id, "first_name", d->first_name, "last_name",
			      d->last_name, "email", d->email, "organisation",
			      d->organisation >= 0
				      ? json_string(c->organisations[d->organisation].name)
				      : json_null(),
			      "role", d->role, "region", d->region, "access", words(d->access),
			      "diet", d->diet ? d->diet : "", "ticket", d->ticket ? d->ticket : "",
			      "days", days, "answers", answers[i]);
		json_array_append_new(arr, o);
	}
	free(answers);
	return arr;
}

/* An array built by SQL: each row's first column is one JSON object. */
static json_t *json_rows(struct db *db, const char *sql)
{
	json_t *arr = json_array();
	struct db_stmt *st = db_prepare(db, sql);

	while (db_step(st) == 1)
		json_array_append_new(arr, json_loads(db_col_text(st, 0), 0, NULL));
	db_reset(st);
	return arr;
}

/* Ranked choices and the pairs kept apart, from the file. */
static void json_choices(struct db *db, json_t *doc)
{
	json_object_set_new(
		doc, "preferences",
		json_rows(
			db,
			"SELECT json_object('delegate', coalesce(d.email, ''), 'delegate_id', d.id, "
			"'session', s.code, 'station', CASE WHEN p.station > 0 THEN p.station END, "
			"'rank', p.rank) FROM preference p JOIN delegate d ON d.id = p.delegate_id "
			"JOIN session s ON s.id = p.session_id ORDER BY d.id, p.rank, s.id, p.station"));
	json_object_set_new(
		doc, "keep_apart",
		json_rows(db, "SELECT json_object('a', a, 'b', b) FROM keep_apart ORDER BY a, b"));
}

/* Cafes with their tables and carousels with their stations. */
static void json_formats(struct db *db, json_t *doc)
{
	json_object_set_new(
		doc, "cafes",
		json_rows(
			db,
			"SELECT json_object('session', s.code, 'tables', f.tables, 'seats', f.seats, "
			"'rounds', f.rounds, 'table_list', (SELECT json_group_array(json(t)) FROM "
			"(SELECT json_object('number', number, 'seats', seats, 'host', host_delegate_id, "
			"'question', question, 'step_free', json(CASE WHEN step_free THEN 'true' ELSE "
			"'false' END)) AS t FROM cafe_table WHERE session_id = f.session_id ORDER BY "
			"number))) FROM cafe f JOIN session s ON s.id = f.session_id ORDER BY s.id"));
	json_object_set_new(
		doc, "carousels",
		json_rows(
			db,
			"SELECT json_object('session', s.code, 'rotations', k.rotations, 'rotation_min', "
			"k.rotation_min, 'stations', (SELECT json_group_array(json(t)) FROM "
			"(SELECT json_object('number', number, 'topic', topic, 'place', place, "
			"'capacity', capacity, 'host_speaker', host_speaker_id, 'host_delegate', "
			"host_delegate_id, 'everyone', json(CASE WHEN everyone THEN 'true' ELSE 'false' "
			"END), 'skip', skip) AS t FROM station WHERE session_id = k.session_id ORDER BY "
			"number))) FROM carousel k JOIN session s ON s.id = k.session_id ORDER BY s.id"));
}

static const char *email_of(const struct conf *c, int d)
{
	return c->delegates[d].email;
}

/* Allocations, cafe seats and carousel visits as arrays of objects. */
static void json_links(const struct print_data *pd, json_t *doc)
{
	const struct conf *c = pd->c;
	json_t *alloc = json_array(), *seats = json_array(), *visits = json_array();

	for (int i = 0; i < pd->attend.n; i++) {
		const struct print_link *l = &pd->attend.v[i];

		json_array_append_new(alloc, json_pack("{s:s,s:I,s:s}", "delegate",
						       email_of(c, l->delegate), "delegate_id",
						       (json_int_t)c->delegates[l->delegate].id,
						       "session", c->sessions[l->session].code));
	}
	for (int i = 0; i < pd->seats.n; i++) {
		const struct print_link *l = &pd->seats.v[i];

		json_array_append_new(seats, json_pack("{s:s,s:s,s:I,s:i,s:i}", "session",
						       c->sessions[l->session].code, "delegate",
						       email_of(c, l->delegate), "delegate_id",
						       (json_int_t)c->delegates[l->delegate].id,
						       "round", l->a, "table", l->b));
	}
	for (int i = 0; i < pd->visits.n; i++) {
		const struct print_link *l = &pd->visits.v[i];
		const struct print_station *st = &pd->stations[l->b];

		json_array_append_new(visits, json_pack("{s:s,s:s,s:I,s:i,s:i,s:s}", "session",
							c->sessions[l->session].code, "delegate",
							email_of(c, l->delegate), "delegate_id",
							(json_int_t)c->delegates[l->delegate].id,
							"rotation", l->a, "station", st->number,
							"topic", st->topic));
	}
	json_object_set_new(doc, "allocations", alloc);
	json_object_set_new(doc, "cafe_seating", seats);
	json_object_set_new(doc, "carousel_rotations", visits);
}

void export_json(struct db *db, const struct print_data *pd, struct str *out)
{
	const struct conf *c = pd->c;
	json_t *doc = json_object(), *rooms, *days, *orgs, *speakers = json_people(c, &rooms, &days);
	json_t *delegates = json_delegates(db, c, &orgs);
	char *text;

	json_object_set_new(doc, "convene_export", json_integer(EXPORT_JSON_VERSION));
	json_object_set_new(doc, "event",
			    json_pack("{s:s,s:s,s:s,s:i,s:s}", "name", c->event.name, "venue",
				      c->event.venue, "timezone", c->event.timezone, "slot_minutes",
				      c->event.slot_minutes, "uuid", c->event.uuid));
	json_object_set_new(doc, "days", days);
	json_object_set_new(doc, "rooms", rooms);
	json_object_set_new(doc, "speakers", speakers);
	json_object_set_new(doc, "sessions", json_sessions(c));
	json_object_set_new(doc, "placements", json_placements(c));
	json_object_set_new(doc, "organisations", orgs);
	json_object_set_new(doc, "delegates", delegates);
	json_choices(db, doc);
	json_formats(db, doc);
	json_links(pd, doc);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	str_cat_safe(out, text, strlen(text), SAFE_DROP);
	str_catc(out, '\n');
	free(text);
	json_decref(doc);
}

enum status export_write(struct db *db, const struct print_data *pd, enum export_format format,
			 struct str *out, struct error *err)
{
	struct ics_seq *q;
	enum status st;

	switch (format) {
	case EXPORT_FRAB:
		return frab_export(pd->c, out, err);
	case EXPORT_CSV:
		export_csv(pd->c, out);
		return ST_OK;
	case EXPORT_JSON:
		export_json(db, pd, out);
		return ST_OK;
	case EXPORT_ICS:
		q = ics_seq_load(db, pd->c);
		st = ics_programme(pd->c, q, out, err);
		ics_seq_free(q);
		return st;
	}
	return error_set(err, ST_INPUT, "unknown export format");
}
