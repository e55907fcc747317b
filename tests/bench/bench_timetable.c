/* Benchmark of the programme placement solver on generated instances at
 * the sizes of Timefold's conference scheduling example (talks / slots /
 * rooms): one line per instance with hard violations, soft cost, seconds.
 *
 * On the two smallest the exact soft optimum of the same objective is
 * found with an ILP (cbc, else glpsol): the model is written as a CPLEX LP
 * file whose unary costs are read back from timetable_evaluate() itself,
 * and the ILP's solution is re-scored by timetable_evaluate() to show the
 * two objectives agree. The model uses cliques (per room and start, with
 * sessions for everyone holding every room; per speaker and start, with
 * the pause) rather than pairs, so cbc can prove the small optima. Then the
 * full evaluation is timed on 70 sessions.
 *
 * Instances are feasible by construction: a hidden timetable is built
 * first, and speakers and their unavailable periods are drawn consistent
 * with it (the bench checks it has no hard violation).
 *
 * Usage: bench_timetable [--time-limit] [seconds per instance, default 5]
 *        [instances]
 * Environment: BENCH_ILP_SECONDS (cbc's limit, default 120), BENCH_ILP_ON
 * (digits: which instances get the ILP, default "01"), BENCH_ILP_HARD
 * (hard constraints only: a feasibility check), BENCH_KEEP_LP, BENCH_SEED,
 * BENCH_HISTORY, BENCH_STALL, BENCH_RESTARTS, BENCH_SEARCHES, BENCH_THREADS
 * (the engine's options; by default convene solve's), BENCH_STEPS (each
 * search's budget of steps; the two smallest instances get 20 and 100
 * million whatever the seconds, unless it is set, and 0 runs them in the
 * seconds given too), BENCH_ONLY (digits: run only these instances),
 * BENCH_DUMP (a file for the last placement). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/timetable.h"

#define FEAT_PROJECTOR 1u
#define FEAT_LAB 2u
#define RTAG_HALL 1u
#define RTAG_QUIET 2u

struct instance {
	const char *name;
	int talks, slots, rooms;
};

/* Everything a generated problem owns. */
struct gen {
	struct timetable_problem pb;
	struct timetable_day days[2];
	struct timetable_slot *slots;
	struct timetable_period blocked[2];
	struct timetable_room *rooms;
	struct timetable_period *room_un;
	struct timetable_speaker *speakers;
	struct timetable_period *spk_un;
	struct timetable_session *sessions;
	int *spk_of;
	struct timetable_copref *copref;
	char (*names)[16];
	struct timetable_place *hidden; /* a feasible timetable the instance was built on */
};

static void gen_grid(struct gen *g, int nslots)
{
	int ndays = nslots <= 6 ? 1 : 2, per = (nslots + ndays - 1) / ndays;
	static const int starts[] = { 540, 600, 660, 780, 840, 900, 960, 1020, 1080 };

	g->pb.ndays = ndays;
	g->slots = xcalloc((size_t)nslots, sizeof(*g->slots));
	for (int d = 0; d < ndays; d++) {
		g->days[d] = (struct timetable_day){ 540, starts[per - 1] + 60 };
		g->blocked[d] = (struct timetable_period){ d, 720, 780 }; /* lunch */
	}
	for (int i = 0; i < nslots; i++) {
		int d = i / per, k = i % per;

		g->slots[i] = (struct timetable_slot){ d, starts[k], starts[k] + 50, 0 };
	}
	g->pb.days = g->days;
	g->pb.slots = g->slots;
	g->pb.nslots = nslots;
	g->pb.blocked = g->blocked;
	g->pb.nblocked = ndays;
}

static void gen_rooms(struct gen *g, int n, struct rng *rng)
{
	static const int caps[] = { 250, 150, 100, 80, 60, 50, 40, 40, 30, 30 };

	g->rooms = xcalloc((size_t)n, sizeof(*g->rooms));
	g->room_un = xcalloc((size_t)n, sizeof(*g->room_un));
	for (int r = 0; r < n; r++) {
		struct timetable_room *rm = &g->rooms[r];

		rm->capacity = caps[r % 10] + (r / 10) * 10;
		rm->features = FEAT_PROJECTOR | (r % 4 == 3 ? FEAT_LAB : 0);
		rm->step_free = r % 5 != 4;
		rm->tags = (rm->capacity >= 150 ? RTAG_HALL : 0) | (r % 3 == 2 ? RTAG_QUIET : 0);
		if (r == n - 1 && n > 3) { /* the last room is closed the first morning */
			g->room_un[r] = (struct timetable_period){ 0, 540, 720 };
			rm->unavailable = &g->room_un[r];
			rm->nunavailable = 1;
		}
	}
	g->pb.rooms = g->rooms;
	g->pb.nrooms = n;
	(void)rng;
}

static void gen_speakers(struct gen *g, int n, struct rng *rng)
{
	g->speakers = xcalloc((size_t)n, sizeof(*g->speakers));
	g->spk_un = xcalloc((size_t)n, sizeof(*g->spk_un));
	for (int k = 0; k < n; k++) {
		struct timetable_speaker *sp = &g->speakers[k];

		sp->pause = rng_below(rng, 4) == 0 ? 15 : 0;
		if (k > n / 3 && rng_below(rng, 8) == 0) { /* those with one talk */
			int d = (int)rng_below(rng, (uint32_t)g->pb.ndays),
			    am = (int)rng_below(rng, 2);

			g->spk_un[k] = (struct timetable_period){ d, am ? 540 : 780,
								  am ? 720 : 1200 };
			sp->unavailable = &g->spk_un[k];
			sp->nunavailable = 1;
		}
		if (rng_below(rng, 10) == 0)
			sp->prefer_time = TIMETABLE_TAG_MORNING;
		if (rng_below(rng, 12) == 0)
			sp->avoid_time = TIMETABLE_TAG_DAY_LAST;
	}
	g->pb.speakers = g->speakers;
	g->pb.nspeakers = n;
}

