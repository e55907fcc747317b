/* designgen: find the computer-found designs of data/designs/catalogue.txt.
 *
 *   designgen [-h H] [-p P] develop TABLES M LEVELS FIXED NBASE SEED [NAME...]
 *   designgen [-h H] [-p P] anneal TABLES M LEVELS FIXED NBASE SEED [NAME...]
 *   designgen [-h H] [-p P] exact TABLES M LEVELS FIXED NBASE SEED [NAME...]
 *   designgen [-h H] [-p P] [-r] [-s LEVELS[/FIXED]] [-t]
 *             cover TABLES M LEVELS FIXED NBASE SEED [NAME...]
 *   designgen mult TABLES M LEVELS FIXED U SEED [NAME...]
 *   designgen mols10 SEED
 *   designgen diffmat M COLUMNS ROWS [NAME...]
 *
 * develop searches for NBASE base rounds of TABLES groups over the points
 * Z_M x LEVELS plus FIXED fixed points such that the NBASE * M rounds they
 * develop into (each base round translated by 0 .. M-1 on Z_M, fixed
 * points staying) never put a pair together twice. A pair of a base
 * round stands for its whole orbit under translation, so the condition is
 * that no orbit is used twice, no pair lies in a short orbit (x and
 * x + M/2 on one level) and no two fixed points share a group. The search
 * is a tabu search over swaps of two points of one base round, restarted
 * from a random start when it stops improving, until the cost is zero;
 * anneal is the same with simulated annealing at a fixed temperature
 * (0.3) in place of the tabu search; exact fills the base rounds by
 * backtracking instead. With -h H the people of the first H levels never
 * meet, so H * M hosts can keep a table each. With -p P the people (x, 2i)
 * and (x, 2i + 1) never meet for i < P, so that with every level paired
 * and 2 fixed people (who never meet either) each person can miss exactly
 * one other.
 *
 * cover solves the same problem as an exact cover by dancing links
 * (Knuth's Algorithm X, the item with the fewest rows first): the items
 * are the points of each base round and the orbits (each to be used once
 * when the base rounds have as many pairs as there are orbits, else at
 * most once); the rows are the groups a base round may hold, shuffled by
 * the seed. A translate of a base round gives the same rounds, so only
 * one translate of the group of fixed point 0 is tried, and with -p
 * pairing every level only one of few such groups in base round 0 (see
 * normal). It can also ask every base round to keep a symmetry, which
 * makes the search far smaller: -s maps level l to the l-th number of
 * LEVELS and fixed point j to the j-th of FIXED (each unchanged when not
 * given), -r maps x to -x; both together compose. The symmetry must swap
 * things in pairs; a base round then holds groups that are their own
 * image or pairs of a group and its image. With -t the symmetry instead
 * takes base round 2i to base round 2i + 1 (so the M * NBASE rounds keep
 * a group of order 2M).
 *
 * mult is exact for one base round that is also closed under multiplying
 * every Z_M coordinate by the unit U, which shrinks the search to one group
 * of each orbit under U (see mult below).
 *
 * mols10 finds a Latin square of order 10 with an orthogonal mate: a
 * random square row by row, all its transversals by backtracking, then 10
 * disjoint transversals by exact cover (each covers one cell of the first
 * row, so the search fills that row's cells in turn). It prints the 10 tables of 10 for
 * 4 rounds they make (rows, columns, the square's symbols, the mate's).
 *
 * diffmat finds M tables of COLUMNS people for ROWS rounds on the points
 * Z_M x COLUMNS: round r puts (c, x) at table x - a[r][c] (mod M), so the
 * base table {(c, a[r][c])} developed over Z_M is the whole round and two
 * people of one column never meet. (c, x) and (d, y) meet in round r when
 * y - x = a[r][d] - a[r][c], so no pair meets twice exactly when, for every
 * two rows, a[r][c] - a[s][c] differs from column to column (a partial
 * difference matrix over Z_M). It fills the array by backtracking, row 0
 * and column 0 all zero, values in increasing order.
 *
 * Each prints a catalogue entry on standard output. Deterministic for a
 * seed. Build: cc -O2 -o designgen scripts/designgen.c -lm */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

/* ---- developed designs ---------------------------------------------- */

#define MAXP 256

static int M, L, F, T, K, NB, P, NORB;
static int host_levels;        /* -h: the people of levels 0 .. host_levels-1 never meet */
static int paired_levels;      /* -p: (x, 2i) and (x, 2i + 1) never meet for i < paired_levels */
static int grp[8][MAXP];       /* base round b: group of each point */
static int mem[8][MAXP][MAXP]; /* base round b, group g: its points */
static int cnt[8][MAXP];
static int *orbit_use;

/* The orbit of a pair of points, or -1 for a pair that may never meet. */
static int orbit(int a, int b)
{
	int la, lb, xa, xb, d, t;

	if (a > b)
		t = a, a = b, b = t;
	if (b < F)
		return -1;
	if (a < F)
		return L * M + L * L * M + a * L + (b - F) / M;
	la = (a - F) / M, xa = (a - F) % M;
	lb = (b - F) / M, xb = (b - F) % M;
	if (la < host_levels && lb < host_levels)
		return -1;
	if (xa == xb && la / 2 < paired_levels && la / 2 == lb / 2 && la != lb)
		return -1;
	if (la == lb) {
		d = ((xb - xa) % M + M) % M;
		if (2 * d == M)
			return -1;
		return la * M + (d < M - d ? d : M - d);
	}
	return L * M + (la * L + lb) * M + ((xb - xa) % M + M) % M;
}

