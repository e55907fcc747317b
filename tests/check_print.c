/* Unit tests: per-delegate timetables (exact text), room changes since the
 * last print, door sheets and facilitators' lists, iCalendar parsed back
 * with libical, frab XML validated against the schema, a frab round trip
 * and the 31C3 schedule imported whole. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/changes.h"
#include "convene/db.h"
#include "convene/export.h"
#include "convene/frab.h"
#include "convene/ics.h"
#include "convene/model.h"
#include "convene/pdf.h"
#include "convene/print.h"
#include "testutil.h"

static struct db *db;
static int64_t day1, day2, hall, upper, cafe_hall, zoe, aoife, k1, t1, c1;

static void ok(enum status st, struct error *err)
{
	ck_assert_msg(st == ST_OK, "%s", err->msg ? err->msg : "failed");
}

static int64_t add_session(const char *code, const char *title, enum session_kind kind, int duration)
{
	struct session s = { .code = (char *)code,
			     .title = (char *)title,
			     .kind = kind,
			     .duration = duration,
			     .capacity = -1 };
	struct error err = { 0 };
	int64_t id;

	ok(session_put(db, &s, &id, &err), &err);
	return id;
}

static int64_t add_room(const char *name, int capacity)
{
	struct room r = { .name = (char *)name,
			  .capacity = capacity,
			  .step_free = 1,
			  .features = (char *)"" };
	struct error err = { 0 };
	int64_t id;

	ok(room_put(db, &r, &id, &err), &err);
	return id;
}

static int64_t add_delegate(const char *first, const char *last, const char *email, int64_t org,
			    unsigned days)
{
	struct delegate d = { .first_name = (char *)first,
			      .last_name = (char *)last,
			      .email = (char *)email,
			      .role = (char *)"",
			      .region = (char *)"",
			      .access = (char *)"",
			      .days = days };
	struct error err = { 0 };
	int64_t id;

	ok(delegate_put(db, &d, org, "{}", &id, NULL, &err), &err);
	return id;
}

static void setup(void)
{
	struct event_info ev = { .name = (char *)"Test Exchange",
				 .venue = (char *)"Oakfield Academy",
				 .timezone = (char *)"Europe/London",
				 .slot_minutes = 15 };
	struct speaker sp = { .name = (char *)"Amara Okafor",
			      .title = (char *)"Professor",
			      .honours = (char *)"OBE",
			      .email = (char *)"amara@x.example" };
	struct cafe_table_in tb = { .number = 1,
				    .seats = 4,
				    .question = "What next?",
				    .step_free = 1 };
	struct error err = { 0 };
	int64_t org, spk, lunch;

	ok(db_open(":memory:", DB_CREATE, &db, &err), &err);
	ok(event_set(db, &ev, &err), &err);
	ok(day_set(db, 1, "2027-03-11", 510, 1020, &err), &err);
	ok(day_set(db, 2, "2027-03-12", 510, 960, &err), &err);
	day1 = day_id(db, 1);
	day2 = day_id(db, 2);
	hall = add_room("Main Hall", 200);
	upper = add_room("Upper Room", 25);
	cafe_hall = add_room("Cafe Hall", 60);
	ok(speaker_put(db, &sp, &spk, &err), &err);
	k1 = add_session("K1", "Opening keynote", KIND_KEYNOTE, 45);
	ok(session_speaker_add(db, k1, spk, &err), &err);
	t1 = add_session("T1", "The new inspection framework", KIND_TALK, 45);
	lunch = add_session("L1", "Lunch", KIND_MEAL, 45);
	c1 = add_session("C1", "World Cafe: our region", KIND_WORLD_CAFE, 60);
	ok(placement_set(db, k1, day1, 540, hall, &err), &err);
	ok(placement_set(db, t1, day1, 600, upper, &err), &err);
	ok(placement_set(db, lunch, day1, 720, cafe_hall, &err), &err);
	ok(placement_set(db, c1, day2, 600, cafe_hall, &err), &err);
	ok(organisation_put(db, "Oakfield MAT", "Multi-academy trust", &org, &err), &err);
	zoe = add_delegate("Zoë", "Hartley", "zoe@oakfield.example", org, 0);
	aoife = add_delegate("Aoife", "Ng", "aoife@kingsmere.example", 0, 1);
	ok(preference_set(db, zoe, t1, 0, 1, &err), &err);
	ok(cafe_set(db, c1, 2, 4, 2, &err), &err);
	tb.host_delegate = zoe;
	ok(cafe_table_put(db, c1, &tb, &err), &err);
	tb.number = 2;
	tb.question = "";
	tb.host_delegate = 0;
	ok(cafe_table_put(db, c1, &tb, &err), &err);
	ok(db_exec(db,
		   "INSERT INTO cafe_seat (session_id, round, delegate_id, table_no) "
		   "SELECT 4, 1, id, 1 FROM delegate WHERE email LIKE 'zoe%';"
		   "INSERT INTO cafe_seat (session_id, round, delegate_id, table_no) "
		   "SELECT 4, 2, id, 1 FROM delegate WHERE email LIKE 'zoe%';",
		   &err),
	   &err);
}

static void teardown(void)
{
	db_close(db);
}

/* Load the file and build delegate id's timetable as text, marked with what
 * changed since edit since (< 0: since their last print). */
