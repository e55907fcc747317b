/* The full-screen organiser's program on one document. */
#ifndef CONVENE_UI_H
#define CONVENE_UI_H

#include "convene/db.h"
#include "convene/settings.h"

/* Run the TUI on db until the organiser quits; returns an exit status. */
int ui_run(struct db *db, struct settings *cfg);

#endif