/* Cost of one more (d = 1) or one less (d = -1) use of the pair a, b. */
static int use(int a, int b, int d)
{
	int o = orbit(a, b), c;

	if (o < 0)
		return d * 4;
	if (d > 0)
		c = orbit_use[o] > 0;
	else
		c = -(orbit_use[o] > 1);
	orbit_use[o] += d;
	return c;
}

static int move_point(int b, int p, int g, int skip, int d)
{
	int c = 0;

	for (int i = 0; i < cnt[b][g]; i++)
		if (mem[b][g][i] != p && mem[b][g][i] != skip)
			c += use(p, mem[b][g][i], d);
	return c;
}

static void set_member(int b, int g, int from, int to)
{
	for (int i = 0; i < cnt[b][g]; i++)
		if (mem[b][g][i] == from) {
			mem[b][g][i] = to;
			return;
		}
}

/* Swap points p and q of base round b (in different groups); returns the
 * change in cost. */
static int swap(int b, int p, int q)
{
	int g = grp[b][p], h = grp[b][q], c = 0;

	c += move_point(b, p, g, -1, -1) + move_point(b, q, h, -1, -1);
	set_member(b, g, p, q);
	set_member(b, h, q, p);
	grp[b][p] = h;
	grp[b][q] = g;
	c += move_point(b, p, h, -1, 1) + move_point(b, q, g, -1, 1);
	return c;
}

static int develop_start(void)
{
	int cost = 0, perm[MAXP];

	memset(orbit_use, 0, (size_t)NORB * sizeof(int));
	for (int b = 0; b < NB; b++) {
		for (int p = 0; p < P; p++)
			perm[p] = p;
		for (int p = P - 1; p > 0; p--) {
			int j = (int)rnd((uint32_t)p + 1), t = perm[p];

			perm[p] = perm[j];
			perm[j] = t;
		}
		memset(cnt[b], 0, sizeof(cnt[b]));
		for (int i = 0; i < P; i++) {
			int g = i / K, p = perm[i];

			grp[b][p] = g;
			mem[b][g][cnt[b][g]++] = p;
		}
		for (int g = 0; g < T; g++)
			for (int i = 0; i < K; i++)
				for (int j = i + 1; j < K; j++)
					cost += use(mem[b][g][i], mem[b][g][j], 1);
	}
	return cost;
}

/* Points of base round b in a pair that costs. */
static int conflicted(int b, int *out)
{
	int n = 0;

	for (int p = 0; p < P; p++) {
		int g = grp[b][p], bad = 0;

		for (int i = 0; i < cnt[b][g] && !bad; i++) {
			int q = mem[b][g][i], o;

			if (q == p)
				continue;
			o = orbit(p, q);
			bad = o < 0 || orbit_use[o] > 1;
		}
		if (bad)
			out[n++] = p;
	}
	return n;
}

/* The annealing temperature; 0 for the tabu search. */
static double anneal;

static int develop(int tables, int m, int levels, int fixed, int nbase, const char *name)
{
	long steps = 0, *tabu;
	int list[MAXP];

	T = tables, M = m, L = levels, F = fixed, NB = nbase, P = M * L + F;
	if (P % T || P > MAXP || NB > 8) {
		fprintf(stderr, "designgen: %d points do not make %d groups\n", P, T);
		return 1;
	}
	K = P / T;
	NORB = L * M + L * L * M + F * L + 1;
	orbit_use = calloc((size_t)NORB, sizeof(int));
	tabu = calloc((size_t)NB * MAXP, sizeof(long));
	for (int restart = 0;; restart++) {
		int cost = develop_start(), best = cost;
		long since = 0;

		memset(tabu, 0, (size_t)NB * MAXP * sizeof(long));
		/* Annealing at a fixed temperature when asked: a random swap,
		 * taken unless it adds d and a draw beats exp(-d / anneal). */
		for (long it = 0; anneal > 0 && it < 50000000L && cost > 0; it++, steps++) {
			int b = (int)rnd((uint32_t)NB), p = (int)rnd((uint32_t)P);
			int q = (int)rnd((uint32_t)P), d;

			if (grp[b][p] == grp[b][q])
				continue;
			d = swap(b, p, q);
			if (d > 0 && rnd(1u << 30) >= exp(-d / anneal) * (1u << 30))
				swap(b, p, q);
			else
				cost += d;
		}
		since = anneal > 0 ? 200000 : 0;
		/* Tabu search: the best swap of a point in a costly pair with
		 * any point of another group, neither moved lately (unless the
		 * swap beats the best cost so far). */
		for (long it = 1; cost > 0 && since < 200000; it++, steps++, since++) {
			int bb = -1, bp = -1, bq = -1, bd = 1 << 30, ties = 0;

			for (int b = 0; b < NB; b++) {
				int n = conflicted(b, list);

				for (int i = 0; i < n; i++)
					for (int q = 0; q < P; q++) {
						int p = list[i], d;

						if (grp[b][p] == grp[b][q])
							continue;
						d = swap(b, p, q);
						swap(b, p, q);
						if ((tabu[b * MAXP + p] > it ||
						     tabu[b * MAXP + q] > it) &&
						    cost + d >= best)
							continue;
						if (d < bd ||
						    (d == bd && rnd((uint32_t)++ties) == 0)) {
							if (d < bd)
								ties = 1;
							bd = d, bb = b, bp = p, bq = q;
						}
					}
			}
			if (bb < 0)
				continue;
			cost += swap(bb, bp, bq);
			tabu[bb * MAXP + bp] = it + 5 + rnd(10);
			tabu[bb * MAXP + bq] = it + 5 + rnd(10);
			if (cost < best)
				best = cost, since = 0;
		}
		if (cost == 0)
			break;
		fprintf(stderr, "designgen: restart %d left cost %d\n", restart + 1, cost);
	}
	fprintf(stderr, "designgen: found after %ld steps\n", steps);
	printf("design %d %d %s\n", T, K, name);
	printf("develop %d %d %d\n", M, L, F);
	for (int b = 0; b < NB; b++)
		for (int p = 0; p < P; p++)
			printf("%d%c", grp[b][p], p + 1 < P ? ' ' : '\n');
	printf("end\n");
	free(orbit_use);
	free(tabu);
	return 0;
}

