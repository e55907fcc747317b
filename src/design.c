/* Zero-repeat designs: the constructions, development of base rounds, the
 * check every design passes, and the choice among them.
 *
 * Finite fields are kept as addition and multiplication tables; a ring
 * Z = GF(q1) x GF(q2) x ... over the prime power factors of T gives the
 * transversal designs (MacNeish), and GF(q)^n the affine geometries.
 * Everything here is deterministic: the one search (Kirkman's base round)
 * has a fixed budget of steps, never a clock. */
#include "convene/design.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define GF_MAX 256
#define KTS_MAX 101
#define KTS_BUDGET 200000L

int design_slots(const struct design *d)
{
	return d->tables * d->size;
}

void design_done(struct design *d)
{
	free(d->group);
	free(d->name);
	memset(d, 0, sizeof(*d));
}

void design_catalogue_done(struct design_catalogue *cat)
{
	for (int i = 0; i < cat->n; i++)
		design_done(&cat->d[i]);
	free(cat->d);
	memset(cat, 0, sizeof(*cat));
}

static void design_alloc(struct design *d, int tables, int size, int rounds, const char *name)
{
	d->tables = tables;
	d->size = size;
	d->rounds = rounds;
	d->group = xcalloc((size_t)rounds * tables * size + 1, sizeof(int));
	d->name = xstrdup(name);
}

static const int *round_of(const struct design *d, int r)
{
	return d->group + (size_t)r * design_slots(d);
}

int design_meet_round(const struct design *d, int rounds, int a, int b)
{
	for (int r = 0; r < rounds && r < d->rounds; r++)
		if (round_of(d, r)[a] == round_of(d, r)[b])
			return r;
	return -1;
}

/* List round r's slots group by group: start[g] .. start[g + 1] in list.
 * Returns -1 (err set) if a group does not hold size slots. */
static int check_sizes(const struct design *d, int r, int *start, int *list, struct error *err)
{
	const int *row = round_of(d, r);
	int n = design_slots(d), g;

	memset(start, 0, (size_t)(d->tables + 1) * sizeof(int));
	for (int p = 0; p < n; p++) {
		if (row[p] < 0 || row[p] >= d->tables) {
			error_set(err, ST_INPUT, "%s: round %d puts slot %d in group %d of %d",
				  d->name, r + 1, p, row[p], d->tables);
			return -1;
		}
		start[row[p] + 1]++;
	}
	for (g = 0; g < d->tables; g++) {
		if (start[g + 1] != d->size) {
			error_set(err, ST_INPUT, "%s: round %d has %d in group %d, not %d", d->name,
				  r + 1, start[g + 1], g, d->size);
			return -1;
		}
		start[g + 1] += start[g];
	}
	for (int p = 0; p < n; p++)
		list[start[row[p]]++] = p;
	memmove(start + 1, start, (size_t)d->tables * sizeof(int));
	start[0] = 0;
	return 0;
}

/* No pair of round r's groups met in an earlier round. */
static int check_pairs(const struct design *d, int r, const int *start, const int *list,
		       struct error *err)
{
	for (int g = 0; g < d->tables; g++)
		for (int i = start[g]; i < start[g + 1]; i++)
			for (int j = i + 1; j < start[g + 1]; j++) {
				int e = design_meet_round(d, r, list[i], list[j]);

				if (e >= 0) {
					error_set(err, ST_INPUT,
						  "%s: slots %d and %d share a group in rounds %d and %d",
						  d->name, list[i], list[j], e + 1, r + 1);
					return -1;
				}
			}
	return 0;
}

enum status design_check(const struct design *d, struct error *err)
{
	int *start, *list, rc = 0;

	if (d->tables < 1 || d->size < 1 || d->rounds < 1 || !d->group)
		return error_set(err, ST_INPUT, "%s: %d groups of %d for %d rounds is no design",
				 d->name ? d->name : "design", d->tables, d->size, d->rounds);
	start = xcalloc((size_t)d->tables + 2, sizeof(int));
	list = xcalloc((size_t)design_slots(d) + 1, sizeof(int));
	for (int r = 0; r < d->rounds && rc == 0; r++) {
		rc = check_sizes(d, r, start, list, err);
		if (rc == 0)
			rc = check_pairs(d, r, start, list, err);
	}
	free(start);
	free(list);
	return rc ? ST_INPUT : ST_OK;
}

