/* Unit tests: the document's schema, constraints, transactions, journal,
 * refusal of files from a newer convene or another program, new files
 * made whole, and a writer that waits for another. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/model.h"
#include "testutil.h"

static struct db *db;

static void setup(void)
{
	struct error err = { 0 };

	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
}

static void teardown(void)
{
	db_close(db);
}

static int count(const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int n = db_step(st) == 1 ? (int)db_col_int(st, 0) : -1;

	db_reset(st);
	return n;
}

START_TEST(test_schema_version_and_pragmas)
{
	ck_assert_int_eq(count("PRAGMA user_version"), DB_SCHEMA_VERSION);
	ck_assert_int_eq(count("PRAGMA foreign_keys"), 1);
	ck_assert(db_integrity_ok(db));
}

END_TEST

START_TEST(test_check_constraints)
{
	struct error err = { 0 };
	struct room r = { .name = (char *)"Hall", .capacity = 10, .step_free = 1 };

	ck_assert_int_eq(db_exec(db, "INSERT INTO room (name, capacity) VALUES ('X', -1)", &err),
			 ST_IO);
	error_clear(&err);
	ck_assert_int_eq(db_exec(db,
				 "INSERT INTO session (code, title, kind, duration) VALUES "
				 "('A', 'A', 'rave', 30)",
				 &err),
			 ST_IO);
	error_clear(&err);
	ck_assert_int_eq(db_exec(db,
				 "INSERT INTO day (number, date, start_min, end_min) VALUES "
				 "(1, 'tomorrow', 540, 1000)",
				 &err),
			 ST_IO);
	error_clear(&err);
	ck_assert_int_eq(room_put(db, &r, NULL, &err), ST_OK);
	r.capacity = -5;
	ck_assert_int_eq(room_put(db, &r, NULL, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "negative"));
	error_clear(&err);
}

END_TEST

START_TEST(test_foreign_keys)
{
	struct error err = { 0 };

	ck_assert_int_eq(db_exec(db,
				 "INSERT INTO placement (session_id, day_id, start_min, "
				 "room_id) VALUES (99, 99, 600, 99)",
				 &err),
			 ST_IO);
	error_clear(&err);
}

END_TEST

START_TEST(test_edit_is_journalled_and_rolls_back)
{
	struct error err = { 0 };
	struct room r = { .name = (char *)"Cafe Hall", .capacity = 120, .step_free = 1 };
	int64_t id;

	db_set_actor(db, "tester@here");
	ck_assert_int_eq(room_put(db, &r, &id, &err), ST_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM journal WHERE tbl = 'room' AND op = 'insert' "
			       "AND who = 'tester@here' AND json_extract(after, '$.capacity') = 120"),
			 1);
	/* An edit that fails part-way leaves nothing behind. */
	ck_assert_int_eq(db_begin(db, "two rooms", &err), ST_OK);
	r.name = (char *)"Room 2";
	ck_assert_int_eq(room_put(db, &r, NULL, &err), ST_OK);
	db_rollback(db);
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM journal"), 1);
	/* An update records before and after. */
	r.name = (char *)"Cafe Hall";
	r.capacity = 100;
	ck_assert_int_eq(room_put(db, &r, NULL, &err), ST_OK);
	ck_assert_int_eq(count("SELECT json_extract(before, '$.capacity') FROM journal WHERE "
			       "op = 'update'"),
			 120);
	ck_assert_int_eq(count("SELECT max(edit) FROM journal"), 2);
}

END_TEST

