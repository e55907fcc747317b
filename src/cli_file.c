/* Subcommands that work on a conference file: new, demo, import, list,
 * check, and opening the organiser's screen. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/cli.h"
#include "convene/eventfile.h"
#include "convene/import.h"
#include "convene/list.h"
#include "convene/model.h"
#include "convene/plan.h"
#include "convene/rules.h"
#include "convene/sample.h"
#include "convene/settings.h"
#include "convene/ui.h"

/* Print an error as "convene CMD: message" and return its exit status. */
static int report(const char *cmd, struct error *err)
{
	int st = err->status ? (int)err->status : 2;

	safe_printf(stderr, "convene%s%s: %s\n", *cmd ? " " : "", cmd,
		    err->msg ? err->msg : "failed");
	error_clear(err);
	return st == ST_IO ? 2 : st;
}

static int usage_error(const char *cmd, const char *usage)
{
	fprintf(stderr, "usage: convene %s\n", usage);
	(void)cmd;
	return 2;
}

/* Parse options of a subcommand; returns the option or -1 at the end.
 * Arguments that are not options are moved to the end (GNU getopt). */
static int next_opt(int argc, char **argv, const char *shorts, const struct option *longs)
{
	return getopt_long(argc, argv, shorts, longs, NULL);
}

static void reset_getopt(void)
{
	optind = 0;
	opterr = 1;
}

/* Say once on stderr whom a writer waits for. */
static void say_waiting(void *arg, const struct db_wait *w)
{
	if (w->first)
		safe_printf(stderr, "convene: waiting for %s to finish with %s...\n",
			    w->holder ? w->holder : "another program", w->path);
}

int cli_open_doc(const char *cmd, const char *path, int flags, const struct settings *cfg,
		 struct db **db)
{
	struct settings *own = NULL;
	struct error err = { 0 };
	char *spath;

	if (db_open(path, flags, db, &err))
		return report(cmd, &err);
	if (!cfg) { /* read quietly: the commands that use settings report them */
		cfg = own = settings_new();
		spath = settings_default_path();
		settings_read(own, spath, 1, NULL, &err);
		error_clear(&err);
		free(spath);
	}
	db_set_wait(*db, settings_float(cfg, "file.wait_seconds"), say_waiting, NULL);
	settings_free(own);
	return 0;
}

static enum status fill_event(struct db *db, void *arg, struct error *err)
{
	return eventfile_apply(db, arg, err);
}

