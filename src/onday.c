/* On the day: moving and swapping sessions. Every command reads, decides
 * and writes inside one write transaction (BEGIN IMMEDIATE): the snapshot
 * it judges is the file as it is, and nobody can change it before the
 * move is stored, so nothing another organiser did is overwritten and no
 * two moves fill one room. The commands are fast, so the lock is held for
 * milliseconds. Each candidate move is tried on the snapshot and judged by
 * the rule book (rules.h), the same as `convene check` and the screen: a
 * move is sound when it adds no hard problem that was not there before.
 * Disruptions that re-plan the programme (a room closed...) are replan.h. */
#include "convene/onday.h"

#include <stdlib.h>
#include <string.h>

#include "convene/changes.h"
#include "convene/rules.h"

void onday_report_init(struct onday_report *r)
{
	memset(r, 0, sizeof(*r));
	str_init(&r->text);
	str_init(&r->why);
	r->json = json_object();
}

void onday_report_done(struct onday_report *r)
{
	str_done(&r->text);
	str_done(&r->why);
	json_decref(r->json);
}

/* The judge of one command: the file as it is inside the command's edit,
 * its rules, and the hard problems it had before the command. */
struct judge {
	struct conf c;
	struct rules *r;
	uint64_t *before;
	int nbefore;
};

static void judge_done(struct judge *j)
{
	rules_free(j->r);
	free(j->before);
	conf_done(&j->c);
	memset(j, 0, sizeof(*j));
}

/* Remember the hard problems of the programme as they are now. */
static void judge_remember(struct judge *j)
{
	struct problem_list l;

	rules_check(j->r, &l);
	free(j->before);
	j->before = xcalloc((size_t)l.n + 1, sizeof(*j->before));
	j->nbefore = 0;
	for (int i = 0; i < l.n; i++)
		if (l.items[i].hard)
			j->before[j->nbefore++] = rules_problem_key(&l.items[i]);
	problem_list_done(&l);
}

/* Begin the command's edit and read the file inside it. */
static enum status judge_open(struct db *db, struct judge *j, const char *what, struct error *err)
{
	enum status st;

	memset(j, 0, sizeof(*j));
	if ((st = db_begin(db, what, err)))
		return st;
	if ((st = conf_load(db, &j->c, err))) {
		db_rollback(db);
		return st;
	}
	j->r = rules_new(&j->c, NULL, 0);
	judge_remember(j);
	return ST_OK;
}

/* How many hard problems involving s the snapshot has that it did not
 * have before; their texts go to why when it is not NULL. */
static int new_problems(const struct judge *j, int s, struct str *why)
{
	struct problem_list l;
	int n = 0;

	rules_check_session(j->r, s, &l);
	for (int i = 0; i < l.n; i++) {
		uint64_t k = rules_problem_key(&l.items[i]);
		int seen = 0;

		if (!l.items[i].hard)
			continue;
		for (int b = 0; b < j->nbefore && !seen; b++)
			seen = j->before[b] == k;
		if (seen)
			continue;
		n++;
		if (why)
			str_catf(why, "%s%s", why->len ? "; " : "", l.items[i].text);
	}
	problem_list_done(&l);
	return n;
}

/* Finish the command's edit: commit when st is ST_OK, else roll back;
 * then report whose day the edit changed. */
static enum status judge_close(struct db *db, enum status st, struct onday_report *rep,
			       struct error *err)
{
	int64_t e = db_edit_number(db);

