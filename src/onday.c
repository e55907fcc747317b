/* On the day. Every candidate move is tried on the snapshot and judged by
 * programme_check: a move is sound when it adds no hard problem that was
 * not there before. close-room keeps times, tries the most similar free
 * room for each session (largest audience first), then a one-step chain
 * (move a session out of the way), and only offers time moves when no room
 * will do. All the moves of one command are one edit. */
#include "convene/onday.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "convene/programme.h"

void onday_report_init(struct onday_report *r)
{
	memset(r, 0, sizeof(*r));
	str_init(&r->text);
	r->json = json_object();
}

void onday_report_done(struct onday_report *r)
{
	str_done(&r->text);
	json_decref(r->json);
}

/* A set of strings: the hard problems of the programme, by their text. */
struct texts {
	char **t;
	int n;
};

static void texts_done(struct texts *x)
{
	for (int i = 0; i < x->n; i++)
		free(x->t[i]);
	free(x->t);
	x->t = NULL;
	x->n = 0;
}

static int texts_has(const struct texts *x, const char *s)
{
	for (int i = 0; i < x->n; i++)
		if (strcmp(x->t[i], s) == 0)
			return 1;
	return 0;
}

/* The hard problems that involve session s (or every one when s < 0). */
static void hard_problems(const struct conf *c, int s, struct texts *out)
{
	struct problem_list l;

	if (s >= 0)
		programme_check_one(c, s, &l);
	else
		programme_check(c, &l);
	for (int i = 0; i < l.n; i++) {
		const struct problem *p = &l.items[i];

		if (!p->hard || (s >= 0 && p->session != s && p->other != s))
			continue;
		out->t = xreallocarray(out->t, (size_t)out->n + 1, sizeof(char *));
		out->t[out->n++] = xstrdup(p->text);
	}
	problem_list_done(&l);
}

/* How many hard problems involving s the snapshot has that before lacks;
 * their texts go to why when it is not NULL. */
static int new_problems(const struct conf *c, int s, const struct texts *before, struct str *why)
{
	struct texts now = { 0 };
	int n = 0;

	hard_problems(c, s, &now);
	for (int i = 0; i < now.n; i++) {
		if (texts_has(before, now.t[i]))
			continue;
		n++;
		if (why)
			str_catf(why, "%s%s", why->len ? "; " : "", now.t[i]);
	}
	texts_done(&now);
	return n;
}

static int find_room(const struct conf *c, const char *name)
{
	for (int i = 0; i < c->nrooms; i++)
		if (str_ieq(c->rooms[i].name, name))
			return i;
	return -1;
}

static int find_day(const struct conf *c, int number)
{
	for (int i = 0; i < c->ndays; i++)
		if (c->days[i].number == number)
			return i;
	return -1;
}

static int attends(const struct delegate *d, int number)
{
	return d->days == 0 || (d->days & (1u << (number - 1)));
}

int onday_session_delegates(struct db *db, const struct conf *c, int s, int **out)
{
	const struct session *se = &c->sessions[s];
	struct db_stmt *st = db_prepare(db, "SELECT delegate_id FROM attendance WHERE session_id = "
					    "?1 UNION SELECT delegate_id FROM cafe_seat WHERE "
					    "session_id = ?1 UNION SELECT delegate_id FROM "
					    "carousel_visit WHERE session_id = ?1");
	int n = 0;

	*out = xcalloc((size_t)c->ndelegates + 1, sizeof(int));
	db_bind_int(st, 1, se->id);
	while (db_step(st) == 1) {
		int i = conf_delegate_at(c, db_col_int(st, 0));

		if (i >= 0)
			(*out)[n++] = i;
	}
	db_reset(st);
	if (n > 0)
		return n;
	if ((kind_is_common(se->kind) || se->kind == KIND_KEYNOTE || se->kind == KIND_PLENARY) &&
	    se->day >= 0) {
		for (int i = 0; i < c->ndelegates; i++)
			if (attends(&c->delegates[i], c->days[se->day].number))
				(*out)[n++] = i;
		return n;
	}
	st = db_prepare(db, "SELECT DISTINCT delegate_id FROM preference WHERE session_id = ?1");
	db_bind_int(st, 1, se->id);
	while (db_step(st) == 1) {
		int i = conf_delegate_at(c, db_col_int(st, 0));

		if (i >= 0)
			(*out)[n++] = i;
	}
	db_reset(st);
	return n;
}

