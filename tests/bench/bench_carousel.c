/* Benchmark of the carousel solver: one line per instance with people,
 * stations, rotations, cost, unmet, over_capacity, optimal flag, seconds;
 * then late changes (some leave, some arrive, a station closes after the
 * kept rotations) with the people moved and the seconds they took. */
#include <stdio.h>
#include <stdlib.h>

#include "convene/carousel.h"

struct instance {
	const char *name;
	int people, stations, rotations, capacity, choices;
	int skipping;  /* stations 0..skipping-1 skip rotation (s % R) */
	int mandatory; /* stations 0..mandatory-1 are mandatory (after skipping ones) */
	int groups;    /* organisations; 0 none */
};

/* Draw a station with popularity skew: station s has weight 1 / (s + 1). */
static int draw_station(struct rng *rng, const double *cum, int k)
{
	double u = rng_unit(rng) * cum[k - 1];
	int s = 0;

	while (s < k - 1 && cum[s] < u)
		s++;
	return s;
}

static int *make_choices(const struct instance *in, struct rng *rng, struct carousel_delegate *dl,
			 const struct carousel_station *st)
{
	int K = in->stations, *all = xcalloc((size_t)in->people * in->choices + 1, sizeof(int));
	double *cum = xcalloc((size_t)K, sizeof(double));

	for (int s = 0; s < K; s++)
		cum[s] = (s ? cum[s - 1] : 0) + 1.0 / (s + 1);
	for (int d = 0; d < in->people; d++) {
		int *c = all + (size_t)d * in->choices, n = 0;

		while (n < in->choices) {
			int s = draw_station(rng, cum, K), dup = st[s].mandatory;

			for (int i = 0; i < n; i++)
				dup |= c[i] == s;
			if (!dup)
				c[n++] = s;
		}
		dl[d] = (struct carousel_delegate){ n, c, -1 };
		if (in->groups)
			dl[d].group = (int)rng_below(rng, (uint32_t)in->groups);
	}
	free(cum);
	return all;
}

static void run(const struct instance *in)
{
	struct carousel_station *st = xcalloc((size_t)in->stations, sizeof(*st));
	struct carousel_delegate *dl = xcalloc((size_t)in->people, sizeof(*dl));
	struct carousel_options opt = { .seed = 42, .time_limit = 10 };
	struct carousel_problem p = { .nstations = in->stations,
				      .nrotations = in->rotations,
				      .ndelegates = in->people,
				      .stations = st,
				      .delegates = dl };
	struct carousel_result res;
	struct error err = { 0 };
	struct rng rng;
	int *choices;

	rng_seed(&rng, 7);
	for (int s = 0; s < in->stations; s++) {
		st[s].capacity = in->capacity;
		if (s < in->skipping)
			st[s].skip = 1ULL << (s % in->rotations);
		else if (s < in->skipping + in->mandatory)
			st[s].mandatory = true;
		if (st[s].mandatory) /* enough seats for everyone over the rotations */
			st[s].capacity = (in->people + in->rotations - 1) / in->rotations;
	}
	choices = make_choices(in, &rng, dl, st);
	carousel_solve(&p, &opt, &res, &err);
	printf("%-22s people=%d stations=%d rotations=%d capacity=%d cost=%lld bound=%lld "
	       "unmet=%ld over_capacity=%ld imbalance=%ld optimal=%s method=%s nodes=%ld seconds=%.3f%s%s\n",
	       in->name, in->people, in->stations, in->rotations, in->capacity, res.score.cost,
	       res.lower_bound, res.score.unmet, res.score.over_capacity, res.score.imbalance,
	       res.optimal ? "true" : "false", res.method, res.nodes, res.seconds,
	       err.msg ? " error: " : "", err.msg ? err.msg : "");
	carousel_result_done(&res);
	error_clear(&err);
	free(choices);
	free(st);
	free(dl);
}

/* Plan, then change it after `keep` rotations: every 50th person leaves,
 * people/100 arrive with choices of their own, the station `close`
 * stops running; plan the rest again. */
