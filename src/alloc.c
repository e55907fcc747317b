/* Rank profiles, objectives, the lottery, and the least lexicographic cost
 * assignment of people to places.
 *
 * The assignment keeps, for every place j (and the unassigned, as place
 * P) and every place k, a heap of the arcs to k of the people at j, keyed
 * by what the move costs: the arc's cost less the cost of the arc the
 * person holds. An entry records both arcs, so its key never changes; it
 * is stale once the person holds another arc, and dropped when it reaches
 * the top. Dijkstra then runs on the places alone (plus source and sink),
 * each arc j -> k being the top of heap (j, k), with potentials that keep
 * reduced costs non-negative; it stops at the sink, and the places not
 * reached take the sink's distance, which keeps the potentials valid. */
#include "convene/alloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const objective_names[ALLOC_NOBJECTIVES] = { "total", "greedy", "generous" };

const char *alloc_objective_name(enum alloc_objective o)
{
	return o < ALLOC_NOBJECTIVES ? objective_names[o] : "total";
}

int alloc_objective_parse(const char *name)
{
	for (int o = 0; o < ALLOC_NOBJECTIVES; o++)
		if (str_ieq(name, objective_names[o]))
			return o;
	return -1;
}

/* ---- profiles ------------------------------------------------------- */

void alloc_profile_init(struct alloc_profile *p)
{
	memset(p, 0, sizeof(*p));
}

void alloc_profile_done(struct alloc_profile *p)
{
	free(p->rank);
	memset(p, 0, sizeof(*p));
}

void alloc_profile_add(struct alloc_profile *p, int rank, long n)
{
	if (rank == ALLOC_NONE) {
		p->none += n;
		return;
	}
	if (rank == ALLOC_UNCHOSEN) {
		p->unchosen += n;
		return;
	}
	if (rank > p->nranks) {
		p->rank = xreallocarray(p->rank, (size_t)rank, sizeof(long));
		memset(p->rank + p->nranks, 0, (size_t)(rank - p->nranks) * sizeof(long));
		p->nranks = rank;
	}
	p->rank[rank - 1] += n;
}

void alloc_profile_merge(struct alloc_profile *a, const struct alloc_profile *b)
{
	for (int r = 1; r <= b->nranks; r++)
		if (b->rank[r - 1])
			alloc_profile_add(a, r, b->rank[r - 1]);
	a->unchosen += b->unchosen;
	a->none += b->none;
}

static long ranked(const struct alloc_profile *p)
{
	long n = 0;

	for (int r = 0; r < p->nranks; r++)
		n += p->rank[r];
	return n;
}

long alloc_profile_total(const struct alloc_profile *p)
{
	return ranked(p) + p->unchosen + p->none;
}

static long at(const struct alloc_profile *p, int r)
{
	return r <= p->nranks ? p->rank[r - 1] : 0;
}

/* -1 when x is better for being larger, 1 when smaller, 0 when equal. */
static int more(long x, long y)
{
	return x > y ? -1 : x < y;
}

int alloc_profile_cmp(const struct alloc_profile *a, const struct alloc_profile *b,
		      enum alloc_objective o)
{
	int n = a->nranks > b->nranks ? a->nranks : b->nranks, c;
	long long ca = 0, cb = 0;

	/* First the most with a choice, then the most with anything. */
	if ((c = more(ranked(a), ranked(b))) || (c = more(a->unchosen, b->unchosen)))
		return c;
	switch (o) {
	case ALLOC_GREEDY:
		for (int r = 1; r <= n; r++)
			if ((c = more(at(a, r), at(b, r))))
				return c;
		return 0;
	case ALLOC_GENEROUS:
		for (int r = n; r >= 1; r--)
			if ((c = -more(at(a, r), at(b, r))))
				return c;
		return 0;
	default:
		for (int r = 2; r <= n; r++) {
			ca += (long long)(r - 1) * (r - 1) * at(a, r);
			cb += (long long)(r - 1) * (r - 1) * at(b, r);
		}
		return ca < cb ? -1 : ca > cb;
	}
}

