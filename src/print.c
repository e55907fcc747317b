/* Timetables and sheets. print_data_load reads every link between delegates
 * and sessions once, grouped by delegate with a counting sort, and when
 * each delegate last had their timetable printed; a timetable is then built
 * per delegate without touching the file. What changed in a timetable is
 * worked out elsewhere (changes.c, from two timetables built here) and
 * handed back as marks. */
#include "convene/print.h"

#include "convene/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int station_at(const struct print_data *pd, int64_t id)
{
	INDEX_BY_ID(pd->stations, pd->nstations, id);
}

/* Group n links into a relation by delegate (a counting sort that keeps
 * their order within each delegate); takes tmp. */
static void rel_group(const struct conf *c, struct print_rel *rel, struct print_link *tmp, int n)
{
	int *at = xcalloc((size_t)c->ndelegates + 1, sizeof(int));

	rel->off = xcalloc((size_t)c->ndelegates + 2, sizeof(int));
	rel->v = xcalloc((size_t)n + 1, sizeof(*rel->v));
	rel->n = n;
	for (int i = 0; i < n; i++)
		rel->off[tmp[i].delegate + 1]++;
	for (int d = 0; d < c->ndelegates; d++)
		rel->off[d + 1] += rel->off[d];
	for (int i = 0; i < n; i++)
		rel->v[rel->off[tmp[i].delegate] + at[tmp[i].delegate]++] = tmp[i];
	free(at);
	free(tmp);
}

static void add_link(struct print_link **v, int *n, int *cap, struct print_link l)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = xreallocarray(*v, (size_t)*cap, sizeof(**v));
	}
	(*v)[(*n)++] = l;
}

/* Read rows (delegate id, session id, a, b) into a relation grouped by
 * delegate; b is a station id when stations is set. */
static void load_rel(struct db *db, const char *sql, struct print_data *pd, struct print_rel *rel,
		     int stations)
{
	const struct conf *c = pd->c;
	struct db_stmt *st = db_prepare(db, sql);
	struct print_link *tmp = NULL;
	int n = 0, cap = 0;

	while (db_step(st) == 1) {
		int d = conf_delegate_at(c, db_col_int(st, 0));
		int s = conf_session_at(c, db_col_int(st, 1));
		int b = stations ? station_at(pd, db_col_int(st, 3)) : (int)db_col_int(st, 3);

		if (d < 0 || s < 0 || (stations && b < 0))
			continue;
		add_link(&tmp, &n, &cap, (struct print_link){ d, s, (int)db_col_int(st, 2), b });
	}
	db_reset(st);
	rel_group(c, rel, tmp, n);
}

/* Who hosts which cafe table and carousel station, grouped by delegate. */
static void group_hosts(struct print_data *pd)
{
	struct print_link *tmp = NULL;
	int n = 0, cap = 0;

	for (int i = 0; i < pd->ntables; i++)
		if (pd->tables[i].host >= 0)
			add_link(&tmp, &n, &cap,
				 (struct print_link){ pd->tables[i].host, pd->tables[i].session, 0,
						      pd->tables[i].number });
	for (int i = 0; i < pd->nstations; i++)
		if (pd->stations[i].host_delegate >= 0)
			add_link(&tmp, &n, &cap,
				 (struct print_link){ pd->stations[i].host_delegate,
						      pd->stations[i].session, 1, i });
	rel_group(pd->c, &pd->hosts, tmp, n);
}

static void load_stations(struct db *db, struct print_data *pd)
{
	const struct conf *c = pd->c;
	struct db_stmt *st = db_prepare(db,
					"SELECT id, session_id, number, topic, place, "
					"coalesce(host_speaker_id, 0), coalesce(host_delegate_id, 0), "
					"skip FROM station ORDER BY id");
	int cap = 0;

	while (db_step(st) == 1) {
		struct print_station *s;
		int sp = conf_speaker_at(c, db_col_int(st, 5));
		int hd = conf_delegate_at(c, db_col_int(st, 6));
		int se = conf_session_at(c, db_col_int(st, 1));

		if (se < 0)
			continue;
		if (pd->nstations == cap) {
			cap = cap ? cap * 2 : 32;
			pd->stations = xreallocarray(pd->stations, (size_t)cap, sizeof(*s));
		}
		s = &pd->stations[pd->nstations++];
		s->id = db_col_int(st, 0);
		s->session = se;
		s->number = (int)db_col_int(st, 2);
		s->topic = xstrdup(db_col_text(st, 3));
		s->place = xstrdup(db_col_text(st, 4));
		s->host_delegate = hd;
		s->host = sp >= 0   ? speaker_full_name(&c->speakers[sp])
			  : hd >= 0 ? delegate_name(&c->delegates[hd])
				    : xstrdup("");
		s->skip = (unsigned)db_col_int(st, 7);
	}
	db_reset(st);
}

