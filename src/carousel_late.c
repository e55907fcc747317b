/* A carousel's late change: arrivals, people gone, a station closed or cut
 * after some rotations have run. The rotations that happened stay as they
 * were; the rest are planned again from the plan people hold, so that as
 * few people as possible find their later stations changed.
 *
 * The state is the whole plan with the loads of every station in every
 * rotation still to come; each delegate's row is scored on its own (empty
 * rotations, skipped rotations, a station twice, mandatory stations due
 * and not visited, cost, changed or not), capacity over all rows. Plans
 * are compared in order: hard problems, people moved, cost.
 *
 * 1. Start from the plan held; an empty rotation (an arrival's) takes the
 *    best station for it at once.
 * 2. Repair: pick a delegate with a problem, or one at a station over its
 *    capacity, and one of their rotations; take the best move for it (to
 *    another station, two of their rotations swapped, or their station
 *    swapped with someone else's in that rotation), unless it undoes a
 *    recent move (a short tabu list) and is no new best.
 * 3. Settle: give moved people back what they held where that costs
 *    nothing else, and take random moves that make the plan no worse.
 *
 * Everything is drawn from the seed; the run ends at max_steps moves or
 * the time limit, so under a step budget one seed gives one plan. */
#include <stdlib.h>
#include <string.h>

#include "convene/carousel.h"

#define LATE_STEPS 200000L

struct obj {
	long hard;
	long moved;
	long long cost;
};

/* Negative when a is the better plan. */
static int obj_cmp(const struct obj *a, const struct obj *b)
{
	if (a->hard != b->hard)
		return a->hard < b->hard ? -1 : 1;
	if (a->moved != b->moved)
		return a->moved < b->moved ? -1 : 1;
	return (a->cost > b->cost) - (a->cost < b->cost);
}

struct row_score {
	long hard;
	int moved;
	long long cost;
};

enum move_kind { MOVE_SET, MOVE_ROTATIONS, MOVE_SWAP };

struct move {
	enum move_kind kind;
	int d, e, r, r2, s, old;
};

struct late {
	const struct carousel_problem *p;
	const struct carousel_options *opt;
	int N, K, R, keep;
	int *plan;
	int *best_plan;
	int *load; /* K x R, rotations from keep on */
	int *due;  /* mandatory stations each delegate must still visit */
	bool *held;
	struct row_score *rows;
	long rows_hard, over, moved;
	long long cost;
	int *tabu_station; /* per cell: the station it just left */
	long *tabu_until;
	int *pick; /* per station: someone there in the rotation being repaired */
	int *count;
	long step, max_steps;
	double start, deadline;
	bool stopped;
	struct rng rng;
};

static struct obj late_obj(const struct late *L)
{
	return (struct obj){ L->rows_hard + L->over, L->moved, L->cost };
}

static bool open_in(const struct late *L, int s, int r)
{
	return !(L->p->stations[s].skip >> r & 1);
}

static long excess(const struct late *L, int s, int r)
{
	long over = L->load[s * L->R + r] - L->p->stations[s].capacity;

	return open_in(L, s, r) && over > 0 ? over : 0;
}

static struct row_score row_eval(const struct late *L, int d)
{
	const int *row = L->plan + (size_t)d * L->R;
	const int *was = L->p->previous + (size_t)d * L->R;
	struct row_score o = { 0 };
	int met = 0;

	for (int r = 0; r < L->R; r++) {
		int s = row[r];
		bool again = false;

		if (s < 0) {
			o.hard += r >= L->keep;
			continue;
		}
		for (int r2 = 0; r2 < r && !again; r2++)
			again = row[r2] == s;
		o.hard += again;
		if (r < L->keep)
			continue;
		met += !again && L->p->stations[s].mandatory;
		o.hard += !open_in(L, s, r);
		o.cost += carousel_visit_cost(L->p, d, s);
	}
	for (int r = L->keep; r < L->R; r++)
		o.moved |= L->held[d] && row[r] != was[r];
	o.hard += L->due[d] > met ? L->due[d] - met : 0;
	return o;
}

static void refresh(struct late *L, int d)
{
	struct row_score *o = &L->rows[d];

	L->rows_hard -= o->hard;
	L->moved -= o->moved;
	L->cost -= o->cost;
	*o = row_eval(L, d);
	L->rows_hard += o->hard;
	L->moved += o->moved;
	L->cost += o->cost;
}

