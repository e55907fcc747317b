/* The re-planner: a disruption and a fresh placement, made in a private
 * copy of the file (db_copy), reported from the copy (what moved, what was
 * relaxed, whose day changed: changes_between on the copy), and brought
 * into the file as one edit (journal_apply) unless it is a dry run. */
#include "convene/replan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "convene/changes.h"
#include "convene/journal.h"
#include "convene/rules.h"

/* The relaxations, in the order they are tried. */
static const unsigned relax_order[] = {
	0,
	1u << TIMETABLE_FEATURE,
	1u << TIMETABLE_FEATURE | 1u << TIMETABLE_CAPACITY,
};

int replan_parse_now(const char *day, const char *time, int *now_day, int *now)
{
	long d;

	if (parse_int(day, 1, 14, &d) != 0 || (*now = time_parse(time)) < 0)
		return -1;
	*now_day = (int)d;
	return 0;
}

/* Now from the clock: the day of the event whose date is today. */
static void now_from_clock(const struct conf *c, int *now_day, int *now)
{
	time_t t = time(NULL);
	struct tm tm;
	char today[11];

	*now_day = 0;
	if (!localtime_r(&t, &tm) || strftime(today, sizeof(today), "%Y-%m-%d", &tm) == 0)
		return;
	for (int d = 0; d < c->ndays; d++)
		if (strcmp(c->days[d].date, today) == 0) {
			*now_day = c->days[d].number;
			*now = tm.tm_hour * 60 + tm.tm_min;
		}
}

enum status replan_options_from_settings(struct replan_options *o, const struct settings *cfg,
					 const struct conf *c, struct error *err)
{
	const char *now = settings_string(cfg, "onday.now");
	char day[8] = "";
	const char *sp;

	memset(o, 0, sizeof(*o));
	plan_options_from_settings(&o->plan, cfg);
	o->plan.time_limit = settings_float(cfg, "onday.time_limit");
	o->plan.max_steps = settings_int(cfg, "onday.steps");
	if (!now || !*now) {
		now_from_clock(c, &o->now_day, &o->now);
		return ST_OK;
	}
	sp = strchr(now, ' ');
	if (!sp || (size_t)(sp - now) >= sizeof(day) ||
	    (memcpy(day, now, (size_t)(sp - now)), day[sp - now] = '\0',
	     replan_parse_now(day, sp + 1, &o->now_day, &o->now)))
		return error_set(err, ST_INPUT,
				 "onday.now: '%s' is not a day and a time, such as "
				 "\"1 10:30\"",
				 now);
	return ST_OK;
}

static int room_named(const struct conf *c, const char *name)
{
	for (int i = 0; i < c->nrooms; i++)
		if (str_ieq(c->rooms[i].name, name))
			return i;
	return -1;
}

static int day_numbered(const struct conf *c, int number)
{
	for (int i = 0; i < c->ndays; i++)
		if (c->days[i].number == number)
			return i;
	return -1;
}

/* Run one update of a number in a row, journalled. */
static enum status set_number(struct db *db, const char *sql, int64_t id, int value,
			      struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql);

	db_bind_int(st, 1, value);
	db_bind_int(st, 2, id);
	if (db_run(st))
		return error_set(err, db_err_is_constraint(db) ? ST_INPUT : ST_IO, "%s: %s",
				 db_path(db), db_errmsg(db));
	return ST_OK;
}

static enum status set_features(struct db *db, int64_t room, const char *features, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "UPDATE room SET features = ?1 WHERE id = ?2");

	db_bind_text(st, 1, features);
	db_bind_int(st, 2, room);
	return db_run(st) ? error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db)) : ST_OK;
}

static enum status close_room(struct db *db, const struct conf *c, const struct replan_event *ev,
			      struct error *err)
{
	int r = room_named(c, ev->room), n = 0;
	enum status st = ST_OK;