static void load_tables(struct db *db, struct print_data *pd)
{
	const struct conf *c = pd->c;
	struct db_stmt *st = db_prepare(db,
					"SELECT session_id, number, coalesce(host_delegate_id, 0), "
					"question FROM cafe_table ORDER BY session_id, number");
	int cap = 0;

	while (db_step(st) == 1) {
		int se = conf_session_at(c, db_col_int(st, 0));

		if (se < 0)
			continue;
		if (pd->ntables == cap) {
			cap = cap ? cap * 2 : 32;
			pd->tables = xreallocarray(pd->tables, (size_t)cap, sizeof(*pd->tables));
		}
		pd->tables[pd->ntables++] = (struct print_table){
			se, (int)db_col_int(st, 1), conf_delegate_at(c, db_col_int(st, 2)),
			xstrdup(db_col_text(st, 3))
		};
	}
	db_reset(st);
}

static void load_shapes(struct db *db, struct print_data *pd)
{
	const struct conf *c = pd->c;
	struct db_stmt *st;

	pd->shape = xcalloc((size_t)c->nsessions + 1, sizeof(*pd->shape));
	pd->seated = xcalloc((size_t)c->nsessions + 1, sizeof(int));
	st = db_prepare(db, "SELECT session_id, rounds FROM cafe");
	while (db_step(st) == 1) {
		int s = conf_session_at(c, db_col_int(st, 0));

		if (s >= 0)
			pd->shape[s].rounds = (int)db_col_int(st, 1);
	}
	db_reset(st);
	st = db_prepare(db, "SELECT session_id, rotations, rotation_min FROM carousel");
	while (db_step(st) == 1) {
		int s = conf_session_at(c, db_col_int(st, 0));

		if (s >= 0) {
			pd->shape[s].rotations = (int)db_col_int(st, 1);
			pd->shape[s].rotation_min = (int)db_col_int(st, 2);
		}
	}
	db_reset(st);
	for (int i = 0; i < pd->seats.n; i++)
		pd->seated[pd->seats.v[i].session]++;
	for (int i = 0; i < pd->visits.n; i++)
		pd->seated[pd->visits.v[i].session]++;
}

static void load_last_print(struct db *db, struct print_data *pd)
{
	struct db_stmt *st = db_prepare(db, "SELECT row_id, max(edit) FROM journal WHERE "
					    "tbl = 'print' AND op = 'note' GROUP BY row_id");

	pd->last_print = xcalloc((size_t)pd->c->ndelegates + 1, sizeof(int64_t));
	while (db_step(st) == 1) {
		int d = conf_delegate_at(pd->c, db_col_int(st, 0));

		if (d >= 0)
			pd->last_print[d] = db_col_int(st, 1);
	}
	db_reset(st);
}

static int is_for_everyone(enum session_kind k)
{
	return kind_is_common(k) || k == KIND_KEYNOTE || k == KIND_PLENARY;
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
	if (a->room != b->room)
		return a->room - b->room;
	return *(const int *)pa - *(const int *)pb;
}

static int placed(const struct session *s)
{
	return s->day >= 0 && s->room >= 0;
}

enum status print_data_load(struct db *db, const struct conf *c, struct print_data *pd,
			    struct error *err)
{
	int own = !db_in_edit(db);

