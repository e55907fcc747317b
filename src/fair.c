/* Breakouts on the file, allocated fairly: from a snapshot to the
 * breakout solver and back, the report of what an allocation achieved,
 * the objectives compared, and withdrawals with promotion on the day. */
#include "convene/fair.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene/changes.h"
#include "convene/print.h"
#include "convene/rules.h"

/* Worst-off delegates named in the JSON and in the text. */
#define WORST_JSON 20
#define WORST_TEXT 5

/* ---- priority groups -------------------------------------------------- */

/* Whether word (n bytes) is a word of text, ignoring case. */
static int has_word(const char *text, const char *word, size_t n)
{
	for (const char *p = text; *p;) {
		size_t len;

		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			       (*p >= '0' && *p <= '9')))
			p++;
		for (len = 0; p[len] && ((p[len] >= 'a' && p[len] <= 'z') ||
					 (p[len] >= 'A' && p[len] <= 'Z') ||
					 (p[len] >= '0' && p[len] <= '9'));
		     len++)
			;
		if (len && len == n && strncasecmp(p, word, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

int fair_in_group(const char *role, const char *tag)
{
	const char *w = tag;
	int words = 0;

	if (!*tag || str_ieq(tag, "all"))
		return 0;
	while (*w) {
		size_t n = strcspn(w, "_- ");
		const char *next = w + n + (w[n] != '\0');

		/* The last word is a plural: "headteachers" takes "Headteacher". */
		if (n > 1 && !*next && (w[n - 1] == 's' || w[n - 1] == 'S') && !has_word(role, w, n))
			n--;
		if (n && !has_word(role, w, n))
			return 0;
		words += n > 0;
		w = next;
	}
	return words > 0;
}

/* The groups (bits of the dictionary of audience tags) a list of tags names. */
static uint64_t tag_bits(struct dict *groups, const char *tags)
{
	char *copy = xstrdup(tags), *save = NULL;
	uint64_t bits = 0;

	for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		int id;

		str_trim(t);
		if (!*t || str_ieq(t, "all") || (id = dict_id(groups, t)) < 0 || id >= 64)
			continue;
		bits |= 1ull << id;
	}
	free(copy);
	return bits;
}

static uint64_t member_bits(const struct dict *groups, const char *role)
{
	uint64_t bits = 0;

	for (int i = 0; i < groups->n && i < 64; i++)
		if (fair_in_group(role, groups->words[i]))
			bits |= 1ull << i;
	return bits;
}

/* ---- the problem ------------------------------------------------------ */

/* Whether cancelled session x could run again where it was: nothing else
 * in its room then. */
static int place_free(const struct conf *c, const struct session *x)
{
	for (int i = 0; i < c->nsessions; i++) {
		const struct session *o = &c->sessions[i];

		if (o->room == x->room && o->day == x->day && o->start < x->start + x->duration &&
		    x->start < o->start + o->duration)
			return 0;
	}
	return 1;
}

static void add_session(struct fair_run *run, const struct session *s,
			const struct plan_options *opt, struct dict *groups)
{
	const struct conf *c = &run->c;
	int n = run->pb.nsessions++, cap = c->rooms[s->room].capacity;

	if (s->capacity >= 0 && s->capacity < cap)
		cap = s->capacity;
	run->sessions[n] = s;
	run->bs[n] = (struct breakout_session){ c->days[s->day].number - 1,
						s->start,
						s->start + s->duration,
						cap,
						s->minimum >= 0 ? s->minimum : opt->minimum,
						tag_bits(groups, s->audience) };
}

static int placed_breakout(const struct session *s)
{
	return kind_is_breakout(s->kind) && s->day >= 0 && s->room >= 0;
}

/* The breakout with session id, or -1 (the sessions run then cancelled,
 * each in id order: two searches). */
static int breakout_of(const struct fair_run *run, int64_t id)
{
	int lo = 0, hi = run->pb.nsessions - 1, split = 0;

	while (split < run->pb.nsessions && !run->sessions[split]->cancelled)
		split++;
	for (int part = 0; part < 2; part++) {
		lo = part ? split : 0;
		hi = part ? run->pb.nsessions - 1 : split - 1;
		while (lo <= hi) {
			int mid = (lo + hi) / 2;

			if (run->sessions[mid]->id == id)
				return mid;
			if (run->sessions[mid]->id < id)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
	return -1;
}

/* A delegate's duty: a cafe table or carousel station they host, or a
 * cafe or carousel they signed up for. */
struct duty {
	int d;
	const struct session *s;
};

static int by_delegate(const void *a, const void *b)
{
	const struct duty *x = a, *y = b;

	return x->d - y->d;
}

/* Every duty, sorted by delegate; returns how many. */
static int read_duties(struct db *db, const struct conf *c, struct duty **out)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT host_delegate_id, session_id FROM cafe_table "
					"WHERE host_delegate_id IS NOT NULL UNION SELECT "
					"host_delegate_id, session_id FROM station WHERE "
					"host_delegate_id IS NOT NULL UNION SELECT p.delegate_id, "
					"p.session_id FROM preference p JOIN session x ON x.id = "
					"p.session_id WHERE x.kind IN ('carousel', 'world_cafe')");
	int n = 0, cap = 0;

	*out = NULL;
	while (db_step(st) == 1) {
		int d = conf_delegate_at(c, db_col_int(st, 0)),
		    k = conf_session_at(c, db_col_int(st, 1));

		if (d < 0 || k < 0 || c->sessions[k].day < 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = xreallocarray(*out, (size_t)cap, sizeof(**out));
		}
		(*out)[n++] = (struct duty){ d, &c->sessions[k] };
	}
	db_reset(st);
	if (n)
		qsort(*out, (size_t)n, sizeof(**out), by_delegate);
	return n;
}

/* Whether delegate d has a duty in a session that overlaps breakout
 * session s: then s is no choice of theirs. */
static int on_duty(const struct duty *v, int n, int d, const struct session *s)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (v[mid].d < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && v[lo].d == d; lo++) {
		const struct session *o = v[lo].s;

		if (o->day == s->day && o->start < s->start + s->duration &&
		    s->start < o->start + o->duration)
			return 1;
	}
	return 0;
}

static void read_choices(struct db *db, struct fair_run *run, const struct dict *groups)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT delegate_id, session_id FROM preference "
					"WHERE station = 0 ORDER BY delegate_id, rank, session_id");
	int n = run->pb.nsessions;
	struct duty *duties;
	int nduties = read_duties(db, &run->c, &duties);

	run->bd = xcalloc((size_t)run->c.ndelegates + 1, sizeof(*run->bd));
	run->choices = xcalloc((size_t)run->c.ndelegates * (size_t)n + 1, sizeof(int));
	for (int d = 0; d < run->c.ndelegates; d++) {
		const struct delegate *dl = &run->c.delegates[d];

		run->bd[d] = (struct breakout_delegate){
			0, &run->choices[(size_t)d * n],  dl->days,
			0, member_bits(groups, dl->role), (uint64_t)dl->id
		};
	}
	while (db_step(st) == 1) {
		int d = conf_delegate_at(&run->c, db_col_int(st, 0));
		int b = breakout_of(run, db_col_int(st, 1));
		struct breakout_delegate *bd = d >= 0 ? &run->bd[d] : NULL;

		if (!bd || b < 0 || bd->nchoices >= n ||
		    on_duty(duties, nduties, d, run->sessions[b]))
			continue;
		run->choices[(size_t)d * n + bd->nchoices++] = b;
		if (run->c.delegates[d].must >= 0 &&
		    run->c.sessions[run->c.delegates[d].must].id == run->sessions[b]->id)
			bd->must = bd->nchoices;
	}
	db_reset(st);
	free(duties);
}

