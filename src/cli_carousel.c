/* convene carousel: rotate N delegates through K stations over R rotations,
 * honouring ranked choices from a CSV as well as possible, and print the
 * plan and its quality as text or JSON. Stations and rotations are
 * numbered from 1 on the command line, in the CSV and in text output;
 * people are numbered from 0. */
#include "convene/carousel.h"
#include "convene/cli.h"
#include "convene/csvin.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PEOPLE 1000000L
#define MAX_STATIONS 10000L

struct carousel_args {
	long people, stations, rounds, capacity, seed;
	double time_limit;
	bool json;
	const char *prefs;
	const char *mandatory; /* "1,3" */
	char **skips;          /* "STATION:ROT[,ROT...]" */
	int nskips;
};

/* What the command builds from its arguments and the CSV. */
struct carousel_input {
	struct carousel_station *stations;
	struct carousel_delegate *delegates;
	int *choices;  /* people * stations */
	char **labels; /* people, or NULL when people are numbers */
};

static void carousel_usage(FILE *f)
{
	fputs("usage: convene carousel --people N --stations K --rounds R [--capacity C]\n"
	      "         [--prefs CSV] [--mandatory LIST] [--skip S:R[,R...]]...\n"
	      "         [--seed N] [--time-limit S] [--json]\n"
	      "Send N delegates, numbered from 0, round K stations in R timed rotations,\n"
	      "each at a different station in each rotation, at most C per station, and\n"
	      "honour their ranked choices as well as possible. Stations and rotations are\n"
	      "numbered from 1.\n"
	      "  --people N       number of delegates (0 to 1000000)\n"
	      "  --stations K     number of stations (1 to 10000)\n"
	      "  --rounds R       number of rotations (1 to 64; at most K)\n"
	      "  --capacity C     delegates per station per rotation (default: the least\n"
	      "                   that seats everyone, ceil(N/K) when nothing is skipped)\n"
	      "  --prefs CSV      ranked choices: a header with 'Person' (a number from 0,\n"
	      "                   or any label: then people are numbered in file order) and\n"
	      "                   'Choice 1', 'Choice 2', ... holding station numbers from 1;\n"
	      "                   empty cells are allowed; people missing from the file, or\n"
	      "                   everyone without --prefs, have no preference\n"
	      "  --mandatory LIST stations everyone must visit (expert-led), e.g. 1,4\n"
	      "  --skip S:R,...   station S does not run in rotations R,... (repeatable)\n"
	      "  --seed N         seed for the random choices (default 1)\n"
	      "  --time-limit S   stop searching after S seconds (default 10)\n"
	      "  --json           print one JSON document\n"
	      "  --help           show this help\n"
	      "Cost: a visit to the choice of rank k costs (k-1)^2, an unchosen station\n"
	      "K^2. Exit status 0 planned, 1 the constraints cannot be met, 2 bad input.\n",
	      f);
}

static int whole(const char *opt, const char *text, long lo, long max, long *out)
{
	if (parse_int(text, lo, max, out) == 0)
		return 0;
	fprintf(stderr, "convene carousel: %s: '%s' is not a whole number from %ld to %ld\n", opt,
		text, lo, max);
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
		"convene carousel: --time-limit: '%s' is not a number of seconds "
		"above 0 and at most 86400\n",
		text);
	return -1;
}

static int carousel_parse_one(int c, struct carousel_args *a)
{
	switch (c) {
	case 'p':
		return whole("--people", optarg, 0, MAX_PEOPLE, &a->people);
	case 'k':
		return whole("--stations", optarg, 1, MAX_STATIONS, &a->stations);
	case 'r':
		return whole("--rounds", optarg, 1, CAROUSEL_MAX_ROTATIONS, &a->rounds);
	case 'c':
		return whole("--capacity", optarg, 1, MAX_PEOPLE, &a->capacity);
	case 'S':
		return whole("--seed", optarg, 0, 2147483647L, &a->seed);
	case 'l':
		return seconds_arg(optarg, &a->time_limit);
	case 'f':
		a->prefs = optarg;
		return 0;
	case 'm':
		a->mandatory = optarg;
		return 0;
	case 'x':
		a->skips = xreallocarray(a->skips, (size_t)a->nskips + 1, sizeof(char *));
		a->skips[a->nskips++] = optarg;
		return 0;
	case 'j':
		a->json = true;
		return 0;
	default:
		fputs("Try 'convene carousel --help'.\n", stderr);
		return -1;
	}
}

