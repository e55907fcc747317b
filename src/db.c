/* The document store. Every table of the conference lives here, with CHECK
 * constraints on values that have a range and foreign keys between them.
 * Edits of the entities are journalled by triggers, which call two
 * functions this connection defines (the edit number and the actor), so the
 * journal holds the before and after of every row an edit touched. */
#include "convene/db.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "convene/docfile.h"

#define STMT_CACHE 256

struct db_stmt {
	const char *sql;
	sqlite3_stmt *st;
	struct db *db;
};

/* How long a writer waits quietly before it tells whom it waits for. */
#define WAIT_QUIET 0.5

struct db {
	sqlite3 *h;
	char *path; /* the name in messages */
	char *file; /* on disk: path, or the temporary db_create builds; NULL in memory */
	char *actor;
	char *what;
	char *msg; /* the latest error in words */
	int depth;
	int readonly;
	int64_t edit;
	double wait_limit;
	double wait_start;    /* when the current wait began */
	double wait_told;     /* when the hook was last told, -1 when not waiting */
	char *holder;         /* "alice@laptop (plan the programme)", NULL when unknown */
	unsigned char *image; /* the copy in memory a reader may read from */
	db_wait_fn *wait_fn;
	void *wait_arg;
	struct db_stmt cache[STMT_CACHE];
	int ncache;
};

/* The schema, oldest migration first; each runs in one transaction that
 * also sets PRAGMA user_version to its number. */
static const char schema_v1[] =
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL DEFAULT '',"
	"  venue TEXT NOT NULL DEFAULT '',"
	"  timezone TEXT NOT NULL DEFAULT 'Europe/London',"
	"  slot_minutes INTEGER NOT NULL DEFAULT 15"
	"    CHECK (slot_minutes BETWEEN 5 AND 120));"
	"INSERT INTO event (id) VALUES (1);"
	"CREATE TABLE day ("
	"  id INTEGER PRIMARY KEY,"
	"  number INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 14),"
	"  date TEXT NOT NULL UNIQUE CHECK (date GLOB"
	"    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),"
	"  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),"
	"  CHECK (start_min < end_min));"
	"CREATE TABLE slot ("
	"  id INTEGER PRIMARY KEY,"
	"  day_id INTEGER NOT NULL REFERENCES day (id) ON DELETE CASCADE,"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),"
	"  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),"
	"  CHECK (start_min < end_min),"
	"  UNIQUE (day_id, start_min));"
	"CREATE TABLE room ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),"
	"  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
	"  step_free INTEGER NOT NULL DEFAULT 1 CHECK (step_free IN (0, 1)),"
	"  features TEXT NOT NULL DEFAULT '',"
	"  cafe_tables INTEGER NOT NULL DEFAULT 0 CHECK (cafe_tables >= 0));"
	"CREATE TABLE room_unavailable ("
	"  id INTEGER PRIMARY KEY,"
	"  room_id INTEGER NOT NULL REFERENCES room (id) ON DELETE CASCADE,"
	"  day_id INTEGER NOT NULL REFERENCES day (id) ON DELETE CASCADE,"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),"
	"  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),"
	"  CHECK (start_min < end_min));"
	"CREATE TABLE speaker ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (length(name) > 0),"
	"  title TEXT NOT NULL DEFAULT '',"
	"  honours TEXT NOT NULL DEFAULT '',"
	"  organisation TEXT NOT NULL DEFAULT '',"
	"  email TEXT UNIQUE COLLATE NOCASE);"
	"CREATE TABLE speaker_unavailable ("
	"  id INTEGER PRIMARY KEY,"
	"  speaker_id INTEGER NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,"
	"  day_id INTEGER NOT NULL REFERENCES day (id) ON DELETE CASCADE,"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),"
	"  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),"
	"  CHECK (start_min < end_min));"
	"CREATE TABLE session ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) > 0),"
	"  title TEXT NOT NULL CHECK (length(title) > 0),"
	"  kind TEXT NOT NULL CHECK (kind IN ('keynote', 'talk', 'panel',"
	"    'workshop', 'carousel', 'world_cafe', 'break', 'meal',"
	"    'networking', 'plenary')),"
	"  duration INTEGER NOT NULL CHECK (duration BETWEEN 5 AND 720),"
	"  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),"
	"  audience TEXT NOT NULL DEFAULT '',"
	"  track TEXT NOT NULL DEFAULT '',"
	"  features TEXT NOT NULL DEFAULT '',"
	"  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),"
	"  description TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE session_speaker ("
	"  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
	"  speaker_id INTEGER NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,"
	"  PRIMARY KEY (session_id, speaker_id)) WITHOUT ROWID;"
	"CREATE INDEX session_speaker_by_speaker ON session_speaker (speaker_id);"
	"CREATE TABLE placement ("
	"  session_id INTEGER PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,"
	"  day_id INTEGER NOT NULL REFERENCES day (id) ON DELETE CASCADE,"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),"
	"  room_id INTEGER NOT NULL REFERENCES room (id));"
	"CREATE INDEX placement_by_room ON placement (room_id, day_id);"
	"CREATE TABLE organisation ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),"
	"  type TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE delegate ("
	"  id INTEGER PRIMARY KEY,"
	"  first_name TEXT NOT NULL DEFAULT '',"
	"  last_name TEXT NOT NULL DEFAULT '',"
	"  email TEXT UNIQUE COLLATE NOCASE,"
	"  organisation_id INTEGER REFERENCES organisation (id),"
	"  role TEXT NOT NULL DEFAULT '',"
	"  region TEXT NOT NULL DEFAULT '',"
	"  access TEXT NOT NULL DEFAULT '',"
	"  days INTEGER NOT NULL DEFAULT 0 CHECK (days BETWEEN 0 AND 16383),"
	"  extra TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),"
	"  CHECK (length(first_name) + length(last_name) > 0));"
	"CREATE INDEX delegate_by_organisation ON delegate (organisation_id);"
	"CREATE TABLE preference ("
	"  delegate_id INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
	"  station INTEGER NOT NULL DEFAULT 0 CHECK (station >= 0),"
	"  rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 99),"
	"  PRIMARY KEY (delegate_id, session_id, station)) WITHOUT ROWID;"
	"CREATE INDEX preference_by_session ON preference (session_id);"
	"CREATE TABLE keep_apart ("
	"  a INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  b INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  CHECK (a < b),"
	"  PRIMARY KEY (a, b)) WITHOUT ROWID;"
	"CREATE TABLE carousel ("
	"  session_id INTEGER PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,"
	"  rotations INTEGER NOT NULL CHECK (rotations BETWEEN 1 AND 50),"
	"  rotation_min INTEGER NOT NULL CHECK (rotation_min BETWEEN 1 AND 480));"
	"CREATE TABLE station ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES carousel (session_id)"
	"    ON DELETE CASCADE,"
	"  number INTEGER NOT NULL CHECK (number >= 1),"
	"  topic TEXT NOT NULL CHECK (length(topic) > 0),"
	"  host_speaker_id INTEGER REFERENCES speaker (id) ON DELETE SET NULL,"
	"  host_delegate_id INTEGER REFERENCES delegate (id) ON DELETE SET NULL,"
	"  place TEXT NOT NULL DEFAULT '',"
	"  capacity INTEGER NOT NULL CHECK (capacity >= 1),"
	"  everyone INTEGER NOT NULL DEFAULT 0 CHECK (everyone IN (0, 1)),"
	"  skip INTEGER NOT NULL DEFAULT 0 CHECK (skip >= 0),"
	"  UNIQUE (session_id, number));"
	"CREATE TABLE cafe ("
	"  session_id INTEGER PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,"
	"  tables INTEGER NOT NULL CHECK (tables BETWEEN 1 AND 1000),"
	"  seats INTEGER NOT NULL CHECK (seats BETWEEN 2 AND 100),"
	"  rounds INTEGER NOT NULL CHECK (rounds BETWEEN 1 AND 50));"
	"CREATE TABLE cafe_table ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES cafe (session_id) ON DELETE CASCADE,"
	"  number INTEGER NOT NULL CHECK (number >= 1),"
	"  seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 100),"
	"  host_delegate_id INTEGER REFERENCES delegate (id) ON DELETE SET NULL,"
	"  question TEXT NOT NULL DEFAULT '',"
	"  step_free INTEGER NOT NULL DEFAULT 1 CHECK (step_free IN (0, 1)),"
	"  UNIQUE (session_id, number));"
	"CREATE TABLE attendance ("
	"  delegate_id INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
	"  PRIMARY KEY (delegate_id, session_id)) WITHOUT ROWID;"
	"CREATE INDEX attendance_by_session ON attendance (session_id);"
	"CREATE TABLE cafe_seat ("
	"  session_id INTEGER NOT NULL REFERENCES cafe (session_id) ON DELETE CASCADE,"
	"  round INTEGER NOT NULL CHECK (round >= 1),"
	"  delegate_id INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  table_no INTEGER NOT NULL CHECK (table_no >= 1),"
	"  PRIMARY KEY (session_id, round, delegate_id)) WITHOUT ROWID;"
	"CREATE TABLE carousel_visit ("
	"  session_id INTEGER NOT NULL REFERENCES carousel (session_id)"
	"    ON DELETE CASCADE,"
	"  rotation INTEGER NOT NULL CHECK (rotation >= 1),"
	"  delegate_id INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  station_id INTEGER NOT NULL REFERENCES station (id) ON DELETE CASCADE,"
	"  PRIMARY KEY (session_id, rotation, delegate_id)) WITHOUT ROWID;"
	"CREATE TABLE journal ("
	"  id INTEGER PRIMARY KEY,"
	"  edit INTEGER NOT NULL,"
	"  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
	"  who TEXT NOT NULL DEFAULT '',"
	"  what TEXT NOT NULL DEFAULT '',"
	"  tbl TEXT NOT NULL,"
	"  row_id INTEGER,"
	"  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'note')),"
	"  before TEXT CHECK (before IS NULL OR json_valid(before)),"
	"  after TEXT CHECK (after IS NULL OR json_valid(after)));"
	"CREATE INDEX journal_by_edit ON journal (edit);";

