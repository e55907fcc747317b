/* The sessions pane: every session with its kind, place, speakers and a
 * problem mark; add, edit (with its speakers), delete, pin, unplace, and
 * pick up to place in the grid. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/print.h"
#include "convene/fold.h"
#include "convene/ui_draw.h"
#include "convene/ui_form.h"
#include "convene/ui_pane.h"

static const struct ui_column columns[] = {
	{ "!", 2, 0 },      { "Code", 8, 0 },  { "Kind", 10, 0 },
	{ "Title", 34, 0 }, { "Day", 3, 1 },   { "Start", 5, 0 },
	{ "Min", 4, 1 },    { "Room", 16, 0 }, { "Speakers", 0, 0 },
};

static int count(const struct ui *ui)
{
	return ui->conf.nsessions;
}

static int64_t row_id(const struct ui *ui, int row)
{
	return ui->conf.sessions[row].id;
}

static void cell(const struct ui *ui, int row, int col, struct str *out)
{
	const struct session *s = &ui->conf.sessions[row];
	int placed = s->day >= 0 && s->room >= 0;
	char t[6];

	switch (col) {
	case 0:
		str_catf(out, "%s%s",
			 ui->mark[row] == 2   ? "!"
			 : ui->mark[row] == 1 ? "~"
					      : " ",
			 s->pinned ? "*" : "");
		break;
	case 1:
		str_cat(out, s->code);
		break;
	case 2:
		str_cat(out, kind_name(s->kind));
		break;
	case 3:
		str_cat(out, s->title);
		break;
	case 4:
		if (placed)
			str_catf(out, "%d", ui->conf.days[s->day].number);
		break;
	case 5:
		if (placed)
			str_cat(out, time_format(s->start, t));
		break;
	case 6:
		str_catf(out, "%d", s->duration);
		break;
	case 7:
		str_cat(out, placed ? ui->conf.rooms[s->room].name : "(unplaced)");
		break;
	default:
		ui_session_speakers(ui, s, out);
	}
}

static attr_t row_attr(const struct ui *ui, int row)
{
	return ui->mark[row] == 2 ? ui_attr(COL_HARD) : ui_attr(COL_NORMAL);
}

static void open_pane(struct pane *p, struct ui *ui)
{
	(void)ui;
	p->list.cols = columns;
	p->list.ncols = (int)ARRAY_SIZE(columns);
	p->list.count = count;
	p->list.row_id = row_id;
	p->list.cell = cell;
	p->list.row_attr = row_attr;
	p->list.sort_col = -1;
}

/* Field checks. */
static char *check_code(struct ui *ui, struct ui_form *f, const char *t)
{
	if (!*t)
		return xstrdup("a session needs a code (e.g. T12)");
	if (strchr(t, ' '))
		return xstrdup("a code has no spaces");
	if (!f->id && conf_session_index(&ui->conf, t) >= 0)
		return xasprintf("session %s already exists", t);
	return NULL;
}

static char *check_title(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)ui;
	(void)f;
	return *t ? NULL : xstrdup("a session needs a title");
}

static char *check_kind(struct ui *ui, struct ui_form *f, const char *t)
{
	struct str s;

	(void)ui;
	(void)f;
	if (kind_parse(t) >= 0)
		return NULL;
	str_init(&s);
	str_catf(&s, "'%s' is not a kind: ", t);
	for (int k = 0; k < KIND_COUNT; k++)
		str_catf(&s, "%s%s", k ? ", " : "", kind_name(k));
	return str_steal(&s);
}

static char *check_duration(struct ui *ui, struct ui_form *f, const char *t)
{
	long v;

	(void)ui;
	(void)f;
	if (parse_int(t, 5, 720, &v))
		return xasprintf("'%s' is not a number of minutes from 5 to 720", t);
	return NULL;
}

static char *check_capacity(struct ui *ui, struct ui_form *f, const char *t)
{
	long v;

	(void)ui;
	(void)f;
	if (*t && parse_int(t, 0, 100000, &v))
		return xasprintf("'%s' is not a number (leave it empty for no cap)", t);
	return NULL;
}

