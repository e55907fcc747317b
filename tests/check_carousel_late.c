/* Unit tests of a carousel's late change: plans are checked by rules
 * written again here (rotations kept exactly, every later rotation a
 * station that runs then, no station twice, capacity, the mandatory
 * stations still due); on tiny instances the number of people moved and
 * the cost are compared with an exhaustive search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/carousel.h"
#include "testutil.h"

/* A carousel after a late change: stations, people present, the plan held. */
struct late_case {
	struct carousel_problem p;
	struct carousel_station st[12];
	struct carousel_delegate dl[64];
	int choices[64][12];
	int prev[64 * 8];
};

static void case_choices(struct late_case *c, int d, struct rng *rng)
{
	int K = c->p.nstations, n = (int)rng_below(rng, (uint32_t)K + 1);

	for (int i = 0; i < n; i++) {
		int s, dup;

		do {
			s = (int)rng_below(rng, (uint32_t)K);
			dup = 0;
			for (int j = 0; j < i; j++)
				dup |= c->choices[d][j] == s;
		} while (dup);
		c->choices[d][i] = s;
	}
	c->dl[d] = (struct carousel_delegate){ n, c->choices[d], -1 };
}

/* Plan n people on k stations of cap seats for r rotations, then change
 * it after keep rotations: `gone` people leave, `come` arrive, and, when
 * close >= 0, station close stops running from then on. */
static bool case_make(struct late_case *c, int n, int k, int r, int cap, int mandatory, int keep,
		      int gone, int come, int close, uint64_t seed)
{
	struct late_case before;
	struct carousel_options opt = { .seed = seed };
	struct carousel_result res;
	struct error err = { 0 };
	struct rng rng;
	int m = 0;

	memset(c, 0, sizeof(*c));
	memset(&before, 0, sizeof(before));
	rng_seed(&rng, seed);
	before.p = (struct carousel_problem){ .nstations = k,
					      .nrotations = r,
					      .ndelegates = n,
					      .stations = before.st,
					      .delegates = before.dl };
	for (int s = 0; s < k; s++)
		before.st[s] = (struct carousel_station){ cap, s < mandatory, 0 };
	for (int d = 0; d < n; d++)
		case_choices(&before, d, &rng);
	if (carousel_solve(&before.p, &opt, &res, &err) != ST_OK) {
		error_clear(&err);
		carousel_result_done(&res);
		return false;
	}
	memcpy(c->st, before.st, sizeof(c->st));
	if (close >= 0)
		for (int q = keep; q < r; q++)
			c->st[close].skip |= 1ULL << q;
	for (int d = 0; d < n; d++) {
		if (d < gone)
			continue; /* the first `gone` people have left */
		memcpy(c->choices[m], before.choices[d], sizeof(c->choices[m]));
		c->dl[m] = before.dl[d];
		c->dl[m].choices = c->choices[m];
		memcpy(c->prev + m * r, res.plan + d * r, sizeof(int) * (size_t)r);
		m++;
	}
	c->p = (struct carousel_problem){ .nstations = k,
					  .nrotations = r,
					  .ndelegates = m + come,
					  .stations = c->st,
					  .delegates = c->dl,
					  .previous = c->prev,
					  .keep_rotations = keep };
	for (int d = m; d < m + come; d++) {
		case_choices(c, d, &rng);
		for (int q = 0; q < r; q++)
			c->prev[d * r + q] = -1;
	}
	carousel_result_done(&res);
	return true;
}

static long long visit_cost(const struct carousel_problem *p, int d, int s)
{
	const struct carousel_delegate *dl = &p->delegates[d];

	if (dl->nchoices == 0 || p->stations[s].mandatory)
		return 0;
	for (int i = 0; i < dl->nchoices; i++)
		if (dl->choices[i] == s)
			return (long long)i * i;
	return (long long)p->nstations * p->nstations;
}

/* Mandatory stations d must still visit: those not seen in the kept
 * rotations, as many as the rotations left can take. */
static int due(const struct carousel_problem *p, int d)
{
	int R = p->nrotations, keep = p->keep_rotations, n = 0;

	for (int s = 0; s < p->nstations; s++) {
		int seen = 0;

		for (int q = 0; q < keep; q++)
			seen |= p->previous[d * R + q] == s;
		n += p->stations[s].mandatory && !seen;
	}
	return n < R - keep ? n : R - keep;
}

/* Assert every rule of a late change; the people moved and the cost of the
 * rotations planned again. */
