/* The bridge from the document to the solvers. Each run reads a snapshot,
 * turns the people and places of one session into a solver's plain arrays,
 * solves, and replaces that session's assignments in one edit, with a note
 * in the journal saying what the solve did. A run that cannot meet its hard
 * constraints stores nothing and says why. */
#include "convene/plan.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "convene/cafe.h"
#include "convene/catalogue.h"
#include "convene/breakout.h"
#include "convene/carousel.h"
#include "convene/fair.h"
#include "convene/journal.h"
#include "convene/list.h"
#include "convene/rules.h"
#include "convene/model.h"

void plan_log_init(struct plan_log *log)
{
	str_init(&log->text);
	log->runs = json_array();
	log->hard = 0;
	log->soft = 0;
}

void plan_log_done(struct plan_log *log)
{
	str_done(&log->text);
	json_decref(log->runs);
}

/* A list of delegate indices. */
struct people {
	int *idx;
	int n;
};

static void people_add(struct people *p, int i)
{
	for (int k = 0; k < p->n; k++)
		if (p->idx[k] == i)
			return;
	p->idx = xreallocarray(p->idx, (size_t)p->n + 1, sizeof(int));
	p->idx[p->n++] = i;
}

/* Delegates from a query of delegate ids with one parameter. */
static void people_from(struct db *db, const struct conf *c, const char *sql, int64_t arg,
			struct people *p)
{
	struct db_stmt *st = db_prepare(db, sql);

	db_bind_int(st, 1, arg);
	while (db_step(st) == 1) {
		int i = conf_delegate_at(c, db_col_int(st, 0));

		if (i >= 0)
			people_add(p, i);
	}
	db_reset(st);
}

static int attends_day(const struct delegate *d, int day_number)
{
	return d->days == 0 || (d->days & (1u << (day_number - 1)));
}

/* Whether delegate d ranked or was given a session that overlaps s. */
static int busy_then(struct db *db, const struct conf *c, int64_t delegate, const struct session *s)
{
	struct db_stmt *st = db_prepare(db, "SELECT session_id FROM preference WHERE "
					    "delegate_id = ?1 UNION SELECT session_id FROM "
					    "attendance WHERE delegate_id = ?1");
	int busy = 0;

	db_bind_int(st, 1, delegate);
	while (!busy && db_step(st) == 1) {
		int64_t other = db_col_int(st, 0);

		for (int k = 0; k < c->nsessions; k++) {
			const struct session *o = &c->sessions[k];

			if (o->id == other && o != s && o->day == s->day && o->day >= 0 &&
			    o->start < s->start + s->duration && s->start < o->start + o->duration)
				busy = 1;
		}
	}
	db_reset(st);
	return busy;
}

/* The code of a session overlapping s that delegate takes part in (by
 * allocation, a choice or hosting a carousel station), or NULL. */
static const char *hosting_elsewhere(struct db *db, const struct conf *c, int64_t delegate,
				     const struct session *s)
{
	/* Once breakouts are allocated, what counts is the allocation. */
	struct db_stmt *st = db_prepare(db, "SELECT session_id FROM attendance WHERE delegate_id = "
					    "?1 UNION SELECT session_id FROM preference WHERE "
					    "delegate_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
					    "attendance) UNION SELECT session_id FROM station WHERE "
					    "host_delegate_id = ?1");
	const char *code = NULL;

	db_bind_int(st, 1, delegate);
	while (!code && db_step(st) == 1) {
		int64_t other = db_col_int(st, 0);

		for (int k = 0; k < c->nsessions && !code; k++) {
			const struct session *o = &c->sessions[k];

			if (o->id == other && o != s && o->day == s->day && o->day >= 0 &&
			    o->start < s->start + s->duration && s->start < o->start + o->duration)
				code = o->code;
		}
	}
	db_reset(st);
	return code;
}

/* Whether the delegate withdrew from session s. */
static int withdrew(struct db *db, int64_t delegate, const struct session *s)
{
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM withdrawn WHERE delegate_id = ?1 AND "
					    "session_id = ?2");
	int yes;

	db_bind_int(st, 1, delegate);
	db_bind_int(st, 2, s->id);
	yes = db_step(st) == 1;
	db_reset(st);
	return yes;
}

/* Who takes part in a cafe or carousel: those allocated to it, else those
 * who chose it, else (a cafe) everyone there that day and free then;
 * never anyone who withdrew from it. */
static void participants(struct db *db, const struct conf *c, const struct session *s,
			 struct people *p)
{
	people_from(db, c,
		    "SELECT delegate_id FROM attendance WHERE session_id = ?1 AND delegate_id NOT "
		    "IN (SELECT delegate_id FROM withdrawn WHERE session_id = ?1) "
		    "ORDER BY delegate_id",
		    s->id, p);
	if (p->n)
		return;
	people_from(db, c,
		    "SELECT DISTINCT delegate_id FROM preference WHERE session_id = ?1 AND "
		    "delegate_id NOT IN (SELECT delegate_id FROM withdrawn WHERE session_id = ?1) "
		    "ORDER BY delegate_id",
		    s->id, p);
	if (p->n || s->kind != KIND_WORLD_CAFE || s->day < 0)
		return;
	for (int i = 0; i < c->ndelegates; i++)
		if (attends_day(&c->delegates[i], c->days[s->day].number) &&
		    !busy_then(db, c, c->delegates[i].id, s) && !withdrew(db, c->delegates[i].id, s))
			people_add(p, i);
}

static enum status note(struct db *db, const char *tbl, int64_t session, json_t *summary,
			struct error *err)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO journal (edit, who, what, tbl, row_id, "
					    "op, after) VALUES (?1, '', '', ?2, ?3, 'note', ?4)");
	char *text = json_dumps(summary, JSON_COMPACT | JSON_SORT_KEYS);
	int rc;

	db_bind_int(st, 1, db_edit_number(db));
	db_bind_text(st, 2, tbl);
	db_bind_int(st, 3, session);
	db_bind_text(st, 4, text);
	rc = db_run(st);
	free(text);
	if (rc)
		return error_set(err, ST_IO, "journal: %s", db_errmsg(db));
	/* The edit's who and what come from the connection, as for triggers. */
	st = db_prepare(db, "UPDATE journal SET who = convene_actor(), what = convene_what() "
			    "WHERE id = last_insert_rowid()");
	return db_run(st) ? error_set(err, ST_IO, "journal: %s", db_errmsg(db)) : ST_OK;
}

