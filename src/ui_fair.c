/* The breakout allocation on the screen, for the delegates pane: its worst
 * off (B: the list shows only them, worst first, with what each got, under
 * the rank profile), and one delegate's breakouts slot by slot in a pick
 * list (b, or Enter on one of the worst off): their ranked choices, what
 * they got and the seats taken, with the World Cafes and carousels they
 * are in. Enter on another breakout previews putting them there
 * (fair_allocate, a dry run, as `convene allocate --dry-run`); Enter on
 * the preview makes exactly that decision, which fair_allocate checks
 * inside its write: if the file now decides otherwise, nothing is written
 * and the preview is shown again as the file now is. W on a session takes
 * them out of that one alone (fair_withdraw), asked first as W on the list
 * is. Everything is read from the file through fair.h, so the numbers are
 * the ones `solve` reports. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/fair.h"
#include "convene/plan.h"
#include "convene/print.h"
#include "convene/ui_pane.h"

/* What a line of a delegate's pick list is to them. */
enum line_what { LINE_HEAD, LINE_HELD, LINE_CHOSEN, LINE_OTHER };

struct ui_fair {
	int worst;  /* the list shows only the worst off */
	int loaded; /* st holds the allocation */
	struct fair_standing st;
	/* The pick list of one delegate: whose, and what each line is. */
	int64_t who;
	int64_t *session;        /* per line: a session id, 0 for a heading */
	unsigned char *what;     /* per line: enum line_what */
	unsigned char *breakout; /* per line: a breakout, not a cafe or carousel */
	int nlines;
	/* The place by hand being previewed: the delegate, the breakout and
	 * the decision the preview showed. */
	char *move_who, *move_name, *move_code, *move_plan;
};

struct ui_fair *ui_fair_new(void)
{
	return xcalloc(1, sizeof(struct ui_fair));
}

static void lines_done(struct ui_fair *f)
{
	free(f->session);
	free(f->what);
	free(f->breakout);
	f->session = NULL;
	f->what = f->breakout = NULL;
	f->nlines = 0;
}

static void move_done(struct ui_fair *f)
{
	free(f->move_who);
	free(f->move_name);
	free(f->move_code);
	free(f->move_plan);
	f->move_who = f->move_name = f->move_code = f->move_plan = NULL;
}

void ui_fair_free(struct ui_fair *f)
{
	if (!f)
		return;
	if (f->loaded)
		fair_standing_done(&f->st);
	lines_done(f);
	move_done(f);
	free(f);
}

/* The delegates pane's own state, wherever the screen is. */
static struct ui_fair *fair_of(struct ui *ui)
{
	for (int i = 0; i < UI_NPANES; i++)
		if (ui->panes[i].ops == &ui_delegates_ops)
			return ui->panes[i].data;
	return NULL;
}

/* Read the stored allocation; a message when it cannot be. */
static int load(struct ui *ui, struct ui_fair *f)
{
	struct plan_options opt = { 0 };
	struct error err = { 0 };

	if (f->loaded)
		fair_standing_done(&f->st);
	plan_options_from_settings(&opt, ui->cfg);
	f->loaded = fair_standing_load(ui->db, &opt, &f->st, &err) == ST_OK;
	if (!f->loaded)
		ui_message(ui, 1, "reading the allocation failed: %s", err.msg ? err.msg : "");
	error_clear(&err);
	return f->loaded;
}

/* Whether any breakout place is stored. */
static int allocated(const struct ui_fair *f)
{
	for (int b = 0; b < f->st.run.pb.nsessions; b++)
		if (f->st.load[b])
			return 1;
	return 0;
}

int ui_fair_worst(const struct ui_fair *f)
{
	return f && f->worst;
}

