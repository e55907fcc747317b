/* Benchmark: importing 10,000 delegates from a registration export, and
 * opening a 10,000-delegate file and listing it. Prints the figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/import.h"
#include "convene/list.h"
#include "convene/model.h"

#include "benchutil.h"

static const char *const first[] = { "Zoë", "Siân", "Łukasz", "Amara", "Renée", "Aoife",
				     "Þór", "Mateo", "Keiko", "Farah", "Sipho", "Ruth" };
static const char *const last[] = { "Hartley", "Ó Briain", "Nowak", "Okafor", "Dvořák", "Ng",
				    "Okonkwo", "Nuñez", "Tanaka", "Begum", "Patel", "Astley" };
static const char *const types[] = { "Maintained school", "Multi-academy trust", "College",
				     "Local authority", "Teaching school hub", "Diocesan board" };
static const char *const roles[] = { "Headteacher", "CEO", "SENCO", "Finance Director",
				     "Teacher", "Governor", "Principal" };

static void write_csv(const char *path, int n)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(2);
	}
	fputs("First Name,Last Name,Email,Organisation,Organisation Type,Job Title,Region,"
	      "Access Needs,Ticket Type,Dietary requirements\n", f);
	for (int i = 0; i < n; i++) {
		int org = (i * 7919) % 2000;

		fprintf(f, "%s,%s,person%d@org%d.example,\"Organisation %d, Midlands\",%s,%s,"
			   "West Midlands,%s,%s,%s\n",
			first[i % 12], last[(i / 12) % 12], i, org, org, types[org % 6], roles[i % 7],
			i % 50 == 0 ? "step_free" : "", i % 10 == 0 ? "Day 1 only" : "Two-day delegate",
			i % 3 ? "" : "Vegetarian");
	}
	fclose(f);
}

/* CPU seconds this process has used: steady when other work loads the machine. */
static double cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static double cpu_import;

static double import_once(const char *dbpath, const char *csv, int fresh)
{
	double c0;
	struct error err = { 0 };
	struct import_result res;
	struct db *db;
	double t0, t;

	if (fresh)
		bench_remove_db(dbpath);
	if (db_open(dbpath, DB_CREATE, &db, &err) ||
	    (fresh && (day_set(db, 1, "2027-03-11", 510, 1050, &err) ||
		       day_set(db, 2, "2027-03-12", 510, 990, &err))))
		die("%s", err.msg);
	import_result_init(&res);
	t0 = now_seconds();
	c0 = cpu_seconds();
	if (import_csv(db, IMPORT_DELEGATES, csv, NULL, 0, &res, &err))
		die("%s", err.msg);
	t = now_seconds() - t0;
	if (fresh && (cpu_import == 0 || cpu_seconds() - c0 < cpu_import))
		cpu_import = cpu_seconds() - c0;
	if (res.added + res.updated != res.rows)
		die("imported %d of %d rows", res.added + res.updated, res.rows);
	import_result_done(&res);
	db_close(db);
	return t;
}

static double open_and_list(const char *dbpath, size_t *bytes)
{
	struct error err = { 0 };
	struct db *db;
	struct conf c;
	struct str out;
	double t0 = now_seconds(), t;

	if (db_open(dbpath, 0, &db, &err) || conf_load(db, &c, &err))
		die("%s", err.msg);
	str_init(&out);
	if (list_write(&c, "delegates", 0, &out, &err))
		die("%s", err.msg);
	t = now_seconds() - t0;
	*bytes = out.len;
	str_done(&out);
	conf_done(&c);
	db_close(db);
	return t;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	const int n = 10000, reps = 5;
	char csv[] = "/tmp/convene-bench-XXXXXX.csv";
	char *dbpath;
	double fresh[5], again[5], list[5];
	size_t bytes = 0;
	int fd = mkstemps(csv, 4);

	locale_init();
	close(fd);
	dbpath = xasprintf("%s.convene", csv);
	write_csv(csv, n);
	for (int i = 0; i < reps; i++)
		fresh[i] = import_once(dbpath, csv, 1);
	for (int i = 0; i < reps; i++)
		again[i] = import_once(dbpath, csv, 0);
	for (int i = 0; i < reps; i++)
		list[i] = open_and_list(dbpath, &bytes);
	qsort(fresh, reps, sizeof(double), cmp);
	qsort(again, reps, sizeof(double), cmp);
	qsort(list, reps, sizeof(double), cmp);
	printf("import %d delegates into a new file:   median %.3f s (best %.3f s, %.3f s of "
	       "CPU; target < 1 s)\n", n, fresh[reps / 2], fresh[0], cpu_import);
	printf("re-import %d delegates (all updates):  median %.3f s (best %.3f s)\n", n,
	       again[reps / 2], again[0]);
	printf("open a %d-delegate file and list it:   median %.1f ms (best %.1f ms; target < "
	       "100 ms; %zu bytes listed)\n",
	       n, list[reps / 2] * 1000, list[0] * 1000, bytes);
	bench_remove_db(dbpath);
	unlink(csv);
	free(dbpath);
	return fresh[reps / 2] < 1.0 && list[reps / 2] < 0.1 ? 0 : 1;
}
