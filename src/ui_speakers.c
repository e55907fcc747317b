/* The speakers pane: name with title and honours, organisation, email, how
 * many sessions, and when they cannot come; add, edit, delete, and set the
 * unavailable times. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/ui_draw.h"
#include "convene/ui_form.h"
#include "convene/ui_pane.h"

static const struct ui_column columns[] = {
	{ "Speaker", 32, 0 }, { "Organisation", 26, 0 }, { "Email", 30, 0 },
	{ "Sess", 4, 1 },     { "Unavailable", 0, 0 },
};

static int count(const struct ui *ui)
{
	return ui->conf.nspeakers;
}

static int64_t row_id(const struct ui *ui, int row)
{
	return ui->conf.speakers[row].id;
}

static int sessions_of(const struct ui *ui, int sp)
{
	int n = 0;

	for (int i = 0; i < ui->conf.nsessions; i++)
		for (int k = 0; k < ui->conf.sessions[i].nspeakers; k++)
			n += ui->conf.sessions[i].speakers[k] == sp;
	return n;
}

static void cell(const struct ui *ui, int row, int col, struct str *out)
{
	const struct speaker *s = &ui->conf.speakers[row];
	char *full;

	switch (col) {
	case 0:
		full = speaker_full_name(s);
		str_cat(out, full);
		free(full);
		break;
	case 1:
		str_cat(out, s->organisation);
		break;
	case 2:
		str_cat(out, s->email);
		break;
	case 3:
		str_catf(out, "%d", sessions_of(ui, row));
		break;
	default:
		ui_periods_format(ui, s->unavailable, s->nunavailable, out);
	}
}

static void open_pane(struct pane *p, struct ui *ui)
{
	(void)ui;
	p->list.cols = columns;
	p->list.ncols = (int)ARRAY_SIZE(columns);
	p->list.count = count;
	p->list.row_id = row_id;
	p->list.cell = cell;
	p->list.sort_col = -1;
}

static char *check_name(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)ui;
	(void)f;
	return *t ? NULL : xstrdup("a speaker needs a name");
}

static char *check_email(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)f;
	if (*t && (!strchr(t, '@') || strchr(t, ' ')))
		return xasprintf("'%s' does not look like an email address", t);
	for (int i = 0; *t && !f->id && i < ui->conf.nspeakers; i++)
		if (str_ieq(ui->conf.speakers[i].email, t))
			return xasprintf("%s is already %s's email", t, ui->conf.speakers[i].name);
	return NULL;
}

static char *check_periods(struct ui *ui, struct ui_form *f, const char *t)
{
	struct period *p;
	int n;
	char *msg = ui_periods_parse(ui, t, &p, &n);

	(void)f;
	free(p);
	return msg;
}

static enum status save(struct ui *ui, struct ui_form *f, struct error *err)
{
	struct speaker s = { 0 };
	struct period *p = NULL;
	int n = 0;
	int64_t id;
	enum status st;
	char *msg, *name;

	s.name = xstrdup(ui_form_text(f, 0));
	s.title = xstrdup(ui_form_text(f, 1));
	s.honours = xstrdup(ui_form_text(f, 2));
	s.organisation = xstrdup(ui_form_text(f, 3));
	s.email = xstrdup(ui_form_text(f, 4));
	msg = ui_periods_parse(ui, ui_form_text(f, 5), &p, &n);
	free(msg);
	s.pause = *ui_form_text(f, 6) ? atoi(ui_form_text(f, 6)) : 0;
	s.time_tags = xstrdup(ui_form_text(f, 7));
	s.room_tags = xstrdup(ui_form_text(f, 8));
	name = xstrdup(s.name);
	st = ui_form_begin(ui, f, "speaker", err);
	if (!st && f->id && *s.email) /* a corrected email */
		st = speaker_set_email(ui->db, f->id, s.email, err);
	if (!st)
		st = speaker_put(ui->db, &s, &id, err);
	if (!st)
		st = speaker_unavailable_clear(ui->db, id, err);
	for (int i = 0; i < n && !st; i++)
		st = speaker_unavailable_add(ui->db, id, ui->conf.days[p[i].day].id, p[i].start,
					     p[i].end, err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		f->saved_id = id; /* the cursor goes to the row */
	if (!st)
		ui_edited(ui, ST_OK, NULL, "saved speaker %s", name);
	free(name);
	free(p);
	free(s.name);
	free(s.title);
	free(s.honours);
	free(s.organisation);
	free(s.email);
	free(s.time_tags);
	free(s.room_tags);
	return st;
}

