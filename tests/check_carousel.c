/* Unit tests of the carousel solver: plans are checked independently of the
 * solver's own scoring, costs against an exhaustive search on tiny
 * instances and against glpsol on an ILP for bigger ones, among them a few
 * hundred random instances with skipped rotations, each of which must
 * agree with the ILP exactly: the same optimum, proven, and "impossible"
 * exactly when the ILP has no solution. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/carousel.h"
#include "testutil.h"

struct inst {
	struct carousel_problem p;
	struct carousel_station *st;
	struct carousel_delegate *dl;
	int *choices;
};

struct shape {
	int n, k, r, cap, nchoices;
	int skip_pct;  /* chance that a (station, rotation) is skipped */
	int mandatory; /* stations 0..mandatory-1 */
	int groups;
};

static void inst_free(struct inst *in)
{
	free(in->st);
	free(in->dl);
	free(in->choices);
}

static void draw_choices(struct inst *in, const struct shape *sh, struct rng *rng)
{
	for (int d = 0; d < sh->n; d++) {
		int *c = in->choices + (size_t)d * sh->k, n = 0;
		int want = sh->nchoices < 0 ? (int)rng_below(rng, (uint32_t)sh->k + 1)
					    : sh->nchoices;

		while (n < want) {
			/* popularity skew: low station numbers are drawn more often */
			int s = (int)(rng_unit(rng) * rng_unit(rng) * sh->k), dup = 0;

			for (int i = 0; i < n; i++)
				dup |= c[i] == s;
			if (!dup)
				c[n++] = s;
		}
		in->dl[d] = (struct carousel_delegate){ n, c, -1 };
		if (sh->groups)
			in->dl[d].group = (int)rng_below(rng, (uint32_t)sh->groups);
	}
}

/* A random instance; nchoices < 0 draws a number of choices per delegate. */
static void inst_make(struct inst *in, const struct shape *sh, uint64_t seed)
{
	struct rng rng;

	rng_seed(&rng, seed);
	in->st = xcalloc((size_t)sh->k + 1, sizeof(*in->st));
	in->dl = xcalloc((size_t)sh->n + 1, sizeof(*in->dl));
	in->choices = xcalloc((size_t)sh->n * sh->k + 1, sizeof(int));
	for (int s = 0; s < sh->k; s++) {
		in->st[s].capacity = sh->cap;
		in->st[s].mandatory = s < sh->mandatory;
		for (int r = 0; r < sh->r; r++)
			if ((int)rng_below(&rng, 100) < sh->skip_pct)
				in->st[s].skip |= 1ULL << r;
	}
	draw_choices(in, sh, &rng);
	in->p = (struct carousel_problem){ .nstations = sh->k,
					   .nrotations = sh->r,
					   .ndelegates = sh->n,
					   .stations = in->st,
					   .delegates = in->dl };
}

/* The cost model, written again from the header's words. */
static long long model_cost(const struct carousel_problem *p, int d, int s)
{
	const struct carousel_delegate *dl = &p->delegates[d];

	if (dl->nchoices == 0 || p->stations[s].mandatory)
		return 0;
	for (int i = 0; i < dl->nchoices; i++)
		if (dl->choices[i] == s)
			return (long long)i * i;
	return (long long)p->nstations * p->nstations;
}

/* Assert every hard constraint of a plan; returns its cost. */
static long long check_plan(const struct carousel_problem *p, const int *plan)
{
	int K = p->nstations, R = p->nrotations;
	int *load = xcalloc((size_t)K * R + 1, sizeof(int));
	long long cost = 0;

	for (int d = 0; d < p->ndelegates; d++) {
		const int *row = plan + (size_t)d * R;

		for (int r = 0; r < R; r++) {
			ck_assert_int_ge(row[r], 0);
			ck_assert_int_lt(row[r], K);
			for (int q = 0; q < r; q++)
				ck_assert_int_ne(row[q], row[r]);
			ck_assert_msg(!(p->stations[row[r]].skip >> r & 1),
				      "delegate %d at station %d in skipped rotation %d", d, row[r],
				      r);
			load[row[r] * R + r]++;
			cost += model_cost(p, d, row[r]);
		}
		for (int s = 0; s < K; s++) {
			int seen = 0;

			for (int r = 0; r < R; r++)
				seen |= row[r] == s;
			ck_assert_msg(!p->stations[s].mandatory || seen,
				      "delegate %d misses mandatory station %d", d, s);
		}
	}
	for (int c = 0; c < K * R; c++)
		ck_assert_int_le(load[c], p->stations[c / R].capacity);
	free(load);
	return cost;
}

