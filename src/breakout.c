/* Breakout allocation, one parallel group at a time.
 *
 * Groups are the components of each day's interval overlap graph, found
 * by sorting sessions by day and start and sweeping with the latest end.
 * A group's network has an arc from each delegate to each session they
 * ranked there (and, with fill, to the others), with one cost per level
 * of the objective in breakout.h; alloc_match_solve finds the least. The
 * keep-apart branch and bound and the cancellations for a minimum solve
 * the group again with arcs or sessions taken out. */
#include <stdlib.h>
#include <string.h>

#include "convene/breakout.h"

/* Changes of allocation a group may try while keeping pairs apart. */
#define MAX_NODES 256

long long breakout_rank_cost(const struct breakout_problem *pb, int rank)
{
	if (rank < 1)
		rank = 1;
	if (pb->nrank_costs > 0 && pb->rank_costs)
		return pb->rank_costs[rank <= pb->nrank_costs ? rank - 1 : pb->nrank_costs - 1];
	return (long long)(rank - 1) * (rank - 1);
}

static long long fill_cost(const struct breakout_problem *pb)
{
	int most = 1;

	if (pb->fill_cost > 0)
		return pb->fill_cost;
	for (int d = 0; d < pb->ndelegates; d++)
		if (pb->delegates[d].nchoices > most)
			most = pb->delegates[d].nchoices;
	return breakout_rank_cost(pb, most) + 1;
}

static enum status validate_delegate(const struct breakout_problem *pb, int d, struct error *err)
{
	const struct breakout_delegate *dl = &pb->delegates[d];

	if (dl->nchoices < 0 || (dl->nchoices > 0 && !dl->choices))
		return error_set(err, ST_INPUT, "delegate %d: bad choices", d + 1);
	if (dl->must < 0 || dl->must > dl->nchoices)
		return error_set(err, ST_INPUT, "delegate %d: the must is none of their choices",
				 d + 1);
	for (int i = 0; i < dl->nchoices; i++) {
		if (dl->choices[i] < 0 || dl->choices[i] >= pb->nsessions)
			return error_set(err, ST_INPUT, "delegate %d: choice %d is no session",
					 d + 1, i + 1);
		for (int j = 0; j < i; j++)
			if (dl->choices[j] == dl->choices[i])
				return error_set(err, ST_INPUT, "delegate %d ranks session %d twice",
						 d + 1, dl->choices[i] + 1);
	}
	return ST_OK;
}

enum status breakout_validate(const struct breakout_problem *pb, struct error *err)
{
	if (pb->nsessions < 0 || pb->ndelegates < 0 || pb->nrank_costs < 0 || pb->nkeep_apart < 0 ||
	    pb->npinned < 0)
		return error_set(err, ST_INPUT, "negative count in the breakout problem");
	if ((unsigned)pb->objective >= ALLOC_NOBJECTIVES || pb->priority < 0 || pb->priority > 99)
		return error_set(err, ST_INPUT, "no such objective, or priority out of range");
	for (int s = 0; s < pb->nsessions; s++)
		if (pb->sessions[s].day >= 32 || pb->sessions[s].minimum < 0 ||
		    (pb->sessions[s].day >= 0 && pb->sessions[s].end <= pb->sessions[s].start))
			return error_set(err, ST_INPUT,
					 "breakout session %d: bad day, times or "
					 "minimum",
					 s + 1);
	for (int i = 0; i < pb->nrank_costs; i++)
		if (pb->rank_costs[i] < 0 || pb->rank_costs[i] > (1LL << 30))
			return error_set(err, ST_INPUT, "rank cost %d out of range", i + 1);
	for (int d = 0; d < pb->ndelegates; d++)
		if (validate_delegate(pb, d, err))
			return ST_INPUT;
	for (int i = 0; i < pb->nkeep_apart; i++) {
		const struct breakout_pair *p = &pb->keep_apart[i];

		if (p->a < 0 || p->b < 0 || p->a >= pb->ndelegates || p->b >= pb->ndelegates ||
		    p->a == p->b)
			return error_set(err, ST_INPUT, "keep-apart pair %d: bad delegates", i + 1);
	}
	for (int i = 0; i < pb->npinned; i++) {
		const struct breakout_pair *p = &pb->pinned[i];

		if (p->a < 0 || p->a >= pb->ndelegates || p->b < 0 || p->b >= pb->nsessions ||
		    pb->sessions[p->b].day < 0)
			return error_set(err, ST_INPUT, "pinned place %d: bad delegate or session",
					 i + 1);
	}
	if (pb->fill_cost > (1LL << 30))
		return error_set(err, ST_INPUT, "fill cost out of range");
	return ST_OK;
}

int breakout_pinned(const struct breakout_problem *pb, const int *group, int d, int g)
{
	for (int i = 0; i < pb->npinned; i++)
		if (pb->pinned[i].a == d && group[pb->pinned[i].b] == g)
			return pb->pinned[i].b;
	return BREAKOUT_NONE;
}