int alloc_profile_worse(const struct alloc_profile *a, const struct alloc_profile *b)
{
	int n = a->nranks > b->nranks ? a->nranks : b->nranks;

	if (a->none != b->none)
		return a->none > b->none ? -1 : 1;
	if (a->unchosen != b->unchosen)
		return a->unchosen > b->unchosen ? -1 : 1;
	for (int r = n; r > 1; r--)
		if (at(a, r) != at(b, r))
			return at(a, r) > at(b, r) ? -1 : 1;
	return 0;
}

void alloc_rank_text(int rank, struct str *out)
{
	static const char *const th[] = { "th", "st", "nd", "rd" };

	if (rank == ALLOC_NONE)
		str_cat(out, "none");
	else if (rank == ALLOC_UNCHOSEN)
		str_cat(out, "unchosen");
	else
		str_catf(out, "%d%s", rank,
			 rank % 100 / 10 == 1 || rank % 10 > 3 ? "th" : th[rank % 10]);
}

void alloc_profile_text(const struct alloc_profile *p, struct str *out)
{
	for (int r = 1; r <= p->nranks; r++) {
		alloc_rank_text(r, out);
		str_catf(out, " %ld, ", p->rank[r - 1]);
	}
	str_catf(out, "unchosen %ld, none %ld", p->unchosen, p->none);
}

/* ---- the lottery ---------------------------------------------------- */

static uint64_t mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t alloc_lottery_key(uint64_t seed, uint64_t id)
{
	return mix(mix(seed + 0x9e3779b97f4a7c15ULL) ^ id);
}

/* ---- the assignment ------------------------------------------------- */

/* A move of a person to a place: the arc taken and the arc left (-1 when
 * they held none), whose costs make its key. */
struct entry {
	int arc, from;
};

struct heap {
	struct entry *v;
	int n, cap;
};

struct match {
	const struct alloc_match *m;
	int L, P, S, T, V; /* levels; places; source P, sink P + 1; nodes */
	int *owner;        /* per arc: its person */
	int *held;         /* per person: the arc held, or -1 */
	int *load;
	struct heap *heap;     /* (P + 1) x P */
	long long *pot, *dist; /* per node, L values each */
	char *reached, *done;
	int *prev_node, *prev_arc; /* how each node was reached */
	struct entry *prev;        /* the move into each place */
};

static const long long *cost_of(const struct match *x, int arc)
{
	return x->m->cost + (size_t)arc * (size_t)x->L;
}

/* The key of e at level l: what the move costs there. */
static long long key_at(const struct match *x, struct entry e, int l)
{
	return cost_of(x, e.arc)[l] - (e.from >= 0 ? cost_of(x, e.from)[l] : 0);
}

static int key_less(const struct match *x, struct entry a, struct entry b)
{
	for (int l = 0; l < x->L; l++) {
		long long ka = key_at(x, a, l), kb = key_at(x, b, l);

		if (ka != kb)
			return ka < kb;
	}
	return a.arc < b.arc;
}

static void heap_push(const struct match *x, struct heap *h, struct entry e)
{
	int i;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 4;
		h->v = xreallocarray(h->v, (size_t)h->cap, sizeof(*h->v));
	}
	i = h->n++;
	while (i > 0 && key_less(x, e, h->v[(i - 1) / 2])) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = e;
}

static void heap_pop(const struct match *x, struct heap *h)
{
	struct entry last = h->v[--h->n];
	int i = 0;

	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = l;

		if (l >= h->n)
			break;
		if (r < h->n && key_less(x, h->v[r], h->v[l]))
			m = r;
		if (!key_less(x, h->v[m], last))
			break;
		h->v[i] = h->v[m];
		i = m;
	}
	if (h->n)
		h->v[i] = last;
}

/* The cheapest move still possible in heap (j, k), or NULL. */
static const struct entry *heap_top(const struct match *x, int j, int k)
{
	struct heap *h = &x->heap[(size_t)j * x->P + k];

	while (h->n && x->held[x->owner[h->v[0].arc]] != h->v[0].from)
		heap_pop(x, h);
	return h->n ? &h->v[0] : NULL;
}

