/* The organiser's screen: the main loop, the layout and the services the
 * panes share. Handlers (here and in each ui_*.c pane) change state and
 * return flags; ui_frame is the only place that draws, with wnoutrefresh
 * on each window and one doupdate. A resize only asks for RELAYOUT, which
 * rebuilds every window from LINES and COLS. The loop waits for a key at
 * most ui.refresh_ms, then asks SQLite whether another process committed,
 * and reloads the snapshot (conf_load, programme_check) if so. */
#include "config.h"

#include "convene/ui.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "convene/fold.h"
#include "convene/journal.h"
#include "convene/plan.h"
#include "convene/ui_draw.h"
#include "convene/ui_form.h"
#include "convene/ui_pane.h"

#define MIN_COLS 64
#define MIN_LINES 16
#define WIDE_COLS 160
#define PICK_WIDTH (1 << 16) /* a pick list's lines are not wrapped */

static const struct pane_ops *const pane_table[UI_NPANES] = {
	&ui_sessions_ops,  &ui_speakers_ops, &ui_rooms_ops,
	&ui_delegates_ops, &ui_grid_ops,     &ui_problems_ops,
};

static int screen_up;
static WINDOW *input_win;
static WINDOW *popup;

static void restore_terminal(void)
{
	if (screen_up && !isendwin())
		endwin();
}

void ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	struct str s;
	va_list ap;

	str_init(&s);
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	free(ui->message);
	ui->message = str_steal(&s);
	ui->message_error = error;
	ui->message_at = now_seconds();
	free(ui->said);
	ui->said = xstrdup(ui->message);
}

/* After the snapshot changed: the problems, the marks, undo, the panes. */
static void derive(struct ui *ui)
{
	struct error err = { 0 };

	struct plan_options opt = { 0 };

	problem_list_done(&ui->problems);
	plan_options_from_settings(&opt, ui->cfg);
	programme_check(&ui->conf, &opt.weights, &ui->problems);
	free(ui->mark);
	ui->mark = xcalloc((size_t)ui->conf.nsessions + 1, 1);
	for (int i = 0; i < ui->problems.n; i++) {
		const struct problem *p = &ui->problems.items[i];
		/* The grid marks conflicts: every hard problem of a placed session,
		 * and the soft clashes of one track or audience; not the costs of
		 * room sizes, wishes and choices, which every session has some of. */
		unsigned char m = p->family == TIMETABLE_UNPLACED ? 0
				  : p->hard                       ? 2
				  : p->family == TIMETABLE_TRACK_CLASH ||
						  p->family == TIMETABLE_AUDIENCE_CLASH
					  ? 1
					  : 0;

		if (p->session >= 0 && ui->mark[p->session] < m)
			ui->mark[p->session] = m;
		if (p->other >= 0 && ui->mark[p->other] < m)
			ui->mark[p->other] = m;
	}
	journal_next_done(&ui->next);
	if (journal_next(ui->db, 0, &ui->next, &err))
		error_clear(&err);
	for (int i = 0; i < UI_NPANES; i++)
		if (ui->panes[i].ops->reload)
			ui->panes[i].ops->reload(&ui->panes[i], ui);
}

/* Reload the snapshot and everything derived from it. */
static void reload(struct ui *ui)
{
	struct error err = { 0 };
	struct conf c;
	/* The version before the read: another organiser's edit that lands
	 * while it reads makes the next poll read again rather than pass
	 * unseen. */
	int64_t version = db_data_version(ui->db);

	if (conf_load(ui->db, &c, &err)) {
		ui_message(ui, 1, "reading the file failed: %s", err.msg);
		error_clear(&err);
		return;
	}
	for (int i = 0; i < UI_NPANES; i++)
		if (ui->panes[i].list.count)
			ui_list_remember(&ui->panes[i].list, ui);
	conf_done(&ui->conf);
	ui->conf = c;
	ui->data_version = version;
	derive(ui);
}

unsigned ui_edited(struct ui *ui, enum status st, struct error *err, const char *done, ...)
{
	if (st) {
		ui_message(ui, 1, "%s", err->msg ? err->msg : "the edit failed");
		error_clear(err);
		return REDRAW_STATUS;
	}
	if (done) {
		struct str s;
		va_list ap;

		str_init(&s);
		va_start(ap, done);
		str_vcatf(&s, done, ap);
		va_end(ap);
		reload(ui);
		ui_message(ui, 0, "%s", s.buf);
		str_done(&s);
	} else {
		reload(ui);
	}
	return REDRAW_ALL;
}

unsigned ui_confirm(struct ui *ui, enum status (*yes)(struct ui *, int64_t, struct error *),
		    int64_t id, const char *done, const char *fmt, ...)
{
	struct str s;
	va_list ap;

	str_init(&s);
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	str_cat(&s, " (y/n)");
	free(ui->confirm.question);
	free(ui->confirm.done);
	ui->confirm.question = str_steal(&s);
	ui->confirm.yes = yes;
	ui->confirm.id = id;
	ui->confirm.done = xstrdup(done);
	return REDRAW_STATUS;
}

unsigned ui_open_form(struct ui *ui, struct ui_form *f)
{
	ui_form_free(ui->form);
	ui->form = f;
	if (f->table && f->id)
		f->seen = journal_row_version(ui->db, f->table, f->id);
	ui_form_check(ui, f);
	return REDRAW_ALL;
}

int ui_pane_with(struct ui *ui, unsigned flag)
{
	for (int i = 0; i < UI_NPANES; i++)
		if (ui->panes[i].ops->flags & flag)
			return i;
	return -1;
}

unsigned ui_switch(struct ui *ui, int pane)
{
	if (pane < 0 || pane >= UI_NPANES)
		return 0;
	if (ui->panes[pane].ops->flags & PANE_SIDE)
		ui->last_list = pane;
	ui->current = pane;
	return RELAYOUT | REDRAW_ALL;
}

void ui_pane_list_draw(struct pane *p, struct ui *ui, WINDOW *w, int focused)
{
	ui_list_draw(&p->list, ui, w, focused);
}

void ui_pane_list_reload(struct pane *p, struct ui *ui)
{
	ui_list_rebuild(&p->list, ui);
}

unsigned ui_pane_list_click(struct pane *p, struct ui *ui, int y, int x)
{
	int i = ui_list_row_at(&p->list, y);

	(void)ui;
	(void)x;
	if (i >= 0)
		p->list.cursor = i;
	return REDRAW_LIST;
}

