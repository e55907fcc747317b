/* Setting a conference up on the screen: the event and its days (also
 * offered when a new file opens with no days), a World Cafe's tables,
 * questions and hosts, and a carousel's rotations and stations: all that
 * an event file and the stations and tables imports can set. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene/print.h"
#include "convene/ui_form.h"
#include "convene/ui_pane.h"

/* "2027-03-11 09:00-17:30; 2027-03-12 09:00-16:30" into dates and times. */
struct day_in {
	char date[11];
	int start, end;
};

static char *parse_days(const char *t, struct day_in **out, int *n)
{
	char *copy = xstrdup(t), *save = NULL, *msg = NULL;

	*n = 0;
	*out = xcalloc(strlen(t) / 4 + 2, sizeof(**out));
	for (char *w = strtok_r(copy, ";", &save); w && !msg; w = strtok_r(NULL, ";", &save)) {
		char date[32], from[16], to[16];
		struct day_in *d = &(*out)[*n];

		if (!*str_trim(w))
			continue;
		if (sscanf(w, "%31s %15[0-9:]-%15[0-9:]", date, from, to) != 3 ||
		    strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
		    (d->start = time_parse(from)) < 0 || (d->end = time_parse(to)) <= d->start)
			msg = xasprintf("'%s': write each day as 2027-03-11 09:00-17:30", w);
		else if (*n == 14)
			msg = xstrdup("at most 14 days");
		else {
			memcpy(d->date, date, 11);
			(*n)++;
		}
	}
	free(copy);
	return msg;
}

static char *check_days(struct ui *ui, struct ui_form *f, const char *t)
{
	struct day_in *d;
	int n;
	char *msg = parse_days(t, &d, &n);

	(void)ui;
	(void)f;
	free(d);
	return msg ? msg : n ? NULL : xstrdup("give at least one day: 2027-03-11 09:00-17:30");
}

static char *check_slot(struct ui *ui, struct ui_form *f, const char *t)
{
	long v;

	(void)ui;
	(void)f;
	return parse_int(t, 5, 120, &v) ? xasprintf("'%s': minutes, 5 to 120", t) : NULL;
}

static enum status event_saved(struct ui *ui, struct ui_form *f, struct error *err)
{
	struct event_info ev = { .name = (char *)ui_form_text(f, 0),
				 .venue = (char *)ui_form_text(f, 1),
				 .timezone = (char *)ui_form_text(f, 2),
				 .slot_minutes = atoi(ui_form_text(f, 3)) };
	struct day_in *d;
	int n;
	char *msg = parse_days(ui_form_text(f, 4), &d, &n);
	enum status st;

