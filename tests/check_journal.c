/* Unit tests: undo and redo from the journal, of an insert, an update, a
 * delete with cascades, a multi-row import, across a reopening of the file,
 * and the redo stack's rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/import.h"
#include "convene/journal.h"
#include "convene/model.h"
#include "convene/sample.h"
#include "testutil.h"

static struct db *db;
static char dir[] = "/tmp/check_journal.XXXXXX";
static char *path;

static void setup(void)
{
	struct error err = { 0 };

	ck_assert_ptr_nonnull(mkdtemp(strcpy(dir, "/tmp/check_journal.XXXXXX")));
	path = xasprintf("%s/j.convene", dir);
	ck_assert_int_eq(db_open(path, DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 510, 1050, &err), ST_OK);
}

static void teardown(void)
{
	char *p;

	db_close(db);
	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
	rmdir(dir);
	free(path);
}

static int64_t count(const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t n = db_step(st) == 1 ? db_col_int(st, 0) : -1;

	db_reset(st);
	return n;
}

static int64_t add_room(const char *name, int capacity)
{
	struct room r = { .name = (char *)name,
			  .capacity = capacity,
			  .step_free = 1,
			  .features = (char *)"projector" };
	struct error err = { 0 };
	int64_t id = 0;

	ck_assert_int_eq(room_put(db, &r, &id, &err), ST_OK);
	return id;
}

static int room_capacity(int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT capacity FROM room WHERE id = ?1");
	int cap = -1;

	db_bind_int(st, 1, id);
	if (db_step(st) == 1)
		cap = (int)db_col_int(st, 0);
	db_reset(st);
	return cap;
}

static void undo_ok(void)
{
	struct error err = { 0 };

	ck_assert_msg(journal_undo(db, 0, 0, NULL, &err) == ST_OK, "undo: %s", err.msg);
}

static void redo_ok(void)
{
	struct error err = { 0 };

	ck_assert_msg(journal_redo(db, 0, 0, NULL, &err) == ST_OK, "redo: %s", err.msg);
}

START_TEST(undo_insert)
{
	int64_t id = add_room("Zoë's Room", 40);

	ck_assert_int_eq(count("SELECT count(*) FROM room"), 1);
	undo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 0);
	redo_ok();
	ck_assert_int_eq(room_capacity(id), 40);
	ck_assert_int_eq(count("SELECT count(*) FROM room WHERE name = 'Zoë''s Room'"), 1);
}

END_TEST

START_TEST(undo_update)
{
	int64_t id = add_room("Hall", 100);
	struct journal_next n;
	struct error err = { 0 };

	add_room("Hall", 250);
	ck_assert_int_eq(room_capacity(id), 250);
	ck_assert_int_eq(journal_next(db, 0, &n, &err), ST_OK);
	ck_assert_str_eq(n.undo_what, "set a room");
	ck_assert_int_eq(n.redo_edit, 0);
	journal_next_done(&n);
	undo_ok();
	ck_assert_int_eq(room_capacity(id), 100);
	ck_assert_int_eq(journal_next(db, 0, &n, &err), ST_OK);
	ck_assert_int_ne(n.redo_edit, 0);
	ck_assert_str_eq(n.redo_what, "set a room");
	journal_next_done(&n);
	redo_ok();
	ck_assert_int_eq(room_capacity(id), 250);
}

END_TEST

START_TEST(undo_delete_with_cascade)
{
	int64_t id = add_room("Studio", 60);
	int64_t day = day_id(db, 1);
	struct error err = { 0 };

	ck_assert_int_eq(room_unavailable_add(db, id, day, 600, 660, &err), ST_OK);
	ck_assert_int_eq(room_delete(db, id, &err), ST_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM room_unavailable"), 0);
	undo_ok();
	ck_assert_int_eq(room_capacity(id), 60);
	ck_assert_int_eq(count("SELECT count(*) FROM room_unavailable WHERE start_min = 600"), 1);
	redo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM room_unavailable"), 0);
}

END_TEST

START_TEST(undo_import)
{
	struct error err = { 0 };
	char *sample = sample_dir();
	int64_t sessions, delegates, prefs, links;

	ck_assert_ptr_nonnull(sample);
	/* Building the sample is one edit of thousands of rows across tables. */
	ck_assert_msg(sample_build(db, sample, &err) == ST_OK, "%s", err.msg);
	free(sample);
	sessions = count("SELECT count(*) FROM session");
	delegates = count("SELECT count(*) FROM delegate");
	prefs = count("SELECT count(*) FROM preference");
	links = count("SELECT count(*) FROM session_speaker");
	ck_assert_int_gt(sessions, 10);
	ck_assert_int_gt(prefs, 10);
	undo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM session"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM placement"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM day"), 1);
	redo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM session"), sessions);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate"), delegates);
	ck_assert_int_eq(count("SELECT count(*) FROM preference"), prefs);
	ck_assert_int_eq(count("SELECT count(*) FROM session_speaker"), links);
	ck_assert_int_eq(count("PRAGMA foreign_key_check"), -1);
	ck_assert(db_integrity_ok(db));
}

