/* The list machinery shared by the sessions, speakers, rooms, delegates and
 * problems panes. Cells are formatted on demand, so drawing costs the
 * visible rows only; filtering and sorting format each row once. */
#include "config.h"

#include "convene/ui_list.h"

#include <stdlib.h>
#include <string.h>

#include "convene/fold.h"
#include "convene/ui_draw.h"
#include "convene/ui_pane.h"

/* Whether any cell of row contains text, folded (fold.h) as it is. */
static int row_matches(const struct ui_list *l, const struct ui *ui, int row, const char *folded,
		       struct str *buf, struct str *fbuf)
{
	for (int c = 0; c < l->ncols; c++) {
		str_clear(buf);
		l->cell(ui, row, c, buf);
		if (!buf->len)
			continue;
		str_clear(fbuf);
		fold_cat(fbuf, buf->buf);
		if (fbuf->len && strstr(fbuf->buf, folded))
			return 1;
	}
	return 0;
}

struct sort_key {
	int row;
	char *text;   /* as written */
	char *folded; /* as compared first */
	double num;
};

static int sort_desc;
static int sort_numeric;

static int compare_keys(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	int r;

	if (sort_numeric)
		r = (a->num > b->num) - (a->num < b->num);
	else
		r = strcoll(a->folded, b->folded);
	if (!r && !sort_numeric)
		r = strcoll(a->text, b->text);
	if (!r)
		r = (a->row > b->row) - (a->row < b->row);
	else if (sort_desc)
		r = -r;
	return r;
}

static void sort_rows(struct ui_list *l, const struct ui *ui)
{
	struct sort_key *keys = xcalloc((size_t)l->norder + 1, sizeof(*keys));
	struct str buf;

	sort_desc = l->sort_desc;
	sort_numeric = l->cols[l->sort_col].numeric;
	str_init(&buf);
	for (int i = 0; i < l->norder; i++) {
		str_clear(&buf);
		l->cell(ui, l->order[i], l->sort_col, &buf);
		keys[i].row = l->order[i];
		keys[i].num = buf.len ? strtod(buf.buf, NULL) : -1;
		keys[i].text = xstrdup(buf.len ? buf.buf : "");
		if (!sort_numeric) {
			struct str f;

			str_init(&f);
			fold_cat(&f, keys[i].text);
			keys[i].folded = f.buf ? str_steal(&f) : xstrdup("");
		}
	}
	qsort(keys, (size_t)l->norder, sizeof(*keys), compare_keys);
	for (int i = 0; i < l->norder; i++) {
		l->order[i] = keys[i].row;
		free(keys[i].text);
		free(keys[i].folded);
	}
	free(keys);
	str_done(&buf);
}

void ui_list_remember(struct ui_list *l, const struct ui *ui)
{
	int row = ui_list_current(l);

	l->keeping = row >= 0 && l->row_id && row < l->count(ui);
	if (l->keeping)
		l->keep = l->row_id(ui, row);
}

void ui_list_rebuild(struct ui_list *l, const struct ui *ui)
{
	int64_t keep = -1;
	int n = l->count(ui);

	if (l->keeping)
		keep = l->keep;
	else if (ui_list_current(l) >= 0 && ui_list_current(l) < n && l->row_id)
		keep = l->row_id(ui, ui_list_current(l));
	l->keeping = 0;
	struct str buf, fbuf, folded;

	str_init(&buf);
	str_init(&fbuf);
	str_init(&folded);
	if (l->filter)
		fold_cat(&folded, l->filter);
	l->order = xreallocarray(l->order, (size_t)n + 1, sizeof(int));
	l->norder = 0;
	for (int r = 0; r < n; r++)
		if (!folded.len || row_matches(l, ui, r, folded.buf, &buf, &fbuf))
			l->order[l->norder++] = r;
	str_done(&buf);
	str_done(&fbuf);
	str_done(&folded);
	if (l->sort_col >= 0)
		sort_rows(l, ui);
	if (keep >= 0)
		ui_list_goto_id(l, ui, keep);
	if (l->cursor >= l->norder)
		l->cursor = l->norder - 1;
	if (l->cursor < 0)
		l->cursor = 0;
}

void ui_list_done(struct ui_list *l)
{
	free(l->order);
	free(l->filter);
	free(l->search);
	l->order = NULL;
	l->filter = l->search = NULL;
}

int ui_list_current(const struct ui_list *l)
{
	if (!l->order || l->cursor < 0 || l->cursor >= l->norder)
		return -1;
	return l->order[l->cursor];
}

void ui_list_goto_id(struct ui_list *l, const struct ui *ui, int64_t id)
{
	for (int i = 0; i < l->norder; i++) {
		if (l->row_id(ui, l->order[i]) == id) {
			l->cursor = i;
			return;
		}
	}
}

/* Column widths for a window w columns wide. */
static void widths(const struct ui_list *l, int w, int *out)
{
	int x = 0;

	for (int c = 0; c < l->ncols; c++) {
		int want = c == l->ncols - 1 ? w - x : l->cols[c].width;

		if (want > w - x)
			want = w - x;
		out[c] = want < 0 ? 0 : want;
		x += out[c] + (c < l->ncols - 1 ? 1 : 0);
	}
}