static int by_time(const void *pa, const void *pb, void *arg)
{
	const struct breakout_session *ss = arg;
	const struct breakout_session *a = &ss[*(const int *)pa], *b = &ss[*(const int *)pb];

	if (a->day != b->day)
		return a->day - b->day;
	if (a->start != b->start)
		return a->start - b->start;
	return *(const int *)pa - *(const int *)pb;
}

int breakout_groups(const struct breakout_problem *pb, int *group)
{
	int *idx = xcalloc((size_t)pb->nsessions + 1, sizeof(int)), n = 0, ng = 0;
	int day = -1, end = 0;

	for (int s = 0; s < pb->nsessions; s++) {
		group[s] = BREAKOUT_NONE;
		if (pb->sessions[s].day >= 0)
			idx[n++] = s;
	}
	qsort_r(idx, (size_t)n, sizeof(int), by_time, (void *)pb->sessions);
	for (int i = 0; i < n; i++) {
		const struct breakout_session *x = &pb->sessions[idx[i]];

		if (x->day != day || x->start >= end) {
			ng++;
			day = x->day;
			end = x->end;
		}
		if (x->end > end)
			end = x->end;
		group[idx[i]] = ng - 1;
	}
	free(idx);
	return ng;
}

static bool attends(const struct breakout_delegate *dl, int day)
{
	return dl->days == 0 || (day >= 0 && day < 32 && (dl->days & (1u << day)));
}

int breakout_rank(const struct breakout_problem *pb, const int *group, int d, int s)
{
	const struct breakout_delegate *dl = &pb->delegates[d];
	int r = 0;

	for (int i = 0; i < dl->nchoices; i++) {
		if (group[dl->choices[i]] != group[s])
			continue;
		r++;
		if (dl->choices[i] == s)
			return r;
	}
	return 0;
}

/* The rank of s for the objective: its rank, moved up by the priority
 * when s is meant for one of d's groups. */
static int effective_rank(const struct breakout_problem *pb, const int *group, int d, int s)
{
	int r = breakout_rank(pb, group, d, s);

	if (r > 0 && (pb->sessions[s].serves & pb->delegates[d].groups))
		r -= pb->priority;
	return r;
}

static bool is_must(const struct breakout_problem *pb, int d, int s)
{
	const struct breakout_delegate *dl = &pb->delegates[d];

	return dl->must > 0 && dl->choices[dl->must - 1] == s;
}

static bool ranks_in(const struct breakout_problem *pb, const int *group, int d, int g)
{
	const struct breakout_delegate *dl = &pb->delegates[d];

	for (int i = 0; i < dl->nchoices; i++)
		if (group[dl->choices[i]] == g)
			return true;
	return false;
}

static void group_days(const struct breakout_problem *pb, const int *group, int ngroups, int *gday)
{
	for (int g = 0; g < ngroups; g++)
		gday[g] = -1;
	for (int s = 0; s < pb->nsessions; s++)
		if (group[s] >= 0)
			gday[group[s]] = pb->sessions[s].day;
}

static void score_one(const struct breakout_problem *pb, const int *group, int d, int g, int s,
		      int gday, long *load, struct breakout_score *out)
{
	const struct breakout_delegate *dl = &pb->delegates[d];
	bool wanted = attends(dl, gday) && ranks_in(pb, group, d, g);
	int r = 0;

	out->wanted += wanted;
	if (dl->must > 0 && group[dl->choices[dl->must - 1]] == g && attends(dl, gday)) {
		out->musts++;
		out->musts_met += s == dl->choices[dl->must - 1];
	}
	if (s != BREAKOUT_NONE) {
		if (s < 0 || s >= pb->nsessions || group[s] != g || !attends(dl, gday)) {
			out->bad++;
			return;
		}
		load[s]++;
		out->assigned++;
		r = breakout_rank(pb, group, d, s);
		if (r > 0) {
			out->cost += breakout_rank_cost(pb, r);
			out->first_choice += r == 1;
		} else {
			out->cost += fill_cost(pb);
			out->filled++;
		}
	}
	if (wanted && r == 0)
		out->unmet++;
}

/* Keep-apart pairs in one session under assign. */
static long pairs_together(const struct breakout_problem *pb, int ngroups, const int *assign)
{
	long n = 0;

	for (int i = 0; i < pb->nkeep_apart; i++)
		for (int g = 0; g < ngroups; g++) {
			int a = assign[(size_t)pb->keep_apart[i].a * ngroups + g];

			n += a != BREAKOUT_NONE &&
			     a == assign[(size_t)pb->keep_apart[i].b * ngroups + g];
		}
	return n;
}