/* The speaker a name or email names, regardless of case and accents; -1
 * if none. */
static int find_speaker(const struct ui *ui, const char *name)
{
	for (int i = 0; i < ui->conf.nspeakers; i++) {
		const struct speaker *sp = &ui->conf.speakers[i];
		char *full = speaker_full_name(sp);
		int hit = fold_equal(sp->name, name) || str_ieq(sp->email, name) ||
			  fold_equal(full, name);

		free(full);
		if (hit)
			return i;
	}
	return -1;
}

/* Split "A; B" into speaker indices; a message for the first unknown one. */
static char *parse_speakers(const struct ui *ui, const char *text, int **out, int *n)
{
	char *copy = xstrdup(text), *save = NULL, *msg = NULL;

	*out = NULL;
	*n = 0;
	for (char *t = strtok_r(copy, ";", &save); t && !msg; t = strtok_r(NULL, ";", &save)) {
		int sp;

		t = str_trim(t);
		if (!*t)
			continue;
		sp = find_speaker(ui, t);
		if (sp < 0) {
			char *c = ui_complete_speaker((struct ui *)ui, t, 0);

			msg = c ? xasprintf("no speaker called '%s': ^N gives %s", t, c)
				: xasprintf("no speaker called '%s' (add them in the speakers pane)",
					    t);
			free(c);
			break;
		}
		*out = xreallocarray(*out, (size_t)*n + 1, sizeof(int));
		(*out)[(*n)++] = sp;
	}
	free(copy);
	return msg;
}

static char *check_speakers(struct ui *ui, struct ui_form *f, const char *t)
{
	int *sp, n;
	char *msg = parse_speakers(ui, t, &sp, &n);

	(void)f;
	free(sp);
	return msg;
}

static enum status save(struct ui *ui, struct ui_form *f, struct error *err)
{
	int idx = -1, *sp = NULL, n = 0;
	struct session s = { 0 };
	long dur, cap = -1;
	char *msg;
	int64_t id;
	enum status st;