/* ---- finite fields ---------------------------------------------------- */

/* GF(q) by addition and multiplication tables; elements are base-p
 * digit strings of polynomial coefficients. */
struct gf {
	int q;
	uint8_t *add, *mul;
};

static int gf_prime_power(int q, int *p, int *k)
{
	int d;

	if (q < 2)
		return -1;
	for (d = 2; q % d; d++)
		;
	*p = d;
	for (*k = 0; q % d == 0; (*k)++)
		q /= d;
	return q == 1 ? 0 : -1;
}

static int poly_mulmod(int a, int b, int p, int k, const int *f)
{
	int prod[2 * 8] = { 0 }, da[8], db[8], i, j, c, r = 0;

	for (i = 0; i < k; i++) {
		da[i] = a % p;
		a /= p;
		db[i] = b % p;
		b /= p;
	}
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			prod[i + j] = (prod[i + j] + da[i] * db[j]) % p;
	for (i = 2 * k - 2; i >= k; i--) {
		c = prod[i];
		for (j = 0; j < k; j++)
			prod[i - k + j] = ((prod[i - k + j] - c * f[j]) % p + p) % p;
	}
	for (i = k - 1; i >= 0; i--)
		r = r * p + prod[i];
	return r;
}

static int poly_add(int a, int b, int p)
{
	int r = 0, scale = 1;

	while (a || b) {
		r += scale * ((a % p + b % p) % p);
		a /= p;
		b /= p;
		scale *= p;
	}
	return r;
}

/* Try f (monic, lower coefficients from code) as the modulus: a field
 * has no zero divisors. */
static bool gf_try(struct gf *g, int p, int k, int code)
{
	int f[8], i, a, b, v;

	for (i = 0; i < k; i++, code /= p)
		f[i] = code % p;
	for (a = 0; a < g->q; a++)
		for (b = 0; b < g->q; b++) {
			v = poly_mulmod(a, b, p, k, f);
			if (a && b && !v)
				return false;
			g->mul[a * g->q + b] = (uint8_t)v;
			g->add[a * g->q + b] = (uint8_t)poly_add(a, b, p);
		}
	return true;
}

static int gf_init(struct gf *g, int q)
{
	int p, k, code;

	if (q > GF_MAX || gf_prime_power(q, &p, &k) < 0 || k > 8)
		return -1;
	g->q = q;
	g->add = xmalloc((size_t)q * q);
	g->mul = xmalloc((size_t)q * q);
	for (code = 0; code < q; code++)
		if (gf_try(g, p, k, code))
			return 0;
	free(g->add);
	free(g->mul);
	return -1;
}

static void gf_done(struct gf *g)
{
	free(g->add);
	free(g->mul);
}

/* Z = GF(q1) x GF(q2) x ... for the prime power factors of T. */
struct ring {
	int T, nf;
	struct gf f[16];
	int radix[16];
};

static void ring_done(struct ring *z)
{
	for (int i = 0; i < z->nf; i++)
		gf_done(&z->f[i]);
}

static int ring_init(struct ring *z, int T)
{
	int d, q, rest = T;

	z->T = T;
	z->nf = 0;
	for (d = 2; rest > 1; d++) {
		if (rest % d)
			continue;
		for (q = 1; rest % d == 0; rest /= d)
			q *= d;
		z->radix[z->nf] = T / rest / q;
		if (gf_init(&z->f[z->nf], q) < 0) {
			ring_done(z);
			return -1;
		}
		z->nf++;
	}
	return z->nf > 0 ? 0 : -1;
}

static int ring_units(const struct ring *z)
{
	int m = INT_MAX;

	for (int i = 0; i < z->nf; i++)
		if (z->f[i].q < m)
			m = z->f[i].q;
	return m;
}