static enum status solve_steps(const struct inst *in, uint64_t seed, double limit, long steps,
			       struct carousel_result *res)
{
	struct carousel_options opt = { .seed = seed, .time_limit = limit, .max_steps = steps };
	struct error err = { 0 };
	enum status st = carousel_solve(&in->p, &opt, res, &err);

	ck_assert_int_eq(st == ST_OK, err.msg == NULL);
	error_clear(&err);
	return st;
}

static enum status solve(const struct inst *in, uint64_t seed, double limit,
			 struct carousel_result *res)
{
	return solve_steps(in, seed, limit, 0, res);
}

/* ---- exhaustive search for tiny instances ---------------------------- */

struct brute {
	const struct carousel_problem *p;
	int *load, *row;
	long long best, cost;
};

static void brute_delegate(struct brute *b, int d, int r);

static void brute_next(struct brute *b, int d, int r)
{
	if (r + 1 < b->p->nrotations)
		brute_delegate(b, d, r + 1);
	else if (d + 1 < b->p->ndelegates)
		brute_delegate(b, d + 1, 0);
	else if (b->cost < b->best)
		b->best = b->cost;
}

static bool brute_misses_mandatory(const struct brute *b, int d)
{
	const struct carousel_problem *p = b->p;

	for (int s = 0; s < p->nstations; s++) {
		int seen = 0;

		for (int r = 0; r < p->nrotations; r++)
			seen |= b->row[d * p->nrotations + r] == s;
		if (p->stations[s].mandatory && !seen)
			return true;
	}
	return false;
}

static void brute_delegate(struct brute *b, int d, int r)
{
	const struct carousel_problem *p = b->p;
	int R = p->nrotations;

	for (int s = 0; s < p->nstations; s++) {
		bool used = false;

		for (int q = 0; q < r; q++)
			used |= b->row[d * R + q] == s;
		if (used || (p->stations[s].skip >> r & 1) ||
		    b->load[s * R + r] >= p->stations[s].capacity)
			continue;
		b->row[d * R + r] = s;
		b->load[s * R + r]++;
		b->cost += model_cost(p, d, s);
		if (b->cost < b->best && !(r == R - 1 && brute_misses_mandatory(b, d)))
			brute_next(b, d, r);
		b->cost -= model_cost(p, d, s);
		b->load[s * R + r]--;
	}
	b->row[d * R + r] = -1;
}

/* Least cost over every plan; -1 when no plan meets the hard constraints. */
static long long brute_force(const struct carousel_problem *p)
{
	struct brute b = { p, xcalloc((size_t)p->nstations * p->nrotations + 1, sizeof(int)),
			   xcalloc((size_t)p->ndelegates * p->nrotations + 1, sizeof(int)),
			   LLONG_MAX, 0 };

	if (p->ndelegates > 0 && p->nrotations > 0)
		brute_delegate(&b, 0, 0);
	else
		b.best = 0;
	free(b.load);
	free(b.row);
	return b.best == LLONG_MAX ? -1 : b.best;
}

/* ---- the ILP through glpsol ------------------------------------------ */

static void lp_objective(FILE *f, const struct carousel_problem *p)
{
	int R = p->nrotations;

	fprintf(f, "Minimize\n obj: 0 z\n");
	for (int d = 0; d < p->ndelegates; d++)
		for (int s = 0; s < p->nstations; s++)
			for (int r = 0; r < R; r++)
				if (!(p->stations[s].skip >> r & 1))
					fprintf(f, " + %lld x_%d_%d_%d\n", model_cost(p, d, s), d,
						s, r);
	fprintf(f, "Subject To\n");
}