/* Tables whose edits the journal records, their key and their columns.
 * A table keyed by its columns rather than one id names them in rkey: the
 * journal then records those values joined by ':' as the row's key. */

static const struct db_journalled journalled_v1[] = {
	{ "event", "id", "name venue timezone slot_minutes", NULL },
	{ "day", "id", "number date start_min end_min", NULL },
	{ "slot", "id", "day_id start_min end_min", NULL },
	{ "room", "id", "name capacity step_free features cafe_tables", NULL },
	{ "room_unavailable", "id", "room_id day_id start_min end_min", NULL },
	{ "speaker", "id", "name title honours organisation email", NULL },
	{ "speaker_unavailable", "id", "speaker_id day_id start_min end_min", NULL },
	{ "session", "id",
	  "code title kind duration capacity audience track "
	  "features pinned description",
	  NULL },
	{ "session_speaker", NULL, "session_id speaker_id", NULL },
	{ "placement", "session_id", "session_id day_id start_min room_id", NULL },
	{ "organisation", "id", "name type", NULL },
	{ "delegate", "id",
	  "first_name last_name email organisation_id role "
	  "region access days extra",
	  NULL },
	{ "preference", NULL, "delegate_id session_id station rank", NULL },
	{ "keep_apart", NULL, "a b", NULL },
	{ "carousel", "session_id", "session_id rotations rotation_min", NULL },
	{ "station", "id",
	  "session_id number topic host_speaker_id "
	  "host_delegate_id place capacity everyone skip",
	  NULL },
	{ "cafe", "session_id", "session_id tables seats rounds", NULL },
	{ "cafe_table", "id",
	  "session_id number seats host_delegate_id "
	  "question step_free",
	  NULL },
};

/* Whether the space-separated list holds word as a whole word. */
static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Version 2 adds tags to rooms, time and room tags to sessions and
 * speakers, and a speaker's pause; the triggers of those tables are made
 * anew with the new columns. */