static char *timetable_text(int64_t id, int64_t since)
{
	struct conf c;
	struct print_data pd;
	struct print_timetable tt;
	struct error err = { 0 };
	struct str out;
	int d = -1;

	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	for (int i = 0; i < c.ndelegates; i++)
		if (c.delegates[i].id == id)
			d = i;
	ck_assert_int_ge(d, 0);
	ok(changes_mark(db, &pd, &d, 1, since, &err), &err);
	str_init(&out);
	print_timetable_init(&tt, &pd);
	print_timetable_build(&tt, &pd, d, -1);
	print_timetable_text(&pd, &tt, &out);
	print_timetable_done(&tt);
	print_data_done(&pd);
	conf_done(&c);
	return str_steal(&out);
}

START_TEST(test_timetable_text)
{
	static const char want[] =
		"Zoë Hartley\n"
		"Oakfield MAT\n"
		"Test Exchange, Oakfield Academy\n"
		"\n"
		"Day 1, Thursday 11 March 2027\n"
		"  09:00-09:45  Main Hall   Opening keynote\n"
		"  10:00-10:45  Upper Room  The new inspection framework (chosen, not yet allocated)\n"
		"  12:00-12:45  Cafe Hall   Lunch\n"
		"\n"
		"Day 2, Friday 12 March 2027\n"
		"  10:00-11:00  Cafe Hall   World Cafe: our region\n"
		"                           Round 1  10:00-10:30  Table 1: What next? (you host this table)\n"
		"                           Round 2  10:30-11:00  Table 1: What next? (you host this table)\n";
	char *got = timetable_text(zoe, -1);

	ck_assert_str_eq(got, want);
	free(got);
}

END_TEST

START_TEST(test_day_attendance_and_allocation)
{
	static const char want[] = "Aoife Ng\n"
				   "Test Exchange, Oakfield Academy\n"
				   "\n"
				   "Day 1, Thursday 11 March 2027\n"
				   "  09:00-09:45  Main Hall   Opening keynote\n"
				   "  10:00-10:45  Upper Room  The new inspection framework\n"
				   "  12:00-12:45  Cafe Hall   Lunch\n";
	struct error err = { 0 };
	char *got;

	/* Once allocation has run, only allocated breakouts show, unmarked. */
	ok(db_exec(db, "INSERT INTO attendance (delegate_id, session_id) VALUES (2, 2)", &err),
	   &err);
	got = timetable_text(aoife, -1);
	ck_assert_str_eq(got, want);
	free(got);
	got = timetable_text(zoe, -1);
	ck_assert_ptr_null(strstr(got, "inspection"));
	free(got);
}

END_TEST

START_TEST(test_room_change_since_last_print)
{
	struct conf c;
	struct error err = { 0 };
	int zi = 0;
	int64_t edit;
	char *got;

	got = timetable_text(zoe, -1);
	ck_assert_ptr_null(strstr(got, "CHANGED"));
	free(got);
	ok(conf_load(db, &c, &err), &err);
	ok(print_record(db, &c, &zi, 1, "text", &err), &err);
	conf_done(&c);
	/* Printed, nothing moved since: no marks. */
	got = timetable_text(zoe, -1);
	ck_assert_ptr_null(strstr(got, "CHANGED"));
	free(got);
	ok(db_begin(db, "move T1", &err), &err);
	edit = db_edit_number(db);
	ok(placement_set(db, t1, day1, 600, hall, &err), &err);
	ok(db_commit(db, &err), &err);
	got = timetable_text(zoe, -1);
	ck_assert_ptr_nonnull(strstr(got,
				     "Main Hall  The new inspection framework "
				     "(chosen, not yet allocated) ROOM CHANGED (was Upper Room)"));
	free(got);
	/* --changed-since: edits after the one before the move mark it; later do not. */
	got = timetable_text(zoe, edit - 1);
	ck_assert_ptr_nonnull(strstr(got, "ROOM CHANGED (was Upper Room)"));
	free(got);
	got = timetable_text(zoe, edit);
	ck_assert_ptr_null(strstr(got, "CHANGED"));
	free(got);
}