	if (r < 0)
		return error_set(err, ST_INPUT, "no room called '%s'", ev->room);
	if (ev->day > 0 && day_numbered(c, ev->day) < 0)
		return error_set(err, ST_INPUT, "there is no day %d", ev->day);
	for (int d = 0; d < c->ndays && !st; d++) {
		int f = ev->from < 0 ? c->days[d].start : ev->from;
		int t = ev->to < 0 ? c->days[d].end : ev->to;

		if (ev->day > 0 && c->days[d].number != ev->day)
			continue;
		if (f >= t)
			return error_set(err, ST_INPUT, "--from must come before --to");
		st = room_unavailable_add(db, c->rooms[r].id, c->days[d].id, f, t, err);
		n++;
	}
	return st;
}

static enum status late(struct db *db, const struct conf *c, const struct replan_event *ev,
			const struct replan_options *o, struct error *err)
{
	int64_t sp = speaker_find(db, ev->speaker);
	int d = o->now_day ? day_numbered(c, o->now_day) : -1;

	if (!sp)
		return error_set(err, ST_INPUT, "no speaker called '%s'", ev->speaker);
	if (d < 0)
		return error_set(err, ST_INPUT,
				 "a late speaker needs to know when now is: give "
				 "--now DAY HH:MM (or the setting onday.now)");
	if (ev->amount < 1 || o->now + ev->amount > 1440)
		return error_set(err, ST_INPUT, "late by %d minutes: give 1 to %d", ev->amount,
				 1440 - o->now);
	return speaker_unavailable_add(db, sp, c->days[d].id, c->days[d].start, o->now + ev->amount,
				       err);
}

static int begun(const struct conf *c, const struct session *s, const struct replan_options *o);

/* The organiser calls session off: it stays in the file, cancelled, so
 * that lists show it and undo brings it back, and its people lose it. */
static enum status cancel(struct db *db, const struct conf *c, const struct replan_event *ev,
			  const struct replan_options *o, struct error *err)
{
	int s = conf_session_index(c, ev->session);
	struct db_stmt *st;

	if (s < 0)
		return conf_cancelled_index(c, ev->session) >= 0
			       ? error_set(err, ST_INPUT, "%s is already cancelled", ev->session)
			       : error_set(err, ST_INPUT, "no session with code '%s'", ev->session);
	if (begun(c, &c->sessions[s], o))
		return error_set(err, ST_INPUT, "%s has already begun", c->sessions[s].code);
	st = db_prepare(db, "INSERT INTO cancelled (session_id, reason, by_organiser) VALUES "
			    "(?1, 'by the organiser', 1)");
	db_bind_int(st, 1, c->sessions[s].id);
	return db_run(st) ? error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db)) : ST_OK;
}

/* Make the disruption in db (the copy), as it would be in the file. */
static enum status apply_event(struct db *db, const struct conf *c, const struct replan_event *ev,
			       const struct replan_options *o, struct error *err)
{
	int s, r;

	switch (ev->kind) {
	case REPLAN_CLOSE_ROOM:
		return close_room(db, c, ev, err);
	case REPLAN_LATE:
		return late(db, c, ev, o, err);
	case REPLAN_CANCEL:
		return cancel(db, c, ev, o, err);
	case REPLAN_LENGTHEN:
		if ((s = conf_session_index(c, ev->session)) < 0)
			return error_set(err, ST_INPUT, "no session with code '%s'", ev->session);
		if (ev->amount < 5 || ev->amount > 720)
			return error_set(err, ST_INPUT, "a session runs 5 to 720 minutes, not %d",
					 ev->amount);
		return set_number(db, "UPDATE session SET duration = ?1 WHERE id = ?2",
				  c->sessions[s].id, ev->amount, err);
	default:
		if ((r = room_named(c, ev->room)) < 0)
			return error_set(err, ST_INPUT, "no room called '%s'", ev->room);
		if (ev->amount < 0)
			return error_set(err, ST_INPUT, "a room holds 0 people or more");
		return set_number(db, "UPDATE room SET capacity = ?1 WHERE id = ?2", c->rooms[r].id,
				  ev->amount, err);
	}
}

