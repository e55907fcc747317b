/* Unit tests: the bridge from the file to the placement and breakout
 * solvers: tags reach the solver, placements and allocations come back. */
#include <stdlib.h>
#include <string.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/plan.h"
#include "convene/rules.h"
#include "testutil.h"

static struct db *db;
static int64_t day1, day2, hall, room2;

static int64_t add_session(const char *code, enum session_kind kind, int duration,
			   const char *time_tags)
{
	struct session s = { .code = (char *)code,
			     .title = (char *)code,
			     .kind = kind,
			     .duration = duration,
			     .capacity = 20,
			     .time_tags = (char *)time_tags };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(session_put(db, &s, &id, &err), ST_OK);
	return id;
}

static void setup(void)
{
	struct error err = { 0 };
	struct room a = { .name = (char *)"Hall", .capacity = 100, .step_free = 1 };
	struct room b = { .name = (char *)"Room 2", .capacity = 40, .step_free = 1 };

	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 540, 1020, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 2, "2027-03-12", 540, 960, &err), ST_OK);
	day1 = day_id(db, 1);
	day2 = day_id(db, 2);
	ck_assert_int_eq(room_put(db, &a, &hall, &err), ST_OK);
	ck_assert_int_eq(room_put(db, &b, &room2, &err), ST_OK);
}

static void teardown(void)
{
	db_close(db);
}

static void placed(const char *code, int64_t *day, int *start)
{
	struct db_stmt *st = db_prepare(db, "SELECT p.day_id, p.start_min FROM placement p JOIN "
					    "session s ON s.id = p.session_id WHERE s.code = ?1");

	db_bind_text(st, 1, code);
	ck_assert_int_eq(db_step(st), 1);
	*day = db_col_int(st, 0);
	*start = (int)db_col_int(st, 1);
	db_reset(st);
}

START_TEST(test_time_tags_reach_the_solver)
{
	struct plan_options opt = { .seed = 3, .time_limit = 2 };
	struct plan_log log;
	struct error err = { 0 };
	int64_t day;
	int start;

	timetable_weights_init(&opt.weights);
	opt.weights.time_tags = 1000;
	add_session("OPEN", KIND_KEYNOTE, 45, "opening");
	add_session("CLOSE", KIND_KEYNOTE, 45, "closing");
	add_session("T1", KIND_TALK, 60, "!morning");
	add_session("T2", KIND_TALK, 60, "day2");
	plan_log_init(&log);
	ck_assert_int_eq(plan_timetable(db, &opt, &log, &err), ST_OK);
	ck_assert_int_eq(log.hard, 0);
	placed("OPEN", &day, &start);
	ck_assert_int_eq(day, day1);
	ck_assert_int_eq(start, 540);
	placed("CLOSE", &day, &start);
	ck_assert_int_eq(day, day2);
	ck_assert_int_eq(start, 960 - 45);
	placed("T1", &day, &start);
	ck_assert_int_ge(start, 12 * 60);
	placed("T2", &day, &start);
	ck_assert_int_eq(day, day2);
	plan_log_done(&log);
}

END_TEST

START_TEST(test_time_tag_words)
{
	ck_assert(rules_time_tag("opening") != 0);
	ck_assert(rules_time_tag("Closing") != 0);
	ck_assert(rules_time_tag("day1") != rules_time_tag("day_2"));
	ck_assert(rules_time_tag("day_2") != 0);
	ck_assert(rules_time_tag("day15") == 0);
	ck_assert(rules_time_tag("teatime") == 0);
}

END_TEST

START_TEST(test_breakouts_are_stored)
{
	struct plan_options opt = { .seed = 1, .time_limit = 1 };
	struct plan_log log;
	struct error err = { 0 };
	struct delegate d = { .first_name = (char *)"Zoë",
			      .last_name = (char *)"Hartley",
			      .email = (char *)"z@x.example",
			      .access = (char *)"" };
	int64_t a = add_session("A", KIND_TALK, 60, ""), b = add_session("B", KIND_TALK, 60, "");
	int64_t who;
	struct db_stmt *st;

	ck_assert_int_eq(placement_set(db, a, day1, 600, hall, &err), ST_OK);
	ck_assert_int_eq(placement_set(db, b, day1, 600, room2, &err), ST_OK);
	ck_assert_int_eq(delegate_put(db, &d, 0, "{}", &who, NULL, &err), ST_OK);
	ck_assert_int_eq(preference_set(db, who, b, 0, 1, &err), ST_OK);
	ck_assert_int_eq(preference_set(db, who, a, 0, 2, &err), ST_OK);
	plan_log_init(&log);
	ck_assert_int_eq(plan_breakouts(db, &opt, &log, &err), ST_OK);
	st = db_prepare(db, "SELECT s.code FROM attendance a JOIN session s ON s.id = a.session_id");
	ck_assert_int_eq(db_step(st), 1);
	ck_assert_str_eq(db_col_text(st, 0), "B"); /* the first choice, one of two at once */
	ck_assert_int_eq(db_step(st), 0);
	db_reset(st);
	plan_log_done(&log);
}

END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_time_tags_reach_the_solver);
	tcase_add_test(tc, test_time_tag_words);
	tcase_add_test(tc, test_breakouts_are_stored);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(plan_suite());
}