/* ---- developed designs by backtracking --------------------------------- */

static int used_pt[MAXP];
static long dfs_steps;

/* Fill base round b from group g on: each group takes the first free
 * point and then, in increasing order, points whose pairs with the group
 * so far use orbits nobody used. */
static int dfs(int b, int g, int filled)
{
	int u, start;

	if (g == T)
		return b + 1 == NB ? 1 : dfs(b + 1, 0, 0);
	if (++dfs_steps % 100000000L == 0)
		fprintf(stderr, "designgen: %ld steps\n", dfs_steps);
	if (filled == 0) {
		for (u = 0; used_pt[u] > b; u++)
			;
		start = u;
	} else {
		start = mem[b][g][filled - 1] + 1;
	}
	for (int v = start; v < P; v++) {
		int ok = used_pt[v] <= b, i = 0;

		for (; i < filled && ok; i++) {
			int o = orbit(mem[b][g][i], v);

			ok = o >= 0 && orbit_use[o] == 0;
			if (ok)
				orbit_use[o]++;
			else
				i--;
		}
		if (ok) {
			mem[b][g][filled] = v;
			grp[b][v] = g;
			used_pt[v] = b + 1;
			if (dfs(b, filled + 1 == K ? g + 1 : g, (filled + 1) % K))
				return 1;
			used_pt[v] = b;
		}
		while (i-- > 0)
			orbit_use[orbit(mem[b][g][i], v)]--;
		if (filled == 0)
			break;
	}
	return 0;
}

static int exact(int tables, int m, int levels, int fixed, int nbase, const char *name)
{
	T = tables, M = m, L = levels, F = fixed, NB = nbase, P = M * L + F;
	if (P % T || P > MAXP || NB > 8) {
		fprintf(stderr, "designgen: %d points do not make %d groups\n", P, T);
		return 1;
	}
	K = P / T;
	NORB = L * M + L * L * M + F * L + 1;
	orbit_use = calloc((size_t)NORB, sizeof(int));
	if (!dfs(0, 0, 0)) {
		fprintf(stderr, "designgen: no such base rounds\n");
		return 1;
	}
	fprintf(stderr, "designgen: found after %ld steps\n", dfs_steps);
	printf("design %d %d %s\n", T, K, name);
	printf("develop %d %d %d\n", M, L, F);
	for (int b = 0; b < NB; b++)
		for (int p = 0; p < P; p++)
			printf("%d%c", grp[b][p], p + 1 < P ? ' ' : '\n');
	printf("end\n");
	free(orbit_use);
	return 0;
}

/* ---- developed designs by exact cover ---------------------------------- */

/* The symmetry every base round keeps (or, with -t, that takes base
 * round 2i to 2i + 1): -s maps levels and fixed points, -r reflects Z_M. */
static int mirror;            /* 1: -s, 2: -r */
static int mirror_rounds;     /* -t: the symmetry takes base round 2i to 2i + 1 */
static int level_image[MAXP]; /* -s: the level each level goes to */
static int fixed_image[MAXP]; /* -s: the fixed point each fixed point goes to */

static int mirror_point(int p)
{
	int l, x;

	if (p < F)
		return fixed_image[p];
	l = (p - F) / M, x = (p - F) % M;
	if (mirror & 1)
		l = level_image[l];
	if (mirror & 2)
		x = (M - x) % M;
	return F + l * M + x;
}

/* Dancing links: item headers first (0 is the root), then one node per
 * item of each row. */
static int *dl, *dr, *du, *dd, *dc, *drow, *dlen;
static int nnodes;
static int *row_b, *row_len, *row_pts, row_n, row_cap, row_w; /* row_w: room for a row */
static int sol[8 * MAXP], nsol;
static long cover_nodes;

static void dl_init(int items, int primary, long cap)
{
	size_t n = (size_t)items + 1 + (size_t)cap;

	dl = calloc(n, sizeof(int)), dr = calloc(n, sizeof(int));
	du = calloc(n, sizeof(int)), dd = calloc(n, sizeof(int));
	dc = calloc(n, sizeof(int)), drow = calloc(n, sizeof(int));
	dlen = calloc((size_t)items + 1, sizeof(int));
	for (int i = 0; i <= items; i++) {
		du[i] = dd[i] = dc[i] = i;
		/* primary items 1 .. primary in the root's list; the others
		 * (at most once) each in a list of their own */
		if (i <= primary) {
			dl[i] = i == 0 ? primary : i - 1;
			dr[i] = i == primary ? 0 : i + 1;
		} else {
			dl[i] = dr[i] = i;
		}
	}
	nnodes = items + 1;
}

