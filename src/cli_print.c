/* The print and export commands, and importing a frab schedule: thin
 * wrappers that read the file, pick what to print and where, and leave
 * the work to the print, pdf, ics, frab and export modules. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "convene/changes.h"
#include "convene/cli.h"
#include "convene/export.h"
#include "convene/frab.h"
#include "convene/ics.h"
#include "convene/model.h"
#include "convene/notice.h"
#include "convene/pdf.h"
#include "convene/print.h"
#include "convene/settings.h"

static int fail(const char *cmd, struct error *err)
{
	int st = err->status ? (int)err->status : 2;

	safe_printf(stderr, "convene %s: %s\n", cmd, err->msg ? err->msg : "failed");
	error_clear(err);
	return st == ST_IO || st == ST_PROBLEM ? 2 : st;
}

static int usage_error(const char *usage)
{
	fprintf(stderr, "usage: convene %s\n", usage);
	return 2;
}

/* Write buf to path (whole or not at all), or to standard output when
 * path is NULL or "-". */
static int write_out(const char *cmd, const char *path, const char *buf, size_t len)
{
	struct error err = { 0 };

	return outfile_put(path, buf, len, &err) ? fail(cmd, &err) : 0;
}

/* The same for text a person reads: control characters that came with
 * names and titles are shown, never sent as they are. */
static int write_text(const char *cmd, const char *path, const char *buf, size_t len)
{
	struct str safe;
	int rc;

	str_init(&safe);
	str_cat_safe(&safe, buf ? buf : "", buf ? len : 0, SAFE_SHOW);
	rc = write_out(cmd, path, safe.buf ? safe.buf : "", safe.len);
	str_done(&safe);
	return rc;
}

enum print_mode {
	MODE_NONE,
	MODE_DELEGATES,
	MODE_ROOM,
	MODE_FACILITATORS,
	MODE_ATTENDANCE,
	MODE_POSTER,
	MODE_SEATING
};

enum print_format { FMT_TEXT, FMT_PDF, FMT_ICS, FMT_NOTICE, FMT_MBOX, FMT_CSV };

struct print_args {
	const char *file;
	char **keys;
	int nkeys;
	int all;
	const char *room;
	const char *day;
	const char *session;
	const char *out;
	const char *format;
	long since;
	int has_since;
	int since_notice; /* --changed-since last-notice */
	int record;
	enum print_mode mode;
};

static const char print_usage[] =
	"print FILE [--delegate KEY]... [--all] [--changed-since N] [--day D] "
	"[--format text|pdf|ics] [-o PATH]\n"
	"       convene print FILE --changed-since N|last-notice --format notice|mbox|csv "
	"[-o PATH]\n"
	"       convene print FILE --room ROOM [--day D] [--format text|pdf] [-o PATH]\n"
	"       convene print FILE --facilitators [SESSION] | --attendance SESSION "
	"[--format text|pdf] [-o PATH]\n"
	"       convene print FILE --poster | --seating [SESSION] -o PATH.pdf";

static int print_help(void)
{
	printf("usage: convene %s\n\n"
	       "Per-delegate timetables (KEY: an email or a unique part of a name), one page\n"
	       "each: every session, room, cafe table per round and carousel station per\n"
	       "rotation, in time order. What changed since a delegate's last print is\n"
	       "marked; each print is recorded in the journal (--no-record: a preview).\n"
	       "--changed-since N prints only delegates whose programme differs from what\n"
	       "it was after edit N, marked. --format notice writes each of them what\n"
	       "differs; mbox a message each with their calendar attached, for a mail\n"
	       "program; csv the same for a mail merge. Notices are remembered, so\n"
	       "--changed-since last-notice tells each one of everything since the last.\n"
	       "ics with -o DIRECTORY writes one calendar per delegate.\n"
	       "--room: door sheets; --facilitators: who sits at each table and station;\n"
	       "--attendance: a list to tick; --poster: the programme at a glance (A3);\n"
	       "--seating: a chart of each cafe round.\n",
	       print_usage);
	return 0;
}