/* a + b * c in the ring. */
static int ring_axpy(const struct ring *z, int a, int b, int c)
{
	int i, r = 0, q, da, db, dc;

	for (i = 0; i < z->nf; i++) {
		q = z->f[i].q;
		da = a / z->radix[i] % q;
		db = b / z->radix[i] % q;
		dc = c / z->radix[i] % q;
		r += z->radix[i] * z->f[i].add[da * q + z->f[i].mul[db * q + dc]];
	}
	return r;
}

static int ring_const(const struct ring *z, int v)
{
	int r = 0;

	for (int i = 0; i < z->nf; i++)
		r += z->radix[i] * v;
	return r;
}

/* ---- constructions ---------------------------------------------------- */

/* Slot (i, j) = i * T + j sits at j + r * i in round r; slots of one row
 * i never meet, so if size divides T a last round seats the rows in
 * blocks. For q tables of q seats, q a prime power, this is the affine
 * plane. */
int design_transversal(struct design *d, int tables, int size)
{
	struct ring z;
	int units, extra, r, i, j, n = tables * size;

	if (size < 2 || size > tables || ring_init(&z, tables) < 0)
		return -1;
	units = ring_units(&z);
	extra = tables % size == 0;
	design_alloc(d, tables, size, units + extra,
		     size == tables && z.nf == 1 ? "affine plane" : "transversal design");
	for (r = 0; r < units; r++)
		for (i = 0; i < size; i++)
			for (j = 0; j < tables; j++)
				d->group[(size_t)r * n + i * tables + j] =
					ring_axpy(&z, j, ring_const(&z, r), i);
	for (j = 0; extra && j < n; j++)
		d->group[(size_t)units * n + j] = j / size;
	ring_done(&z);
	return 0;
}

/* Pairs: the circle method, 2T - 1 rounds. */
int design_round_robin(struct design *d, int tables)
{
	int n = 2 * tables, r, k, a, b;

	if (tables < 1)
		return -1;
	design_alloc(d, tables, 2, n - 1, "round robin");
	for (r = 0; r < n - 1; r++) {
		int *g = d->group + (size_t)r * n;

		g[n - 1] = 0;
		g[r] = 0;
		for (k = 1; k < tables; k++) {
			a = (r + k) % (n - 1);
			b = (r - k + n - 1) % (n - 1);
			g[a] = k;
			g[b] = k;
		}
	}
	return 0;
}

/* The points of GF(q)^n are numbered by their coordinates in base q. */
struct space {
	struct gf f;
	int n, points;
};

static int coord(const struct space *s, int x, int i)
{
	for (; i > 0; i--)
		x /= s->f.q;
	return x % s->f.q;
}

/* x - c * v, coordinate by coordinate. */
static int space_sub_scaled(const struct space *s, int x, int c, int v)
{
	int q = s->f.q, r = 0, scale = 1;

	for (int i = 0; i < s->n; i++, scale *= q) {
		int cv = s->f.mul[c * q + coord(s, v, i)], neg = 0;

		for (neg = 0; s->f.add[cv * q + neg] != 0; neg++)
			;
		r += scale * s->f.add[coord(s, x, i) * q + neg];
	}
	return r;
}

/* The line through x in direction v (leading coordinate lead, equal to
 * 1): its point with that coordinate 0, numbered without it. */
static int line_id(const struct space *s, int x, int v, int lead)
{
	int y = space_sub_scaled(s, x, coord(s, x, lead), v), id = 0, scale = 1;

	for (int i = 0; i < s->n; i++)
		if (i != lead) {
			id += scale * coord(s, y, i);
			scale *= s->f.q;
		}
	return id;
}

/* Lead coordinate of v if it is a direction (first nonzero coordinate 1). */
static int direction_lead(const struct space *s, int v)
{
	for (int i = s->n - 1; i >= 0; i--)
		if (coord(s, v, i))
			return coord(s, v, i) == 1 ? i : -1;
	return -1;
}

