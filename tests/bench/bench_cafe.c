/* Benchmark of the World Cafe solver: every shape of the best-known table
 * (data/designs/best-known.txt) at its best-known number of rounds, then
 * a few more golfer instances and two conferences. The table has one line
 * per shape: the most rounds known without a repeat, convene's repeats
 * (the worst of several seeds) and its seconds (the slowest). The other
 * lines: repeats, most meetings of a pair, same-organisation pairs at a
 * table, seconds, peak resident memory. */
#include "convene/cafe.h"
#include "convene/catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void report(const char *name, const struct cafe_plan *plan, enum status st,
		   const struct error *err)
{
	printf("%-34s repeats=%-4ld bound=%-3ld fewest=%-3ld max_meetings=%d same_org=%-3ld mix=%-6ld hard=%ld seconds=%.3f peak_rss=%ldMB method=%s%s%s\n",
	       name, plan->score.repeats, plan->repeats_lower_bound, plan->repeats_fewest,
	       plan->score.max_meetings, plan->score.same_org, plan->score.mix_penalty,
	       cafe_score_hard(&plan->score), plan->seconds, peak_rss_kb() / 1024,
	       plan->method ? plan->method : "-", st != ST_OK ? " error: " : "",
	       st != ST_OK && err->msg ? err->msg : "");
	fflush(stdout);
}

static const struct design_catalogue *designs;

/* One shape of the best-known table over seeds 1 .. seeds. */
static void known_cell(const struct catalogue_known *k, int seeds, double limit)
{
	struct cafe_table *t = calloc(k->tables, sizeof(*t));
	struct cafe_problem pb = { .npeople = k->tables * k->size,
				   .ntables = k->tables,
				   .tables = t,
				   .rounds = k->rounds };
	long worst = 0;
	double slowest = 0;
	char *method = NULL, cell[32];

	for (int i = 0; i < k->tables; i++)
		t[i] = (struct cafe_table){ .seats = k->size, .host = CAFE_NONE };
	for (int seed = 1; seed <= seeds; seed++) {
		struct cafe_options opt;
		struct cafe_plan plan;

		cafe_options_init(&opt);
		opt.seed = (uint64_t)seed;
		opt.time_limit = limit;
		opt.designs = designs;
		if (cafe_solve(&pb, &opt, &plan, NULL) == ST_OK || plan.seat) {
			worst = plan.score.repeats > worst ? plan.score.repeats : worst;
			slowest = plan.seconds > slowest ? plan.seconds : slowest;
			if (!method)
				method = xstrdup(plan.method);
		}
		cafe_plan_done(&plan);
	}
	snprintf(cell, sizeof(cell), "%d tables of %d", k->tables, k->size);
	printf("%-16s %6d %8ld %8.3f  %s\n", cell, k->rounds, worst, slowest, method ? method : "-");
	fflush(stdout);
	free(method);
	free(t);
}

static void known_table(int seeds, double limit)
{
	struct catalogue_known *rows = NULL;
	struct error err = { 0 };
	char *path = catalogue_path(), *known = path ? catalogue_known_path(path) : NULL;
	int n = 0;

	if (!known || catalogue_known_load(known, &rows, &n, &err) != ST_OK) {
		printf("best-known table: not read: %s\n", err.msg ? err.msg : "no catalogue");
		error_clear(&err);
		free(path);
		free(known);
		return;
	}
	printf("%-16s %6s %8s %8s  %s\n", "cell", "rounds", "repeats", "seconds", "method");
	for (int i = 0; i < n; i++)
		known_cell(&rows[i], seeds, limit);
	printf("(rounds: the most known without a repeat; repeats: convene's worst of %d seeds, "
	       "%.0f s each at most; seconds: the slowest)\n\n",
	       seeds, limit);
	catalogue_known_free(rows, n);
	free(path);
	free(known);
}

static void golfer(int tables, int size, int rounds, double limit)
{
	struct cafe_table *t = calloc(tables, sizeof(*t));
	struct cafe_problem pb = { .npeople = tables * size,
				   .ntables = tables,
				   .tables = t,
				   .rounds = rounds };
	struct cafe_options opt;
	struct cafe_plan plan;
	struct error err = { 0 };
	enum status st;
	char name[64];
	int i;

	for (i = 0; i < tables; i++)
		t[i] = (struct cafe_table){ .seats = size, .host = CAFE_NONE };
	cafe_options_init(&opt);
	opt.time_limit = limit;
	opt.designs = designs;
	st = cafe_solve(&pb, &opt, &plan, &err);
	snprintf(name, sizeof(name), "golfer %dx%d, %d rounds", tables, size, rounds);
	report(name, &plan, st, &err);
	cafe_plan_done(&plan);
	error_clear(&err);
	free(t);
}

/* Organisation sizes skewed: a few big ones, many small ones. */
static void conference(int people, int orgs, int hosts, double limit)
{
	struct cafe_person *p = calloc(people, sizeof(*p));
	int ntables = (people + 7) / 8, i;
	struct cafe_table *t = calloc(ntables, sizeof(*t));
	struct cafe_problem pb = { .npeople = people,
				   .people = p,
				   .ntables = ntables,
				   .tables = t,
				   .rounds = 4 };
	struct cafe_options opt;
	struct cafe_plan plan;
	struct error err = { 0 };
	struct rng rng;
	enum status st;
	char name[64];

	rng_seed(&rng, 42);
	for (i = 0; i < people; i++) {
		double u = rng_unit(&rng);

		p[i].org = (int)(orgs * u * u);
		p[i].org_type = p[i].org % 4;
		p[i].role = (int)rng_below(&rng, 3);
		p[i].step_free = rng_below(&rng, 50) == 0;
	}
	for (i = 0; i < ntables; i++)
		t[i] = (struct cafe_table){ .seats = 8,
					    .step_free = i % 10 == 0,
					    .host = i < hosts ? i : CAFE_NONE };
	for (i = 0; i < hosts; i++)
		p[i].step_free = false;
	cafe_options_init(&opt);
	opt.time_limit = limit;
	opt.designs = designs;
	st = cafe_solve(&pb, &opt, &plan, &err);
	snprintf(name, sizeof(name), "conference %d people, %d orgs", people, orgs);
	report(name, &plan, st, &err);
	cafe_plan_done(&plan);
	error_clear(&err);
	free(p);
	free(t);
}

int main(int argc, char **argv)
{
	double stretch = argc > 1 ? atof(argv[1]) : 10;
	struct design_catalogue cat;
	struct error err = { 0 };

	if (catalogue_load_default(&cat, &err) != ST_OK) {
		printf("design catalogue: not read: %s\n", err.msg);
		error_clear(&err);
	}
	designs = &cat;
	known_table(5, 1);
	golfer(8, 4, 9, 1);
	golfer(5, 5, 6, 1);
	golfer(10, 10, 3, 1);
	golfer(6, 6, 3, 1);
	golfer(7, 3, 10, 1);
	golfer(8, 4, 10, stretch);
	conference(1000, 200, 20, 1);
	conference(10000, 2000, 20, 10);
	design_catalogue_done(&cat);
	return 0;
}