static const char schema_v2[] = "ALTER TABLE room ADD COLUMN tags TEXT NOT NULL DEFAULT '';"
				"ALTER TABLE session ADD COLUMN time_tags TEXT NOT NULL DEFAULT '';"
				"ALTER TABLE session ADD COLUMN room_tags TEXT NOT NULL DEFAULT '';"
				"ALTER TABLE speaker ADD COLUMN time_tags TEXT NOT NULL DEFAULT '';"
				"ALTER TABLE speaker ADD COLUMN room_tags TEXT NOT NULL DEFAULT '';"
				"ALTER TABLE speaker ADD COLUMN pause INTEGER NOT NULL DEFAULT 0"
				"  CHECK (pause BETWEEN 0 AND 240);"
				"CREATE INDEX journal_by_row ON journal (tbl, row_id);";

static const struct db_journalled journalled_v2[] = {
	{ "room", "id", "name capacity step_free features cafe_tables tags", NULL },
	{ "speaker", "id", "name title honours organisation email time_tags room_tags pause", NULL },
	{ "session", "id",
	  "code title kind duration capacity audience track features pinned "
	  "description time_tags room_tags",
	  NULL },
};

/* json_object('id', NEW.id, 'name', NEW.name, ...) for a row. */
static void json_of_row(struct str *s, const char *row, const struct db_journalled *j)
{
	char *cols = xstrdup(j->columns);
	const char *sep = "";

	str_cat(s, "json_object(");
	if (j->key && !has_word(j->columns, j->key)) {
		str_catf(s, "'%s', %s.%s", j->key, row, j->key);
		sep = ", ";
	}
	for (char *c = strtok(cols, " "); c; c = strtok(NULL, " ")) {
		str_catf(s, "%s'%s', %s.%s", sep, c, row, c);
		sep = ", ";
	}
	str_cat(s, ")");
	free(cols);
}

/* row.a || ':' || row.b ... for a key of several columns. */
static void rkey_of_row(struct str *s, const char *row, const char *rkey)
{
	char *cols = xstrdup(rkey);
	const char *sep = "";

	for (char *c = strtok(cols, " "); c; c = strtok(NULL, " ")) {
		str_catf(s, "%s%s.%s", sep, row, c);
		sep = " || ':' || ";
	}
	free(cols);
}

/* The three triggers that journal one table. */
static void journal_triggers(struct str *s, const struct db_journalled *j)
{
	static const char *const ops[] = { "insert", "update", "delete" };

	for (int i = 0; i < 3; i++) {
		const char *row = i == 2 ? "OLD" : "NEW";

		str_catf(s, "DROP TRIGGER IF EXISTS journal_%s_%s;", j->table, ops[i]);
		str_catf(s,
			 "CREATE TRIGGER journal_%s_%s AFTER %s ON %s BEGIN "
			 "INSERT INTO journal (edit, who, what, tbl, row_id, %sop, "
			 "before, after) VALUES (convene_edit(), convene_actor(), "
			 "convene_what(), '%s', %s%s%s, ",
			 j->table, ops[i], ops[i], j->table, j->rkey ? "rkey, " : "", j->table,
			 j->key ? row : "NULL", j->key ? "." : "", j->key ? j->key : "");
		if (j->rkey) {
			rkey_of_row(s, row, j->rkey);
			str_cat(s, ", ");
		}
		str_catf(s, "'%s', ", ops[i]);
		if (i == 0)
			str_cat(s, "NULL");
		else
			json_of_row(s, "OLD", j);
		str_cat(s, ", ");
		if (i == 2)
			str_cat(s, "NULL");
		else
			json_of_row(s, "NEW", j);
		str_cat(s, "); END;");
	}
}

/* Version 3 journals what the solvers store (attendance, cafe seats and
 * carousel visits), so that undo takes back a whole solve; gives every row
 * of a table keyed by its columns a key in the journal (rkey); and marks
 * the file as convene's with PRAGMA application_id. */
static const char schema_v3[] =
	"ALTER TABLE journal ADD COLUMN rkey TEXT;"
	"CREATE INDEX journal_by_rkey ON journal (tbl, rkey) WHERE rkey IS NOT NULL;"
	"UPDATE journal SET rkey = json_extract(coalesce(after, before), '$.session_id') || ':' ||"
	"  json_extract(coalesce(after, before), '$.speaker_id') WHERE tbl = 'session_speaker';"
	"UPDATE journal SET rkey = json_extract(coalesce(after, before), '$.delegate_id') || ':' ||"
	"  json_extract(coalesce(after, before), '$.session_id') || ':' ||"
	"  json_extract(coalesce(after, before), '$.station') WHERE tbl = 'preference';"
	"UPDATE journal SET rkey = json_extract(coalesce(after, before), '$.a') || ':' ||"
	"  json_extract(coalesce(after, before), '$.b') WHERE tbl = 'keep_apart';"
	"PRAGMA application_id = " DB_APPLICATION_ID_SQL ";";

static const struct db_journalled journalled_v3[] = {
	{ "session_speaker", NULL, "session_id speaker_id", "session_id speaker_id" },
	{ "preference", NULL, "delegate_id session_id station rank",
	  "delegate_id session_id station" },
	{ "keep_apart", NULL, "a b", "a b" },
	{ "attendance", NULL, "delegate_id session_id", "delegate_id session_id" },
	{ "cafe_seat", NULL, "session_id round delegate_id table_no",
	  "session_id round delegate_id" },
	{ "carousel_visit", NULL, "session_id rotation delegate_id station_id",
	  "session_id rotation delegate_id" },
};

/* Version 4 keeps what registration systems and schedules say beyond the
 * plan: a delegate's dietary needs and ticket (so that a ticket passed to
 * someone else keeps its place), a session's abstract, subtitle, language,
 * type and guid as a frab schedule gives them, and a UUID of the
 * conference that makes its calendar entries its own. It also lets a day
 * run past midnight, to 48:00, as a congress's days do: the CHECKs on
 * minutes are widened in place, which is SQLite's documented way to
 * loosen a CHECK (lang_altertable.html, "otheralter"); the rows already
 * meet the wider bound, and the ALTERs after it reload the schema and
 * bump its version for other connections. */