/* Stores change only the rows that differ: the new rows of an allocation
 * are staged in a temporary table, then the stored rows are brought to
 * them, so the journal records real changes only. */
static enum status stage_clear(struct db *db, struct error *err)
{
	return db_exec(db,
		       "CREATE TEMP TABLE IF NOT EXISTS stage_attendance (delegate_id, "
		       "session_id, PRIMARY KEY (delegate_id, session_id));"
		       "CREATE TEMP TABLE IF NOT EXISTS stage_seat (round, delegate_id, "
		       "table_no, PRIMARY KEY (round, delegate_id));"
		       "CREATE TEMP TABLE IF NOT EXISTS stage_visit (rotation, delegate_id, "
		       "station_id, PRIMARY KEY (rotation, delegate_id));"
		       "DELETE FROM stage_attendance; DELETE FROM stage_seat; "
		       "DELETE FROM stage_visit",
		       err);
}

/* Drop the staging tables once a store is done: nothing of a store stays
 * in the connection. */
static void stage_drop(struct db *db)
{
	db_exec(db,
		"DROP TABLE IF EXISTS temp.stage_attendance; DROP TABLE IF EXISTS "
		"temp.stage_seat; DROP TABLE IF EXISTS temp.stage_visit",
		NULL);
}

/* Run a statement bound to a session id; an error names the file. */
static enum status run_for(struct db *db, const char *sql, int64_t session, struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql);

	db_bind_int(st, 1, session);
	return db_run(st) ? error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db)) : ST_OK;
}

/* Run a statement with n (2 or 3) numbers bound: a staged row, a delete. */
static enum status run_ints(struct db *db, const char *sql, int n, int64_t a, int64_t b, int64_t c,
			    struct error *err)
{
	struct db_stmt *st = db_prepare(db, sql);

	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	if (n > 2)
		db_bind_int(st, 3, c);
	return db_run(st) ? error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db)) : ST_OK;
}

/* The cafe's tables: its rows in cafe_table, or tables x seats. */
static struct cafe_table *cafe_tables(struct db *db, const struct conf *c, int64_t session,
				      int *ntables, int64_t **host_ids)
{
	struct db_stmt *st = db_prepare(db, "SELECT tables, seats FROM cafe WHERE session_id = ?1");
	struct cafe_table *t;
	int n = 0, seats = 0;

	db_bind_int(st, 1, session);
	if (db_step(st) == 1) {
		n = (int)db_col_int(st, 0);
		seats = (int)db_col_int(st, 1);
	}
	db_reset(st);
	st = db_prepare(db, "SELECT max(number) FROM cafe_table WHERE session_id = ?1");
	db_bind_int(st, 1, session);
	if (db_step(st) == 1 && db_col_int(st, 0) > n)
		n = (int)db_col_int(st, 0);
	db_reset(st);
	t = xcalloc((size_t)n + 1, sizeof(*t));
	*host_ids = xcalloc((size_t)n + 1, sizeof(int64_t));
	for (int i = 0; i < n; i++) {
		t[i].seats = seats;
		t[i].step_free = true;
		t[i].host = CAFE_NONE;
	}
	st = db_prepare(db, "SELECT number, seats, coalesce(host_delegate_id, 0), step_free "
			    "FROM cafe_table WHERE session_id = ?1");
	db_bind_int(st, 1, session);
	while (db_step(st) == 1) {
		int k = (int)db_col_int(st, 0) - 1;

		t[k].seats = (int)db_col_int(st, 1);
		(*host_ids)[k] = db_col_int(st, 2);
		t[k].step_free = db_col_int(st, 3) != 0;
	}
	db_reset(st);
	(void)c;
	*ntables = n;
	return t;
}

/* Keep-apart pairs among the people, as their positions in p. */
static struct cafe_pair *keep_apart_pairs(struct db *db, const struct conf *c,
					  const struct people *p, int *npairs)
{
	struct db_stmt *st = db_prepare(db, "SELECT a, b FROM keep_apart");
	int *pos = xcalloc((size_t)c->ndelegates + 1, sizeof(int));
	struct cafe_pair *pairs = NULL;

	*npairs = 0;
	for (int i = 0; i < c->ndelegates; i++)
		pos[i] = -1;
	for (int k = 0; k < p->n; k++)
		pos[p->idx[k]] = k;
	while (db_step(st) == 1) {
		int a = conf_delegate_at(c, db_col_int(st, 0)),
		    b = conf_delegate_at(c, db_col_int(st, 1));

		if (a < 0 || b < 0 || pos[a] < 0 || pos[b] < 0)
			continue;
		pairs = xreallocarray(pairs, (size_t)*npairs + 1, sizeof(*pairs));
		pairs[*npairs].a = pos[a];
		pairs[*npairs].b = pos[b];
		(*npairs)++;
	}
	db_reset(st);
	free(pos);
	return pairs;
}

/* The seating already stored, for keeping the rounds before a late change. */
static int *stored_seating(struct db *db, const struct conf *c, int64_t session,
			   const struct people *p, int rounds)
{
	struct db_stmt *st = db_prepare(db, "SELECT round, delegate_id, table_no FROM cafe_seat "
					    "WHERE session_id = ?1");
	int *seat = xcalloc((size_t)rounds * (size_t)p->n + 1, sizeof(int));
	int *pos = xcalloc((size_t)c->ndelegates + 1, sizeof(int));

	for (int i = 0; i < rounds * p->n; i++)
		seat[i] = CAFE_NONE;
	for (int i = 0; i < c->ndelegates; i++)
		pos[i] = -1;
	for (int k = 0; k < p->n; k++)
		pos[p->idx[k]] = k;
	db_bind_int(st, 1, session);
	while (db_step(st) == 1) {
		int r = (int)db_col_int(st, 0) - 1, d = conf_delegate_at(c, db_col_int(st, 1));

		if (r >= 0 && r < rounds && d >= 0 && pos[d] >= 0)
			seat[r * p->n + pos[d]] = (int)db_col_int(st, 2) - 1;
	}
	db_reset(st);
	free(pos);
	return seat;
}