static int draw_audience(struct rng *rng, const struct gen *g)
{
	int a = 15 + (int)rng_below(rng, 30);

	if (rng_below(rng, 5) == 0)
		a += (int)rng_below(rng, 60);
	if (rng_below(rng, 15) == 0)
		a = g->rooms[0].capacity * 3 / 4; /* popular: needs a large room */
	return a;
}

static void gen_session(struct gen *g, int i, int nspk, struct rng *rng, int *spk)
{
	struct timetable_session *s = &g->sessions[i];

	snprintf(g->names[i], sizeof(g->names[i]), "T%03d", i + 1);
	s->name = g->names[i];
	s->duration = rng_below(rng, 10) == 0 ? 110 : 50;
	s->audience = draw_audience(rng, g);
	s->features = FEAT_PROJECTOR;
	if (s->audience <= 40 && rng_below(rng, 12) == 0)
		s->features |= FEAT_LAB; /* labs are small rooms */
	s->needs_step_free = rng_below(rng, 8) == 0;
	s->nspeakers = rng_below(rng, 6) == 0 ? 2 : 1;
	/* A third of the speakers give two or three talks. */
	for (int k = 0; k < s->nspeakers; k++) /* the last two speakers give the keynotes */
		spk[k] = rng_below(rng, 3) == 0 ? (int)rng_below(rng, (uint32_t)(nspk / 3 + 1))
						: (int)rng_below(rng, (uint32_t)(nspk - 2));
	if (s->nspeakers == 2 && spk[0] == spk[1])
		s->nspeakers = 1;
	s->speakers = spk;
	s->track = (int)rng_below(rng, (uint32_t)(g->pb.nsessions / 6 + 2));
	s->audience_tags = rng_below(rng, 3) == 0 ? 1ull << rng_below(rng, 6) : 0;
	s->published.day = TIMETABLE_NONE;
	if (rng_below(rng, 10) == 0)
		s->prefer_time = rng_below(rng, 2) ? TIMETABLE_TAG_MORNING : TIMETABLE_TAG_AFTERNOON;
	if (rng_below(rng, 12) == 0)
		s->avoid_time = TIMETABLE_TAG_DAY_LAST;
	if (rng_below(rng, 10) == 0)
		s->prefer_room = RTAG_QUIET;
	if (s->audience < 40 && rng_below(rng, 10) == 0)
		s->avoid_room = RTAG_HALL;
}

static void gen_keynotes(struct gen *g)
{
	int n = g->pb.nslots >= 12 ? 2 : 1;

	/* The first sessions are keynotes for everyone: opening and closing. */
	for (int i = 0; i < n && i < g->pb.nsessions; i++) {
		struct timetable_session *s = &g->sessions[i];

		s->flags = TIMETABLE_EVERYONE;
		s->duration = 50;
		s->audience = g->rooms[0].capacity * 4 / 5;
		s->features = FEAT_PROJECTOR;
		s->track = TIMETABLE_NONE;
		s->audience_tags = 0;
		s->prefer_time = i == 0 ? TIMETABLE_TAG_OPENING : TIMETABLE_TAG_CLOSING;
		s->avoid_time = 0;
		s->nspeakers = 1;
		g->spk_of[2 * i] = g->pb.nspeakers - 1 - i;
		g->speakers[g->pb.nspeakers - 1 - i].nunavailable = 0;
	}
}

static void gen_copref(struct gen *g, struct rng *rng)
{
	int n = g->pb.nsessions, m = 2 * n;

	g->copref = xcalloc((size_t)m, sizeof(*g->copref));
	for (int i = 0; i < m; i++)
		g->copref[i] = (struct timetable_copref){ 2 + (int)rng_below(rng, (uint32_t)(n - 2)),
							  2 + (int)rng_below(rng, (uint32_t)(n - 2)),
							  1 + (int)rng_below(rng, 12) };
	g->pb.copref = g->copref;
	g->pb.ncopref = m;
}

/* Whether room r can hold s at slot k (alone). */
static bool fits(const struct gen *g, int s, int k, int r)
{
	const struct timetable_session *x = &g->sessions[s];
	const struct timetable_room *rm = &g->rooms[r];
	const struct timetable_slot *sl = &g->slots[k];
	int end = sl->start + x->duration;

	if (x->audience > rm->capacity || (x->features & ~rm->features) ||
	    (x->needs_step_free && !rm->step_free) || end > g->days[sl->day].end ||
	    (sl->start < 780 && end > 720))
		return false;
	for (int i = 0; i < rm->nunavailable; i++)
		if (rm->unavailable[i].day == sl->day && sl->start < rm->unavailable[i].end &&
		    rm->unavailable[i].start < end)
			return false;
	return true;
}

static bool parallel_at(const struct gen *g, int a, int b)
{
	const struct timetable_place *p = g->hidden;

	return p[a].day == p[b].day && p[a].start < p[b].start + g->sessions[b].duration &&
	       p[b].start < p[a].start + g->sessions[a].duration;
}

