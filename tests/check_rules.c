/* Unit tests of the rule book: a fixture per family that breaks exactly
 * that family, the words of each, and one evaluation for everyone: what
 * `convene check` and the screen list (programme_check) is what the
 * placement solver scores (timetable_evaluate on the rules' model). */
#include <stdlib.h>
#include <string.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/rules.h"
#include "convene/sample.h"
#include "testutil.h"

static struct db *db;
static int64_t hall, attic, snug, day1, day2;

static int64_t add_session(const char *code, enum session_kind kind, int duration, int cap,
			   const char *features)
{
	struct session s = { .code = (char *)code,
			     .title = (char *)code,
			     .kind = kind,
			     .duration = duration,
			     .capacity = cap,
			     .features = (char *)features,
			     .audience = (char *)"",
			     .track = (char *)"" };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(session_put(db, &s, &id, &err), ST_OK);
	return id;
}

static void place(int64_t session, int64_t day, int start, int64_t room)
{
	struct error err = { 0 };

	ck_assert_int_eq(placement_set(db, session, day, start, room, &err), ST_OK);
}

static int64_t add_delegate(const char *email, const char *access)
{
	struct delegate d = { .first_name = (char *)"Ann",
			      .last_name = (char *)email,
			      .email = (char *)email,
			      .access = (char *)access };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(delegate_put(db, &d, 0, "{}", &id, NULL, &err), ST_OK);
	return id;
}

static int64_t add_speaker(const char *name, int pause)
{
	struct speaker sp = { .name = (char *)name, .email = (char *)name, .pause = pause };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(speaker_put(db, &sp, &id, &err), ST_OK);
	return id;
}

static void sql(const char *text)
{
	struct error err = { 0 };

	ck_assert_msg(db_exec(db, text, &err) == ST_OK, "%s: %s", text, err.msg);
}

static void setup(void)
{
	struct error err = { 0 };
	struct room r1 = { .name = (char *)"Main Hall",
			   .capacity = 400,
			   .step_free = 1,
			   .features = (char *)"projector;hearing_loop",
			   .cafe_tables = 20 };
	struct room r2 = { .name = (char *)"Attic",
			   .capacity = 30,
			   .step_free = 0,
			   .features = (char *)"" };
	struct room r3 = { .name = (char *)"Snug",
			   .capacity = 10,
			   .step_free = 1,
			   .features = (char *)"" };

	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 510, 1050, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 2, "2027-03-12", 510, 1050, &err), ST_OK);
	day1 = day_id(db, 1);
	day2 = day_id(db, 2);
	ck_assert_int_eq(room_put(db, &r1, &hall, &err), ST_OK);
	ck_assert_int_eq(room_put(db, &r2, &attic, &err), ST_OK);
	ck_assert_int_eq(room_put(db, &r3, &snug, &err), ST_OK);
}

static void teardown(void)
{
	db_close(db);
}

/* Check the file: the problems of each family, hard and soft totals. */
static void check(struct problem_list *l)
{
	struct conf c;
	struct error err = { 0 };

	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	programme_check(&c, NULL, l);
	for (int i = 0; i < l->n; i++)
		ck_assert(l->items[i].text && *l->items[i].text);
	conf_done(&c);
}

/* The file breaks family f n times and no other hard family. */
static void only(enum timetable_family f, long n)
{
	struct problem_list l;

	check(&l);
	for (int k = 0; k < TIMETABLE_NFAMILIES; k++) {
		if (k == (int)f)
			ck_assert_msg(l.count[k] == n, "%s: %ld, wanted %ld",
				      timetable_family_name(f), l.count[k], n);
		else if (timetable_family_hard((enum timetable_family)k))
			ck_assert_msg(l.count[k] == 0, "%s also broken (%ld) while testing %s",
				      timetable_family_name((enum timetable_family)k), l.count[k],
				      timetable_family_name(f));
	}
	ck_assert_int_eq(l.hard, timetable_family_hard(f) ? n : 0);
	problem_list_done(&l);
}