void breakout_evaluate(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, struct breakout_score *out)
{
	long *load = xcalloc((size_t)pb->nsessions + 1, sizeof(long));
	int *gday = xcalloc((size_t)ngroups + 1, sizeof(int));

	memset(out, 0, sizeof(*out));
	group_days(pb, group, ngroups, gday);
	for (int d = 0; d < pb->ndelegates; d++)
		for (int g = 0; g < ngroups; g++)
			score_one(pb, group, d, g, assign[(size_t)d * ngroups + g], gday[g], load,
				  out);
	for (int s = 0; s < pb->nsessions; s++)
		if (pb->sessions[s].capacity >= 0 && load[s] > pb->sessions[s].capacity)
			out->over_capacity += load[s] - pb->sessions[s].capacity;
	out->keep_apart = pairs_together(pb, ngroups, assign);
	free(load);
	free(gday);
}

/* ---- profiles and the lottery ---------------------------------------- */

static int outcome(const struct breakout_problem *pb, const int *group, int g, int gday, int d,
		   int s)
{
	if (s != BREAKOUT_NONE)
		return breakout_rank(pb, group, d, s);
	if (attends(&pb->delegates[d], gday) && ranks_in(pb, group, d, g))
		return ALLOC_NONE;
	return BREAKOUT_UNCOUNTED;
}

int breakout_outcome(const struct breakout_problem *pb, const int *group, int g, int d, int s)
{
	int gday = -1;

	for (int k = 0; k < pb->nsessions && gday < 0; k++)
		if (group[k] == g)
			gday = pb->sessions[k].day;
	return outcome(pb, group, g, gday, d, s);
}

static void profile_of(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, const int *gday, int d, struct alloc_profile *out)
{
	for (int g = 0; g < ngroups; g++) {
		int r = outcome(pb, group, g, gday[g], d, assign[(size_t)d * ngroups + g]);

		if (r != BREAKOUT_UNCOUNTED)
			alloc_profile_add(out, r, 1);
	}
}

void breakout_profile(const struct breakout_problem *pb, const int *group, int ngroups,
		      const int *assign, int d, struct alloc_profile *out)
{
	int *gday = xcalloc((size_t)ngroups + 1, sizeof(int));

	group_days(pb, group, ngroups, gday);
	for (int i = d < 0 ? 0 : d; i < (d < 0 ? pb->ndelegates : d + 1); i++)
		profile_of(pb, group, ngroups, assign, gday, i, out);
	free(gday);
}

static int by_key(const void *pa, const void *pb, void *arg)
{
	const uint64_t *key = arg;
	int a = *(const int *)pa, b = *(const int *)pb;

	if (key[a] != key[b])
		return key[a] < key[b] ? -1 : 1;
	return a - b;
}

/* Each delegate's place in the lottery's order (0: drawn first). */
static int *lottery(const struct breakout_problem *pb)
{
	uint64_t *key = xcalloc((size_t)pb->ndelegates + 1, sizeof(uint64_t));
	int *order = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	int *pos = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));

	for (int d = 0; d < pb->ndelegates; d++) {
		uint64_t id = pb->delegates[d].id ? pb->delegates[d].id : (uint64_t)d + 1;

		key[d] = alloc_lottery_key(pb->seed, id);
		order[d] = d;
	}
	qsort_r(order, (size_t)pb->ndelegates, sizeof(int), by_key, key);
	for (int i = 0; i < pb->ndelegates; i++)
		pos[order[i]] = i;
	free(key);
	free(order);
	return pos;
}

struct worst_sort {
	const struct alloc_profile *own;
	const int *pos;
};

static int worse_first(const void *pa, const void *pb, void *arg)
{
	const struct worst_sort *w = arg;
	int a = *(const int *)pa, b = *(const int *)pb;
	int c = alloc_profile_worse(&w->own[a], &w->own[b]);

	if (c)
		return c;
	return w->pos[a] - w->pos[b];
}

int breakout_worst_off(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, int *order)
{
	struct alloc_profile *own = xcalloc((size_t)pb->ndelegates + 1, sizeof(*own));
	struct worst_sort w = { own, lottery(pb) };
	int n = 0;

	for (int d = 0; d < pb->ndelegates; d++) {
		struct alloc_profile *p = &own[d];

		breakout_profile(pb, group, ngroups, assign, d, p);
		if (pb->delegates[d].nchoices > 0 &&
		    alloc_profile_total(p) > (p->nranks ? p->rank[0] : 0))
			order[n++] = d;
	}
	qsort_r(order, (size_t)n, sizeof(int), worse_first, &w);
	for (int d = 0; d < pb->ndelegates; d++)
		alloc_profile_done(&own[d]);
	free(own);
	free((void *)w.pos);
	return n;
}

/* ---- one group ------------------------------------------------------- */

/* A group's network: its sessions (local index k), the delegates who may
 * be given one (local index i), and every arc with its costs by level. */
