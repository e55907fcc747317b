/* Breakout allocation: optimality against brute force on tiny instances,
 * capacity, parallel groups (also when overlaps are not cliques), days. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "convene/breakout.h"
#include "testutil.h"

/* The objective as a tuple compared in order: seated ranked, seated at
 * all (more is better), cost (less is better). */
struct key {
	long met, assigned;
	long long cost;
};

static int key_cmp(struct key a, struct key b)
{
	if (a.met != b.met)
		return a.met > b.met ? -1 : 1;
	if (a.assigned != b.assigned)
		return a.assigned > b.assigned ? -1 : 1;
	return a.cost < b.cost ? -1 : a.cost > b.cost;
}

static struct key key_of(const struct breakout_score *s)
{
	return (struct key){ s->wanted - s->unmet, s->assigned, s->cost };
}

static bool ranked(const struct breakout_problem *pb, int d, int s)
{
	for (int i = 0; i < pb->delegates[d].nchoices; i++)
		if (pb->delegates[d].choices[i] == s)
			return true;
	return false;
}

/* Try every assignment of every delegate to nothing or one session of
 * each group; keep the best feasible one. */
static void brute(const struct breakout_problem *pb, const int *group, int ng, int *assign, int pos,
		  struct key *best, bool *found)
{
	int nd = pb->ndelegates;

	if (pos == nd * ng) {
		struct breakout_score sc;

		breakout_evaluate(pb, group, ng, assign, &sc);
		if (sc.over_capacity || sc.bad)
			return;
		if (!*found || key_cmp(key_of(&sc), *best) < 0)
			*best = key_of(&sc);
		*found = true;
		return;
	}
	assign[pos] = BREAKOUT_NONE;
	brute(pb, group, ng, assign, pos + 1, best, found);
	for (int s = 0; s < pb->nsessions; s++)
		if (group[s] == pos % ng && (pb->fill || ranked(pb, pos / ng, s))) {
			assign[pos] = s;
			brute(pb, group, ng, assign, pos + 1, best, found);
		}
}

static void random_instance(struct rng *rng, int ns, int nd, struct breakout_session *ss,
			    struct breakout_delegate *dl, int *choices)
{
	for (int s = 0; s < ns; s++) {
		int slot = (int)rng_below(rng, 2);

		ss[s] = (struct breakout_session){
			0, 540 + 60 * slot, 590 + 60 * slot, (int)rng_below(rng, 3), 0, 0
		};
	}
	for (int d = 0; d < nd; d++) {
		int n = 0, *c = choices + d * ns;

		for (int s = 0; s < ns; s++)
			if (rng_below(rng, 2))
				c[n++] = s;
		for (int i = n - 1; i > 0; i--) { /* shuffle into a random ranking */
			int j = (int)rng_below(rng, (uint32_t)i + 1), t = c[i];

			c[i] = c[j];
			c[j] = t;
		}
		dl[d] = (struct breakout_delegate){ n, c, 0, 0, 0, 0 };
	}
}

START_TEST(test_optimal_vs_brute_force)
{
	struct rng rng;

	rng_seed(&rng, 5);
	for (int round = 0; round < 60; round++) {
		struct breakout_session ss[4];
		struct breakout_delegate dl[4];
		int choices[16], assign[8];
		struct breakout_problem pb = { 4,   ss,          4, dl, 0, NULL, round % 2 == 1,
					       0,   ALLOC_TOTAL, 0, 0,  0, NULL, 0,
					       NULL };
		struct breakout_result res;
		struct key best = { 0, 0, 0 };
		bool found = false;

		random_instance(&rng, 4, 4, ss, dl, choices);
		ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
		ck_assert_int_le(res.ngroups, 2);
		ck_assert_int_eq(res.score.over_capacity, 0);
		ck_assert_int_eq(res.score.bad, 0);
		brute(&pb, res.group, res.ngroups, assign, 0, &best, &found);
		ck_assert(found);
		ck_assert_msg(key_cmp(key_of(&res.score), best) == 0,
			      "round %d: flow met %ld assigned %ld cost %lld, brute force %ld %ld %lld",
			      round, key_of(&res.score).met, res.score.assigned, res.score.cost,
			      best.met, best.assigned, best.cost);
		ck_assert(res.optimal);
		breakout_result_done(&res);
	}
}

END_TEST