END_TEST

START_TEST(undo_after_reopen)
{
	struct error err = { 0 };
	int64_t id = add_room("Library", 30);

	add_room("Library", 35);
	db_close(db);
	ck_assert_int_eq(db_open(path, 0, &db, &err), ST_OK);
	undo_ok();
	ck_assert_int_eq(room_capacity(id), 30);
	db_close(db);
	ck_assert_int_eq(db_open(path, 0, &db, &err), ST_OK);
	redo_ok();
	ck_assert_int_eq(room_capacity(id), 35);
	undo_ok();
	undo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 0);
}

END_TEST

START_TEST(redo_rules)
{
	struct error err = { 0 };
	int64_t a = add_room("A", 10);

	add_room("A", 20);
	add_room("A", 30);
	undo_ok();
	undo_ok();
	ck_assert_int_eq(room_capacity(a), 10);
	redo_ok();
	ck_assert_int_eq(room_capacity(a), 20);
	/* Undoing a redo takes it back again. */
	undo_ok();
	ck_assert_int_eq(room_capacity(a), 10);
	redo_ok();
	redo_ok();
	ck_assert_int_eq(room_capacity(a), 30);
	ck_assert_int_eq(journal_redo(db, 0, 0, NULL, &err), ST_INPUT);
	ck_assert_str_eq(err.msg, "nothing of yours to redo");
	/* A new edit after an undo ends the redo stack. */
	undo_ok();
	add_room("B", 5);
	ck_assert_int_eq(journal_redo(db, 0, 0, NULL, &err), ST_INPUT);
	/* Undo everything, down to the first day, then nothing is left. */
	while (journal_undo(db, 0, 0, NULL, &err) == ST_OK)
		;
	ck_assert_str_eq(err.msg, "nothing of yours to undo");
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM day"), 0);
	error_clear(&err);
}

END_TEST

/* The history names each edit's state as undo and redo see it. */
START_TEST(history_states)
{
	struct journal_entry *v;
	struct error err = { 0 };
	int n;

	add_room("A", 10); /* edit 2 (the day is edit 1) */
	add_room("A", 20); /* 3 */
	add_room("A", 30); /* 4 */
	undo_ok();         /* 5 undoes 4 */
	undo_ok();         /* 6 undoes 3 */
	redo_ok();         /* 7 redoes 3 */
	ck_assert_int_eq(journal_history(db, 100, &v, &n, &err), ST_OK);
	ck_assert_int_eq(n, 7);
	ck_assert_int_eq(v[0].edit, 7); /* newest first */
	ck_assert_int_eq(v[0].state, JOURNAL_REPLAY);
	ck_assert(v[0].redo);
	ck_assert_int_eq(v[0].of, 3);
	ck_assert_int_eq(v[1].state, JOURNAL_REPLAY);
	ck_assert(!v[1].redo);
	ck_assert_int_eq(v[1].of, 3);
	ck_assert_int_eq(v[3].edit, 4);
	ck_assert_int_eq(v[3].state, JOURNAL_UNDONE); /* redo would bring it back */
	ck_assert_int_eq(v[3].by, 5);
	ck_assert_int_eq(v[4].edit, 3);
	ck_assert_int_eq(v[4].state, JOURNAL_REDONE);
	ck_assert_int_eq(v[4].by, 7);
	ck_assert_int_eq(v[5].state, JOURNAL_DONE);
	ck_assert_int_eq(v[5].rows, 1);
	ck_assert_str_eq(v[5].what, "set a room");
	journal_history_done(v, n);
	/* A new edit ends the redo stack: edit 4 can no longer come back. */
	add_room("B", 5);
	ck_assert_int_eq(journal_history(db, 3, &v, &n, &err), ST_OK);
	ck_assert_int_eq(n, 3); /* the limit holds */
	journal_history_done(v, n);
	ck_assert_int_eq(journal_history(db, 100, &v, &n, &err), ST_OK);
	ck_assert_int_eq(v[4].edit, 4);
	ck_assert_int_eq(v[4].state, JOURNAL_GONE);
	journal_history_done(v, n);
}

END_TEST

