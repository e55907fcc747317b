/* Fair allocation: the lexicographic assignment and each objective against
 * brute force on small instances (with musts, priority groups, keep-apart
 * pairs and minimum sizes), the lottery, profiles, waitlists and
 * withdrawals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "convene/alloc.h"
#include "convene/breakout.h"
#include "convene/fair.h"
#include "testutil.h"

/* ---- the assignment ------------------------------------------------- */

static int vec_cmp(const long long *a, const long long *b, int L)
{
	for (int l = 0; l < L; l++)
		if (a[l] != b[l])
			return a[l] < b[l] ? -1 : 1;
	return 0;
}

/* The least cost of every assignment of people p.. onwards without the
 * arcs off. */
static void brute_match(const struct alloc_match *m, const char *off, int p, int *load,
			long long *sum, long long *best, bool *found)
{
	if (p == m->npeople) {
		if (!*found || vec_cmp(sum, best, m->nlevels) < 0)
			memcpy(best, sum, (size_t)m->nlevels * sizeof(long long));
		*found = true;
		return;
	}
	brute_match(m, off, p + 1, load, sum, best, found);
	for (int a = m->first[p]; a < m->first[p + 1]; a++) {
		int k = m->place[a];

		if (off[a] || (m->capacity[k] >= 0 && load[k] >= m->capacity[k]))
			continue;
		load[k]++;
		for (int l = 0; l < m->nlevels; l++)
			sum[l] += m->cost[a * m->nlevels + l];
		brute_match(m, off, p + 1, load, sum, best, found);
		for (int l = 0; l < m->nlevels; l++)
			sum[l] -= m->cost[a * m->nlevels + l];
		load[k]--;
	}
}

enum { NP = 6, NK = 4, L = 3 };

struct match_case {
	int cap[NK], first[NP + 1], place[NP * NK], assign[NP];
	long long cost[NP * NK * L];
	char off[NP * NK];
	struct alloc_match m;
};

static void random_match(struct rng *rng, struct match_case *c)
{
	int n = 0;

	memset(c, 0, sizeof(*c));
	for (int k = 0; k < NK; k++)
		c->cap[k] = (int)rng_below(rng, 4) - 1;
	for (int p = 0; p < NP; p++) {
		c->first[p] = n;
		for (int k = 0; k < NK; k++) {
			if (rng_below(rng, 3) == 0)
				continue;
			c->place[n] = k;
			for (int l = 0; l < L; l++)
				c->cost[n * L + l] = (long long)rng_below(rng, 7) - 4;
			n++;
		}
	}
	c->first[NP] = n;
	c->m = (struct alloc_match){ NP, NK, L, c->cap, c->first, c->place, c->cost };
}

/* The assignment is within capacity and off arcs, and costs the least. */
static void check_least(struct match_case *c, int round)
{
	int load[NK] = { 0 };
	long long sum[L] = { 0 }, best[L], got[L] = { 0 };
	bool found = false;

	for (int p = 0; p < NP; p++) {
		int a = c->assign[p];

		if (a < 0)
			continue;
		ck_assert_int_ge(a, c->first[p]);
		ck_assert_int_lt(a, c->first[p + 1]);
		ck_assert(!c->off[a]);
		load[c->place[a]]++;
		for (int l = 0; l < L; l++)
			got[l] += c->cost[a * L + l];
	}
	for (int k = 0; k < NK; k++)
		ck_assert(c->cap[k] < 0 || load[k] <= c->cap[k]);
	memset(load, 0, sizeof(load));
	brute_match(&c->m, c->off, 0, load, sum, best, &found);
	ck_assert_msg(vec_cmp(got, best, L) == 0,
		      "round %d: got (%lld %lld %lld), least (%lld %lld %lld)", round, got[0],
		      got[1], got[2], best[0], best[1], best[2]);
}

