/* Printing and export from the screen: every output `convene print` and
 * `convene export` make, written beside the conference file (FILE.convene
 * gives FILE-doors.pdf, FILE-frab.xml ...), whole or not at all. A long
 * print says how far it has got on the status line, and Esc stops it with
 * nothing written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/changes.h"
#include "convene/export.h"
#include "convene/pdf.h"
#include "convene/print.h"
#include "convene/ui_pane.h"

/* FILE-suffix beside the conference file (allocated). */
static char *beside(const struct ui *ui, const char *suffix)
{
	const char *file = db_path(ui->db);
	const char *dot = strrchr(file, '.');
	int len = dot && strcmp(dot, ".convene") == 0 ? (int)(dot - file) : (int)strlen(file);

	return xasprintf("%.*s%s", len, file, suffix);
}

struct progress {
	struct ui *ui;
	double last;
};

/* Say how far a print has got, at most every 50 ms; Esc stops it. */
static int progress(int done, int total, void *arg)
{
	struct progress *p = arg;
	double t = now_seconds();

	if (t - p->last < 0.05 && done < total)
		return 0;
	p->last = t;
	return ui_progress(p->ui,
			   "printing timetables: %d of %d  (Esc stops; nothing is written "
			   "then)",
			   done, total);
}

/* The same while the print is recorded, when it can no longer be stopped. */
static int recording(int done, int total, void *arg)
{
	struct progress *p = arg;
	double t = now_seconds();

	if (t - p->last < 0.05)
		return 0;
	p->last = t;
	ui_progress(p->ui, "recording the print: %d of %d", done, total);
	return 0;
}

unsigned ui_print_timetables(struct ui *ui, const int *ids, int n, const char *name)
{
	char *suffix = xasprintf("-%s.pdf", name);
	char *path = beside(ui, suffix);
	struct print_data pd;
	struct error err = { 0 };
	struct progress pr = { ui, 0 };
	enum status st;

	ui_progress(ui, "reading %d timetable%s...", n, n == 1 ? "" : "s");
	st = print_data_load(ui->db, &ui->conf, &pd, &err);
	ui_progress(ui, "marking what changed since each delegate's last print...");
	if (!st) {
		st = changes_mark(ui->db, &pd, ids, n, -1, &err);
		ui_progress(ui, "printing timetables: 0 of %d", n);
		if (!st)
			st = pdf_timetables_progress(&pd, ids, n, -1, path, n > 1 ? progress : NULL,
						     &pr, &err);
		print_data_done(&pd);
	}
	if (!st) {
		st = print_record_progress(ui->db, &ui->conf, ids, n, "pdf", recording, &pr, &err);
	}
	if (st)
		ui_message(ui, 1, "%s", err.msg ? err.msg : "printing failed");
	else
		ui_message(ui, 0, "printed %d timetable%s to %s", n, n == 1 ? "" : "s", path);
	error_clear(&err);
	free(path);
	free(suffix);
	return REDRAW_ALL;
}

/* ---- the print menu ---------------------------------------------------- */

enum output {
	OUT_TIMETABLES = 1,
	OUT_DOORS,
	OUT_FACILITATORS,
	OUT_SEATING,
	OUT_POSTER,
	OUT_FRAB,
	OUT_CSV,
	OUT_JSON,
	OUT_ICS,
};

static const struct {
	enum output what;
	const char *suffix;
	const char *label;
} outputs[] = {
	{ OUT_TIMETABLES, "-timetables.pdf",
	  "every delegate's timetable, a page each, changes marked" },
	{ OUT_DOORS, "-doors.pdf", "door sheets: what is on in each room, each day" },
	{ OUT_FACILITATORS, "-facilitators.pdf",
	  "facilitators' lists: who is at each table and station" },
	{ OUT_SEATING, "-seating.pdf", "seating charts of every World Cafe, a page a round" },
	{ OUT_POSTER, "-poster.pdf", "the programme at a glance, A3" },
	{ OUT_FRAB, "-frab.xml", "frab schedule XML, for conference apps" },
	{ OUT_CSV, ".csv", "the programme as CSV, a row per session" },
	{ OUT_JSON, ".json", "the whole plan as JSON" },
	{ OUT_ICS, ".ics", "the programme as an iCalendar file" },
};

