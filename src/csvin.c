/* CSV input. libcsv does the parsing (quotes, embedded commas and line
 * breaks, strict mode for broken quotes); this module feeds it a line at a
 * time so every row knows the line it starts on. Before that it turns what
 * spreadsheets write into UTF-8 with LF line ends, and finds the separator
 * from the header line. */
#include "convene/csvin.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
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
		return error_set(r->err, ST_INPUT,
				 "%s: line %d: not valid UTF-8 (byte %zu of "
				 "the line); save the file as UTF-8",
				 r->t->path, lineno, bad + 1);
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

/* The separator of the header line (the first line, outside quotes):
 * whichever of comma, semicolon and tab it holds most, comma on a tie. */
static char find_separator(const char *data, size_t len)
{
	size_t n[3] = { 0, 0, 0 };
	int quoted = 0;

	for (size_t i = 0; i < len && (quoted || data[i] != '\n'); i++) {
		if (data[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			n[0] += data[i] == ',', n[1] += data[i] == ';', n[2] += data[i] == '\t';
	}
	if (n[1] > n[0] && n[1] >= n[2])
		return ';';
	return n[2] > n[0] && n[2] > n[1] ? '\t' : ',';
}

/* Lone CRs (old Mac line ends) made LFs; NULL when there are none. */
static char *cr_to_lf(const char *data, size_t len, int *cr_only)
{
	char *out = NULL;

	*cr_only = memchr(data, '\r', len) && !memchr(data, '\n', len);
	for (size_t i = 0; i < len; i++) {
		if (data[i] != '\r' || (i + 1 < len && data[i + 1] == '\n'))
			continue;
		if (!out) {
			out = xmalloc(len + 1);
			memcpy(out, data, len);
			out[len] = '\0';
		}
		out[i] = '\n';
	}
	return out;
}

static enum status parse_lines(struct reader *r, struct csv_parser *p, const char *data, size_t len,
			       int *lineno)
{
	size_t pos = 0;
	enum status st = ST_OK;

	while (pos < len && st == ST_OK) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;

		st = feed(r, p, data + pos, n, ++*lineno);
		pos += n;
	}
	return st;
}

enum status csvin_parse(const char *label, const char *data, size_t len, struct csv_table *t,
			struct error *err)
{
	struct reader r = { .t = t, .err = err };
	struct csv_parser p;
	char *lf;
	int lineno = 0;
	enum status st;

	memset(t, 0, sizeof(*t));
	t->path = xstrdup(label);
	t->encoding = "UTF-8";
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3; /* a byte-order mark, as spreadsheet programs write */
		len -= 3;
	}
	if ((lf = cr_to_lf(data, len, &t->cr_only)))
		data = lf;
	t->separator = find_separator(data, len);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("cannot start the CSV parser");
	csv_set_delim(&p, t->separator);
	st = parse_lines(&r, &p, data, len, &lineno);
	if (st == ST_OK && csv_fini(&p, on_field, on_row, &r) != 0)
		st = error_set(err, ST_INPUT,
			       "%s: line %d: a quoted field is not closed "
			       "before the end of the file",
			       label, r.row_line ? r.row_line : lineno);
	if (st == ST_OK)
		st = r.status;
	if (st == ST_OK && !r.header_done)
		st = error_set(err, ST_INPUT, "%s: the file is empty: it needs a header line",
			       label);
	drop_fields(&r);
	free(r.fields);
	free(lf);
	csv_free(&p);
	if (st)
		csvin_done(t);
	return st;
}

/* Convert n bytes from the encoding from to UTF-8, appended to out; -1
 * with *bad the offset of the first byte that cannot be converted. */
static int convert(const char *from, const char *in, size_t n, struct str *out, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *ip = (char *)in;
	size_t left = n;

	if (cd == (iconv_t)-1)
		die("iconv cannot convert from %s", from);
	while (left > 0) {
		char chunk[4096], *op = chunk;
		size_t room = sizeof(chunk);
		size_t rc = iconv(cd, &ip, &left, &op, &room);

		str_catn(out, chunk, sizeof(chunk) - room);
		if (rc == (size_t)-1 && errno != E2BIG) {
			*bad = n - left;
			iconv_close(cd);
			return -1;
		}
	}
	iconv_close(cd);
	return 0;
}