	for (int i = 0; i < ui->conf.nsessions; i++)
		if (ui->conf.sessions[i].id == f->id)
			idx = i;
	s.code = (char *)ui_form_text(f, 0);
	s.code = xstrdup(s.code);
	s.title = xstrdup(ui_form_text(f, 1));
	s.kind = (enum session_kind)kind_parse(ui_form_text(f, 2));
	parse_int(ui_form_text(f, 3), 5, 720, &dur);
	s.duration = (int)dur;
	if (*ui_form_text(f, 4))
		parse_int(ui_form_text(f, 4), 0, 100000, &cap);
	s.capacity = (int)cap;
	s.audience = xstrdup(ui_form_text(f, 5));
	s.track = xstrdup(ui_form_text(f, 6));
	s.features = xstrdup(ui_form_text(f, 7));
	s.time_tags = xstrdup(ui_form_text(f, 9));
	s.room_tags = xstrdup(ui_form_text(f, 10));
	s.pinned = idx >= 0 ? ui->conf.sessions[idx].pinned : 0;
	msg = parse_speakers(ui, ui_form_text(f, 8), &sp, &n);
	free(msg);
	st = ui_form_begin(ui, f, "session", err);
	if (!st && f->id) /* a corrected code */
		st = session_recode(ui->db, f->id, s.code, err);
	if (!st)
		st = session_put(ui->db, &s, &id, err);
	if (!st)
		st = session_speakers_clear(ui->db, id, err);
	for (int k = 0; k < n && !st; k++)
		st = session_speaker_add(ui->db, id, ui->conf.speakers[sp[k]].id, err);
	if (!st && f->at_day) /* added on the grid: placed there in the same edit */
		st = placement_set(ui->db, id, day_id(ui->db, f->at_day), f->at_start, f->at_room,
				   err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		f->saved_id = id; /* the cursor goes to the row */
	if (!st && f->at_day) {
		char t[6];

		ui_edited(ui, ST_OK, NULL, "saved session %s at %s on day %d in %s", s.code,
			  time_format(f->at_start, t), f->at_day, f->at_room_name);
	} else if (!st) {
		ui_edited(ui, ST_OK, NULL, "saved session %s", s.code);
	}
	free(sp);
	free(s.code);
	free(s.title);
	free(s.audience);
	free(s.track);
	free(s.features);
	free(s.time_tags);
	free(s.room_tags);
	return st;
}

unsigned ui_session_form(struct ui *ui, int idx)
{
	const struct session *s = idx >= 0 ? &ui->conf.sessions[idx] : NULL;
	struct ui_form *f;
	struct str sp;
	char *title = s ? xasprintf("Edit session %s", s->code) : xstrdup("Add a session");
	char *dur = xasprintf("%d", s ? s->duration : 60);
	char *cap = s && s->capacity >= 0 ? xasprintf("%d", s->capacity) : xstrdup("");

	str_init(&sp);
	if (s)
		ui_session_speakers(ui, s, &sp);
	f = ui_form_new(title, s ? s->id : 0);
	f->table = "session";
	ui_form_add(f, "Code", s ? s->code : "", check_code, "short and unique, e.g. T12");
	ui_form_add(f, "Title", s ? s->title : "", check_title, NULL);
	ui_form_add(f, "Kind", s ? kind_name(s->kind) : "talk", check_kind,
		    "keynote talk panel workshop carousel world_cafe break meal networking plenary");
	ui_form_add(f, "Minutes", dur, check_duration, "5 to 720");
	ui_form_add(f, "Capacity", cap, check_capacity, "empty: no cap");
	ui_form_add(f, "Audience", s ? s->audience : "", NULL, "e.g. headteachers; send_leads");
	ui_form_add(f, "Track", s ? s->track : "", NULL, NULL);
	ui_form_add(f, "Needs", s ? s->features : "", ui_check_features,
		    "room features: projector; hearing_loop");
	ui_form_add(f, "Speakers", sp.buf, check_speakers,
		    "names or emails, separated by ;  ^N completes a name");
	ui_form_complete(f, 8, ui_complete_speaker);
	ui_form_add(f, "Times", s ? s->time_tags : "", ui_check_time_tags,
		    "morning; afternoon; first; last; opening; closing; day1 ...; !word to avoid");
	ui_form_add(f, "Rooms", s ? s->room_tags : "", ui_check_room_tags,
		    "room tags it needs or prefers, !tag to avoid: hall; !quiet");
	f->focus = s ? 1 : 0;
	f->save = save;
	free(title);
	free(dur);
	free(cap);
	str_done(&sp);
	return ui_open_form(ui, f);
}

unsigned ui_session_form_at(struct ui *ui, int day, int start, int room)
{
	unsigned r = ui_session_form(ui, -1);
	char t[6];

	if (ui->form) {
		free(ui->form->title);
		ui->form->title = xasprintf("Add a session at %s on day %d in %s",
					    time_format(start, t), day, ui->conf.rooms[room].name);
		ui->form->at_day = day;
		ui->form->at_start = start;
		ui->form->at_room = ui->conf.rooms[room].id;
		ui->form->at_room_name = xstrdup(ui->conf.rooms[room].name);
	}
	return r;
}

static enum status delete_yes(struct ui *ui, int64_t id, struct error *err)
{
	return session_delete(ui->db, id, err);
}

unsigned ui_session_delete(struct ui *ui, int s)
{
	const struct session *se = &ui->conf.sessions[s];
	char *done = xasprintf("deleted session %s", se->code);
	unsigned r = ui_confirm(ui, delete_yes, se->id, done, "Delete session %s, '%s'?", se->code,
				se->title);

	free(done);
	return r;
}

unsigned ui_session_pin(struct ui *ui, int s)
{
	struct session se = ui->conf.sessions[s];
	struct error err = { 0 };
	char *code = xstrdup(se.code);
	unsigned r;

	se.pinned = !se.pinned;
	r = ui_edited(ui, session_put(ui->db, &se, NULL, &err), &err, "%s %s",
		      se.pinned ? "pinned" : "unpinned", code);
	free(code);
	return r;
}

unsigned ui_session_unplace(struct ui *ui, int s)
{
	struct error err = { 0 };
	char *code = xstrdup(ui->conf.sessions[s].code);
	unsigned r;

	if (ui->conf.sessions[s].pinned) {
		ui_message(ui, 1, "%s is pinned: unpin it first (p)", code);
		free(code);
		return REDRAW_STATUS;
	}
	r = ui_edited(ui, placement_clear(ui->db, ui->conf.sessions[s].id, &err), &err,
		      "took %s out of the grid", code);
	free(code);
	return r;
}

/* X: cancel the session, shown first as the re-planner's preview. */
static unsigned call_off(struct ui *ui, int s)
{
	struct replan_event ev = { .kind = REPLAN_CANCEL };
	char *title = xasprintf("cancel %s", ui->conf.sessions[s].code);
	unsigned r = ui_replan(ui, &ev, ui->conf.sessions[s].code, title, 0, 0);

	free(title);
	return r;
}

unsigned ui_session_act(struct ui *ui, int s, enum ui_action a)
{
	if (a == ACT_ADD)
		return ui_session_form(ui, -1);
	if (s < 0)
		return 0;
	switch (a) {
	case ACT_EDIT:
		return ui_session_form(ui, s);
	case ACT_DELETE:
		return ui_session_delete(ui, s);
	case ACT_PIN:
		return ui_session_pin(ui, s);
	case ACT_UNPLACE:
		return ui_session_unplace(ui, s);
	case ACT_SETUP:
		return ui_setup_form(ui, s);
	case ACT_CALL_OFF:
		return call_off(ui, s);
	default:
		return 0;
	}
}

unsigned ui_session_pick(struct ui *ui, int s)
{
	const struct session *se = &ui->conf.sessions[s];

	if (se->pinned) {
		ui_message(ui, 1, "%s is pinned: unpin it first (p)", se->code);
		return REDRAW_STATUS;
	}
	ui->picked = se->id;
	ui_message(ui, 0,
		   "picked up %s: move to a cell and press m to drop it (w swaps, "
		   "Esc puts it down)",
		   se->code);
	if (se->day >= 0 && se->room >= 0)
		ui_grid_show(ui, s);
	return ui_switch(ui, ui_pane_with(ui, PANE_GRID)) | REDRAW_ALL;
}

/* Who is in a session: each cafe table per round, each carousel station
 * per rotation, or the attendance list. */
static unsigned view_people(struct ui *ui, int s)
{
	const struct session *se = &ui->conf.sessions[s];
	struct print_data pd;
	struct error err = { 0 };
	struct str out;
	char *title;
	unsigned r;

	if (print_data_load(ui->db, &ui->conf, &pd, &err)) {
		ui_message(ui, 1, "%s", err.msg ? err.msg : "cannot read who is there");
		error_clear(&err);
		return REDRAW_STATUS;
	}
	str_init(&out);
	if (se->kind == KIND_WORLD_CAFE || se->kind == KIND_CAROUSEL)
		print_facilitators_text(&pd, s, &out);
	else
		print_attendance_text(&pd, s, &out);
	print_data_done(&pd);
	title = xasprintf("%s %s", se->code, se->title);
	r = ui_view(ui, title, str_steal(&out));
	free(title);
	return r;
}

static unsigned key(struct pane *p, struct ui *ui, enum ui_action a)
{
	int s = ui_list_current(&p->list);
	unsigned r = ui_list_key(&p->list, ui, a);

	if (r)
		return r;
	if (s >= 0 && a == ACT_VIEW)
		return view_people(ui, s);
	if (s >= 0 && a == ACT_MOVE)
		return ui_session_pick(ui, s);
	return ui_session_act(ui, s, a);
}

static unsigned select_row(struct pane *p, struct ui *ui)
{
	int s = ui_list_current(&p->list);

	return s >= 0 ? ui_session_form(ui, s) : 0;
}

const struct pane_ops ui_sessions_ops = {
	.name = "sessions",
	.title = "Sessions",
	.flags = PANE_LIST | PANE_EDIT | PANE_PLACE | PANE_SIDE,
	.open = open_pane,
	.draw = ui_pane_list_draw,
	.key = key,
	.select = select_row,
	.reload = ui_pane_list_reload,
	.click = ui_pane_list_click,
};
