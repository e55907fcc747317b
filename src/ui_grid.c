/* The programme grid: rooms across, times down, one day at a time. Each
 * session fills the slots it runs for, coloured by kind, with its code,
 * title, kind and speakers, a mark for a hard (!) or soft (~) problem and
 * * when pinned; a room's unavailable times are hatched. A cursor moves
 * over the cells; m picks a session up and drops it, w swaps it with the
 * session under the cursor, each through placement_set. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "convene/fold.h"
#include "convene/onday.h"
#include "convene/ui_form.h"
#include "convene/ui_draw.h"
#include "convene/ui_pane.h"

#define TIME_W 6
#define MIN_CELL 14
#define HEAD_H 2

struct grid {
	int day, row, room;
	int top, left;
	/* From the latest draw, for the mouse and paging. */
	int cell_w, body_h, nvis;
	int *occ;            /* session per room and slot of the drawn day, -1 empty */
	unsigned char *nocc; /* how many sessions hold each room and slot */
	int nslots;
	int layer; /* which of the sessions stacked in the cursor's cell (+) */
	/* The closure being previewed: room index, day number, minutes. */
	int close_room, close_day, close_from, close_to;
};

static struct grid *state(struct ui *ui)
{
	return ui->panes[ui_pane_with(ui, PANE_GRID)].data;
}

static int slot_min(const struct ui *ui)
{
	return ui->conf.event.slot_minutes > 0 ? ui->conf.event.slot_minutes : 15;
}

static int nslots(const struct ui *ui, int day)
{
	const struct day *d;

	if (day < 0 || day >= ui->conf.ndays)
		return 0;
	d = &ui->conf.days[day];
	return (d->end - d->start + slot_min(ui) - 1) / slot_min(ui);
}

static int slot_time(const struct ui *ui, int day, int row)
{
	return ui->conf.days[day].start + row * slot_min(ui);
}

static int start_row(const struct ui *ui, const struct session *s)
{
	int r = (s->start - ui->conf.days[s->day].start) / slot_min(ui);

	return r < 0 ? 0 : r;
}

/* Which session holds each room and slot of the day (later starts win). */
static void occupancy(struct ui *ui, struct grid *g)
{
	int n = nslots(ui, g->day), nr = ui->conf.nrooms;

	g->nslots = n;
	free(g->occ);
	g->occ = xmalloc(((size_t)n * (size_t)nr + 1) * sizeof(int));
	free(g->nocc);
	g->nocc = xcalloc((size_t)n * (size_t)nr + 1, 1);
	for (int i = 0; i < n * nr; i++)
		g->occ[i] = -1;
	for (int i = 0; i < ui->conf.nsessions; i++) {
		const struct session *s = &ui->conf.sessions[i];
		int r0, r1;

		if (s->day != g->day || s->room < 0)
			continue;
		r0 = start_row(ui, s);
		r1 = (s->start + s->duration - ui->conf.days[g->day].start + slot_min(ui) - 1) /
		     slot_min(ui);
		if (r1 <= r0)
			r1 = r0 + 1;
		for (int t = r0; t < r1 && t < n; t++) {
			int *cell = &g->occ[s->room * n + t];

			if (g->nocc[s->room * n + t] < 255)
				g->nocc[s->room * n + t]++;
			if (*cell < 0 || ui->conf.sessions[*cell].start <= s->start)
				*cell = i;
		}
	}
}

static int occ_at(const struct grid *g, int room, int row)
{
	if (!g->occ || row < 0 || row >= g->nslots || room < 0)
		return -1;
	return g->occ[room * g->nslots + row];
}

/* The sessions in a room at a slot of the drawn day, latest start first
 * (the one drawn); returns how many, at most max. */
static int stacked(const struct ui *ui, const struct grid *g, int room, int row, int *out, int max)
{
	int n = 0, t = slot_time(ui, g->day, row);

	if (occ_at(g, room, row) < 0)
		return 0;
	out[n++] = occ_at(g, room, row);
	for (int i = 0; i < ui->conf.nsessions && n < max; i++) {
		const struct session *s = &ui->conf.sessions[i];

		if (i != out[0] && s->day == g->day && s->room == room && s->start <= t &&
		    t < s->start + (s->duration > 0 ? s->duration : slot_min(ui)))
			out[n++] = i;
	}
	return n;
}

