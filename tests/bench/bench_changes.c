/* Benchmark: what changed for whom. On the sample conference (343
 * delegates, solved) and on a 10,000-delegate file (64 sessions, three
 * choices each, allocated, a World Cafe seating 8,000 in two rounds), each
 * printed once and then edited: the change list since the print after a
 * move and a cafe re-seat (as `convene changes --since N` does it: open,
 * compare, close), the delegates one edit affected (what an on-the-day
 * command asks after committing), the marks since everyone's last print,
 * and the whole history. Prints the median of several runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/asof.h"
#include "convene/changes.h"
#include "convene/db.h"
#include "convene/model.h"
#include "convene/plan.h"
#include "convene/print.h"
#include "convene/sample.h"

#include "benchutil.h"

#define RUNS 7

static void check(enum status st, struct error *err)
{
	if (st)
		die("bench_changes: %s", err->msg ? err->msg : "failed");
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void sql(struct db *db, const char *what, const char *text)
{
	struct error err = { 0 };

	check(db_begin(db, what, &err), &err);
	check(db_exec(db, text, &err), &err);
	check(db_commit(db, &err), &err);
}

static void print_everyone(struct db *db)
{
	struct error err = { 0 };
	struct conf c;
	int *all;

	check(conf_load(db, &c, &err), &err);
	all = xcalloc((size_t)c.ndelegates + 1, sizeof(int));
	for (int i = 0; i < c.ndelegates; i++)
		all[i] = i;
	check(print_record(db, &c, all, c.ndelegates, "text", &err), &err);
	free(all);
	conf_done(&c);
}

/* Move the session with the most delegates allocated to the largest room
 * it is not in, and re-seat a tenth of the first cafe's seats from round 2. */
static void edit(struct db *db)
{
	sql(db, "move a session",
	    "UPDATE placement SET room_id = (SELECT id FROM room WHERE id <> placement.room_id "
	    "ORDER BY capacity DESC, id LIMIT 1) WHERE session_id = (SELECT session_id FROM "
	    "attendance GROUP BY session_id ORDER BY count(*) DESC LIMIT 1)");
	sql(db, "seat a World Cafe",
	    "UPDATE cafe_seat SET table_no = table_no % (SELECT tables FROM cafe WHERE "
	    "cafe.session_id = cafe_seat.session_id) + 1 WHERE session_id = (SELECT "
	    "min(session_id) FROM cafe) AND round >= 2 AND delegate_id % 10 = 0 AND "
	    "delegate_id NOT IN (SELECT host_delegate_id FROM cafe_table WHERE "
	    "host_delegate_id IS NOT NULL)");
}

struct figures {
	double list, one, marks, all;
	int affected, one_affected, history;
};

/* `convene changes FILE --since since`, less starting the process. */
static double time_list(const char *path, int64_t since, int *affected)
{
	struct error err = { 0 };
	struct onday_report rep;
	struct db *db;
	double t0 = now_seconds(), t;

	onday_report_init(&rep);
	check(db_open(path, 0, &db, &err), &err);
	check(changes_list(db, since, &rep, &err), &err);
	db_close(db);
	t = now_seconds() - t0;
	*affected = rep.affected;
	onday_report_done(&rep);
	return t;
}

static double time_between(struct db *db, int64_t from, int64_t to, int *affected)
{
	struct error err = { 0 };
	struct changes ch;
	double t0 = now_seconds(), t;

	check(changes_between(db, from, to, &ch, &err), &err);
	t = now_seconds() - t0;
	*affected = ch.n;
	changes_done(&ch);
	return t;
}

static double time_marks(struct db *db)
{
	struct error err = { 0 };
	struct print_data pd;
	struct conf c;
	int *all;
	double t0, t;

	check(conf_load(db, &c, &err), &err);
	check(print_data_load(db, &c, &pd, &err), &err);
	all = xcalloc((size_t)c.ndelegates + 1, sizeof(int));
	for (int i = 0; i < c.ndelegates; i++)
		all[i] = i;
	t0 = now_seconds();
	check(changes_mark(db, &pd, all, c.ndelegates, -1, &err), &err);
	t = now_seconds() - t0;
	free(all);
	print_data_done(&pd);
	conf_done(&c);
	return t;
}

static void measure(const char *path, struct figures *f)
{
	double list[RUNS], one[RUNS], marks[RUNS], all[RUNS];
	struct error err = { 0 };
	int64_t printed, last;
	struct db *db;

	check(db_open(path, 0, &db, &err), &err);
	print_everyone(db);
	printed = asof_last_edit(db);
	edit(db);
	last = asof_last_edit(db);
	for (int i = 0; i < RUNS; i++) {
		list[i] = time_list(path, printed, &f->affected);
		one[i] = time_between(db, last - 2, last - 1, &f->one_affected);
		marks[i] = time_marks(db);
		all[i] = time_between(db, 0, -1, &f->history);
	}
	db_close(db);
	qsort(list, RUNS, sizeof(double), cmp);
	qsort(one, RUNS, sizeof(double), cmp);
	qsort(marks, RUNS, sizeof(double), cmp);
	qsort(all, RUNS, sizeof(double), cmp);
	f->list = list[RUNS / 2];
	f->one = one[RUNS / 2];
	f->marks = marks[RUNS / 2];
	f->all = all[RUNS / 2];
}

