/* convene solve: run the solvers on a conference file and store all they
 * find as one edit (plan_solve). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/cli.h"
#include "convene/fair.h"
#include "convene/plan.h"
#include "convene/settings.h"

static const char usage[] =
	"usage: convene solve FILE [timetable|breakouts|cafe[=SESSION]|carousel[=SESSION]]...\n"
	"                     [--seed N] [--time-limit S] [--from-round K] [--fill]\n"
	"                     [--objective total|greedy|generous] [--compare] [--json]\n"
	"Place the programme, allocate breakouts, rotate carousels and seat World Cafes,\n"
	"storing what they find in FILE as one edit (undo takes it back whole); with no\n"
	"target, all of them in that order. The file is not held while they search: an\n"
	"edit another organiser makes meanwhile is kept, and they plan again around it.\n"
	"  --seed N        seed of the random choices (default: solver.seed, 1)\n"
	"  --time-limit S  seconds each solver may run (default: solver.time_limit, 10)\n"
	"  --from-round K  a late change to cafes and carousels: keep the rounds or\n"
	"                  rotations before K as they are, and later ones as close to\n"
	"                  what people hold as the change allows (also --from-rotation)\n"
	"  --fill          breakouts: also give delegates sessions they did not choose\n"
	"  --objective O   breakouts: total (least sum of rank costs), greedy (most first\n"
	"                  choices, then second...), generous (fewest last choices, then\n"
	"                  next-to-last...) (default: allocation.objective, total)\n"
	"  --compare       breakouts: each objective's rank profile side by side; stores nothing\n"
	"  --json          print one JSON document: hard, soft and each run\n"
	"Exit status 1 when a hard constraint cannot be met (nothing is stored for it).\n";

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* On a terminal: the solver's progress on one line; Ctrl-C stops the
 * search and keeps the best plan found so far. */
static int show_progress(const char *code, double seconds, long long best, void *arg)
{
	(void)arg;
	fprintf(stderr, "\r%s: %.1f s, best cost %lld%s   ", code, seconds, best,
		interrupted ? " (stopping)" : " (Ctrl-C keeps the best so far)");
	return interrupted;
}

static int parse_target(const char *arg, struct plan_target *t)
{
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);

	if (!eq && strcmp(arg, "timetable") == 0)
		t->kind = PLAN_TIMETABLE;
	else if (!eq && strcmp(arg, "breakouts") == 0)
		t->kind = PLAN_BREAKOUTS;
	else if (n == 4 && strncmp(arg, "cafe", 4) == 0)
		t->kind = PLAN_CAFE;
	else if (n == 8 && strncmp(arg, "carousel", 8) == 0)
		t->kind = PLAN_CAROUSEL;
	else
		return -1;
	t->code = eq && eq[1] ? eq + 1 : NULL;
	return 0;
}

static int read_defaults(struct plan_options *opt)
{
	struct settings *cfg = settings_new();
	char *path = settings_default_path();
	struct error err = { 0 };
	struct str warn;
	int rc = 0;

	str_init(&warn);
	if (settings_read(cfg, path, 1, &warn, &err)) {
		safe_printf(stderr, "convene solve: %s\n", err.msg);
		error_clear(&err);
		rc = 2;
	}
	safe_printf(stderr, "%s", warn.buf ? warn.buf : "");
	plan_options_from_settings(opt, cfg);
	str_done(&warn);
	free(path);
	settings_free(cfg);
	return rc;
}

