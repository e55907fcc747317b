/* Importing CSV exports into the document: rooms, speakers, sessions,
 * carousel stations, cafe tables, delegates and preferences. Columns are
 * found by header name with synonyms; an import applies whole or not at all;
 * every error names the file, line and column. */
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
	struct str warnings; /* one per line */
};

void import_result_init(struct import_result *r);
void import_result_done(struct import_result *r);

/* Import the CSV file at path as kind, in one edit. */
enum status import_csv(struct db *db, enum import_kind kind, const char *path,
		       const struct import_map *map, int nmap, struct import_result *res,
		       struct error *err);
/* Describe the columns each kind reads, with their synonyms. */
void import_describe(enum import_kind kind, struct str *out);

#endif