static void check_late(const struct carousel_problem *p, const int *plan, long *moved,
		       long long *cost)
{
	int K = p->nstations, R = p->nrotations, keep = p->keep_rotations;
	int load[12 * 8] = { 0 };

	*moved = 0;
	*cost = 0;
	for (int d = 0; d < p->ndelegates; d++) {
		const int *row = plan + d * R, *was = p->previous + d * R;
		int held = 0, changed = 0, met = 0;

		for (int q = 0; q < R; q++) {
			held |= was[q] >= 0;
			if (q < keep) {
				ck_assert_int_eq(row[q], was[q]);
				continue;
			}
			changed |= row[q] != was[q];
			ck_assert_int_ge(row[q], 0);
			ck_assert_int_lt(row[q], K);
			ck_assert_msg(!(p->stations[row[q]].skip >> q & 1),
				      "delegate %d at station %d in rotation %d, which it skips", d,
				      row[q], q);
			for (int q2 = 0; q2 < q; q2++)
				ck_assert_int_ne(row[q2], row[q]);
			met += p->stations[row[q]].mandatory;
			load[row[q] * R + q]++;
			*cost += visit_cost(p, d, row[q]);
		}
		ck_assert_int_ge(met, due(p, d));
		*moved += held && changed;
	}
	for (int s = 0; s < K; s++)
		for (int q = keep; q < R; q++)
			ck_assert_int_le(load[s * R + q], p->stations[s].capacity);
}

/* ---- exhaustive search over the rotations left ----------------------- */

struct brute {
	const struct carousel_problem *p;
	int plan[64 * 8], load[12 * 8];
	long moved, best_moved;
	long long cost, best_cost;
	bool found;
};

static void brute_person(struct brute *b, int d, int q);

static void brute_next(struct brute *b, int d, int q)
{
	const struct carousel_problem *p = b->p;
	int R = p->nrotations;

	if (q + 1 < R) {
		brute_person(b, d, q + 1);
		return;
	}
	/* d's row is complete: mandatory due, moved */
	int met = 0, held = 0, changed = 0;

	for (int r = p->keep_rotations; r < R; r++) {
		met += p->stations[b->plan[d * R + r]].mandatory;
		changed |= b->plan[d * R + r] != p->previous[d * R + r];
	}
	for (int r = 0; r < R; r++)
		held |= p->previous[d * R + r] >= 0;
	if (met < due(p, d))
		return;
	b->moved += held && changed;
	if (d + 1 < p->ndelegates) {
		brute_person(b, d + 1, p->keep_rotations);
	} else if (!b->found || b->moved < b->best_moved ||
		   (b->moved == b->best_moved && b->cost < b->best_cost)) {
		b->found = true;
		b->best_moved = b->moved;
		b->best_cost = b->cost;
	}
	b->moved -= held && changed;
}

static void brute_person(struct brute *b, int d, int q)
{
	const struct carousel_problem *p = b->p;
	int R = p->nrotations;

	for (int s = 0; s < p->nstations; s++) {
		bool used = false;

		for (int r = 0; r < q; r++)
			used |= b->plan[d * R + r] == s;
		if (used || (p->stations[s].skip >> q & 1) ||
		    b->load[s * R + q] >= p->stations[s].capacity)
			continue;
		b->plan[d * R + q] = s;
		b->load[s * R + q]++;
		b->cost += visit_cost(p, d, s);
		brute_next(b, d, q);
		b->cost -= visit_cost(p, d, s);
		b->load[s * R + q]--;
	}
}

static bool brute_force(const struct carousel_problem *p, long *moved, long long *cost)
{
	struct brute *b = xcalloc(1, sizeof(*b));
	bool found;

	b->p = p;
	memcpy(b->plan, p->previous, sizeof(int) * (size_t)p->ndelegates * p->nrotations);
	if (p->ndelegates > 0)
		brute_person(b, 0, p->keep_rotations);
	found = b->found;
	*moved = b->best_moved;
	*cost = b->best_cost;
	free(b);
	return found;
}

/* ---- the fewest people moved, by an ILP through glpsol --------------- */

static bool allowed(const struct carousel_problem *p, int d, int q, int s)
{
	int R = p->nrotations;

	if (p->stations[s].skip >> q & 1)
		return false;
	for (int r = 0; r < p->keep_rotations; r++)
		if (p->previous[d * R + r] == s)
			return false;
	return true;
}