unsigned ui_fair_toggle(struct ui *ui, struct ui_fair *f)
{
	if (f->worst) {
		f->worst = 0;
		ui_message(ui, 0, "every delegate; B lists the worst off of the allocation");
		return REDRAW_ALL;
	}
	if (!load(ui, f))
		return REDRAW_STATUS;
	if (!allocated(f)) {
		ui_message(ui, 1, "the breakouts are not allocated yet: R allocates them");
		return REDRAW_STATUS;
	}
	f->worst = 1;
	ui_message(ui, 0,
		   "%d not given all their first choices, worst off first; Enter opens one, B "
		   "lists everyone",
		   f->st.nworst);
	return REDRAW_ALL;
}

int ui_fair_count(const struct ui_fair *f)
{
	return f->loaded ? f->st.nworst : 0;
}

int ui_fair_row(const struct ui *ui, const struct ui_fair *f, int row)
{
	if (!f->loaded || row < 0 || row >= f->st.nworst)
		return -1;
	return conf_delegate_at(&ui->conf, f->st.run.c.delegates[f->st.worst[row]].id);
}

void ui_fair_got(const struct ui *ui, const struct ui_fair *f, int d, struct str *out)
{
	int k = f->loaded ? conf_delegate_at(&f->st.run.c, ui->conf.delegates[d].id) : -1;

	if (k >= 0)
		fair_standing_got(&f->st, k, out);
}

void ui_fair_head(const struct ui_fair *f, struct str *out)
{
	if (!f->loaded)
		return;
	str_catf(out,
		 "Breakouts (%s, lottery seed %llu): ", alloc_objective_name(f->st.run.pb.objective),
		 (unsigned long long)f->st.run.pb.seed);
	alloc_profile_text(&f->st.profile, out);
	str_catf(out, "; %d worst off, worst first", f->st.nworst);
}

/* ---- one delegate's pick list ------------------------------------------ */

/* One more line of the pick list (a newline before all but the first);
 * returns its index. */
static int add_line(struct ui_fair *f, struct str *text, int64_t session, enum line_what what,
		    int breakout)
{
	int i = f->nlines++;

	f->session = xreallocarray(f->session, (size_t)f->nlines, sizeof(*f->session));
	f->what = xreallocarray(f->what, (size_t)f->nlines, 1);
	f->breakout = xreallocarray(f->breakout, (size_t)f->nlines, 1);
	f->session[i] = session;
	f->what[i] = (unsigned char)what;
	f->breakout[i] = (unsigned char)breakout;
	if (i)
		str_cat(text, "\n");
	return i;
}

/* Two lines: a blank one, then a heading to come. */
static void add_heading(struct ui_fair *f, struct str *text)
{
	add_line(f, text, 0, LINE_HEAD, 0);
	add_line(f, text, 0, LINE_HEAD, 0);
}

/* Text from the file on one line, never a control character. */
static void cat_line(struct str *out, const char *text)
{
	str_cat_safe(out, text, strlen(text), SAFE_SPACE);
}

/* A breakout's rank among the delegate's choices, in a column: "1st" or "-". */
static void rank_cell(int r, struct str *out)
{
	struct str w;

	str_init(&w);
	if (r > 0)
		alloc_rank_text(r, &w);
	str_pad(out, r > 0 ? w.buf : "-", 9);
	str_done(&w);
}

/* The widest breakout code, in columns. */
static int code_width(const struct ui_fair *f)
{
	int width = 4;

	for (int b = 0; b < f->st.run.pb.nsessions; b++)
		if (utf8_width(f->st.run.sessions[b]->code) > width)
			width = utf8_width(f->st.run.sessions[b]->code);
	return width;
}

/* The breakouts of group g in the order shown: the delegate's choices
 * there by rank, then the others by code; returns how many. */