struct cafe_run {
	const struct session *s;
	struct people p;
	struct cafe_person *people;
	struct cafe_table *tables;
	int64_t *host_ids;
	struct cafe_pair *pairs;
	int *previous;
	struct cafe_problem pb;
};

static enum status cafe_build(struct db *db, const struct conf *c, struct cafe_run *run,
			      const struct plan_options *opt, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT rounds FROM cafe WHERE session_id = ?1");
	struct dict types = { 0 }, roles = { 0 };
	int rounds = 0;

	db_bind_int(st, 1, run->s->id);
	if (db_step(st) == 1)
		rounds = (int)db_col_int(st, 0);
	db_reset(st);
	run->tables = cafe_tables(db, c, run->s->id, &run->pb.ntables, &run->host_ids);
	participants(db, c, run->s, &run->p);
	for (int t = 0; t < run->pb.ntables; t++)
		if (run->host_ids[t] && conf_delegate_at(c, run->host_ids[t]) >= 0)
			people_add(&run->p, conf_delegate_at(c, run->host_ids[t]));
	run->people = xcalloc((size_t)run->p.n + 1, sizeof(*run->people));
	for (int k = 0; k < run->p.n; k++) {
		const struct delegate *d = &c->delegates[run->p.idx[k]];

		run->people[k].org = d->organisation >= 0 ? d->organisation : CAFE_NONE;
		run->people[k].org_type = d->organisation >= 0
						  ? dict_id(&types,
							    c->organisations[d->organisation].type)
						  : CAFE_NONE;
		run->people[k].role = dict_id(&roles, d->role);
		run->people[k].step_free = tags_have(d->access, "step_free");
		for (int t = 0; t < run->pb.ntables; t++)
			if (run->host_ids[t] == d->id)
				run->tables[t].host = k;
	}
	dict_done(&types);
	dict_done(&roles);
	for (int t = 0; t < run->pb.ntables; t++) {
		int h = run->host_ids[t] ? conf_delegate_at(c, run->host_ids[t]) : -1;
		const char *elsewhere = h >= 0 ? hosting_elsewhere(db, c, run->host_ids[t], run->s)
					       : NULL;

		if (elsewhere) {
			char *name = delegate_name(&c->delegates[h]);

			error_set(err, ST_PROBLEM,
				  "%s: the host of table %d, %s, is also in %s at "
				  "that time: give the table another host or none",
				  run->s->code, t + 1, name, elsewhere);
			free(name);
			return ST_PROBLEM;
		}
	}
	run->pairs = keep_apart_pairs(db, c, &run->p, &run->pb.nkeep_apart);
	run->pb.npeople = run->p.n;
	run->pb.people = run->people;
	run->pb.tables = run->tables;
	run->pb.rounds = rounds;
	run->pb.keep_apart = run->pairs;
	if (opt->from_round >= 1) {
		if (opt->from_round > rounds)
			return error_set(err, ST_INPUT,
					 "%s has %d rounds: --from-round %d keeps "
					 "them all",
					 run->s->code, rounds, opt->from_round);
		run->previous = stored_seating(db, c, run->s->id, &run->p, rounds);
		run->pb.keep_rounds = opt->from_round - 1;
		run->pb.previous = run->previous;
		/* Later rounds stay as close as they can to what people hold. */
		run->pb.hint = run->previous;
	}
	return ST_OK;
}

static void cafe_run_done(struct cafe_run *run)
{
	free(run->p.idx);
	free(run->people);
	free(run->tables);
	free(run->host_ids);
	free(run->pairs);
	free(run->previous);
}

static enum status cafe_store(struct db *db, const struct conf *c, struct cafe_run *run,
			      const struct cafe_plan *plan, json_t *summary, struct error *err)
{
	enum status s;

	if ((s = db_begin(db, "seat a World Cafe", err)))
		return s;
	s = stage_clear(db, err);
	for (int r = 0; r < plan->rounds && !s; r++)
		for (int k = 0; k < run->p.n && !s; k++) {
			int t = plan->seat[r * run->p.n + k];

			if (t != CAFE_NONE)
				s = run_ints(db, "INSERT INTO stage_seat VALUES (?1, ?2, ?3)", 3,
					     r + 1, c->delegates[run->p.idx[k]].id, t + 1, err);
		}
	/* Rounds kept by a late change stay as they were, for everyone who
	 * sat in them, those who have left since included. */
	if (!s)
		s = run_ints(db,
			     "DELETE FROM cafe_seat WHERE session_id = ?1 AND round > ?2 AND "
			     "NOT EXISTS (SELECT 1 FROM stage_seat n WHERE n.round = cafe_seat.round "
			     "AND n.delegate_id = cafe_seat.delegate_id)",
			     2, run->s->id, run->pb.keep_rounds, 0, err);
	if (!s)
		s = run_for(db,
			    "INSERT INTO cafe_seat (session_id, round, delegate_id, table_no) "
			    "SELECT ?1, round, delegate_id, table_no FROM stage_seat WHERE true "
			    "ON CONFLICT DO UPDATE SET table_no = excluded.table_no WHERE "
			    "table_no <> excluded.table_no",
			    run->s->id, err);
	if (!s)
		s = note(db, "cafe_seat", run->s->id, summary, err);
	stage_drop(db);
	if (s) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

static json_t *cafe_summary(const struct cafe_run *run, const struct cafe_plan *plan)
{
	const struct cafe_score *sc = &plan->score;

	json_t *j = json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:I,s:I,s:I,s:s,s:f}", "kind",
			      "cafe", "session", run->s->code, "people", run->p.n, "tables",
			      run->pb.ntables, "rounds", run->pb.rounds, "repeats",
			      (int)sc->repeats, "max_meetings", sc->max_meetings,
			      "same_organisation", (int)sc->same_org, "hard",
			      (int)cafe_score_hard(sc), "mix_penalty", (json_int_t)sc->mix_penalty,
			      "seat_imbalance", (json_int_t)sc->seat_imbalance, "keep_apart",
			      (json_int_t)sc->keep_apart, "method",
			      plan->method ? plan->method : "", "seconds", plan->seconds);

	if (run->pb.hint) {
		json_object_set_new(j, "from_round", json_integer(run->pb.keep_rounds + 1));
		json_object_set_new(j, "people_moved", json_integer(sc->people_moved));
	}
	return j;
}

