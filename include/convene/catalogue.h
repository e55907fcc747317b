/* The design catalogue on disk: zero-repeat designs that come from a
 * computer search rather than a formula (data/designs/catalogue.txt, made
 * by scripts/designgen.c), and the table of the most rounds known for each
 * shape (data/designs/best-known.txt). The solver never reads files: the
 * command line and the planner load the catalogue here and pass it in.
 *
 * catalogue.txt holds designs one after another:
 *
 *   design TABLES SIZE NAME...
 *   develop M LEVELS FIXED        (optional: the lines are base rounds)
 *   G G G ...                     (one line per round: each slot's group)
 *   end
 *
 * Without develop each line is a round and names the group of each of the
 * TABLES * SIZE slots. With it each line is a base round over Z_M x LEVELS
 * plus FIXED fixed points (see design_develop), translated M times. Every
 * design is checked as it is read; one that repeats a pair or fills a
 * group wrongly is refused with its file and line.
 *
 * best-known.txt has one line per shape: TABLES SIZE ROUNDS SOURCE... */
#ifndef CONVENE_CATALOGUE_H
#define CONVENE_CATALOGUE_H

#include "convene/design.h"

/* One shape of the best-known table. */
struct catalogue_known {
	int tables, size, rounds;
	char *source;
};

/* The catalogue file to read: $CONVENE_DESIGNS, else the installed one,
 * else the one in the source tree; NULL if none can be read. */
char *catalogue_path(void);

/* The best-known table beside the catalogue at path (same folder). */
char *catalogue_known_path(const char *catalogue);

/* Read and check every design of the file at path into cat. */
enum status catalogue_load(const char *path, struct design_catalogue *cat, struct error *err);

/* Load the catalogue at catalogue_path() into cat; with no file there
 * cat is left empty and that is no error. */
enum status catalogue_load_default(struct design_catalogue *cat, struct error *err);

/* Read the best-known table at path: *rows gets *n shapes. */
enum status catalogue_known_load(const char *path, struct catalogue_known **rows, int *n,
				 struct error *err);

/* Free what catalogue_known_load gave. */
void catalogue_known_free(struct catalogue_known *rows, int n);

#endif