/* The session under the cursor: the one drawn, or the one + reached. */
static int here(const struct ui *ui, const struct grid *g)
{
	int v[16], n = stacked(ui, g, g->room, g->row, v, 16);

	return n ? v[g->layer % n] : -1;
}

int ui_grid_session(struct ui *ui)
{
	int i = ui_pane_with(ui, PANE_GRID);

	return i >= 0 && ui->panes[i].data ? here(ui, ui->panes[i].data) : -1;
}

static void clamp(struct ui *ui, struct grid *g)
{
	int n;

	if (g->day >= ui->conf.ndays)
		g->day = ui->conf.ndays - 1;
	if (g->day < 0)
		g->day = 0;
	n = nslots(ui, g->day);
	if (g->row >= n)
		g->row = n - 1;
	if (g->row < 0)
		g->row = 0;
	if (g->room >= ui->conf.nrooms)
		g->room = ui->conf.nrooms - 1;
	if (g->room < 0)
		g->room = 0;
}

static void open_pane(struct pane *p, struct ui *ui)
{
	(void)ui;
	p->data = xcalloc(1, sizeof(struct grid));
	p->list.sort_col = -1;
}

static void close_pane(struct pane *p)
{
	struct grid *g = p->data;

	free(g->occ);
	free(g->nocc);
	free(g);
	p->data = NULL;
}

static void reload(struct pane *p, struct ui *ui)
{
	struct grid *g = p->data;

	clamp(ui, g);
	if (ui->conf.ndays)
		occupancy(ui, g);
}

static int unavailable(const struct room *r, int day, int t, int t2)
{
	for (int i = 0; i < r->nunavailable; i++)
		if (r->unavailable[i].day == day && r->unavailable[i].start < t2 &&
		    t < r->unavailable[i].end)
			return 1;
	return 0;
}

/* The text of line li of a session's cell. */
static void cell_line(struct ui *ui, int s, int li, struct str *out)
{
	const struct session *se = &ui->conf.sessions[s];

	if (li == 0) {
		str_catf(out, "%s%s%s %s",
			 ui->mark[s] == 2   ? "!"
			 : ui->mark[s] == 1 ? "~"
					    : "",
			 se->pinned ? "*" : "", se->code, se->title);
	} else if (li == 1) {
		str_cat(out, kind_name(se->kind));
		if (se->nspeakers == 0 || se->duration <= 2 * slot_min(ui))
			str_catf(out, " %s", se->title);
	} else if (li - 2 < se->nspeakers) {
		str_cat(out, ui->conf.speakers[se->speakers[li - 2]].name);
	}
}

static void draw_cell(struct ui *ui, struct grid *g, WINDOW *w, int room, int row, int y, int x,
		      int focused, struct str *buf)
{
	int cursor = focused && room == g->room && row == g->row;
	int s = cursor ? here(ui, g) : occ_at(g, room, row);
	int t = slot_time(ui, g->day, row);
	attr_t a = ui_attr(COL_NORMAL);

	str_clear(buf);
	if (s >= 0) {
		const struct session *se = &ui->conf.sessions[s];
		int li = row - start_row(ui, se);

		if (row == g->top && li > 0) {
			cell_line(ui, s, 0, buf);
			str_cat(buf, " ↑");
		} else {
			cell_line(ui, s, li, buf);
		}
		/* Two sessions in one room at once: say how many more. */
		if (li == 0 && g->nocc[room * g->nslots + row] > 1) {
			struct str more;

			str_init(&more);
			str_catf(&more, "+%d %s", g->nocc[room * g->nslots + row] - 1, buf->buf);
			str_clear(buf);
			str_cat(buf, more.buf);
			str_done(&more);
		}
		a = ui_attr(ui_kind_colour(se->kind));
		if (li == 0 && ui->mark[s] == 2)
			a = ui_attr(COL_ERROR);
	} else if (unavailable(&ui->conf.rooms[room], g->day, t, t + slot_min(ui))) {
		str_cat(buf, "//// unavailable");
		a = ui_attr(COL_UNAVAILABLE);
	} else {
		str_cat(buf, room == g->room || row == g->row ? "·" : "");
		a = A_DIM;
	}
	if (ui->picked && focused && room == g->room && row >= g->row) {
		for (int i = 0; i < ui->conf.nsessions; i++) {
			const struct session *p = &ui->conf.sessions[i];

			if (p->id == ui->picked && t < slot_time(ui, g->day, g->row) + p->duration) {
				str_clear(buf);
				str_catf(buf, "%s %s", row == g->row ? "▶" : " ",
					 row == g->row ? p->code : "");
				a = ui_attr(COL_PICKED);
			}
		}
	}
	if (cursor)
		a = ui_attr(COL_CURSOR);
	ui_put(w, y, x, buf->buf, g->cell_w - 1, a);
}

