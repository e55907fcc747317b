/* World Cafe seating: people sit at tables over several rounds so that no
 * two of them share a table twice (the Social Golfer Problem), with hosts
 * who stay at their table, keep-apart pairs, keep-together pairs (a
 * delegate and their interpreter), must-meet pairs, step-free tables,
 * people who come late or leave early, and a mix of organisations, types
 * and roles.
 *
 * A pure solver: plain structs in, a seating plan and a score breakdown
 * out, a seed and a time limit, an optional progress callback and an
 * optional catalogue of designs (see design.h). No I/O.
 *
 * Repeats and their bounds. A pair that shares a table m > 1 times makes
 * m - 1 repeats; keep-together pairs are meant to share every round and
 * are not counted. cafe_repeats_lower_bound holds for every plan; with
 * evenly filled tables, rounds 1 .. R and nobody absent it is the largest
 * of three counts:
 *  - meetings: a round at tables of t_1, t_2 ... makes sum C(t_i, 2)
 *    meetings, and at most P pairs can ever meet (all pairs less
 *    keep-apart pairs and pairs of hosts there every round, who never
 *    share a table), so repeats >= meetings - P;
 *  - people: person p meets at least sum over rounds of (smallest table
 *    - 1) people, counted with repeats, among at most N_p others (less
 *    keep-apart partners and, for a host there every round, the other
 *    such hosts); half the excess over all people is a bound;
 *  - pigeons: when everyone is there every round, a table of t people in
 *    round r takes them from the T' tables of an earlier round r', so at
 *    least m(t, T') of its pairs sat together in r' (m spreads t as
 *    evenly as possible over T' tables and counts the pairs within), and
 *    each such pair is a repeat in round r: repeats >= sum over r >= 2 of
 *    the largest, over r' < r, of sum over r's tables of m(t, T').
 * cafe_repeats_fewest bounds the plans in which nobody meets anyone
 * three times, which is what the search aims at once repeats cannot be
 * avoided: there a pair at a round-r table sat together in at most one
 * earlier round, so the pigeon counts of the earlier rounds add up
 * instead of taking the largest (6 tables of 8 for 3 rounds: 12 + 24 =
 * 36 against 24). */
#ifndef CONVENE_CAFE_H
#define CONVENE_CAFE_H

#include <stdbool.h>
#include <stdint.h>

#include "convene/design.h"
#include "convene/util.h"

#define CAFE_NONE (-1)
#define CAFE_MAX_ROUNDS 64

struct cafe_person {
	int org;         /* organisation id, or CAFE_NONE */
	int org_type;    /* organisation type id, or CAFE_NONE */
	int role;        /* role id, or CAFE_NONE */
	bool step_free;  /* needs a step-free table */
	uint64_t absent; /* bit r set: not there in round r */
};

struct cafe_table {
	int seats;
	bool step_free;
	int host; /* person seated here every round, or CAFE_NONE */
};

struct cafe_pair {
	int a, b;
};

struct cafe_problem {
	int npeople;
	const struct cafe_person *people; /* NULL: anonymous, always there */
	int ntables;
	const struct cafe_table *tables;
	int rounds; /* 1 .. CAFE_MAX_ROUNDS */
	int nkeep_apart;
	const struct cafe_pair *keep_apart; /* never at one table */
	int nkeep_together;
	const struct cafe_pair *keep_together; /* at one table every round both are there */
	int nmust_meet;
	const struct cafe_pair *must_meet; /* at one table in at least one round */
	/* Late changes: rounds 0 .. keep_rounds-1 are copied exactly from
	 * previous (keep_rounds * npeople tables, CAFE_NONE = not seated). */
	int keep_rounds;
	const int *previous;
	/* The plan people hold (rounds * npeople, CAFE_NONE = none): from
	 * keep_rounds on, a seat at another table than here costs a little, so
	 * that a late change moves as few people as zero repeats allow. */
	const int *hint;
};