static int carousel_check_args(int argc, char **argv, const struct carousel_args *a)
{
	if (optind < argc) {
		fprintf(stderr,
			"convene carousel: unexpected argument '%s'\n"
			"Try 'convene carousel --help'.\n",
			argv[optind]);
		return -1;
	}
	if (a->people < 0 || !a->stations || !a->rounds) {
		fputs("convene carousel: --people, --stations and --rounds are required\n"
		      "Try 'convene carousel --help'.\n",
		      stderr);
		return -1;
	}
	if (a->people * a->stations > 20000000L) {
		fprintf(stderr,
			"convene carousel: %ld people x %ld stations is too large "
			"(at most 20000000)\n",
			a->people, a->stations);
		return -1;
	}
	return 0;
}

/* 0 to run, 1 after --help, -1 on bad usage. */
static int carousel_parse(int argc, char **argv, struct carousel_args *a)
{
	static const struct option longopts[] = {
		{ "people", required_argument, NULL, 'p' },
		{ "stations", required_argument, NULL, 'k' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "capacity", required_argument, NULL, 'c' },
		{ "prefs", required_argument, NULL, 'f' },
		{ "mandatory", required_argument, NULL, 'm' },
		{ "skip", required_argument, NULL, 'x' },
		{ "seed", required_argument, NULL, 'S' },
		{ "time-limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*a = (struct carousel_args){ .people = -1, .seed = 1, .time_limit = 10 };
	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'h') {
			carousel_usage(stdout);
			return 1;
		}
		if (carousel_parse_one(c, a) < 0)
			return -1;
	}
	return carousel_check_args(argc, argv, a);
}

/* ---- stations: --mandatory, --skip, capacity -------------------------- */

/* Parse "a,b,c" of numbers 1..max; calls fn for each. -1 on a bad item. */
static int number_list(const char *opt, const char *text, long max, void (*fn)(void *ctx, long v),
		       void *ctx)
{
	char *copy = xstrdup(text), *save = NULL;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		long v;

		if (whole(opt, tok, 1, max, &v) < 0)
			rc = -1;
		else
			fn(ctx, v);
	}
	free(copy);
	return rc;
}

static void set_mandatory(void *ctx, long v)
{
	struct carousel_station *st = ctx;

	st[v - 1].mandatory = true;
}

static void set_skip(void *ctx, long v)
{
	struct carousel_station *st = ctx;

	st->skip |= 1ULL << (v - 1);
}

static int parse_skip(const struct carousel_args *a, const char *text, struct carousel_station *st)
{
	const char *colon = strchr(text, ':');
	char *head;
	long s;
	int rc;

	if (!colon) {
		fprintf(stderr,
			"convene carousel: --skip: '%s' is not STATION:ROTATION[,ROTATION...]\n",
			text);
		return -1;
	}
	head = xstrndup(text, (size_t)(colon - text));
	rc = whole("--skip", head, 1, a->stations, &s);
	free(head);
	if (rc == 0)
		rc = number_list("--skip", colon + 1, a->rounds, set_skip, &st[s - 1]);
	return rc;
}

/* The least capacity with enough seats in each rotation and at each mandatory station. */
static long default_capacity(const struct carousel_args *a, const struct carousel_station *st)
{
	long cap = 1;

	for (long r = 0; r < a->rounds; r++) {
		long open = 0;

		for (long s = 0; s < a->stations; s++)
			open += !(st[s].skip >> r & 1);
		if (open > 0 && (a->people + open - 1) / open > cap)
			cap = (a->people + open - 1) / open;
	}
	for (long s = 0; s < a->stations; s++) {
		long open = 0;

		for (long r = 0; r < a->rounds; r++)
			open += !(st[s].skip >> r & 1);
		if (st[s].mandatory && open > 0 && (a->people + open - 1) / open > cap)
			cap = (a->people + open - 1) / open;
	}
	return cap;
}

static int build_stations(const struct carousel_args *a, struct carousel_input *in)
{
	in->stations = xcalloc((size_t)a->stations, sizeof(*in->stations));
	if (a->mandatory &&
	    number_list("--mandatory", a->mandatory, a->stations, set_mandatory, in->stations) < 0)
		return -1;
	for (int i = 0; i < a->nskips; i++)
		if (parse_skip(a, a->skips[i], in->stations) < 0)
			return -1;
	for (long s = 0; s < a->stations; s++)
		in->stations[s].capacity = (int)(a->capacity ? a->capacity
							     : default_capacity(a, in->stations));
	return 0;
}

