/* Carousel rotation engine.
 *
 * 1. Validate the input and check the counting bounds (R <= K, seats per
 *    rotation, seats of each mandatory station) so that impossible input
 *    is reported with what cannot be met and the best possible.
 * 2. With no skipped rotation, min-cost flow chooses each delegate's set
 *    of stations: source -> delegate (R minus the mandatory stations),
 *    delegate -> station (1, visit cost), station -> sink (capacity times
 *    open rotations). It is solved by the primal-dual method: Dijkstra on
 *    reduced costs, then a blocking flow (Dinic) on the zero-reduced-cost
 *    edges, so the number of phases is the number of distinct path costs,
 *    not the flow value. The search in 4 uses the same solver.
 * 3. With no skipped rotation, each station is split into seats of degree
 *    at most R and the bipartite delegate x seat graph is edge-coloured
 *    with R colours by alternating-path recolouring (König): colour =
 *    rotation. Each seat takes one delegate per rotation, so capacity
 *    holds and the plan is optimal.
 * 4. Otherwise, branch and bound. Delegates with one cost row form a type.
 *    The relaxation of a node (what is left to place) is the rotation
 *    flow: types -> stations -> (station, rotation) within the seats left
 *    -> rotations, each taking one visit of everyone left, with Hall's
 *    limits on stations open only within a few rotations as class nodes
 *    under each type. At the root it decides feasibility exactly (König
 *    splits any such flow into plans), and König's colouring of its counts
 *    gives a first plan. The search goes depth first: a "peel" places a
 *    member of a type on stations and rotations the flow already gives it,
 *    which keeps the flow optimal for the rest (no new solve, the bound
 *    unchanged); when nothing peels the flow is solved again, and when it
 *    still does not, the search branches on a type's patterns, cheapest
 *    by reduced costs first, members of a type in lexicographic order.
 *    Nodes are pruned by the flow and, on small remainders, by a
 *    Lagrangian bound (seat prices, each type's best pattern by
 *    assignment, subgradient steps), whose patterns are a plan whenever
 *    they fit the seats.
 * 5. Secondary objectives (balance, colleague spread) are improved by moves
 *    compared lexicographically (hard, cost, soft), so they never cost a
 *    worse primary score.
 *
 * With no time limit the run ends on stall counts and the search's budget
 * of relaxations (max_steps), so a seed gives one plan; a deadline can cut
 * the search at a different point.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "convene/carousel.h"

#define MAX_STATIONS 10000
#define MAX_PAIRS 20000000L /* delegates x stations */
#define INF_DIST LLONG_MAX
#define BB_STEPS 20000L /* flow relaxations the exact search solves by default */

/* ---- cost model and scoring ------------------------------------------ */

long long carousel_rank_cost(const struct carousel_problem *p, int rank)
{
	long long k = p->nstations;

	if (rank <= 0)
		return k * k;
	return (long long)(rank - 1) * (rank - 1);
}

static int rank_of(const struct carousel_delegate *dl, int s)
{
	for (int i = 0; i < dl->nchoices; i++)
		if (dl->choices[i] == s)
			return i + 1;
	return 0;
}

long long carousel_visit_cost(const struct carousel_problem *p, int d, int s)
{
	const struct carousel_delegate *dl = &p->delegates[d];

	if (dl->nchoices == 0 || p->stations[s].mandatory)
		return 0;
	return carousel_rank_cost(p, rank_of(dl, s));
}

/* Rotations a late change keeps as they happened. */
static int carousel_kept(const struct carousel_problem *p)
{
	return p->previous ? p->keep_rotations : 0;
}

static bool station_open(const struct carousel_station *st, int r)
{
	return !(st->skip >> r & 1);
}

static int open_rotations(const struct carousel_problem *p, int s)
{
	int n = 0;

	for (int r = 0; r < p->nrotations; r++)
		n += station_open(&p->stations[s], r);
	return n;
}

/* Spread beyond the unavoidable for one station's loads over its open rotations. */
static long station_imbalance(const struct carousel_problem *p, const int *load, int s)
{
	int R = p->nrotations, lo = INT_MAX, hi = INT_MIN, m = 0;
	long total = 0;

	for (int r = carousel_kept(p); r < R; r++) {
		int l = load[s * R + r];

		if (!station_open(&p->stations[s], r))
			continue;
		m++;
		total += l;
		lo = l < lo ? l : lo;
		hi = l > hi ? l : hi;
	}
	if (m == 0)
		return 0;
	return hi - lo - (total % m != 0);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static long count_colleague_pairs(const struct carousel_problem *p, const int *plan)
{
	int R = p->nrotations;
	long long *key = xreallocarray(NULL, (size_t)p->ndelegates * R + 1, sizeof(*key));
	size_t n = 0;
	long pairs = 0;

	for (int d = 0; d < p->ndelegates; d++) {
		int g = p->delegates[d].group;

		for (int r = 0; g >= 0 && r < R; r++) {
			int s = plan[(size_t)d * R + r];

			if (s >= 0 && s < p->nstations)
				key[n++] = ((long long)s * R + r) << 31 | g;
		}
	}
	qsort(key, n, sizeof(*key), cmp_ll);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && key[j] == key[i]; j++)
			;
		pairs += (long)(j - i) * (long)(j - i - 1) / 2;
	}
	free(key);
	return pairs;
}

/* Mandatory stations delegate d has still to visit after the kept
 * rotations: all of them in an ordinary plan; in a late change, those not
 * seen yet, as many as the rotations left can take. */
static int mandatory_due(const struct carousel_problem *p, const int *row, int *seen)
{
	int K = p->nstations, keep = carousel_kept(p), due = 0;

	if (!p->previous) {
		for (int s = 0; s < K; s++)
			due += p->stations[s].mandatory;
		return due;
	}
	memset(seen, 0, sizeof(*seen) * (size_t)K);
	for (int r = 0; r < keep; r++)
		if (row[r] >= 0 && row[r] < K)
			seen[row[r]] = 1;
	for (int s = 0; s < K; s++)
		due += p->stations[s].mandatory && !seen[s];
	return due < p->nrotations - keep ? due : p->nrotations - keep;
}

static void score_delegate(const struct carousel_problem *p, const int *row, int d, int *seen,
			   int *load, struct carousel_score *o)
{
	const struct carousel_delegate *dl = &p->delegates[d];
	int K = p->nstations, R = p->nrotations, keep = carousel_kept(p);
	int due = mandatory_due(p, row, seen), met = 0;

	memset(seen, 0, sizeof(*seen) * (size_t)K);
	for (int r = 0; r < R; r++) {
		int s = row[r];

		if (s < 0 || s >= K) {
			o->empty_slots += r >= keep;
			continue;
		}
		if (seen[s]++)
			o->repeats++;
		else if (r >= keep && p->stations[s].mandatory)
			met++;
		o->cost += carousel_visit_cost(p, d, s);
		if (dl->nchoices > 0 && !p->stations[s].mandatory && rank_of(dl, s) == 0)
			o->unmet++;
		/* What happened in a kept rotation is history, not a problem. */
		if (r < keep)
			continue;
		load[s * R + r]++;
		if (!station_open(&p->stations[s], r))
			o->closed_visits++;
	}
	o->missed_mandatory += due > met ? due - met : 0;
}

/* People who held a plan and whose stations after the kept rotations changed. */
static long count_moved(const struct carousel_problem *p, const int *plan)
{
	int R = p->nrotations, keep = carousel_kept(p);
	long moved = 0;

	for (int d = 0; p->previous && d < p->ndelegates; d++) {
		const int *was = p->previous + (size_t)d * R, *now = plan + (size_t)d * R;
		bool held = false, changed = false;

		for (int r = 0; r < R; r++)
			held |= was[r] >= 0;
		for (int r = keep; r < R; r++)
			changed |= was[r] != now[r];
		moved += held && changed;
	}
	return moved;
}

void carousel_evaluate(const struct carousel_problem *p, const int *plan, struct carousel_score *out)
{
	int K = p->nstations, R = p->nrotations;
	int *seen = xcalloc((size_t)K + 1, sizeof(*seen));
	int *load = xcalloc((size_t)K * R + 1, sizeof(*load));

	memset(out, 0, sizeof(*out));
	for (int d = 0; d < p->ndelegates; d++)
		score_delegate(p, plan + (size_t)d * R, d, seen, load, out);
	for (int s = 0; s < K; s++) {
		for (int r = 0; r < R; r++) {
			int excess = load[s * R + r] - p->stations[s].capacity;

			if (station_open(&p->stations[s], r) && excess > 0)
				out->over_capacity += excess;
		}
		out->imbalance += station_imbalance(p, load, s);
	}
	out->colleague_pairs = count_colleague_pairs(p, plan);
	out->people_moved = count_moved(p, plan);
	out->hard = out->over_capacity + out->closed_visits + out->missed_mandatory + out->repeats +
		    out->empty_slots;
	free(seen);
	free(load);
}

/* ---- validation and counting bounds ---------------------------------- */

static enum status validate_delegate(const struct carousel_problem *p, int d, struct error *err)
{
	const struct carousel_delegate *dl = &p->delegates[d];

	if (dl->nchoices < 0 || dl->nchoices > p->nstations || (dl->nchoices && !dl->choices))
		return error_set(err, ST_INPUT, "delegate %d: %d choices for %d stations", d,
				 dl->nchoices, p->nstations);
	for (int i = 0; i < dl->nchoices; i++) {
		int s = dl->choices[i];

		if (s < 0 || s >= p->nstations)
			return error_set(err, ST_INPUT,
					 "delegate %d, choice %d: no station %d (there are %d)", d,
					 i + 1, s + 1, p->nstations);
		if (rank_of(dl, s) != i + 1)
			return error_set(err, ST_INPUT,
					 "delegate %d: station %d chosen twice (choices %d and %d)",
					 d, s + 1, rank_of(dl, s), i + 1);
	}
	return ST_OK;
}

enum status carousel_validate(const struct carousel_problem *p, struct error *err)
{
	if (p->nstations < 0 || p->nrotations < 0 || p->ndelegates < 0)
		return error_set(err, ST_INPUT,
				 "negative number of stations, rotations or delegates");
	if (p->nrotations > CAROUSEL_MAX_ROTATIONS)
		return error_set(err, ST_INPUT, "%d rotations: at most %d are supported",
				 p->nrotations, CAROUSEL_MAX_ROTATIONS);
	if (p->nstations > MAX_STATIONS)
		return error_set(err, ST_INPUT, "%d stations: at most %d are supported",
				 p->nstations, MAX_STATIONS);
	if ((long)p->nstations * p->ndelegates > MAX_PAIRS)
		return error_set(err, ST_INPUT,
				 "%d delegates x %d stations: at most %ld pairs are supported",
				 p->ndelegates, p->nstations, MAX_PAIRS);
	if ((p->nstations && !p->stations) || (p->ndelegates && !p->delegates))
		return error_set(err, ST_INPUT, "stations or delegates missing");
	for (int s = 0; s < p->nstations; s++)
		if (p->stations[s].capacity < 0)
			return error_set(err, ST_INPUT, "station %d: negative capacity %d", s + 1,
					 p->stations[s].capacity);
	for (int d = 0; d < p->ndelegates; d++)
		if (validate_delegate(p, d, err) != ST_OK)
			return ST_INPUT;
	if (p->previous && (p->keep_rotations < 0 || p->keep_rotations > p->nrotations))
		return error_set(err, ST_INPUT, "%d rotations to keep of %d", p->keep_rotations,
				 p->nrotations);
	for (long i = 0; p->previous && i < (long)p->ndelegates * p->nrotations; i++)
		if (p->previous[i] < -1 || p->previous[i] >= p->nstations)
			return error_set(err, ST_INPUT,
					 "delegate %ld, rotation %ld: no station %d in the plan held",
					 i / p->nrotations, i % p->nrotations + 1,
					 p->previous[i] + 1);
	return ST_OK;
}

static long station_seats(const struct carousel_problem *p, int s)
{
	return (long)p->stations[s].capacity * open_rotations(p, s);
}

static enum status check_rotation_seats(const struct carousel_problem *p, struct error *err)
{
	int N = p->ndelegates;

	for (int r = 0; r < p->nrotations; r++) {
		long seats = 0;

		for (int s = 0; s < p->nstations; s++)
			if (station_open(&p->stations[s], r))
				seats += p->stations[s].capacity;
		if (seats < N)
			return error_set(err, ST_PROBLEM,
					 "rotation %d has %ld seats for %d delegates: "
					 "at most %ld delegates fit, or %ld more seats are needed",
					 r + 1, seats, N, seats, N - seats);
	}
	return ST_OK;
}