	free(msg);
	st = db_begin(ui->db, "set the event and its days", err);
	if (!st)
		st = event_set(ui->db, &ev, err);
	for (int i = 0; i < n && !st; i++)
		st = day_set(ui->db, i + 1, d[i].date, d[i].start, d[i].end, err);
	for (int k = ui->conf.ndays; k > n && !st; k--)
		st = day_delete(ui->db, ui->conf.days[k - 1].number, err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		ui_edited(ui, ST_OK, NULL, "saved the event and its %d day%s", n, n == 1 ? "" : "s");
	free(d);
	return st;
}

unsigned ui_event_form(struct ui *ui)
{
	const struct event_info *e = &ui->conf.event;
	struct ui_form *f = ui_form_new(ui->conf.ndays ? "The event"
						       : "A new conference: its name and days",
					0);
	char slot[16], t1[6], t2[6];
	struct str days;

	str_init(&days);
	for (int i = 0; i < ui->conf.ndays; i++)
		str_catf(&days, "%s%s %s-%s", i ? "; " : "", ui->conf.days[i].date,
			 time_format(ui->conf.days[i].start, t1),
			 time_format(ui->conf.days[i].end, t2));
	snprintf(slot, sizeof(slot), "%d", e->slot_minutes > 0 ? e->slot_minutes : 15);
	ui_form_add(f, "Name", e->name ? e->name : "", NULL, "what delegates call it");
	ui_form_add(f, "Venue", e->venue ? e->venue : "", NULL, NULL);
	ui_form_add(f, "Time zone", e->timezone && *e->timezone ? e->timezone : "Europe/London",
		    NULL, "for calendars: Europe/London");
	ui_form_add(f, "Slot minutes", slot, check_slot, "sessions start on this grid");
	ui_form_add(f, "Days", days.buf ? days.buf : "", check_days,
		    "2027-03-11 09:00-17:30; 2027-03-12 09:00-16:30");
	f->focus = ui->conf.ndays ? 4 : 0;
	f->save = event_saved;
	str_done(&days);
	return ui_open_form(ui, f);
}

/* The code of the session with this id ("" if it has gone). */
static const char *code_of(const struct ui *ui, int64_t id)
{
	for (int i = 0; i < ui->conf.nsessions; i++)
		if (ui->conf.sessions[i].id == id)
			return ui->conf.sessions[i].code;
	return "";
}

/* ---- a World Cafe's tables and a carousel's stations ------------------- */

static char *check_count(struct ui *ui, struct ui_form *f, const char *t)
{
	long v;

	(void)ui;
	(void)f;
	return parse_int(t, 1, 1000, &v) ? xasprintf("'%s' is not a number from 1", t) : NULL;
}

/* The i-th item of a list separated by sep (allocated, trimmed; "" when
 * there are fewer): "a;;c" has an empty second item, so table 2 of three
 * can be left without a question. */
static char *field_of(const char *list, char sep, int i)
{
	const char *p = list, *end;
	char *out;

	for (; i > 0 && p; i--) {
		p = strchr(p, sep);
		p = p ? p + 1 : NULL;
	}
	if (!p)
		return xstrdup("");
	end = strchr(p, sep);
	out = end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
	memmove(out, str_trim(out), strlen(str_trim(out)) + 1);
	return out;
}

static char *item(const char *list, int i)
{
	return field_of(list, ';', i);
}

/* How many items a list has: none when it is blank. */
static int count_items(const char *list)
{
	int n = 1;
	char *copy = xstrdup(list);

	if (!*str_trim(copy))
		n = 0;
	free(copy);
	for (; n && *list; list++)
		n += *list == ';';
	return n;
}

/* Each name in a ; list is a delegate (or empty); what is wrong, or NULL. */
static char *check_hosts(struct ui *ui, struct ui_form *f, const char *t)
{
	struct error err = { 0 };
	char *msg = NULL;

	(void)f;
	for (int i = 0; i < count_items(t) && !msg; i++) {
		char *w = item(t, i);

		if (*w && print_find_delegate(&ui->conf, w, &err) < 0)
			msg = xstrdup(err.msg ? err.msg : "no such delegate");
		error_clear(&err);
		free(w);
	}
	return msg;
}

/* Table numbers (from 1) with steps: "3; 7". */
static int has_number(const char *list, int n)
{
	for (int i = 0; i < count_items(list); i++) {
		char *w = item(list, i);
		int yes = atoi(w) == n;

		free(w);
		if (yes)
			return 1;
	}
	return 0;
}

static enum status cafe_saved(struct ui *ui, struct ui_form *f, struct error *err)
{
	int64_t id = f->id;
	long tables, seats, rounds;
	char *what = xasprintf("set up World Cafe %s", code_of(ui, id));
	enum status st = db_begin(ui->db, what, err);
	struct error e2 = { 0 };