	if (st) {
		db_rollback(db);
		return st;
	}
	if ((st = db_commit(db, err)))
		return st;
	str_cat(&rep->text, "whose day changes:\n");
	st = onday_report_affected(db, e - 1, e, rep, err);
	if (!st) {
		changes_say_affected(&rep->text, rep->affected);
		str_cat(&rep->text, "\n");
	}
	return st;
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

/* Store a move made in the snapshot, and report it as text and JSON. */
static enum status record_move(struct db *db, const struct conf *c, int s, int day0, int start0,
			       int room0, struct onday_report *rep, struct error *err)
{
	const struct session *se = &c->sessions[s];
	char *from, *to;
	json_t *moves = json_object_get(rep->json, "moved");
	enum status st = placement_set(db, se->id, c->days[se->day].id, se->start,
				       c->rooms[se->room].id, err);

	if (st)
		return st;
	from = onday_where(c, day0, start0, room0);
	to = onday_where(c, se->day, se->start, se->room);
	if (!moves) {
		moves = json_array();
		json_object_set_new(rep->json, "moved", moves);
	}
	json_array_append_new(moves,
			      json_pack("{s:s,s:s,s:o,s:o}", "session", se->code, "title",
					se->title, "from", onday_where_json(c, day0, start0, room0),
					"to", onday_where_json(c, se->day, se->start, se->room)));
	str_catf(&rep->text, "moved %s '%s': %s -> %s\n", se->code, se->title, from, to);
	rep->moved++;
	free(from);
	free(to);
	return ST_OK;
}

/* One change in a few words for the list of those affected: "K1 to
 * Exhibition Foyer", "T04 to day 2 11:00 Studio", "CAFE1 round 2 table 5". */
static void short_change(const struct changes *ch, const struct change *x, struct str *out)
{
	const struct change_side *a = &x->after, *b = &x->before;
	const struct conf *c = a->session >= 0 ? &ch->c[1] : &ch->c[0];
	const struct session *s = &c->sessions[a->session >= 0 ? a->session : b->session];
	char t[6];

	switch (x->kind) {
	case CHANGE_MOVED:
		if (a->day == b->day && a->start == b->start)
			str_catf(out, "%s to %s", s->code, c->rooms[a->room].name);
		else
			str_catf(out, "%s to day %d %s %s", s->code, c->days[a->day].number,
				 time_format(a->start, t),
				 a->room >= 0 ? c->rooms[a->room].name : "");
		break;
	case CHANGE_TABLE:
	case CHANGE_STATION:
		str_catf(out, "%s %s %d %s", s->code, x->kind == CHANGE_TABLE ? "round" : "rotation",
			 x->round, a->place >= 0 ? "moved on" : "dropped");
		break;
	default:
		str_catf(out, "%s %s", s->code,
			 x->kind == CHANGE_ADDED     ? "added"
			 : x->kind == CHANGE_REMOVED ? "dropped"
			 : x->kind == CHANGE_TITLE   ? "retitled"
						     : "allocated");
	}
}

enum status onday_report_affected(struct db *db, int64_t from, int64_t to, struct onday_report *rep,
				  struct error *err)
{
	struct changes ch;
	json_t *people = json_array();
	enum status st = changes_between(db, from, to, &ch, err);

	if (st) {
		json_decref(people);
		return st;
	}
	for (int i = 0; i < ch.n; i++) {
		const struct delegate_change *dc = &ch.v[i];
		const struct delegate *d = &ch.c[1].delegates[dc->after];
		json_t *what = json_array();
		char *name = delegate_name(d);
		struct str line;

		str_init(&line);
		for (int k = 0; k < dc->n; k++) {
			struct str sentence;

			str_init(&sentence);
			changes_sentence(&ch, &dc->v[k], &sentence);
			json_array_append_new(what, json_string(sentence.buf ? sentence.buf : ""));
			str_done(&sentence);
			str_cat(&line, k ? ", " : "");
			short_change(&ch, &dc->v[k], &line);
		}
		json_array_append_new(people, json_pack("{s:s,s:s,s:o}", "name", name, "email",
							d->email, "changes", what));
		str_catf(&rep->text, "  %s <%s>: %s\n", name, d->email, line.buf ? line.buf : "");
		free(name);
		str_done(&line);
	}
	rep->affected = ch.n;
	json_object_set_new(rep->json, "delegates", people);
	json_object_set_new(rep->json, "affected", json_integer(ch.n));
	changes_done(&ch);
	return ST_OK;
}

static int session_by_code(const struct conf *c, const char *code, struct error *err)
{
	int s = conf_session_index(c, code);

	if (s < 0)
		error_set(err, ST_INPUT, "no session with code '%s'", code);
	return s;
}

/* Put session s of the snapshot at day d, start t, room q, and judge it. */
static enum status try_move(struct judge *j, int s, int d, int t, int q, int force, struct str *why,
			    struct error *err)
{
	struct session *se = &j->c.sessions[s];