	memset(pd, 0, sizeof(*pd));
	pd->c = c;
	if (own && db_exec(db, "BEGIN", err))
		return ST_IO;
	load_stations(db, pd);
	load_tables(db, pd);
	load_rel(db,
		 "SELECT delegate_id, session_id, 0, 0 FROM attendance ORDER BY delegate_id, "
		 "session_id",
		 pd, &pd->attend, 0);
	load_rel(db,
		 "SELECT delegate_id, session_id, min(rank), 0 FROM preference GROUP BY "
		 "delegate_id, session_id ORDER BY delegate_id, min(rank), session_id",
		 pd, &pd->prefs, 0);
	load_rel(db,
		 "SELECT delegate_id, session_id, round, table_no FROM cafe_seat ORDER BY "
		 "delegate_id, session_id, round",
		 pd, &pd->seats, 0);
	load_rel(db,
		 "SELECT delegate_id, session_id, rotation, station_id FROM carousel_visit "
		 "ORDER BY delegate_id, session_id, rotation",
		 pd, &pd->visits, 1);
	load_shapes(db, pd);
	load_last_print(db, pd);
	if (own)
		db_exec(db, "COMMIT", NULL);
	group_hosts(pd);
	pd->allocated = pd->attend.n > 0;
	pd->common = xcalloc((size_t)c->nsessions + 1, sizeof(int));
	for (int i = 0; i < c->nsessions; i++)
		if (placed(&c->sessions[i]) && is_for_everyone(c->sessions[i].kind))
			pd->common[pd->ncommon++] = i;
	qsort_r(pd->common, (size_t)pd->ncommon, sizeof(int), by_time, (void *)c);
	return ST_OK;
}

static void rel_done(struct print_rel *r)
{
	free(r->v);
	free(r->off);
}

void print_data_done(struct print_data *pd)
{
	rel_done(&pd->attend);
	rel_done(&pd->prefs);
	rel_done(&pd->seats);
	rel_done(&pd->visits);
	rel_done(&pd->hosts);
	print_data_unmark(pd);
	for (int i = 0; i < pd->nstations; i++) {
		free(pd->stations[i].topic);
		free(pd->stations[i].place);
		free(pd->stations[i].host);
	}
	for (int i = 0; i < pd->ntables; i++)
		free(pd->tables[i].question);
	free(pd->stations);
	free(pd->tables);
	free(pd->shape);
	free(pd->seated);
	free(pd->last_print);
	free(pd->common);
	memset(pd, 0, sizeof(*pd));
}

void print_timetable_init(struct print_timetable *tt, const struct print_data *pd)
{
	memset(tt, 0, sizeof(*tt));
	tt->seen = xcalloc((size_t)pd->c->nsessions + 1, sizeof(int));
}

void print_timetable_done(struct print_timetable *tt)
{
	free(tt->e);
	free(tt->d);
	free(tt->seen);
	memset(tt, 0, sizeof(*tt));
}

static int attends_day(const struct delegate *d, const struct day *day)
{
	return d->days == 0 ||
	       (day->number >= 1 && day->number <= 14 && (d->days & (1u << (day->number - 1))));
}

/* Add an entry for session s unless it is listed, unplaced or on another day. */
static struct print_entry *add_entry(struct print_timetable *tt, const struct print_data *pd, int s,
				     unsigned flags, int day)
{
	const struct session *se = &pd->c->sessions[s];
	struct print_entry *e;

	if (!placed(se) || tt->seen[s] == tt->delegate + 1 || (day >= 0 && se->day != day))
		return NULL;
	tt->seen[s] = tt->delegate + 1;
	if (tt->n == tt->cap) {
		tt->cap = tt->cap ? tt->cap * 2 : 16;
		tt->e = xreallocarray(tt->e, (size_t)tt->cap, sizeof(*tt->e));
	}
	e = &tt->e[tt->n++];
	*e = (struct print_entry){ s,  se->day, se->start, se->start + se->duration, flags, 0,
				   -1, tt->nd,  0 };
	return e;
}

static void add_detail(struct print_timetable *tt, struct print_entry *e, struct print_detail dt)
{
	if (tt->nd == tt->dcap) {
		tt->dcap = tt->dcap ? tt->dcap * 2 : 16;
		tt->d = xreallocarray(tt->d, (size_t)tt->dcap, sizeof(*tt->d));
	}
	tt->d[tt->nd++] = dt;
	e->ndetails++;
}

/* Whether delegate d hosts, in session, table number b (carousel 0) or
 * station index b (carousel 1). */
static int hosts(const struct print_data *pd, int d, int session, int carousel, int b)
{
	for (int i = pd->hosts.off[d]; i < pd->hosts.off[d + 1]; i++) {
		const struct print_link *l = &pd->hosts.v[i];

		if (l->session == session && l->a == carousel && l->b == b)
			return 1;
	}
	return 0;
}

/* Cafe seats or carousel visits of delegate d as entries with details;
 * links of one session are adjacent. */