	free(what);
	parse_int(ui_form_text(f, 0), 1, 1000, &tables);
	parse_int(ui_form_text(f, 1), 1, 100, &seats);
	parse_int(ui_form_text(f, 2), 1, 50, &rounds);
	if (!st)
		st = cafe_set(ui->db, id, (int)tables, (int)seats, (int)rounds, err);
	for (int t = 0; t < tables && !st; t++) {
		char *q = item(ui_form_text(f, 3), t), *h = item(ui_form_text(f, 4), t);
		int d = *h ? print_find_delegate(&ui->conf, h, &e2) : -1;
		struct cafe_table_in in = { t + 1, (int)seats, d >= 0 ? ui->conf.delegates[d].id : 0,
					    q, !has_number(ui_form_text(f, 5), t + 1) };

		error_clear(&e2);
		st = cafe_table_put(ui->db, id, &in, err);
		free(q);
		free(h);
	}
	if (!st)
		st = cafe_tables_trim(ui->db, id, (int)tables, err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		ui_edited(ui, ST_OK, NULL, "set up World Cafe %s: %ld tables of %ld, %ld rounds",
			  code_of(ui, id), tables, seats, rounds);
	return st;
}

/* The cafe form, from what is stored (or a start for a new cafe). */
static unsigned cafe_form(struct ui *ui, const struct session *s)
{
	struct db_stmt *st = db_prepare(ui->db, "SELECT tables, seats, rounds FROM cafe WHERE "
						"session_id = ?1");
	int tables = 10, seats = 6, rounds = 3;
	struct str q, h, steps;
	char *title = xasprintf("World Cafe %s: tables, questions and hosts", s->code), n[3][16];
	struct ui_form *f;

	db_bind_int(st, 1, s->id);
	if (db_step(st) == 1) {
		tables = (int)db_col_int(st, 0);
		seats = (int)db_col_int(st, 1);
		rounds = (int)db_col_int(st, 2);
	}
	db_reset(st);
	str_init(&q);
	str_init(&h);
	str_init(&steps);
	st = db_prepare(ui->db,
			"SELECT t.number, t.question, coalesce(d.email, ''), t.step_free "
			"FROM cafe_table t LEFT JOIN delegate d ON d.id = t.host_delegate_id "
			"WHERE t.session_id = ?1 ORDER BY t.number");
	db_bind_int(st, 1, s->id);
	while (db_step(st) == 1) {
		str_catf(&q, "%s%s", db_col_int(st, 0) > 1 ? "; " : "", db_col_text(st, 1));
		str_catf(&h, "%s%s", db_col_int(st, 0) > 1 ? "; " : "", db_col_text(st, 2));
		if (!db_col_int(st, 3))
			str_catf(&steps, "%s%lld", steps.len ? "; " : "",
				 (long long)db_col_int(st, 0));
	}
	db_reset(st);
	snprintf(n[0], 16, "%d", tables);
	snprintf(n[1], 16, "%d", seats);
	snprintf(n[2], 16, "%d", rounds);
	f = ui_form_new(title, s->id);
	ui_form_add(f, "Tables", n[0], check_count, "how many tables");
	ui_form_add(f, "Seats", n[1], check_count, "people at a table");
	ui_form_add(f, "Rounds", n[2], check_count, "how many times people move");
	ui_form_add(f, "Questions", q.buf ? q.buf : "", NULL,
		    "one per table, in order, separated by ;");
	ui_form_complete(f,
			 ui_form_add(f, "Hosts", h.buf ? h.buf : "", check_hosts,
				     "a delegate who stays at each table, in order; empty for "
				     "none  ^N completes"),
			 ui_complete_delegate);
	ui_form_add(f, "With steps", steps.buf ? steps.buf : "", NULL,
		    "numbers of tables that are not step-free: 3; 7");
	f->save = cafe_saved;
	free(title);
	str_done(&q);
	str_done(&h);
	str_done(&steps);
	return ui_open_form(ui, f);
}

/* A station: "Topic | capacity | host | skip 2 3 | everyone". */
struct station_line {
	char *topic;
	int capacity;
	char *host;
	unsigned skip;
	int everyone;
};

/* "2 3": the rotations a station does not run in, as bits. */
static char *parse_skip(const char *t, unsigned *skip)
{
	char *end;

	for (;;) {
		long r;

		t += strspn(t, " ,");
		if (!*t)
			return NULL;
		r = strtol(t, &end, 10);
		if (end == t || r < 1 || r > 32)
			return xasprintf("'skip %s': the rotations a station skips, as numbers "
					 "from 1",
					 t);
		*skip |= 1u << (r - 1);
		t = end;
	}
}

static char *parse_station(const char *line, struct station_line *out)
{
	char *msg = NULL;
	int parts = 1;

	memset(out, 0, sizeof(*out));
	out->capacity = 20;
	for (const char *p = line; *p; p++)
		parts += *p == '|';
	for (int k = 0; k < parts && !msg; k++) {
		char *w = field_of(line, '|', k);
		long v;

		if (k == 0)
			out->topic = xstrdup(w);
		else if (k == 1 && *w && parse_int(w, 1, 10000, &v) == 0)
			out->capacity = (int)v;
		else if (k == 1 && *w)
			msg = xasprintf("'%s': a station's capacity is a number", w);
		else if (strncasecmp(w, "skip", 4) == 0)
			msg = parse_skip(w + 4, &out->skip);
		else if (str_ieq(w, "everyone"))
			out->everyone = 1;
		else if (*w) {
			free(out->host);
			out->host = xstrdup(w);
		}
		free(w);
	}
	if (!msg && !*out->topic)
		msg = xasprintf("'%s': a station needs a topic: Topic | capacity | host | skip 2 | "
				"everyone",
				line);
	return msg;
}

static void station_line_done(struct station_line *s)
{
	free(s->topic);
	free(s->host);
}

static char *check_stations(struct ui *ui, struct ui_form *f, const char *t)
{
	char *msg = NULL;

	(void)ui;
	(void)f;
	for (int i = 0; i < count_items(t) && !msg; i++) {
		char *w = item(t, i);
		struct station_line s;

		if (*w)
			msg = parse_station(w, &s);
		if (*w)
			station_line_done(&s);
		free(w);
	}
	return msg ? msg : count_items(t) ? NULL : xstrdup("give at least one station");
}

/* A station's host: a speaker by name or email, else a delegate. */
static void station_host(struct ui *ui, const char *host, int64_t *speaker, int64_t *delegate)
{
	struct error err = { 0 };
	int d;

	*speaker = host && *host ? speaker_find(ui->db, host) : 0;
	if (*speaker || !host || !*host) {
		*delegate = 0;
		return;
	}
	d = print_find_delegate(&ui->conf, host, &err);
	*delegate = d >= 0 ? ui->conf.delegates[d].id : 0;
	error_clear(&err);
}

static enum status carousel_saved(struct ui *ui, struct ui_form *f, struct error *err)
{
	long rot, len;
	int n = count_items(ui_form_text(f, 2)), number = 0;
	char *what = xasprintf("set up carousel %s", code_of(ui, f->id));
	enum status st = db_begin(ui->db, what, err);

