/* Unit tests: CSV import by header name with synonyms, re-import by email,
 * and every kind of bad input rejected whole with file, line and column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/answers.h"
#include "convene/csvin.h"
#include "convene/db.h"
#include "convene/eventfile.h"
#include "convene/import.h"
#include "convene/model.h"
#include "testutil.h"

static struct db *db;
static char *paths[16];
static int npaths;

static const char *temp_csv(const char *text)
{
	char *path = xstrdup("/tmp/convene-import-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");

	fputs(text, f);
	fclose(f);
	paths[npaths++] = path;
	return path;
}

/* A file of len bytes, which may hold NULs (UTF-16). */
static const char *temp_bytes(const char *data, size_t len)
{
	char *path = xstrdup("/tmp/convene-import-XXXXXX");
	int fd = mkstemp(path);

	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	paths[npaths++] = path;
	return path;
}

/* text (ASCII and Latin-1 letters given as UTF-8) as UTF-16 bytes. */
static char *utf16(const char *text, int big, int bom, size_t *len)
{
	struct str s;
	const unsigned char *p = (const unsigned char *)text;

	str_init(&s);
	if (bom)
		str_catn(&s, big ? "\xfe\xff" : "\xff\xfe", 2);
	while (*p) {
		unsigned cp = *p < 0x80 ? *p : ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		char pair[2] = { (char)(big ? cp >> 8 : cp & 0xff),
				 (char)(big ? cp & 0xff : cp >> 8) };

		str_catn(&s, pair, 2);
		p += *p < 0x80 ? 1 : 2;
	}
	*len = s.len;
	return str_steal(&s);
}

static void setup(void)
{
	struct error err = { 0 };

	npaths = 0;
	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 1, "2027-03-11", 510, 1050, &err), ST_OK);
	ck_assert_int_eq(day_set(db, 2, "2027-03-12", 510, 990, &err), ST_OK);
}