static void dl_add_row(const int *items, int n, int row)
{
	int first = nnodes;

	for (int i = 0; i < n; i++) {
		int x = nnodes++, c = items[i];

		dc[x] = c, drow[x] = row;
		du[x] = du[c], dd[x] = c;
		dd[du[c]] = x, du[c] = x;
		dlen[c]++;
		dl[x] = i == 0 ? x : x - 1;
		dr[x] = first;
		dr[dl[x]] = x, dl[first] = x;
	}
}

static void dl_cover(int c)
{
	dr[dl[c]] = dr[c], dl[dr[c]] = dl[c];
	for (int i = dd[c]; i != c; i = dd[i])
		for (int j = dr[i]; j != i; j = dr[j]) {
			dd[du[j]] = dd[j], du[dd[j]] = du[j];
			dlen[dc[j]]--;
		}
}

static void dl_uncover(int c)
{
	for (int i = du[c]; i != c; i = du[i])
		for (int j = dl[i]; j != i; j = dl[j]) {
			dlen[dc[j]]++;
			dd[du[j]] = j, du[dd[j]] = j;
		}
	dr[dl[c]] = c, dl[dr[c]] = c;
}

/* Knuth's Algorithm X: the primary item with the fewest rows first. */
static int dl_search(void)
{
	int c = -1, best = 1 << 30;

	if (dr[0] == 0)
		return 1;
	if (++cover_nodes % 10000000L == 0)
		fprintf(stderr, "designgen: %ld nodes\n", cover_nodes);
	for (int i = dr[0]; i != 0; i = dr[i])
		if (dlen[i] < best)
			best = dlen[i], c = i;
	if (best == 0)
		return 0;
	dl_cover(c);
	for (int r = dd[c]; r != c; r = dd[r]) {
		sol[nsol++] = drow[r];
		for (int j = dr[r]; j != r; j = dr[j])
			dl_cover(dc[j]);
		if (dl_search())
			return 1;
		for (int j = dl[r]; j != r; j = dl[j])
			dl_uncover(dc[j]);
		nsol--;
	}
	dl_uncover(c);
	return 0;
}

static int *orbit_item; /* orbit -> its item, 0 for an orbit no pair has */

/* The items of a row of base round b seating the groups g (a group, or
 * a group and its image), or 0 if a pair may not meet or two pairs share
 * an orbit. */
static int row_items(int b, const int *g, int n, int *items)
{
	int k = 0;

	memset(orbit_use, 0, (size_t)NORB * sizeof(int));
	for (int i = 0; i < n; i++) {
		items[k++] = 1 + (b + i / K * mirror_rounds) * P + g[i];
		for (int j = i + 1; j < n; j++) {
			int o;

			if (i / K != j / K)
				continue;
			o = orbit(g[i], g[j]);
			if (o < 0 || orbit_use[o]++)
				return 0;
			items[k++] = orbit_item[o];
		}
	}
	return k;
}

/* Translating a base round gives the same rounds: the group of fixed
 * point 0 keeps only the translate whose first point after the fixed
 * ones has x = 0. (A translate of a round the reflection keeps is not
 * kept by it.)
 *
 * When -p pairs all levels, more maps keep who may meet: swapping the
 * two levels of a pair, permuting the pairs, translating one pair and
 * (M prime) multiplying Z_M by a unit; they commute with -s if it swaps
 * the levels of every pair or of none. Then the group of fixed point 0
 * in base round 0 is one of few: its first point on a pair is on the
 * pair's first level with x = 0, the pairs come in order, and the first
 * point on a pair already met has x = 1. */
static int normal(int b, const int *g, int n)
{
	int t = -1, pts[16], np = 0, pairs = 0, second = 0, prime = M > 1, swapped = 1, kept = 1;

	if (F == 0 || (mirror & 2))
		return 1;
	/* with -t only the group in base round b itself */
	for (int i = 0; i < (mirror_rounds ? K : n); i++)
		if (g[i] == 0)
			t = i / K * K;
	if (t < 0)
		return 1;
	for (int j = t; j < t + K; j++)
		if (g[j] >= F)
			pts[np++] = g[j];
	for (int d = 2; d * d <= M; d++)
		prime &= M % d != 0;
	for (int l = 0; l < L; l++)
		swapped &= level_image[l] == (l ^ 1), kept &= level_image[l] == l;
	for (int i = 1; i < np; i++)
		for (int j = i; j > 0 && pts[j] < pts[j - 1]; j--) {
			int u = pts[j];

			pts[j] = pts[j - 1], pts[j - 1] = u;
		}
	if (b > 0 || 2 * paired_levels != L || host_levels || !(swapped || kept))
		return np == 0 || (pts[0] - F) % M == 0;
	for (int i = 0; i < np; i++) {
		int l = (pts[i] - F) / M, x = (pts[i] - F) % M, seen = 0;

		for (int j = 0; j < i; j++)
			seen |= (pts[j] - F) / M / 2 == l / 2;
		if (!seen && (l != 2 * pairs++ || x != 0))
			return 0;
		if (seen && !second++ && prime && x != 1)
			return 0;
	}
	return 1;
}