START_TEST(test_newer_file_refused_untouched)
{
	char path[] = "/tmp/convene-db-XXXXXX";
	int fd = mkstemp(path);
	struct error err = { 0 };
	struct db *d;
	FILE *f;
	char before[64] = "", after[64] = "";
	char *cmd;

	close(fd);
	unlink(path);
	ck_assert_int_eq(db_open(path, DB_CREATE, &d, &err), ST_OK);
	ck_assert_int_eq(db_exec(d, "PRAGMA user_version = 99", &err), ST_OK);
	db_close(d);
	cmd = xasprintf("sha1sum < %s", path);
	f = popen(cmd, "r");
	ck_assert(fgets(before, sizeof(before), f) != NULL);
	pclose(f);
	ck_assert_int_eq(db_open(path, 0, &d, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer convene"));
	error_clear(&err);
	f = popen(cmd, "r");
	ck_assert(fgets(after, sizeof(after), f) != NULL);
	pclose(f);
	ck_assert_str_eq(before, after);
	free(cmd);
	unlink(path);
	cmd = xasprintf("%s-wal", path);
	unlink(cmd);
	free(cmd);
	cmd = xasprintf("%s-shm", path);
	unlink(cmd);
	free(cmd);
}

END_TEST

START_TEST(test_not_a_database)
{
	char path[] = "/tmp/convene-junk-XXXXXX";
	int fd = mkstemp(path);
	struct error err = { 0 };
	struct db *d;

	ck_assert(write(fd, "this is a CSV file, not a conference\n", 37) == 37);
	close(fd);
	ck_assert_int_eq(db_open(path, 0, &d, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a convene file"));
	error_clear(&err);
	unlink(path);
}

END_TEST

START_TEST(test_snapshot)
{
	struct error err = { 0 };
	struct room r = { .name = (char *)"Main Hall",
			  .capacity = 400,
			  .step_free = 1,
			  .features = (char *)"projector;hearing_loop" };
	struct session s = { .code = (char *)"K1",
			     .title = (char *)"Opening keynote",
			     .kind = KIND_KEYNOTE,
			     .duration = 45,
			     .capacity = -1 };
	struct speaker sp = { .name = (char *)"Siân Ó Briain",
			      .title = (char *)"Dr",
			      .honours = (char *)"OBE",
			      .email = (char *)"sian@example.org" };
	int64_t room, sess, spk, day;
	struct conf c;
	char *full;

	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 510, 1050, &err), ST_OK);
	ck_assert_int_eq(room_put(db, &r, &room, &err), ST_OK);
	ck_assert_int_eq(session_put(db, &s, &sess, &err), ST_OK);
	ck_assert_int_eq(speaker_put(db, &sp, &spk, &err), ST_OK);
	ck_assert_int_eq(session_speaker_add(db, sess, spk, &err), ST_OK);
	day = day_id(db, 1);
	ck_assert_int_eq(placement_set(db, sess, day, 570, room, &err), ST_OK);
	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	ck_assert_int_eq(c.nsessions, 1);
	ck_assert_int_eq(c.sessions[0].day, 0);
	ck_assert_int_eq(c.sessions[0].start, 570);
	ck_assert_int_eq(c.sessions[0].room, 0);
	ck_assert_int_eq(c.sessions[0].nspeakers, 1);
	full = speaker_full_name(&c.speakers[0]);
	ck_assert_str_eq(full, "Dr Siân Ó Briain OBE");
	free(full);
	ck_assert(tags_have(c.rooms[0].features, "hearing_loop"));
	ck_assert(!tags_have(c.rooms[0].features, "hearing"));
	conf_done(&c);
}

END_TEST

/* A fresh file path in /tmp, and its clean-up with what SQLite makes. */
static char *temp_path(void)
{
	char tmpl[] = "/tmp/convene-db-XXXXXX";
	int fd = mkstemp(tmpl);

	close(fd);
	unlink(tmpl);
	return xstrdup(tmpl);
}

static void remove_all(const char *path)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-writer" };

	for (size_t i = 0; i < ARRAY_SIZE(tails); i++) {
		char *p = xasprintf("%s%s", path, tails[i]);

		unlink(p);
		free(p);
	}
}

static char *sha1_of(const char *path)
{
	char *cmd = xasprintf("sha1sum < %s", path), buf[64] = "";
	FILE *f = popen(cmd, "r");

	ck_assert(fgets(buf, sizeof(buf), f) != NULL);
	pclose(f);
	free(cmd);
	return xstrdup(buf);
}

static void exec_on(const char *path, const char *sql)
{
	struct error err = { 0 };
	struct db *d;

	ck_assert_int_eq(db_open(path, DB_CREATE, &d, &err), ST_OK);
	ck_assert_int_eq(db_exec(d, sql, &err), ST_OK);
	db_close(d);
}

/* Another program's SQLite file is refused before anything is written. */
START_TEST(test_other_sqlite_file_refused_unchanged)
{
	static const char *const marks[] = { "PRAGMA application_id = 42",
					     "PRAGMA application_id = 0; PRAGMA user_version = 7" };
	struct error err = { 0 };
	struct db *d;

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		char *path = temp_path(), *before, *after, *wal = xasprintf("%s-wal", path);

		exec_on(path, marks[i]);
		before = sha1_of(path);
		ck_assert_int_eq(db_open(path, DB_CREATE, &d, &err), ST_INPUT);
		ck_assert_ptr_nonnull(strstr(err.msg, "is an SQLite file but not a convene file; "
						      "it was not changed"));
		error_clear(&err);
		ck_assert_int_eq(db_open(path, DB_READONLY, &d, &err), ST_INPUT);
		error_clear(&err);
		after = sha1_of(path);
		ck_assert_str_eq(before, after);
		ck_assert_int_ne(access(wal, F_OK), 0);
		remove_all(path);
		free(path);
		free(wal);
		free(before);
		free(after);
	}
}