static void scroll_into_view(struct grid *g, int nrooms)
{
	if (g->row < g->top)
		g->top = g->row;
	if (g->row >= g->top + g->body_h)
		g->top = g->row - g->body_h + 1;
	if (g->top < 0)
		g->top = 0;
	if (g->room < g->left)
		g->left = g->room;
	if (g->room >= g->left + g->nvis)
		g->left = g->room - g->nvis + 1;
	if (g->left > nrooms - g->nvis)
		g->left = nrooms - g->nvis;
	if (g->left < 0)
		g->left = 0;
}

static void draw_header(struct ui *ui, struct grid *g, WINDOW *w, struct str *buf)
{
	const struct day *d = &ui->conf.days[g->day];
	int s = here(ui, g);
	char t[6];

	str_clear(buf);
	str_catf(buf, "Day %d  %s  ([ ] day)  %s %s", d->number, d->date,
		 time_format(slot_time(ui, g->day, g->row), t), ui->conf.rooms[g->room].name);
	if (s >= 0) {
		str_catf(buf, ": %s ", ui->conf.sessions[s].code);
		ui_session_speakers(ui, &ui->conf.sessions[s], buf);
	}
	ui_put(w, 0, 0, buf->buf, getmaxx(w), ui_attr(COL_HEADER));
	ui_put(w, 1, 0, "", TIME_W, ui_attr(COL_HEADER));
	for (int i = 0; i < g->nvis && g->left + i < ui->conf.nrooms; i++) {
		const struct room *r = &ui->conf.rooms[g->left + i];

		str_clear(buf);
		str_catf(buf, "%s %d", r->name, r->capacity);
		if (utf8_width(buf->buf) > g->cell_w - 1) { /* the name alone, its middle cut */
			str_clear(buf);
			ui_abbrev(r->name, g->cell_w - 1, buf);
		}
		ui_put(w, 1, TIME_W + i * g->cell_w, buf->buf, g->cell_w - 1,
		       ui_attr(COL_HEADER) | (g->left + i == g->room ? A_REVERSE : 0));
	}
}

static void draw(struct pane *p, struct ui *ui, WINDOW *w, int focused)
{
	struct grid *g = p->data;
	int h = getmaxy(w), wd = getmaxx(w), nr = ui->conf.nrooms;
	struct str buf;

	if (!ui->conf.ndays || !nr) {
		ui_put(w, 0, 0,
		       "The grid needs days and rooms: add rooms in pane 3 (days come "
		       "from the event file).",
		       wd, ui_attr(COL_NORMAL));
		return;
	}
	clamp(ui, g);
	g->cell_w = (wd - TIME_W) / nr;
	if (g->cell_w < MIN_CELL)
		g->cell_w = MIN_CELL;
	g->nvis = (wd - TIME_W) / g->cell_w;
	if (g->nvis < 1)
		g->nvis = 1;
	g->body_h = h - HEAD_H;
	scroll_into_view(g, nr);
	str_init(&buf);
	draw_header(ui, g, w, &buf);
	for (int y = 0; y < g->body_h && g->top + y < g->nslots; y++) {
		int row = g->top + y, tm = slot_time(ui, g->day, row);
		char t[6];

		ui_put(w, HEAD_H + y, 0, time_format(tm, t), TIME_W,
		       row == g->row  ? A_BOLD | A_REVERSE
		       : tm % 60 == 0 ? A_BOLD
				      : A_DIM);
		for (int i = 0; i < g->nvis && g->left + i < nr; i++)
			draw_cell(ui, g, w, g->left + i, row, HEAD_H + y, TIME_W + i * g->cell_w,
				  focused, &buf);
	}
	str_done(&buf);
}

unsigned ui_grid_show(struct ui *ui, int s)
{
	struct grid *g = state(ui);
	const struct session *se = &ui->conf.sessions[s];

	if (se->day < 0 || se->room < 0)
		return 0;
	g->day = se->day;
	g->room = se->room;
	g->row = start_row(ui, se);
	occupancy(ui, g);
	return REDRAW_ALL;
}

static int picked_index(const struct ui *ui)
{
	for (int i = 0; i < ui->conf.nsessions; i++)
		if (ui->conf.sessions[i].id == ui->picked)
			return i;
	return -1;
}