static int count_mandatory(const struct carousel_problem *p)
{
	int n = 0;

	for (int s = 0; s < p->nstations; s++)
		n += p->stations[s].mandatory;
	return n;
}

static enum status check_bounds(const struct carousel_problem *p, struct error *err)
{
	int K = p->nstations, R = p->nrotations, N = p->ndelegates, nmand;

	if (N == 0 || R == 0)
		return ST_OK;
	if (R > K)
		return error_set(err, ST_PROBLEM,
				 "each delegate must visit %d different stations but there are "
				 "only %d: at most %d rotations",
				 R, K, K);
	nmand = count_mandatory(p);
	if (nmand > R)
		return error_set(err, ST_PROBLEM,
				 "%d stations are mandatory but there are only %d rotations: "
				 "at most %d mandatory stations",
				 nmand, R, R);
	for (int s = 0; s < K; s++) {
		if (!p->stations[s].mandatory)
			continue;
		if (station_seats(p, s) < N)
			return error_set(err, ST_PROBLEM,
					 "mandatory station %d has %ld seats over its %d open "
					 "rotations for %d delegates: at most %ld can visit it",
					 s + 1, station_seats(p, s), open_rotations(p, s), N,
					 station_seats(p, s));
	}
	return check_rotation_seats(p, err);
}

/* ---- min-cost flow (primal-dual with blocking flows) ----------------- */

struct mcf {
	int n, m;
	int *head, *next, *to, *cap, *cost;
	long long *pot, *dist;
	int *level, *iter, *path, *queue;
};

struct heap_item {
	long long d;
	int v;
};

struct heap {
	struct heap_item *a;
	size_t n, cap;
};

static void mcf_init(struct mcf *f, int n, int medges)
{
	f->n = n;
	f->m = 0;
	f->head = xmalloc(sizeof(int) * (size_t)n);
	for (int v = 0; v < n; v++)
		f->head[v] = -1;
	f->next = xreallocarray(NULL, (size_t)medges * 2, sizeof(int));
	f->to = xreallocarray(NULL, (size_t)medges * 2, sizeof(int));
	f->cap = xreallocarray(NULL, (size_t)medges * 2, sizeof(int));
	f->cost = xreallocarray(NULL, (size_t)medges * 2, sizeof(int));
	f->pot = xcalloc((size_t)n, sizeof(long long));
	f->dist = xcalloc((size_t)n, sizeof(long long));
	f->level = xcalloc((size_t)n, sizeof(int));
	f->iter = xcalloc((size_t)n, sizeof(int));
	f->path = xcalloc((size_t)n, sizeof(int));
	f->queue = xcalloc((size_t)n, sizeof(int));
}

static void mcf_done(struct mcf *f)
{
	free(f->head);
	free(f->next);
	free(f->to);
	free(f->cap);
	free(f->cost);
	free(f->pot);
	free(f->dist);
	free(f->level);
	free(f->iter);
	free(f->path);
	free(f->queue);
}

static void mcf_arc(struct mcf *f, int u, int v, int cap, int cost)
{
	int e = f->m++;

	f->to[e] = v;
	f->cap[e] = cap;
	f->cost[e] = cost;
	f->next[e] = f->head[u];
	f->head[u] = e;
}

/* Add u -> v and its residual twin; returns the forward edge. */
static int mcf_edge(struct mcf *f, int u, int v, int cap, int cost)
{
	int e = f->m;

	mcf_arc(f, u, v, cap, cost);
	mcf_arc(f, v, u, 0, -cost);
	return e;
}

static void heap_push(struct heap *h, long long d, int v)
{
	size_t i;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->a = xreallocarray(h->a, h->cap, sizeof(*h->a));
	}
	for (i = h->n++; i > 0 && h->a[(i - 1) / 2].d > d; i = (i - 1) / 2)
		h->a[i] = h->a[(i - 1) / 2];
	h->a[i] = (struct heap_item){ d, v };
}

static struct heap_item heap_pop(struct heap *h)
{
	struct heap_item top = h->a[0], last = h->a[--h->n];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->a[c + 1].d < h->a[c].d)
			c++;
		if (h->a[c].d >= last.d)
			break;
		h->a[i] = h->a[c];
		i = c;
	}
	h->a[i] = last;
	return top;
}

static long long reduced(const struct mcf *f, int u, int e)
{
	return f->cost[e] + f->pot[u] - f->pot[f->to[e]];
}

/* Shortest paths on reduced costs; shifts potentials. False if t is cut off. */
static bool mcf_dijkstra(struct mcf *f, struct heap *h, int s, int t)
{
	long long dt;

	for (int v = 0; v < f->n; v++)
		f->dist[v] = INF_DIST;
	f->dist[s] = 0;
	h->n = 0;
	heap_push(h, 0, s);
	while (h->n) {
		struct heap_item it = heap_pop(h);

		if (it.d > f->dist[it.v])
			continue;
		if (it.v == t)
			break;
		for (int e = f->head[it.v]; e >= 0; e = f->next[e]) {
			long long nd = it.d + reduced(f, it.v, e);

			if (f->cap[e] > 0 && nd < f->dist[f->to[e]]) {
				f->dist[f->to[e]] = nd;
				heap_push(h, nd, f->to[e]);
			}
		}
	}
	dt = f->dist[t];
	if (dt == INF_DIST)
		return false;
	for (int v = 0; v < f->n; v++)
		f->pot[v] += f->dist[v] < dt ? f->dist[v] : dt;
	return true;
}

static bool admissible(const struct mcf *f, int u, int e)
{
	return f->cap[e] > 0 && reduced(f, u, e) == 0 && f->level[f->to[e]] == f->level[u] + 1;
}

static bool mcf_bfs(struct mcf *f, int s, int t)
{
	int qh = 0, qt = 0;

	for (int v = 0; v < f->n; v++)
		f->level[v] = -1;
	f->level[s] = 0;
	f->queue[qt++] = s;
	while (qh < qt) {
		int u = f->queue[qh++];

		for (int e = f->head[u]; e >= 0; e = f->next[e]) {
			int v = f->to[e];

			if (f->cap[e] > 0 && f->level[v] < 0 && reduced(f, u, e) == 0) {
				f->level[v] = f->level[u] + 1;
				f->queue[qt++] = v;
			}
		}
	}
	return f->level[t] >= 0;
}

static long mcf_augment(struct mcf *f, int depth, long limit)
{
	long b = limit;

	for (int i = 0; i < depth; i++)
		b = f->cap[f->path[i]] < b ? f->cap[f->path[i]] : b;
	for (int i = 0; i < depth; i++) {
		f->cap[f->path[i]] -= (int)b;
		f->cap[f->path[i] ^ 1] += (int)b;
	}
	return b;
}

/* Blocking flow on the admissible, levelled graph (iterative DFS). */
static long mcf_block(struct mcf *f, int s, int t, long limit)
{
	long total = 0;
	int depth = 0, u = s;

	for (int v = 0; v < f->n; v++)
		f->iter[v] = f->head[v];
	while (total < limit) {
		int e;

		if (u == t) {
			total += mcf_augment(f, depth, limit - total);
			depth = 0;
			u = s;
			continue;
		}
		for (e = f->iter[u]; e >= 0 && !admissible(f, u, e); e = f->next[e])
			;
		f->iter[u] = e;
		if (e >= 0) {
			f->path[depth++] = e;
			u = f->to[e];
			continue;
		}
		f->level[u] = -1;
		if (depth == 0)
			break;
		u = f->to[f->path[--depth] ^ 1];
		f->iter[u] = f->next[f->iter[u]];
	}
	return total;
}

struct flow_out {
	long flow;
	long long cost;
	long long bound; /* lower bound on the full flow's cost */
	bool complete;   /* ran to the end, not cut by the deadline */
};

/* Send up to demand units s -> t at least cost; stops at the deadline. */
static void mcf_run(struct mcf *f, int s, int t, long demand, double deadline, struct flow_out *out)
{
	struct heap h = { 0 };
	long long path_cost = 0;

	out->flow = 0;
	out->complete = true;
	while (out->flow < demand) {
		if (deadline > 0 && now_seconds() > deadline) {
			out->complete = false;
			break;
		}
		if (!mcf_dijkstra(f, &h, s, t))
			break;
		path_cost = f->pot[t] - f->pot[s];
		while (out->flow < demand && mcf_bfs(f, s, t))
			out->flow += mcf_block(f, s, t, demand - out->flow);
	}
	free(h.a);
	out->cost = 0;
	for (int e = 0; e < f->m; e += 2)
		out->cost += (long long)f->cost[e] * f->cap[e + 1];
	out->bound = out->cost + (demand - out->flow) * path_cost;
}

/* ---- choosing each delegate's set of stations ------------------------ */

struct solver {
	const struct carousel_problem *p;
	const struct carousel_options *opt;
	int N, K, R;
	int *cost; /* N*K visit costs */
	int *sets; /* N*R stations chosen for each delegate */
	double start, deadline;
	long long lower_bound;
	bool bound_exact; /* the flow ran to the end */
	bool stopped;     /* the deadline passed or the caller asked to stop */
	long iterations;
	long nodes; /* relaxations the exact search solved */
};

static void build_costs(struct solver *sv)
{
	const struct carousel_problem *p = sv->p;

	sv->cost = xreallocarray(NULL, (size_t)sv->N * sv->K + 1, sizeof(int));
	for (int d = 0; d < sv->N; d++) {
		const struct carousel_delegate *dl = &p->delegates[d];
		int *row = sv->cost + (size_t)d * sv->K;

		for (int s = 0; s < sv->K; s++)
			row[s] = dl->nchoices ? (int)carousel_rank_cost(p, 0) : 0;
		for (int i = 0; i < dl->nchoices; i++)
			row[dl->choices[i]] = (int)carousel_rank_cost(p, i + 1);
		for (int s = 0; s < sv->K; s++)
			if (p->stations[s].mandatory)
				row[s] = 0;
	}
}

/* Build the network; edge[d*K+s] is delegate d's edge to station s or -1. */
static void build_network(struct solver *sv, struct mcf *f, int *edge, int *sink_edge)
{
	int N = sv->N, K = sv->K, src = N + K, snk = N + K + 1;
	int need = sv->R - count_mandatory(sv->p);

	mcf_init(f, N + K + 2, N + N * K + K);
	for (int s = 0; s < K; s++) {
		long seats = station_seats(sv->p, s);

		sink_edge[s] = -1;
		if (sv->p->stations[s].mandatory)
			continue;
		seats = seats < N ? seats : N;
		sink_edge[s] = mcf_edge(f, N + s, snk, (int)seats, 0);
	}
	for (int d = N - 1; d >= 0; d--) {
		mcf_edge(f, src, d, need, 0);
		for (int s = K - 1; s >= 0; s--) {
			edge[(size_t)d * K + s] = -1;
			if (sink_edge[s] >= 0)
				edge[(size_t)d * K + s] = mcf_edge(f, d, N + s, 1,
								   sv->cost[(size_t)d * K + s]);
		}
	}
}

/* Give delegate d its missing stations greedily (after a deadline cut). */
static void complete_set(struct solver *sv, struct mcf *f, const int *sink_edge, int d, int *n)
{
	int *set = sv->sets + (size_t)d * sv->R;

	while (*n < sv->R) {
		int best = -1;

		for (int s = 0; s < sv->K; s++) {
			bool taken = false;

			for (int i = 0; i < *n; i++)
				taken |= set[i] == s;
			if (taken || sink_edge[s] < 0)
				continue;
			if (best < 0 || (f->cap[sink_edge[s]] > 0) > (f->cap[sink_edge[best]] > 0) ||
			    ((f->cap[sink_edge[s]] > 0) == (f->cap[sink_edge[best]] > 0) &&
			     sv->cost[(size_t)d * sv->K + s] < sv->cost[(size_t)d * sv->K + best]))
				best = s;
		}
		if (best < 0)
			break;
		if (f->cap[sink_edge[best]] > 0)
			f->cap[sink_edge[best]]--;
		set[(*n)++] = best;
	}
}

static void extract_sets(struct solver *sv, struct mcf *f, const int *edge, const int *sink_edge)
{
	for (int d = 0; d < sv->N; d++) {
		int *set = sv->sets + (size_t)d * sv->R, n = 0;

		for (int s = 0; s < sv->K; s++) {
			int e = edge[(size_t)d * sv->K + s];

			if (sv->p->stations[s].mandatory || (e >= 0 && f->cap[e] == 0))
				set[n++] = s;
		}
		complete_set(sv, f, sink_edge, d, &n);
		for (; n < sv->R; n++)
			set[n] = -1;
	}
}

