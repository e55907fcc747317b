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
 * Ranks. Within a group a delegate's choices are re-ranked 1..k in the
 * delegate's own order (their favourite of those running then is rank 1);
 * profiles count these ranks. A session meant for a priority group the
 * delegate belongs to (headteachers, for the headteachers' breakout)
 * counts `priority` places higher for the objective: with priority 1 a
 * headteacher's second choice there weighs as a first choice, and their
 * first choice as a place above everyone else's first.
 *
 * Objective per group, in order (each one only among the allocations best
 * for those before it):
 *   1. the most musts met (a delegate may mark one choice a must);
 *   2. the most delegates who ranked something there get one of their
 *      choices; then, with fill, the most delegates attending get some
 *      session (a session they did not choose costs fill_cost in total);
 *   3. the objective of alloc.h: total (rank r costs rank_costs[r - 1],
 *      default (r - 1)^2, convex: one delegate pushed far down the list
 *      hurts more than several one-step misses; a place above first is
 *      worth one less than first), greedy or generous, over these ranks;
 *   4. the lottery: among allocations equal so far, the least sum over
 *      delegates of how far what they get falls short of the best rank
 *      (a session not chosen further, nothing furthest) x (delegates
 *      after them in the draw), so a tie goes to whoever was drawn first. The draw puts
 *      first whoever missed their first choice in more groups before this
 *      one (groups are solved in time order), then follows the seeded
 *      random order, so the same delegate does not lose every tie.
 * Hard: a delegate pinned to a session (an organiser put them there by
 * hand) stays there, taking a seat, and keeps their keep-apart partners
 * out of it; capacity; a keep-apart pair is never in one session; a
 * session with fewer delegates than its minimum is cancelled and its
 * delegates allocated again, one session at a time, the fewest against its
 * minimum first, until every session left meets its minimum (what is
 * optimal is then optimal with those sessions cancelled; nobody is pushed
 * into a session to save it; a session with someone pinned to it runs).
 *
 * Method: per group, the lexicographic min-cost assignment of alloc.h on
 * the levels above, exact. Keep-apart pairs are met by branch and bound:
 * when the optimum puts a pair in one session, one branch keeps the first
 * out of it and one the second; a branch whose relaxed optimum is no
 * better than the best allocation found is dropped. */
#ifndef CONVENE_BREAKOUT_H
#define CONVENE_BREAKOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "convene/alloc.h"
#include "convene/util.h"

#define BREAKOUT_NONE (-1)

struct breakout_session {
	int day;   /* 0-based; < 0: not placed, never assigned */
	int start; /* minutes */
	int end;
	int capacity;    /* seats (room or session cap); < 0: no limit */
	int minimum;     /* fewer delegates than this cancel it; 0: no minimum */
	uint64_t serves; /* the priority groups it is meant for (bits) */
};

struct breakout_delegate {
	int nchoices;
	const int *choices; /* session indices, rank 1 first, distinct */
	uint32_t days;      /* bit d: attends day d; 0: every day */
	int must;           /* the rank (1-based, in choices) of their must; 0: none */
	uint64_t groups;    /* the priority groups they belong to (bits) */
	uint64_t id;        /* who they are to the lottery; 0: their index + 1 */
};

/* Two delegates (indices) never to be allocated to one session. */
struct breakout_pair {
	int a, b;
};

struct breakout_problem {
	int nsessions;
	const struct breakout_session *sessions;
	int ndelegates;
	const struct breakout_delegate *delegates;
	int nrank_costs;             /* 0: (r - 1)^2 */
	const long long *rank_costs; /* cost of rank r at [r - 1]; beyond the table: the last */
	bool fill;                   /* put delegates into sessions they did not choose */
	long long fill_cost;         /* <= 0: one more than the cost of the worst rank used */
	enum alloc_objective objective;
	int priority;  /* places a session meant for a delegate's group moves up */
	uint64_t seed; /* the lottery's */
	int nkeep_apart;
	const struct breakout_pair *keep_apart;
	int npinned; /* pinned[i].a stays in session pinned[i].b (one per group) */
	const struct breakout_pair *pinned;
};

struct breakout_score {
	long long cost;     /* rank costs plus fill costs */
	long assigned;      /* delegate-groups with a session */
	long wanted;        /* delegate-groups where the delegate ranked a session and attends */
	long first_choice;  /* ... and got their favourite of that group */
	long unmet;         /* ... and got none of their choices there */
	long filled;        /* delegate-groups given a session they did not choose */
	long over_capacity; /* seats beyond capacity, summed over sessions */
	long bad;           /* assignments to a session not in that group or on a day away */
	long keep_apart;    /* keep-apart pairs in one session */
	long musts;         /* musts of delegates attending their day */
	long musts_met;
};

struct breakout_result {
	int ndelegates;
	int ngroups;
	int *group;     /* per session: its parallel group, or BREAKOUT_NONE */
	int *assign;    /* assign[d * ngroups + g]: session, or BREAKOUT_NONE */
	int *cancelled; /* per session: delegates it had when cancelled, or -1 */
	int ncancelled;
	struct breakout_score score;
	bool optimal; /* exact for the model above */
	long nodes;   /* allocations solved, keep-apart branches included */
	double seconds;
};

/* Cost of within-group rank r (1-based). */
long long breakout_rank_cost(const struct breakout_problem *pb, int rank);
/* Check the input: indices, duplicate choices, times. ST_INPUT on error. */
enum status breakout_validate(const struct breakout_problem *pb, struct error *err);
/* Group the sessions into parallel groups: group[s] (BREAKOUT_NONE when
 * not placed); returns the number of groups. */
int breakout_groups(const struct breakout_problem *pb, int *group);
/* The rank of session s among delegate d's choices in its group
 * (1-based); 0 when d did not choose it. */
int breakout_rank(const struct breakout_problem *pb, const int *group, int d, int s);
/* The session delegate d is pinned to in group g, or BREAKOUT_NONE. */
int breakout_pinned(const struct breakout_problem *pb, const int *group, int d, int g);
/* Score an assignment (ndelegates x ngroups, as in breakout_result). */
void breakout_evaluate(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, struct breakout_score *out);
/* What delegate d got in group g, s being their session there or
 * BREAKOUT_NONE, as profiles count it: their rank of s, ALLOC_UNCHOSEN,
 * ALLOC_NONE when they chose there and attend, else BREAKOUT_UNCOUNTED. */
#define BREAKOUT_UNCOUNTED (-2)
int breakout_outcome(const struct breakout_problem *pb, const int *group, int g, int d, int s);
/* Add the rank profile of an assignment to out: of delegate d, or of
 * everyone when d < 0. A delegate-group counts when the delegate ranked a
 * session there and attends that day, or was given one. */
void breakout_profile(const struct breakout_problem *pb, const int *group, int ngroups,
		      const int *assign, int d, struct alloc_profile *out);
/* The delegates whose own profile is not all first choices, worst off
 * first: the most slots with nothing, then with a session they did not
 * choose, then the most at their lowest ranks, then the lottery's order;
 * returns how many. order
 * holds ndelegates. */
int breakout_worst_off(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, int *order);
/* Allocate. ST_OK; ST_INPUT on bad input. Free res with
 * breakout_result_done() whatever the status. */
enum status breakout_solve(const struct breakout_problem *pb, struct breakout_result *res,
			   struct error *err);
/* Free what breakout_solve() put in res. */
void breakout_result_done(struct breakout_result *res);

/* The waitlist of session s under an assignment: the delegates attending
 * that day who chose s and have nothing there, a session they did not
 * choose or one they ranked lower, are not pinned at that time and are
 * not kept apart from anyone in s; those whose must it is first, then by
 * how they ranked s (priority moving it up), then whoever has less, then
 * the lottery. Returns how many; out holds ndelegates. */
int breakout_waitlist(const struct breakout_problem *pb, const int *group, int ngroups,
		      const int *assign, int s, int *out);

/* A change of one delegate's session in one group. */
struct breakout_move {
	int delegate;
	int from; /* session, or BREAKOUT_NONE */
	int to;
};

/* Take delegate d out of session s (every session when s < 0) and give
 * each seat freed in a full session to the first on its waitlist; the
 * seat that one leaves goes on the same way. Nobody else moves. assign is
 * updated; the moves (d's first) are returned in *moves (to free), their
 * number as the value. */
int breakout_withdraw(const struct breakout_problem *pb, const int *group, int ngroups, int *assign,
		      int d, int s, struct breakout_move **moves);
/* Put delegate d into session to (placed), in place of what they had at
 * that time, whatever its seats (a move by hand: the caller judges it),
 * and pass the seat they leave, if that session was full, to the first
 * on its waitlist as breakout_withdraw does (never back to d). assign is
 * updated; the moves (d's first) are returned in *moves (to free). */
int breakout_move(const struct breakout_problem *pb, const int *group, int ngroups, int *assign,
		  int d, int to, struct breakout_move **moves);

#endif
