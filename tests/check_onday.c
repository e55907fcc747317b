/* Unit tests: moving sessions, re-planning a closed room with the least
 * disruption, the change list, and an edit racing another organiser's. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "convene/changes.h"
#include "convene/db.h"
#include "convene/model.h"
#include "convene/journal.h"
#include "convene/onday.h"
#include "convene/replan.h"
#include "convene/rules.h"
#include "testutil.h"

static char path[64];
static struct db *db;
static int64_t day1, hall, big, small, attic;

static int64_t add_room(const char *name, int cap, int step_free, const char *features)
{
	struct room r = { .name = (char *)name,
			  .capacity = cap,
			  .step_free = step_free,
			  .features = (char *)features };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(room_put(db, &r, &id, &err), ST_OK);
	return id;
}

static int64_t add_session(const char *code, int cap, const char *features, int start, int64_t room)
{
	struct session s = { .code = (char *)code,
			     .title = (char *)code,
			     .kind = KIND_TALK,
			     .duration = 60,
			     .capacity = cap,
			     .features = (char *)features };
	struct error err = { 0 };
	int64_t id;

	ck_assert_int_eq(session_put(db, &s, &id, &err), ST_OK);
	ck_assert_int_eq(placement_set(db, id, day1, start, room, &err), ST_OK);
	return id;
}

static void setup(void)
{
	struct error err = { 0 };
	int fd;

	strcpy(path, "/tmp/convene-onday-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	ck_assert_int_eq(db_open(path, DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 510, 1050, &err), ST_OK);
	day1 = day_id(db, 1);
	hall = add_room("Hall", 100, 1, "projector");
	big = add_room("Big Room", 90, 1, "projector");
	small = add_room("Small Room", 20, 1, "projector");
	attic = add_room("Attic", 40, 0, "");
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
}

static char *room_of(const char *code)
{
	struct db_stmt *st = db_prepare(db, "SELECT r.name FROM placement p JOIN room r ON "
					    "r.id = p.room_id JOIN session s ON s.id = "
					    "p.session_id WHERE s.code = ?1");
	char *name;

	db_bind_text(st, 1, code);
	name = xstrdup(db_step(st) == 1 ? db_col_text(st, 0) : "");
	db_reset(st);
	return name;
}

static int hard(void)
{
	struct conf c;
	struct problem_list l;
	struct error err = { 0 };
	int n;

	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	programme_check(&c, NULL, &l);
	n = l.hard;
	problem_list_done(&l);
	conf_done(&c);
	return n;
}

START_TEST(test_move_refuses_clash_unless_forced)
{
	struct onday_report rep;
	struct error err = { 0 };
	char *r;

	add_session("A", 50, "", 600, hall);
	add_session("B", 50, "", 600, big);
	onday_report_init(&rep);
	ck_assert_int_eq(onday_move(db, "A", "Big Room", 0, -1, 0, &rep, &err), ST_PROBLEM);
	ck_assert_ptr_nonnull(strstr(err.msg, "A and B are both in Big Room"));
	r = room_of("A");
	ck_assert_str_eq(r, "Hall");
	free(r);
	error_clear(&err);
	ck_assert_int_eq(onday_move(db, "A", "Big Room", 0, -1, 1, &rep, &err), ST_OK);
	ck_assert_int_eq(hard(), 1);
	ck_assert_int_eq(onday_move(db, "A", "Hall", 1, 700, 0, &rep, &err), ST_OK);
	ck_assert_int_eq(hard(), 0);
	onday_report_done(&rep);
}

END_TEST

static int start_of(const char *code)
{
	struct db_stmt *st = db_prepare(db, "SELECT p.start_min FROM placement p JOIN session s "
					    "ON s.id = p.session_id WHERE s.code = ?1");
	int t;

	db_bind_text(st, 1, code);
	t = db_step(st) == 1 ? (int)db_col_int(st, 0) : -1;
	db_reset(st);
	return t;
}

/* Close the hall on day 1 from..to and re-plan (a step budget, so that the
 * plan is the same at any speed). */