static void ilp_write(FILE *f, const void *arg)
{
	const struct carousel_problem *p = arg;
	int N = p->ndelegates, K = p->nstations, R = p->nrotations, keep = p->keep_rotations;

	fprintf(f, "Minimize\n obj: 0 z");
	for (int d = 0; d < N; d++)
		fprintf(f, " + m_%d", d);
	fprintf(f, "\nSubject To\n");
	for (int d = 0; d < N; d++) {
		int held = 0, met = 0;

		for (int q = 0; q < R; q++)
			held |= p->previous[d * R + q] >= 0;
		for (int q = keep; q < R; q++) {
			int was = p->previous[d * R + q];

			fprintf(f, " one_%d_%d: 0 z", d, q);
			for (int s = 0; s < K; s++)
				if (allowed(p, d, q, s))
					fprintf(f, " + x_%d_%d_%d", d, q, s);
			fprintf(f, " = 1\n");
			if (!held)
				continue;
			if (was >= 0 && allowed(p, d, q, was))
				fprintf(f, " kept_%d_%d: m_%d + x_%d_%d_%d >= 1\n", d, q, d, d, q,
					was);
			else
				fprintf(f, " kept_%d_%d: m_%d >= 1\n", d, q, d);
		}
		for (int s = 0; s < K; s++) {
			fprintf(f, " once_%d_%d: 0 z", d, s);
			for (int q = keep; q < R; q++)
				if (allowed(p, d, q, s))
					fprintf(f, " + x_%d_%d_%d", d, q, s);
			fprintf(f, " <= 1\n");
		}
		fprintf(f, " due_%d: 0 z", d);
		for (int s = 0; s < K; s++)
			for (int q = keep; q < R && p->stations[s].mandatory; q++)
				if (allowed(p, d, q, s))
					fprintf(f, " + x_%d_%d_%d", d, q, s), met++;
		fprintf(f, " >= %d\n", due(p, d));
	}
	for (int s = 0; s < K; s++)
		for (int q = keep; q < R; q++) {
			fprintf(f, " cap_%d_%d: 0 z", s, q);
			for (int d = 0; d < N; d++)
				if (allowed(p, d, q, s))
					fprintf(f, " + x_%d_%d_%d", d, q, s);
			fprintf(f, " <= %d\n", p->stations[s].capacity);
		}
	fprintf(f, "Bounds\n z = 0\nBinary\n");
	for (int d = 0; d < N; d++) {
		fprintf(f, " m_%d\n", d);
		for (int q = keep; q < R; q++)
			for (int s = 0; s < K; s++)
				if (allowed(p, d, q, s))
					fprintf(f, " x_%d_%d_%d\n", d, q, s);
	}
	fprintf(f, "End\n");
}

/* The fewest people moved by glpsol; -1 if no plan exists, -2 if glpsol
 * failed or gave up. */
static long ilp_fewest_moved(const struct carousel_problem *p)
{
	return (long)test_glpsol(ilp_write, p);
}

static enum status late_solve(const struct carousel_problem *p, uint64_t seed, long steps,
			      struct carousel_result *res)
{
	struct carousel_options opt = { .seed = seed, .max_steps = steps };
	struct error err = { 0 };
	enum status st = carousel_solve(p, &opt, res, &err);

	ck_assert_int_eq(st == ST_OK, err.msg == NULL);
	error_clear(&err);
	return st;
}

START_TEST(test_nothing_changed_keeps_the_plan)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result res;
	long moved;
	long long cost;

	for (int keep = 0; keep <= 4; keep++) {
		ck_assert(case_make(c, 40, 8, 4, 10, 1, keep, 0, 0, -1, 3));
		ck_assert_int_eq(late_solve(&c->p, 1, 0, &res), ST_OK);
		check_late(&c->p, res.plan, &moved, &cost);
		ck_assert_int_eq(moved, 0);
		ck_assert_int_eq(res.score.people_moved, 0);
		ck_assert_int_eq(memcmp(res.plan, c->prev, sizeof(int) * 40 * 4), 0);
		ck_assert_str_eq(res.method, "late change");
		carousel_result_done(&res);
	}
	free(c);
}

END_TEST

START_TEST(test_people_gone_move_nobody)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result res;
	long moved;
	long long cost;

	ck_assert(case_make(c, 40, 8, 5, 8, 2, 2, 5, 0, -1, 4));
	ck_assert_int_eq(c->p.ndelegates, 35);
	ck_assert_int_eq(late_solve(&c->p, 1, 0, &res), ST_OK);
	check_late(&c->p, res.plan, &moved, &cost);
	ck_assert_int_eq(moved, 0);
	carousel_result_done(&res);
	free(c);
}

END_TEST