static void lp_constraints(FILE *f, const struct carousel_problem *p)
{
	int N = p->ndelegates, K = p->nstations, R = p->nrotations;

	for (int d = 0; d < N; d++)
		for (int r = 0; r < R; r++) {
			fprintf(f, " one_%d_%d: 0 z", d, r);
			for (int s = 0; s < K; s++)
				if (!(p->stations[s].skip >> r & 1))
					fprintf(f, " + x_%d_%d_%d", d, s, r);
			fprintf(f, " = 1\n");
		}
	for (int d = 0; d < N; d++)
		for (int s = 0; s < K; s++) {
			fprintf(f, " once_%d_%d: 0 z", d, s);
			for (int r = 0; r < R; r++)
				if (!(p->stations[s].skip >> r & 1))
					fprintf(f, " + x_%d_%d_%d", d, s, r);
			fprintf(f, p->stations[s].mandatory ? " = 1\n" : " <= 1\n");
		}
	for (int s = 0; s < K; s++)
		for (int r = 0; r < R; r++) {
			if (p->stations[s].skip >> r & 1)
				continue;
			fprintf(f, " cap_%d_%d: 0 z", s, r);
			for (int d = 0; d < N; d++)
				fprintf(f, " + x_%d_%d_%d", d, s, r);
			fprintf(f, " <= %d\n", p->stations[s].capacity);
		}
}

/* The whole integer program, its variables binary. */
static void lp_write(FILE *f, const void *arg)
{
	const struct carousel_problem *p = arg;

	lp_objective(f, p);
	lp_constraints(f, p);
	fprintf(f, "Bounds\n z = 0\nBinary\n");
	for (int d = 0; d < p->ndelegates; d++)
		for (int s = 0; s < p->nstations; s++)
			for (int r = 0; r < p->nrotations; r++)
				if (!(p->stations[s].skip >> r & 1))
					fprintf(f, " x_%d_%d_%d\n", d, s, r);
	fprintf(f, "End\n");
}

/* Optimum by glpsol; -1 if infeasible, -2 if glpsol failed or gave up. */
static long long ilp_optimum(const struct carousel_problem *p)
{
	return test_glpsol(lp_write, p);
}

/* ---- tests ------------------------------------------------------------ */

START_TEST(test_exact_random_plans_valid_and_optimal)
{
	for (int i = 0; i < 30; i++) {
		struct rng rng;
		struct inst in;
		struct carousel_result res;
		struct shape sh;

		rng_seed(&rng, 1000 + i);
		sh = (struct shape){ .n = 5 + (int)rng_below(&rng, 120),
				     .k = 2 + (int)rng_below(&rng, 10),
				     .nchoices = -1,
				     .groups = i % 3 ? 0 : 7 };
		sh.r = 1 + (int)rng_below(&rng, (uint32_t)sh.k);
		sh.cap = (sh.n + sh.k - 1) / sh.k + (int)rng_below(&rng, 3);
		inst_make(&in, &sh, 77 + i);
		ck_assert_int_eq(solve(&in, i, 10, &res), ST_OK);
		ck_assert_int_eq(check_plan(&in.p, res.plan), res.score.cost);
		ck_assert(res.optimal);
		ck_assert_int_eq(res.score.cost, res.lower_bound);
		ck_assert_str_eq(res.method, "flow+colouring");
		ck_assert_int_eq(res.score.imbalance, 0);
		carousel_result_done(&res);
		inst_free(&in);
	}
}

END_TEST

START_TEST(test_mandatory_visited_by_all)
{
	struct shape sh = { .n = 90, .k = 8, .r = 4, .cap = 23, .nchoices = 5, .mandatory = 2 };
	struct carousel_result res;
	struct inst in;

	inst_make(&in, &sh, 5);
	ck_assert_int_eq(solve(&in, 1, 10, &res), ST_OK);
	check_plan(&in.p, res.plan);
	ck_assert_int_eq(res.score.missed_mandatory, 0);
	ck_assert(res.optimal);
	carousel_result_done(&res);
	inst_free(&in);
	/* and through the local search: skipped rotations and colleagues */
	sh = (struct shape){ .n = 90,
			     .k = 8,
			     .r = 4,
			     .cap = 26,
			     .nchoices = 5,
			     .mandatory = 2,
			     .skip_pct = 10,
			     .groups = 9 };
	for (int i = 0, solved = 0; i < 5 || solved == 0; i++) {
		inst_make(&in, &sh, 50 + i);
		if (solve(&in, i, 10, &res) == ST_OK) {
			ck_assert_str_eq(res.method, "flow+branch-and-bound");
			check_plan(&in.p, res.plan);
			ck_assert(res.optimal);
			solved++;
		}
		carousel_result_done(&res);
		inst_free(&in);
	}
}