struct group_net {
	const struct breakout_problem *pb;
	const int *group;
	int g;
	int *sess, nsess;
	int *slocal; /* per session: local index, or -1 */
	int *del, ndel;
	int *local;      /* per delegate: local index, or -1 */
	int *rank;       /* nsess scratch: a delegate's rank of each session */
	int best, worst; /* effective ranks of the arcs to ranked sessions */
	int L, lv_must, lv_ranked, lv_fill, lv_obj, lv_lot;
	int *first;      /* per local delegate, ndel + 1 */
	int *place;      /* per arc: local session */
	long long *cost; /* per arc: L levels */
	int narcs;
	int *pairs, npairs; /* keep-apart pairs (local a, b) in this network */
	int *pin;           /* per delegate: the session pinned in this group, or -1 */
	int *pins;          /* per local session: delegates pinned to it */
};

/* Delegate d's rank of each session of the group into G->rank (0: not
 * chosen); the local index of their must there, or -1. */
static int ranks_here(const struct group_net *G, int d)
{
	const struct breakout_delegate *dl = &G->pb->delegates[d];
	int r = 0, must = -1;

	memset(G->rank, 0, (size_t)G->nsess * sizeof(int));
	for (int i = 0; i < dl->nchoices; i++) {
		int k = G->slocal[dl->choices[i]];

		if (k < 0)
			continue;
		G->rank[k] = ++r;
		if (dl->must == i + 1)
			must = k;
	}
	return must;
}

/* The rank of local session k for the objective (see effective_rank). */
static int effective_here(const struct group_net *G, int d, int k)
{
	int r = G->rank[k];

	if (r > 0 && (G->pb->sessions[G->sess[k]].serves & G->pb->delegates[d].groups))
		r -= G->pb->priority;
	return r;
}

/* Who is in the network, and the range of effective ranks. */
static void net_people(struct group_net *G, int gday)
{
	const struct breakout_problem *pb = G->pb;

	G->best = 1;
	G->worst = 1;
	for (int s = 0; s < pb->nsessions; s++) {
		G->slocal[s] = G->group[s] == G->g ? G->nsess : -1;
		if (G->slocal[s] >= 0)
			G->sess[G->nsess++] = s;
	}
	for (int d = 0; d < pb->ndelegates; d++)
		G->pin[d] = BREAKOUT_NONE;
	/* One pin per delegate and group: the first, as breakout_pinned says. */
	for (int i = 0; i < pb->npinned; i++) {
		int d = pb->pinned[i].a, s = pb->pinned[i].b;

		if (G->group[s] == G->g && G->pin[d] == BREAKOUT_NONE) {
			G->pin[d] = s;
			G->pins[G->slocal[s]]++;
		}
	}
	for (int d = 0; d < pb->ndelegates; d++) {
		G->local[d] = -1;
		if (G->pin[d] != BREAKOUT_NONE)
			continue;
		if (!attends(&pb->delegates[d], gday) ||
		    !(pb->fill || ranks_in(pb, G->group, d, G->g)))
			continue;
		G->local[d] = G->ndel;
		G->del[G->ndel++] = d;
		ranks_here(G, d);
		for (int k = 0; k < G->nsess; k++) {
			int e = effective_here(G, d, k);

			if (G->rank[k] == 0)
				continue;
			G->best = e < G->best ? e : G->best;
			G->worst = e > G->worst ? e : G->worst;
		}
	}
}

static void net_levels(struct group_net *G)
{
	int must = 0, nobj;

	for (int i = 0; i < G->ndel && !must; i++)
		must = ranks_here(G, G->del[i]) >= 0;
	nobj = G->pb->objective == ALLOC_GREEDY     ? G->worst - G->best + 1
	       : G->pb->objective == ALLOC_GENEROUS ? G->worst - G->best
						    : 1;
	G->L = 0;
	G->lv_must = must ? G->L++ : -1;
	G->lv_ranked = G->L++;
	G->lv_fill = G->pb->fill ? G->L++ : -1;
	G->lv_obj = G->L;
	G->L += nobj;
	G->lv_lot = G->L++;
}

/* The costs of the arc from delegate d to local session k (G->rank holds
 * d's ranks, must the local index of their must), lot their lottery weight. */
static void arc_costs(const struct group_net *G, int d, int k, int must, long long lot, long long *c)
{
	const struct breakout_problem *pb = G->pb;
	int r = G->rank[k], e = effective_here(G, d, k);

	memset(c, 0, (size_t)G->L * sizeof(long long));
	if (G->lv_must >= 0)
		c[G->lv_must] = -(k == must);
	c[G->lv_ranked] = -(r > 0);
	if (G->lv_fill >= 0)
		c[G->lv_fill] = -(r == 0);
	/* The lottery: lot times how far this falls short of the best, less
	 * what nothing would fall short (so that nothing is the worst). */
	c[G->lv_lot] = ((r > 0 ? e - G->best : G->worst + 1 - G->best) - (G->worst + 2 - G->best)) *
		       lot;
	if (r == 0) {
		if (pb->objective == ALLOC_TOTAL)
			c[G->lv_obj] = fill_cost(pb);
		return;
	}
	if (pb->objective == ALLOC_GREEDY)
		c[G->lv_obj + e - G->best] = -1;
	else if (pb->objective == ALLOC_GENEROUS && e > G->best)
		c[G->lv_obj + G->worst - e] = 1;
	else if (pb->objective == ALLOC_TOTAL)
		c[G->lv_obj] = e >= 1 ? breakout_rank_cost(pb, e) : e - 1;
}

