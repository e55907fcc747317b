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
	static const char *const heads[] = { "Day", "Date", "Start", "End", "Room", "Code",
					     "Title", "Kind", "Speakers" };
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

static json_t *json_sessions(const struct conf *c)
{
	json_t *arr = json_array();

	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];
		json_t *sp = json_array();

		for (int k = 0; k < s->nspeakers; k++)
			json_array_append_new(sp, json_integer(c->speakers[s->speakers[k]].id));
		json_array_append_new(arr, json_pack(
			"{s:I,s:s,s:s,s:s,s:i,s:o,s:s,s:s,s:s,s:b,s:o}", "id", (json_int_t)s->id,
			"code", s->code, "title", s->title, "kind", kind_name(s->kind),
			"duration", s->duration, "capacity",
			s->capacity >= 0 ? json_integer(s->capacity) : json_null(), "audience",
			s->audience, "track", s->track, "features", s->features, "pinned",
			s->pinned, "speakers", sp));
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

		json_array_append_new(*rooms, json_pack("{s:I,s:s,s:i,s:b,s:s,s:i}", "id",
							(json_int_t)r->id, "name", r->name,
							"capacity", r->capacity, "step_free",
							r->step_free, "features", r->features,
							"cafe_tables", r->cafe_tables));
	}
	for (int i = 0; i < c->nspeakers; i++) {
		const struct speaker *s = &c->speakers[i];

		json_array_append_new(sp, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id",
						    (json_int_t)s->id, "name", s->name, "title",
						    s->title, "honours", s->honours, "organisation",
						    s->organisation, "email", s->email));
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
						     s->code, "day", c->days[s->day].number,
						     "date", c->days[s->day].date, "start",
						     hhmm(s->start), "end",
						     hhmm(s->start + s->duration), "room",
						     c->rooms[s->room].name));
	}
	free(idx);
	return arr;
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

		json_array_append_new(alloc, json_pack("{s:s,s:s}", "delegate",
						       email_of(c, l->delegate), "session",
						       c->sessions[l->session].code));
	}
	for (int i = 0; i < pd->seats.n; i++) {
		const struct print_link *l = &pd->seats.v[i];

		json_array_append_new(seats, json_pack("{s:s,s:s,s:i,s:i}", "session",
						       c->sessions[l->session].code, "delegate",
						       email_of(c, l->delegate), "round", l->a,
						       "table", l->b));
	}
	for (int i = 0; i < pd->visits.n; i++) {
		const struct print_link *l = &pd->visits.v[i];
		const struct print_station *st = &pd->stations[l->b];

		json_array_append_new(visits, json_pack("{s:s,s:s,s:i,s:i,s:s}", "session",
							c->sessions[l->session].code, "delegate",
							email_of(c, l->delegate), "rotation", l->a,
							"station", st->number, "topic", st->topic));
	}
	json_object_set_new(doc, "allocations", alloc);
	json_object_set_new(doc, "cafe_seating", seats);
	json_object_set_new(doc, "carousel_rotations", visits);
}

void export_json(const struct print_data *pd, struct str *out)
{
	const struct conf *c = pd->c;
	json_t *doc = json_object(), *rooms, *days, *speakers = json_people(c, &rooms, &days);
	char *text;

	json_object_set_new(doc, "event", json_pack("{s:s,s:s,s:s,s:i}", "name", c->event.name,
						    "venue", c->event.venue, "timezone",
						    c->event.timezone, "slot_minutes",
						    c->event.slot_minutes));
	json_object_set_new(doc, "days", days);
	json_object_set_new(doc, "rooms", rooms);
	json_object_set_new(doc, "speakers", speakers);
	json_object_set_new(doc, "sessions", json_sessions(c));
	json_object_set_new(doc, "placements", json_placements(c));
	json_links(pd, doc);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	str_cat_safe(out, text, strlen(text), SAFE_DROP);
	str_catc(out, '\n');
	free(text);
	json_decref(doc);
}

enum status export_write(struct db *db, const struct print_data *pd,
			 enum export_format format, struct str *out, struct error *err)
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
		export_json(pd, out);
		return ST_OK;
	case EXPORT_ICS:
		q = ics_seq_load(db, pd->c);
		st = ics_programme(pd->c, q, out, err);
		ics_seq_free(q);
		return st;
	}
	return error_set(err, ST_INPUT, "unknown export format");
}
