/* A helper of the command-line tests: hold a conference file's write lock
 * for a while, as a long edit by another organiser would.
 *   hold_file FILE SECONDS [WHO [WHAT]]
 * prints "holding" once the lock is held, and exits 0 after committing. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "convene/db.h"

int main(int argc, char **argv)
{
	struct error err = { 0 };
	struct db *db;
	long seconds;

	if (argc < 3 || parse_int(argv[2], 0, 3600, &seconds) != 0) {
		fprintf(stderr, "usage: hold_file FILE SECONDS [WHO [WHAT]]\n");
		return 2;
	}
	if (db_open(argv[1], 0, &db, &err)) {
		fprintf(stderr, "hold_file: %s\n", err.msg);
		return 2;
	}
	if (argc > 3)
		db_set_actor(db, argv[3]);
	if (db_begin(db, argc > 4 ? argv[4] : "hold the file", &err)) {
		fprintf(stderr, "hold_file: %s\n", err.msg);
		db_close(db);
		return 2;
	}
	printf("holding\n");
	fflush(stdout);
	sleep((unsigned)seconds);
	if (db_commit(db, &err)) {
		fprintf(stderr, "hold_file: %s\n", err.msg);
		db_close(db);
		return 2;
	}
	db_close(db);
	return 0;
}
