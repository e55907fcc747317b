/* Importing CSV exports into the document: rooms, speakers, sessions,
 * carousel stations, cafe tables, delegates and preferences. Columns are
 * found by header name with synonyms, the best match winning; an import
 * applies whole or not at all; every error names the file, line and column.
 * A delegates file is a registration system's export as it comes: tickets
 * that no longer hold a place (cancelled, refunded, void, transferred) are
 * skipped and their holders removed, a ticket passed to someone else keeps
 * its place, and the report names every column read and every column kept
 * only as an answer to a custom question. */
#ifndef CONVENE_IMPORT_H
#define CONVENE_IMPORT_H

#include "convene/db.h"
#include "convene/util.h"

enum import_kind {
	IMPORT_ROOMS,
	IMPORT_SPEAKERS,
	IMPORT_SESSIONS,
	IMPORT_STATIONS,
	IMPORT_TABLES,
	IMPORT_DELEGATES,
	IMPORT_PREFERENCES,
	IMPORT_KIND_COUNT
};

/* The kind named ("delegates"); -1 if none. */
int import_kind_parse(const char *name);
const char *import_kind_name(enum import_kind kind);

/* A column mapping given by the user: field name = header in the file. */
struct import_map {
	const char *field;
	const char *header;
};

struct import_result {
	int rows;
	int added;
	int updated;
	int skipped;         /* rows of tickets that hold no place */
	int removed;         /* delegates removed: their ticket gone, or (sync) not in the file */
	struct str warnings; /* one per line */
	struct str report;   /* how the file was read, the columns used and kept, who went */
	char **gone;         /* emails of those removed as no longer in the export (sync) */
	int ngone;
};

/* How to import: the user's column mapping, and for delegates whether to
 * remove those the export no longer holds (sync), only those named in
 * sync_only when it is not NULL (NULL-ended: the ones a person agreed to),
 * and whether to change nothing but report what would happen (dry_run). */
struct import_options {
	const struct import_map *map;
	int nmap;
	int sync;
	char *const *sync_only;
	int dry_run;
};

void import_result_init(struct import_result *r);
void import_result_done(struct import_result *r);

/* Import the CSV file at path as kind, in one edit. */
enum status import_csv(struct db *db, enum import_kind kind, const char *path,
		       const struct import_map *map, int nmap, struct import_result *res,
		       struct error *err);
/* The same with options (sync, dry run). */
enum status import_file(struct db *db, enum import_kind kind, const char *path,
			const struct import_options *o, struct import_result *res,
			struct error *err);
/* Describe the columns each kind reads, with their synonyms. */
void import_describe(enum import_kind kind, struct str *out);

#endif