static int group_order(const struct ui_fair *f, int d, int g, int *out)
{
	const struct fair_standing *s = &f->st;
	int n = 0, nchosen = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int b = 0; b < s->run.pb.nsessions; b++) {
			int r = breakout_rank(&s->run.pb, s->group, d, b);

			if (s->group[b] != g || s->run.sessions[b]->cancelled ||
			    (pass == 0) != (r > 0))
				continue;
			out[n++] = b;
			nchosen += pass == 0;
		}
	/* The choices by rank (a few, so by insertion). */
	for (int i = 1; i < nchosen; i++) {
		int b = out[i], r = breakout_rank(&s->run.pb, s->group, d, b), j = i;

		for (; j > 0 && breakout_rank(&s->run.pb, s->group, d, out[j - 1]) > r; j--)
			out[j] = out[j - 1];
		out[j] = b;
	}
	return n;
}

/* A slot's heading: "Day 1 13:45-14:45: none of their choices". */
static void slot_head(const struct ui_fair *f, int d, int g, const int *bs, int n, struct str *t)
{
	const struct fair_standing *s = &f->st;
	int have = s->assign[(size_t)d * s->ngroups + g], t0 = 1 << 30, t1 = 0;
	int r = breakout_outcome(&s->run.pb, s->group, g, d, have);
	char a[6], b[6];

	for (int i = 0; i < n; i++) {
		t0 = s->run.bs[bs[i]].start < t0 ? s->run.bs[bs[i]].start : t0;
		t1 = s->run.bs[bs[i]].end > t1 ? s->run.bs[bs[i]].end : t1;
	}
	str_catf(t, "Day %d %s-%s: ", s->run.c.days[s->run.sessions[bs[0]]->day].number,
		 time_format(t0, a), time_format(t1, b));
	if (have == BREAKOUT_NONE) {
		str_cat(t, r == ALLOC_NONE ? "none of their choices" : "nothing");
		return;
	}
	str_catf(t, "%s, ", s->run.sessions[have]->code);
	if (r > 0) {
		str_cat(t, "their ");
		alloc_rank_text(r, t);
		str_cat(t, " choice");
	} else {
		str_cat(t, "not one of their choices");
	}
	if (breakout_pinned(&s->run.pb, s->group, d, g) == have)
		str_cat(t, ", set by hand");
}

/* One breakout as a line: " ▶ 1st      T04       35/50       Title". */
static void breakout_line(const struct ui_fair *f, int d, int b, int width, struct str *t)
{
	const struct fair_standing *s = &f->st;
	int seats = s->run.bs[b].capacity, have = s->assign[(size_t)d * s->ngroups + s->group[b]];
	char *taken = seats >= 0 ? xasprintf("%d/%d%s", s->load[b], seats,
					     s->load[b] >= seats ? " full" : "")
				 : xasprintf("%d", s->load[b]);

	str_cat(t, have == b ? " ▶ " : "   ");
	rank_cell(breakout_rank(&s->run.pb, s->group, d, b), t);
	str_pad(t, s->run.sessions[b]->code, width + 2);
	str_pad(t, taken, 12);
	cat_line(t, s->run.sessions[b]->title);
	free(taken);
}

/* The slots where delegate d (of the allocation) chose or has a breakout;
 * returns the line of the first breakout of the first slot where they
 * have none (-1: none such). */
static int add_slots(struct ui_fair *f, int d, struct str *t)
{
	const struct fair_standing *s = &f->st;
	int *bs = xcalloc((size_t)s->run.pb.nsessions + 1, sizeof(int)), width = code_width(f);
	int first = -1;

	for (int g = 0; g < s->ngroups; g++) {
		int n = group_order(f, d, g, bs), have = s->assign[(size_t)d * s->ngroups + g];

		if (!n ||
		    (have == BREAKOUT_NONE && breakout_rank(&s->run.pb, s->group, d, bs[0]) == 0))
			continue;
		add_heading(f, t);
		slot_head(f, d, g, bs, n, t);
		if (first < 0 && have == BREAKOUT_NONE)
			first = f->nlines;
		for (int i = 0; i < n; i++) {
			int r = breakout_rank(&s->run.pb, s->group, d, bs[i]);

			add_line(f, t, s->run.sessions[bs[i]]->id,
				 have == bs[i] ? LINE_HELD
				 : r > 0       ? LINE_CHOSEN
					       : LINE_OTHER,
				 1);
			breakout_line(f, d, bs[i], width, t);
		}
	}
	free(bs);
	return first;
}

