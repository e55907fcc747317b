/* On-the-day subcommands: move, the disruptions (close-room, late,
 * lengthen, capacity), withdraw, allocate, changes, undo and redo. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/changes.h"
#include "convene/cli.h"
#include "convene/fair.h"
#include "convene/journal.h"
#include "convene/onday.h"
#include "convene/replan.h"
#include "convene/settings.h"

static int open_existing(const char *cmd, const char *path, int flags, struct db **db)
{
	if (access(path, F_OK) != 0)
		return fprintf(stderr, "convene %s: %s: no such file\n", cmd, path), 2;
	return cli_open_doc(cmd, path, flags, NULL, db) ? 2 : 0;
}

/* Print the report (text or JSON) and turn the status into an exit code. */
static int finish(const char *cmd, enum status st, struct onday_report *rep, int json,
		  struct error *err)
{
	int rc = st == ST_OK ? 0 : st == ST_PROBLEM ? 1 : 2;

	if (st == ST_OK || (st == ST_PROBLEM && (rep->moved || rep->unresolved))) {
		if (json) {
			char *text;

			json_object_set_new(rep->json, "status", json_integer(rc));
			text = json_dumps(rep->json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			safe_printf(stdout, "%s\n", text);
			free(text);
		} else {
			safe_printf(stdout, "%s", rep->text.buf ? rep->text.buf : "");
		}
	}
	if (st)
		safe_printf(stderr, "convene %s: %s\n", cmd, err->msg ? err->msg : "failed");
	error_clear(err);
	onday_report_done(rep);
	return rc;
}

/* "1 10:30" as two arguments after --at: the day and the time. */
static int parse_at(const char *day, const char *time, int *d, int *t)
{
	long v;

	if (parse_int(day, 1, 14, &v) != 0 || (*t = time_parse(time)) < 0)
		return -1;
	*d = (int)v;
	return 0;
}

int cli_move(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "room", required_argument, NULL, 'r' },
		{ "at", required_argument, NULL, 'a' },
		{ "swap", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage = "usage: convene move FILE SESSION --room ROOM [--at DAY HH:MM] "
			    "[--force] [--json]\n       convene move FILE SESSION --swap OTHER "
			    "[--force] [--json]\n";
	const char *room = NULL, *swap = NULL, *at_day = NULL;
	int c, force = 0, json = 0, day = 0, start = -1, rc;
	struct onday_report rep;
	struct error err = { 0 };
	struct db *db;
	enum status st;

	optind = 0;
	while ((c = getopt_long(argc, argv, "r:a:s:fjh", longs, NULL)) != -1) {
		if (c == 'r')
			room = optarg;
		else if (c == 'a')
			at_day = optarg;
		else if (c == 's')
			swap = optarg;
		else if (c == 'f')
			force = 1;
		else if (c == 'j')
			json = 1;
		else if (c == 'h')
			return fputs(usage, stdout), 0;
		else
			return fputs(usage, stderr), 2;
	}
	/* --at takes two words: the day, then the time left among the operands. */
	if (at_day && (optind + 3 != argc || parse_at(at_day, argv[optind + 2], &day, &start)))
		return fprintf(stderr, "convene move: --at: write the day and the time, as "
				       "--at 1 10:30\n"),
		       2;
	if (!at_day && optind + 2 != argc)
		return fputs(usage, stderr), 2;
	if ((room == NULL) == (swap == NULL) || (swap && at_day))
		return fputs(usage, stderr), 2;
	if ((rc = open_existing("move", argv[optind], 0, &db)))
		return rc;
	onday_report_init(&rep);
	st = swap ? onday_swap(db, argv[optind + 1], swap, force, &rep, &err)
		  : onday_move(db, argv[optind + 1], room, day, start, force, &rep, &err);
	db_close(db);
	return finish("move", st, &rep, json, &err);
}

/* Take "--now DAY HH:MM" out of argv (its two words would otherwise mix
 * with the operands); 0, or -1 with a message when it is malformed. */
static int take_now(const char *cmd, int *argc, char **argv, struct replan_options *o)
{
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--now") != 0)
			continue;
		if (i + 2 >= *argc ||
		    replan_parse_now(argv[i + 1], argv[i + 2], &o->now_day, &o->now))
			return fprintf(stderr,
				       "convene %s: --now: write the day and the time, as "
				       "--now 1 10:30\n",
				       cmd),
			       -1;
		memmove(&argv[i], &argv[i + 3], (size_t)(*argc - i - 3 + 1) * sizeof(char *));
		*argc -= 3;
		return 0;
	}
	return 0;
}