void ui_session_speakers(const struct ui *ui, const struct session *s, struct str *out)
{
	for (int k = 0; k < s->nspeakers; k++)
		str_catf(out, "%s%s", k ? "; " : "", ui->conf.speakers[s->speakers[k]].name);
}

void ui_periods_format(const struct ui *ui, const struct period *p, int n, struct str *out)
{
	for (int i = 0; i < n; i++) {
		char a[6], b[6];

		str_catf(out, "%s%d %s-%s", i ? "; " : "", ui->conf.days[p[i].day].number,
			 time_format(p[i].start, a), time_format(p[i].end, b));
	}
}

char *ui_periods_parse(const struct ui *ui, const char *text, struct period **out, int *n)
{
	char *copy = xstrdup(text), *save = NULL, *msg = NULL;

	*out = NULL;
	*n = 0;
	for (char *part = strtok_r(copy, ";", &save); part && !msg;
	     part = strtok_r(NULL, ";", &save)) {
		char from[16], to[16], extra;
		int day, d = -1, a, b;

		part = str_trim(part);
		if (!*part)
			continue;
		if (sscanf(part, "%d %15[0-9:]-%15[0-9:] %c", &day, from, to, &extra) != 3) {
			msg = xasprintf("'%s' is not DAY HH:MM-HH:MM (e.g. 1 09:00-10:30)", part);
			break;
		}
		for (int i = 0; i < ui->conf.ndays; i++)
			if (ui->conf.days[i].number == day)
				d = i;
		a = time_parse(from);
		b = time_parse(to);
		if (d < 0)
			msg = xasprintf("'%s': there is no day %d", part, day);
		else if (a < 0 || b < 0)
			msg = xasprintf("'%s': a time is not HH:MM", part);
		else if (a >= b)
			msg = xasprintf("'%s': it must start before it ends", part);
		else {
			*out = xreallocarray(*out, (size_t)*n + 1, sizeof(**out));
			(*out)[*n] = (struct period){ d, a, b };
			(*n)++;
		}
	}
	free(copy);
	if (msg) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return msg;
}

/* Windows: the title line, the panes, a message line and the keys line. */
static void layout(struct ui *ui)
{
	int h = LINES - 3, cur = ui->current;
	unsigned fl = ui->panes[cur].ops->flags;

	for (int i = 0; i < UI_NPANES; i++) {
		if (ui->panes[i].win)
			delwin(ui->panes[i].win);
		ui->panes[i].win = NULL;
	}
	if (ui->title)
		delwin(ui->title);
	if (ui->status)
		delwin(ui->status);
	if (ui->keys)
		delwin(ui->keys);
	ui->title = ui->status = ui->keys = NULL;
	/* What no window covers (the column between list and grid) keeps
	 * whatever the terminal showed at its old size unless blanked, and a
	 * terminal that was resized is repainted whole. */
	werase(stdscr);
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
	ui->too_small = COLS < MIN_COLS || LINES < MIN_LINES;
	if (ui->too_small)
		return;
	ui->title = newwin(1, COLS, 0, 0);
	ui->status = newwin(1, COLS, LINES - 2, 0);
	ui->keys = newwin(1, COLS, LINES - 1, 0);
	ui->wide = COLS >= WIDE_COLS && (fl & (PANE_SIDE | PANE_GRID));
	if (ui->wide) {
		int list = (fl & PANE_GRID) ? ui->last_list : cur;
		int grid = ui_pane_with(ui, PANE_GRID);
		int lw = COLS * 2 / 5;

		ui->panes[list].win = newwin(h, lw, 1, 0);
		ui->panes[grid].win = newwin(h, COLS - lw - 1, 1, lw + 1);
	} else {
		ui->panes[cur].win = newwin(h, COLS, 1, 0);
	}
}

/* The pane whose tab in the title bar covers column x, -1 if none; the
 * tabs follow " convene ", each " N Title ". */
static int tab_at(const struct ui *ui, int x)
{
	int left = 9;

	for (int i = 0; i < UI_NPANES; i++) {
		char *tab = xasprintf(" %d %s ", i + 1, ui->panes[i].ops->title);
		int tw = utf8_width(tab);

		free(tab);
		if (x >= left && x < left + tw)
			return i;
		left += tw;
	}
	return -1;
}

static void draw_title(struct ui *ui)
{
	WINDOW *w = ui->title;
	int x = 0;

	werase(w);
	wbkgdset(w, ui_attr(COL_TITLE));
	x += ui_put(w, 0, x, " convene ", 9, ui_attr(COL_TITLE) | A_BOLD);
	for (int i = 0; i < UI_NPANES && x < COLS; i++) {
		char *tab = xasprintf(" %d %s ", i + 1, ui->panes[i].ops->title);
		attr_t a = i == ui->current ? ui_attr(COL_SELECTED) | A_BOLD : ui_attr(COL_TITLE);
		int tw = utf8_width(tab);

		x += ui_put(w, 0, x, tab, tw < COLS - x ? tw : COLS - x, a);
		free(tab);
	}
	if (x < COLS - 2) {
		char *name = xasprintf("  %s", *ui->conf.event.name ? ui->conf.event.name
								    : db_path(ui->db));

		ui_put(w, 0, x, name, COLS - x, ui_attr(COL_TITLE));
		free(name);
	}
	wnoutrefresh(w);
}

static void draw_status(struct ui *ui)
{
	WINDOW *w = ui->status;
	struct str s;
	int rw;

	werase(w);
	str_init(&s);
	if (ui->problems.hard)
		str_catf(&s, " %ld hard problem%s", ui->problems.hard,
			 ui->problems.hard == 1 ? "" : "s");
	else
		str_cat(&s, " no hard problems");
	str_catf(&s, ", soft cost %lld", ui->problems.soft);
	if (ui->next.undo_edit)
		str_catf(&s, " | u: undo %s", ui->next.undo_what);
	str_cat(&s, " ");
	rw = utf8_width(s.buf);
	if (rw > COLS / 2)
		rw = COLS / 2;
	if (ui->confirm.question)
		rw = 0; /* a question has the whole line */
	if (ui->confirm.question)
		ui_put(w, 0, 0, ui->confirm.question, COLS - rw, ui_attr(COL_ERROR));
	else if (ui->message)
		ui_put(w, 0, 0, ui->message, COLS - rw,
		       ui->message_error ? ui_attr(COL_ERROR) : ui_attr(COL_STATUS));
	else
		ui_put(w, 0, 0, db_path(ui->db), COLS - rw, ui_attr(COL_STATUS));
	ui_put(w, 0, COLS - rw, s.buf, rw,
	       ui->problems.hard ? ui_attr(COL_ERROR) : ui_attr(COL_STATUS));
	str_done(&s);
	wnoutrefresh(w);
}