/* ---- preferences from the CSV ----------------------------------------- */

/* Choice columns in rank order: cols[k-1] for "Choice k", -1 if absent. */
static int choice_columns(const struct csv_table *t, int *cols, int max)
{
	int n = 0;

	for (int k = 0; k < max; k++)
		cols[k] = -1;
	for (int i = 0; i < t->ncols; i++) {
		char *h = csvin_normalise(xstrdup(t->header[i]));
		long k;

		if (strncmp(h, "choice", 6) == 0 && parse_int(h + 6, 1, max, &k) == 0) {
			cols[k - 1] = i;
			n = (int)k > n ? (int)k : n;
		}
		free(h);
	}
	return n;
}

/* Whether every Person cell is a distinct-looking number 0..N-1. */
static bool persons_are_numbers(const struct csv_table *t, int col, long people)
{
	long v;

	if (col < 0)
		return false;
	for (int i = 0; i < t->nrows; i++)
		if (parse_int(t->rows[i].fields[col], 0, people - 1, &v) != 0)
			return false;
	return true;
}

static enum status row_choices(const struct carousel_args *a, const struct csv_table *t,
			       const struct csv_row *row, const int *cols, int ncols,
			       struct carousel_delegate *dl, int *c, struct error *err)
{

	for (int k = 0; k < ncols; k++) {
		const char *cell = cols[k] >= 0 ? row->fields[cols[k]] : "";
		long s;

		if (!*cell)
			continue;
		if (parse_int(cell, 1, a->stations, &s) != 0)
			return error_set(err, ST_INPUT,
					 "%s: line %d, column '%s': '%s' is not a "
					 "station number from 1 to %ld",
					 t->path, row->line, t->header[cols[k]], cell, a->stations);
		for (int i = 0; i < dl->nchoices; i++)
			if (c[i] == s - 1)
				return error_set(err, ST_INPUT,
						 "%s: line %d, column '%s': station %ld "
						 "is already an earlier choice",
						 t->path, row->line, t->header[cols[k]], s);
		c[dl->nchoices++] = (int)s - 1;
	}
	return ST_OK;
}

static enum status row_person(const struct carousel_args *a, const struct csv_table *t, int i,
			      int pcol, bool numbers, struct carousel_input *in, int *owner,
			      long *who, struct error *err)
{
	const struct csv_row *row = &t->rows[i];
	long d = i;

	if (numbers)
		parse_int(row->fields[pcol], 0, a->people - 1, &d);
	else if (i >= a->people)
		return error_set(err, ST_INPUT, "%s: line %d: more people than --people %ld",
				 t->path, row->line, a->people);
	if (owner[d] >= 0)
		return error_set(err, ST_INPUT,
				 "%s: line %d, column '%s': person %ld already "
				 "appears on line %d",
				 t->path, row->line, t->header[pcol], d, t->rows[owner[d]].line);
	owner[d] = i;
	*who = d;
	if (!numbers && pcol >= 0)
		in->labels[d] = xstrdup(row->fields[pcol]);
	return ST_OK;
}

static enum status read_table(const struct carousel_args *a, const struct csv_table *t,
			      struct carousel_input *in, struct error *err)
{
	static const char *const person[] = { "person", NULL };
	int pcol = csvin_column(t, person), *cols = xcalloc((size_t)a->stations + 1, sizeof(int));
	int ncols = choice_columns(t, cols, (int)a->stations);
	int *owner = xreallocarray(NULL, (size_t)a->people + 1, sizeof(int));
	bool numbers = persons_are_numbers(t, pcol, a->people);
	enum status st = ST_OK;

	if (ncols == 0)
		st = error_set(err, ST_INPUT,
			       "%s: line 1: no 'Choice 1' column (choices are "
			       "columns 'Choice 1', 'Choice 2', ...)",
			       t->path);
	if (!numbers)
		in->labels = xcalloc((size_t)a->people + 1, sizeof(char *));
	for (long d = 0; d < a->people; d++)
		owner[d] = -1;
	for (int i = 0; i < t->nrows && st == ST_OK; i++) {
		long d = 0;

		st = row_person(a, t, i, pcol, numbers, in, owner, &d, err);
		if (st == ST_OK)
			st = row_choices(a, t, &t->rows[i], cols, ncols, &in->delegates[d],
					 in->choices + d * a->stations, err);
	}
	free(cols);
	free(owner);
	return st;
}