START_TEST(test_match_vs_brute_force)
{
	struct rng rng;

	rng_seed(&rng, 11);
	for (int round = 0; round < 300; round++) {
		struct match_case c;

		random_match(&rng, &c);
		alloc_match_solve(&c.m, c.assign);
		check_least(&c, round);
		/* Take held arcs away one by one: the best again each time. */
		for (int p = 0; p < NP; p++) {
			if (c.assign[p] < 0 || rng_below(&rng, 2))
				continue;
			c.off[c.assign[p]] = 1;
			alloc_match_forbid(&c.m, c.off, c.assign, p);
			check_least(&c, round);
		}
	}
}

END_TEST

/* ---- the objectives --------------------------------------------------- */

/* What an allocation achieves, compared in the order of breakout.h. */
struct key {
	long musts, ranked, assigned;
	long long total;
	struct alloc_profile eff; /* by effective rank, moved up by the priority */
};

static void key_of(const struct breakout_problem *pb, const int *group, int ng, const int *assign,
		   struct key *k)
{
	struct breakout_score sc;

	breakout_evaluate(pb, group, ng, assign, &sc);
	memset(k, 0, sizeof(*k));
	alloc_profile_init(&k->eff);
	k->musts = sc.musts_met;
	k->ranked = sc.assigned - sc.filled;
	k->assigned = sc.assigned;
	for (int d = 0; d < pb->ndelegates; d++)
		for (int g = 0; g < ng; g++) {
			int s = assign[d * ng + g], r, e;

			if (s == BREAKOUT_NONE)
				continue;
			r = breakout_rank(pb, group, d, s);
			e = r > 0 && (pb->sessions[s].serves & pb->delegates[d].groups)
				    ? r - pb->priority
				    : r;
			if (r == 0)
				k->total += pb->fill_cost;
			else
				k->total += e >= 1 ? breakout_rank_cost(pb, e) : e - 1;
			/* shifted so that every effective rank counts from 1 */
			alloc_profile_add(&k->eff, r == 0 ? ALLOC_UNCHOSEN : e + pb->priority, 1);
		}
}

static int key_cmp(const struct key *a, const struct key *b, enum alloc_objective o)
{
	if (a->musts != b->musts)
		return a->musts > b->musts ? -1 : 1;
	if (a->ranked != b->ranked)
		return a->ranked > b->ranked ? -1 : 1;
	if (a->assigned != b->assigned)
		return a->assigned > b->assigned ? -1 : 1;
	if (o == ALLOC_TOTAL)
		return a->total < b->total ? -1 : a->total > b->total;
	return alloc_profile_cmp(&a->eff, &b->eff, o);
}

struct brute {
	const struct breakout_problem *pb;
	const int *group, *cancelled;
	int ng;
	int *assign;
	struct key best;
	bool found;
};

static bool feasible(const struct brute *b)
{
	struct breakout_score sc;

	breakout_evaluate(b->pb, b->group, b->ng, b->assign, &sc);
	return !sc.over_capacity && !sc.bad && !sc.keep_apart;
}

/* Every allocation that leaves the cancelled sessions empty. */
static void brute(struct brute *b, int pos, enum alloc_objective o)
{
	const struct breakout_problem *pb = b->pb;

	if (pos == pb->ndelegates * b->ng) {
		struct key k;

		if (feasible(b)) {
			key_of(pb, b->group, b->ng, b->assign, &k);
			if (!b->found || key_cmp(&k, &b->best, o) < 0) {
				alloc_profile_done(&b->best.eff);
				b->best = k;
				b->found = true;
			} else {
				alloc_profile_done(&k.eff);
			}
		}
		return;
	}
	b->assign[pos] = BREAKOUT_NONE;
	brute(b, pos + 1, o);
	for (int s = 0; s < pb->nsessions; s++)
		if (b->group[s] == pos % b->ng && b->cancelled[s] < 0 &&
		    (pb->fill || breakout_rank(pb, b->group, pos / b->ng, s) > 0)) {
			b->assign[pos] = s;
			brute(b, pos + 1, o);
		}
}

enum { NS = 4, ND = 5 };