/* The World Cafes and carousels in delegate d's programme (an index of
 * ui->conf), by its one definition (print.h), to take them out of. */
static void add_activities(struct ui *ui, struct ui_fair *f, int d, struct str *t)
{
	struct print_data pd;
	struct print_timetable tt;
	struct error err = { 0 };
	int heading = 0;

	if (print_data_load(ui->db, &ui->conf, &pd, &err)) {
		error_clear(&err);
		return;
	}
	print_timetable_init(&tt, &pd);
	print_timetable_build(&tt, &pd, d, -1);
	for (int i = 0; i < tt.n; i++) {
		const struct session *s = &ui->conf.sessions[tt.e[i].session];

		if (s->kind != KIND_WORLD_CAFE && s->kind != KIND_CAROUSEL)
			continue;
		if (!heading++) {
			add_heading(f, t);
			str_cat(t, "World Cafes and carousels");
		}
		add_line(f, t, s->id, LINE_HELD, 0);
		str_cat(t, " ▶ ");
		str_pad(t, s->kind == KIND_WORLD_CAFE ? "cafe" : "carousel", 9);
		str_pad(t, s->code, code_width(f) + 2);
		str_pad(t, "", 12);
		cat_line(t, s->title);
	}
	print_timetable_done(&tt);
	print_data_done(&pd);
}

/* The two lines above the slots: what they got, and where they stand. */
static void add_top(struct ui_fair *f, const struct delegate *dl, int k, struct str *t)
{
	char *name = delegate_name(dl);
	int place = -1;

	add_line(f, t, 0, LINE_HEAD, 0);
	cat_line(t, name);
	str_cat(t, " <");
	cat_line(t, dl->email);
	str_cat(t, ">: ");
	if (k >= 0)
		fair_standing_got(&f->st, k, t);
	for (int i = 0; k >= 0 && i < f->st.nworst; i++)
		place = f->st.worst[i] == k ? i : place;
	add_line(f, t, 0, LINE_HEAD, 0);
	if (place >= 0)
		str_catf(t, "worst off: %d of the %d not given all their first choices", place + 1,
			 f->st.nworst);
	else
		str_cat(t, "given their first choice in every slot they chose in");
	add_heading(f, t);
	str_cat(t, "   Choice   ");
	str_pad(t, "Code", code_width(f) + 2);
	str_cat(t, "Taken/seats Title");
	free(name);
}

static unsigned pick_act(struct ui *ui, void *arg, int line, enum ui_action a);

/* Build and show delegate d's pick list (ui->conf index), the cursor on
 * the line of session keep if it is there, else on their worst slot. */
static unsigned open_list(struct ui *ui, struct ui_fair *f, int d, int64_t keep)
{
	const struct delegate *dl = &ui->conf.delegates[d];
	int k = conf_delegate_at(&f->st.run.c, dl->id), cursor;
	char *name = delegate_name(dl), *title = xasprintf("%s's breakouts", name);
	unsigned char *pickable;
	struct str t;
	unsigned r;

	str_init(&t);
	lines_done(f);
	f->who = dl->id;
	add_top(f, dl, k, &t);
	cursor = k >= 0 ? add_slots(f, k, &t) : -1;
	add_activities(ui, f, d, &t);
	pickable = xcalloc((size_t)f->nlines + 1, 1);
	for (int i = 0; i < f->nlines; i++) {
		pickable[i] = f->session[i] != 0;
		cursor = keep && f->session[i] == keep ? i : cursor;
	}
	r = ui_pick(ui, title, str_steal(&t), pickable, cursor < 0 ? 0 : cursor, pick_act, f,
		    "Enter puts them in it (a preview first), W takes them out, Esc closes");
	free(title);
	free(name);
	return r;
}