/* Whether s at slot k, room r clashes with the hidden sessions before it. */
static bool taken(const struct gen *g, int s, int k, int r)
{
	struct timetable_place *p = g->hidden;
	struct timetable_place keep = p[s];
	bool clash = false;

	p[s] = (struct timetable_place){ g->slots[k].day, g->slots[k].start, r };
	for (int t = 0; t < s && !clash; t++)
		clash = parallel_at(g, s, t) &&
			(p[t].room == r ||
			 ((g->sessions[s].flags | g->sessions[t].flags) & TIMETABLE_EVERYONE));
	p[s] = keep;
	return clash;
}

/* The hidden timetable: the keynotes open and close, every other session
 * at a random free place that suits it (a session that finds none is made
 * plain and short). The instance is feasible by construction. */
static void gen_hidden(struct gen *g, struct rng *rng)
{
	int n = g->pb.nsessions, ns = g->pb.nslots, R = g->pb.nrooms;

	g->hidden = xcalloc((size_t)n, sizeof(*g->hidden));
	for (int s = 0; s < n; s++) {
		int k0 = (int)rng_below(rng, (uint32_t)ns), r0 = (int)rng_below(rng, (uint32_t)R);
		bool done = false;

		if (g->sessions[s].flags & TIMETABLE_EVERYONE)
			k0 = s == 0 ? 0 : ns - 1, r0 = 0;
		for (int pass = 0; pass < 2 && !done; pass++) {
			for (int i = 0; i < ns * R && !done; i++) {
				int k = (k0 + i / R) % ns, r = (r0 + i) % R;

				if (fits(g, s, k, r) && !taken(g, s, k, r)) {
					g->hidden[s] = (struct timetable_place){ g->slots[k].day,
										 g->slots[k].start,
										 r };
					done = true;
				}
			}
			if (!done) { /* make it plain */
				g->sessions[s].duration = 50;
				g->sessions[s].audience = 20;
				g->sessions[s].features = FEAT_PROJECTOR;
				g->sessions[s].needs_step_free = false;
			}
		}
		if (!done)
			die("generator: no hidden place for session %d", s + 1);
	}
}

/* Whether speaker k can take session s too in the hidden timetable. */
static bool speaker_free(const struct gen *g, int k, int s)
{
	int pause = g->speakers[k].pause;

	for (int t = 0; t < g->pb.nsessions; t++) {
		const struct timetable_session *y = &g->sessions[t];
		const struct timetable_place *a = &g->hidden[s], *b = &g->hidden[t];
		bool has = false;

		for (int j = 0; j < y->nspeakers && t != s; j++)
			has |= y->speakers[j] == k;
		if (has && a->day == b->day && a->start < b->start + y->duration + pause &&
		    b->start < a->start + g->sessions[s].duration + pause)
			return false;
	}
	return true;
}

/* Whether speaker k gives a hidden talk during u. */
static bool speaker_busy(const struct gen *g, int k, const struct timetable_period *u)
{
	for (int s = 0; s < g->pb.nsessions; s++)
		for (int j = 0; j < g->sessions[s].nspeakers; j++)
			if (g->sessions[s].speakers[j] == k && g->hidden[s].day == u->day &&
			    g->hidden[s].start < u->end &&
			    u->start < g->hidden[s].start + g->sessions[s].duration)
				return true;
	return false;
}

/* Redraw speakers who could not give a talk where the hidden timetable has
 * it (a clash or too short a pause), then move unavailable periods off
 * each speaker's hidden talks. */
static void gen_consistent(struct gen *g, struct rng *rng)
{
	int nspk = g->pb.nspeakers, n = g->pb.nsessions;

	for (int s = 0; s < n; s++) {
		struct timetable_session *x = &g->sessions[s];
		int *spk = g->spk_of + 2 * s;

		for (int j = 0; j < x->nspeakers; j++) {
			int k = spk[j], tries = 0;

			while (!speaker_free(g, k, s) && tries++ < 50)
				k = rng_below(rng, 3) == 0
					    ? (int)rng_below(rng, (uint32_t)(nspk / 3 + 1))
					    : (int)rng_below(rng, (uint32_t)(nspk - 2));
			for (int c = nspk / 3 + 1; !speaker_free(g, k, s) && c < nspk - 2; c++)
				k = c;
			spk[j] = k;
		}
		if (x->nspeakers == 2 && spk[0] == spk[1])
			x->nspeakers = 1;
	}
	for (int k = 0; k < nspk; k++) {
		struct timetable_period *u = &g->spk_un[k];
		int h0 = u->day * 2 + (u->start == 780), nh = g->pb.ndays * 2, i;

		for (i = 0; i < nh && g->speakers[k].nunavailable; i++) {
			int h = (h0 + i) % nh;

			*u = (struct timetable_period){ h / 2, h % 2 ? 780 : 540,
							h % 2 ? 1200 : 720 };
			if (!speaker_busy(g, k, u))
				break;
		}
		if (i == nh)
			g->speakers[k].nunavailable = 0;
	}
}