static const char schema_v4[] =
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_schema SET sql = replace(sql, 'BETWEEN 0 AND 1440', 'BETWEEN 0 AND 2880')"
	"  WHERE type = 'table' AND name IN ('day', 'slot', 'placement', 'room_unavailable',"
	"  'speaker_unavailable');"
	"PRAGMA writable_schema = RESET;"
	"ALTER TABLE event ADD COLUMN uuid TEXT NOT NULL DEFAULT '';"
	"DROP TRIGGER IF EXISTS journal_event_update;" /* made anew below: no edit */
	"UPDATE event SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))"
	"  || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'"
	"  || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
	"  || '-' || lower(hex(randomblob(6)));"
	"ALTER TABLE session ADD COLUMN abstract TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE session ADD COLUMN subtitle TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE session ADD COLUMN language TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE session ADD COLUMN frab_type TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE session ADD COLUMN guid TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE delegate ADD COLUMN diet TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE delegate ADD COLUMN ticket TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX delegate_by_ticket ON delegate (ticket) WHERE ticket <> '';";

static const struct db_journalled journalled_v4[] = {
	{ "event", "id", "name venue timezone slot_minutes", NULL },
	{ "session", "id",
	  "code title kind duration capacity audience track features pinned "
	  "description time_tags room_tags abstract subtitle language frab_type "
	  "guid",
	  NULL },
	{ "delegate", "id",
	  "first_name last_name email organisation_id role region access days "
	  "extra diet ticket",
	  NULL },
};

/* Version 5 keeps what fair allocation needs: a session's minimum size,
 * a session cancelled for falling below it (kept, with the reason, so that
 * undo brings it back and lists show it), the one choice a delegate must
 * have, and the lottery (seed and objective) of the stored allocation. */
static const char schema_v5[] =
	"CREATE TABLE session_minimum ("
	"  session_id INTEGER PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,"
	"  people INTEGER NOT NULL CHECK (people >= 0));"
	"CREATE TABLE cancelled ("
	"  session_id INTEGER PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  by_organiser INTEGER NOT NULL DEFAULT 0 CHECK (by_organiser IN (0, 1)));"
	"CREATE TABLE must_have ("
	"  delegate_id INTEGER PRIMARY KEY REFERENCES delegate (id) ON DELETE CASCADE,"
	"  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE);"
	"CREATE INDEX must_have_by_session ON must_have (session_id);"
	"CREATE TABLE lottery ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  seed INTEGER NOT NULL,"
	"  objective TEXT NOT NULL CHECK (objective IN ('total', 'greedy', 'generous')));";

static const struct db_journalled journalled_v5[] = {
	{ "session_minimum", "session_id", "session_id people", NULL },
	{ "cancelled", "session_id", "session_id reason by_organiser", NULL },
	{ "must_have", "delegate_id", "delegate_id session_id", NULL },
	{ "lottery", "id", "seed objective", NULL },
};

/* Version 6 remembers who withdrew from a cafe or carousel, so that a
 * later solve does not seat them there again: a cafe open to everyone there
 * that day has no sign-up of theirs to forget; and which breakout places an
 * organiser set by hand (pinned), which a later allocation keeps. */
static const char schema_v6[] =
	"CREATE TABLE withdrawn ("
	"  delegate_id INTEGER NOT NULL REFERENCES delegate (id) ON DELETE CASCADE,"
	"  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
	"  PRIMARY KEY (delegate_id, session_id)) WITHOUT ROWID;"
	"CREATE INDEX withdrawn_by_session ON withdrawn (session_id);"
	"ALTER TABLE attendance ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 "
	"  CHECK (pinned IN (0, 1));";

static const struct db_journalled journalled_v6[] = {
	{ "withdrawn", NULL, "delegate_id session_id", "delegate_id session_id" },
	{ "attendance", NULL, "delegate_id session_id pinned", "delegate_id session_id" },
};

/* Each version of the file format: the SQL that brings a file of the one
 * before up to it, and the tables it journals (their triggers are made
 * after the SQL). */
#define MIGRATION(v)                                                                               \
	{                                                                                          \
		v, schema_v##v, journalled_v##v, ARRAY_SIZE(journalled_v##v)                       \
	}

static const struct migration {
	int version;
	const char *schema;
	const struct db_journalled *journalled;
	size_t njournalled;
} migrations[] = {
	MIGRATION(1), MIGRATION(2), MIGRATION(3), MIGRATION(4), MIGRATION(5), MIGRATION(6),
};

static char *migration_sql(const struct migration *m)
{
	struct str s;

	str_init(&s);
	str_cat(&s, m->schema);
	for (size_t i = 0; i < m->njournalled; i++)
		journal_triggers(&s, &m->journalled[i]);
	return str_steal(&s);
}

const struct db_journalled *db_journalled_tables(size_t *n)
{
	static struct db_journalled all[64];
	static size_t count;
	static int made;

	/* Newest first: a table's latest triggers are those of the newest
	 * version that made them. */
	for (size_t v = ARRAY_SIZE(migrations); !made && v-- > 0;)
		for (size_t i = 0; i < migrations[v].njournalled; i++) {
			const struct db_journalled *j = &migrations[v].journalled[i];
			size_t k = 0;

			while (k < count && strcmp(all[k].table, j->table) != 0)
				k++;
			if (k == count && count < ARRAY_SIZE(all))
				all[count++] = *j;
		}
	made = 1;
	*n = count;
	return all;
}

static void fn_edit(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(ctx);

	sqlite3_result_int64(ctx, db->edit);
}

static void fn_actor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(ctx);

	sqlite3_result_text(ctx, db->actor ? db->actor : "", -1, SQLITE_TRANSIENT);
}

static void fn_what(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(ctx);

	sqlite3_result_text(ctx, db->what ? db->what : "", -1, SQLITE_TRANSIENT);
}

/* Who holds the file now, as its writer file says (NULL: no one says). */
static void writer_look(struct db *db)
{
	free(db->holder);
	db->holder = db->file ? docfile_writer_holder(db->file) : NULL;
}

/* Tell the wait hook how the wait goes. */
static void wait_tell(struct db *db, double waited, int done)
{
	struct db_wait w = {
		db->path, db->holder, waited, db->wait_limit, db->wait_told < 0 && !done, done
	};

	if (db->wait_fn)
		db->wait_fn(db->wait_arg, &w);
	db->wait_told = done ? -1 : now_seconds();
}

