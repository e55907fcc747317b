/* Drawing helpers: UTF-8 text placed by display width (so Zoë, Łukasz and
 * 山田 line up), and the colour of each element from the user's settings
 * (colours.NAME = "FG BG") with a monochrome fallback. */
#ifndef CONVENE_UI_DRAW_H
#define CONVENE_UI_DRAW_H

#include <curses.h>

#include "convene/model.h"
#include "convene/settings.h"
#include "convene/util.h"

enum ui_colour {
	COL_NORMAL,
	COL_TITLE,
	COL_STATUS,
	COL_HEADER,
	COL_SELECTED,
	COL_CURSOR,
	COL_HARD,
	COL_SOFT,
	COL_ERROR,
	COL_PICKED,
	COL_UNAVAILABLE,
	COL_PLENARY,
	COL_TALK,
	COL_WORKSHOP,
	COL_ACTIVITY,
	COL_COMMON,
	COL_COUNT
};

/* Set up colour pairs (after initscr); problems go to warnings. */
void ui_colours_init(const struct settings *cfg, struct str *warnings);
attr_t ui_attr(enum ui_colour c);
/* The colour of a session kind in the grid. */
enum ui_colour ui_kind_colour(enum session_kind k);
/* Draw text at (y, x) in exactly width columns: clipped with "…" when it
 * does not fit, padded with spaces otherwise (NULL draws blanks). Returns the columns
 * drawn. */
int ui_put(WINDOW *w, int y, int x, const char *text, int width, attr_t attr);
/* Append text shortened to width columns by cutting its middle, so names
 * that differ at the end stay apart: "Seminar Room 12" in 10 columns is
 * "Semi…om 12". */
void ui_abbrev(const char *text, int width, struct str *out);
/* Split text into lines of at most width columns: at its newlines, and
 * where a line is too long at the last space that fits (mid-word when
 * none does). *out gets the lines (allocated, each allocated); returns how
 * many. */
int ui_wrap(const char *text, int width, char ***out);
void ui_wrap_free(char **lines, int n);
/* Draw text at (y, x) up to the window's right edge. */
int ui_put_line(WINDOW *w, int y, int x, const char *text, attr_t attr);

#endif