/* What the organiser calls the edit. */
static char *event_what(const struct replan_event *ev)
{
	char f[6], t[6];

	switch (ev->kind) {
	case REPLAN_CLOSE_ROOM:
		if (ev->day <= 0)
			return xasprintf("close %s", ev->room);
		if (ev->from < 0 && ev->to < 0)
			return xasprintf("close %s on day %d", ev->room, ev->day);
		return xasprintf("close %s on day %d, %s-%s", ev->room, ev->day,
				 ev->from < 0 ? "start" : time_format(ev->from, f),
				 ev->to < 0 ? "end" : time_format(ev->to, t));
	case REPLAN_LATE:
		return xasprintf("%s is %d minutes late", ev->speaker, ev->amount);
	case REPLAN_LENGTHEN:
		return xasprintf("%s runs %d minutes", ev->session, ev->amount);
	case REPLAN_CANCEL:
		return xasprintf("cancel %s", ev->session);
	default:
		return xasprintf("%s holds %d", ev->room, ev->amount);
	}
}

/* Whether session s has begun by now. */
static int begun(const struct conf *c, const struct session *s, const struct replan_options *o)
{
	int nd = o->now_day ? day_numbered(c, o->now_day) : -1;

	if (nd < 0 || s->day < 0)
		return 0;
	return s->day < nd || (s->day == nd && s->start < o->now);
}

/* Pins for the re-plan: what has begun stays; a pin the disruption broke
 * (a pinned session with a hard problem where it is) is released. */
static void pins(struct conf *c, const struct replan_options *o)
{
	struct problem_list l;

	programme_check(c, &o->plan.weights, &l);
	for (int i = 0; i < l.n; i++) {
		const struct problem *p = &l.items[i];

		if (!p->hard)
			continue;
		if (p->session >= 0 && !begun(c, &c->sessions[p->session], o))
			c->sessions[p->session].pinned = 0;
		if (p->other >= 0 && !begun(c, &c->sessions[p->other], o))
			c->sessions[p->other].pinned = 0;
	}
	problem_list_done(&l);
	for (int i = 0; i < c->nsessions; i++)
		if (begun(c, &c->sessions[i], o))
			c->sessions[i].pinned = 1;
}

/* The session other than x whose place in trial overlaps place p's. */
static int occupant(const struct timetable_problem *pb, const struct timetable_place *trial, int x,
		    const struct timetable_place *p)
{
	int end = p->start + pb->sessions[x].duration;

	for (int t = 0; t < pb->nsessions; t++)
		if (t != x && trial[t].day == p->day && trial[t].room == p->room && p->room >= 0 &&
		    trial[t].start < end && p->start < trial[t].start + pb->sessions[t].duration)
			return t;
	return -1;
}

/* Send moved sessions back where they were when that is cheaper and
 * breaks no hard rule: each one home, and whoever holds its home to
 * theirs, along a chain of up to six; again until nothing improves. The
 * search may leave such chains of room changes that no single move of it
 * undoes; organisers should not see a move that was not needed. */
static void settle(const struct timetable_problem *pb, const struct timetable_place *was,
		   struct timetable_result *res)
{
	struct timetable_place *trial = xcalloc((size_t)pb->nsessions + 1, sizeof(*trial));
	struct timetable_score cur, sc;
	int improved = 1;

	timetable_evaluate(pb, res->place, &cur, NULL);
	while (improved) {
		improved = 0;
		for (int s = 0; s < pb->nsessions; s++) {
			int x = s;

			if (res->place[s].day == was[s].day &&
			    res->place[s].start == was[s].start && res->place[s].room == was[s].room)
				continue;
			memcpy(trial, res->place, (size_t)pb->nsessions * sizeof(*trial));
			for (int depth = 0; x >= 0 && depth < 6; depth++) {
				int next = occupant(pb, trial, x, &was[x]);

				trial[x] = was[x];
				x = next;
			}
			timetable_evaluate(pb, trial, &sc, NULL);
			if (sc.hard == 0 && cur.hard == 0 && sc.soft < cur.soft) {
				memcpy(res->place, trial, (size_t)pb->nsessions * sizeof(*trial));
				timetable_score_done(&cur);
				cur = sc;
				improved = 1;
			} else {
				timetable_score_done(&sc);
			}
		}
	}
	timetable_score_done(&res->score);
	res->score = cur;
	free(trial);
}