int cli_new(int argc, char **argv)
{
	static const struct option longs[] = { { "event", required_argument, NULL, 'e' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	const char *usage = "new FILE [--event EVENT.cfg]";
	const char *event = NULL;
	struct error err = { 0 };
	int c;

	reset_getopt();
	while ((c = next_opt(argc, argv, "e:h", longs)) != -1) {
		if (c == 'e')
			event = optarg;
		else if (c == 'h')
			return printf("usage: convene %s\nStart a conference file; EVENT.cfg "
				      "(libconfig) gives its name, days, rooms, slots and breaks.\n",
				      usage),
			       0;
		else
			return usage_error("new", usage);
	}
	if (optind != argc - 1)
		return usage_error("new", usage);
	if (db_create(argv[optind], event ? fill_event : NULL, (void *)event, &err))
		return report("new", &err);
	printf("created %s\n", argv[optind]);
	return 0;
}

/* The weights of the soft rules, from the user's settings. */
static void weights_from_settings(struct timetable_weights *w)
{
	struct settings *cfg = settings_new();
	struct plan_options opt = { 0 };

	settings_read_default(cfg, NULL);
	plan_options_from_settings(&opt, cfg);
	*w = opt.weights;
	settings_free(cfg);
}

static int summary(struct db *db)
{
	struct conf c;
	struct problem_list l;
	struct timetable_weights w;
	struct error err = { 0 };

	if (conf_load(db, &c, &err))
		return report("demo", &err);
	weights_from_settings(&w);
	programme_check(&c, &w, &l);
	safe_printf(stdout,
		    "%s: %d days, %d rooms, %d speakers, %d sessions, %d delegates from %d "
		    "organisations; %ld hard problems, soft cost %lld\n",
		    *c.event.name ? c.event.name : db_path(db), c.ndays, c.nrooms, c.nspeakers,
		    c.nsessions, c.ndelegates, c.norganisations, l.hard, l.soft);
	problem_list_done(&l);
	conf_done(&c);
	return 0;
}

static int open_ui(struct db *db)
{
	struct settings *cfg = settings_new();
	struct str warnings;
	struct error err = { 0 };
	char *path = settings_default_path();
	int rc;

	str_init(&warnings);
	if (settings_read(cfg, path, 1, &warnings, &err)) {
		free(path);
		settings_free(cfg);
		str_done(&warnings);
		return report("settings", &err);
	}
	if (warnings.len)
		safe_printf(stderr, "%s", warnings.buf);
	rc = ui_run(db, cfg);
	str_done(&warnings);
	free(path);
	settings_free(cfg);
	return rc;
}

static enum status fill_sample(struct db *db, void *arg, struct error *err)
{
	return sample_build(db, arg, err);
}

/* Build the sample into a new file at path; one made meanwhile by another
 * demo is as good. */
static int build_sample(const char *path)
{
	struct error err = { 0 };
	char *dir = sample_dir();
	enum status st;

	if (!dir) {
		fprintf(stderr, "convene demo: the sample conference is not installed (set "
				"CONVENE_DATADIR to its folder)\n");
		return 2;
	}
	st = db_create(path, fill_sample, dir, &err);
	free(dir);
	if (st && access(path, F_OK) != 0)
		return report("demo", &err);
	error_clear(&err);
	return 0;
}

int cli_demo(int argc, char **argv)
{
	static const struct option longs[] = { { "no-open", no_argument, NULL, 'n' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	const char *usage = "demo [FILE] [--no-open]";
	const char *path = "sample.convene";
	int c, no_open = 0, rc;
	struct db *db;

	reset_getopt();
	while ((c = next_opt(argc, argv, "nh", longs)) != -1) {
		if (c == 'n')
			no_open = 1;
		else if (c == 'h')
			return printf("usage: convene %s\nBuild the bundled sample conference into "
				      "FILE (default sample.convene) and open it; an existing FILE "
				      "is opened as it is.\n",
				      usage),
			       0;
		else
			return usage_error("demo", usage);
	}
	if (optind < argc - 1)
		return usage_error("demo", usage);
	if (optind == argc - 1)
		path = argv[optind];
	if (access(path, F_OK) != 0 && (rc = build_sample(path)))
		return rc;
	if ((rc = cli_open_doc("demo", path, DB_CREATE, NULL, &db)))
		return rc;
	summary(db);
	rc = (!no_open && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) ? open_ui(db) : 0;
	db_close(db);
	return rc;
}

static int parse_map(const char *text, struct import_map **map, int *nmap)
{
	const char *eq = strchr(text, '=');

	if (!eq || eq == text)
		return -1;
	*map = xreallocarray(*map, (size_t)*nmap + 1, sizeof(**map));
	(*map)[*nmap].field = xstrndup(text, (size_t)(eq - text));
	(*map)[*nmap].header = xstrdup(eq + 1);
	(*nmap)++;
	return 0;
}

static void free_map(struct import_map *map, int nmap)
{
	for (int i = 0; i < nmap; i++) {
		free((char *)map[i].field);
		free((char *)map[i].header);
	}
	free(map);
}

static int import_help(const char *usage)
{
	struct str s;

	str_init(&s);
	printf("usage: convene %s\n\nImport a CSV export (with a header line; UTF-8, UTF-16 or "
	       "Windows-1252; commas,\nsemicolons or tabs) into FILE. Columns are found by header "
	       "name, case and\nspacing ignored, the best match winning; --map FIELD=HEADER names "
	       "another\n(--map FIELD= none). The import applies whole or not at all. For\n"
	       "delegates, tickets that hold no place (cancelled, refunded, void, transferred)\n"
	       "are skipped and their holders removed; --sync also removes those the export\n"
	       "no longer holds, after asking (--yes: without).\n",
	       usage);
	for (int k = 0; k < IMPORT_KIND_COUNT; k++) {
		str_clear(&s);
		import_describe((enum import_kind)k, &s);
		printf("\n%s:\n%s", import_kind_name((enum import_kind)k), s.buf);
	}
	str_done(&s);
	return 0;
}

/* Print what an import did: the counts, then its report. */
static void import_told(const char *csv, const struct import_result *res)
{
	safe_printf(stderr, "%s", res->warnings.buf ? res->warnings.buf : "");
	safe_printf(stdout, "%s: %d rows, %d added, %d updated", csv, res->rows, res->added,
		    res->updated);
	if (res->skipped)
		safe_printf(stdout, ", %d skipped", res->skipped);
	if (res->removed)
		safe_printf(stdout, ", %d removed", res->removed);
	safe_printf(stdout, "\n%s", res->report.buf ? res->report.buf : "");
}

/* --sync without --yes: who would leave, and whether the organiser agrees
 * (only on a terminal). Returns the emails agreed to (NULL-ended, in
 * *agreed), or 0 with *agreed NULL when nobody would leave; -1 when the
 * dry run failed. */
static int ask_sync(struct db *db, enum import_kind kind, const char *csv, struct import_options *o,
		    char ***agreed)
{
	struct import_result dry;
	struct error err = { 0 };
	char answer[16] = "";
	int yes;

	*agreed = NULL;
	o->dry_run = 1;
	import_result_init(&dry);
	if (import_file(db, kind, csv, o, &dry, &err)) {
		import_result_done(&dry);
		o->dry_run = 0;
		return report("import", &err), -1;
	}
	o->dry_run = 0;
	if (dry.ngone == 0) {
		import_result_done(&dry);
		return 0;
	}
	safe_printf(stderr, "%d in %s are not in %s:\n", dry.ngone, db_path(db), csv);
	for (int i = 0; i < dry.ngone; i++)
		safe_printf(stderr, "  %s\n", dry.gone[i]);
	yes = 0;
	if (isatty(STDIN_FILENO)) {
		fprintf(stderr, "Remove them, with their seats and choices? [y/N] ");
		yes = fgets(answer, sizeof(answer), stdin) && (answer[0] == 'y' || answer[0] == 'Y');
	}
	if (!yes)
		fprintf(stderr, "convene import: nobody removed%s\n",
			isatty(STDIN_FILENO) ? "" : " (--sync --yes removes them without asking)");
	*agreed = xcalloc((size_t)dry.ngone + 1, sizeof(char *));
	for (int i = 0; yes && i < dry.ngone; i++)
		(*agreed)[i] = xstrdup(dry.gone[i]);
	import_result_done(&dry);
	return 0;
}

static void free_strv(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

/* Import one CSV file into path, with --sync asking first unless --yes. */
static int import_one(const char *path, enum import_kind kind, const char *csv,
		      struct import_options *o, int yes)
{
	struct import_result res;
	struct error err = { 0 };
	char **agreed = NULL;
	struct db *db;
	int rc;

	if ((rc = cli_open_doc("import", path, 0, NULL, &db)))
		return rc;
	if (o->sync && !yes && ask_sync(db, kind, csv, o, &agreed) < 0) {
		db_close(db);
		return 2;
	}
	o->sync_only = agreed;
	import_result_init(&res);
	if (import_file(db, kind, csv, o, &res, &err))
		rc = report("import", &err);
	else
		import_told(csv, &res);
	import_result_done(&res);
	free_strv(agreed);
	db_close(db);
	return rc;
}

int cli_import(int argc, char **argv)
{
	static const struct option longs[] = { { "map", required_argument, NULL, 'm' },
					       { "sync", no_argument, NULL, 's' },
					       { "yes", no_argument, NULL, 'y' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	const char *usage = "import FILE KIND CSV [--map FIELD=HEADER]... [--sync [--yes]]";
	struct import_map *map = NULL;
	struct import_options o = { 0 };
	int c, nmap = 0, kind, yes = 0, rc;

	reset_getopt();
	while ((c = next_opt(argc, argv, "m:h", longs)) != -1) {
		if (c == 'm' && parse_map(optarg, &map, &nmap) == 0)
			continue;
		if (c == 's' || c == 'y') {
			*(c == 's' ? &o.sync : &yes) = 1;
			continue;
		}
		free_map(map, nmap);
		if (c == 'h')
			return import_help(usage);
		if (c == 'm')
			fprintf(stderr, "convene import: --map '%s': write FIELD=HEADER\n", optarg);
		return usage_error("import", usage);
	}
	if (optind != argc - 3) {
		free_map(map, nmap);
		return usage_error("import", usage);
	}
	if (str_ieq(argv[optind + 1], "frab")) { /* frab schedule XML: cli_print.c */
		free_map(map, nmap);
		return cli_import_frab(argv[optind], argv[optind + 2]);
	}
	if ((kind = import_kind_parse(argv[optind + 1])) < 0) {
		fprintf(stderr,
			"convene import: '%s' is not a kind (rooms, speakers, sessions, "
			"stations, tables, delegates, preferences)\n",
			argv[optind + 1]);
		free_map(map, nmap);
		return 2;
	}
	o.map = map;
	o.nmap = nmap;
	rc = import_one(argv[optind], (enum import_kind)kind, argv[optind + 2], &o, yes);
	free_map(map, nmap);
	return rc;
}

/* Open path for reading only and read the conference. */
static int load(const char *cmd, const char *path, const struct settings *cfg, struct db **db,
		struct conf *c)
{
	struct error err = { 0 };
	int rc = cli_open_doc(cmd, path, DB_READONLY, cfg, db);

	if (rc)
		return rc;
	if (conf_load(*db, c, &err)) {
		db_close(*db);
		return report(cmd, &err);
	}
	return 0;
}

int cli_list(int argc, char **argv)
{
	static const struct option longs[] = { { "json", no_argument, NULL, 'j' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	const char *usage = "list FILE KIND [--json]";
	struct error err = { 0 };
	int c, json = 0, rc;
	struct conf conf;
	struct db *db;
	struct str out;

	reset_getopt();
	while ((c = next_opt(argc, argv, "jh", longs)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'h')
			return printf("usage: convene %s\nKINDS: days rooms speakers sessions "
				      "delegates organisations programme\n",
				      usage),
			       0;
		else
			return usage_error("list", usage);
	}
	if (optind != argc - 2)
		return usage_error("list", usage);
	if ((rc = load("list", argv[optind], NULL, &db, &conf)))
		return rc;
	str_init(&out);
	if (list_write(&conf, argv[optind + 1], json, &out, &err))
		rc = report("list", &err);
	else
		safe_write(stdout, out.buf, out.len);
	str_done(&out);
	conf_done(&conf);
	db_close(db);
	return rc;
}

int cli_check(int argc, char **argv)
{
	static const struct option longs[] = { { "json", no_argument, NULL, 'j' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	const char *usage = "check FILE [--json]";
	int c, json = 0, rc;
	struct problem_list l;
	struct timetable_weights w;
	struct conf conf;
	struct db *db;
	struct str out;

	reset_getopt();
	while ((c = next_opt(argc, argv, "jh", longs)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'h')
			return printf("usage: convene %s\nList every problem of the programme, hard "
				      "first, with the cost of the soft ones and a breakdown per "
				      "rule; exit 0 when no problem is hard, 1 when some are.\n",
				      usage),
			       0;
		else
			return usage_error("check", usage);
	}
	if (optind != argc - 1)
		return usage_error("check", usage);
	if ((rc = load("check", argv[optind], NULL, &db, &conf)))
		return rc;
	weights_from_settings(&w);
	programme_check(&conf, &w, &l);
	str_init(&out);
	list_problems(&conf, &l, json, &out);
	safe_write(stdout, out.buf, out.len);
	rc = l.hard ? 1 : 0;
	str_done(&out);
	problem_list_done(&l);
	conf_done(&conf);
	db_close(db);
	return rc;
}

int cli_open(int argc, char **argv)
{
	struct db *db;
	int rc;

	if (argc != 1)
		return usage_error("FILE", "FILE");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "convene: the organiser's screen needs a terminal\n");
		return 2;
	}
	if ((rc = cli_open_doc("", argv[0], DB_CREATE, NULL, &db)))
		return rc;
	rc = open_ui(db);
	db_close(db);
	return rc;
}