/* Parse print's options into a; returns -1 to go on, else an exit status. */
static int print_parse(int argc, char **argv, struct print_args *a)
{
	static const struct option longs[] = { { "delegate", required_argument, NULL, 'd' },
					       { "all", no_argument, NULL, 'a' },
					       { "room", required_argument, NULL, 'r' },
					       { "day", required_argument, NULL, 'D' },
					       { "format", required_argument, NULL, 'f' },
					       { "output", required_argument, NULL, 'o' },
					       { "changed-since", required_argument, NULL, 'c' },
					       { "facilitators", optional_argument, NULL, 'F' },
					       { "attendance", required_argument, NULL, 'A' },
					       { "poster", no_argument, NULL, 'P' },
					       { "seating", optional_argument, NULL, 'S' },
					       { "no-record", no_argument, NULL, 'n' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	int ch, sheets = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:h", longs, NULL)) != -1) {
		switch (ch) {
		case 'd':
			a->keys = xreallocarray(a->keys, (size_t)a->nkeys + 1, sizeof(char *));
			a->keys[a->nkeys++] = optarg;
			break;
		case 'a':
			a->all = 1;
			break;
		case 'r':
			a->room = optarg;
			a->mode = MODE_ROOM;
			sheets++;
			break;
		case 'D':
			a->day = optarg;
			break;
		case 'f':
			a->format = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'n':
			a->record = 0;
			break;
		case 'c':
			if (str_ieq(optarg, "last-notice")) {
				a->since_notice = a->has_since = 1;
				break;
			}
			if (parse_int(optarg, 0, INT64_MAX / 2, &a->since)) {
				fprintf(stderr,
					"convene print: --changed-since '%s' is not an edit "
					"number\n",
					optarg);
				return 2;
			}
			a->has_since = 1;
			break;
		case 'F':
			a->mode = MODE_FACILITATORS;
			a->session = optarg;
			sheets++;
			break;
		case 'A':
			a->mode = MODE_ATTENDANCE;
			a->session = optarg;
			sheets++;
			break;
		case 'P':
			a->mode = MODE_POSTER;
			sheets++;
			break;
		case 'S':
			a->mode = MODE_SEATING;
			a->session = optarg;
			sheets++;
			break;
		case 'h':
			return print_help();
		default:
			return usage_error(print_usage);
		}
	}
	if (sheets > 1 || (sheets && (a->nkeys || a->all || a->has_since))) {
		fprintf(stderr, "convene print: choose one of delegates' timetables, --room, "
				"--facilitators, --attendance, --poster and --seating\n");
		return 2;
	}
	if (!sheets && (a->nkeys || a->all || a->has_since))
		a->mode = MODE_DELEGATES;
	/* "--facilitators CAFE1" as well as "--facilitators=CAFE1". */
	if ((a->mode == MODE_FACILITATORS || a->mode == MODE_SEATING) && !a->session &&
	    optind == argc - 2)
		a->session = argv[argc - 1];
	else if (optind != argc - 1)
		return usage_error(print_usage);
	a->file = argv[optind];
	if (a->mode == MODE_NONE) {
		fprintf(stderr,
			"convene print: say what to print: --delegate KEY, --all, "
			"--changed-since N, --room, --facilitators, --attendance, --poster or "
			"--seating\n");
		return 2;
	}
	return -1;
}

static int parse_format(const struct print_args *a, enum print_format *f)
{
	int graphic = a->mode == MODE_POSTER || a->mode == MODE_SEATING;

	if (!a->format)
		*f = graphic ? FMT_PDF : FMT_TEXT;
	else if (str_ieq(a->format, "text") || str_ieq(a->format, "txt"))
		*f = FMT_TEXT;
	else if (str_ieq(a->format, "pdf"))
		*f = FMT_PDF;
	else if (str_ieq(a->format, "ics") || str_ieq(a->format, "ical"))
		*f = FMT_ICS;
	else if (str_ieq(a->format, "notice"))
		*f = FMT_NOTICE;
	else if (str_ieq(a->format, "mbox"))
		*f = FMT_MBOX;
	else if (str_ieq(a->format, "csv"))
		*f = FMT_CSV;
	else
		return fprintf(stderr,
			       "convene print: --format '%s': write text, pdf, ics, notice, "
			       "mbox or csv\n",
			       a->format),
		       2;
	if (*f >= FMT_NOTICE && !a->has_since)
		return fprintf(stderr,
			       "convene print: --format %s goes with --changed-since N (or "
			       "last-notice)\n",
			       a->format),
		       2;
	if ((graphic && *f != FMT_PDF) || (*f == FMT_ICS && a->mode != MODE_DELEGATES))
		return fprintf(stderr, "convene print: that sheet is not made in %s\n", a->format),
		       2;
	if (*f == FMT_PDF && !a->out && isatty(STDOUT_FILENO))
		return fprintf(stderr, "convene print: PDF goes to a file: give -o FILE.pdf\n"), 2;
	return 0;
}

/* The delegates to print: those named, or all; with --changed-since only
 * those whose programme differs since. Marks what changed (since then, or
 * since each one's last print). */
static int pick_delegates(struct db *db, struct print_data *pd, const struct print_args *a,
			  int **out, int *n)
{
	const struct conf *c = pd->c;
	struct error err = { 0 };
	int *cand = xcalloc((size_t)c->ndelegates + (size_t)a->nkeys + 1, sizeof(int)), nc = 0;

	*out = NULL;
	for (int i = 0; i < a->nkeys; i++)
		if ((cand[nc++] = print_find_delegate(c, a->keys[i], &err)) < 0) {
			free(cand);
			return fail("print", &err);
		}
	if (a->all || (a->has_since && !a->nkeys))
		for (int d = nc = 0; d < c->ndelegates; d++)
			cand[nc++] = d;
	*n = 0;
	*out = cand;
	if (changes_mark(db, pd, cand, nc, a->has_since ? a->since : -1, &err))
		return fail("print", &err);
	for (int i = 0; i < nc; i++)
		if (!a->has_since || pd->marks[cand[i]].changes)
			cand[(*n)++] = cand[i];
	return 0;
}

/* One calendar per delegate into directory dir (created if missing). */
static int ics_to_dir(const struct print_data *pd, const struct ics_seq *q, const int *ids, int n,
		      int day, const char *dir)
{
	struct print_timetable tt;
	struct error err = { 0 };
	struct str s;
	int rc = 0;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "convene print: %s: cannot make the folder: %s\n", dir,
			strerror(errno));
		return 2;
	}
	str_init(&s);
	print_timetable_init(&tt, pd);
	for (int i = 0; i < n && !rc; i++) {
		char *name = ics_file_name(&pd->c->delegates[ids[i]]);
		char *path = xasprintf("%s/%s", dir, name);

		str_clear(&s);
		print_timetable_build(&tt, pd, ids[i], day);
		if (ics_timetable(pd, q, &tt, &s, &err) ||
		    outfile_put_many(path, s.buf, s.len, &err))
			rc = fail("print", &err);
		free(path);
		free(name);
	}
	file_sync_all(dir);
	print_timetable_done(&tt);
	str_done(&s);
	return rc;
}

