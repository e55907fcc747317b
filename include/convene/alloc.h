/* Fair allocation from ranked choices: the tools the breakout and carousel
 * allocations share, so that organisers can defend who got what.
 *
 * Rank profile. For an allocation, how many delegate-slots (a delegate in
 * one set of sessions that run at once, or one carousel rotation) got
 * their 1st, 2nd, 3rd... choice, a session they did not choose, or
 * nothing. The same counts for one delegate are their own profile; the
 * worst-off delegates are those with the most slots given nothing, then a
 * session they did not choose, then the most at their lowest ranks.
 *
 * Objectives, which say when one allocation is fairer than another. All
 * three first give as many delegate-slots as possible one of their
 * choices, then (when delegates may be put where they did not choose) as
 * many as possible any session; then:
 *   total     the least sum of rank costs (rank r costs (r - 1)^2 unless
 *             the caller gives other costs): convene's behaviour before
 *             there was a choice;
 *   greedy    the most first choices, then the most second choices, ...;
 *   generous  the fewest last choices, then the fewest next-to-last, ...
 *             (the profile-based optimal matchings of Kwanashie, Irving,
 *             Manlove and Sng: "greedy maximum" and "generous maximum").
 *
 * Method. alloc_match_solve finds an assignment of least lexicographic
 * cost: every arc has a vector of costs, the first level most important,
 * and vectors are added and compared level by level, which no big weight
 * can overflow. It is successive shortest paths (Dijkstra with potentials)
 * on the network source -> person -> place -> sink, with the people
 * contracted away: a path from place j to place k goes through the person
 * at j for whom moving to k costs least, kept in one heap per pair of
 * places. A shortest path then costs O(places^2) whatever the number of
 * people, so ten thousand delegates in sets of twenty sessions take a
 * fraction of a second. Exact: the optimum of the cost vectors. Taking
 * an arc away afterwards (a keep-apart branch, a cancelled session) needs
 * only the cheapest way to undo it, not a new search.
 *
 * Lottery. Ties are broken by a seeded random order of the delegates:
 * each has a key from the seed and their identity (the delegate's id in
 * the file), so the same seed gives the same order and allocation, and
 * anyone can check it. */
#ifndef CONVENE_ALLOC_H
#define CONVENE_ALLOC_H

#include <stdint.h>

#include "convene/util.h"

enum alloc_objective { ALLOC_TOTAL, ALLOC_GREEDY, ALLOC_GENEROUS, ALLOC_NOBJECTIVES };

/* The objective's name ("total", "greedy", "generous"). */
const char *alloc_objective_name(enum alloc_objective o);
/* An objective from its name; -1 when there is none of that name. */
int alloc_objective_parse(const char *name);

/* Outcomes of a delegate-slot besides a rank. */
#define ALLOC_UNCHOSEN 0 /* a session they did not choose */
#define ALLOC_NONE (-1)  /* nothing, though they chose something */

struct alloc_profile {
	int nranks;    /* rank[0 .. nranks - 1] */
	long *rank;    /* rank[r - 1]: delegate-slots given their r-th choice */
	long unchosen; /* given a session they did not choose */
	long none;     /* given nothing */
};

void alloc_profile_init(struct alloc_profile *p);
void alloc_profile_done(struct alloc_profile *p);
/* Count n delegate-slots with outcome rank (>= 1, ALLOC_UNCHOSEN or ALLOC_NONE). */
void alloc_profile_add(struct alloc_profile *p, int rank, long n);
/* Add every count of b to a. */
void alloc_profile_merge(struct alloc_profile *a, const struct alloc_profile *b);
/* Delegate-slots counted in p. */
long alloc_profile_total(const struct alloc_profile *p);
/* Whether allocation a is fairer than b by objective o (< 0), as fair
 * (0), or less fair (> 0), by the definitions above; total uses the
 * default rank costs. */
int alloc_profile_cmp(const struct alloc_profile *a, const struct alloc_profile *b,
		      enum alloc_objective o);
/* Whether one delegate's own profile a is worse off than b's (< 0), as
 * badly (0) or better (> 0): the more slots with nothing, then with a
 * session they did not choose, then the more at their lowest ranks. */
int alloc_profile_worse(const struct alloc_profile *a, const struct alloc_profile *b);
/* "1st 120, 2nd 14, 3rd 2, unchosen 0, none 1" (appended). */
void alloc_profile_text(const struct alloc_profile *p, struct str *out);
/* "1st", "2nd", "3rd", "4th", ..., "unchosen", "none" (appended). */
void alloc_rank_text(int rank, struct str *out);

/* A delegate's key in the lottery of this seed: order by it, lowest first. */
uint64_t alloc_lottery_key(uint64_t seed, uint64_t id);

/* People to places: each person has arcs to the places they may be given,
 * at most one arc per place, each with nlevels costs (the first level the
 * most important; negative costs reward). */
struct alloc_match {
	int npeople;
	int nplaces;
	int nlevels;           /* >= 1 */
	const int *capacity;   /* per place; < 0: no limit */
	const int *first;      /* person p's arcs: first[p] .. first[p + 1] - 1 */
	const int *place;      /* per arc */
	const long long *cost; /* per arc, nlevels values */
};

/* Give each person at most one of their arcs, within the places'
 * capacities, so that the sum of the costs of the arcs given is least,
 * compared level by level (a person given nothing adds nothing). assign
 * gets, per person, the arc given or -1. */
void alloc_match_solve(const struct alloc_match *m, int *assign);
/* assign is the best assignment of m without the arcs off, and person p
 * holds an arc that has just been put off (or into a place whose capacity
 * is now 0): make it the best again. It moves p, and whoever else the
 * cheapest change moves, along the one path that takes p's place back:
 * the best assignment without an arc differs from the one with it by one
 * cycle through it (Bellman-Ford on the places; no new search). */
void alloc_match_forbid(const struct alloc_match *m, const char *off, int *assign, int p);

#endif
