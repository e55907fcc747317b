/* The file as of a past edit. For every journalled table that an edit
 * after N touched, a TEMP table of the same name is made on the caller's
 * connection: the file's rows that no later edit touched, and for every
 * key a later edit did touch (row_id, or rkey for a table keyed by its
 * columns, which is its primary key joined by ':'), the `before` of the
 * first journal row after N, unless that row was inserted after N. An
 * unqualified table name resolves to a TEMP table first, so conf_load and
 * print_data_load read the past unchanged; the copies are dropped before
 * returning, and SQLite prepares the cached statements again for the
 * file's own tables on their next step. Temp tables live in memory, so a
 * file opened read-only (or in a folder the user cannot write) works, and
 * so does an open edit: it reads its own uncommitted rows.
 *
 * Table and column names come from the file's own schema and are checked
 * to be plain identifiers before they go into SQL; values are bound or
 * come from the journal inside SQLite. A journal row from before a column
 * existed lacks it: the column's default is used. */
#include "convene/asof.h"

#include <stdlib.h>
#include <string.h>

/* The names of the temp tables made, to drop them again. */
struct shadows {
	char **name;
	int n;
};

int64_t asof_last_edit(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT coalesce(max(edit), 0) FROM journal");
	int64_t e = db_step(st) == 1 ? db_col_int(st, 0) : 0;

	db_reset(st);
	return e;
}

int asof_changed_between(struct db *db, int64_t from, int64_t to)
{
	struct db_stmt *st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM journal WHERE "
					    "edit > ?1 AND edit <= ?2 AND op <> 'note')");
	int yes;

	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	yes = db_step(st) == 1 && db_col_int(st, 0);
	db_reset(st);
	return yes;
}

static int plain_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* The key of table t as SQL over its columns ("id", or "a || ':' || b"),
 * the list of its columns, and each column's value in a journal image. */
static enum status table_sql(struct db *db, const char *t, struct str *key, struct str *cols,
			     struct str *vals, struct error *err)
{
	struct db_stmt *st = db_prepare(db, "SELECT name, dflt_value, pk FROM "
					    "pragma_table_info(?1, 'main') ORDER BY pk, cid");
	enum status s = ST_OK;

	db_bind_text(st, 1, t);
	while (!s && db_step(st) == 1) {
		const char *c = db_col_text(st, 0);

		if (!plain_name(c)) {
			s = error_set(err, ST_IO, "table %s: unexpected column name '%s'", t, c);
			break;
		}
		if (db_col_int(st, 2) > 0)
			str_catf(key, "%s\"%s\"", key->len ? " || ':' || " : "", c);
		str_catf(cols, "%s\"%s\"", cols->len ? ", " : "", c);
		str_catf(vals,
			 "%sCASE WHEN json_type(before, '$.%s') IS NULL THEN %s ELSE "
			 "json_extract(before, '$.%s') END",
			 vals->len ? ", " : "", c,
			 db_col_is_null(st, 1) ? "NULL" : db_col_text(st, 1), c);
	}
	db_reset(st);
	if (!s && !key->len)
		s = error_set(err, ST_IO, "table %s: no key to match the journal by", t);
	return s;
}

/* Make temp table t as of the edit in temp.asof_row. */
static enum status shadow_table(struct db *db, const char *t, struct error *err)
{
	struct str key, cols, vals, sql;
	enum status s;

	str_init(&key);
	str_init(&cols);
	str_init(&vals);
	str_init(&sql);
	s = table_sql(db, t, &key, &cols, &vals, err);
	if (!s) {
		str_catf(&sql,
			 "CREATE TEMP TABLE \"%s\" AS SELECT * FROM main.\"%s\" WHERE (%s) "
			 "NOT IN (SELECT k FROM temp.asof_row WHERE tbl = '%s'); INSERT INTO "
			 "temp.\"%s\" (%s) "
			 "SELECT %s FROM temp.asof_row WHERE tbl = '%s' AND before IS NOT NULL",
			 t, t, key.buf, t, t, cols.buf, vals.buf, t);
		s = db_exec(db, sql.buf, err);
	}
	str_done(&key);
	str_done(&cols);
	str_done(&vals);
	str_done(&sql);
	return s;
}