/* The keys line, from the key table: what applies to the current pane. */
static void draw_keys(struct ui *ui)
{
	unsigned fl = ui->panes[ui->current].ops->flags;
	WINDOW *w = ui->keys;
	struct str s;
	int x = 0;

	werase(w);
	str_init(&s);
	if (ui->prompt.active) {
		ui_form_draw_prompt(ui->prompt.form, w, 0, ui->prompt.filter ? "filter: " : "/");
		wnoutrefresh(w);
		str_done(&s);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ui_key_defs); i++) {
		const struct ui_key_def *d = &ui_key_defs[i];
		int kw, lw;

		if (!d->label || (d->scope && !(d->scope & fl)))
			continue;
		str_clear(&s);
		ui_keys_describe(d->action, &s, 0);
		if (!s.len)
			continue;
		kw = utf8_width(s.buf);
		lw = utf8_width(d->label);
		if (x + kw + lw + 3 > COLS)
			break;
		x += ui_put(w, 0, x, s.buf, kw, A_BOLD);
		x += ui_put(w, 0, x, " ", 1, ui_attr(COL_NORMAL));
		x += ui_put(w, 0, x, d->label, lw + 2, ui_attr(COL_NORMAL));
	}
	str_done(&s);
	wnoutrefresh(w);
}

/* Pad out to display width w (at least one space after). */
static void pad_cat(struct str *s, const char *text, int w)
{
	int n = utf8_width(text);

	str_cat(s, text);
	do
		str_cat(s, " ");
	while (++n < w);
}

/* The help: every action of the key table, then the marks, shown in the
 * viewer, so that it wraps, scrolls and searches as every long text does. */
static unsigned help(struct ui *ui)
{
	struct str t, k;

	str_init(&t);
	str_init(&k);
	pad_cat(&t, "Keys", 16);
	pad_cat(&t, "Action", 16);
	str_cat(&t, "What it does\n");
	for (size_t i = 0; i < ARRAY_SIZE(ui_key_defs); i++) {
		str_clear(&k);
		ui_keys_describe(ui_key_defs[i].action, &k, 1);
		pad_cat(&t, k.buf ? k.buf : "", 16);
		pad_cat(&t, ui_key_defs[i].name, 16);
		str_catf(&t, "%s\n", ui_key_defs[i].help);
	}
	str_cat(&t, "\nMarks in the grid and the lists\n");
	for (int i = 0; i < UI_NMARKS; i++) {
		pad_cat(&t, ui_marks[i].mark, 6);
		str_catf(&t, "%s\n", ui_marks[i].meaning);
	}
	str_done(&k);
	return ui_view(ui, "Keys (rebind in convene.cfg: keys.ACTION = \"x\")", str_steal(&t));
}

/* The viewer: a text (a timetable, a seating, a door sheet), wrapped to
 * the window and scrolled. */
static void draw_view(struct ui *ui, WINDOW *w)
{
	int h = getmaxy(w), wd = getmaxx(w);
	char **lines;
	int n;

	/* A pick list is not wrapped: a line is an item, cut short if need be. */
	ui->view_width = ui->view_pick ? PICK_WIDTH : wd - 4;
	n = ui_wrap(ui->view, ui->view_width, &lines);
	if (ui->view_pick && ui->view_cursor < ui->view_top)
		ui->view_top = ui->view_cursor;
	if (ui->view_pick && ui->view_cursor >= ui->view_top + h - 2)
		ui->view_top = ui->view_cursor - (h - 3);
	if (ui->view_top > n - (h - 2))
		ui->view_top = n - (h - 2) > 0 ? n - (h - 2) : 0;
	werase(w);
	box(w, 0, 0);
	ui_put(w, 0, 2, ui->view_title, wd - 4, ui_attr(COL_HEADER));
	for (int i = ui->view_top, y = 1; i < n && y < h - 1; i++, y++)
		ui_put(w, y, 2, lines[i], wd - 4,
		       ui->view_pick && i == ui->view_cursor ? ui_attr(COL_SELECTED) : 0);
	if (ui->view_top + h - 2 < n)
		ui_put(w, h - 1, wd - 10, " ↓ more ", 8, A_DIM);
	ui_wrap_free(lines, n);
	ui_put(w, h - 1, 2,
	       ui->view_pick    ? ui->view_keys
	       : ui->view_apply ? " Enter applies this, Esc drops it; Up/Down scroll, / "
				  "searches "
	       : ui->view_menu  ? " a number chooses; Esc closes "
				: " Up/Down/PgUp/PgDn/Home/End scroll, / searches, Esc closes ",
	       wd - 14, ui->view_apply || ui->view_pick ? ui_attr(COL_HEADER) : A_DIM);
}

/* The pickable line nearest from line i in direction dir (1 down, -1
 * up), else the nearest the other way, else -1. */
static int pick_near(const struct ui *ui, int i, int dir)
{
	int n = 0;

	for (const char *p = ui->view; p && *p; p++)
		n += *p == '\n';
	n++;
	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	for (int pass = 0; pass < 2; pass++, dir = -dir)
		for (int k = i; k >= 0 && k < n; k += dir)
			if (ui->view_pickable[k])
				return k;
	return -1;
}

unsigned ui_pick(struct ui *ui, const char *title, char *text, unsigned char *pickable, int cursor,
		 unsigned (*act)(struct ui *ui, void *arg, int line, enum ui_action a), void *arg,
		 const char *keys)
{
	unsigned r = ui_view(ui, title, text);

	ui->view_pick = act;
	ui->view_pick_arg = arg;
	ui->view_pickable = pickable;
	ui->view_keys = xasprintf(" %s ", keys);
	ui->view_cursor = pick_near(ui, cursor, 1);
	return r;
}

/* Forget a pick list's own state (the viewer's is freed with it). */
static void pick_done(struct ui *ui)
{
	free(ui->view_pickable);
	free(ui->view_keys);
	ui->view_pickable = NULL;
	ui->view_keys = NULL;
	ui->view_pick = NULL;
	ui->view_pick_arg = NULL;
}

unsigned ui_menu(struct ui *ui, const char *title, char *text,
		 unsigned (*chosen)(struct ui *ui, int k))
{
	unsigned r = ui_view(ui, title, text);

	ui->view_menu = chosen;
	return r;
}