END_TEST

/* A file of format 2 (before application_id) is brought up to date. */
START_TEST(test_old_file_migrated)
{
	struct error err = { 0 };
	struct room r = { .name = (char *)"Hall", .capacity = 10, .step_free = 1 };
	char *path = temp_path();
	struct db_stmt *st;
	struct db *d;
	struct str drop;

	str_init(&drop);
	ck_assert_int_eq(db_open(path, DB_CREATE, &d, &err), ST_OK);
	ck_assert_int_eq(room_put(d, &r, NULL, &err), ST_OK);
	st = db_prepare(d, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND "
			   "name GLOB 'journal_*' AND tbl_name IN ('session_speaker', 'preference', "
			   "'keep_apart', 'attendance', 'cafe_seat', 'carousel_visit', 'event', "
			   "'session', 'delegate')");
	while (db_step(st) == 1)
		str_catf(&drop, "DROP TRIGGER %s;", db_col_text(st, 0));
	db_reset(st);
	/* What versions 3 to 6 added goes, and days end by midnight again. */
	str_cat(&drop, "DROP INDEX journal_by_rkey; ALTER TABLE journal DROP COLUMN rkey; "
		       "DROP INDEX delegate_by_ticket; ALTER TABLE event DROP COLUMN uuid; "
		       "ALTER TABLE session DROP COLUMN abstract; ALTER TABLE session DROP COLUMN "
		       "subtitle; ALTER TABLE session DROP COLUMN language; ALTER TABLE session "
		       "DROP COLUMN frab_type; ALTER TABLE session DROP COLUMN guid; ALTER TABLE "
		       "delegate DROP COLUMN diet; ALTER TABLE delegate DROP COLUMN ticket; "
		       "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
		       "'BETWEEN 0 AND 2880', 'BETWEEN 0 AND 1440') WHERE type = 'table'; "
		       "PRAGMA writable_schema = RESET; "
		       "DROP TABLE session_minimum; DROP TABLE cancelled; DROP TABLE must_have; "
		       "DROP TABLE lottery; DROP TABLE withdrawn; ALTER TABLE attendance DROP "
		       "COLUMN pinned; PRAGMA application_id = 0; "
		       "PRAGMA user_version = 2");
	ck_assert_int_eq(db_exec(d, drop.buf, &err), ST_OK);
	ck_assert_int_eq(db_exec(d,
				 "INSERT INTO day (number, date, start_min, end_min) VALUES "
				 "(1, '2027-03-11', 600, 1800)",
				 &err),
			 ST_IO);
	error_clear(&err);
	db_close(d);
	ck_assert_msg(db_open(path, 0, &d, &err) == ST_OK, "%s", err.msg);
	/* A day may now run past midnight, and the conference has its UUID. */
	ck_assert_int_eq(day_set(d, 1, "2027-03-11", 600, 1800, &err), ST_OK);
	ck_assert_int_eq(db_exec(d, "SELECT 1 FROM event WHERE length(uuid) = 36", &err), ST_OK);
	db_close(d);
	ck_assert_int_eq(db_open(path, DB_READONLY, &d, &err), ST_OK);
	db_close(db);
	db = d;
	ck_assert_int_eq(count("PRAGMA user_version"), DB_SCHEMA_VERSION);
	ck_assert_int_eq(count("PRAGMA application_id"), DB_APPLICATION_ID);
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM event WHERE uuid GLOB "
			       "'[0-9a-f]*-*-4*-[89ab]*-*' AND length(uuid) = 36"),
			 1);
	ck_assert_int_eq(count("SELECT end_min FROM day WHERE number = 1"), 1800);
	ck_assert(db_readonly(db));
	ck_assert_int_eq(db_begin(db, "try", &err), ST_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "reading only"));
	error_clear(&err);
	str_done(&drop);
	remove_all(path);
	free(path);
}