	free(what);
	parse_int(ui_form_text(f, 0), 1, 50, &rot);
	parse_int(ui_form_text(f, 1), 1, 480, &len);
	if (!st)
		st = carousel_set(ui->db, f->id, (int)rot, (int)len, err);
	for (int i = 0; i < n && !st; i++) {
		char *w = item(ui_form_text(f, 2), i);
		struct station_line s;
		struct station_in in;

		if (*w) { /* checked already (check_stations) */
			free(parse_station(w, &s));
			in = (struct station_in){ ++number, s.topic,    0,          0,
						  "",       s.capacity, s.everyone, s.skip };
			station_host(ui, s.host, &in.host_speaker, &in.host_delegate);
			st = station_put(ui->db, f->id, &in, err);
			station_line_done(&s);
		}
		free(w);
	}
	if (!st)
		st = stations_trim(ui->db, f->id, number, err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		ui_edited(ui, ST_OK, NULL, "set up carousel %s: %d stations, %ld rotations",
			  code_of(ui, f->id), number, rot);
	return st;
}

static unsigned carousel_form(struct ui *ui, const struct session *s)
{
	struct db_stmt *st = db_prepare(ui->db, "SELECT rotations, rotation_min FROM carousel "
						"WHERE session_id = ?1");
	int rot = 3, len = s->duration / 3;
	struct str stations;
	char *title = xasprintf("Carousel %s: rotations and stations", s->code), n[2][16];
	struct ui_form *f;

	db_bind_int(st, 1, s->id);
	if (db_step(st) == 1) {
		rot = (int)db_col_int(st, 0);
		len = (int)db_col_int(st, 1);
	}
	db_reset(st);
	str_init(&stations);
	st = db_prepare(ui->db,
			"SELECT st.topic, st.capacity, coalesce(sp.name, d.email, ''), "
			"st.skip, st.everyone FROM station st LEFT JOIN speaker sp ON sp.id = "
			"st.host_speaker_id LEFT JOIN delegate d ON d.id = st.host_delegate_id "
			"WHERE st.session_id = ?1 ORDER BY st.number");
	db_bind_int(st, 1, s->id);
	while (db_step(st) == 1) {
		unsigned skip = (unsigned)db_col_int(st, 3);

		str_catf(&stations, "%s%s | %lld", stations.len ? "; " : "", db_col_text(st, 0),
			 (long long)db_col_int(st, 1));
		if (*db_col_text(st, 2))
			str_catf(&stations, " | %s", db_col_text(st, 2));
		for (int r = 0, first = 1; r < 32; r++)
			if (skip >> r & 1u) {
				str_catf(&stations, "%s%d", first ? " | skip " : " ", r + 1);
				first = 0;
			}
		if (db_col_int(st, 4))
			str_cat(&stations, " | everyone");
	}
	db_reset(st);
	snprintf(n[0], 16, "%d", rot);
	snprintf(n[1], 16, "%d", len > 0 ? len : 20);
	f = ui_form_new(title, s->id);
	ui_form_add(f, "Rotations", n[0], check_count, "how many times people move on");
	ui_form_add(f, "Minutes each", n[1], check_count, "the length of one rotation");
	ui_form_complete_part(f,
			      ui_form_add(f, "Stations", stations.buf ? stations.buf : "",
					  check_stations,
					  "Topic | capacity | host | skip 2 | "
					  "everyone; the next station ...  ^N completes a host"),
			      ui_complete_person);
	f->save = carousel_saved;
	free(title);
	str_done(&stations);
	return ui_open_form(ui, f);
}

unsigned ui_setup_form(struct ui *ui, int s)
{
	const struct session *se = &ui->conf.sessions[s];

	if (se->kind == KIND_WORLD_CAFE)
		return cafe_form(ui, se);
	if (se->kind == KIND_CAROUSEL)
		return carousel_form(ui, se);
	ui_message(ui, 1, "%s is a %s: only a World Cafe or a carousel is set up", se->code,
		   kind_name(se->kind));
	return REDRAW_STATUS;
}