/* Every line of AG(n, q), a round per direction: q^(n-1) groups of q. */
int design_affine(struct design *d, int tables, int size)
{
	struct space s = { .n = 1 };
	int p, e, r = 0;

	if (size < 2 || gf_prime_power(size, &p, &e) < 0 || tables % size)
		return -1;
	for (s.points = size; s.points < tables * size; s.points *= size)
		s.n++;
	if (s.points != tables * size || s.n < 2 || gf_init(&s.f, size) < 0)
		return -1;
	design_alloc(d, tables, size, (s.points - 1) / (size - 1),
		     s.n == 2 ? "affine plane" : "affine geometry");
	for (int v = 1; v < s.points; v++) {
		int lead = direction_lead(&s, v);

		if (lead < 0)
			continue;
		for (int x = 0; x < s.points; x++)
			d->group[(size_t)r * s.points + x] = line_id(&s, x, v, lead);
		r++;
	}
	gf_done(&s.f);
	return 0;
}

/* ---- Kirkman triple systems ------------------------------------------- */

/* Kirkman triple systems on Z_q x {0, 1, 2}, q odd: a base round whose
 * q translates are q rounds, plus (q - 1) / 2 rounds of triples
 * {(x, 0), (x + c, 1), (x + k c, 2)}. The base round must use each
 * remaining pair orbit once; a small bounded search finds it. */
struct kts {
	int q, h, k;
	bool *used_pt, *used_orb;
	int *tri; /* q * 3 */
	long budget;
};

static int kts_orbit(int q, int u, int v)
{
	int a = u / q, x = u % q, b = v / q, y = v % q, h = (q - 1) / 2, d, tmp;

	if (a > b) {
		tmp = a, a = b, b = tmp;
		tmp = x, x = y, y = tmp;
	}
	d = ((y - x) % q + q) % q;
	if (a == b)
		return a * h + (d > h ? q - d : d) - 1;
	return 3 * h + (a + b - 1) * q + d;
}

static bool kts_fill(struct kts *z, int depth);

static bool kts_try(struct kts *z, int depth, int u, int v, int w)
{
	int o1 = kts_orbit(z->q, u, v), o2 = kts_orbit(z->q, u, w), o3 = kts_orbit(z->q, v, w);
	bool ok;

	if (z->used_orb[o1] || z->used_orb[o2] || z->used_orb[o3] || o1 == o2 || o1 == o3 ||
	    o2 == o3)
		return false;
	z->used_orb[o1] = z->used_orb[o2] = z->used_orb[o3] = true;
	z->used_pt[u] = z->used_pt[v] = z->used_pt[w] = true;
	z->tri[depth * 3] = u;
	z->tri[depth * 3 + 1] = v;
	z->tri[depth * 3 + 2] = w;
	ok = kts_fill(z, depth + 1);
	z->used_orb[o1] = z->used_orb[o2] = z->used_orb[o3] = false;
	z->used_pt[u] = z->used_pt[v] = z->used_pt[w] = false;
	return ok;
}

static bool kts_fill(struct kts *z, int depth)
{
	int n = 3 * z->q, u, v, w;

	if (depth == z->q)
		return true;
	if (--z->budget < 0)
		return false;
	for (u = 0; z->used_pt[u]; u++)
		;
	for (v = u + 1; v < n; v++) {
		if (z->used_pt[v] || z->used_orb[kts_orbit(z->q, u, v)])
			continue;
		for (w = v + 1; w < n; w++)
			if (!z->used_pt[w] && kts_try(z, depth, u, v, w))
				return true;
		if (z->budget < 0)
			return false;
	}
	return false;
}

static bool kts_extra_ok(struct kts *z)
{
	int c, q = z->q;

	memset(z->used_orb, 0, (size_t)(3 * z->h + 3 * q) * sizeof(bool));
	for (c = 0; c < z->h; c++) {
		int o[3] = { 3 * z->h + c % q, 3 * z->h + q + z->k * c % q,
			     3 * z->h + 2 * q + (z->k - 1) * c % q };

		for (int i = 0; i < 3; i++) {
			if (z->used_orb[o[i]])
				return false;
			z->used_orb[o[i]] = true;
		}
	}
	return true;
}

static void kts_emit(const struct kts *z, struct design *d)
{
	int q = z->q, n = 3 * q, x, i, j, c;

	for (x = 0; x < q; x++)
		for (i = 0; i < q; i++)
			for (j = 0; j < 3; j++) {
				int u = z->tri[i * 3 + j];

				d->group[(size_t)x * n + u / q * q + (u % q + x) % q] = i;
			}
	for (c = 0; c < z->h; c++)
		for (x = 0; x < q; x++) {
			int *g = d->group + (size_t)(q + c) * n;

			g[x] = x;
			g[q + (x + c) % q] = x;
			g[2 * q + (x + z->k * c) % q] = x;
		}
}

