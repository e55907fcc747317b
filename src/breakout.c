/* Breakout allocation by min-cost flow, one parallel group at a time.
 *
 * Groups are the components of each day's interval overlap graph, found
 * by sorting sessions by day and start and sweeping with the latest end.
 * In a group's network a delegate edge to a ranked session costs
 * rank_cost - BIG_RANKED and to an unchosen one (fill) fill_cost -
 * BIG_FILL, with BIG_RANKED > (BIG_FILL + max cost) x delegates and
 * BIG_FILL > max cost x delegates, so any flow that seats one more ranked
 * delegate (then one more delegate at all) is cheaper than any that does
 * not. Successive shortest paths with Dijkstra on reduced costs augment
 * one delegate at a time while the path cost is negative; the initial
 * potentials are the shortest distances in the acyclic network. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "convene/breakout.h"

#define INF LLONG_MAX

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

enum status breakout_validate(const struct breakout_problem *pb, struct error *err)
{
	if (pb->nsessions < 0 || pb->ndelegates < 0 || pb->nrank_costs < 0)
		return error_set(err, ST_INPUT, "negative count in the breakout problem");
	for (int s = 0; s < pb->nsessions; s++)
		if (pb->sessions[s].day >= 32 ||
		    (pb->sessions[s].day >= 0 && pb->sessions[s].end <= pb->sessions[s].start))
			return error_set(err, ST_INPUT, "breakout session %d: bad day or times", s + 1);
	for (int i = 0; i < pb->nrank_costs; i++)
		if (pb->rank_costs[i] < 0 || pb->rank_costs[i] > (1LL << 30))
			return error_set(err, ST_INPUT, "rank cost %d out of range", i + 1);
	for (int d = 0; d < pb->ndelegates; d++) {
		const struct breakout_delegate *dl = &pb->delegates[d];

		if (dl->nchoices < 0 || (dl->nchoices > 0 && !dl->choices))
			return error_set(err, ST_INPUT, "delegate %d: bad choices", d + 1);
		for (int i = 0; i < dl->nchoices; i++) {
			if (dl->choices[i] < 0 || dl->choices[i] >= pb->nsessions)
				return error_set(err, ST_INPUT, "delegate %d: choice %d is no session",
						 d + 1, i + 1);
			for (int j = 0; j < i; j++)
				if (dl->choices[j] == dl->choices[i])
					return error_set(err, ST_INPUT,
							 "delegate %d ranks session %d twice", d + 1,
							 dl->choices[i] + 1);
		}
	}
	if (pb->fill_cost > (1LL << 30))
		return error_set(err, ST_INPUT, "fill cost out of range");
	return ST_OK;
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

/* Rank of s among d's choices that are in group g (1-based); 0 if not chosen. */
static int group_rank(const struct breakout_problem *pb, const int *group, int d, int s)
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

static bool ranks_in(const struct breakout_problem *pb, const int *group, int d, int g)
{
	const struct breakout_delegate *dl = &pb->delegates[d];

	for (int i = 0; i < dl->nchoices; i++)
		if (group[dl->choices[i]] == g)
			return true;
	return false;
}

static void group_days(const struct breakout_problem *pb, const int *group, int ngroups,
		       int *gday)
{
	for (int g = 0; g < ngroups; g++)
		gday[g] = -1;
	for (int s = 0; s < pb->nsessions; s++)
		if (group[s] >= 0)
			gday[group[s]] = pb->sessions[s].day;
}

