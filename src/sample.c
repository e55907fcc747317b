/* Building the sample conference: the event file, then each CSV export in
 * the order their references need (delegates before the cafe tables they
 * host, sessions before the preferences that name them). */
#include "convene/sample.h"

#include <stdlib.h>
#include <unistd.h>

#include "convene/eventfile.h"
#include "convene/import.h"

static int has_event(const char *dir)
{
	char *p = xasprintf("%s/event.cfg", dir);
	int ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

char *sample_dir(void)
{
	const char *env = getenv("CONVENE_DATADIR");
	const char *dirs[] = { PKGDATADIR "/sample", SRCDATADIR "/sample" };

	if (env && *env)
		return has_event(env) ? xstrdup(env) : NULL;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++)
		if (has_event(dirs[i]))
			return xstrdup(dirs[i]);
	return NULL;
}

enum status sample_build(struct db *db, const char *dir, struct error *err)
{
	static const enum import_kind order[] = {
		IMPORT_SPEAKERS, IMPORT_DELEGATES, IMPORT_SESSIONS,
		IMPORT_STATIONS, IMPORT_TABLES,    IMPORT_PREFERENCES,
	};

	char *path = xasprintf("%s/event.cfg", dir);
	enum status st = db_begin(db, "build the sample conference", err);

	if (!st)
		st = eventfile_apply(db, path, err);
	free(path);
	for (size_t i = 0; i < ARRAY_SIZE(order) && !st; i++) {
		struct import_result res;

		path = xasprintf("%s/%s.csv", dir, import_kind_name(order[i]));
		import_result_init(&res);
		st = import_csv(db, order[i], path, NULL, 0, &res, err);
		import_result_done(&res);
		free(path);
	}
	if (st) {
		db_rollback(db);
		return st;
	}
	return db_commit(db, err);
}
