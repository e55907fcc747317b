/* Reading the design catalogue and the best-known table (formats in
 * include/convene/catalogue.h). A line is read whole, so no design or
 * source text is ever cut short; every number is checked. */
#include "convene/catalogue.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CATALOGUE_FILE "catalogue.txt"
#define KNOWN_FILE "best-known.txt"
#define MAX_SLOTS 100000

char *catalogue_path(void)
{
	const char *env = getenv("CONVENE_DESIGNS");
	const char *dirs[] = { PKGDATADIR "/designs", SRCDATADIR "/designs" };

	if (env && *env)
		return access(env, R_OK) == 0 ? xstrdup(env) : NULL;
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		char *p = xasprintf("%s/" CATALOGUE_FILE, dirs[i]);

		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

char *catalogue_known_path(const char *catalogue)
{
	const char *slash = strrchr(catalogue, '/');

	if (!slash)
		return xstrdup(KNOWN_FILE);
	return xasprintf("%.*s/" KNOWN_FILE, (int)(slash - catalogue), catalogue);
}

/* The reader's place in a file, for messages. */
struct reader {
	FILE *f;
	const char *path;
	char *line;
	size_t cap;
	int lineno;
};

/* The next line that is not blank or a comment, without its newline;
 * NULL at the end. */
static char *next_line(struct reader *rd)
{
	while (getline(&rd->line, &rd->cap, rd->f) >= 0) {
		char *s = str_trim(rd->line);

		rd->lineno++;
		if (*s && *s != '#')
			return s;
	}
	return NULL;
}

/* Read up to max whole numbers from text into out; returns how many, or
 * -1 if something else is there. */
static int numbers(char *text, int *out, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(text, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		long v;

		if (n == max || parse_int(tok, -1, MAX_SLOTS, &v))
			return -1;
		out[n++] = (int)v;
	}
	return n;
}

/* The header "design TABLES SIZE NAME...": sizes and the name. */
static enum status read_header(struct reader *rd, char *s, int *tables, int *size, char **name,
			       struct error *err)
{
	long t, k;
	char *save = NULL, *word = strtok_r(s, " \t", &save);
	char *ts = strtok_r(NULL, " \t", &save), *ks = strtok_r(NULL, " \t", &save);
	char *rest = strtok_r(NULL, "", &save);

	if (!word || strcmp(word, "design") || !ts || !ks || parse_int(ts, 1, MAX_SLOTS, &t) ||
	    parse_int(ks, 1, MAX_SLOTS, &k) || t * k > MAX_SLOTS)
		return error_set(err, ST_INPUT, "%s:%d: expected 'design TABLES SIZE NAME'",
				 rd->path, rd->lineno);
	*tables = (int)t;
	*size = (int)k;
	*name = xstrdup(rest ? str_trim(rest) : "catalogue design");
	return ST_OK;
}

struct entry {
	int tables, size, m, levels, fixed, nrows;
	bool develop;
	int *rows; /* nrows * points */
};

/* The optional "develop M LEVELS FIXED" line. */
static enum status read_develop(struct reader *rd, char *s, struct entry *e, struct error *err)
{
	int v[3];

	if (strncmp(s, "develop", 7) != 0)
		return ST_OK;
	if (numbers(s + 7, v, 3) != 3 || v[0] < 1 || v[1] < 0 || v[2] < 0 ||
	    v[0] * v[1] + v[2] != e->tables * e->size)
		return error_set(err, ST_INPUT,
				 "%s:%d: expected 'develop M LEVELS FIXED' with M * LEVELS + FIXED "
				 "= %d points",
				 rd->path, rd->lineno, e->tables * e->size);
	e->develop = true;
	e->m = v[0];
	e->levels = v[1];
	e->fixed = v[2];
	return ST_OK;
}

/* Round lines up to "end". */
static enum status read_rows(struct reader *rd, struct entry *e, char *s, struct error *err)
{
	int n = e->tables * e->size;

	for (; s && strcmp(s, "end") != 0; s = next_line(rd)) {
		e->rows = xreallocarray(e->rows, (size_t)(e->nrows + 1) * n + 1, sizeof(int));
		if (numbers(s, e->rows + (size_t)e->nrows * n, n) != n)
			return error_set(err, ST_INPUT, "%s:%d: expected %d group numbers",
					 rd->path, rd->lineno, n);
		e->nrows++;
	}
	if (!s || e->nrows == 0)
		return error_set(err, ST_INPUT, "%s:%d: a design needs rounds and an 'end'",
				 rd->path, rd->lineno);
	return ST_OK;
}

/* Make and check the design of entry e; the message names the line. */
static enum status entry_design(struct reader *rd, struct entry *e, char *name, struct design *d,
				struct error *err)
{
	struct error why = { 0 };
	enum status st;

	if (e->develop) {
		st = design_develop(d, e->m, e->levels, e->fixed, e->nrows, e->rows, e->tables,
				    &why);
	} else {
		*d = (struct design){ .tables = e->tables,
				      .size = e->size,
				      .rounds = e->nrows,
				      .group = e->rows };
		e->rows = NULL;
		d->name = xstrdup(name);
		st = design_check(d, &why);
		if (st)
			design_done(d);
	}
	if (st == ST_OK) {
		free(d->name);
		d->name = name;
	} else {
		free(name);
		error_set(err, st, "%s:%d: %s", rd->path, rd->lineno, why.msg);
	}
	error_clear(&why);
	return st;
}

static enum status read_design(struct reader *rd, char *s, struct design *d, struct error *err)
{
	struct entry e = { 0 };
	char *name = NULL;
	enum status st = read_header(rd, s, &e.tables, &e.size, &name, err);

	if (!st) {
		s = next_line(rd);
		st = s ? read_develop(rd, s, &e, err) : ST_OK;
		if (!st && e.develop)
			s = next_line(rd);
	}
	if (!st)
		st = read_rows(rd, &e, s, err);
	if (!st)
		st = entry_design(rd, &e, name, d, err);
	else
		free(name);
	free(e.rows);
	return st;
}

enum status catalogue_load(const char *path, struct design_catalogue *cat, struct error *err)
{
	struct reader rd = { .path = path };
	enum status st = ST_OK;
	char *s;

	memset(cat, 0, sizeof(*cat));
	rd.f = fopen(path, "r");
	if (!rd.f)
		return error_set(err, ST_IO, "%s: %s", path, file_error_text(errno));
	while (!st && (s = next_line(&rd))) {
		struct design d;

		st = read_design(&rd, s, &d, err);
		if (st)
			break;
		cat->d = xreallocarray(cat->d, (size_t)cat->n + 1, sizeof(*cat->d));
		cat->d[cat->n++] = d;
	}
	free(rd.line);
	fclose(rd.f);
	if (st)
		design_catalogue_done(cat);
	return st;
}

enum status catalogue_load_default(struct design_catalogue *cat, struct error *err)
{
	char *path = catalogue_path();
	enum status st = ST_OK;

	memset(cat, 0, sizeof(*cat));
	if (path)
		st = catalogue_load(path, cat, err);
	free(path);
	return st;
}

/* One line of the best-known table. */
static enum status known_row(struct reader *rd, char *s, struct catalogue_known *k,
			     struct error *err)
{
	char *save = NULL, *t = strtok_r(s, " \t", &save), *z = strtok_r(NULL, " \t", &save);
	char *r = strtok_r(NULL, " \t", &save), *rest = strtok_r(NULL, "", &save);
	long v[3];

	if (!t || !z || !r || parse_int(t, 1, MAX_SLOTS, &v[0]) ||
	    parse_int(z, 1, MAX_SLOTS, &v[1]) || parse_int(r, 1, MAX_SLOTS, &v[2]))
		return error_set(err, ST_INPUT, "%s:%d: expected 'TABLES SIZE ROUNDS SOURCE'",
				 rd->path, rd->lineno);
	*k = (struct catalogue_known){ (int)v[0], (int)v[1], (int)v[2],
				       xstrdup(rest ? str_trim(rest) : "") };
	return ST_OK;
}

enum status catalogue_known_load(const char *path, struct catalogue_known **rows, int *n,
				 struct error *err)
{
	struct reader rd = { .path = path };
	enum status st = ST_OK;
	char *s;

	*rows = NULL;
	*n = 0;
	rd.f = fopen(path, "r");
	if (!rd.f)
		return error_set(err, ST_IO, "%s: %s", path, file_error_text(errno));
	while (!st && (s = next_line(&rd))) {
		*rows = xreallocarray(*rows, (size_t)*n + 1, sizeof(**rows));
		st = known_row(&rd, s, &(*rows)[*n], err);
		if (!st)
			(*n)++;
	}
	free(rd.line);
	fclose(rd.f);
	if (st) {
		catalogue_known_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return st;
}

void catalogue_known_free(struct catalogue_known *rows, int n)
{
	for (int i = 0; i < n; i++)
		free(rows[i].source);
	free(rows);
}