unsigned ui_fair_open(struct ui *ui, struct ui_fair *f, int d)
{
	if (!load(ui, f))
		return REDRAW_STATUS;
	return open_list(ui, f, d, 0);
}

void ui_fair_reload(struct ui *ui, struct ui_fair *f)
{
	int open = ui->view && ui->view_pick == pick_act && ui->view_pick_arg == f;
	int d = open ? conf_delegate_at(&ui->conf, f->who) : -1;
	int64_t keep = open && ui->view_cursor >= 0 && ui->view_cursor < f->nlines
			       ? f->session[ui->view_cursor]
			       : 0;

	if (!f->worst && !open)
		return;
	if (!load(ui, f)) {
		f->worst = 0;
		return;
	}
	if (open && d >= 0)
		open_list(ui, f, d, keep);
}

/* ---- a place by hand, previewed ---------------------------------------- */

static enum status move_apply(struct ui *ui, int64_t unused, struct error *err);

/* Preview putting the delegate in session sid (fair_allocate's dry run);
 * again, when not NULL, says why it is shown again. */
static unsigned move_preview(struct ui *ui, struct ui_fair *f, int64_t sid, const char *again)
{
	int d = conf_delegate_at(&ui->conf, f->who), s = conf_session_at(&ui->conf, sid);
	struct plan_options opt = { 0 };
	struct onday_report rep;
	struct error err = { 0 };
	char *title, *done;
	unsigned r;

	if (d < 0 || s < 0) {
		ui_message(ui, 1, "that delegate or session is no longer in the file");
		return REDRAW_ALL;
	}
	move_done(f);
	f->move_who = xstrdup(*ui->conf.delegates[d].email ? ui->conf.delegates[d].email
							   : ui->conf.delegates[d].first_name);
	f->move_name = delegate_name(&ui->conf.delegates[d]);
	f->move_code = xstrdup(ui->conf.sessions[s].code);
	plan_options_from_settings(&opt, ui->cfg);
	onday_report_init(&rep);
	if (fair_allocate(ui->db, f->move_who, f->move_code, &opt, FAIR_FORCE | FAIR_DRY_RUN, NULL,
			  &rep, &err)) {
		ui_message(ui, 1, "%s", err.msg ? err.msg : "cannot put them there");
		error_clear(&err);
		onday_report_done(&rep);
		return REDRAW_ALL;
	}
	f->move_plan = xstrdup(json_string_value(json_object_get(rep.json, "plan")));
	title = xasprintf("Put %s in %s: %s%s", f->move_name, f->move_code,
			  again ? again : "preview",
			  json_array_size(json_object_get(rep.json, "warnings"))
				  ? "; Enter puts them there all the same"
				  : "");
	done = xasprintf("put %s in %s", f->move_name, f->move_code);
	r = ui_preview(ui, title, str_steal(&rep.text), move_apply, 0, done,
		       "dropped: nothing was changed");
	free(title);
	free(done);
	onday_report_done(&rep);
	return r;
}

/* Enter on the preview: put the delegate there as previewed; when the
 * file decides otherwise now, nothing is written and the preview is shown
 * again as the file is. */
static enum status move_apply(struct ui *ui, int64_t unused, struct error *err)
{
	struct ui_fair *f = fair_of(ui);
	struct plan_options opt = { 0 };
	struct onday_report rep;
	enum status st;
	char *title;
	int s;

	(void)unused;
	if (!f || !f->move_plan)
		return error_set(err, ST_INPUT, "nothing is previewed");
	plan_options_from_settings(&opt, ui->cfg);
	onday_report_init(&rep);
	st = fair_allocate(ui->db, f->move_who, f->move_code, &opt, FAIR_FORCE, f->move_plan, &rep,
			   err);
	if (!st) {
		title = xasprintf("%s put in %s", f->move_name, f->move_code);
		ui_view(ui, title, str_steal(&rep.text));
		free(title);
	} else if ((s = conf_session_index(&ui->conf, f->move_code)) >= 0) {
		move_preview(ui, f, ui->conf.sessions[s].id, "the file changed; this is it now");
	}
	onday_report_done(&rep);
	return st;
}