struct relay {
	const struct plan_options *opt;
	const char *code;
};

static int cafe_progress(const struct cafe_progress *p, void *arg)
{
	const struct relay *r = arg;

	return r->opt->progress(r->code, p->seconds, p->best_cost, r->opt->progress_arg);
}

static int carousel_progress(void *arg, const struct carousel_progress *p)
{
	const struct relay *r = arg;

	return r->opt->progress(r->code, p->seconds, p->cost, r->opt->progress_arg);
}

static enum status cafe_one(struct db *db, const struct conf *c, const struct session *s,
			    const struct plan_options *opt, struct plan_log *log, struct error *err)
{
	struct cafe_run run = { .s = s };
	struct cafe_options o;
	struct cafe_plan plan = { 0 };
	struct design_catalogue cat = { 0 };
	enum status st = cafe_build(db, c, &run, opt, err);
	json_t *summary;

	if (st) {
		cafe_run_done(&run);
		return st;
	}
	struct relay relay = { opt, s->code };

	cafe_options_init(&o);
	o.seed = opt->seed;
	o.time_limit = opt->time_limit;
	if (catalogue_load_default(&cat, err) != ST_OK) {
		cafe_run_done(&run);
		return ST_INPUT;
	}
	o.designs = &cat;
	if (opt->progress) {
		o.progress = cafe_progress;
		o.progress_arg = &relay;
	}
	st = cafe_solve(&run.pb, &o, &plan, err);
	if (st == ST_PROBLEM && err && err->msg) {
		char *msg = xasprintf("%s: %s", s->code, err->msg);

		error_set(err, ST_PROBLEM, "%s", msg);
		free(msg);
	}
	if (st == ST_OK) {
		summary = cafe_summary(&run, &plan);
		st = cafe_store(db, c, &run, &plan, summary, err);
		str_catf(&log->text,
			 "%s: %d people at %d tables for %d rounds: %ld repeat "
			 "encounters (most meetings of a pair %d), %ld same-organisation "
			 "pairs (%.2f s)\n",
			 s->code, run.p.n, run.pb.ntables, run.pb.rounds, plan.score.repeats,
			 plan.score.max_meetings, plan.score.same_org, plan.seconds);
		if (run.pb.hint)
			str_catf(&log->text, "%s: from round %d on, %ld people's tables changed\n",
				 s->code, run.pb.keep_rounds + 1, plan.score.people_moved);
		log->soft += plan.score.repeats + plan.score.same_org;
		json_array_append_new(log->runs, summary);
	}
	cafe_plan_done(&plan);
	design_catalogue_done(&cat);
	cafe_run_done(&run);
	return st;
}

/* Sessions of one kind with code (NULL: all), in code order. */
static enum status each_session(struct db *db, const char *code, enum session_kind kind,
				const struct plan_options *opt, struct plan_log *log,
				struct error *err,
				enum status (*fn)(struct db *, const struct conf *,
						  const struct session *,
						  const struct plan_options *, struct plan_log *,
						  struct error *))
{
	struct conf c;
	enum status st = conf_load(db, &c, err), worst = ST_OK;
	int found = 0;

	if (st)
		return st;
	for (int i = 0; i < c.nsessions && worst != ST_INPUT && worst != ST_IO; i++) {
		const struct session *s = &c.sessions[i];

		if (s->kind != kind || (code && !str_ieq(code, s->code)))
			continue;
		found++;
		st = fn(db, &c, s, opt, log, err);
		if (st == ST_PROBLEM) {
			log->hard++;
			str_catf(&log->text, "%s\n", err->msg);
			json_array_append_new(log->runs,
					      json_pack("{s:s,s:s,s:i,s:s}", "kind",
							kind == KIND_WORLD_CAFE ? "cafe"
										: "carousel",
							"session", s->code, "hard", 1, "problem",
							err->msg));
		}
		if (st > worst)
			worst = st;
	}
	if (code && !found) {
		int i = conf_session_index(&c, code);

		worst = i < 0 ? error_set(err, ST_INPUT, "no session with code '%s'", code)
			      : error_set(err, ST_INPUT, "%s is not a %s", code,
					  kind == KIND_WORLD_CAFE ? "World Cafe" : "carousel");
	}
	conf_done(&c);
	return worst;
}

enum status plan_cafe(struct db *db, const char *code, const struct plan_options *opt,
		      struct plan_log *log, struct error *err)
{
	return each_session(db, code, KIND_WORLD_CAFE, opt, log, err, cafe_one);
}

struct carousel_run {
	const struct session *s;
	struct people p;
	struct carousel_station *stations;
	int64_t *station_ids;
	int *numbers;
	struct carousel_delegate *delegates;
	int *choices;
	struct carousel_problem pb;
	int *previous;   /* a late change: the plan people hold */
	long apart_left; /* keep-apart pairs the plan could not part */
};

static void carousel_stations(struct db *db, struct carousel_run *run, struct people *hosts,
			      const struct conf *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, number, capacity, everyone, skip, "
					    "coalesce(host_delegate_id, 0) FROM station WHERE "
					    "session_id = ?1 ORDER BY number");
	int n = 0;

	db_bind_int(st, 1, run->s->id);
	while (db_step(st) == 1) {
		run->stations = xreallocarray(run->stations, (size_t)n + 1, sizeof(*run->stations));
		run->station_ids = xreallocarray(run->station_ids, (size_t)n + 1, sizeof(int64_t));
		run->numbers = xreallocarray(run->numbers, (size_t)n + 1, sizeof(int));
		run->station_ids[n] = db_col_int(st, 0);
		run->numbers[n] = (int)db_col_int(st, 1);
		run->stations[n].capacity = (int)db_col_int(st, 2);
		run->stations[n].mandatory = db_col_int(st, 3) != 0;
		run->stations[n].skip = (uint64_t)db_col_int(st, 4);
		if (db_col_int(st, 5) && conf_delegate_at(c, db_col_int(st, 5)) >= 0)
			people_add(hosts, conf_delegate_at(c, db_col_int(st, 5)));
		n++;
	}
	db_reset(st);
	run->pb.nstations = n;
}

static int station_index(const struct carousel_run *run, int number)
{
	for (int i = 0; i < run->pb.nstations; i++)
		if (run->numbers[i] == number)
			return i;
	return -1;
}

