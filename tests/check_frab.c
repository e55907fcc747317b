/* Unit tests: real public schedules (31C3, 38C3, FOSDEM 2018; see
 * tests/data/SOURCES) imported with every event at the instant the
 * original gives, read here with libxml2 on its own; after-midnight
 * events on their day; windows for days that give none; types, texts and
 * guids kept; and convene's export read back whole, with no link that
 * lacks an href. */
#include <libical/ical.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/frab.h"
#include "convene/model.h"
#include "testutil.h"

#define X (const xmlChar *)

static void ok(enum status st, struct error *err)
{
	ck_assert_msg(st == ST_OK, "%s", err->msg ? err->msg : "failed");
}

/* A fresh conference with the schedule at tests/data/frab/name in it. */
static struct db *imported(const char *name, struct conf *c, struct frab_result *res)
{
	char *path = test_data(name);
	struct error err = { 0 };
	struct db *db;

	ok(db_open(":memory:", DB_CREATE, &db, &err), &err);
	frab_result_init(res);
	ok(frab_import(db, path, res, &err), &err);
	ok(conf_load(db, c, &err), &err);
	free(path);
	return db;
}

/* Seconds since 1970 of a local date and minutes in zone (minutes may run
 * past midnight). */
static long long instant(const char *date, int minutes, const char *zone)
{
	struct icaltimetype t = icaltime_from_string(date);

	t.is_date = 0;
	t.hour = t.minute = t.second = 0;
	icaltime_adjust(&t, 0, 0, minutes, 0);
	t.zone = icaltimezone_get_builtin_timezone(zone);
	return (long long)icaltime_as_timet_with_zone(t, t.zone);
}

/* The instant a schedule gives an event: its <date> with the UTC offset
 * written there, else its day's date and <start> (the next morning before
 * day_change) in zone; -1 when neither. */
static long long original(xmlNodePtr ev, const char *day, int change, const char *zone)
{
	long long when = -1;

	for (xmlNodePtr k = ev->children; k; k = k->next) {
		xmlChar *v = k->type == XML_ELEMENT_NODE ? xmlNodeGetContent(k) : NULL;
		struct tm tm = { 0 };
		int oh = 0, om = 0, h, m;
		char sign = '+';

		if (v && !xmlStrcmp(k->name, X "date") &&
		    sscanf((const char *)v, "%d-%d-%dT%d:%d:%*d%c%d:%d", &tm.tm_year, &tm.tm_mon,
			   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &sign, &oh, &om) >= 7) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			when = (long long)timegm(&tm) -
			       (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
		} else if (v && when < 0 && !xmlStrcmp(k->name, X "start") &&
			   sscanf((const char *)v, "%d:%d", &h, &m) == 2) {
			when = instant(day, h * 60 + m + (h * 60 + m < change ? 24 * 60 : 0), zone);
		}
		xmlFree(v);
	}
	return when;
}

/* Every event of the schedule at name is at the instant the original
 * gives; returns how many there are, and how many start after midnight. */
static int check_instants(const char *name, int change, int *late)
{
	char *path = test_data(name);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	struct frab_result res;
	struct conf c;
	struct db *db = imported(name, &c, &res);
	int n = 0;

	*late = 0;
	for (xmlNodePtr d = xmlDocGetRootElement(doc)->children; d; d = d->next) {
		xmlChar *day = d->type == XML_ELEMENT_NODE && !xmlStrcmp(d->name, X "day")
				       ? xmlGetProp(d, X "date")
				       : NULL;

		for (xmlNodePtr r = day ? d->children : NULL; r; r = r->next)
			for (xmlNodePtr e = r->children; e; e = e->next) {
				xmlChar *id = e->type == XML_ELEMENT_NODE ? xmlGetProp(e, X "id")
									  : NULL;
				const struct session *s;
				int k;

				if (!id)
					continue;
				k = conf_session_index(&c, (const char *)id);
				ck_assert_msg(k >= 0, "%s: event %s is missing", name, id);
				s = &c.sessions[k];
				ck_assert_msg(s->day >= 0, "%s: event %s is unplaced", name, id);
				ck_assert_msg(original(e, (const char *)day, change,
						       c.event.timezone) ==
						      instant(c.days[s->day].date, s->start,
							      c.event.timezone),
					      "%s: event %s is at another time", name, id);
				ck_assert_str_eq(c.days[s->day].date, (const char *)day);
				*late += s->start >= 24 * 60;
				n++;
				xmlFree(id);
			}
		xmlFree(day);
	}
	ck_assert_int_eq(n, c.nsessions);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
	xmlFreeDoc(doc);
	free(path);
	return n;
}

