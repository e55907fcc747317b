/* Lists. Each kind is a set of columns over the snapshot; text output pads
 * by display width so names in any script line up, JSON uses jansson. */
#include "convene/list.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char *const list_kinds[] = {
	"days", "rooms", "speakers", "sessions", "delegates", "organisations", "programme", NULL,
};

/* A table of text cells, and the JSON array built beside it. */
struct table {
	int ncols;
	const char *const *heads;
	const char *const *keys;
	char **cells;
	int nrows;
	json_t *json;
};

static void table_row(struct table *t, char **cells, json_t *extra)
{
	json_t *o;

	if (!t->json) {
		/* Text only: keep the cells, build no JSON. */
		t->cells = xreallocarray(t->cells, (size_t)(t->nrows + 1) * (size_t)t->ncols,
					 sizeof(char *));
		memcpy(&t->cells[t->nrows * t->ncols], cells, (size_t)t->ncols * sizeof(char *));
		json_decref(extra);
		t->nrows++;
		return;
	}
	o = json_object();
	t->cells = xreallocarray(t->cells, (size_t)(t->nrows + 1) * (size_t)t->ncols,
				 sizeof(char *));
	for (int i = 0; i < t->ncols; i++) {
		t->cells[t->nrows * t->ncols + i] = cells[i];
		if (t->keys[i])
			json_object_set_new(o, t->keys[i], json_string(cells[i]));
	}
	if (extra)
		json_object_update(o, extra);
	json_decref(extra);
	json_array_append_new(t->json, o);
	t->nrows++;
}

static void table_write(struct table *t, struct str *out)
{
	int *w = xcalloc((size_t)t->ncols, sizeof(int));

	if (t->json) {
		char *text = json_dumps(t->json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		str_cat(out, text);
		str_catc(out, '\n');
		free(text);
	} else {
		for (int i = 0; i < t->ncols; i++)
			w[i] = utf8_width(t->heads[i]);
		for (int r = 0; r < t->nrows; r++)
			for (int i = 0; i < t->ncols; i++) {
				int cw = utf8_width(t->cells[r * t->ncols + i]);

				if (cw > w[i])
					w[i] = cw;
			}
		for (int i = 0; i < t->ncols; i++)
			str_pad(out, t->heads[i], i + 1 < t->ncols ? w[i] + 2 : 0);
		str_catc(out, '\n');
		for (int r = 0; r < t->nrows; r++) {
			for (int i = 0; i < t->ncols; i++)
				str_pad(out, t->cells[r * t->ncols + i],
					i + 1 < t->ncols ? w[i] + 2 : 0);
			while (out->len && out->buf[out->len - 1] == ' ')
				out->buf[--out->len] = '\0';
			str_catc(out, '\n');
		}
	}
	for (int i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(w);
	json_decref(t->json);
}

static char *hhmm(int minutes)
{
	char buf[6];

	return xstrdup(time_format(minutes, buf));
}

static char *days_text(const struct conf *c, unsigned days)
{
	struct str s;

	if (days == 0)
		return xstrdup("all");
	str_init(&s);
	for (int d = 0; d < 14; d++)
		if (days & (1u << d))
			str_catf(&s, "%s%d", s.len ? ";" : "", d + 1);
	return str_steal(&s);
}

static void list_days(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Day", "Date", "Start", "End" };
	static const char *const keys[] = { "number", "date", "start", "end" };

	t->ncols = 4, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->ndays; i++) {
		const struct day *d = &c->days[i];
		char *cells[] = { xasprintf("%d", d->number), xstrdup(d->date), hhmm(d->start),
				  hhmm(d->end) };

		table_row(t, cells, NULL);
	}
}

static void list_rooms(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Room", "Capacity", "Step-free", "Cafe tables",
					     "Features" };
	static const char *const keys[] = { "name", NULL, NULL, NULL, "features" };

	t->ncols = 5, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->nrooms; i++) {
		const struct room *r = &c->rooms[i];
		char *cells[] = { xstrdup(r->name), xasprintf("%d", r->capacity),
				  xstrdup(r->step_free ? "yes" : "no"),
				  xasprintf("%d", r->cafe_tables), xstrdup(r->features) };

		table_row(t, cells,
			  json_pack("{s:i,s:b,s:i}", "capacity", r->capacity, "step_free",
				    r->step_free, "cafe_tables", r->cafe_tables));
	}
}