char *onday_where(const struct conf *c, int day, int start, int room)
{
	char t[6];

	if (day < 0 || room < 0)
		return xstrdup("not placed");
	return xasprintf("day %d %s %s", c->days[day].number, time_format(start, t),
			 c->rooms[room].name);
}

json_t *onday_where_json(const struct conf *c, int day, int start, int room)
{
	char t[6];

	if (day < 0 || room < 0)
		return json_null();
	return json_pack("{s:i,s:s,s:s}", "day", c->days[day].number, "start",
			 time_format(start, t), "room", c->rooms[room].name);
}

/* Mark delegates of session s in seen; return how many were new. */
static int mark_affected(struct db *db, const struct conf *c, int s, unsigned char *seen)
{
	int *who, n = onday_session_delegates(db, c, s, &who), fresh = 0;

	for (int i = 0; i < n; i++)
		if (!seen[who[i]]) {
			seen[who[i]] = 1;
			fresh++;
		}
	free(who);
	return n;
}

/* Within the edit: is session s still where the snapshot saw it? Another
 * organiser may have moved it since; then nothing is overwritten. */
static enum status still_there(struct db *db, const struct conf *c, int s, int day0, int start0,
			       int room0, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT day_id, start_min, room_id FROM placement "
					    "WHERE session_id = ?1");
	int64_t day = 0, room = 0;
	int start = -1, placed;

	db_bind_int(st, 1, c->sessions[s].id);
	placed = db_step(st) == 1;
	if (placed) {
		day = db_col_int(st, 0);
		start = (int)db_col_int(st, 1);
		room = db_col_int(st, 2);
	}
	db_reset(st);
	if (placed == (day0 >= 0) &&
	    (!placed || (day == c->days[day0].id && start == start0 && room == c->rooms[room0].id)))
		return ST_OK;
	return error_set(err, ST_PROBLEM, "%s was changed by someone else a moment ago; nothing "
			 "was written: look again and repeat the command", c->sessions[s].code);
}

/* Record a move made in the snapshot: text, JSON and the placement row. */
static enum status record_move(struct db *db, const struct conf *c, int s, int day0, int start0,
			       int room0, struct onday_report *rep, unsigned char *seen,
			       struct error *err)
{
	const struct session *se = &c->sessions[s];
	char *from, *to;
	int n;
	json_t *moves = json_object_get(rep->json, "moved");
	enum status st = still_there(db, c, s, day0, start0, room0, err);

	if (st)
		return st;
	st = placement_set(db, se->id, c->days[se->day].id, se->start, c->rooms[se->room].id, err);
	from = onday_where(c, day0, start0, room0);
	to = onday_where(c, se->day, se->start, se->room);
	n = mark_affected(db, c, s, seen);

	if (!moves) {
		moves = json_array();
		json_object_set_new(rep->json, "moved", moves);
	}
	json_array_append_new(moves, json_pack("{s:s,s:s,s:o,s:o,s:i}", "session", se->code,
					       "title", se->title, "from",
					       onday_where_json(c, day0, start0, room0), "to",
					       onday_where_json(c, se->day, se->start, se->room),
					       "delegates", n));
	str_catf(&rep->text, "moved %s '%s': %s -> %s (%d delegates)\n", se->code, se->title,
		 from, to, n);
	rep->moved++;
	free(from);
	free(to);
	return st;
}