/* Put delegate d at station s (-1: none) in rotation r, loads kept. */
static void cell_set(struct late *L, int d, int r, int s)
{
	int *cell = &L->plan[(size_t)d * L->R + r];

	if (*cell >= 0) {
		L->over -= excess(L, *cell, r);
		L->load[*cell * L->R + r]--;
		L->over += excess(L, *cell, r);
	}
	*cell = s;
	if (s >= 0) {
		L->over -= excess(L, s, r);
		L->load[s * L->R + r]++;
		L->over += excess(L, s, r);
	}
}

static int at(const struct late *L, int d, int r)
{
	return L->plan[(size_t)d * L->R + r];
}

static void move_do(struct late *L, struct move *m)
{
	int a, b;

	switch (m->kind) {
	case MOVE_SET:
		m->old = at(L, m->d, m->r);
		cell_set(L, m->d, m->r, m->s);
		break;
	case MOVE_ROTATIONS:
		a = at(L, m->d, m->r);
		b = at(L, m->d, m->r2);
		cell_set(L, m->d, m->r, b);
		cell_set(L, m->d, m->r2, a);
		break;
	case MOVE_SWAP:
		a = at(L, m->d, m->r);
		b = at(L, m->e, m->r);
		cell_set(L, m->d, m->r, b);
		cell_set(L, m->e, m->r, a);
		refresh(L, m->e);
		break;
	}
	refresh(L, m->d);
}

static void move_undo(struct late *L, struct move *m)
{
	if (m->kind == MOVE_SET) {
		cell_set(L, m->d, m->r, m->old);
		refresh(L, m->d);
	} else {
		move_do(L, m); /* a swap is its own inverse */
	}
}

/* The stations a move would put in which cells: (delegate, rotation, station). */
static int move_cells(const struct late *L, const struct move *m, int cell[2][3])
{
	switch (m->kind) {
	case MOVE_SET:
		cell[0][0] = m->d, cell[0][1] = m->r, cell[0][2] = m->s;
		return 1;
	case MOVE_ROTATIONS:
		cell[0][0] = m->d, cell[0][1] = m->r, cell[0][2] = at(L, m->d, m->r2);
		cell[1][0] = m->d, cell[1][1] = m->r2, cell[1][2] = at(L, m->d, m->r);
		return 2;
	case MOVE_SWAP:
		cell[0][0] = m->d, cell[0][1] = m->r, cell[0][2] = at(L, m->e, m->r);
		cell[1][0] = m->e, cell[1][1] = m->r, cell[1][2] = at(L, m->d, m->r);
		return 2;
	}
	return 0;
}

static bool move_tabu(const struct late *L, const struct move *m)
{
	int cell[2][3], n = move_cells(L, m, cell);

	for (int i = 0; i < n; i++) {
		size_t c = (size_t)cell[i][0] * L->R + cell[i][1];

		if (L->tabu_until[c] > L->step && L->tabu_station[c] == cell[i][2])
			return true;
	}
	return false;
}

static void make_tabu(struct late *L, const struct move *m)
{
	int cell[2][3], n = move_cells(L, m, cell);
	long tenure = 4 + (long)rng_below(&L->rng, 8);

	/* Called before the move: the stations the cells are leaving. */
	for (int i = 0; i < n; i++) {
		size_t c = (size_t)cell[i][0] * L->R + cell[i][1];

		L->tabu_station[c] = L->plan[c];
		L->tabu_until[c] = L->step + tenure;
	}
}

/* Try a move and take it back; the plan it would give. */
static struct obj move_try(struct late *L, struct move *m)
{
	struct obj o;

	move_do(L, m);
	o = late_obj(L);
	move_undo(L, m);
	return o;
}

struct choice {
	struct move m;
	struct obj o;
	int ties;
	bool any;
};

static void consider(struct late *L, struct choice *c, struct move m, const struct obj *best)
{
	struct obj o = move_try(L, &m);
	int k;

	if (move_tabu(L, &m) && obj_cmp(&o, best) >= 0)
		return;
	k = c->any ? obj_cmp(&o, &c->o) : -1;
	if (k < 0) {
		c->m = m;
		c->o = o;
		c->ties = 1;
		c->any = true;
	} else if (k == 0 && rng_below(&L->rng, (uint32_t)++c->ties) == 0) {
		c->m = m;
	}
}

