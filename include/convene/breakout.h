/* Breakout allocation: delegates rank breakout sessions (rank 1 best);
 * each delegate gets at most one session of each set of sessions that run
 * at the same time, from their choices, within capacity.
 *
 * Parallel groups. Sessions are grouped into the connected components of
 * the overlap graph of each day (A overlaps B and B overlaps C puts A, B
 * and C in one group even when A and C do not overlap), and a delegate
 * gets at most one session per group. This is slightly conservative: a
 * delegate could in principle attend A and C. It is exact whenever the
 * programme runs in common slots, which is how breakouts are planned.
 *
 * Cost model. Within a group a delegate's choices are re-ranked 1..k in
 * the delegate's own order (their favourite of those running then is rank
 * 1). Getting rank r costs rank_costs[r - 1] (default (r - 1)^2, convex:
 * one delegate pushed far down the list hurts more than several one-step
 * misses). With fill, a delegate attending the day may be put into a
 * session of the group they did not choose at fill_cost.
 * Objective per group, in order: the most delegates who ranked something
 * there get one of their choices; then (with fill) the most delegates get
 * some session; then the least cost.
 *
 * Method: per group, min-cost flow source -> delegate (1) -> session (1,
 * cost) -> sink (capacity) by successive shortest paths (Dijkstra with
 * potentials), stopping when no path lowers the cost. The priorities are
 * folded into the edge costs by large bonuses. Exact for the model. */
#ifndef CONVENE_BREAKOUT_H
#define CONVENE_BREAKOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "convene/util.h"

#define BREAKOUT_NONE (-1)

struct breakout_session {
	int day;      /* 0-based; < 0: not placed, never assigned */
	int start;    /* minutes */
	int end;
	int capacity; /* seats (room or session cap); < 0: no limit */
};

struct breakout_delegate {
	int nchoices;
	const int *choices; /* session indices, rank 1 first, distinct */
	uint32_t days;      /* bit d: attends day d; 0: every day */
};

struct breakout_problem {
	int nsessions;
	const struct breakout_session *sessions;
	int ndelegates;
	const struct breakout_delegate *delegates;
	int nrank_costs;              /* 0: (r - 1)^2 */
	const long long *rank_costs;  /* cost of rank r at [r - 1]; beyond the table: the last */
	bool fill;                    /* put delegates into sessions they did not choose */
	long long fill_cost;          /* <= 0: one more than the cost of the worst rank used */
};

struct breakout_score {
	long long cost;      /* rank costs plus fill costs */
	long assigned;       /* delegate-groups with a session */
	long wanted;         /* delegate-groups where the delegate ranked a session and attends */
	long first_choice;   /* ... and got their favourite of that group */
	long unmet;          /* ... and got none of their choices there */
	long filled;         /* delegate-groups given a session they did not choose */
	long over_capacity;  /* seats beyond capacity, summed over sessions */
	long bad;            /* assignments to a session not in that group or on a day away */
};

struct breakout_result {
	int ndelegates;
	int ngroups;
	int *group;          /* per session: its parallel group, or BREAKOUT_NONE */
	int *assign;         /* assign[d * ngroups + g]: session, or BREAKOUT_NONE */
	struct breakout_score score;
	bool optimal;        /* the flow is exact for the model above */
	double seconds;
};

/* Cost of within-group rank r (1-based). */
long long breakout_rank_cost(const struct breakout_problem *pb, int rank);
/* Check the input: indices, duplicate choices, times. ST_INPUT on error. */
enum status breakout_validate(const struct breakout_problem *pb, struct error *err);
/* Group the sessions into parallel groups: group[s] (BREAKOUT_NONE when
 * not placed); returns the number of groups. */
int breakout_groups(const struct breakout_problem *pb, int *group);
/* Score an assignment (ndelegates x ngroups, as in breakout_result). */
void breakout_evaluate(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, struct breakout_score *out);
/* Allocate. ST_OK; ST_INPUT on bad input. Free res with
 * breakout_result_done() whatever the status. */
enum status breakout_solve(const struct breakout_problem *pb, struct breakout_result *res,
			   struct error *err);
/* Free what breakout_solve() put in res. */
void breakout_result_done(struct breakout_result *res);

#endif
