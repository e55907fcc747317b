/* Benchmark of the carousel solver: one line per instance with people,
 * stations, rotations, cost, unmet, over_capacity, optimal flag, seconds. */
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
	struct carousel_problem p = { in->stations, in->rotations, in->people, st, dl };
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
	return 0;
}