static void read_pairs(struct db *db, struct fair_run *run)
{
	struct db_stmt *st = db_prepare(db, "SELECT a, b FROM keep_apart");

	while (db_step(st) == 1) {
		int a = conf_delegate_at(&run->c, db_col_int(st, 0));
		int b = conf_delegate_at(&run->c, db_col_int(st, 1));

		if (a < 0 || b < 0)
			continue;
		run->pairs = xreallocarray(run->pairs, (size_t)run->pb.nkeep_apart + 1,
					   sizeof(*run->pairs));
		run->pairs[run->pb.nkeep_apart++] = (struct breakout_pair){ a, b };
	}
	db_reset(st);
	run->pb.keep_apart = run->pairs;
}

/* The places an organiser set by hand (convene allocate, the screen's
 * hand moves): an allocation keeps them. */
static void read_pins(struct db *db, struct fair_run *run)
{
	struct db_stmt *st =
		db_prepare(db, "SELECT delegate_id, session_id FROM attendance WHERE pinned = 1 "
			       "ORDER BY delegate_id, session_id");

	while (db_step(st) == 1) {
		int d = conf_delegate_at(&run->c, db_col_int(st, 0)),
		    b = breakout_of(run, db_col_int(st, 1));

		if (d < 0 || b < 0 || run->bs[b].day < 0)
			continue;
		run->pins = xreallocarray(run->pins, (size_t)run->pb.npinned + 1,
					  sizeof(*run->pins));
		run->pins[run->pb.npinned++] = (struct breakout_pair){ d, b };
	}
	db_reset(st);
	run->pb.pinned = run->pins;
}

enum status fair_build(struct db *db, const struct plan_options *opt, struct fair_run *run,
		       struct error *err)
{
	struct conf *c = &run->c;
	struct dict groups = { 0 };
	enum status st;

	memset(run, 0, sizeof(*run));
	if ((st = conf_load(db, c, err)))
		return st;
	run->sessions = xcalloc((size_t)c->nsessions + c->ncancelled + 1, sizeof(*run->sessions));
	run->bs = xcalloc((size_t)c->nsessions + c->ncancelled + 1, sizeof(*run->bs));
	for (int i = 0; i < c->nsessions; i++)
		if (placed_breakout(&c->sessions[i]))
			add_session(run, &c->sessions[i], opt, &groups);
	for (int i = 0; i < c->ncancelled; i++)
		if (!c->cancelled[i].called_off && placed_breakout(&c->cancelled[i]) &&
		    place_free(c, &c->cancelled[i]))
			add_session(run, &c->cancelled[i], opt, &groups);
	run->pb.sessions = run->bs;
	read_choices(db, run, &groups);
	read_pairs(db, run);
	read_pins(db, run);
	dict_done(&groups);
	run->pb.ndelegates = c->ndelegates;
	run->pb.delegates = run->bd;
	run->pb.fill = opt->fill != 0;
	run->pb.objective = (enum alloc_objective)opt->objective;
	run->pb.priority = opt->priority;
	run->pb.seed = opt->seed;
	return ST_OK;
}

void fair_run_done(struct fair_run *run)
{
	free(run->sessions);
	free(run->bs);
	free(run->bd);
	free(run->choices);
	free(run->pairs);
	free(run->pins);
	conf_done(&run->c);
}

/* ---- what an allocation achieved -------------------------------------- */

static json_t *profile_json(const struct alloc_profile *p)
{
	json_t *j = json_object();

	for (int r = 1; r <= p->nranks; r++) {
		char key[16];

		snprintf(key, sizeof(key), "%d", r);
		json_object_set_new(j, key, json_integer(p->rank[r - 1]));
	}
	json_object_set_new(j, "unchosen", json_integer(p->unchosen));
	json_object_set_new(j, "none", json_integer(p->none));
	return j;
}

/* What delegate d got in each group they count in: "2nd T04, none"
 * (list, when not NULL, gets each part). */
static void got_text(const struct fair_run *run, const int *group, int ngroups, const int *assign,
		     int d, struct str *out, json_t *list)
{
	for (int g = 0; g < ngroups; g++) {
		int s = assign[(size_t)d * ngroups + g];
		int rank = breakout_outcome(&run->pb, group, g, d, s);
		struct str w;

		if (rank == BREAKOUT_UNCOUNTED)
			continue;
		str_init(&w);
		alloc_rank_text(rank, &w);
		if (s != BREAKOUT_NONE)
			str_catf(&w, " %s", run->sessions[s]->code);
		str_catf(out, "%s%s", out->len ? ", " : "", w.buf);
		if (list)
			json_array_append_new(list, json_string(w.buf));
		str_done(&w);
	}
}

/* Delegates in each session under res. */
static int *loads(const struct fair_run *run, const struct breakout_result *res)
{
	int *n = xcalloc((size_t)run->pb.nsessions + 1, sizeof(int));

	for (size_t i = 0; i < (size_t)res->ndelegates * res->ngroups; i++)
		if (res->assign[i] != BREAKOUT_NONE)
			n[res->assign[i]]++;
	return n;
}

/* One worst-off delegate: into the JSON list and, among the first few, the
 * text; after them, how many more there are. */
static void worst_add(json_t *worst, struct str *text, int i, const struct delegate *d, json_t *got,
		      const char *line)
{
	char *name = delegate_name(d);

	json_array_append_new(worst, json_pack("{s:s,s:s,s:o}", "delegate", d->email, "name", name,
					       "got", got));
	if (i < WORST_TEXT)
		str_catf(text, "  %s %s <%s>: %s\n", i ? "          " : "worst off:", name,
			 d->email, line);
	free(name);
}

static void worst_more(struct str *text, int n, const char *what)
{
	if (n > WORST_TEXT)
		str_catf(text, "  and %d more not given %s\n", n - WORST_TEXT, what);
}

static void report_worst(const struct fair_run *run, const struct breakout_result *res,
			 json_t *summary, struct str *text)
{
	int *order = xcalloc((size_t)run->pb.ndelegates + 1, sizeof(int));
	int n = breakout_worst_off(&run->pb, res->group, res->ngroups, res->assign, order);
	json_t *worst = json_array();

	for (int i = 0; i < n && i < WORST_JSON; i++) {
		json_t *got = json_array();
		struct str line;

		str_init(&line);
		got_text(run, res->group, res->ngroups, res->assign, order[i], &line, got);
		worst_add(worst, text, i, &run->c.delegates[order[i]], got, line.buf);
		str_done(&line);
	}
	worst_more(text, n, "all their first choices");
	json_object_set_new(summary, "worst_off", worst);
	json_object_set_new(summary, "not_all_first", json_integer(n));
	free(order);
}

