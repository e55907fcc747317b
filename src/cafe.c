/* World Cafe seating over rounds.
 *
 * The plan is a table per person per round. Its cost is a weighted sum:
 * keep-apart pairs at one table (hard), pairs meeting again (sum over
 * pairs of C(m, 2), so adding a meeting to a pair that met m times costs
 * m), pairs of one organisation at one table, and pairs of one
 * organisation type or role at one table (fewer such pairs is an even
 * mix). Capacity, hosts and step-free needs are kept by construction:
 * every round has fixed table sizes (filled evenly), hosts never move and
 * step-free people only go to step-free tables.
 *
 * 1. Known designs where the numbers fit (all tables alike, everybody
 *    there every round): round robin for pairs, a Kirkman triple system
 *    found by a small search for threes, and otherwise a resolvable
 *    transversal design over a product of finite fields (MacNeish), which
 *    for q tables of q seats is the affine plane with its q + 1 rounds.
 *    People are relabelled onto the design so hosts keep their table.
 * 2. A randomised greedy start, round by round, each person at the open
 *    table where they add least cost.
 * 3. Tabu search over swaps of two people within a round where one of
 *    them is in a conflict (Dotu and Van Hentenryck 2005), each swap
 *    evaluated incrementally from a pair-meeting count (a dense byte
 *    matrix up to 4096 people, otherwise a short list per person), with
 *    restarts from the best plan plus random swaps when stuck.
 * 4. A polish of the mix by improving random swaps.
 *
 * Everything random comes from the seed; the deadline only stops early. */
#include "convene/cafe.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define W_KEEP 1000000000LL
#define W_PAIR 1000000LL
#define W_ORG 1000LL
#define W_MIX 1LL
#define W_STAY 100LL          /* a person away from the plan they hold (late changes) */
#define W_MUST (100 * W_PAIR) /* a must-meet pair who never share a table */
#define W_SEAT 100000LL       /* relabelling: an empty seat too many or too few at a table */
#define W_SF 100000LL         /* relabelling: a step-free need a round cannot meet */

#define REL_APART 1    /* keep-apart pair */
#define REL_TOGETHER 2 /* keep-together pair */
#define REL_MUST 4     /* must-meet pair */

#define DENSE_MAX 4096
#define SPARSE_MAX_ENTRIES 40000000L
#define FULL_SCAN_LIMIT 40000L
#define RELABEL_PASSES 64          /* passes of the relabelling search */
#define RELABEL_STEPS 100000       /* people it tries to move, at most */
#define RELABEL_TRIES 16           /* slots it tries for each */
#define RELABEL_SAMPLE 64          /* others it tries while seats are uneven */
#define RELABEL_HOST_STEPS 200000L /* slots it tries for the hosts, at most */
#define RELABEL_HOST_CELLS 4000000 /* and the most candidate cells it keeps */
#define GREEDY_SAMPLE 48
#define MAX_PEOPLE 1000000

/* ---- pair meetings ---------------------------------------------------- */

struct meet {
	int n;
	int cap;        /* sparse: list length per person; 0 when dense */
	uint8_t *dense; /* n * n */
	int *other;     /* sparse: n * cap */
	uint8_t *count; /* sparse: n * cap */
	int *len;       /* sparse: n */
};

static size_t meet_sparse_cap(int n, int rounds, int maxocc)
{
	long cap = (long)rounds * (maxocc > 1 ? maxocc - 1 : 0);

	if (cap > n - 1)
		cap = n - 1;
	return cap < 1 ? 1 : (size_t)cap;
}

static int meet_init(struct meet *m, int n, int rounds, int maxocc)
{
	memset(m, 0, sizeof(*m));
	m->n = n;
	if (n <= DENSE_MAX) {
		m->dense = xcalloc((size_t)n * n, 1);
		return 0;
	}
	m->cap = (int)meet_sparse_cap(n, rounds, maxocc);
	if ((long)n * m->cap > SPARSE_MAX_ENTRIES)
		return -1;
	m->other = xmalloc((size_t)n * m->cap * sizeof(int));
	m->count = xmalloc((size_t)n * m->cap);
	m->len = xcalloc(n, sizeof(int));
	return 0;
}

static void meet_done(struct meet *m)
{
	free(m->dense);
	free(m->other);
	free(m->count);
	free(m->len);
	memset(m, 0, sizeof(*m));
}

static void meet_clear(struct meet *m)
{
	if (m->dense)
		memset(m->dense, 0, (size_t)m->n * m->n);
	else
		memset(m->len, 0, (size_t)m->n * sizeof(int));
}

static inline int meet_get(const struct meet *m, int a, int b)
{
	const int *o;
	int i, len;

	if (m->dense)
		return m->dense[(size_t)a * m->n + b];
	o = m->other + (size_t)a * m->cap;
	len = m->len[a];
	for (i = 0; i < len; i++)
		if (o[i] == b)
			return m->count[(size_t)a * m->cap + i];
	return 0;
}

static void meet_half(struct meet *m, int a, int b, int d)
{
	size_t base = (size_t)a * m->cap;
	int i, len = m->len[a];

	for (i = 0; i < len; i++)
		if (m->other[base + i] == b)
			break;
	if (i == len) {
		if (d < 0 || len == m->cap)
			die("cafe: pair count out of step (%d, %d)", a, b);
		m->other[base + len] = b;
		m->count[base + len] = 0;
		m->len[a]++;
	}
	m->count[base + i] = (uint8_t)(m->count[base + i] + d);
	if (m->count[base + i] == 0) {
		m->len[a]--;
		m->other[base + i] = m->other[base + m->len[a]];
		m->count[base + i] = m->count[base + m->len[a]];
	}
}

static inline void meet_add(struct meet *m, int a, int b, int d)
{
	if (m->dense) {
		m->dense[(size_t)a * m->n + b] += d;
		m->dense[(size_t)b * m->n + a] += d;
		return;
	}
	meet_half(m, a, b, d);
	meet_half(m, b, a, d);
}

/* ---- the problem ------------------------------------------------------ */

static bool is_present(const struct cafe_problem *pb, int r, int p)
{
	if (r < pb->keep_rounds)
		return pb->previous[(size_t)r * pb->npeople + p] != CAFE_NONE;
	return !pb->people || !((pb->people[p].absent >> r) & 1);
}

static bool needs_step_free(const struct cafe_problem *pb, int p)
{
	return pb->people && pb->people[p].step_free;
}

static bool same_id(int a, int b)
{
	return a != CAFE_NONE && a == b;
}

static enum status check_tables(const struct cafe_problem *pb, int *host_of, struct error *err)
{
	int t, h;

	for (t = 0; t < pb->ntables; t++) {
		if (pb->tables[t].seats < 0)
			return error_set(err, ST_INPUT, "table %d has %d seats", t,
					 pb->tables[t].seats);
		h = pb->tables[t].host;
		if (h == CAFE_NONE)
			continue;
		if (h < 0 || h >= pb->npeople)
			return error_set(err, ST_INPUT, "table %d: host %d is not a person", t, h);
		if (host_of[h] != CAFE_NONE)
			return error_set(err, ST_INPUT, "person %d hosts tables %d and %d", h,
					 host_of[h], t);
		host_of[h] = t;
		if (pb->tables[t].seats < 1)
			return error_set(err, ST_PROBLEM, "table %d has a host but no seats", t);
		if (needs_step_free(pb, h) && !pb->tables[t].step_free)
			return error_set(
				err, ST_PROBLEM,
				"person %d needs step-free access but hosts table %d, which is not step-free",
				h, t);
	}
	return ST_OK;
}

/* Every pair of a list names two people. */
static enum status check_pairs(const struct cafe_problem *pb, const struct cafe_pair *pairs, int n,
			       const char *what, struct error *err)
{
	if (n < 0 || (n > 0 && !pairs))
		return error_set(err, ST_INPUT, "%d %s pairs given", n, what);
	for (int k = 0; k < n; k++) {
		const struct cafe_pair *kp = &pairs[k];

		if (kp->a < 0 || kp->b < 0 || kp->a >= pb->npeople || kp->b >= pb->npeople ||
		    kp->a == kp->b)
			return error_set(err, ST_INPUT,
					 "%s pair %d (%d, %d) does not name two people", what, k,
					 kp->a, kp->b);
	}
	return ST_OK;
}

static enum status check_shape(const struct cafe_problem *pb, struct error *err)
{
	enum status st;
	long i, total;

	if (pb->npeople < 0 || pb->npeople > MAX_PEOPLE)
		return error_set(err, ST_INPUT, "%d people: must be 0 to %d", pb->npeople,
				 MAX_PEOPLE);
	if (pb->ntables < 0 || (pb->ntables > 0 && !pb->tables))
		return error_set(err, ST_INPUT, "no tables given");
	if (pb->rounds < 1 || pb->rounds > CAFE_MAX_ROUNDS)
		return error_set(err, ST_INPUT, "%d rounds: must be 1 to %d", pb->rounds,
				 CAFE_MAX_ROUNDS);
	if (pb->keep_rounds < 0 || pb->keep_rounds > pb->rounds ||
	    (pb->keep_rounds > 0 && !pb->previous))
		return error_set(err, ST_INPUT, "%d rounds to keep, but %s", pb->keep_rounds,
				 pb->previous ? "the plan is shorter" : "no previous plan");
	total = (long)pb->keep_rounds * pb->npeople;
	for (i = 0; i < total; i++)
		if (pb->previous[i] < CAFE_NONE || pb->previous[i] >= pb->ntables)
			return error_set(
				err, ST_INPUT,
				"previous plan, round %ld: person %ld at table %d, which does not exist",
				i / pb->npeople, i % pb->npeople, pb->previous[i]);
	st = check_pairs(pb, pb->keep_apart, pb->nkeep_apart, "keep-apart", err);
	if (!st)
		st = check_pairs(pb, pb->keep_together, pb->nkeep_together, "keep-together", err);
	if (!st)
		st = check_pairs(pb, pb->must_meet, pb->nmust_meet, "must-meet", err);
	return st;
}

/* ---- even fill of each round ------------------------------------------ */

static long fill_at(const struct cafe_problem *pb, int level)
{
	long sum = 0;
	int t;

	for (t = 0; t < pb->ntables; t++)
		sum += pb->tables[t].seats < level ? pb->tables[t].seats : level;
	return sum;
}

