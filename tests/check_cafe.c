/* Unit tests of the World Cafe solver: designs, the search, side
 * constraints, late changes, deadlines and the score. */
#include "convene/cafe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

struct inst {
	struct cafe_problem pb;
	struct cafe_table *tables;
	struct cafe_person *people;
};

static void inst_init(struct inst *in, int npeople, int ntables, int seats, int rounds)
{
	int t, p;

	memset(in, 0, sizeof(*in));
	in->tables = xcalloc(ntables + 1, sizeof(*in->tables));
	in->people = xcalloc(npeople + 1, sizeof(*in->people));
	for (t = 0; t < ntables; t++)
		in->tables[t] = (struct cafe_table){ .seats = seats, .host = CAFE_NONE };
	for (p = 0; p < npeople; p++)
		in->people[p] = (struct cafe_person){ .org = CAFE_NONE,
						      .org_type = CAFE_NONE,
						      .role = CAFE_NONE };
	in->pb = (struct cafe_problem){ .npeople = npeople,
					.people = in->people,
					.ntables = ntables,
					.tables = in->tables,
					.rounds = rounds };
}

static void inst_done(struct inst *in)
{
	free(in->tables);
	free(in->people);
}

static enum status solve(const struct inst *in, uint64_t seed, double limit, struct cafe_plan *plan)
{
	struct cafe_options opt;
	struct error err = { 0 };
	enum status st;

	cafe_options_init(&opt);
	opt.seed = seed;
	opt.time_limit = limit;
	st = cafe_solve(&in->pb, &opt, plan, &err);
	error_clear(&err);
	return st;
}

static int at(const struct cafe_plan *plan, int r, int p)
{
	return plan->seat[(size_t)r * plan->npeople + p];
}

/* Repeats counted here, independently of the solver's score. */
static long count_repeats(const struct cafe_plan *plan)
{
	int n = plan->npeople, r, a, b;
	unsigned char *m = xcalloc((size_t)n * n + 1, 1);
	long rep = 0;

	for (r = 0; r < plan->rounds; r++)
		for (a = 0; a < n; a++)
			for (b = a + 1; b < n; b++)
				if (at(plan, r, a) != CAFE_NONE && at(plan, r, a) == at(plan, r, b))
					rep += m[(size_t)a * n + b]++ > 0;
	free(m);
	return rep;
}

/* Every present person seated once, no table over its seats, sizes even. */
static void check_seats(const struct inst *in, const struct cafe_plan *plan)
{
	int *occ = xcalloc(in->pb.ntables + 1, sizeof(int)), r, p, t, lo, hi;

	for (r = 0; r < plan->rounds; r++) {
		memset(occ, 0, (size_t)in->pb.ntables * sizeof(int));
		for (p = 0; p < plan->npeople; p++) {
			bool here = !((in->people[p].absent >> r) & 1);

			ck_assert_int_eq(at(plan, r, p) != CAFE_NONE, here);
			if (here)
				occ[at(plan, r, p)]++;
		}
		lo = 1 << 30;
		hi = 0;
		for (t = 0; t < in->pb.ntables; t++) {
			ck_assert_int_le(occ[t], in->tables[t].seats);
			hi = occ[t] > hi ? occ[t] : hi;
			if (occ[t] < in->tables[t].seats && occ[t] < lo)
				lo = occ[t];
		}
		ck_assert(lo == 1 << 30 || hi - lo <= 1);
	}
	free(occ);
}

static void golfer(int tables, int seats, int rounds, double limit)
{
	struct inst in;
	struct cafe_plan plan;

	inst_init(&in, tables * seats, tables, seats, rounds);
	ck_assert_int_eq(solve(&in, 1, limit, &plan), ST_OK);
	check_seats(&in, &plan);
	ck_assert_int_eq(count_repeats(&plan), 0);
	ck_assert_int_eq(plan.score.repeats, 0);
	ck_assert_int_eq(plan.score.max_meetings, 1);
	ck_assert_int_eq(plan.repeats_lower_bound, 0);
	cafe_plan_done(&plan);
	inst_done(&in);
}

START_TEST(test_golfer_8x4x9)
{
	golfer(8, 4, 9, 1);
}

