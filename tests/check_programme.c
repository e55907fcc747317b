/* Unit tests: the conflict list finds each family of hard problem, and a
 * sound programme has none. */
#include <stdlib.h>
#include <string.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/programme.h"
#include "testutil.h"

static struct db *db;
static int64_t hall, attic, small, day1;

static int64_t add_session(const char *code, enum session_kind kind, int duration, int cap,
			   const char *features)
{
	struct session s = { .code = (char *)code, .title = (char *)code, .kind = kind,
			     .duration = duration, .capacity = cap, .features = (char *)features };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(session_put(db, &s, &id, &err), ST_OK);
	return id;
}

static void place(int64_t session, int start, int64_t room)
{
	struct error err = { 0 };

	ck_assert_int_eq(placement_set(db, session, day1, start, room, &err), ST_OK);
}

static void setup(void)
{
	struct error err = { 0 };
	struct room r1 = { .name = (char *)"Main Hall", .capacity = 400, .step_free = 1,
			   .features = (char *)"projector;hearing_loop" };
	struct room r2 = { .name = (char *)"Attic", .capacity = 30, .step_free = 0,
			   .features = (char *)"" };
	struct room r3 = { .name = (char *)"Snug", .capacity = 10, .step_free = 1,
			   .features = (char *)"" };

	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 510, 1050, &err), ST_OK);
	day1 = day_id(db, 1);
	ck_assert_int_eq(room_put(db, &r1, &hall, &err), ST_OK);
	ck_assert_int_eq(room_put(db, &r2, &attic, &err), ST_OK);
	ck_assert_int_eq(room_put(db, &r3, &small, &err), ST_OK);
}

static void teardown(void)
{
	db_close(db);
}

/* Check the file; return how many problems of kind were found. */
static int found(enum problem_kind kind, int *hard)
{
	struct conf c;
	struct problem_list l;
	struct error err = { 0 };
	int n;

	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	programme_check(&c, &l);
	n = l.by_kind[kind];
	if (hard)
		*hard = l.hard;
	for (int i = 0; i < l.n; i++)
		ck_assert(l.items[i].text && *l.items[i].text);
	problem_list_done(&l);
	conf_done(&c);
	return n;
}

START_TEST(test_sound_programme)
{
	int hard;

	place(add_session("K1", KIND_KEYNOTE, 45, -1, "projector"), 540, hall);
	place(add_session("T1", KIND_TALK, 40, 20, ""), 600, attic);
	place(add_session("T2", KIND_TALK, 40, 10, ""), 600, small);
	ck_assert_int_eq(found(PROBLEM_ROOM_CLASH, &hard), 0);
	ck_assert_int_eq(hard, 0);
}
END_TEST

START_TEST(test_room_clash)
{
	int hard;

	place(add_session("T1", KIND_TALK, 40, 20, ""), 600, attic);
	place(add_session("T2", KIND_TALK, 40, 20, ""), 630, attic);
	place(add_session("T3", KIND_TALK, 40, 20, ""), 640, attic); /* touches, no overlap */
	ck_assert_int_eq(found(PROBLEM_ROOM_CLASH, &hard), 2);
	ck_assert_int_eq(hard, 2);
}
END_TEST

START_TEST(test_speaker_clash_and_unavailable)
{
	struct speaker sp = { .name = (char *)"Amara Okafor", .email = (char *)"a@x.example" };
	struct error err = { 0 };
	int64_t spk, t1 = add_session("T1", KIND_TALK, 40, 20, ""),
		     t2 = add_session("T2", KIND_TALK, 40, 10, "");

	ck_assert_int_eq(speaker_put(db, &sp, &spk, &err), ST_OK);
	ck_assert_int_eq(session_speaker_add(db, t1, spk, &err), ST_OK);
	ck_assert_int_eq(session_speaker_add(db, t2, spk, &err), ST_OK);
	place(t1, 600, attic);
	place(t2, 620, small);
	ck_assert_int_eq(found(PROBLEM_SPEAKER_CLASH, NULL), 1);
	ck_assert_int_eq(speaker_unavailable_add(db, spk, day1, 630, 700, &err), ST_OK);
	ck_assert_int_eq(found(PROBLEM_SPEAKER_UNAVAILABLE, NULL), 2);
}
END_TEST