static void gen_init(struct gen *g, const struct instance *in, uint64_t seed)
{
	struct rng rng;
	int nspk = in->talks * 3 / 4;

	memset(g, 0, sizeof(*g));
	rng_seed(&rng, seed);
	gen_grid(g, in->slots);
	gen_rooms(g, in->rooms, &rng);
	gen_speakers(g, nspk, &rng);
	g->sessions = xcalloc((size_t)in->talks, sizeof(*g->sessions));
	g->spk_of = xcalloc((size_t)in->talks * 2, sizeof(int));
	g->names = xcalloc((size_t)in->talks, sizeof(*g->names));
	g->pb.sessions = g->sessions;
	g->pb.nsessions = in->talks;
	for (int i = 0; i < in->talks; i++)
		gen_session(g, i, nspk, &rng, g->spk_of + 2 * i);
	gen_keynotes(g);
	gen_hidden(g, &rng);
	gen_consistent(g, &rng);
	gen_copref(g, &rng);
	timetable_weights_init(&g->pb.weights);
}

static void gen_done(struct gen *g)
{
	free(g->slots);
	free(g->rooms);
	free(g->room_un);
	free(g->speakers);
	free(g->spk_un);
	free(g->sessions);
	free(g->spk_of);
	free(g->copref);
	free(g->names);
	free(g->hidden);
}

/* ---- the exact optimum by ILP --------------------------------------- */

struct ilp {
	const struct timetable_problem *pb;
	int n, npos, R;
	int *start, *day;   /* candidate starts (the grid) */
	long long *ucost;   /* n x npos x R: unary soft cost, -1 not allowed */
	long long constant; /* added to the ILP objective to give our soft cost */
};

static bool on_path(const char *prog)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", prog);
	return system(cmd) == 0;
}

/* Unary cost of s at (p, r), read from timetable_evaluate with s alone placed. */
static long long unary_of(struct ilp *m, struct timetable_place *pl, int s, int p, int r)
{
	struct timetable_score sc;
	long long c = 0;

	pl[s] = (struct timetable_place){ m->day[p], m->start[p], r };
	timetable_evaluate(m->pb, pl, &sc, NULL);
	for (int i = 0; i < sc.nviolations && c >= 0; i++) {
		const struct timetable_violation *v = &sc.violations[i];

		if (v->a != s || v->b != TIMETABLE_NONE)
			continue;
		if (timetable_family_hard(v->family))
			c = -1;
		else
			c += v->cost;
	}
	timetable_score_done(&sc);
	pl[s].day = TIMETABLE_NONE;
	return c;
}

static void ilp_init(struct ilp *m, const struct timetable_problem *pb)
{
	struct timetable_place *pl = xcalloc((size_t)pb->nsessions, sizeof(*pl));

	m->pb = pb;
	m->n = pb->nsessions;
	m->npos = pb->nslots;
	m->R = pb->nrooms;
	m->start = xcalloc((size_t)m->npos, sizeof(int));
	m->day = xcalloc((size_t)m->npos, sizeof(int));
	for (int p = 0; p < m->npos; p++) {
		m->start[p] = pb->slots[p].start;
		m->day[p] = pb->slots[p].day;
	}
	for (int s = 0; s < m->n; s++)
		pl[s].day = TIMETABLE_NONE;
	m->ucost = xcalloc((size_t)m->n * m->npos * m->R, sizeof(long long));
	for (int s = 0; s < m->n; s++)
		for (int p = 0; p < m->npos; p++)
			for (int r = 0; r < m->R; r++)
				m->ucost[((size_t)s * m->npos + p) * m->R + r] = unary_of(m, pl, s,
											  p, r);
	free(pl);
}

static long long uc(const struct ilp *m, int s, int p, int r)
{
	return m->ucost[((size_t)s * m->npos + p) * m->R + r];
}

static bool allowed(const struct ilp *m, int s, int p)
{
	for (int r = 0; r < m->R; r++)
		if (uc(m, s, p, r) >= 0)
			return true;
	return false;
}

/* Write "+ z_s_p" for every start p of s whose [start, end + extra) covers point q. */
static int cover(FILE *f, const struct ilp *m, int s, int q, int extra)
{
	int n = 0, dur = m->pb->sessions[s].duration;

	for (int p = 0; p < m->npos; p++)
		if (m->day[p] == m->day[q] && allowed(m, s, p) && m->start[p] <= m->start[q] &&
		    m->start[q] < m->start[p] + dur + extra) {
			fprintf(f, " + z_%d_%d", s, p);
			n++;
		}
	return n;
}

static int pair_weight(const struct timetable_problem *pb, int a, int b)
{
	const struct timetable_session *x = &pb->sessions[a], *y = &pb->sessions[b];
	const struct timetable_weights *w = &pb->weights;
	int c = 0;

	if (!((x->flags | y->flags) & TIMETABLE_EVERYONE)) {
		c += x->track >= 0 && x->track == y->track ? w->track_clash : 0;
		c += (x->audience_tags & y->audience_tags) ? w->audience_clash : 0;
	}
	for (int i = 0; i < pb->ncopref; i++)
		if ((pb->copref[i].a == a && pb->copref[i].b == b) ||
		    (pb->copref[i].a == b && pb->copref[i].b == a))
			c += pb->copref[i].count * w->preference_clash;
	return c;
}