/* The first problem's text of family f contains want. */
static void says(enum timetable_family f, const char *want)
{
	struct problem_list l;
	int found = 0;

	check(&l);
	for (int i = 0; i < l.n && !found; i++)
		if (l.items[i].family == f) {
			ck_assert_msg(strstr(l.items[i].text, want), "'%s' lacks '%s'",
				      l.items[i].text, want);
			found = 1;
		}
	ck_assert_msg(found, "no %s problem", timetable_family_name(f));
	problem_list_done(&l);
}

START_TEST(test_sound_programme)
{
	place(add_session("K1", KIND_KEYNOTE, 45, -1, "projector"), day1, 540, hall);
	place(add_session("T1", KIND_TALK, 40, 20, ""), day1, 600, attic);
	place(add_session("T2", KIND_TALK, 40, 10, ""), day1, 600, snug);
	only(TIMETABLE_ROOM_CLASH, 0);
}

END_TEST

START_TEST(test_room_clash)
{
	place(add_session("T1", KIND_TALK, 40, 20, ""), day1, 600, attic);
	place(add_session("T2", KIND_TALK, 40, 20, ""), day1, 630, attic);
	place(add_session("T3", KIND_TALK, 40, 20, ""), day1, 640, attic); /* touches T1 only */
	only(TIMETABLE_ROOM_CLASH, 2);
	says(TIMETABLE_ROOM_CLASH, "T1 and T2 are both in Attic on day 1 at 10:00");
}

END_TEST

START_TEST(test_speaker_clash)
{
	struct error err = { 0 };
	int64_t spk = add_speaker("Amara Okafor", 0), t1 = add_session("T1", KIND_TALK, 40, 20, ""),
		t2 = add_session("T2", KIND_TALK, 40, 10, "");

	ck_assert_int_eq(session_speaker_add(db, t1, spk, &err), ST_OK);
	ck_assert_int_eq(session_speaker_add(db, t2, spk, &err), ST_OK);
	place(t1, day1, 600, attic);
	place(t2, day1, 620, snug);
	only(TIMETABLE_SPEAKER_CLASH, 1);
	says(TIMETABLE_SPEAKER_CLASH, "Amara Okafor is in T1 and T2 at once");
}

END_TEST

START_TEST(test_speaker_pause)
{
	struct error err = { 0 };
	int64_t spk = add_speaker("Helena", 45), t1 = add_session("T1", KIND_TALK, 40, 20, ""),
		t2 = add_session("T2", KIND_TALK, 40, 10, "");

	ck_assert_int_eq(session_speaker_add(db, t1, spk, &err), ST_OK);
	ck_assert_int_eq(session_speaker_add(db, t2, spk, &err), ST_OK);
	place(t1, day1, 600, attic);
	place(t2, day1, 660, snug); /* 20 minutes after T1 ends */
	only(TIMETABLE_SPEAKER_PAUSE, 1);
	says(TIMETABLE_SPEAKER_PAUSE, "the 45 minutes");
	place(t2, day1, 690, snug);
	only(TIMETABLE_SPEAKER_PAUSE, 0);
}

END_TEST

START_TEST(test_speaker_unavailable)
{
	struct error err = { 0 };
	int64_t spk = add_speaker("Amara Okafor", 0), t1 = add_session("T1", KIND_TALK, 40, 20, "");

	ck_assert_int_eq(session_speaker_add(db, t1, spk, &err), ST_OK);
	ck_assert_int_eq(speaker_unavailable_add(db, spk, day1, 630, 700, &err), ST_OK);
	place(t1, day1, 600, attic);
	only(TIMETABLE_SPEAKER_UNAVAILABLE, 1);
	says(TIMETABLE_SPEAKER_UNAVAILABLE, "Amara Okafor cannot come then");
}

END_TEST

START_TEST(test_room_unavailable)
{
	struct error err = { 0 };

	place(add_session("T1", KIND_TALK, 40, 20, ""), day1, 600, attic);
	only(TIMETABLE_ROOM_UNAVAILABLE, 0);
	ck_assert_int_eq(room_unavailable_add(db, attic, day1, 540, 610, &err), ST_OK);
	only(TIMETABLE_ROOM_UNAVAILABLE, 1);
	says(TIMETABLE_ROOM_UNAVAILABLE, "while it is closed");
}