static void report_cancelled(const struct fair_run *run, const struct breakout_result *res,
			     json_t *summary, struct str *text)
{
	json_t *list = json_array();
	int *n = loads(run, res);

	for (int b = 0; b < run->pb.nsessions; b++) {
		const struct session *s = run->sessions[b];

		if (res->cancelled[b] >= 0) {
			json_array_append_new(list, json_pack("{s:s,s:s,s:i,s:i}", "session",
							      s->code, "title", s->title,
							      "delegates", res->cancelled[b],
							      "minimum", run->bs[b].minimum));
			str_catf(text,
				 "  cancelled %s '%s': %d delegates, fewer than its minimum of "
				 "%d; they were allocated again\n",
				 s->code, s->title, res->cancelled[b], run->bs[b].minimum);
		} else if (s->cancelled) {
			str_catf(text, "  %s '%s' runs again: %d delegates, its minimum %d\n",
				 s->code, s->title, n[b], run->bs[b].minimum);
		}
	}
	json_object_set_new(summary, "cancelled", list);
	free(n);
}

void fair_report(const struct fair_run *run, const struct breakout_result *res, json_t *summary,
		 struct str *text)
{
	struct alloc_profile p;

	alloc_profile_init(&p);
	breakout_profile(&run->pb, res->group, res->ngroups, res->assign, -1, &p);
	json_object_set_new(summary, "objective",
			    json_string(alloc_objective_name(run->pb.objective)));
	json_object_set_new(summary, "seed", json_integer((json_int_t)run->pb.seed));
	json_object_set_new(summary, "priority", json_integer(run->pb.priority));
	json_object_set_new(summary, "profile", profile_json(&p));
	json_object_set_new(summary, "musts", json_integer(res->score.musts));
	json_object_set_new(summary, "musts_met", json_integer(res->score.musts_met));
	json_object_set_new(summary, "keep_apart", json_integer(res->score.keep_apart));
	json_object_set_new(summary, "pinned", json_integer(run->pb.npinned));
	str_catf(text,
		 "  profile (%s, lottery seed %llu): ", alloc_objective_name(run->pb.objective),
		 (unsigned long long)run->pb.seed);
	alloc_profile_text(&p, text);
	str_catf(text, "\n");
	if (res->score.musts)
		str_catf(text, "  musts met: %ld of %ld\n", res->score.musts_met, res->score.musts);
	if (run->pb.npinned)
		str_catf(text, "  kept %d place%s set by hand\n", run->pb.npinned,
			 run->pb.npinned == 1 ? "" : "s");
	report_worst(run, res, summary, text);
	report_cancelled(run, res, summary, text);
	alloc_profile_done(&p);
}

/* Run one statement with two numbers and a text bound; an error names the file. */
static enum status run_bound(struct db *db, const char *sql, int64_t a, int64_t b, const char *text,
			     struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql);

	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	if (text)
		db_bind_text(st, 3, text);
	return db_run(st) ? error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db)) : ST_OK;
}

enum status fair_store(struct db *db, const struct fair_run *run, const struct breakout_result *res,
		       struct error *err)
{
	enum status st = ST_OK;

	for (int b = 0; b < run->pb.nsessions && !st; b++) {
		const struct session *s = run->sessions[b];
		char *why;

		if (res->cancelled[b] < 0) {
			if (s->cancelled)
				st = run_bound(db,
					       "DELETE FROM cancelled WHERE session_id = ?1 AND "
					       "by_organiser = ?2",
					       s->id, 0, NULL, err);
			continue;
		}
		why = xasprintf("%d delegates, fewer than its minimum of %d", res->cancelled[b],
				run->bs[b].minimum);
		st = run_bound(db,
			       "INSERT INTO cancelled (session_id, reason) VALUES (?1, ?3) ON "
			       "CONFLICT (session_id) DO UPDATE SET reason = excluded.reason WHERE "
			       "reason <> excluded.reason AND ?2 = 0",
			       s->id, 0, why, err);
		free(why);
	}
	if (!st)
		st = run_bound(db,
			       "INSERT INTO lottery (id, seed, objective) VALUES (1, ?1, ?3) ON "
			       "CONFLICT (id) DO UPDATE SET seed = excluded.seed, objective = "
			       "excluded.objective WHERE (seed, objective) IS NOT (excluded.seed, "
			       "excluded.objective) AND ?2 = 0",
			       (int64_t)run->pb.seed, 0, alloc_objective_name(run->pb.objective),
			       err);
	return st;
}

/* ---- the objectives side by side --------------------------------------- */

static void compare_row(const struct fair_run *run, const struct breakout_result *res, int nranks,
			struct str *text)
{
	struct alloc_profile p;

	alloc_profile_init(&p);
	breakout_profile(&run->pb, res->group, res->ngroups, res->assign, -1, &p);
	str_catf(text, "%-9s", alloc_objective_name(run->pb.objective));
	for (int r = 1; r <= nranks; r++)
		str_catf(text, " %6ld", r <= p.nranks ? p.rank[r - 1] : 0);
	str_catf(text, " %8ld %6ld %9d\n", p.unchosen, p.none, res->ncancelled);
	alloc_profile_done(&p);
}

enum status fair_compare(struct db *db, const struct plan_options *opt, struct str *text,
			 json_t **out, struct error *err)
{
	struct fair_run run;
	struct breakout_result res[ALLOC_NOBJECTIVES];
	struct str scratch;
	enum status st = fair_build(db, opt, &run, err);
	int nranks = 1;

	*out = json_array();
	memset(res, 0, sizeof(res));
	for (int o = 0; o < ALLOC_NOBJECTIVES && !st; o++) {
		struct alloc_profile p;
		json_t *j = json_pack("{s:s}", "kind", "breakouts");

		run.pb.objective = (enum alloc_objective)o;
		if ((st = breakout_solve(&run.pb, &res[o], err))) {
			json_decref(j);
			break;
		}
		str_init(&scratch);
		fair_report(&run, &res[o], j, &scratch);
		str_done(&scratch);
		json_array_append_new(*out, j);
		alloc_profile_init(&p);
		breakout_profile(&run.pb, res[o].group, res[o].ngroups, res[o].assign, -1, &p);
		nranks = p.nranks > nranks ? p.nranks : nranks;
		alloc_profile_done(&p);
	}
	if (!st) {
		str_catf(text,
			 "breakouts by each objective (lottery seed %llu; nothing stored):\n"
			 "objective",
			 (unsigned long long)opt->seed);
		for (int r = 1; r <= nranks; r++) {
			struct str w;

			str_init(&w);
			alloc_rank_text(r, &w);
			str_catf(text, " %6s", w.buf);
			str_done(&w);
		}
		str_cat(text, " unchosen   none cancelled\n");
		for (int o = 0; o < ALLOC_NOBJECTIVES; o++) {
			run.pb.objective = (enum alloc_objective)o;
			compare_row(&run, &res[o], nranks, text);
		}
	}
	for (int o = 0; o < ALLOC_NOBJECTIVES; o++)
		breakout_result_done(&res[o]);
	fair_run_done(&run);
	return st;
}