static void carousel_choices(struct db *db, const struct conf *c, struct carousel_run *run)
{
	struct db_stmt *st = db_prepare(db, "SELECT station FROM preference WHERE session_id = ?1 "
					    "AND delegate_id = ?2 AND station > 0 ORDER BY rank, "
					    "station");
	int k = run->pb.nstations;

	run->delegates = xcalloc((size_t)run->p.n + 1, sizeof(*run->delegates));
	run->choices = xcalloc((size_t)run->p.n * (size_t)k + 1, sizeof(int));
	for (int d = 0; d < run->p.n; d++) {
		const struct delegate *del = &c->delegates[run->p.idx[d]];
		int *mine = &run->choices[d * k], n = 0;

		db_bind_int(st, 1, run->s->id);
		db_bind_int(st, 2, del->id);
		while (db_step(st) == 1 && n < k) {
			int s = station_index(run, (int)db_col_int(st, 0)), dup = 0;

			for (int j = 0; j < n; j++)
				dup |= mine[j] == s;
			if (s >= 0 && !dup)
				mine[n++] = s;
		}
		db_reset(st);
		run->delegates[d].nchoices = n;
		run->delegates[d].choices = mine;
		run->delegates[d].group = del->organisation;
	}
}

/* The stored visits of the people taking part, by rotation (-1 none). */
static int *stored_visits(struct db *db, const struct conf *c, const struct carousel_run *run)
{
	struct db_stmt *st = db_prepare(db, "SELECT rotation, delegate_id, station_id FROM "
					    "carousel_visit WHERE session_id = ?1");
	int R = run->pb.nrotations;
	int *plan = xreallocarray(NULL, (size_t)run->p.n * R + 1, sizeof(int));
	int *pos = xcalloc((size_t)c->ndelegates + 1, sizeof(int));

	for (int i = 0; i < run->p.n * R; i++)
		plan[i] = -1;
	for (int i = 0; i < c->ndelegates; i++)
		pos[i] = -1;
	for (int k = 0; k < run->p.n; k++)
		pos[run->p.idx[k]] = k;
	db_bind_int(st, 1, run->s->id);
	while (db_step(st) == 1) {
		int r = (int)db_col_int(st, 0) - 1, d = conf_delegate_at(c, db_col_int(st, 1));

		if (r < 0 || r >= R || d < 0 || pos[d] < 0)
			continue;
		for (int k = 0; k < run->pb.nstations; k++)
			if (run->station_ids[k] == db_col_int(st, 2))
				plan[pos[d] * R + r] = k;
	}
	db_reset(st);
	free(pos);
	return plan;
}

static enum status carousel_build(struct db *db, const struct conf *c, struct carousel_run *run,
				  const struct plan_options *opt, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT rotations FROM carousel WHERE session_id = ?1");
	struct people all = { 0 }, hosts = { 0 };

	db_bind_int(st, 1, run->s->id);
	if (db_step(st) == 1)
		run->pb.nrotations = (int)db_col_int(st, 0);
	db_reset(st);
	carousel_stations(db, run, &hosts, c);
	if (run->pb.nstations == 0) {
		free(hosts.idx);
		return error_set(err, ST_PROBLEM,
				 "%s has no stations (import them with "
				 "'convene import FILE stations CSV')",
				 run->s->code);
	}
	participants(db, c, run->s, &all);
	for (int i = 0; i < all.n; i++) {
		int host = 0;

		for (int h = 0; h < hosts.n; h++)
			host |= hosts.idx[h] == all.idx[i];
		if (!host)
			people_add(&run->p, all.idx[i]);
	}
	free(all.idx);
	free(hosts.idx);
	carousel_choices(db, c, run);
	run->pb.ndelegates = run->p.n;
	run->pb.stations = run->stations;
	run->pb.delegates = run->delegates;
	if (opt->from_round >= 1) {
		if (opt->from_round > run->pb.nrotations)
			return error_set(err, ST_INPUT,
					 "%s has %d rotations: --from-round %d keeps "
					 "them all",
					 run->s->code, run->pb.nrotations, opt->from_round);
		/* Later rotations stay as close as they can to what people hold. */
		run->previous = stored_visits(db, c, run);
		run->pb.previous = run->previous;
		run->pb.keep_rotations = opt->from_round - 1;
	}
	return ST_OK;
}

static void carousel_run_done(struct carousel_run *run)
{
	free(run->p.idx);
	free(run->stations);
	free(run->station_ids);
	free(run->numbers);
	free(run->delegates);
	free(run->choices);
	free(run->previous);
}