END_TEST

START_TEST(test_sheets)
{
	struct conf c;
	struct print_data pd;
	struct error err = { 0 };
	struct str out;

	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	str_init(&out);
	print_door_text(&pd, 0, 0, &out);
	ck_assert_str_eq(out.buf, "Main Hall\nDay 1, Thursday 11 March 2027\n\n"
				  "  09:00-09:45  Opening keynote\n"
				  "               Professor Amara Okafor OBE\n");
	str_clear(&out);
	print_facilitators_text(&pd, -1, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "Round 2  10:30-11:00\n  Table 1: What next?\n"
					      "    Zoë Hartley (host)\n  Table 2\n    (nobody)\n"));
	str_clear(&out);
	print_attendance_text(&pd, 1, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "1 delegate (chosen, not yet allocated)"));
	ck_assert_ptr_nonnull(strstr(out.buf, "[ ] Zoë Hartley  Oakfield MAT\n"));
	str_done(&out);
	print_data_done(&pd);
	conf_done(&c);
}

END_TEST

START_TEST(test_ics_parses_back)
{
	struct conf c;
	struct print_data pd;
	struct print_timetable tt;
	struct error err = { 0 };
	struct str out;
	icalcomponent *cal, *ev;
	icalproperty *p;
	char *uid;
	int n = 0;

	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	str_init(&out);
	print_timetable_init(&tt, &pd);
	print_timetable_build(&tt, &pd, 0, -1);
	ok(ics_timetable(&pd, NULL, &tt, &out, &err), &err);
	cal = icalparser_parse_string(out.buf);
	ck_assert_ptr_nonnull(cal);
	ck_assert_ptr_nonnull(icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT));
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		n++;
	ck_assert_int_eq(n, 4);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	ck_assert_str_eq(icalcomponent_get_summary(ev), "Opening keynote");
	ck_assert_str_eq(icalcomponent_get_location(ev), "Main Hall");
	uid = xasprintf("K1-%lld@%s.convene", (long long)zoe, c.event.uuid);
	ck_assert_int_eq(strlen(c.event.uuid), 36);
	ck_assert_str_eq(icalcomponent_get_uid(ev), uid);
	free(uid);
	p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	ck_assert_str_eq(
		icalparameter_get_tzid(icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)),
		"Europe/London");
	ck_assert_int_eq(icalproperty_get_dtstart(p).hour, 9);
	ck_assert_int_eq(icalproperty_get_dtstart(p).day, 11);
	ck_assert_ptr_nonnull(strstr(out.buf, "Round 1 10:00-10:30: Table 1: What next?"));
	icalcomponent_free(cal);
	print_timetable_done(&tt);
	str_done(&out);
	print_data_done(&pd);
	conf_done(&c);
}

END_TEST

/* The programme's calendar from the file: the UID and SEQUENCE of the
 * event for session code into *uid (freed by the caller) and *seq. */
static void programme_event(const char *code, char **uid, int *seq)
{
	struct conf c;
	struct error err = { 0 };
	struct ics_seq *q;
	struct str out;
	icalcomponent *cal, *ev;
	size_t n = strlen(code);

	ok(conf_load(db, &c, &err), &err);
	q = ics_seq_load(db, &c);
	str_init(&out);
	ok(ics_programme(&c, q, &out, &err), &err);
	cal = icalparser_parse_string(out.buf);
	ck_assert_ptr_nonnull(cal);
	*uid = NULL;
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *u = icalcomponent_get_uid(ev);

		if (strncmp(u, code, n) == 0 && u[n] == '@') {
			*uid = xstrdup(u);
			*seq = icalcomponent_get_sequence(ev);
		}
	}
	ck_assert_ptr_nonnull(*uid);
	icalcomponent_free(cal);
	ics_seq_free(q);
	str_done(&out);
	conf_done(&c);
}

/* UIDs are the conference's own and stay; SEQUENCE rises when a session
 * moves or its room changes, and only then; file names do not collide. */