/* SQLite's busy handler: wait while another writer holds the file, up to
 * the limit, naming them to the hook after a short quiet wait and then
 * about once a second. */
static int on_busy(void *arg, int count)
{
	struct db *db = arg;
	double now = now_seconds(), waited;

	if (count == 0) {
		db->wait_start = now;
		db->wait_told = -1;
	}
	waited = now - db->wait_start;
	if (waited >= db->wait_limit)
		return 0;
	if (waited >= WAIT_QUIET && (db->wait_told < 0 || now - db->wait_told >= 1.0)) {
		writer_look(db);
		wait_tell(db, waited, 0);
	}
	usleep(count < 6 ? 1000u << count : 50000u);
	return 1;
}

/* An SQLite error code in words an organiser reads, or NULL for errors in
 * convene's SQL and failed constraints, whose callers explain them. sys is
 * the system's errno when known; file, when not NULL, is looked at when
 * SQLite only says "I/O error". */
static const char *code_text(int code, int sys, const char *file)
{
	code &= 0xff;
	if (code == SQLITE_IOERR && sys != ENOSPC && sys != EDQUOT && sys != EFBIG && file)
		sys = docfile_short(file); /* errno may be another call's by now */
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "it is in use by another organiser";
	case SQLITE_FULL:
		return "the disk is full";
	case SQLITE_READONLY:
		return "the file or its folder may not be written here";
	case SQLITE_CANTOPEN:
		return "cannot be opened (is its folder there, and may you read it?)";
	case SQLITE_NOTADB:
		return "not a convene file (not an SQLite database)";
	case SQLITE_CORRUPT:
		return "the file is damaged (its SQLite structure is broken)";
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return "permission denied";
	case SQLITE_NOMEM:
		return "out of memory";
	case SQLITE_PROTOCOL:
		return "its locks failed (is it on a network drive?)";
	case SQLITE_TOOBIG:
		return "a value is too large to store";
	case SQLITE_IOERR:
		return file_error_text(sys == ENOSPC || sys == EDQUOT || sys == EFBIG ? sys : EIO);
	default:
		return NULL;
	}
}

/* Whatever failed, the edit was rolled back: nothing was written. */
static const char *plain_text(struct db *db)
{
	return code_text(sqlite3_errcode(db->h), sqlite3_system_errno(db->h), db->file);
}

/* The latest error in words naming the file, kept in db->msg; NULL for
 * SQL and constraint errors, which keep SQLite's words. */
static const char *plain(struct db *db)
{
	int code = sqlite3_errcode(db->h) & 0xff;
	const char *text = plain_text(db);

	free(db->msg);
	db->msg = NULL;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
		writer_look(db);
		db->msg = xasprintf("%s: still in use by %s after %.0f s; nothing was written",
				    db->path, db->holder ? db->holder : "another program",
				    db->wait_limit);
	} else if (text) {
		db->msg = xasprintf("%s: %s; %s", db->path, text,
				    code == SQLITE_NOTADB ? "it was not changed"
							  : "nothing was written");
	}
	return db->msg;
}

static enum status db_fail(struct db *db, struct error *err, const char *doing)
{
	const char *text = plain(db);

	if (text)
		return error_set(err, ST_IO, "%s", text);
	return error_set(err, ST_IO, "%s: %s: %s", db->path, doing, sqlite3_errmsg(db->h));
}

enum status db_exec(struct db *db, const char *sql, struct error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		const char *text = plain(db);

		if (text)
			error_set(err, ST_IO, "%s", text);
		else
			error_set(err, ST_IO, "%s: %s", db->path, msg ? msg : "SQL error");
		sqlite3_free(msg);
		return ST_IO;
	}
	return ST_OK;
}

/* Take the write lock (BEGIN IMMEDIATE), waiting for another writer as
 * long as allowed, then say in the writer file who holds it. */
static enum status begin_write(struct db *db, const char *what, struct error *err)
{
	int rc;

	free(db->what);
	db->what = xstrdup(what ? what : "");
	rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (db->wait_told >= 0)
		wait_tell(db, now_seconds() - db->wait_start, 1);
	if (rc != SQLITE_OK)
		return db_fail(db, err, "starting an edit");
	if (db->file)
		docfile_writer_mark(db->file, db->actor, db->what);
	return ST_OK;
}

/* COMMIT or ROLLBACK the write transaction; the writer file goes first,
 * while the lock is still ours. */
static int end_write(struct db *db, const char *sql)
{
	if (db->file)
		docfile_writer_unmark(db->file);
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

static int user_version(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "PRAGMA user_version");
	int v = db_step(st) == 1 ? (int)db_col_int(st, 0) : -1;

	db_reset(st);
	return v;
}

/* Apply each migration above the file's version in its own transaction. */
static enum status migrate(struct db *db, struct error *err)
{
	int have = user_version(db);

	if (have < 0)
		return db_fail(db, err, "reading the schema version");
	if (have > DB_SCHEMA_VERSION)
		return error_set(err, ST_INPUT,
				 "%s was written by a newer convene (file format %d; "
				 "this convene reads up to %d); it was not changed",
				 db->path, have, DB_SCHEMA_VERSION);
	for (size_t i = 0; i < ARRAY_SIZE(migrations); i++) {
		char *sql, *bump;
		enum status st;

		if (migrations[i].version <= have)
			continue;
		if (begin_write(db, "bring the file up to date", err))
			return ST_IO;
		/* Another process may have migrated while we waited. */
		if (user_version(db) >= migrations[i].version) {
			end_write(db, "COMMIT");
			continue;
		}
		sql = migration_sql(&migrations[i]);
		bump = xasprintf("PRAGMA user_version = %d", migrations[i].version);
		st = db_exec(db, sql, err);
		if (!st)
			st = db_exec(db, bump, err);
		free(sql);
		free(bump);
		if (st || end_write(db, "COMMIT") != SQLITE_OK) {
			if (!st)
				db_fail(db, err, "bringing the file up to date");
			end_write(db, "ROLLBACK");
			return ST_IO;
		}
	}
	return ST_OK;
}

