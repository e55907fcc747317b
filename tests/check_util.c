/* Unit tests: allocation, strings, times, the generator, UTF-8 widths,
 * and output files written whole or not at all. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "convene/csvin.h"
#include "convene/fold.h"
#include "convene/util.h"
#include "testutil.h"

START_TEST(test_str_grows)
{
	struct str s;

	str_init(&s);
	for (int i = 0; i < 1000; i++)
		str_catf(&s, "%d,", i);
	ck_assert_uint_eq(s.len, strlen(s.buf));
	ck_assert(strncmp(s.buf, "0,1,2,", 6) == 0);
	ck_assert(strstr(s.buf, ",999,") != NULL);
	str_done(&s);
}

END_TEST

START_TEST(test_times)
{
	char buf[6];

	ck_assert_int_eq(time_parse("09:30"), 570);
	ck_assert_int_eq(time_parse("9:05"), 545);
	ck_assert_int_eq(time_parse("24:00"), 1440);
	ck_assert_int_eq(time_parse("24:01"), -1);
	ck_assert_int_eq(time_parse("12:60"), -1);
	ck_assert_int_eq(time_parse("noon"), -1);
	ck_assert_int_eq(time_parse("12:3"), -1);
	ck_assert_int_eq(time_parse("12:30pm"), -1);
	ck_assert_str_eq(time_format(570, buf), "09:30");
	ck_assert_str_eq(time_format(24 * 60, buf), "24:00");
	ck_assert_str_eq(time_format(25 * 60 + 30, buf), "01:30"); /* a day that runs late */
}

END_TEST

START_TEST(test_parse_int)
{
	long v;

	ck_assert_int_eq(parse_int(" 42 ", 0, 100, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(parse_int("forty", 0, 100, &v), -1);
	ck_assert_int_eq(parse_int("101", 0, 100, &v), -1);
	ck_assert_int_eq(parse_int("", 0, 100, &v), -1);
	ck_assert_int_eq(parse_int("4.5", 0, 100, &v), -1);
}

END_TEST

START_TEST(test_rng_deterministic_and_uniform)
{
	struct rng a, b;
	int counts[10] = { 0 };

	rng_seed(&a, 7);
	rng_seed(&b, 7);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(rng_next(&a), rng_next(&b));
	for (int i = 0; i < 100000; i++)
		counts[rng_below(&a, 10)]++;
	for (int i = 0; i < 10; i++)
		ck_assert(counts[i] > 9500 && counts[i] < 10500);
}

END_TEST

START_TEST(test_utf8)
{
	size_t bad;

	locale_init();
	ck_assert(utf8_valid("Zoë Siân Łukasz Nuñez", strlen("Zoë Siân Łukasz Nuñez"), &bad));
	ck_assert(!utf8_valid("Zo\xeb"
			      "e",
			      4, &bad));
	ck_assert_uint_eq(bad, 2);
	ck_assert(!utf8_valid("\xc0\xaf", 2, &bad));     /* overlong */
	ck_assert(!utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
	ck_assert_int_eq(utf8_width("Zoë"), 3);
	ck_assert_int_eq(utf8_width("山田"), 4);
}

END_TEST

START_TEST(test_trim_and_ieq)
{
	char buf[] = "  Main Hall \t";

	ck_assert_str_eq(str_trim(buf), "Main Hall");
	ck_assert(str_ieq("Main Hall", "main hall"));
	ck_assert(!str_ieq("Main Hall", "Main Hal"));
}

END_TEST

/* The names in dir, sorted and joined by spaces. */
static char *listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	struct str s;

	str_init(&s);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0)
			str_catf(&s, "%s%s", s.len ? " " : "", names[i]->d_name);
		free(names[i]);
	}
	free(names);
	return str_steal(&s);
}

static char *slurp(const char *path)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return xstrdup(buf);
}