static void give_extra(const struct cafe_problem *pb, int level, long extra, const bool *want,
		       int *tgt)
{
	int t, pass;

	for (pass = 0; pass < 2 && extra > 0; pass++)
		for (t = 0; t < pb->ntables && extra > 0; t++)
			if (pb->tables[t].seats > level && tgt[t] == level &&
			    (pass == 1 || want[t])) {
				tgt[t]++;
				extra--;
			}
}

static int shift_to_step_free(const struct cafe_problem *pb, int *tgt, const bool *hosted, long need)
{
	long have = 0;
	int t, from, to;

	for (t = 0; t < pb->ntables; t++)
		if (pb->tables[t].step_free)
			have += tgt[t];
	while (have < need) {
		from = to = -1;
		for (t = 0; t < pb->ntables; t++) {
			if (pb->tables[t].step_free) {
				if (tgt[t] < pb->tables[t].seats && (to < 0 || tgt[t] < tgt[to]))
					to = t;
			} else if (tgt[t] > (hosted[t] ? 1 : 0) && (from < 0 || tgt[t] > tgt[from])) {
				from = t;
			}
		}
		if (from < 0 || to < 0)
			return -1;
		tgt[from]--;
		tgt[to]++;
		have++;
	}
	return 0;
}

/* Table sizes for round r: as even as the seats allow, hosted tables and
 * then step-free ones first for the odd seats. */
static enum status fill_round(const struct cafe_problem *pb, int r, int *tgt, struct error *err)
{
	bool *hosted = xcalloc(pb->ntables + 1, sizeof(bool));
	long present = 0, need_sf = 0, seats = fill_at(pb, INT_MAX);
	int p, t, lo = 0, hi = 0;
	enum status st = ST_OK;

	for (p = 0; p < pb->npeople; p++)
		if (is_present(pb, r, p)) {
			present++;
			need_sf += needs_step_free(pb, p);
		}
	for (t = 0; t < pb->ntables; t++) {
		int h = pb->tables[t].host;

		hosted[t] = h != CAFE_NONE && is_present(pb, r, h);
		if (pb->tables[t].seats > hi)
			hi = pb->tables[t].seats;
	}
	if (present > seats) {
		st = error_set(err, ST_PROBLEM,
			       "round %d: %ld people but only %ld seats; %ld cannot be seated",
			       r + 1, present, seats, present - seats);
		goto out;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (fill_at(pb, mid) <= present)
			lo = mid;
		else
			hi = mid - 1;
	}
	for (t = 0; t < pb->ntables; t++)
		tgt[t] = pb->tables[t].seats < lo ? pb->tables[t].seats : lo;
	give_extra(pb, lo, present - fill_at(pb, lo), hosted, tgt);
	if (shift_to_step_free(pb, tgt, hosted, need_sf) < 0)
		st = error_set(
			err, ST_PROBLEM,
			"round %d: %ld people need step-free access but there are too few step-free seats",
			r + 1, need_sf);
out:
	free(hosted);
	return st;
}

/* ---- who is bound to whom -------------------------------------------- */

/* Each person's keep-apart, keep-together and must-meet partners. */
struct rels {
	int *off; /* n + 1: each person's partners in other, kind */
	int *other;
	int *kind; /* REL_* */
};

/* How a and b are bound to each other (REL_* bits). */
static int rels_get(const struct rels *x, int a, int b)
{
	int k = 0;

	for (int i = x->off[a]; i < x->off[a + 1]; i++)
		if (x->other[i] == b)
			k |= x->kind[i];
	return k;
}

static void rels_count(struct rels *x, const struct cafe_pair *pairs, int n)
{
	for (int k = 0; k < n; k++) {
		x->off[pairs[k].a + 1]++;
		x->off[pairs[k].b + 1]++;
	}
}

static void rels_fill(struct rels *x, const struct cafe_pair *pairs, int n, int kind, int *fill)
{
	for (int k = 0; k < n; k++) {
		int a = pairs[k].a, b = pairs[k].b;

		x->other[x->off[a] + fill[a]] = b;
		x->kind[x->off[a] + fill[a]++] = kind;
		x->other[x->off[b] + fill[b]] = a;
		x->kind[x->off[b] + fill[b]++] = kind;
	}
}

static void rels_build(struct rels *x, const struct cafe_problem *pb)
{
	int *fill = xcalloc((size_t)pb->npeople + 1, sizeof(int));
	size_t total = 2 * ((size_t)pb->nkeep_apart + pb->nkeep_together + pb->nmust_meet) + 1;

	x->off = xcalloc((size_t)pb->npeople + 2, sizeof(int));
	x->other = xmalloc(total * sizeof(int));
	x->kind = xmalloc(total * sizeof(int));
	rels_count(x, pb->keep_apart, pb->nkeep_apart);
	rels_count(x, pb->keep_together, pb->nkeep_together);
	rels_count(x, pb->must_meet, pb->nmust_meet);
	for (int p = 0; p < pb->npeople; p++)
		x->off[p + 1] += x->off[p];
	rels_fill(x, pb->keep_apart, pb->nkeep_apart, REL_APART, fill);
	rels_fill(x, pb->keep_together, pb->nkeep_together, REL_TOGETHER, fill);
	rels_fill(x, pb->must_meet, pb->nmust_meet, REL_MUST, fill);
	free(fill);
}

static void rels_done(struct rels *x)
{
	free(x->off);
	free(x->other);
	free(x->kind);
	memset(x, 0, sizeof(*x));
}

/* ---- the search state ------------------------------------------------- */

struct search {
	const struct cafe_problem *pb;
	int n, T, R;
	int *seat; /* R * n */
	int *pos;  /* R * n: index within the table's members */
	int *tgt;  /* R * T: people at each table (fixed per round) */
	int *occ;  /* R * T: people there now */
	long *off; /* R * T: start of the members in mem */
	int *mem;
	uint8_t *fixed; /* R * n: host, kept round or absent */
	int *host_of;   /* n: table hosted, or CAFE_NONE */
	int *bad;       /* R * n: table-mates in conflict with p */
	int *conf;      /* movable (r, p) with bad > 0, as r * n + p */
	int *conf_pos;  /* R * n: index in conf or -1 */
	long nconf;
	long *tabu;       /* R * n: iteration until which p stays in round r */
	struct rels rels; /* keep-apart, keep-together and must-meet partners */
	struct meet meet;
	long long cost;
	bool has_mix;
	struct rng rng;
	double start, deadline;
	long iter, max_iter;
	bool stopped;
	double next_report;
	const struct cafe_options *opt;
	long long best_cost;
	long long floor; /* no plan costs less: the search stops there */
	int *best;       /* R * n */
	bool cur_is_best;
};

static int relation(const struct search *s, int a, int b)
{
	return rels_get(&s->rels, a, b);
}

static long long pair_static_rel(const struct search *s, int a, int b, int rel)
{
	const struct cafe_person *pa, *pb;
	long long c = 0;

	if (rel & REL_APART)
		c += W_KEEP;
	if (rel & REL_TOGETHER)
		c -= W_KEEP;
	if (!s->pb->people)
		return c;
	pa = &s->pb->people[a];
	pb = &s->pb->people[b];
	if (same_id(pa->org, pb->org))
		c += W_ORG;
	if (same_id(pa->org_type, pb->org_type))
		c += W_MIX;
	if (same_id(pa->role, pb->role))
		c += W_MIX;
	return c;
}

/* A pair whose sharing a table is a conflict whatever their count. */
static bool static_bad(const struct search *s, int a, int b, int rel)
{
	if (s->pb->people && same_id(s->pb->people[a].org, s->pb->people[b].org))
		return true;
	return rel & REL_APART;
}

/* What one more (d = 1) or one less (d = -1) meeting of a and b costs
 * when they have met m times. Keep-together pairs make no repeats. */
static long long meet_cost(const struct search *s, int a, int b, int m, int d)
{
	int rel = relation(s, a, b);
	long long c = d * pair_static_rel(s, a, b, rel);

	if (!(rel & REL_TOGETHER))
		c += d > 0 ? W_PAIR * m : -W_PAIR * (m - 1);
	if (rel & REL_MUST)
		c += d > 0 ? (m == 0 ? -W_MUST : 0) : (m == 1 ? W_MUST : 0);
	return c;
}

static int *members(const struct search *s, int r, int t)
{
	return s->mem + s->off[(size_t)r * s->T + t];
}

static void conf_update(struct search *s, long key)
{
	bool in = s->conf_pos[key] >= 0;
	bool want = s->bad[key] > 0 && !s->fixed[key];

	if (want && !in) {
		s->conf_pos[key] = (int)s->nconf;
		s->conf[s->nconf++] = (int)key;
	} else if (!want && in) {
		long i = s->conf_pos[key];

		s->conf[i] = s->conf[--s->nconf];
		s->conf_pos[s->conf[i]] = (int)i;
		s->conf_pos[key] = -1;
	}
}

static void bad_add(struct search *s, int r, int p, int d)
{
	long key = (long)r * s->n + p;

	s->bad[key] += d;
	conf_update(s, key);
}

/* A must-meet pair becomes met (d = -1) or unmet again (d = 1): both are
 * in conflict in every round while it is unmet. */
static void unmet_mark(struct search *s, int a, int b, int d)
{
	for (int r = 0; r < s->R; r++) {
		bad_add(s, r, a, d);
		bad_add(s, r, b, d);
	}
}

/* Pair (a, b) starts (d = 1) or stops (d = -1) sharing a table in round
 * r: update the count, the cost and who is in conflict. */
static void pair_change(struct search *s, int r, int a, int b, int d)
{
	int m = meet_get(&s->meet, a, b), r2, rel = relation(s, a, b);
	bool sb = static_bad(s, a, b, rel), rep = !(rel & REL_TOGETHER);
	bool was = (rep && m >= 2) || sb, now = (rep && m + d >= 2) || sb;

	s->cost += meet_cost(s, a, b, m, d);
	meet_add(&s->meet, a, b, d);
	if ((rel & REL_MUST) && (m == 0 || m + d == 0))
		unmet_mark(s, a, b, m == 0 ? -1 : 1);
	if (d < 0 && was) {
		bad_add(s, r, a, -1);
		bad_add(s, r, b, -1);
	} else if (d > 0 && now) {
		bad_add(s, r, a, 1);
		bad_add(s, r, b, 1);
	}
	if (was == now)
		return;
	for (r2 = 0; r2 < s->R; r2++) {
		const int *row = s->seat + (size_t)r2 * s->n;

		if (r2 != r && row[a] != CAFE_NONE && row[a] == row[b]) {
			bad_add(s, r2, a, now ? 1 : -1);
			bad_add(s, r2, b, now ? 1 : -1);
		}
	}
}

