/* Benchmark: fair allocation. Each objective on 10,000 delegates ranking
 * 200 breakouts (ten sets of twenty at once over two days, popularity
 * skewed, with musts, priority groups, keep-apart pairs and minimums);
 * then withdrawals with promotion from waitlists on the sample
 * conference (each full breakout's delegates withdrawn in turn, in one
 * file). Prints the figures; fails when one is over its budget (2 s an
 * allocation, 50 ms the median withdrawal edit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/breakout.h"
#include "convene/db.h"
#include "convene/fair.h"
#include "convene/journal.h"
#include "convene/plan.h"
#include "convene/sample.h"

#include "benchutil.h"

enum { ND = 10000, NS = 200, SLOTS = 10, PER = NS / SLOTS, RANKED = 5 };

/* A session's popularity: the first of a set are chosen far more. */
static int popular(struct rng *rng)
{
	double u = rng_unit(rng);

	return (int)(u * u * PER);
}

static void build(struct breakout_session *ss, struct breakout_delegate *dl, int *choices,
		  struct breakout_pair *pairs, int npairs)
{
	struct rng rng;

	rng_seed(&rng, 2027);
	for (int s = 0; s < NS; s++) {
		int slot = s / PER, start = 540 + 75 * (slot % 5);

		ss[s] = (struct breakout_session){ slot / 5,
						   start,
						   start + 60,
						   20 + (int)rng_below(&rng, 60) * 10,
						   s % 7 == 0 ? 40 : 0,
						   s % 11 == 0 ? 1u : 0u };
	}
	for (int d = 0; d < ND; d++) {
		int *c = choices + (size_t)d * SLOTS * RANKED, n = 0;

		for (int slot = 0; slot < SLOTS; slot++)
			for (int k = 0; k < RANKED; k++) {
				int s = slot * PER + popular(&rng), dup = 0;

				for (int i = 0; i < n; i++)
					dup |= c[i] == s;
				if (!dup)
					c[n++] = s;
			}
		dl[d] = (struct breakout_delegate){ n,
						    c,
						    rng_below(&rng, 10) ? 0u : 1u,
						    rng_below(&rng, 20)
							    ? 0
							    : 1 + (int)rng_below(&rng, (uint32_t)n),
						    rng_below(&rng, 8) ? 0u : 1u,
						    (uint64_t)d + 1 };
	}
	for (int i = 0; i < npairs; i++)
		pairs[i] = (struct breakout_pair){ (int)rng_below(&rng, ND / 2),
						   ND / 2 + (int)rng_below(&rng, ND / 2) };
}

/* The large instance again with 1,000 places set by hand (taken from a
 * first allocation, each in a slot of its own): every one must stand.
 * Whether it was over budget or one moved. */
static int with_pins(struct breakout_problem *pb)
{
	enum { NPINS = 1000 };
	struct breakout_pair *pins = xcalloc(NPINS, sizeof(*pins));
	struct breakout_result res;
	int n = 0, moved = 0, bad;

	pb->objective = ALLOC_TOTAL;
	if (breakout_solve(pb, &res, NULL))
		die("the allocation failed");
	for (int d = 0; d < ND && n < NPINS; d += ND / NPINS) {
		int b = res.assign[(size_t)d * res.ngroups + d % res.ngroups];

		if (b != BREAKOUT_NONE)
			pins[n++] = (struct breakout_pair){ d, b };
	}
	breakout_result_done(&res);
	pb->npinned = n;
	pb->pinned = pins;
	if (breakout_solve(pb, &res, NULL))
		die("the allocation with pins failed");
	for (int i = 0; i < n; i++)
		moved += res.assign[(size_t)pins[i].a * res.ngroups + res.group[pins[i].b]] !=
			 pins[i].b;
	printf("total    %d delegates, %d sessions, %d places set by hand: %.3f s, %d moved, "
	       "%ld over capacity\n",
	       ND, NS, n, res.seconds, moved, res.score.over_capacity);
	bad = res.seconds > 2.0 || moved || res.score.over_capacity;
	breakout_result_done(&res);
	pb->npinned = 0;
	pb->pinned = NULL;
	free(pins);
	return bad;
}

