/* The event skeleton: a libconfig file with the event's name, venue and
 * time zone, its days, rooms, slot grid, and its breaks and meals. */
#ifndef CONVENE_EVENTFILE_H
#define CONVENE_EVENTFILE_H

#include "convene/db.h"
#include "convene/util.h"

/* Read path and write it into the file in one edit; on error nothing is
 * written and err names the file and line. */
enum status eventfile_apply(struct db *db, const char *path, struct error *err);

#endif