int design_kirkman(struct design *d, int tables)
{
	struct kts z = { .q = tables, .h = (tables - 1) / 2 };
	bool found = false;

	if (tables < 3 || tables % 2 == 0 || tables > KTS_MAX)
		return -1;
	z.used_pt = xcalloc(3 * tables, sizeof(bool));
	z.used_orb = xcalloc(3 * z.h + 3 * tables, sizeof(bool));
	z.tri = xmalloc((size_t)tables * 3 * sizeof(int));
	for (z.k = 2; z.k < tables && !found; z.k++) {
		z.budget = KTS_BUDGET;
		found = kts_extra_ok(&z) && kts_fill(&z, 0);
		if (found) {
			design_alloc(d, tables, 3, tables + z.h, "Kirkman triple system");
			kts_emit(&z, d);
		}
	}
	free(z.used_pt);
	free(z.used_orb);
	free(z.tri);
	return found ? 0 : -1;
}

/* ---- developed designs ------------------------------------------------ */

/* The point p of a base round moved by t: fixed points stay. */
static int develop_point(int p, int m, int fixed, int t)
{
	int l, x;

	if (p < fixed)
		return p;
	l = (p - fixed) / m;
	x = (p - fixed) % m;
	return fixed + l * m + (x + t) % m;
}

enum status design_develop(struct design *d, int m, int levels, int fixed, int nbase,
			   const int *base, int tables, struct error *err)
{
	int points = m * levels + fixed;
	enum status st;

	if (m < 1 || levels < 0 || fixed < 0 || nbase < 1 || tables < 1 || points % tables)
		return error_set(err, ST_INPUT,
				 "%d points over Z_%d x %d and %d fixed do not make %d groups",
				 points, m, levels, fixed, tables);
	design_alloc(d, tables, points / tables, nbase * m, "developed design");
	for (int b = 0; b < nbase; b++)
		for (int t = 0; t < m; t++) {
			int *row = d->group + ((size_t)b * m + t) * points;

			for (int p = 0; p < points; p++)
				row[develop_point(p, m, fixed, t)] = base[(size_t)b * points + p];
		}
	st = design_check(d, err);
	if (st)
		design_done(d);
	return st;
}

/* ---- choosing ---------------------------------------------------------- */

static void design_copy(struct design *to, const struct design *from, int rounds)
{
	design_alloc(to, from->tables, from->size, rounds, from->name);
	memcpy(to->group, from->group, (size_t)rounds * design_slots(from) * sizeof(int));
}

/* Keep cand in best if it has more rounds; free it otherwise. */
static void keep_better(struct design *best, struct design *cand)
{
	if (cand->rounds > best->rounds) {
		design_done(best);
		*best = *cand;
	} else {
		design_done(cand);
	}
}

int design_best(int tables, int size, int want, const struct design_catalogue *cat,
		struct design *out)
{
	struct design cand;

	memset(out, 0, sizeof(*out));
	for (int i = 0; cat && i < cat->n; i++)
		if (cat->d[i].tables == tables && cat->d[i].size == size &&
		    cat->d[i].rounds > out->rounds) {
			design_done(out);
			design_copy(out, &cat->d[i], cat->d[i].rounds);
		}
	if (out->rounds < want && size == 2 && design_round_robin(&cand, tables) == 0)
		keep_better(out, &cand);
	if (out->rounds < want && design_affine(&cand, tables, size) == 0)
		keep_better(out, &cand);
	if (out->rounds < want && design_transversal(&cand, tables, size) == 0)
		keep_better(out, &cand);
	if (out->rounds < want && size == 3 && design_kirkman(&cand, tables) == 0)
		keep_better(out, &cand);
	if (out->rounds < 2) {
		design_done(out);
		return 0;
	}
	if (out->rounds > want)
		out->rounds = want;
	return out->rounds;
}