START_TEST(test_ics_uid_and_sequence)
{
	struct error err = { 0 };
	struct delegate d = { .id = 7 };
	struct room r = { .name = (char *)"Main Hall",
			  .capacity = 150,
			  .step_free = 1,
			  .features = (char *)"" };
	struct speaker sp = { .name = (char *)"Amara Okafor",
			      .title = (char *)"Dr",
			      .honours = (char *)"OBE",
			      .email = (char *)"amara@x.example" };
	char *k1_uid, *k1_again, *t1_uid, *t1_again, *a, *b;
	int k1_seq, k1_seq2, k1_seq3, t1_seq, t1_seq2;
	int64_t id;

	programme_event("K1", &k1_uid, &k1_seq);
	programme_event("T1", &t1_uid, &t1_seq);
	ck_assert_int_gt(k1_seq, 0);
	ck_assert_ptr_nonnull(strstr(k1_uid, ".convene"));
	ck_assert_int_eq((int)strlen(k1_uid), (int)strlen("K1@.convene") + 36);
	ok(db_begin(db, "move K1", &err), &err);
	ok(placement_set(db, k1, day1, 555, hall, &err), &err);
	ok(db_commit(db, &err), &err);
	programme_event("K1", &k1_again, &k1_seq2);
	programme_event("T1", &t1_again, &t1_seq2);
	ck_assert_str_eq(k1_again, k1_uid);
	ck_assert_int_gt(k1_seq2, k1_seq);
	ck_assert_str_eq(t1_again, t1_uid);
	ck_assert_int_eq(t1_seq2, t1_seq);
	free(k1_again);
	free(t1_again);
	/* A change to K1's room changes its entry too. */
	ok(db_begin(db, "rename the hall", &err), &err);
	ok(room_put(db, &r, &id, &err), &err);
	ok(db_commit(db, &err), &err);
	programme_event("K1", &k1_again, &k1_seq3);
	ck_assert_int_gt(k1_seq3, k1_seq2);
	free(k1_again);
	/* So does its speaker's name, which the entry gives, but not T1's,
	 * which has no speaker; a day's date changes every entry on it. */
	ok(db_begin(db, "rename the speaker", &err), &err);
	ok(speaker_put(db, &sp, &id, &err), &err);
	ok(db_commit(db, &err), &err);
	programme_event("K1", &k1_again, &k1_seq2);
	programme_event("T1", &t1_again, &t1_seq2);
	ck_assert_int_gt(k1_seq2, k1_seq3);
	ck_assert_int_eq(t1_seq2, t1_seq);
	free(k1_again);
	free(t1_again);
	ok(day_set(db, 1, "2027-03-18", 510, 1020, &err), &err);
	programme_event("T1", &t1_again, &t1_seq2);
	ck_assert_int_gt(t1_seq2, t1_seq);
	free(t1_again);
	free(k1_uid);
	free(t1_uid);

	d.email = (char *)"Anna+Conf@X.example";
	a = ics_file_name(&d);
	d.email = (char *)"anna_conf@x.example";
	b = ics_file_name(&d);
	ck_assert_str_eq(a, "anna%2bconf@x.example.ics");
	ck_assert_str_eq(b, "anna%5fconf@x.example.ics");
	free(a);
	free(b);
	d.email = (char *)"";
	a = ics_file_name(&d);
	ck_assert_str_eq(a, "delegate-7.ics");
	free(a);
}

END_TEST

/* The SEQUENCE of session code in Zoë's own calendar. */
static int zoe_sequence(const char *code)
{
	struct conf c;
	struct print_data pd;
	struct print_timetable tt;
	struct error err = { 0 };
	struct ics_seq *q;
	struct str out;
	icalcomponent *cal, *ev;
	int seq = -1, zi = -1;

	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	for (int i = 0; i < c.ndelegates; i++)
		if (c.delegates[i].id == zoe)
			zi = i;
	q = ics_seq_load(db, &c);
	str_init(&out);
	print_timetable_init(&tt, &pd);
	print_timetable_build(&tt, &pd, zi, -1);
	ok(ics_timetable(&pd, q, &tt, &out, &err), &err);
	cal = icalparser_parse_string(out.buf);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strncmp(icalcomponent_get_uid(ev), code, strlen(code)) == 0)
			seq = icalcomponent_get_sequence(ev);
	icalcomponent_free(cal);
	ics_seq_free(q);
	print_timetable_done(&tt);
	str_done(&out);
	print_data_done(&pd);
	conf_done(&c);
	return seq;
}

