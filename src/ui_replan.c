/* The screen's side of the re-planner: any disruption (a room closed for a
 * while, a speaker late) is previewed first, as `--dry-run` reports it;
 * Enter applies exactly that, if the file is still as previewed, and then
 * offers to print the timetables it changed; Esc drops it. The disruption
 * waiting for its Enter is kept in ui->replan. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/changes.h"
#include "convene/journal.h"
#include "convene/ui_pane.h"

void ui_replan_done(struct ui *ui)
{
	free(ui->replan.name);
	free(ui->replan.title);
	memset(&ui->replan, 0, sizeof(ui->replan));
}

enum status ui_onday_options(struct ui *ui, struct plan_options *opt, struct error *err)
{
	struct replan_options o;
	enum status st = replan_options_from_settings(&o, ui->cfg, &ui->conf, err);

	if (st)
		return st;
	*opt = o.plan;
	opt->now_day = ui->replan.now_day ? ui->replan.now_day : o.now_day;
	opt->now = ui->replan.now_day ? ui->replan.now : o.now;
	return ST_OK;
}

/* Run the pending re-plan; dry: only report. */
static enum status run(struct ui *ui, int dry, int64_t expect, struct onday_report *rep,
		       struct error *err)
{
	struct replan_event ev = ui->replan.ev;
	struct replan_options o;
	enum status st;

	ev.room = ev.speaker = ev.session = ui->replan.name;
	if ((st = replan_options_from_settings(&o, ui->cfg, &ui->conf, err)))
		return st;
	if (ui->replan.now_day) {
		o.now_day = ui->replan.now_day;
		o.now = ui->replan.now;
	}
	o.dry_run = dry;
	o.expect = expect;
	o.plan.progress = ui_solver_progress;
	o.plan.progress_arg = ui;
	return replan(ui->db, &ev, &o, rep, err);
}

/* After a re-plan: print the timetables of those whose day it changed. */
static enum status print_changed(struct ui *ui, int64_t edit, struct error *err)
{
	struct changes ch;
	int *ids, n = 0;
	enum status st = changes_between(ui->db, edit - 1, edit, &ch, err);

	if (st)
		return st;
	ids = xcalloc((size_t)ch.n + 1, sizeof(int));
	for (int i = 0; i < ch.n; i++) {
		int d = conf_delegate_at(&ui->conf, changes_delegate_id(&ch, i));

		if (d >= 0)
			ids[n++] = d;
	}
	changes_done(&ch);
	ui_print_timetables(ui, ids, n, "changed");
	free(ids);
	return ST_OK;
}

/* Enter on the preview: the re-plan itself, if the file is as previewed;
 * then what it did, with Enter to print the timetables it changed. */
static enum status apply(struct ui *ui, int64_t mark, struct error *err)
{
	struct onday_report rep;
	enum status st;
	char *title;

	onday_report_init(&rep);
	st = run(ui, 0, mark, &rep, err);
	if (!st) {
		title = xasprintf("%s: done. Enter prints the %d timetables that changed",
				  ui->replan.title, rep.affected);
		ui_preview(ui, title, str_steal(&rep.text), print_changed,
			   journal_last_edit(ui->db), "", "done; their timetables were not printed");
		free(title);
	}
	onday_report_done(&rep);
	return st;
}

unsigned ui_replan(struct ui *ui, const struct replan_event *ev, const char *name,
		   const char *title, int now_day, int now)
{
	struct onday_report rep;
	struct error err = { 0 };
	int64_t mark = journal_last_edit(ui->db);
	char *head, *done;
	struct str said;
	enum status st;
	unsigned r;

	ui_replan_done(ui);
	ui->replan.ev = *ev;
	ui->replan.name = xstrdup(name);
	ui->replan.title = xstrdup(title);
	ui->replan.now_day = now_day;
	ui->replan.now = now;
	onday_report_init(&rep);
	st = run(ui, 1, 0, &rep, &err);
	if (st > ST_PROBLEM) {
		ui_message(ui, 1, "%s", err.msg ? err.msg : "the re-plan failed");
		error_clear(&err);
		onday_report_done(&rep);
		return REDRAW_ALL;
	}
	head = xasprintf("%s: %s", title, st ? "no whole programme" : "preview");
	str_init(&said);
	str_catf(&said, "%s: %d moved, ", title, rep.moved);
	changes_say_affected(&said, rep.affected);
	done = str_steal(&said);
	if (st) {
		str_catf(&rep.text, "\n%s\n", err.msg ? err.msg : "");
		r = ui_view(ui, head, str_steal(&rep.text));
	} else {
		r = ui_preview(ui, head, str_steal(&rep.text), apply, mark, done,
			       "dropped: nothing was changed");
	}
	error_clear(&err);
	free(head);
	free(done);
	onday_report_done(&rep);
	return r;
}