START_TEST(test_every_event_at_its_instant)
{
	int late;

	/* 31C3 gives no time zone: its offset, +01:00, becomes the zone. */
	ck_assert_int_eq(check_instants("frab/31c3-schedule.xml", -1, &late), 138);
	ck_assert_int_gt(late, 0);
	ck_assert_int_eq(check_instants("frab/38c3-schedule.xml", -1, &late), 1007);
	ck_assert_int_gt(late, 50);
	/* FOSDEM gives no dates, only each day's <start>s. */
	ck_assert_int_eq(check_instants("frab/fosdem-2018-schedule.xml", 9 * 60, &late), 689);
}

END_TEST

START_TEST(test_days_that_run_late_or_give_no_window)
{
	struct frab_result res;
	struct conf c;
	struct db *db = imported("frab/31c3-schedule.xml", &c, &res);
	int k = conf_session_index(&c, "6581");

	ck_assert_str_eq(c.event.timezone, "Etc/GMT-1");
	ck_assert_int_eq(c.days[0].start, 11 * 60);
	ck_assert_int_eq(c.days[0].end, 28 * 60); /* 04:00 the next morning */
	/* A midnight event stays on the day that holds it. */
	ck_assert_str_eq(c.days[c.sessions[k].day].date, "2014-12-27");
	ck_assert_int_eq(c.sessions[k].start, 24 * 60);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
	/* 38C3's days start in UTC and end in local time, after midnight. */
	db = imported("frab/38c3-schedule.xml", &c, &res);
	ck_assert_str_eq(c.event.timezone, "Europe/Berlin");
	ck_assert_int_eq(c.days[0].start, 10 * 60 + 30);
	ck_assert_int_eq(c.days[0].end, 30 * 60);
	ck_assert_int_eq(c.days[3].end, 18 * 60 + 45);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
	/* FOSDEM's days give no start and end: their events do. */
	db = imported("frab/fosdem-2018-schedule.xml", &c, &res);
	ck_assert_int_eq(c.days[0].start, 9 * 60 + 30);
	ck_assert_int_eq(c.days[0].end, 19 * 60);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
}

END_TEST

START_TEST(test_types_and_texts_kept)
{
	struct frab_result res;
	struct conf c;
	struct db *db = imported("frab/fosdem-2018-schedule.xml", &c, &res);
	const struct session *s = &c.sessions[conf_session_index(&c, "6245")];

	ck_assert_int_eq(s->kind, KIND_KEYNOTE);
	ck_assert_str_eq(s->frab_type, "keynote");
	ck_assert_str_eq(s->subtitle, "Twenty Years of OSI Stewardship");
	ck_assert_ptr_nonnull(strstr(s->abstract, "The Open Source label was born"));
	ck_assert_ptr_nonnull(strstr(s->description, "Open source software is now ubiquitous"));
	ck_assert_int_eq(c.sessions[conf_session_index(&c, "7294")].kind, KIND_KEYNOTE);
	s = &c.sessions[0];
	for (int i = 0; i < c.nsessions; i++)
		if (strcmp(c.sessions[i].frab_type, "devroom") == 0)
			s = &c.sessions[i];
	ck_assert_str_eq(s->frab_type, "devroom");
	ck_assert_int_eq(s->kind, KIND_TALK);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
	db = imported("frab/38c3-schedule.xml", &c, &res);
	s = &c.sessions[conf_session_index(&c, "2")];
	ck_assert_str_eq(s->title, "38C3: Opening Ceremony");
	ck_assert_str_eq(s->guid, "270fa44c-821a-577f-8ca3-33e8d4a8c2a7");
	ck_assert_str_eq(s->language, "en");
	ck_assert_str_eq(s->frab_type, "Ceremony");
	ck_assert_int_eq(s->kind, KIND_PLENARY);
	ck_assert_str_eq(s->abstract, "Glad you could make it! Take a seat and buckle up for a "
				      "ride through four days of chaotic adventures.");
	ck_assert_int_eq(c.sessions[conf_session_index(&c, "765")].kind, KIND_TALK);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
}

END_TEST