/* Offer every other arc of person p, who now holds arc a (-1: none). */
static void offer(struct match *x, int p, int a)
{
	int j = a >= 0 ? x->m->place[a] : x->P;

	for (int b = x->m->first[p]; b < x->m->first[p + 1]; b++)
		if (b != a)
			heap_push(x, &x->heap[(size_t)j * x->P + x->m->place[b]],
				  (struct entry){ b, a });
}

static long long *vec(long long *v, const struct match *x, int node)
{
	return v + (size_t)node * (size_t)x->L;
}

static int vec_cmp(const long long *a, const long long *b, int L)
{
	for (int l = 0; l < L; l++)
		if (a[l] != b[l])
			return a[l] < b[l] ? -1 : 1;
	return 0;
}

static int has_room(const struct match *x, int k)
{
	int cap = x->m->capacity[k];

	return cap < 0 || x->load[k] < cap;
}

/* Start: nobody placed; potentials are the shortest distances then (a
 * place: its cheapest arc; the sink: the cheapest open place). */
static void match_init(struct match *x, const struct alloc_match *m)
{
	int arcs = m->first[m->npeople];

	memset(x, 0, sizeof(*x));
	x->m = m;
	x->L = m->nlevels;
	x->P = m->nplaces;
	x->S = x->P;
	x->T = x->P + 1;
	x->V = x->P + 2;
	x->owner = xcalloc((size_t)arcs + 1, sizeof(int));
	x->held = xcalloc((size_t)m->npeople + 1, sizeof(int));
	x->load = xcalloc((size_t)x->P + 1, sizeof(int));
	x->heap = xcalloc((size_t)(x->P + 1) * (size_t)x->P + 1, sizeof(*x->heap));
	x->pot = xcalloc((size_t)x->V * (size_t)x->L, sizeof(long long));
	x->dist = xcalloc((size_t)x->V * (size_t)x->L, sizeof(long long));
	x->reached = xcalloc((size_t)x->V, 1);
	x->done = xcalloc((size_t)x->V, 1);
	x->prev_node = xcalloc((size_t)x->V, sizeof(int));
	x->prev = xcalloc((size_t)x->V, sizeof(*x->prev));
	for (int p = 0; p < m->npeople; p++) {
		x->held[p] = -1;
		for (int a = m->first[p]; a < m->first[p + 1]; a++) {
			long long *pk = vec(x->pot, x, m->place[a]);

			x->owner[a] = p;
			if (vec_cmp(cost_of(x, a), pk, x->L) < 0)
				memcpy(pk, cost_of(x, a), (size_t)x->L * sizeof(long long));
		}
		offer(x, p, -1);
	}
	for (int k = 0; k < x->P; k++)
		if (has_room(x, k) && vec_cmp(vec(x->pot, x, k), vec(x->pot, x, x->T), x->L) < 0)
			memcpy(vec(x->pot, x, x->T), vec(x->pot, x, k),
			       (size_t)x->L * sizeof(long long));
}

static void match_done(struct match *x)
{
	for (int i = 0; i < (x->P + 1) * x->P; i++)
		free(x->heap[i].v);
	free(x->heap);
	free(x->owner);
	free(x->held);
	free(x->load);
	free(x->pot);
	free(x->dist);
	free(x->reached);
	free(x->done);
	free(x->prev_node);
	free(x->prev);
}

/* Relax node v from u by a step of key costs (NULL: zero) with the
 * reduced cost key + pot[u] - pot[v]. */
static void relax(struct match *x, int u, int v, const struct entry *e)
{
	long long *du = vec(x->dist, x, u), *dv = vec(x->dist, x, v);
	long long *pu = vec(x->pot, x, u), *pv = vec(x->pot, x, v);
	int better = !x->reached[v], l;

	for (l = 0; l < x->L && !better; l++) {
		long long c = du[l] + (e ? key_at(x, *e, l) : 0) + pu[l] - pv[l];

		if (c != dv[l]) {
			if (c > dv[l])
				return;
			better = 1;
		}
	}
	if (!better)
		return;
	for (l = 0; l < x->L; l++)
		dv[l] = du[l] + (e ? key_at(x, *e, l) : 0) + pu[l] - pv[l];
	x->reached[v] = 1;
	x->prev_node[v] = u;
	if (e)
		x->prev[v] = *e;
}

