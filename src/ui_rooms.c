/* The rooms pane: capacity, step-free access, cafe tables, features and
 * unavailable times; add, edit, delete (refused while sessions are in it),
 * and set the unavailable times. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/print.h"
#include "convene/ui_draw.h"
#include "convene/ui_form.h"
#include "convene/ui_pane.h"

static const struct ui_column columns[] = {
	{ "Room", 20, 0 },  { "Cap", 5, 1 },       { "Step-free", 9, 0 },
	{ "Tables", 6, 1 }, { "Features", 26, 0 }, { "Unavailable", 0, 0 },
};

static int count(const struct ui *ui)
{
	return ui->conf.nrooms;
}

static int64_t row_id(const struct ui *ui, int row)
{
	return ui->conf.rooms[row].id;
}

static void cell(const struct ui *ui, int row, int col, struct str *out)
{
	const struct room *r = &ui->conf.rooms[row];

	switch (col) {
	case 0:
		str_cat(out, r->name);
		break;
	case 1:
		str_catf(out, "%d", r->capacity);
		break;
	case 2:
		str_cat(out, r->step_free ? "yes" : "no");
		break;
	case 3:
		str_catf(out, "%d", r->cafe_tables);
		break;
	case 4:
		str_cat(out, r->features);
		break;
	default:
		ui_periods_format(ui, r->unavailable, r->nunavailable, out);
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
	if (!*t)
		return xstrdup("a room needs a name");
	for (int i = 0; !f->id && i < ui->conf.nrooms; i++)
		if (str_ieq(ui->conf.rooms[i].name, t))
			return xasprintf("there is already a room called %s", t);
	return NULL;
}

static char *check_count(struct ui *ui, struct ui_form *f, const char *t)
{
	long v;

	(void)ui;
	(void)f;
	return parse_int(t, 0, 100000, &v) ? xasprintf("'%s' is not a number", t) : NULL;
}

static char *check_yes_no(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)ui;
	(void)f;
	return str_ieq(t, "yes") || str_ieq(t, "no") || str_ieq(t, "y") || str_ieq(t, "n")
		       ? NULL
		       : xasprintf("'%s': answer yes or no", t);
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
	struct room r = { 0 };
	struct period *p = NULL;
	long cap = 0, tables = 0;
	int n = 0;
	int64_t id;
	enum status st;
	char *msg;

	r.name = xstrdup(ui_form_text(f, 0));
	parse_int(ui_form_text(f, 1), 0, 100000, &cap);
	r.capacity = (int)cap;
	r.step_free = ui_form_text(f, 2)[0] == 'y' || ui_form_text(f, 2)[0] == 'Y';
	parse_int(ui_form_text(f, 3), 0, 100000, &tables);
	r.cafe_tables = (int)tables;
	r.features = xstrdup(ui_form_text(f, 4));
	r.tags = xstrdup(ui_form_text(f, 6));
	msg = ui_periods_parse(ui, ui_form_text(f, 5), &p, &n);
	free(msg);
	st = ui_form_begin(ui, f, "room", err);
	if (!st && f->id) /* a corrected name */
		st = room_rename(ui->db, f->id, r.name, err);
	if (!st)
		st = room_put(ui->db, &r, &id, err);
	if (!st)
		st = room_unavailable_clear(ui->db, id, err);
	for (int i = 0; i < n && !st; i++)
		st = room_unavailable_add(ui->db, id, ui->conf.days[p[i].day].id, p[i].start,
					  p[i].end, err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		f->saved_id = id; /* the cursor goes to the row */
	if (!st)
		ui_edited(ui, ST_OK, NULL, "saved room %s", r.name);
	free(p);
	free(r.name);
	free(r.features);
	free(r.tags);
	return st;
}

static unsigned form(struct ui *ui, int idx, int times)
{
	const struct room *r = idx >= 0 ? &ui->conf.rooms[idx] : NULL;
	char *title = r ? xasprintf("Edit room %s", r->name) : xstrdup("Add a room");
	char *cap = xasprintf("%d", r ? r->capacity : 30);
	char *tables = xasprintf("%d", r ? r->cafe_tables : 0);
	struct ui_form *f = ui_form_new(title, r ? r->id : 0);
	struct str per;

	f->table = "room";
	str_init(&per);
	if (r)
		ui_periods_format(ui, r->unavailable, r->nunavailable, &per);
	ui_form_add(f, "Name", r ? r->name : "", check_name, NULL);
	ui_form_add(f, "Capacity", cap, check_count, "people seated");
	ui_form_add(f, "Step-free", r && !r->step_free ? "no" : "yes", check_yes_no, "yes or no");
	ui_form_add(f, "Cafe tables", tables, check_count, "how many World Cafe tables fit");
	ui_form_add(f, "Features", r ? r->features : "", NULL,
		    "projector; hearing_loop; microphone; flipchart ...");
	ui_form_add(f, "Unavailable", per.buf, check_periods,
		    "DAY HH:MM-HH:MM; ... e.g. 1 09:00-12:00");
	ui_form_add(f, "Tags", r ? r->tags : "", NULL,
		    "kinds of room sessions may ask for: hall; quiet");
	f->focus = times ? 5 : r ? 1 : 0;
	f->save = save;
	free(title);
	free(cap);
	free(tables);
	str_done(&per);
	return ui_open_form(ui, f);
}

static enum status delete_yes(struct ui *ui, int64_t id, struct error *err)
{
	return room_delete(ui->db, id, err);
}

/* The room's door sheet for each day. */
static unsigned view_door(struct ui *ui, int room)
{
	struct print_data pd;
	struct error err = { 0 };
	struct str out;

	if (print_data_load(ui->db, &ui->conf, &pd, &err)) {
		ui_message(ui, 1, "%s", err.msg ? err.msg : "cannot read the programme");
		error_clear(&err);
		return REDRAW_STATUS;
	}
	str_init(&out);
	for (int d = 0; d < ui->conf.ndays; d++) {
		if (d)
			str_cat(&out, "\n");
		print_door_text(&pd, room, d, &out);
	}
	print_data_done(&pd);
	return ui_view(ui, ui->conf.rooms[room].name, str_steal(&out));
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
	case ACT_VIEW:
		return view_door(ui, s);
	case ACT_UNAVAILABLE:
		return form(ui, s, 1);
	case ACT_DELETE:
		done = xasprintf("deleted room %s", ui->conf.rooms[s].name);
		r = ui_confirm(ui, delete_yes, ui->conf.rooms[s].id, done, "Delete room %s?",
			       ui->conf.rooms[s].name);
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

const struct pane_ops ui_rooms_ops = {
	.name = "rooms",
	.title = "Rooms",
	.flags = PANE_LIST | PANE_EDIT | PANE_TIMES | PANE_SIDE,
	.open = open_pane,
	.draw = ui_pane_list_draw,
	.key = key,
	.select = select_row,
	.reload = ui_pane_list_reload,
	.click = ui_pane_list_click,
};