static void finish_affected(struct onday_report *rep, const unsigned char *seen, int n)
{
	rep->affected = 0;
	for (int i = 0; i < n; i++)
		rep->affected += seen[i];
	json_object_set_new(rep->json, "affected", json_integer(rep->affected));
	str_catf(&rep->text, "%d delegates affected\n", rep->affected);
}

static enum status load(struct db *db, struct conf *c, struct error *err)
{
	return conf_load(db, c, err);
}

static int session_by_code(const struct conf *c, const char *code, struct error *err)
{
	int s = conf_session_index(c, code);

	if (s < 0)
		error_set(err, ST_INPUT, "no session with code '%s'", code);
	return s;
}

enum status onday_move(struct db *db, const char *code, const char *room, int day, int start,
		       int force, struct onday_report *rep, struct error *err)
{
	struct conf c;
	struct texts before = { 0 };
	struct str why;
	enum status st = load(db, &c, err);
	int s, r, d, day0, start0, room0;
	unsigned char *seen;

	if (st)
		return st;
	str_init(&why);
	if ((s = session_by_code(&c, code, err)) < 0 || (r = find_room(&c, room)) < 0) {
		st = s < 0 ? ST_INPUT : error_set(err, ST_INPUT, "no room called '%s'", room);
		goto out;
	}
	day0 = c.sessions[s].day;
	start0 = c.sessions[s].start;
	room0 = c.sessions[s].room;
	d = day > 0 ? find_day(&c, day) : day0;
	if (d < 0) {
		st = day > 0 ? error_set(err, ST_INPUT, "there is no day %d", day)
			     : error_set(err, ST_INPUT, "%s has no time yet: give one with --at "
					 "DAY HH:MM", code);
		goto out;
	}
	hard_problems(&c, s, &before);
	c.sessions[s].day = d;
	c.sessions[s].start = day > 0 ? start : start0;
	c.sessions[s].room = r;
	if (new_problems(&c, s, &before, &why) && !force) {
		st = error_set(err, ST_PROBLEM, "moving %s would make hard problems: %s (use "
			       "--force to move it all the same)", code, why.buf);
		goto out;
	}
	seen = xcalloc((size_t)c.ndelegates + 1, 1);
	st = db_begin(db, "move a session", err);
	if (!st)
		st = record_move(db, &c, s, day0, start0, room0, rep, seen, err);
	if (!st && why.len)
		str_catf(&rep->text, "forced, with hard problems: %s\n", why.buf);
	if (st)
		db_rollback(db);
	else
		st = db_commit(db, err);
	finish_affected(rep, seen, c.ndelegates);
	free(seen);
out:
	texts_done(&before);
	str_done(&why);
	conf_done(&c);
	return st;
}

enum status onday_swap(struct db *db, const char *a, const char *b, int force,
		       struct onday_report *rep, struct error *err)
{
	struct conf c;
	struct texts before = { 0 };
	struct str why;
	enum status st = load(db, &c, err);
	int s, t;
	struct session *x, *y;
	int xd, xs, xr, yd, ys, yr;
	unsigned char *seen;

	if (st)
		return st;
	str_init(&why);
	if ((s = session_by_code(&c, a, err)) < 0 || (t = session_by_code(&c, b, err)) < 0) {
		st = ST_INPUT;
		goto out;
	}
	x = &c.sessions[s];
	y = &c.sessions[t];
	if (x->day < 0 || y->day < 0 || s == t) {
		st = error_set(err, ST_INPUT, "both sessions need a time and a room, and they "
			       "must differ");
		goto out;
	}
	hard_problems(&c, -1, &before);
	xd = x->day, xs = x->start, xr = x->room;
	yd = y->day, ys = y->start, yr = y->room;
	x->day = yd, x->start = ys, x->room = yr;
	y->day = xd, y->start = xs, y->room = xr;
	if ((new_problems(&c, s, &before, &why) + new_problems(&c, t, &before, &why)) && !force) {
		st = error_set(err, ST_PROBLEM, "swapping %s and %s would make hard problems: %s "
			       "(use --force to swap them all the same)", a, b, why.buf);
		goto out;
	}
	seen = xcalloc((size_t)c.ndelegates + 1, 1);
	st = db_begin(db, "swap two sessions", err);
	if (!st)
		st = record_move(db, &c, s, xd, xs, xr, rep, seen, err);
	if (!st)
		st = record_move(db, &c, t, yd, ys, yr, rep, seen, err);
	if (st)
		db_rollback(db);
	else
		st = db_commit(db, err);
	finish_affected(rep, seen, c.ndelegates);
	free(seen);
out:
	texts_done(&before);
	str_done(&why);
	conf_done(&c);
	return st;
}