static enum status close_hall(int from, int to, int dry, struct onday_report *rep)
{
	struct replan_event ev = { .kind = REPLAN_CLOSE_ROOM,
				   .room = "Hall",
				   .day = 1,
				   .from = from,
				   .to = to };
	struct replan_options o = { .dry_run = dry };
	struct error err = { 0 };
	enum status st;

	timetable_weights_init(&o.plan.weights);
	o.plan.seed = 1;
	o.plan.time_limit = 600;
	o.plan.max_steps = 100000;
	onday_report_init(rep);
	st = replan(db, &ev, &o, rep, &err);
	ck_assert_msg(st <= ST_PROBLEM, "%s", err.msg);
	error_clear(&err);
	return st;
}

START_TEST(test_replan_keeps_times_and_takes_the_free_room)
{
	struct onday_report rep;
	char *r;

	add_session("A", 80, "projector", 600, hall);
	add_session("B", 15, "", 700, hall);
	ck_assert_int_eq(close_hall(-1, -1, 0, &rep), ST_OK);
	ck_assert_int_eq(rep.moved, 2);
	r = room_of("A");
	ck_assert_str_eq(r, "Big Room"); /* the only other room that holds 80 */
	free(r);
	r = room_of("B");
	ck_assert_str_ne(r, "Hall");
	free(r);
	ck_assert_int_eq(start_of("A"), 600); /* a change of room before a change of time */
	ck_assert_int_eq(start_of("B"), 700);
	ck_assert_int_eq(hard(), 0);
	onday_report_done(&rep);
}

END_TEST

START_TEST(test_replan_makes_way)
{
	struct onday_report rep;
	char *r;

	/* A needs the big room, where C sits; C fits the small room. */
	add_session("A", 80, "projector", 600, hall);
	add_session("C", 15, "projector", 600, big);
	ck_assert_int_eq(close_hall(-1, -1, 0, &rep), ST_OK);
	ck_assert_int_eq(rep.moved, 2);
	r = room_of("A");
	ck_assert_str_eq(r, "Big Room");
	free(r);
	r = room_of("C");
	ck_assert_str_eq(r, "Small Room");
	free(r);
	ck_assert_int_eq(start_of("C"), 600);
	ck_assert_int_eq(hard(), 0);
	onday_report_done(&rep);
}

END_TEST

START_TEST(test_replan_moves_a_time_when_no_room_will_do)
{
	struct onday_report rep;
	char *r;

	add_session("A", 80, "projector", 600, hall);
	add_session("B", 80, "projector", 600, big);
	ck_assert_int_eq(close_hall(540, 720, 0, &rep), ST_OK);
	ck_assert_int_eq(hard(), 0);
	r = room_of("A");
	ck_assert(strcmp(r, "Hall") != 0 || start_of("A") >= 720);
	free(r);
	onday_report_done(&rep);
}

END_TEST

START_TEST(test_replan_brings_a_feature)
{
	struct onday_report rep;
	json_t *relaxed;
	char *r;

	add_session("A", 80, "hearing_loop", 600, hall);
	ck_assert_int_eq(close_hall(-1, -1, 0, &rep), ST_OK);
	relaxed = json_object_get(rep.json, "relaxed");
	ck_assert_int_eq(json_array_size(relaxed), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(relaxed, 0), "feature")),
			 "hearing_loop");
	ck_assert_ptr_nonnull(strstr(rep.text.buf, "has no hearing_loop: bring one (for A)"));
	r = room_of("A");
	ck_assert_str_eq(r, "Big Room");
	free(r);
	ck_assert_int_eq(hard(), 0); /* the room has it now */
	onday_report_done(&rep);
}

END_TEST

