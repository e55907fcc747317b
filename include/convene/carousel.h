/* Carousel rotations: K stations, R timed rotations, every delegate at a
 * different station in each rotation.
 *
 * Hard constraints: one station per delegate per rotation, no station twice
 * for a delegate, at most `capacity` delegates at a station per rotation, no
 * visit to a station in a rotation it skips, every delegate visits each
 * mandatory (expert-led) station.
 *
 * Cost model (the primary objective, minimised). A delegate's choices are
 * ranked 1 (best) to n. Visiting the choice of rank k costs (k - 1)^2;
 * visiting a station the delegate did not choose costs K^2 (K = number of
 * stations), more than any ranked visit. A delegate with no choices at all
 * is indifferent: every visit costs 0. A visit to a mandatory station
 * costs 0 and is never "unmet". The cost of a plan is the sum over
 * all delegate-visits. Missing the choice of rank k (visiting an unchosen
 * station instead) costs K^2 - (k-1)^2, most for a first choice. The rank
 * cost is convex, so the plan would rather move several delegates one step
 * down their lists than push one far down.
 *
 * Secondary objectives (soft, only among plans of equal cost): the number
 * of delegates at each station is spread evenly over its open rotations
 * (`imbalance`) and colleagues (same `group`) do not share a station in a
 * rotation (`colleague_pairs`).
 *
 * Method. When no station skips a rotation the optimum is found exactly:
 * min-cost flow picks each delegate's set of stations (mandatory ones
 * fixed), then the delegate x seat graph is edge-coloured with R colours
 * (König), which turns the sets into rotations. When stations skip
 * rotations no flow is exact (choosing sets and fitting them into
 * rotations is a timetabling problem with unavailabilities, NP-hard), so
 * it is branch and bound over delegates' patterns (a station for each
 * rotation), bounded by the rotation flow (types of delegates -> stations
 * -> open rotations, within the seats left, with Hall's limits on stations
 * open in few rotations) and by a Lagrangian bound that prices the seats.
 * The root flow decides feasibility exactly (with cost aside, any such
 * flow is a plan, by König), so a feasible instance is never called
 * impossible; the plan is reported optimal when the search proves it
 * (its cost meets the bound, or the tree was searched through) within
 * max_steps relaxations and the time limit.
 *
 * A late change (previous given) is a local search from the plan people
 * hold: objectives compared in order, hard problems, then people whose
 * later stations changed, then cost; conflicts are repaired by the best
 * move (another station, two of one's rotations swapped, two people's
 * stations in a rotation swapped) with a short tabu list, then moves that
 * are no worse and "back to what they held" settle the rest. It is not
 * proven optimal. Under "mandatory", someone who arrives late must visit
 * as many of the mandatory stations they have not seen as rotations remain. */
#ifndef CONVENE_CAROUSEL_H
#define CONVENE_CAROUSEL_H

#include <stdbool.h>
#include <stdint.h>

#include "convene/util.h"

/* Rotations are numbered 0..CAROUSEL_MAX_ROTATIONS-1 (skip is a bit mask). */
#define CAROUSEL_MAX_ROTATIONS 64

struct carousel_station {
	int capacity;   /* delegates per rotation */
	bool mandatory; /* everyone must visit it (expert-led) */
	uint64_t skip;  /* bit r set: the station does not run in rotation r */
};

struct carousel_delegate {
	int nchoices;
	const int *choices; /* station indices 0..K-1, rank 1 first, distinct */
	int group;          /* organisation id for colleague spread; -1 none */
};

struct carousel_problem {
	int nstations;
	int nrotations;
	int ndelegates;
	const struct carousel_station *stations;   /* nstations */
	const struct carousel_delegate *delegates; /* ndelegates */
	/* A late change (arrivals, people gone, a station closed or cut):
	 * previous is the plan people hold (ndelegates * nrotations stations,
	 * -1 none; an arrival's row is all -1). Rotations 0..keep_rotations-1
	 * have happened: they are copied exactly and scored only as history
	 * (no station twice, mandatory stations met). Later rotations are
	 * planned anew, with as few people's later stations changed as the
	 * hard constraints allow. NULL: an ordinary plan. */
	const int *previous;
	int keep_rotations;
};

