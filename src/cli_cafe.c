/* convene cafe: seat T * S anonymous people at T tables of S over R
 * rounds and print the plan and its quality, as text or JSON. */
#include "convene/cafe.h"
#include "convene/catalogue.h"
#include "convene/cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PEOPLE 1000000

struct cafe_args {
	long tables, size, rounds, seed;
	double time_limit;
	bool json;
};

static void cafe_usage(FILE *f)
{
	fputs("usage: convene cafe --tables T --size S --rounds R [--seed N] [--time-limit S] [--json]\n"
	      "Seat T * S people, numbered from 0, at T tables of S seats for R rounds so\n"
	      "that no two share a table twice; print the plan and how good it is.\n"
	      "  --tables T      number of tables (1 to 100000)\n"
	      "  --size S        seats per table (1 to 1000)\n"
	      "  --rounds R      number of rounds (1 to 64)\n"
	      "  --seed N        seed for the random choices (default 1)\n"
	      "  --time-limit S  stop searching after S seconds (default 10)\n"
	      "  --json          print one JSON document\n"
	      "  --help          show this help\n",
	      f);
}

static int whole(const char *opt, const char *text, long max, long *out)
{
	long lo = strcmp(opt, "--seed") == 0 ? 0 : 1;

	if (parse_int(text, lo, max, out) == 0)
		return 0;
	fprintf(stderr, "convene cafe: %s: '%s' is not a whole number from %ld to %ld\n", opt, text,
		lo, max);
	return -1;
}

static int seconds_arg(const char *text, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (end != text && *end == '\0' && !errno && isfinite(v) && v > 0 && v <= 86400) {
		*out = v;
		return 0;
	}
	fprintf(stderr,
		"convene cafe: --time-limit: '%s' is not a number of seconds above 0 and at most 86400\n",
		text);
	return -1;
}

static int cafe_parse_one(int c, struct cafe_args *a)
{
	switch (c) {
	case 't':
		return whole("--tables", optarg, 100000, &a->tables);
	case 's':
		return whole("--size", optarg, 1000, &a->size);
	case 'r':
		return whole("--rounds", optarg, CAFE_MAX_ROUNDS, &a->rounds);
	case 'S':
		return whole("--seed", optarg, 2147483647L, &a->seed);
	case 'l':
		return seconds_arg(optarg, &a->time_limit);
	case 'j':
		a->json = true;
		return 0;
	default:
		fputs("Try 'convene cafe --help'.\n", stderr);
		return -1;
	}
}

/* 0 to run, 1 after --help, -1 on bad usage. */
static int cafe_parse(int argc, char **argv, struct cafe_args *a)
{
	static const struct option longopts[] = {
		{ "tables", required_argument, NULL, 't' },
		{ "size", required_argument, NULL, 's' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 'S' },
		{ "time-limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*a = (struct cafe_args){ .seed = 1, .time_limit = 10 };
	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'h') {
			cafe_usage(stdout);
			return 1;
		}
		if (cafe_parse_one(c, a) < 0)
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr,
			"convene cafe: unexpected argument '%s'\nTry 'convene cafe --help'.\n",
			argv[optind]);
		return -1;
	}
	if (!a->tables || !a->size || !a->rounds) {
		fputs("convene cafe: --tables, --size and --rounds are required\nTry 'convene cafe --help'.\n",
		      stderr);
		return -1;
	}
	if (a->tables * a->size > MAX_PEOPLE) {
		fprintf(stderr, "convene cafe: %ld tables of %ld is more than %d people\n",
			a->tables, a->size, MAX_PEOPLE);
		return -1;
	}
	return 0;
}

/* Person numbers at each table of round r, in table order. */
static void cafe_round_lists(const struct cafe_plan *plan, int r, struct str *lines, bool json,
			     json_t *round)
{
	int t, p;

	for (t = 0; t < plan->ntables; t++) {
		json_t *table = json ? json_array() : NULL;

		if (!json)
			str_catf(lines, "  table %d:", t + 1);
		for (p = 0; p < plan->npeople; p++) {
			if (plan->seat[(size_t)r * plan->npeople + p] != t)
				continue;
			if (json)
				json_array_append_new(table, json_integer(p));
			else
				str_catf(lines, " %d", p);
		}
		if (json)
			json_array_append_new(round, table);
		else
			str_cat(lines, "\n");
	}
}