struct cafe_progress {
	long iterations;
	long conflicts; /* seats with a repeat, organisation or keep-apart clash */
	long long cost; /* current weighted cost */
	long long best_cost;
	double seconds;
};

struct cafe_options {
	uint64_t seed;
	double time_limit;   /* seconds; <= 0 means 10 */
	long max_iterations; /* search steps; 0 means no limit */
	/* Called now and then; a non-zero return stops the search early. */
	int (*progress)(const struct cafe_progress *p, void *arg);
	void *progress_arg;
	/* Designs besides the built-in constructions (NULL: none). */
	const struct design_catalogue *designs;
};

/* The quality of a plan. pair_penalty is the sum over pairs of C(m, 2)
 * where m is how often the pair met, so one pair meeting three times (3)
 * is worse than two pairs meeting twice (2). */
struct cafe_score {
	long repeats; /* sum over pairs of (m - 1) where m > 1 */
	int max_meetings;
	long pair_penalty;
	long same_org;       /* pairs of one organisation at one table, per round */
	long mix_penalty;    /* pairs of one organisation type, plus pairs of one role */
	long seat_imbalance; /* per round: spread beyond one between non-full tables */
	long over_capacity;  /* people beyond a table's seats */
	long host_moved;     /* host-rounds not at the host's table */
	long keep_apart;     /* keep-apart pairs at one table, per round */
	long keep_together;  /* keep-together pairs at two tables, per round both are there */
	long must_meet;      /* must-meet pairs who never share a table */
	long step_free;      /* people needing step-free access at other tables */
	long unseated;       /* people there in a round but given no table */
	long moved;          /* person-rounds, from keep_rounds on, away from the hint */
	long people_moved;   /* people with at least one of those */
};

struct cafe_plan {
	int npeople, ntables, rounds;
	int *seat; /* seat[r * npeople + p]: table, or CAFE_NONE */
	struct cafe_score score;
	char *method;             /* the constructions and searches used */
	long repeats_lower_bound; /* no plan has fewer repeats */
	long repeats_fewest;      /* no plan where nobody meets anyone three times has fewer */
	int mixed_rounds;         /* rounds up to which zero repeats is not ruled out */
	long iterations;
	double seconds;
};

/* Fill opt with the defaults: seed 1, 10 seconds, no callback. */
void cafe_options_init(struct cafe_options *opt);

/* Seat everybody. ST_OK: plan filled and every hard constraint holds
 * (repeats may still be above zero when they cannot be avoided in time);
 * ST_PROBLEM: plan filled but some hard constraint is broken, or the
 * input cannot be seated at all (plan->seat NULL), with err saying what;
 * ST_INPUT: the problem is malformed. */
enum status cafe_solve(const struct cafe_problem *pb, const struct cafe_options *opt,
		       struct cafe_plan *plan, struct error *err);

/* Free what cafe_solve put in plan. */
void cafe_plan_done(struct cafe_plan *plan);

/* Score any seating (rounds * npeople tables) against the problem. */
enum status cafe_score_plan(const struct cafe_problem *pb, const int *seat,
			    struct cafe_score *score, struct error *err);

/* Total hard violations in a score. */
long cafe_score_hard(const struct cafe_score *s);

/* A lower bound on repeats for any plan with evenly filled tables;
 * above zero proves that zero repeats are impossible (see the top). */
long cafe_repeats_lower_bound(const struct cafe_problem *pb);

/* The fewest repeats possible with evenly filled tables when nobody may
 * meet anyone three times (see the top); at least the lower bound. */
long cafe_repeats_fewest(const struct cafe_problem *pb);

/* How the plan's repeats compare with what is possible, in an organiser's
 * words ("6 tables of 8 cannot mix everyone after round 1; 36 repeats is
 * the fewest possible, and this plan has 36."); NULL when the plan has no
 * repeat. */
char *cafe_plan_words(const struct cafe_problem *pb, const struct cafe_plan *plan);

#endif