static void write_objective(FILE *f, struct ilp *m)
{
	const struct timetable_problem *pb = m->pb;

	fprintf(f, "Minimize\n obj: 0 zero");
	if (getenv("BENCH_ILP_HARD")) { /* feasibility only */
		fprintf(f, "\nSubject To\n");
		return;
	}
	for (int s = 0; s < m->n; s++)
		for (int p = 0; p < m->npos; p++)
			for (int r = 0; r < m->R; r++)
				if (uc(m, s, p, r) > 0)
					fprintf(f, " + %lld x_%d_%d_%d", uc(m, s, p, r), s, p, r);
	for (int a = 0; a < m->n; a++)
		for (int b = a + 1; b < m->n; b++) {
			int w = pair_weight(pb, a, b);

			if (w > 0 &&
			    !((pb->sessions[a].flags | pb->sessions[b].flags) & TIMETABLE_EVERYONE))
				fprintf(f, " + %d y_%d_%d", w, a, b);
		}
	m->constant = 0;
	for (int k = 0; k < pb->nspeakers; k++) {
		int cnt = 0;

		for (int s = 0; s < m->n; s++)
			for (int j = 0; j < pb->sessions[s].nspeakers; j++)
				cnt += pb->sessions[s].speakers[j] == k;
		if (cnt < 2)
			continue;
		for (int r = 0; r < m->R; r++)
			fprintf(f, " + %d u_%d_%d", pb->weights.speaker_rooms, k, r);
		for (int d = 0; d < pb->ndays; d++)
			fprintf(f, " + %d v_%d_%d", pb->weights.speaker_days, k, d);
		m->constant -= pb->weights.speaker_rooms + pb->weights.speaker_days;
	}
	fprintf(f, "\nSubject To\n");
}

static void write_assign(FILE *f, const struct ilp *m)
{
	for (int s = 0; s < m->n; s++) {
		fprintf(f, " one_%d:", s);
		for (int p = 0; p < m->npos; p++)
			for (int r = 0; r < m->R; r++)
				if (uc(m, s, p, r) >= 0)
					fprintf(f, " + x_%d_%d_%d", s, p, r);
		fprintf(f, " = 1\n");
		for (int p = 0; p < m->npos; p++) {
			if (!allowed(m, s, p))
				continue;
			fprintf(f, " z_%d_%d:", s, p);
			for (int r = 0; r < m->R; r++)
				if (uc(m, s, p, r) >= 0)
					fprintf(f, " + x_%d_%d_%d", s, p, r);
			fprintf(f, " - z_%d_%d = 0\n", s, p);
		}
	}
}

/* No room twice at any point in time; a session for everyone holds every
 * room (a clique per room and point: tighter than pairs). */
static void write_rooms(FILE *f, const struct ilp *m)
{
	for (int r = 0; r < m->R; r++)
		for (int q = 0; q < m->npos; q++) {
			fprintf(f, " room_%d_%d: 0 zero", r, q);
			for (int s = 0; s < m->n; s++) {
				if (m->pb->sessions[s].flags & TIMETABLE_EVERYONE) {
					cover(f, m, s, q, 0);
					continue;
				}
				for (int p = 0; p < m->npos; p++)
					if (uc(m, s, p, r) >= 0 && m->day[p] == m->day[q] &&
					    m->start[p] <= m->start[q] &&
					    m->start[q] < m->start[p] + m->pb->sessions[s].duration)
						fprintf(f, " + x_%d_%d_%d", s, p, r);
			}
			fprintf(f, " <= 1\n");
		}
}

/* A speaker in one session at a time, with the pause: a clique per
 * speaker and point. */
static void write_speaker_time(FILE *f, const struct ilp *m)
{
	const struct timetable_problem *pb = m->pb;

	for (int k = 0; k < pb->nspeakers; k++) {
		int cnt = 0;

		for (int s = 0; s < m->n; s++)
			for (int j = 0; j < pb->sessions[s].nspeakers; j++)
				cnt += pb->sessions[s].speakers[j] == k;
		if (cnt < 2)
			continue;
		for (int q = 0; q < m->npos; q++) {
			fprintf(f, " k_%d_%d: 0 zero", k, q);
			for (int s = 0; s < m->n; s++)
				for (int j = 0; j < pb->sessions[s].nspeakers; j++)
					if (pb->sessions[s].speakers[j] == k)
						cover(f, m, s, q, pb->speakers[k].pause);
			fprintf(f, " <= 1\n");
		}
	}
}

/* Soft overlaps of pairs (clashes of speakers and sessions for everyone are
 * in the cliques above; every session here has a room). */
static void write_pairs(FILE *f, const struct ilp *m)
{
	const struct timetable_problem *pb = m->pb;

	for (int a = 0; a < m->n; a++)
		for (int b = a + 1; b < m->n; b++) {
			int w = pair_weight(pb, a, b);
			bool every = (pb->sessions[a].flags | pb->sessions[b].flags) &
				     TIMETABLE_EVERYONE;

			for (int q = 0; q < m->npos && w > 0 && !every; q++) {
				fprintf(f, " s_%d_%d_%d:", a, b, q);
				cover(f, m, a, q, 0);
				cover(f, m, b, q, 0);
				fprintf(f, " - y_%d_%d <= 1\n", a, b);
			}
		}
}

/* A speaker's rooms and days: u and v are 1 where any session of theirs is. */
static void write_speakers(FILE *f, const struct ilp *m)
{
	const struct timetable_problem *pb = m->pb;

	for (int s = 0; s < m->n; s++)
		for (int j = 0; j < pb->sessions[s].nspeakers; j++) {
			int k = pb->sessions[s].speakers[j];

			for (int r = 0; r < m->R; r++) {
				fprintf(f, " ur_%d_%d_%d: u_%d_%d", s, k, r, k, r);
				for (int p = 0; p < m->npos; p++)
					if (uc(m, s, p, r) >= 0)
						fprintf(f, " - x_%d_%d_%d", s, p, r);
				fprintf(f, " >= 0\n");
			}
			for (int d = 0; d < pb->ndays; d++) {
				fprintf(f, " vd_%d_%d_%d: v_%d_%d", s, k, d, k, d);
				for (int p = 0; p < m->npos; p++)
					if (m->day[p] == d && allowed(m, s, p))
						fprintf(f, " - z_%d_%d", s, p);
				fprintf(f, " >= 0\n");
			}
		}
}

