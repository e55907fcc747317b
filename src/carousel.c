/* Carousel rotation engine.
 *
 * 1. Validate the input and check the counting bounds (R <= K, seats per
 *    rotation, seats of each mandatory station) so that impossible input
 *    is reported with what cannot be met and the best possible.
 * 2. Min-cost flow chooses each delegate's set of stations: source ->
 *    delegate (R minus the mandatory stations), delegate -> station (1,
 *    visit cost), station -> sink (capacity times open rotations). It is
 *    solved by the primal-dual method: Dijkstra on reduced costs, then a
 *    blocking flow (Dinic) on the zero-reduced-cost edges, so the number
 *    of phases is the number of distinct path costs, not the flow value.
 *    Its cost bounds every plan from below, skipped rotations or not.
 * 3. With no skipped rotation, each station is split into seats of degree
 *    at most R and the bipartite delegate x seat graph is edge-coloured
 *    with R colours by alternating-path recolouring (König): colour =
 *    rotation. Each seat takes one delegate per rotation, so capacity
 *    holds and the plan is optimal.
 * 4. Otherwise the sets are placed into rotations by small matchings and
 *    a min-conflicts tabu search repairs what does not fit. Then, in turn:
 *    each rotation is made optimal given the others by cancelling negative
 *    cycles of moves between its stations (Bellman-Ford on K + 1 nodes),
 *    and a local search of plateau and improving moves shifts what each
 *    rotation can take. The plan is optimal when it meets the flow bound.
 * 5. Secondary objectives (balance, colleague spread) are improved by moves
 *    compared lexicographically (hard, cost, soft), so they never cost a
 *    worse primary score.
 *
 * With no time limit the run ends on stall counts, so a seed gives one
 * plan; a deadline can cut the search at a different point.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "convene/carousel.h"

#define MAX_STATIONS 10000
#define MAX_PAIRS 20000000L /* delegates x stations */
#define INF_DIST LLONG_MAX

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

	for (int r = 0; r < R; r++) {
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

static void score_delegate(const struct carousel_problem *p, const int *row, int d,
			   int *seen, int *load, struct carousel_score *o)
{
	const struct carousel_delegate *dl = &p->delegates[d];
	int K = p->nstations, R = p->nrotations;

	memset(seen, 0, sizeof(*seen) * (size_t)K);
	for (int r = 0; r < R; r++) {
		int s = row[r];

		if (s < 0 || s >= K) {
			o->empty_slots++;
			continue;
		}
		if (seen[s]++)
			o->repeats++;
		load[s * R + r]++;
		if (!station_open(&p->stations[s], r))
			o->closed_visits++;
		o->cost += carousel_visit_cost(p, d, s);
		if (dl->nchoices > 0 && !p->stations[s].mandatory && rank_of(dl, s) == 0)
			o->unmet++;
	}
	for (int s = 0; s < K; s++)
		if (p->stations[s].mandatory && !seen[s])
			o->missed_mandatory++;
}

void carousel_evaluate(const struct carousel_problem *p, const int *plan,
		       struct carousel_score *out)
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
	out->hard = out->over_capacity + out->closed_visits + out->missed_mandatory +
		    out->repeats + out->empty_slots;
	free(seen);
	free(load);
}

/* ---- validation and counting bounds ---------------------------------- */

static enum status validate_delegate(const struct carousel_problem *p, int d,
				     struct error *err)
{
	const struct carousel_delegate *dl = &p->delegates[d];