/* Keep-together pairs of p (and q) apart in round r are in conflict:
 * remove (d = -1) or add (d = 1) their marks, each pair once. */
static void together_marks(struct search *s, int r, int p, int q, int d)
{
	const int *row = s->seat + (size_t)r * s->n;
	int who[2] = { p, q };

	for (int k = 0; k < 2 && who[k] >= 0; k++)
		for (int i = s->rels.off[who[k]]; i < s->rels.off[who[k] + 1]; i++) {
			int x = s->rels.other[i];

			if (!(s->rels.kind[i] & REL_TOGETHER) || (k == 1 && x == p) ||
			    row[who[k]] == CAFE_NONE || row[x] == CAFE_NONE || row[who[k]] == row[x])
				continue;
			bad_add(s, r, who[k], d);
			bad_add(s, r, x, d);
		}
}

/* The cost every keep-together and must-meet pair starts from: apart in
 * every round both are there, never met. Sharing a table takes it off. */
static long long bound_pairs_cost(const struct search *s)
{
	const struct cafe_problem *pb = s->pb;
	long long c = W_MUST * pb->nmust_meet;

	for (int k = 0; k < pb->nkeep_together; k++)
		for (int r = 0; r < s->R; r++)
			c += W_KEEP *
			     (s->seat[(size_t)r * s->n + pb->keep_together[k].a] != CAFE_NONE &&
			      s->seat[(size_t)r * s->n + pb->keep_together[k].b] != CAFE_NONE);
	return c;
}

/* Rebuild members, counts, conflicts and cost from s->seat. */
/* What it costs that p sits at table t in round r rather than at the
 * table of the plan they hold. */
static long long stay(const struct search *s, int r, int p, int t)
{
	const int *h = s->pb->hint;
	int want;

	if (!h || r < s->pb->keep_rounds)
		return 0;
	want = h[(size_t)r * s->n + p];
	return want != CAFE_NONE && want != t ? W_STAY : 0;
}

/* The stay costs of p and q in round r if they swapped tables a and b. */
static long long stay_delta(const struct search *s, int r, int p, int q, int a, int b)
{
	return stay(s, r, p, b) - stay(s, r, p, a) + stay(s, r, q, a) - stay(s, r, q, b);
}

static void state_load(struct search *s)
{
	long key, total = (long)s->R * s->n;
	int r, t, i, j;

	memset(s->occ, 0, (size_t)s->R * s->T * sizeof(int));
	memset(s->bad, 0, (size_t)total * sizeof(int));
	for (key = 0; key < total; key++)
		s->conf_pos[key] = -1;
	s->nconf = 0;
	s->cost = bound_pairs_cost(s);
	meet_clear(&s->meet);
	for (i = 0; i < s->pb->nmust_meet; i++)
		unmet_mark(s, s->pb->must_meet[i].a, s->pb->must_meet[i].b, 1);
	for (key = 0; key < total; key++) {
		t = s->seat[key];
		if (t == CAFE_NONE)
			continue;
		r = (int)(key / s->n);
		s->pos[key] = s->occ[(size_t)r * s->T + t]++;
		members(s, r, t)[s->pos[key]] = (int)(key % s->n);
	}
	for (r = 0; r < s->R; r++)
		for (t = 0; t < s->T; t++) {
			const int *m = members(s, r, t);
			int k = s->occ[(size_t)r * s->T + t];

			for (i = 0; i < k; i++) {
				s->cost += stay(s, r, m[i], t);
				for (j = i + 1; j < k; j++)
					pair_change(s, r, m[i], m[j], 1);
			}
		}
	for (r = 0; r < s->R; r++)
		for (i = 0; i < s->pb->nkeep_together; i++) {
			const int *row = s->seat + (size_t)r * s->n;
			int a = s->pb->keep_together[i].a, b = s->pb->keep_together[i].b;

			if (row[a] != CAFE_NONE && row[b] != CAFE_NONE && row[a] != row[b]) {
				bad_add(s, r, a, 1);
				bad_add(s, r, b, 1);
			}
		}
}

/* Cost change if p and q (at different tables in round r) swap seats. */
static long long swap_delta(const struct search *s, int r, int p, int q)
{
	int a = s->seat[(size_t)r * s->n + p], b = s->seat[(size_t)r * s->n + q];
	const int *ma = members(s, r, a), *mb = members(s, r, b);
	int na = s->occ[(size_t)r * s->T + a], nb = s->occ[(size_t)r * s->T + b];
	long long d = stay_delta(s, r, p, q, a, b);
	int i, x;

	for (i = 0; i < na; i++) {
		x = ma[i];
		if (x == p)
			continue;
		d += meet_cost(s, q, x, meet_get(&s->meet, q, x), 1);
		d += meet_cost(s, p, x, meet_get(&s->meet, p, x), -1);
	}
	for (i = 0; i < nb; i++) {
		x = mb[i];
		if (x == q)
			continue;
		d += meet_cost(s, p, x, meet_get(&s->meet, p, x), 1);
		d += meet_cost(s, q, x, meet_get(&s->meet, q, x), -1);
	}
	return d;
}

static void swap_pairs(struct search *s, int r, int who, int t, int skip, int d)
{
	const int *m = members(s, r, t);
	int i, k = s->occ[(size_t)r * s->T + t];

	for (i = 0; i < k; i++)
		if (m[i] != skip && m[i] != who)
			pair_change(s, r, who, m[i], d);
}

/* Swap the seats of p and q in round r. */
static void swap_apply(struct search *s, int r, int p, int q)
{
	size_t kp = (size_t)r * s->n + p, kq = (size_t)r * s->n + q;
	int a = s->seat[kp], b = s->seat[kq], tmp;

	s->cost += stay_delta(s, r, p, q, a, b);
	together_marks(s, r, p, q, -1);
	swap_pairs(s, r, p, a, p, -1);
	swap_pairs(s, r, q, b, q, -1);
	members(s, r, a)[s->pos[kp]] = q;
	members(s, r, b)[s->pos[kq]] = p;
	tmp = s->pos[kp];
	s->pos[kp] = s->pos[kq];
	s->pos[kq] = tmp;
	s->seat[kp] = b;
	s->seat[kq] = a;
	swap_pairs(s, r, p, b, q, 1);
	swap_pairs(s, r, q, a, p, 1);
	together_marks(s, r, p, q, 1);
}

static bool can_swap(const struct search *s, int r, int p, int q)
{
	size_t kp = (size_t)r * s->n + p, kq = (size_t)r * s->n + q;
	int a = s->seat[kp], b = s->seat[kq];

	if (s->fixed[kp] || s->fixed[kq] || a == b)
		return false;
	if (needs_step_free(s->pb, p) && !s->pb->tables[b].step_free)
		return false;
	if (needs_step_free(s->pb, q) && !s->pb->tables[a].step_free)
		return false;
	return true;
}

/* ---- greedy start ----------------------------------------------------- */

static long long place_cost(const struct search *s, int r, int p, int t)
{
	const int *m = members(s, r, t);
	int i, k = s->occ[(size_t)r * s->T + t];
	long long c = 0;

	for (i = 0; i < k; i++)
		c += meet_cost(s, p, m[i], meet_get(&s->meet, p, m[i]), 1);
	return c;
}

static void seat_person(struct search *s, int r, int p, int t)
{
	size_t key = (size_t)r * s->n + p;
	int *m = members(s, r, t), *k = &s->occ[(size_t)r * s->T + t], i;

	for (i = 0; i < *k; i++)
		meet_add(&s->meet, p, m[i], 1);
	s->seat[key] = t;
	s->pos[key] = *k;
	m[(*k)++] = p;
}

struct open_tables {
	int *list, *where, n;
};

static void open_close(struct open_tables *o, int t)
{
	int i = o->where[t];

	if (i < 0)
		return;
	o->list[i] = o->list[--o->n];
	o->where[o->list[i]] = i;
	o->where[t] = -1;
}

static int pick_table(struct search *s, int r, int p, const struct open_tables *o)
{
	bool sf = needs_step_free(s->pb, p), all = sf || o->n <= GREEDY_SAMPLE;
	int tries = all ? o->n : GREEDY_SAMPLE, start = (int)rng_below(&s->rng, (uint32_t)o->n);
	int i, t, best = -1;
	long long c, bc = 0;

	for (i = 0; i < tries; i++) {
		t = all ? o->list[(start + i) % o->n] : o->list[rng_below(&s->rng, (uint32_t)o->n)];
		if (sf && !s->pb->tables[t].step_free)
			continue;
		c = place_cost(s, r, p, t);
		if (best < 0 || c < bc) {
			best = t;
			bc = c;
		}
	}
	return best;
}

static void shuffle(struct rng *rng, int *a, int n)
{
	int i, j, tmp;

	for (i = n - 1; i > 0; i--) {
		j = (int)rng_below(rng, (uint32_t)i + 1);
		tmp = a[i];
		a[i] = a[j];
		a[j] = tmp;
	}
}

/* Order round r's people: step-free needs first, then at random. */
static int greedy_order(struct search *s, int r, int *order)
{
	int p, k = 0, i, nsf = 0, tmp;

	for (p = 0; p < s->n; p++)
		if (s->seat[(size_t)r * s->n + p] == CAFE_NONE && is_present(s->pb, r, p))
			order[k++] = p;
	shuffle(&s->rng, order, k);
	for (i = 0; i < k; i++)
		if (needs_step_free(s->pb, order[i])) {
			tmp = order[nsf];
			order[nsf++] = order[i];
			order[i] = tmp;
		}
	return k;
}

/* Seat round r greedily around the people already seated in it. */
static void greedy_round(struct search *s, int r)
{
	struct open_tables o;
	int *order = xmalloc((size_t)(s->n + 1) * sizeof(int));
	int i, k, t, p;

	o.list = xmalloc((size_t)s->T * sizeof(int));
	o.where = xmalloc((size_t)s->T * sizeof(int));
	o.n = 0;
	for (t = 0; t < s->T; t++) {
		o.where[t] = -1;
		if (s->occ[(size_t)r * s->T + t] < s->tgt[(size_t)r * s->T + t]) {
			o.where[t] = o.n;
			o.list[o.n++] = t;
		}
	}
	k = greedy_order(s, r, order);
	for (i = 0; i < k && o.n > 0; i++) {
		p = order[i];
		t = pick_table(s, r, p, &o);
		if (t < 0)
			die("cafe: no step-free seat left in round %d", r + 1);
		seat_person(s, r, p, t);
		if (s->occ[(size_t)r * s->T + t] >= s->tgt[(size_t)r * s->T + t])
			open_close(&o, t);
	}
	free(o.list);
	free(o.where);
	free(order);
}

