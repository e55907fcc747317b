/* Unit tests: what changed for whom, on the sample conference with its
 * breakouts allocated, carousels rotated and cafes seated. Each test checks
 * the delegates changes_between names against an independent SQL query
 * over the file, and that the file as of an old edit reads exactly as it
 * did then. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/asof.h"
#include "convene/changes.h"
#include "convene/db.h"
#include "convene/journal.h"
#include "convene/model.h"
#include "convene/plan.h"
#include "convene/print.h"
#include "convene/sample.h"
#include "testutil.h"

static char base[] = "/tmp/convene-check-changes-XXXXXX";
static char *work;
static struct db *db;

static void ok(enum status st, struct error *err)
{
	ck_assert_msg(st == ST_OK, "%s", err->msg ? err->msg : "failed");
}

static void remove_db(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

/* The sample, solved but for the placement (which it has), built once. */
static void build_base(void)
{
	struct plan_options opt = { .seed = 1, .time_limit = 2 };
	struct error err = { 0 };
	struct plan_log log;
	char *dir = sample_dir();
	int fd = mkstemp(base);

	if (fd < 0 || !dir)
		abort();
	close(fd);
	plan_log_init(&log);
	if (db_open(base, DB_CREATE, &db, &err) || sample_build(db, dir, &err) ||
	    plan_breakouts(db, &opt, &log, &err) || plan_carousel(db, NULL, &opt, &log, &err) ||
	    plan_cafe(db, NULL, &opt, &log, &err)) {
		fprintf(stderr, "building the sample: %s\n", err.msg ? err.msg : "failed");
		abort();
	}
	plan_log_done(&log);
	db_close(db);
	free(dir);
	work = xasprintf("%s.work", base);
}

