/* Programme exchange: the whole plan written as frab schedule XML, CSV (one
 * row per placed session), JSON (the whole conference, in the shape
 * docs/export.schema.json gives) or iCalendar. */
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
enum status export_write(struct db *db, const struct print_data *pd, enum export_format format,
			 struct str *out, struct error *err);
/* What a CSV export for a spreadsheet starts with, so that Excel reads it
 * as UTF-8: the byte-order mark (scripts ask for none). */
#define EXPORT_CSV_BOM "\xef\xbb\xbf"
/* One CSV row per placed session, in time order, with a header line. */
void export_csv(const struct conf *c, struct str *out);
/* The version of the JSON export's shape, its "convene_export" member: it
 * rises when a member is taken away or changes meaning, not when one is
 * added. */
#define EXPORT_JSON_VERSION 1
/* The whole conference as one JSON document: the event, days, rooms,
 * speakers, sessions, placements, organisations, delegates with their
 * answers, preferences, pairs kept apart, cafes and their tables,
 * carousels and their stations, allocations, cafe seats and carousel
 * visits (db gives what pd does not hold). */
void export_json(struct db *db, const struct print_data *pd, struct str *out);

#endif