END_TEST

/* A file of format 4 gains the tables of fair allocation, and one of
 * format 5 the table of withdrawals, and both the mark of places set by
 * hand: each with its three journal triggers, so that what is written
 * there is undone like any other edit. */
START_TEST(test_formats_4_and_5_migrated)
{
	static const struct {
		int version;
		const char *tables[6];
	} old[] = {
		{ 4, { "session_minimum", "cancelled", "must_have", "lottery", "withdrawn" } },
		{ 5, { "withdrawn" } },
	};

	for (size_t v = 0; v < ARRAY_SIZE(old); v++) {
		struct error err = { 0 };
		char *path = temp_path();
		struct db *d;
		struct str drop;

		str_init(&drop);
		for (int t = 0; old[v].tables[t]; t++)
			str_catf(&drop, "DROP TABLE %s;", old[v].tables[t]);
		/* and the places set by hand */
		str_cat(&drop, "DROP TRIGGER journal_attendance_insert; DROP TRIGGER "
			       "journal_attendance_update; DROP TRIGGER journal_attendance_delete; "
			       "ALTER TABLE attendance DROP COLUMN pinned;");
		str_catf(&drop, "PRAGMA user_version = %d", old[v].version);
		ck_assert_int_eq(db_open(path, DB_CREATE, &d, &err), ST_OK);
		ck_assert_int_eq(db_exec(d, drop.buf, &err), ST_OK);
		db_close(d);
		ck_assert_int_eq(db_open(path, 0, &d, &err), ST_OK);
		db_close(db);
		db = d;
		ck_assert_int_eq(count("PRAGMA user_version"), DB_SCHEMA_VERSION);
		for (int t = 0; old[v].tables[t]; t++) {
			struct db_stmt *st = db_prepare(
				db,
				"SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
				"AND name = ?1), (SELECT count(*) FROM sqlite_schema WHERE type = "
				"'trigger' AND tbl_name = ?1)");

			db_bind_text(st, 1, old[v].tables[t]);
			ck_assert_int_eq(db_step(st), 1);
			ck_assert_msg(db_col_int(st, 0) == 1 && db_col_int(st, 1) == 3,
				      "format %d: %s", old[v].version, old[v].tables[t]);
			db_reset(st);
		}
		ck_assert_int_eq(count("SELECT count(*) FROM pragma_table_info('attendance') WHERE "
				       "name = 'pinned'"),
				 1);
		ck_assert_int_eq(count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
				       "AND tbl_name = 'attendance' AND sql LIKE '%pinned%'"),
				 3);
		str_done(&drop);
		remove_all(path);
		free(path);
	}
}

END_TEST

static enum status fill_fails(struct db *d, void *arg, struct error *err)
{
	struct room r = { .name = (char *)"Hall", .capacity = 10, .step_free = 1 };

	*(int *)arg += 1;
	room_put(d, &r, NULL, err);
	return error_set(err, ST_INPUT, "no such sample");
}