static void net_pairs(struct group_net *G)
{
	const struct breakout_problem *pb = G->pb;

	G->pairs = xcalloc(2 * (size_t)pb->nkeep_apart + 1, sizeof(int));
	for (int i = 0; i < pb->nkeep_apart; i++) {
		int a = G->local[pb->keep_apart[i].a], b = G->local[pb->keep_apart[i].b];

		if (a >= 0 && b >= 0) {
			G->pairs[2 * G->npairs] = a;
			G->pairs[2 * G->npairs++ + 1] = b;
		}
	}
}

/* Whether d is kept apart from someone pinned to session s. */
static bool apart_from_pinned(const struct group_net *G, int d, int s)
{
	const struct breakout_problem *pb = G->pb;

	for (int i = 0; i < pb->nkeep_apart; i++) {
		int a = pb->keep_apart[i].a, b = pb->keep_apart[i].b;

		if ((a == d && G->pin[b] == s) || (b == d && G->pin[a] == s))
			return true;
	}
	return false;
}

static void net_arcs(struct group_net *G, const int *pos)
{
	const struct breakout_problem *pb = G->pb;
	size_t most = (size_t)G->ndel * (size_t)G->nsess + 1;

	G->first = xcalloc((size_t)G->ndel + 1, sizeof(int));
	G->place = xcalloc(most, sizeof(int));
	G->cost = xcalloc(most * (size_t)G->L, sizeof(long long));
	for (int i = 0; i < G->ndel; i++) {
		int d = G->del[i], must = ranks_here(G, d);

		G->first[i] = G->narcs;
		for (int k = 0; k < G->nsess; k++) {
			if ((!pb->fill && G->rank[k] == 0) || apart_from_pinned(G, d, G->sess[k]))
				continue;
			G->place[G->narcs] = k;
			arc_costs(G, d, k, must, pb->ndelegates - pos[d],
				  G->cost + (size_t)G->narcs++ * G->L);
		}
	}
	G->first[G->ndel] = G->narcs;
}

static void net_init(struct group_net *G, const struct breakout_problem *pb, const int *group,
		     int g, int gday, const int *pos)
{
	memset(G, 0, sizeof(*G));
	G->pb = pb;
	G->group = group;
	G->g = g;
	G->sess = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	G->slocal = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	G->rank = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	G->del = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	G->local = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	G->pin = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	G->pins = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	net_people(G, gday);
	net_levels(G);
	net_arcs(G, pos);
	net_pairs(G);
}

static void net_done(struct group_net *G)
{
	free(G->sess);
	free(G->slocal);
	free(G->rank);
	free(G->del);
	free(G->local);
	free(G->pin);
	free(G->pins);
	free(G->first);
	free(G->place);
	free(G->cost);
	free(G->pairs);
}

/* The state of a search in one group: its network as an assignment
 * problem, the arcs taken out (keep-apart branches, cancelled sessions),
 * and the best allocation found. */
struct search {
	const struct group_net *G;
	struct alloc_match m;
	int *cap;        /* per local session; 0 once cancelled */
	char *cancelled; /* per local session */
	char *off;       /* per arc */
	int *best;       /* per local delegate: arc, or -1 */
	long long *best_cost;
	int found;
	long nodes, start; /* allocations solved; when this search began */
	int truncated;
};

static int vec_cmp(const long long *a, const long long *b, int L)
{
	for (int l = 0; l < L; l++)
		if (a[l] != b[l])
			return a[l] < b[l] ? -1 : 1;
	return 0;
}

static void cost_of(const struct group_net *G, const int *held, long long *cost)
{
	memset(cost, 0, (size_t)G->L * sizeof(long long));
	for (int i = 0; i < G->ndel; i++)
		for (int l = 0; held[i] >= 0 && l < G->L; l++)
			cost[l] += G->cost[(size_t)held[i] * G->L + l];
}

/* The first keep-apart pair in one session under held: its index, or -1. */
static int pair_together(const struct group_net *G, const int *held)
{
	for (int i = 0; i < G->npairs; i++) {
		int a = held[G->pairs[2 * i]], b = held[G->pairs[2 * i + 1]];

		if (a >= 0 && b >= 0 && G->place[a] == G->place[b])
			return i;
	}
	return -1;
}

/* Take delegate i's arc under held away, and make held the best again. */
static void forbid(struct search *x, int *held, int i)
{
	x->off[held[i]] = 1;
	x->nodes++;
	alloc_match_forbid(&x->m, x->off, held, i);
}

/* Branch and bound over the keep-apart pairs that held, the best
 * allocation with the arcs off so far, breaks. */