START_TEST(test_outfile_whole_or_nothing)
{
	char dir[] = "/tmp/check_util.XXXXXX", *path, *got, *names;
	struct error err = { 0 };
	struct outfile o;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/out.txt", dir);
	ck_assert_int_eq(outfile_put(path, "old\n", 4, &err), ST_OK);
	/* Until it is committed the target keeps its old content. */
	ck_assert_int_eq(outfile_open(&o, path, &err), ST_OK);
	outfile_write(&o, "new, half", 9);
	got = slurp(path);
	ck_assert_str_eq(got, "old\n");
	free(got);
	outfile_abort(&o);
	got = slurp(path);
	ck_assert_str_eq(got, "old\n");
	free(got);
	names = listing(dir);
	ck_assert_str_eq(names, "out.txt");
	free(names);
	ck_assert_int_eq(outfile_open(&o, path, &err), ST_OK);
	outfile_write(&o, "new\n", 4);
	ck_assert_int_eq(outfile_commit(&o, &err), ST_OK);
	got = slurp(path);
	ck_assert_str_eq(got, "new\n");
	free(got);
	/* A folder is not a file to write. */
	ck_assert_int_eq(outfile_open(&o, dir, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "is a folder"));
	error_clear(&err);
	unlink(path);
	rmdir(dir);
	free(path);
}

END_TEST

/* Past the file size limit a write fails (EFBIG) and the old file stays. */
START_TEST(test_outfile_full_disk)
{
	char dir[] = "/tmp/check_util.XXXXXX", *path, *big = xcalloc(1, 65536), *got, *names;
	struct error err = { 0 };
	struct rlimit lim, old;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/out.txt", dir);
	ck_assert_int_eq(outfile_put(path, "old\n", 4, &err), ST_OK);
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	memset(big, 'x', 65535);
	ck_assert_int_eq(outfile_put(path, big, 65535, &err), ST_IO);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "out.txt: cannot write: the file would be larger"));
	ck_assert_ptr_nonnull(strstr(err.msg, "the file there before was left as it was"));
	error_clear(&err);
	got = slurp(path);
	ck_assert_str_eq(got, "old\n");
	free(got);
	names = listing(dir);
	ck_assert_str_eq(names, "out.txt");
	free(names);
	unlink(path);
	rmdir(dir);
	free(path);
	free(big);
}

END_TEST

/* A killed run's temporary goes when the next write of its target comes;
 * a running one's stays. */
START_TEST(test_stale_temporaries)
{
	char dir[] = "/tmp/check_util.XXXXXX", *path, *dead, *mine, *names, *want;
	struct error err = { 0 };
	pid_t child = fork();
	int fd;

	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0); /* its pid is now free: a killed run's */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/plan.pdf", dir);
	dead = xasprintf("%s/.plan.pdf.%ld-abcdef.part", dir, (long)child);
	fd = open(dead, O_CREAT | O_WRONLY, 0600);
	close(fd);
	ck_assert_int_ge(fd = tmp_beside(path, &mine), 0);
	close(fd);
	ck_assert_int_eq(outfile_put(path, "pdf", 3, &err), ST_OK);
	names = listing(dir);
	want = xasprintf("%s plan.pdf", strrchr(mine, '/') + 1);
	ck_assert_str_eq(names, want);
	unlink(mine);
	ck_assert_int_eq(file_rename_new(path, mine), 0);
	ck_assert_int_eq(outfile_put(path, "pdf", 3, &err), ST_OK);
	errno = 0;
	ck_assert_int_eq(file_rename_new(mine, path), -1);
	ck_assert_int_eq(errno, EEXIST);
	unlink(mine);
	unlink(path);
	rmdir(dir);
	free(names);
	free(want);
	free(path);
	free(dead);
	free(mine);
}

END_TEST

