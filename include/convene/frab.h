/* frab/pentabarf schedule XML through libxml2, the format conference apps
 * load. The exporter is strict (it validates against the public schema);
 * the importer is lenient about what it reads but all-or-nothing: one
 * transaction, and every error names the file and line. */
#ifndef CONVENE_FRAB_H
#define CONVENE_FRAB_H

#include "convene/db.h"
#include "convene/model.h"
#include "convene/util.h"

/* Append the placed programme of c as frab schedule XML to out. */
enum status frab_export(const struct conf *c, struct str *out, struct error *err);

struct frab_result {
	int days;     /* days added */
	int rooms;    /* rooms added */
	int sessions; /* events read */
	int speakers; /* speakers added */
	int placed;
	struct str warnings; /* one per line */
};

void frab_result_init(struct frab_result *r);
void frab_result_done(struct frab_result *r);

/* Import the frab schedule at path: days from <day date>, rooms from <room
 * name>, events as sessions (code from a convene link, the event id or its
 * slug; kind from <type>), placements, persons as speakers. */
enum status frab_import(struct db *db, const char *path, struct frab_result *res, struct error *err);
/* Validate an XML document in memory against the XSD at xsd_path; ST_OK
 * when valid, else the first problems in err. */
enum status frab_validate(const char *xml, size_t len, const char *xsd_path, struct error *err);

#endif