END_TEST

START_TEST(test_skipped_rotations_respected)
{
	for (int i = 0; i < 10; i++) {
		struct shape sh = { .n = 60,
				    .k = 9,
				    .r = 4,
				    .cap = 10,
				    .nchoices = 4,
				    .skip_pct = 15,
				    .mandatory = i % 2 };
		struct carousel_result res;
		struct inst in;
		enum status st;

		inst_make(&in, &sh, 300 + i);
		st = solve(&in, 3, 10, &res);
		if (st == ST_OK) {
			ck_assert_int_eq(check_plan(&in.p, res.plan), res.score.cost);
			ck_assert_int_eq(res.score.closed_visits, 0);
			ck_assert_int_ge(res.score.cost, res.lower_bound);
		} else {
			ck_assert_int_eq(st, ST_PROBLEM);
		}
		carousel_result_done(&res);
		inst_free(&in);
	}
}

END_TEST

/* Tiny instances: the solver's cost equals the exhaustive optimum. */
static void brute_case(int i, int skip_pct, int *agree, int *cases)
{
	struct rng rng;
	struct shape sh;
	struct inst in;
	struct carousel_result res;
	long long best;
	enum status st;

	rng_seed(&rng, 5000 + i);
	sh = (struct shape){ .n = 1 + (int)rng_below(&rng, 4),
			     .k = 1 + (int)rng_below(&rng, 4),
			     .nchoices = -1,
			     .skip_pct = skip_pct };
	sh.r = 1 + (int)rng_below(&rng, (uint32_t)sh.k);
	sh.cap = 1 + (int)rng_below(&rng, 2);
	sh.mandatory = rng_below(&rng, 4) == 0;
	inst_make(&in, &sh, 9000 + i);
	best = brute_force(&in.p);
	st = solve(&in, i, 5, &res);
	ck_assert_msg((best >= 0) == (st == ST_OK), "case %d: brute %lld, status %d", i, best, st);
	if (best >= 0) {
		ck_assert_int_eq(check_plan(&in.p, res.plan), res.score.cost);
		ck_assert_int_ge(res.score.cost, best);
		ck_assert_int_le(res.lower_bound, best);
		ck_assert(res.optimal && res.score.cost == best);
		*agree += res.score.cost == best;
		++*cases;
	}
	carousel_result_done(&res);
	inst_free(&in);
}

START_TEST(test_bruteforce_exact)
{
	int agree = 0, cases = 0;

	for (int i = 0; i < 300; i++)
		brute_case(i, 0, &agree, &cases);
	ck_assert_int_eq(agree, cases);
	ck_assert_int_gt(cases, 100);
}

END_TEST

START_TEST(test_bruteforce_skip)
{
	int agree = 0, cases = 0;

	for (int i = 0; i < 300; i++)
		brute_case(i, 20, &agree, &cases);
	ck_assert_int_gt(cases, 50);
	ck_assert_msg(agree == cases, "optimal in %d of %d", agree, cases);
}

END_TEST

START_TEST(test_against_ilp)
{
	for (int i = 0; i < 6; i++) {
		struct shape sh = { .n = 30 + 5 * i,
				    .k = 6,
				    .r = 3,
				    .nchoices = 3,
				    .skip_pct = i < 3 ? 0 : 10,
				    .mandatory = i == 2 };
		struct carousel_result res;
		struct inst in;
		long long ilp;
		enum status st;

		sh.cap = (sh.n + sh.k - 1) / sh.k + (i >= 3);
		inst_make(&in, &sh, 700 + i);
		ilp = ilp_optimum(&in.p);
		ck_assert_int_ne(ilp, -2);
		st = solve(&in, 1, 10, &res);
		ck_assert_msg((ilp >= 0) == (st == ST_OK), "case %d: ilp %lld, status %d", i, ilp,
			      st);
		if (ilp >= 0) {
			ck_assert_int_eq(check_plan(&in.p, res.plan), res.score.cost);
			ck_assert_int_eq(res.score.cost, ilp);
			ck_assert(res.optimal);
		}
		carousel_result_done(&res);
		inst_free(&in);
	}
}

END_TEST

/* A random instance with skipped rotations: small ones (up to 14 people,
 * 6 stations) and, one in four, larger ones (up to 40 people, 8 stations)
 * with room enough to be feasible more often. */