/* Write text to a temporary file; returns its path (allocated). */
static char *temp_file(const char *text, size_t len)
{
	char *path = xstrdup("/tmp/convene-frab-XXXXXX");
	int fd = mkstemp(path);

	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

START_TEST(test_zero_length_event)
{
	static const char xml[] =
		"<schedule><version>1</version><conference><title>T</title>"
		"<time_zone_name>Europe/London</time_zone_name></conference>"
		"<day date='2027-03-11' index='1'><room name='Hall'><event id='7'>"
		"<start>09:00</start><duration>00:00</duration><title>Doors open</title>"
		"</event></room></day></schedule>";
	char *path = temp_file(xml, sizeof(xml) - 1);
	struct frab_result res;
	struct error err = { 0 };
	struct conf c;
	struct db *db;

	ok(db_open(":memory:", DB_CREATE, &db, &err), &err);
	frab_result_init(&res);
	ok(frab_import(db, path, &res, &err), &err);
	ck_assert_ptr_nonnull(strstr(res.warnings.buf, ":1: event 7 lasts no time; it is given 5 "
						       "minutes"));
	ok(conf_load(db, &c, &err), &err);
	ck_assert_int_eq(c.sessions[0].duration, 5);
	ck_assert_int_eq(c.days[0].start, 9 * 60);
	conf_done(&c);
	frab_result_done(&res);
	db_close(db);
	unlink(path);
	free(path);
}

END_TEST

/* Count the <link> elements of a document, and those without an href. */
static void count_links(xmlNodePtr n, int *links, int *bare)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, X "link")) {
			xmlChar *href = xmlGetProp(n, X "href");

			(*links)++;
			*bare += !href || !*href;
			xmlFree(href);
		}
		count_links(n->children, links, bare);
	}
}

/* 31C3 exported by convene: valid against the schema, every link with an
 * href, and read back into a new conference at the same instants with
 * the same texts. */
START_TEST(test_export_reads_back)
{
	char *xsd = test_data("frab/schedule.xml.xsd"), *path;
	struct frab_result res, back;
	struct error err = { 0 };
	struct conf a, b;
	struct db *db = imported("frab/31c3-schedule.xml", &a, &res), *db2;
	struct str out;
	xmlDocPtr doc;
	int links = 0, bare = 0;

	str_init(&out);
	ok(frab_export(&a, &out, &err), &err);
	ok(frab_validate(out.buf, out.len, xsd, &err), &err);
	doc = xmlReadMemory(out.buf, (int)out.len, "x.xml", NULL, XML_PARSE_NONET);
	count_links(xmlDocGetRootElement(doc), &links, &bare);
	ck_assert_int_eq(bare, 0);
	xmlFreeDoc(doc);
	path = temp_file(out.buf, out.len);
	ok(db_open(":memory:", DB_CREATE, &db2, &err), &err);
	frab_result_init(&back);
	ok(frab_import(db2, path, &back, &err), &err);
	ok(conf_load(db2, &b, &err), &err);
	ck_assert_int_eq(b.nsessions, a.nsessions);
	for (int i = 0; i < a.nsessions; i++) {
		const struct session *x = &a.sessions[i];
		int k = conf_session_index(&b, x->code);
		const struct session *y = &b.sessions[k];

		ck_assert_int_ge(k, 0);
		ck_assert_int_eq(instant(b.days[y->day].date, y->start, b.event.timezone),
				 instant(a.days[x->day].date, x->start, a.event.timezone));
		/* 31C3's guids are not UUIDs, as the schema wants: they get one. */
		if (strlen(x->guid) == 36)
			ck_assert_str_eq(y->guid, x->guid);
		else
			ck_assert_int_eq(strlen(y->guid), 36);
		ck_assert_str_eq(y->abstract, x->abstract);
		ck_assert_str_eq(y->description, x->description);
		ck_assert_str_eq(y->frab_type, x->frab_type);
		ck_assert_int_eq(y->kind, x->kind);
	}
	conf_done(&b);
	conf_done(&a);
	frab_result_done(&back);
	frab_result_done(&res);
	db_close(db2);
	db_close(db);
	str_done(&out);
	unlink(path);
	free(path);
	free(xsd);
}

END_TEST

static Suite *frab_suite(void)
{
	Suite *s = suite_create("frab");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_every_event_at_its_instant);
	tcase_add_test(tc, test_days_that_run_late_or_give_no_window);
	tcase_add_test(tc, test_types_and_texts_kept);
	tcase_add_test(tc, test_zero_length_event);
	tcase_add_test(tc, test_export_reads_back);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(frab_suite());
}