/* Min-cost flow over sets; ST_PROBLEM when not every delegate can get R stations. */
static enum status choose_sets(struct solver *sv, struct error *err)
{
	int N = sv->N, K = sv->K;
	long demand = (long)N * (sv->R - count_mandatory(sv->p));
	int *edge = xreallocarray(NULL, (size_t)N * K + 1, sizeof(int));
	int *sink_edge = xcalloc((size_t)K + 1, sizeof(int));
	struct flow_out out;
	struct mcf f;

	build_network(sv, &f, edge, sink_edge);
	mcf_run(&f, N + K, N + K + 1, demand, sv->deadline, &out);
	sv->lower_bound = out.bound;
	sv->bound_exact = out.complete;
	sv->sets = xreallocarray(NULL, (size_t)N * sv->R + 1, sizeof(int));
	extract_sets(sv, &f, edge, sink_edge);
	mcf_done(&f);
	free(edge);
	free(sink_edge);
	if (out.complete && out.flow < demand)
		return error_set(err, ST_PROBLEM,
				 "the stations' seats cannot give each of %d delegates %d "
				 "different stations: at most %ld of %ld visits to "
				 "non-mandatory stations can be placed",
				 N, sv->R, out.flow, demand);
	return ST_OK;
}

/* ---- sets into rotations by edge colouring (no skipped rotations) ---- */

struct colouring {
	int R;
	int *eu, *ev, *col; /* per edge: delegate, seat, colour */
	int *lc, *rc;       /* per vertex and colour: the edge, or -1 */
};

static int free_colour(const int *tab, int v, int R)
{
	for (int c = 0; c < R; c++)
		if (tab[(size_t)v * R + c] < 0)
			return c;
	return -1;
}

static void set_colour(struct colouring *g, int e, int c)
{
	g->col[e] = c;
	g->lc[(size_t)g->eu[e] * g->R + c] = e;
	g->rc[(size_t)g->ev[e] * g->R + c] = e;
}

/* Swap colours a and b along the alternating path that starts at seat v. */
static void flip_path(struct colouring *g, int v, int a, int b, int *path)
{
	int n = 0, x = v, c = a;
	bool right = true;

	for (;;) {
		int e = (right ? g->rc : g->lc)[(size_t)x * g->R + c];

		if (e < 0)
			break;
		path[n++] = e;
		x = right ? g->eu[e] : g->ev[e];
		right = !right;
		c = c == a ? b : a;
	}
	for (int i = 0; i < n; i++) {
		int e = path[i];

		g->lc[(size_t)g->eu[e] * g->R + g->col[e]] = -1;
		g->rc[(size_t)g->ev[e] * g->R + g->col[e]] = -1;
	}
	for (int i = 0; i < n; i++)
		set_colour(g, path[i], g->col[path[i]] == a ? b : a);
}

static void colour_edge(struct colouring *g, int e, int *path)
{
	int a = free_colour(g->lc, g->eu[e], g->R);
	int b = free_colour(g->rc, g->ev[e], g->R);

	if (g->rc[(size_t)g->ev[e] * g->R + a] >= 0)
		flip_path(g, g->ev[e], a, b, path);
	set_colour(g, e, a);
}

/* Seat of every set entry: a station's visitors fill seats R at a time. */
static int assign_seats(const struct solver *sv, int *seat, int *seat_station)
{
	int K = sv->K, R = sv->R, nseats = 0;
	long *deg = xcalloc((size_t)K + 1, sizeof(long));
	int *base = xcalloc((size_t)K + 1, sizeof(int));

	for (size_t i = 0; i < (size_t)sv->N * R; i++)
		deg[sv->sets[i]]++;
	for (int s = 0; s < K; s++) {
		base[s] = nseats;
		nseats += (int)((deg[s] + R - 1) / R);
		deg[s] = 0;
	}
	for (size_t i = 0; i < (size_t)sv->N * R; i++) {
		int s = sv->sets[i];

		seat[i] = base[s] + (int)(deg[s]++ / R);
		seat_station[seat[i]] = s;
	}
	free(deg);
	free(base);
	return nseats;
}

/* Turn complete sets into a plan; each seat hosts one delegate per rotation. */
static void colour_plan(const struct solver *sv, int *plan)
{
	size_t E = (size_t)sv->N * sv->R;
	int *seat_station = xcalloc(E + 1, sizeof(int));
	struct colouring g = { .R = sv->R };
	int *path, nseats;

	g.eu = xreallocarray(NULL, E + 1, sizeof(int));
	g.ev = xreallocarray(NULL, E + 1, sizeof(int));
	g.col = xreallocarray(NULL, E + 1, sizeof(int));
	nseats = assign_seats(sv, g.ev, seat_station);
	g.lc = xreallocarray(NULL, E + 1, sizeof(int));
	g.rc = xreallocarray(NULL, (size_t)nseats * sv->R + 1, sizeof(int));
	memset(g.lc, -1, sizeof(int) * E);
	memset(g.rc, -1, sizeof(int) * (size_t)nseats * sv->R);
	path = xreallocarray(NULL, (size_t)sv->N + nseats + 1, sizeof(int));
	for (size_t e = 0; e < E; e++) {
		g.eu[e] = (int)(e / sv->R);
		colour_edge(&g, (int)e, path);
	}
	for (size_t e = 0; e < E; e++)
		plan[(size_t)g.eu[e] * sv->R + g.col[e]] = seat_station[g.ev[e]];
	free(seat_station);
	free(g.eu);
	free(g.ev);
	free(g.col);
	free(g.lc);
	free(g.rc);
	free(path);
}

/* ---- local search ----------------------------------------------------- */

struct obj {
	long hard;
	long long cost;
	long soft;
};

enum move_type { MV_SWAP, MV_REPLACE, MV_EXCHANGE, MV_PAIRSWAP };

struct move {
	enum move_type type;
	int d, e, r, r2, t, old;
};

struct cell {
	int *who;
	int n, cap;
};

struct search {
	const struct carousel_problem *p;
	const int *cost;
	int N, K, R;
	int *plan;          /* N*R */
	signed char *where; /* N*K: rotation of station s for d, or -1 */
	int *capc, *load;   /* K*R seats and delegates per (station, rotation) */
	struct cell *cells; /* K*R */
	int *pos;           /* N*R: index of d in its cell of rotation r */
	int *group;         /* dense organisation per delegate, -1 none */
	int ngroups;
	int *gcount;     /* K*R*ngroups, or NULL */
	long long *tabu; /* N*K: iteration until which (d, s) may not return to tabu_rot */
	signed char *tabu_rot;
	long hard, imbalance, colleagues;
	long long total;
	long iter;
	struct rng rng;
};

static int cmp_obj(const struct obj *a, const struct obj *b)
{
	if (a->hard != b->hard)
		return a->hard < b->hard ? -1 : 1;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	return (a->soft > b->soft) - (a->soft < b->soft);
}

static struct obj search_obj(const struct search *S)
{
	return (struct obj){ S->hard, S->total, S->imbalance + S->colleagues };
}

static void cell_leave(struct search *S, int d, int r)
{
	int s = S->plan[(size_t)d * S->R + r], c = s * S->R + r, g = S->group[d];
	struct cell *cl = &S->cells[c];
	int i = S->pos[(size_t)d * S->R + r], last = cl->who[--cl->n];

	if (S->load[c] > S->capc[c])
		S->hard--;
	S->load[c]--;
	cl->who[i] = last;
	S->pos[(size_t)last * S->R + r] = i;
	S->where[(size_t)d * S->K + s] = -1;
	S->total -= S->cost[(size_t)d * S->K + s];
	if (g >= 0 && S->gcount)
		S->colleagues -= --S->gcount[(size_t)c * S->ngroups + g];
	S->plan[(size_t)d * S->R + r] = -1;
}

static void cell_enter(struct search *S, int d, int r, int s)
{
	int c = s * S->R + r, g = S->group[d];
	struct cell *cl = &S->cells[c];

	if (cl->n == cl->cap) {
		cl->cap = cl->cap ? cl->cap * 2 : 8;
		cl->who = xreallocarray(cl->who, (size_t)cl->cap, sizeof(int));
	}
	S->pos[(size_t)d * S->R + r] = cl->n;
	cl->who[cl->n++] = d;
	S->load[c]++;
	if (S->load[c] > S->capc[c])
		S->hard++;
	S->where[(size_t)d * S->K + s] = (signed char)r;
	S->total += S->cost[(size_t)d * S->K + s];
	if (g >= 0 && S->gcount)
		S->colleagues += S->gcount[(size_t)c * S->ngroups + g]++;
	S->plan[(size_t)d * S->R + r] = s;
}

static int at(const struct search *S, int d, int r)
{
	return S->plan[(size_t)d * S->R + r];
}

static void swap_rotations(struct search *S, int d, int r, int r2)
{
	int a = at(S, d, r), b = at(S, d, r2);

	cell_leave(S, d, r);
	cell_leave(S, d, r2);
	cell_enter(S, d, r, b);
	cell_enter(S, d, r2, a);
}

static void exchange(struct search *S, int d, int e, int r)
{
	int s = at(S, d, r), t = at(S, e, r);

	cell_leave(S, d, r);
	cell_leave(S, e, r);
	cell_enter(S, d, r, t);
	cell_enter(S, e, r, s);
}

/* Apply a move (or undo it, for the self-inverse ones), keeping imbalance. */
static void move_do(struct search *S, struct move *m, bool undo)
{
	int a = -1, b = -1;

	if (m->type == MV_SWAP) {
		a = at(S, m->d, m->r);
		b = at(S, m->d, m->r2);
	} else if (m->type == MV_REPLACE) {
		a = at(S, m->d, m->r);
		b = undo ? m->old : m->t;
	}
	if (a >= 0)
		S->imbalance -= station_imbalance(S->p, S->load, a) +
				station_imbalance(S->p, S->load, b);
	switch (m->type) {
	case MV_SWAP:
		swap_rotations(S, m->d, m->r, m->r2);
		break;
	case MV_REPLACE:
		if (!undo)
			m->old = a;
		cell_leave(S, m->d, m->r);
		cell_enter(S, m->d, m->r, b);
		break;
	case MV_EXCHANGE:
		exchange(S, m->d, m->e, m->r);
		break;
	case MV_PAIRSWAP:
		swap_rotations(S, m->d, m->r, m->r2);
		swap_rotations(S, m->e, m->r, m->r2);
		break;
	}
	if (a >= 0)
		S->imbalance += station_imbalance(S->p, S->load, a) +
				station_imbalance(S->p, S->load, b);
}

/* Try a move: apply it and return the objective; the caller undoes it or not. */
static struct obj move_try(struct search *S, struct move *m)
{
	move_do(S, m, false);
	return search_obj(S);
}

static bool move_tabu(const struct search *S, const struct move *m)
{
	const long long *tb = S->tabu + (size_t)m->d * S->K;
	const signed char *tr = S->tabu_rot + (size_t)m->d * S->K;
	int s1, s2;

	if (m->type == MV_REPLACE)
		return tb[m->t] > S->iter && tr[m->t] == m->r;
	if (m->type != MV_SWAP)
		return false;
	s1 = at(S, m->d, m->r);
	s2 = at(S, m->d, m->r2);
	return (tb[s1] > S->iter && tr[s1] == m->r2) || (tb[s2] > S->iter && tr[s2] == m->r);
}

static void make_tabu(struct search *S, int d, int s, int r)
{
	S->tabu[(size_t)d * S->K + s] = S->iter + 7 + rng_below(&S->rng, 10);
	S->tabu_rot[(size_t)d * S->K + s] = (signed char)r;
}

static bool pick_conflict(struct search *S, int *d, int *r)
{
	int n = S->K * S->R, start = (int)rng_below(&S->rng, (uint32_t)n);

	for (int i = 0; i < n; i++) {
		int c = (start + i) % n;

		if (S->load[c] > S->capc[c] && S->cells[c].n > 0) {
			*d = S->cells[c].who[rng_below(&S->rng, (uint32_t)S->cells[c].n)];
			*r = c % S->R;
			return true;
		}
	}
	return false;
}

struct pick {
	struct move m;
	struct obj o;
	int ties;
	bool noise;
};

