/* CSV input. libcsv does the parsing (quotes, embedded commas and line
 * breaks, strict mode for broken quotes); this module feeds it a line at a
 * time so every row knows the line it starts on. */
#include "convene/csvin.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	struct csv_table *t;
	char **fields;
	int nfields;
	int fields_cap;
	int rows_cap;
	int row_line; /* line the current row started on, 0 between rows */
	int header_done;
	struct error *err;
	enum status status;
};

int utf8_valid(const char *text, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			goto fail;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

char *csvin_normalise(char *name)
{
	char *out = name;

	for (char *p = name; *p; p++)
		if (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)
			*out++ = (char)tolower((unsigned char)*p);
	*out = '\0';
	return name;
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct reader *r = ctx;

	if (r->nfields == r->fields_cap) {
		r->fields_cap = r->fields_cap ? 2 * r->fields_cap : 16;
		r->fields = xreallocarray(r->fields, (size_t)r->fields_cap, sizeof(char *));
	}
	r->fields[r->nfields++] = str_trim(xstrndup(data ? data : "", len));
}

static void drop_fields(struct reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

static void take_header(struct reader *r)
{
	struct csv_table *t = r->t;

	t->ncols = r->nfields;
	t->header = r->fields;
	r->fields = NULL;
	r->nfields = 0;
	r->fields_cap = 0;
	r->header_done = 1;
	for (int i = 0; i < t->ncols; i++)
		for (int j = 0; j < i; j++)
			if (*t->header[i] && str_ieq(t->header[i], t->header[j]) &&
			    r->status == ST_OK)
				r->status = error_set(r->err, ST_INPUT,
						      "%s: line %d: column '%s' appears twice",
						      t->path, r->row_line, t->header[i]);
}

static int row_is_blank(struct reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		if (*r->fields[i])
			return 0;
	return 1;
}

static void on_row(int term, void *ctx)
{
	struct reader *r = ctx;
	struct csv_table *t = r->t;
	struct csv_row *row;

	if (r->status != ST_OK || (r->nfields <= 1 && row_is_blank(r))) {
		drop_fields(r);
		r->row_line = 0;
		return;
	}
	if (!r->header_done) {
		take_header(r);
		r->row_line = 0;
		return;
	}
	if (r->nfields != t->ncols && !(r->nfields > t->ncols && row_is_blank(r))) {
		r->status = error_set(r->err, ST_INPUT,
				      "%s: line %d: %d fields where the header has %d "
				      "(a stray comma, or a quote not closed?)",
				      t->path, r->row_line, r->nfields, t->ncols);
		drop_fields(r);
		return;
	}
	if (t->nrows == r->rows_cap) {
		r->rows_cap = r->rows_cap ? 2 * r->rows_cap : 64;
		t->rows = xreallocarray(t->rows, (size_t)r->rows_cap, sizeof(*t->rows));
	}
	row = &t->rows[t->nrows++];
	row->line = r->row_line;
	row->fields = xcalloc((size_t)t->ncols, sizeof(char *));
	for (int i = 0; i < r->nfields; i++) {
		if (i < t->ncols)
			row->fields[i] = r->fields[i];
		else
			free(r->fields[i]);
	}
	r->nfields = 0;
	r->row_line = 0;
}

static enum status feed(struct reader *r, struct csv_parser *p, const char *line, size_t n,
			int lineno)
{
	size_t bad;

	if (!utf8_valid(line, n, &bad))
		return error_set(r->err, ST_INPUT, "%s: line %d: not valid UTF-8 (byte %zu of "
				 "the line); save the file as UTF-8", r->t->path, lineno, bad + 1);
	if (r->row_line == 0 && n > 0 && !(n == 1 && line[0] == '\n') &&
	    !(n == 2 && line[0] == '\r'))
		r->row_line = lineno;
	if (csv_parse(p, line, n, on_field, on_row, r) != n)
		return error_set(r->err, ST_INPUT, "%s: line %d: %s", r->t->path,
				 r->row_line ? r->row_line : lineno,
				 csv_error(p) == CSV_EPARSE ? "a quote is misplaced or not closed"
							    : csv_strerror(csv_error(p)));
	return r->status;
}

enum status csvin_parse(const char *label, const char *data, size_t len, struct csv_table *t,
			struct error *err)
{
	struct reader r = { .t = t, .err = err };
	struct csv_parser p;
	size_t pos = 0;
	int lineno = 0;
	enum status st = ST_OK;

	memset(t, 0, sizeof(*t));
	t->path = xstrdup(label);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3; /* a byte-order mark, as spreadsheet programs write */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("cannot start the CSV parser");
	while (pos < len && st == ST_OK) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;

		st = feed(&r, &p, data + pos, n, ++lineno);
		pos += n;
	}
	if (st == ST_OK && csv_fini(&p, on_field, on_row, &r) != 0)
		st = error_set(err, ST_INPUT, "%s: line %d: a quoted field is not closed "
			       "before the end of the file", label, r.row_line ? r.row_line : lineno);
	if (st == ST_OK)
		st = r.status;
	if (st == ST_OK && !r.header_done)
		st = error_set(err, ST_INPUT, "%s: the file is empty: it needs a header line",
			       label);
	drop_fields(&r);
	free(r.fields);
	csv_free(&p);
	if (st)
		csvin_done(t);
	return st;
}

enum status csvin_read(const char *path, struct csv_table *t, struct error *err)
{
	FILE *f = fopen(path, "rb");
	struct str buf;
	char chunk[65536];
	size_t n;
	enum status st;

	memset(t, 0, sizeof(*t));
	if (!f)
		return error_set(err, ST_INPUT, "%s: cannot read: %s", path, strerror(errno));
	str_init(&buf);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		str_catn(&buf, chunk, n);
	if (ferror(f)) {
		fclose(f);
		str_done(&buf);
		return error_set(err, ST_INPUT, "%s: cannot read: %s", path, strerror(errno));
	}
	fclose(f);
	if (buf.len && memchr(buf.buf, '\0', buf.len)) {
		str_done(&buf);
		return error_set(err, ST_INPUT, "%s: not a text file (it holds NUL bytes)", path);
	}
	st = csvin_parse(path, buf.buf ? buf.buf : "", buf.len, t, err);
	str_done(&buf);
	return st;
}

void csvin_done(struct csv_table *t)
{
	for (int i = 0; i < t->nrows; i++) {
		for (int j = 0; j < t->ncols; j++)
			free(t->rows[i].fields[j]);
		free(t->rows[i].fields);
	}
	for (int j = 0; j < t->ncols; j++)
		free(t->header[j]);
	free(t->rows);
	free(t->header);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

int csvin_column(const struct csv_table *t, const char *const *names)
{
	for (int i = 0; i < t->ncols; i++) {
		char *h = csvin_normalise(xstrdup(t->header[i]));

		for (const char *const *n = names; *n; n++) {
			char *want = csvin_normalise(xstrdup(*n));
			int match = strcmp(h, want) == 0;

			free(want);
			if (match) {
				free(h);
				return i;
			}
		}
		free(h);
	}
	return -1;
}