/* A late change: seat first, at the table of the plan they hold, whoever
 * still fits there; the greedy seats the rest. */
static void hint_round(struct search *s, int r)
{
	const int *h = s->pb->hint;

	for (int p = 0; h && p < s->n; p++) {
		size_t key = (size_t)r * s->n + p;
		int t = h[key];

		if (t == CAFE_NONE || t >= s->T || s->seat[key] != CAFE_NONE ||
		    !is_present(s->pb, r, p) ||
		    s->occ[(size_t)r * s->T + t] >= s->tgt[(size_t)r * s->T + t] ||
		    (needs_step_free(s->pb, p) && !s->pb->tables[t].step_free))
			continue;
		seat_person(s, r, p, t);
	}
}

static void seat_hosts(struct search *s, int r)
{
	int p;

	for (p = 0; p < s->n; p++)
		if (s->host_of[p] != CAFE_NONE && is_present(s->pb, r, p))
			seat_person(s, r, p, s->host_of[p]);
}

/* ---- relabelling people onto a design --------------------------------- */

/* A design can seat a problem when no round is kept from before, there
 * are two tables or more, and every table takes the largest of the round
 * targets, k: the design then has groups of k and a round's empty seats
 * (spare slots, people who are away) make some groups one smaller.
 * Returns k, or 0. */
static int design_size(const struct search *s, const int *fill)
{
	int k = 0;

	/* A late change starts from the plan people hold, not a design. */
	if (s->T < 2 || s->pb->keep_rounds > 0 || s->pb->hint)
		return 0;
	for (long i = 0; i < (long)s->R * s->T; i++)
		k = fill[i] > k ? fill[i] : k;
	for (int t = 0; t < s->T; t++)
		if (s->pb->tables[t].seats < k)
			return 0;
	return k >= 2 && s->n <= (long)s->T * k ? k : 0;
}

/* Relabelling is a local search over who takes which slot of the design:
 * a swap keeps every round zero-repeat, so it only has to meet the side
 * constraints. Its cost: org-mates and keep-apart pairs (and hosts, who
 * each keep a table) whose slots share a group, must-meet pairs whose
 * slots never do, rounds with too many or too few empty seats at a
 * group, and step-free people whose group cannot go to a step-free table. */
struct relabel {
	struct search *s;
	const struct design *d;
	int R, slots;
	int *slot_of;    /* n: slot of each person */
	int *who;        /* slots: person there, or -1 */
	int *empty;      /* R * T: empty seats in each group */
	int *sfc;        /* R * T: step-free people in each group */
	uint8_t *hosted; /* R * T: a present host in the group */
	int *sf_open;    /* R: groups with step-free people and no host */
	int *lo, *hi;    /* R: empty seats each group should have */
	int *badsf;      /* slots: rounds the group has the host of a table that is not step-free */
	int *org_off, *org_list; /* people by organisation */
	int sf_free;             /* step-free tables without a host */
	long long cost;
};

static int group_at(const struct relabel *x, int r, int slot)
{
	return x->d->group[(size_t)r * x->slots + slot];
}

static bool slots_meet(const struct relabel *x, int a, int b)
{
	return design_meet_round(x->d, x->R, a, b) >= 0;
}

static bool is_host(const struct search *s, int p)
{
	return s->host_of[p] != CAFE_NONE;
}

/* Pair terms of p at slot a with everyone bound to p but skip. */
static long long pair_part(const struct relabel *x, int p, int a, int skip)
{
	const struct search *s = x->s;
	long long c = 0;

	for (int i = s->rels.off[p]; i < s->rels.off[p + 1]; i++) {
		int y = s->rels.other[i];

		if (y == skip)
			continue;
		if ((s->rels.kind[i] & REL_APART) && slots_meet(x, a, x->slot_of[y]))
			c += W_KEEP;
		if ((s->rels.kind[i] & REL_MUST) && !slots_meet(x, a, x->slot_of[y]))
			c += W_MUST;
	}
	if (s->pb->people && s->pb->people[p].org != CAFE_NONE) {
		int o = s->pb->people[p].org;

		for (int i = x->org_off[o]; i < x->org_off[o + 1]; i++)
			if (x->org_list[i] != p && x->org_list[i] != skip &&
			    slots_meet(x, a, x->slot_of[x->org_list[i]]))
				c += W_ORG;
	}
	return c;
}

/* What p at slot a costs: its pairs, and a step-free need at a table
 * whose host's table is not step-free. */
static long long pair_terms(const struct relabel *x, int p, int a, int skip)
{
	long long c = pair_part(x, p, a, skip);

	if (needs_step_free(x->s->pb, p))
		c += W_SF * x->badsf[a];
	return c;
}

static long long empty_cost(const struct relabel *x, int r, int e)
{
	return W_SEAT * ((e > x->hi[r] ? e - x->hi[r] : 0) + (e < x->lo[r] ? x->lo[r] - e : 0));
}

static long long sf_cost(const struct relabel *x, int r)
{
	return x->sf_open[r] > x->sf_free ? W_SF * (x->sf_open[r] - x->sf_free) : 0;
}

/* Count person p (-1: an empty slot) in or out (d) of slot a's groups;
 * returns the change in cost. */
static long long group_terms(struct relabel *x, int p, int a, int d)
{
	const struct search *s = x->s;
	long long c = 0;

	for (int r = 0; r < x->R; r++) {
		size_t k = (size_t)r * s->T + group_at(x, r, a);

		if (p < 0 || !is_present(s->pb, r, p)) {
			c -= empty_cost(x, r, x->empty[k]);
			x->empty[k] += d;
			c += empty_cost(x, r, x->empty[k]);
		} else if (needs_step_free(s->pb, p)) {
			bool was = x->sfc[k] > 0;

			c -= sf_cost(x, r);
			x->sfc[k] += d;
			if (!x->hosted[k] && was != (x->sfc[k] > 0))
				x->sf_open[r] += d;
			c += sf_cost(x, r);
		}
	}
	return c;
}

/* Swap the people (or empty slots) at slots a and b; returns the change
 * in cost. Applying it twice undoes it. */
static long long relabel_swap(struct relabel *x, int a, int b)
{
	int p = x->who[a], q = x->who[b];
	long long c = 0;

	if (p >= 0)
		c -= pair_terms(x, p, a, q);
	if (q >= 0)
		c -= pair_terms(x, q, b, p);
	c += group_terms(x, p, a, -1) + group_terms(x, q, b, -1);
	x->who[a] = q;
	x->who[b] = p;
	if (p >= 0)
		x->slot_of[p] = b;
	if (q >= 0)
		x->slot_of[q] = a;
	c += group_terms(x, p, b, 1) + group_terms(x, q, a, 1);
	if (p >= 0)
		c += pair_terms(x, p, b, q);
	if (q >= 0)
		c += pair_terms(x, q, a, p);
	x->cost += c;
	return c;
}

/* People grouped by organisation, for their pair terms. */
static void relabel_orgs(struct relabel *x)
{
	const struct search *s = x->s;
	int norg = 0, *fill;

	for (int p = 0; s->pb->people && p < s->n; p++)
		if (s->pb->people[p].org >= norg)
			norg = s->pb->people[p].org + 1;
	x->org_off = xcalloc((size_t)norg + 2, sizeof(int));
	x->org_list = xmalloc(((size_t)s->n + 1) * sizeof(int));
	fill = xcalloc((size_t)norg + 1, sizeof(int));
	for (int p = 0; norg && p < s->n; p++)
		if (s->pb->people[p].org >= 0)
			x->org_off[s->pb->people[p].org + 1]++;
	for (int o = 0; o < norg; o++)
		x->org_off[o + 1] += x->org_off[o];
	for (int p = 0; norg && p < s->n; p++) {
		int o = s->pb->people[p].org;

		if (o >= 0)
			x->org_list[x->org_off[o] + fill[o]++] = p;
	}
	free(fill);
}

/* Each round's empty seats spread as evenly as the groups allow. */
static void relabel_spread(struct relabel *x)
{
	const struct search *s = x->s;

	for (int r = 0; r < x->R; r++) {
		int present = 0;

		for (int p = 0; p < s->n; p++)
			present += is_present(s->pb, r, p);
		x->lo[r] = (x->slots - present) / s->T;
		x->hi[r] = (x->slots - present + s->T - 1) / s->T;
	}
}

/* Slots for hosts whose groups never meet, so each keeps a table: a
 * clique search over the slots in a random order, each level keeping
 * the candidates that meet none taken so far and backing up when too
 * few are left, within RELABEL_HOST_STEPS steps; the most found go to
 * best. */
struct host_find {
	struct relabel *x;
	int want, *cur, *best, nbest, *cand; /* cand: want + 1 levels of slots */
	long steps;
};

static bool host_find(struct host_find *h, int placed, int ncand)
{
	const int *cand = h->cand + (size_t)placed * h->x->slots;
	int *next = h->cand + (size_t)(placed + 1) * h->x->slots;

	if (placed > h->nbest) {
		h->nbest = placed;
		memcpy(h->best, h->cur, (size_t)placed * sizeof(int));
	}
	if (placed == h->want)
		return true;
	for (int i = 0; i < ncand && ncand - i >= h->want - placed; i++) {
		int a = cand[i], n = 0;

		if (++h->steps > RELABEL_HOST_STEPS)
			return false;
		for (int j = i + 1; j < ncand; j++)
			if (!slots_meet(h->x, a, cand[j]))
				next[n++] = cand[j];
		h->cur[placed] = a;
		if (n >= h->want - placed - 1 && host_find(h, placed + 1, n))
			return true;
	}
	return false;
}