/* A move on the grid, packed into a confirmation's id: the session's id,
 * and the day, start and room indices. */
static int64_t pack_move(int64_t session, int day, int start, int room)
{
	return session << 28 | (int64_t)day << 24 | (int64_t)start << 12 | room;
}

/* Move a session as `convene move` does; force: despite hard problems. */
static enum status move_to(struct ui *ui, int64_t id, int force, struct error *err)
{
	int s = conf_session_at(&ui->conf, id >> 28), day = (int)(id >> 24 & 0xf);
	int start = (int)(id >> 12 & 0xfff), room = (int)(id & 0xfff);
	struct onday_report rep;
	enum status st;

	if (s < 0 || day >= ui->conf.ndays || room >= ui->conf.nrooms)
		return error_set(err, ST_INPUT, "that session or room is gone: look again");
	onday_report_init(&rep);
	st = onday_move(ui->db, ui->conf.sessions[s].code, ui->conf.rooms[room].name,
			ui->conf.days[day].number, start, force, &rep, err);
	if (st == ST_PROBLEM && rep.why.len) /* the reasons alone, for the question */
		error_set(err, ST_PROBLEM, "%s", rep.why.buf);
	onday_report_done(&rep);
	return st;
}

static enum status move_forced(struct ui *ui, int64_t id, struct error *err)
{
	return move_to(ui, id, 1, err);
}

static unsigned drop(struct ui *ui, struct grid *g)
{
	int s = picked_index(ui), t = slot_time(ui, g->day, g->row);
	const struct room *r = &ui->conf.rooms[g->room];
	struct error err = { 0 };
	char tm[6], *done;
	int64_t id;
	enum status st;
	unsigned res;

	ui->picked = 0;
	if (s < 0)
		return REDRAW_ALL;
	id = pack_move(ui->conf.sessions[s].id, g->day, t, g->room);
	done = xasprintf("moved %s to day %d %s, %s", ui->conf.sessions[s].code,
			 ui->conf.days[g->day].number, time_format(t, tm), r->name);
	st = move_to(ui, id, 0, &err);
	if (st == ST_PROBLEM) {
		/* The same judgement as convene move: say why, and ask. */
		res = ui_confirm(ui, move_forced, id, done, "Move %s all the same? %s",
				 ui->conf.sessions[s].code, err.msg);
		error_clear(&err);
	} else {
		res = ui_edited(ui, st, &err, "%s", done);
	}
	free(done);
	return res;
}

/* Swap two sessions as `convene move --swap` does; force in the id's top bit. */
static enum status swap_ids(struct ui *ui, int64_t id, struct error *err)
{
	int force = id < 0, a, b;
	struct onday_report rep;
	enum status st;

	id &= INT64_MAX;
	a = conf_session_at(&ui->conf, id >> 31);
	b = conf_session_at(&ui->conf, id & 0x7fffffff);
	if (a < 0 || b < 0)
		return error_set(err, ST_INPUT, "that session is gone: look again");
	onday_report_init(&rep);
	st = onday_swap(ui->db, ui->conf.sessions[a].code, ui->conf.sessions[b].code, force, &rep,
			err);
	if (st == ST_PROBLEM && rep.why.len)
		error_set(err, ST_PROBLEM, "%s", rep.why.buf);
	onday_report_done(&rep);
	return st;
}

static enum status swap_forced(struct ui *ui, int64_t id, struct error *err)
{
	return swap_ids(ui, id | INT64_MIN, err);
}

/* Put a where b is and b where a was, in one edit. */
static unsigned swap(struct ui *ui, struct grid *g)
{
	int a = picked_index(ui), b = here(ui, g);
	const struct session *sa, *sb;
	struct error err = { 0 };
	enum status st;
	int64_t id;
	char *msg;
	unsigned r;

	if (a < 0 || b < 0 || a == b) {
		ui_message(ui, 1, "move the cursor onto another session to swap with it");
		return REDRAW_STATUS;
	}
	sa = &ui->conf.sessions[a];
	sb = &ui->conf.sessions[b];
	if (sb->pinned) {
		ui_message(ui, 1, "%s is pinned: unpin it first (p)", sb->code);
		return REDRAW_STATUS;
	}
	if (sa->day < 0) {
		ui_message(ui, 1, "%s has no place yet: put it down with m instead", sa->code);
		return REDRAW_STATUS;
	}
	ui->picked = 0;
	id = sa->id << 31 | sb->id;
	msg = xasprintf("swapped %s and %s", sa->code, sb->code);
	st = swap_ids(ui, id, &err);
	if (st == ST_PROBLEM) {
		r = ui_confirm(ui, swap_forced, id, msg, "Swap %s and %s all the same? %s",
			       sa->code, sb->code, err.msg);
		error_clear(&err);
	} else {
		r = ui_edited(ui, st, &err, "%s", msg);
	}
	free(msg);
	return r;
}