/* A new file appears whole or not at all, with nothing left beside it. */
START_TEST(test_create_is_whole)
{
	char dir[] = "/tmp/convene-create-XXXXXX", *path, *cmd;
	struct error err = { 0 };
	int calls = 0;
	FILE *f;
	char line[256];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/new.convene", dir);
	ck_assert_int_eq(db_create(path, fill_fails, &calls, &err), ST_INPUT);
	ck_assert_int_eq(calls, 1);
	error_clear(&err);
	cmd = xasprintf("ls -A %s", dir);
	f = popen(cmd, "r");
	ck_assert(fgets(line, sizeof(line), f) == NULL); /* nothing at all */
	pclose(f);
	ck_assert_int_eq(db_create(path, NULL, NULL, &err), ST_OK);
	f = popen(cmd, "r");
	ck_assert(fgets(line, sizeof(line), f) != NULL);
	ck_assert_str_eq(line, "new.convene\n");
	ck_assert(fgets(line, sizeof(line), f) == NULL);
	pclose(f);
	ck_assert_int_eq(db_create(path, NULL, NULL, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "already exists"));
	error_clear(&err);
	remove_all(path);
	rmdir(dir);
	free(cmd);
	free(path);
}

END_TEST

struct told {
	int first, done, calls;
	char holder[128];
};

static void on_wait(void *arg, const struct db_wait *w)
{
	struct told *t = arg;

	t->calls++;
	t->first += w->first;
	t->done += w->done;
	if (w->holder)
		snprintf(t->holder, sizeof(t->holder), "%s", w->holder);
}

/* A child holds the file for a while as another organiser would. */
static pid_t hold(const char *path, int ms)
{
	int ready[2];
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(ready), 0);
	if ((pid = fork()) == 0) {
		struct error err = { 0 };
		struct db *d;

		if (db_open(path, 0, &d, &err))
			_exit(1);
		db_set_actor(d, "alice@laptop");
		if (db_begin(d, "plan the programme", &err) || write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep((useconds_t)ms * 1000);
		db_commit(d, &err);
		db_close(d);
		_exit(0);
	}
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	close(ready[0]);
	close(ready[1]);
	return pid;
}

/* A writer waits for another, naming them, then goes on or gives up. */
START_TEST(test_wait_names_the_writer)
{
	char *path = temp_path();
	struct error err = { 0 };
	struct told t = { 0 };
	struct db *d;
	pid_t pid;

	exec_on(path, "SELECT 1");
	ck_assert_int_eq(db_open(path, 0, &d, &err), ST_OK);
	db_set_wait(d, 10, on_wait, &t);
	pid = hold(path, 800);
	ck_assert_int_eq(db_begin(d, "move a session", &err), ST_OK);
	db_rollback(d);
	waitpid(pid, NULL, 0);
	ck_assert_str_eq(t.holder, "alice@laptop (plan the programme)");
	ck_assert_int_eq(t.first, 1);
	ck_assert_int_eq(t.done, 1);
	db_set_wait(d, 1, NULL, NULL);
	pid = hold(path, 1400);
	ck_assert_int_eq(db_begin(d, "move a session", &err), ST_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, ": still in use by alice@laptop (plan the "
					      "programme) after 1 s; nothing was written"));
	error_clear(&err);
	waitpid(pid, NULL, 0);
	db_close(d);
	remove_all(path);
	free(path);
}

END_TEST

static Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_schema_version_and_pragmas);
	tcase_add_test(tc, test_check_constraints);
	tcase_add_test(tc, test_foreign_keys);
	tcase_add_test(tc, test_edit_is_journalled_and_rolls_back);
	tcase_add_test(tc, test_newer_file_refused_untouched);
	tcase_add_test(tc, test_not_a_database);
	tcase_add_test(tc, test_snapshot);
	tcase_add_test(tc, test_other_sqlite_file_refused_unchanged);
	tcase_add_test(tc, test_old_file_migrated);
	tcase_add_test(tc, test_formats_4_and_5_migrated);
	tcase_add_test(tc, test_create_is_whole);
	tcase_add_test(tc, test_wait_names_the_writer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(db_suite());
}