/* Someone at each station in rotation r, drawn at random. */
static void pick_people(struct late *L, int r)
{
	for (int s = 0; s < L->K; s++)
		L->count[s] = 0;
	for (int e = 0; e < L->N; e++) {
		int s = at(L, e, r);

		if (s >= 0 && rng_below(&L->rng, (uint32_t)++L->count[s]) == 0)
			L->pick[s] = e;
	}
}

/* The best move for delegate d's rotation r. */
static bool best_move(struct late *L, int d, int r, const struct obj *best, struct move *out)
{
	struct choice c = { .any = false };
	int here = at(L, d, r);

	for (int s = 0; s < L->K; s++)
		if (s != here)
			consider(L, &c, (struct move){ .kind = MOVE_SET, .d = d, .r = r, .s = s },
				 best);
	for (int r2 = L->keep; r2 < L->R; r2++)
		if (r2 != r && at(L, d, r2) != here)
			consider(L, &c,
				 (struct move){ .kind = MOVE_ROTATIONS, .d = d, .r = r, .r2 = r2 },
				 best);
	pick_people(L, r);
	for (int s = 0; s < L->K; s++)
		if (s != here && L->count[s] > 0)
			consider(L, &c,
				 (struct move){ .kind = MOVE_SWAP, .d = d, .e = L->pick[s], .r = r },
				 best);
	*out = c.m;
	return c.any;
}

/* A rotation of d's that is part of their problem, or any of theirs. */
static int bad_rotation(struct late *L, int d)
{
	const int *row = L->plan + (size_t)d * L->R;
	int n = 0, pick = -1;

	for (int r = L->keep; r < L->R; r++) {
		int s = row[r];
		bool bad = s < 0 || !open_in(L, s, r) ||
			   L->load[s * L->R + r] > L->p->stations[s].capacity;

		for (int r2 = 0; r2 < L->R && !bad; r2++)
			bad = r2 != r && row[r2] == s;
		if (bad && rng_below(&L->rng, (uint32_t)++n) == 0)
			pick = r;
	}
	if (pick < 0)
		pick = L->keep + (int)rng_below(&L->rng, (uint32_t)(L->R - L->keep));
	return pick;
}

/* A delegate with a problem of their own or at a station over capacity. */
static int troubled(struct late *L)
{
	int n = 0, pick = -1, cells = 0, cs = -1, cr = -1;

	for (int d = 0; d < L->N; d++)
		if (L->rows[d].hard > 0 && rng_below(&L->rng, (uint32_t)++n) == 0)
			pick = d;
	for (int s = 0; s < L->K && L->over > 0; s++)
		for (int r = L->keep; r < L->R; r++)
			if (excess(L, s, r) > 0 && rng_below(&L->rng, (uint32_t)++cells) == 0)
				cs = s, cr = r;
	if (cs < 0 || (pick >= 0 && rng_below(&L->rng, (uint32_t)(n + cells)) < (uint32_t)n))
		return pick;
	pick_people(L, cr);
	return L->pick[cs];
}

static bool late_stop(struct late *L)
{
	if (L->stopped || L->step >= L->max_steps)
		return true;
	if (L->step % 256)
		return false;
	double t = now_seconds();

	if (L->deadline > 0 && t >= L->deadline)
		L->stopped = true;
	if (L->opt && L->opt->progress) {
		struct carousel_progress pr = { "late change", L->step, L->rows_hard + L->over,
						L->cost,       0,       t - L->start };

		if (L->opt->progress(L->opt->progress_ctx, &pr))
			L->stopped = true;
	}
	return L->stopped;
}

static void load_plan(struct late *L, const int *plan)
{
	size_t cells = (size_t)L->N * L->R;

	memcpy(L->plan, plan, cells * sizeof(int));
	memset(L->load, 0, sizeof(int) * (size_t)L->K * L->R);
	L->over = 0;
	for (int d = 0; d < L->N; d++)
		for (int r = L->keep; r < L->R; r++)
			if (at(L, d, r) >= 0)
				L->load[at(L, d, r) * L->R + r]++;
	for (int s = 0; s < L->K; s++)
		for (int r = L->keep; r < L->R; r++)
			L->over += excess(L, s, r);
	L->rows_hard = L->moved = 0;
	L->cost = 0;
	memset(L->rows, 0, sizeof(*L->rows) * (size_t)L->N);
	for (int d = 0; d < L->N; d++)
		refresh(L, d);
}