/* The version check after opening: what this build reads, and for a file
 * opened only to read, one that needs no upgrade. */
static enum status check_version(struct db *db, struct error *err)
{
	int v = user_version(db);

	if (v < 0)
		return db_fail(db, err, "reading the schema version");
	if (v > DB_SCHEMA_VERSION)
		return error_set(err, ST_INPUT,
				 "%s was written by a newer convene (file format %d; "
				 "this convene reads up to %d); it was not changed",
				 db->path, v, DB_SCHEMA_VERSION);
	if (v < DB_SCHEMA_VERSION && v >= 1)
		return error_set(err, ST_INPUT,
				 "%s was written by an older convene (file format %d) and is "
				 "read-only here; someone who may change it must open it once to "
				 "bring it up to date; it was not changed",
				 db->path, v);
	if (v != DB_SCHEMA_VERSION)
		return error_set(err, ST_INPUT,
				 "%s: not a convene file this version can read "
				 "(file format %d)",
				 db->path, v);
	return ST_OK;
}

static void default_actor(struct db *db)
{
	const char *user = getenv("USER");
	char host[256] = "";

	if (!user || !*user)
		user = getenv("LOGNAME");
	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	db->actor = xasprintf("%s%s%s", user ? user : "someone", *host ? "@" : "", host);
}

static enum status configure(struct db *db, struct error *err)
{
	int fnflags = SQLITE_UTF8 | SQLITE_INNOCUOUS;

	sqlite3_busy_handler(db->h, on_busy, db);
	sqlite3_extended_result_codes(db->h, 1);
	if (sqlite3_create_function(db->h, "convene_edit", 0, fnflags, db, fn_edit, NULL, NULL) ||
	    sqlite3_create_function(db->h, "convene_actor", 0, fnflags, db, fn_actor, NULL, NULL) ||
	    sqlite3_create_function(db->h, "convene_what", 0, fnflags, db, fn_what, NULL, NULL))
		return db_fail(db, err, "registering functions");
	if (db_exec(db,
		    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; "
		    "PRAGMA temp_store = MEMORY",
		    err))
		return ST_IO;
	if (db->readonly || !db->file)
		return ST_OK;
	if (db_exec(db, "PRAGMA journal_mode = WAL", err))
		return ST_IO;
	return db_exec(db, "PRAGMA synchronous = NORMAL", err);
}

static struct db *db_new(const char *path, const char *file)
{
	struct db *db = xcalloc(1, sizeof(*db));

	db->path = xstrdup(path);
	db->file = file ? xstrdup(file) : NULL;
	db->wait_limit = DB_WAIT_SECONDS;
	db->wait_told = -1;
	default_actor(db);
	return db;
}

/* Open name with SQLite and set the connection up. */
static enum status open_sqlite(struct db *db, const char *name, int oflags, struct error *err)
{
	if (sqlite3_open_v2(name, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (!db->h)
			return error_set(err, ST_IO, "%s: out of memory", db->path);
		return db_fail(db, err, "opening");
	}
	return configure(db, err);
}

/* A new file (or ":memory:"): made a convene file of this version. */
static enum status open_new(struct db *db, struct error *err)
{
	enum status st = open_sqlite(db, db->file ? db->file : ":memory:",
				     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);

	return st ? st : migrate(db, err);
}

/* Open a copy of the file in memory, for a reader who may not write next
 * to it: SQLite could not make the -wal and -shm files it reads with. */
static enum status open_copy(struct db *db, struct error *err)
{
	size_t size = 0;
	int e = 0;