/* ---- withdrawals on the day -------------------------------------------- */

/* The lottery (seed and objective) stored with the allocation, if any. */
static void stored_lottery(struct db *db, struct breakout_problem *pb)
{
	struct db_stmt *st = db_prepare(db, "SELECT seed, objective FROM lottery WHERE id = 1");

	if (db_step(st) == 1) {
		int o = alloc_objective_parse(db_col_text(st, 1));

		pb->seed = (uint64_t)db_col_int(st, 0);
		if (o >= 0)
			pb->objective = (enum alloc_objective)o;
	}
	db_reset(st);
}

/* The breakout allocation stored in the file, as breakout_solve gives one,
 * with the lottery stored with it: withdrawals, moves by hand and the
 * standing all break ties by the seed that made the allocation. */
static int *stored_assign(struct db *db, struct fair_run *run, const int *group, int ngroups)
{
	stored_lottery(db, &run->pb);
	struct db_stmt *st = db_prepare(db, "SELECT delegate_id, session_id FROM attendance");
	size_t n = (size_t)run->pb.ndelegates * ngroups;
	int *assign = xmalloc((n + 1) * sizeof(int));

	for (size_t i = 0; i < n; i++)
		assign[i] = BREAKOUT_NONE;
	while (db_step(st) == 1) {
		int d = conf_delegate_at(&run->c, db_col_int(st, 0));
		int b = breakout_of(run, db_col_int(st, 1));

		if (d >= 0 && b >= 0 && group[b] >= 0)
			assign[(size_t)d * ngroups + group[b]] = b;
	}
	db_reset(st);
	return assign;
}

/* A cafe or carousel the delegate had a seat in: it is seated again from
 * the first round that has not begun (rounds to + 1 and on: none). */
struct reseat {
	const struct session *s;
	int carousel;
	int from; /* first round to seat again, 1-based; rounds + 1: none */
	int rounds;
	int later; /* the delegate's seats from round `from` on */
};

/* What the withdrawal decided: the delegate, the session (NULL: all) and
 * the breakout moves it makes. */
struct withdrawal {
	struct fair_run run;
	int d;
	const struct session *s; /* NULL: everything */
	int b;                   /* s as a breakout, or -1 */
	int *group, ngroups, *assign;
	struct breakout_move *moves;
	int nmoves;
	struct reseat *reseat; /* cafes and carousels they had a seat in */
	int nreseat;
};

/* Whether the delegate holds anything in s (or anywhere, s NULL) beyond
 * cafe and carousel rounds begun: a breakout place, a choice, a cafe table
 * to host, or a cafe or carousel round still to come. */
static int holds(struct db *db, const struct withdrawal *w)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT EXISTS (SELECT 1 FROM attendance WHERE "
					"delegate_id = ?1 AND ?2 IN (0, session_id) UNION ALL "
					"SELECT 1 FROM preference WHERE delegate_id = ?1 AND ?2 "
					"IN (0, session_id) UNION ALL SELECT 1 FROM cafe_table "
					"WHERE host_delegate_id = ?1 AND ?2 IN (0, session_id))");
	int yes;

	db_bind_int(st, 1, w->run.c.delegates[w->d].id);
	db_bind_int(st, 2, w->s ? w->s->id : 0);
	yes = db_step(st) == 1 && db_col_int(st, 0);
	db_reset(st);
	for (int i = 0; i < w->nreseat; i++)
		yes |= w->reseat[i].later > 0;
	return yes;
}

/* The cafes and carousels (w->s, or any) the delegate has a seat in, each
 * with the first of its rounds still to come at opt's "now". */
static void withdrawal_reseats(struct db *db, struct withdrawal *w, const struct plan_options *opt)
{
	const struct conf *c = &w->run.c;
	struct db_stmt *st = db_prepare(
		db,
		"SELECT session_id, 0, (SELECT rounds FROM cafe WHERE session_id = x.session_id), "
		"0 FROM cafe_seat x WHERE delegate_id = ?1 AND ?2 IN (0, session_id) UNION "
		"SELECT session_id, 1, k.rotations, k.rotation_min FROM carousel_visit v JOIN "
		"carousel k USING (session_id) WHERE delegate_id = ?1 AND ?2 IN (0, session_id)");

	db_bind_int(st, 1, c->delegates[w->d].id);
	db_bind_int(st, 2, w->s ? w->s->id : 0);
	while (db_step(st) == 1) {
		int i = conf_session_at(c, db_col_int(st, 0));
		struct reseat *r;

		if (i < 0)
			continue;
		w->reseat = xreallocarray(w->reseat, (size_t)w->nreseat + 1, sizeof(*w->reseat));
		r = &w->reseat[w->nreseat++];
		r->s = &c->sessions[i];
		r->carousel = (int)db_col_int(st, 1);
		r->rounds = (int)db_col_int(st, 2);
		r->from = session_round_to_come(c, r->s, r->rounds, (int)db_col_int(st, 3),
						opt->now_day, opt->now);
	}
	db_reset(st);
	for (int i = 0; i < w->nreseat; i++) {
		struct reseat *r = &w->reseat[i];

		st = db_prepare(db, r->carousel
					    ? "SELECT count(*) FROM carousel_visit WHERE "
					      "delegate_id = ?1 AND session_id = ?2 AND "
					      "rotation >= ?3"
					    : "SELECT count(*) FROM cafe_seat WHERE delegate_id = "
					      "?1 AND session_id = ?2 AND round >= ?3");
		db_bind_int(st, 1, c->delegates[w->d].id);
		db_bind_int(st, 2, r->s->id);
		db_bind_int(st, 3, r->from);
		r->later = db_step(st) == 1 ? (int)db_col_int(st, 0) : 0;
		db_reset(st);
	}
}

static enum status withdrawal_decide(struct db *db, struct withdrawal *w, const char *who,
				     const char *code, const struct plan_options *opt,
				     struct error *err)
{
	const struct conf *c = &w->run.c;
	int i;

	if ((w->d = print_find_delegate(c, who, err)) < 0)
		return ST_INPUT;
	if (code && (i = conf_session_index(c, code)) < 0)
		return conf_cancelled_index(c, code) >= 0
			       ? error_set(err, ST_INPUT,
					   "%s is cancelled: nobody has a place in it", code)
			       : error_set(err, ST_INPUT, "no session with code '%s'", code);
	w->s = code ? &c->sessions[i] : NULL;
	w->b = w->s ? breakout_of(&w->run, w->s->id) : -1;
	withdrawal_reseats(db, w, opt);
	if (!holds(db, w))
		return error_set(err, ST_INPUT, "%s has no place%s%s to withdraw from%s",
				 c->delegates[w->d].email, w->s ? " or choice in " : " or choice",
				 w->s ? w->s->code : "",
				 w->nreseat ? " (rounds begun stay as they happened)" : "");
	w->group = xcalloc((size_t)w->run.pb.nsessions + 1, sizeof(int));
	w->ngroups = breakout_groups(&w->run.pb, w->group);
	w->assign = stored_assign(db, &w->run, w->group, w->ngroups);
	if (!w->s || w->b >= 0)
		w->nmoves = breakout_withdraw(&w->run.pb, w->group, w->ngroups, w->assign, w->d,
					      w->s ? w->b : -1, &w->moves);
	return ST_OK;
}