unsigned ui_view(struct ui *ui, const char *title, char *text)
{
	free(ui->view);
	free(ui->view_title);
	free(ui->view_done);
	free(ui->view_dropped);
	ui->view = text;
	ui->view_title = xasprintf(" %s ", title);
	ui->view_top = 0;
	ui->view_apply = NULL;
	ui->view_menu = NULL;
	ui->view_done = ui->view_dropped = NULL;
	pick_done(ui);
	return REDRAW_ALL;
}

unsigned ui_preview(struct ui *ui, const char *title, char *text,
		    enum status (*apply)(struct ui *, int64_t, struct error *), int64_t id,
		    const char *done, const char *dropped)
{
	unsigned r = ui_view(ui, title, text);

	ui->view_apply = apply;
	ui->view_id = id;
	ui->view_done = xstrdup(done);
	ui->view_dropped = xstrdup(dropped);
	return r;
}

static void draw_too_small(void)
{
	char *lines[3];
	int y = LINES / 2 - 1;

	lines[0] = xasprintf("Terminal too small (%dx%d).", COLS, LINES);
	lines[1] = xasprintf("convene needs %dx%d.", MIN_COLS, MIN_LINES);
	lines[2] = xstrdup("Enlarge it, or press q.");
	werase(stdscr);
	for (int i = 0; i < 3; i++) {
		mvwaddnstr(stdscr, y + i < 0 ? 0 : y + i, 0, lines[i], COLS);
		free(lines[i]);
	}
	wnoutrefresh(stdscr);
}

void ui_frame(struct ui *ui, unsigned flags)
{
	int cursor = 0;

	if (flags & RELAYOUT)
		layout(ui);
	if (ui->too_small) {
		curs_set(0);
		draw_too_small();
		doupdate();
		return;
	}
	if (flags & (REDRAW_LIST | RELAYOUT)) {
		for (int i = 0; i < UI_NPANES; i++) {
			struct pane *p = &ui->panes[i];

			if (!p->win)
				continue;
			werase(p->win);
			p->ops->draw(p, ui, p->win, i == ui->current);
			wnoutrefresh(p->win);
		}
	}
	if (flags & (REDRAW_STATUS | RELAYOUT)) {
		draw_title(ui);
		draw_status(ui);
		draw_keys(ui);
	}
	if (ui->form || ui->view) {
		int h = LINES - 3, w = COLS;

		if (ui->form) {
			h = 2 * ui->form->n + 5;
			w = COLS > 84 ? 80 : COLS - 4;
			if (h > LINES - 3)
				h = LINES - 3;
		}
		if (popup)
			delwin(popup);
		popup = newwin(h, w, ui->form ? (LINES - h) / 2 : 1, (COLS - w) / 2);
		if (ui->form)
			ui_form_draw(ui->form, popup);
		else
			draw_view(ui, popup);
		wnoutrefresh(popup);
		cursor = ui->form != NULL;
	}
	if (ui->prompt.active) {
		draw_keys(ui);
		cursor = 1;
	}
	curs_set(cursor);
	doupdate();
}

static unsigned close_popup(struct ui *ui);

/* Enter on a preview applies it; Esc drops it. */
static unsigned preview_key(struct ui *ui, int apply)
{
	enum status (*fn)(struct ui *, int64_t, struct error *) = ui->view_apply;
	int64_t id = ui->view_id;
	char *done = xstrdup(ui->view_done ? ui->view_done : "");
	char *dropped = xstrdup(ui->view_dropped ? ui->view_dropped : "");
	struct error err = { 0 };
	unsigned r;

	close_popup(ui);
	if (apply) {
		enum status st = fn(ui, id, &err);

		/* An empty done: the action said what it did itself. */
		r = (*done ? ui_edited(ui, st, &err, "%s", done) : ui_edited(ui, st, &err, NULL)) |
		    RELAYOUT;
	} else {
		ui_message(ui, 0, "%s", dropped);
		r = RELAYOUT | REDRAW_ALL;
	}
	free(done);
	free(dropped);
	return r;
}

static unsigned close_popup(struct ui *ui)
{
	ui_form_free(ui->form);
	ui->form = NULL;
	free(ui->view);
	free(ui->view_title);
	free(ui->view_done);
	free(ui->view_dropped);
	ui->view = ui->view_title = ui->view_done = ui->view_dropped = NULL;
	ui->view_apply = NULL;
	ui->view_menu = NULL;
	pick_done(ui);
	if (popup)
		delwin(popup);
	popup = NULL;
	return RELAYOUT | REDRAW_ALL;
}

static unsigned form_key(struct ui *ui, int is_code, wint_t ch)
{
	struct error err = { 0 };
	enum status st;
	unsigned (*then)(struct ui *, int64_t);
	int64_t then_id;

	switch (ui_form_key(ui, ui->form, is_code, ch)) {
	case FORM_CANCEL:
		ui_message(ui, 0, "cancelled");
		return close_popup(ui);
	case FORM_DONE:
		if (ui->form->id && !ui_form_changed(ui->form)) {
			ui_message(ui, 0, "nothing changed");
			return close_popup(ui);
		}
		/* The save checks inside its edit that nobody changed the row
		 * since the form opened (ui_form_begin). */
		st = ui->form->save(ui, ui->form, &err);
		if (st) {
			free(ui->form->error);
			ui->form->error = xstrdup(err.msg ? err.msg : "the edit failed");
			error_clear(&err);
			return REDRAW_ALL;
		}
		then = ui->form->then;
		then_id = ui->form->then_id;
		if (ui->form->saved_id && ui->panes[ui->current].ops->flags & PANE_LIST)
			ui_list_goto_id(&ui->panes[ui->current].list, ui, ui->form->saved_id);
		close_popup(ui);
		return RELAYOUT | REDRAW_ALL | (then ? then(ui, then_id) : 0);
	default:
		return REDRAW_ALL;
	}
}

/* A key in a pick list: the cursor moves, Esc closes, and any other key
 * goes to the list's owner with the line under the cursor. */