END_TEST

START_TEST(test_capacity)
{
	place(add_session("T1", KIND_TALK, 40, 50, ""), day1, 600, attic);
	only(TIMETABLE_CAPACITY, 1);
	says(TIMETABLE_CAPACITY, "T1 'T1' expects 50 but Attic holds 30");
}

END_TEST

/* Delegates allocated beyond what a session expects (a move by hand over
 * capacity) fill its room too, unless a solve is about to allocate again. */
START_TEST(test_allocated_capacity)
{
	int64_t t1 = add_session("T1", KIND_TALK, 40, -1, "");
	struct problem_list l;
	struct rules *r;
	struct conf c;
	struct error err = { 0 };

	place(t1, day1, 600, snug);
	for (int i = 0; i < 11; i++) {
		char *email = xasprintf("d%d@x.example", i);
		char *text = xasprintf(
			"INSERT INTO attendance (delegate_id, session_id) VALUES (%lld, %lld)",
			(long long)add_delegate(email, ""), (long long)t1);

		if (i == 10)
			only(TIMETABLE_CAPACITY, 0); /* ten fill the Snug */
		sql(text);
		free(text);
		free(email);
	}
	only(TIMETABLE_CAPACITY, 1);
	says(TIMETABLE_CAPACITY, "T1 'T1' has 11 delegates allocated but Snug holds 10");
	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	r = rules_new(&c, NULL, RULES_IGNORE_DUE(DUE_ALLOCATED));
	rules_check(r, &l);
	ck_assert_int_eq(l.count[TIMETABLE_CAPACITY], 0);
	problem_list_done(&l);
	rules_free(r);
	conf_done(&c);
}

END_TEST

START_TEST(test_feature)
{
	place(add_session("T1", KIND_TALK, 40, 20, "projector"), day1, 600, attic);
	only(TIMETABLE_FEATURE, 1);
	says(TIMETABLE_FEATURE, "needs projector, which Attic does not have");
}

END_TEST

START_TEST(test_step_free)
{
	struct error err = { 0 };
	int64_t id = add_delegate("z@x.example", "step_free"),
		t1 = add_session("T1", KIND_TALK, 40, 20, "");

	place(t1, day1, 600, attic);
	only(TIMETABLE_STEP_FREE, 0);
	ck_assert_int_eq(preference_set(db, id, t1, 0, 1, &err), ST_OK);
	only(TIMETABLE_STEP_FREE, 1);
	/* A lunch for everyone in a room up the stairs fails too. */
	place(add_session("L1", KIND_MEAL, 45, -1, ""), day1, 720, attic);
	only(TIMETABLE_STEP_FREE, 2);
}

END_TEST

START_TEST(test_outside_day)
{
	place(add_session("LATE", KIND_TALK, 60, 5, ""), day1, 1020, snug);
	only(TIMETABLE_OUTSIDE_DAY, 1);
	place(add_session("EARLY", KIND_TALK, 30, 5, ""), day1, 480, snug);
	only(TIMETABLE_OUTSIDE_DAY, 2);
}

END_TEST

START_TEST(test_through_break)
{
	place(add_session("BRK", KIND_BREAK, 20, -1, ""), day1, 660, hall);
	place(add_session("W1", KIND_WORKSHOP, 60, 10, ""), day1, 630, snug);
	only(TIMETABLE_THROUGH_BREAK, 1);
	says(TIMETABLE_THROUGH_BREAK, "W1 'W1' runs into BRK 'BRK'");
}

END_TEST

START_TEST(test_plenary_clash)
{
	place(add_session("K1", KIND_KEYNOTE, 45, 100, ""), day1, 540, hall);
	place(add_session("T1", KIND_TALK, 40, 10, ""), day1, 560, snug);
	only(TIMETABLE_PLENARY_CLASH, 1);
	says(TIMETABLE_PLENARY_CLASH, "T1 runs at the same time as K1 'K1', which is for everyone");
}