static char *check_pause(struct ui *ui, struct ui_form *f, const char *t)
{
	long v;

	(void)ui;
	(void)f;
	return *t && parse_int(t, 0, 240, &v) ? xasprintf("'%s': minutes, 0 to 240", t) : NULL;
}

static unsigned form(struct ui *ui, int idx, int times)
{
	const struct speaker *s = idx >= 0 ? &ui->conf.speakers[idx] : NULL;
	char pause[16];
	char *title = s ? xasprintf("Edit speaker %s", s->name) : xstrdup("Add a speaker");
	struct ui_form *f = ui_form_new(title, s ? s->id : 0);
	struct str per;

	f->table = "speaker";
	str_init(&per);
	if (s)
		ui_periods_format(ui, s->unavailable, s->nunavailable, &per);
	ui_form_add(f, "Name", s ? s->name : "", check_name, NULL);
	ui_form_add(f, "Title", s ? s->title : "", NULL, "Dr, Professor, Dame ...");
	ui_form_add(f, "Honours", s ? s->honours : "", NULL, "OBE, HMI ...");
	ui_form_add(f, "Organisation", s ? s->organisation : "", NULL, NULL);
	ui_form_add(f, "Email", s ? s->email : "", check_email, "identifies the speaker");
	ui_form_add(f, "Unavailable", per.buf, check_periods,
		    "DAY HH:MM-HH:MM; ... e.g. 1 09:00-12:00; 2 15:00-17:00");
	snprintf(pause, sizeof(pause), "%d", s ? s->pause : 0);
	ui_form_add(f, "Pause", pause, check_pause, "minutes they need between two sessions");
	ui_form_add(f, "Times", s ? s->time_tags : "", ui_check_time_tags,
		    "morning; afternoon; first; last; opening; closing; day1 ...; !word to avoid");
	ui_form_add(f, "Rooms", s ? s->room_tags : "", ui_check_room_tags,
		    "room tags they prefer, !tag to avoid: hall; !quiet");
	/* The model finds a speaker by email, or by name without one. */
	if (s && !*s->email)
		f->fields[0].locked = 1;
	f->focus = times ? 5 : s && !*s->email ? 1 : 0;
	f->save = save;
	free(title);
	str_done(&per);
	return ui_open_form(ui, f);
}

static enum status delete_yes(struct ui *ui, int64_t id, struct error *err)
{
	return speaker_delete(ui->db, id, err);
}

static char *check_minutes(struct ui *ui, struct ui_form *f, const char *text)
{
	long v;

	(void)ui;
	(void)f;
	return parse_int(text, 1, 600, &v) ? xasprintf("'%s': give minutes, 1 to 600", text) : NULL;
}

static char *check_now(struct ui *ui, struct ui_form *f, const char *text)
{
	char day[8] = "";
	const char *sp = strchr(text, ' ');
	int d, t;

	(void)ui;
	(void)f;
	if (sp && (size_t)(sp - text) < sizeof(day)) {
		memcpy(day, text, (size_t)(sp - text));
		if (replan_parse_now(day, sp + 1, &d, &t) == 0)
			return NULL;
	}
	return xasprintf("'%s': write the day and the time, as 1 10:30", text);
}

/* The late form's answers: the minutes, and now, kept for the preview. */
static enum status late_saved(struct ui *ui, struct ui_form *f, struct error *err)
{
	const char *now = ui_form_text(f, 1), *sp = strchr(now, ' ');
	char day[8] = "";
	long v;