/* Place the programme anew; *relaxed gets the relaxations it needed. */
static enum status solve(struct rules *r, const struct replan_options *o,
			 const struct timetable_place *was, struct timetable_result *res,
			 unsigned *relaxed, struct error *err)
{
	struct timetable_options t;
	enum status st = ST_PROBLEM;

	timetable_options_init(&t);
	t.seed = o->plan.seed;
	t.time_limit = o->plan.time_limit;
	t.max_iterations = o->plan.max_steps;
	t.searches = 1; /* one quick search on the day: the same plan as ever */
	t.restarts = 0;
	for (size_t i = 0; i < ARRAY_SIZE(relax_order); i++) {
		timetable_result_done(res);
		rules_relax(r, relax_order[i]);
		*relaxed = relax_order[i];
		st = timetable_solve(rules_problem(r), &t, res, NULL);
		if (st > ST_PROBLEM)
			return error_set(err, st, "the programme could not be placed");
		if (res->place && res->score.hard == 0) {
			settle(rules_problem(r), was, res);
			return ST_OK;
		}
	}
	return ST_PROBLEM;
}

/* Report the moves of the re-plan in rep (text and "moved"). */
static void report_moves(const struct conf *c, const struct timetable_place *was,
			 const struct timetable_place *now, struct onday_report *rep)
{
	json_t *moves = json_array();

	for (int i = 0; i < c->nsessions; i++) {
		const struct timetable_place *a = &was[i], *b = &now[i];
		const struct session *s = &c->sessions[i];
		char *from, *to;

		if (a->day == b->day && a->start == b->start && a->room == b->room)
			continue;
		from = onday_where(c, a->day, a->start, a->room);
		to = onday_where(c, b->day, b->start, b->room);
		str_catf(&rep->text, "moved %s '%s': %s -> %s\n", s->code, s->title, from, to);
		json_array_append_new(moves,
				      json_pack("{s:s,s:s,s:o,s:o}", "session", s->code, "title",
						s->title, "from",
						onday_where_json(c, a->day, a->start, a->room), "to",
						onday_where_json(c, b->day, b->start, b->room)));
		rep->moved++;
		free(from);
		free(to);
	}
	json_object_set_new(rep->json, "moved", moves);
}

/* A session capped at its room's seats: in the copy and the report. */
static enum status cap_session(struct db *db, const struct conf *c, const struct problem *p,
			       json_t *list, struct str *text, struct error *err)
{
	const struct session *s = &c->sessions[p->session];
	const struct room *q = &c->rooms[p->room];
	char *line = xasprintf("%s holds %d, %ld fewer than %s expects: %s is capped at %d",
			       q->name, q->capacity, p->amount, s->code, s->code, q->capacity);

	str_catf(text, "relaxed: %s\n", line);
	json_array_append_new(list, json_pack("{s:s,s:[s],s:s,s:s}", "rule", "capacity", "sessions",
					      s->code, "room", q->name, "what", line));
	free(line);
	return set_number(db, "UPDATE session SET capacity = ?1 WHERE id = ?2", s->id, q->capacity,
			  err);
}

/* Each feature a room lacks for the sessions placed there: brought in, so
 * the room gains it (in the copy), named once with the sessions it is for. */