static void add_rows(int b, int *g, int depth, int from, long *budget)
{
	int items[80], n, w = K;

	if (depth == K) {
		if (mirror) {
			int same = 0;

			for (int i = 0; i < K; i++) {
				g[K + i] = mirror_point(g[i]);
				for (int j = 0; j < K; j++)
					same += g[K + i] == g[j];
			}
			/* a group that is its own image, or one of two disjoint
			 * groups: the one holding the smaller point; with -t the
			 * image is in the next round */
			if (same != 0 && same != K && !mirror_rounds)
				return;
			if (mirror_rounds)
				same = 0;
			for (int i = 0; same == 0 && i < K && !mirror_rounds; i++)
				if (g[K + i] < g[0])
					return;
			w = same ? K : 2 * K;
		}
		if (!normal(b, g, w) || !(n = row_items(b, g, w, items)))
			return;
		if (row_n == row_cap) {
			row_cap = row_cap ? 2 * row_cap : 4096;
			row_b = realloc(row_b, (size_t)row_cap * sizeof(int));
			row_len = realloc(row_len, (size_t)row_cap * sizeof(int));
			row_pts = realloc(row_pts, (size_t)row_cap * row_w * sizeof(int));
		}
		row_b[row_n] = b;
		row_len[row_n] = w;
		memcpy(row_pts + (size_t)row_n * row_w, g, (size_t)w * sizeof(int));
		row_n++;
		*budget -= n;
		return;
	}
	for (int v = from; v<P && * budget> 0; v++) {
		int ok = 1;

		for (int i = 0; i < depth && ok; i++)
			ok = orbit(g[i], v) >= 0;
		if (ok) {
			g[depth] = v;
			add_rows(b, g, depth + 1, v + 1, budget);
		}
	}
}

static void print_developed(const char *name)
{
	printf("design %d %d %s\n", T, K, name);
	printf("develop %d %d %d\n", M, L, F);
	for (int b = 0; b < NB; b++)
		for (int p = 0; p < P; p++)
			printf("%d%c", grp[b][p], p + 1 < P ? ' ' : '\n');
	printf("end\n");
}