static unsigned pick_key(struct ui *ui, enum ui_action a)
{
	int page = LINES / 2, at = ui->view_cursor;
	unsigned r;

	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
		at = pick_near(ui, at + (a == ACT_DOWN ? 1 : -1), a == ACT_DOWN ? 1 : -1);
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		at = pick_near(ui, at + (a == ACT_PAGE_DOWN ? page : -page),
			       a == ACT_PAGE_DOWN ? 1 : -1);
		break;
	case ACT_HOME:
	case ACT_END:
		at = pick_near(ui, a == ACT_HOME ? 0 : 1 << 30, a == ACT_HOME ? 1 : -1);
		break;
	case ACT_CANCEL:
	case ACT_QUIT:
		return close_popup(ui);
	default:
		if (at >= 0 && (r = ui->view_pick(ui, ui->view_pick_arg, at, a)))
			return r;
		ui_message(ui, 0, "that key does nothing here; Esc closes the list");
		return REDRAW_STATUS;
	}
	if (at >= 0)
		ui->view_cursor = at;
	return REDRAW_ALL;
}

/* Live filtering as the prompt changes. */
static void filter_changed(struct ui *ui, struct ui_form *f)
{
	struct ui_list *l = &ui->panes[ui->current].list;

	free(l->filter);
	l->filter = xstrdup(ui_form_text(f, 0));
	ui_list_rebuild(l, ui);
}

static unsigned open_prompt(struct ui *ui, int filter)
{
	struct pane *p = &ui->panes[ui->current];
	unsigned fl = p->ops->flags;

	if (ui->view) /* searching the viewer's text */
		filter = 0;
	else if (!(fl & (filter ? PANE_LIST : (PANE_LIST | PANE_GRID)))) {
		ui_message(ui, 1, "this pane has nothing to %s", filter ? "filter" : "search");
		return REDRAW_STATUS;
	}
	ui_form_free(ui->prompt.form);
	ui->prompt.form = ui_form_new(filter ? "filter" : "search", 0);
	ui_form_add(ui->prompt.form, filter ? "filter" : "search",
		    filter && p->list.filter ? p->list.filter : "", NULL, NULL);
	ui->prompt.form->fields[0].replace = 1; /* typing replaces the old filter */
	ui->prompt.form->changed = filter ? filter_changed : NULL;
	ui->prompt.filter = filter;
	ui->prompt.active = 1;
	return REDRAW_STATUS;
}

/* Find text in the viewer from its top line on (dir 1) or back (dir -1),
 * starting at the line after (before) the top when next is set. */
static unsigned view_search(struct ui *ui, const char *text, int dir, int next)
{
	char **lines;
	int n = ui_wrap(ui->view, ui->view_width > 0 ? ui->view_width : COLS - 4, &lines);
	int line = 0;

	/* Search the lines as drawn, so the match is the line shown first. */
	for (int k = next ? 1 : 0; k <= n && !line; k++) {
		int i = ((ui->view_top + dir * k) % n + n) % n;

		if (fold_contains(lines[i], text)) {
			ui->view_top = i;
			line = i + 1;
		}
	}
	ui_wrap_free(lines, n);
	if (line && ui->view_pick && pick_near(ui, line - 1, dir) >= 0)
		ui->view_cursor = pick_near(ui, line - 1, dir);
	if (line)
		ui_message(ui, 0, "/%s  (n next, N previous)", text);
	else
		ui_message(ui, 1, "not found: %s", text);
	return REDRAW_ALL;
}

static unsigned prompt_key(struct ui *ui, int is_code, wint_t ch)
{
	struct pane *p = &ui->panes[ui->current];
	enum ui_form_result r = ui_form_key(ui, ui->prompt.form, is_code, ch);
	char *text;

	if (r == FORM_GOING)
		return ui->prompt.filter ? REDRAW_ALL : REDRAW_STATUS;
	ui->prompt.active = 0;
	text = xstrdup(ui_form_text(ui->prompt.form, 0));
	if (ui->view && !ui->prompt.filter) {
		free(ui->view_search);
		ui->view_search = xstrdup(text);
		if (r == FORM_DONE && *text)
			view_search(ui, text, 1, 0);
	} else if (ui->prompt.filter) {
		if (r == FORM_CANCEL) {
			free(p->list.filter);
			p->list.filter = NULL;
			ui_list_rebuild(&p->list, ui);
		}
		ui_message(ui, 0,
			   p->list.filter && *p->list.filter ? "showing %d rows "
							       "containing '%s'"
							     : "showing all %d rows%s",
			   p->list.norder, p->list.filter && *p->list.filter ? p->list.filter : "");
	} else if (r == FORM_DONE && *text) {
		free(p->list.search);
		p->list.search = xstrdup(text);
		if (p->ops->flags & PANE_LIST) {
			if (ui_list_search(&p->list, ui, text, 1, 0))
				ui_message(ui, 0, "/%s  (n next, N previous)", text);
			else
				ui_message(ui, 1, "pattern not found: %s", text);
		} else {
			p->ops->key(p, ui, ACT_SEARCH_NEXT);
		}
	}
	free(text);
	return REDRAW_ALL;
}

/* An undo or redo confirmed by a question: the edit asked about travels in
 * the id (negative: someone else's, so anyone's latest). */
static enum status undo_yes(struct ui *ui, int64_t id, struct error *err)
{
	return journal_undo(ui->db, id < 0, id < 0 ? -id : id, NULL, err);
}

static enum status redo_yes(struct ui *ui, int64_t id, struct error *err)
{
	return journal_redo(ui->db, 0, id, NULL, err);
}

/* Undo the organiser's own latest edit; one that removes many rows, or
 * another organiser's when they have none, only after a question. */
static unsigned undo(struct ui *ui)
{
	const struct journal_next *n = &ui->next;
	struct journal_next any;
	struct error err = { 0 };
	char *done;
	unsigned r;

	if (n->undo_edit && n->undo_removes <= UNDO_ASK_ROWS) {
		done = xasprintf("undone: %s", n->undo_what);
		r = ui_edited(ui, journal_undo(ui->db, 0, n->undo_edit, NULL, &err), &err, "%s",
			      done);
	} else if (n->undo_edit) {
		done = xasprintf("undone: %s", n->undo_what);
		r = ui_confirm(ui, undo_yes, n->undo_edit, done, "Undo '%s'? It removes %d rows.",
			       n->undo_what, n->undo_removes);
	} else if (journal_next(ui->db, 1, &any, &err) == ST_OK && any.undo_edit) {
		done = xasprintf("undone: %s's %s", any.undo_who, any.undo_what);
		r = ui_confirm(ui, undo_yes, -any.undo_edit, done,
			       "Nothing of yours to undo. Undo "
			       "%s's '%s' (%s)%s?",
			       any.undo_who, any.undo_what, any.undo_at,
			       any.undo_removes > UNDO_ASK_ROWS ? ", which removes many rows" : "");
		journal_next_done(&any);
	} else {
		error_clear(&err);
		ui_message(ui, 1, "nothing to undo");
		return REDRAW_STATUS;
	}
	free(done);
	return r;
}