	if (dl->nchoices < 0 || dl->nchoices > p->nstations || (dl->nchoices && !dl->choices))
		return error_set(err, ST_INPUT, "delegate %d: %d choices for %d stations",
				 d, dl->nchoices, p->nstations);
	for (int i = 0; i < dl->nchoices; i++) {
		int s = dl->choices[i];

		if (s < 0 || s >= p->nstations)
			return error_set(err, ST_INPUT,
					 "delegate %d, choice %d: no station %d (there are %d)",
					 d, i + 1, s + 1, p->nstations);
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
		return error_set(err, ST_INPUT, "negative number of stations, rotations or delegates");
	if (p->nrotations > CAROUSEL_MAX_ROTATIONS)
		return error_set(err, ST_INPUT, "%d rotations: at most %d are supported",
				 p->nrotations, CAROUSEL_MAX_ROTATIONS);
	if (p->nstations > MAX_STATIONS)
		return error_set(err, ST_INPUT, "%d stations: at most %d are supported",
				 p->nstations, MAX_STATIONS);
	if ((long)p->nstations * p->ndelegates > MAX_PAIRS)
		return error_set(err, ST_INPUT, "%d delegates x %d stations: at most %ld pairs are supported",
				 p->ndelegates, p->nstations, MAX_PAIRS);
	if ((p->nstations && !p->stations) || (p->ndelegates && !p->delegates))
		return error_set(err, ST_INPUT, "stations or delegates missing");
	for (int s = 0; s < p->nstations; s++)
		if (p->stations[s].capacity < 0)
			return error_set(err, ST_INPUT, "station %d: negative capacity %d",
					 s + 1, p->stations[s].capacity);
	for (int d = 0; d < p->ndelegates; d++)
		if (validate_delegate(p, d, err) != ST_OK)
			return ST_INPUT;
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
				 "only %d: at most %d rotations", R, K, K);
	nmand = count_mandatory(p);
	if (nmand > R)
		return error_set(err, ST_PROBLEM,
				 "%d stations are mandatory but there are only %d rotations: "
				 "at most %d mandatory stations", nmand, R, R);
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
	return f->cap[e] > 0 && reduced(f, u, e) == 0 &&
	       f->level[f->to[e]] == f->level[u] + 1;
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
	long long bound;     /* lower bound on the full flow's cost */
	bool complete;       /* ran to the end, not cut by the deadline */
};

/* Send up to demand units s -> t at least cost; stops at the deadline. */
static void mcf_run(struct mcf *f, int s, int t, long demand, double deadline,
		    struct flow_out *out)
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
	int *cost;           /* N*K visit costs */
	int *sets;           /* N*R stations chosen for each delegate */
	double start, deadline;
	long long lower_bound;
	bool bound_exact;    /* the flow ran to the end */
	bool stopped;        /* the deadline passed or the caller asked to stop */
	long iterations;
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
				edge[(size_t)d * K + s] =
					mcf_edge(f, d, N + s, 1, sv->cost[(size_t)d * K + s]);
		}
	}
}

/* Give delegate d its missing stations greedily (after a deadline cut). */
static void complete_set(struct solver *sv, struct mcf *f, const int *sink_edge, int d,
			 int *n)
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

static void extract_sets(struct solver *sv, struct mcf *f, const int *edge,
			 const int *sink_edge)
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
	int *eu, *ev, *col;  /* per edge: delegate, seat, colour */
	int *lc, *rc;        /* per vertex and colour: the edge, or -1 */
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
	int *plan;           /* N*R */
	signed char *where;  /* N*K: rotation of station s for d, or -1 */
	int *capc, *load;    /* K*R seats and delegates per (station, rotation) */
	struct cell *cells;  /* K*R */
	int *pos;            /* N*R: index of d in its cell of rotation r */
	int *group;          /* dense organisation per delegate, -1 none */
	int ngroups;
	int *gcount;         /* K*R*ngroups, or NULL */
	long long *tabu;     /* N*K: iteration until which (d, s) may not return to tabu_rot */
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
			consider(S, &pk, (struct move){ .type = MV_SWAP, .d = d, .r = r, .r2 = r2 }, best);
	for (int t = 0; t < S->K && !S->p->stations[s].mandatory; t++)
		if (S->where[(size_t)d * S->K + t] < 0)
			consider(S, &pk, (struct move){ .type = MV_REPLACE, .d = d, .r = r, .t = t }, best);
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
	pr = (struct carousel_progress){ "search", S->iter, best->hard, best->cost,
					 sv->lower_bound, now_seconds() - sv->start };
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

/* ---- placing sets into rotations (when stations skip rotations) ------- */

struct placing {
	struct search *S;
	const int *set;
	int level;           /* 0: free seats only, 1: open rotations, 2: any */
	int match[CAROUSEL_MAX_ROTATIONS];  /* rotation -> set index */
	bool seen[CAROUSEL_MAX_ROTATIONS];
};