static void run_late(const char *name, int people, int K, int R, int cap, int keep, int close)
{
	struct instance in = { name, people, K, R, cap, 6, 0, 0, 0 };
	int come = people / 100, n = 0;
	struct carousel_station *st = xcalloc((size_t)K, sizeof(*st));
	struct carousel_delegate *dl = xcalloc((size_t)people + come, sizeof(*dl));
	struct carousel_delegate *now = xcalloc((size_t)people + come, sizeof(*now));
	int *prev = xcalloc(((size_t)people + come) * R, sizeof(int));
	struct carousel_options opt = { .seed = 42, .time_limit = 10 };
	struct carousel_problem p = { .nstations = K,
				      .nrotations = R,
				      .ndelegates = people,
				      .stations = st,
				      .delegates = dl };
	struct carousel_result res, late;
	struct error err = { 0 };
	struct rng rng;
	int *choices, must = 0;

	rng_seed(&rng, 7);
	for (int s = 0; s < K; s++)
		st[s].capacity = cap;
	choices = make_choices(&in, &rng, dl, st);
	carousel_solve(&p, &opt, &res, &err);
	error_clear(&err);
	for (int d = 0; d < people; d++) {
		if (d % 50 == 49)
			continue;
		now[n] = dl[d];
		for (int r = 0; r < R; r++) {
			prev[(size_t)n * R + r] = res.plan[(size_t)d * R + r];
		}
		n++;
	}
	for (int d = n; d < n + come; d++) {
		now[d] = dl[d - n]; /* the choices of someone else */
		for (int r = 0; r < R; r++)
			prev[(size_t)d * R + r] = -1;
	}
	for (int d = 0; d < n; d++) {
		int there = 0;

		for (int r = keep; r < R; r++)
			there |= prev[(size_t)d * R + r] == close;
		must += there;
	}
	for (int r = keep; r < R; r++)
		st[close].skip |= 1ULL << r;
	p.ndelegates = n + come;
	p.delegates = now;
	p.previous = prev;
	p.keep_rotations = keep;
	carousel_solve(&p, &opt, &late, &err);
	printf("%-22s people=%d+%d-%d stations=%d rotations=%d kept=%d closed=%d hard=%ld "
	       "moved=%ld due_at_closed=%d steps=%ld seconds=%.3f%s%s\n",
	       name, people, come, people - n, K, R, keep, close + 1, late.score.hard,
	       late.score.people_moved, must, late.iterations, late.seconds,
	       err.msg ? " error: " : "", err.msg ? err.msg : "");
	carousel_result_done(&res);
	carousel_result_done(&late);
	error_clear(&err);
	free(choices);
	free(prev);
	free(now);
	free(st);
	free(dl);
}

int main(void)
{
	static const struct instance runs[] = {
		{ "ranked-tight", 2000, 12, 4, 167, 6, 0, 0, 0 },
		{ "ranked-tight-groups", 2000, 12, 4, 167, 6, 0, 0, 200 },
		{ "mandatory", 2000, 12, 4, 167, 6, 0, 1, 0 },
		{ "skip-rotations", 2000, 14, 4, 160, 6, 4, 0, 0 },
		{ "skip-rotations-tight", 2000, 13, 4, 167, 6, 4, 0, 0 },
		{ "skip-12-stations", 2000, 12, 4, 200, 6, 4, 0, 0 },
		{ "skip-12-stations-tight", 2000, 12, 4, 182, 6, 4, 0, 0 },
		{ "skip-12-mandatory", 2000, 12, 4, 190, 6, 4, 1, 0 },
		{ "large", 10000, 20, 6, 500, 8, 0, 0, 0 },
		{ "large-skip", 10000, 22, 6, 500, 8, 6, 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(runs); i++)
		run(&runs[i]);
	run_late("late-change", 2000, 12, 4, 200, 2, 3);
	run_late("late-change-tight", 2000, 12, 4, 180, 1, 3);
	run_late("late-change-large", 10000, 20, 6, 600, 3, 5);
	return 0;
}