START_TEST(undo_placement_and_speakers)
{
	struct error err = { 0 };
	int64_t room = add_room("Hall", 100), day = day_id(db, 1), se, sp;
	struct session s = { .code = (char *)"T1",
			     .title = (char *)"Talk",
			     .kind = KIND_TALK,
			     .duration = 60,
			     .capacity = -1 };
	struct speaker p = { .name = (char *)"Siân Jones", .email = (char *)"sian@x.example" };

	ck_assert_int_eq(session_put(db, &s, &se, &err), ST_OK);
	ck_assert_int_eq(speaker_put(db, &p, &sp, &err), ST_OK);
	ck_assert_int_eq(session_speaker_add(db, se, sp, &err), ST_OK);
	ck_assert_int_eq(placement_set(db, se, day, 600, room, &err), ST_OK);
	ck_assert_int_eq(placement_set(db, se, day, 660, room, &err), ST_OK);
	undo_ok();
	ck_assert_int_eq(count("SELECT start_min FROM placement"), 600);
	undo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM placement"), 0);
	undo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM session_speaker"), 0);
	redo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM session_speaker"), 1);
}

END_TEST

/* What version 4 added is journalled: undo restores it. */
START_TEST(undo_diet_ticket_and_abstract)
{
	struct delegate d = { .first_name = (char *)"Ann",
			      .last_name = (char *)"Lee",
			      .email = (char *)"ann@x.example",
			      .diet = (char *)"Vegan",
			      .ticket = (char *)"T-1" };
	struct session s = { .code = (char *)"K1",
			     .title = (char *)"Opening",
			     .kind = KIND_KEYNOTE,
			     .duration = 30,
			     .capacity = -1,
			     .abstract = (char *)"Short",
			     .guid = (char *)"g-1" };
	struct error err = { 0 };

	ck_assert_int_eq(delegate_put(db, &d, 0, NULL, NULL, NULL, &err), ST_OK);
	ck_assert_int_eq(session_put(db, &s, NULL, &err), ST_OK);
	ck_assert_int_eq(db_begin(db, "change both", &err), ST_OK);
	d.diet = (char *)"Halal";
	d.ticket = NULL; /* kept */
	s.abstract = (char *)"Longer";
	s.guid = NULL;
	ck_assert_int_eq(delegate_put(db, &d, 0, NULL, NULL, NULL, &err), ST_OK);
	ck_assert_int_eq(session_put(db, &s, NULL, &err), ST_OK);
	ck_assert_int_eq(db_commit(db, &err), ST_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate WHERE diet = 'Halal' AND "
			       "ticket = 'T-1'"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM session WHERE abstract = 'Longer' AND "
			       "guid = 'g-1'"),
			 1);
	undo_ok();
	ck_assert_int_eq(count("SELECT count(*) FROM delegate WHERE diet = 'Vegan'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM session WHERE abstract = 'Short'"), 1);
}

END_TEST

/* Every column of a journalled table is recorded by its triggers, and so
 * put back by undo: a column added to the schema and not to the journal
 * would be lost on undo. The event's uuid is set once and never edited. */
START_TEST(every_column_journalled)
{
	size_t n;
	const struct db_journalled *j = db_journalled_tables(&n);
	struct db_stmt *st;

	ck_assert_int_ge(n, 20);
	for (size_t i = 0; i < n; i++) {
		int cols = 0;

		st = db_prepare(db, "SELECT name FROM pragma_table_info(?1)");
		db_bind_text(st, 1, j[i].table);
		while (db_step(st) == 1) {
			const char *c = db_col_text(st, 0);
			char *padded = xasprintf(" %s %s ", j[i].key ? j[i].key : "", j[i].columns);
			char *word = xasprintf(" %s ", c);

			cols++;
			ck_assert_msg(strstr(padded, word) || (strcmp(j[i].table, "event") == 0 &&
							       strcmp(c, "uuid") == 0),
				      "%s.%s is not journalled", j[i].table, c);
			free(padded);
			free(word);
		}
		db_reset(st);
		ck_assert_msg(cols > 0, "journalled table %s is not in the schema", j[i].table);
	}
}

END_TEST

static Suite *journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("undo");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, undo_insert);
	tcase_add_test(tc, undo_update);
	tcase_add_test(tc, undo_delete_with_cascade);
	tcase_add_test(tc, undo_import);
	tcase_add_test(tc, undo_after_reopen);
	tcase_add_test(tc, redo_rules);
	tcase_add_test(tc, undo_placement_and_speakers);
	tcase_add_test(tc, undo_diet_ticket_and_abstract);
	tcase_add_test(tc, history_states);
	tcase_add_test(tc, every_column_journalled);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(journal_suite());
}
