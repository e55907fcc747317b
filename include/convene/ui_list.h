/* A list pane's rows: columns over the snapshot, a filter, a sort by any
 * column, a cursor and less-like search. The pane supplies the cells; this
 * keeps the order of visible rows and draws the window. */
#ifndef CONVENE_UI_LIST_H
#define CONVENE_UI_LIST_H

#include <curses.h>
#include <stdint.h>

#include "convene/ui_keys.h"
#include "convene/util.h"

struct ui;

struct ui_column {
	const char *head;
	int width;   /* columns; the last column takes what is left */
	int numeric; /* sort as numbers */
};

struct ui_list {
	const struct ui_column *cols;
	int ncols;
	/* The pane's rows: how many, each one's id, and a cell's text. */
	int (*count)(const struct ui *ui);
	int64_t (*row_id)(const struct ui *ui, int row);
	void (*cell)(const struct ui *ui, int row, int col, struct str *out);
	/* Optional: the attribute of a row (problems in red). */
	attr_t (*row_attr)(const struct ui *ui, int row);
	int *order; /* visible rows in display order */
	int norder;
	int cursor; /* index into order */
	int top;
	int height;   /* rows shown at the last draw */
	int sort_col; /* -1: the order of entry */
	int sort_desc;
	char *filter;
	char *search;
	int64_t keep; /* the cursor's row id, kept over a reload */
	int keeping;
};

/* Before the snapshot changes: remember the cursor's row by its id. */
void ui_list_remember(struct ui_list *l, const struct ui *ui);
/* Recompute the visible rows (filter, sort), keeping the cursor's row. */
void ui_list_rebuild(struct ui_list *l, const struct ui *ui);
void ui_list_done(struct ui_list *l);
/* The row under the cursor, or -1. */
int ui_list_current(const struct ui_list *l);
/* Put the cursor on the row with this id if it is visible. */
void ui_list_goto_id(struct ui_list *l, const struct ui *ui, int64_t id);
void ui_list_draw(struct ui_list *l, const struct ui *ui, WINDOW *w, int focused);
/* Navigation, sorting and searching; returns ui flags or 0 if not handled. */
unsigned ui_list_key(struct ui_list *l, struct ui *ui, enum ui_action a);
/* Search from the cursor (dir 1 forward, -1 back) for text; 1 if found. */
int ui_list_search(struct ui_list *l, const struct ui *ui, const char *text, int dir, int from_next);
/* Every column of row, uncut, as "Heading: text" lines. */
void ui_list_row_text(const struct ui_list *l, const struct ui *ui, int row, struct str *out);
/* The row drawn at window line y (mouse); -1 if none. */
int ui_list_row_at(const struct ui_list *l, int y);

#endif