static void skip_shape(struct shape *sh, int i)
{
	struct rng rng;

	rng_seed(&rng, 40000 + i);
	*sh = (struct shape){ .n = 2 + (int)rng_below(&rng, 13),
			      .k = 2 + (int)rng_below(&rng, 5),
			      .nchoices = -1,
			      .skip_pct = 10 + (int)rng_below(&rng, 30) };
	if (i % 4 == 3) {
		sh->n = 10 + (int)rng_below(&rng, 31);
		sh->k = 3 + (int)rng_below(&rng, 6);
	}
	sh->r = 1 + (int)rng_below(&rng, (uint32_t)sh->k);
	sh->cap = (sh->n + sh->k - 1) / sh->k + (int)rng_below(&rng, 3);
	if (i % 4 == 3)
		sh->cap = (int)(sh->n / (sh->k * (1 - sh->skip_pct / 100.0))) + 1 +
			  (int)rng_below(&rng, 3);
	sh->mandatory = rng_below(&rng, 4) == 0;
}

/* Instance i against the ILP; counts the feasible ones and the nodes. */
static void ilp_case(int i, int *feasible, long *nodes)
{
	struct carousel_result res;
	struct shape sh;
	struct inst in;
	long long ilp;
	enum status st;

	skip_shape(&sh, i);
	inst_make(&in, &sh, 50000 + i);
	ilp = ilp_optimum(&in.p);
	ck_assert_msg(ilp != -2, "case %d: glpsol failed", i);
	st = solve_steps(&in, (uint64_t)i, 0, 20000, &res);
	ck_assert_msg((ilp >= 0) == (st == ST_OK), "case %d: ilp %lld, status %d", i, ilp, st);
	if (ilp >= 0) {
		ck_assert_int_eq(check_plan(&in.p, res.plan), res.score.cost);
		ck_assert_msg(res.score.cost == ilp && res.optimal,
			      "case %d: cost %lld (optimal %d), ilp %lld", i, res.score.cost,
			      res.optimal, ilp);
		++*feasible;
	}
	*nodes += res.nodes;
	carousel_result_done(&res);
	/* with one relaxation and no search, feasibility is still decided */
	st = solve_steps(&in, (uint64_t)i, 0, 1, &res);
	ck_assert_msg((ilp >= 0) == (st == ST_OK), "case %d, one step: status %d", i, st);
	if (st == ST_OK)
		check_plan(&in.p, res.plan);
	carousel_result_done(&res);
	inst_free(&in);
}

START_TEST(test_skips_against_ilp)
{
	int n = 320, feasible = 0;
	long nodes = 0;

	for (int i = 0; i < n; i++)
		ilp_case(i, &feasible, &nodes);
	printf("# skipped rotations against the ILP: %d instances, %d feasible, every optimum "
	       "met and proven, %d impossible for both; %ld flow relaxations\n",
	       n, feasible, n - feasible, nodes);
	fflush(stdout);
	ck_assert_int_gt(feasible, 100);
}

END_TEST

/* 30 people, 6 stations, 5 rotations, station 5 mandatory, 10 seats each:
 * every seat is needed, and the skips leave few ways to fill them. */
static void tight_skips(struct carousel_station *st)
{
	static const uint64_t skip[6] = { 0, 0x5, 0x1d, 0xa, 0x2, 0x7 };

	for (int s = 0; s < 6; s++)
		st[s] = (struct carousel_station){ 10, s == 4, skip[s] };
}

START_TEST(test_tight_skips_feasible)
{
	struct carousel_station st[6];
	struct carousel_delegate dl[30];
	struct carousel_problem p = { .nstations = 6,
				      .nrotations = 5,
				      .ndelegates = 30,
				      .stations = st,
				      .delegates = dl };
	struct carousel_options opt = { .seed = 1 };
	struct carousel_result res;
	struct error err = { 0 };

	tight_skips(st);
	for (int d = 0; d < 30; d++)
		dl[d] = (struct carousel_delegate){ 0, NULL, -1 };
	for (uint64_t seed = 1; seed <= 10; seed++) {
		opt.seed = seed;
		ck_assert_int_eq(carousel_solve(&p, &opt, &res, &err), ST_OK);
		check_plan(&p, res.plan);
		ck_assert(res.optimal);
		carousel_result_done(&res);
	}
	st[0].capacity = 9; /* rotation 1, where only 3 stations run, seats 29 */
	ck_assert_int_eq(carousel_solve(&p, &opt, &res, &err), ST_PROBLEM);
	ck_assert_ptr_nonnull(err.msg);
	error_clear(&err);
	carousel_result_done(&res);
}

