/* The .convene document: one SQLite file per conference. This module is the
 * only user of <sqlite3.h>. It recognises the file before writing to it,
 * opens it with foreign keys and WAL (or for reading only), migrates it by
 * PRAGMA user_version, caches prepared statements, and wraps every edit in
 * one transaction that the journal records (who, what, before, after). A
 * writer that finds another at work waits for it, naming it, and every
 * error is told in words that name the file, never in SQLite's. */
#ifndef CONVENE_DB_H
#define CONVENE_DB_H

#include <stdint.h>

#include "convene/util.h"

/* The schema version this build writes; files above it are refused. */
#define DB_SCHEMA_VERSION 6
/* PRAGMA application_id of a convene file: "CNVN" in ASCII. */
#define DB_APPLICATION_ID 0x434E564E
#define DB_APPLICATION_ID_SQL "1129207374"

/* How long a writer waits for another by default, in seconds. */
#define DB_WAIT_SECONDS 60.0

enum db_open_flags {
	DB_CREATE = 1 << 0,        /* make a missing or empty file a convene file */
	DB_READONLY = 1 << 1,      /* only read; works where the file may not be written */
	DB_WRITE_IF_ABLE = 1 << 2, /* write where allowed, else only read (db_readonly) */
};

struct db;
struct db_stmt;

/* Open (and migrate) a document; ":memory:" gives a private in-memory one.
 * Any file but a convene one (or a missing or empty one with DB_CREATE) is
 * refused before anything is written to it. */
enum status db_open(const char *path, int flags, struct db **out, struct error *err);
void db_close(struct db *db);
/* What fills a new document before it takes its name. */
typedef enum status db_fill_fn(struct db *db, void *arg, struct error *err);
/* Make a new document at path (which must not exist): built in a temporary
 * file beside it, filled by fill (when not NULL) and renamed to path only
 * when complete, so that a kill leaves either no file or a whole one. */
enum status db_create(const char *path, db_fill_fn *fill, void *arg, struct error *err);
/* The path the document was opened from. */
const char *db_path(const struct db *db);
/* Whether the document is open for reading only. */
int db_readonly(const struct db *db);
/* Name the person making edits ("alice@laptop"); recorded in the journal. */
void db_set_actor(struct db *db, const char *actor);
/* Who is making edits ("alice@laptop"). */
const char *db_actor(const struct db *db);
/* Rename the open edit, as the journal records it from now on. */
void db_set_what(struct db *db, const char *what);

/* A wait for another writer: who holds the file ("alice@laptop (plan the
 * programme)", NULL when not a convene writer), how long we have waited
 * and will wait at most; done is set once when the wait is over. */
struct db_wait {
	const char *path;
	const char *holder;
	double waited;
	double limit;
	int first; /* the first time this wait is told */
	int done;
};

typedef void db_wait_fn(void *arg, const struct db_wait *wait);
/* Wait at most seconds for another writer (default DB_WAIT_SECONDS); fn,
 * when not NULL, is told after half a second, then about every second,
 * and once more when the wait is over. */
void db_set_wait(struct db *db, double seconds, db_wait_fn *fn, void *arg);

/* Run SQL with no results; on failure set err and return ST_IO. */
enum status db_exec(struct db *db, const char *sql, struct error *err);

/* Begin one edit (BEGIN IMMEDIATE, or a savepoint when nested); what
 * describes it in the journal and to whoever waits for it meanwhile. */
enum status db_begin(struct db *db, const char *what, struct error *err);
enum status db_commit(struct db *db, struct error *err);
void db_rollback(struct db *db);
/* Whether an edit is open. */
int db_in_edit(const struct db *db);
/* The journal transaction number of the open edit (0 when none). */
int64_t db_edit_number(const struct db *db);

/* A cached prepared statement for sql (a string literal); dies on an SQL
 * error in the text, which is a bug. Reset and unbound on return. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
void db_bind_int(struct db_stmt *st, int idx, int64_t value);
void db_bind_double(struct db_stmt *st, int idx, double value);
/* Bind text; NULL binds SQL NULL. */
void db_bind_text(struct db_stmt *st, int idx, const char *text);
void db_bind_null(struct db_stmt *st, int idx);
/* Step: 1 a row is ready, 0 done, -1 error (message from db_errmsg). */
int db_step(struct db_stmt *st);
/* Step a statement that returns no row; 0 or -1 on error. */
int db_run(struct db_stmt *st);
void db_reset(struct db_stmt *st);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* Column text, "" for NULL; valid until the next step or reset. */
const char *db_col_text(struct db_stmt *st, int col);
int db_col_is_null(struct db_stmt *st, int col);
/* The latest error on this connection: in words naming the file for a
 * busy, full, read-only or failing disk, else SQLite's message. */
const char *db_errmsg(struct db *db);
/* Whether the last error was a constraint violation (UNIQUE, CHECK, FK). */
int db_err_is_constraint(struct db *db);
int64_t db_last_id(struct db *db);
int db_changes(struct db *db);
/* A number that changes whenever any connection commits to the file. */
int64_t db_data_version(struct db *db);

/* A private copy of the document in memory, as it is now (one snapshot),
 * to plan in without holding the file: what is written to it stays there
 * until journal_apply() brings it over. */
enum status db_copy(struct db *db, struct db **out, struct error *err);

/* A table whose edits the journal records: its key column (NULL: keyed
 * by the columns in rkey, whose values joined by ':' are the row's key in
 * the journal), its columns as space-separated words (an "id" key is not
 * among them) and rkey. */
struct db_journalled {
	const char *table;
	const char *key;
	const char *columns;
	const char *rkey;
};

/* The journalled tables as the current schema has them, each with the
 * columns its triggers record: one list for the triggers and for undo. */
const struct db_journalled *db_journalled_tables(size_t *n);

/* Run PRAGMA integrity_check; 0 when the file is sound. */
int db_integrity_ok(struct db *db);

#endif