static void write_binaries(FILE *f, const struct ilp *m)
{
	fprintf(f, "Binaries\n");
	for (int s = 0; s < m->n; s++)
		for (int p = 0; p < m->npos; p++)
			for (int r = 0; r < m->R; r++)
				if (uc(m, s, p, r) >= 0)
					fprintf(f, " x_%d_%d_%d\n", s, p, r);
	fprintf(f, "End\n");
}

static void write_lp(const char *path, struct ilp *m)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("cannot write %s", path);
	write_objective(f, m);
	write_assign(f, m);
	write_rooms(f, m);
	write_speaker_time(f, m);
	write_pairs(f, m);
	write_speakers(f, m);
	/* u, v, y, z are implied 0/1 by the binaries; y, u, v, z >= 0 by default. */
	write_binaries(f, m);
	fclose(f);
}

/* Read "x_s_p_r value" pairs from a solver's output into a placement. */
static void take_var(const struct ilp *m, const char *name, double value, struct timetable_place *pl)
{
	int s, p, r;

	if (value > 0.5 && sscanf(name, "x_%d_%d_%d", &s, &p, &r) == 3 && s >= 0 && s < m->n &&
	    p >= 0 && p < m->npos && r >= 0 && r < m->R)
		pl[s] = (struct timetable_place){ m->day[p], m->start[p], r };
}

/* cbc's solution file: a status line, then "index name value reduced-cost". */
static int read_cbc(const struct ilp *m, const char *path, double *obj, bool *optimal,
		    struct timetable_place *pl)
{
	FILE *f = fopen(path, "r");
	char line[512], name[256];
	double value;
	int idx;

	if (!f || !fgets(line, sizeof(line), f)) { /* no file: the solver failed */
		if (f)
			fclose(f);
		return -1;
	}
	*optimal = strncmp(line, "Optimal", 7) == 0;
	if (!*optimal && strncmp(line, "Stopped", 7) != 0)
		printf("  cbc: %s", line);
	{
		char *o = strstr(line, "objective value");

		*obj = o ? atof(o + 15) : 0;
	}
	while (fgets(line, sizeof(line), f)) {
		char *l = line;

		if (*l == '*' && l[1] == '*') /* "**" marks an infeasible row or column */
			l += 2;
		if (sscanf(l, "%d %255s %lf", &idx, name, &value) == 3)
			take_var(m, name, value, pl);
	}
	fclose(f);
	return 0;
}

/* glpsol's printed solution: the objective line and the column table. */
static int read_glpsol(const struct ilp *m, const char *path, double *obj, bool *optimal,
		       struct timetable_place *pl)
{
	FILE *f = fopen(path, "r");
	char line[512], name[256], star[8];
	double value;
	int idx;

	if (!f)
		return -1;
	*optimal = false;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Status:", 7) == 0)
			*optimal = strstr(line, "INTEGER OPTIMAL") != NULL;
		else if (strncmp(line, "Objective:", 10) == 0)
			sscanf(strchr(line, '=') ? strchr(line, '=') + 1 : line, "%lf", obj);
		else if (sscanf(line, "%d %255s %7s %lf", &idx, name, star, &value) == 4 &&
			 name[0] == 'x')
			take_var(m, name, value, pl);
	}
	fclose(f);
	return 0;
}

/* The lower bound cbc proved, from its log ("Lower bound: 123.4"); -1 none. */
static double cbc_bound(const char *lp)
{
	char path[128], line[512];
	double bound = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s.log", lp);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Lower bound:", 12) == 0)
			bound = atof(line + 12);
	fclose(f);
	unlink(path);
	return bound;
}

static double gap(long long ours, double ref)
{
	return ref > 0 ? 100.0 * ((double)ours - ref) / ref : 0.0;
}

/* Ours against the ILP: the gap to a proven optimum, else the range the
 * optimum may lie in (between the bound and the best found). */
static void report_gap(long long ours, long long best, bool optimal, long hard, double bound,
		       long long constant)
{
	long long lb = bound >= 0 ? (long long)(bound - 1e-6) + 1 + constant : -1;

	if (hard) {
		printf("  ours %lld; the ILP found no feasible placement in time\n", ours);
	} else if (optimal) {
		printf("  ours %lld, optimum %lld: gap %.2f%% (target within 2%%: %s)\n", ours, best,
		       gap(ours, (double)best), gap(ours, (double)best) <= 2.0 ? "met" : "NOT met");
	} else {
		double lo = gap(ours, (double)best) > 0 ? gap(ours, (double)best) : 0;
		double hi = lb > 0 ? gap(ours, (double)lb) : -1;

		printf("  ours %lld, ILP best %lld, ILP lower bound %lld: gap to the optimum between "
		       "%.2f%% and %.2f%% (target within 2%%: %s)\n",
		       ours, best, lb, lo, hi,
		       lb > 0 && hi <= 2.0 ? "met"
		       : lo > 2.0          ? "NOT met"
					   : "unknown");
	}
}