/* Returns how many slots it found for took (at most want). */
static int host_slots(struct relabel *x, int want, struct rng *rng, int *took)
{
	struct host_find h = { .x = x, .want = want, .best = took };

	if (((size_t)want + 2) * x->slots > RELABEL_HOST_CELLS) {
		/* Too big to search: the slots in a random order, greedily. */
		int *order = xmalloc((size_t)x->slots * sizeof(int)), n = 0;

		for (int i = 0; i < x->slots; i++)
			order[i] = i;
		shuffle(rng, order, x->slots);
		for (int i = 0; i < x->slots && n < want; i++) {
			int j;

			for (j = 0; j < n && !slots_meet(x, order[i], took[j]); j++)
				;
			if (j == n)
				took[n++] = order[i];
		}
		free(order);
		return n;
	}
	h.cur = xmalloc(((size_t)want + 1) * sizeof(int));
	h.cand = xmalloc(((size_t)want + 2) * x->slots * sizeof(int));
	for (int i = 0; i < x->slots; i++)
		h.cand[i] = i;
	shuffle(rng, h.cand, x->slots);
	host_find(&h, 0, x->slots);
	free(h.cur);
	free(h.cand);
	return h.nbest;
}

/* Hosts take slots whose groups never meet, so each keeps a table. When
 * step-free tables have no host, that many more such slots are sought:
 * their groups never hold a host, so they can always sit at the
 * step-free tables, and the step-free people take them. */
static void relabel_hosts(struct relabel *x, struct rng *rng)
{
	const struct search *s = x->s;
	int nhosts = 0, nsf = 0, want, found, k = 0, *took;

	for (int p = 0; p < s->n; p++)
		nhosts += is_host(s, p);
	for (int t = 0; t < s->T; t++)
		nsf += s->pb->tables[t].step_free && s->pb->tables[t].host == CAFE_NONE;
	want = nhosts + nsf < s->T ? nhosts + nsf : s->T;
	if (nhosts == 0)
		return;
	took = xmalloc((size_t)want * sizeof(int));
	found = host_slots(x, want, rng, took);
	for (int p = 0; p < s->n && k < found && k < nhosts; p++)
		if (is_host(s, p)) {
			x->who[took[k]] = p;
			x->slot_of[p] = took[k++];
		}
	for (int p = 0; p < s->n && k < found; p++)
		if (!is_host(s, p) && needs_step_free(s->pb, p)) {
			x->who[took[k]] = p;
			x->slot_of[p] = took[k++];
		}
	free(took);
}

/* Which groups hold a present host, and for each slot how many rounds its
 * group holds the host of a table that is not step-free. */
static void relabel_host_groups(struct relabel *x)
{
	const struct search *s = x->s;

	for (int p = 0; p < s->n; p++)
		for (int r = 0; is_host(s, p) && x->slot_of[p] >= 0 && r < x->R; r++)
			if (is_present(s->pb, r, p))
				x->hosted[(size_t)r * s->T + group_at(x, r, x->slot_of[p])] =
					1 + !s->pb->tables[s->host_of[p]].step_free;
	for (int a = 0; a < x->slots; a++)
		for (int r = 0; r < x->R; r++)
			x->badsf[a] += x->hosted[(size_t)r * s->T + group_at(x, r, a)] == 2;
	for (int t = 0; t < s->T; t++)
		x->sf_free += s->pb->tables[t].step_free && s->pb->tables[t].host == CAFE_NONE;
}

/* Everybody else takes a free slot at random; the cost starts here. */
static void relabel_fill(struct relabel *x, struct rng *rng)
{
	const struct search *s = x->s;
	int *free_slots = xmalloc((size_t)x->slots * sizeof(int)), nfree = 0, k = 0;

	for (int a = 0; a < x->slots; a++)
		if (x->who[a] < 0)
			free_slots[nfree++] = a;
	shuffle(rng, free_slots, nfree);
	for (int p = 0; p < s->n; p++)
		if (x->slot_of[p] < 0) {
			x->slot_of[p] = free_slots[k];
			x->who[free_slots[k++]] = p;
		}
	for (int r = 0; r < x->R; r++)
		x->cost += s->T * empty_cost(x, r, 0);
	for (int a = 0; a < x->slots; a++)
		x->cost += group_terms(x, x->who[a], a, 1);
	for (int p = 0; p < s->n; p++)
		x->cost += pair_terms(x, p, x->slot_of[p], -1) -
			   pair_part(x, p, x->slot_of[p], -1) / 2;
	free(free_slots);
}

/* Try a few slots for p; take the best swap if it does not make things
 * worse (a sideways one now and then). */
static void relabel_improve(struct relabel *x, int p, int tries, struct rng *rng)
{
	int a = x->slot_of[p], best = -1;
	long long bd = LLONG_MAX;

	for (int t = 0; t < tries; t++) {
		int b = (int)rng_below(rng, (uint32_t)x->slots), q = x->who[b];
		long long d;

		if (b == a || (q >= 0 && is_host(x->s, q)))
			continue;
		d = relabel_swap(x, a, b);
		relabel_swap(x, a, b);
		if (d < bd) {
			bd = d;
			best = b;
		}
	}
	if (best >= 0 && (bd < 0 || (bd == 0 && rng_below(rng, 4) == 0)))
		relabel_swap(x, a, best);
}

/* Whom to move: people whose pairs cost, and while seats or step-free
 * needs are off, those away some round, the step-free and a sample. */
static int relabel_list(struct relabel *x, int *list, long long group_cost, struct rng *rng)
{
	const struct search *s = x->s;
	int n = 0;

	for (int p = 0; p < s->n; p++) {
		bool away = false;

		if (is_host(s, p))
			continue;
		for (int r = 0; r < x->R && !away; r++)
			away = !is_present(s->pb, r, p);
		if (pair_part(x, p, x->slot_of[p], -1) > 0 ||
		    (group_cost > 0 && (away || needs_step_free(s->pb, p) ||
					rng_below(rng, (uint32_t)s->n) < RELABEL_SAMPLE)))
			list[n++] = p;
	}
	shuffle(rng, list, n);
	return n;
}

/* The group terms of the cost alone. */
static long long relabel_group_cost(const struct relabel *x)
{
	long long c = 0;

	for (int r = 0; r < x->R; r++) {
		c += sf_cost(x, r);
		for (int g = 0; g < x->s->T; g++)
			c += empty_cost(x, r, x->empty[(size_t)r * x->s->T + g]);
	}
	return c;
}

static void relabel_search(struct relabel *x, struct rng *rng)
{
	int *list = xmalloc(((size_t)x->s->n + 1) * sizeof(int));
	long steps = 0;

	for (int pass = 0; pass < RELABEL_PASSES && x->cost > 0 && steps < RELABEL_STEPS; pass++) {
		int n = relabel_list(x, list, relabel_group_cost(x), rng);

		for (int i = 0; i < n && x->cost > 0 && steps++ < RELABEL_STEPS; i++)
			relabel_improve(x, list[i], RELABEL_TRIES, rng);
	}
	free(list);
}

static void relabel_free(struct relabel *x)
{
	free(x->who);
	free(x->empty);
	free(x->sfc);
	free(x->hosted);
	free(x->sf_open);
	free(x->lo);
	free(x->hi);
	free(x->badsf);
	free(x->org_off);
	free(x->org_list);
}

/* Give each person a slot of design d (first rounds rounds): slot_of. */
static void relabel(struct search *s, const struct design *d, int *slot_of)
{
	size_t rt = (size_t)d->rounds * s->T + 1;
	struct relabel x = { .s = s,
			     .d = d,
			     .R = d->rounds,
			     .slots = design_slots(d),
			     .slot_of = slot_of };

	x.who = xmalloc(((size_t)x.slots + 1) * sizeof(int));
	x.empty = xcalloc(rt, sizeof(int));
	x.sfc = xcalloc(rt, sizeof(int));
	x.hosted = xcalloc(rt, 1);
	x.sf_open = xcalloc((size_t)x.R + 1, sizeof(int));
	x.lo = xcalloc((size_t)x.R + 1, sizeof(int));
	x.hi = xcalloc((size_t)x.R + 1, sizeof(int));
	x.badsf = xcalloc((size_t)x.slots + 1, sizeof(int));
	for (int a = 0; a < x.slots; a++)
		x.who[a] = -1;
	for (int p = 0; p < s->n; p++)
		slot_of[p] = -1;
	relabel_orgs(&x);
	relabel_spread(&x);
	relabel_hosts(&x, &s->rng);
	relabel_host_groups(&x);
	relabel_fill(&x, &s->rng);
	relabel_search(&x, &s->rng);
	relabel_free(&x);
}

/* Give group g of a round a table (a step-free one if want_sf). */
static int design_table_for(const struct search *s, int *gt, bool *used, int g, bool want_sf)
{
	int t;

	if (gt[g] >= 0)
		return want_sf && !s->pb->tables[gt[g]].step_free ? -1 : 0;
	for (t = 0; t < s->T; t++)
		if (!used[t] && (!want_sf || s->pb->tables[t].step_free)) {
			gt[g] = t;
			used[t] = true;
			return 0;
		}
	return -1;
}

/* Map round r's groups to tables so hosts and step-free needs hold;
 * writes s->seat for round r, or returns -1 if they cannot. */
static int design_round(struct search *s, const struct design *d, int r, const int *slot_of)
{
	int *gt = xmalloc((size_t)s->T * sizeof(int));
	const int *g = d->group + (size_t)r * design_slots(d);
	bool *used = xcalloc(s->T, sizeof(bool));
	int p, t, rc = 0;

	for (t = 0; t < s->T; t++)
		gt[t] = -1;
	for (p = 0; p < s->n && rc == 0; p++) {
		t = s->host_of[p];
		if (t == CAFE_NONE || !is_present(s->pb, r, p))
			continue;
		if (gt[g[slot_of[p]]] >= 0 || used[t])
			rc = -1;
		gt[g[slot_of[p]]] = t;
		used[t] = true;
	}
	for (p = 0; p < s->n && rc == 0; p++)
		if (needs_step_free(s->pb, p) && is_present(s->pb, r, p))
			rc = design_table_for(s, gt, used, g[slot_of[p]], true);
	for (t = 0; t < s->T && rc == 0; t++)
		rc = design_table_for(s, gt, used, t, false);
	for (p = 0; p < s->n && rc == 0; p++)
		s->seat[(size_t)r * s->n + p] = is_present(s->pb, r, p) ? gt[g[slot_of[p]]]
									: CAFE_NONE;
	free(gt);
	free(used);
	return rc;
}

static void layout(struct search *s)
{
	long off = 0;
	size_t i;

	for (i = 0; i < (size_t)s->R * s->T; i++) {
		s->off[i] = off;
		off += s->tgt[i];
	}
}