/* Gather the first journal row after edit of each key, and the tables
 * they belong to. */
static enum status gather(struct db *db, int64_t edit, struct shadows *sh, struct error *err)
{
	struct db_stmt *st;

	/* In journal order, the first row of each key wins. */
	if (db_exec(db,
		    "DROP TABLE IF EXISTS temp.asof_row; CREATE TEMP TABLE asof_row "
		    "(tbl TEXT NOT NULL, k NOT NULL, before TEXT, PRIMARY KEY (tbl, k)) "
		    "WITHOUT ROWID",
		    err))
		return ST_IO;
	st = db_prepare(db, "INSERT OR IGNORE INTO temp.asof_row SELECT tbl, coalesce(rkey, "
			    "row_id), before FROM main.journal WHERE edit > ?1 AND op <> 'note' "
			    "AND coalesce(rkey, row_id) IS NOT NULL ORDER BY id");
	db_bind_int(st, 1, edit);
	if (db_run(st))
		return error_set(err, ST_IO, "%s: reading the journal: %s", db_path(db),
				 db_errmsg(db));
	st = db_prepare(db, "SELECT DISTINCT a.tbl FROM temp.asof_row a JOIN main.sqlite_master m "
			    "ON m.type = 'table' AND m.name = a.tbl");
	while (db_step(st) == 1) {
		sh->name = xreallocarray(sh->name, (size_t)sh->n + 1, sizeof(char *));
		sh->name[sh->n++] = xstrdup(db_col_text(st, 0));
	}
	db_reset(st);
	return ST_OK;
}

static enum status shadow(struct db *db, int64_t edit, struct shadows *sh, struct error *err)
{
	int own = !db_in_edit(db);
	enum status s;

	if (own && db_exec(db, "BEGIN", err))
		return ST_IO;
	s = gather(db, edit, sh, err);
	for (int i = 0; !s && i < sh->n; i++) {
		if (!plain_name(sh->name[i]))
			s = error_set(err, ST_IO, "unexpected table name '%s' in the journal",
				      sh->name[i]);
		else
			s = shadow_table(db, sh->name[i], err);
	}
	if (own)
		db_exec(db, s ? "ROLLBACK" : "COMMIT", NULL);
	return s;
}

static void unshadow(struct db *db, struct shadows *sh)
{
	for (int i = 0; i < sh->n; i++) {
		if (plain_name(sh->name[i])) {
			char *sql = xasprintf("DROP TABLE IF EXISTS temp.\"%s\"", sh->name[i]);

			db_exec(db, sql, NULL);
			free(sql);
		}
		free(sh->name[i]);
	}
	free(sh->name);
	db_exec(db, "DROP TABLE IF EXISTS temp.asof_row", NULL);
}

static enum status load_once(struct db *db, int64_t edit, struct conf *c, struct print_data *pd,
			     struct error *err)
{
	struct shadows sh = { NULL, 0 };
	enum status s = shadow(db, edit, &sh, err);

	if (!s)
		s = conf_load(db, c, err);
	if (!s && (s = print_data_load(db, c, pd, err)))
		conf_done(c);
	unshadow(db, &sh);
	return s;
}

enum status asof_load(struct db *db, int64_t edit, struct conf *c, struct print_data *pd,
		      struct error *err)
{
	for (int tries = 0;; tries++) {
		int64_t version = db_data_version(db);
		enum status s = load_once(db, edit, c, pd, err);

		if (s || db_in_edit(db) || db_data_version(db) == version)
			return s;
		/* Another organiser committed while we read: read again. */
		print_data_done(pd);
		conf_done(c);
		if (tries == 4)
			return error_set(err, ST_IO,
					 "%s: the file kept changing while reading "
					 "it as of edit %lld; try again",
					 db_path(db), (long long)edit);
	}
}