START_TEST(test_replan_dry_run_changes_nothing)
{
	struct onday_report rep;
	char *r;
	int64_t edits;

	add_session("A", 80, "projector", 600, hall);
	edits = journal_last_edit(db);
	ck_assert_int_eq(close_hall(-1, -1, 1, &rep), ST_OK);
	ck_assert_int_eq(rep.moved, 1);
	ck_assert_ptr_nonnull(strstr(rep.text.buf, "a dry run"));
	ck_assert_int_eq(journal_last_edit(db), edits);
	r = room_of("A");
	ck_assert_str_eq(r, "Hall");
	free(r);
	onday_report_done(&rep);
}

END_TEST

START_TEST(test_changes_names_delegates)
{
	struct delegate d = { .first_name = (char *)"Zoë",
			      .last_name = (char *)"Hartley",
			      .email = (char *)"zoe@x.example",
			      .access = (char *)"" };
	struct onday_report rep;
	struct error err = { 0 };
	int64_t a = add_session("A", 50, "", 600, hall), who, since;
	struct db_stmt *st;

	ck_assert_int_eq(delegate_put(db, &d, 0, "{}", &who, NULL, &err), ST_OK);
	ck_assert_int_eq(preference_set(db, who, a, 0, 1, &err), ST_OK);
	st = db_prepare(db, "SELECT max(edit) FROM journal");
	ck_assert_int_eq(db_step(st), 1);
	since = db_col_int(st, 0);
	db_reset(st);
	onday_report_init(&rep);
	ck_assert_int_eq(onday_move(db, "A", "Big Room", 0, -1, 0, &rep, &err), ST_OK);
	onday_report_done(&rep);
	onday_report_init(&rep);
	ck_assert_int_eq(changes_list(db, since, &rep, &err), ST_OK);
	ck_assert_int_eq(rep.affected, 1);
	ck_assert_ptr_nonnull(strstr(rep.text.buf, "at 10:00: now in Big Room (was Hall)."));
	ck_assert_ptr_nonnull(strstr(rep.text.buf, "Zoë Hartley <zoe@x.example>: 1 change"));
	onday_report_done(&rep);
}

END_TEST

/* A second organiser moves the session between our look and our write. */
START_TEST(test_concurrent_edit_is_seen)
{
	struct onday_report rep;
	struct error err = { 0 };
	int ready[2];
	pid_t pid;
	char c, *r;

	add_session("A", 50, "", 600, hall);
	ck_assert_int_eq(pipe(ready), 0);
	pid = fork();
	if (pid == 0) {
		struct db *other;
		struct db_stmt *st;

		if (db_open(path, 0, &other, &err) || db_exec(other, "BEGIN IMMEDIATE", &err))
			_exit(1);
		st = db_prepare(other, "UPDATE placement SET room_id = ?1");
		db_bind_int(st, 1, attic);
		if (db_run(st) != 0 || write(ready[1], "x", 1) != 1)
			_exit(1);
		usleep(300000);
		db_exec(other, "COMMIT", &err);
		db_close(other);
		_exit(0);
	}
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	onday_report_init(&rep);
	/* The move waits for the other organiser's edit, then decides on the
	 * file as that edit left it: it moves A from the Attic. */
	ck_assert_msg(onday_move(db, "A", "Big Room", 0, -1, 0, &rep, &err) == ST_OK, "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(rep.text.buf, "Attic -> day 1 10:00 Big Room"));
	waitpid(pid, NULL, 0);
	r = room_of("A");
	ck_assert_str_eq(r, "Big Room");
	free(r);
	onday_report_done(&rep);
	close(ready[0]);
	close(ready[1]);
}

END_TEST

static Suite *onday_suite(void)
{
	Suite *s = suite_create("onday");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_move_refuses_clash_unless_forced);
	tcase_add_test(tc, test_replan_keeps_times_and_takes_the_free_room);
	tcase_add_test(tc, test_replan_makes_way);
	tcase_add_test(tc, test_replan_moves_a_time_when_no_room_will_do);
	tcase_add_test(tc, test_replan_brings_a_feature);
	tcase_add_test(tc, test_replan_dry_run_changes_nothing);
	tcase_add_test(tc, test_changes_names_delegates);
	tcase_add_test(tc, test_concurrent_edit_is_seen);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(onday_suite());
}