static void round_targets(struct search *s, int r, const int *fill, bool decided)
{
	int *tgt = s->tgt + (size_t)r * s->T, p, t;

	if (!decided) {
		memcpy(tgt, fill + (size_t)r * s->T, (size_t)s->T * sizeof(int));
		return;
	}
	memset(tgt, 0, (size_t)s->T * sizeof(int));
	for (p = 0; p < s->n; p++) {
		t = s->seat[(size_t)r * s->n + p];
		if (t != CAFE_NONE)
			tgt[t]++;
	}
}

/* Seat everybody: kept rounds, design rounds, then the rest greedily. */
static int build_start(struct search *s, const struct design *d, const int *fill)
{
	int *slot_of = xmalloc((size_t)(s->n + 1) * sizeof(int));
	bool *decided = xcalloc(s->R, sizeof(bool));
	int r, p, ndesign = 0;

	for (p = 0; p < s->R * s->n; p++)
		s->seat[p] = CAFE_NONE;
	if (d)
		relabel(s, d, slot_of);
	for (r = 0; r < s->R; r++) {
		if (r < s->pb->keep_rounds) {
			memcpy(s->seat + (size_t)r * s->n, s->pb->previous + (size_t)r * s->n,
			       (size_t)s->n * sizeof(int));
			decided[r] = true;
		} else if (d && r < d->rounds && design_round(s, d, r, slot_of) == 0) {
			decided[r] = true;
			ndesign++;
		} else {
			for (p = 0; p < s->n; p++)
				s->seat[(size_t)r * s->n + p] = CAFE_NONE;
		}
		round_targets(s, r, fill, decided[r]);
	}
	layout(s);
	memset(s->occ, 0, (size_t)s->R * s->T * sizeof(int));
	meet_clear(&s->meet);
	for (r = 0; r < s->R; r++)
		for (p = 0; decided[r] && p < s->n; p++)
			if (s->seat[(size_t)r * s->n + p] != CAFE_NONE)
				seat_person(s, r, p, s->seat[(size_t)r * s->n + p]);
	for (r = 0; r < s->R; r++)
		if (!decided[r]) {
			seat_hosts(s, r);
			hint_round(s, r);
			greedy_round(s, r);
		}
	state_load(s);
	free(slot_of);
	free(decided);
	return ndesign;
}

/* ---- tabu search ------------------------------------------------------ */

struct cand {
	int r, p, q;
	long long d;
	long ties;
};

static bool search_stop(struct search *s)
{
	double now;

	if (s->stopped)
		return true;
	if (s->max_iter > 0 && s->iter >= s->max_iter)
		return s->stopped = true;
	now = now_seconds();
	if (now >= s->deadline)
		return s->stopped = true;
	if (s->opt->progress && now >= s->next_report) {
		struct cafe_progress pr = {
			.iterations = s->iter,
			.conflicts = s->nconf,
			.cost = s->cost,
			.best_cost = s->best_cost,
			.seconds = now - s->start,
		};

		s->next_report = now + 0.1;
		if (s->opt->progress(&pr, s->opt->progress_arg))
			return s->stopped = true;
	}
	return false;
}

static void consider(struct search *s, struct cand *c, int r, int p, int q)
{
	size_t base = (size_t)r * s->n;
	long long d;

	if (!can_swap(s, r, p, q))
		return;
	d = swap_delta(s, r, p, q);
	if ((s->tabu[base + p] > s->iter || s->tabu[base + q] > s->iter) &&
	    s->cost + d >= s->best_cost)
		return;
	if (c->r < 0 || d < c->d) {
		*c = (struct cand){ r, p, q, d, 1 };
	} else if (d == c->d && rng_below(&s->rng, (uint32_t)++c->ties) == 0) {
		c->p = p;
		c->q = q;
		c->r = r;
	}
}

static void consider_table(struct search *s, struct cand *c, int r, int p, int t)
{
	const int *m = members(s, r, t);
	int i, k = s->occ[(size_t)r * s->T + t];

	for (i = 0; i < k; i++)
		consider(s, c, r, p, m[i]);
}

/* The best allowed swap touching a conflict: all of them when there are
 * few, else a sample of conflicts against a sample of tables. */
static struct cand best_swap(struct search *s)
{
	struct cand c = { .r = -1 };
	long i, j, key;
	int r, p, t;

	if (s->nconf * s->n <= FULL_SCAN_LIMIT) {
		for (i = 0; i < s->nconf; i++) {
			key = s->conf[i];
			r = (int)(key / s->n);
			p = (int)(key % s->n);
			for (t = 0; t < s->T; t++)
				consider_table(s, &c, r, p, t);
		}
		return c;
	}
	for (i = 0; i < 8; i++) {
		key = s->conf[rng_below(&s->rng, (uint32_t)s->nconf)];
		r = (int)(key / s->n);
		p = (int)(key % s->n);
		for (j = 0; j < 24 && j < s->T; j++)
			consider_table(s, &c, r, p, (int)rng_below(&s->rng, (uint32_t)s->T));
	}
	return c;
}

static void save_best(struct search *s)
{
	memcpy(s->best, s->seat, (size_t)s->R * s->n * sizeof(int));
	s->cur_is_best = false;
}

static void do_swap(struct search *s, int r, int p, int q, long long d)
{
	if (s->cur_is_best && d >= 0)
		save_best(s);
	swap_apply(s, r, p, q);
	if (s->cost < s->best_cost) {
		s->best_cost = s->cost;
		s->cur_is_best = true;
	}
}

/* A few random swaps, each moving someone in conflict. */
static void perturb(struct search *s, int swaps)
{
	int i, tries, r, p, q;
	long key;

	for (i = 0; i < swaps && s->nconf > 0; i++)
		for (tries = 0; tries < 100; tries++) {
			key = s->conf[rng_below(&s->rng, (uint32_t)s->nconf)];
			r = (int)(key / s->n);
			p = (int)(key % s->n);
			q = (int)rng_below(&s->rng, (uint32_t)s->n);
			if (s->seat[(size_t)r * s->n + q] != CAFE_NONE && can_swap(s, r, p, q)) {
				do_swap(s, r, p, q, swap_delta(s, r, p, q));
				break;
			}
		}
}

static void restore_best(struct search *s)
{
	if (s->cur_is_best)
		return;
	memcpy(s->seat, s->best, (size_t)s->R * s->n * sizeof(int));
	state_load(s);
	s->cur_is_best = true;
}

/* Swap until nobody is in conflict or time is up; keep the best plan. */
static void tabu_search(struct search *s)
{
	long stable = 0, max_stable = 400 + 4L * s->n;
	struct cand c;

	s->best_cost = s->cost;
	s->cur_is_best = true;
	while (s->nconf > 0 && s->best_cost > s->floor && !search_stop(s)) {
		s->iter++;
		c = best_swap(s);
		if (c.r < 0) {
			perturb(s, 1);
			continue;
		}
		do_swap(s, c.r, c.p, c.q, c.d);
		s->tabu[(size_t)c.r * s->n + c.p] = s->iter + 3 + rng_below(&s->rng, 10);
		s->tabu[(size_t)c.r * s->n + c.q] = s->iter + 3 + rng_below(&s->rng, 10);
		stable = s->cur_is_best ? 0 : stable + 1;
		if (stable > max_stable) {
			restore_best(s);
			perturb(s, 2 + (int)rng_below(&s->rng, 4));
			stable = 0;
		}
	}
	restore_best(s);
}

/* Improve the mix of types and roles by random improving swaps. */
static void polish(struct search *s)
{
	long a, budget = 30L * s->n;
	int r, p, q, keep = s->pb->keep_rounds;
	long long d;

	if (!s->has_mix || keep >= s->R)
		return;
	for (a = 0; a < budget; a++) {
		if ((a & 255) == 0 && search_stop(s))
			break;
		r = keep + (int)rng_below(&s->rng, (uint32_t)(s->R - keep));
		p = (int)rng_below(&s->rng, (uint32_t)s->n);
		q = (int)rng_below(&s->rng, (uint32_t)s->n);
		if (s->seat[(size_t)r * s->n + p] == CAFE_NONE ||
		    s->seat[(size_t)r * s->n + q] == CAFE_NONE || !can_swap(s, r, p, q))
			continue;
		d = swap_delta(s, r, p, q);
		if (d < 0)
			swap_apply(s, r, p, q);
	}
}

/* ---- scoring ---------------------------------------------------------- */

static void score_static(const struct cafe_problem *pb, int a, int b, int rel, struct cafe_score *sc)
{
	sc->keep_apart += (rel & REL_APART) != 0;
	if (!pb->people)
		return;
	sc->same_org += same_id(pb->people[a].org, pb->people[b].org);
	sc->mix_penalty += same_id(pb->people[a].org_type, pb->people[b].org_type);
	sc->mix_penalty += same_id(pb->people[a].role, pb->people[b].role);
}

static void score_round(const struct cafe_problem *pb, const int *row, int r, struct cafe_score *sc,
			int *occ)
{
	int p, t, lo = INT_MAX, hi = 0;

	memset(occ, 0, (size_t)pb->ntables * sizeof(int));
	for (p = 0; p < pb->npeople; p++) {
		t = row[p];
		if (t == CAFE_NONE) {
			sc->unseated += is_present(pb, r, p);
			continue;
		}
		occ[t]++;
		if (needs_step_free(pb, p) && !pb->tables[t].step_free)
			sc->step_free++;
	}
	for (t = 0; t < pb->ntables; t++) {
		if (occ[t] > pb->tables[t].seats)
			sc->over_capacity += occ[t] - pb->tables[t].seats;
		if (occ[t] > hi)
			hi = occ[t];
		if (occ[t] < pb->tables[t].seats && occ[t] < lo)
			lo = occ[t];
		if (pb->tables[t].host != CAFE_NONE && is_present(pb, r, pb->tables[t].host) &&
		    row[pb->tables[t].host] != t)
			sc->host_moved++;
	}
	if (lo != INT_MAX && hi - lo > 1)
		sc->seat_imbalance += hi - lo - 1;
}