static void cafe_print_text(const struct cafe_args *a, const struct cafe_plan *plan)
{
	struct str out;
	int r;

	str_init(&out);
	str_catf(&out, "%ld people at %ld tables of %ld, %ld rounds\n", a->tables * a->size,
		 a->tables, a->size, a->rounds);
	for (r = 0; r < plan->rounds; r++) {
		str_catf(&out, "round %d\n", r + 1);
		cafe_round_lists(plan, r, &out, false, NULL);
	}
	str_catf(&out, "repeats: %ld\nmax_meetings: %d\nseconds: %.3f\nmethod: %s\n",
		 plan->score.repeats, plan->score.max_meetings, plan->seconds, plan->method);
	fputs(out.buf ? out.buf : "", stdout);
	str_done(&out);
}

static void cafe_print_json(const struct cafe_args *a, const struct cafe_plan *plan)
{
	json_t *root = json_object(), *rounds = json_array();
	int r;

	for (r = 0; r < plan->rounds; r++) {
		json_t *round = json_array();

		cafe_round_lists(plan, r, NULL, true, round);
		json_array_append_new(rounds, round);
	}
	json_object_set_new(root, "people", json_integer(a->tables * a->size));
	json_object_set_new(root, "tables", json_integer(a->tables));
	json_object_set_new(root, "size", json_integer(a->size));
	json_object_set_new(root, "seed", json_integer(a->seed));
	json_object_set_new(root, "repeats", json_integer(plan->score.repeats));
	json_object_set_new(root, "max_meetings", json_integer(plan->score.max_meetings));
	json_object_set_new(root, "pair_penalty", json_integer(plan->score.pair_penalty));
	json_object_set_new(root, "repeats_lower_bound", json_integer(plan->repeats_lower_bound));
	json_object_set_new(root, "repeats_fewest", json_integer(plan->repeats_fewest));
	json_object_set_new(root, "mixed_rounds", json_integer(plan->mixed_rounds));
	json_object_set_new(root, "seconds", json_real(plan->seconds));
	json_object_set_new(root, "method", json_string(plan->method));
	json_object_set_new(root, "rounds", rounds);
	json_dumpf(root, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(root);
}

/* Why zero repeats is impossible when people simply run out of others to
 * meet; cafe_plan_words says the rest. */
static void cafe_note_bound(const struct cafe_args *a, long bound)
{
	long met = a->rounds * (a->size - 1), others = a->tables * a->size - 1;

	if (bound > 0 && met > others)
		fprintf(stderr,
			"convene cafe: note: zero repeats is impossible: each person meets %ld people over %ld rounds but there are only %ld others\n",
			met, a->rounds, others);
}

int cli_cafe(int argc, char **argv)
{
	struct cafe_args a;
	struct cafe_table *tables;
	struct cafe_problem pb;
	struct cafe_options opt;
	struct cafe_plan plan;
	struct design_catalogue cat;
	struct error err = { 0 };
	enum status st;
	long t;
	int rc = cafe_parse(argc, argv, &a);

	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (catalogue_load_default(&cat, &err) != ST_OK) {
		fprintf(stderr, "convene cafe: %s\n", err.msg);
		error_clear(&err);
		return 2;
	}
	tables = xcalloc(a.tables, sizeof(*tables));
	for (t = 0; t < a.tables; t++)
		tables[t] = (struct cafe_table){ .seats = (int)a.size, .host = CAFE_NONE };
	pb = (struct cafe_problem){ .npeople = (int)(a.tables * a.size),
				    .ntables = (int)a.tables,
				    .tables = tables,
				    .rounds = (int)a.rounds };
	cafe_options_init(&opt);
	opt.seed = (uint64_t)a.seed;
	opt.time_limit = a.time_limit;
	opt.designs = &cat;
	st = cafe_solve(&pb, &opt, &plan, &err);
	if (plan.seat) {
		char *words = cafe_plan_words(&pb, &plan);

		cafe_note_bound(&a, plan.repeats_lower_bound);
		if (words)
			fprintf(stderr, "convene cafe: note: %s\n", words);
		free(words);
		if (a.json)
			cafe_print_json(&a, &plan);
		else
			cafe_print_text(&a, &plan);
	}
	if (st != ST_OK)
		fprintf(stderr, "convene cafe: %s\n", err.msg ? err.msg : "failed");
	cafe_plan_done(&plan);
	design_catalogue_done(&cat);
	error_clear(&err);
	free(tables);
	return st == ST_OK ? 0 : st == ST_PROBLEM ? 1 : 2;
}