/* UTF-16 without a byte-order mark: NULs in every other byte. */
static const char *utf16_guess(const unsigned char *d, size_t len)
{
	size_t even = 0, odd = 0, n = len < 1024 ? len & ~(size_t)1 : 1024;

	for (size_t i = 0; i < n; i += 2) {
		even += d[i] == 0;
		odd += d[i + 1] == 0;
	}
	if (n >= 4 && odd * 2 >= n / 2 && even == 0)
		return "UTF-16LE";
	if (n >= 4 && even * 2 >= n / 2 && odd == 0)
		return "UTF-16BE";
	return NULL;
}

/* The line (1-based) of byte offset at in data. */
static int line_of(const char *data, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		line += data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n');
	return line;
}

/* Which encoding the file is in, and how many bytes of byte-order mark
 * it starts with; NULL when it holds NULs and is not UTF-16. */
static const char *which_encoding(const char *data, size_t len, size_t *skip)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t bad;

	*skip = 0;
	if (len >= 2 && ((d[0] == 0xff && d[1] == 0xfe) || (d[0] == 0xfe && d[1] == 0xff))) {
		*skip = 2;
		return d[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
	}
	if (memchr(data, '\0', len))
		return utf16_guess(d, len);
	return utf8_valid(data, len, &bad) ? "UTF-8" : "Windows-1252";
}

/* The file's text as UTF-8 in out, converted from UTF-16 or Windows-1252
 * when it is not UTF-8; *encoding names what it was. */
static enum status decode(const char *path, const char *data, size_t len, struct str *out,
			  const char **encoding, struct error *err)
{
	size_t skip, bad = 0;
	const char *from = which_encoding(data, len, &skip);

	if (!from)
		return error_set(err, ST_INPUT, "%s: not a text file (it holds NUL bytes)", path);
	*encoding = from;
	if (strcmp(from, "UTF-8") == 0) {
		str_catn(out, data, len);
		return ST_OK;
	}
	if (convert(strcmp(from, "Windows-1252") == 0 ? "WINDOWS-1252" : from, data + skip,
		    len - skip, out, &bad) != 0)
		return strcmp(from, "Windows-1252") == 0
			       ? error_set(err, ST_INPUT,
					   "%s: line %d: not valid UTF-8, nor "
					   "Windows-1252; save the file as UTF-8",
					   path, line_of(data, bad))
			       : error_set(err, ST_INPUT,
					   "%s: not valid %s text (byte %zu); save "
					   "the file as UTF-8",
					   path, from, bad + skip + 1);
	if (memchr(out->buf ? out->buf : "", '\0', out->len))
		return error_set(err, ST_INPUT, "%s: not a text file (it holds NUL characters)",
				 path);
	return ST_OK;
}

enum status csvin_read(const char *path, struct csv_table *t, struct error *err)
{
	FILE *f = fopen(path, "rb");
	struct str buf, text;
	char chunk[65536];
	const char *encoding = "UTF-8";
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
	str_init(&text);
	st = decode(path, buf.buf ? buf.buf : "", buf.len, &text, &encoding, err);
	str_done(&buf);
	if (!st)
		st = csvin_parse(path, text.buf ? text.buf : "", text.len, t, err);
	if (!st)
		t->encoding = encoding;
	str_done(&text);
	return st;
}

char *csvin_describe(const struct csv_table *t)
{
	struct str s;

	str_init(&s);
	if (strcmp(t->encoding, "UTF-8") != 0)
		str_catf(&s, "%s converted to UTF-8", t->encoding);
	if (t->separator != ',')
		str_catf(&s, "%sseparated by %s", s.len ? "; " : "",
			 t->separator == ';' ? "semicolons" : "tabs");
	if (t->cr_only)
		str_catf(&s, "%sCR line ends", s.len ? "; " : "");
	return str_steal(&s);
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