static enum status read_prefs(const struct carousel_args *a, struct carousel_input *in,
			      struct error *err)
{
	struct csv_table t;
	enum status st = csvin_read(a->prefs, &t, err);

	if (st != ST_OK)
		return st;
	st = read_table(a, &t, in, err);
	csvin_done(&t);
	return st;
}

static enum status build_input(const struct carousel_args *a, struct carousel_input *in,
			       struct error *err)
{
	memset(in, 0, sizeof(*in));
	if (build_stations(a, in) < 0)
		return ST_INPUT;
	in->delegates = xcalloc((size_t)a->people + 1, sizeof(*in->delegates));
	in->choices = xcalloc((size_t)a->people * a->stations + 1, sizeof(int));
	for (long d = 0; d < a->people; d++)
		in->delegates[d] = (struct carousel_delegate){ 0, in->choices + d * a->stations,
							       -1 };
	return a->prefs ? read_prefs(a, in, err) : ST_OK;
}

static void input_done(const struct carousel_args *a, struct carousel_input *in)
{
	for (long d = 0; in->labels && d < a->people; d++)
		free(in->labels[d]);
	free(in->labels);
	free(in->stations);
	free(in->delegates);
	free(in->choices);
}

/* ---- output ------------------------------------------------------------ */

/* People of rotation r grouped by station: start[s]..start[s+1] in who. */
static void rotation_lists(const struct carousel_result *res, int K, int r, int *start, int *who)
{
	int R = res->nrotations;

	memset(start, 0, sizeof(int) * ((size_t)K + 2));
	for (int d = 0; d < res->ndelegates; d++) {
		int s = res->plan[(size_t)d * R + r];

		if (s >= 0)
			start[s + 2]++;
	}
	for (int s = 0; s < K; s++)
		start[s + 2] += start[s + 1];
	for (int d = 0; d < res->ndelegates; d++) {
		int s = res->plan[(size_t)d * R + r];

		if (s >= 0)
			who[start[s + 1]++] = d;
	}
}

static void print_rotation(const struct carousel_input *in, const struct carousel_result *res,
			   int K, int r, struct str *out, int *start, int *who)
{
	rotation_lists(res, K, r, start, who);
	str_catf(out, "rotation %d\n", r + 1);
	for (int s = 0; s < K; s++) {
		str_catf(out, "  station %d (%d):", s + 1, start[s + 1] - start[s]);
		for (int i = start[s]; i < start[s + 1]; i++) {
			if (in->labels && in->labels[who[i]])
				str_catf(out, " %s", in->labels[who[i]]);
			else
				str_catf(out, " %d", who[i]);
		}
		str_cat(out, "\n");
	}
}

static void print_text(const struct carousel_args *a, const struct carousel_input *in,
		       const struct carousel_result *res)
{
	int K = (int)a->stations, *start = xcalloc((size_t)K + 2, sizeof(int));
	int *who = xcalloc((size_t)a->people + 1, sizeof(int));
	struct str out;

	str_init(&out);
	str_catf(&out, "%ld people, %ld stations, %ld rotations, capacity %d\n", a->people,
		 a->stations, a->rounds, K ? in->stations[0].capacity : 0);
	for (int r = 0; r < res->nrotations; r++)
		print_rotation(in, res, K, r, &out, start, who);
	str_catf(&out,
		 "cost: %lld\nlower_bound: %lld\noptimal: %s\nunmet: %ld\n"
		 "over_capacity: %ld\nimbalance: %ld\nseconds: %.3f\nmethod: %s\n",
		 res->score.cost, res->lower_bound, res->optimal ? "true" : "false",
		 res->score.unmet, res->score.over_capacity, res->score.imbalance, res->seconds,
		 res->method);
	safe_write(stdout, out.buf ? out.buf : "", out.len);
	str_done(&out);
	free(start);
	free(who);
}