/* Evaluate candidate m for the best (non-tabu unless it beats best) move. */
static void consider(struct search *S, struct pick *pk, struct move m, const struct obj *best)
{
	bool tabu;
	struct obj o;
	int c;

	if (pk->noise) {
		if (rng_below(&S->rng, (uint32_t)++pk->ties) == 0)
			pk->m = m;
		return;
	}
	tabu = move_tabu(S, &m);
	o = move_try(S, &m);
	move_do(S, &m, true);
	if (tabu && cmp_obj(&o, best) >= 0)
		return;
	c = pk->ties ? cmp_obj(&o, &pk->o) : -1;
	if (c < 0) {
		pk->m = m;
		pk->o = o;
		pk->ties = 1;
	} else if (c == 0 && rng_below(&S->rng, (uint32_t)++pk->ties) == 0) {
		pk->m = m;
	}
}

/* Min-conflicts: move a delegate out of an overfull (station, rotation). */
static void conflict_step(struct search *S, const struct obj *best)
{
	struct pick pk = { .ties = 0 };
	int d, r, s;

	if (!pick_conflict(S, &d, &r))
		return;
	s = at(S, d, r);
	pk.noise = rng_below(&S->rng, 100) < 3;
	for (int r2 = 0; r2 < S->R; r2++)
		if (r2 != r)
			consider(S, &pk, (struct move){ .type = MV_SWAP, .d = d, .r = r, .r2 = r2 },
				 best);
	for (int t = 0; t < S->K && !S->p->stations[s].mandatory; t++)
		if (S->where[(size_t)d * S->K + t] < 0)
			consider(S, &pk,
				 (struct move){ .type = MV_REPLACE, .d = d, .r = r, .t = t }, best);
	if (pk.ties == 0)
		return;
	if (pk.m.type == MV_SWAP)
		make_tabu(S, d, at(S, d, pk.m.r2), pk.m.r2);
	make_tabu(S, d, s, r);
	move_do(S, &pk.m, false);
}

static bool find_pair(struct search *S, struct move *m)
{
	int a = at(S, m->d, m->r), b = at(S, m->d, m->r2);
	struct cell *cl = &S->cells[b * S->R + m->r];
	int start;

	if (cl->n == 0)
		return false;
	start = (int)rng_below(&S->rng, (uint32_t)cl->n);
	for (int i = 0; i < cl->n; i++) {
		int e = cl->who[(start + i) % cl->n];

		if (at(S, e, m->r2) == a) {
			m->e = e;
			return true;
		}
	}
	return false;
}

/* Draw a random structurally valid move; false if the draw failed. */
static bool random_move(struct search *S, struct move *m)
{
	int d = (int)rng_below(&S->rng, (uint32_t)S->N), r = (int)rng_below(&S->rng, (uint32_t)S->R);
	int k = (int)rng_below(&S->rng, 100), t = (int)rng_below(&S->rng, (uint32_t)S->K);
	int s = at(S, d, r);

	*m = (struct move){ .d = d, .r = r, .t = t };
	if (k < 40) {
		struct cell *cl = &S->cells[t * S->R + r];

		if (cl->n == 0 || S->where[(size_t)d * S->K + t] >= 0)
			return false;
		m->type = MV_EXCHANGE;
		m->e = cl->who[rng_below(&S->rng, (uint32_t)cl->n)];
		return S->where[(size_t)m->e * S->K + s] < 0 && !S->p->stations[s].mandatory &&
		       !S->p->stations[t].mandatory;
	}
	if (k < 65) {
		m->type = MV_REPLACE;
		return S->where[(size_t)d * S->K + t] < 0 && !S->p->stations[s].mandatory;
	}
	m->r2 = (int)rng_below(&S->rng, (uint32_t)S->R);
	if (m->r2 == r)
		return false;
	m->type = k < 80 ? MV_SWAP : MV_PAIRSWAP;
	return m->type == MV_SWAP || find_pair(S, m);
}

/* Random move, kept when the plan is no worse. */
static void improve_step(struct search *S)
{
	struct obj cur = search_obj(S), o;
	struct move m;

	if (!random_move(S, &m))
		return;
	o = move_try(S, &m);
	if (cmp_obj(&o, &cur) > 0)
		move_do(S, &m, true);
}

static bool stop_now(struct search *S, struct solver *sv, const struct obj *best)
{
	struct carousel_progress pr;

	if (sv->deadline > 0 && now_seconds() > sv->deadline)
		sv->stopped = true;
	if (sv->stopped || !sv->opt || !sv->opt->progress || (S->iter & 0xffff))
		return sv->stopped;
	pr = (struct carousel_progress){ "search",   S->iter,         best->hard,
					 best->cost, sv->lower_bound, now_seconds() - sv->start };
	sv->stopped = sv->opt->progress(sv->opt->progress_ctx, &pr) != 0;
	return sv->stopped;
}

static bool at_target(const struct obj *o, const struct solver *sv)
{
	return o->hard == 0 && o->soft == 0 && o->cost <= sv->lower_bound;
}

/* Search until the target, a stall, the deadline, or (repair) feasibility;
 * the best plan goes to best_plan and its objective is returned. */
static struct obj search_run(struct search *S, struct solver *sv, int *best_plan, long limit,
			     bool repair)
{
	size_t bytes = sizeof(int) * (size_t)S->N * S->R;
	struct obj best = search_obj(S), cur;
	long stall = 0;

	memcpy(best_plan, S->plan, bytes);
	while (!at_target(&best, sv) && stall < limit && !(repair && best.hard == 0)) {
		if ((S->iter & 255) == 0 && stop_now(S, sv, &best))
			break;
		S->iter++;
		if (S->hard > 0)
			conflict_step(S, &best);
		else
			improve_step(S);
		cur = search_obj(S);
		stall++;
		if (cmp_obj(&cur, &best) < 0) {
			best = cur;
			memcpy(best_plan, S->plan, bytes);
			stall = 0;
		}
	}
	sv->iterations = S->iter;
	return best;
}

/* ---- search set-up ---------------------------------------------------- */

static int cmp_pair(const void *a, const void *b)
{
	const int *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Number organisations 0..G-1; -1 stays "none". */
static void dense_groups(struct search *S)
{
	int N = S->N, *pairs = xreallocarray(NULL, (size_t)N * 2 + 2, sizeof(int));
	int n = 0;

	S->group = xreallocarray(NULL, (size_t)N + 1, sizeof(int));
	for (int d = 0; d < N; d++) {
		S->group[d] = -1;
		if (S->p->delegates[d].group >= 0) {
			pairs[2 * n] = S->p->delegates[d].group;
			pairs[2 * n + 1] = d;
			n++;
		}
	}
	qsort(pairs, (size_t)n, 2 * sizeof(int), cmp_pair);
	S->ngroups = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && pairs[2 * i] != pairs[2 * i - 2])
			S->ngroups++;
		S->group[pairs[2 * i + 1]] = S->ngroups;
	}
	S->ngroups += n > 0;
	free(pairs);
	if (S->ngroups > 0 && (long)S->K * S->R * S->ngroups <= MAX_PAIRS)
		S->gcount = xcalloc((size_t)S->K * S->R * S->ngroups, sizeof(int));
}

static void search_init(struct search *S, const struct solver *sv)
{
	size_t KR = (size_t)sv->K * sv->R;

	memset(S, 0, sizeof(*S));
	S->p = sv->p;
	S->cost = sv->cost;
	S->N = sv->N;
	S->K = sv->K;
	S->R = sv->R;
	S->plan = xreallocarray(NULL, (size_t)S->N * S->R + 1, sizeof(int));
	S->pos = xreallocarray(NULL, (size_t)S->N * S->R + 1, sizeof(int));
	S->where = xmalloc((size_t)S->N * S->K + 1);
	memset(S->where, -1, (size_t)S->N * S->K);
	S->capc = xcalloc(KR + 1, sizeof(int));
	S->load = xcalloc(KR + 1, sizeof(int));
	S->cells = xcalloc(KR + 1, sizeof(*S->cells));
	S->tabu = xcalloc((size_t)S->N * S->K + 1, sizeof(long long));
	S->tabu_rot = xcalloc((size_t)S->N * S->K + 1, 1);
	for (int s = 0; s < S->K; s++)
		for (int r = 0; r < S->R; r++)
			if (station_open(&S->p->stations[s], r))
				S->capc[s * S->R + r] = S->p->stations[s].capacity;
	dense_groups(S);
	rng_seed(&S->rng, sv->opt ? sv->opt->seed : 0);
}

static void search_done(struct search *S)
{
	for (int c = 0; c < S->K * S->R; c++)
		free(S->cells[c].who);
	free(S->plan);
	free(S->pos);
	free(S->where);
	free(S->capc);
	free(S->load);
	free(S->cells);
	free(S->tabu);
	free(S->tabu_rot);
	free(S->group);
	free(S->gcount);
}

static void search_load(struct search *S, const int *plan)
{
	for (int d = 0; d < S->N; d++)
		for (int r = 0; r < S->R; r++)
			cell_enter(S, d, r, plan[(size_t)d * S->R + r]);
	S->imbalance = 0;
	for (int s = 0; s < S->K; s++)
		S->imbalance += station_imbalance(S->p, S->load, s);
}

/* ---- the solver ------------------------------------------------------- */

static bool any_skip(const struct carousel_problem *p)
{
	uint64_t mask = p->nrotations >= 64 ? ~0ULL : (1ULL << p->nrotations) - 1;

	for (int s = 0; s < p->nstations; s++)
		if (p->stations[s].skip & mask)
			return true;
	return false;
}

static void report_progress(struct solver *sv, const char *phase)
{
	struct carousel_progress pr = {
		phase, 0, 0, sv->lower_bound, sv->lower_bound, now_seconds() - sv->start
	};

	if (sv->opt && sv->opt->progress && !sv->stopped)
		sv->stopped = sv->opt->progress(sv->opt->progress_ctx, &pr) != 0;
}

/* ---- exact search when stations skip rotations ------------------------ */

/* Delegates with one cost row are interchangeable for the cost: a type.
 * Members of type t are member[start[t] .. start[t+1]), in index order. */
struct types {
	int T;
	int *start;
	int *member;
};

struct row_key {
	const int *cost;
	int K;
};

static int cmp_row(const struct row_key *k, int x, int y)
{
	return memcmp(k->cost + (size_t)x * k->K, k->cost + (size_t)y * k->K,
		      sizeof(int) * (size_t)k->K);
}

static int cmp_members(const void *a, const void *b, void *arg)
{
	int x = *(const int *)a, y = *(const int *)b, c = cmp_row(arg, x, y);

	return c ? c : (x > y) - (x < y);
}

static void types_build(const struct solver *sv, struct types *ty)
{
	struct row_key key = { sv->cost, sv->K };
	int N = sv->N;

	ty->member = xreallocarray(NULL, (size_t)N + 1, sizeof(int));
	ty->start = xreallocarray(NULL, (size_t)N + 2, sizeof(int));
	for (int d = 0; d < N; d++)
		ty->member[d] = d;
	qsort_r(ty->member, (size_t)N, sizeof(int), cmp_members, &key);
	ty->T = 0;
	for (int i = 0; i < N; i++)
		if (i == 0 || cmp_row(&key, ty->member[i - 1], ty->member[i]) != 0)
			ty->start[ty->T++] = i;
	ty->start[ty->T] = N;
}

static void types_done(struct types *ty)
{
	free(ty->start);
	free(ty->member);
}

/* The search state. The relaxation of what is left (the rotation flow):
 * each type sends its members' non-mandatory visits to stations (at most
 * one each per member, at its visit cost), mandatory stations take one
 * visit of everyone, stations pass them to their open rotations within
 * the seats left, and each rotation takes one visit of everyone. Any plan
 * gives such a flow, so its least cost bounds the plans from below; and
 * with cost left aside every such flow is a plan (König: the station x
 * rotation multigraph of its visits, of degree N, splits into N matchings,
 * each one delegate's stations), so it decides feasibility exactly. */