/* The re-planner's options from the settings and the file's days. */
static int replan_defaults(const char *cmd, struct db *db, struct replan_options *o)
{
	struct settings *cfg = settings_new();
	struct error err = { 0 };
	struct conf c;
	int now_day = o->now_day, now = o->now, dry = o->dry_run, rc = 0;

	settings_read_default(cfg, NULL);
	if (conf_load(db, &c, &err) || replan_options_from_settings(o, cfg, &c, &err)) {
		safe_printf(stderr, "convene %s: %s\n", cmd, err.msg);
		rc = 2;
	}
	if (!rc)
		conf_done(&c);
	error_clear(&err);
	settings_free(cfg);
	if (now_day) {
		o->now_day = now_day;
		o->now = now;
	}
	o->dry_run = dry;
	return rc;
}

static const char disrupt_options[] =
	"  --now DAY HH:MM  what time it is: sessions begun by then stay (default: the\n"
	"                   setting onday.now, else the clock on a day of the event)\n"
	"  --dry-run        print what would move, what would be relaxed and whose day\n"
	"                   would change, and change nothing\n"
	"  --json           print one JSON document\n"
	"The programme is placed again with the least disruption: a change of room\n"
	"before a change of time, sessions many attend moved last, pinned sessions and\n"
	"those begun kept. When no whole programme exists it brings a room feature,\n"
	"then caps a session at its room's seats, and names each. Exit status 0 when a\n"
	"whole programme was stored, 1 when none could be, 2 bad input.\n";

/* Run a disruption from the command line: parse, re-plan, report. */
static int disrupt(const char *cmd, int argc, char **argv, const char *usage, int operands,
		   struct replan_event *ev, const struct option *more, const char *shorts)
{
	struct replan_options o = { 0 };
	int c, json = 0, rc;
	struct onday_report rep;
	struct error err = { 0 };
	struct db *db;
	enum status st;
	long v;

	if (take_now(cmd, &argc, argv, &o))
		return 2;
	optind = 0;
	while ((c = getopt_long(argc, argv, shorts, more, NULL)) != -1) {
		if (c == 'n')
			o.dry_run = 1;
		else if (c == 'j')
			json = 1;
		else if (c == 'h')
			return printf("%s%s", usage, disrupt_options), 0;
		else if (c == 'd' && parse_int(optarg, 1, 14, &v) == 0)
			ev->day = (int)v;
		else if ((c == 'f' && (ev->from = time_parse(optarg)) >= 0) ||
			 (c == 't' && (ev->to = time_parse(optarg)) >= 0))
			continue;
		else if (c == 'd' || c == 'f' || c == 't')
			return fprintf(stderr, "convene %s: --%s: '%s' is not %s\n", cmd,
				       c == 'd'   ? "day"
				       : c == 'f' ? "from"
						  : "to",
				       optarg, c == 'd' ? "a day number" : "a time such as 13:30"),
			       2;
		else
			return fputs(usage, stderr), 2;
	}
	if (optind + operands != argc)
		return fputs(usage, stderr), 2;
	if (operands > 2 && parse_int(argv[optind + 2], 0, 100000, &v) != 0)
		return fprintf(stderr, "convene %s: '%s' is not a number\n", cmd, argv[optind + 2]),
		       2;
	ev->amount = operands > 2 ? (int)v : 0;
	ev->room = ev->speaker = ev->session = argv[optind + 1];
	if ((rc = open_existing(cmd, argv[optind], 0, &db)))
		return rc;
	if ((rc = replan_defaults(cmd, db, &o))) {
		db_close(db);
		return rc;
	}
	onday_report_init(&rep);
	st = replan(db, ev, &o, &rep, &err);
	db_close(db);
	return finish(cmd, st, &rep, json, &err);
}

