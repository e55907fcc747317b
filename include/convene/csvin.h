/* CSV input through libcsv: a whole file read into rows of fields, with the
 * line each row starts on. Files are taken as spreadsheets and registration
 * systems save them: UTF-8 with or without a byte-order mark, UTF-16
 * (Excel's "Unicode text") or Windows-1252, converted with iconv; comma,
 * semicolon or tab separated, found from the header line; CRLF, LF or
 * CR-only line ends; any number of columns. Columns are found by header
 * name, case-insensitively and ignoring spaces and punctuation. */
#ifndef CONVENE_CSVIN_H
#define CONVENE_CSVIN_H

#include "convene/util.h"

struct csv_row {
	int line;
	char **fields; /* ncols of them, never NULL */
};

struct csv_table {
	char *path;
	const char *encoding; /* what the file was: "UTF-8", "UTF-16LE", "Windows-1252"... */
	char separator;       /* ',', ';' or '\t' */
	int cr_only;          /* its lines ended with CR alone */
	int ncols;
	char **header;
	int nrows;
	struct csv_row *rows;
};

/* Read path into t; on failure err names the file and line. */
enum status csvin_read(const char *path, struct csv_table *t, struct error *err);
/* Read from a buffer of UTF-8 (label names it in messages). */
enum status csvin_parse(const char *label, const char *data, size_t len, struct csv_table *t,
			struct error *err);
void csvin_done(struct csv_table *t);
/* The column whose header matches one of names (NULL-terminated); -1 if none. */
int csvin_column(const struct csv_table *t, const char *const *names);
/* Lower-case a header and drop everything but letters and digits, in place. */
char *csvin_normalise(char *name);
/* Whether text is valid UTF-8; on failure *bad is the offset of the first bad byte. */
int utf8_valid(const char *text, size_t len, size_t *bad);
/* How the file was read, for an import's report: "UTF-16LE converted to
 * UTF-8; separated by semicolons; CR line ends" ("" for plain UTF-8 CSV;
 * allocated). */
char *csvin_describe(const struct csv_table *t);

#endif
