/* The bundled sample conference: an event file and CSV exports in a folder,
 * built into a document in one edit. */
#ifndef CONVENE_SAMPLE_H
#define CONVENE_SAMPLE_H

#include "convene/db.h"
#include "convene/util.h"

/* The folder holding the sample (allocated): $CONVENE_DATADIR, the
 * installed data, or the source tree's data/sample. NULL if none. */
char *sample_dir(void);
/* Build the conference in dir (event.cfg and the CSV files) into db. */
enum status sample_build(struct db *db, const char *dir, struct error *err);

#endif
