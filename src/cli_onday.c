/* On-the-day subcommands: move, close-room, changes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/cli.h"
#include "convene/onday.h"

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
			printf("%s\n", text);
			free(text);
		} else {
			fputs(rep->text.buf ? rep->text.buf : "", stdout);
		}
	}
	if (st)
		fprintf(stderr, "convene %s: %s\n", cmd, err->msg ? err->msg : "failed");
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
		{ "room", required_argument, NULL, 'r' }, { "at", required_argument, NULL, 'a' },
		{ "swap", required_argument, NULL, 's' }, { "force", no_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },	  { "help", no_argument, NULL, 'h' },
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
			       "--at 1 10:30\n"), 2;
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

int cli_close_room(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "day", required_argument, NULL, 'd' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },	 { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },	 { NULL, 0, NULL, 0 },
	};
	const char *usage = "usage: convene close-room FILE ROOM [--day D] [--from HH:MM] "
			    "[--to HH:MM] [--json]\nClose a room and move what is in it then to "
			    "the most similar free rooms, keeping times.\n";
	int c, json = 0, day = 0, from = -1, to = -1, rc;
	struct onday_report rep;
	struct error err = { 0 };
	struct db *db;
	enum status st;
	long v;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:f:t:jh", longs, NULL)) != -1) {
		if (c == 'd' && parse_int(optarg, 1, 14, &v) == 0)
			day = (int)v;
		else if (c == 'f' && (from = time_parse(optarg)) >= 0)
			continue;
		else if (c == 't' && (to = time_parse(optarg)) >= 0)
			continue;
		else if (c == 'j')
			json = 1;
		else if (c == 'h')
			return fputs(usage, stdout), 0;
		else if (c == 'd' || c == 'f' || c == 't')
			return fprintf(stderr, "convene close-room: --%s: '%s' is not %s\n",
				       c == 'd' ? "day" : c == 'f' ? "from" : "to", optarg,
				       c == 'd' ? "a day number" : "a time such as 13:30"), 2;
		else
			return fputs(usage, stderr), 2;
	}
	if (optind + 2 != argc)
		return fputs(usage, stderr), 2;
	if ((rc = open_existing("close-room", argv[optind], 0, &db)))
		return rc;
	onday_report_init(&rep);
	st = onday_close_room(db, argv[optind + 1], day, from, to, &rep, &err);
	db_close(db);
	return finish("close-room", st, &rep, json, &err);
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
			    "after edit N and, for each delegate affected, what changed.\n";
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
			return fprintf(stderr, "convene changes: --since: '%s' is not an edit "
				       "number\n", optarg), 2;
		else
			return fputs(usage, stderr), 2;
	}
	if (optind + 1 != argc)
		return fputs(usage, stderr), 2;
	if ((rc = open_existing("changes", argv[optind], DB_READONLY, &db)))
		return rc;
	onday_report_init(&rep);
	st = onday_changes(db, since, &rep, &err);
	db_close(db);
	return finish("changes", st, &rep, json, &err);
}