static enum status carousel_store(struct db *db, const struct conf *c,
				  const struct carousel_run *run, const struct carousel_result *res,
				  json_t *summary, struct error *err)
{
	enum status s = db_begin(db, "rotate a carousel", err);
	int R = run->pb.nrotations;

	if (s)
		return s;
	s = stage_clear(db, err);
	for (int d = 0; d < run->p.n && !s; d++)
		for (int r = 0; r < R && !s; r++) {
			int k = res->plan[d * R + r];

			if (k >= 0)
				s = run_ints(db, "INSERT INTO stage_visit VALUES (?1, ?2, ?3)", 3,
					     r + 1, c->delegates[run->p.idx[d]].id,
					     run->station_ids[k], err);
		}
	/* Rotations kept by a late change stay as they were, for everyone who
	 * took part in them, those who have left since included. */
	if (!s)
		s = run_ints(db,
			     "DELETE FROM carousel_visit WHERE session_id = ?1 AND rotation > ?2 "
			     "AND NOT EXISTS (SELECT 1 FROM stage_visit n WHERE n.rotation = "
			     "carousel_visit.rotation AND n.delegate_id = carousel_visit.delegate_id)",
			     2, run->s->id, run->pb.previous ? run->pb.keep_rotations : 0, 0, err);
	if (!s)
		s = run_for(db,
			    "INSERT INTO carousel_visit (session_id, rotation, delegate_id, "
			    "station_id) SELECT ?1, rotation, delegate_id, station_id FROM "
			    "stage_visit WHERE true ON CONFLICT DO UPDATE SET station_id = "
			    "excluded.station_id WHERE station_id <> excluded.station_id",
			    run->s->id, err);
	if (!s)
		s = note(db, "carousel_visit", run->s->id, summary, err);
	stage_drop(db);
	if (s) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

/* Part the keep-apart pairs the plan puts at one station in one rotation
 * (carousel_keep_apart); a plan that had to move someone is scored again. */
static void carousel_part(struct db *db, const struct conf *c, struct carousel_run *run,
			  struct carousel_result *res)
{
	struct carousel_pair *pairs;
	int n = fair_carousel_pairs(db, c, run->p.idx, run->p.n, &pairs);
	long long cost = res->score.cost;

	run->apart_left = carousel_keep_apart(&run->pb, pairs, n, res->plan);
	carousel_evaluate(&run->pb, res->plan, &res->score);
	res->optimal &= res->score.cost == cost;
	free(pairs);
}

static enum status carousel_one(struct db *db, const struct conf *c, const struct session *s,
				const struct plan_options *opt, struct plan_log *log,
				struct error *err)
{
	struct carousel_run run = { .s = s };
	struct carousel_options o = { .seed = opt->seed, .time_limit = opt->time_limit };
	struct carousel_result res = { 0 };
	struct relay relay = { opt, s->code };
	enum status st = carousel_build(db, c, &run, opt, err);

	if (opt->progress) {
		o.progress = carousel_progress;
		o.progress_ctx = &relay;
	}
	json_t *summary;

	if (!st)
		st = carousel_solve(&run.pb, &o, &res, err);
	if (!st)
		carousel_part(db, c, &run, &res);
	if (st == ST_PROBLEM && err && err->msg && strncmp(err->msg, s->code, strlen(s->code))) {
		char *msg = xasprintf("%s: %s", s->code, err->msg);

		error_set(err, ST_PROBLEM, "%s", msg);
		free(msg);
	}
	if (st == ST_OK) {
		summary = json_pack("{s:s,s:s,s:i,s:i,s:i,s:I,s:I,s:I,s:I,s:b,s:s,s:f}", "kind",
				    "carousel", "session", s->code, "people", run.p.n, "stations",
				    run.pb.nstations, "rotations", run.pb.nrotations, "cost",
				    (json_int_t)res.score.cost, "unmet", (json_int_t)res.score.unmet,
				    "over_capacity", (json_int_t)res.score.over_capacity, "hard",
				    (json_int_t)res.score.hard, "optimal", res.optimal, "method",
				    res.method ? res.method : "", "seconds", res.seconds);
		json_object_set_new(summary, "keep_apart", json_integer(run.apart_left));
		if (run.pb.previous) {
			json_object_set_new(summary, "from_rotation",
					    json_integer(run.pb.keep_rotations + 1));
			json_object_set_new(summary, "people_moved",
					    json_integer(res.score.people_moved));
		}
		str_catf(&log->text,
			 "%s: %d people, %d stations, %d rotations: cost %lld, %ld "
			 "visits not among their choices%s (%.2f s)\n",
			 s->code, run.p.n, run.pb.nstations, run.pb.nrotations, res.score.cost,
			 res.score.unmet, res.optimal ? ", optimal" : "", res.seconds);
		if (run.pb.previous)
			str_catf(&log->text,
				 "%s: from rotation %d on, %ld people's stations changed\n",
				 s->code, run.pb.keep_rotations + 1, res.score.people_moved);
		if (run.apart_left)
			str_catf(&log->text,
				 "  %ld keep-apart pairs share a station: no station "
				 "had room to part them\n",
				 run.apart_left);
		fair_carousel_report(c, &run.pb, run.p.idx, run.numbers, res.plan, summary,
				     &log->text);
		st = carousel_store(db, c, &run, &res, summary, err);
		log->soft += res.score.unmet;
		json_array_append_new(log->runs, summary);
	}
	carousel_result_done(&res);
	carousel_run_done(&run);
	return st;
}

enum status plan_carousel(struct db *db, const char *code, const struct plan_options *opt,
			  struct plan_log *log, struct error *err)
{
	return each_session(db, code, KIND_CAROUSEL, opt, log, err, carousel_one);
}

/* The programme: from the snapshot to the placement and breakout solvers. */

void plan_options_from_settings(struct plan_options *opt, const struct settings *cfg)
{
	struct timetable_weights *w = &opt->weights;

	opt->seed = (uint64_t)settings_int(cfg, "solver.seed");
	opt->time_limit = settings_float(cfg, "solver.time_limit");
	timetable_weights_init(w);
	w->track_clash = (int)settings_int(cfg, "weights.track_clash");
	w->audience_clash = (int)settings_int(cfg, "weights.audience_clash");
	w->preference_clash = (int)settings_int(cfg, "weights.preference_clash");
	w->room_size = (int)settings_int(cfg, "weights.room_size");
	w->speaker_rooms = (int)settings_int(cfg, "weights.speaker_rooms");
	w->speaker_days = (int)settings_int(cfg, "weights.speaker_days");
	w->time_tags = (int)settings_int(cfg, "weights.time_tags");
	w->room_tags = (int)settings_int(cfg, "weights.room_tags");
	w->move_time = (int)settings_int(cfg, "weights.move_time");
	w->move_room = (int)settings_int(cfg, "weights.move_room");
	opt->objective = alloc_objective_parse(settings_string(cfg, "allocation.objective"));
	if (opt->objective < 0)
		opt->objective = ALLOC_TOTAL;
	opt->minimum = (int)settings_int(cfg, "allocation.minimum");
	opt->priority = (int)settings_int(cfg, "allocation.priority");
}

enum status plan_store_places(struct db *db, const struct conf *c,
			      const struct timetable_problem *pb, const struct timetable_place *was,
			      const struct timetable_place *place, int *moved, struct error *err)
{
	enum status st = db_begin(db, "plan the programme", err);

	*moved = 0;
	for (int i = 0; i < c->nsessions && !st; i++) {
		const struct timetable_place *p = &place[i], *w = &was[i];
		int room = p->room >= 0 ? p->room : w->room;

		if (pb->sessions[i].pinned ||
		    (p->day == w->day && p->start == w->start && room == w->room))
			continue;
		(*moved)++;
		if (p->day < 0 || room < 0)
			st = placement_clear(db, c->sessions[i].id, err);
		else
			st = placement_set(db, c->sessions[i].id, c->days[p->day].id, p->start,
					   c->rooms[room].id, err);
	}
	if (st) {
		db_rollback(db);
		return st;
	}
	return db_commit(db, err);
}

static int timetable_progress(const struct timetable_progress *p, void *arg)
{
	const struct plan_options *opt = arg;

	return opt->progress("programme", p->seconds, p->best_soft + 1000000LL * p->best_hard,
			     opt->progress_arg);
}

/* Sessions held where they are: pinned for this run (opt->hold). */
static void hold_sessions(struct conf *c, const struct plan_options *opt)
{
	for (int i = 0; i < opt->nhold; i++) {
		int s = conf_session_at(c, opt->hold[i]);

		if (s >= 0 && c->sessions[s].day >= 0)
			c->sessions[s].pinned = 1;
	}
}

/* The result of a placement run for the log: a line and its JSON. */
static void programme_log(const struct conf *c, const struct rules *r,
			  const struct timetable_result *res, int moved, struct plan_log *log)
{
	struct problem_list l;
	json_t *summary;

	rules_describe(r, res->place, &res->score, &l);
	str_catf(&log->text, "programme: %d sessions, %d moved%s (%.2f s)\n", c->nsessions,
		 res->score.hard ? 0 : moved,
		 res->score.hard ? ", nothing stored: hard "
				   "constraints cannot all be met"
				 : "",
		 res->seconds);
	problems_text_summary(&l, &log->text);
	summary = problems_json(c, &l);
	json_object_set_new(summary, "kind", json_string("timetable"));
	json_object_set_new(summary, "moved", json_integer(res->score.hard ? 0 : moved));
	json_object_set_new(summary, "seconds", json_real(res->seconds));
	json_array_append_new(log->runs, summary);
	log->hard += res->score.hard;
	log->soft += res->score.soft;
	problem_list_done(&l);
}

enum status plan_timetable(struct db *db, const struct plan_options *opt, struct plan_log *log,
			   struct error *err)
{
	struct conf c;
	struct rules *r;
	struct timetable_options o;
	struct timetable_result res = { 0 };
	struct timetable_place *was;
	enum status st = conf_load(db, &c, err), solved;
	int moved = 0;

	if (st)
		return st;
	hold_sessions(&c, opt);
	r = rules_new(&c, &opt->weights, RULES_PINS | RULES_IGNORE_DUE(opt->redo));
	was = xcalloc((size_t)c.nsessions + 1, sizeof(*was));
	rules_places(r, was);
	timetable_options_init(&o);
	o.seed = opt->seed;
	o.time_limit = opt->time_limit;
	o.max_iterations = opt->max_steps;
	if (opt->progress) {
		o.progress = timetable_progress;
		o.progress_arg = (void *)opt;
	}
	solved = timetable_solve(rules_problem(r), &o, &res, err);
	if (solved > ST_PROBLEM || !res.place) {
		st = solved ? solved : error_set(err, ST_IO, "the placement solver gave no plan");
		goto out;
	}
	/* A plan with hard violations is not stored: the file keeps the old one. */
	if (res.score.hard == 0)
		st = plan_store_places(db, &c, rules_problem(r), was, res.place, &moved, err);
	programme_log(&c, r, &res, moved, log);
	if (!st && res.score.hard) {
		st = error_set(err, ST_PROBLEM,
			       "the programme has %ld hard problem%s that no "
			       "placement avoids%s%s",
			       res.score.hard, res.score.hard == 1 ? "" : "s",
			       solved == ST_PROBLEM ? ": " : "",
			       solved == ST_PROBLEM && err && err->msg ? err->msg : "");
		str_catf(&log->text, "%s\n", err && err->msg ? err->msg : "");
	}
out:
	timetable_result_done(&res);
	free(was);
	rules_free(r);
	conf_done(&c);
	return st;
}

static enum status breakout_store(struct db *db, const struct fair_run *run,
				  const struct breakout_result *res, json_t *summary,
				  struct error *err)
{
	enum status s = db_begin(db, "allocate breakouts", err);

	if (s)
		return s;
	s = stage_clear(db, err);
	for (int d = 0; d < res->ndelegates && !s; d++)
		for (int g = 0; g < res->ngroups && !s; g++) {
			int b = res->assign[d * res->ngroups + g];

			if (b >= 0)
				s = run_ints(db,
					     "INSERT OR IGNORE INTO stage_attendance VALUES (?1, ?2)",
					     2, run->c.delegates[d].id, run->sessions[b]->id, 0,
					     err);
		}
	if (!s)
		s = db_exec(db,
			    "DELETE FROM attendance WHERE session_id IN (SELECT id FROM session "
			    "WHERE kind IN ('talk', 'panel', 'workshop')) AND NOT EXISTS (SELECT 1 "
			    "FROM stage_attendance n WHERE n.delegate_id = attendance.delegate_id AND "
			    "n.session_id = attendance.session_id);"
			    "INSERT OR IGNORE INTO attendance (delegate_id, session_id) SELECT "
			    "delegate_id, session_id FROM stage_attendance",
			    err);
	if (!s)
		s = fair_store(db, run, res, err);
	if (!s)
		s = note(db, "attendance", 0, summary, err);
	stage_drop(db);
	if (s) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

enum status plan_breakouts(struct db *db, const struct plan_options *opt, struct plan_log *log,
			   struct error *err)
{
	struct fair_run run;
	struct breakout_result res = { 0 };
	enum status st = fair_build(db, opt, &run, err);
	const struct breakout_score *sc = &res.score;
	json_t *summary;

	if (!st)
		st = breakout_solve(&run.pb, &res, err);
	if (!st) {
		summary = json_pack("{s:s,s:i,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:b,s:f}", "kind",
				    "breakouts", "sessions", run.pb.nsessions - res.ncancelled,
				    "delegates", run.pb.ndelegates, "cost", (json_int_t)sc->cost,
				    "assigned", (json_int_t)sc->assigned, "wanted",
				    (json_int_t)sc->wanted, "first_choice",
				    (json_int_t)sc->first_choice, "unmet", (json_int_t)sc->unmet,
				    "over_capacity", (json_int_t)sc->over_capacity, "optimal",
				    res.optimal, "seconds", res.seconds);
		str_catf(&log->text,
			 "breakouts: %ld places given in %d sessions; %ld of %ld "
			 "first choices, %ld delegate-slots with none of their choices, "
			 "cost %lld%s (%.2f s)\n",
			 sc->assigned, run.pb.nsessions - res.ncancelled, sc->first_choice,
			 sc->wanted, sc->unmet, sc->cost, res.optimal ? ", optimal" : "",
			 res.seconds);
		fair_report(&run, &res, summary, &log->text);
		st = breakout_store(db, &run, &res, summary, err);
		log->soft += sc->unmet;
		json_array_append_new(log->runs, summary);
	}
	breakout_result_done(&res);
	fair_run_done(&run);
	return st;
}

const struct plan_target plan_everything[4] = {
	{ PLAN_TIMETABLE, NULL },
	{ PLAN_BREAKOUTS, NULL },
	{ PLAN_CAROUSEL, NULL },
	{ PLAN_CAFE, NULL },
};

/* Who is due where that the targets after the first placement redo. */
static unsigned redone(const struct plan_target *t, int n)
{
	unsigned how = 0;

	for (int i = 0; i < n; i++) {
		if (t[i].kind == PLAN_BREAKOUTS)
			how |= DUE_ALLOCATED;
		else if (t[i].kind == PLAN_CAROUSEL && !t[i].code)
			how |= DUE_ROTATING;
		else if (t[i].kind == PLAN_CAFE && !t[i].code)
			how |= DUE_SEATED;
	}
	return how;
}

/* Run every target on db (the private copy); the worst status. */
static enum status run_targets(struct db *db, const struct plan_target *t, int n,
			       const struct plan_options *opt, struct plan_log *log,
			       struct error *err)
{
	enum status worst = ST_OK;

	for (int i = 0; i < n && worst <= ST_PROBLEM; i++) {
		struct plan_options o = *opt;
		enum status st;

		o.redo = t[i].kind == PLAN_TIMETABLE ? redone(t + i + 1, n - i - 1) : 0;
		if (worst == ST_PROBLEM)
			error_clear(err);
		switch (t[i].kind) {
		case PLAN_TIMETABLE:
			st = plan_timetable(db, &o, log, err);
			break;
		case PLAN_BREAKOUTS:
			st = plan_breakouts(db, &o, log, err);
			break;
		case PLAN_CAROUSEL:
			st = plan_carousel(db, t[i].code, &o, log, err);
			break;
		default:
			st = plan_cafe(db, t[i].code, &o, log, err);
		}
		if (st > worst)
			worst = st;
	}
	return worst;
}

/* The sessions another organiser placed while the plan was made join the
 * held ones; the log says whose edit it was. */
static void hold_theirs(const struct journal_since *since, int64_t **hold, int *nhold,
			struct plan_log *log)
{
	for (int i = 0; i < since->nplaced; i++) {
		int seen = 0;

		for (int k = 0; k < *nhold && !seen; k++)
			seen = (*hold)[k] == since->placed[i];
		if (seen)
			continue;
		*hold = xreallocarray(*hold, (size_t)*nhold + 1, sizeof(int64_t));
		(*hold)[(*nhold)++] = since->placed[i];
	}
	str_catf(&log->text,
		 "%s changed the file while this was planned (%s, at %s); planned "
		 "again from the new state, keeping the %d sessions they placed where "
		 "they are\n",
		 since->who, since->what, since->at, since->nplaced);
}

/* The edit's name: "solve: timetable, breakouts, carousels, cafes". */
static char *solve_what(const struct plan_target *t, int n)
{
	static const char *const names[] = { "timetable", "breakouts", "carousels", "cafes" };
	struct str s;

	str_init(&s);
	str_cat(&s, "solve:");
	for (int i = 0; i < n; i++) {
		str_catf(&s, "%s %s", i ? "," : "", names[t[i].kind]);
		if (t[i].code)
			str_catf(&s, " %s", t[i].code);
	}
	return str_steal(&s);
}

/* One try: plan in a copy, then store it if the file is as the copy was.
 * *stale is set (and nothing stored) when someone changed it meanwhile. */
static enum status try_solve(struct db *db, const struct plan_target *t, int n,
			     const struct plan_options *opt, struct plan_log *log,
			     struct journal_since *stale, struct error *err)
{
	struct db *copy;
	int64_t mark;
	enum status st = db_copy(db, &copy, err), found, kept;
	char *what;

	memset(stale, 0, sizeof(*stale));
	if (st)
		return st;
	mark = journal_last_edit(copy);
	found = run_targets(copy, t, n, opt, log, err);
	if (found > ST_PROBLEM) {
		db_close(copy);
		return found;
	}
	what = solve_what(t, n);
	kept = found == ST_PROBLEM ? ST_PROBLEM : ST_OK;
	st = journal_bring(db, copy, mark, what, stale, err);
	free(what);
	db_close(copy);
	return st ? st : kept;
}

enum status plan_solve(struct db *db, const struct plan_target *targets, int n,
		       const struct plan_options *opt, struct plan_log *log, struct error *err)
{
	struct plan_options o = *opt;
	struct journal_since stale = { 0 };
	struct plan_log notes;
	int64_t *hold = xcalloc((size_t)opt->nhold + 1, sizeof(int64_t));
	int nhold = opt->nhold;
	enum status st = ST_OK;

	if (opt->nhold)
		memcpy(hold, opt->hold, (size_t)opt->nhold * sizeof(int64_t));
	plan_log_init(&notes);
	for (int attempt = 0; attempt < 3; attempt++) {
		if (attempt) {
			/* The log tells the final try, after what made it try again. */
			hold_theirs(&stale, &hold, &nhold, &notes);
			journal_since_done(&stale);
			plan_log_done(log);
			plan_log_init(log);
			str_cat(&log->text, notes.text.buf);
		}
		o.hold = hold;
		o.nhold = nhold;
		st = try_solve(db, targets, n, &o, log, &stale, err);
		if (!stale.edit)
			break;
	}
	if (stale.edit)
		st = error_set(err, ST_PROBLEM,
			       "%s: the file kept changing while this was planned "
			       "(latest: %s, %s, at %s); nothing was written: run it again",
			       db_path(db), stale.who, stale.what, stale.at);
	journal_since_done(&stale);
	plan_log_done(&notes);
	free(hold);
	return st;
}