/* The unfinished reached node nearest the source, or -1. */
static int nearest(const struct match *x)
{
	int best = -1;

	for (int v = 0; v < x->V; v++)
		if (x->reached[v] && !x->done[v] &&
		    (best < 0 || vec_cmp(vec(x->dist, x, v), vec(x->dist, x, best), x->L) < 0))
			best = v;
	return best;
}

/* Dijkstra from the source on reduced costs, up to the sink; then the
 * potentials move by the distances. Whether the sink was reached. */
static int shortest(struct match *x)
{
	int u;

	memset(x->reached, 0, (size_t)x->V);
	memset(x->done, 0, (size_t)x->V);
	memset(vec(x->dist, x, x->S), 0, (size_t)x->L * sizeof(long long));
	x->reached[x->S] = 1;
	while ((u = nearest(x)) >= 0 && u != x->T) {
		int j = u == x->S ? x->P : u;

		x->done[u] = 1;
		for (int k = 0; k < x->P; k++) {
			const struct entry *e = k != u ? heap_top(x, j, k) : NULL;

			if (e && !x->done[k])
				relax(x, u, k, e);
		}
		if (u != x->S && has_room(x, u))
			relax(x, u, x->T, NULL);
	}
	if (u != x->T)
		return 0;
	x->done[x->T] = 1;
	for (int v = 0; v < x->V; v++) {
		const long long *d = vec(x->dist, x, x->done[v] ? v : x->T);
		long long *p = vec(x->pot, x, v);

		for (int l = 0; l < x->L; l++)
			p[l] += d[l];
	}
	return 1;
}

/* Move everyone along the path found, from the sink back to the source. */
static void augment(struct match *x)
{
	int v = x->prev_node[x->T];

	x->load[v]++;
	while (v != x->S) {
		struct entry e = x->prev[v];
		int p = x->owner[e.arc];

		x->held[p] = e.arc;
		offer(x, p, e.arc);
		v = x->prev_node[v];
	}
}

/* Whether the path to the sink lowers the cost: its real cost is the
 * sink's potential (the source's stays 0). */
static int gains(const struct match *x)
{
	const long long *t = vec(x->pot, x, x->T);

	for (int l = 0; l < x->L; l++)
		if (t[l])
			return t[l] < 0;
	return 0;
}

void alloc_match_solve(const struct alloc_match *m, int *assign)
{
	struct match x;

	match_init(&x, m);
	while (x.P > 0 && shortest(&x) && gains(&x))
		augment(&x);
	for (int p = 0; p < m->npeople; p++)
		assign[p] = x.held[p];
	match_done(&x);
}

/* ---- taking an arc away ---------------------------------------------- */

/* The graph of places for undoing one arc: nodes 0 .. P - 1 the places, P
 * the unassigned, P + 1 the sink, P + 2 the person whose arc went. An arc
 * u -> v is the cheapest move of one person at u (who, taking arc; arc -1:
 * leaving), or one more or one fewer at a place through the sink (who -1). */
struct undo {
	const struct alloc_match *m;
	int L, P, W;
	long long *c;    /* W x W arcs, L each */
	char *has;       /* W x W */
	int *who, *arc;  /* W x W */
	long long *dist; /* W, L each */
	char *reached;
	int *pred;
	long long *key; /* L */
};

static void undo_arc(struct undo *u, int from, int to, const long long *key, int who, int arc)
{
	size_t i = (size_t)from * u->W + to;
	long long *c = u->c + i * u->L;

	if (u->has[i] && vec_cmp(key, c, u->L) >= 0)
		return;
	memcpy(c, key, (size_t)u->L * sizeof(long long));
	u->has[i] = 1;
	u->who[i] = who;
	u->arc[i] = arc;
}

/* The moves of person q, at node j holding arc h (-1: none, or the arc
 * that went, which costs nothing to leave). */