void ui_list_draw(struct ui_list *l, const struct ui *ui, WINDOW *w, int focused)
{
	int h = getmaxy(w), wd = getmaxx(w), x = 0;
	int cw[16];
	struct str buf;

	widths(l, wd, cw);
	for (int c = 0; c < l->ncols; c++) {
		char *head = xasprintf("%s%s", l->cols[c].head,
				       c == l->sort_col ? (l->sort_desc ? "▼" : "▲") : "");

		x += ui_put(w, 0, x, head, cw[c], ui_attr(COL_HEADER));
		if (c < l->ncols - 1)
			x += ui_put(w, 0, x, " ", 1, ui_attr(COL_HEADER));
		free(head);
	}
	l->height = h - 1;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + l->height)
		l->top = l->cursor - l->height + 1;
	if (l->top < 0)
		l->top = 0;
	str_init(&buf);
	for (int i = 0; i < l->height && l->top + i < l->norder; i++) {
		int row = l->order[l->top + i];
		attr_t a = l->row_attr ? l->row_attr(ui, row) : ui_attr(COL_NORMAL);

		if (l->top + i == l->cursor)
			a = focused ? ui_attr(COL_SELECTED) : (a | A_BOLD);
		x = 0;
		for (int c = 0; c < l->ncols; c++) {
			str_clear(&buf);
			l->cell(ui, row, c, &buf);
			x += ui_put(w, 1 + i, x, buf.buf, cw[c], a);
			if (c < l->ncols - 1)
				x += ui_put(w, 1 + i, x, " ", 1, a);
		}
	}
	if (!l->norder)
		ui_put(w, 1, 0, l->filter && *l->filter ? "(no rows match the filter)" : "(none)",
		       wd, ui_attr(COL_NORMAL));
	str_done(&buf);
}

int ui_list_search(struct ui_list *l, const struct ui *ui, const char *text, int dir, int from_next)
{
	struct str buf, fbuf, folded;
	int found = 0;

	if (!text || !*text || !l->norder)
		return 0;
	str_init(&buf);
	str_init(&fbuf);
	str_init(&folded);
	fold_cat(&folded, text);
	for (int k = from_next ? 1 : 0; k <= l->norder && folded.len; k++) {
		int i = ((l->cursor + dir * k) % l->norder + l->norder) % l->norder;

		if (row_matches(l, ui, l->order[i], folded.buf, &buf, &fbuf)) {
			l->cursor = i;
			found = 1;
			break;
		}
	}
	str_done(&buf);
	str_done(&fbuf);
	str_done(&folded);
	return found;
}

void ui_list_row_text(const struct ui_list *l, const struct ui *ui, int row, struct str *out)
{
	struct str cell;

	str_init(&cell);
	for (int c = 0; c < l->ncols; c++) {
		str_clear(&cell);
		l->cell(ui, row, c, &cell);
		str_catf(out, "%s: %s\n", *l->cols[c].head ? l->cols[c].head : "Mark",
			 cell.buf ? cell.buf : "");
	}
	str_done(&cell);
}

int ui_list_row_at(const struct ui_list *l, int y)
{
	int i = l->top + y - 1;

	return y >= 1 && i < l->norder ? i : -1;
}

unsigned ui_list_key(struct ui_list *l, struct ui *ui, enum ui_action a)
{
	int page = l->height > 1 ? l->height - 1 : 1;

	switch (a) {
	case ACT_UP:
		l->cursor--;
		break;
	case ACT_DOWN:
		l->cursor++;
		break;
	case ACT_PAGE_UP:
		l->cursor -= page;
		break;
	case ACT_PAGE_DOWN:
		l->cursor += page;
		break;
	case ACT_HOME:
		l->cursor = 0;
		break;
	case ACT_END:
		l->cursor = l->norder - 1;
		break;
	case ACT_SORT:
		l->sort_col = l->sort_col + 1 >= l->ncols ? -1 : l->sort_col + 1;
		l->sort_desc = 0;
		ui_list_rebuild(l, ui);
		ui_message(ui, 0, "sorted by %s",
			   l->sort_col < 0 ? "the order of entry" : l->cols[l->sort_col].head);
		return REDRAW_ALL;
	case ACT_SORT_REVERSE:
		l->sort_desc = !l->sort_desc;
		ui_list_rebuild(l, ui);
		return REDRAW_ALL;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (!l->search) {
			ui_message(ui, 1, "no search yet: press / first");
			return REDRAW_STATUS;
		}
		if (!ui_list_search(l, ui, l->search, a == ACT_SEARCH_NEXT ? 1 : -1, 1)) {
			ui_message(ui, 1, "pattern not found: %s", l->search);
			return REDRAW_STATUS;
		}
		ui_message(ui, 0, "/%s", l->search);
		return REDRAW_ALL;
	default:
		return 0;
	}
	if (l->cursor >= l->norder)
		l->cursor = l->norder - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	return REDRAW_LIST;
}