START_TEST(test_arrivals_take_free_seats)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result res;
	long moved;
	long long cost;

	/* 30 people at 8 stations of 6: 18 seats a rotation spare */
	ck_assert(case_make(c, 30, 8, 5, 6, 0, 2, 0, 4, -1, 5));
	ck_assert_int_eq(late_solve(&c->p, 1, 0, &res), ST_OK);
	check_late(&c->p, res.plan, &moved, &cost);
	ck_assert_int_eq(moved, 0);
	for (int d = 30; d < 34; d++)
		for (int q = 0; q < 2; q++)
			ck_assert_int_eq(res.plan[d * 5 + q], -1);
	ck_assert_int_eq(res.score.hard, 0);
	carousel_result_done(&res);
	free(c);
}

END_TEST

START_TEST(test_closed_station_moves_its_people)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result res;
	long moved;
	long long cost;
	int visitors = 0;

	ck_assert(case_make(c, 36, 8, 5, 8, 1, 2, 0, 0, 5, 6));
	for (int d = 0; d < 36; d++) {
		int there = 0;

		for (int q = 2; q < 5; q++)
			there |= c->prev[d * 5 + q] == 5;
		visitors += there;
	}
	ck_assert_int_gt(visitors, 0);
	ck_assert_int_eq(late_solve(&c->p, 1, 0, &res), ST_OK);
	check_late(&c->p, res.plan, &moved, &cost);
	/* Those who were to visit it must move; a few others may make room. */
	ck_assert_int_ge(moved, visitors);
	ck_assert_int_le(moved, visitors + visitors / 2);
	ck_assert_int_eq(res.score.people_moved, moved);
	carousel_result_done(&res);
	free(c);
}

END_TEST

/* Tiny late changes of every kind against the exhaustive search: the
 * fewest people moved, then the lowest cost. */
START_TEST(test_tiny_against_exhaustive)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	int cases = 0, feasible = 0, same_cost = 0;

	for (uint64_t seed = 1; seed <= 160; seed++) {
		struct rng rng;
		struct carousel_result res;
		long moved, bmoved;
		long long cost, bcost;
		int n, k, r, cap, keep, gone, come, close;
		bool found;
		enum status st;

		rng_seed(&rng, seed * 7919);
		k = 3 + (int)rng_below(&rng, 2);
		r = 2 + (int)rng_below(&rng, 2);
		cap = 2 + (int)rng_below(&rng, 2);
		n = 3 + (int)rng_below(&rng, 3);
		keep = 1 + (int)rng_below(&rng, (uint32_t)(r - 1));
		gone = (int)rng_below(&rng, 2);
		come = (int)rng_below(&rng, 3);
		close = rng_below(&rng, 2) ? (int)rng_below(&rng, (uint32_t)k) : -1;
		if (!case_make(c, n, k, r, cap, (int)rng_below(&rng, 2), keep, gone, come, close,
			       seed))
			continue;
		cases++;
		found = brute_force(&c->p, &bmoved, &bcost);
		st = late_solve(&c->p, seed, 20000, &res);
		ck_assert_msg((st == ST_OK) == found,
			      "seed %d: the search says %s, the exhaustive search %s", (int)seed,
			      st == ST_OK ? "feasible" : "impossible",
			      found ? "feasible" : "impossible");
		if (found) {
			feasible++;
			check_late(&c->p, res.plan, &moved, &cost);
			ck_assert_msg(moved == bmoved, "seed %d: %ld moved, fewest %ld", (int)seed,
				      moved, bmoved);
			ck_assert_msg(cost >= bcost, "seed %d: cost %lld below the optimum %lld",
				      (int)seed, cost, bcost);
			same_cost += cost == bcost;
		}
		carousel_result_done(&res);
	}
	printf("# late change: %d tiny cases, %d feasible, %d at the optimum cost\n", cases,
	       feasible, same_cost);
	fflush(stdout);
	ck_assert_int_ge(cases, 100);
	ck_assert_int_ge(feasible, 50);
	ck_assert_int_ge(same_cost * 100, feasible * 95);
	free(c);
}

END_TEST

/* Bigger late changes, tight ones among them, against the ILP: a plan
 * whenever one exists, and within one person of the fewest moved. */
