/* The problems pane: every hard conflict and soft warning of the programme
 * as the rule book (rules.h) finds them after each edit; Enter shows the session
 * in the grid. */
#include "config.h"

#include "convene/ui_draw.h"
#include "convene/ui_pane.h"

static const struct ui_column columns[] = {
	{ "", 4, 0 },
	{ "Problem", 19, 0 },
	{ "Session", 8, 0 },
	{ "What", 0, 0 },
};

static int count(const struct ui *ui)
{
	return ui->problems.n;
}

static int64_t row_id(const struct ui *ui, int row)
{
	const struct problem *p = &ui->problems.items[row];

	/* Problems have no id: the family, sessions and speaker make one. */
	return ((int64_t)p->family << 57) | ((int64_t)(p->session + 1) << 38) |
	       ((int64_t)(p->other + 1) << 19) | (p->speaker + 1);
}

static void cell(const struct ui *ui, int row, int col, struct str *out)
{
	const struct problem *p = &ui->problems.items[row];

	switch (col) {
	case 0:
		str_cat(out, p->hard ? "HARD" : "soft");
		break;
	case 1:
		str_cat(out, timetable_family_name(p->family));
		break;
	case 2:
		if (p->session >= 0)
			str_cat(out, ui->conf.sessions[p->session].code);
		else if (p->speaker >= 0)
			str_cat(out, ui->conf.speakers[p->speaker].name);
		break;
	default:
		str_cat(out, p->text);
	}
}

static attr_t row_attr(const struct ui *ui, int row)
{
	return ui->problems.items[row].hard ? ui_attr(COL_HARD) : ui_attr(COL_NORMAL);
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

static void draw(struct pane *p, struct ui *ui, WINDOW *w, int focused)
{
	if (!ui->problems.n) {
		ui_put(w, 0, 0, "No problems: every session is placed without a conflict.",
		       getmaxx(w), ui_attr(COL_NORMAL));
		return;
	}
	ui_list_draw(&p->list, ui, w, focused);
}

static unsigned key(struct pane *p, struct ui *ui, enum ui_action a)
{
	return ui_list_key(&p->list, ui, a);
}

static unsigned select_row(struct pane *p, struct ui *ui)
{
	int r = ui_list_current(&p->list);
	int s = r >= 0 ? ui->problems.items[r].session : -1;

	if (s < 0)
		return 0;
	if (ui->conf.sessions[s].day < 0) {
		ui_message(ui, 0, "%s is not placed: press m in the sessions pane to place it",
			   ui->conf.sessions[s].code);
		return REDRAW_STATUS;
	}
	return ui_grid_show(ui, s) | ui_switch(ui, ui_pane_with(ui, PANE_GRID));
}

const struct pane_ops ui_problems_ops = {
	.name = "problems",
	.title = "Problems",
	.flags = PANE_LIST | PANE_SIDE,
	.open = open_pane,
	.draw = draw,
	.key = key,
	.select = select_row,
	.reload = ui_pane_list_reload,
	.click = ui_pane_list_click,
};