END_TEST

START_TEST(test_unplaced)
{
	add_session("U1", KIND_TALK, 40, 10, "");
	only(TIMETABLE_UNPLACED, 1);
	says(TIMETABLE_UNPLACED, "U1 'U1' has no time and room yet");
}

END_TEST

/* SQL that makes delegate d due at session s for reason k. */
static char *due_sql(int k, int64_t d, int64_t s)
{
	long long a = (long long)d, b = (long long)s;

	switch (k) {
	case 0:
		return xasprintf("INSERT INTO attendance (delegate_id, session_id) VALUES (%lld, %lld)",
				 a, b);
	case 1:
		return xasprintf("INSERT INTO cafe_seat VALUES (%lld, 1, %lld, 1)", b, a);
	case 2:
		return xasprintf("INSERT INTO carousel_visit VALUES (%lld, 1, %lld, (SELECT id FROM "
				 "station WHERE session_id = %lld))",
				 b, a, b);
	case 3:
		return xasprintf("UPDATE cafe_table SET host_delegate_id = %lld WHERE session_id = "
				 "%lld",
				 a, b);
	default:
		return xasprintf("UPDATE station SET host_delegate_id = %lld WHERE session_id = %lld",
				 a, b);
	}
}

/* Two sessions at once and one delegate due at both, for each reason:
 * allocated, seated, rotating, hosting a table, hosting a station. */
START_TEST(test_delegate_clash)
{
	struct station_in st = { .number = 1, .topic = "Reading", .capacity = 10, .place = "" };
	struct cafe_table_in tb = { .number = 1, .seats = 6, .question = "", .step_free = 1 };
	struct error err = { 0 };
	int64_t ann = add_delegate("ann@x.example", ""),
		t1 = add_session("T1", KIND_TALK, 40, 20, "");
	int64_t other[5] = { add_session("T2", KIND_TALK, 40, 10, ""),
			     add_session("CAFE", KIND_WORLD_CAFE, 60, -1, ""), 0, 0, 0 };
	char *text = due_sql(0, ann, t1);

	other[2] = add_session("CAR", KIND_CAROUSEL, 60, -1, "");
	other[3] = other[1];
	other[4] = other[2];
	ck_assert_int_eq(cafe_set(db, other[1], 1, 6, 2, &err), ST_OK);
	ck_assert_int_eq(cafe_table_put(db, other[1], &tb, &err), ST_OK);
	ck_assert_int_eq(carousel_set(db, other[2], 2, 30, &err), ST_OK);
	ck_assert_int_eq(station_put(db, other[2], &st, &err), ST_OK);
	/* Each other session waits on day 2 in a room of its own. */
	const int64_t park[5] = { attic, hall, snug, hall, snug };

	place(t1, day1, 600, attic);
	for (int k = 0; k < 3; k++)
		place(other[k], day2, 610, park[k]);
	sql(text); /* Ann is allocated to T1 */
	free(text);
	for (int k = 0; k < 5; k++) {
		int64_t room = k == 0 ? snug : park[k];

		place(other[k], day1, 610, room);
		only(TIMETABLE_DELEGATE_CLASH, 0);
		text = due_sql(k, ann, other[k]);
		sql(text);
		free(text);
		only(TIMETABLE_DELEGATE_CLASH, 1);
		says(TIMETABLE_DELEGATE_CLASH, "ann@x.example is due at both T1 and");
		place(other[k], day2, 610, park[k]);
		only(TIMETABLE_DELEGATE_CLASH, 0);
		text = xasprintf("DELETE FROM attendance WHERE session_id <> %lld; DELETE FROM "
				 "cafe_seat; DELETE FROM carousel_visit; UPDATE cafe_table SET "
				 "host_delegate_id = NULL; UPDATE station SET host_delegate_id = "
				 "NULL",
				 (long long)t1);
		sql(text);
		free(text);
	}
}

END_TEST