	for (int tries = 0; tries < 5 && !db->image; tries++) {
		if (tries)
			usleep(50000);
		db->image = docfile_read(db->file, &size);
		e = errno;
	}
	if (!db->image && e == EAGAIN)
		return error_set(err, ST_IO, "%s kept changing while it was read; try again",
				 db->path);
	if (!db->image)
		return error_set(err, ST_IO, "%s: cannot read: %s", db->path, file_error_text(e));
	db->image[18] = db->image[19] = 1; /* a copy in memory has no WAL: rollback mode */
	if (sqlite3_open_v2(":memory:", &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		return error_set(err, ST_IO, "%s: out of memory", db->path);
	if (sqlite3_deserialize(db->h, "main", db->image, (sqlite3_int64)size, (sqlite3_int64)size,
				SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		return db_fail(db, err, "reading");
	return configure(db, err);
}

/* Open for reading only a file we may not write. Where another organiser
 * has it open, its -wal and -shm files are there and SQLite reads with
 * them; otherwise the file holds everything and is read from a copy in
 * memory, so that nothing is made beside it. */
static enum status open_reader(struct db *db, struct error *err)
{
	int shm, wal = docfile_wal(db->file, &shm);
	enum status st;

	db->readonly = 1;
	if (wal && shm) {
		st = open_sqlite(db, db->file, SQLITE_OPEN_READONLY, err);
		if (!st && user_version(db) < 0)
			st = db_fail(db, err, "reading");
		return st;
	}
	if (wal == 2)
		return error_set(err, ST_IO,
				 "%s: its latest edits are still in its -wal file, "
				 "which only someone who may write in its folder can finish (by "
				 "opening it once); it was not changed",
				 db->path);
	return open_copy(db, err);
}

enum kind { KIND_NEW, KIND_CONVENE };

static int64_t pragma_int(struct db *db, const char *sql, int *ok)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t v = 0;

	if (db_step(st) == 1)
		v = db_col_int(st, 0);
	else
		*ok = 0;
	db_reset(st);
	return v;
}

/* Look inside an SQLite file whose header does not say it is convene's:
 * an old convene file (format 1 or 2, with convene's tables) or an empty
 * database is one to go on with; any other is refused. Nothing is made or
 * changed beside it: a reader's connection, or a copy in memory. */
static enum status peek(struct db *db, int flags, enum kind *kind, struct error *err)
{
	struct db *p = db_new(db->path, db->file);
	enum status st = open_reader(p, err);
	int64_t app = 0, version = 0, objects = 0, tables = 0;
	int ok = 1;

	if (!st) {
		app = pragma_int(p, "PRAGMA application_id", &ok);
		version = pragma_int(p, "PRAGMA user_version", &ok);
		objects = pragma_int(p, "SELECT count(*) FROM sqlite_schema", &ok);
		tables = pragma_int(p,
				    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
				    "AND name IN ('event', 'day', 'room', 'session', 'journal')",
				    &ok);
		if (!ok)
			st = db_fail(p, err, "reading");
	}
	db_close(p);
	if (st)
		return st;
	*kind = KIND_CONVENE; /* formats 1 and 2 came before the application_id */
	if (app == DB_APPLICATION_ID || (app == 0 && version >= 1 && version < 3 && tables == 5))
		return ST_OK;
	*kind = KIND_NEW;
	if (app == 0 && version == 0 && objects == 0 && (flags & DB_CREATE))
		return ST_OK;
	return error_set(err, ST_INPUT,
			 "%s is an SQLite file but not a convene file; it was not "
			 "changed",
			 db->path);
}

/* Recognise the file before anything is written to it: a convene file
 * goes on; a missing or empty one is new when the caller creates; any
 * other is refused, unchanged. The header's application_id settles most
 * files without opening them with SQLite. */
static enum status recognise(struct db *db, int flags, enum kind *kind, struct error *err)
{
	int create = flags & DB_CREATE;

	*kind = KIND_NEW;
	switch (docfile_kind(db->file, DB_APPLICATION_ID)) {
	case DOCFILE_MISSING:
		if (create)
			return ST_OK;
		return error_set(err, ST_INPUT,
				 "%s: no such file (start one with 'convene new "
				 "%s')",
				 db->path, db->path);
	case DOCFILE_EMPTY:
		if (create)
			return ST_OK;
		return error_set(err, ST_INPUT,
				 "%s is an empty file, not a convene file (start "
				 "one with 'convene new %s')",
				 db->path, db->path);
	case DOCFILE_FOLDER:
		return error_set(err, ST_INPUT, "%s is a folder, not a convene file", db->path);
	case DOCFILE_UNREADABLE:
		return error_set(err, ST_IO, "%s: cannot read: %s", db->path,
				 file_error_text(errno));
	case DOCFILE_NOT_SQLITE:
		return error_set(err, ST_INPUT,
				 "%s: not a convene file (not an SQLite database); "
				 "it was not changed",
				 db->path);
	case DOCFILE_OTHER:
		return error_set(err, ST_INPUT,
				 "%s is an SQLite file but not a convene file; it "
				 "was not changed",
				 db->path);
	case DOCFILE_UNMARKED:
		return peek(db, flags, kind, err);
	case DOCFILE_MARKED:
		break;
	}
	*kind = KIND_CONVENE;
	return ST_OK;
}

/* Open a file on disk for what flags ask, once it is recognised. */
static enum status open_file(struct db *db, int flags, struct error *err)
{
	enum kind kind;
	enum status st = recognise(db, flags, &kind, err);

	if (st)
		return st;
	if (kind == KIND_NEW)
		return open_new(db, err);
	if (!docfile_may_write(db->file)) {
		if (!(flags & (DB_READONLY | DB_WRITE_IF_ABLE)))
			return error_set(err, ST_IO,
					 "%s may be read here but not changed (no "
					 "permission to write it or its folder); nothing was "
					 "changed",
					 db->path);
		st = open_reader(db, err);
	} else {
		st = open_sqlite(db, db->file, SQLITE_OPEN_READWRITE, err);
		if (!st)
			st = migrate(db, err);
		/* Edits are refused (db_begin); PRAGMA query_only would refuse
		 * the TEMP tables a reader of the past makes too. */
		db->readonly = (flags & DB_READONLY) != 0;
	}
	return st ? st : check_version(db, err);
}

enum status db_open(const char *path, int flags, struct db **out, struct error *err)
{
	int memory = strcmp(path, ":memory:") == 0;
	struct db *db = db_new(path, memory ? NULL : path);
	enum status st = memory ? open_new(db, err) : open_file(db, flags, err);

	if (st) {
		db_close(db);
		return st;
	}
	*out = db;
	return ST_OK;
}

/* Finalise the cached statements and close the connection. */
static void close_handle(struct db *db)
{
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	db->ncache = 0;
	if (db->depth) {
		end_write(db, "ROLLBACK");
		db->depth = 0;
	}
	sqlite3_close(db->h);
	db->h = NULL;
}

/* Fold the WAL into the temporary, close it, make it durable and give it
 * the target's name, unless something has taken that name meanwhile. */
static enum status finish_new(struct db *db, struct error *err)
{
	char *wal = docfile_beside(db->file, "-wal");
	int fd, gone;

	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) !=
	    SQLITE_OK) {
		free(wal);
		return db_fail(db, err, "finishing");
	}
	close_handle(db);
	gone = access(wal, F_OK) != 0;
	free(wal);
	if (!gone)
		return error_set(err, ST_IO, "%s: could not be finished; nothing was written",
				 db->path);
	if ((fd = open(db->file, O_RDONLY | O_CLOEXEC)) >= 0) {
		int e = fsync(fd) != 0 && errno != EINVAL ? errno : 0;

		close(fd);
		if (e)
			return error_set(err, ST_IO, "%s: %s; nothing was written", db->path,
					 file_error_text(e));
	}
	if (file_rename_new(db->file, db->path) != 0) {
		int e = errno;

		if (e == EEXIST)
			return error_set(err, ST_INPUT,
					 "%s was made by someone else meanwhile; it "
					 "was not changed",
					 db->path);
		return error_set(err, ST_IO, "%s: %s; nothing was written", db->path,
				 file_error_text(e));
	}
	file_sync_folder(db->path);
	return ST_OK;
}

/* Remove a temporary that was not finished, with what SQLite made beside. */
static void remove_new(const char *tmp)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-writer", "-journal" };

	for (size_t i = 0; i < ARRAY_SIZE(tails); i++) {
		char *p = docfile_beside(tmp, tails[i]);

		unlink(p);
		free(p);
	}
}

enum status db_create(const char *path, db_fill_fn *fill, void *arg, struct error *err)
{
	struct db *db;
	enum status st;
	char *tmp;
	mode_t mask;
	int fd;