/* Group a round's people by table: start[t] .. start[t + 1] in list. */
static int round_groups(const struct cafe_problem *pb, const int *row, int *start, int *list)
{
	int p, t, maxocc = 0, seated;

	memset(start, 0, (size_t)(pb->ntables + 1) * sizeof(int));
	for (p = 0; p < pb->npeople; p++)
		if (row[p] != CAFE_NONE)
			start[row[p] + 1]++;
	for (t = 0; t < pb->ntables; t++) {
		if (start[t + 1] > maxocc)
			maxocc = start[t + 1];
		start[t + 1] += start[t];
	}
	seated = start[pb->ntables];
	for (p = pb->npeople - 1; p >= 0; p--)
		if (row[p] != CAFE_NONE)
			list[--start[row[p] + 1]] = p;
	for (t = 0; t < pb->ntables; t++)
		start[t] = start[t + 1];
	start[pb->ntables] = seated;
	return maxocc;
}

/* A pair at one table in a round; keep-together pairs make no repeats. */
static void score_meeting(const struct cafe_problem *pb, const struct rels *rels, struct meet *m,
			  int a, int b, struct cafe_score *sc)
{
	int c = meet_get(m, a, b), rel = rels_get(rels, a, b);

	if (!(rel & REL_TOGETHER)) {
		sc->pair_penalty += c;
		sc->repeats += c > 0;
		if (c + 1 > sc->max_meetings)
			sc->max_meetings = c + 1;
	}
	meet_add(m, a, b, 1);
	score_static(pb, a, b, rel, sc);
}

static void score_pairs(const struct cafe_problem *pb, const int *seat, struct meet *m,
			struct cafe_score *sc, int *start, int *list)
{
	struct rels rels;
	int r, t, i, j;

	rels_build(&rels, pb);
	for (r = 0; r < pb->rounds; r++) {
		round_groups(pb, seat + (size_t)r * pb->npeople, start, list);
		for (t = 0; t < pb->ntables; t++)
			for (i = start[t]; i < start[t + 1]; i++)
				for (j = i + 1; j < start[t + 1]; j++)
					score_meeting(pb, &rels, m, list[i], list[j], sc);
	}
	rels_done(&rels);
	for (i = 0; i < pb->nmust_meet; i++)
		sc->must_meet += meet_get(m, pb->must_meet[i].a, pb->must_meet[i].b) == 0;
}

/* Keep-together pairs at two tables, per round both are seated. */
static void score_together(const struct cafe_problem *pb, const int *seat, struct cafe_score *sc)
{
	for (int k = 0; k < pb->nkeep_together; k++)
		for (int r = 0; r < pb->rounds; r++) {
			const int *row = seat + (size_t)r * pb->npeople;
			int a = pb->keep_together[k].a, b = pb->keep_together[k].b;

			sc->keep_together += row[a] != CAFE_NONE && row[b] != CAFE_NONE &&
					     row[a] != row[b];
		}
}

/* Seats away from the plan people hold, from the kept rounds on. */
static void score_moved(const struct cafe_problem *pb, const int *seat, struct cafe_score *sc)
{
	for (int p = 0; pb->hint && p < pb->npeople; p++) {
		long before = sc->moved;

		for (int r = pb->keep_rounds; r < pb->rounds; r++) {
			size_t k = (size_t)r * pb->npeople + p;

			sc->moved += pb->hint[k] != CAFE_NONE && seat[k] != pb->hint[k];
		}
		sc->people_moved += sc->moved > before;
	}
}

enum status cafe_score_plan(const struct cafe_problem *pb, const int *seat, struct cafe_score *sc,
			    struct error *err)
{
	int *occ, *start, *list, r, maxocc = 0, m;
	long i, total;
	struct meet meet;
	enum status st;

	memset(sc, 0, sizeof(*sc));
	st = check_shape(pb, err);
	if (st != ST_OK)
		return st;
	total = (long)pb->rounds * pb->npeople;
	for (i = 0; i < total; i++)
		if (seat[i] < CAFE_NONE || seat[i] >= pb->ntables)
			return error_set(err, ST_INPUT,
					 "round %ld: person %ld at table %d, which does not exist",
					 i / pb->npeople + 1, i % pb->npeople, seat[i]);
	occ = xcalloc(pb->ntables + 1, sizeof(int));
	start = xcalloc(pb->ntables + 2, sizeof(int));
	list = xmalloc((size_t)(pb->npeople + 1) * sizeof(int));
	for (r = 0; r < pb->rounds; r++) {
		score_round(pb, seat + (size_t)r * pb->npeople, r, sc, occ);
		m = round_groups(pb, seat + (size_t)r * pb->npeople, start, list);
		maxocc = m > maxocc ? m : maxocc;
	}
	if (meet_init(&meet, pb->npeople, pb->rounds, maxocc) < 0) {
		st = error_set(err, ST_INPUT,
			       "tables of %d people are too big to score for %d people", maxocc,
			       pb->npeople);
	} else {
		score_pairs(pb, seat, &meet, sc, start, list);
		meet_done(&meet);
	}
	score_moved(pb, seat, sc);
	score_together(pb, seat, sc);
	free(occ);
	free(start);
	free(list);
	return st;
}

long cafe_score_hard(const struct cafe_score *s)
{
	return s->over_capacity + s->host_moved + s->keep_apart + s->step_free + s->unseated +
	       s->keep_together + s->must_meet;
}

static long min_pairs(long people, long tables)
{
	long a = people / tables, b = people % tables;

	return b * (a + 1) * a / 2 + (tables - b) * a * (a - 1) / 2;
}

/* Repeats forced for person-rounds: each round p meets at least the
 * smallest table less one, but there are only n - 1 others. */
static bool always_there(const struct cafe_problem *pb, int p)
{
	int r;

	for (r = pb->keep_rounds; r < pb->rounds; r++)
		if (!is_present(pb, r, p))
			return false;
	return true;
}

/* Hosts who are there every round never meet each other. */
static void steady_hosts(const struct cafe_problem *pb, bool *steady, long *count)
{
	int t, h;

	*count = 0;
	for (t = 0; t < pb->ntables; t++) {
		h = pb->tables[t].host;
		if (h != CAFE_NONE && always_there(pb, h)) {
			steady[h] = true;
			(*count)++;
		}
	}
}

/* Repeats forced person by person: each round p meets at least the
 * smallest table less one, but there are only n - 1 others (and a host
 * never meets the other hosts). */
static long bound_people(const struct cafe_problem *pb, const int *tgt)
{
	int small[CAFE_MAX_ROUNDS], p, r, t, v;
	long excess = 0, need, others, nsteady;
	bool *steady = xcalloc(pb->npeople + 1, sizeof(bool));

	steady_hosts(pb, steady, &nsteady);
	for (r = 0; r < pb->rounds; r++) {
		small[r] = INT_MAX;
		for (t = 0; t < pb->ntables; t++) {
			v = tgt[(size_t)r * pb->ntables + t];
			if (v > 0 && v < small[r])
				small[r] = v;
		}
	}
	for (p = 0; p < pb->npeople; p++) {
		need = 0;
		for (r = pb->keep_rounds; r < pb->rounds; r++)
			if (is_present(pb, r, p) && small[r] != INT_MAX)
				need += small[r] - 1;
		others = pb->npeople - 1 - (steady[p] ? nsteady - 1 : 0);
		if (need > others)
			excess += need - others;
	}
	free(steady);
	return (excess + 1) / 2;
}

static long bound_from_targets(const struct cafe_problem *pb, const int *tgt)
{
	long meetings = 0, pairs = (long)pb->npeople * (pb->npeople - 1) / 2, b1, b2 = 0;
	int r, t, seats;
	bool alike = pb->ntables > 1 && pb->keep_rounds == 0;
	int p;

	for (p = 0; pb->people && p < pb->npeople; p++)
		alike = alike && pb->people[p].absent == 0;

	for (r = pb->keep_rounds; r < pb->rounds; r++)
		for (t = 0; t < pb->ntables; t++)
			meetings += (long)tgt[(size_t)r * pb->ntables + t] *
				    (tgt[(size_t)r * pb->ntables + t] - 1) / 2;
	b1 = meetings - pairs;
	seats = pb->ntables > 0 ? pb->tables[0].seats : 0;
	for (t = 1; alike && t < pb->ntables; t++)
		alike = pb->tables[t].seats == seats;
	/* People of one round's table spread over the next round's tables. */
	if (alike && (long)seats * pb->ntables == pb->npeople && seats > pb->ntables)
		b2 = (long)(pb->rounds - 1) * pb->ntables * min_pairs(seats, pb->ntables);
	b1 = b1 > b2 ? b1 : b2;
	b2 = bound_people(pb, tgt);
	return b1 > b2 ? b1 : b2;
}

long cafe_repeats_lower_bound(const struct cafe_problem *pb)
{
	int *tgt, r;
	long bound = 0;

	if (check_shape(pb, NULL) != ST_OK || pb->ntables == 0)
		return 0;
	tgt = xcalloc((size_t)pb->rounds * pb->ntables, sizeof(int));
	for (r = pb->keep_rounds; r < pb->rounds; r++)
		if (fill_round(pb, r, tgt + (size_t)r * pb->ntables, NULL) != ST_OK)
			goto out;
	bound = bound_from_targets(pb, tgt);
out:
	free(tgt);
	return bound > 0 ? bound : 0;
}

/* Pairs of round r's tables that sat together in round e: each table of
 * round r draws its people from the tables used in round e. */
static long pigeons(const struct cafe_problem *pb, const int *tgt, int r, int e)
{
	long used = 0, c = 0;

	for (int t = 0; t < pb->ntables; t++)
		used += tgt[(size_t)e * pb->ntables + t] > 0;
	for (int t = 0; used > 0 && t < pb->ntables; t++)
		c += min_pairs(tgt[(size_t)r * pb->ntables + t], used);
	return c;
}

long cafe_repeats_fewest(const struct cafe_problem *pb)
{
	long lb = cafe_repeats_lower_bound(pb), sum = 0;
	int *tgt;

	if (check_shape(pb, NULL) != ST_OK || pb->ntables == 0 || pb->keep_rounds > 0 ||
	    pb->nkeep_together > 0)
		return lb;
	for (int p = 0; p < pb->npeople; p++)
		if (!always_there(pb, p))
			return lb;
	tgt = xcalloc((size_t)pb->rounds * pb->ntables + 1, sizeof(int));
	for (int r = 0; r < pb->rounds; r++)
		if (fill_round(pb, r, tgt + (size_t)r * pb->ntables, NULL) != ST_OK) {
			free(tgt);
			return lb;
		}
	/* Nobody meets anyone three times: a pair at a table of round r sat
	 * together in one earlier round at most, so the earlier rounds'
	 * counts add up. */
	for (int r = 1; r < pb->rounds; r++)
		for (int e = 0; e < r; e++)
			sum += pigeons(pb, tgt, r, e);
	free(tgt);
	return sum > lb ? sum : lb;
}