struct bb {
	struct solver *sv;
	struct types ty;
	int T, K, R, nmand;
	/* classes: a laminar family of sets O of rotations; a delegate visits
	 * at most k of the stations open only within O (Hall) */
	int C;
	int *cls_cap;     /* C: k, the non-mandatory such visits */
	int *cls_up;      /* C: the smallest class above, -1 none */
	int *st_cls;      /* K: the smallest class holding the station, -1 */
	int *rescap;      /* K*R seats left; 0 in a skipped rotation */
	int *left;        /* T: members not yet placed */
	int nleft, tleft; /* members and types left */
	long long fixed;  /* cost of the placed */
	int *plan;        /* N*R: rows of the placed */
	/* the relaxation's last optimum, as peels left it */
	int *ft;         /* T*K: members of t sent to s */
	int *x;          /* K*R: visits of s in r */
	long long *pot;  /* node potentials proving it optimal */
	long long bound; /* fixed + its cost: no plan below here costs less */
	bool fresh;      /* ft, x and pot are the optimum at this node */
	bool *blocked;   /* T: no peel of t fits the flow any more */
	int *order;      /* T: peel order, most constrained first */
	long long *key;  /* T: its keys */
	int cursor;      /* types before order[cursor] are done or blocked */
	long flow;       /* visits the last solve placed */
	/* the Lagrangian bound: seat prices, the loads and patterns they give */
	long long *lam, *lsub;
	int *lpat;
	/* scratch of the assignment in a peel */
	long long *ha, *hu, *hv, *hmin;
	int *hp, *hway, *hcol, *hcand;
	bool *hused;
	/* the search */
	long long best; /* cost of best_plan; LLONG_MAX none */
	int *best_plan;
	long long root;
	long solves, budget, reported;
	bool cut;     /* stopped before the tree was searched through */
	bool partial; /* some level listed only part of its patterns */
	struct bb_frame *stack;
	int depth, stack_cap;
};

static int node_station(const struct bb *bb, int s)
{
	return bb->T + s;
}

static int node_rotation(const struct bb *bb, int r)
{
	return bb->T + bb->K + r;
}

static int node_class(const struct bb *bb, int t, int cl)
{
	return cl < 0 ? t : bb->T + bb->K + bb->R + 2 + t * bb->C + cl;
}

static int bb_nodes(const struct bb *bb)
{
	return bb->T + bb->K + bb->R + 2 + bb->T * bb->C;
}

static const int *type_row(const struct bb *bb, int t)
{
	return bb->sv->cost + (size_t)bb->ty.member[bb->ty.start[t]] * bb->K;
}

static bool mandatory(const struct bb *bb, int s)
{
	return bb->sv->p->stations[s].mandatory;
}

static void rf_types(struct bb *bb, struct mcf *f, int *te)
{
	int T = bb->T, K = bb->K, R = bb->R, src = T + K + R;

	for (int t = 0; t < T; t++) {
		if (!bb->left[t])
			continue;
		mcf_edge(f, src, t, bb->left[t] * (R - bb->nmand), 0);
		for (int c = 0; c < bb->C; c++)
			mcf_edge(f, node_class(bb, t, bb->cls_up[c]), node_class(bb, t, c),
				 bb->left[t] * bb->cls_cap[c], 0);
		for (int s = 0; s < K; s++)
			te[(size_t)t * K + s] = mandatory(bb, s)
							? -1
							: mcf_edge(f,
								   node_class(bb, t, bb->st_cls[s]),
								   node_station(bb, s), bb->left[t],
								   type_row(bb, t)[s]);
	}
}

static void rf_network(struct bb *bb, struct mcf *f, int *te, int *se)
{
	int T = bb->T, K = bb->K, R = bb->R, src = T + K + R;

	mcf_init(f, bb_nodes(bb), T * (1 + bb->C + K) + K + K * R + R);
	rf_types(bb, f, te);
	for (int s = 0; s < K; s++) {
		if (mandatory(bb, s))
			mcf_edge(f, src, node_station(bb, s), bb->nleft, 0);
		for (int r = 0; r < R; r++)
			se[s * R + r] = bb->rescap[s * R + r] <= 0
						? -1
						: mcf_edge(f, node_station(bb, s),
							   node_rotation(bb, r),
							   bb->rescap[s * R + r], 0);
	}
	for (int r = 0; r < R; r++)
		mcf_edge(f, node_rotation(bb, r), src + 1, bb->nleft, 0);
}

/* Solve the relaxation of what is left; false if no plan completes this
 * node (or the deadline cut the flow: then bb->cut is set). */
static bool rf_solve(struct bb *bb)
{
	int T = bb->T, K = bb->K, R = bb->R, src = T + K + R;
	int *te = xreallocarray(NULL, (size_t)T * K + 1, sizeof(int));
	int *se = xreallocarray(NULL, (size_t)K * R + 1, sizeof(int));
	long demand = (long)bb->nleft * R;
	struct flow_out out;
	struct mcf f;

	for (size_t i = 0; i < (size_t)T * K; i++)
		te[i] = -1;
	rf_network(bb, &f, te, se);
	mcf_run(&f, src, src + 1, demand, bb->sv->deadline, &out);
	bb->solves++;
	for (size_t i = 0; i < (size_t)T * K; i++)
		bb->ft[i] = te[i] >= 0 ? f.cap[te[i] + 1] : 0;
	for (int c = 0; c < K * R; c++)
		bb->x[c] = se[c] >= 0 ? f.cap[se[c] + 1] : 0;
	memcpy(bb->pot, f.pot, sizeof(long long) * (size_t)bb_nodes(bb));
	memset(bb->blocked, 0, sizeof(bool) * (size_t)(T + 1));
	bb->bound = bb->fixed + out.cost;
	bb->flow = out.flow;
	bb->fresh = out.complete && out.flow == demand;
	bb->cut |= !out.complete;
	mcf_done(&f);
	free(te);
	free(se);
	return bb->fresh;
}

/* ---- peeling: a member of a type takes stations and rotations the flow
 * already gives, which keeps the flow optimal for the rest ------------- */

/* Least-cost assignment of n rows to distinct columns of m >= n (a is
 * n x m, row-major); col[i] gets row i's column (Kuhn-Munkres, O(n^2 m)). */