END_TEST

START_TEST(test_deterministic_for_seed)
{
	struct shape sh = { .n = 150,
			    .k = 10,
			    .r = 5,
			    .cap = 25,
			    .nchoices = 4,
			    .skip_pct = 10,
			    .groups = 20 };
	struct carousel_result a, b;
	struct inst in;

	inst_make(&in, &sh, 42);
	ck_assert_int_eq(solve(&in, 9, 0, &a), ST_OK);
	ck_assert_int_eq(solve(&in, 9, 0, &b), ST_OK);
	ck_assert_str_eq(a.method, "flow+branch-and-bound");
	ck_assert_int_eq(a.score.cost, b.score.cost);
	ck_assert_mem_eq(a.plan, b.plan, sizeof(int) * 150 * 5);
	carousel_result_done(&a);
	carousel_result_done(&b);
	inst_free(&in);
}

END_TEST

static enum status solve_msg(const struct inst *in, char **msg)
{
	struct carousel_result res;
	struct error err = { 0 };
	enum status st = carousel_solve(&in->p, NULL, &res, &err);

	*msg = err.msg ? err.msg : xstrdup("");
	carousel_result_done(&res);
	return st;
}

static void expect(struct inst *in, enum status want, const char *part)
{
	char *msg;

	ck_assert_int_eq(solve_msg(in, &msg), want);
	ck_assert_msg(strstr(msg, part), "message '%s' lacks '%s'", msg, part);
	free(msg);
}

START_TEST(test_impossible_reported)
{
	struct shape sh = { .n = 20, .k = 4, .r = 3, .cap = 5, .nchoices = 2 };
	struct inst in;

	inst_make(&in, &sh, 1);
	in.p.nrotations = 5;
	expect(&in, ST_PROBLEM, "at most 4 rotations");
	in.p.nrotations = 3;
	in.st[0].capacity = 4;
	expect(&in, ST_PROBLEM, "at most 19 delegates");
	in.st[0].capacity = 5;
	in.st[1].mandatory = true;
	in.st[1].skip = 3;
	expect(&in, ST_PROBLEM, "mandatory station 2");
	in.st[1].skip = 0;
	for (int s = 0; s < 4; s++)
		in.st[s].mandatory = true;
	expect(&in, ST_PROBLEM, "at most 3 mandatory");
	in.st[0].mandatory = in.st[1].mandatory = false;
	in.st[2].mandatory = in.st[3].mandatory = false;
	in.choices[0] = 9;
	expect(&in, ST_INPUT, "no station 10");
	in.choices[0] = in.choices[1];
	expect(&in, ST_INPUT, "chosen twice");
	in.choices[0] = (in.choices[1] + 1) % 4;
	in.st[3].capacity = -1;
	expect(&in, ST_INPUT, "negative capacity");
	in.st[3].capacity = 5;
	expect(&in, ST_OK, "");
	inst_free(&in);
}

END_TEST

/* The solver stops near the deadline: no later than its fixed set-up time
 * (measured with a tiny limit, so the test holds under valgrind too) after it. */
static double timed_solve(const struct inst *in, double limit)
{
	struct carousel_result res;
	double t0 = now_seconds();

	solve(in, 1, limit, &res);
	ck_assert_double_le(res.seconds, now_seconds() - t0);
	carousel_result_done(&res);
	return now_seconds() - t0;
}

START_TEST(test_deadline_respected)
{
	struct shape sh = { .n = 4000,
			    .k = 40,
			    .r = 10,
			    .cap = 125,
			    .nchoices = 8,
			    .skip_pct = 10,
			    .groups = 300 };
	double floor, wall;
	struct inst in;

	inst_make(&in, &sh, 11);
	floor = timed_solve(&in, 1e-6);
	wall = timed_solve(&in, 0.5);
	ck_assert_msg(wall <= 0.5 + 2 * floor + 0.1, "0.5 s limit took %.3f s (set-up %.3f s)",
		      wall, floor);
	ck_assert_double_ge(wall, 0.5);
	inst_free(&in);
}