static bool place_allowed(const struct placing *pl, int s, int r)
{
	int c = s * pl->S->R + r;

	if (pl->level == 0)
		return pl->S->load[c] < pl->S->capc[c];
	return pl->level == 2 || pl->S->capc[c] > 0;
}

/* Kuhn's augmenting path for set entry i, roomiest rotations first. */
static bool place_augment(struct placing *pl, int i)
{
	int R = pl->S->R, s = pl->set[i];

	for (int k = 0; k < R; k++) {
		int r = -1;

		for (int q = 0; q < R; q++) {
			int c = s * R + q;

			if (!pl->seen[q] && place_allowed(pl, s, q) &&
			    (r < 0 || pl->S->capc[c] - pl->S->load[c] >
				      pl->S->capc[s * R + r] - pl->S->load[s * R + r]))
				r = q;
		}
		if (r < 0)
			return false;
		pl->seen[r] = true;
		if (pl->match[r] < 0 || place_augment(pl, pl->match[r])) {
			pl->match[r] = i;
			return true;
		}
	}
	return false;
}

static void place_delegate(struct search *S, int d, const int *set)
{
	struct placing pl = { .S = S, .set = set };
	bool matched[CAROUSEL_MAX_ROTATIONS] = { false };

	for (int r = 0; r < S->R; r++)
		pl.match[r] = -1;
	for (pl.level = 0; pl.level < 3; pl.level++) {
		for (int i = 0; i < S->R; i++) {
			if (matched[i])
				continue;
			memset(pl.seen, 0, sizeof(pl.seen));
			matched[i] = place_augment(&pl, i);
		}
	}
	for (int r = 0; r < S->R; r++)
		cell_enter(S, d, r, set[pl.match[r]]);
}

/* Fill any hole in a set with a station the delegate does not visit yet. */
static void fill_set(struct solver *sv, int *set)
{
	for (int i = 0; i < sv->R; i++) {
		for (int s = 0; set[i] < 0 && s < sv->K; s++) {
			bool taken = false;

			for (int j = 0; j < sv->R; j++)
				taken |= set[j] == s;
			if (!taken)
				set[i] = s;
		}
	}
}

static void place_sets(struct search *S, struct solver *sv)
{
	int *order = xreallocarray(NULL, (size_t)S->N + 1, sizeof(int));

	for (int d = 0; d < S->N; d++)
		order[d] = d;
	for (int d = S->N - 1; d > 0; d--) {
		int j = (int)rng_below(&S->rng, (uint32_t)d + 1), t = order[d];

		order[d] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < S->N; i++) {
		int *set = sv->sets + (size_t)order[i] * S->R;

		if ((i & 255) == 0 && sv->deadline > 0 && now_seconds() > sv->deadline)
			sv->stopped = true;
		fill_set(sv, set);
		if (sv->stopped)
			for (int r = 0; r < S->R; r++)
				cell_enter(S, order[i], r, set[r]);
		else
			place_delegate(S, order[i], set);
	}
	S->imbalance = 0;
	for (int s = 0; s < S->K; s++)
		S->imbalance += station_imbalance(S->p, S->load, s);
	free(order);
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
	struct carousel_progress pr = { phase, 0, 0, sv->lower_bound, sv->lower_bound,
					now_seconds() - sv->start };

	if (sv->opt && sv->opt->progress && !sv->stopped)
		sv->stopped = sv->opt->progress(sv->opt->progress_ctx, &pr) != 0;
}

/* ---- rotation by rotation: negative cycles, then search -------------- */

/* Put the search back on a saved plan. */
static void search_reload(struct search *S, const int *plan)
{
	for (int d = 0; d < S->N; d++)
		for (int r = 0; r < S->R; r++)
			if (at(S, d, r) >= 0)
				cell_leave(S, d, r);
	search_load(S, plan);
}

/* Improving exchanges within rotation r form negative cycles in a graph on
 * the stations plus a "free seat" node: t -> u weighs the cheapest change
 * of cost of moving one delegate of (t, r) to u; free -> t always (someone
 * leaves t), u -> free when u has a seat left. No negative cycle means
 * rotation r is optimal given the other rotations. */