struct instance {
	struct breakout_session ss[NS];
	struct breakout_delegate dl[ND];
	int choices[ND * NS];
	struct breakout_pair pairs[1];
	struct breakout_problem pb;
};

static void random_instance(struct rng *rng, struct instance *in, int round)
{
	memset(in, 0, sizeof(*in));
	for (int s = 0; s < NS; s++)
		in->ss[s] = (struct breakout_session){ 0,
						       540 + 60 * (s / 2),
						       590 + 60 * (s / 2),
						       (int)rng_below(rng, 4),
						       rng_below(rng, 4) == 0 ? 2 : 0,
						       rng_below(rng, 3) == 0 ? 1u : 0u };
	for (int d = 0; d < ND; d++) {
		int n = 0, *c = in->choices + d * NS;

		for (int s = 0; s < NS; s++)
			if (rng_below(rng, 3))
				c[n++] = s;
		for (int i = n - 1; i > 0; i--) {
			int j = (int)rng_below(rng, (uint32_t)i + 1), t = c[i];

			c[i] = c[j];
			c[j] = t;
		}
		in->dl[d] = (struct breakout_delegate){
			n,
			c,
			0,
			n && rng_below(rng, 4) == 0 ? 1 + (int)rng_below(rng, (uint32_t)n) : 0,
			rng_below(rng, 2),
			0
		};
	}
	in->pairs[0] = (struct breakout_pair){ 0, 1 };
	in->pb = (struct breakout_problem){ NS,
					    in->ss,
					    ND,
					    in->dl,
					    0,
					    NULL,
					    round % 3 == 2,
					    9,
					    (enum alloc_objective)(round % ALLOC_NOBJECTIVES),
					    (int)rng_below(rng, 3),
					    (uint64_t)round,
					    round % 2,
					    in->pairs,
					    0,
					    NULL };
}

START_TEST(test_objectives_vs_brute_force)
{
	struct rng rng;

	rng_seed(&rng, 5);
	for (int round = 0; round < 150; round++) {
		struct instance in;
		struct breakout_result res;
		struct brute b;
		int assign[ND * 2];
		enum alloc_objective o;
		struct key got;

		random_instance(&rng, &in, round);
		o = in.pb.objective;
		ck_assert_int_eq(breakout_solve(&in.pb, &res, NULL), ST_OK);
		ck_assert_int_eq(res.ngroups, 2);
		ck_assert_int_eq(res.score.over_capacity, 0);
		ck_assert_int_eq(res.score.keep_apart, 0);
		ck_assert(res.optimal);
		for (int s = 0; s < NS; s++) {
			int n = 0;

			for (int d = 0; d < ND; d++)
				n += res.assign[d * 2 + res.group[s]] == s;
			if (res.cancelled[s] >= 0)
				ck_assert_int_eq(n, 0);
			else
				ck_assert_int_ge(n, in.ss[s].minimum);
		}
		memset(&b, 0, sizeof(b));
		b.pb = &in.pb;
		b.group = res.group;
		b.cancelled = res.cancelled;
		b.ng = 2;
		b.assign = assign;
		brute(&b, 0, o);
		ck_assert(b.found);
		key_of(&in.pb, res.group, 2, res.assign, &got);
		ck_assert_msg(key_cmp(&got, &b.best, o) == 0,
			      "round %d (%s): musts %ld ranked %ld assigned %ld total %lld; best "
			      "%ld %ld %ld %lld",
			      round, alloc_objective_name(o), got.musts, got.ranked, got.assigned,
			      got.total, b.best.musts, b.best.ranked, b.best.assigned, b.best.total);
		alloc_profile_done(&got.eff);
		alloc_profile_done(&b.best.eff);
		breakout_result_done(&res);
	}
}

END_TEST

