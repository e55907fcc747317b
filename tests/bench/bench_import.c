/* Benchmark: importing 10,000 delegates from a registration export, the
 * same as a spreadsheet saves it with every conversion the import makes
 * (UTF-16 or Windows-1252, tabs or semicolons, CRLF or CR alone; ticket
 * statuses, a transfer, salutations beside job titles, buyers beside
 * holders, access needs asked as a question, day answers in words), a
 * re-import with --sync that removes those gone, and opening a
 * 10,000-delegate file and listing it. Prints the figures. */
#include <iconv.h>
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

static const char *const first[] = { "Zoë", "Siân",  "Łukasz", "Amara", "Renée", "Aoife",
				     "Þór", "Mateo", "Keiko",  "Farah", "Sipho", "Ruth" };
static const char *const last[] = { "Hartley", "Ó Briain", "Nowak",  "Okafor", "Dvořák", "Ng",
				    "Okonkwo", "Nuñez",    "Tanaka", "Begum",  "Patel",  "Astley" };
static const char *const types[] = { "Maintained school", "Multi-academy trust", "College",
				     "Local authority",   "Teaching school hub", "Diocesan board" };
static const char *const roles[] = { "Headteacher", "CEO",      "SENCO",    "Finance Director",
				     "Teacher",     "Governor", "Principal" };

static void write_csv(const char *path, int n)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(2);
	}
	fputs("First Name,Last Name,Email,Organisation,Organisation Type,Job Title,Region,"
	      "Access Needs,Ticket Type,Dietary requirements\n",
	      f);
	for (int i = 0; i < n; i++) {
		int org = (i * 7919) % 2000;

		fprintf(f,
			"%s,%s,person%d@org%d.example,\"Organisation %d, Midlands\",%s,%s,"
			"West Midlands,%s,%s,%s\n",
			first[i % 12], last[(i / 12) % 12], i, org, org, types[org % 6],
			roles[i % 7], i % 50 == 0 ? "step_free" : "",
			i % 10 == 0 ? "Day 1 only" : "Two-day delegate", i % 3 ? "" : "Vegetarian");
	}
	fclose(f);
}

static const char *const statuses[] = { "Attending",   "Checked In", "Cancelled", "Refunded",
					"Transferred", "Attending",  "Attending", "Attending" };
static const char *const day_answers[] = {
	"Two-day delegate", "Day two only", "Thursday", "11 March", "both",
	"Day 1, Main Hall", "all"
};
static const char *const needs[] = { "",
				     "None",
				     "I use a wheelchair, so step-free please",
				     "Hearing loop",
				     "N/A",
				     "",
				     "Large print handouts",
				     "" };

/* An Eventbrite attendee export of n tickets, every eighth holder's
 * ticket not attending (cancelled, refunded or transferred: the
 * transferred holder comes back on a ticket of their own, as a transfer
 * to oneself does), written with separator sep and line end eol, from
 * the first keep rows. Returns the rows that hold a place. */
static int write_eventbrite(struct str *s, int n, char sep, const char *eol)
{
	static const char *const heads[] = { "Order #",
					     "Prefix",
					     "First Name",
					     "Last Name",
					     "Email",
					     "Ticket Type",
					     "Attendee #",
					     "Attendee Status",
					     "Title",
					     "Job Title",
					     "Company",
					     "Buyer First Name",
					     "Buyer Last Name",
					     "Buyer Email",
					     "Do you have any access requirements?",
					     "Dietary requirements",
					     "Which local authority is your school in?" };
	int attending = 0;

	str_cat(s, "\xef\xbb\xbf");
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++)
		str_catf(s, "%s%c", heads[i], i + 1 < ARRAY_SIZE(heads) ? sep : '\0');
	s->len--;
	str_cat(s, eol);
	for (int i = 0; i < n; i++) {
		const char *st = statuses[i % 8];
		int org = (i * 7919) % 2000, back = strcmp(st, "Transferred") == 0;

		for (int k = 0; k <= back; k++) {
			str_catf(s, "%d%c%s%c%s%c%s%cperson%d@org%d.example%c%s%c%d%c%s%cDr%c%s%c",
				 600000 + i / 3, sep, i % 4 ? "Ms" : "Mr", sep, first[i % 12], sep,
				 last[(i / 12) % 12], sep, i, org, sep, day_answers[i % 7], sep,
				 7300000 + i + k * n, sep, k ? "Attending" : st, sep, sep,
				 roles[i % 7], sep);
			str_catf(s,
				 "\"Organisation %d%c Midlands \"\"North\"\"\"%cKaren%cBlythe%c"
				 "finance@org%d.example%c%s%c%s%cWalsall%s",
				 org, sep, sep, sep, sep, org, sep, needs[i % 8], sep,
				 i % 3 ? "" : "Vegetarian", sep, eol);
		}
		attending += strcmp(st, "Attending") == 0 || strcmp(st, "Checked In") == 0 || back;
	}
	return attending;
}