START_TEST(test_capacity_and_first_choices)
{
	/* 10 delegates all want session 0 first (capacity 4), then 1 (capacity 10). */
	struct breakout_session ss[2] = { { 0, 540, 600, 4, 0, 0 }, { 0, 540, 600, 10, 0, 0 } };
	struct breakout_delegate dl[10];
	int ch[2] = { 0, 1 };
	struct breakout_problem pb = { 2,           ss, 10, dl, 0,    NULL, false, 0,
				       ALLOC_TOTAL, 0,  0,  0,  NULL, 0,    NULL };
	struct breakout_result res;
	int in0 = 0;

	for (int d = 0; d < 10; d++)
		dl[d] = (struct breakout_delegate){ 2, ch, 0, 0, 0, 0 };
	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.ngroups, 1);
	for (int d = 0; d < 10; d++) {
		ck_assert_int_ne(res.assign[d], BREAKOUT_NONE);
		in0 += res.assign[d] == 0;
	}
	ck_assert_int_eq(in0, 4);
	ck_assert_int_eq(res.score.first_choice, 4);
	ck_assert_int_eq(res.score.unmet, 0);
	ck_assert_int_eq(res.score.cost, 6);
	breakout_result_done(&res);
}

END_TEST

START_TEST(test_chain_overlap_is_one_group)
{
	/* A 9:00-10:00, B 9:30-10:30, C 10:15-11:00: A and C do not overlap,
	 * but B links them; D after lunch is a group of its own. */
	struct breakout_session ss[4] = { { 0, 540, 600, 5, 0, 0 },
					  { 0, 570, 630, 5, 0, 0 },
					  { 0, 615, 660, 5, 0, 0 },
					  { 0, 780, 840, 5, 0, 0 } };
	int ch[3] = { 0, 2, 3 };
	struct breakout_delegate dl[1] = { { 3, ch, 0, 0, 0, 0 } };
	struct breakout_problem pb = { 4,           ss, 1, dl, 0,    NULL, false, 0,
				       ALLOC_TOTAL, 0,  0, 0,  NULL, 0,    NULL };
	struct breakout_result res;

	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.ngroups, 2);
	ck_assert_int_eq(res.group[0], res.group[1]);
	ck_assert_int_eq(res.group[1], res.group[2]);
	ck_assert_int_ne(res.group[2], res.group[3]);
	ck_assert_int_eq(res.assign[res.group[0]], 0);
	ck_assert_int_eq(res.assign[res.group[3]], 3);
	ck_assert_int_eq(res.score.first_choice, 2);
	breakout_result_done(&res);
}

END_TEST

/* Places set by hand stay: a delegate pinned to their third choice keeps
 * it though their first has room; one pinned to a small session takes a
 * seat there and keeps their keep-apart partner out of it; a session with
 * someone pinned to it runs below its minimum; and nobody pinned waits
 * for a seat. Without the pins the same problem puts them elsewhere. */
START_TEST(test_pinned_places_stay)
{
	/* A (2 seats), B, C (minimum 3), all 9:00-10:00; D at 11:00. */
	struct breakout_session ss[4] = { { 0, 540, 600, 2, 0, 0 },
					  { 0, 540, 600, 10, 0, 0 },
					  { 0, 540, 600, 10, 3, 0 },
					  { 0, 660, 720, 10, 0, 0 } };
	int ch[4] = { 0, 1, 2, 3 };
	struct breakout_delegate dl[4] = { { 4, ch, 0, 0, 0, 0 },
					   { 4, ch, 0, 0, 0, 0 },
					   { 4, ch, 0, 0, 0, 0 },
					   { 4, ch, 0, 0, 0, 0 } };
	struct breakout_pair apart = { 0, 2 }, pins[2] = { { 3, 2 }, { 2, 0 } };
	struct breakout_problem pb = { 4,           ss, 4, dl, 0,      NULL, false, 0,
				       ALLOC_TOTAL, 0,  1, 1,  &apart, 0,    NULL };
	struct breakout_result res;
	int wait[4];

	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_ne(res.assign[3 * res.ngroups + res.group[0]], 2);
	breakout_result_done(&res);

	pb.npinned = 2;
	pb.pinned = pins;
	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.ngroups, 2);
	/* Delegate 3 stays in C, their third choice; C is not cancelled. */
	ck_assert_int_eq(res.assign[3 * res.ngroups + res.group[2]], 2);
	ck_assert_int_eq(res.cancelled[2], -1);
	/* Delegate 2 holds one of A's two seats; 0, kept apart from 2, is
	 * not given the other, so 1 is. */
	ck_assert_int_eq(res.assign[2 * res.ngroups + res.group[0]], 0);
	ck_assert_int_eq(res.assign[1 * res.ngroups + res.group[0]], 0);
	ck_assert_int_eq(res.assign[0 * res.ngroups + res.group[0]], 1);
	ck_assert_int_eq(res.score.over_capacity, 0);
	ck_assert_int_eq(res.score.keep_apart, 0);
	/* A pin holds in its group only: delegate 3 has D at 11:00. */
	ck_assert_int_eq(res.assign[3 * res.ngroups + res.group[3]], 3);
	/* Nobody waits for A: 0 is kept apart from 2 there, 3 is pinned. */
	ck_assert_int_eq(breakout_waitlist(&pb, res.group, res.ngroups, res.assign, 0, wait), 0);
	breakout_result_done(&res);

	/* A pin to a session on no day is refused. */
	ss[1].day = -1;
	pins[0].b = 1;
	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_INPUT);
	breakout_result_done(&res);
}