static unsigned redo(struct ui *ui)
{
	struct error err = { 0 };
	char *done;
	unsigned r;

	if (!ui->next.redo_edit) {
		ui_message(ui, 1, "nothing of yours to redo");
		return REDRAW_STATUS;
	}
	done = xasprintf("redone: %s", ui->next.redo_what);
	r = ui_edited(ui, redo_yes(ui, ui->next.redo_edit, &err), &err, "%s", done);
	free(done);
	return r;
}

/* An edit that must wait for another organiser's says so in the status
 * line, drawn from the file's wait hook as a solver's progress is. */
static void file_wait(void *arg, const struct db_wait *w)
{
	struct ui *ui = arg;

	if (w->done)
		ui_message(ui, 0, "waited %.0f s for %s", w->waited,
			   w->holder ? w->holder : "another program");
	else
		ui_message(ui, 0, "waiting %.0f s of %.0f for %s", w->waited, w->limit,
			   w->holder ? w->holder : "another program");
	draw_status(ui);
	doupdate();
}

/* The solvers run in this process, between two keys: their progress is
 * drawn from the callback (the one place outside the main loop that draws)
 * and a key press stops them with the best plan found. */
int ui_progress(struct ui *ui, const char *fmt, ...)
{
	struct str s;
	va_list ap;
	wint_t ch;
	int esc = 0, rc;
	double t = now_seconds();

	if (ui->progress_at > 0 && t - ui->progress_at > ui->progress_longest)
		ui->progress_longest = t - ui->progress_at;
	ui->progress_at = t;
	str_init(&s);
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	ui_message(ui, 0, "%s", s.buf);
	str_done(&s);
	draw_status(ui);
	doupdate();
	wtimeout(input_win, 0);
	while ((rc = wget_wch(input_win, &ch)) != ERR)
		esc |= rc == OK && ch == 27;
	wtimeout(input_win, ui->cfg ? (int)settings_int(ui->cfg, "ui.refresh_ms") : 500);
	return esc;
}

int ui_solver_progress(const char *code, double seconds, long long best, void *arg)
{
	(void)best; /* a cost means nothing to an organiser */
	return ui_progress(arg, "solving %s: %.0f s  (Esc stops and keeps the best so far)", code,
			   seconds);
}

static unsigned solve(struct ui *ui)
{
	struct plan_options opt = { 0 };
	struct error err = { 0 };
	struct plan_log log;
	enum status st;
	struct str sum;

	plan_options_from_settings(&opt, ui->cfg);
	opt.progress = ui_solver_progress;
	opt.progress_arg = ui;
	plan_log_init(&log);
	st = plan_solve(ui->db, plan_everything, 4, &opt, &log, &err);
	wtimeout(input_win, (int)settings_int(ui->cfg, "ui.refresh_ms"));
	reload(ui);
	str_init(&sum);
	for (size_t i = 0; i < json_array_size(log.runs); i++) {
		json_t *run = json_array_get(log.runs, i);
		const char *kind = json_string_value(json_object_get(run, "kind"));

		const char *who = json_string_value(json_object_get(run, "session"));

		str_catf(&sum, "%s%s ", i ? "; " : "", who ? who : kind ? kind : "");
		if (json_object_get(run, "problem"))
			str_cat(&sum, "cannot be met");
		else if (kind && strcmp(kind, "timetable") == 0)
			str_catf(&sum, "%lld moved, score %lld hard %lld soft",
				 json_integer_value(json_object_get(run, "moved")),
				 json_integer_value(json_object_get(run, "hard")),
				 json_integer_value(json_object_get(run, "soft")));
		else if (kind && strcmp(kind, "breakouts") == 0)
			str_catf(&sum, "%lld places",
				 json_integer_value(json_object_get(run, "assigned")));
		else if (kind && strcmp(kind, "cafe") == 0)
			str_catf(&sum, "%lld repeats",
				 json_integer_value(json_object_get(run, "repeats")));
		else
			str_catf(&sum, "cost %lld%s",
				 json_integer_value(json_object_get(run, "cost")),
				 json_is_true(json_object_get(run, "optimal")) ? " (optimal)" : "");
	}
	if (st > ST_PROBLEM ||
	    (st == ST_PROBLEM && err.msg && !(log.text.buf && strstr(log.text.buf, err.msg))))
		ui_message(ui, 1, "solve failed: %s", err.msg ? err.msg : "");
	else
		ui_message(ui, log.hard > 0, "solved: %s", sum.buf ? sum.buf : "nothing to solve");
	/* What each run found, with the programme's score breakdown. */
	if (st <= ST_PROBLEM && log.text.len)
		ui_view(ui, "What the solvers found", xstrdup(log.text.buf));
	str_done(&sum);
	error_clear(&err);
	plan_log_done(&log);
	return REDRAW_ALL;
}

static unsigned mouse_key(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return 0;
	/* A popup owns the mouse: the wheel scrolls it, a click on a form
	 * field goes to the field, and nothing reaches the panes beneath. */
	if (ui->view && ui->view_pick) {
		int row = popup && wenclose(popup, ev.y, ev.x) ? ev.y - getbegy(popup) - 1 : -1;

		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
			return pick_key(ui, ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN);
		if (row >= 0 && row < getmaxy(popup) - 2 && ui->view_pickable &&
		    pick_near(ui, ui->view_top + row, 1) == ui->view_top + row)
			ui->view_cursor = ui->view_top + row;
		return REDRAW_ALL;
	}
	if (ui->view) {
		int *top = &ui->view_top;

		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			*top += ev.bstate & BUTTON4_PRESSED ? -3 : 3;
			if (*top < 0)
				*top = 0;
			return REDRAW_ALL;
		}
		return 0;
	}
	if (ui->form) {
		int row = popup && wenclose(popup, ev.y, ev.x) ? ev.y - getbegy(popup) - 1 : -1;
		int i = row >= 0 ? ui->form->top + row / 2 : -1;

		if (i >= 0 && i < ui->form->n && row < getmaxy(popup) - 4)
			ui->form->focus = i;
		return REDRAW_ALL;
	}
	if (ui->confirm.question || ui->prompt.active)
		return 0;
	if (ev.y == 0 && (ev.bstate & BUTTON1_CLICKED) && tab_at(ui, ev.x) >= 0)
		return ui_switch(ui, tab_at(ui, ev.x));
	for (int i = 0; i < UI_NPANES; i++) {
		struct pane *p = &ui->panes[i];
		unsigned r = 0;

		if (!p->win || !wenclose(p->win, ev.y, ev.x))
			continue;
		if (i != ui->current) {
			ui->current = i;
			r |= REDRAW_ALL;
		}
		if (ev.bstate & BUTTON4_PRESSED)
			return r | p->ops->key(p, ui, ACT_UP);
		if (ev.bstate & BUTTON5_PRESSED)
			return r | p->ops->key(p, ui, ACT_DOWN);
		if (p->ops->click)
			r |= p->ops->click(p, ui, ev.y - getbegy(p->win), ev.x - getbegx(p->win));
		if ((ev.bstate & BUTTON1_DOUBLE_CLICKED) && p->ops->select)
			r |= p->ops->select(p, ui);
		return r | REDRAW_ALL;
	}
	return 0;
}