/* Write text converted from UTF-8 to charset at path. */
static void write_as(const char *path, const struct str *text, const char *charset)
{
	iconv_t cd = iconv_open(charset, "UTF-8");
	size_t inleft = text->len, outleft = text->len * 4 + 16, cap = outleft;
	char *in = text->buf, *buf = xmalloc(cap), *o = buf;
	FILE *f = fopen(path, "wb");

	if (cd == (iconv_t)-1 || !f || iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		die("cannot write %s as %s", path, charset);
	fwrite(buf, 1, cap - outleft, f);
	fclose(f);
	iconv_close(cd);
	free(buf);
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

/* Import the export at csv into a new two-day file (sync: into the file
 * as it is, removing those the export no longer holds); checks the
 * delegates that result. */
static double import_export(const char *dbpath, const char *csv, int sync, int want, int removed)
{
	struct import_options o = { .sync = sync };
	struct error err = { 0 };
	struct import_result res;
	struct db *db;
	double t0, t;

	if (!sync)
		bench_remove_db(dbpath);
	if (db_open(dbpath, DB_CREATE, &db, &err) ||
	    (!sync && (day_set(db, 1, "2027-03-11", 510, 1050, &err) ||
		       day_set(db, 2, "2027-03-12", 510, 990, &err))))
		die("%s", err.msg);
	import_result_init(&res);
	t0 = now_seconds();
	if (import_file(db, IMPORT_DELEGATES, csv, &o, &res, &err))
		die("%s: %s", csv, err.msg);
	t = now_seconds() - t0;
	if (res.added + res.updated != want || (sync && res.ngone != removed))
		die("%s: %d added, %d updated, %d removed; wanted %d delegates and %d removed", csv,
		    res.added, res.updated, res.ngone, want, removed);
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
	int fd = mkstemps(csv, 4), slow;

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
	{
		struct str text;
		char *u16 = xasprintf("%s.utf16.txt", csv), *w1252 = xasprintf("%s.1252.csv", csv);
		char *fewer = xasprintf("%s.fewer.txt", csv);
		double conv[5], conv2[5], sync[5];
		int want, want_fewer;

		str_init(&text);
		want = write_eventbrite(&text, n, '\t', "\r\n");
		write_as(u16, &text, "UTF-16LE");
		str_clear(&text);
		write_eventbrite(&text, n, ';', "\r");
		memmove(text.buf, text.buf + 3, text.len - 2); /* no BOM in Windows-1252 */
		text.len -= 3;
		write_as(w1252, &text, "WINDOWS-1252//TRANSLIT"); /* Łukasz as Lukasz */
		str_clear(&text);
		want_fewer = write_eventbrite(&text, n - n / 10, '\t', "\r\n");
		write_as(fewer, &text, "UTF-16LE");
		str_done(&text);
		for (int i = 0; i < reps; i++)
			conv[i] = import_export(dbpath, u16, 0, want, 0);
		for (int i = 0; i < reps; i++)
			conv2[i] = import_export(dbpath, w1252, 0, want, 0);
		for (int i = 0; i < reps; i++) {
			import_export(dbpath, u16, 0, want, 0);
			sync[i] = import_export(dbpath, fewer, 1, want_fewer, want - want_fewer);
		}
		qsort(conv, reps, sizeof(double), cmp);
		qsort(conv2, reps, sizeof(double), cmp);
		qsort(sync, reps, sizeof(double), cmp);
		printf("import a %d-ticket Eventbrite export, every conversion (%d delegates):\n"
		       "  UTF-16, tabs, CRLF:                    median %.3f s (best %.3f s; target "
		       "< 1 s)\n"
		       "  Windows-1252, semicolons, CR alone:    median %.3f s (best %.3f s; target "
		       "< 1 s)\n"
		       "  again with --sync, %d gone:          median %.3f s (best %.3f s; target "
		       "< 1 s)\n",
		       n, want, conv[reps / 2], conv[0], conv2[reps / 2], conv2[0],
		       want - want_fewer, sync[reps / 2], sync[0]);
		slow = conv[reps / 2] >= 1.0 || conv2[reps / 2] >= 1.0 || sync[reps / 2] >= 1.0;
		unlink(u16);
		unlink(w1252);
		unlink(fewer);
		free(u16);
		free(w1252);
		free(fewer);
	}
	qsort(fresh, reps, sizeof(double), cmp);
	qsort(again, reps, sizeof(double), cmp);
	qsort(list, reps, sizeof(double), cmp);
	printf("import %d delegates into a new file:   median %.3f s (best %.3f s, %.3f s of "
	       "CPU; target < 1 s)\n",
	       n, fresh[reps / 2], fresh[0], cpu_import);
	printf("re-import %d delegates (all updates):  median %.3f s (best %.3f s)\n", n,
	       again[reps / 2], again[0]);
	printf("open a %d-delegate file and list it:   median %.1f ms (best %.1f ms; target < "
	       "100 ms; %zu bytes listed)\n",
	       n, list[reps / 2] * 1000, list[0] * 1000, bytes);
	bench_remove_db(dbpath);
	unlink(csv);
	free(dbpath);
	return fresh[reps / 2] < 1.0 && list[reps / 2] < 0.1 && !slow ? 0 : 1;
}