/* The objectives disagree, each by its definition. */
START_TEST(test_objectives_differ)
{
	/* Sessions A, B, C at once, one seat each. Two delegates rank A, B, C
	 * and one B, C, A: the most first choices leave one delegate their
	 * third; the fewest third choices cost a first choice. */
	struct breakout_session ss[3] = { { 0, 540, 600, 1, 0, 0 },
					  { 0, 540, 600, 1, 0, 0 },
					  { 0, 540, 600, 1, 0, 0 } };
	int x[3] = { 0, 1, 2 }, z[3] = { 1, 2, 0 };
	struct breakout_delegate dl[3] = { { 3, x, 0, 0, 0, 0 },
					   { 3, x, 0, 0, 0, 0 },
					   { 3, z, 0, 0, 0, 0 } };
	struct breakout_problem pb = { 3, ss, 3, dl,   0, NULL, false, 0, ALLOC_GREEDY,
				       0, 1,  0, NULL, 0, NULL };
	struct breakout_result res;
	struct alloc_profile p[ALLOC_NOBJECTIVES];

	for (int o = 0; o < ALLOC_NOBJECTIVES; o++) {
		pb.objective = (enum alloc_objective)o;
		alloc_profile_init(&p[o]);
		ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
		breakout_profile(&pb, res.group, res.ngroups, res.assign, -1, &p[o]);
		breakout_result_done(&res);
	}
	/* greedy: two first choices and a third; generous: no third. */
	ck_assert_int_eq(p[ALLOC_GREEDY].rank[0], 2);
	ck_assert_int_eq(p[ALLOC_GREEDY].rank[2], 1);
	ck_assert(p[ALLOC_GENEROUS].nranks < 3 || p[ALLOC_GENEROUS].rank[2] == 0);
	ck_assert_int_eq(p[ALLOC_GENEROUS].rank[0], 1);
	ck_assert_int_lt(alloc_profile_cmp(&p[ALLOC_GREEDY], &p[ALLOC_GENEROUS], ALLOC_GREEDY), 0);
	ck_assert_int_lt(alloc_profile_cmp(&p[ALLOC_GENEROUS], &p[ALLOC_GREEDY], ALLOC_GENEROUS), 0);
	for (int o = 0; o < ALLOC_NOBJECTIVES; o++)
		alloc_profile_done(&p[o]);
}

END_TEST

/* ---- the lottery, musts, priority ------------------------------------- */

/* Ten delegates want one seat first: the lottery's first of them gets it. */
START_TEST(test_lottery_decides_ties)
{
	struct breakout_session ss[2] = { { 0, 540, 600, 1, 0, 0 }, { 0, 540, 600, 20, 0, 0 } };
	int ch[2] = { 0, 1 };
	struct breakout_delegate dl[10];
	struct breakout_problem pb = { 2,           ss, 10, dl, 0,    NULL, false, 0,
				       ALLOC_TOTAL, 0,  0,  0,  NULL, 0,    NULL };
	struct breakout_result res;

	for (int d = 0; d < 10; d++)
		dl[d] = (struct breakout_delegate){ 2, ch, 0, 0, 0, (uint64_t)(100 + d) };
	for (uint64_t seed = 1; seed <= 20; seed++) {
		int winner = -1, first = 0;
		int again;

		pb.seed = seed;
		for (int d = 1; d < 10; d++)
			if (alloc_lottery_key(seed, (uint64_t)(100 + d)) <
			    alloc_lottery_key(seed, (uint64_t)(100 + first)))
				first = d;
		ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
		for (int d = 0; d < 10; d++)
			if (res.assign[d] == 0)
				winner = d;
		breakout_result_done(&res);
		ck_assert_int_eq(winner, first);
		ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
		again = res.assign[winner];
		breakout_result_done(&res);
		ck_assert_int_eq(again, 0);
	}
}

END_TEST