static int exact_cover(int tables, int m, int levels, int fixed, int nbase, const char *name)
{
	int g[16], items[80], norb = 0, primary, *order, bad = 0;
	long budget = 20000000L, pairs;

	T = tables, M = m, L = levels, F = fixed, NB = nbase, P = M * L + F;
	if (P % T || P > MAXP || NB > 8 || P / T > 8 || (mirror_rounds && (NB % 2 || !mirror))) {
		fprintf(stderr, "designgen: %d points do not make %d groups of at most 8%s\n", P, T,
			mirror_rounds ? " in an even number of base rounds, with -r or -s" : "");
		return 1;
	}
	for (int i = 0; i < L + F; i++)
		bad |= i < L ? level_image[i] < 0 || level_image[i] >= L
			     : fixed_image[i - L] < 0 || fixed_image[i - L] >= F;
	for (int p = 0; p < P && !bad; p++)
		bad = mirror_point(mirror_point(p)) != p;
	if (bad) {
		fprintf(stderr, "designgen: -s must swap levels and fixed points in pairs\n");
		return 1;
	}
	K = P / T;
	row_w = mirror ? 2 * K : K;
	NORB = L * M + L * L * M + F * L + 1;
	orbit_use = calloc((size_t)NORB, sizeof(int));
	orbit_item = calloc((size_t)NORB, sizeof(int));
	for (int a = 0; a < P; a++)
		for (int c = a + 1; c < P; c++) {
			int o = orbit(a, c);

			if (o >= 0 && !orbit_item[o])
				orbit_item[o] = 1 + NB * P + norb++;
		}
	/* When the base rounds have exactly as many pairs as there are
	 * orbits, every orbit is used once: a primary item. */
	pairs = (long)NB * T * K * (K - 1) / 2;
	primary = NB * P + (pairs == norb ? norb : 0);
	for (int b = 0; b < NB; b += 1 + mirror_rounds)
		add_rows(b, g, 0, 0, &budget);
	if (budget <= 0) {
		fprintf(stderr, "designgen: too many groups to choose from\n");
		return 1;
	}
	fprintf(stderr, "designgen: %d rows, %d orbits%s\n", row_n, norb,
		pairs == norb ? ", each used once" : "");
	dl_init(NB * P + norb, primary, 20000000L - budget);
	/* the seed shuffles the rows */
	order = malloc((size_t)row_n * sizeof(int));
	for (int i = 0; i < row_n; i++)
		order[i] = i;
	for (int i = row_n - 1; i > 0; i--) {
		int j = (int)rnd((uint32_t)i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < row_n; i++) {
		int r = order[i];

		dl_add_row(items,
			   row_items(row_b[r], row_pts + (size_t)r * row_w, row_len[r], items), r);
	}
	if (!dl_search()) {
		fprintf(stderr, "designgen: no such base rounds (%ld nodes)\n", cover_nodes);
		return 1;
	}
	fprintf(stderr, "designgen: found after %ld nodes\n", cover_nodes);
	/* tables numbered in the order of their first point */
	for (int b = 0; b < NB; b++) {
		int next = 0;

		for (int p = 0; p < P; p++)
			grp[b][p] = -1;
		for (int p = 0; p < P; p++) {
			if (grp[b][p] >= 0)
				continue;
			for (int s = 0; s < nsol; s++) {
				int r = sol[s], *pts = row_pts + (size_t)r * row_w;

				for (int i = 0; i < row_len[r]; i++)
					if (pts[i] == p && row_b[r] + i / K * mirror_rounds == b)
						for (int j = i / K * K; j < i / K * K + K; j++)
							grp[b][pts[j]] = next;
			}
			next++;
		}
	}
	print_developed(name);
	return 0;
}

/* ---- developed designs closed under a multiplier --------------------- */

/* mult: backtracking like exact, but the base round is also closed under
 * multiplying every Z_M coordinate by U (fixed points stay put): a group
 * is chosen with the first free point and its images under U, U^2, ...
 * come with it. A developed design from such a base round is what the
 * cyclotomic constructions of resolvable designs give (40 people in
 * tables of 4 on Z_13 x 3 + 1 with U = 4, for one). The seed shuffles
 * the order in which points are tried; after MULT_BUDGET groups the search
 * starts again in a new order. */
static int mult_u, mult_order, mult_groups;
static int mult_pos[MAXP];
static long mult_steps, mult_budget;

#define MULT_BUDGET 2000000L

static int mult_image(int p, int k)
{
	int l, x;

	if (p < F)
		return p;
	l = (p - F) / M;
	x = (p - F) % M;
	for (; k > 0; k--)
		x = x * mult_u % M;
	return F + l * M + x;
}

static int mult_same(const int *a, const int *b)
{
	for (int i = 0; i < K; i++) {
		int found = 0;

		for (int j = 0; j < K && !found; j++)
			found = a[i] == b[j];
		if (!found)
			return 0;
	}
	return 1;
}

/* The images of block blk under U^1 .. U^(period-1); 0 if they clash with
 * a used point or orbit, or with each other. With mark, take them. */
static int mult_images(const int *blk, int mark, int d)
{
	int img[64][16], period = mult_order, ok = 1;

	for (int k = 1; k < mult_order; k++) {
		for (int i = 0; i < K; i++)
			img[k][i] = mult_image(blk[i], k);
		if (mult_same(img[k], blk)) {
			period = k;
			break;
		}
	}
	for (int k = 1; k < period && ok; k++)
		for (int i = 0; i < K && ok; i++) {
			ok = used_pt[img[k][i]] == 0;
			for (int j = 0; j < K && ok; j++)
				ok = img[k][i] != blk[j];
			for (int k2 = 1; k2 < k && ok; k2++)
				for (int j = 0; j < K && ok; j++)
					ok = img[k][i] != img[k2][j];
		}
	if (!ok)
		return 0;
	if (!mark)
		return period;
	for (int k = 1; k < period; k++) {
		for (int i = 0; i < K; i++) {
			used_pt[img[k][i]] += d;
			if (d > 0)
				grp[0][img[k][i]] = mult_groups;
			for (int j = i + 1; j < K; j++)
				orbit_use[orbit(img[k][i], img[k][j])] += d;
		}
		mult_groups += d;
	}
	return period;
}

/* Orbits of the images all unused and distinct: mark them and check. */
static int mult_orbits_free(const int *blk, int period)
{
	int ok = 1;

	for (int k = 1; k < period; k++)
		for (int i = 0; i < K; i++)
			for (int j = i + 1; j < K; j++) {
				int o = orbit(mult_image(blk[i], k), mult_image(blk[j], k));

				if (o < 0)
					ok = 0;
				else if (orbit_use[o]++ > 0)
					ok = 0;
			}
	for (int k = 1; k < period; k++)
		for (int i = 0; i < K; i++)
			for (int j = i + 1; j < K; j++) {
				int o = orbit(mult_image(blk[i], k), mult_image(blk[j], k));

				if (o >= 0)
					orbit_use[o]--;
			}
	return ok;
}

static int mult_dfs(int *blk, int filled, int from)
{
	if (filled == 0) {
		int i = 0;

		if (mult_groups == T)
			return 1;
		if (++mult_steps > mult_budget)
			return 0;
		while (used_pt[mult_pos[i]])
			i++;
		blk[0] = mult_pos[i];
		used_pt[blk[0]] = 1;
		if (mult_dfs(blk, 1, i + 1))
			return 1;
		used_pt[blk[0]] = 0;
		return 0;
	}
	if (filled == K) {
		int period = mult_images(blk, 0, 0), g = mult_groups;

		if (period == 0 || !mult_orbits_free(blk, period))
			return 0;
		for (int i = 0; i < K; i++)
			grp[0][blk[i]] = g;
		mult_groups++;
		mult_images(blk, 1, 1);
		if (mult_dfs(blk + K, 0, 0))
			return 1;
		mult_images(blk, 1, -1);
		mult_groups--;
		return 0;
	}
	for (int i = from; i < P; i++) {
		int v = mult_pos[i], ok = !used_pt[v], n = 0;

		for (; n < filled && ok; n++) {
			int o = orbit(blk[n], v);

			ok = o >= 0 && orbit_use[o] == 0;
			if (ok)
				orbit_use[o]++;
			else
				n--;
		}
		if (ok) {
			blk[filled] = v;
			used_pt[v] = 1;
			if (mult_dfs(blk, filled + 1, i + 1))
				return 1;
			used_pt[v] = 0;
		}
		while (n-- > 0)
			orbit_use[orbit(blk[n], v)]--;
	}
	return 0;
}

static int mult(int tables, int m, int levels, int fixed, int u, const char *name)
{
	int blk[MAXP + 16], x = 1;

	T = tables, M = m, L = levels, F = fixed, NB = 1, P = M * L + F;
	mult_u = u;
	for (mult_order = 1; (x = x * u % m) != 1 && mult_order < 64; mult_order++)
		;
	if (P % T || P > MAXP || P / T > 16 || x != 1) {
		fprintf(stderr, "designgen: %d points do not make %d groups, or %d is no unit\n", P,
			T, u);
		return 1;
	}
	K = P / T;
	NORB = L * M + L * L * M + F * L + 1;
	orbit_use = calloc((size_t)NORB, sizeof(int));
	for (int p = 0; p < P; p++)
		mult_pos[p] = p;
	for (int restart = 0;; restart++) {
		for (int p = P - 1; p > 0; p--) {
			int j = (int)rnd((uint32_t)p + 1), t = mult_pos[p];

			mult_pos[p] = mult_pos[j];
			mult_pos[j] = t;
		}
		mult_budget = mult_steps + MULT_BUDGET;
		if (mult_dfs(blk, 0, 0))
			break;
		if (mult_steps <= mult_budget) {
			fprintf(stderr, "designgen: no such base round\n");
			return 1;
		}
		fprintf(stderr, "designgen: restart %d after %ld steps\n", restart + 1, mult_steps);
	}
	fprintf(stderr, "designgen: found after %ld steps\n", mult_steps);
	printf("design %d %d %s\n", T, K, name);
	printf("develop %d %d %d\n", M, L, F);
	for (int p = 0; p < P; p++)
		printf("%d%c", grp[0][p], p + 1 < P ? ' ' : '\n');
	printf("end\n");
	free(orbit_use);
	return 0;
}

/* ---- a pair of orthogonal Latin squares of order 10 ------------------ */

#define N 10
#define MAXTR 200000

static int sq[N][N];
static int tr[MAXTR][N]; /* transversal: column of each row */
static int ntr;

static int fill_square(int r, int c)
{
	int order[N];

	if (r == N)
		return 1;
	for (int i = 0; i < N; i++)
		order[i] = i;
	for (int i = N - 1; i > 0; i--) {
		int j = (int)rnd((uint32_t)i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (int i = 0; i < N; i++) {
		int v = order[i], ok = 1;

		for (int k = 0; k < c && ok; k++)
			ok = sq[r][k] != v;
		for (int k = 0; k < r && ok; k++)
			ok = sq[k][c] != v;
		if (!ok)
			continue;
		sq[r][c] = v;
		if (fill_square(c + 1 == N ? r + 1 : r, c + 1 == N ? 0 : c + 1))
			return 1;
	}
	return 0;
}

static int cur[N];

static void transversals(int r, int cols, int syms)
{
	if (r == N) {
		if (ntr < MAXTR)
			memcpy(tr[ntr++], cur, sizeof(cur));
		return;
	}
	for (int c = 0; c < N; c++)
		if (!(cols >> c & 1) && !(syms >> sq[r][c] & 1)) {
			cur[r] = c;
			transversals(r + 1, cols | 1 << c, syms | 1 << sq[r][c]);
		}
}

static int chosen[N], covered[N][N];
static long cover_steps;

/* Cover every cell by N disjoint transversals: the cell of the first row
 * with an uncovered cell goes first. */
static int cover(int depth)
{
	int r, c = -1;

	if (depth == N)
		return 1;
	if (++cover_steps > 20000000L)
		return 0;
	for (int k = 0; k < N && c < 0; k++)
		if (!covered[0][k])
			c = k;
	for (int t = 0; t < ntr; t++) {
		int ok = tr[t][0] == c;

		for (r = 1; r < N && ok; r++)
			ok = !covered[r][tr[t][r]];
		if (!ok)
			continue;
		for (r = 0; r < N; r++)
			covered[r][tr[t][r]] = 1;
		chosen[depth] = t;
		if (cover(depth + 1))
			return 1;
		for (r = 0; r < N; r++)
			covered[r][tr[t][r]] = 0;
	}
	return 0;
}

static int mols10(void)
{
	int mate[N][N];

	for (int attempt = 1;; attempt++) {
		fill_square(0, 0);
		ntr = 0;
		transversals(0, 0, 0);
		memset(covered, 0, sizeof(covered));
		cover_steps = 0;
		fprintf(stderr, "designgen: square %d has %d transversals\n", attempt, ntr);
		if (ntr >= N && cover(0))
			break;
	}
	for (int t = 0; t < N; t++)
		for (int r = 0; r < N; r++)
			mate[r][tr[chosen[t]][r]] = t;
	printf("design 10 10 two orthogonal Latin squares of order 10\n");
	for (int round = 0; round < 4; round++)
		for (int i = 0; i < N * N; i++) {
			int r = i / N, c = i % N;
			int g = round == 0   ? r
				: round == 1 ? c
				: round == 2 ? sq[r][c]
					     : mate[r][c];

			printf("%d%c", g, i + 1 < N * N ? ' ' : '\n');
		}
	printf("end\n");
	return 0;
}

/* ---- partial difference matrices --------------------------------------- */

#define DM_MAX 32
static int dm_m, dm_cols, dm_rows;
static int dm_a[DM_MAX][DM_MAX];
static unsigned char dm_used[DM_MAX][DM_MAX][DM_MAX]; /* rows s < r: a[r][c] - a[s][c] used */
static long dm_steps;

static int dm_fill(int r, int c)
{
	if (c == dm_cols)
		return ++r == dm_rows || dm_fill(r, 1);
	for (int v = 0; v < dm_m; v++) {
		int s;

		dm_steps++;
		for (s = 0; s < r && !dm_used[r][s][(v - dm_a[s][c] + dm_m) % dm_m]; s++)
			;
		if (s < r)
			continue;
		for (s = 0; s < r; s++)
			dm_used[r][s][(v - dm_a[s][c] + dm_m) % dm_m] = 1;
		dm_a[r][c] = v;
		if (dm_fill(r, c + 1))
			return 1;
		for (s = 0; s < r; s++)
			dm_used[r][s][(v - dm_a[s][c] + dm_m) % dm_m] = 0;
	}
	return 0;
}

static int diffmat(int m, int cols, int rows, const char *name)
{
	if (m < 2 || m > DM_MAX || cols < 2 || cols > m || rows < 2 || rows > DM_MAX) {
		fprintf(stderr, "designgen: diffmat needs 2 <= COLUMNS <= M <= %d\n", DM_MAX);
		return 2;
	}
	dm_m = m, dm_cols = cols, dm_rows = rows;
	/* column 0 is all zero: every later row has used the difference 0 */
	for (int r = 1; r < rows; r++)
		for (int s = 0; s < r; s++)
			dm_used[r][s][0] = 1;
	if (!dm_fill(1, 1)) {
		fprintf(stderr, "designgen: no %d x %d difference matrix over Z_%d (%ld steps)\n",
			rows, cols, m, dm_steps);
		return 1;
	}
	fprintf(stderr, "designgen: found in %ld steps\n", dm_steps);
	printf("# rows of the difference matrix:");
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < cols; c++)
			printf("%s%d", c ? " " : (r ? " /" : " "), dm_a[r][c]);
	printf("\ndesign %d %d %s\n", m, cols, name);
	for (int r = 0; r < rows; r++)
		for (int p = 0; p < m * cols; p++)
			printf("%d%c", (p % m - dm_a[r][p / m] + m) % m,
			       p + 1 < m * cols ? ' ' : '\n');
	printf("end\n");
	return 0;
}

/* The words of a design's name, joined by spaces, into name (size n). */
static void join_name(char *name, size_t n, char **words, int nwords)
{
	for (int i = 0; i < nwords; i++) {
		strncat(name, words[i], n - strlen(name) - 2);
		if (i + 1 < nwords)
			strcat(name, " ");
	}
}

int main(int argc, char **argv)
{
	char name[256] = "";

	for (int i = 0; i < MAXP; i++)
		level_image[i] = fixed_image[i] = i;
	while (argc >= 3 && argv[1][0] == '-' && strchr("hprst", argv[1][1]) && !argv[1][2]) {
		char opt = argv[1][1], *s = argv[2];

		if (opt == 'r' || opt == 't') {
			if (opt == 'r')
				mirror |= 2;
			else
				mirror_rounds = 1;
			argc--, argv++;
			continue;
		}
		if (opt == 'h')
			host_levels = atoi(s);
		else if (opt == 'p')
			paired_levels = atoi(s);
		/* -s 1,0,3,2/1,0: the image of each level in turn, then of
		 * each fixed point */
		for (int l = 0; opt == 's' && l < MAXP && *s && *s != '/'; l++) {
			level_image[l] = (int)strtol(s, &s, 10);
			s += *s == ',';
			mirror |= 1;
		}
		s += opt == 's' && *s == '/';
		for (int l = 0; opt == 's' && l < MAXP && *s; l++) {
			fixed_image[l] = (int)strtol(s, &s, 10);
			s += *s == ',';
		}
		argc -= 2;
		argv += 2;
	}
	if (argc >= 3 && strcmp(argv[1], "mols10") == 0) {
		rng_state += (uint64_t)atoll(argv[2]) * 0x9E3779B97F4A7C15ULL;
		return mols10();
	}
	if (argc >= 5 && strcmp(argv[1], "diffmat") == 0) {
		join_name(name, sizeof(name), argv + 5, argc - 5);
		return diffmat(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]),
			       *name ? name : "difference matrix design");
	}
	if (argc >= 8 && strcmp(argv[1], "exact") == 0) {
		join_name(name, sizeof(name), argv + 8, argc - 8);
		return exact(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
			     atoi(argv[6]), *name ? name : "developed design");
	}
	if (argc >= 8 && strcmp(argv[1], "cover") == 0) {
		rng_state += (uint64_t)atoll(argv[7]) * 0x9E3779B97F4A7C15ULL;
		join_name(name, sizeof(name), argv + 8, argc - 8);
		return exact_cover(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
				   atoi(argv[6]), *name ? name : "developed design");
	}
	if (argc >= 8 && strcmp(argv[1], "mult") == 0) {
		rng_state += (uint64_t)atoll(argv[7]) * 0x9E3779B97F4A7C15ULL;
		join_name(name, sizeof(name), argv + 8, argc - 8);
		return mult(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
			    atoi(argv[6]), *name ? name : "developed design");
	}
	if (argc >= 8 && strcmp(argv[1], "anneal") == 0) {
		anneal = 0.3;
		argv[1] = "develop";
	}
	if (argc >= 8 && strcmp(argv[1], "develop") == 0) {
		rng_state += (uint64_t)atoll(argv[7]) * 0x9E3779B97F4A7C15ULL;
		join_name(name, sizeof(name), argv + 8, argc - 8);
		return develop(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
			       atoi(argv[6]), *name ? name : "developed design");
	}
	fprintf(stderr,
		"usage: designgen [-h H] [-p P] develop|anneal|exact TABLES M LEVELS FIXED NBASE SEED [NAME...]\n"
		"       designgen [-h H] [-p P] [-r] [-s LEVELS[/FIXED]] [-t] cover TABLES M LEVELS FIXED NBASE SEED [NAME...]\n"
		"       designgen mols10 SEED\n"
		"       designgen diffmat M COLUMNS ROWS [NAME...]\n");
	return 2;
}