static void print_families(const struct timetable_score *sc)
{
	for (int f = 0; f < TIMETABLE_NFAMILIES; f++)
		if (sc->count[f])
			printf("    %-20s %4ld  cost %lld\n", timetable_family_name(f),
			       sc->count[f], sc->cost[f]);
}

static void run_ilp(const struct timetable_problem *pb, long long ours, int limit)
{
	struct ilp m;
	char lp[] = "/tmp/bench_ttXXXXXX.lp", sol[64], cmd[512];
	struct timetable_place *pl = xcalloc((size_t)pb->nsessions, sizeof(*pl));
	struct timetable_score sc;
	bool cbc = on_path("cbc"), optimal = false;
	double obj = 0, t0;
	int fd = mkstemps(lp, 3);

	if (fd < 0)
		die("mkstemps failed");
	close(fd);
	memset(&m, 0, sizeof(m));
	ilp_init(&m, pb);
	write_lp(lp, &m);
	snprintf(sol, sizeof(sol), "%s.sol", lp);
	if (cbc)
		snprintf(cmd, sizeof(cmd),
			 "cbc -import %s -sec %d -threads 1 -solve -solu %s "
			 ">%s.log 2>&1",
			 lp, limit, sol, lp);
	else
		snprintf(cmd, sizeof(cmd), "glpsol --lp %s --tmlim %d -o %s >/dev/null 2>&1", lp,
			 limit, sol);
	t0 = now_seconds();
	if (system(cmd) == -1 || (cbc ? read_cbc(&m, sol, &obj, &optimal, pl)
				      : read_glpsol(&m, sol, &obj, &optimal, pl))) {
		printf("  ilp: %s failed\n", cbc ? "cbc" : "glpsol");
	} else {
		long long opt = (long long)(obj + 0.5) + m.constant;
		double bound = cbc ? cbc_bound(lp) : -1;

		timetable_evaluate(pb, pl, &sc, NULL);
		printf("  ilp: %s, limit %d s, took %.1f s: %s %lld (re-scored by "
		       "timetable_evaluate: hard %ld soft %lld)\n",
		       cbc ? "cbc" : "glpsol", limit, now_seconds() - t0,
		       optimal ? "proven optimum" : "best found, not proven", opt, sc.hard, sc.soft);
		print_families(&sc);
		report_gap(ours, opt, optimal, sc.hard, bound, m.constant);
		timetable_score_done(&sc);
	}
	if (getenv("BENCH_KEEP_LP")) {
		printf("  kept %s and %s\n", lp, sol);
	} else {
		unlink(lp);
		unlink(sol);
	}
	free(pl);
	free(m.start);
	free(m.day);
	free(m.ucost);
}

/* ---- runs ------------------------------------------------------------ */

static long long run(const struct instance *in, double seconds, bool ilp)
{
	struct gen g;
	struct timetable_options opt;
	struct timetable_result res;
	struct error err = { 0 };
	enum status st;
	long long soft;

	gen_init(&g, in, 7);
	timetable_evaluate(&g.pb, g.hidden, &res.score, NULL);
	if (res.score.hard)
		die("%s: the generator's hidden timetable breaks %ld hard constraints", in->name,
		    res.score.hard);
	timetable_score_done(&res.score);
	timetable_options_init(&opt);
	opt.seed = getenv("BENCH_SEED") ? strtoull(getenv("BENCH_SEED"), NULL, 10) : 42;
	opt.time_limit = seconds;
	if (getenv("BENCH_HISTORY"))
		opt.history = atoi(getenv("BENCH_HISTORY"));
	if (getenv("BENCH_STALL"))
		opt.stall = atol(getenv("BENCH_STALL"));
	/* The two smallest are measured against the exact optimum, with no time
	 * in the target: they get a budget of steps for each search
	 * (BENCH_STEPS; by default 20 million for 18 talks, 100 million for 36),
	 * which makes the figure the same on a busy machine as on an idle one;
	 * BENCH_STEPS=0 runs them in the seconds given instead. The others run
	 * as convene solve runs them: one search per processor, restarts while
	 * time remains, in the seconds given. */
	if (getenv("BENCH_RESTARTS"))
		opt.restarts = atoi(getenv("BENCH_RESTARTS"));
	if (getenv("BENCH_THREADS"))
		opt.threads = atoi(getenv("BENCH_THREADS"));
	if (getenv("BENCH_SEARCHES"))
		opt.searches = atoi(getenv("BENCH_SEARCHES"));
	if (getenv("BENCH_STEPS"))
		opt.max_iterations = atol(getenv("BENCH_STEPS"));
	else if (in->talks <= 36)
		opt.max_iterations = in->talks <= 18 ? 20000000L : 100000000L;
	if (in->talks <= 36 && opt.max_iterations > 0)
		opt.time_limit = 3600;
	st = timetable_solve(&g.pb, &opt, &res, &err);
	printf("%-24s talks %3d slots %2d rooms %2d: status %d hard %ld soft %6lld  "
	       "seconds %.2f  iterations %ld\n",
	       in->name, in->talks, in->slots, in->rooms, st, res.score.hard, res.score.soft,
	       res.seconds, res.iterations);
	if (st)
		printf("  %s\n", err.msg);
	print_families(&res.score);
	for (int i = 0; i < res.score.nviolations && i < 5; i++) {
		const struct timetable_violation *v = &res.score.violations[i];

		if (timetable_family_hard(v->family))
			printf("    hard: %s sessions %d %d\n", timetable_family_name(v->family),
			       v->a + 1, v->b + 1);
	}
	soft = res.score.soft;
	if (getenv("BENCH_DUMP")) {
		FILE *f = fopen(getenv("BENCH_DUMP"), "w");

		for (int i = 0; f && i < g.pb.nsessions; i++)
			fprintf(f, "%d %d %d %d  aud %d dur %d spk %d %d track %d flags %u\n", i,
				res.place[i].day, res.place[i].start, res.place[i].room,
				g.sessions[i].audience, g.sessions[i].duration,
				g.sessions[i].nspeakers ? g.sessions[i].speakers[0] : -1,
				g.sessions[i].nspeakers > 1 ? g.sessions[i].speakers[1] : -1,
				g.sessions[i].track, g.sessions[i].flags);
		if (f)
			fclose(f);
	}
	fflush(stdout);
	if (ilp)
		run_ilp(&g.pb, soft,
			getenv("BENCH_ILP_SECONDS") ? atoi(getenv("BENCH_ILP_SECONDS")) : 120);
	error_clear(&err);
	timetable_result_done(&res);
	gen_done(&g);
	return soft;
}