static void add_rounds(struct print_timetable *tt, const struct print_data *pd, int d,
		       const struct print_rel *rel, int carousel, int day)
{
	struct print_entry *e = NULL;
	int cur = -1;

	for (int i = rel->off[d]; i < rel->off[d + 1]; i++) {
		const struct print_link *l = &rel->v[i];
		const struct session *s = &pd->c->sessions[l->session];
		const struct print_shape *sh = &pd->shape[l->session];
		struct print_detail dt = { l->a, 0, 0, 0, -1, 0, 0 };

		if (l->session != cur) {
			cur = l->session;
			e = add_entry(tt, pd, l->session, 0, day);
		}
		if (!e)
			continue;
		if (carousel) {
			session_round_times(s, l->a, sh->rotations, sh->rotation_min, &dt.start,
					    &dt.end);
			dt.station = l->b;
		} else {
			session_round_times(s, l->a, sh->rounds, 0, &dt.start, &dt.end);
			dt.table = l->b;
		}
		dt.host = hosts(pd, d, l->session, carousel, l->b);
		add_detail(tt, e, dt);
	}
}

/* The tables and stations d hosts where d has no seat or visit (a station
 * host does not rotate; a cafe not yet seated): there every round or
 * rotation the station runs. */
static void add_duties(struct print_timetable *tt, const struct print_data *pd, int d, int day)
{
	for (int i = pd->hosts.off[d]; i < pd->hosts.off[d + 1]; i++) {
		const struct print_link *l = &pd->hosts.v[i];
		const struct session *s = &pd->c->sessions[l->session];
		const struct print_shape *sh = &pd->shape[l->session];
		int carousel = l->a, rounds = carousel ? sh->rotations : sh->rounds;
		struct print_entry *e = add_entry(tt, pd, l->session, 0, day);

		for (int r = 1; e && r <= rounds; r++) {
			struct print_detail dt = {
				r, 0, 0, carousel ? 0 : l->b, carousel ? l->b : -1, 1, 0
			};

			if (carousel && r <= 32 && (pd->stations[l->b].skip & (1u << (r - 1))))
				continue;
			session_round_times(s, r, rounds, carousel ? sh->rotation_min : 0,
					    &dt.start, &dt.end);
			add_detail(tt, e, dt);
		}
	}
}

static int entry_order(const void *pa, const void *pb)
{
	const struct print_entry *a = pa, *b = pb;

	if (a->day != b->day)
		return a->day - b->day;
	if (a->start != b->start)
		return a->start - b->start;
	if (a->end != b->end)
		return a->end - b->end;
	return a->session - b->session;
}

/* Put delegate d's marks (pd->marks) on the entries. */
static void apply_marks(struct print_timetable *tt, const struct print_data *pd, int d)
{
	const struct print_marks *m = pd->marks ? &pd->marks[d] : NULL;

	tt->changed = 0;
	tt->changes = m ? m->changes : 0;
	for (int i = 0; m && i < m->n; i++) {
		for (int k = 0; k < tt->n; k++) {
			struct print_entry *e = &tt->e[k];

			if (e->session != m->v[i].session)
				continue;
			e->changed |= m->v[i].bits;
			e->old_room = m->v[i].old_room;
			tt->changed |= m->v[i].bits;
			for (int j = e->detail; j < e->detail + e->ndetails; j++)
				tt->d[j].changed = tt->d[j].round >= 1 && tt->d[j].round <= 64 &&
						   ((m->v[i].rounds >> (tt->d[j].round - 1)) & 1);
		}
	}
}

void print_timetable_build(struct print_timetable *tt, const struct print_data *pd, int d, int day)
{
	const struct conf *c = pd->c;
	const struct delegate *dg = &c->delegates[d];

	tt->delegate = d;
	tt->n = tt->nd = 0;
	for (int i = 0; i < c->nsessions; i++)
		if (tt->seen[i] == d + 1)
			tt->seen[i] = 0;
	for (int k = 0; k < pd->ncommon; k++) {
		int s = pd->common[k];

		if (attends_day(dg, &c->days[c->sessions[s].day]))
			add_entry(tt, pd, s, 0, day);
	}
	add_rounds(tt, pd, d, &pd->seats, 0, day);
	add_rounds(tt, pd, d, &pd->visits, 1, day);
	add_duties(tt, pd, d, day);
	for (int i = pd->attend.off[d]; i < pd->attend.off[d + 1]; i++)
		add_entry(tt, pd, pd->attend.v[i].session, 0, day);
	for (int i = pd->prefs.off[d]; i < pd->prefs.off[d + 1]; i++) {
		int s = pd->prefs.v[i].session;
		enum session_kind k = c->sessions[s].kind;

		if ((kind_is_breakout(k) && !pd->allocated) ||
		    ((k == KIND_WORLD_CAFE || k == KIND_CAROUSEL) && !pd->seated[s]))
			add_entry(tt, pd, s, ENTRY_CHOSEN, day);
	}
	if (tt->n > 1)
		qsort(tt->e, (size_t)tt->n, sizeof(*tt->e), entry_order);
	apply_marks(tt, pd, d);
}