END_TEST

START_TEST(test_degenerate_input)
{
	int shapes[][4] = { { 0, 3, 2, 1 }, { 5, 3, 0, 2 }, { 0, 0, 0, 0 }, { 3, 0, 0, 1 },
			    { 3, 0, 2, 1 }, { 4, 1, 1, 4 }, { 4, 3, 3, 0 }, { 1, 64, 64, 1 } };

	for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
		struct shape sh = { .n = shapes[i][0],
				    .k = shapes[i][1],
				    .r = shapes[i][2],
				    .cap = shapes[i][3],
				    .nchoices = 0 };
		struct carousel_result res;
		struct inst in;
		enum status st;

		inst_make(&in, &sh, i);
		st = solve(&in, 1, 2, &res);
		ck_assert(st == ST_OK || st == ST_PROBLEM);
		if (st == ST_OK)
			check_plan(&in.p, res.plan);
		carousel_result_done(&res);
		inst_free(&in);
	}
}

END_TEST

START_TEST(test_evaluate_counts)
{
	int c0[] = { 0, 1 }, c1[] = { 2 };
	struct carousel_station st[3] = { { 1, false, 0 }, { 1, true, 0 }, { 2, false, 2 } };
	struct carousel_delegate dl[2] = { { 2, c0, 5 }, { 1, c1, 5 } };
	struct carousel_problem p = { .nstations = 3,
				      .nrotations = 2,
				      .ndelegates = 2,
				      .stations = st,
				      .delegates = dl };
	int plan[] = { 0, 2, 0, -1 };
	struct carousel_score sc;

	carousel_evaluate(&p, plan, &sc);
	ck_assert_int_eq(sc.cost, 9 + 9); /* two unranked visits, K = 3 */
	ck_assert_int_eq(sc.unmet, 2);
	ck_assert_int_eq(sc.over_capacity, 1); /* station 0, rotation 0 */
	ck_assert_int_eq(sc.closed_visits, 1); /* station 2 skips rotation 1 */
	ck_assert_int_eq(sc.missed_mandatory, 2);
	ck_assert_int_eq(sc.empty_slots, 1);
	ck_assert_int_eq(sc.colleague_pairs, 1);
	ck_assert_int_eq(sc.hard, 1 + 1 + 2 + 1);
}

END_TEST

/* Keep-apart pairs are parted, within capacity and open rotations, and
 * by swapping rotations (no cost) whenever one of them can. */
START_TEST(test_keep_apart_parted)
{
	struct rng rng;

	rng_seed(&rng, 3);
	for (int round = 0; round < 60; round++) {
		enum { K = 5, R = 3, N = 12 };
		struct carousel_station st[K];
		struct carousel_delegate dl[N];
		int choices[N * K];
		struct carousel_pair pairs[4];
		struct carousel_problem p = { .nstations = K,
					      .nrotations = R,
					      .ndelegates = N,
					      .stations = st,
					      .delegates = dl };
		struct carousel_options o = { .seed = (uint64_t)round, .time_limit = 5 };
		struct carousel_result res;
		struct carousel_score before, after;

		for (int k = 0; k < K; k++)
			st[k] = (struct carousel_station){ 3 + (int)rng_below(&rng, 3), false, 0 };
		for (int d = 0; d < N; d++) {
			int *c = choices + d * K, n = 0;

			for (int k = 0; k < K; k++)
				if (rng_below(&rng, 2))
					c[n++] = k;
			dl[d] = (struct carousel_delegate){ n, c, -1 };
		}
		for (int i = 0; i < 4; i++)
			pairs[i] = (struct carousel_pair){ 2 * i, 2 * i + 1 };
		ck_assert_int_eq(carousel_solve(&p, &o, &res, NULL), ST_OK);
		carousel_evaluate(&p, res.plan, &before);
		ck_assert_int_eq(carousel_keep_apart(&p, pairs, 4, res.plan), 0);
		carousel_evaluate(&p, res.plan, &after);
		ck_assert_int_eq(after.hard, 0);
		ck_assert_int_ge(after.cost, before.cost);
		for (int i = 0; i < 4; i++)
			for (int r = 0; r < R; r++) {
				int a = res.plan[pairs[i].a * R + r],
				    b = res.plan[pairs[i].b * R + r];

				ck_assert(a < 0 || a != b);
			}
		carousel_result_done(&res);
	}
	/* Two delegates, two stations of two seats, two rotations, both at
	 * station 0 then 1: swapping one's rotations parts them at no cost. */
	{
		int both[2] = { 0, 1 };
		struct carousel_station st[2] = { { 2, false, 0 }, { 2, false, 0 } };
		struct carousel_delegate dl[2] = { { 2, both, -1 }, { 2, both, -1 } };
		struct carousel_problem p = { .nstations = 2,
					      .nrotations = 2,
					      .ndelegates = 2,
					      .stations = st,
					      .delegates = dl };
		struct carousel_pair pair = { 0, 1 };
		int plan[4] = { 0, 1, 0, 1 };

		ck_assert_int_eq(carousel_keep_apart(&p, &pair, 1, plan), 0);
		ck_assert_int_ne(plan[0], plan[2]);
		ck_assert_int_ne(plan[1], plan[3]);
		ck_assert_int_ne(plan[0], plan[1]);
	}
}