static int parse_options(int argc, char **argv, struct plan_options *opt, int *json, int *compare)
{
	static const struct option longs[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "time-limit", required_argument, NULL, 't' },
		{ "from-round", required_argument, NULL, 'f' },
		{ "from-rotation", required_argument, NULL, 'f' },
		{ "fill", no_argument, NULL, 'F' },
		{ "objective", required_argument, NULL, 'o' },
		{ "compare", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	long v;
	char *end;

	optind = 0;
	while ((c = getopt_long(argc, argv, "s:t:f:Fo:cjh", longs, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_int(optarg, 0, 2147483647L, &v) != 0)
				return fprintf(stderr,
					       "convene solve: --seed: '%s' is not a whole "
					       "number from 0\n",
					       optarg),
				       2;
			opt->seed = (uint64_t)v;
			break;
		case 't':
			errno = 0;
			opt->time_limit = strtod(optarg, &end);
			if (*end || errno || !isfinite(opt->time_limit) || opt->time_limit <= 0)
				return fprintf(stderr,
					       "convene solve: --time-limit: '%s' is not a "
					       "number of seconds above 0\n",
					       optarg),
				       2;
			break;
		case 'f':
			if (parse_int(optarg, 1, 64, &v) != 0)
				return fprintf(stderr,
					       "convene solve: --from-round: '%s' is not a "
					       "round from 1 to 64\n",
					       optarg),
				       2;
			opt->from_round = (int)v;
			break;
		case 'F':
			opt->fill = 1;
			break;
		case 'o':
			if ((opt->objective = alloc_objective_parse(optarg)) < 0)
				return fprintf(stderr,
					       "convene solve: --objective: '%s' is not total, "
					       "greedy or generous\n",
					       optarg),
				       2;
			break;
		case 'c':
			*compare = 1;
			break;
		case 'j':
			*json = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	return 0;
}

static void print_log(const struct plan_log *log, int json, double seconds)
{
	if (json) {
		json_t *doc = json_pack("{s:I,s:I,s:O,s:f}", "hard", (json_int_t)log->hard, "soft",
					(json_int_t)log->soft, "runs", log->runs, "seconds",
					seconds);
		char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		safe_printf(stdout, "%s\n", text);
		free(text);
		json_decref(doc);
		return;
	}
	safe_printf(stdout, "%s", log->text.buf ? log->text.buf : "nothing to solve\n");
}

/* convene solve FILE breakouts --compare: every objective's profile. */
static int compare_objectives(const char *path, const struct plan_options *opt, int json)
{
	struct error err = { 0 };
	struct str text;
	json_t *runs = NULL;
	struct db *db;
	enum status st;

	if (cli_open_doc("solve", path, DB_READONLY, NULL, &db))
		return 2;
	str_init(&text);
	st = fair_compare(db, opt, &text, &runs, &err);
	if (st) {
		fprintf(stderr, "convene solve: %s\n", err.msg ? err.msg : "failed");
		error_clear(&err);
	} else if (json) {
		json_t *doc = json_pack("{s:O}", "compare", runs);
		char *out = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		printf("%s\n", out);
		free(out);
		json_decref(doc);
	} else {
		fputs(text.buf ? text.buf : "", stdout);
	}
	json_decref(runs);
	str_done(&text);
	db_close(db);
	return st ? 2 : 0;
}

int cli_solve(int argc, char **argv)
{
	struct plan_options opt = { 0 };
	struct plan_target targets[16];
	int ntargets = 0, json = 0, compare = 0, rc = read_defaults(&opt), worst = 0;
	enum status st;
	struct error err = { 0 };
	struct plan_log log;
	struct db *db;
	double t0 = now_seconds();

	if (rc)
		return rc;
	if ((rc = parse_options(argc, argv, &opt, &json, &compare)))
		return rc < 0 ? 0 : rc;
	if (optind >= argc)
		return fputs(usage, stderr), 2;
	for (int i = optind + 1; i < argc; i++) {
		if (ntargets == (int)ARRAY_SIZE(targets) ||
		    parse_target(argv[i], &targets[ntargets]))
			return fprintf(stderr,
				       "convene solve: '%s' is not something to solve "
				       "(timetable, breakouts, cafe[=SESSION] or carousel[=SESSION])\n",
				       argv[i]),
			       2;
		ntargets++;
	}
	if (ntargets == 0) {
		memcpy(targets, plan_everything, sizeof(plan_everything));
		ntargets = 4;
	}
	if (compare && (ntargets != 1 || targets[0].kind != PLAN_BREAKOUTS))
		return fputs("convene solve: --compare compares breakout allocations: "
			     "convene solve FILE breakouts --compare\n",
			     stderr),
		       2;
	if (access(argv[optind], F_OK) != 0)
		return fprintf(stderr, "convene solve: %s: no such file\n", argv[optind]), 2;
	if (compare)
		return compare_objectives(argv[optind], &opt, json);
	if (cli_open_doc("solve", argv[optind], 0, NULL, &db))
		return 2;
	if (isatty(STDERR_FILENO)) {
		opt.progress = show_progress;
		signal(SIGINT, on_interrupt);
	}
	plan_log_init(&log);
	st = plan_solve(db, targets, ntargets, &opt, &log, &err);
	if (st > ST_PROBLEM) {
		safe_printf(stderr, "convene solve: %s\n", err.msg ? err.msg : "failed");
		worst = 2;
	} else if (st == ST_PROBLEM) {
		worst = 1;
		/* What the log does not say already (the file kept changing). */
		if (err.msg && !(log.text.buf && strstr(log.text.buf, err.msg)))
			safe_printf(stderr, "convene solve: %s\n", err.msg);
	}
	error_clear(&err);
	if (opt.progress)
		fputs("\r\033[K", stderr);
	if (worst < 2)
		print_log(&log, json, now_seconds() - t0);
	plan_log_done(&log);
	db_close(db);
	return worst;
}