/* The rounds up to which zero repeats is not ruled out. */
static int rounds_mixed(const struct cafe_problem *pb)
{
	struct cafe_problem q = *pb;

	while (q.rounds > 1 && q.rounds > q.keep_rounds && cafe_repeats_lower_bound(&q) > 0)
		q.rounds--;
	return q.rounds;
}

char *cafe_plan_words(const struct cafe_problem *pb, const struct cafe_plan *plan)
{
	struct str w;
	bool alike = pb->ntables > 0;

	if (plan->score.repeats == 0)
		return NULL;
	str_init(&w);
	for (int t = 1; alike && t < pb->ntables; t++)
		alike = pb->tables[t].seats == pb->tables[0].seats;
	if (alike)
		str_catf(&w, "%d tables of %d", pb->ntables, pb->tables[0].seats);
	else
		str_catf(&w, "these %d tables", pb->ntables);
	if (plan->repeats_lower_bound == 0) {
		str_catf(&w,
			 " might mix everyone for all %d rounds, but no such plan was found; "
			 "this plan has %ld repeat%s.",
			 pb->rounds, plan->score.repeats, plan->score.repeats == 1 ? "" : "s");
		return str_steal(&w);
	}
	str_catf(&w, " cannot mix everyone after round %d; %ld repeat%s is the fewest possible",
		 plan->mixed_rounds, plan->repeats_fewest, plan->repeats_fewest == 1 ? "" : "s");
	if (plan->repeats_fewest > plan->repeats_lower_bound)
		str_cat(&w, " unless someone meets the same person three times");
	str_catf(&w, ", and this plan has %ld.", plan->score.repeats);
	return str_steal(&w);
}

/* ---- solving ---------------------------------------------------------- */

void cafe_options_init(struct cafe_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->seed = 1;
	opt->time_limit = 10;
}

void cafe_plan_done(struct cafe_plan *plan)
{
	free(plan->seat);
	free(plan->method);
	memset(plan, 0, sizeof(*plan));
}

static void search_free(struct search *s)
{
	free(s->seat);
	free(s->pos);
	free(s->tgt);
	free(s->occ);
	free(s->off);
	free(s->mem);
	free(s->fixed);
	free(s->host_of);
	free(s->bad);
	free(s->conf);
	free(s->conf_pos);
	free(s->tabu);
	rels_done(&s->rels);
	free(s->best);
	meet_done(&s->meet);
}

static void search_alloc(struct search *s)
{
	size_t rn = (size_t)s->R * s->n + 1, rt = (size_t)s->R * s->T + 1;

	s->seat = xmalloc(rn * sizeof(int));
	s->pos = xmalloc(rn * sizeof(int));
	s->best = xmalloc(rn * sizeof(int));
	s->bad = xcalloc(rn, sizeof(int));
	s->conf = xmalloc(rn * sizeof(int));
	s->conf_pos = xmalloc(rn * sizeof(int));
	s->tabu = xcalloc(rn, sizeof(long));
	s->fixed = xcalloc(rn, 1);
	s->tgt = xcalloc(rt, sizeof(int));
	s->occ = xcalloc(rt, sizeof(int));
	s->off = xcalloc(rt, sizeof(long));
	s->mem = xmalloc(rn * sizeof(int));
	s->host_of = xmalloc(((size_t)s->n + 1) * sizeof(int));
}

/* Who may never move: kept rounds, hosts, the absent. */
static void mark_fixed(struct search *s)
{
	int r, p;

	for (r = 0; r < s->R; r++)
		for (p = 0; p < s->n; p++)
			s->fixed[(size_t)r * s->n + p] = r < s->pb->keep_rounds ||
							 s->host_of[p] != CAFE_NONE ||
							 !is_present(s->pb, r, p);
	for (p = 0; s->pb->people && p < s->n; p++)
		if (s->pb->people[p].org_type != CAFE_NONE || s->pb->people[p].role != CAFE_NONE)
			s->has_mix = true;
}

static int max_occupancy(const struct search *s, const int *fill)
{
	int r, t, p, m = 0, *cnt = xcalloc(s->T + 1, sizeof(int));

	for (r = 0; r < s->R; r++) {
		if (r < s->pb->keep_rounds) {
			memset(cnt, 0, (size_t)s->T * sizeof(int));
			for (p = 0; p < s->n; p++)
				if (s->pb->previous[(size_t)r * s->n + p] != CAFE_NONE)
					cnt[s->pb->previous[(size_t)r * s->n + p]]++;
		}
		for (t = 0; t < s->T; t++) {
			int v = r < s->pb->keep_rounds ? cnt[t] : fill[(size_t)r * s->T + t];

			m = v > m ? v : m;
		}
	}
	free(cnt);
	return m;
}

static enum status search_init(struct search *s, const struct cafe_problem *pb,
			       const struct cafe_options *opt, int *fill, struct error *err)
{
	enum status st;
	int r, p;

	memset(s, 0, sizeof(*s));
	s->pb = pb;
	s->opt = opt;
	s->n = pb->npeople;
	s->T = pb->ntables;
	s->R = pb->rounds;
	s->start = now_seconds();
	s->deadline = s->start + (opt->time_limit > 0 ? opt->time_limit : 10);
	s->max_iter = opt->max_iterations;
	rng_seed(&s->rng, opt->seed);
	search_alloc(s);
	for (p = 0; p < s->n; p++)
		s->host_of[p] = CAFE_NONE;
	rels_build(&s->rels, pb);
	st = check_tables(pb, s->host_of, err);
	for (r = pb->keep_rounds; r < s->R && st == ST_OK; r++)
		st = fill_round(pb, r, fill + (size_t)r * s->T, err);
	if (st != ST_OK)
		return st;
	mark_fixed(s);
	if (meet_init(&s->meet, s->n, s->R, max_occupancy(s, fill)) < 0)
		return error_set(
			err, ST_INPUT,
			"tables are too big for %d people: seat at most a few dozen at a table",
			s->n);
	return ST_OK;
}

/* Build the start from a design and from the greedy alone; keep the
 * cheaper. Returns the number of design rounds kept; *design_name (to
 * free) names the design then. */
static int choose_start(struct search *s, const int *fill, char **design_name)
{
	struct design d;
	long long design_cost;
	int nd, k = design_size(s, fill);

	*design_name = NULL;
	if (k == 0 || design_best(s->T, k, s->R, s->opt->designs, &d) == 0)
		return build_start(s, NULL, fill) * 0;
	nd = build_start(s, &d, fill);
	design_cost = s->cost;
	memcpy(s->best, s->seat, (size_t)s->R * s->n * sizeof(int));
	if (nd > 0 && s->cost > 0) {
		build_start(s, NULL, fill);
		if (s->cost >= design_cost) {
			/* Back to the design's seats, and its tables' head counts,
			 * which differ from the even fill when people are away. */
			memcpy(s->seat, s->best, (size_t)s->R * s->n * sizeof(int));
			for (int r = 0; r < s->R; r++)
				round_targets(s, r, fill, true);
			layout(s);
			state_load(s);
		} else {
			nd = 0;
		}
	}
	if (nd > 0)
		*design_name = xstrdup(d.name);
	design_done(&d);
	return nd;
}

static char *method_text(const struct search *s, const char *design, int nd)
{
	struct str m;

	str_init(&m);
	if (design)
		str_catf(&m, "%s (%d of %d rounds)", design, nd, s->R - s->pb->keep_rounds);
	if (!design || nd < s->R - s->pb->keep_rounds)
		str_catf(&m, "%sgreedy", m.len ? " + " : "");
	if (s->iter > 0)
		str_cat(&m, " + tabu search");
	if (s->pb->keep_rounds > 0)
		str_catf(&m, ", first %d rounds kept", s->pb->keep_rounds);
	return str_steal(&m);
}

static enum status plan_report(const struct cafe_score *sc, struct error *err)
{
	if (cafe_score_hard(sc) == 0)
		return ST_OK;
	return error_set(
		err, ST_PROBLEM,
		"hard constraints not met: %ld over capacity, %ld host moves, %ld keep-apart pairs together, %ld step-free needs, %ld unseated",
		sc->over_capacity, sc->host_moved, sc->keep_apart, sc->step_free, sc->unseated);
}

enum status cafe_solve(const struct cafe_problem *pb, const struct cafe_options *opt,
		       struct cafe_plan *plan, struct error *err)
{
	struct cafe_options defaults;
	struct search s;
	char *design = NULL;
	enum status st;
	int *fill, nd;

	memset(plan, 0, sizeof(*plan));
	if (!opt) {
		cafe_options_init(&defaults);
		opt = &defaults;
	}
	st = check_shape(pb, err);
	if (st != ST_OK)
		return st;
	fill = xcalloc((size_t)pb->rounds * pb->ntables + 1, sizeof(int));
	st = search_init(&s, pb, opt, fill, err);
	if (st == ST_OK) {
		/* Every pair of rounds r' < r puts the pigeon count of pairs
		 * together in both, so the sum of C(m, 2) over pairs is at
		 * least the fewest repeats; with nothing else to pay for (no
		 * keep-together pair pays less) that plan cannot be beaten. */
		s.floor = pb->nkeep_together == 0 ? W_PAIR * cafe_repeats_fewest(pb) : -1;
		nd = choose_start(&s, fill, &design);
		tabu_search(&s);
		if (s.nconf == 0)
			polish(&s);
		plan->npeople = s.n;
		plan->ntables = s.T;
		plan->rounds = s.R;
		plan->seat = xmalloc(((size_t)s.R * s.n + 1) * sizeof(int));
		memcpy(plan->seat, s.seat, (size_t)s.R * s.n * sizeof(int));
		plan->method = method_text(&s, design, nd);
		plan->iterations = s.iter;
		plan->repeats_lower_bound = cafe_repeats_lower_bound(pb);
		plan->repeats_fewest = cafe_repeats_fewest(pb);
		plan->mixed_rounds = rounds_mixed(pb);
		st = cafe_score_plan(pb, plan->seat, &plan->score, err);
		if (st == ST_OK)
			st = plan_report(&plan->score, err);
		plan->seconds = now_seconds() - s.start;
	}
	search_free(&s);
	free(design);
	free(fill);
	return st;
}