static void list_speakers(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Speaker", "Organisation", "Email", "Sessions" };
	static const char *const keys[] = { "display_name", "organisation", "email", NULL };

	t->ncols = 4, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->nspeakers; i++) {
		const struct speaker *s = &c->speakers[i];
		int n = 0;

		for (int k = 0; k < c->nsessions; k++)
			for (int j = 0; j < c->sessions[k].nspeakers; j++)
				n += c->sessions[k].speakers[j] == i;
		char *cells[] = { speaker_full_name(s), xstrdup(s->organisation), xstrdup(s->email),
				  xasprintf("%d", n) };

		table_row(t, cells,
			  json_pack("{s:s,s:s,s:s,s:i}", "name", s->name, "title", s->title,
				    "honours", s->honours, "sessions", n));
	}
}

static char *speakers_of(const struct conf *c, const struct session *s)
{
	struct str out;

	str_init(&out);
	for (int i = 0; i < s->nspeakers; i++)
		str_catf(&out, "%s%s", i ? "; " : "", c->speakers[s->speakers[i]].name);
	return str_steal(&out);
}

/* One session's row; a cancelled one says so where its room would be. */
static void session_row(const struct conf *c, const struct session *s, struct table *t)
{
	int placed = s->day >= 0 && s->room >= 0;
	char *cells[] = { xstrdup(s->code),
			  xstrdup(kind_name(s->kind)),
			  xstrdup(s->title),
			  xasprintf("%d", s->duration),
			  placed ? xasprintf("%d", c->days[s->day].number) : xstrdup("-"),
			  placed ? hhmm(s->start) : xstrdup("-"),
			  s->cancelled ? xasprintf("cancelled (%s)", s->cancelled)
				       : xstrdup(placed ? c->rooms[s->room].name : "-"),
			  speakers_of(c, s) };
	json_t *sp = json_array(), *row;

	for (int k = 0; k < s->nspeakers; k++)
		json_array_append_new(sp, json_string(c->speakers[s->speakers[k]].email));
	row = json_pack("{s:i,s:o,s:o,s:s,s:s,s:s,s:b,s:o,s:i}", "duration", s->duration, "day",
			placed ? json_integer(c->days[s->day].number) : json_null(), "capacity",
			s->capacity >= 0 ? json_integer(s->capacity) : json_null(), "audience",
			s->audience, "track", s->track, "features", s->features, "pinned",
			s->pinned, "speakers", sp, "demand", s->demand);
	if (s->cancelled)
		json_object_set_new(row, "cancelled", json_string(s->cancelled));
	table_row(t, cells, row);
}

/* Every session, the cancelled ones last. */
static void list_sessions(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Code", "Kind",  "Title", "Min",
					     "Day",  "Start", "Room",  "Speakers" };
	static const char *const keys[] = { "code", "kind",  "title", NULL,
					    NULL,   "start", "room",  NULL };

	t->ncols = 8, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->nsessions; i++)
		session_row(c, &c->sessions[i], t);
	for (int i = 0; i < c->ncancelled; i++)
		session_row(c, &c->cancelled[i], t);
}

static void list_delegates(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Delegate", "Organisation", "Type",  "Role",
					     "Email",    "Days",         "Access" };
	static const char *const keys[] = { "name",  "organisation", "organisation_type",
					    "role",  "email",        "days",
					    "access" };

	t->ncols = 7, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->ndelegates; i++) {
		const struct delegate *d = &c->delegates[i];
		const struct organisation *o = d->organisation >= 0
						       ? &c->organisations[d->organisation]
						       : NULL;
		char *cells[] = { delegate_name(d),          xstrdup(o ? o->name : ""),
				  xstrdup(o ? o->type : ""), xstrdup(d->role),
				  xstrdup(d->email),         days_text(c, d->days),
				  xstrdup(d->access) };

		table_row(t, cells,
			  json_pack("{s:s,s:s,s:s}", "first_name", d->first_name, "last_name",
				    d->last_name, "region", d->region));
	}
}

static void list_organisations(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Organisation", "Type", "Delegates" };
	static const char *const keys[] = { "name", "type", NULL };
	int *n = xcalloc((size_t)c->norganisations + 1, sizeof(int));

	t->ncols = 3, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->ndelegates; i++)
		if (c->delegates[i].organisation >= 0)
			n[c->delegates[i].organisation]++;
	for (int i = 0; i < c->norganisations; i++) {
		char *cells[] = { xstrdup(c->organisations[i].name),
				  xstrdup(c->organisations[i].type), xasprintf("%d", n[i]) };

		table_row(t, cells, json_pack("{s:i}", "delegates", n[i]));
	}
	free(n);
}

static int by_day_time_room(const void *pa, const void *pb, void *arg)
{
	const struct conf *c = arg;
	const struct session *a = &c->sessions[*(const int *)pa];
	const struct session *b = &c->sessions[*(const int *)pb];

	if (a->day != b->day)
		return a->day - b->day;
	if (a->start != b->start)
		return a->start - b->start;
	return a->room - b->room;
}