static void score_one(const struct breakout_problem *pb, const int *group, int d, int g,
		      int s, int gday, long *load, struct breakout_score *out)
{
	bool wanted = attends(&pb->delegates[d], gday) && ranks_in(pb, group, d, g);
	int r = 0;

	out->wanted += wanted;
	if (s != BREAKOUT_NONE) {
		if (s < 0 || s >= pb->nsessions || group[s] != g ||
		    !attends(&pb->delegates[d], gday)) {
			out->bad++;
			return;
		}
		load[s]++;
		out->assigned++;
		r = group_rank(pb, group, d, s);
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

void breakout_evaluate(const struct breakout_problem *pb, const int *group, int ngroups,
		       const int *assign, struct breakout_score *out)
{
	long *load = xcalloc((size_t)pb->nsessions + 1, sizeof(long));
	int *gday = xcalloc((size_t)ngroups + 1, sizeof(int));

	memset(out, 0, sizeof(*out));
	group_days(pb, group, ngroups, gday);
	for (int d = 0; d < pb->ndelegates; d++)
		for (int g = 0; g < ngroups; g++)
			score_one(pb, group, d, g, assign[(size_t)d * ngroups + g], gday[g], load, out);
	for (int s = 0; s < pb->nsessions; s++)
		if (pb->sessions[s].capacity >= 0 && load[s] > pb->sessions[s].capacity)
			out->over_capacity += load[s] - pb->sessions[s].capacity;
	free(load);
	free(gday);
}

/* ---- min-cost flow --------------------------------------------------- */

struct edge {
	int to, next, cap;
	long long cost;
};

struct net {
	int n, ne, cap_e;
	int *first;
	struct edge *e;
	long long *pot, *dist;
	int *prev;     /* edge into v on the shortest path */
	int *heap, *where, nheap;
};

static void net_init(struct net *g, int n, int edges)
{
	memset(g, 0, sizeof(*g));
	g->n = n;
	g->cap_e = 2 * edges + 2;
	g->first = xmalloc((size_t)n * sizeof(int));
	g->e = xcalloc((size_t)g->cap_e, sizeof(*g->e));
	g->pot = xcalloc((size_t)n, sizeof(long long));
	g->dist = xcalloc((size_t)n, sizeof(long long));
	g->prev = xcalloc((size_t)n, sizeof(int));
	g->heap = xcalloc((size_t)n, sizeof(int));
	g->where = xcalloc((size_t)n, sizeof(int));
	for (int v = 0; v < n; v++)
		g->first[v] = -1;
}

static void net_done(struct net *g)
{
	free(g->first);
	free(g->e);
	free(g->pot);
	free(g->dist);
	free(g->prev);
	free(g->heap);
	free(g->where);
}

static void arc(struct net *g, int u, int v, int cap, long long cost)
{
	if (g->ne + 2 > g->cap_e) {
		g->cap_e *= 2;
		g->e = xreallocarray(g->e, (size_t)g->cap_e, sizeof(*g->e));
	}
	g->e[g->ne] = (struct edge){ v, g->first[u], cap, cost };
	g->first[u] = g->ne++;
	g->e[g->ne] = (struct edge){ u, g->first[v], 0, -cost };
	g->first[v] = g->ne++;
}

static void heap_swap(struct net *g, int i, int j)
{
	int t = g->heap[i];

	g->heap[i] = g->heap[j];
	g->heap[j] = t;
	g->where[g->heap[i]] = i;
	g->where[g->heap[j]] = j;
}

static void heap_up(struct net *g, int i)
{
	while (i > 0 && g->dist[g->heap[(i - 1) / 2]] > g->dist[g->heap[i]]) {
		heap_swap(g, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static int heap_pop(struct net *g)
{
	int top = g->heap[0], i = 0;

	heap_swap(g, 0, --g->nheap);
	g->where[top] = -1;
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;

		if (l < g->nheap && g->dist[g->heap[l]] < g->dist[g->heap[m]])
			m = l;
		if (r < g->nheap && g->dist[g->heap[r]] < g->dist[g->heap[m]])
			m = r;
		if (m == i)
			return top;
		heap_swap(g, i, m);
		i = m;
	}
}

static void relax(struct net *g, int v, long long d, int edge)
{
	if (d >= g->dist[v])
		return;
	if (g->dist[v] == INF) {
		g->where[v] = g->nheap;
		g->heap[g->nheap++] = v;
	}
	g->dist[v] = d;
	g->prev[v] = edge;
	heap_up(g, g->where[v]);
}

/* Dijkstra on reduced costs from s; then potentials += distance. */
static bool shortest(struct net *g, int s, int t)
{
	long long far = 0;

	for (int v = 0; v < g->n; v++) {
		g->dist[v] = INF;
		g->where[v] = -1;
	}
	g->nheap = 0;
	relax(g, s, 0, -1);
	while (g->nheap) {
		int u = heap_pop(g);

		far = g->dist[u];
		for (int i = g->first[u]; i >= 0; i = g->e[i].next) {
			const struct edge *e = &g->e[i];

			if (e->cap > 0)
				relax(g, e->to, g->dist[u] + e->cost + g->pot[u] - g->pot[e->to], i);
		}
	}
	if (g->dist[t] == INF)
		return false;
	for (int v = 0; v < g->n; v++)
		g->pot[v] += g->dist[v] == INF ? far : g->dist[v];
	return true;
}

/* Augment one unit at a time while the cheapest path has negative cost. */
static void min_cost_flow(struct net *g, int s, int t)
{
	while (shortest(g, s, t) && g->pot[t] - g->pot[s] < 0)
		for (int v = t; v != s; v = g->e[g->prev[v] ^ 1].to) {
			g->e[g->prev[v]].cap--;
			g->e[g->prev[v] ^ 1].cap++;
		}
}

/* ---- one group ------------------------------------------------------- */

struct group_net {
	struct net g;
	int *sess, nsess;     /* sessions of the group; node 2 + ndel + i */
	int *del, ndel;       /* delegates attending; node 2 + i */
	long long big_fill, big_ranked;
};

static void add_delegate_arcs(const struct breakout_problem *pb, const int *group, int gi,
			      struct group_net *G, int i, long long fill)
{
	int d = G->del[i];

	for (int k = 0; k < G->nsess; k++) {
		int s = G->sess[k], r = group_rank(pb, group, d, s);

		if (r > 0)
			arc(&G->g, 2 + i, 2 + G->ndel + k, 1,
			    breakout_rank_cost(pb, r) - G->big_ranked);
		else if (pb->fill)
			arc(&G->g, 2 + i, 2 + G->ndel + k, 1, fill - G->big_fill);
	}
	(void)gi;
}

/* Initial potentials: shortest distances in the acyclic network. */
static void initial_potentials(struct group_net *G)
{
	struct net *g = &G->g;

	for (int v = 0; v < g->n; v++)
		g->pot[v] = 0;
	for (int i = 0; i < G->ndel; i++)
		for (int k = g->first[2 + i]; k >= 0; k = g->e[k].next)
			if (g->e[k].cap > 0 && g->e[k].cost < g->pot[g->e[k].to])
				g->pot[g->e[k].to] = g->e[k].cost;
	for (int k = 0; k < G->nsess; k++)
		if (g->pot[2 + G->ndel + k] < g->pot[1])
			g->pot[1] = g->pot[2 + G->ndel + k];
}

static void solve_group(const struct breakout_problem *pb, const int *group, int gi, int gday,
			int ngroups, int *assign)
{
	struct group_net G;
	long long fill = fill_cost(pb), worst = fill;
	int edges = 0;

	memset(&G, 0, sizeof(G));
	G.sess = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	G.del = xcalloc((size_t)pb->ndelegates + 1, sizeof(int));
	for (int s = 0; s < pb->nsessions; s++)
		if (group[s] == gi)
			G.sess[G.nsess++] = s;
	for (int d = 0; d < pb->ndelegates; d++)
		if (attends(&pb->delegates[d], gday) && (pb->fill || ranks_in(pb, group, d, gi)))
			G.del[G.ndel++] = d;
	for (int d = 0; d < pb->ndelegates; d++)
		if (breakout_rank_cost(pb, pb->delegates[d].nchoices) > worst)
			worst = breakout_rank_cost(pb, pb->delegates[d].nchoices);
	G.big_fill = (worst + 1) * (G.ndel + 1);
	G.big_ranked = (G.big_fill + worst + 1) * (G.ndel + 1);
	edges = G.ndel * (G.nsess + 1) + G.nsess;
	net_init(&G.g, 2 + G.ndel + G.nsess, edges);
	for (int i = 0; i < G.ndel; i++) {
		arc(&G.g, 0, 2 + i, 1, 0);
		add_delegate_arcs(pb, group, gi, &G, i, fill);
	}
	for (int k = 0; k < G.nsess; k++) {
		int cap = pb->sessions[G.sess[k]].capacity;

		arc(&G.g, 2 + G.ndel + k, 1, cap < 0 || cap > G.ndel ? G.ndel : cap, 0);
	}
	initial_potentials(&G);
	min_cost_flow(&G.g, 0, 1);
	for (int i = 0; i < G.ndel; i++)
		for (int k = G.g.first[2 + i]; k >= 0; k = G.g.e[k].next) {
			const struct edge *e = &G.g.e[k];

			if (e->to >= 2 + G.ndel && !(k & 1) && e->cap == 0)
				assign[(size_t)G.del[i] * ngroups + gi] = G.sess[e->to - 2 - G.ndel];
		}
	net_done(&G.g);
	free(G.sess);
	free(G.del);
}

enum status breakout_solve(const struct breakout_problem *pb, struct breakout_result *res,
			   struct error *err)
{
	double t0 = now_seconds();
	int *gday;

	memset(res, 0, sizeof(*res));
	if (breakout_validate(pb, err))
		return ST_INPUT;
	res->ndelegates = pb->ndelegates;
	res->group = xcalloc((size_t)pb->nsessions + 1, sizeof(int));
	res->ngroups = breakout_groups(pb, res->group);
	res->assign = xmalloc(((size_t)pb->ndelegates * res->ngroups + 1) * sizeof(int));
	for (size_t i = 0; i < (size_t)pb->ndelegates * res->ngroups; i++)
		res->assign[i] = BREAKOUT_NONE;
	gday = xcalloc((size_t)res->ngroups + 1, sizeof(int));
	group_days(pb, res->group, res->ngroups, gday);
	for (int g = 0; g < res->ngroups; g++)
		solve_group(pb, res->group, g, gday[g], res->ngroups, res->assign);
	free(gday);
	breakout_evaluate(pb, res->group, res->ngroups, res->assign, &res->score);
	res->optimal = true;
	res->seconds = now_seconds() - t0;
	return ST_OK;
}

void breakout_result_done(struct breakout_result *res)
{
	free(res->group);
	free(res->assign);
	memset(res, 0, sizeof(*res));
}