static enum status bring_features(struct db *db, const struct conf *c, const struct problem_list *l,
				  json_t *list, struct str *text, struct error *err)
{
	enum status st = ST_OK;

	for (int q = 0; q < c->nrooms && !st; q++) {
		struct str add, line;

		str_init(&add);
		str_catf(&add, "%s", c->rooms[q].features);
		for (int i = 0; i < l->n; i++) {
			const struct problem *p = &l->items[i];
			char *miss, *save = NULL;

			if (p->family != TIMETABLE_FEATURE || p->room != q)
				continue;
			miss = rules_missing_features(c, p->session, q, ";");
			for (char *f = strtok_r(miss, ";", &save); f;
			     f = strtok_r(NULL, ";", &save)) {
				json_t *sessions;

				if (tags_have(add.buf, f))
					continue;
				sessions = json_array();
				str_init(&line);
				for (int k = i; k < l->n; k++) {
					const struct problem *o = &l->items[k];
					char *m;

					if (o->family != TIMETABLE_FEATURE || o->room != q)
						continue;
					m = rules_missing_features(c, o->session, q, ";");
					if (tags_have(m, f)) {
						str_catf(&line, "%s%s", line.len ? ", " : "",
							 c->sessions[o->session].code);
						json_array_append_new(
							sessions,
							json_string(c->sessions[o->session].code));
					}
					free(m);
				}
				str_catf(text, "relaxed: %s has no %s: bring one (for %s)\n",
					 c->rooms[q].name, f, line.buf);
				json_array_append_new(list,
						      json_pack("{s:s,s:o,s:s,s:s,s:s}", "rule",
								"feature", "sessions", sessions,
								"room", c->rooms[q].name, "feature",
								f, "what", "bring one"));
				str_catf(&add, "%s%s", add.len ? ";" : "", f);
				str_done(&line);
			}
			free(miss);
		}
		if (strcmp(add.buf ? add.buf : "", c->rooms[q].features) != 0)
			st = set_features(db, c->rooms[q].id, add.buf, err);
		str_done(&add);
	}
	return st;
}

/* Name what stays broken when no programme can be found. */
static void report_unresolved(const struct conf *c, const struct rules *r,
			      const struct timetable_result *res, struct onday_report *rep)
{
	struct problem_list l;

	rules_describe(r, res->place, &res->score, &l);
	str_cat(&rep->text, "no whole programme exists, even bringing features and capping "
			    "sessions; these would stay:\n");
	for (int i = 0; i < l.n; i++)
		if (l.items[i].hard)
			str_catf(&rep->text, "  %s\n", l.items[i].text);
	rep->unresolved = (int)res->score.hard;
	problem_list_done(&l);
	(void)c;
}

/* Store the relaxations the result needed, in the copy, and report them. */
static enum status store_relaxed(struct db *db, const struct conf *c, const struct rules *r,
				 const struct timetable_result *res, struct onday_report *rep,
				 struct error *err)
{
	struct problem_list l;
	json_t *list = json_array();
	enum status st = ST_OK;

	rules_describe(r, res->place, &res->score, &l);
	st = bring_features(db, c, &l, list, &rep->text, err);
	for (int i = 0; i < l.n && !st; i++)
		if (l.items[i].family == TIMETABLE_CAPACITY)
			st = cap_session(db, c, &l.items[i], list, &rep->text, err);
	json_object_set_new(rep->json, "relaxed", list);
	problem_list_done(&l);
	return st;
}

/* Place the programme again in db (the copy) and store it there. */
static enum status replace(struct db *db, const struct replan_options *o, struct onday_report *rep,
			   struct error *err)
{
	struct conf c;
	struct rules *r;
	struct timetable_result res = { 0 };
	struct timetable_place *was;
	struct timetable_weights w = o->plan.weights;
	unsigned relaxed = 0;
	enum status st = conf_load(db, &c, err);
	int moved;

	if (st)
		return st;
	pins(&c, o);
	/* On the day a move must be needed, not just better: a hundred times
	 * the solve's cost of moving what delegates hold, so that soft gains
	 * only choose among the moves the disruption forces. */
	w.move_time *= 100;
	w.move_room *= 100;
	r = rules_new(&c, &w, RULES_PINS);
	/* Moving a session costs more the more people it moves. */
	for (int i = 0; i < c.nsessions; i++)
		rules_set_move_weight(r, i, 1 + rules_expected(&c, i, -1) / 25);
	was = xcalloc((size_t)c.nsessions + 1, sizeof(*was));
	rules_places(r, was);
	st = solve(r, o, was, &res, &relaxed, err);
	if (st == ST_PROBLEM && res.place)
		report_unresolved(&c, r, &res, rep);
	if (!st) {
		report_moves(&c, was, res.place, rep);
		st = plan_store_places(db, &c, rules_problem(r), was, res.place, &moved, err);
	}
	if (!st && relaxed)
		st = store_relaxed(db, &c, r, &res, rep, err);
	timetable_result_done(&res);
	free(was);
	rules_free(r);
	conf_done(&c);
	return st;
}