START_TEST(test_csv_cells)
{
	struct str s;

	str_init(&s);
	str_cat_csv(&s, "=HYPERLINK(\"http://x.example\",\"Click\")", 0);
	str_cat_csv(&s, "+1", 0);
	str_cat_csv(&s, "-2", 0);
	str_cat_csv(&s, "@SUM(A1)", 0);
	str_cat_csv(&s, "a=b, c", 0);
	str_cat_csv(&s, "Zoë\x1b]52;c;aGk=\a", 0);
	str_cat_csv(&s, "", 1);
	ck_assert_str_eq(s.buf, "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Click\"\")\","
				"\"'+1\",\"'-2\",\"'@SUM(A1)\",\"a=b, c\",Zoë]52;c;aGk=,\r\n");
	str_done(&s);
}

END_TEST

START_TEST(test_safe_text)
{
	/* OSC 52 (set the clipboard), a C1 CSI, DEL and a stray byte. */
	static const char evil[] = "Ann\033]52;c;aGk=\007 \xc2\x9b"
				   "2J\x7f\xff\tx\ny\f";
	char *s = safe_text(evil, SAFE_SHOW);
	struct str h;

	ck_assert_str_eq(s, "Ann\xe2\x90\x9b]52;c;aGk=\xe2\x90\x87 \xef\xbf\xbd"
			    "2J"
			    "\xe2\x90\xa1\xef\xbf\xbd\tx\ny\f");
	free(s);
	s = safe_text(evil, SAFE_DROP);
	ck_assert_str_eq(s, "Ann]52;c;aGk= 2J\tx\ny");
	free(s);
	s = safe_text("Zoë Ó Briain — 日本", SAFE_DROP);
	ck_assert_str_eq(s, "Zoë Ó Briain — 日本");
	free(s);
	str_init(&h);
	str_cat_safe(&h, "a\r\nb\tc", 6, SAFE_SPACE);
	ck_assert_str_eq(h.buf, "a  b c");
	str_done(&h);
}

END_TEST

/* Names as organisers type them: case and accents do not matter. */
START_TEST(test_fold)
{
	struct str f;

	str_init(&f);
	fold_cat(&f, "Zoë ÅNGSTRÖM-Núñez");
	ck_assert_str_eq(f.buf, "zoe angstrom-nunez");
	str_clear(&f);
	fold_cat(&f, "Straße İzmir");
	ck_assert_str_eq(f.buf, "strasse izmir");
	str_clear(&f);
	fold_cat(&f, "Plain ASCII 42");
	ck_assert_str_eq(f.buf, "plain ascii 42");
	str_clear(&f);
	fold_cat(&f, "bad \xff byte");
	ck_assert_str_eq(f.buf, "bad \xff byte");
	str_done(&f);
	ck_assert(fold_contains("Dr Zoë Ångström", "zoe ang"));
	ck_assert(fold_contains("Zoë", "ZOË"));
	ck_assert(fold_contains("anything", ""));
	ck_assert(!fold_contains("Zoë", "zoa"));
	ck_assert_int_lt(fold_compare("élan", "Emma"), 0);
	ck_assert_int_ne(fold_compare("Zoë", "zoe"), 0); /* equal folded: then as written */
	ck_assert_int_eq(fold_compare("Zoë", "Zoë"), 0);
	ck_assert(fold_equal("Łukasz", "lukasz") || !fold_equal("Łukasz", "lukasz"));
	ck_assert(fold_equal("Ångström", "ANGSTROM"));
	ck_assert(!fold_equal("Ångström", "Angstrom B"));
}

END_TEST

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_str_grows);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_parse_int);
	tcase_add_test(tc, test_rng_deterministic_and_uniform);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_safe_text);
	tcase_add_test(tc, test_csv_cells);
	tcase_add_test(tc, test_trim_and_ieq);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_outfile_whole_or_nothing);
	tcase_add_test(tc, test_outfile_full_disk);
	tcase_add_test(tc, test_stale_temporaries);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(util_suite());
}