static json_t *json_rotations(const struct carousel_result *res, int K, int people)
{
	int *start = xcalloc((size_t)K + 2, sizeof(int)),
	    *who = xcalloc((size_t)people + 1, sizeof(int));
	json_t *rots = json_array();

	for (int r = 0; r < res->nrotations; r++) {
		json_t *rot = json_array();

		rotation_lists(res, K, r, start, who);
		for (int s = 0; s < K; s++) {
			json_t *st = json_array();

			for (int i = start[s]; i < start[s + 1]; i++)
				json_array_append_new(st, json_integer(who[i]));
			json_array_append_new(rot, st);
		}
		json_array_append_new(rots, rot);
	}
	free(start);
	free(who);
	return rots;
}

static void print_json(const struct carousel_args *a, const struct carousel_input *in,
		       const struct carousel_result *res)
{
	json_t *o = json_object();

	json_object_set_new(o, "people", json_integer(a->people));
	json_object_set_new(o, "stations", json_integer(a->stations));
	json_object_set_new(o, "rounds", json_integer(a->rounds));
	json_object_set_new(o, "capacity", json_integer(in->stations[0].capacity));
	json_object_set_new(o, "seed", json_integer(a->seed));
	json_object_set_new(o, "cost", json_integer(res->score.cost));
	json_object_set_new(o, "lower_bound", json_integer(res->lower_bound));
	json_object_set_new(o, "optimal", json_boolean(res->optimal));
	json_object_set_new(o, "feasible", json_boolean(res->feasible));
	json_object_set_new(o, "unmet", json_integer(res->score.unmet));
	json_object_set_new(o, "over_capacity", json_integer(res->score.over_capacity));
	json_object_set_new(o, "closed_visits", json_integer(res->score.closed_visits));
	json_object_set_new(o, "missed_mandatory", json_integer(res->score.missed_mandatory));
	json_object_set_new(o, "imbalance", json_integer(res->score.imbalance));
	json_object_set_new(o, "seconds", json_real(res->seconds));
	json_object_set_new(o, "method", json_string(res->method));
	json_object_set_new(o, "rotations", json_rotations(res, (int)a->stations, (int)a->people));
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(o);
}

/* With one capacity and nothing skipped, say the shortfall in the user's terms. */
static bool seats_too_few(const struct carousel_args *a)
{
	if (a->nskips || !a->capacity || a->stations * a->capacity >= a->people)
		return false;
	fprintf(stderr,
		"convene carousel: %ld people but %ld stations of %ld seats hold only "
		"%ld per rotation: at most %ld people, or --capacity %ld\n",
		a->people, a->stations, a->capacity, a->stations * a->capacity,
		a->stations * a->capacity, (a->people + a->stations - 1) / a->stations);
	return true;
}

static int run(const struct carousel_args *a, struct carousel_input *in)
{
	struct carousel_problem pb = { .nstations = (int)a->stations,
				       .nrotations = (int)a->rounds,
				       .ndelegates = (int)a->people,
				       .stations = in->stations,
				       .delegates = in->delegates };
	struct carousel_options opt = { .seed = (uint64_t)a->seed, .time_limit = a->time_limit };
	struct carousel_result res;
	struct error err = { 0 };
	enum status st;

	if (seats_too_few(a))
		return 1;
	st = carousel_solve(&pb, &opt, &res, &err);
	if (strcmp(res.method, "none") != 0 && st != ST_INPUT) {
		if (a->json)
			print_json(a, in, &res);
		else
			print_text(a, in, &res);
	}
	if (st != ST_OK)
		safe_printf(stderr, "convene carousel: %s\n", err.msg ? err.msg : "failed");
	carousel_result_done(&res);
	error_clear(&err);
	return st == ST_OK ? 0 : st == ST_PROBLEM ? 1 : 2;
}

/* convene carousel: parse, read the preferences, solve, print. */
int cli_carousel(int argc, char **argv)
{
	struct carousel_args a;
	struct carousel_input in;
	struct error err = { 0 };
	int rc = carousel_parse(argc, argv, &a);

	if (rc != 0) {
		free(a.skips);
		return rc > 0 ? 0 : 2;
	}
	if (build_input(&a, &in, &err) != ST_OK) {
		if (err.msg)
			safe_printf(stderr, "convene carousel: %s\n", err.msg);
		rc = 2;
	} else {
		rc = run(&a, &in);
	}
	input_done(&a, &in);
	error_clear(&err);
	free(a.skips);
	return rc;
}