START_TEST(test_medium_against_ilp)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	int cases = 0, feasible = 0, fewest = 0;
	long total_moved = 0, total_best = 0;

	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct rng rng;
		struct carousel_result res;
		long moved, best;
		long long cost;
		int k, r, n, keep;
		enum status st;

		rng_seed(&rng, seed * 104729);
		k = 6 + (int)rng_below(&rng, 5);
		r = 3 + (int)rng_below(&rng, (uint32_t)k - 4);
		n = 20 + (int)rng_below(&rng, 31);
		keep = 1 + (int)rng_below(&rng, (uint32_t)(r - 1));
		if (!case_make(c, n, k, r, (n * (5 + (int)rng_below(&rng, 4)) / 4 + k - 1) / k,
			       (int)rng_below(&rng, 2), keep, (int)rng_below(&rng, 4),
			       (int)rng_below(&rng, 4),
			       rng_below(&rng, 4) ? 1 + (int)rng_below(&rng, (uint32_t)k - 1) : -1,
			       seed))
			continue;
		best = ilp_fewest_moved(&c->p);
		ck_assert_int_ne(best, -2);
		st = late_solve(&c->p, seed, 0, &res);
		cases++;
		ck_assert_msg((st == ST_OK) == (best >= 0),
			      "seed %d: the search says %s, the ILP %s", (int)seed,
			      st == ST_OK ? "feasible" : "impossible",
			      best >= 0 ? "feasible" : "impossible");
		if (st == ST_OK) {
			feasible++;
			check_late(&c->p, res.plan, &moved, &cost);
			ck_assert_msg(moved >= best && moved <= best + 1,
				      "seed %d: %ld moved, fewest %ld", (int)seed, moved, best);
			fewest += moved == best;
			total_moved += moved;
			total_best += best;
		}
		carousel_result_done(&res);
	}
	printf("# late change: %d medium cases, %d feasible, %d with the fewest moved "
	       "(%ld moved, fewest %ld)\n",
	       cases, feasible, fewest, total_moved, total_best);
	fflush(stdout);
	ck_assert_int_ge(cases, 25);
	ck_assert_int_ge(feasible, 15);
	free(c);
}

END_TEST

START_TEST(test_deterministic_for_seed)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result a, b;

	ck_assert(case_make(c, 44, 8, 5, 10, 1, 1, 3, 5, 2, 9));
	ck_assert_int_eq(late_solve(&c->p, 7, 5000, &a), ST_OK);
	ck_assert_int_eq(late_solve(&c->p, 7, 5000, &b), ST_OK);
	ck_assert_int_eq(memcmp(a.plan, b.plan, sizeof(int) * (size_t)c->p.ndelegates * 5), 0);
	carousel_result_done(&a);
	carousel_result_done(&b);
	free(c);
}

END_TEST

START_TEST(test_too_few_seats_reported)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result res;
	struct carousel_options opt = { .seed = 1 };
	struct error err = { 0 };

	/* 40 people at 8 stations of 5: no seat spare, then 3 arrive */
	ck_assert(case_make(c, 40, 8, 4, 5, 0, 2, 0, 3, -1, 2));
	ck_assert_int_eq(carousel_solve(&c->p, &opt, &res, &err), ST_PROBLEM);
	ck_assert_ptr_nonnull(strstr(err.msg, "rotation 3 has 40 seats for 43 delegates"));
	ck_assert_ptr_nonnull(res.plan);
	error_clear(&err);
	carousel_result_done(&res);
	free(c);
}

END_TEST

START_TEST(test_held_plan_checked)
{
	struct late_case *c = xcalloc(1, sizeof(*c));
	struct carousel_result res;
	struct carousel_options opt = { .seed = 1 };
	struct error err = { 0 };

	ck_assert(case_make(c, 10, 4, 3, 4, 0, 1, 0, 0, -1, 2));
	c->prev[4] = 9;
	ck_assert_int_eq(carousel_solve(&c->p, &opt, &res, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no station 10 in the plan held"));
	error_clear(&err);
	carousel_result_done(&res);
	c->prev[4] = 0;
	c->p.keep_rotations = 4;
	ck_assert_int_eq(carousel_solve(&c->p, &opt, &res, &err), ST_INPUT);
	error_clear(&err);
	carousel_result_done(&res);
	free(c);
}

END_TEST

static Suite *late_suite(void)
{
	Suite *s = suite_create("carousel late change");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_nothing_changed_keeps_the_plan);
	tcase_add_test(tc, test_people_gone_move_nobody);
	tcase_add_test(tc, test_arrivals_take_free_seats);
	tcase_add_test(tc, test_closed_station_moves_its_people);
	tcase_add_test(tc, test_tiny_against_exhaustive);
	test_add_unless(tc, test_medium_against_ilp,
			test_have_program("glpsol") ? NULL : "glpsol is not on PATH (glpk-utils)");
	tcase_add_test(tc, test_deterministic_for_seed);
	tcase_add_test(tc, test_too_few_seats_reported);
	tcase_add_test(tc, test_held_plan_checked);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(late_suite());
}