/* What the screen cuts short, in full: the latest message, the row or
 * grid cell under the cursor with every column, and a session's problems. */
static unsigned in_full(struct ui *ui)
{
	struct pane *p = &ui->panes[ui->current];
	int sessions = ui_pane_with(ui, PANE_PLACE), s = -1, row = -1;
	struct str t;

	str_init(&t);
	if (ui->said)
		str_catf(&t, "The latest message:\n%s\n\n", ui->said);
	if (p->ops->flags & PANE_GRID) {
		s = ui_grid_session(ui);
		if (s >= 0 && sessions >= 0)
			ui_list_row_text(&ui->panes[sessions].list, ui, s, &t);
	} else if (p->ops->flags & PANE_LIST && (row = ui_list_current(&p->list)) >= 0) {
		ui_list_row_text(&p->list, ui, row, &t);
		if (ui->current == sessions)
			s = row;
	}
	for (int i = 0; s >= 0 && i < ui->problems.n; i++) {
		const struct problem *pr = &ui->problems.items[i];

		if (pr->session == s || pr->other == s) {
			str_catf(&t, "\n%s: ", pr->hard ? "Hard" : "Soft");
			str_cat_safe(&t, pr->text, strlen(pr->text), SAFE_SPACE);
		}
	}
	if (!t.len)
		str_cat(&t, "Nothing here is cut short.");
	return ui_view(ui, "In full", str_steal(&t));
}

/* Actions that mean the same in every pane. */
static unsigned global_action(struct ui *ui, enum ui_action a)
{
	switch (a) {
	case ACT_QUIT:
		return QUIT;
	case ACT_HELP:
		return help(ui);
	case ACT_NEXT_PANE:
		return ui_switch(ui, (ui->current + 1) % UI_NPANES);
	case ACT_PREV_PANE:
		return ui_switch(ui, (ui->current + UI_NPANES - 1) % UI_NPANES);
	case ACT_PANE_1:
	case ACT_PANE_2:
	case ACT_PANE_3:
	case ACT_PANE_4:
	case ACT_PANE_5:
	case ACT_PANE_6:
		return ui_switch(ui, (int)(a - ACT_PANE_1));
	case ACT_UNDO:
		return undo(ui);
	case ACT_REDO:
		return redo(ui);
	case ACT_SOLVE:
		return solve(ui);
	case ACT_SEARCH:
		return open_prompt(ui, 0);
	case ACT_FILTER:
		return open_prompt(ui, 1);
	case ACT_EVENT:
		return ui_event_form(ui);
	case ACT_HISTORY:
		return ui_history(ui);
	case ACT_PRINT_MENU:
		return ui_print_menu(ui);
	case ACT_FULL:
		return in_full(ui);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return RELAYOUT | REDRAW_ALL;
	case ACT_CANCEL:
		if (ui->picked) {
			ui->picked = 0;
			ui_message(ui, 0, "put down");
			return REDRAW_ALL;
		}
		return 0;
	default:
		return 0;
	}
}

/* A key while the viewer is open: its pick list, menu or preview, a
 * search, scrolling; any other key closes it. */
static unsigned view_key(struct ui *ui, int is_code, wint_t ch, enum ui_action a)
{
	int *top = &ui->view_top;

	if (ui->view_pick && a != ACT_SEARCH && a != ACT_SEARCH_NEXT && a != ACT_SEARCH_PREV)
		return pick_key(ui, a);
	if (ui->view_menu && !is_code && ch >= '1' && ch <= '9') {
		unsigned (*chosen)(struct ui *, int) = ui->view_menu;

		close_popup(ui);
		return REDRAW_ALL | chosen(ui, (int)(ch - '0'));
	}
	if (ui->view_apply && (a == ACT_SELECT || a == ACT_CANCEL || a == ACT_QUIT))
		return preview_key(ui, a == ACT_SELECT);
	if (a == ACT_SEARCH)
		return open_prompt(ui, 0);
	if ((a == ACT_SEARCH_NEXT || a == ACT_SEARCH_PREV) && ui->view_search)
		return view_search(ui, ui->view_search, a == ACT_SEARCH_NEXT ? 1 : -1, 1);
	if (a == ACT_DOWN || a == ACT_PAGE_DOWN) {
		*top += a == ACT_DOWN ? 1 : LINES / 2;
		return REDRAW_ALL;
	}
	if (a == ACT_UP || a == ACT_PAGE_UP) {
		*top -= a == ACT_UP ? 1 : LINES / 2;
		if (*top < 0)
			*top = 0;
		return REDRAW_ALL;
	}
	if (a == ACT_HOME || a == ACT_END) {
		*top = a == ACT_HOME ? 0 : 1 << 30; /* drawing brings it back */
		return REDRAW_ALL;
	}
	return close_popup(ui);
}