/* A sheet or an export: text laid out as PDF pages, or written as it is. */
static enum status write_text(const char *text, int pdf, const char *path, struct error *err)
{
	struct outfile o;

	if (pdf)
		return pdf_text_pages(text, path, err);
	if (outfile_open(&o, path, err))
		return ST_IO;
	outfile_write(&o, text, strlen(text));
	return outfile_commit(&o, err);
}

static enum status output(struct ui *ui, enum output what, const char *path, struct error *err)
{
	struct print_data pd;
	struct str s;
	enum status st;

	if (print_data_load(ui->db, &ui->conf, &pd, err))
		return ST_IO;
	str_init(&s);
	switch (what) {
	case OUT_DOORS:
		print_doors_text(&pd, -1, -1, &s);
		st = s.len ? write_text(s.buf, 1, path, err)
			   : error_set(err, ST_INPUT, "no room has anything placed in it yet");
		break;
	case OUT_FACILITATORS:
		print_facilitators_text(&pd, -1, &s);
		st = s.len ? write_text(s.buf, 1, path, err)
			   : error_set(err, ST_INPUT, "no World Cafe or carousel is seated yet");
		break;
	case OUT_SEATING:
		st = pdf_seating(&pd, -1, path, err);
		break;
	case OUT_POSTER:
		st = pdf_poster(&ui->conf, path, err);
		break;
	default:
		if (what == OUT_CSV)
			str_cat(&s, EXPORT_CSV_BOM);
		st = export_write(ui->db, &pd,
				  what == OUT_FRAB   ? EXPORT_FRAB
				  : what == OUT_CSV  ? EXPORT_CSV
				  : what == OUT_JSON ? EXPORT_JSON
						     : EXPORT_ICS,
				  &s, err);
		if (!st)
			st = write_text(s.buf ? s.buf : "", 0, path, err);
		break;
	}
	str_done(&s);
	print_data_done(&pd);
	return st;
}

static unsigned chosen(struct ui *ui, int k)
{
	struct error err = { 0 };
	char *path;
	int *ids;
	unsigned r;

	if (k < 1 || k > (int)ARRAY_SIZE(outputs))
		return 0;
	if (outputs[k - 1].what == OUT_TIMETABLES) {
		if (!ui->conf.ndelegates) {
			ui_message(ui, 1, "there are no delegates to print");
			return REDRAW_STATUS;
		}
		ids = xcalloc((size_t)ui->conf.ndelegates, sizeof(int));
		for (int i = 0; i < ui->conf.ndelegates; i++)
			ids[i] = i;
		r = ui_print_timetables(ui, ids, ui->conf.ndelegates, "timetables");
		free(ids);
		return r;
	}
	path = beside(ui, outputs[k - 1].suffix);
	ui_progress(ui, "writing %s...", path);
	if (output(ui, outputs[k - 1].what, path, &err))
		ui_message(ui, 1, "%s", err.msg ? err.msg : "writing failed");
	else
		ui_message(ui, 0, "wrote %s", path);
	error_clear(&err);
	free(path);
	return REDRAW_ALL;
}

unsigned ui_print_menu(struct ui *ui)
{
	struct str t;

	str_init(&t);
	str_cat(&t, "Press a number to write it beside the conference file; Esc closes.\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(outputs); i++) {
		char *path = beside(ui, outputs[i].suffix);
		const char *base = strrchr(path, '/');

		str_catf(&t, "%zu  %s\n   %s\n", i + 1, outputs[i].label, base ? base + 1 : path);
		free(path);
	}
	str_cat(&t, "\nA delegate's own timetable: o on their row in the delegates pane (4).\n");
	return ui_menu(ui, "Print or export", str_steal(&t), chosen);
}