/* Search sessions (code, title, speakers) in grid order from the cursor. */
static unsigned search(struct ui *ui, struct grid *g, const char *text, int dir)
{
	int n = ui->conf.nsessions, best = -1;
	long here = ((long)g->day * 1440 + slot_time(ui, g->day, g->row)) * 1000 + g->room;
	long best_key = 0;
	struct str buf;

	str_init(&buf);
	for (int i = 0; i < n; i++) {
		const struct session *s = &ui->conf.sessions[i];
		long k, d;

		if (s->day < 0 || s->room < 0)
			continue;
		str_clear(&buf);
		str_catf(&buf, "%s %s ", s->code, s->title);
		ui_session_speakers(ui, s, &buf);
		if (!fold_contains(buf.buf, text))
			continue;
		k = ((long)s->day * 1440 + s->start) * 1000 + s->room;
		/* Distance ahead in the search direction, wrapping round. */
		d = dir > 0 ? k - here : here - k;
		if (d <= 0)
			d += 1L << 40;
		if (best < 0 || d < best_key) {
			best = i;
			best_key = d;
		}
	}
	str_done(&buf);
	if (best < 0) {
		ui_message(ui, 1, "pattern not found: %s", text);
		return REDRAW_STATUS;
	}
	ui_message(ui, 0, "/%s: %s", text, ui->conf.sessions[best].code);
	return ui_grid_show(ui, best);
}

/* Closing a room on the day: the form, a preview of the re-plan (a dry
 * run), then the re-plan itself on Enter, exactly as close-room does. */

static char *check_day(struct ui *ui, struct ui_form *f, const char *text)
{
	long d;

	(void)f;
	for (int i = 0; parse_int(text, 1, 14, &d) == 0 && i < ui->conf.ndays; i++)
		if (ui->conf.days[i].number == d)
			return NULL;
	return xasprintf("'%s' is not a day of the programme", text);
}

static char *check_time(struct ui *ui, struct ui_form *f, const char *text)
{
	(void)ui;
	(void)f;
	return time_parse(text) < 0 ? xasprintf("'%s' is not a time such as 13:30", text) : NULL;
}

/* The re-plan the form describes: the grid keeps the room and times. */
static enum status close_saved(struct ui *ui, struct ui_form *f, struct error *err)
{
	struct grid *g = state(ui);
	long d;

	parse_int(ui_form_text(f, 0), 1, 14, &d);
	g->close_day = (int)d;
	g->close_from = time_parse(ui_form_text(f, 1));
	g->close_to = time_parse(ui_form_text(f, 2));
	if (g->close_from >= g->close_to)
		return error_set(err, ST_INPUT, "the room must close before it opens again");
	f->then_id = g->close_room;
	return ST_OK;
}

/* After the form: what closing the room would do, to apply or drop. */
static unsigned close_preview(struct ui *ui, int64_t room)
{
	struct grid *g = state(ui);
	struct replan_event ev = { .kind = REPLAN_CLOSE_ROOM,
				   .day = g->close_day,
				   .from = g->close_from,
				   .to = g->close_to };
	char f[6], t[6], *title;
	unsigned r;

	if (room < 0 || room >= ui->conf.nrooms)
		return 0;
	title = xasprintf("Close %s on day %d, %s-%s", ui->conf.rooms[room].name, g->close_day,
			  time_format(g->close_from, f), time_format(g->close_to, t));
	r = ui_replan(ui, &ev, ui->conf.rooms[room].name, title, 0, 0);
	free(title);
	return r;
}