	se->day = d;
	se->start = t;
	se->room = q;
	if (new_problems(j, s, why) && !force)
		return error_set(err, ST_PROBLEM,
				 "moving %s would make hard problems: %s (use "
				 "--force to move it all the same)",
				 se->code, why->buf);
	return ST_OK;
}

enum status onday_move(struct db *db, const char *code, const char *room, int day, int start,
		       int force, struct onday_report *rep, struct error *err)
{
	struct judge j;
	struct str why;
	char *what = xasprintf("move %s to %s", code, room);
	enum status st = judge_open(db, &j, what, err);
	int s, r, d, day0, start0, room0;

	free(what);
	if (st)
		return st;
	str_init(&why);
	if ((s = session_by_code(&j.c, code, err)) < 0 || (r = find_room(&j.c, room)) < 0) {
		st = s < 0 ? ST_INPUT : error_set(err, ST_INPUT, "no room called '%s'", room);
		goto out;
	}
	day0 = j.c.sessions[s].day;
	start0 = j.c.sessions[s].start;
	room0 = j.c.sessions[s].room;
	d = day > 0 ? find_day(&j.c, day) : day0;
	if (d < 0) {
		st = day > 0 ? error_set(err, ST_INPUT, "there is no day %d", day)
			     : error_set(err, ST_INPUT,
					 "%s has no time yet: give one with --at "
					 "DAY HH:MM",
					 code);
		goto out;
	}
	st = try_move(&j, s, d, day > 0 ? start : start0, r, force, &why, err);
	if (st == ST_PROBLEM)
		str_cat(&rep->why, why.buf);
	if (!st)
		st = record_move(db, &j.c, s, day0, start0, room0, rep, err);
	if (!st && why.len)
		str_catf(&rep->text, "forced, with hard problems: %s\n", why.buf);
out:
	st = judge_close(db, st, rep, err);
	str_done(&why);
	judge_done(&j);
	return st;
}

enum status onday_swap(struct db *db, const char *a, const char *b, int force,
		       struct onday_report *rep, struct error *err)
{
	struct judge j;
	struct str why;
	char *what = xasprintf("swap %s and %s", a, b);
	enum status st = judge_open(db, &j, what, err);
	int s, t, xd, xs, xr, yd, ys, yr, bad;

	free(what);
	if (st)
		return st;
	str_init(&why);
	if ((s = session_by_code(&j.c, a, err)) < 0 || (t = session_by_code(&j.c, b, err)) < 0) {
		st = ST_INPUT;
		goto out;
	}
	xd = j.c.sessions[s].day, xs = j.c.sessions[s].start, xr = j.c.sessions[s].room;
	yd = j.c.sessions[t].day, ys = j.c.sessions[t].start, yr = j.c.sessions[t].room;
	if (xd < 0 || yd < 0 || s == t) {
		st = error_set(err, ST_INPUT,
			       "both sessions need a time and a room, and they "
			       "must differ");
		goto out;
	}
	j.c.sessions[s].day = yd, j.c.sessions[s].start = ys, j.c.sessions[s].room = yr;
	j.c.sessions[t].day = xd, j.c.sessions[t].start = xs, j.c.sessions[t].room = xr;
	bad = new_problems(&j, s, &why) + new_problems(&j, t, &why);
	if (bad && !force) {
		str_cat(&rep->why, why.buf);
		st = error_set(err, ST_PROBLEM,
			       "swapping %s and %s would make hard problems: %s "
			       "(use --force to swap them all the same)",
			       a, b, why.buf);
		goto out;
	}
	st = record_move(db, &j.c, s, xd, xs, xr, rep, err);
	if (!st)
		st = record_move(db, &j.c, t, yd, ys, yr, rep, err);
	if (!st && why.len)
		str_catf(&rep->text, "forced, with hard problems: %s\n", why.buf);
out:
	st = judge_close(db, st, rep, err);
	str_done(&why);
	judge_done(&j);
	return st;
}