/* Make breakout moves in the file. */
static enum status write_moves(struct db *db, const struct fair_run *run,
			       const struct breakout_move *moves, int n, struct error *err)
{
	enum status st = ST_OK;

	for (int i = 0; i < n && !st; i++) {
		const struct breakout_move *m = &moves[i];
		int64_t d = run->c.delegates[m->delegate].id;

		if (m->from != BREAKOUT_NONE)
			st = run_bound(db,
				       "DELETE FROM attendance WHERE delegate_id = ?1 AND "
				       "session_id = ?2",
				       d, run->sessions[m->from]->id, NULL, err);
		if (!st && m->to != BREAKOUT_NONE)
			st = run_bound(db,
				       "INSERT OR IGNORE INTO attendance (delegate_id, "
				       "session_id) VALUES (?1, ?2)",
				       d, run->sessions[m->to]->id, NULL, err);
	}
	return st;
}

/* The promotions among moves (all but delegate skip's) in words and as
 * "promoted" in JSON; returns how many. */
static int report_promotions(const struct fair_run *run, const int *group,
			     const struct breakout_move *moves, int n, int skip,
			     struct onday_report *rep)
{
	json_t *up = json_array();
	int k = 0;

	for (int i = 0; i < n; i++) {
		const struct breakout_move *m = &moves[i];
		const struct delegate *p = &run->c.delegates[m->delegate];
		char *who;
		struct str rank;

		if (m->delegate == skip)
			continue;
		who = delegate_name(p);
		str_init(&rank);
		alloc_rank_text(breakout_rank(&run->pb, group, m->delegate, m->to), &rank);
		k++;
		str_catf(&rep->text,
			 "promoted %s <%s> from the waitlist to %s (their %s choice)%s%s\n", who,
			 p->email, run->sessions[m->to]->code, rank.buf,
			 m->from != BREAKOUT_NONE ? ", leaving " : "",
			 m->from != BREAKOUT_NONE ? run->sessions[m->from]->code : "");
		json_array_append_new(up,
				      json_pack("{s:s,s:s,s:s,s:s?}", "name", who, "delegate",
						p->email, "to", run->sessions[m->to]->code, "from",
						m->from != BREAKOUT_NONE
							? run->sessions[m->from]->code
							: NULL));
		str_done(&rank);
		free(who);
	}
	json_object_set_new(rep->json, "promoted", up);
	return k;
}

/* Forget what the delegate held in s (everything, s NULL), then make the
 * breakout moves. */
static enum status withdrawal_write(struct db *db, const struct withdrawal *w, struct error *err)
{
	/* Cafe seats and carousel visits of rounds begun stay: they happened. */
	static const char *const forget[] = {
		"DELETE FROM attendance WHERE delegate_id = ?1 AND ?2 IN (0, session_id)",
		"DELETE FROM preference WHERE delegate_id = ?1 AND ?2 IN (0, session_id)",
		/* a table they hosted stays, with no host */
		("UPDATE cafe_table SET host_delegate_id = NULL WHERE host_delegate_id = ?1 AND ?2 IN "
		 "(0, session_id)"),
		"DELETE FROM must_have WHERE delegate_id = ?1 AND ?2 IN (0, session_id)",
		/* remembered, so that no later solve seats them there again */
		("INSERT OR IGNORE INTO withdrawn (delegate_id, session_id) SELECT ?1, id FROM "
		 "session WHERE kind IN ('world_cafe', 'carousel') AND ?2 IN (0, id)"),
	};
	int64_t who = w->run.c.delegates[w->d].id, sid = w->s ? w->s->id : 0;
	enum status st = ST_OK;

	for (size_t i = 0; i < ARRAY_SIZE(forget) && !st; i++)
		st = run_bound(db, forget[i], who, sid, NULL, err);
	for (int i = 0; i < w->nreseat && !st; i++) {
		const struct reseat *r = &w->reseat[i];
		struct db_stmt *q = db_prepare(
			db, r->carousel ? "DELETE FROM carousel_visit WHERE delegate_id = ?1 AND "
					  "session_id = ?2 AND rotation >= ?3"
					: "DELETE FROM cafe_seat WHERE delegate_id = ?1 AND "
					  "session_id = ?2 AND round >= ?3");

		db_bind_int(q, 1, who);
		db_bind_int(q, 2, r->s->id);
		db_bind_int(q, 3, r->from);
		if (db_run(q))
			st = error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db));
	}
	return st ? st : write_moves(db, &w->run, w->moves, w->nmoves, err);
}

/* The moves in words and JSON. */
static void withdrawal_report(const struct withdrawal *w, struct onday_report *rep)
{
	const struct fair_run *run = &w->run;
	const struct delegate *d = &run->c.delegates[w->d];
	char *name = delegate_name(d);

	str_catf(&rep->text, "withdrew %s <%s> from %s\n", name, d->email,
		 w->s ? w->s->code : "everything");
	json_object_set_new(rep->json, "withdrawn",
			    json_pack("{s:s,s:s,s:s?}", "name", name, "delegate", d->email,
				      "session", w->s ? w->s->code : NULL));
	rep->moved = report_promotions(run, w->group, w->moves, w->nmoves, w->d, rep);
	free(name);
}

/* Seat each cafe and carousel they left again from its first round to
 * come, close to what the others hold (plan_cafe, plan_carousel with
 * from_round), inside the withdrawal's edit. A re-seat that finds no plan
 * leaves that session's seats as they are and says so. */
static enum status withdrawal_reseat(struct db *db, const struct withdrawal *w,
				     const struct plan_options *opt, struct str *said, json_t *runs,
				     struct error *err)
{
	enum status st = ST_OK;

	for (int i = 0; i < w->nreseat && st != ST_IO; i++) {
		const struct reseat *r = &w->reseat[i];
		struct plan_options o = *opt;
		struct plan_log log;
		struct error e = { 0 };

		if (r->later == 0)
			continue;
		o.from_round = r->from;
		o.progress = NULL;
		plan_log_init(&log);
		st = r->carousel ? plan_carousel(db, r->s->code, &o, &log, &e)
				 : plan_cafe(db, r->s->code, &o, &log, &e);
		if (st == ST_OK) {
			const char *line = strstr(log.text.buf,
						  r->carousel ? ": from rotation" : ": from round");
			const char *eol = line ? strchr(line, '\n') : NULL;

			if (line && eol)
				str_catf(said, "re-seated %s%.*s\n", r->s->code, (int)(eol - line),
					 line);
			json_array_extend(runs, log.runs);
		} else if (st != ST_IO) {
			str_catf(said, "%s is not re-seated (%s): its seats stay as they were\n",
				 r->s->code, e.msg ? e.msg : "no plan");
			st = ST_OK;
		} else {
			error_set(err, ST_IO, "%s", e.msg ? e.msg : "re-seating failed");
		}
		error_clear(&e);
		plan_log_done(&log);
	}
	return st;
}