static void keep_if_best(struct late *L, struct obj *best)
{
	struct obj o = late_obj(L);

	if (obj_cmp(&o, best) < 0) {
		*best = o;
		memcpy(L->best_plan, L->plan, sizeof(int) * (size_t)L->N * L->R);
	}
}

/* 1: a station for every empty rotation, the best for it then. */
static void fill_empty(struct late *L, struct obj *best)
{
	for (int d = 0; d < L->N; d++)
		for (int r = L->keep; r < L->R; r++) {
			struct choice c = { .any = false };

			if (at(L, d, r) >= 0)
				continue;
			for (int s = 0; s < L->K; s++)
				consider(L, &c,
					 (struct move){ .kind = MOVE_SET, .d = d, .r = r, .s = s },
					 best);
			if (c.any)
				move_do(L, &c.m);
		}
	keep_if_best(L, best);
}

/* 2: repair problems by the best move for one of them at a time. */
static void repair(struct late *L, struct obj *best)
{
	while (best->hard > 0 && !late_stop(L)) {
		int d = troubled(L), r;
		struct move m;

		if (d < 0)
			break;
		r = bad_rotation(L, d);
		/* Now and then a random move, to leave a plateau. */
		if (rng_below(&L->rng, 100) < 10 || !best_move(L, d, r, best, &m)) {
			m = (struct move){ .kind = MOVE_SET,
					   .d = d,
					   .r = r,
					   .s = (int)rng_below(&L->rng, (uint32_t)L->K) };
		}
		make_tabu(L, &m);
		move_do(L, &m);
		L->step++;
		keep_if_best(L, best);
	}
}

/* Give d back what they held after the kept rotations, if that is no worse. */
static bool give_back(struct late *L, int d, int *undo)
{
	const int *was = L->p->previous + (size_t)d * L->R;
	struct obj before = late_obj(L), after;

	for (int r = L->keep; r < L->R; r++) {
		undo[r] = at(L, d, r);
		cell_set(L, d, r, was[r]);
	}
	refresh(L, d);
	after = late_obj(L);
	if (obj_cmp(&after, &before) <= 0)
		return obj_cmp(&after, &before) < 0;
	for (int r = L->keep; r < L->R; r++)
		cell_set(L, d, r, undo[r]);
	refresh(L, d);
	return false;
}

/* 3: moves that make the plan no worse, with give-backs between. */
static void settle(struct late *L, struct obj *best)
{
	int *undo = xcalloc((size_t)L->R + 1, sizeof(int));
	long rounds = 20L * L->N * (L->R - L->keep) + 1;

	for (long i = 0; i < rounds && !late_stop(L); i++, L->step++) {
		int d = (int)rng_below(&L->rng, (uint32_t)L->N);
		int r = L->keep + (int)rng_below(&L->rng, (uint32_t)(L->R - L->keep));
		struct move m = { .d = d, .r = r };
		struct obj before = late_obj(L), after;

		if (i % L->N == 0)
			for (int e = 0; e < L->N; e++)
				if (L->rows[e].moved)
					give_back(L, e, undo);
		switch (rng_below(&L->rng, 3)) {
		case 0:
			m.kind = MOVE_SET;
			m.s = (int)rng_below(&L->rng, (uint32_t)L->K);
			break;
		case 1:
			m.kind = MOVE_ROTATIONS;
			m.r2 = L->keep + (int)rng_below(&L->rng, (uint32_t)(L->R - L->keep));
			break;
		default:
			m.kind = MOVE_SWAP;
			m.e = (int)rng_below(&L->rng, (uint32_t)L->N);
			break;
		}
		if ((m.kind == MOVE_ROTATIONS && m.r2 == r) || (m.kind == MOVE_SWAP && m.e == d))
			continue;
		move_do(L, &m);
		after = late_obj(L);
		if (obj_cmp(&after, &before) > 0)
			move_undo(L, &m);
		keep_if_best(L, best);
	}
	for (int e = 0; e < L->N && !L->stopped; e++)
		if (L->rows[e].moved)
			give_back(L, e, undo);
	keep_if_best(L, best);
	free(undo);
}

static enum status late_seats(const struct late *L, struct error *err)
{
	for (int r = L->keep; r < L->R; r++) {
		long seats = 0;

		for (int s = 0; s < L->K; s++)
			if (open_in(L, s, r))
				seats += L->p->stations[s].capacity;
		if (seats < L->N)
			return error_set(err, ST_PROBLEM,
					 "rotation %d has %ld seats for %d delegates: "
					 "%ld more seats are needed",
					 r + 1, seats, L->N, L->N - seats);
	}
	if (L->R - L->keep > L->K)
		return error_set(err, ST_PROBLEM,
				 "%d rotations are left but there are only %d stations",
				 L->R - L->keep, L->K);
	return ST_OK;
}