START_TEST(test_soft_families)
{
	struct session s = { .code = (char *)"H1",
			     .title = (char *)"Heads 1",
			     .kind = KIND_WORKSHOP,
			     .duration = 40,
			     .capacity = 10,
			     .audience = (char *)"headteachers",
			     .track = (char *)"" };
	struct error err = { 0 };
	int64_t h1, h2;
	struct problem_list l;

	ck_assert_int_eq(session_put(db, &s, &h1, &err), ST_OK);
	s.code = (char *)"H2";
	ck_assert_int_eq(session_put(db, &s, &h2, &err), ST_OK);
	place(h1, day1, 600, attic);
	place(h2, day1, 600, snug);
	only(TIMETABLE_AUDIENCE_CLASH, 1);
	says(TIMETABLE_AUDIENCE_CLASH, "H1 and H2 are both for headteachers");
	check(&l);
	ck_assert_int_eq(l.hard, 0);
	ck_assert_int_gt(l.soft, 0);
	ck_assert_int_eq(l.count[TIMETABLE_ROOM_SIZE], 2); /* 10 in 30 seats, 10 in 10 */
	problem_list_done(&l);
}

END_TEST

/* The rule book and the placement solver's score are one evaluation: on
 * the sample, solved and then broken by hand, every family counts and
 * costs the same both ways. */
START_TEST(test_check_equals_solver_score)
{
	char *dir = sample_dir();
	struct error err = { 0 };
	struct conf c;
	struct problem_list l;
	struct timetable_score sc;
	struct timetable_place *pl;
	struct rules *r;

	ck_assert_ptr_nonnull(dir);
	ck_assert_msg(sample_build(db, dir, &err) == ST_OK, "%s", err.msg);
	free(dir);
	/* A talk on top of the opening keynote, and one into the morning break. */
	sql("UPDATE placement SET day_id = (SELECT day_id FROM placement p JOIN session s ON "
	    "s.id = p.session_id WHERE s.code = 'K1'), start_min = (SELECT start_min FROM "
	    "placement p JOIN session s ON s.id = p.session_id WHERE s.code = 'K1') WHERE "
	    "session_id = (SELECT id FROM session WHERE code = 'T04')");
	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	r = rules_new(&c, NULL, 0);
	rules_check(r, &l);
	pl = xcalloc((size_t)c.nsessions + 1, sizeof(*pl));
	rules_places(r, pl);
	ck_assert_int_eq(timetable_evaluate(rules_problem(r), pl, &sc, &err), ST_OK);
	ck_assert_int_gt(l.hard, 0);
	ck_assert_int_eq(l.hard, sc.hard);
	ck_assert_int_eq(l.soft, sc.soft);
	for (int f = 0; f < TIMETABLE_NFAMILIES; f++) {
		ck_assert_int_eq(l.count[f], sc.count[f]);
		ck_assert_int_eq(l.cost[f], sc.cost[f]);
	}
	ck_assert_int_eq(l.n, sc.nviolations);
	timetable_score_done(&sc);
	free(pl);
	problem_list_done(&l);
	rules_free(r);
	conf_done(&c);
}

END_TEST

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sound_programme);
	tcase_add_test(tc, test_room_clash);
	tcase_add_test(tc, test_speaker_clash);
	tcase_add_test(tc, test_speaker_pause);
	tcase_add_test(tc, test_speaker_unavailable);
	tcase_add_test(tc, test_room_unavailable);
	tcase_add_test(tc, test_capacity);
	tcase_add_test(tc, test_allocated_capacity);
	tcase_add_test(tc, test_feature);
	tcase_add_test(tc, test_step_free);
	tcase_add_test(tc, test_outside_day);
	tcase_add_test(tc, test_through_break);
	tcase_add_test(tc, test_plenary_clash);
	tcase_add_test(tc, test_unplaced);
	tcase_add_test(tc, test_delegate_clash);
	tcase_add_test(tc, test_soft_families);
	tcase_add_test(tc, test_check_equals_solver_score);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(rules_suite());
}