/* ---- out of one session ------------------------------------------------- */

/* W answered yes: the delegate leaves session sid alone (fair_withdraw);
 * whose day changed is shown. */
enum status ui_withdraw(struct ui *ui, int d, const char *code, struct error *err)
{
	const struct delegate *del = &ui->conf.delegates[d];
	struct plan_options opt = { 0 };
	struct onday_report rep;
	char *name = delegate_name(del), *title;
	enum status st = ui_onday_options(ui, &opt, err);

	onday_report_init(&rep);
	if (!st)
		st = fair_withdraw(ui->db, *del->email ? del->email : name, code, &opt, &rep, err);
	if (!st) {
		title = code ? xasprintf("%s withdrawn from %s", name, code)
			     : xasprintf("%s withdrawn", name);
		ui_view(ui, title, str_steal(&rep.text));
		free(title);
	}
	onday_report_done(&rep);
	free(name);
	return st;
}

static enum status withdraw_one_yes(struct ui *ui, int64_t sid, struct error *err)
{
	struct ui_fair *f = fair_of(ui);
	int d = f ? conf_delegate_at(&ui->conf, f->who) : -1, s = conf_session_at(&ui->conf, sid);

	if (d < 0 || s < 0)
		return error_set(err, ST_INPUT, "that delegate or session is no longer in the file");
	return ui_withdraw(ui, d, ui->conf.sessions[s].code, err);
}

/* W on a line: ask, as W on the list does, before taking them out of it. */
static unsigned withdraw_one(struct ui *ui, struct ui_fair *f, int line)
{
	int d = conf_delegate_at(&ui->conf, f->who),
	    s = conf_session_at(&ui->conf, f->session[line]);
	char *name, *done;
	unsigned r;

	if (d < 0 || s < 0) {
		ui_message(ui, 1, "that delegate or session is no longer in the file");
		return REDRAW_STATUS;
	}
	name = delegate_name(&ui->conf.delegates[d]);
	if (f->what[line] == LINE_OTHER) {
		ui_message(ui, 1, "%s has no place or choice in %s to take them out of", name,
			   ui->conf.sessions[s].code);
		free(name);
		return REDRAW_STATUS;
	}
	done = xasprintf("withdrew %s from %s", name, ui->conf.sessions[s].code);
	if (f->what[line] == LINE_CHOSEN)
		r = ui_confirm(ui, withdraw_one_yes, f->session[line], done,
			       "%s does not want %s: forget their choice of it?", name,
			       ui->conf.sessions[s].code);
	else
		r = ui_confirm(ui, withdraw_one_yes, f->session[line], done,
			       "%s leaves %s only: free their %s?", name, ui->conf.sessions[s].code,
			       f->breakout[line] ? "place for the first on its waitlist"
						 : "seats in it");
	free(name);
	free(done);
	return r;
}

static unsigned pick_act(struct ui *ui, void *arg, int line, enum ui_action a)
{
	struct ui_fair *f = arg;

	if (line < 0 || line >= f->nlines || !f->session[line])
		return 0;
	if (a == ACT_WITHDRAW)
		return withdraw_one(ui, f, line);
	if (a != ACT_SELECT)
		return 0;
	if (!f->breakout[line]) {
		ui_message(ui, 0,
			   "World Cafe tables and carousel stations come from R; W takes them out");
		return REDRAW_STATUS;
	}
	if (f->what[line] == LINE_HELD) {
		ui_message(ui, 0, "they are in it already; W takes them out of it");
		return REDRAW_STATUS;
	}
	return move_preview(ui, f, f->session[line], NULL);
}