struct exchange_graph {
	int n;               /* stations + 1; node n-1 is the free seat */
	long long *w;        /* n*n weights, LLONG_MAX for none */
	int *who;            /* n*n: the delegate that moves */
	long long *dist;
	int *parent, *cycle;
};

/* Recompute the edges out of station t (its members or room changed). */
static void exchange_row(struct search *S, struct exchange_graph *g, int r, int t)
{
	const struct cell *cl = &S->cells[t * S->R + r];
	int K = S->K, n = g->n;
	long long *w = g->w + (size_t)t * n;

	for (int u = 0; u < n; u++)
		w[u] = LLONG_MAX;
	if (S->load[t * S->R + r] < S->capc[t * S->R + r])
		w[n - 1] = 0;
	for (int i = 0; i < cl->n && !S->p->stations[t].mandatory; i++) {
		int d = cl->who[i];
		const int *c = S->cost + (size_t)d * K;

		for (int u = 0; u < K; u++) {
			long long delta = (long long)c[u] - c[t];

			if (delta < w[u] && S->capc[u * S->R + r] > 0 &&
			    !S->p->stations[u].mandatory && S->where[(size_t)d * K + u] < 0) {
				w[u] = delta;
				g->who[t * n + u] = d;
			}
		}
	}
}

static void exchange_weights(struct search *S, struct exchange_graph *g, int r)
{
	int n = g->n;

	for (int t = 0; t < S->K; t++)
		exchange_row(S, g, r, t);
	for (int u = 0; u < n; u++)
		g->w[(size_t)(n - 1) * n + u] = u < n - 1 ? 0 : LLONG_MAX;
}

/* Bellman-Ford from all nodes at once; the cycle's length, 0 if none. */
static int negative_cycle(struct exchange_graph *g)
{
	int n = g->n, x = -1, len = 0;

	for (int v = 0; v < n; v++) {
		g->dist[v] = 0;
		g->parent[v] = -1;
	}
	for (int it = 0; it < n; it++) {
		x = -1;
		for (int u = 0; u < n; u++)
			for (int v = 0; v < n; v++) {
				long long w = g->w[u * n + v];

				if (w != LLONG_MAX && u != v && g->dist[u] + w < g->dist[v]) {
					g->dist[v] = g->dist[u] + w;
					g->parent[v] = u;
					x = v;
				}
			}
		if (x < 0)
			return 0;
	}
	for (int i = 0; i < n; i++)
		x = g->parent[x];
	for (int v = x; len == 0 || v != x; v = g->parent[v])
		g->cycle[len++] = v;
	return len;
}

/* Move the delegates along a cycle (stored backwards: parent order). */
static void apply_cycle(struct search *S, struct exchange_graph *g, int r, int len)
{
	int n = g->n, *who = xcalloc((size_t)len, sizeof(int)), *to = xcalloc((size_t)len, sizeof(int));
	int m = 0;

	for (int i = 0; i < len; i++) {
		int v = g->cycle[i], u = g->parent[v];

		if (u == n - 1 || v == n - 1)
			continue;
		who[m] = g->who[u * n + v];
		to[m++] = v;
	}
	for (int i = 0; i < m; i++)
		cell_leave(S, who[i], r);
	for (int i = 0; i < m; i++)
		cell_enter(S, who[i], r, to[i]);
	for (int i = 0; i < len; i++)
		if (g->cycle[i] < n - 1)
			exchange_row(S, g, r, g->cycle[i]);
	free(who);
	free(to);
}

/* Cancel negative cycles in rotation r; true if the cost went down. */
static bool reopt_rotation(struct search *S, struct solver *sv, int r)
{
	int n = S->K + 1, len;
	struct exchange_graph g = { n, xreallocarray(NULL, (size_t)n * n, sizeof(long long)),
				    xcalloc((size_t)n * n, sizeof(int)),
				    xcalloc((size_t)n, sizeof(long long)), xcalloc((size_t)n, sizeof(int)),
				    xcalloc((size_t)n + 1, sizeof(int)) };
	long long before = S->total;

	exchange_weights(S, &g, r);
	for (;;) {
		len = negative_cycle(&g);
		if (len == 0 || (sv->deadline > 0 && now_seconds() > sv->deadline))
			break;
		apply_cycle(S, &g, r, len);
	}
	S->imbalance = 0;
	for (int s = 0; s < S->K; s++)
		S->imbalance += station_imbalance(S->p, S->load, s);
	free(g.w);
	free(g.who);
	free(g.dist);
	free(g.parent);
	free(g.cycle);
	return S->total < before;
}