/* Each objective on the large instance; whether one was over budget. */
static int allocations(void)
{
	struct breakout_session *ss = xcalloc(NS, sizeof(*ss));
	struct breakout_delegate *dl = xcalloc(ND, sizeof(*dl));
	int *choices = xcalloc((size_t)ND * SLOTS * RANKED, sizeof(int));
	struct breakout_pair pairs[40];
	struct breakout_problem pb = { NS,    ss, ND,          dl, 0, NULL,
				       false, 0,  ALLOC_TOTAL, 1,  7, (int)ARRAY_SIZE(pairs),
				       pairs, 0,  NULL };
	int bad = 0;

	build(ss, dl, choices, pairs, (int)ARRAY_SIZE(pairs));
	for (int o = 0; o < ALLOC_NOBJECTIVES; o++) {
		struct breakout_result res;
		struct alloc_profile p;
		struct str text;

		pb.objective = (enum alloc_objective)o;
		if (breakout_solve(&pb, &res, NULL))
			die("the allocation failed");
		alloc_profile_init(&p);
		str_init(&text);
		breakout_profile(&pb, res.group, res.ngroups, res.assign, -1, &p);
		alloc_profile_text(&p, &text);
		printf("%-8s %d delegates, %d sessions: %.3f s, %d cancelled, %ld allocations "
		       "solved%s\n         %s\n",
		       alloc_objective_name(pb.objective), ND, NS, res.seconds, res.ncancelled,
		       res.nodes, res.optimal ? ", optimal" : "", text.buf);
		bad |= res.seconds > 2.0 || res.score.keep_apart || res.score.over_capacity;
		str_done(&text);
		alloc_profile_done(&p);
		breakout_result_done(&res);
	}
	bad |= with_pins(&pb);
	free(ss);
	free(dl);
	free(choices);
	return bad;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The sample with its breakouts allocated, in path. */
static void build_sample(const char *path, const struct plan_options *opt)
{
	struct error err = { 0 };
	struct plan_log log;
	struct db *db;
	char *dir = sample_dir();

	if (!dir)
		die("the sample conference was not found (set CONVENE_DATADIR)");
	bench_remove_db(path);
	plan_log_init(&log);
	if (db_open(path, DB_CREATE, &db, &err) || sample_build(db, dir, &err) ||
	    plan_breakouts(db, opt, &log, &err))
		die("%s", err.msg);
	plan_log_done(&log);
	db_close(db);
	free(dir);
}

/* The delegates in full breakouts of the sample: each is withdrawn in turn
 * (up to max), and someone waiting takes the seat. */
static int full_seats(struct db *db, char **who, char **code, int max)
{
	struct db_stmt *st = db_prepare(db,
					"SELECT d.email, s.code FROM attendance a JOIN "
					"delegate d ON d.id = a.delegate_id JOIN session s ON "
					"s.id = a.session_id JOIN placement p ON p.session_id = "
					"s.id JOIN room r ON r.id = p.room_id WHERE s.kind IN "
					"('talk', 'panel', 'workshop') AND (SELECT count(*) FROM "
					"attendance x WHERE x.session_id = s.id) >= min(r.capacity, "
					"coalesce(s.capacity, r.capacity)) ORDER BY d.id");
	int n = 0;

	while (n < max && db_step(st) == 1) {
		who[n] = xstrdup(db_col_text(st, 0));
		code[n++] = xstrdup(db_col_text(st, 1));
	}
	db_reset(st);
	return n;
}

/* Withdrawals with promotion on the sample; whether the median edit was
 * over 50 ms. Each is timed whole (fair_withdraw: the edit and its report
 * of whose day changed) and its report again alone (onday_report_affected,
 * which every on-the-day command shares), so the edit's own time shows. */
static int withdrawals(void)
{
	char path[] = "/tmp/convene-bench-alloc-XXXXXX";
	struct plan_options opt = { .seed = 1, .time_limit = 5 };
	struct error err = { 0 };
	char *who[40], *code[40];
	double whole[40], edit[40], report[40], t0;
	int fd = mkstemp(path), n, promoted = 0;
	struct db *db;

	close(fd);
	build_sample(path, &opt);
	if (db_open(path, 0, &db, &err))
		die("%s", err.msg);
	n = full_seats(db, who, code, 40);
	if (n == 0)
		die("the sample has no full breakout");
	for (int i = 0; i < n; i++) {
		struct onday_report rep, again;
		int64_t e;

		onday_report_init(&rep);
		onday_report_init(&again);
		t0 = now_seconds();
		if (fair_withdraw(db, who[i], code[i], &opt, &rep, &err))
			die("%s", err.msg);
		whole[i] = now_seconds() - t0;
		e = journal_last_edit(db);
		t0 = now_seconds();
		if (onday_report_affected(db, e - 1, e, &again, &err))
			die("%s", err.msg);
		report[i] = now_seconds() - t0;
		edit[i] = whole[i] - report[i];
		promoted += rep.moved;
		onday_report_done(&rep);
		onday_report_done(&again);
		free(who[i]);
		free(code[i]);
	}
	db_close(db);
	bench_remove_db(path);
	qsort(whole, (size_t)n, sizeof(double), cmp);
	qsort(edit, (size_t)n, sizeof(double), cmp);
	qsort(report, (size_t)n, sizeof(double), cmp);
	printf("withdrawal from a full breakout of the sample, %d in turn (%d promoted):\n"
	       "  the edit (read, decide, write, commit): median %.1f ms, slowest %.1f ms\n"
	       "  whose day changed (the shared change report): median %.1f ms\n"
	       "  whole, as convene withdraw runs it: median %.1f ms, slowest %.1f ms\n",
	       n, promoted, 1000 * edit[n / 2], 1000 * edit[n - 1], 1000 * report[n / 2],
	       1000 * whole[n / 2], 1000 * whole[n - 1]);
	return edit[n / 2] > 0.050;
}

/* Withdrawals from cafes and carousels on the sample, each seated again
 * from its first round close to what the others hold (before the event:
 * every round). Whether the median was over 1 s. */
static int reseats(void)
{
	char path[] = "/tmp/convene-bench-reseat-XXXXXX";
	struct plan_options opt = { .seed = 1, .time_limit = 5 };
	struct plan_log log;
	struct error err = { 0 };
	char *who[20], *code[20];
	double whole[20], t0;
	int fd = mkstemp(path), n = 0, moved = 0;
	struct db *db;
	struct db_stmt *st;

	close(fd);
	build_sample(path, &opt);
	plan_log_init(&log);
	if (db_open(path, 0, &db, &err) || plan_cafe(db, NULL, &opt, &log, &err) ||
	    plan_carousel(db, NULL, &opt, &log, &err))
		die("%s", err.msg);
	plan_log_done(&log);
	/* Five guests (not hosts) of each cafe and carousel. */
	st = db_prepare(db, "SELECT email, code FROM (SELECT d.email, s.code, row_number() OVER "
			    "(PARTITION BY s.id ORDER BY d.id) AS k FROM delegate d JOIN session s "
			    "WHERE d.id IN (SELECT delegate_id FROM cafe_seat x WHERE x.session_id "
			    "= s.id AND x.delegate_id NOT IN (SELECT coalesce(host_delegate_id, 0) "
			    "FROM cafe_table) UNION SELECT delegate_id FROM carousel_visit v WHERE "
			    "v.session_id = s.id)) WHERE k <= 5 ORDER BY code, email");
	while (n < 20 && db_step(st) == 1) {
		who[n] = xstrdup(db_col_text(st, 0));
		code[n++] = xstrdup(db_col_text(st, 1));
	}
	db_reset(st);
	for (int i = 0; i < n; i++) {
		struct onday_report rep;
		json_t *runs;

		onday_report_init(&rep);
		t0 = now_seconds();
		if (fair_withdraw(db, who[i], code[i], &opt, &rep, &err))
			die("%s", err.msg);
		whole[i] = now_seconds() - t0;
		runs = json_object_get(rep.json, "reseated");
		for (size_t k = 0; k < json_array_size(runs); k++)
			moved += (int)json_integer_value(json_object_get(json_array_get(runs, k),
									 "people_moved"));
		onday_report_done(&rep);
		free(who[i]);
		free(code[i]);
	}
	db_close(db);
	bench_remove_db(path);
	qsort(whole, (size_t)n, sizeof(double), cmp);
	printf("withdrawal from a cafe or carousel of the sample, seated again, %d in turn "
	       "(%d people moved in all):\n"
	       "  whole, as convene withdraw runs it: median %.1f ms, slowest %.1f ms\n",
	       n, moved, 1000 * whole[n / 2], 1000 * whole[n - 1]);
	return n == 0 || whole[n / 2] > 1.0;
}

int main(void)
{
	int bad;

	locale_init();
	bad = allocations();
	bad |= withdrawals();
	bad |= reseats();
	return bad;
}