START_TEST(test_musts_and_priority)
{
	/* One seat in session 0. Delegate 0 ranks it first; delegate 1 ranks
	 * it second, but it is their must; then delegate 2 belongs to its
	 * priority group. */
	struct breakout_session ss[2] = { { 0, 540, 600, 1, 0, 1 }, { 0, 540, 600, 5, 0, 0 } };
	int a[2] = { 0, 1 }, b[2] = { 1, 0 };
	struct breakout_delegate dl[3] = { { 2, a, 0, 0, 0, 0 },
					   { 2, b, 0, 2, 0, 0 },
					   { 2, a, 0, 0, 1, 0 } };
	struct breakout_problem pb = { 2, ss, 3, dl,   0, NULL, false, 0, ALLOC_GREEDY,
				       1, 3,  0, NULL, 0, NULL };
	struct breakout_result res;

	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	ck_assert_int_eq(res.assign[1], 0);
	ck_assert_int_eq(res.score.musts, 1);
	ck_assert_int_eq(res.score.musts_met, 1);
	breakout_result_done(&res);
	dl[1].must = 0;
	for (int o = 0; o < ALLOC_NOBJECTIVES; o++) {
		pb.objective = (enum alloc_objective)o;
		for (uint64_t seed = 1; seed < 6; seed++) {
			pb.seed = seed;
			ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
			ck_assert_int_eq(res.assign[2], 0);
			breakout_result_done(&res);
		}
	}
}

END_TEST

START_TEST(test_keep_apart_and_minimum)
{
	/* Everyone wants session 0 (room for all); 0 and 1 must be kept apart.
	 * Session 2, the next day, has a minimum of 3 but only 0 and 1 choose
	 * it, so it would have one of them. */
	struct breakout_session ss[3] = { { 0, 540, 600, 10, 0, 0 },
					  { 0, 540, 600, 10, 0, 0 },
					  { 1, 540, 600, 10, 3, 0 } };
	int a[3] = { 0, 1, 2 };
	struct breakout_delegate dl[4] = { { 3, a, 0, 0, 0, 0 },
					   { 3, a, 0, 0, 0, 0 },
					   { 2, a, 0, 0, 0, 0 },
					   { 2, a, 0, 0, 0, 0 } };
	struct breakout_pair pair = { 0, 1 };
	struct breakout_problem pb = { 3,           ss, 4, dl, 0,     NULL, false, 0,
				       ALLOC_TOTAL, 0,  7, 1,  &pair, 0,    NULL };
	struct breakout_result res;
	int g0, g2;

	ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
	g0 = res.group[0];
	g2 = res.group[2];
	ck_assert_int_ne(res.assign[0 * res.ngroups + g0], res.assign[1 * res.ngroups + g0]);
	ck_assert_int_eq(res.score.keep_apart, 0);
	ck_assert_int_eq(res.score.first_choice, 3);
	ck_assert_int_eq(res.cancelled[2], 1);
	ck_assert_int_eq(res.ncancelled, 1);
	ck_assert_int_eq(res.score.unmet, 2);
	for (int d = 0; d < 4; d++)
		ck_assert_int_eq(res.assign[d * res.ngroups + g2], BREAKOUT_NONE);
	breakout_result_done(&res);
}

END_TEST

/* A pair kept apart in two full sessions at different times: each gives
 * way once, not the same one twice. */
START_TEST(test_keep_apart_turns)
{
	struct breakout_session ss[2] = { { 0, 540, 600, 4, 0, 0 }, { 0, 660, 720, 4, 0, 0 } };
	int ch[2] = { 0, 1 };
	struct breakout_delegate dl[4];
	struct breakout_pair pair = { 0, 1 };
	struct breakout_problem pb = { 2,           ss, 4, dl, 0,     NULL, false, 0,
				       ALLOC_TOTAL, 0,  1, 1,  &pair, 0,    NULL };
	struct breakout_result res;

	for (int d = 0; d < 4; d++)
		dl[d] = (struct breakout_delegate){ 2, ch, 0, 0, 0, (uint64_t)d + 1 };
	for (uint64_t seed = 1; seed <= 10; seed++) {
		pb.seed = seed;
		ck_assert_int_eq(breakout_solve(&pb, &res, NULL), ST_OK);
		ck_assert_int_eq(res.score.keep_apart, 0);
		ck_assert_int_eq(res.score.assigned, 6);
		ck_assert(res.assign[0] != BREAKOUT_NONE || res.assign[1] != BREAKOUT_NONE);
		ck_assert(res.assign[2] != BREAKOUT_NONE || res.assign[3] != BREAKOUT_NONE);
		breakout_result_done(&res);
	}
}