	if (access(path, F_OK) == 0)
		return error_set(err, ST_INPUT, "%s already exists; it was not changed", path);
	tmp_clean_stale(path);
	if ((fd = tmp_beside(path, &tmp)) < 0)
		return error_set(err, ST_IO, "%s: cannot make it in its folder: %s", path,
				 file_error_text(errno));
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		/* it stays private to its owner; not worth failing for */
	}
	close(fd);
	db = db_new(path, tmp);
	st = open_new(db, err);
	if (!st && fill)
		st = fill(db, arg, err);
	if (!st)
		st = finish_new(db, err);
	db_close(db);
	if (st)
		remove_new(tmp);
	free(tmp);
	return st;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	close_handle(db);
	free(db->path);
	free(db->file);
	free(db->actor);
	free(db->what);
	free(db->msg);
	free(db->holder);
	free(db->image);
	free(db);
}

const char *db_path(const struct db *db)
{
	return db->path;
}

int db_readonly(const struct db *db)
{
	return db->readonly;
}

void db_set_actor(struct db *db, const char *actor)
{
	free(db->actor);
	db->actor = xstrdup(actor);
}

const char *db_actor(const struct db *db)
{
	return db->actor;
}

void db_set_what(struct db *db, const char *what)
{
	free(db->what);
	db->what = xstrdup(what);
}

void db_set_wait(struct db *db, double seconds, db_wait_fn *fn, void *arg)
{
	db->wait_limit = seconds < 0 ? 0 : seconds;
	db->wait_fn = fn;
	db->wait_arg = arg;
}

enum status db_begin(struct db *db, const char *what, struct error *err)
{
	struct db_stmt *st;

	if (db->depth > 0) {
		if (db_exec(db, "SAVEPOINT nested", err))
			return ST_IO;
		db->depth++;
		return ST_OK;
	}
	if (db->readonly)
		return error_set(err, ST_IO,
				 "%s is open for reading only here; nothing was "
				 "changed",
				 db->path);
	if (begin_write(db, what, err))
		return ST_IO;
	db->depth = 1;
	st = db_prepare(db, "SELECT coalesce(max(edit), 0) + 1 FROM journal");
	db->edit = db_step(st) == 1 ? db_col_int(st, 0) : 1;
	db_reset(st);
	return ST_OK;
}

enum status db_commit(struct db *db, struct error *err)
{
	if (db->depth == 0)
		die("db_commit without db_begin");
	if (db->depth > 1) {
		db->depth--;
		return db_exec(db, "RELEASE nested", err);
	}
	if (end_write(db, "COMMIT") != SQLITE_OK) {
		db_fail(db, err, "saving the edit");
		db_rollback(db);
		return ST_IO;
	}
	db->depth = 0;
	db->edit = 0;
	return ST_OK;
}

void db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	if (db->depth > 1) {
		db->depth--;
		sqlite3_exec(db->h, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
		return;
	}
	for (int i = 0; i < db->ncache; i++)
		sqlite3_reset(db->cache[i].st);
	end_write(db, "ROLLBACK");
	db->depth = 0;
	db->edit = 0;
}

int db_in_edit(const struct db *db)
{
	return db->depth > 0;
}

int64_t db_edit_number(const struct db *db)
{
	return db->edit;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	struct db_stmt *c;

	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql || strcmp(db->cache[i].sql, sql) == 0) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return &db->cache[i];
		}
	}
	if (db->ncache == STMT_CACHE)
		die("statement cache full (%d statements)", STMT_CACHE);
	c = &db->cache[db->ncache];
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->st, NULL) != SQLITE_OK)
		die("bad SQL: %s\n  in: %s", sqlite3_errmsg(db->h), sql);
	c->sql = sql;
	c->db = db;
	db->ncache++;
	return c;
}

void db_bind_int(struct db_stmt *st, int idx, int64_t value)
{
	sqlite3_bind_int64(st->st, idx, value);
}

void db_bind_double(struct db_stmt *st, int idx, double value)
{
	sqlite3_bind_double(st->st, idx, value);
}

void db_bind_text(struct db_stmt *st, int idx, const char *text)
{
	if (text)
		sqlite3_bind_text(st->st, idx, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st->st, idx);
}

void db_bind_null(struct db_stmt *st, int idx)
{
	sqlite3_bind_null(st->st, idx);
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return -1;
}

int db_run(struct db_stmt *st)
{
	int rc = db_step(st);

	sqlite3_reset(st->st);
	return rc < 0 ? -1 : 0;
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->st);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->st, col);
}

double db_col_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st->st, col);

	return t ? (const char *)t : "";
}

int db_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

const char *db_errmsg(struct db *db)
{
	const char *text = plain(db);

	return text ? text : sqlite3_errmsg(db->h);
}

int db_err_is_constraint(struct db *db)
{
	return (sqlite3_errcode(db->h) & 0xff) == SQLITE_CONSTRAINT;
}

int64_t db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

int64_t db_data_version(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "PRAGMA data_version");
	int64_t v = db_step(st) == 1 ? db_col_int(st, 0) : -1;

	db_reset(st);
	return v;
}

int db_integrity_ok(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "PRAGMA integrity_check");
	int ok = db_step(st) == 1 && strcmp(db_col_text(st, 0), "ok") == 0;

	db_reset(st);
	return ok;
}

enum status db_copy(struct db *db, struct db **out, struct error *err)
{
	struct db *copy;
	sqlite3_backup *b;
	enum status st = db_open(":memory:", DB_CREATE, &copy, err);
	int rc;

	if (st)
		return st;
	b = sqlite3_backup_init(copy->h, "main", db->h, "main");
	rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(copy->h);
	if (b)
		sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		st = error_set(err, ST_IO, "%s: cannot read it to plan: %s", db->path,
			       code_text(rc, 0, db->file) ? code_text(rc, 0, db->file)
							  : "SQL error");
		db_close(copy);
		return st;
	}
	free(copy->path);
	copy->path = xstrdup(db->path);
	db_set_actor(copy, db->actor);
	*out = copy;
	return ST_OK;
}