void print_data_unmark(struct print_data *pd)
{
	for (int d = 0; pd->marks && d < pd->c->ndelegates; d++)
		free(pd->marks[d].v);
	free(pd->marks);
	pd->marks = NULL;
}

enum status print_record(struct db *db, const struct conf *c, const int *delegates, int n,
			 const char *format, struct error *err)
{
	return print_record_progress(db, c, delegates, n, format, NULL, NULL, err);
}

enum status print_record_progress(struct db *db, const struct conf *c, const int *delegates, int n,
				  const char *format, int (*progress)(int, int, void *), void *arg,
				  struct error *err)
{
	struct db_stmt *st;
	enum status s;
	char *json;

	if (n == 0)
		return ST_OK;
	if ((s = db_begin(db, "print", err)))
		return s;
	json = xasprintf("{\"format\":\"%s\"}", format);
	st = db_prepare(db, "INSERT INTO journal (edit, who, what, tbl, row_id, op, after) "
			    "VALUES (?1, convene_actor(), 'print', 'print', ?2, 'note', ?3)");
	for (int i = 0; i < n && !s; i++) {
		db_bind_int(st, 1, db_edit_number(db));
		db_bind_int(st, 2, c->delegates[delegates[i]].id);
		db_bind_text(st, 3, json);
		if (db_run(st))
			s = error_set(err, ST_IO, "recording the print: %s", db_errmsg(db));
		if (progress && i % 256 == 255)
			progress(i + 1, n, arg);
	}
	free(json);
	if (s) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

int print_find_delegate(const struct conf *c, const char *key, struct error *err)
{
	int found = -1, n = 0;

	for (int i = 0; i < c->ndelegates; i++)
		if (*c->delegates[i].email && str_ieq(c->delegates[i].email, key))
			return i;
	/* A whole name, then a part of one, regardless of case and accents. */
	for (int pass = 0; pass < 2 && n == 0; pass++) {
		for (int i = 0; i < c->ndelegates && n < 2; i++) {
			char *name = delegate_name(&c->delegates[i]);

			if (pass ? fold_contains(name, key) : fold_equal(name, key)) {
				found = i;
				n++;
			}
			free(name);
		}
	}
	if (n == 1)
		return found;
	error_set(err, ST_INPUT,
		  n ? "delegate '%s': several names match; give the email"
		    : "delegate '%s': no delegate has that email or name",
		  key);
	return -1;
}

int print_find_room(const struct conf *c, const char *name)
{
	for (int i = 0; i < c->nrooms; i++)
		if (strcasecmp(c->rooms[i].name, name) == 0)
			return i;
	return -1;
}

char *print_date_long(const char *date)
{
	static const char *const days[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
					    "Thursday", "Friday", "Saturday" };
	static const char *const months[] = { "January",   "February", "March",    "April",
					      "May",       "June",     "July",     "August",
					      "September", "October",  "November", "December" };
	int y, m, d, w;

	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
		return xstrdup(date);
	/* Sakamoto's day of the week. */
	{
		static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
		int yy = m < 3 ? y - 1 : y;

		w = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
	}
	return xasprintf("%s %d %s %d", days[w], d, months[m - 1], y);
}

void print_detail_text(const struct print_data *pd, const struct print_entry *e,
		       const struct print_detail *dt, struct str *out)
{
	if (dt->station >= 0) {
		const struct print_station *st = &pd->stations[dt->station];

		str_catf(out, "Station %d: %s", st->number, st->topic);
		if (*st->place)
			str_catf(out, ", %s", st->place);
	} else {
		str_catf(out, "Table %d", dt->table);
		for (int i = 0; i < pd->ntables; i++)
			if (pd->tables[i].session == e->session &&
			    pd->tables[i].number == dt->table && *pd->tables[i].question)
				str_catf(out, ": %s", pd->tables[i].question);
	}
	if (dt->host)
		str_cat(out,
			dt->station >= 0 ? " (you host this station)" : " (you host this table)");
	if (dt->changed)
		str_cat(out, " (changed)");
}

/* The words of each mark, in the order they are shown. */
static const struct {
	unsigned bit;
	const char *text;
} mark_words[] = {
	{ MARK_NEW, "NEW" },
	{ MARK_ALLOCATED, "ALLOCATED" },
	{ MARK_TITLE, "TITLE CHANGED" },
	{ MARK_ROOM, "ROOM CHANGED" },
	{ MARK_TIME, "TIME CHANGED" },
	{ MARK_SEATING, NULL },
};

void print_entry_note(const struct print_data *pd, const struct print_entry *e, struct str *out)
{
	const char *sep = "";

	if (e->flags & ENTRY_CHOSEN) {
		str_cat(out, "(chosen, not yet allocated)");
		sep = " ";
	}
	for (size_t i = 0; i < ARRAY_SIZE(mark_words); i++) {
		unsigned bit = mark_words[i].bit;

		if (!(e->changed & bit))
			continue;
		if (bit == MARK_SEATING)
			str_catf(out, "%s%s CHANGED", sep,
				 pd->shape[e->session].rotations ? "STATION" : "TABLE");
		else
			str_catf(out, "%s%s", sep, mark_words[i].text);
		if (bit == MARK_ROOM && e->old_room >= 0)
			str_catf(out, " (was %s)", pd->c->rooms[e->old_room].name);
		sep = "; ";
	}
}

char *print_speakers(const struct conf *c, const struct session *s)
{
	struct str out;

	str_init(&out);
	for (int i = 0; i < s->nspeakers; i++) {
		char *name = speaker_full_name(&c->speakers[s->speakers[i]]);

		str_catf(&out, "%s%s", i ? "; " : "", name);
		free(name);
	}
	return str_steal(&out);
}

static int by_name(const void *pa, const void *pb, void *arg)
{
	const struct conf *c = arg;
	const struct delegate *a = &c->delegates[*(const int *)pa];
	const struct delegate *b = &c->delegates[*(const int *)pb];
	int r = strcoll(a->last_name, b->last_name);

	if (!r)
		r = strcoll(a->first_name, b->first_name);
	return r ? r : *(const int *)pa - *(const int *)pb;
}

int print_session_people(const struct print_data *pd, int session, int **out, int *chosen)
{
	const struct conf *c = pd->c;
	const struct session *s = &c->sessions[session];
	char *mark = xcalloc((size_t)c->ndelegates + 1, 1);
	int n = 0;

	*chosen = 0;
	*out = xcalloc((size_t)c->ndelegates + 1, sizeof(int));
	if (is_for_everyone(s->kind) && placed(s)) {
		for (int d = 0; d < c->ndelegates; d++)
			mark[d] = (char)attends_day(&c->delegates[d], &c->days[s->day]);
	} else {
		const struct print_rel *rels[] = { &pd->attend, &pd->seats, &pd->visits };

		for (size_t r = 0; r < ARRAY_SIZE(rels); r++)
			for (int i = 0; i < rels[r]->n; i++)
				if (rels[r]->v[i].session == session)
					mark[rels[r]->v[i].delegate] = 1;
		if ((kind_is_breakout(s->kind) && !pd->allocated) ||
		    (!kind_is_breakout(s->kind) && !pd->seated[session])) {
			*chosen = 1;
			for (int i = 0; i < pd->prefs.n; i++)
				if (pd->prefs.v[i].session == session)
					mark[pd->prefs.v[i].delegate] = 1;
		}
	}
	for (int d = 0; d < c->ndelegates; d++)
		if (mark[d])
			(*out)[n++] = d;
	free(mark);
	qsort_r(*out, (size_t)n, sizeof(int), by_name, (void *)c);
	return n;
}

/* Text writers. */

static void time_range(struct str *out, int start, int end)
{
	char a[6], b[6];

	str_catf(out, "%s-%s", time_format(start, a), time_format(end, b));
}

static void day_heading(const struct conf *c, int day, struct str *out)
{
	char *date = print_date_long(c->days[day].date);

	str_catf(out, "Day %d, %s\n", c->days[day].number, date);
	free(date);
}

void print_timetable_text(const struct print_data *pd, const struct print_timetable *tt,
			  struct str *out)
{
	const struct conf *c = pd->c;
	const struct delegate *d = &c->delegates[tt->delegate];
	char *name = delegate_name(d);
	int roomw = 4, day = -1;
	struct str note;