static void branch(struct search *x, const int *held)
{
	const struct group_net *G = x->G;
	long long *cost = xcalloc((size_t)G->L, sizeof(long long));
	int p;

	cost_of(G, held, cost);
	if (x->found && vec_cmp(cost, x->best_cost, G->L) >= 0)
		goto out;
	if ((p = pair_together(G, held)) < 0) {
		memcpy(x->best, held, (size_t)G->ndel * sizeof(int));
		memcpy(x->best_cost, cost, (size_t)G->L * sizeof(long long));
		x->found = 1;
		goto out;
	}
	if (x->nodes - x->start >= MAX_NODES) {
		x->truncated = 1;
		goto out;
	}
	for (int side = 0; side < 2; side++) {
		int *child = xcalloc((size_t)G->ndel + 1, sizeof(int)), i = G->pairs[2 * p + side];
		int arc = held[i];

		memcpy(child, held, (size_t)G->ndel * sizeof(int));
		forbid(x, child, i);
		branch(x, child);
		x->off[arc] = 0;
		free(child);
	}
out:
	free(cost);
}

/* When the branches ran out before any allocation kept every pair apart:
 * take the first of each pair still together out of their session until
 * none is. */
static void keep_apart_anyway(struct search *x, const int *root)
{
	const struct group_net *G = x->G;
	int *taken = xcalloc((size_t)G->narcs + 1, sizeof(int)), ntaken = 0, p;

	memcpy(x->best, root, (size_t)G->ndel * sizeof(int));
	while ((p = pair_together(G, x->best)) >= 0) {
		taken[ntaken++] = x->best[G->pairs[2 * p]];
		forbid(x, x->best, G->pairs[2 * p]);
	}
	for (int i = 0; i < ntaken; i++)
		x->off[taken[i]] = 0;
	cost_of(G, x->best, x->best_cost);
	x->found = 1;
	free(taken);
}

/* The session furthest below its minimum under x->best (fewest delegates
 * for its minimum, then first), or -1; load gets its count. */
static int below_minimum(const struct search *x, int *load)
{
	const struct group_net *G = x->G;
	int *n = xcalloc((size_t)G->nsess + 1, sizeof(int)), worst = -1;

	for (int i = 0; i < G->ndel; i++)
		if (x->best[i] >= 0)
			n[G->place[x->best[i]]]++;
	for (int k = 0; k < G->nsess; k++) {
		int min = G->pb->sessions[G->sess[k]].minimum;

		n[k] += G->pins[k];
		if (x->cancelled[k] || n[k] >= min || G->pins[k] > 0)
			continue;
		if (worst < 0 || (long long)n[k] * G->pb->sessions[G->sess[worst]].minimum <
					 (long long)n[worst] * min)
			worst = k;
	}
	*load = worst >= 0 ? n[worst] : 0;
	free(n);
	return worst;
}

/* Cancel session k: nobody may be given it, and whoever root gave it goes
 * where the best allocation without it puts them. */
static void cancel(struct search *x, int *root, int k)
{
	const struct group_net *G = x->G;

	x->cap[k] = 0;
	x->cancelled[k] = 1;
	for (int a = 0; a < G->narcs; a++)
		if (G->place[a] == k)
			x->off[a] = 1;
	for (int i = 0; i < G->ndel; i++)
		if (root[i] >= 0 && G->place[root[i]] == k) {
			x->nodes++;
			alloc_match_forbid(&x->m, x->off, root, i);
		}
}

static void search_init(struct search *x, const struct group_net *G)
{
	memset(x, 0, sizeof(*x));
	x->G = G;
	x->cap = xcalloc((size_t)G->nsess + 1, sizeof(int));
	/* Pinned delegates hold their seats before anyone is allocated. */
	for (int k = 0; k < G->nsess; k++) {
		int cap = G->pb->sessions[G->sess[k]].capacity;

		x->cap[k] = cap < 0 ? cap : cap > G->pins[k] ? cap - G->pins[k] : 0;
	}
	x->m = (struct alloc_match){ G->ndel, G->nsess, G->L, x->cap, G->first, G->place, G->cost };
	x->cancelled = xcalloc((size_t)G->nsess + 1, 1);
	x->off = xcalloc((size_t)G->narcs + 1, 1);
	x->best = xcalloc((size_t)G->ndel + 1, sizeof(int));
	x->best_cost = xcalloc((size_t)G->L, sizeof(long long));
}

static void search_done(struct search *x)
{
	free(x->cap);
	free(x->cancelled);
	free(x->off);
	free(x->best);
	free(x->best_cost);
}

/* The group's allocation: the best one, then (keeping pairs apart) the
 * best that does, then again without each session below its minimum. */
static void solve_group(const struct breakout_problem *pb, int g, int gday, const int *pos,
			struct breakout_result *res)
{
	struct group_net G;
	struct search x;
	int *root, k, load;

