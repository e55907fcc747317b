/* Programme exchange: the whole plan written as frab schedule XML, CSV (one
 * row per placed session), JSON (sessions, rooms, speakers, placements,
 * allocations, cafe seating, carousel rotations) or iCalendar. */
#ifndef CONVENE_EXPORT_H
#define CONVENE_EXPORT_H

#include "convene/print.h"
#include "convene/util.h"

enum export_format {
	EXPORT_FRAB,
	EXPORT_CSV,
	EXPORT_JSON,
	EXPORT_ICS,
};

/* The format named ("frab", "csv", "json", "ics"); -1 if none. */
int export_format_parse(const char *name);
/* Append the plan in format to out (db gives the calendar's SEQUENCEs). */
enum status export_write(struct db *db, const struct print_data *pd,
			 enum export_format format, struct str *out, struct error *err);
/* One CSV row per placed session, in time order, with a header line. */
void export_csv(const struct conf *c, struct str *out);
/* The whole plan as one JSON document. */
void export_json(const struct print_data *pd, struct str *out);

#endif