enum status fair_withdraw(struct db *db, const char *who, const char *code,
			  const struct plan_options *opt, struct onday_report *rep,
			  struct error *err)
{
	struct withdrawal w;
	char *what = code ? xasprintf("withdraw %s from %s", who, code)
			  : xasprintf("withdraw %s", who);
	enum status st = db_begin(db, what, err);
	int64_t e = db_edit_number(db);
	struct str said;
	json_t *runs;

	free(what);
	if (st)
		return st;
	str_init(&said);
	runs = json_array();
	memset(&w, 0, sizeof(w));
	st = fair_build(db, opt, &w.run, err);
	if (!st)
		st = withdrawal_decide(db, &w, who, code, opt, err);
	if (!st)
		st = withdrawal_write(db, &w, err);
	if (!st)
		st = withdrawal_reseat(db, &w, opt, &said, runs, err);
	if (st)
		db_rollback(db);
	else
		st = db_commit(db, err);
	if (!st) {
		withdrawal_report(&w, rep);
		str_cat(&rep->text, said.buf ? said.buf : "");
		json_object_set(rep->json, "reseated", runs);
		str_cat(&rep->text, "whose day changes:\n");
		st = onday_report_affected(db, e - 1, e, rep, err);
		if (!st) {
			changes_say_affected(&rep->text, rep->affected);
			str_cat(&rep->text, "\n");
		}
	}
	free(w.group);
	free(w.assign);
	free(w.moves);
	free(w.reseat);
	str_done(&said);
	json_decref(runs);
	fair_run_done(&w.run);
	return st;
}

/* ---- the allocation as it stands ---------------------------------------- */

enum status fair_standing_load(struct db *db, const struct plan_options *opt,
			       struct fair_standing *s, struct error *err)
{
	const struct breakout_problem *pb = &s->run.pb;
	enum status st;

	memset(s, 0, sizeof(*s));
	alloc_profile_init(&s->profile);
	if ((st = fair_build(db, opt, &s->run, err)))
		return st;
	s->group = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	s->ngroups = breakout_groups(pb, s->group);
	s->assign = stored_assign(db, &s->run, s->group, s->ngroups);
	s->load = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	for (size_t i = 0; i < (size_t)pb->ndelegates * s->ngroups; i++)
		if (s->assign[i] != BREAKOUT_NONE)
			s->load[s->assign[i]]++;
	breakout_profile(pb, s->group, s->ngroups, s->assign, -1, &s->profile);
	s->worst = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	s->nworst = breakout_worst_off(pb, s->group, s->ngroups, s->assign, s->worst);
	return ST_OK;
}

void fair_standing_done(struct fair_standing *s)
{
	free(s->group);
	free(s->assign);
	free(s->load);
	free(s->worst);
	alloc_profile_done(&s->profile);
	fair_run_done(&s->run);
	memset(s, 0, sizeof(*s));
}

void fair_standing_got(const struct fair_standing *s, int d, struct str *out)
{
	struct str w;

	str_init(&w);
	got_text(&s->run, s->group, s->ngroups, s->assign, d, &w, NULL);
	if (w.len)
		str_cat(out, w.buf);
	str_done(&w);
}

/* ---- a place given by hand --------------------------------------------- */

/* What a place given by hand decided: the delegate, the breakout, the
 * moves, what needs force and the decision as a preview saw it. */
struct allocation {
	struct fair_run run;
	int d, b, from;
	int *group, ngroups, *assign;
	struct breakout_move *moves;
	int nmoves;
	struct str why;  /* what needs force, a line each */
	struct str plan; /* the moves and why: equal for an equal decision */
};

static void allocation_done(struct allocation *a)
{
	free(a->group);
	free(a->assign);
	free(a->moves);
	str_done(&a->why);
	str_done(&a->plan);
	fair_run_done(&a->run);
}

/* The index in c->sessions of breakout b, or -1 (a cancelled one). */
static int session_index(const struct fair_run *run, int b)
{
	const struct session *s = run->sessions[b];

	return s >= run->c.sessions && s < run->c.sessions + run->c.nsessions
		       ? (int)(s - run->c.sessions)
		       : -1;
}

/* Whether delegate d is due at session s of c for this reason: set or
 * clear it, keeping c->due sorted by delegate. */
static void due_set(struct conf *c, int d, int s, unsigned how, int on)
{
	int at = 0;

	if (s < 0)
		return;
	for (int i = 0; i < c->ndue; i++) {
		if (c->due[i].delegate == d && c->due[i].session == s) {
			c->due[i].how = on ? c->due[i].how | how : c->due[i].how & ~how;
			return;
		}
		if (c->due[i].delegate <= d)
			at = i + 1;
	}
	if (!on)
		return;
	c->due = xreallocarray(c->due, (size_t)c->ndue + 1, sizeof(*c->due));
	memmove(&c->due[at + 1], &c->due[at], (size_t)(c->ndue - at) * sizeof(*c->due));
	c->due[at] = (struct due){ d, s, how };
	c->ndue++;
}

/* The hard problems of c by the rule book, as sorted keys. */
static uint64_t *hard_keys(const struct conf *c, int *n)
{
	struct rules *r = rules_new(c, NULL, 0);
	struct problem_list l;
	uint64_t *keys;

	rules_check(r, &l);
	keys = xcalloc((size_t)l.n + 1, sizeof(*keys));
	*n = 0;
	for (int i = 0; i < l.n; i++)
		if (l.items[i].hard)
			keys[(*n)++] = rules_problem_key(&l.items[i]);
	problem_list_done(&l);
	rules_free(r);
	return keys;
}

/* The rule book's hard problems that the moves make, a line each in why:
 * the snapshot is judged before and after them, as a move of a session is. */
static void judge_moves(struct allocation *a)
{
	struct conf *c = &a->run.c;
	int nbefore, n = 0;
	uint64_t *before = hard_keys(c, &nbefore);
	struct rules *r;
	struct problem_list l;

	for (int i = 0; i < a->nmoves; i++) {
		const struct breakout_move *m = &a->moves[i];

		if (m->from != BREAKOUT_NONE)
			due_set(c, m->delegate, session_index(&a->run, m->from), DUE_ALLOCATED, 0);
		if (m->to != BREAKOUT_NONE)
			due_set(c, m->delegate, session_index(&a->run, m->to), DUE_ALLOCATED, 1);
	}
	r = rules_new(c, NULL, 0);
	rules_check(r, &l);
	for (int i = 0; i < l.n; i++) {
		uint64_t k = rules_problem_key(&l.items[i]);
		int seen = 0;

		for (int j = 0; j < nbefore && !seen; j++)
			seen = before[j] == k;
		if (l.items[i].hard && !seen && n++ < 5)
			str_catf(&a->why, "the rule book: %s\n", l.items[i].text);
	}
	if (n > 5)
		str_catf(&a->why, "the rule book: and %d more hard problems\n", n - 5);
	problem_list_done(&l);
	rules_free(r);
	free(before);
}