	parse_int(ui_form_text(f, 0), 1, 600, &v);
	if (!sp || (size_t)(sp - now) >= sizeof(day))
		return error_set(err, ST_INPUT, "write now as the day and the time, 1 10:30");
	memcpy(day, now, (size_t)(sp - now));
	if (replan_parse_now(day, sp + 1, &ui->replan.now_day, &ui->replan.now))
		return error_set(err, ST_INPUT, "write now as the day and the time, 1 10:30");
	ui->replan.ev.amount = (int)v;
	return ST_OK;
}

/* After the late form: what the re-plan would do, to apply or drop. */
static unsigned late_preview(struct ui *ui, int64_t id)
{
	int s = conf_speaker_at(&ui->conf, id), now_day = ui->replan.now_day, now = ui->replan.now;
	struct replan_event ev = { .kind = REPLAN_LATE, .amount = ui->replan.ev.amount };
	char *title;
	unsigned r;

	if (s < 0)
		return 0;
	title = xasprintf("%s is %d minutes late", ui->conf.speakers[s].name, ev.amount);
	r = ui_replan(ui, &ev, ui->conf.speakers[s].name, title, now_day, now);
	free(title);
	return r;
}

/* L: the speaker will be late; how late, and what time it is now. */
static unsigned late_form(struct ui *ui, int s)
{
	struct replan_options o;
	struct error err = { 0 };
	struct ui_form *f;
	char *title = xasprintf("%s will be late", ui->conf.speakers[s].name), now[24], t[6];

	if (replan_options_from_settings(&o, ui->cfg, &ui->conf, &err) || !o.now_day) {
		o.now_day = ui->conf.ndays ? ui->conf.days[0].number : 1;
		o.now = ui->conf.ndays ? ui->conf.days[0].start : 540;
	}
	error_clear(&err);
	snprintf(now, sizeof(now), "%d %s", o.now_day, time_format(o.now, t));
	f = ui_form_new(title, ui->conf.speakers[s].id);
	free(title);
	ui_form_add(f, "Minutes late", "30", check_minutes, "how late they will be");
	ui_form_add(f, "Now", now, check_now, "the day and time it is now, as 1 10:30");
	f->save = late_saved;
	f->then = late_preview;
	f->then_id = ui->conf.speakers[s].id;
	return ui_open_form(ui, f);
}

static unsigned key(struct pane *p, struct ui *ui, enum ui_action a)
{
	int s = ui_list_current(&p->list);
	unsigned r = ui_list_key(&p->list, ui, a);
	char *done;

	if (r)
		return r;
	if (a == ACT_ADD)
		return form(ui, -1, 0);
	if (s < 0)
		return 0;
	switch (a) {
	case ACT_EDIT:
		return form(ui, s, 0);
	case ACT_UNAVAILABLE:
		return form(ui, s, 1);
	case ACT_LATE:
		return late_form(ui, s);
	case ACT_DELETE:
		done = xasprintf("deleted speaker %s", ui->conf.speakers[s].name);
		r = ui_confirm(ui, delete_yes, ui->conf.speakers[s].id, done,
			       "Delete speaker %s (from %d sessions)?", ui->conf.speakers[s].name,
			       sessions_of(ui, s));
		free(done);
		return r;
	default:
		return 0;
	}
}

static unsigned select_row(struct pane *p, struct ui *ui)
{
	int s = ui_list_current(&p->list);

	return s >= 0 ? form(ui, s, 0) : 0;
}

const struct pane_ops ui_speakers_ops = {
	.name = "speakers",
	.title = "Speakers",
	.flags = PANE_LIST | PANE_EDIT | PANE_TIMES | PANE_SIDE,
	.open = open_pane,
	.draw = ui_pane_list_draw,
	.key = key,
	.select = select_row,
	.reload = ui_pane_list_reload,
	.click = ui_pane_list_click,
};
