/* The full-screen organiser's program on one document. ui_run is the whole
 * program; the other calls run it a step at a time (for the benchmark). */
#ifndef CONVENE_UI_H
#define CONVENE_UI_H

#include <stdio.h>
#include <wchar.h>

#include "convene/db.h"
#include "convene/settings.h"

struct ui;

/* Run the TUI on db until the organiser quits; returns an exit status. */
int ui_run(struct db *db, struct settings *cfg);

/* Load the document and start curses: on the terminal, or (out not NULL)
 * on a new terminal of type term writing to out and reading from in. */
struct ui *ui_open(struct db *db, struct settings *cfg, const char *term, FILE *out, FILE *in,
		   struct error *err);
/* Draw what flags say changed (the first frame: ui_frame(ui, ~0u)). */
void ui_frame(struct ui *ui, unsigned flags);
/* Handle one key (a character, or a curses code when is_code); returns the
 * flags to pass to ui_frame. */
unsigned ui_key(struct ui *ui, int is_code, wint_t ch);
/* Look for another organiser's edits; flags as for ui_key. */
unsigned ui_poll(struct ui *ui);
/* End curses and free the state. */
void ui_close(struct ui *ui);

#endif