START_TEST(test_room_unavailable_capacity_feature)
{
	struct error err = { 0 };

	place(add_session("T1", KIND_TALK, 40, 50, "projector"), 600, attic);
	ck_assert_int_eq(found(PROBLEM_CAPACITY, NULL), 1);
	ck_assert_int_eq(found(PROBLEM_FEATURE, NULL), 1);
	ck_assert_int_eq(found(PROBLEM_ROOM_UNAVAILABLE, NULL), 0);
	ck_assert_int_eq(room_unavailable_add(db, attic, day1, 540, 610, &err), ST_OK);
	ck_assert_int_eq(found(PROBLEM_ROOM_UNAVAILABLE, NULL), 1);
}
END_TEST

START_TEST(test_step_free_and_outside_day)
{
	struct delegate d = { .first_name = (char *)"Zoë", .last_name = (char *)"Hartley",
			      .email = (char *)"z@x.example", .access = (char *)"step_free" };
	struct error err = { 0 };
	int64_t id, t1 = add_session("T1", KIND_TALK, 40, 20, "");

	ck_assert_int_eq(delegate_put(db, &d, 0, "{}", &id, NULL, &err), ST_OK);
	place(t1, 600, attic);
	ck_assert_int_eq(found(PROBLEM_STEP_FREE, NULL), 0);
	ck_assert_int_eq(preference_set(db, id, t1, 0, 1, &err), ST_OK);
	ck_assert_int_eq(found(PROBLEM_STEP_FREE, NULL), 1);
	/* A lunch for everyone in a room up the stairs fails too. */
	place(add_session("L1", KIND_MEAL, 45, -1, ""), 720, attic);
	ck_assert_int_eq(found(PROBLEM_STEP_FREE, NULL), 2);
	place(add_session("LATE", KIND_TALK, 60, 5, ""), 1020, small);
	ck_assert_int_eq(found(PROBLEM_OUTSIDE_DAY, NULL), 1);
	place(add_session("EARLY", KIND_TALK, 30, 5, ""), 480, small);
	ck_assert_int_eq(found(PROBLEM_OUTSIDE_DAY, NULL), 2);
}
END_TEST

START_TEST(test_unplaced_and_audience_are_soft)
{
	struct session s = { .code = (char *)"H1", .title = (char *)"Heads 1", .kind = KIND_WORKSHOP,
			     .duration = 40, .capacity = 10, .audience = (char *)"headteachers" };
	struct error err = { 0 };
	int64_t h1, h2;
	int hard;

	ck_assert_int_eq(session_put(db, &s, &h1, &err), ST_OK);
	s.code = (char *)"H2";
	ck_assert_int_eq(session_put(db, &s, &h2, &err), ST_OK);
	add_session("U1", KIND_TALK, 40, 10, "");
	place(h1, 600, attic);
	place(h2, 600, small);
	ck_assert_int_eq(found(PROBLEM_AUDIENCE_CLASH, &hard), 1);
	ck_assert_int_eq(found(PROBLEM_UNPLACED, NULL), 1);
	ck_assert_int_eq(hard, 0);
}
END_TEST

static Suite *programme_suite(void)
{
	Suite *s = suite_create("programme");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sound_programme);
	tcase_add_test(tc, test_room_clash);
	tcase_add_test(tc, test_speaker_clash_and_unavailable);
	tcase_add_test(tc, test_room_unavailable_capacity_feature);
	tcase_add_test(tc, test_step_free_and_outside_day);
	tcase_add_test(tc, test_unplaced_and_audience_are_soft);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(programme_suite());
}
