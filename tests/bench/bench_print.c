/* Benchmark: text timetables for 10,000 delegates (target under 1 s) and
 * PDF timetables for 1,000 (target under 10 s), on a conference built
 * through the model API: two days, 12 rooms, 64 sessions, three ranked
 * choices each, and a World Cafe of two rounds seating 8,000. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/pdf.h"
#include "convene/print.h"

#define DELEGATES 10000
#define PDF_DELEGATES 1000

static void check(enum status st, struct error *err)
{
	if (st)
		die("bench_print: %s", err->msg ? err->msg : "failed");
}

static void build_programme(struct db *db, int64_t *rooms, int64_t *sessions, int *nsessions)
{
	struct event_info ev = { .name = (char *)"Benchmark Exchange",
				 .venue = (char *)"Hall",
				 .timezone = (char *)"Europe/London",
				 .slot_minutes = 15 };
	struct error err = { 0 };
	int n = 0;

	check(event_set(db, &ev, &err), &err);
	check(day_set(db, 1, "2027-03-11", 510, 1050, &err), &err);
	check(day_set(db, 2, "2027-03-12", 510, 990, &err), &err);
	for (int r = 0; r < 12; r++) {
		char *name = xasprintf("Room %d with a longer name", r + 1);
		struct room rm = { .name = name,
				   .capacity = r ? 1200 : 12000,
				   .step_free = 1,
				   .features = (char *)"",
				   .cafe_tables = r == 1 ? 1000 : 0 };

		check(room_put(db, &rm, &rooms[r], &err), &err);
		free(name);
	}
	for (int d = 1; d <= 2; d++) {
		for (int slot = 0; slot < 4; slot++) {
			for (int k = 0; k < 8; k++) {
				char *code = xasprintf("S%d%d%02d", d, slot, k);
				char *title =
					xasprintf("Session %s: a talk with a title long enough to "
						  "wrap on a printed timetable page",
						  code);
				struct session s = { .code = code,
						     .title = title,
						     .duration = 60,
						     .capacity = -1 };

				s.kind = k == 0 ? (slot % 2 ? KIND_BREAK : KIND_KEYNOTE)
					 : (k == 1 && d == 1 && slot == 2) ? KIND_WORLD_CAFE
									   : KIND_TALK;
				check(session_put(db, &s, &sessions[n], &err), &err);
				check(placement_set(db, sessions[n], day_id(db, d), 540 + slot * 90,
						    k == 0 ? rooms[0] : rooms[k], &err),
				      &err);
				n++;
				free(code);
				free(title);
			}
		}
	}
	*nsessions = n;
}

static void build_delegates(struct db *db, const int64_t *sessions, int nsessions)
{
	struct db_stmt *st;
	struct error err = { 0 };
	int64_t org = 0, cafe = 0;

	for (int i = 0; i < nsessions && !cafe; i++)
		cafe = i == 17 ? sessions[i] : 0;
	check(cafe_set(db, cafe, 1000, 8, 2, &err), &err);
	for (int i = 0; i < DELEGATES; i++) {
		char *first = xasprintf("Zoë%d", i), *email = xasprintf("d%d@example.org", i);
		struct delegate d = { .first_name = first,
				      .last_name = (char *)"Dvořák-Hartley",
				      .email = email,
				      .role = (char *)"",
				      .region = (char *)"",
				      .access = (char *)"" };
		int64_t id;

		if (i % 10 == 0) {
			char *o = xasprintf("Organisation %d", i / 10);

			check(organisation_put(db, o, "school", &org, &err), &err);
			free(o);
		}
		check(delegate_put(db, &d, org, "{}", &id, NULL, &err), &err);
		for (int k = 0; k < 3; k++)
			check(preference_set(db, id, sessions[1 + (i + k * 7) % (nsessions - 1)], 0,
					     k + 1, &err),
			      &err);
		free(first);
		free(email);
	}
	/* Seating as the cafe solver would store it. */
	st = db_prepare(db, "INSERT INTO cafe_seat (session_id, round, delegate_id, table_no) "
			    "SELECT ?1, r.value, d.id, (d.id * r.value) % 1000 + 1 FROM delegate d, "
			    "json_each('[1,2]') r WHERE d.id <= 8000");
	db_bind_int(st, 1, cafe);
	if (db_run(st))
		die("bench_print: %s", db_errmsg(db));
}

int main(void)
{
	struct db *db;
	struct error err = { 0 };
	int64_t rooms[12], sessions[64];
	int nsessions, *ids;
	struct conf c;
	struct print_data pd;
	struct print_timetable tt;
	struct str out;
	char path[] = "/tmp/bench-print-XXXXXX";
	double t0, t1, t2;
	int fd;

	locale_init();
	check(db_open(":memory:", DB_CREATE, &db, &err), &err);
	t0 = now_seconds();
	check(db_begin(db, "build the benchmark conference", &err), &err);
	build_programme(db, rooms, sessions, &nsessions);
	build_delegates(db, sessions, nsessions);
	check(db_commit(db, &err), &err);
	printf("built %d delegates, %d sessions in %.2f s\n", DELEGATES, nsessions,
	       now_seconds() - t0);

	t0 = now_seconds();
	check(conf_load(db, &c, &err), &err);
	check(print_data_load(db, &c, &pd, &err), &err);
	t1 = now_seconds();
	str_init(&out);
	print_timetable_init(&tt, &pd);
	for (int d = 0; d < c.ndelegates; d++) {
		print_timetable_build(&tt, &pd, d, -1);
		print_timetable_text(&pd, &tt, &out);
	}
	print_timetable_done(&tt);
	t2 = now_seconds();
	printf("text timetables: %d delegates in %.3f s (load %.3f s, write %.3f s), %zu bytes "
	       "[target < 1 s]\n",
	       c.ndelegates, t2 - t0, t1 - t0, t2 - t1, out.len);
	str_done(&out);

	ids = xcalloc(PDF_DELEGATES, sizeof(int));
	for (int i = 0; i < PDF_DELEGATES; i++)
		ids[i] = i;
	fd = mkstemp(path);
	if (fd < 0)
		die("bench_print: cannot make a temporary file");
	close(fd);
	t0 = now_seconds();
	check(pdf_timetables(&pd, ids, PDF_DELEGATES, -1, path, &err), &err);
	t1 = now_seconds();
	printf("PDF timetables: %d delegates in %.3f s [target < 10 s]\n", PDF_DELEGATES, t1 - t0);
	unlink(path);
	free(ids);
	print_data_done(&pd);
	conf_done(&c);
	db_close(db);
	return 0;
}