	net_init(&G, pb, res->group, g, gday, pos);
	search_init(&x, &G);
	root = xcalloc((size_t)G.ndel + 1, sizeof(int));
	alloc_match_solve(&x.m, root);
	x.nodes = 1;
	for (;;) {
		x.found = 0;
		x.start = x.nodes;
		branch(&x, root);
		if (!x.found)
			keep_apart_anyway(&x, root);
		if ((k = below_minimum(&x, &load)) < 0)
			break;
		cancel(&x, root, k);
		res->cancelled[G.sess[k]] = load;
		res->ncancelled++;
	}
	for (int i = 0; i < G.ndel; i++)
		if (x.best[i] >= 0)
			res->assign[(size_t)G.del[i] * res->ngroups + g] = G.sess[G.place[x.best[i]]];
	for (int d = 0; d < pb->ndelegates; d++)
		if (G.pin[d] != BREAKOUT_NONE)
			res->assign[(size_t)d * res->ngroups + g] = G.pin[d];
	res->optimal &= !x.truncated;
	res->nodes += x.nodes;
	free(root);
	search_done(&x);
	net_done(&G);
}

struct draw {
	const int *pos, *lost;
};

static int by_draw(const void *pa, const void *pb, void *arg)
{
	const struct draw *w = arg;
	int a = *(const int *)pa, b = *(const int *)pb;

	if (w->lost[a] != w->lost[b])
		return w->lost[b] - w->lost[a];
	return w->pos[a] - w->pos[b];
}

/* The lottery's order for the next group (turn[d]: 0 first): whoever has
 * missed more first choices in the groups before goes first, then the
 * seeded order, so that the same delegate does not lose every tie. */
static void draw_order(const struct breakout_problem *pb, const int *pos, const int *lost, int *turn)
{
	int *order = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	struct draw w = { pos, lost };

	for (int d = 0; d < pb->ndelegates; d++)
		order[d] = d;
	qsort_r(order, (size_t)pb->ndelegates, sizeof(int), by_draw, &w);
	for (int i = 0; i < pb->ndelegates; i++)
		turn[order[i]] = i;
	free(order);
}

/* Count, per delegate, a group where they chose something and did not get
 * their first choice there. */
static void count_lost(const struct breakout_problem *pb, const struct breakout_result *res, int g,
		       int gday, int *lost)
{
	for (int d = 0; d < pb->ndelegates; d++) {
		int r = outcome(pb, res->group, g, gday, d,
				res->assign[(size_t)d * res->ngroups + g]);

		lost[d] += r != BREAKOUT_UNCOUNTED && r != 1;
	}
}

enum status breakout_solve(const struct breakout_problem *pb, struct breakout_result *res,
			   struct error *err)
{
	double t0 = now_seconds();
	int *gday, *pos, *lost, *turn;

	memset(res, 0, sizeof(*res));
	if (breakout_validate(pb, err))
		return ST_INPUT;
	res->ndelegates = pb->ndelegates;
	res->group = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	res->cancelled = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	for (int s = 0; s < pb->nsessions; s++)
		res->cancelled[s] = -1;
	res->ngroups = breakout_groups(pb, res->group);
	res->assign = xmalloc(((size_t)pb->ndelegates * res->ngroups + 1) * sizeof(int));
	for (size_t i = 0; i < (size_t)pb->ndelegates * res->ngroups; i++)
		res->assign[i] = BREAKOUT_NONE;
	gday = xcalloc((size_t)res->ngroups + 1, sizeof(int));
	group_days(pb, res->group, res->ngroups, gday);
	pos = lottery(pb);
	lost = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	turn = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	res->optimal = true;
	for (int g = 0; g < res->ngroups; g++) {
		draw_order(pb, pos, lost, turn);
		solve_group(pb, g, gday[g], turn, res);
		count_lost(pb, res, g, gday[g], lost);
	}
	free(pos);
	free(lost);
	free(turn);
	free(gday);
	breakout_evaluate(pb, res->group, res->ngroups, res->assign, &res->score);
	res->seconds = now_seconds() - t0;
	return ST_OK;
}

void breakout_result_done(struct breakout_result *res)
{
	free(res->group);
	free(res->assign);
	free(res->cancelled);
	memset(res, 0, sizeof(*res));
}

/* ---- waitlists ------------------------------------------------------- */

/* A delegate on a waitlist, with what orders them. */
struct waiting {
	int d;
	int must; /* it is their must: first */
	int rank; /* their effective rank of the session */
	int have; /* what they have there: their rank, the choices + 1 for an
		    * unchosen session, the choices + 2 for none */
	int pos;  /* in the lottery */
};

static int by_wait(const void *pa, const void *pb)
{
	const struct waiting *a = pa, *b = pb;

	if (a->must != b->must)
		return b->must - a->must;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	if (a->have != b->have)
		return b->have - a->have;
	return a->pos - b->pos;
}

static bool apart_from_any(const struct breakout_problem *pb, int ngroups, const int *assign, int d,
			   int s, int g)
{
	for (int i = 0; i < pb->nkeep_apart; i++) {
		int a = pb->keep_apart[i].a, b = pb->keep_apart[i].b, other = a == d ? b : a;

		if ((a == d || b == d) && assign[(size_t)other * ngroups + g] == s)
			return true;
	}
	return false;
}