/* c: close the room under the cursor for a while, from the cursor's time. */
static unsigned close_room(struct ui *ui, struct grid *g)
{
	int from = slot_time(ui, g->day, g->row);
	char t[6], day[8], *title;
	struct ui_form *f;

	if (g->room < 0 || g->room >= ui->conf.nrooms)
		return 0;
	g->close_room = g->room;
	title = xasprintf("Close %s", ui->conf.rooms[g->room].name);
	f = ui_form_new(title, 0);
	free(title);
	snprintf(day, sizeof(day), "%d", ui->conf.days[g->day].number);
	ui_form_add(f, "Day", day, check_day, "the day it is closed");
	ui_form_add(f, "From", time_format(from, t), check_time, "closed from");
	ui_form_add(f, "To", time_format(ui->conf.days[g->day].end, t), check_time, "open again at");
	f->save = close_saved;
	f->then = close_preview;
	return ui_open_form(ui, f);
}

static unsigned move_cursor(struct ui *ui, struct grid *g, enum ui_action a)
{
	int page = g->body_h > 1 ? g->body_h - 1 : 1;

	switch (a) {
	case ACT_UP:
		g->row--;
		break;
	case ACT_DOWN:
		g->row++;
		break;
	case ACT_LEFT:
		g->room--;
		break;
	case ACT_RIGHT:
		g->room++;
		break;
	case ACT_PAGE_UP:
		g->row -= page;
		break;
	case ACT_PAGE_DOWN:
		g->row += page;
		break;
	case ACT_HOME:
		g->row = 0;
		break;
	case ACT_END:
		g->row = g->nslots - 1;
		break;
	case ACT_PREV_DAY:
	case ACT_NEXT_DAY:
		g->day += a == ACT_NEXT_DAY ? 1 : -1;
		clamp(ui, g);
		occupancy(ui, g);
		return REDRAW_ALL;
	default:
		return 0;
	}
	clamp(ui, g);
	return REDRAW_LIST;
}

static unsigned key(struct pane *p, struct ui *ui, enum ui_action a)
{
	struct grid *g = p->data;
	int s;
	unsigned r;

	if (!ui->conf.ndays || !ui->conf.nrooms)
		return 0;
	if ((r = move_cursor(ui, g, a))) {
		g->layer = 0;
		return r;
	}
	s = here(ui, g);
	switch (a) {
	case ACT_STACK: {
		int v[16], n = stacked(ui, g, g->room, g->row, v, 16);

		if (n < 2) {
			ui_message(ui, 1, "only one session is here");
			return REDRAW_STATUS;
		}
		g->layer = (g->layer + 1) % n;
		ui_message(ui, 0, "%s, %d of the %d sessions here",
			   ui->conf.sessions[here(ui, g)].code, g->layer + 1, n);
		return REDRAW_ALL;
	}
	case ACT_ADD:
		return ui_session_form_at(ui, ui->conf.days[g->day].number,
					  slot_time(ui, g->day, g->row), g->room);
	case ACT_MOVE:
		if (ui->picked)
			return drop(ui, g);
		if (s < 0) {
			ui_message(ui, 1, "no session here to pick up");
			return REDRAW_STATUS;
		}
		return ui_session_pick(ui, s);
	case ACT_CLOSE_ROOM:
		return close_room(ui, g);
	case ACT_SWAP:
		return swap(ui, g);
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!p->list.search) {
			ui_message(ui, 1, "no search yet: press / first");
			return REDRAW_STATUS;
		}
		return search(ui, g, p->list.search, a == ACT_SEARCH_NEXT ? 1 : -1);
	default:
		return ui_session_act(ui, s, a);
	}
}

static unsigned select_cell(struct pane *p, struct ui *ui)
{
	struct grid *g = p->data;
	int s = here(ui, g);

	if (ui->picked)
		return drop(ui, g);
	if (s >= 0)
		return ui_session_form(ui, s);
	ui_message(ui, 0, "an empty slot: pick a session up with m to place it here");
	return REDRAW_STATUS;
}

static unsigned click(struct pane *p, struct ui *ui, int y, int x)
{
	struct grid *g = p->data;

	if (y < HEAD_H || x < TIME_W || !g->cell_w)
		return 0;
	g->row = g->top + y - HEAD_H;
	g->room = g->left + (x - TIME_W) / g->cell_w;
	g->layer = 0;
	clamp(ui, g);
	if (ui->picked)
		return drop(ui, g);
	return REDRAW_ALL;
}

const struct pane_ops ui_grid_ops = {
	.name = "grid",
	.title = "Grid",
	.flags = PANE_GRID | PANE_PLACE | PANE_EDIT,
	.open = open_pane,
	.draw = draw,
	.key = key,
	.select = select_cell,
	.reload = reload,
	.click = click,
	.close = close_pane,
};