static void teardown(void)
{
	db_close(db);
	for (int i = 0; i < npaths; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}

static int count(const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int n = db_step(st) == 1 ? (int)db_col_int(st, 0) : -1;

	db_reset(st);
	return n;
}

static char *text(const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	char *t = xstrdup(db_step(st) == 1 ? db_col_text(st, 0) : "");

	db_reset(st);
	return t;
}

/* Import and expect success. */
static struct import_result ok(enum import_kind kind, const char *csv)
{
	struct import_result res;
	struct error err = { 0 };
	enum status st;

	import_result_init(&res);
	st = import_csv(db, kind, temp_csv(csv), NULL, 0, &res, &err);
	ck_assert_msg(st == ST_OK, "import failed: %s", err.msg ? err.msg : "");
	import_result_done(&res);
	return res;
}

/* Import, expect failure with a message containing want, and no change. */
static void bad(enum import_kind kind, const char *csv, const char *want)
{
	struct import_result res;
	struct error err = { 0 };
	int journal = count("SELECT count(*) FROM journal");
	const char *path = temp_csv(csv);
	char *line;

	import_result_init(&res);
	ck_assert_int_eq(import_csv(db, kind, path, NULL, 0, &res, &err), ST_INPUT);
	ck_assert_msg(strstr(err.msg, want) != NULL, "'%s' not in '%s'", want, err.msg);
	line = xasprintf("%s: line", path);
	ck_assert_msg(strstr(err.msg, line) == err.msg || strstr(err.msg, path) == err.msg,
		      "no file name in '%s'", err.msg);
	free(line);
	ck_assert_int_eq(count("SELECT count(*) FROM journal"), journal);
	error_clear(&err);
	import_result_done(&res);
}

static const char registration[] =
	"\xef\xbb\xbf\"First Name\",\"Last Name\",\"Email\",\"Organisation\",\"Sector\","
	"\"Job Title\",\"Ticket Type\",\"Dietary requirements\",\"Access Needs\"\r\n"
	"Zoë,Hartley,zoe.hartley@oakfield.example,Oakfield MAT,Multi-academy trust,CEO,"
	"Two-day delegate,Vegetarian,\r\n"
	"Siân,Ó Briain,sian@kingsmere.example,Kingsmere Council,Local authority,"
	"Director of Education,Day 1 only,,wheelchair user\r\n"
	"Łukasz,Nuñez,\"lukasz@oakfield.example\",Oakfield MAT,,\"Finance Director, Trust\","
	"Day 2 only,,hearing loop\r\n";

START_TEST(test_registration_export)
{
	struct import_result r = ok(IMPORT_DELEGATES, registration);
	char *s;

	ck_assert_int_eq(r.added, 3);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM organisation"), 2);
	s = text("SELECT first_name || ' ' || last_name FROM delegate WHERE email = "
		 "'sian@kingsmere.example'");
	ck_assert_str_eq(s, "Siân Ó Briain");
	free(s);
	s = text("SELECT diet || ' ' || extra FROM delegate WHERE email = "
		 "'zoe.hartley@oakfield.example'");
	ck_assert_str_eq(s, "Vegetarian {}");
	free(s);
	ck_assert_int_eq(count("SELECT days FROM delegate WHERE email = 'sian@kingsmere.example'"),
			 1);
	ck_assert_int_eq(count("SELECT days FROM delegate WHERE email = 'lukasz@oakfield.example'"),
			 2);
	ck_assert_int_eq(count("SELECT days FROM delegate WHERE email = "
			       "'zoe.hartley@oakfield.example'"),
			 0);
	s = text("SELECT access FROM delegate WHERE email = 'sian@kingsmere.example'");
	ck_assert_str_eq(s, "step_free");
	free(s);
	s = text("SELECT role FROM delegate WHERE email = 'lukasz@oakfield.example'");
	ck_assert_str_eq(s, "Finance Director, Trust");
	free(s);
	s = text("SELECT type FROM organisation WHERE name = 'Oakfield MAT'");
	ck_assert_str_eq(s, "Multi-academy trust");
	free(s);
}

END_TEST

START_TEST(test_reimport_updates_by_email)
{
	struct import_result r;

	ok(IMPORT_DELEGATES, registration);
	r = ok(IMPORT_DELEGATES, "Email,First Name,Last Name,Job Title\n"
				 "ZOE.HARTLEY@oakfield.example,Zoë,Hartley-Brown,CEO\n"
				 "new.person@college.example,Amara,Okafor,Principal\n");
	ck_assert_int_eq(r.added, 1);
	ck_assert_int_eq(r.updated, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate"), 4);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate WHERE last_name = 'Hartley-Brown'"),
			 1);
}

END_TEST