/* Whether d waits for s: they chose it and have worse there. have gets
 * what they have, as in struct waiting. */
static bool waits_for(const struct breakout_problem *pb, const int *group, int ngroups,
		      const int *assign, int d, int s, int *have)
{
	int g = group[s], cur = assign[(size_t)d * ngroups + g];
	int r = breakout_rank(pb, group, d, s), rc;

	if (r == 0 || cur == s || !attends(&pb->delegates[d], pb->sessions[s].day) ||
	    breakout_pinned(pb, group, d, g) != BREAKOUT_NONE)
		return false;
	rc = cur == BREAKOUT_NONE ? 0 : breakout_rank(pb, group, d, cur);
	*have = cur == BREAKOUT_NONE ? pb->delegates[d].nchoices + 2
		: rc == 0            ? pb->delegates[d].nchoices + 1
				     : rc;
	return *have > r && !apart_from_any(pb, ngroups, assign, d, s, g);
}

/* The waitlist of s, without delegate skip (-1: none). */
static int waitlist_with(const struct breakout_problem *pb, const int *group, int ngroups,
			 const int *assign, int s, const int *pos, int skip, int *out)
{
	struct waiting *w = xcalloc((size_t)pb->ndelegates + 1, sizeof(*w));
	int n = 0, have;

	if (group[s] < 0) {
		free(w);
		return 0;
	}
	for (int d = 0; d < pb->ndelegates; d++)
		if (d != skip && waits_for(pb, group, ngroups, assign, d, s, &have))
			w[n++] = (struct waiting){ d, is_must(pb, d, s),
						   effective_rank(pb, group, d, s), have, pos[d] };
	qsort(w, (size_t)n, sizeof(*w), by_wait);
	for (int i = 0; i < n; i++)
		out[i] = w[i].d;
	free(w);
	return n;
}

int breakout_waitlist(const struct breakout_problem *pb, const int *group, int ngroups,
		      const int *assign, int s, int *out)
{
	int *pos = lottery(pb), n = waitlist_with(pb, group, ngroups, assign, s, pos, -1, out);

	free(pos);
	return n;
}

struct moves {
	struct breakout_move *v;
	int n;
};

static void moved(struct moves *m, int d, int from, int to)
{
	m->v = xreallocarray(m->v, (size_t)m->n + 1, sizeof(*m->v));
	m->v[m->n++] = (struct breakout_move){ d, from, to };
}

static int load_of(const struct breakout_problem *pb, int ngroups, const int *assign, int s, int g)
{
	int n = 0;

	for (int d = 0; d < pb->ndelegates; d++)
		n += assign[(size_t)d * ngroups + g] == s;
	return n;
}

/* A seat is free in session s, which was full: the first waiting takes
 * it (never skip, who withdrew), and the seat they leave is passed on the
 * same way. */
static void promote(const struct breakout_problem *pb, const int *group, int ngroups, int *assign,
		    int s, const int *pos, int skip, int *list, struct moves *m)
{
	int g = group[s];

	while (s != BREAKOUT_NONE) {
		int cap = pb->sessions[s].capacity, w, from;

		if (cap < 0 || load_of(pb, ngroups, assign, s, g) != cap - 1 ||
		    waitlist_with(pb, group, ngroups, assign, s, pos, skip, list) == 0)
			return;
		w = list[0];
		from = assign[(size_t)w * ngroups + g];
		assign[(size_t)w * ngroups + g] = s;
		moved(m, w, from, s);
		s = from;
	}
}

int breakout_withdraw(const struct breakout_problem *pb, const int *group, int ngroups, int *assign,
		      int d, int s, struct breakout_move **out)
{
	struct moves m = { NULL, 0 };
	int *pos = lottery(pb), *list = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));

	for (int g = 0; g < ngroups; g++) {
		int x = assign[(size_t)d * ngroups + g];

		if (x == BREAKOUT_NONE || (s >= 0 && x != s))
			continue;
		assign[(size_t)d * ngroups + g] = BREAKOUT_NONE;
		moved(&m, d, x, BREAKOUT_NONE);
		promote(pb, group, ngroups, assign, x, pos, d, list, &m);
	}
	free(pos);
	free(list);
	*out = m.v;
	return m.n;
}

int breakout_move(const struct breakout_problem *pb, const int *group, int ngroups, int *assign,
		  int d, int to, struct breakout_move **out)
{
	struct moves m = { NULL, 0 };
	int *pos = lottery(pb), *list = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	int g = group[to], from = assign[(size_t)d * ngroups + g];

	assign[(size_t)d * ngroups + g] = to;
	moved(&m, d, from, to);
	if (from != BREAKOUT_NONE)
		promote(pb, group, ngroups, assign, from, pos, d, list, &m);
	free(pos);
	free(list);
	*out = m.v;
	return m.n;
}