END_TEST

/* ---- profiles --------------------------------------------------------- */

START_TEST(test_profile_words)
{
	struct alloc_profile p, q;
	struct str s;

	alloc_profile_init(&p);
	alloc_profile_init(&q);
	alloc_profile_add(&p, 1, 5);
	alloc_profile_add(&p, 3, 1);
	alloc_profile_add(&p, ALLOC_NONE, 2);
	alloc_profile_add(&q, 11, 1);
	alloc_profile_add(&q, ALLOC_UNCHOSEN, 1);
	alloc_profile_merge(&q, &p);
	str_init(&s);
	alloc_profile_text(&p, &s);
	ck_assert_str_eq(s.buf, "1st 5, 2nd 0, 3rd 1, unchosen 0, none 2");
	str_clear(&s);
	alloc_rank_text(11, &s);
	alloc_rank_text(22, &s);
	alloc_rank_text(ALLOC_UNCHOSEN, &s);
	ck_assert_str_eq(s.buf, "11th22ndunchosen");
	ck_assert_int_eq(alloc_profile_total(&q), 10);
	ck_assert_int_eq(q.rank[0], 5);
	ck_assert_int_eq(alloc_objective_parse("Generous"), ALLOC_GENEROUS);
	ck_assert_int_eq(alloc_objective_parse("fair"), -1);
	str_done(&s);
	alloc_profile_done(&p);
	alloc_profile_done(&q);
}

END_TEST

/* ---- waitlists and withdrawals ---------------------------------------- */

START_TEST(test_withdraw_promotes_first_waiting)
{
	/* Session 0 (2 seats) is full with delegates 0 and 1; 2, 3 and 4 chose
	 * it first and wait (3 has nothing, so goes before 2 and 4, who have
	 * their second); 5 is in session 1 and waits for nothing. */
	struct breakout_session ss[2] = { { 0, 540, 600, 2, 0, 0 }, { 0, 540, 600, 3, 0, 0 } };
	int a[2] = { 0, 1 }, only[1] = { 0 }, b[1] = { 1 };
	struct breakout_delegate dl[6] = { { 2, a, 0, 0, 0, 0 }, { 2, a, 0, 0, 0, 0 },
					   { 2, a, 0, 0, 0, 0 }, { 1, only, 0, 0, 0, 0 },
					   { 2, a, 0, 0, 0, 0 }, { 1, b, 0, 0, 0, 0 } };
	struct breakout_problem pb = { 2,           ss, 6, dl, 0,    NULL, false, 0,
				       ALLOC_TOTAL, 0,  3, 0,  NULL, 0,    NULL };
	int group[2] = { 0, 0 }, assign[6] = { 0, 0, 1, BREAKOUT_NONE, 1, 1 }, list[6], n;
	struct breakout_move *m;

	n = breakout_waitlist(&pb, group, 1, assign, 0, list);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(list[0], 3);
	ck_assert_int_eq(breakout_waitlist(&pb, group, 1, assign, 1, list), 0);
	n = breakout_withdraw(&pb, group, 1, assign, 0, 0, &m);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(m[0].delegate, 0);
	ck_assert_int_eq(m[0].from, 0);
	ck_assert_int_eq(m[0].to, BREAKOUT_NONE);
	ck_assert_int_eq(m[1].delegate, 3);
	ck_assert_int_eq(m[1].to, 0);
	free(m);
	/* Delegate 0's choice of session 0 went with them. Now 1 goes
	 * altogether: 2 or 4 (the lottery's first) moves up from session 1,
	 * which was full, but nobody waits for the seat they leave. */
	dl[0].nchoices = 0;
	n = breakout_withdraw(&pb, group, 1, assign, 1, -1, &m);
	ck_assert_int_eq(n, 2);
	ck_assert(m[1].delegate == 2 || m[1].delegate == 4);
	ck_assert_int_eq(m[1].from, 1);
	ck_assert_int_eq(assign[m[1].delegate], 0);
	ck_assert_int_eq(assign[0], BREAKOUT_NONE);
	ck_assert_int_eq(assign[1], BREAKOUT_NONE);
	ck_assert_int_eq(assign[5], 1);
	free(m);
}

