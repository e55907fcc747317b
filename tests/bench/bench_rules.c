/* Benchmark: the rule book and the cost of deciding inside the write.
 *
 * 1. Evaluating the whole rule book (rules_new and rules_check, as the
 *    screen does after every edit and `convene check` does) on the sample
 *    conference, solved, and on the sample grown to 10,000 delegates with
 *    their choices and allocations (target < 1 ms and < 20 ms).
 * 2. A move on the sample, which reads and judges the file inside its
 *    write transaction, against the same move judged before its write (as
 *    a move open to a stale read would be): the difference is what the
 *    guard costs (target < 5 ms).
 * Prints the figures; the exit status says whether the targets were met. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/onday.h"
#include "convene/plan.h"
#include "convene/rules.h"
#include "convene/sample.h"

#include "benchutil.h"

#define RUNS 41

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), cmp);
	return v[n / 2];
}

static void sql(struct db *db, const char *text)
{
	struct error err = { 0 };

	if (db_exec(db, text, &err))
		die("%s", err.msg);
}

/* The sample, its carousels and cafes solved and its breakouts allocated. */
static struct db *sample(const char *path)
{
	struct error err = { 0 };
	struct plan_options opt = { .seed = 1, .time_limit = 5 };
	struct plan_log log;
	struct db *db;
	char *dir = sample_dir();

	if (!dir)
		die("the sample conference was not found (set CONVENE_DATADIR)");
	bench_remove_db(path);
	if (db_open(path, DB_CREATE, &db, &err) || sample_build(db, dir, &err))
		die("%s", err.msg);
	plan_log_init(&log);
	if (plan_breakouts(db, &opt, &log, &err) > ST_PROBLEM ||
	    plan_carousel(db, NULL, &opt, &log, &err) > ST_PROBLEM ||
	    plan_cafe(db, NULL, &opt, &log, &err) > ST_PROBLEM)
		die("%s", err.msg);
	plan_log_done(&log);
	free(dir);
	return db;
}

/* Grow the file to n delegates, each choosing three breakouts and given one. */
static void grow(struct db *db, int n)
{
	char *text = xasprintf(
		"BEGIN; WITH RECURSIVE k(i) AS (SELECT (SELECT count(*) FROM delegate) UNION ALL "
		"SELECT i + 1 FROM k WHERE i < %d) INSERT INTO delegate (first_name, last_name, "
		"email, days) SELECT 'Delegate', i, 'd' || i || '@bench.example', 0 FROM k "
		"WHERE i > (SELECT count(*) FROM delegate); "
		"CREATE TEMP TABLE b AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM "
		"session WHERE kind IN ('talk', 'panel', 'workshop'); "
		"INSERT OR IGNORE INTO preference (delegate_id, session_id, station, rank) SELECT d.id, "
		"b.id, 0, r.r FROM delegate d JOIN (SELECT 1 AS r UNION SELECT 2 UNION SELECT 3) r "
		"JOIN b ON b.n = (d.id * 7 + r.r * 13) %% (SELECT count(*) FROM b) WHERE d.email "
		"LIKE '%%@bench.example'; "
		"INSERT OR IGNORE INTO attendance (delegate_id, session_id) SELECT p.delegate_id, "
		"p.session_id FROM preference p "
		"JOIN delegate d ON d.id = p.delegate_id WHERE p.rank = 1 AND d.email LIKE "
		"'%%@bench.example'; COMMIT",
		n - 1);

	sql(db, text);
	free(text);
}

/* Median ms of rules_new + rules_check on the file as it is. */
static double evaluate(struct db *db, int *ndelegates, int *ndue)
{
	struct error err = { 0 };
	struct conf c;
	double t[RUNS];

	if (conf_load(db, &c, &err))
		die("%s", err.msg);
	for (int i = 0; i < RUNS; i++) {
		struct problem_list l;
		double t0 = now_seconds();

		programme_check(&c, NULL, &l);
		t[i] = now_seconds() - t0;
		problem_list_done(&l);
	}
	*ndelegates = c.ndelegates;
	*ndue = c.ndue;
	conf_done(&c);
	return median(t, RUNS) * 1000;
}

/* The same decision made as a move that does not guard against a stale
 * read would make it: read and judge first, then write in its own edit. */
static void unguarded_move(struct db *db, const char *room, struct error *err)
{
	struct conf c;
	struct rules *r;
	struct problem_list l;
	int s, q = -1;

	if (conf_load(db, &c, err))
		die("%s", err->msg);
	s = conf_session_index(&c, "T04");
	for (int i = 0; i < c.nrooms; i++)
		if (strcmp(c.rooms[i].name, room) == 0)
			q = i;
	r = rules_new(&c, NULL, 0);
	rules_check(r, &l);
	problem_list_done(&l);
	c.sessions[s].room = q;
	rules_check_session(r, s, &l);
	problem_list_done(&l);
	if (db_begin(db, "unguarded move", err) ||
	    placement_set(db, c.sessions[s].id, c.days[c.sessions[s].day].id, c.sessions[s].start,
			  c.rooms[q].id, err) ||
	    db_commit(db, err))
		die("%s", err->msg);
	rules_free(r);
	conf_done(&c);
}

/* Median ms of moving T04 to the Atrium Suite and back: moves judged
 * inside their write, and the same moves judged before it. */
static void moves(struct db *db, double *judged, double *unguarded)
{
	const char *rooms[2] = { "Atrium Suite", "Upper Gallery" };
	double tj[RUNS], tu[RUNS];
	struct error err = { 0 };

	for (int i = 0; i < RUNS; i++) {
		struct onday_report rep;
		double t0;

		onday_report_init(&rep);
		t0 = now_seconds();
		if (onday_move(db, "T04", rooms[i % 2], 0, -1, 0, &rep, &err))
			die("move: %s", err.msg);
		tj[i] = now_seconds() - t0;
		onday_report_done(&rep);
		t0 = now_seconds();
		unguarded_move(db, rooms[(i + 1) % 2], &err);
		tu[i] = now_seconds() - t0;
	}
	*judged = median(tj, RUNS) * 1000;
	*unguarded = median(tu, RUNS) * 1000;
}

int main(void)
{
	char path[] = "/tmp/convene-bench-rules-XXXXXX";
	int fd = mkstemp(path), nd, ndue, met = 1;
	struct db *db;
	double small, big, judged, unguarded;

	locale_init();
	close(fd);
	db = sample(path);
	small = evaluate(db, &nd, &ndue);
	printf("rule book on the sample (%d delegates, %d due at sessions): median %.3f ms "
	       "(target < 1 ms)\n",
	       nd, ndue, small);
	moves(db, &judged, &unguarded);
	printf("a move read and judged inside its write: median %.2f ms; judged before its "
	       "write (open to a stale read): %.2f ms; guarding adds %.2f ms (target < 5 ms)\n",
	       judged, unguarded, judged - unguarded);
	grow(db, 10000);
	big = evaluate(db, &nd, &ndue);
	printf("rule book on %d delegates (%d due at sessions): median %.3f ms (target < 20 ms)\n",
	       nd, ndue, big);
	db_close(db);
	bench_remove_db(path);
	met = small < 1 && big < 20 && judged - unguarded < 5;
	return met ? 0 : 1;
}