static void build_sample(const char *path)
{
	struct plan_options opt = { .seed = 1, .time_limit = 2 };
	struct error err = { 0 };
	struct plan_log log;
	struct db *db;
	char *dir = sample_dir();

	if (!dir)
		die("the sample conference was not found (set CONVENE_DATADIR)");
	plan_log_init(&log);
	check(db_open(path, DB_CREATE, &db, &err), &err);
	check(sample_build(db, dir, &err), &err);
	check(plan_breakouts(db, &opt, &log, &err), &err);
	check(plan_carousel(db, NULL, &opt, &log, &err), &err);
	check(plan_cafe(db, NULL, &opt, &log, &err), &err);
	plan_log_done(&log);
	db_close(db);
	free(dir);
}

static void build_programme(struct db *db, int64_t *sessions)
{
	struct event_info ev = { .name = (char *)"Benchmark Exchange",
				 .venue = (char *)"Hall",
				 .timezone = (char *)"Europe/London",
				 .slot_minutes = 15 };
	struct error err = { 0 };
	int64_t rooms[12];
	int n = 0;

	check(event_set(db, &ev, &err), &err);
	check(day_set(db, 1, "2027-03-11", 510, 1050, &err), &err);
	check(day_set(db, 2, "2027-03-12", 510, 990, &err), &err);
	for (int r = 0; r < 12; r++) {
		char *name = xasprintf("Room %d", r + 1);
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
			for (int k = 0; k < 8; k++, n++) {
				char *code = xasprintf("S%d%d%02d", d, slot, k);
				struct session s = { .code = code,
						     .title = code,
						     .duration = 60,
						     .capacity = -1 };

				s.kind = k == 0 ? (slot % 2 ? KIND_BREAK : KIND_KEYNOTE)
					 : (k == 1 && d == 1 && slot == 2) ? KIND_WORLD_CAFE
									   : KIND_TALK;
				check(session_put(db, &s, &sessions[n], &err), &err);
				check(placement_set(db, sessions[n], day_id(db, d), 540 + slot * 90,
						    k == 0 ? rooms[0] : rooms[k], &err),
				      &err);
				free(code);
			}
		}
	}
}

static void build_delegates(struct db *db, const int64_t *sessions)
{
	struct error err = { 0 };

	check(cafe_set(db, sessions[17], 1000, 8, 2, &err), &err);
	for (int i = 0; i < 10000; i++) {
		char *first = xasprintf("Zoë%d", i), *email = xasprintf("d%d@example.org", i);
		struct delegate d = { .first_name = first,
				      .last_name = (char *)"Dvořák-Hartley",
				      .email = email,
				      .role = (char *)"",
				      .region = (char *)"",
				      .access = (char *)"" };
		int64_t id;

		check(delegate_put(db, &d, 0, "{}", &id, NULL, &err), &err);
		for (int k = 0; k < 3; k++) {
			int64_t s = sessions[1 + (i + k * 7) % 63];

			check(preference_set(db, id, s, 0, k + 1, &err), &err);
		}
		free(first);
		free(email);
	}
	check(db_exec(db,
		      "INSERT INTO cafe_seat (session_id, round, delegate_id, table_no) "
		      "SELECT c.session_id, r.value, d.id, (d.id * r.value) % 1000 + 1 FROM "
		      "delegate d, cafe c, json_each('[1,2]') r WHERE d.id <= 8000;"
		      "INSERT INTO attendance (delegate_id, session_id) SELECT p.delegate_id, "
		      "p.session_id FROM preference p JOIN session s ON s.id = p.session_id "
		      "WHERE s.kind = 'talk'",
		      &err),
	      &err);
}

static void build_big(const char *path)
{
	struct error err = { 0 };
	int64_t sessions[64];
	struct db *db;

	check(db_open(path, DB_CREATE, &db, &err), &err);
	check(db_begin(db, "build the benchmark conference", &err), &err);
	build_programme(db, sessions);
	build_delegates(db, sessions);
	check(db_commit(db, &err), &err);
	db_close(db);
}

static void report(const char *what, const struct figures *f, double target)
{
	printf("%s:\n"
	       "  changes --since the print, after a move and a re-seat: median %.1f ms, %d "
	       "delegates affected [target < %.0f ms]\n"
	       "  the delegates one move affected: median %.1f ms, %d delegates\n"
	       "  marks since everyone's last print: median %.1f ms\n"
	       "  the whole history (edit 0 to now): median %.1f ms, %d delegates\n",
	       what, f->list * 1000, f->affected, target * 1000, f->one * 1000, f->one_affected,
	       f->marks * 1000, f->all * 1000, f->history);
}

int main(void)
{
	char base[] = "/tmp/convene-bench-changes-XXXXXX";
	struct figures small, big;
	char *path;
	int fd = mkstemp(base);
	double t0;

	locale_init();
	close(fd);
	path = xasprintf("%s.convene", base);
	bench_remove_db(path);
	build_sample(path);
	measure(path, &small);
	bench_remove_db(path);
	t0 = now_seconds();
	build_big(path);
	printf("built a 10,000-delegate file in %.2f s\n", now_seconds() - t0);
	measure(path, &big);
	bench_remove_db(path);
	unlink(base);
	free(path);
	report("the sample conference (343 delegates)", &small, 0.1);
	report("10,000 delegates", &big, 1.0);
	return small.list < 0.1 && big.list < 1.0 ? 0 : 1;
}