END_TEST

/* A move by hand: the delegate goes where they are put, even over
 * capacity, and the seat they leave in a full session goes on. */
START_TEST(test_move_passes_the_seat_on)
{
	/* Session 0 (1 seat) holds delegate 0; 1 chose it first and has
	 * session 1 (full with 1 and 2 of 2 seats); 3 waits for session 1. */
	struct breakout_session ss[2] = { { 0, 540, 600, 1, 0, 0 }, { 0, 540, 600, 2, 0, 0 } };
	int a[2] = { 0, 1 }, b[1] = { 1 };
	struct breakout_delegate dl[4] = { { 2, a, 0, 0, 0, 0 },
					   { 2, a, 0, 0, 0, 0 },
					   { 1, b, 0, 0, 0, 0 },
					   { 1, b, 0, 0, 0, 0 } };
	struct breakout_problem pb = { 2,           ss, 4, dl, 0,    NULL, false, 0,
				       ALLOC_TOTAL, 0,  3, 0,  NULL, 0,    NULL };
	int group[2] = { 0, 0 }, assign[4] = { 0, 1, 1, BREAKOUT_NONE }, n;
	struct breakout_move *m;

	/* Delegate 2 into session 0, over its one seat: 3 takes their seat in
	 * session 1; 1 waits for session 0 but is not moved into it. */
	n = breakout_move(&pb, group, 1, assign, 2, 0, &m);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(m[0].delegate, 2);
	ck_assert_int_eq(m[0].from, 1);
	ck_assert_int_eq(m[0].to, 0);
	ck_assert_int_eq(m[1].delegate, 3);
	ck_assert_int_eq(m[1].from, BREAKOUT_NONE);
	ck_assert_int_eq(m[1].to, 1);
	ck_assert_int_eq(assign[0], 0);
	ck_assert_int_eq(assign[1], 1);
	ck_assert_int_eq(assign[2], 0);
	ck_assert_int_eq(assign[3], 1);
	free(m);
	/* Delegate 0 from session 0 (over capacity) to session 1 (full now):
	 * session 0 is still full after they leave, so nobody moves. */
	n = breakout_move(&pb, group, 1, assign, 0, 1, &m);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(assign[0], 1);
	free(m);
}

END_TEST

/* Priority groups: an audience tag names the roles it is meant for. */
START_TEST(test_priority_groups_from_roles)
{
	ck_assert(fair_in_group("Headteacher", "headteachers"));
	ck_assert(fair_in_group("Executive Headteacher", "headteachers"));
	ck_assert(fair_in_group("SEND Lead", "send_leads"));
	ck_assert(fair_in_group("CEO", "ceos"));
	ck_assert(!fair_in_group("Deputy Head", "headteachers"));
	ck_assert(!fair_in_group("SEND Lead", "finance_leads"));
	ck_assert(!fair_in_group("Headteacher", "all"));
	ck_assert(!fair_in_group("Headteacher", ""));
}

END_TEST

static Suite *alloc_suite(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_match_vs_brute_force);
	tcase_add_test(tc, test_objectives_vs_brute_force);
	tcase_add_test(tc, test_objectives_differ);
	tcase_add_test(tc, test_lottery_decides_ties);
	tcase_add_test(tc, test_musts_and_priority);
	tcase_add_test(tc, test_keep_apart_and_minimum);
	tcase_add_test(tc, test_keep_apart_turns);
	tcase_add_test(tc, test_profile_words);
	tcase_add_test(tc, test_withdraw_promotes_first_waiting);
	tcase_add_test(tc, test_move_passes_the_seat_on);
	tcase_add_test(tc, test_priority_groups_from_roles);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(alloc_suite());
}