static void list_programme(const struct conf *c, struct table *t)
{
	static const char *const heads[] = { "Day", "Start", "End", "Room", "Code", "Title" };
	static const char *const keys[] = { NULL, "start", "end", "room", "code", "title" };
	int *idx = xcalloc((size_t)c->nsessions + 1, sizeof(int)), n = 0;

	t->ncols = 6, t->heads = heads, t->keys = keys;
	for (int i = 0; i < c->nsessions; i++)
		if (c->sessions[i].day >= 0 && c->sessions[i].room >= 0)
			idx[n++] = i;
	qsort_r(idx, (size_t)n, sizeof(int), by_day_time_room, (void *)c);
	for (int k = 0; k < n; k++) {
		const struct session *s = &c->sessions[idx[k]];
		char *cells[] = { xasprintf("%d", c->days[s->day].number),
				  hhmm(s->start),
				  hhmm(s->start + s->duration),
				  xstrdup(c->rooms[s->room].name),
				  xstrdup(s->code),
				  xstrdup(s->title) };

		table_row(t, cells,
			  json_pack("{s:i,s:s}", "day", c->days[s->day].number, "date",
				    c->days[s->day].date));
	}
	free(idx);
}

enum status list_write(const struct conf *c, const char *kind, int json, struct str *out,
		       struct error *err)
{
	static const struct {
		const char *name;
		void (*fn)(const struct conf *, struct table *);
	} fns[] = {
		{ "days", list_days },
		{ "rooms", list_rooms },
		{ "speakers", list_speakers },
		{ "sessions", list_sessions },
		{ "delegates", list_delegates },
		{ "organisations", list_organisations },
		{ "organizations", list_organisations },
		{ "programme", list_programme },
		{ "program", list_programme },
	};

	for (size_t i = 0; i < ARRAY_SIZE(fns); i++) {
		if (str_ieq(kind, fns[i].name)) {
			struct table t = { .json = json ? json_array() : NULL };

			fns[i].fn(c, &t);
			table_write(&t, out);
			return ST_OK;
		}
	}
	return error_set(err, ST_INPUT,
			 "'%s' is not a kind to list (days, rooms, speakers, "
			 "sessions, delegates, organisations, programme)",
			 kind);
}

json_t *problems_json(const struct conf *c, const struct problem_list *l)
{
	json_t *by = json_object(), *items = json_array();

	for (int f = 0; f < TIMETABLE_NFAMILIES; f++)
		json_object_set_new(by, timetable_family_name((enum timetable_family)f),
				    json_pack("{s:b,s:s,s:I,s:I}", "hard",
					      timetable_family_hard((enum timetable_family)f),
					      "meaning",
					      timetable_family_meaning((enum timetable_family)f),
					      "count", (json_int_t)l->count[f], "cost",
					      (json_int_t)l->cost[f]));
	for (int i = 0; i < l->n; i++) {
		const struct problem *p = &l->items[i];
		json_t *sessions = json_array();

		if (p->session >= 0)
			json_array_append_new(sessions, json_string(c->sessions[p->session].code));
		if (p->other >= 0)
			json_array_append_new(sessions, json_string(c->sessions[p->other].code));
		json_array_append_new(items,
				      json_pack("{s:s,s:b,s:o,s:s,s:I,s:I,s:s}", "family",
						timetable_family_name(p->family), "hard", p->hard,
						"sessions", sessions, "speaker",
						p->speaker >= 0 ? c->speakers[p->speaker].name : "",
						"amount", (json_int_t)p->amount, "cost",
						(json_int_t)p->cost, "message", p->text));
	}
	return json_pack("{s:I,s:I,s:o,s:o}", "hard", (json_int_t)l->hard, "soft",
			 (json_int_t)l->soft, "breakdown", by, "problems", items);
}

void problems_text_summary(const struct problem_list *l, struct str *out)
{
	str_catf(out, "%ld hard, soft cost %lld\n", l->hard, l->soft);
	for (int f = 0; f < TIMETABLE_NFAMILIES; f++)
		if (l->count[f])
			str_catf(out, "  %-4s %-20s %4ld  cost %lld\n",
				 timetable_family_hard((enum timetable_family)f) ? "hard" : "soft",
				 timetable_family_name((enum timetable_family)f), l->count[f],
				 l->cost[f]);
}

void list_problems(const struct conf *c, const struct problem_list *l, int json, struct str *out)
{
	if (json) {
		json_t *doc = problems_json(c, l);
		char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		str_catf(out, "%s\n", text);
		free(text);
		json_decref(doc);
		return;
	}
	for (int i = 0; i < l->n; i++)
		str_catf(out, "%s %-19s %s\n", l->items[i].hard ? "hard" : "soft",
			 timetable_family_name(l->items[i].family), l->items[i].text);
	problems_text_summary(l, out);
}