static int is_dir(const char *path)
{
	struct stat st;

	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int print_delegates(struct db *db, struct print_data *pd, const struct print_args *a,
			   enum print_format f, int day)
{
	struct error err = { 0 };
	struct print_timetable tt;
	struct ics_seq *q = NULL;
	struct str s;
	int *ids, n, rc;
	const char *fmt = f == FMT_PDF ? "pdf" : f == FMT_ICS ? "ics" : "text";

	if ((rc = pick_delegates(db, pd, a, &ids, &n))) {
		free(ids);
		return rc;
	}
	if (n == 0) {
		fprintf(stderr, "convene print: no delegate to print%s\n",
			a->has_since ? " (none is affected by later edits)" : "");
		free(ids);
		return 0;
	}
	str_init(&s);
	if (f == FMT_ICS)
		q = ics_seq_load(db, pd->c);
	if (f == FMT_PDF) {
		rc = pdf_timetables(pd, ids, n, day, a->out ? a->out : "-", &err)
			     ? fail("print", &err)
			     : 0;
	} else if (f == FMT_ICS && (is_dir(a->out) || (a->all && a->out))) {
		rc = ics_to_dir(pd, q, ids, n, day, a->out);
	} else if (f == FMT_ICS && n > 1) {
		fprintf(stderr, "convene print: several calendars need -o DIRECTORY\n");
		rc = 2;
	} else {
		print_timetable_init(&tt, pd);
		for (int i = 0; i < n && !rc; i++) {
			print_timetable_build(&tt, pd, ids[i], day);
			if (f == FMT_ICS) {
				rc = ics_timetable(pd, q, &tt, &s, &err) ? fail("print", &err) : 0;
				continue;
			}
			if (i)
				str_cat(&s, "\n\f\n");
			print_timetable_text(pd, &tt, &s);
		}
		print_timetable_done(&tt);
		if (!rc && f == FMT_ICS)
			rc = write_out("print", a->out, s.buf, s.len);
		else if (!rc)
			rc = write_text("print", a->out, s.buf, s.len);
	}
	if (!rc && a->record && db_readonly(db))
		fprintf(stderr,
			"convene print: %s may only be read here, so this print was not "
			"recorded (--changed-since and the change marks will not know of it)\n",
			db_path(db));
	else if (!rc && a->record && print_record(db, pd->c, ids, n, fmt, &err))
		rc = fail("print", &err);
	ics_seq_free(q);
	str_done(&s);
	free(ids);
	return rc;
}

static int find_session(const struct conf *c, const char *code, int *out)
{
	if (!code) {
		*out = -1;
		return 0;
	}
	if ((*out = conf_session_index(c, code)) < 0) {
		fprintf(stderr, "convene print: '%s' is not a session code\n", code);
		return 2;
	}
	return 0;
}

/* Door sheets, facilitators' and attendance lists: text, or PDF pages. */
static int print_sheet(const struct print_data *pd, const struct print_args *a, enum print_format f,
		       int day)
{
	const struct conf *c = pd->c;
	struct error err = { 0 };
	struct str s;
	int session, room, rc = 0;

	if ((rc = find_session(c, a->session, &session)))
		return rc;
	str_init(&s);
	if (a->mode == MODE_ROOM) {
		if ((room = print_find_room(c, a->room)) < 0) {
			fprintf(stderr, "convene print: '%s' is not a room\n", a->room);
			str_done(&s);
			return 2;
		}
		print_doors_text(pd, room, day, &s);
	} else if (a->mode == MODE_FACILITATORS) {
		print_facilitators_text(pd, session, &s);
	} else {
		print_attendance_text(pd, session, &s);
	}
	if (f == FMT_PDF)
		rc = pdf_text_pages(s.buf, a->out ? a->out : "-", &err) ? fail("print", &err) : 0;
	else
		rc = write_text("print", a->out, s.buf, s.len);
	str_done(&s);
	return rc;
}

static int print_run(struct db *db, const struct conf *c, const struct print_args *a,
		     enum print_format f)
{
	struct print_data pd;
	struct error err = { 0 };
	int rc, day = -1, session;
	long num;

	if (a->day) {
		for (int d = 0; d < c->ndays && parse_int(a->day, 1, 14, &num) == 0; d++)
			if (c->days[d].number == num)
				day = d;
		if (day < 0) {
			fprintf(stderr, "convene print: --day '%s' is not a day of the programme\n",
				a->day);
			return 2;
		}
	}
	if (print_data_load(db, c, &pd, &err))
		return fail("print", &err);
	switch (a->mode) {
	case MODE_DELEGATES:
		rc = print_delegates(db, &pd, a, f, day);
		break;
	case MODE_POSTER:
		rc = pdf_poster(c, a->out ? a->out : "-", &err) ? fail("print", &err) : 0;
		break;
	case MODE_SEATING:
		if (!(rc = find_session(c, a->session, &session)))
			rc = pdf_seating(&pd, session, a->out ? a->out : "-", &err)
				     ? fail("print", &err)
				     : 0;
		break;
	default:
		rc = print_sheet(&pd, a, f, day);
		break;
	}
	print_data_done(&pd);
	return rc;
}

/* Change notices for the delegates affected since --changed-since, as
 * text, an mbox or CSV; a batch sent is remembered (last-notice). */
static int print_notices(struct db *db, const struct print_args *a, enum print_format f)
{
	struct notice_options o = { NULL, time(NULL) };
	struct settings *cfg = settings_new();
	struct error err = { 0 };
	struct str out;
	int n = 0, rc;
	enum status st;

	settings_read_default(cfg, NULL);
	o.from = settings_string(cfg, "notice.from");
	str_init(&out);
	st = f == FMT_MBOX  ? notice_mbox(db, a->since, &o, &out, &n, &err)
	     : f == FMT_CSV ? notice_csv(db, a->since, &out, &n, &err)
			    : changes_notices(db, a->since, &out, &n, &err);
	settings_free(cfg);
	if (st) {
		str_done(&out);
		return fail("print", &err);
	}
	rc = write_text("print", a->out, out.buf ? out.buf : "", out.len);
	if (!rc && a->out)
		fprintf(stderr, "%d notices written to %s\n", n, a->out);
	if (!rc && n && a->record && db_readonly(db))
		fprintf(stderr,
			"convene print: %s may only be read here, so these notices were "
			"not recorded (last-notice will not know of them)\n",
			db_path(db));
	else if (!rc && n && a->record && notice_record(db, a->since, n, &err))
		rc = fail("print", &err);
	str_done(&out);
	return rc;
}

/* --changed-since last-notice: the edit that recorded the latest notices. */
static int since_last_notice(struct db *db, struct print_args *a)
{
	if (!a->since_notice)
		return 0;
	a->since = notice_last(db);
	if (a->since)
		return 0;
	fprintf(stderr,
		"convene print: no notices have been sent from %s yet: give the edit to "
		"start from, --changed-since N\n",
		db_path(db));
	return 2;
}

int cli_print(int argc, char **argv)
{
	struct print_args a = { .record = 1 };
	struct error err = { 0 };
	enum print_format f = FMT_TEXT;
	struct conf c;
	struct db *db;
	int rc = print_parse(argc, argv, &a);

	/* print_parse: -1 to go on, else the exit status (0 after --help). */
	if (rc < 0 && !(rc = parse_format(&a, &f)))
		rc = cli_open_doc("print", a.file, a.record ? DB_WRITE_IF_ABLE : DB_READONLY, NULL,
				  &db)
			     ?: -1;
	if (rc >= 0) {
		free(a.keys);
		return rc;
	}
	rc = since_last_notice(db, &a);
	if (!rc && f >= FMT_NOTICE) {
		rc = print_notices(db, &a, f);
	} else if (!rc && conf_load(db, &c, &err)) {
		rc = fail("print", &err);
	} else if (!rc) {
		rc = print_run(db, &c, &a, f);
		conf_done(&c);
	}
	db_close(db);
	free(a.keys);
	return rc;
}

int cli_export(int argc, char **argv)
{
	static const struct option longs[] = { { "format", required_argument, NULL, 'f' },
					       { "output", required_argument, NULL, 'o' },
					       { "no-bom", no_argument, NULL, 'B' },
					       { "help", no_argument, NULL, 'h' },
					       { NULL, 0, NULL, 0 } };
	const char *usage = "export FILE --format frab|csv|json|ics [-o PATH] [--no-bom]";
	const char *format = NULL, *out = NULL;
	struct error err = { 0 };
	struct print_data pd;
	struct conf c;
	struct db *db;
	struct str s;
	int ch, fmt, rc, bom = 1;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:o:h", longs, NULL)) != -1) {
		if (ch == 'f')
			format = optarg;
		else if (ch == 'o')
			out = optarg;
		else if (ch == 'B')
			bom = 0;
		else if (ch == 'h')
			return printf("usage: convene %s\nWrite the programme as frab schedule XML "
				      "(for conference apps), CSV (one row per placed session,\nfor "
				      "spreadsheets: with a UTF-8 byte-order mark unless --no-bom, and "
				      "cells that\nwould be formulas led by '), JSON (the whole "
				      "conference) or iCalendar.\n",
				      usage),
			       0;
		else
			return usage_error(usage);
	}
	if (optind != argc - 1 || !format)
		return usage_error(usage);
	if ((fmt = export_format_parse(format)) < 0) {
		fprintf(stderr, "convene export: --format '%s': write frab, csv, json or ics\n",
			format);
		return 2;
	}
	if ((rc = cli_open_doc("export", argv[optind], DB_READONLY, NULL, &db)))
		return rc;
	if (conf_load(db, &c, &err)) {
		db_close(db);
		return fail("export", &err);
	}
	str_init(&s);
	if (fmt == EXPORT_CSV && bom)
		str_cat(&s, EXPORT_CSV_BOM);
	if (print_data_load(db, &c, &pd, &err)) {
		rc = fail("export", &err);
	} else {
		rc = export_write(db, &pd, (enum export_format)fmt, &s, &err)
			     ? fail("export", &err)
			     : write_out("export", out, s.buf, s.len);
		print_data_done(&pd);
	}
	str_done(&s);
	conf_done(&c);
	db_close(db);
	return rc;
}

int cli_import_frab(const char *file, const char *xml)
{
	struct frab_result res;
	struct error err = { 0 };
	struct db *db;
	int rc;

	if ((rc = cli_open_doc("import", file, 0, NULL, &db)))
		return rc;
	frab_result_init(&res);
	if (frab_import(db, xml, &res, &err)) {
		rc = fail("import", &err);
	} else {
		safe_printf(stderr, "%s", res.warnings.buf ? res.warnings.buf : "");
		safe_printf(stdout,
			    "%s: %d events (%d placed); added %d days, %d rooms, %d speakers\n",
			    xml, res.sessions, res.placed, res.days, res.rooms, res.speakers);
	}
	frab_result_done(&res);
	db_close(db);
	return rc;
}