START_TEST(test_mapping_option)
{
	struct import_map map[] = { { "role", "Position in school" } };
	struct import_result res;
	struct error err = { 0 };
	const char *path = temp_csv("Email,Name,Position in school,Job Title\n"
				    "a@b.example,Ann Lee,SENCO,ignored\n");

	import_result_init(&res);
	ck_assert_int_eq(import_csv(db, IMPORT_DELEGATES, path, map, 1, &res, &err), ST_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate WHERE role = 'SENCO' AND "
			       "first_name = 'Ann' AND last_name = 'Lee'"),
			 1);
	map[0].header = "Nope";
	ck_assert_int_eq(import_csv(db, IMPORT_DELEGATES, path, map, 1, &res, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no column 'Nope'"));
	error_clear(&err);
	import_result_done(&res);
}

END_TEST

START_TEST(test_bad_delegates)
{
	bad(IMPORT_DELEGATES, "First Name,Last Name\nA,B\n", "line 1: no column for 'email'");
	bad(IMPORT_DELEGATES, "Email,Name\na@x.example,Ann\nb@x.example,Bo\na@x.example,Al\n",
	    "line 4, column 'Email': email 'a@x.example' appears on line 2 too");
	bad(IMPORT_DELEGATES, "Email,Name\na@x.example,\"Ann\nb@x.example,Bo\n",
	    "line 2: a quoted field is not closed");
	bad(IMPORT_DELEGATES, "Email,Name\na@x.example,Ann\nb@x.example,Zo\x81\n",
	    "line 3: not valid UTF-8, nor Windows-1252");
	bad(IMPORT_DELEGATES, "Email,Name\na@x.example,Ann\nnot-an-email,Bo\n",
	    "line 3, column 'Email': 'not-an-email' is not an email address");
	bad(IMPORT_DELEGATES, "Email,Name,Days\na@x.example,Ann,VIP pass\n",
	    "line 2, column 'Days': 'VIP pass' does not say which days (write 'Both', 'Day 1', "
	    "'Thursday' or '11 March'; --map days=HEADER reads another column");
	bad(IMPORT_DELEGATES, "Email,Name,Days\na@x.example,Ann,10 June\n",
	    "line 2, column 'Days': '10 June' is not a date of this event (11 March, 12 March)");
	bad(IMPORT_DELEGATES, "Email,Name,Keep Apart\na@x.example,Ann,ghost@x.example\n",
	    "line 2, column 'Keep Apart': no delegate with email 'ghost@x.example'");
	bad(IMPORT_DELEGATES, "Email,Name\na@x.example,Ann,extra\n",
	    "line 2: 3 fields where the "
	    "header has 2");
	bad(IMPORT_DELEGATES, "", "the file is empty");
	ck_assert_int_eq(count("SELECT count(*) FROM delegate"), 0);
}

END_TEST

static const char rooms[] = "Name,Capacity,Step-free,Features,Cafe tables,Unavailable\n"
			    "Main Hall,400,yes,Projector;Hearing Loop,0,\n"
			    "Cafe Hall,120,yes,,15,2 13:00-16:30\n"
			    "Attic,20,no,flipchart,0,\n";

START_TEST(test_rooms_and_sessions)
{
	ok(IMPORT_ROOMS, rooms);
	ok(IMPORT_SPEAKERS, "Name,Title,Honours,Organisation,Email,Unavailable\n"
			    "Amara Okafor,Professor,OBE,Mercia University,amara@mercia.example,"
			    "1 08:30-12:00\n");
	ok(IMPORT_SESSIONS,
	   "Code,Title,Kind,Duration,Capacity,Audience,Track,Features,Speakers,Day,Start,Room,"
	   "Pinned,Rotations,Rotation Length,Tables,Seats,Rounds\n"
	   "K1,Opening keynote,Keynote,45,,all,,projector,amara@mercia.example,1,09:00,Main Hall,"
	   "yes,,,,,\n"
	   "CAFE1,Exchange cafe,World Café,90,,all,,,,,,,,,,12,8,3\n"
	   "CAR1,AI carousel,carousel,60,,all,ai,,,,,,,4,15,,,\n");
	ck_assert_int_eq(count("SELECT capacity FROM room WHERE name = 'main hall'"), 400);
	ck_assert_int_eq(count("SELECT count(*) FROM room_unavailable"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM room WHERE features = "
			       "'projector;hearing_loop'"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM speaker_unavailable"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM placement"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM session_speaker"), 1);
	ck_assert_int_eq(count("SELECT rounds FROM cafe"), 3);
	ck_assert_int_eq(count("SELECT rotations FROM carousel"), 4);
	ok(IMPORT_STATIONS, "Session,Station,Topic,Host,Place,Capacity,Everyone,Skip\n"
			    "CAR1,1,Safe AI,amara@mercia.example,Stage,12,yes,\n"
			    "CAR1,2,AI marking,,Table A,12,no,1;3\n");
	ck_assert_int_eq(count("SELECT skip FROM station WHERE number = 2"), 5);
	/* Re-importing rooms changes, never duplicates. */
	ok(IMPORT_ROOMS, "Room,Seats\nmain hall,350\n");
	ck_assert_int_eq(count("SELECT count(*) FROM room"), 3);
	ck_assert_int_eq(count("SELECT capacity FROM room WHERE name = 'Main Hall'"), 350);
}

END_TEST

START_TEST(test_bad_sessions)
{
	static const char head[] = "Code,Title,Kind,Duration,Day,Start,Room,Speakers\n";
	char *csv;

	ok(IMPORT_ROOMS, rooms);
	csv = xasprintf("%sT1,Talk,talk,forty,,,,\n", head);
	bad(IMPORT_SESSIONS, csv, "line 2, column 'Duration': 'forty' is not a whole number");
	free(csv);
	csv = xasprintf("%sT1,Talk,talk,40,1,09:00,Ballroom,\n", head);
	bad(IMPORT_SESSIONS, csv, "line 2, column 'Room': no room called 'Ballroom'");
	free(csv);
	csv = xasprintf("%sT1,Talk,talk,40,,,,\nT2,Talk,rave,40,,,,\n", head);
	bad(IMPORT_SESSIONS, csv, "line 3, column 'Kind': 'rave' is not a kind of session");
	free(csv);
	csv = xasprintf("%sT1,Talk,talk,40,1,,Attic,\n", head);
	bad(IMPORT_SESSIONS, csv, "line 2, column 'Start': a placement needs a day, a start");
	free(csv);
	csv = xasprintf("%sT1,Talk,talk,40,3,09:00,Attic,\n", head);
	bad(IMPORT_SESSIONS, csv, "line 2, column 'Day': '3' is not a day of this event");
	free(csv);
	csv = xasprintf("%sT1,Talk,talk,40,,,,nobody@x.example\n", head);
	bad(IMPORT_SESSIONS, csv, "line 2, column 'Speakers': no speaker 'nobody@x.example'");
	free(csv);
	csv = xasprintf("%sT1,Talk,talk,40,,,,\nt1,Talk again,talk,40,,,,\n", head);
	bad(IMPORT_SESSIONS, csv, "line 3, column 'Code': code 't1' appears on line 2 too");
	free(csv);
	bad(IMPORT_SESSIONS, "Code,Title,Kind,Duration\nC1,Cafe,world_cafe,60\n",
	    "line 2, column 'tables': a number is needed");
	ck_assert_int_eq(count("SELECT count(*) FROM session"), 0);
}

END_TEST

START_TEST(test_preferences)
{
	ok(IMPORT_ROOMS, rooms);
	ok(IMPORT_DELEGATES, registration);
	ok(IMPORT_SESSIONS, "Code,Title,Kind,Duration,Rotations,Rotation Length\n"
			    "T1,AI in the classroom,talk,40,,\nT2,SEND at scale,talk,40,,\n"
			    "T3,Finance,workshop,60,,\nCAR1,Carousel,carousel,60,3,20\n");
	ok(IMPORT_STATIONS, "Session,Station,Topic,Capacity\nCAR1,1,A,10\nCAR1,2,B,10\n"
			    "CAR1,3,C,10\n");
	ok(IMPORT_PREFERENCES, "Email,Choice,Rank\nsian@kingsmere.example,T2,1\n"
			       "sian@kingsmere.example,AI in the classroom,2\n"
			       "sian@kingsmere.example,CAR1:3,1\n");
	ck_assert_int_eq(count("SELECT count(*) FROM preference"), 3);
	ck_assert_int_eq(count("SELECT station FROM preference WHERE rank = 1 AND station > 0"), 3);
	/* The wide form replaces a delegate's choices. */
	ok(IMPORT_PREFERENCES, "Email,Choice 1,Choice 2,Choice 3\n"
			       "sian@kingsmere.example,T3,T1,\n"
			       "lukasz@oakfield.example,T1,T2,T3\n");
	ck_assert_int_eq(count("SELECT count(*) FROM preference"), 5);
	ck_assert_int_eq(count("SELECT rank FROM preference p JOIN session s ON s.id = "
			       "p.session_id WHERE s.code = 'T3' AND p.delegate_id = (SELECT id "
			       "FROM delegate WHERE email = 'lukasz@oakfield.example')"),
			 3);
	bad(IMPORT_PREFERENCES, "Email,Choice,Rank\nsian@kingsmere.example,T9,1\n",
	    "line 2, column 'Choice': no session with code or title 'T9'");
	bad(IMPORT_PREFERENCES, "Email,Choice,Rank\nwho@x.example,T1,1\n",
	    "line 2, column 'Email': no delegate with email 'who@x.example'");
	bad(IMPORT_PREFERENCES, "Email,Choice,Rank\nsian@kingsmere.example,CAR1:7,1\n",
	    "carousel CAR1 has no station 7");
	bad(IMPORT_PREFERENCES,
	    "Email,Choice,Rank\nsian@kingsmere.example,T1,1\n"
	    "sian@kingsmere.example,T1,2\n",
	    "line 3, column 'Choice': 'T1' is chosen twice");
	bad(IMPORT_PREFERENCES, "Email,Choice,Rank\nsian@kingsmere.example,T1,first\n",
	    "line 2, column 'Rank': 'first' is not a whole number");
	ck_assert_int_eq(count("SELECT count(*) FROM preference"), 5);
}

END_TEST

START_TEST(test_csv_quotes_and_lines)
{
	struct csv_table t;
	struct error err = { 0 };
	const char *data = "a,b\n\n\"multi\nline\",\"with \"\"quote\"\"\"\nx,y\n";

	ck_assert_int_eq(csvin_parse("mem", data, strlen(data), &t, &err), ST_OK);
	ck_assert_int_eq(t.nrows, 2);
	ck_assert_int_eq(t.rows[0].line, 3);
	ck_assert_str_eq(t.rows[0].fields[0], "multi\nline");
	ck_assert_str_eq(t.rows[0].fields[1], "with \"quote\"");
	ck_assert_int_eq(t.rows[1].line, 5);
	csvin_done(&t);
	data = "a,b\nx,\"bad\"quote\n";
	ck_assert_int_eq(csvin_parse("mem", data, strlen(data), &t, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "mem: line 2: a quote is misplaced"));
	error_clear(&err);
}

END_TEST

START_TEST(test_tags_and_pause)
{
	char *t;

	ok(IMPORT_ROOMS, "Name,Capacity,Tags\nMain Hall,400,Hall;Recorded\n");
	ok(IMPORT_SPEAKERS, "Name,Email,Time Tags,Room Tags,Pause\n"
			    "Amara Okafor,amara@x.example,Morning;!Day 2,hall,15\n");
	ok(IMPORT_SESSIONS, "Code,Title,Kind,Duration,Time Tags,Room Tags\n"
			    "K1,Opening keynote,keynote,45,opening,hall\n");
	t = text("SELECT tags FROM room");
	ck_assert_str_eq(t, "hall;recorded");
	free(t);
	t = text("SELECT time_tags || '|' || room_tags || '|' || pause FROM speaker");
	ck_assert_str_eq(t, "morning;!day_2|hall|15");
	free(t);
	t = text("SELECT time_tags FROM session");
	ck_assert_str_eq(t, "opening");
	free(t);
	/* A file without the columns keeps them. */
	ok(IMPORT_SPEAKERS, "Name,Email\nAmara Okafor,amara@x.example\n");
	ck_assert_int_eq(count("SELECT pause FROM speaker"), 15);
	bad(IMPORT_SESSIONS, "Code,Title,Kind,Duration,Time Tags\nK2,Closing,keynote,45,teatime\n",
	    "line 2, column 'Time Tags': 'teatime' is not a time tag");
	bad(IMPORT_SPEAKERS, "Name,Pause\nBo,forever\n",
	    "line 2, column 'Pause': 'forever' is not a whole number from 0 to 240");
}

END_TEST

START_TEST(test_csv_as_spreadsheets_save_it)
{
	/* Excel's "Unicode text": UTF-16LE with a byte-order mark, tabs. */
	size_t n;
	char *u = utf16("Email\tFirst Name\tLast Name\r\nzoe@x.example\tZoë\tHartley\r\n", 0, 1, &n);
	struct import_result r;
	struct error err = { 0 };
	struct csv_table t;
	char *s;

	import_result_init(&r);
	ck_assert_int_eq(import_csv(db, IMPORT_DELEGATES, temp_bytes(u, n), NULL, 0, &r, &err),
			 ST_OK);
	free(u);
	s = text("SELECT first_name FROM delegate WHERE email = 'zoe@x.example'");
	ck_assert_str_eq(s, "Zoë");
	free(s);
	/* UTF-16BE without a mark; European Excel: Windows-1252 and semicolons. */
	u = utf16("Email,Name\nsian@x.example,Siân Ó Briain\n", 1, 0, &n);
	ck_assert_int_eq(csvin_read(temp_bytes(u, n), &t, &err), ST_OK);
	ck_assert_str_eq(t.encoding, "UTF-16BE");
	ck_assert_str_eq(t.rows[0].fields[1], "Siân Ó Briain");
	csvin_done(&t);
	free(u);
	ck_assert_int_eq(csvin_read(temp_csv("Email;Name;Notes\nann@x.example;Ren\xe9"
					     "e "
					     "M\xfcller-\x8aimek;\"5 \x80, cash\"\n"),
				    &t, &err),
			 ST_OK);
	ck_assert_str_eq(t.encoding, "Windows-1252");
	ck_assert_int_eq(t.separator, ';');
	ck_assert_str_eq(t.rows[0].fields[1], "Renée Müller-Šimek");
	ck_assert_str_eq(t.rows[0].fields[2], "5 €, cash");
	s = csvin_describe(&t);
	ck_assert_str_eq(s, "Windows-1252 converted to UTF-8; separated by semicolons");
	free(s);
	csvin_done(&t);
	/* Old Mac line ends: an error names the right line. */
	bad(IMPORT_DELEGATES, "Email,Name\ra@x.example,Ann\rnot-an-email,Bo\r",
	    "line 3, column 'Email': 'not-an-email' is not an email address");
	ck_assert_int_eq(csvin_read(temp_bytes("Email,Name\na@x.example,A\0nn\n", 28), &t, &err),
			 ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a text file (it holds NUL bytes)"));
	error_clear(&err);
	import_result_done(&r);
}

END_TEST

/* No limit on columns: a wide file's choices, and every custom answer. */
START_TEST(test_many_columns)
{
	struct str csv;

	ok(IMPORT_SESSIONS, "Code,Title,Kind,Duration\nT1,One,talk,30\nT2,Two,talk,30\n");
	str_init(&csv);
	str_cat(&csv, "Email,Name");
	for (int i = 1; i <= 300; i++)
		str_catf(&csv, ",Question %d", i);
	str_cat(&csv, "\nann@x.example,Ann Lee");
	for (int i = 1; i <= 300; i++)
		str_catf(&csv, ",answer %d", i);
	str_cat(&csv, "\n");
	ok(IMPORT_DELEGATES, csv.buf);
	ck_assert_int_eq(count("SELECT count(*) FROM delegate, json_each(delegate.extra)"), 300);
	str_clear(&csv);
	str_cat(&csv, "Email");
	for (int i = 1; i <= 255; i++)
		str_catf(&csv, ",Note %d", i);
	str_cat(&csv, ",Choice 1,Choice 2\nann@x.example");
	for (int i = 1; i <= 255; i++)
		str_cat(&csv, ",");
	str_cat(&csv, ",T2,T1\n");
	ok(IMPORT_PREFERENCES, csv.buf);
	ck_assert_int_eq(count("SELECT rank FROM preference JOIN session ON session.id = "
			       "session_id WHERE code = 'T2'"),
			 1);
	str_done(&csv);
}

END_TEST

/* Day answers as people write them, read against 11 and 12 March 2027
 * (a Thursday and a Friday). */
START_TEST(test_day_answers)
{
	static const struct {
		const char *text;
		int ok;
		unsigned days;
	} cases[] = {
		{ "Day 1", 1, 1 },
		{ "day two", 1, 2 },
		{ "Day two only", 1, 2 },
		{ "Thursday", 1, 1 },
		{ "Fri", 1, 2 },
		{ "11 March", 1, 1 },
		{ "March 12th", 1, 2 },
		{ "12/03/2027", 1, 2 },
		{ "2027-03-11", 1, 1 },
		{ "both", 1, 0 },
		{ "All days", 1, 0 },
		{ "Two-day delegate", 1, 0 },
		{ "1;2", 1, 0 },
		{ "Day 1 only, Main Hall", 1, 1 },
		{ "Day 1 (Thursday 11 March), Day 2 (Friday 12 March)", 1, 0 },
		{ "second day", 1, 2 },
		{ "10 June", 0, 0 },
		{ "Day 3", 0, 0 },
		{ "Monday", 0, 0 },
		{ "VIP pass", 0, 0 },
		{ "General Admission", 0, 0 },
		{ "10", 0, 0 },
	};
	struct event_days ed = { 0 };
	struct str why;

	ck_assert_int_eq(answer_days_add(&ed, 1, "2027-03-11"), 0);
	ck_assert_int_eq(answer_days_add(&ed, 2, "2027-03-12"), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned days = 99;
		int rc;

		str_init(&why);
		rc = answer_days(&ed, cases[i].text, &days, &why);
		ck_assert_msg(rc == (cases[i].ok ? 0 : -1), "'%s': %d (%s)", cases[i].text, rc,
			      why.buf ? why.buf : "");
		if (cases[i].ok)
			ck_assert_msg(days == cases[i].days, "'%s': days %u", cases[i].text, days);
		else
			ck_assert_ptr_nonnull(strstr(why.buf, cases[i].text));
		str_done(&why);
	}
}

END_TEST

START_TEST(test_ticket_and_needs_answers)
{
	char *s;

	ck_assert_int_eq(answer_ticket(""), TICKET_ATTENDING);
	ck_assert_int_eq(answer_ticket("Checked In"), TICKET_ATTENDING);
	ck_assert_int_eq(answer_ticket("valid"), TICKET_ATTENDING);
	ck_assert_int_eq(answer_ticket("Not Attending"), TICKET_CANCELLED);
	ck_assert_int_eq(answer_ticket("REFUNDED"), TICKET_REFUNDED);
	ck_assert_int_eq(answer_ticket("voided"), TICKET_VOID);
	ck_assert_int_eq(answer_ticket("Transferred"), TICKET_TRANSFERRED);
	ck_assert_int_eq(answer_ticket("Lost"), -1);
	s = answer_access("N/A");
	ck_assert_str_eq(s, "");
	free(s);
	s = answer_access("Yes, I use a wheelchair; hearing loop please");
	ck_assert_str_eq(s, "step_free;hearing_loop");
	free(s);
	s = answer_access("None");
	ck_assert_str_eq(s, "");
	free(s);
	s = answer_diet("No dietary requirements");
	ck_assert_str_eq(s, "");
	free(s);
	s = answer_diet(" Halal ");
	ck_assert_str_eq(s, "Halal");
	free(s);
}

END_TEST

/* The best header wins, wherever it stands: "Job Title" over "Title", a
 * ticket holder's email over the buyer's. */
START_TEST(test_best_match)
{
	ok(IMPORT_DELEGATES, "Title,Buyer Email,First Name,Last Name,Job Title,Attendee Email\n"
			     "Mrs,boss@x.example,Ann,Lee,SENCO,ann@x.example\n");
	ck_assert_int_eq(count("SELECT count(*) FROM delegate WHERE email = 'ann@x.example' AND "
			       "role = 'SENCO'"),
			 1);
	ok(IMPORT_DELEGATES, "Buyer Email,Name\nbo@x.example,Bo Ray\n");
	ck_assert_int_eq(count("SELECT count(*) FROM delegate WHERE email = 'bo@x.example'"), 1);
}

END_TEST

static Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_registration_export);
	tcase_add_test(tc, test_reimport_updates_by_email);
	tcase_add_test(tc, test_mapping_option);
	tcase_add_test(tc, test_bad_delegates);
	tcase_add_test(tc, test_rooms_and_sessions);
	tcase_add_test(tc, test_bad_sessions);
	tcase_add_test(tc, test_preferences);
	tcase_add_test(tc, test_csv_quotes_and_lines);
	tcase_add_test(tc, test_csv_as_spreadsheets_save_it);
	tcase_add_test(tc, test_many_columns);
	tcase_add_test(tc, test_day_answers);
	tcase_add_test(tc, test_ticket_and_needs_answers);
	tcase_add_test(tc, test_best_match);
	tcase_add_test(tc, test_tags_and_pause);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(import_suite());
}