/* What the solver is doing, for a progress display. */
struct carousel_progress {
	const char *phase; /* "flow", "colouring", "search" */
	long iterations;
	long hard; /* hard violations in the current plan */
	long long cost;
	long long lower_bound;
	double seconds;
};

struct carousel_options {
	uint64_t seed;
	double time_limit; /* seconds; <= 0 means no limit */
	long max_steps;    /* flow relaxations the exact search may solve
			     * (skipped rotations); 0: 20000; a late change:
			     * moves tried, 0: 200000 */
	/* Called now and then; a nonzero return stops the search early. */
	int (*progress)(void *ctx, const struct carousel_progress *p);
	void *progress_ctx;
};

struct carousel_score {
	long long cost;     /* the cost model above */
	long unmet;         /* visits not among the delegate's choices (delegates with choices) */
	long over_capacity; /* visits beyond capacity, summed over stations and rotations */
	long closed_visits; /* visits to a station in a rotation it skips */
	long missed_mandatory; /* (delegate, mandatory station) pairs never visited */
	long repeats;          /* extra visits of a delegate to a station seen before */
	long empty_slots;      /* (delegate, rotation) with no station */
	long imbalance;        /* per station: max - min load over its open rotations,
			       * beyond the 1 that uneven totals force */
	long colleague_pairs;  /* pairs of one group at one station in one rotation */
	long hard;             /* sum of the hard counts above */
	long people_moved;     /* with previous: people who held a plan and whose
			       * stations from keep_rotations on changed */
};

struct carousel_result {
	int ndelegates;
	int nrotations;
	int *plan; /* plan[d * nrotations + r]: station of delegate d in rotation r, -1 none */
	struct carousel_score score;
	long long lower_bound; /* no plan can cost less */
	bool feasible;         /* score.hard == 0 */
	bool optimal;          /* proven: feasible and cost == lower_bound */
	const char *method;    /* "flow+colouring", "flow+local-search", ... (static) */
	double seconds;
	long iterations; /* local search moves tried */
	long nodes;      /* flow relaxations the exact search solved */
};

/* Cost of one visit: rank is 1-based, 0 means "not among the choices". */
long long carousel_rank_cost(const struct carousel_problem *p, int rank);
/* Cost of delegate d visiting station s under the model above. */
long long carousel_visit_cost(const struct carousel_problem *p, int d, int s);
/* Score any plan (ndelegates * nrotations station numbers, -1 for none). */
void carousel_evaluate(const struct carousel_problem *p, const int *plan,
		       struct carousel_score *out);
/* Check the input itself: sizes, station numbers in choices. ST_INPUT on error. */
enum status carousel_validate(const struct carousel_problem *p, struct error *err);
/* Solve. ST_OK with a feasible plan; ST_PROBLEM when the hard constraints
 * cannot be met (err says what and the best possible, numbering stations
 * and rotations from 1; res holds the best plan found, if any); ST_INPUT on
 * bad input. Free res with carousel_result_done() whatever the status. */
enum status carousel_solve(const struct carousel_problem *p, const struct carousel_options *opt,
			   struct carousel_result *res, struct error *err);
/* A late change (p->previous set), called by carousel_solve(). */
enum status carousel_solve_late(const struct carousel_problem *p, const struct carousel_options *opt,
				struct carousel_result *res, struct error *err);
/* Free what carousel_solve() put in res. */
void carousel_result_done(struct carousel_result *res);

/* Two delegates (indices) never to be at one station in one rotation. */
struct carousel_pair {
	int a, b;
};

/* Part every keep-apart pair that plan puts at one station in one
 * rotation: first by swapping two rotations of one of them (the stations
 * they visit, and so the cost, stay the same), else by moving one to a
 * station they have not visited, with room then, the cheapest for them
 * (never away from a mandatory station). Capacity and skipped rotations
 * hold throughout. Returns the pairs still together (none, unless every
 * station is full or met). */
long carousel_keep_apart(const struct carousel_problem *p, const struct carousel_pair *pairs,
			 int npairs, int *plan);

#endif
