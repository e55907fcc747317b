/* Benchmark: on the day, on the sample conference: the re-plan after
 * closing each room in turn (on a fresh copy each time) and the whole
 * conflict list. Prints the figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/onday.h"
#include "convene/replan.h"
#include "convene/plan.h"
#include "convene/rules.h"
#include "convene/sample.h"

#include "benchutil.h"

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	if (!in || !out)
		die("cannot copy %s to %s", from, to);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void build(const char *path)
{
	struct error err = { 0 };
	struct plan_options opt = { .seed = 1, .time_limit = 5 };
	struct plan_log log;
	struct db *db;
	char *dir = sample_dir();

	if (!dir)
		die("the sample conference was not found (set CONVENE_DATADIR)");
	bench_remove_db(path);
	if (db_open(path, DB_CREATE, &db, &err) || sample_build(db, dir, &err))
		die("%s", err.msg);
	plan_log_init(&log);
	if (plan_carousel(db, NULL, &opt, &log, &err) || plan_cafe(db, NULL, &opt, &log, &err))
		die("%s", err.msg);
	plan_log_done(&log);
	db_close(db);
	free(dir);
}

int main(void)
{
	char base[] = "/tmp/convene-bench-onday-XXXXXX";
	char *work;
	double times[64], check[50], t0;
	int nrooms = 0, fd = mkstemp(base), moved = 0, unresolved = 0;
	struct error err = { 0 };
	struct db *db;
	struct conf c;

	locale_init();
	close(fd);
	work = xasprintf("%s.work", base);
	build(base);
	if (db_open(base, 0, &db, &err) || conf_load(db, &c, &err))
		die("%s", err.msg);
	db_close(db);
	for (int r = 0; r < c.nrooms && r < 64; r++) {
		struct onday_report rep;

		bench_remove_db(work);
		copy_file(base, work);
		if (db_open(work, 0, &db, &err))
			die("%s", err.msg);
		struct replan_event ev = { .kind = REPLAN_CLOSE_ROOM,
					   .room = c.rooms[r].name,
					   .day = 1,
					   .from = -1,
					   .to = -1 };
		struct replan_options o = { 0 };

		timetable_weights_init(&o.plan.weights);
		o.plan.seed = 1;
		o.plan.time_limit = 60;
		o.plan.max_steps = 400000;
		onday_report_init(&rep);
		t0 = now_seconds();
		if (replan(db, &ev, &o, &rep, &err) > ST_PROBLEM)
			die("%s", err.msg);
		times[nrooms++] = now_seconds() - t0;
		moved += rep.moved;
		unresolved += rep.unresolved;
		error_clear(&err);
		onday_report_done(&rep);
		db_close(db);
	}
	for (int i = 0; i < 50; i++) {
		struct problem_list l;

		t0 = now_seconds();
		programme_check(&c, NULL, &l);
		check[i] = now_seconds() - t0;
		problem_list_done(&l);
	}
	qsort(times, (size_t)nrooms, sizeof(double), cmp);
	qsort(check, 50, sizeof(double), cmp);
	printf("re-plan after closing each of %d rooms for day 1 of the sample conference: "
	       "median %.1f ms, slowest %.1f ms (target < 1000 ms); %d sessions moved, %d re-plans "
	       "found no whole programme\n",
	       nrooms, times[nrooms / 2] * 1000, times[nrooms - 1] * 1000, moved, unresolved);
	printf("conflict list of the sample conference (%d sessions): median %.3f ms, slowest "
	       "%.3f ms (target < 5 ms)\n",
	       c.nsessions, check[25] * 1000, check[49] * 1000);
	conf_done(&c);
	bench_remove_db(base);
	bench_remove_db(work);
	free(work);
	return times[nrooms - 1] < 1.0 && check[25] < 0.005 ? 0 : 1;
}