END_TEST

START_TEST(test_colleagues_spread)
{
	struct shape sh = { .n = 80, .k = 8, .r = 3, .cap = 14, .nchoices = 0, .groups = 20 };
	struct carousel_result with, without;
	struct carousel_score sc;
	struct inst in;

	inst_make(&in, &sh, 8);
	for (int d = 0; d < sh.n; d++)
		in.dl[d].group = -1;
	ck_assert_int_eq(solve(&in, 1, 10, &without), ST_OK);
	for (int d = 0; d < sh.n; d++)
		in.dl[d].group = d % 20;
	ck_assert_int_eq(solve(&in, 1, 10, &with), ST_OK);
	carousel_evaluate(&in.p, without.plan, &sc);
	ck_assert_int_lt(with.score.colleague_pairs, sc.colleague_pairs);
	ck_assert_int_eq(with.score.colleague_pairs, 0);
	carousel_result_done(&with);
	carousel_result_done(&without);
	inst_free(&in);
}

END_TEST

static int stop_at_once(void *ctx, const struct carousel_progress *pr)
{
	(void)pr;
	++*(int *)ctx;
	return 1;
}

START_TEST(test_progress_can_stop)
{
	struct shape sh = { .n = 400,
			    .k = 12,
			    .r = 5,
			    .cap = 45,
			    .nchoices = 5,
			    .skip_pct = 20,
			    .groups = 30 };
	struct carousel_options opt = { .seed = 1, .progress = stop_at_once };
	struct carousel_result res;
	struct error err = { 0 };
	struct inst in;
	int calls = 0;

	opt.progress_ctx = &calls;
	inst_make(&in, &sh, 12);
	/* stopped before the search repaired the plan: a problem, reported */
	ck_assert_int_ne(carousel_solve(&in.p, &opt, &res, &err), ST_INPUT);
	ck_assert_int_ge(calls, 1);
	ck_assert_int_le(res.iterations, 1);
	error_clear(&err);
	carousel_result_done(&res);
	inst_free(&in);
}

END_TEST

static Suite *carousel_suite(void)
{
	Suite *s = suite_create("carousel");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_exact_random_plans_valid_and_optimal);
	tcase_add_test(tc, test_mandatory_visited_by_all);
	tcase_add_test(tc, test_skipped_rotations_respected);
	tcase_add_test(tc, test_bruteforce_exact);
	tcase_add_test(tc, test_bruteforce_skip);
	test_add_unless(tc, test_against_ilp,
			test_have_program("glpsol") ? NULL : "glpsol is not on PATH (glpk-utils)");
	test_add_unless(tc, test_skips_against_ilp,
			test_have_program("glpsol") ? NULL : "glpsol is not on PATH (glpk-utils)");
	tcase_add_test(tc, test_tight_skips_feasible);
	tcase_add_test(tc, test_deterministic_for_seed);
	tcase_add_test(tc, test_impossible_reported);
	tcase_add_test(tc, test_deadline_respected);
	tcase_add_test(tc, test_degenerate_input);
	tcase_add_test(tc, test_evaluate_counts);
	tcase_add_test(tc, test_colleagues_spread);
	tcase_add_test(tc, test_keep_apart_parted);
	tcase_add_test(tc, test_progress_can_stop);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(carousel_suite());
}