	str_init(&note);
	str_catf(out, "%s\n", name);
	if (d->organisation >= 0)
		str_catf(out, "%s\n", c->organisations[d->organisation].name);
	str_catf(out, "%s%s%s\n", c->event.name, *c->event.venue ? ", " : "", c->event.venue);
	for (int i = 0; i < tt->n; i++) {
		int w = utf8_width(c->rooms[c->sessions[tt->e[i].session].room].name);

		if (w > roomw)
			roomw = w;
	}
	if (tt->n == 0)
		str_cat(out, "\nNothing in the programme yet.\n");
	for (int i = 0; i < tt->n; i++) {
		const struct print_entry *e = &tt->e[i];
		const struct session *s = &c->sessions[e->session];

		if (e->day != day) {
			day = e->day;
			str_catc(out, '\n');
			day_heading(c, day, out);
		}
		str_cat(out, "  ");
		time_range(out, e->start, e->end);
		str_cat(out, "  ");
		str_pad(out, c->rooms[s->room].name, roomw + 2);
		str_cat(out, s->title);
		str_clear(&note);
		print_entry_note(pd, e, &note);
		if (note.len)
			str_catf(out, " %s", note.buf);
		str_catc(out, '\n');
		for (int k = 0; k < e->ndetails; k++) {
			const struct print_detail *dt = &tt->d[e->detail + k];

			str_catf(out, "%*s%s %d  ", 17 + roomw, "",
				 dt->station >= 0 ? "Rotation" : "Round", dt->round);
			time_range(out, dt->start, dt->end);
			str_cat(out, "  ");
			print_detail_text(pd, e, dt, out);
			str_catc(out, '\n');
		}
	}
	str_done(&note);
	free(name);
}

void print_door_text(const struct print_data *pd, int room, int day, struct str *out)
{
	const struct conf *c = pd->c;
	int *idx = xcalloc((size_t)c->nsessions + 1, sizeof(int)), n = 0;

	for (int i = 0; i < c->nsessions; i++)
		if (placed(&c->sessions[i]) && c->sessions[i].room == room &&
		    c->sessions[i].day == day)
			idx[n++] = i;
	qsort_r(idx, (size_t)n, sizeof(int), by_time, (void *)c);
	str_catf(out, "%s\n", c->rooms[room].name);
	day_heading(c, day, out);
	str_catc(out, '\n');
	if (n == 0)
		str_cat(out, "  Nothing is on in this room today.\n");
	for (int k = 0; k < n; k++) {
		const struct session *s = &c->sessions[idx[k]];
		char *sp = print_speakers(c, s);

		str_cat(out, "  ");
		time_range(out, s->start, s->start + s->duration);
		str_catf(out, "  %s\n", s->title);
		if (*sp)
			str_catf(out, "               %s\n", sp);
		free(sp);
	}
	free(idx);
}

/* The names, comma-separated, of delegates at one table or station in one
 * round; host marks who hosts. */
static void names_at(const struct print_data *pd, const struct print_rel *rel, int session,
		     int round, int place, int host, struct str *out)
{
	const struct conf *c = pd->c;
	int *ids = NULL, n = 0;

	for (int i = 0; i < rel->n; i++) {
		const struct print_link *l = &rel->v[i];

		if (l->session == session && l->a == round && l->b == place) {
			ids = xreallocarray(ids, (size_t)n + 1, sizeof(int));
			ids[n++] = l->delegate;
		}
	}
	if (n > 1)
		qsort_r(ids, (size_t)n, sizeof(int), by_name, (void *)c);
	str_cat(out, "    ");
	for (int i = 0; i < n; i++) {
		char *name = delegate_name(&c->delegates[ids[i]]);

		str_catf(out, "%s%s%s", i ? ", " : "", name, ids[i] == host ? " (host)" : "");
		free(name);
	}
	str_cat(out, n ? "\n" : "(nobody)\n");
	free(ids);
}

static void session_heading(const struct conf *c, const struct session *s, struct str *out)
{
	str_catf(out, "%s (%s)\n", s->title, s->code);
	if (placed(s)) {
		char *date = print_date_long(c->days[s->day].date);

		str_catf(out, "Day %d, %s, ", c->days[s->day].number, date);
		time_range(out, s->start, s->start + s->duration);
		str_catf(out, ", %s\n", c->rooms[s->room].name);
		free(date);
	}
}

static void facilitators_one(const struct print_data *pd, int session, struct str *out)
{
	const struct conf *c = pd->c;
	const struct session *s = &c->sessions[session];
	const struct print_shape *sh = &pd->shape[session];
	int carousel = sh->rotations > 0, rounds = carousel ? sh->rotations : sh->rounds;

	str_catf(out, "%s: ", carousel ? "Carousel" : "World Cafe");
	session_heading(c, s, out);
	if (!pd->seated[session])
		str_cat(out, "  Not yet solved: run 'convene solve FILE'.\n");
	for (int r = 1; r <= rounds && pd->seated[session]; r++) {
		int start, end;

		session_round_times(s, r, rounds, carousel ? sh->rotation_min : 0, &start, &end);
		str_catf(out, "\n%s %d  ", carousel ? "Rotation" : "Round", r);
		time_range(out, start, end);
		str_catc(out, '\n');
		if (carousel) {
			for (int k = 0; k < pd->nstations; k++) {
				const struct print_station *st = &pd->stations[k];

				if (st->session != session ||
				    (r <= 32 && (st->skip & (1u << (r - 1)))))
					continue;
				str_catf(out, "  Station %d: %s%s%s%s%s\n", st->number, st->topic,
					 *st->place ? ", " : "", st->place,
					 *st->host ? "; host " : "", st->host);
				names_at(pd, &pd->visits, session, r, k, st->host_delegate, out);
			}
			continue;
		}
		for (int t = 0; t < pd->ntables; t++) {
			const struct print_table *tb = &pd->tables[t];

			if (tb->session != session)
				continue;
			str_catf(out, "  Table %d%s%s\n", tb->number, *tb->question ? ": " : "",
				 tb->question);
			names_at(pd, &pd->seats, session, r, tb->number, tb->host, out);
		}
	}
}

void print_doors_text(const struct print_data *pd, int room, int day, struct str *out)
{
	const struct conf *c = pd->c;

	for (int r = 0; r < c->nrooms; r++) {
		if (room >= 0 && r != room)
			continue;
		for (int d = 0; d < c->ndays; d++) {
			int used = room >= 0;

			if (day >= 0 && d != day)
				continue;
			for (int s = 0; s < c->nsessions && !used; s++)
				used = c->sessions[s].room == r && c->sessions[s].day == d;
			if (!used)
				continue;
			if (out->len)
				str_cat(out, "\n\f\n");
			print_door_text(pd, r, d, out);
		}
	}
}

void print_facilitators_text(const struct print_data *pd, int session, struct str *out)
{
	const struct conf *c = pd->c;
	int first = 1;

	for (int s = 0; s < c->nsessions; s++) {
		if ((session >= 0 && s != session) ||
		    (!pd->shape[s].rounds && !pd->shape[s].rotations))
			continue;
		if (!first)
			str_cat(out, "\n\f\n");
		first = 0;
		facilitators_one(pd, s, out);
	}
	if (first)
		str_cat(out, "No World Cafe or carousel to list.\n");
}

void print_attendance_text(const struct print_data *pd, int session, struct str *out)
{
	const struct conf *c = pd->c;
	int *ids, chosen, n = print_session_people(pd, session, &ids, &chosen), namew = 4;
	char **names = xcalloc((size_t)n + 1, sizeof(char *));

	session_heading(c, &c->sessions[session], out);
	str_catf(out, "%d delegate%s%s\n\n", n, n == 1 ? "" : "s",
		 chosen ? " (chosen, not yet allocated)" : "");
	for (int i = 0; i < n; i++) {
		int w;

		names[i] = delegate_name(&c->delegates[ids[i]]);
		if ((w = utf8_width(names[i])) > namew)
			namew = w;
	}
	for (int i = 0; i < n; i++) {
		const struct delegate *d = &c->delegates[ids[i]];

		str_cat(out, "  [ ] ");
		str_pad(out, names[i], d->organisation >= 0 ? namew + 2 : 0);
		if (d->organisation >= 0)
			str_cat(out, c->organisations[d->organisation].name);
		str_catc(out, '\n');
		free(names[i]);
	}
	free(names);
	free(ids);
}