/* Reassign rotations by flow until none improves; true if any did. */
static bool reopt_rotations(struct search *S, struct solver *sv)
{
	bool any, improved = false;
	struct obj o;

	do {
		any = false;
		for (int r = 0; r < S->R; r++)
			any |= reopt_rotation(S, sv, r);
		improved |= any;
		o = search_obj(S);
	} while (any && !stop_now(S, sv, &o));
	return improved;
}

/* Repair by local search, then alternate whole-rotation reassignment by
 * flow with local search (plateau moves shift what each rotation can take). */
static void search_rounds(struct search *S, struct solver *sv, int *best_plan)
{
	long repair = 20000 + 30L * S->N * S->R, polish = 20000 + 5L * S->N * S->R;
	struct obj best = search_run(S, sv, best_plan, repair, true), after;

	for (;;) {
		bool improved;

		search_reload(S, best_plan);
		if (S->hard > 0 || at_target(&best, sv) || stop_now(S, sv, &best))
			break;
		improved = reopt_rotations(S, sv);
		if (improved) {
			best = search_obj(S);
			memcpy(best_plan, S->plan, sizeof(int) * (size_t)S->N * S->R);
		}
		after = search_run(S, sv, best_plan, polish, false);
		if (!improved && cmp_obj(&after, &best) >= 0)
			break;
		best = after;
	}
}

/* Sets to plan: colouring when exact, else placement; then the search. */
static void plan_from_sets(struct solver *sv, struct carousel_result *res)
{
	bool exact = !any_skip(sv->p) && sv->bound_exact;
	struct search S;

	search_init(&S, sv);
	if (exact) {
		colour_plan(sv, res->plan);
		search_load(&S, res->plan);
		res->method = "flow+colouring";
	} else {
		place_sets(&S, sv);
		memcpy(res->plan, S.plan, sizeof(int) * (size_t)sv->N * sv->R);
		res->method = "flow+local-search";
	}
	report_progress(sv, exact ? "colouring" : "search");
	if (exact)
		search_run(&S, sv, res->plan, 20000 + 30L * sv->N * sv->R, false);
	else
		search_rounds(&S, sv, res->plan);
	search_done(&S);
}

static void finish(struct carousel_result *res, const struct carousel_problem *p,
		   const struct solver *sv)
{
	carousel_evaluate(p, res->plan, &res->score);
	res->feasible = res->score.hard == 0;
	res->lower_bound = sv->lower_bound;
	res->optimal = res->feasible && sv->bound_exact &&
		       res->score.cost == sv->lower_bound;
	res->iterations = sv->iterations;
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

enum status carousel_solve(const struct carousel_problem *p,
			   const struct carousel_options *opt,
			   struct carousel_result *res, struct error *err)
{
	struct solver sv;
	enum status st;

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
		st = choose_sets(&sv, err);
		report_progress(&sv, "flow");
		if (st == ST_OK)
			plan_from_sets(&sv, res);
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

	for (int r2 = 0; r2 < R; r2++) {
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
		for (int r = 0; r < R; r++)
			if (plan[d * R + r] >= 0)
				x.load[plan[d * R + r] * R + r]++;
	for (int i = 0; i < npairs; i++)
		for (int r = 0; r < R; r++) {
			int a = pairs[i].a, b = pairs[i].b;

			if (plan[a * R + r] < 0 || plan[a * R + r] != plan[b * R + r])
				continue;
			if (!apart_swap(&x, a, r) && !apart_swap(&x, b, r) && !apart_move(&x, a, r) &&
			    !apart_move(&x, b, r))
				left++;
		}
	free(x.load);
	return left;
}