static void time_evaluation(void)
{
	struct instance in = { "eval-70", 70, 12, 14 };
	struct gen g;
	struct timetable_options opt;
	struct timetable_result res;
	struct timetable_score sc;
	int reps = 500;
	double t0, dt;

	gen_init(&g, &in, 11);
	timetable_options_init(&opt);
	opt.time_limit = 2;
	timetable_solve(&g.pb, &opt, &res, NULL);
	t0 = now_seconds();
	for (int i = 0; i < reps; i++) {
		timetable_evaluate(&g.pb, res.place, &sc, NULL);
		timetable_score_done(&sc);
	}
	dt = (now_seconds() - t0) / reps;
	printf("full evaluation, 70 sessions, 14 rooms: %.3f ms per call (target < 5 ms)\n",
	       dt * 1000);
	timetable_result_done(&res);
	gen_done(&g);
}

/* The on-the-day re-plan on the largest instance: the programme is the
 * hidden feasible timetable, published; then the busiest room closes for
 * the first day and the engine re-plans as convene's re-planner does (the
 * cost of a move a hundred times the solve's, more for sessions many
 * attend; its default budget of 400,000 steps). */
static void time_replan(void)
{
	struct instance in = { "replan-216", 216, 18, 20 };
	struct timetable_period closed = { 0, 0, 1440 };
	struct timetable_options opt;
	struct timetable_result res;
	struct gen g;
	int count[64] = { 0 }, busiest = 0, moved = 0;

	gen_init(&g, &in, 7);
	for (int s = 0; s < g.pb.nsessions; s++) {
		g.sessions[s].published = g.hidden[s];
		g.sessions[s].move_weight = 1 + g.sessions[s].audience / 25;
		if (g.hidden[s].day == 0 && g.hidden[s].room >= 0 && g.hidden[s].room < 64 &&
		    ++count[g.hidden[s].room] > count[busiest])
			busiest = g.hidden[s].room;
	}
	g.pb.weights.move_time *= 100;
	g.pb.weights.move_room *= 100;
	g.rooms[busiest].unavailable = &closed;
	g.rooms[busiest].nunavailable = 1;
	timetable_options_init(&opt);
	opt.seed = 1;
	opt.time_limit = 60;
	opt.max_iterations = 400000;
	opt.searches = 1;
	opt.restarts = 0;
	timetable_solve(&g.pb, &opt, &res, NULL);
	for (int s = 0; s < g.pb.nsessions; s++)
		moved += res.place[s].day != g.hidden[s].day ||
			 res.place[s].start != g.hidden[s].start ||
			 res.place[s].room != g.hidden[s].room;
	printf("re-plan, 216 talks in 20 rooms, room %d (%d sessions) closed on day 1: hard %ld, "
	       "%d sessions moved, %.2f s (target < 5 s)\n",
	       busiest + 1, count[busiest], res.score.hard, moved, res.seconds);
	timetable_result_done(&res);
	gen_done(&g);
}

/* Instance i gets the ILP: the two smallest, or those BENCH_ILP_ON names. */
static bool ilp_wanted(size_t i)
{
	const char *on = getenv("BENCH_ILP_ON");

	return on ? strchr(on, (int)('0' + i)) != NULL : i < 2;
}

int main(int argc, char **argv)
{
	static const struct instance set[] = {
		{ "18talks-6slots-5rooms", 18, 6, 5 },
		{ "36talks-12slots-5rooms", 36, 12, 5 },
		{ "72talks-12slots-10rooms", 72, 12, 10 },
		{ "108talks-18slots-10rooms", 108, 18, 10 },
		{ "216talks-18slots-20rooms", 216, 18, 20 },
	};
	int a = argc > 1 && strcmp(argv[1], "--time-limit") == 0 ? 2 : 1;
	double seconds = argc > a ? atof(argv[a]) : 5;
	size_t count = argc > a + 1 ? (size_t)atoi(argv[a + 1]) : ARRAY_SIZE(set);
	bool ilp = on_path("cbc") || on_path("glpsol");

	if (!ilp)
		printf("neither cbc nor glpsol is on PATH: skipping the exact optima\n");
	for (size_t i = 0; i < ARRAY_SIZE(set) && i < count; i++)
		if (!getenv("BENCH_ONLY") || strchr(getenv("BENCH_ONLY"), (int)('0' + i)))
			run(&set[i], seconds, ilp && ilp_wanted(i));
	time_evaluation();
	time_replan();
	return 0;
}