static void drop_base(void)
{
	remove_db(base);
	free(work);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	ck_assert(in && out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

static void setup(void)
{
	struct error err = { 0 };

	remove_db(work);
	copy_file(base, work);
	ok(db_open(work, 0, &db, &err), &err);
}

static void teardown(void)
{
	db_close(db);
	remove_db(work);
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The ids a query returns (one bound integer), sorted. */
static int sql_ids(const char *sql, int64_t arg, int64_t **out)
{
	struct db_stmt *st = db_prepare(db, sql);
	int n = 0;

	*out = NULL;
	db_bind_int(st, 1, arg);
	while (db_step(st) == 1) {
		*out = xreallocarray(*out, (size_t)n + 1, sizeof(int64_t));
		(*out)[n++] = db_col_int(st, 0);
	}
	db_reset(st);
	if (n > 1)
		qsort(*out, (size_t)n, sizeof(int64_t), by_id);
	return n;
}

static int affected_ids(const struct changes *ch, int64_t **out)
{
	*out = xcalloc((size_t)ch->n + 1, sizeof(int64_t));
	for (int i = 0; i < ch->n; i++)
		(*out)[i] = changes_delegate_id(ch, i);
	qsort(*out, (size_t)ch->n, sizeof(int64_t), by_id);
	return ch->n;
}

/* changes_between(from, to) names exactly the delegates want lists. */
static void expect_affected(int64_t from, int64_t to, const int64_t *want, int nwant)
{
	struct changes ch;
	struct error err = { 0 };
	int64_t *got;
	int n;

	ok(changes_between(db, from, to, &ch, &err), &err);
	n = affected_ids(&ch, &got);
	ck_assert_int_eq(n, nwant);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(got[i], want[i]);
	free(got);
	changes_done(&ch);
}

/* Move a session to another room at the same time, in one edit. */
static void move_room(int64_t session, int64_t room)
{
	struct db_stmt *st = db_prepare(db, "SELECT day_id, start_min FROM placement WHERE "
					    "session_id = ?1");
	struct error err = { 0 };
	int64_t day;
	int start;

	db_bind_int(st, 1, session);
	ck_assert_int_eq(db_step(st), 1);
	day = db_col_int(st, 0);
	start = (int)db_col_int(st, 1);
	db_reset(st);
	ok(db_begin(db, "move a session", &err), &err);
	ok(placement_set(db, session, day, start, room, &err), &err);
	ok(db_commit(db, &err), &err);
}

static int64_t room_of(int64_t session)
{
	struct db_stmt *st = db_prepare(db, "SELECT room_id FROM placement WHERE session_id = ?1");
	int64_t r;

	db_bind_int(st, 1, session);
	ck_assert_int_eq(db_step(st), 1);
	r = db_col_int(st, 0);
	db_reset(st);
	return r;
}

static int64_t other_room(int64_t room)
{
	struct db_stmt *st = db_prepare(db, "SELECT max(id) FROM room WHERE id <> ?1");
	int64_t r;

	db_bind_int(st, 1, room);
	ck_assert_int_eq(db_step(st), 1);
	r = db_col_int(st, 0);
	db_reset(st);
	return r;
}

/* The breakout with the most delegates allocated to it. */
static int64_t busiest_breakout(void)
{
	int64_t *ids, s;
	int n = sql_ids("SELECT session_id FROM attendance WHERE ?1 = 0 GROUP BY session_id "
			"ORDER BY count(*) DESC LIMIT 1",
			0, &ids);

	ck_assert_int_eq(n, 1);
	s = ids[0];
	free(ids);
	return s;
}

static void print_everyone(void)
{
	struct error err = { 0 };
	struct conf c;
	int *all;

	ok(conf_load(db, &c, &err), &err);
	all = xcalloc((size_t)c.ndelegates + 1, sizeof(int));
	for (int i = 0; i < c.ndelegates; i++)
		all[i] = i;
	ok(print_record(db, &c, all, c.ndelegates, "text", &err), &err);
	free(all);
	conf_done(&c);
}

START_TEST(test_print_changes_nobody)
{
	int64_t e0 = asof_last_edit(db);
	struct onday_report rep;
	struct error err = { 0 };

	print_everyone();
	ck_assert_int_gt(asof_last_edit(db), e0);
	expect_affected(e0, -1, NULL, 0);
	onday_report_init(&rep);
	ok(changes_list(db, e0, &rep, &err), &err);
	ck_assert_int_eq(rep.affected, 0);
	ck_assert_int_eq(json_array_size(json_object_get(rep.json, "edits")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(rep.json, "last_edit")),
			 asof_last_edit(db));
	onday_report_done(&rep);
}

END_TEST

START_TEST(test_move_changes_those_due)
{
	int64_t s = busiest_breakout(), e0 = asof_last_edit(db), *want;
	int n = sql_ids("SELECT delegate_id FROM attendance WHERE session_id = ?1", s, &want);
	struct changes ch;
	struct error err = { 0 };

	ck_assert_int_gt(n, 0);
	move_room(s, other_room(room_of(s)));
	expect_affected(e0, -1, want, n);
	/* What the edit alone did, as the on-the-day commands ask. */
	expect_affected(e0, e0 + 1, want, n);
	ok(changes_between(db, e0, -1, &ch, &err), &err);
	for (int i = 0; i < ch.n; i++) {
		ck_assert_int_eq(ch.v[i].n, 1);
		ck_assert_int_eq(ch.v[i].v[0].kind, CHANGE_MOVED);
		ck_assert_int_eq(ch.c[1].sessions[ch.v[i].v[0].after.session].id, s);
	}
	changes_done(&ch);
	free(want);
}

END_TEST

START_TEST(test_move_keynote_changes_those_there_that_day)
{
	int64_t *k, *want, e0 = asof_last_edit(db);
	int n;

	ck_assert_int_eq(sql_ids("SELECT id FROM session WHERE kind = 'keynote' AND ?1 = 0 "
				 "ORDER BY id LIMIT 1",
				 0, &k),
			 1);
	n = sql_ids("SELECT d.id FROM delegate d, placement p JOIN day ON day.id = p.day_id "
		    "WHERE p.session_id = ?1 AND (d.days = 0 OR (d.days >> (day.number - 1)) & 1)",
		    k[0], &want);
	ck_assert_int_gt(n, 100);
	move_room(k[0], other_room(room_of(k[0])));
	expect_affected(e0, -1, want, n);
	free(want);
	free(k);
}

END_TEST

START_TEST(test_move_and_back_is_no_change)
{
	int64_t s = busiest_breakout(), r = room_of(s), e0 = asof_last_edit(db), *want;
	int n = sql_ids("SELECT delegate_id FROM attendance WHERE session_id = ?1", s, &want);

	move_room(s, other_room(r));
	move_room(s, r);
	expect_affected(e0, -1, NULL, 0);
	expect_affected(e0, e0 + 1, want, n);
	expect_affected(e0 + 1, e0 + 2, want, n);
	free(want);
}

END_TEST

START_TEST(test_cafe_reseat_changes_only_new_tables)
{
	struct plan_options opt = { .seed = 99, .time_limit = 1, .from_round = 2 };
	int64_t e0 = asof_last_edit(db), *want;
	struct error err = { 0 };
	struct plan_log log;
	struct changes ch;
	int n;

	ok(db_exec(db, "CREATE TEMP TABLE seat0 AS SELECT * FROM cafe_seat", &err), &err);
	/* Two who signed up leave after round 1: the re-seat must move someone. */
	ok(db_exec(db,
		   "DELETE FROM preference WHERE session_id = (SELECT id FROM session WHERE "
		   "code = 'CAFE1') AND delegate_id IN (SELECT delegate_id FROM preference "
		   "WHERE session_id = (SELECT id FROM session WHERE code = 'CAFE1') ORDER BY "
		   "delegate_id LIMIT 2)",
		   &err),
	   &err);
	plan_log_init(&log);
	ok(plan_cafe(db, "CAFE1", &opt, &log, &err), &err);
	plan_log_done(&log);
	n = sql_ids("SELECT delegate_id FROM (SELECT * FROM temp.seat0 EXCEPT SELECT * FROM "
		    "main.cafe_seat) UNION SELECT delegate_id FROM (SELECT * FROM main.cafe_seat "
		    "EXCEPT SELECT * FROM temp.seat0) WHERE ?1 = 0",
		    0, &want);
	ck_assert_int_gt(n, 0);
	expect_affected(e0, -1, want, n);
	ok(changes_between(db, e0, -1, &ch, &err), &err);
	for (int i = 0; i < ch.n; i++) {
		for (int k = 0; k < ch.v[i].n; k++) {
			ck_assert_int_eq(ch.v[i].v[k].kind, CHANGE_TABLE);
			ck_assert_int_ge(ch.v[i].v[k].round, 2);
		}
	}
	changes_done(&ch);
	free(want);
	ok(db_exec(db, "DROP TABLE temp.seat0", &err), &err);
}

END_TEST

START_TEST(test_notices_list_each_ones_differences)
{
	int64_t s = busiest_breakout(), from = room_of(s), to = other_room(from);
	int64_t e0 = asof_last_edit(db);
	struct error err = { 0 };
	struct changes ch;
	struct str out, want;
	int count, n = 0;
	char *rooms[2];
	struct db_stmt *st = db_prepare(db, "SELECT name FROM room WHERE id = ?1");

	for (int i = 0; i < 2; i++) {
		db_bind_int(st, 1, i ? to : from);
		ck_assert_int_eq(db_step(st), 1);
		rooms[i] = xstrdup(db_col_text(st, 0));
		db_reset(st);
	}
	move_room(s, to);
	str_init(&out);
	ok(changes_notices(db, e0, &out, &count, &err), &err);
	ok(changes_between(db, e0, -1, &ch, &err), &err);
	ck_assert_int_eq(count, ch.n);
	for (const char *p = out.buf; (p = strstr(p, "\nTo: ")) != NULL; p++)
		n++;
	ck_assert_int_eq(n + (strncmp(out.buf, "To: ", 4) == 0), count);
	str_init(&want);
	str_catf(&want, ": now in %s (was %s).\n", rooms[1], rooms[0]);
	n = 0;
	for (const char *p = out.buf; (p = strstr(p, want.buf)) != NULL; p++)
		n++;
	ck_assert_int_eq(n, count);
	changes_done(&ch);
	str_done(&want);
	str_done(&out);
	free(rooms[0]);
	free(rooms[1]);
}

END_TEST

/* The marks on printed timetables come from the same comparison. */
START_TEST(test_marks_agree_with_changes)
{
	struct plan_options opt = { .seed = 5, .time_limit = 1, .from_round = 3 };
	int64_t s = busiest_breakout(), e0;
	struct error err = { 0 };
	struct print_data pd;
	struct plan_log log;
	struct changes ch;
	struct conf c;
	int *all, marked = 0;

	print_everyone();
	e0 = asof_last_edit(db);
	move_room(s, other_room(room_of(s)));
	plan_log_init(&log);
	ok(plan_cafe(db, "CAFE2", &opt, &log, &err), &err);
	plan_log_done(&log);
	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	all = xcalloc((size_t)c.ndelegates + 1, sizeof(int));
	for (int i = 0; i < c.ndelegates; i++)
		all[i] = i;
	ok(changes_mark(db, &pd, all, c.ndelegates, -1, &err), &err);
	ok(changes_between(db, e0, -1, &ch, &err), &err);
	for (int i = 0; i < ch.n; i++) {
		int d = conf_delegate_at(&c, changes_delegate_id(&ch, i));

		ck_assert_int_eq(pd.marks[d].changes, ch.v[i].n);
	}
	for (int d = 0; d < c.ndelegates; d++)
		marked += pd.marks[d].changes > 0;
	ck_assert_int_eq(marked, ch.n);
	ck_assert_int_gt(marked, 0);
	free(all);
	changes_done(&ch);
	print_data_done(&pd);
	conf_done(&c);
}

END_TEST

/* Every delegate's timetable, as text, and the sessions' places. */
static char *snapshot(struct conf *c, struct print_data *pd)
{
	struct print_timetable tt;
	struct str out;

	str_init(&out);
	print_timetable_init(&tt, pd);
	for (int d = 0; d < c->ndelegates; d++) {
		print_timetable_build(&tt, pd, d, -1);
		print_timetable_text(pd, &tt, &out);
	}
	print_timetable_done(&tt);
	for (int s = 0; s < c->nsessions; s++)
		str_catf(&out, "%s %s %d %d %d\n", c->sessions[s].code, c->sessions[s].title,
			 c->sessions[s].day, c->sessions[s].start, c->sessions[s].room);
	return str_steal(&out);
}

static char *snapshot_now(void)
{
	struct error err = { 0 };
	struct print_data pd;
	struct conf c;
	char *s;

	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	s = snapshot(&c, &pd);
	print_data_done(&pd);
	conf_done(&c);
	return s;
}

static char *snapshot_asof(int64_t edit)
{
	struct error err = { 0 };
	struct print_data pd;
	struct conf c;
	char *s;

	ok(asof_load(db, edit, &c, &pd, &err), &err);
	s = snapshot(&c, &pd);
	print_data_done(&pd);
	conf_done(&c);
	return s;
}

static void some_edits(void)
{
	struct plan_options opt = { .seed = 3, .time_limit = 1, .from_round = 2 };
	struct error err = { 0 };
	struct plan_log log;
	int64_t s = busiest_breakout(), *d;

	move_room(s, other_room(room_of(s)));
	ok(db_begin(db, "retitle", &err), &err);
	ok(db_exec(db, "UPDATE session SET title = 'A new title' WHERE code = 'K1'", &err), &err);
	ok(db_commit(db, &err), &err);
	ck_assert_int_eq(sql_ids("SELECT delegate_id FROM attendance WHERE ?1 = 0 LIMIT 1", 0, &d),
			 1);
	ok(delegate_delete(db, d[0], &err), &err);
	free(d);
	plan_log_init(&log);
	ok(plan_cafe(db, "CAFE1", &opt, &log, &err), &err);
	plan_log_done(&log);
}

/* The file as of an edit reads exactly as it did then, however much was
 * edited, re-seated and undone since. */
START_TEST(test_asof_reads_the_past_exactly)
{
	int64_t e0 = asof_last_edit(db), e1, undone, *left;
	struct error err = { 0 };
	char *then = snapshot_now(), *mid, *got;

	some_edits();
	e1 = asof_last_edit(db);
	mid = snapshot_now();
	ck_assert_str_ne(then, mid);
	ok(journal_undo(db, 0, 0, &undone, &err), &err);
	some_edits();
	got = snapshot_asof(e0);
	ck_assert_str_eq(got, then);
	free(got);
	got = snapshot_asof(e1);
	ck_assert_str_eq(got, mid);
	free(got);
	free(then);
	free(mid);
	/* Nothing is left behind in the connection. */
	ck_assert_int_eq(sql_ids("SELECT 1 FROM sqlite_temp_master WHERE ?1 = 0", 0, &left), 0);
	free(left);
}

END_TEST

/* A journal row from before a column existed lacks it: the default stands. */
START_TEST(test_asof_uses_defaults_for_old_rows)
{
	struct error err = { 0 };
	struct print_data pd;
	struct conf c;
	int64_t e0;

	ok(db_begin(db, "tag a room", &err), &err);
	ok(db_exec(db, "UPDATE room SET tags = 'old' WHERE id = 1", &err), &err);
	ok(db_commit(db, &err), &err);
	e0 = asof_last_edit(db);
	ok(db_begin(db, "tag it again", &err), &err);
	ok(db_exec(db, "UPDATE room SET tags = 'new', capacity = 1 WHERE id = 1", &err), &err);
	ok(db_commit(db, &err), &err);
	ok(db_exec(db,
		   "UPDATE journal SET before = json_remove(before, '$.tags') WHERE tbl = "
		   "'room' AND edit = (SELECT max(edit) FROM journal)",
		   &err),
	   &err);
	ok(asof_load(db, e0, &c, &pd, &err), &err);
	ck_assert_str_eq(c.rooms[conf_room_index(&c, 1)].tags, "");
	ck_assert_int_gt(c.rooms[conf_room_index(&c, 1)].capacity, 1);
	print_data_done(&pd);
	conf_done(&c);
}

END_TEST

START_TEST(test_works_read_only)
{
	int64_t s = busiest_breakout(), e0 = asof_last_edit(db), *want;
	int n = sql_ids("SELECT delegate_id FROM attendance WHERE session_id = ?1", s, &want);
	struct error err = { 0 };
	struct print_data pd;
	struct conf c;
	int all0 = 0;

	move_room(s, other_room(room_of(s)));
	db_close(db);
	ok(db_open(work, DB_READONLY, &db, &err), &err);
	expect_affected(e0, -1, want, n);
	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	ok(changes_mark(db, &pd, &all0, 1, e0, &err), &err);
	print_data_done(&pd);
	conf_done(&c);
	free(want);
}

END_TEST

/* A station's host is at their station every rotation it runs. */
START_TEST(test_station_host_is_in_the_programme)
{
	struct error err = { 0 };
	struct print_timetable tt;
	struct print_data pd;
	struct conf c;
	int found = 0;

	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	print_timetable_init(&tt, &pd);
	for (int k = 0; k < pd.nstations && !found; k++) {
		int h = pd.stations[k].host_delegate;

		if (h < 0)
			continue;
		print_timetable_build(&tt, &pd, h, -1);
		for (int i = 0; i < tt.n; i++) {
			if (tt.e[i].session != pd.stations[k].session)
				continue;
			ck_assert_int_gt(tt.e[i].ndetails, 0);
			for (int j = 0; j < tt.e[i].ndetails; j++) {
				ck_assert_int_eq(tt.d[tt.e[i].detail + j].station, k);
				ck_assert_int_eq(tt.d[tt.e[i].detail + j].host, 1);
			}
			found = 1;
		}
	}
	ck_assert(found);
	print_timetable_done(&tt);
	print_data_done(&pd);
	conf_done(&c);
}

END_TEST

static Suite *changes_suite(void)
{
	Suite *s = suite_create("changes");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, build_base, drop_base);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_print_changes_nobody);
	tcase_add_test(tc, test_move_changes_those_due);
	tcase_add_test(tc, test_move_keynote_changes_those_there_that_day);
	tcase_add_test(tc, test_move_and_back_is_no_change);
	tcase_add_test(tc, test_cafe_reseat_changes_only_new_tables);
	tcase_add_test(tc, test_notices_list_each_ones_differences);
	tcase_add_test(tc, test_marks_agree_with_changes);
	tcase_add_test(tc, test_asof_reads_the_past_exactly);
	tcase_add_test(tc, test_asof_uses_defaults_for_old_rows);
	tcase_add_test(tc, test_works_read_only);
	tcase_add_test(tc, test_station_host_is_in_the_programme);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	locale_init();
	return test_run_suite(changes_suite());
}