/* Delegates in breakout b under the allocation. */
static int load_in(const struct allocation *a, int b)
{
	int n = 0, g = a->group[b];

	for (int d = 0; d < a->run.pb.ndelegates; d++)
		n += a->assign[(size_t)d * a->ngroups + g] == b;
	return n;
}

/* What putting the delegate in b breaks besides the rule book: the seats,
 * the days they come, the people they are kept apart from. */
static void judge_place(struct allocation *a)
{
	const struct conf *c = &a->run.c;
	const struct delegate *dl = &c->delegates[a->d];
	const struct session *s = a->run.sessions[a->b];
	int seats = a->run.bs[a->b].capacity, n = load_in(a, a->b);

	if (seats >= 0 && n > seats)
		str_catf(&a->why, "%s is full: it has %d seats, and this makes %d\n", s->code,
			 seats, n);
	if (!conf_attends(c, dl, s->day))
		str_catf(&a->why, "they do not come on day %d\n", c->days[s->day].number);
	for (int i = 0; i < a->run.pb.nkeep_apart; i++) {
		const struct breakout_pair *p = &a->run.pairs[i];
		int other = p->a == a->d ? p->b : p->b == a->d ? p->a : -1;
		char *name;

		if (other < 0 || a->assign[(size_t)other * a->ngroups + a->group[a->b]] != a->b)
			continue;
		name = delegate_name(&c->delegates[other]);
		str_catf(&a->why, "they are kept apart from %s, who is in %s\n", name, s->code);
		free(name);
	}
}

/* Find the delegate and the breakout, refusing what no force allows. */
static enum status allocation_find(struct allocation *a, const char *who, const char *code,
				   struct error *err)
{
	const struct conf *c = &a->run.c;
	int i;

	if ((a->d = print_find_delegate(c, who, err)) < 0)
		return ST_INPUT;
	if ((i = conf_session_index(c, code)) < 0)
		return conf_cancelled_index(c, code) >= 0
			       ? error_set(err, ST_INPUT, "%s is cancelled: nobody can have it",
					   code)
			       : error_set(err, ST_INPUT, "no session with code '%s'", code);
	if (!kind_is_breakout(c->sessions[i].kind))
		return error_set(err, ST_INPUT,
				 "%s is a %s, not a breakout: only talks, panels and "
				 "workshops are allocated",
				 code, kind_name(c->sessions[i].kind));
	if ((a->b = breakout_of(&a->run, c->sessions[i].id)) < 0)
		return error_set(err, ST_INPUT, "%s has no time and room yet", code);
	return ST_OK;
}

static enum status allocation_decide(struct db *db, struct allocation *a, const char *who,
				     const char *code, struct error *err)
{
	enum status st = allocation_find(a, who, code, err);

	if (st)
		return st;
	a->group = xcalloc((size_t)a->run.pb.nsessions + 1, sizeof(int));
	a->ngroups = breakout_groups(&a->run.pb, a->group);
	a->assign = stored_assign(db, &a->run, a->group, a->ngroups);
	a->from = a->assign[(size_t)a->d * a->ngroups + a->group[a->b]];
	if (a->from == a->b)
		return error_set(err, ST_INPUT, "%s already has %s", a->run.c.delegates[a->d].email,
				 code);
	a->nmoves = breakout_move(&a->run.pb, a->group, a->ngroups, a->assign, a->d, a->b,
				  &a->moves);
	judge_place(a);
	judge_moves(a);
	for (int i = 0; i < a->nmoves; i++) {
		const struct breakout_move *m = &a->moves[i];

		str_catf(&a->plan, "%lld:%lld:%lld;", (long long)a->run.c.delegates[m->delegate].id,
			 m->from != BREAKOUT_NONE ? (long long)a->run.sessions[m->from]->id : 0LL,
			 (long long)a->run.sessions[m->to]->id);
	}
	str_catf(&a->plan, "\n%s", a->why.len ? a->why.buf : "");
	return ST_OK;
}

/* "their 2nd choice" or "not one of their choices" (appended). */
static void rank_words(const struct allocation *a, int b, struct str *out)
{
	int r = breakout_rank(&a->run.pb, a->group, a->d, b);

	if (!r) {
		str_cat(out, "not one of their choices");
		return;
	}
	str_cat(out, "their ");
	alloc_rank_text(r, out);
	str_cat(out, " choice");
}

/* The place given, what it needs force for, and the promotions. */
static void allocation_report(const struct allocation *a, int dry, struct onday_report *rep)
{
	const struct delegate *d = &a->run.c.delegates[a->d];
	const struct session *s = a->run.sessions[a->b];
	char *name = delegate_name(d);
	struct str to, from;
	json_t *why = json_array();

	str_init(&to);
	str_init(&from);
	rank_words(a, a->b, &to);
	if (a->from != BREAKOUT_NONE) {
		str_catf(&from, "%s, ", a->run.sessions[a->from]->code);
		rank_words(a, a->from, &from);
	}
	str_catf(&rep->text,
		 "%s %s <%s> in %s '%s' (%s), instead of %s; set by hand, so a later "
		 "allocation keeps it\n",
		 dry ? "would put" : "put", name, d->email, s->code, s->title, to.buf,
		 a->from != BREAKOUT_NONE ? from.buf : "nothing");
	json_object_set_new(rep->json, "allocated",
			    json_pack("{s:s,s:s,s:s,s:s?,s:s}", "name", name, "delegate", d->email,
				      "session", s->code, "from",
				      a->from != BREAKOUT_NONE ? a->run.sessions[a->from]->code
							       : NULL,
				      "choice", to.buf));
	for (const char *p = a->why.buf; p && *p;) {
		const char *nl = strchr(p, '\n');

		str_catf(&rep->text, "warning: %.*s\n", (int)(nl - p), p);
		json_array_append_new(why, json_stringn(p, (size_t)(nl - p)));
		p = nl + 1;
	}
	json_object_set_new(rep->json, "warnings", why);
	json_object_set_new(rep->json, "plan", json_string(a->plan.buf));
	json_object_set_new(rep->json, "dry_run", json_boolean(dry));
	rep->moved = 1 + report_promotions(&a->run, a->group, a->moves, a->nmoves, a->d, rep);
	str_done(&to);
	str_done(&from);
	free(name);
}

/* Refuse what the decision needs and was not given: force, or the file
 * as a preview saw it. */
static enum status allocation_allowed(const struct allocation *a, unsigned flags,
				      const char *expect, struct error *err)
{
	char *name = delegate_name(&a->run.c.delegates[a->d]);
	struct str why;
	enum status st = ST_OK;

	/* The reasons on one line: "A; B". */
	str_init(&why);
	for (const char *p = a->why.buf; p && *p;) {
		const char *nl = strchr(p, '\n');

		str_catf(&why, "%s%.*s", why.len ? "; " : "", (int)(nl - p), p);
		p = nl + 1;
	}
	if (expect && strcmp(expect, a->plan.buf) != 0)
		st = error_set(err, ST_PROBLEM,
			       "the file changed since the preview; nothing was written: look at "
			       "%s's places again",
			       name);
	else if (a->why.len && !(flags & FAIR_FORCE))
		st = error_set(err, ST_PROBLEM,
			       "not allocated: %s (use --force to allocate %s all the same)",
			       why.buf, name);
	str_done(&why);
	free(name);
	return st;
}