END_TEST

START_TEST(test_no_overlapping_sessions_per_delegate)
{
	struct rng rng;

	enum { NS = 30, ND = 200 };
	struct breakout_session ss[NS];
	struct breakout_delegate dl[ND];
	int *choices = calloc(ND * 6, sizeof(int));
	struct breakout_problem pb = { NS,          ss, ND, dl, 0,    NULL, true, 0,
				       ALLOC_TOTAL, 0,  0,  0,  NULL, 0,    NULL };
	struct breakout_result res;
	int *load = calloc(NS, sizeof(int));

	rng_seed(&rng, 9);
	for (int s = 0; s < NS; s++) {
		int start = 540 + 15 * (int)rng_below(&rng, 24);

		ss[s] = (struct breakout_session){ (int)rng_below(&rng, 2),
						   start,
						   start + 45 + 15 * (int)rng_below(&rng, 4),
						   5 + (int)rng_below(&rng, 20),
						   0,
						   0 };
	}
	for (int d = 0; d < ND; d++) {
		int *c = choices + d * 6, n = 0;

		while (n < 6) {
			int s = (int)rng_below(&rng, NS), dup = 0;

			for (int i = 0; i < n; i++)
				dup |= c[i] == s;
			if (!dup)
				c[n++] = s;
		}
		dl[d] = (struct breakout_delegate){ 6, c, rng_below(&rng, 4) ? 0u : 1u, 0, 0, 0 };
	}
	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.score.over_capacity, 0);
	ck_assert_int_eq(res.score.bad, 0);
	for (int d = 0; d < ND; d++)
		for (int g = 0; g < res.ngroups; g++) {
			int a = res.assign[d * res.ngroups + g];

			if (a == BREAKOUT_NONE)
				continue;
			load[a]++;
			ck_assert(dl[d].days == 0 || ss[a].day == 0);
			for (int h = g + 1; h < res.ngroups; h++) {
				int b = res.assign[d * res.ngroups + h];

				ck_assert(b == BREAKOUT_NONE || ss[a].day != ss[b].day ||
					  ss[a].end <= ss[b].start || ss[b].end <= ss[a].start);
			}
		}
	for (int s = 0; s < NS; s++)
		ck_assert_int_le(load[s], ss[s].capacity);
	breakout_result_done(&res);
	free(load);
	free(choices);
}

END_TEST

START_TEST(test_fill_and_bad_input)
{
	struct breakout_session ss[2] = { { 0, 540, 600, 1, 0, 0 }, { 0, 540, 600, 1, 0, 0 } };
	int ch[1] = { 0 }, twice[2] = { 1, 1 };
	struct breakout_delegate dl[2] = { { 1, ch, 0, 0, 0, 0 }, { 0, NULL, 0, 0, 0, 0 } };
	struct breakout_problem pb = { 2,           ss, 2, dl, 0,    NULL, true, 0,
				       ALLOC_TOTAL, 0,  0, 0,  NULL, 0,    NULL };
	struct breakout_result res;
	struct error err = { 0 };

	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.assign[0], 0);
	ck_assert_int_eq(res.assign[1], 1);
	ck_assert_int_eq(res.score.filled, 1);
	breakout_result_done(&res);
	pb.fill = false;
	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.assign[1], BREAKOUT_NONE);
	breakout_result_done(&res);
	dl[1] = (struct breakout_delegate){ 2, twice, 0, 0, 0, 0 };
	ck_assert_int_eq(breakout_solve(&pb, &res, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "twice"));
	error_clear(&err);
	breakout_result_done(&res);
}

END_TEST

static Suite *breakout_suite(void)
{
	Suite *s = suite_create("breakout");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_optimal_vs_brute_force);
	tcase_add_test(tc, test_capacity_and_first_choices);
	tcase_add_test(tc, test_chain_overlap_is_one_group);
	tcase_add_test(tc, test_pinned_places_stay);
	tcase_add_test(tc, test_no_overlapping_sessions_per_delegate);
	tcase_add_test(tc, test_fill_and_bad_input);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(breakout_suite());
}