static const struct option plain_longs[] = {
	{ "dry-run", no_argument, NULL, 'n' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cli_close_room(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "day", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct replan_event ev = { .kind = REPLAN_CLOSE_ROOM, .from = -1, .to = -1 };

	return disrupt("close-room", argc, argv,
		       "usage: convene close-room FILE ROOM [--day D] [--from HH:MM] [--to HH:MM]\n"
		       "                          [--now DAY HH:MM] [--dry-run] [--json]\n"
		       "Close a room (by default every day, all day) and re-plan what was in it.\n",
		       2, &ev, longs, "d:f:t:njh");
}

int cli_late(int argc, char **argv)
{
	struct replan_event ev = { .kind = REPLAN_LATE };

	return disrupt(
		"late", argc, argv,
		"usage: convene late FILE SPEAKER MINUTES [--now DAY HH:MM] [--dry-run] [--json]\n"
		"A speaker (a name or an email) will be MINUTES late: re-plan their sessions.\n",
		3, &ev, plain_longs, "njh");
}

int cli_lengthen(int argc, char **argv)
{
	struct replan_event ev = { .kind = REPLAN_LENGTHEN };

	return disrupt("lengthen", argc, argv,
		       "usage: convene lengthen FILE SESSION MINUTES [--now DAY HH:MM] [--dry-run] "
		       "[--json]\nA session now runs MINUTES in all: re-plan around it.\n",
		       3, &ev, plain_longs, "njh");
}

int cli_cancel(int argc, char **argv)
{
	struct replan_event ev = { .kind = REPLAN_CANCEL };

	return disrupt("cancel", argc, argv,
		       "usage: convene cancel FILE SESSION [--now DAY HH:MM] [--dry-run] [--json]\n"
		       "Call a session off: it stays in the file as cancelled (undo brings it back),\n"
		       "its people lose it, and the report says whose day changes.\n",
		       2, &ev, plain_longs, "njh");
}

int cli_capacity(int argc, char **argv)
{
	struct replan_event ev = { .kind = REPLAN_CAPACITY };

	return disrupt("capacity", argc, argv,
		       "usage: convene capacity FILE ROOM SEATS [--now DAY HH:MM] [--dry-run] [--json]\n"
		       "A room now holds only SEATS people: re-plan what no longer fits.\n",
		       3, &ev, plain_longs, "njh");
}

int cli_changes(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage = "usage: convene changes FILE [--since N] [--json]\nList the edits "
			    "after edit N and, for each delegate whose programme differs now,\n"
			    "what differs. Prints and notes change nobody.\n";
	int c, json = 0, rc;
	long since = 0;
	struct onday_report rep;
	struct error err = { 0 };
	struct db *db;
	enum status st;

	optind = 0;
	while ((c = getopt_long(argc, argv, "s:jh", longs, NULL)) != -1) {
		if (c == 's' && parse_int(optarg, 0, 1L << 40, &since) == 0)
			continue;
		else if (c == 'j')
			json = 1;
		else if (c == 'h')
			return fputs(usage, stdout), 0;
		else if (c == 's')
			return fprintf(stderr,
				       "convene changes: --since: '%s' is not an edit "
				       "number\n",
				       optarg),
			       2;
		else
			return fputs(usage, stderr), 2;
	}
	if (optind + 1 != argc)
		return fputs(usage, stderr), 2;
	if ((rc = open_existing("changes", argv[optind], DB_READONLY, &db)))
		return rc;
	onday_report_init(&rep);
	st = changes_list(db, since, &rep, &err);
	db_close(db);
	return finish("changes", st, &rep, json, &err);
}

/* What undo or redo acts on, as text or JSON. */
static void print_step(int undo, const struct journal_next *n, int64_t edit, int json)
{
	const char *what = undo ? n->undo_what : n->redo_what;
	const char *who = undo ? n->undo_who : n->redo_who;

	if (json) {
		json_t *doc = json_pack("{s:s,s:I,s:s,s:s,s:I}", undo ? "undone" : "redone", what,
					"of_edit", (json_int_t)(undo ? n->undo_edit : n->redo_edit),
					"who", who, "at", undo && n->undo_at ? n->undo_at : "",
					"edit", (json_int_t)edit);
		char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		safe_printf(stdout, "%s\n", text);
		free(text);
		json_decref(doc);
		return;
	}
	safe_printf(stdout, "%s edit %lld '%s' (%s), as edit %lld\n", undo ? "undid" : "redid",
		    (long long)(undo ? n->undo_edit : n->redo_edit), what, who, (long long)edit);
}

/* undo and redo: the caller's latest edit, or anyone's with --anyone. */
static int undo_redo(int argc, char **argv, int undo)
{
	static const struct option longs[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ "anyone", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = undo ? "undo" : "redo";
	const char *usage = undo ? "usage: convene undo FILE [--yes] [--anyone] [--json]\n"
				   "Undo your latest edit, whole: a solve, an import, a close-room "
				   "or a form's save\nis one edit. An undo that removes more than 20 "
				   "rows (an import, the sample)\nneeds --yes; --anyone undoes the "
				   "latest edit by anyone. It never overwrites\na later edit of the "
				   "same rows.\n"
				 : "usage: convene redo FILE [--anyone] [--json]\nRedo the edit you "
				   "undid last, if nothing was edited since; --anyone: anyone's.\n";
	int c, yes = 0, anyone = 0, json = 0, rc;
	struct journal_next n;
	struct error err = { 0 };
	int64_t edit = 0, target;
	struct db *db;
	enum status st;

	optind = 0;
	while ((c = getopt_long(argc, argv, "yajh", longs, NULL)) != -1) {
		if (c == 'y' && undo)
			yes = 1;
		else if (c == 'a')
			anyone = 1;
		else if (c == 'j')
			json = 1;
		else if (c == 'h')
			return fputs(usage, stdout), 0;
		else
			return fputs(usage, stderr), 2;
	}
	if (optind != argc - 1)
		return fputs(usage, stderr), 2;
	if ((rc = open_existing(cmd, argv[optind], 0, &db)))
		return rc;
	if ((st = journal_next(db, anyone, &n, &err)))
		goto out;
	target = undo ? n.undo_edit : n.redo_edit;
	if (!target) {
		st = error_set(&err, ST_PROBLEM, "nothing %sto %s%s", anyone ? "" : "of yours ",
			       cmd, anyone ? "" : " (--anyone: anyone's latest)");
	} else if (undo && n.undo_removes > UNDO_ASK_ROWS && !yes) {
		st = error_set(&err, ST_PROBLEM,
			       "undoing '%s' (%s, %s) removes %d rows; nothing "
			       "was changed: run it with --yes to undo it",
			       n.undo_what, n.undo_who, n.undo_at, n.undo_removes);
	} else {
		st = undo ? journal_undo(db, anyone, target, &edit, &err)
			  : journal_redo(db, anyone, target, &edit, &err);
		if (!st)
			print_step(undo, &n, edit, json);
	}
out:
	rc = st == ST_OK ? 0 : st == ST_INPUT || st == ST_PROBLEM ? 1 : 2;
	if (st)
		safe_printf(stderr, "convene %s: %s\n", cmd, err.msg ? err.msg : "failed");
	error_clear(&err);
	journal_next_done(&n);
	db_close(db);
	return rc;
}

int cli_undo(int argc, char **argv)
{
	return undo_redo(argc, argv, 1);
}

int cli_redo(int argc, char **argv)
{
	return undo_redo(argc, argv, 0);
}

int cli_withdraw(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage =
		"usage: convene withdraw FILE DELEGATE [SESSION] [--now DAY HH:MM] [--json]\n"
		"Take a delegate (email or name) out of a session, or out of everything when\n"
		"they do not come at all: their seat is freed and their choice of it\n"
		"forgotten. A seat freed in a full breakout goes to the first on its\n"
		"waitlist (a must first, then how they ranked it, then who has less, then\n"
		"the lottery), and the seat they leave is passed on the same way; nobody\n"
		"else moves. A cafe or carousel they were in is seated again from its first\n"
		"round not begun, as close as it can to what the others hold; rounds begun\n"
		"stay as they happened. Lists exactly whose day changed. One edit, decided\n"
		"inside it.\n"
		"  --now DAY HH:MM  what time it is (default: the setting onday.now, else the\n"
		"                   clock on a day of the event; before the event, every\n"
		"                   round is still to come)\n";
	struct replan_options o = { 0 };
	struct onday_report rep;
	struct error err = { 0 };
	struct db *db;
	enum status st;
	int c, json = 0, rc;

	if (take_now("withdraw", &argc, argv, &o))
		return 2;
	optind = 0;
	while ((c = getopt_long(argc, argv, "jh", longs, NULL)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'h')
			return fputs(usage, stdout), 0;
		else
			return fputs(usage, stderr), 2;
	}
	if (optind + 2 != argc && optind + 3 != argc)
		return fputs(usage, stderr), 2;
	if ((rc = open_existing("withdraw", argv[optind], 0, &db)))
		return rc;
	if (replan_defaults("withdraw", db, &o)) {
		db_close(db);
		return 2;
	}
	o.plan.now_day = o.now_day;
	o.plan.now = o.now;
	onday_report_init(&rep);
	st = fair_withdraw(db, argv[optind + 1], optind + 3 == argc ? argv[optind + 2] : NULL,
			   &o.plan, &rep, &err);
	db_close(db);
	return finish("withdraw", st, &rep, json, &err);
}

int cli_allocate(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage =
		"usage: convene allocate FILE DELEGATE SESSION [--force] [--dry-run] [--json]\n"
		"Put a delegate (email or name) in a breakout by hand, in place of what they\n"
		"have at that time. The seat they leave, if its session was full, goes to the\n"
		"first on its waitlist, as withdraw passes one on. A session that is full, a\n"
		"hard problem it would make (the room over capacity, a clash), a day they do\n"
		"not come or someone they are kept apart from there needs --force. Lists\n"
		"exactly whose day changed. One edit, decided inside it.\n";
	struct plan_options opt = { 0 };
	struct settings *cfg = settings_new();
	struct onday_report rep;
	struct error err = { 0 };
	struct db *db;
	enum status st;
	unsigned flags = 0;
	int c, json = 0, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "fnjh", longs, NULL)) != -1) {
		if (c == 'f')
			flags |= FAIR_FORCE;
		else if (c == 'n')
			flags |= FAIR_DRY_RUN;
		else if (c == 'j')
			json = 1;
		else if (c == 'h')
			return settings_free(cfg), fputs(usage, stdout), 0;
		else
			return settings_free(cfg), fputs(usage, stderr), 2;
	}
	if (optind + 3 != argc)
		return settings_free(cfg), fputs(usage, stderr), 2;
	settings_read_default(cfg, NULL);
	plan_options_from_settings(&opt, cfg);
	settings_free(cfg);
	if ((rc = open_existing("allocate", argv[optind], 0, &db)))
		return rc;
	onday_report_init(&rep);
	st = fair_allocate(db, argv[optind + 1], argv[optind + 2], &opt, flags, NULL, &rep, &err);
	db_close(db);
	return finish("allocate", st, &rep, json, &err);
}