/* A delegate's entry rises when their own seat changes; others' do not. */
START_TEST(test_ics_sequence_of_a_seat)
{
	struct error err = { 0 };
	int c1_seq = zoe_sequence("C1-"), k1_seq = zoe_sequence("K1-");

	ck_assert_int_gt(c1_seq, 0);
	ok(db_begin(db, "move Zoe's seat", &err), &err);
	ok(db_exec(db, "UPDATE cafe_seat SET table_no = 2 WHERE round = 2", &err), &err);
	ok(db_commit(db, &err), &err);
	ck_assert_int_gt(zoe_sequence("C1-"), c1_seq);
	ck_assert_int_eq(zoe_sequence("K1-"), k1_seq);
}

END_TEST

START_TEST(test_frab_export_validates)
{
	char *xsd = test_data("frab/schedule.xml.xsd");
	struct conf c;
	struct error err = { 0 };
	struct str out;

	ok(conf_load(db, &c, &err), &err);
	str_init(&out);
	ok(frab_export(&c, &out, &err), &err);
	ok(frab_validate(out.buf, out.len, xsd, &err), &err);
	ck_assert_ptr_nonnull(strstr(out.buf, "<time_zone_name>Europe/London</time_zone_name>"));
	ck_assert_ptr_nonnull(strstr(out.buf, "<date>2027-03-11T09:00:00+00:00</date>"));
	/* A broken document is refused with the line at fault. */
	ck_assert_int_eq(frab_validate("<schedule><version>1</version></schedule>", 41, xsd, &err),
			 ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 1"));
	error_clear(&err);
	str_done(&out);
	conf_done(&c);
	free(xsd);
}

END_TEST

START_TEST(test_frab_round_trip)
{
	char path[] = "/tmp/convene-frab-XXXXXX";
	struct conf a, b;
	struct frab_result res;
	struct error err = { 0 };
	struct db *fresh;
	struct str out;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ok(conf_load(db, &a, &err), &err);
	str_init(&out);
	ok(frab_export(&a, &out, &err), &err);
	ck_assert_int_eq(write(fd, out.buf, out.len), (ssize_t)out.len);
	close(fd);
	ok(db_open(":memory:", DB_CREATE, &fresh, &err), &err);
	frab_result_init(&res);
	ok(frab_import(fresh, path, &res, &err), &err);
	ok(conf_load(fresh, &b, &err), &err);
	ck_assert_int_eq(b.ndays, a.ndays);
	ck_assert_str_eq(b.days[1].date, a.days[1].date);
	ck_assert_int_eq(b.nrooms, a.nrooms);
	ck_assert_int_eq(b.nspeakers, a.nspeakers);
	ck_assert_str_eq(b.speakers[0].name, "Amara Okafor");
	ck_assert_int_eq(b.nsessions, a.nsessions);
	ck_assert_str_eq(b.event.name, "Test Exchange");
	for (int i = 0; i < a.nsessions; i++) {
		const struct session *x = &a.sessions[i];
		const struct session *y = &b.sessions[conf_session_index(&b, x->code)];

		ck_assert_str_eq(y->title, x->title);
		ck_assert_int_eq(y->kind, x->kind);
		ck_assert_int_eq(y->duration, x->duration);
		ck_assert_int_eq(y->start, x->start);
		ck_assert_str_eq(b.days[y->day].date, a.days[x->day].date);
		ck_assert_str_eq(b.rooms[y->room].name, a.rooms[x->room].name);
		ck_assert_int_eq(y->nspeakers, x->nspeakers);
	}
	conf_done(&b);
	conf_done(&a);
	frab_result_done(&res);
	db_close(fresh);
	str_done(&out);
	unlink(path);
}

END_TEST

START_TEST(test_frab_31c3)
{
	char *xml = test_data("frab/31c3-schedule.xml");
	struct frab_result res;
	struct error err = { 0 };
	struct db *fresh;
	struct conf c;
	int k;

	ok(db_open(":memory:", DB_CREATE, &fresh, &err), &err);
	frab_result_init(&res);
	ok(frab_import(fresh, xml, &res, &err), &err);
	ok(conf_load(fresh, &c, &err), &err);
	ck_assert_int_eq(c.nsessions, 138);
	ck_assert_int_eq(res.placed, 138);
	ck_assert_int_eq(c.ndays, 4);
	ck_assert_str_eq(c.days[0].date, "2014-12-27");
	ck_assert_int_eq(c.days[0].start, 11 * 60);
	ck_assert_int_eq(c.nrooms, 4);
	ck_assert_int_ge(print_find_room(&c, "Saal G"), 0);
	/* 198 person ids; " Laura Poitras" and "Laura Poitras" are one person. */
	ck_assert_int_eq(c.nspeakers, 197);
	ck_assert_str_eq(c.event.name, "31. Chaos Communication Congress");
	ck_assert_int_eq(c.event.slot_minutes, 5);
	k = conf_session_index(&c, "6561");
	ck_assert_int_ge(k, 0);
	ck_assert_str_eq(c.sessions[k].title, "31C3 Opening Event");
	ck_assert_int_eq(c.sessions[k].kind, KIND_TALK);
	ck_assert_int_eq(c.sessions[k].duration, 30);
	ck_assert_int_eq(c.sessions[k].start, 11 * 60);
	ck_assert_int_eq(c.sessions[k].nspeakers, 2);
	ck_assert_str_eq(c.rooms[c.sessions[k].room].name, "Saal 1");
	/* An event after midnight stays on the day that holds it. */
	k = conf_session_index(&c, "6581");
	ck_assert_str_eq(c.days[c.sessions[k].day].date, "2014-12-27");
	ck_assert_int_eq(c.sessions[k].start, 24 * 60);
	conf_done(&c);
	frab_result_done(&res);
	db_close(fresh);
	free(xml);
}

END_TEST

START_TEST(test_frab_import_errors)
{
	char path[] = "/tmp/convene-frab-XXXXXX";
	static const char bad[] = "<?xml version='1.0'?>\n<schedule>\n<day date='2027-01-01'>\n"
				  "<room name='A'>\n<event id='1'><title>T</title>\n"
				  "<duration>soon</duration></event>\n</room></day></schedule>\n";
	struct frab_result res;
	struct error err = { 0 };
	int fd = mkstemp(path);

	ck_assert_int_eq(write(fd, bad, sizeof(bad) - 1), (ssize_t)sizeof(bad) - 1);
	close(fd);
	frab_result_init(&res);
	ck_assert_int_eq(frab_import(db, path, &res, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, ":5: event 1: duration 'soon'"));
	error_clear(&err);
	/* All or nothing: the day and room it read first are not kept. */
	ck_assert_int_eq(room_id(db, "A"), 0);
	ck_assert_int_eq(day_id(db, 3), 0);
	frab_result_done(&res);
	unlink(path);
}

END_TEST

START_TEST(test_exports_and_pdf)
{
	char path[] = "/tmp/convene-pdf-XXXXXX";
	struct conf c;
	struct print_data pd;
	struct error err = { 0 };
	struct str out;
	int ids[] = { 0, 1 }, fd = mkstemp(path);
	char head[5] = "";
	FILE *fp;

	close(fd);
	ok(conf_load(db, &c, &err), &err);
	ok(print_data_load(db, &c, &pd, &err), &err);
	str_init(&out);
	export_csv(&c, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "Day,Date,Start,End,Room,Code,Title,Kind,Speakers\r\n"
					      "1,2027-03-11,09:00,09:45,Main Hall,K1,Opening keynote,"
					      "keynote,Professor Amara Okafor OBE\r\n"));
	str_clear(&out);
	export_json(db, &pd, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "\"cafe_seating\""));
	ok(pdf_timetables(&pd, ids, 2, -1, path, &err), &err);
	fp = fopen(path, "rb");
	ck_assert_int_eq(fread(head, 1, 4, fp), 4);
	fclose(fp);
	ck_assert_str_eq(head, "%PDF");
	str_done(&out);
	print_data_done(&pd);
	conf_done(&c);
	unlink(path);
}

END_TEST

static Suite *print_suite(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_timetable_text);
	tcase_add_test(tc, test_day_attendance_and_allocation);
	tcase_add_test(tc, test_room_change_since_last_print);
	tcase_add_test(tc, test_sheets);
	tcase_add_test(tc, test_ics_parses_back);
	tcase_add_test(tc, test_ics_uid_and_sequence);
	tcase_add_test(tc, test_ics_sequence_of_a_seat);
	tcase_add_test(tc, test_frab_export_validates);
	tcase_add_test(tc, test_frab_round_trip);
	tcase_add_test(tc, test_frab_31c3);
	tcase_add_test(tc, test_frab_import_errors);
	tcase_add_test(tc, test_exports_and_pdf);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(print_suite());
}