static void undo_person(struct undo *u, const char *off, int q, int j, int h, int gone)
{
	const struct alloc_match *m = u->m;
	const long long *base = h >= 0 && !gone ? m->cost + (size_t)h * u->L : NULL;

	for (int b = m->first[q]; b < m->first[q + 1]; b++) {
		if (off[b] || b == h)
			continue;
		for (int l = 0; l < u->L; l++)
			u->key[l] = m->cost[(size_t)b * u->L + l] - (base ? base[l] : 0);
		undo_arc(u, j, m->place[b], u->key, q, b);
	}
	if (h < 0 && !gone)
		return;
	for (int l = 0; l < u->L; l++)
		u->key[l] = base ? -base[l] : 0;
	undo_arc(u, j, u->P, u->key, q, -1);
}

static void undo_build(struct undo *u, const char *off, const int *assign, int p)
{
	const struct alloc_match *m = u->m;
	int *load = xcalloc((size_t)u->P + 1, sizeof(int)), S = u->P, T = u->P + 1;

	for (int q = 0; q < m->npeople; q++) {
		if (assign[q] >= 0)
			load[m->place[assign[q]]]++;
		if (q != p)
			undo_person(u, off, q, assign[q] >= 0 ? m->place[assign[q]] : S, assign[q],
				    0);
	}
	undo_person(u, off, p, u->P + 2, assign[p], 1);
	memset(u->key, 0, (size_t)u->L * sizeof(long long));
	for (int j = 0; j < u->P; j++) {
		if (m->capacity[j] < 0 || load[j] < m->capacity[j])
			undo_arc(u, j, T, u->key, -1, 0);
		if (load[j] > 0)
			undo_arc(u, T, j, u->key, -1, 0);
	}
	undo_arc(u, S, T, u->key, -1, 0);
	undo_arc(u, T, S, u->key, -1, 0);
	free(load);
}

/* Bellman-Ford from the person whose arc went: no cycle is negative, as
 * the assignment was the best. */
static void undo_paths(struct undo *u)
{
	int start = u->P + 2, changed = 1;

	u->reached[start] = 1;
	for (int round = 0; round < u->W && changed; round++) {
		changed = 0;
		for (int a = 0; a < u->W; a++)
			for (int b = 0; b < u->W && u->reached[a]; b++) {
				size_t i = (size_t)a * u->W + b;
				long long *da = u->dist + (size_t)a * u->L,
					  *db = u->dist + (size_t)b * u->L;
				int l;

				if (!u->has[i] || b == start)
					continue;
				for (l = 0; l < u->L; l++)
					u->key[l] = da[l] + u->c[i * u->L + l];
				if (u->reached[b] && vec_cmp(u->key, db, u->L) >= 0)
					continue;
				memcpy(db, u->key, (size_t)u->L * sizeof(long long));
				u->reached[b] = 1;
				u->pred[b] = a;
				changed = 1;
			}
	}
}

void alloc_match_forbid(const struct alloc_match *m, const char *off, int *assign, int p)
{
	struct undo u;
	size_t w2;
	int v = m->place[assign[p]];

	memset(&u, 0, sizeof(u));
	u.m = m;
	u.L = m->nlevels;
	u.P = m->nplaces;
	u.W = m->nplaces + 3;
	w2 = (size_t)u.W * u.W;

	u.c = xcalloc(w2 * u.L, sizeof(long long));
	u.has = xcalloc(w2, 1);
	u.who = xcalloc(w2, sizeof(int));
	u.arc = xcalloc(w2, sizeof(int));
	u.dist = xcalloc((size_t)u.W * u.L, sizeof(long long));
	u.reached = xcalloc((size_t)u.W, 1);
	u.pred = xcalloc((size_t)u.W, sizeof(int));
	u.key = xcalloc((size_t)u.L, sizeof(long long));
	undo_build(&u, off, assign, p);
	undo_paths(&u);
	/* The way back to p's old place always exists: p leaves, and that
	 * place has one fewer. */
	while (v != u.P + 2) {
		size_t i = (size_t)u.pred[v] * u.W + v;

		if (u.who[i] >= 0)
			assign[u.who[i]] = u.arc[i];
		v = u.pred[v];
	}
	free(u.c);
	free(u.has);
	free(u.who);
	free(u.arc);
	free(u.dist);
	free(u.reached);
	free(u.pred);
	free(u.key);
}