enum status fair_allocate(struct db *db, const char *who, const char *code,
			  const struct plan_options *opt, unsigned flags, const char *expect,
			  struct onday_report *rep, struct error *err)
{
	struct allocation a;
	char *what = xasprintf("allocate %s to %s", who, code);
	enum status st = db_begin(db, what, err);
	int64_t e = db_edit_number(db);
	int dry = (flags & FAIR_DRY_RUN) != 0;

	free(what);
	if (st)
		return st;
	memset(&a, 0, sizeof(a));
	str_init(&a.why);
	str_init(&a.plan);
	st = fair_build(db, opt, &a.run, err);
	if (!st)
		st = allocation_decide(db, &a, who, code, err);
	if (!st)
		st = allocation_allowed(&a, flags, expect, err);
	if (!st)
		st = write_moves(db, &a.run, a.moves, a.nmoves, err);
	/* Their new place is pinned: a later allocation keeps it. */
	if (!st)
		st = run_bound(db,
			       "UPDATE attendance SET pinned = 1 WHERE delegate_id = ?1 AND "
			       "session_id = ?2",
			       a.run.c.delegates[a.d].id, a.run.sessions[a.b]->id, NULL, err);
	if (!st) {
		allocation_report(&a, dry, rep);
		str_cat(&rep->text, dry ? "whose day would change:\n" : "whose day changes:\n");
	}
	/* A dry run sees whose day changes inside its edit, then drops it. */
	if (!st && dry)
		st = onday_report_affected(db, e - 1, e, rep, err);
	if (st || dry)
		db_rollback(db);
	else if (!(st = db_commit(db, err)))
		st = onday_report_affected(db, e - 1, e, rep, err);
	if (!st) {
		changes_say_affected(&rep->text, rep->affected);
		str_cat(&rep->text, "\n");
	}
	allocation_done(&a);
	return st;
}

/* ---- carousels ----------------------------------------------------------- */

int fair_carousel_pairs(struct db *db, const struct conf *c, const int *idx, int n,
			struct carousel_pair **out)
{
	struct db_stmt *st = db_prepare(db, "SELECT a, b FROM keep_apart");
	int *local = xcalloc((size_t)c->ndelegates + 1, sizeof(int)), np = 0;

	*out = NULL;
	for (int d = 0; d < c->ndelegates; d++)
		local[d] = -1;
	for (int i = 0; i < n; i++)
		local[idx[i]] = i;
	while (db_step(st) == 1) {
		int a = conf_delegate_at(c, db_col_int(st, 0)),
		    b = conf_delegate_at(c, db_col_int(st, 1));

		if (a < 0 || b < 0 || local[a] < 0 || local[b] < 0)
			continue;
		*out = xreallocarray(*out, (size_t)np + 1, sizeof(**out));
		(*out)[np++] = (struct carousel_pair){ local[a], local[b] };
	}
	db_reset(st);
	free(local);
	return np;
}

/* What delegate d got in rotation r: their rank of the station, unchosen,
 * none, or uncounted (they chose nothing, or it is a station everyone
 * visits). */
static int visit_outcome(const struct carousel_problem *p, const int *plan, int d, int r)
{
	const struct carousel_delegate *dl = &p->delegates[d];
	int s = plan[d * p->nrotations + r];

	if (dl->nchoices == 0 || (s >= 0 && p->stations[s].mandatory))
		return BREAKOUT_UNCOUNTED;
	if (s < 0)
		return ALLOC_NONE;
	for (int i = 0; i < dl->nchoices; i++)
		if (dl->choices[i] == s)
			return i + 1;
	return ALLOC_UNCHOSEN;
}

/* Whether a delegate's n counted visits were their n favourite stations. */
static int top_choices(const struct alloc_profile *own)
{
	long n = alloc_profile_total(own);

	for (int r = 1; r <= own->nranks; r++)
		if (own->rank[r - 1] && r > n)
			return 0;
	return own->unchosen == 0 && own->none == 0;
}

struct carousel_worst {
	struct alloc_profile *own;
	const int *id;
};

static int carousel_worse(const void *pa, const void *pb, void *arg)
{
	const struct carousel_worst *w = arg;
	int a = *(const int *)pa, b = *(const int *)pb;
	int c = alloc_profile_worse(&w->own[a], &w->own[b]);

	return c ? c : w->id[a] - w->id[b];
}

/* One worst-off delegate: "2nd station 3, unchosen station 1". */
static json_t *carousel_got(const struct carousel_problem *p, const int *plan, const int *numbers,
			    int d, struct str *line)
{
	json_t *got = json_array();

	for (int r = 0; r < p->nrotations; r++) {
		int o = visit_outcome(p, plan, d, r), s = plan[d * p->nrotations + r];
		struct str w;

		str_init(&w);
		if (o == BREAKOUT_UNCOUNTED)
			str_catf(&w, "station %d (everyone's)", s >= 0 ? numbers[s] : 0);
		else
			alloc_rank_text(o, &w);
		if (s >= 0 && o != BREAKOUT_UNCOUNTED)
			str_catf(&w, " station %d", numbers[s]);
		str_catf(line, "%s%s", r ? ", " : "", w.buf);
		json_array_append_new(got, json_string(w.buf));
		str_done(&w);
	}
	return got;
}

void fair_carousel_report(const struct conf *c, const struct carousel_problem *p, const int *idx,
			  const int *numbers, const int *plan, json_t *summary, struct str *text)
{
	struct alloc_profile all, *own = xcalloc((size_t)p->ndelegates + 1, sizeof(*own));
	int *order = xcalloc((size_t)p->ndelegates + 1, sizeof(int)), n = 0;
	struct carousel_worst w = { own, idx };
	json_t *worst = json_array();

	alloc_profile_init(&all);
	for (int d = 0; d < p->ndelegates; d++) {
		for (int r = 0; r < p->nrotations; r++) {
			int o = visit_outcome(p, plan, d, r);

			if (o != BREAKOUT_UNCOUNTED)
				alloc_profile_add(&own[d], o, 1);
		}
		alloc_profile_merge(&all, &own[d]);
		if (!top_choices(&own[d]))
			order[n++] = d;
	}
	qsort_r(order, (size_t)n, sizeof(int), carousel_worse, &w);
	json_object_set_new(summary, "profile", profile_json(&all));
	str_cat(text, "  profile: ");
	alloc_profile_text(&all, text);
	str_cat(text, "\n");
	for (int i = 0; i < n && i < WORST_JSON; i++) {
		struct str line;
		json_t *got;

		str_init(&line);
		got = carousel_got(p, plan, numbers, order[i], &line);
		worst_add(worst, text, i, &c->delegates[idx[order[i]]], got, line.buf);
		str_done(&line);
	}
	worst_more(text, n, "their top choices");
	json_object_set_new(summary, "worst_off", worst);
	for (int d = 0; d < p->ndelegates; d++)
		alloc_profile_done(&own[d]);
	alloc_profile_done(&all);
	free(own);
	free(order);
}