static void hungarian(const long long *a, int n, int m, int *col, long long *u, long long *v,
		      long long *minv, int *p, int *way, bool *used)
{
	memset(u, 0, sizeof(*u) * ((size_t)n + 1));
	memset(v, 0, sizeof(*v) * ((size_t)m + 1));
	memset(p, 0, sizeof(*p) * ((size_t)m + 1));
	for (int i = 1; i <= n; i++) {
		int j0 = 0;

		p[0] = i;
		for (int j = 0; j <= m; j++) {
			minv[j] = LLONG_MAX;
			used[j] = false;
		}
		do {
			int i0 = p[j0], j1 = 0;
			long long delta = LLONG_MAX;

			used[j0] = true;
			for (int j = 1; j <= m; j++) {
				long long cur;

				if (used[j])
					continue;
				cur = a[(size_t)(i0 - 1) * m + j - 1] - u[i0] - v[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (int j = 0; j <= m; j++) {
				if (used[j]) {
					u[p[j]] += delta;
					v[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			int j1 = way[j0];

			p[j0] = p[j1];
			j0 = j1;
		} while (j0);
	}
	for (int j = 1; j <= m; j++)
		if (p[j])
			col[p[j] - 1] = j - 1;
}

#define FORBID (1LL << 50)

static bool peel_need(const struct bb *bb, int t, int s)
{
	return mandatory(bb, s) || bb->ft[(size_t)t * bb->K + s] == bb->left[t];
}

/* A pattern for the next member of t inside the flow: stations the flow
 * sends t to (every one it sends all of t's members to), each in a
 * rotation where the flow has visits of it, the largest counts first. */
static bool peel_pattern(struct bb *bb, int t, int *pat)
{
	int K = bb->K, R = bb->R, m = 0, must = 0, got = 0;
	const int *ft = bb->ft + (size_t)t * K;
	long long pen = (long long)R * (bb->nleft + 1) + 1;

	for (int s = 0; s < K; s++)
		if (mandatory(bb, s) || ft[s] > 0)
			bb->hcand[m++] = s;
	if (m < R)
		return false;
	for (int j = 0; j < m; j++) {
		int s = bb->hcand[j];
		bool need = peel_need(bb, t, s);

		must += need;
		for (int r = 0; r < R; r++) {
			int x = bb->x[s * R + r];

			bb->ha[(size_t)r * m + j] = x <= 0 ? FORBID : (need ? 0 : pen) - x;
		}
	}
	hungarian(bb->ha, R, m, bb->hcol, bb->hu, bb->hv, bb->hmin, bb->hp, bb->hway, bb->hused);
	for (int r = 0; r < R; r++) {
		int j = bb->hcol[r];

		if (bb->ha[(size_t)r * m + j] == FORBID)
			return false;
		got += peel_need(bb, t, bb->hcand[j]);
		pat[r] = bb->hcand[j];
	}
	return got == must;
}

static int cmp_key(const void *a, const void *b, void *arg)
{
	const long long *key = arg;
	long long x = key[*(const int *)a], y = key[*(const int *)b];

	return (x > y) - (x < y);
}

/* Peel order: types with the fewest (station, rotation) cells of the flow
 * open to them first. */
static void peel_order(struct bb *bb)
{
	int K = bb->K, R = bb->R, *cnt = bb->hcand;
	long long *key = bb->key;

	for (int s = 0; s < K; s++) {
		cnt[s] = 0;
		for (int r = 0; r < R; r++)
			cnt[s] += bb->x[s * R + r] > 0;
	}
	for (int t = 0; t < bb->T; t++) {
		key[t] = 0;
		for (int s = 0; s < K; s++)
			if (mandatory(bb, s) || bb->ft[(size_t)t * K + s] > 0)
				key[t] += cnt[s];
		key[t] = key[t] * bb->T + t;
		bb->order[t] = t;
	}
	qsort_r(bb->order, (size_t)bb->T, sizeof(int), cmp_key, key);
	bb->cursor = 0;
}

static int next_member(const struct bb *bb, int t)
{
	int w = bb->ty.start[t + 1] - bb->ty.start[t];

	return bb->ty.member[bb->ty.start[t] + w - bb->left[t]];
}

/* Give the next member of t the pattern pat. */
static void bb_place(struct bb *bb, int t, const int *pat)
{
	int d = next_member(bb, t), R = bb->R;

	memcpy(bb->plan + (size_t)d * R, pat, sizeof(int) * (size_t)R);
	for (int r = 0; r < R; r++) {
		bb->rescap[pat[r] * R + r]--;
		bb->fixed += bb->sv->cost[(size_t)d * bb->K + pat[r]];
	}
	bb->tleft -= --bb->left[t] == 0;
	bb->nleft--;
}

/* Take back the last placement of a member of t. */
static void bb_unplace(struct bb *bb, int t)
{
	int d, R = bb->R;

	bb->tleft += bb->left[t]++ == 0;
	bb->nleft++;
	d = next_member(bb, t);
	for (int r = 0; r < R; r++) {
		int s = bb->plan[(size_t)d * R + r];

		bb->rescap[s * R + r]++;
		bb->fixed -= bb->sv->cost[(size_t)d * bb->K + s];
	}
}

/* Peel one member off the flow; its type in *t, false when none fits. */
static bool bb_peel(struct bb *bb, int *t, int *pat)
{
	int K = bb->K, R = bb->R;

	while (bb->cursor < bb->T) {
		int u = bb->order[bb->cursor];

		if (bb->left[u] == 0 || !peel_pattern(bb, u, pat)) {
			bb->blocked[u] = bb->left[u] > 0;
			bb->cursor++;
			continue;
		}
		for (int r = 0; r < R; r++) {
			bb->x[pat[r] * R + r]--;
			if (!mandatory(bb, pat[r]))
				bb->ft[(size_t)u * K + pat[r]]--;
		}
		bb_place(bb, u, pat);
		bb->fresh = false;
		*t = u;
		return true;
	}
	return false;
}

/* ---- the Lagrangian bound: seats priced, each type alone -------------- */

/* With a price lam on each seat of each (station, rotation), members
 * choose their best pattern alone (an assignment of rotations to
 * stations, every mandatory one among them); what they pay less the
 * seats' worth bounds every plan from below. Subgradient steps move the
 * prices. Prices are kept in 1/LAG_SCALE units, so that the bound is exact. */
#define LAG_SCALE 1024
#define LAG_MAX (1LL << 30)  /* a price, at most */
#define LAG_MAND (1LL << 44) /* the bonus that makes mandatory stations chosen */
#define LAG_SIZE 40000L      /* types left x stations x rotations beyond which it is off */
#define LAG_STATIONS 256     /* and stations */
#define LAG_ROOT 200         /* subgradient steps at the root */
#define LAG_NODE 30          /* and at a node */

/* Type t's best pattern at the prices: its cost (scaled) into *cost,
 * pattern into pat; false when none meets the mandatory stations. */
static bool lag_type(struct bb *bb, int t, int *pat, long long *cost)
{
	int K = bb->K, R = bb->R, mand = 0;
	const int *row = type_row(bb, t);

	for (int r = 0; r < R; r++)
		for (int s = 0; s < K; s++)
			bb->ha[(size_t)r * K + s] = bb->rescap[s * R + r] <= 0
							    ? FORBID
							    : row[s] * LAG_SCALE +
								      bb->lam[s * R + r] -
								      (mandatory(bb, s) ? LAG_MAND
											: 0);
	hungarian(bb->ha, R, K, pat, bb->hu, bb->hv, bb->hmin, bb->hp, bb->hway, bb->hused);
	*cost = 0;
	for (int r = 0; r < R; r++) {
		long long a = bb->ha[(size_t)r * K + pat[r]];

		if (a >= FORBID)
			return false;
		mand += mandatory(bb, pat[r]);
		*cost += a + (mandatory(bb, pat[r]) ? LAG_MAND : 0);
	}
	return mand == bb->nmand;
}

static long long ceil_div(long long a, long long b)
{
	return a >= 0 ? (a + b - 1) / b : -(-a / b);
}

/* The bound at the current prices (LLONG_MAX: no plan here); the load of
 * each seat in sub, each type's pattern in bb->lpat. */
static long long lag_eval(struct bb *bb, long long *sub)
{
	int K = bb->K, R = bb->R;
	long long total = 0, cost;

	memset(sub, 0, sizeof(long long) * (size_t)K * R);
	for (int t = 0; t < bb->T; t++) {
		int *pat = bb->lpat + (size_t)t * R;

		if (!bb->left[t])
			continue;
		if (!lag_type(bb, t, pat, &cost))
			return LLONG_MAX;
		total += bb->left[t] * cost;
		for (int r = 0; r < R; r++)
			sub[pat[r] * R + r] += bb->left[t];
	}
	for (int c = 0; c < K * R; c++) {
		total -= bb->lam[c] * bb->rescap[c];
		sub[c] -= bb->rescap[c];
	}
	return bb->fixed + ceil_div(total, LAG_SCALE);
}

/* When the prices' patterns fit the seats, they are a plan: keep it if best. */
static void lag_plan(struct bb *bb, const long long *sub)
{
	int K = bb->K, R = bb->R, done;
	long long cost = bb->fixed;

	for (int c = 0; c < K * R; c++)
		if (sub[c] > 0)
			return;
	for (int t = 0; t < bb->T; t++)
		for (int r = 0; r < R && bb->left[t]; r++)
			cost += (long long)bb->left[t] *
				type_row(bb, t)[bb->lpat[(size_t)t * R + r]];
	if (cost >= bb->best)
		return;
	memcpy(bb->best_plan, bb->plan, sizeof(int) * (size_t)bb->sv->N * R);
	for (int t = 0; t < bb->T; t++) {
		done = bb->ty.start[t + 1] - bb->ty.start[t] - bb->left[t];
		for (int i = done; i < bb->ty.start[t + 1] - bb->ty.start[t]; i++)
			memcpy(bb->best_plan + (size_t)bb->ty.member[bb->ty.start[t] + i] * R,
			       bb->lpat + (size_t)t * R, sizeof(int) * (size_t)R);
	}
	bb->best = cost;
}

/* One subgradient step towards the best plan's cost. */
static void lag_step(struct bb *bb, const long long *sub, long long bound, double theta)
{
	double norm = 0, step;

	for (int c = 0; c < bb->K * bb->R; c++)
		norm += (double)sub[c] * (double)sub[c];
	if (norm == 0)
		return;
	step = theta * (double)(bb->best - bound + 1) * LAG_SCALE / norm;
	for (int c = 0; c < bb->K * bb->R; c++) {
		double v = (double)bb->lam[c] + step * (double)sub[c];

		bb->lam[c] = v <= 0 ? 0 : v >= (double)LAG_MAX ? LAG_MAX : (long long)v;
	}
}

/* The best bound of a few steps from the last prices; LLONG_MAX: no plan. */
static long long lag_bound(struct bb *bb, int steps)
{
	long long *sub = bb->lsub, best = LLONG_MIN, b;
	double theta = 1;
	int stale = 0;

	if (!bb->lam || (long)bb->tleft * bb->K * bb->R > LAG_SIZE)
		return LLONG_MIN;
	for (int i = 0; i < steps && best < bb->best; i++) {
		b = lag_eval(bb, sub);
		if (b == LLONG_MAX)
			return b;
		lag_plan(bb, sub);
		if (b > best) {
			best = b;
			stale = 0;
		} else if (++stale == 5) {
			theta /= 2;
			stale = 0;
		}
		lag_step(bb, sub, b, theta);
	}
	return best;
}

static void lag_init(struct bb *bb)
{
	if (bb->K > LAG_STATIONS)
		return;
	bb->lam = xcalloc((size_t)bb->K * bb->R + 1, sizeof(long long));
	bb->lsub = xcalloc((size_t)bb->K * bb->R + 1, sizeof(long long));
	bb->lpat = xcalloc((size_t)bb->T * bb->R + 1, sizeof(int));
}

/* Solve the node: the flow, then, unless it prunes, the Lagrangian bound;
 * true when the node may hold a plan better than the best. */
static bool bb_solve(struct bb *bb)
{
	if (!rf_solve(bb) || bb->bound >= bb->best)
		return false;
	return lag_bound(bb, LAG_NODE) < bb->best;
}

/* ---- branching -------------------------------------------------------- */

#define KIDS_MAX 65536     /* patterns listed at one level, at most */
#define KIDS_WALK 4000000L /* steps of the listing walk, at most */

/* One level of the search: a member of type t placed, by a peel first
 * (siblings listed when the search comes back) or by branching. */
struct bb_frame {
	int t;
	bool placed; /* a pattern of this level is in place */
	bool listed; /* kids holds every other pattern left to try */
	int *peel;   /* R: the peeled pattern, skipped among the kids */
	int *kids;   /* nkids * R, best bound first */
	long long *kbound;
	int nkids, next;
};

/* Lists the patterns of the next member of a type whose bound, from the
 * node's potentials, is below the best plan: what each pattern forces
 * the flow to do against its reduced costs is a lower bound on the rise. */
struct kid_list {
	struct bb *bb;
	int t;
	const int *low;  /* the last member's pattern: members of one type
			      * take patterns in lexicographic order; NULL none */
	const int *skip; /* a pattern already tried, or NULL */
	long long *adj;  /* K: change of the rise when s is chosen */
	long long base;  /* the rise with no station chosen */
	long long room;  /* best - bound */
	int *pat;
	bool *used;
	int mand_left;
	long walked; /* steps so far; the listing stops at KIDS_WALK */
	int n, cap;
	int *kids;
	long long *kbound;
};

static long long cell_rise(const struct bb *bb, int s, int r)
{
	long long rc = bb->pot[node_station(bb, s)] - bb->pot[node_rotation(bb, r)];

	return rc > 0 ? rc : 0;
}

static void kid_emit(struct kid_list *kl, long long rise)
{
	int R = kl->bb->R;

	if (kl->skip && memcmp(kl->skip, kl->pat, sizeof(int) * (size_t)R) == 0)
		return;
	if (kl->n == KIDS_MAX) {
		kl->walked = KIDS_WALK;
		return;
	}
	if (kl->n == kl->cap) {
		kl->cap = kl->cap ? 2 * kl->cap : 64;
		kl->kids = xreallocarray(kl->kids, (size_t)kl->cap * R, sizeof(int));
		kl->kbound = xreallocarray(kl->kbound, (size_t)kl->cap, sizeof(long long));
	}
	memcpy(kl->kids + (size_t)kl->n * R, kl->pat, sizeof(int) * (size_t)R);
	kl->kbound[kl->n++] = kl->bb->bound + rise;
}

/* Depth-first over rotations; rise so far, neg: the negative adj left. */
static void kid_walk(struct kid_list *kl, int r, long long rise, long long neg, bool tight)
{
	struct bb *bb = kl->bb;
	int K = bb->K, R = bb->R;

	if (r == R) {
		kid_emit(kl, kl->base + rise);
		return;
	}
	for (int s = tight && kl->low ? kl->low[r] : 0; s < K && kl->walked < KIDS_WALK; s++) {
		int m = kl->mand_left - mandatory(bb, s);
		long long a = kl->adj[s], r2 = rise + a + cell_rise(bb, s, r);
		long long n2 = neg - (a < 0 ? a : 0);

		if (kl->used[s] || bb->rescap[s * R + r] <= 0 || m > R - r - 1 ||
		    kl->base + r2 + n2 >= kl->room)
			continue;
		kl->walked++;
		kl->pat[r] = s;
		kl->used[s] = true;
		kl->mand_left = m;
		kid_walk(kl, r + 1, r2, n2, tight && kl->low && s == kl->low[r]);
		kl->mand_left += mandatory(bb, s);
		kl->used[s] = false;
	}
}

static void kid_adj(struct kid_list *kl, long long *neg)
{
	struct bb *bb = kl->bb;
	const int *row = type_row(bb, kl->t);

	kl->base = 0;
	*neg = 0;
	for (int s = 0; s < bb->K; s++) {
		long long rc = mandatory(bb, s)
				       ? 0
				       : row[s] + bb->pot[node_class(bb, kl->t, bb->st_cls[s])] -
						 bb->pot[node_station(bb, s)];

		kl->adj[s] = rc;
		if (rc < 0) {
			kl->base -= rc;
			*neg += rc;
		}
	}
}

static int cmp_kid(const void *a, const void *b, void *arg)
{
	const long long *kb = arg;
	int x = *(const int *)a, y = *(const int *)b;

	if (kb[x] != kb[y])
		return kb[x] < kb[y] ? -1 : 1;
	return (x > y) - (x < y);
}

/* Order the kids by bound (then as listed, lexicographically). */
static void kids_sort(struct bb *bb, struct bb_frame *fr)
{
	int R = bb->R, n = fr->nkids, *idx = xreallocarray(NULL, (size_t)n + 1, sizeof(int));
	int *kids = xreallocarray(NULL, (size_t)n * R + 1, sizeof(int));
	long long *kb = xreallocarray(NULL, (size_t)n + 1, sizeof(long long));

	for (int i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, (size_t)n, sizeof(int), cmp_kid, fr->kbound);
	for (int i = 0; i < n; i++) {
		memcpy(kids + (size_t)i * R, fr->kids + (size_t)idx[i] * R, sizeof(int) * (size_t)R);
		kb[i] = fr->kbound[idx[i]];
	}
	free(fr->kids);
	free(fr->kbound);
	free(idx);
	fr->kids = kids;
	fr->kbound = kb;
}

/* Fill fr's kids: the patterns of the next member of fr->t worth trying
 * at this node (fresh), but for fr->peel. */
static void kids_list(struct bb *bb, struct bb_frame *fr)
{
	int R = bb->R, K = bb->K, t = fr->t,
	    done = bb->ty.start[t + 1] - bb->ty.start[t] - bb->left[t];
	struct kid_list kl = { .bb = bb, .t = t, .skip = fr->peel };
	long long neg;

	if (done > 0)
		kl.low = bb->plan + (size_t)bb->ty.member[bb->ty.start[t] + done - 1] * R;
	kl.adj = xcalloc((size_t)K + 1, sizeof(long long));
	kl.used = xcalloc((size_t)K + 1, sizeof(bool));
	kl.pat = xcalloc((size_t)R + 1, sizeof(int));
	kl.room = bb->best == LLONG_MAX ? LLONG_MAX : bb->best - bb->bound;
	kl.mand_left = bb->nmand;
	kid_adj(&kl, &neg);
	kid_walk(&kl, 0, 0, neg, true);
	bb->partial |= kl.walked >= KIDS_WALK; /* some patterns left out: no proof */
	fr->kids = kl.kids;
	fr->kbound = kl.kbound;
	fr->nkids = kl.n;
	fr->next = 0;
	fr->listed = true;
	kids_sort(bb, fr);
	free(kl.adj);
	free(kl.used);
	free(kl.pat);
}

/* ---- the search ------------------------------------------------------- */

/* Whether to stop: the best plan meets the root's bound (done), or the
 * budget, the deadline or the caller ends the search (cut). */
static bool bb_stop(struct bb *bb)
{
	struct solver *sv = bb->sv;

	if (bb->best <= bb->root)
		return true;
	if (bb->solves >= bb->budget || (sv->deadline > 0 && now_seconds() > sv->deadline))
		bb->cut = true;
	if (!bb->cut && sv->opt && sv->opt->progress && bb->solves >= bb->reported + 64) {
		struct carousel_progress pr = {
			"branch-and-bound", bb->solves, 0,
			bb->best,           bb->root,   now_seconds() - sv->start
		};

		bb->reported = bb->solves;
		if (sv->opt->progress(sv->opt->progress_ctx, &pr) != 0)
			sv->stopped = bb->cut = true;
	}
	return bb->cut;
}

static struct bb_frame *bb_push(struct bb *bb, int t)
{
	struct bb_frame *fr;

	if (bb->depth == bb->stack_cap) {
		bb->stack_cap = bb->stack_cap ? 2 * bb->stack_cap : 64;
		bb->stack = xreallocarray(bb->stack, (size_t)bb->stack_cap, sizeof(*bb->stack));
	}
	fr = &bb->stack[bb->depth++];
	memset(fr, 0, sizeof(*fr));
	fr->t = t;
	return fr;
}

static void bb_pop(struct bb *bb)
{
	struct bb_frame *fr = &bb->stack[--bb->depth];

	free(fr->peel);
	free(fr->kids);
	free(fr->kbound);
}

enum descent { D_LEAF, D_PRUNE, D_STUCK };

/* Peel while the flow allows, solving again when it no longer does. */
static enum descent bb_descend(struct bb *bb, int *pat)
{
	for (;;) {
		int t;

		if (bb->nleft == 0)
			return D_LEAF;
		if (bb->bound >= bb->best || bb_stop(bb))
			return D_PRUNE;
		if (bb_peel(bb, &t, pat)) {
			struct bb_frame *fr = bb_push(bb, t);

			fr->placed = true;
			fr->peel = xmalloc(sizeof(int) * (size_t)bb->R);
			memcpy(fr->peel, pat, sizeof(int) * (size_t)bb->R);
			continue;
		}
		if (bb->fresh)
			return D_STUCK;
		if (!bb_solve(bb))
			return D_PRUNE;
		peel_order(bb);
	}
}

/* Try fr's kids in order; true when one is placed with a bound below the
 * best (its flow solved, ready to descend). */
static bool bb_try_kids(struct bb *bb, struct bb_frame *fr)
{
	while (fr->next < fr->nkids && !bb_stop(bb)) {
		int k = fr->next++;

		if (fr->kbound[k] >= bb->best)
			break;
		bb_place(bb, fr->t, fr->kids + (size_t)k * bb->R);
		fr->placed = true;
		if (bb_solve(bb)) {
			peel_order(bb);
			return true;
		}
		bb_unplace(bb, fr->t);
		fr->placed = false;
	}
	return false;
}

/* Back up to the deepest level with a kid left to try and place it;
 * false when the tree is searched through (or the search stops). */
static bool bb_backtrack(struct bb *bb)
{
	while (bb->depth > 0 && !bb_stop(bb)) {
		struct bb_frame *fr = &bb->stack[bb->depth - 1];

		if (fr->placed) {
			bb_unplace(bb, fr->t);
			fr->placed = false;
		}
		if (!fr->listed) {
			if (bb_solve(bb))
				kids_list(bb, fr);
			fr->listed = true;
		}
		if (fr->nkids && bb_try_kids(bb, fr))
			return true;
		bb_pop(bb);
	}
	return false;
}

/* The type to branch on when no peel fits: the most constrained blocked one. */
static int bb_branch_type(const struct bb *bb)
{
	for (int i = 0; i < bb->T; i++) {
		int t = bb->order[i];

		if (bb->left[t] > 0 && bb->blocked[t])
			return t;
	}
	for (int i = 0; i < bb->T; i++)
		if (bb->left[bb->order[i]] > 0)
			return bb->order[i];
	return -1;
}

static void bb_leaf(struct bb *bb)
{
	if (bb->fixed >= bb->best)
		return;
	bb->best = bb->fixed;
	memcpy(bb->best_plan, bb->plan, sizeof(int) * (size_t)bb->sv->N * bb->R);
}

/* Depth-first branch and bound from the solved root. */
static void bb_run(struct bb *bb)
{
	int *pat = xmalloc(sizeof(int) * (size_t)bb->R + 1);
	bool more = true;

	peel_order(bb);
	while (more && !bb_stop(bb)) {
		switch (bb_descend(bb, pat)) {
		case D_LEAF:
			bb_leaf(bb);
			break;
		case D_STUCK:
			kids_list(bb, bb_push(bb, bb_branch_type(bb)));
			break;
		case D_PRUNE:
			break;
		}
		more = bb_backtrack(bb);
	}
	while (bb->depth > 0)
		bb_pop(bb);
	free(pat);
}

/* ---- a first plan from the flow's counts (König) ---------------------- */

/* The station x rotation multigraph with x[s][r] edges has degree N at
 * every rotation and at most N at every station, so N colours suffice
 * (König); the edges of one colour are one delegate's stations. at_s
 * (K x N) and at_r (R x N) give the other end of a colour's edge, -1. */
struct konig {
	int K, R, N;
	int *at_s, *at_r;
	int *hint_s, *hint_r; /* no free colour below */
	int *path;            /* 3 ints per edge of an alternating path */
};

static int konig_free(int *at, int *hint, int v, int N)
{
	const int *row = at + (size_t)v * N;
	int c = hint[v];

	while (c < N && row[c] >= 0)
		c++;
	hint[v] = c;
	return c;
}

static void konig_set(struct konig *g, int s, int r, int c)
{
	g->at_s[(size_t)s * g->N + c] = r;
	g->at_r[(size_t)r * g->N + c] = s;
}

/* Swap colours a and b on the path from rotation r that starts with a. */
static void konig_flip(struct konig *g, int r, int a, int b)
{
	int n = 0, v = r, c = a, other = b;
	bool at_rotation = true;

	for (;;) {
		int w = (at_rotation ? g->at_r : g->at_s)[(size_t)v * g->N + c], t;

		if (w < 0)
			break;
		g->path[3 * n] = at_rotation ? w : v;
		g->path[3 * n + 1] = at_rotation ? v : w;
		g->path[3 * n + 2] = c;
		n++;
		v = w;
		at_rotation = !at_rotation;
		t = c;
		c = other;
		other = t;
	}
	for (int i = 0; i < n; i++) {
		g->at_s[(size_t)g->path[3 * i] * g->N + g->path[3 * i + 2]] = -1;
		g->at_r[(size_t)g->path[3 * i + 1] * g->N + g->path[3 * i + 2]] = -1;
	}
	for (int i = 0; i < n; i++)
		konig_set(g, g->path[3 * i], g->path[3 * i + 1], g->path[3 * i + 2] == a ? b : a);
	if (n > 0) { /* the far end lost a colour: it may be free below its hint */
		int *hint = at_rotation ? g->hint_r : g->hint_s;

		hint[v] = hint[v] < a ? hint[v] : a;
		hint[v] = hint[v] < b ? hint[v] : b;
	}
}

static void konig_add(struct konig *g, int s, int r)
{
	int a = konig_free(g->at_s, g->hint_s, s, g->N);
	int b = konig_free(g->at_r, g->hint_r, r, g->N);

	if (g->at_r[(size_t)r * g->N + a] >= 0)
		konig_flip(g, r, a, b);
	konig_set(g, s, r, a);
}

/* Patterns (N x R) from cell counts x (K x R) of a feasible flow. */
static void konig_patterns(int K, int R, int N, const int *x, int *pat)
{
	struct konig g = { .K = K, .R = R, .N = N };

	g.at_s = xreallocarray(NULL, (size_t)K * N + 1, sizeof(int));
	g.at_r = xreallocarray(NULL, (size_t)R * N + 1, sizeof(int));
	memset(g.at_s, -1, sizeof(int) * (size_t)K * N);
	memset(g.at_r, -1, sizeof(int) * (size_t)R * N);
	g.hint_s = xcalloc((size_t)K + 1, sizeof(int));
	g.hint_r = xcalloc((size_t)R + 1, sizeof(int));
	g.path = xreallocarray(NULL, 3 * ((size_t)K + R + 2), sizeof(int));
	for (int s = 0; s < K; s++)
		for (int r = 0; r < R; r++)
			for (int i = 0; i < x[s * R + r]; i++)
				konig_add(&g, s, r);
	for (int c = 0; c < N; c++)
		for (int r = 0; r < R; r++)
			pat[(size_t)c * R + r] = g.at_r[(size_t)r * N + c];
	free(g.at_s);
	free(g.at_r);
	free(g.hint_s);
	free(g.hint_r);
	free(g.path);
}

#define KONIG_WINDOW 64

/* Hand the patterns to delegates: each in turn takes the cheapest of the
 * next few patterns left. A first plan to bound the search, not more. */
static void konig_hand_out(struct bb *bb, int *pat)
{
	int N = bb->sv->N, R = bb->R, K = bb->K, next = 0;

	bb->best = 0;
	for (int i = 0; i < N; i++) {
		int d = bb->ty.member[i], pick = next;
		long long pick_cost = LLONG_MAX;

		for (int c = next; c < N && c < next + KONIG_WINDOW; c++) {
			long long cost = 0;

			for (int r = 0; r < R; r++)
				cost += bb->sv->cost[(size_t)d * K + pat[(size_t)c * R + r]];
			if (cost < pick_cost) {
				pick = c;
				pick_cost = cost;
			}
		}
		memcpy(bb->best_plan + (size_t)d * R, pat + (size_t)pick * R,
		       sizeof(int) * (size_t)R);
		memcpy(pat + (size_t)pick * R, pat + (size_t)next * R, sizeof(int) * (size_t)R);
		next++;
		bb->best += pick_cost;
	}
}

static void hung_init(struct bb *bb)
{
	size_t K = (size_t)bb->K + 1, R = (size_t)bb->R + 1;

	bb->ha = xreallocarray(NULL, R * K, sizeof(long long));
	bb->hu = xcalloc(R, sizeof(long long));
	bb->hv = xcalloc(K, sizeof(long long));
	bb->hmin = xcalloc(K, sizeof(long long));
	bb->hp = xcalloc(K, sizeof(int));
	bb->hway = xcalloc(K, sizeof(int));
	bb->hcol = xcalloc(R, sizeof(int));
	bb->hcand = xcalloc(K, sizeof(int));
	bb->hused = xcalloc(K, sizeof(bool));
}

static uint64_t open_mask(const struct bb *bb, int s)
{
	uint64_t all = bb->R >= 64 ? ~0ULL : (1ULL << bb->R) - 1;

	return ~bb->sv->p->stations[s].skip & all;
}

/* Stations open only within o, mandatory ones counted in *mand. */
static int stations_within(const struct bb *bb, uint64_t o, int *mand)
{
	int n = 0;

	*mand = 0;
	for (int s = 0; s < bb->K; s++) {
		if ((open_mask(bb, s) & ~o) != 0)
			continue;
		if (mandatory(bb, s))
			++*mand;
		else
			n++;
	}
	return n;
}

/* Whether o may join the classes so far and still leave them laminar. */
static bool class_fits(const struct bb *bb, const uint64_t *cls, uint64_t o)
{
	int mand;

	for (int c = 0; c < bb->C; c++)
		if ((cls[c] & o) != cls[c] && (cls[c] & o) != o &&
		    stations_within(bb, cls[c] & o, &mand) + mand > 0)
			return false;
	return true;
}

static int cmp_masks(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	int px = __builtin_popcountll(x), py = __builtin_popcountll(y);

	if (px != py)
		return px - py;
	return (x > y) - (x < y);
}

/* Each class's parent and each station's class: the smallest holding it. */
static void classes_link(struct bb *bb, const uint64_t *cls)
{
	bb->cls_up = xcalloc((size_t)bb->C + 1, sizeof(int));
	bb->st_cls = xcalloc((size_t)bb->K + 1, sizeof(int));
	for (int c = 0; c < bb->C; c++) {
		bb->cls_up[c] = -1;
		for (int u = bb->C - 1; u > c; u--)
			if ((cls[c] & cls[u]) == cls[c] && cls[u] != cls[c])
				bb->cls_up[c] = u;
	}
	for (int s = 0; s < bb->K; s++) {
		bb->st_cls[s] = -1;
		for (int c = bb->C - 1; c >= 0 && !mandatory(bb, s); c--)
			if ((open_mask(bb, s) & ~cls[c]) == 0)
				bb->st_cls[s] = c;
	}
}

/* The classes: stations' open sets, smallest first, where they bind and
 * keep the family laminar; each station hangs from its smallest class. */
static void classes_build(struct bb *bb)
{
	uint64_t *cand = xcalloc((size_t)bb->K + 1, sizeof(uint64_t));
	uint64_t *cls = xcalloc((size_t)bb->K + 1, sizeof(uint64_t));
	int n = 0, mand;

	for (int s = 0; s < bb->K; s++)
		if (__builtin_popcountll(open_mask(bb, s)) < bb->R)
			cand[n++] = open_mask(bb, s);
	qsort(cand, (size_t)n, sizeof(uint64_t), cmp_masks);
	bb->cls_cap = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++) {
		int k = __builtin_popcountll(cand[i]);

		if ((i > 0 && cand[i] == cand[i - 1]) ||
		    stations_within(bb, cand[i], &mand) <= k - mand || !class_fits(bb, cls, cand[i]))
			continue;
		bb->cls_cap[bb->C] = k - mand > 0 ? k - mand : 0;
		cls[bb->C++] = cand[i];
	}
	classes_link(bb, cls);
	free(cand);
	free(cls);
}

/* ---- set-up ----------------------------------------------------------- */

static void bb_init(struct bb *bb, struct solver *sv)
{
	int K = sv->K, R = sv->R;

	memset(bb, 0, sizeof(*bb));
	bb->sv = sv;
	types_build(sv, &bb->ty);
	bb->T = bb->ty.T;
	bb->K = K;
	bb->R = R;
	bb->nmand = count_mandatory(sv->p);
	bb->rescap = xcalloc((size_t)K * R + 1, sizeof(int));
	for (int s = 0; s < K; s++)
		for (int r = 0; r < R; r++)
			if (station_open(&sv->p->stations[s], r))
				bb->rescap[s * R + r] = sv->p->stations[s].capacity;
	bb->left = xcalloc((size_t)bb->T + 1, sizeof(int));
	for (int t = 0; t < bb->T; t++)
		bb->left[t] = bb->ty.start[t + 1] - bb->ty.start[t];
	bb->nleft = sv->N;
	bb->tleft = bb->T;
	bb->plan = xreallocarray(NULL, (size_t)sv->N * R + 1, sizeof(int));
	bb->best_plan = xreallocarray(NULL, (size_t)sv->N * R + 1, sizeof(int));
	bb->ft = xcalloc((size_t)bb->T * K + 1, sizeof(int));
	bb->x = xcalloc((size_t)K * R + 1, sizeof(int));
	classes_build(bb);
	bb->pot = xcalloc((size_t)bb_nodes(bb), sizeof(long long));
	bb->blocked = xcalloc((size_t)bb->T + 1, sizeof(bool));
	bb->order = xcalloc((size_t)bb->T + 1, sizeof(int));
	bb->key = xcalloc((size_t)bb->T + 1, sizeof(long long));
	bb->best = LLONG_MAX;
	bb->budget = sv->opt && sv->opt->max_steps > 0 ? sv->opt->max_steps : BB_STEPS;
	hung_init(bb);
	lag_init(bb);
}

static void bb_done(struct bb *bb)
{
	types_done(&bb->ty);
	free(bb->lam);
	free(bb->lsub);
	free(bb->lpat);
	free(bb->cls_cap);
	free(bb->cls_up);
	free(bb->st_cls);
	free(bb->rescap);
	free(bb->left);
	free(bb->plan);
	free(bb->best_plan);
	free(bb->ft);
	free(bb->x);
	free(bb->pot);
	free(bb->blocked);
	free(bb->order);
	free(bb->key);
	free(bb->stack);
	free(bb->ha);
	free(bb->hu);
	free(bb->hv);
	free(bb->hmin);
	free(bb->hp);
	free(bb->hway);
	free(bb->hcol);
	free(bb->hcand);
	free(bb->hused);
}

/* The exact search: the relaxation at the root decides feasibility, König
 * gives a first plan, and branch and bound (peels first) improves it until
 * it meets the bound, the tree is searched through, or the budget ends. */
static enum status exact_plan(struct solver *sv, int *plan, struct error *err)
{
	struct bb bb;
	long long root;
	int *pat;

	bb_init(&bb, sv);
	if (!rf_solve(&bb)) {
		enum status st =
			bb.cut ? ST_OK
			       : error_set(err, ST_PROBLEM,
					   "no plan gives each of %d delegates a different open station in each of "
					   "the %d rotations: the open seats take at most %ld of the %ld visits",
					   sv->N, sv->R, bb.flow, (long)sv->N * sv->R);

		sv->stopped |= bb.cut;
		sv->bound_exact = false;
		bb_done(&bb);
		return st;
	}
	bb.root = sv->lower_bound = bb.bound;
	pat = xreallocarray(NULL, (size_t)sv->N * sv->R + 1, sizeof(int));
	konig_patterns(sv->K, sv->R, sv->N, bb.x, pat);
	konig_hand_out(&bb, pat);
	free(pat);
	root = lag_bound(&bb, LAG_ROOT);
	if (root > bb.root && root != LLONG_MAX)
		bb.root = sv->lower_bound = root < bb.best ? root : bb.best;
	report_progress(sv, "branch-and-bound");
	bb_run(&bb);
	memcpy(plan, bb.best_plan, sizeof(int) * (size_t)sv->N * sv->R);
	if (bb.best == bb.root || (!bb.cut && !bb.partial))
		sv->lower_bound = bb.best;
	sv->nodes = bb.solves;
	bb_done(&bb);
	return ST_OK;
}

/* Sets to plan by colouring (no skipped rotation), then the search for
 * the secondary objectives. */
static void plan_from_sets(struct solver *sv, struct carousel_result *res)
{
	struct search S;

	search_init(&S, sv);
	colour_plan(sv, res->plan);
	search_load(&S, res->plan);
	res->method = "flow+colouring";
	report_progress(sv, "colouring");
	search_run(&S, sv, res->plan, 20000 + 30L * sv->N * sv->R, false);
	search_done(&S);
}

/* With skipped rotations: the exact search, then the secondary objectives
 * by moves that never cost more. */
static enum status plan_exact(struct solver *sv, struct carousel_result *res, struct error *err)
{
	enum status st = exact_plan(sv, res->plan, err);
	struct search S;

	res->method = "flow+branch-and-bound";
	if (st != ST_OK || res->plan[0] < 0)
		return st;
	search_init(&S, sv);
	search_load(&S, res->plan);
	report_progress(sv, "search");
	search_run(&S, sv, res->plan, 20000 + 30L * sv->N * sv->R, false);
	search_done(&S);
	return ST_OK;
}

static void finish(struct carousel_result *res, const struct carousel_problem *p,
		   const struct solver *sv)
{
	carousel_evaluate(p, res->plan, &res->score);
	res->feasible = res->score.hard == 0;
	res->lower_bound = sv->lower_bound;
	res->optimal = res->feasible && sv->bound_exact && res->score.cost == sv->lower_bound;
	res->iterations = sv->iterations;
	res->nodes = sv->nodes;
	res->seconds = now_seconds() - sv->start;
}

static void solver_start(struct solver *sv, const struct carousel_problem *p,
			 const struct carousel_options *opt, double start)
{
	memset(sv, 0, sizeof(*sv));
	sv->p = p;
	sv->opt = opt;
	sv->N = p->ndelegates;
	sv->K = p->nstations;
	sv->R = p->nrotations;
	sv->start = start;
	sv->bound_exact = true;
	if (opt && opt->time_limit > 0)
		sv->deadline = start + opt->time_limit;
}

enum status carousel_solve(const struct carousel_problem *p, const struct carousel_options *opt,
			   struct carousel_result *res, struct error *err)
{
	struct solver sv;
	enum status st;

	if (p->previous)
		return carousel_solve_late(p, opt, res, err);
	memset(res, 0, sizeof(*res));
	res->method = "none";
	solver_start(&sv, p, opt, now_seconds());
	st = carousel_validate(p, err);
	if (st != ST_OK)
		return st;
	res->ndelegates = sv.N;
	res->nrotations = sv.R;
	res->plan = xreallocarray(NULL, (size_t)sv.N * sv.R + 1, sizeof(int));
	memset(res->plan, -1, sizeof(int) * (size_t)sv.N * sv.R);
	st = check_bounds(p, err);
	if (st == ST_OK && sv.N > 0 && sv.R > 0) {
		build_costs(&sv);
		if (any_skip(p)) {
			st = plan_exact(&sv, res, err);
		} else {
			st = choose_sets(&sv, err);
			report_progress(&sv, "flow");
			if (st == ST_OK)
				plan_from_sets(&sv, res);
		}
	} else if (st == ST_OK) {
		res->method = "trivial";
	}
	finish(res, p, &sv);
	if (st == ST_OK && !res->feasible)
		st = error_set(err, ST_PROBLEM,
			       "no plan meeting every hard constraint was found in %.2f s: "
			       "best has %ld over capacity, %ld in skipped rotations",
			       res->seconds, res->score.over_capacity, res->score.closed_visits);
	free(sv.cost);
	free(sv.sets);
	return st;
}

void carousel_result_done(struct carousel_result *res)
{
	free(res->plan);
	res->plan = NULL;
}

/* ---- keep-apart pairs ------------------------------------------------ */

/* The state of the keep-apart repair: loads per station and rotation. */
struct apart {
	const struct carousel_problem *p;
	const struct carousel_pair *pairs;
	int npairs;
	int *plan;
	int *load; /* K x R */
};

static bool apart_open(const struct apart *x, int s, int r)
{
	return s < 0 || (!(x->p->stations[s].skip >> r & 1) &&
			 x->load[s * x->p->nrotations + r] < x->p->stations[s].capacity);
}

/* Whether delegate d at station s in rotation r would meet someone they are
 * kept apart from. */
static bool apart_clash(const struct apart *x, int d, int s, int r)
{
	int R = x->p->nrotations;

	for (int i = 0; s >= 0 && i < x->npairs; i++) {
		int a = x->pairs[i].a, b = x->pairs[i].b;

		if ((a == d && x->plan[b * R + r] == s) || (b == d && x->plan[a * R + r] == s))
			return true;
	}
	return false;
}

static void apart_set(struct apart *x, int d, int r, int s)
{
	int R = x->p->nrotations, old = x->plan[d * R + r];

	if (old >= 0)
		x->load[old * R + r]--;
	x->plan[d * R + r] = s;
	if (s >= 0)
		x->load[s * R + r]++;
}

/* Move d out of rotation r's station, keeping the stations they visit:
 * swap rotation r with another of theirs. */
static bool apart_swap(struct apart *x, int d, int r)
{
	int R = x->p->nrotations, s = x->plan[d * R + r];

	for (int r2 = carousel_kept(x->p); r2 < R; r2++) {
		int t = x->plan[d * R + r2];

		if (r2 == r || t == s)
			continue;
		apart_set(x, d, r, -1);
		apart_set(x, d, r2, -1);
		if (apart_open(x, t, r) && apart_open(x, s, r2) && !apart_clash(x, d, t, r) &&
		    !apart_clash(x, d, s, r2)) {
			apart_set(x, d, r, t);
			apart_set(x, d, r2, s);
			return true;
		}
		apart_set(x, d, r, s);
		apart_set(x, d, r2, t);
	}
	return false;
}

/* Move d in rotation r to another station with room that they have not
 * visited, the cheapest for them (not when r's station is a mandatory one). */
static bool apart_move(struct apart *x, int d, int r)
{
	const struct carousel_problem *p = x->p;
	int R = p->nrotations, s = x->plan[d * R + r], best = -1;

	if (s >= 0 && p->stations[s].mandatory)
		return false;
	for (int t = 0; t < p->nstations; t++) {
		bool seen = false;

		for (int r2 = 0; r2 < R; r2++)
			seen |= x->plan[d * R + r2] == t;
		if (seen || !apart_open(x, t, r) || apart_clash(x, d, t, r))
			continue;
		if (best < 0 || carousel_visit_cost(p, d, t) < carousel_visit_cost(p, d, best))
			best = t;
	}
	if (best < 0)
		return false;
	apart_set(x, d, r, best);
	return true;
}

long carousel_keep_apart(const struct carousel_problem *p, const struct carousel_pair *pairs,
			 int npairs, int *plan)
{
	struct apart x = { p, pairs, npairs, plan, NULL };
	int R = p->nrotations;
	long left = 0;

	x.load = xcalloc((size_t)p->nstations * R + 1, sizeof(int));
	for (int d = 0; d < p->ndelegates; d++)
		for (int r = carousel_kept(p); r < R; r++)
			if (plan[d * R + r] >= 0)
				x.load[plan[d * R + r] * R + r]++;
	for (int i = 0; i < npairs; i++)
		for (int r = carousel_kept(p); r < R; r++) {
			int a = pairs[i].a, b = pairs[i].b;

			if (plan[a * R + r] < 0 || plan[a * R + r] != plan[b * R + r])
				continue;
			if (!apart_swap(&x, a, r) && !apart_swap(&x, b, r) &&
			    !apart_move(&x, a, r) && !apart_move(&x, b, r))
				left++;
		}
	free(x.load);
	return left;
}