/* Tables a World Cafe needs (0 for other sessions). */
static int cafe_tables_needed(struct db *db, const struct session *se)
{
	struct db_stmt *st;
	int n = 0;

	if (se->kind != KIND_WORLD_CAFE)
		return 0;
	st = db_prepare(db, "SELECT max(c.tables, coalesce((SELECT max(number) FROM cafe_table t "
			    "WHERE t.session_id = c.session_id), 0)) FROM cafe c WHERE "
			    "c.session_id = ?1");
	db_bind_int(st, 1, se->id);
	if (db_step(st) == 1)
		n = (int)db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* How unlike room b is to room a: capacity, features, access. */
static double unlikeness(const struct room *a, const struct room *b)
{
	double cost = fabs((double)(b->capacity - a->capacity)) / (a->capacity + 1.0);
	char *copy = xstrdup(a->features), *save = NULL;

	for (char *f = strtok_r(copy, ";", &save); f; f = strtok_r(NULL, ";", &save))
		if (!tags_have(b->features, str_trim(f)))
			cost += 0.25;
	free(copy);
	if (a->step_free != b->step_free)
		cost += 0.5;
	return cost;
}

/* The most similar room that takes session s where it is, or -1. */
static int best_room(struct db *db, struct conf *c, int s, int closed,
		     const struct texts *before, double *cost)
{
	struct session *se = &c->sessions[s];
	int keep = se->room, best = -1, tables = cafe_tables_needed(db, se);

	*cost = HUGE_VAL;
	for (int q = 0; q < c->nrooms; q++) {
		double u = unlikeness(&c->rooms[closed], &c->rooms[q]);

		if (q == closed || c->rooms[q].cafe_tables < tables || u >= *cost)
			continue;
		se->room = q;
		if (new_problems(c, s, before, NULL) == 0) {
			best = q;
			*cost = u;
		}
	}
	se->room = keep;
	return best;
}

/* The one session in room q that overlaps s, or -1 (none, or several). */
static int sole_occupant(const struct conf *c, int s, int q)
{
	const struct session *a = &c->sessions[s];
	int found = -1;

	for (int i = 0; i < c->nsessions; i++) {
		const struct session *b = &c->sessions[i];

		if (i == s || b->room != q || b->day != a->day || b->start >= a->start + a->duration ||
		    a->start >= b->start + b->duration)
			continue;
		if (found >= 0 || b->pinned)
			return -1;
		found = i;
	}
	return found;
}

/* Make way: move one unpinned session o out of a room q into another room,
 * so that s can take q. Returns o (placed in the snapshot) or -1. */
static int make_way(struct db *db, struct conf *c, int s, int closed, const struct texts *before)
{
	struct session *se = &c->sessions[s];
	int keep = se->room, tables = cafe_tables_needed(db, se), best_o = -1, best_q = -1,
	    best_q2 = -1;
	double best = HUGE_VAL;

	for (int q = 0; q < c->nrooms; q++) {
		int o = q == closed || c->rooms[q].cafe_tables < tables ? -1 : sole_occupant(c, s, q);
		double cost;
		int q2;

		if (o < 0)
			continue;
		c->sessions[o].room = -1; /* out of the way while s is tried */
		se->room = q;
		if (new_problems(c, s, before, NULL) == 0) {
			se->room = keep;
			c->sessions[o].room = q;
			/* o may go anywhere but the closed room and q. */
			q2 = best_room(db, c, o, q, before, &cost);
			if (q2 >= 0 && q2 != closed && cost + unlikeness(&c->rooms[closed],
									 &c->rooms[q]) < best) {
				se->room = q;
				c->sessions[o].room = q2;
				if (new_problems(c, s, before, NULL) == 0 &&
				    new_problems(c, o, before, NULL) == 0) {
					best = cost + unlikeness(&c->rooms[closed], &c->rooms[q]);
					best_o = o, best_q = q, best_q2 = q2;
				}
			}
		}
		se->room = keep;
		c->sessions[o].room = q;
	}
	if (best_o < 0)
		return -1;
	se->room = best_q;
	c->sessions[best_o].room = best_q2;
	return best_o;
}

/* Up to three times and rooms where s could go with no new hard problem,
 * nearest in time first; s is left where it was. */
static json_t *time_moves(struct conf *c, int s, const struct texts *before,
			  struct str *text, const char *file)
{
	struct session *se = &c->sessions[s];
	int d0 = se->day, t0 = se->start, r0 = se->room, step = c->event.slot_minutes;
	int best[3][3], n = 0;
	long bestcost[3];
	json_t *out = json_array();

	for (int d = 0; d < c->ndays; d++)
		for (int t = c->days[d].start; t + se->duration <= c->days[d].end; t += step)
			for (int q = 0; q < c->nrooms; q++) {
				long cost = labs((long)(d - d0)) * 10000 + labs((long)(t - t0)) * 10 +
					    (q != r0);
				int k;

				/* The closed room stays open at other times. */
				if (n == 3 && cost >= bestcost[2])
					continue;
				se->day = d, se->start = t, se->room = q;
				if (new_problems(c, s, before, NULL))
					continue;
				for (k = n < 3 ? n : 2; k > 0 && bestcost[k - 1] > cost; k--) {
					memcpy(best[k], best[k - 1], sizeof(best[k]));
					bestcost[k] = bestcost[k - 1];
				}
				best[k][0] = d, best[k][1] = t, best[k][2] = q;
				bestcost[k] = cost;
				if (n < 3)
					n++;
			}
	se->day = d0, se->start = t0, se->room = r0;
	for (int k = 0; k < n; k++) {
		char tm[6];

		time_format(best[k][1], tm);
		json_array_append_new(out, onday_where_json(c, best[k][0], best[k][1], best[k][2]));
		str_catf(text, "    convene move %s %s --room '%s' --at %d %s\n", file, se->code,
			 c->rooms[best[k][2]].name, c->days[best[k][0]].number, tm);
	}
	if (n == 0)
		str_cat(text, "    (no time and room would take it either)\n");
	return out;
}

static int by_audience(const void *pa, const void *pb, void *arg)
{
	const struct conf *c = arg;
	const struct session *a = &c->sessions[*(const int *)pa];
	const struct session *b = &c->sessions[*(const int *)pb];
	int ea = programme_expected(c, a), eb = programme_expected(c, b);

	return ea != eb ? eb - ea : *(const int *)pa - *(const int *)pb;
}

/* Close the room in the file and in the snapshot; collect what was in it. */
static enum status close_periods(struct db *db, struct conf *c, int r, int day, int from, int to,
				 int **hit, int *nhit, struct error *err)
{
	struct room *room = &c->rooms[r];

	*hit = xcalloc((size_t)c->nsessions + 1, sizeof(int));
	*nhit = 0;
	for (int d = 0; d < c->ndays; d++) {
		int f = from < 0 ? c->days[d].start : from, t = to < 0 ? c->days[d].end : to;
		enum status st;

		if (day > 0 && c->days[d].number != day)
			continue;
		if (f >= t)
			return error_set(err, ST_INPUT, "--from must come before --to");
		if ((st = room_unavailable_add(db, room->id, c->days[d].id, f, t, err)))
			return st;
		room->unavailable = xreallocarray(room->unavailable,
						  (size_t)room->nunavailable + 1, sizeof(struct period));
		room->unavailable[room->nunavailable++] = (struct period){ d, f, t };
		for (int s = 0; s < c->nsessions; s++) {
			const struct session *se = &c->sessions[s];

			if (se->room == r && se->day == d && se->start < t && f < se->start + se->duration)
				(*hit)[(*nhit)++] = s;
		}
	}
	qsort_r(*hit, (size_t)*nhit, sizeof(int), by_audience, c);
	return ST_OK;
}

static void unresolved(struct conf *c, int s, const struct texts *before,
		       struct onday_report *rep, const char *file)
{
	json_t *list = json_object_get(rep->json, "unresolved"), *moves;
	struct str why;

	if (!list) {
		list = json_array();
		json_object_set_new(rep->json, "unresolved", list);
	}
	str_init(&why);
	new_problems(c, s, before, &why);
	str_catf(&rep->text, "no room can take %s '%s' at its time; times and rooms that would:\n",
		 c->sessions[s].code, c->sessions[s].title);
	moves = time_moves(c, s, before, &rep->text, file);
	json_array_append_new(list, json_pack("{s:s,s:s,s:o}", "session", c->sessions[s].code,
					      "reason", why.buf ? why.buf : "", "time_moves", moves));
	rep->unresolved++;
	str_done(&why);
}

enum status onday_close_room(struct db *db, const char *room, int day, int from, int to,
			     struct onday_report *rep, struct error *err)
{
	struct conf c;
	struct texts before = { 0 };
	int r, *hit = NULL, nhit = 0;
	unsigned char *seen = NULL;
	enum status st = load(db, &c, err);
	char *what;

	if (st)
		return st;
	if ((r = find_room(&c, room)) < 0 || (day > 0 && find_day(&c, day) < 0)) {
		st = r < 0 ? error_set(err, ST_INPUT, "no room called '%s'", room)
			   : error_set(err, ST_INPUT, "there is no day %d", day);
		conf_done(&c);
		return st;
	}
	hard_problems(&c, -1, &before);
	what = xasprintf("close %s", c.rooms[r].name);
	st = db_begin(db, what, err);
	free(what);
	if (!st)
		st = close_periods(db, &c, r, day, from, to, &hit, &nhit, err);
	seen = xcalloc((size_t)c.ndelegates + 1, 1);
	for (int i = 0; i < nhit && !st; i++) {
		int s = hit[i], d0 = c.sessions[s].day, t0 = c.sessions[s].start, o;
		double cost;
		int q = best_room(db, &c, s, r, &before, &cost);

		if (q >= 0) {
			c.sessions[s].room = q;
			st = record_move(db, &c, s, d0, t0, r, rep, seen, err);
		} else if ((o = make_way(db, &c, s, r, &before)) >= 0) {
			st = record_move(db, &c, o, c.sessions[o].day, c.sessions[o].start,
					 c.sessions[s].room, rep, seen, err);
			if (!st)
				st = record_move(db, &c, s, d0, t0, r, rep, seen, err);
		} else {
			hit[i] = -1 - hit[i]; /* left for the time moves below */
		}
	}
	/* Time moves are offered once every room move is made. */
	for (int i = 0; i < nhit && !st; i++)
		if (hit[i] < 0)
			unresolved(&c, -1 - hit[i], &before, rep, db_path(db));
	if (st)
		db_rollback(db);
	else
		st = db_commit(db, err);
	if (!st) {
		str_catf(&rep->text, "%s closed; %d sessions moved, %d could not be\n",
			 c.rooms[r].name, rep->moved, rep->unresolved);
		finish_affected(rep, seen, c.ndelegates);
		json_object_set_new(rep->json, "room", json_string(c.rooms[r].name));
		if (rep->unresolved)
			st = error_set(err, ST_PROBLEM, "%d sessions could not be moved to another "
				       "room", rep->unresolved);
	}
	free(seen);
	free(hit);
	texts_done(&before);
	conf_done(&c);
	return st;
}