/* One try in a fresh copy: the disruption, the re-plan and the report;
 * unless a dry run, brought into the file if nobody changed it meanwhile
 * (*stale set otherwise, and nothing written). */
static enum status try_replan(struct db *db, const struct replan_event *ev,
			      const struct replan_options *o, struct onday_report *rep,
			      struct journal_since *stale, struct error *err)
{
	struct db *copy;
	struct conf c;
	int64_t mark;
	char *what = event_what(ev);
	enum status st = db_copy(db, &copy, err);

	memset(stale, 0, sizeof(*stale));
	if (st) {
		free(what);
		return st;
	}
	mark = journal_last_edit(copy);
	/* Applying a preview: the copy must be the file the preview saw (no
	 * edit but notes since), and the write checks, inside its transaction,
	 * that the file still is. */
	if (o->expect) {
		struct journal_since since;

		st = journal_since(copy, o->expect, &since, err);
		if (!st && since.edit) {
			st = error_set(err, ST_PROBLEM,
				       "the file changed since the preview (%s, %s, at %s); "
				       "nothing was written: look at it again",
				       since.who, since.what, since.at);
		}
		journal_since_done(&since);
		if (st) {
			db_close(copy);
			free(what);
			return st;
		}
		mark = o->expect;
	}
	if (!(st = db_begin(copy, what, err)) && !(st = conf_load(copy, &c, err))) {
		st = apply_event(copy, &c, ev, o, err);
		conf_done(&c);
	}
	if (!st)
		st = replace(copy, o, rep, err);
	st = st ? (db_rollback(copy), st) : db_commit(copy, err);
	if (!st) {
		str_cat(&rep->text, "whose day changes:\n");
		st = onday_report_affected(copy, mark, -1, rep, err);
	}
	if (!st) {
		str_catf(&rep->text, "%d session%s moved, ", rep->moved, rep->moved == 1 ? "" : "s");
		changes_say_affected(&rep->text, rep->affected);
		str_catf(&rep->text, "%s\n", o->dry_run ? " (a dry run: nothing was stored)" : "");
	}
	if (!st && !o->dry_run)
		st = journal_bring(db, copy, mark, what, stale, err);
	json_object_set_new(rep->json, "what", json_string(what));
	json_object_set_new(rep->json, "dry_run", json_boolean(o->dry_run));
	db_close(copy);
	free(what);
	return st;
}

enum status replan(struct db *db, const struct replan_event *ev, const struct replan_options *o,
		   struct onday_report *rep, struct error *err)
{
	struct journal_since stale = { 0 };
	enum status st = ST_OK;

	/* Applying a preview: only what was previewed, on the file it saw. */
	if (o->expect && !(st = journal_since(db, o->expect, &stale, err)) && stale.edit) {
		st = error_set(err, ST_PROBLEM,
			       "the file changed since the preview (%s, %s, at %s); "
			       "nothing was written: look at it again",
			       stale.who, stale.what, stale.at);
		journal_since_done(&stale);
		return st;
	}
	journal_since_done(&stale);
	if (st)
		return st;
	for (int attempt = 0; attempt < 3; attempt++) {
		if (attempt) {
			onday_report_done(rep);
			onday_report_init(rep);
			journal_since_done(&stale);
		}
		st = try_replan(db, ev, o, rep, &stale, err);
		if (!stale.edit)
			break;
	}
	if (stale.edit)
		st = error_set(err, ST_PROBLEM,
			       "%s: the file kept changing while this was "
			       "planned (latest: %s, %s, at %s); nothing was written: run it again",
			       db_path(db), stale.who, stale.what, stale.at);
	journal_since_done(&stale);
	return st;
}