static void late_init(struct late *L, const struct carousel_problem *p,
		      const struct carousel_options *opt)
{
	size_t cells = (size_t)p->ndelegates * p->nrotations + 1;

	memset(L, 0, sizeof(*L));
	L->p = p;
	L->opt = opt;
	L->N = p->ndelegates;
	L->K = p->nstations;
	L->R = p->nrotations;
	L->keep = p->keep_rotations;
	L->start = now_seconds();
	L->max_steps = opt && opt->max_steps > 0 ? opt->max_steps : LATE_STEPS;
	if (opt && opt->time_limit > 0)
		L->deadline = L->start + opt->time_limit;
	rng_seed(&L->rng, opt ? opt->seed : 1);
	L->plan = xcalloc(cells, sizeof(int));
	L->best_plan = xcalloc(cells, sizeof(int));
	L->load = xcalloc((size_t)L->K * L->R + 1, sizeof(int));
	L->due = xcalloc((size_t)L->N + 1, sizeof(int));
	L->held = xcalloc((size_t)L->N + 1, sizeof(bool));
	L->rows = xcalloc((size_t)L->N + 1, sizeof(*L->rows));
	L->tabu_station = xcalloc(cells, sizeof(int));
	L->tabu_until = xcalloc(cells, sizeof(long));
	L->pick = xcalloc((size_t)L->K + 1, sizeof(int));
	L->count = xcalloc((size_t)L->K + 1, sizeof(int));
	for (int d = 0; d < L->N; d++) {
		const int *was = p->previous + (size_t)d * L->R;
		int due = 0;

		for (int r = 0; r < L->R; r++)
			L->held[d] |= was[r] >= 0;
		for (int s = 0; s < L->K; s++) {
			bool seen = false;

			for (int r = 0; r < L->keep; r++)
				seen |= was[r] == s;
			due += p->stations[s].mandatory && !seen;
		}
		L->due[d] = due < L->R - L->keep ? due : L->R - L->keep;
	}
}

static void late_done(struct late *L)
{
	free(L->plan);
	free(L->best_plan);
	free(L->load);
	free(L->due);
	free(L->held);
	free(L->rows);
	free(L->tabu_station);
	free(L->tabu_until);
	free(L->pick);
	free(L->count);
}

enum status carousel_solve_late(const struct carousel_problem *p, const struct carousel_options *opt,
				struct carousel_result *res, struct error *err)
{
	struct late L;
	struct obj best = { 0 };
	enum status st;

	memset(res, 0, sizeof(*res));
	res->method = "late change";
	st = carousel_validate(p, err);
	if (st != ST_OK)
		return st;
	late_init(&L, p, opt);
	res->ndelegates = L.N;
	res->nrotations = L.R;
	res->plan = xreallocarray(NULL, (size_t)L.N * L.R + 1, sizeof(int));
	load_plan(&L, p->previous);
	best = late_obj(&L);
	memcpy(L.best_plan, L.plan, sizeof(int) * (size_t)L.N * L.R);
	st = late_seats(&L, err);
	if (st == ST_OK && L.N > 0 && L.R > L.keep) {
		fill_empty(&L, &best);
		repair(&L, &best);
		load_plan(&L, L.best_plan);
		settle(&L, &best);
	}
	memcpy(res->plan, L.best_plan, sizeof(int) * (size_t)L.N * L.R);
	carousel_evaluate(p, res->plan, &res->score);
	res->feasible = res->score.hard == 0;
	res->iterations = L.step;
	res->seconds = now_seconds() - L.start;
	if (st == ST_OK && !res->feasible)
		st = error_set(err, ST_PROBLEM,
			       "no plan close to the one held was found in %.2f s: the best "
			       "has %ld over capacity, %ld in skipped rotations, %ld mandatory "
			       "visits missed, %ld stations visited twice, %ld rotations "
			       "without a station",
			       res->seconds, res->score.over_capacity, res->score.closed_visits,
			       res->score.missed_mandatory, res->score.repeats,
			       res->score.empty_slots);
	late_done(&L);
	return st;
}