unsigned ui_key(struct ui *ui, int is_code, wint_t ch)
{
	int key = is_code ? (int)(UI_KEY_CODE | ch) : (int)ch;
	struct pane *p = &ui->panes[ui->current];
	enum ui_action a;
	unsigned r;

	if (is_code && ch == KEY_RESIZE)
		return RELAYOUT | REDRAW_ALL;
	if (ui->too_small)
		return ui_keys_action(key) == ACT_QUIT ? QUIT : 0;
	if (is_code && ch == KEY_MOUSE)
		return mouse_key(ui);
	if (ui->form)
		return form_key(ui, is_code, ch);
	if (ui->prompt.active)
		return prompt_key(ui, is_code, ch);
	a = ui_keys_action(key);
	if (ui->confirm.question) {
		struct error err = { 0 };

		free(ui->confirm.question);
		ui->confirm.question = NULL;
		if (!is_code && (ch == 'y' || ch == 'Y'))
			return ui_edited(ui, ui->confirm.yes(ui, ui->confirm.id, &err), &err, "%s",
					 ui->confirm.done);
		ui_message(ui, 0, "not done");
		return REDRAW_STATUS;
	}
	if (ui->view)
		return view_key(ui, is_code, ch, a);
	free(ui->message);
	ui->message = NULL;
	if ((r = global_action(ui, a)))
		return r;
	if (a != ACT_NONE && (r = p->ops->key(p, ui, a)))
		return r;
	if (a == ACT_SELECT && p->ops->select)
		return p->ops->select(p, ui);
	if (a == ACT_NONE)
		ui_message(ui, 0, "that key does nothing here; ? shows the keys");
	else
		ui_message(ui, 0, "%s does nothing in the %s pane", ui_keys_def(a)->name,
			   p->ops->name);
	return REDRAW_STATUS;
}

unsigned ui_poll(struct ui *ui)
{
	if (ui->form || db_in_edit(ui->db) || db_data_version(ui->db) == ui->data_version)
		return 0;
	reload(ui);
	/* An error just said (often because of that very edit) stays, with
	 * the news after it. */
	if (ui->message && ui->message_error && now_seconds() - ui->message_at < 5) {
		char *was = xstrdup(ui->message);

		ui_message(ui, 1, "%s; another organiser changed the file", was);
		free(was);
	} else {
		ui_message(ui, 0, "another organiser changed the file; this is it now");
	}
	return REDRAW_ALL;
}

struct ui *ui_open(struct db *db, struct settings *cfg, const char *term, FILE *out, FILE *in,
		   struct error *err)
{
	struct ui *ui = xcalloc(1, sizeof(*ui));
	struct str warnings;

	ui->db = db;
	ui->cfg = cfg;
	ui->data_version = db_data_version(db);
	if (conf_load(db, &ui->conf, err)) {
		free(ui);
		return NULL;
	}
	for (int i = 0; i < UI_NPANES; i++) {
		ui->panes[i].ops = pane_table[i];
		if (pane_table[i]->open)
			pane_table[i]->open(&ui->panes[i], ui);
	}
	derive(ui);
	str_init(&warnings);
	ui_keys_init(cfg, &warnings);
	if (out) {
		if (!newterm(term, out, in)) {
			str_done(&warnings);
			ui_close(ui);
			error_set(err, ST_INPUT, "cannot start the terminal '%s'", term);
			return NULL;
		}
	} else {
		initscr();
	}
	screen_up = 1;
	ui->screen_open = 1;
	die_set_hook(restore_terminal);
	cbreak();
	noecho();
	nonl();
	set_escdelay(25);
	ui_colours_init(cfg, &warnings);
	input_win = newwin(1, 1, 0, 0);
	keypad(input_win, TRUE);
	wnoutrefresh(input_win);
	ui->mouse = !cfg || settings_bool(cfg, "ui.mouse");
	if (ui->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
				  BUTTON5_PRESSED,
			  NULL);
	if (warnings.len) {
		char *nl = strchr(warnings.buf, '\n');

		if (nl)
			*nl = '\0';
		ui_message(ui, 1, "settings: %s", warnings.buf);
	} else {
		ui_message(ui, 0,
			   "%d sessions, %d rooms, %d speakers, %d delegates; ? shows "
			   "the keys",
			   ui->conf.nsessions, ui->conf.nrooms, ui->conf.nspeakers,
			   ui->conf.ndelegates);
	}
	str_done(&warnings);
	db_set_wait(db, cfg ? settings_float(cfg, "file.wait_seconds") : DB_WAIT_SECONDS, file_wait,
		    ui);
	ui->current = 0;
	ui->last_list = 0;
	if (!ui->conf.ndays && !db_readonly(db))
		ui_event_form(ui); /* a new file: its name and days come first */
	return ui;
}

void ui_close(struct ui *ui)
{
	if (!ui)
		return;
	for (int i = 0; i < UI_NPANES; i++) {
		struct pane *p = &ui->panes[i];

		if (p->win)
			delwin(p->win);
		if (p->ops->close)
			p->ops->close(p);
		ui_list_done(&p->list);
	}
	if (ui->screen_open) {
		if (popup)
			delwin(popup);
		popup = NULL;
		if (input_win)
			delwin(input_win);
		input_win = NULL;
		if (ui->title)
			delwin(ui->title);
		if (ui->status)
			delwin(ui->status);
		if (ui->keys)
			delwin(ui->keys);
		endwin();
		screen_up = 0;
		die_set_hook(NULL);
		db_set_wait(ui->db,
			    ui->cfg ? settings_float(ui->cfg, "file.wait_seconds") : DB_WAIT_SECONDS,
			    NULL, NULL);
	}
	ui_form_free(ui->form);
	ui_form_free(ui->prompt.form);
	free(ui->confirm.question);
	free(ui->confirm.done);
	free(ui->view);
	free(ui->view_title);
	free(ui->view_done);
	free(ui->view_dropped);
	free(ui->view_search);
	pick_done(ui);
	ui_replan_done(ui);
	free(ui->message);
	free(ui->said);
	free(ui->mark);
	journal_next_done(&ui->next);
	problem_list_done(&ui->problems);
	conf_done(&ui->conf);
	free(ui);
}

int ui_run(struct db *db, struct settings *cfg)
{
	struct error err = { 0 };
	struct ui *ui = ui_open(db, cfg, NULL, NULL, NULL, &err);
	unsigned flags = RELAYOUT | REDRAW_ALL;
	long ms = cfg ? settings_int(cfg, "ui.refresh_ms") : 500;

	if (!ui) {
		fprintf(stderr, "convene: %s\n", err.msg ? err.msg : "cannot start the screen");
		error_clear(&err);
		return 2;
	}
	wtimeout(input_win, (int)ms);
	while (!(flags & QUIT)) {
		wint_t ch;
		int rc;

		if (flags)
			ui_frame(ui, flags);
		rc = wget_wch(input_win, &ch);
		if (rc == ERR)
			flags = ui_poll(ui);
		else
			flags = ui_key(ui, rc == KEY_CODE_YES, ch);
	}
	ui_close(ui);
	return 0;
}