END_TEST

START_TEST(test_golfer_designs)
{
	golfer(5, 5, 6, 1);   /* affine plane AG(2, 5) */
	golfer(10, 10, 3, 1); /* MacNeish over GF(2) x GF(5), plus rows */
	golfer(6, 6, 3, 1);
	golfer(7, 3, 10, 1); /* Kirkman triple system on 21 */
	golfer(4, 2, 7, 1);  /* round robin */
	golfer(4, 4, 5, 1);  /* affine plane over GF(4) */
	golfer(9, 3, 13, 2); /* Kirkman on 27 */
}

END_TEST

START_TEST(test_golfer_search)
{
	golfer(6, 3, 6, 5); /* no design: greedy and tabu search */
	golfer(5, 3, 6, 5);
}

END_TEST

START_TEST(test_design_with_spare_seats)
{
	struct inst in;
	struct cafe_plan plan;

	inst_init(&in, 30, 8, 4, 8);
	ck_assert_int_eq(solve(&in, 3, 2, &plan), ST_OK);
	check_seats(&in, &plan);
	ck_assert_int_eq(count_repeats(&plan), 0);
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

static void hosts_fixed(int nhosts, int rounds, long bound)
{
	struct inst in;
	struct cafe_plan plan;
	int r, t;

	inst_init(&in, 32, 8, 4, rounds);
	for (t = 0; t < nhosts; t++)
		in.tables[t].host = 31 - 3 * t;
	ck_assert_int_eq(cafe_repeats_lower_bound(&in.pb), bound);
	ck_assert_int_eq(solve(&in, 5, bound ? 0.3 : 2, &plan), ST_OK);
	check_seats(&in, &plan);
	for (r = 0; r < rounds; r++)
		for (t = 0; t < nhosts; t++)
			ck_assert_int_eq(at(&plan, r, 31 - 3 * t), t);
	ck_assert_int_eq(plan.score.host_moved, 0);
	if (bound == 0)
		ck_assert_int_eq(count_repeats(&plan), 0);
	ck_assert_int_ge(plan.score.repeats, bound);
	cafe_plan_done(&plan);
	inst_done(&in);
}

START_TEST(test_hosts_fixed)
{
	hosts_fixed(2, 9, 0);
	hosts_fixed(8, 8, 0);
	/* A host meets 27 people in 9 rounds but never the 7 other hosts. */
	hosts_fixed(8, 9, 12);
}

END_TEST

START_TEST(test_keep_apart)
{
	struct cafe_pair pairs[] = { { 0, 1 }, { 2, 3 }, { 4, 5 }, { 0, 6 }, { 1, 6 } };
	struct inst in;
	struct cafe_plan plan;
	size_t k;
	int r;

	/* Six rounds of 5 x 5 make everybody meet everybody, so keep-apart
	 * pairs force repeats: they must still never share a table. */
	inst_init(&in, 25, 5, 5, 6);
	in.pb.keep_apart = pairs;
	in.pb.nkeep_apart = ARRAY_SIZE(pairs);
	ck_assert_int_eq(solve(&in, 2, 0.5, &plan), ST_OK);
	for (r = 0; r < 6; r++)
		for (k = 0; k < ARRAY_SIZE(pairs); k++)
			ck_assert_int_ne(at(&plan, r, pairs[k].a), at(&plan, r, pairs[k].b));
	ck_assert_int_eq(plan.score.keep_apart, 0);
	ck_assert_int_gt(plan.score.repeats, 0);
	cafe_plan_done(&plan);
	in.pb.rounds = 4;
	ck_assert_int_eq(solve(&in, 2, 30, &plan), ST_OK);
	for (r = 0; r < 4; r++)
		for (k = 0; k < ARRAY_SIZE(pairs); k++)
			ck_assert_int_ne(at(&plan, r, pairs[k].a), at(&plan, r, pairs[k].b));
	ck_assert_int_eq(count_repeats(&plan), 0);
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

/* 200 delegates of 40 organisations of uneven size, tables of 8. */
static void conference(struct inst *in)
{
	struct rng rng;
	int p;

	inst_init(in, 200, 25, 8, 4);
	rng_seed(&rng, 7);
	for (p = 0; p < 200; p++) {
		double u = rng_unit(&rng);

		in->people[p].org = (int)(40 * u * sqrt(u)); /* largest about 17 */
		in->people[p].org_type = in->people[p].org % 3;
		in->people[p].role = (int)rng_below(&rng, 4);
	}
	for (p = 0; p < 5; p++)
		in->tables[p].host = p * 10;
}

START_TEST(test_organisations_apart)
{
	struct inst in;
	struct cafe_plan plan;
	int r, a, b;

	conference(&in);
	ck_assert_int_eq(solve(&in, 1, 30, &plan), ST_OK);
	check_seats(&in, &plan);
	ck_assert_int_eq(count_repeats(&plan), 0);
	ck_assert_int_eq(plan.score.same_org, 0);
	for (r = 0; r < 4; r++)
		for (a = 0; a < 200; a++)
			for (b = a + 1; b < 200; b++)
				if (in.people[a].org == in.people[b].org)
					ck_assert_int_ne(at(&plan, r, a), at(&plan, r, b));
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

START_TEST(test_step_free_and_absent)
{
	struct inst in;
	struct cafe_plan plan;
	int r, p;

	inst_init(&in, 40, 6, 8, 4);
	in.tables[0].step_free = in.tables[3].step_free = true;
	for (p = 0; p < 10; p++)
		in.people[p].step_free = true;
	in.people[20].absent = 1;       /* arrives late */
	in.people[21].absent = 1u << 3; /* leaves early */
	in.people[22].absent = 0x6;
	ck_assert_int_eq(solve(&in, 4, 0.5, &plan), ST_OK);
	check_seats(&in, &plan);
	for (r = 0; r < 4; r++)
		for (p = 0; p < 10; p++)
			ck_assert(in.tables[at(&plan, r, p)].step_free);
	ck_assert_int_eq(at(&plan, 0, 20), CAFE_NONE);
	ck_assert_int_eq(at(&plan, 3, 21), CAFE_NONE);
	ck_assert_int_eq(at(&plan, 1, 22), CAFE_NONE);
	ck_assert_int_eq(cafe_score_hard(&plan.score), 0);
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

START_TEST(test_deterministic)
{
	struct inst in;
	struct cafe_plan a, b;
	struct cafe_options opt;

	conference(&in);
	ck_assert_int_eq(solve(&in, 99, 30, &a), ST_OK);
	ck_assert_int_eq(solve(&in, 99, 30, &b), ST_OK);
	ck_assert_mem_eq(a.seat, b.seat, sizeof(int) * 4 * 200);
	cafe_plan_done(&a);
	cafe_plan_done(&b);
	inst_done(&in);
	inst_init(&in, 18, 6, 3, 6);
	ck_assert_int_eq(solve(&in, 8, 30, &a), ST_OK);
	ck_assert_int_eq(solve(&in, 8, 30, &b), ST_OK);
	ck_assert_mem_eq(a.seat, b.seat, sizeof(int) * 6 * 18);
	cafe_plan_done(&a);
	cafe_plan_done(&b);
	inst_done(&in);
	/* Impossible, so the search runs on: an iteration limit makes it repeatable. */
	inst_init(&in, 32, 8, 4, 11);
	cafe_options_init(&opt);
	opt.seed = 3;
	opt.max_iterations = 3000;
	opt.time_limit = 300;
	ck_assert_int_eq(cafe_solve(&in.pb, &opt, &a, NULL), ST_OK);
	ck_assert_int_eq(cafe_solve(&in.pb, &opt, &b, NULL), ST_OK);
	ck_assert_int_eq(a.iterations, 3000);
	ck_assert_mem_eq(a.seat, b.seat, sizeof(int) * 11 * 32);
	cafe_plan_done(&a);
	cafe_plan_done(&b);
	inst_done(&in);
}

END_TEST

START_TEST(test_late_change)
{
	struct cafe_pair apart = { 3, 4 };
	struct inst in;
	struct cafe_plan first, second;
	int r;

	conference(&in);
	ck_assert_int_eq(solve(&in, 1, 30, &first), ST_OK);
	/* After round 2: person 7 leaves, and 3 and 4 must be kept apart. */
	in.people[7].absent = ~0ULL << 2;
	in.pb.keep_apart = &apart;
	in.pb.nkeep_apart = 1;
	in.pb.keep_rounds = 2;
	in.pb.previous = first.seat;
	ck_assert_int_eq(solve(&in, 2, 30, &second), ST_OK);
	ck_assert_mem_eq(first.seat, second.seat, sizeof(int) * 2 * 200);
	for (r = 2; r < 4; r++) {
		ck_assert_int_eq(at(&second, r, 7), CAFE_NONE);
		ck_assert_int_ne(at(&second, r, 3), at(&second, r, 4));
	}
	ck_assert_int_eq(count_repeats(&second), 0);
	ck_assert_int_eq(second.score.same_org, 0);
	cafe_plan_done(&first);
	cafe_plan_done(&second);
	inst_done(&in);
}

END_TEST

/* A late change keeps the later rounds close to the plan people hold:
 * with the plan as a hint, far fewer people change tables than without. */
START_TEST(test_late_change_stays_close)
{
	struct inst in;
	struct cafe_plan first, free_plan, close_plan;
	int r, moved_free = 0;

	conference(&in);
	ck_assert_int_eq(solve(&in, 1, 30, &first), ST_OK);
	in.people[7].absent = ~0ULL << 1; /* two people leave after round 1 */
	in.people[11].absent = ~0ULL << 1;
	in.pb.keep_rounds = 1;
	in.pb.previous = first.seat;
	ck_assert_int_eq(solve(&in, 2, 30, &free_plan), ST_OK);
	in.pb.hint = first.seat;
	ck_assert_int_eq(solve(&in, 2, 30, &close_plan), ST_OK);
	ck_assert_int_eq(count_repeats(&close_plan), 0);
	for (r = 1; r < 4; r++) {
		ck_assert_int_eq(at(&close_plan, r, 7), CAFE_NONE);
		for (int p = 0; p < 200; p++)
			moved_free += at(&free_plan, r, p) != CAFE_NONE &&
				      at(&free_plan, r, p) != at(&first, r, p);
	}
	ck_assert_int_lt(close_plan.score.people_moved, 20);
	ck_assert_int_lt(close_plan.score.moved, moved_free / 4);
	cafe_plan_done(&first);
	cafe_plan_done(&free_plan);
	cafe_plan_done(&close_plan);
	inst_done(&in);
}

END_TEST

START_TEST(test_deadline_and_impossible)
{
	struct inst in;
	struct cafe_plan plan;
	double t0 = now_seconds();

	/* 11 rounds: each person would meet 33 of only 31 others. */
	inst_init(&in, 32, 8, 4, 11);
	ck_assert_int_eq(cafe_repeats_lower_bound(&in.pb), 32);
	ck_assert_int_eq(solve(&in, 1, 0.3, &plan), ST_OK);
	ck_assert(now_seconds() - t0 < 0.6);
	ck_assert(plan.seconds < 0.5);
	ck_assert_int_eq(plan.repeats_lower_bound, 32);
	ck_assert_int_ge(plan.score.repeats, 32);
	ck_assert_int_eq(plan.score.repeats, count_repeats(&plan));
	check_seats(&in, &plan);
	cafe_plan_done(&plan);
	inst_done(&in);
	/* Tables bigger than their number: round 2 must reunite people. */
	inst_init(&in, 30, 3, 10, 2);
	ck_assert_int_eq(cafe_repeats_lower_bound(&in.pb), 36);
	ck_assert_int_eq(solve(&in, 1, 0.3, &plan), ST_OK);
	ck_assert_int_ge(plan.score.repeats, 36);
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

START_TEST(test_uneven_tables)
{
	static const int seats[] = { 3, 5, 8, 4, 6 };
	struct inst in;
	struct cafe_plan plan;
	size_t t;

	inst_init(&in, 17, ARRAY_SIZE(seats), 1, 3);
	for (t = 0; t < ARRAY_SIZE(seats); t++)
		in.tables[t].seats = seats[t];
	ck_assert_int_eq(solve(&in, 1, 2, &plan), ST_OK);
	check_seats(&in, &plan);
	ck_assert_int_eq(plan.score.seat_imbalance, 0);
	ck_assert_int_eq(count_repeats(&plan), 0);
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

START_TEST(test_degenerate)
{
	struct inst in;
	struct cafe_plan plan;
	struct error err = { 0 };

	inst_init(&in, 0, 3, 4, 2);
	ck_assert_int_eq(solve(&in, 1, 1, &plan), ST_OK);
	cafe_plan_done(&plan);
	inst_done(&in);

	inst_init(&in, 5, 1, 5, 3); /* one table: everybody meets every round */
	ck_assert_int_eq(solve(&in, 1, 0.2, &plan), ST_OK);
	ck_assert_int_eq(plan.score.repeats, 20);
	ck_assert_int_eq(plan.score.max_meetings, 3);
	ck_assert_int_eq(plan.repeats_lower_bound, 20);
	cafe_plan_done(&plan);
	inst_done(&in);

	inst_init(&in, 13, 3, 4, 2); /* more people than seats */
	ck_assert_int_eq(cafe_solve(&in.pb, NULL, &plan, &err), ST_PROBLEM);
	ck_assert_ptr_null(plan.seat);
	ck_assert_ptr_nonnull(strstr(err.msg, "1 cannot be seated"));
	error_clear(&err);
	in.tables[0].host = 42;
	ck_assert_int_eq(cafe_solve(&in.pb, NULL, &plan, &err), ST_INPUT);
	error_clear(&err);
	inst_done(&in);

	inst_init(&in, 8, 1, 8, 2); /* a keep-apart pair cannot be met */
	in.pb.keep_apart = &(struct cafe_pair){ 1, 2 };
	in.pb.nkeep_apart = 1;
	ck_assert_int_eq(cafe_solve(&in.pb, NULL, &plan, &err), ST_PROBLEM);
	ck_assert_int_eq(plan.score.keep_apart, 2);
	ck_assert_ptr_nonnull(err.msg);
	cafe_plan_done(&plan);
	error_clear(&err);
	inst_done(&in);
}

END_TEST

START_TEST(test_score_weights)
{
	/* 4 people, 2 tables of 2, 3 rounds. */
	static const int thrice[] = { 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1 };
	static const int twice[] = { 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1 };
	struct inst in;
	struct cafe_score a, b;

	inst_init(&in, 4, 2, 2, 3);
	ck_assert_int_eq(cafe_score_plan(&in.pb, thrice, &a, NULL), ST_OK);
	ck_assert_int_eq(cafe_score_plan(&in.pb, twice, &b, NULL), ST_OK);
	ck_assert_int_eq(a.repeats, 4);
	ck_assert_int_eq(a.max_meetings, 3);
	ck_assert_int_eq(a.pair_penalty, 6);
	ck_assert_int_eq(b.repeats, 2);
	ck_assert_int_eq(b.max_meetings, 2);
	ck_assert_int_eq(b.pair_penalty, 2);
	in.people[0].org = in.people[1].org = 5;
	in.tables[0].host = 2;
	ck_assert_int_eq(cafe_score_plan(&in.pb, thrice, &a, NULL), ST_OK);
	ck_assert_int_eq(a.same_org, 3);
	ck_assert_int_eq(a.host_moved, 3);
	inst_done(&in);
}

END_TEST

static int stop_soon(const struct cafe_progress *p, void *arg)
{
	(*(int *)arg)++;
	return p->seconds > 0.15;
}

START_TEST(test_progress_can_stop)
{
	struct inst in;
	struct cafe_options opt;
	struct cafe_plan plan;
	int calls = 0;

	inst_init(&in, 32, 8, 4, 11);
	cafe_options_init(&opt);
	opt.time_limit = 5;
	opt.progress = stop_soon;
	opt.progress_arg = &calls;
	ck_assert_int_eq(cafe_solve(&in.pb, &opt, &plan, NULL), ST_OK);
	ck_assert_int_ge(calls, 2);
	ck_assert(plan.seconds < 1);
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

/* solve() on a step budget: the same plan on any machine. */
static enum status solve_steps(const struct inst *in, uint64_t seed, long steps,
			       struct cafe_plan *plan)
{
	struct cafe_options opt;

	cafe_options_init(&opt);
	opt.seed = seed;
	opt.time_limit = 60;
	opt.max_iterations = steps;
	return cafe_solve(&in->pb, &opt, plan, NULL);
}

START_TEST(test_fewest_repeats)
{
	struct inst in;
	struct cafe_plan plan;
	char *words;

	/* 6 tables of 8: round 2 reunites 2 pairs a table, round 3 that
	 * many from each earlier round, so 12 + 24 without a triple. */
	inst_init(&in, 48, 6, 8, 3);
	ck_assert_int_eq(cafe_repeats_lower_bound(&in.pb), 24);
	ck_assert_int_eq(cafe_repeats_fewest(&in.pb), 36);
	ck_assert_int_eq(solve_steps(&in, 1, 500, &plan), ST_OK);
	ck_assert_int_eq(plan.repeats_fewest, 36);
	ck_assert_int_eq(plan.mixed_rounds, 1);
	ck_assert_int_eq(plan.score.repeats, 36);
	ck_assert_int_eq(count_repeats(&plan), 36);
	/* It stops there: no plan can do better. */
	ck_assert_int_lt(plan.iterations, 500);
	words = cafe_plan_words(&in.pb, &plan);
	ck_assert_str_eq(words, "6 tables of 8 cannot mix everyone after round 1; 36 repeats is "
				"the fewest possible unless someone meets the same person three "
				"times, and this plan has 36.");
	free(words);
	cafe_plan_done(&plan);
	inst_done(&in);

	/* 32 people at 8 tables of 4 for 11 rounds: people run out of others
	 * in round 11 only; the counting bound is the fewest. */
	inst_init(&in, 32, 8, 4, 11);
	ck_assert_int_eq(cafe_repeats_fewest(&in.pb), 32);
	ck_assert_int_eq(solve_steps(&in, 1, 300, &plan), ST_OK);
	ck_assert_int_eq(plan.mixed_rounds, 10);
	ck_assert_int_ge(plan.score.repeats, 32);
	words = cafe_plan_words(&in.pb, &plan);
	ck_assert_ptr_nonnull(strstr(words, "8 tables of 4 cannot mix everyone after round 10; 32 "
					    "repeats is the fewest possible, and this plan has "));
	free(words);
	cafe_plan_done(&plan);
	/* Someone away: only the lower bound is claimed. */
	in.people[3].absent = 1u << 2;
	ck_assert_int_eq(cafe_repeats_fewest(&in.pb), cafe_repeats_lower_bound(&in.pb));
	inst_done(&in);

	/* A perfect plan needs no words. */
	inst_init(&in, 25, 5, 5, 6);
	ck_assert_int_eq(cafe_repeats_fewest(&in.pb), 0);
	ck_assert_int_eq(solve_steps(&in, 1, 1000, &plan), ST_OK);
	ck_assert_int_eq(plan.score.repeats, 0);
	ck_assert_int_eq(plan.mixed_rounds, 6);
	ck_assert_ptr_null(cafe_plan_words(&in.pb, &plan));
	cafe_plan_done(&plan);
	inst_done(&in);
}

END_TEST

static Suite *cafe_suite(void)
{
	Suite *s = suite_create("cafe");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golfer_8x4x9);
	tcase_add_test(tc, test_golfer_designs);
	tcase_add_test(tc, test_golfer_search);
	tcase_add_test(tc, test_design_with_spare_seats);
	tcase_add_test(tc, test_hosts_fixed);
	tcase_add_test(tc, test_keep_apart);
	tcase_add_test(tc, test_organisations_apart);
	tcase_add_test(tc, test_step_free_and_absent);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_late_change);
	tcase_add_test(tc, test_late_change_stays_close);
	tcase_add_test(tc, test_deadline_and_impossible);
	tcase_add_test(tc, test_uneven_tables);
	tcase_add_test(tc, test_degenerate);
	tcase_add_test(tc, test_score_weights);
	tcase_add_test(tc, test_progress_can_stop);
	tcase_add_test(tc, test_fewest_repeats);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(cafe_suite());
}
