/* Shared by the Check suites: run one suite and report it as TAP on stdout,
 * so the test driver counts every test case, and report a test that cannot
 * run here (a tool is missing) as a TAP SKIP with its reason, never as a
 * pass. */
#ifndef CONVENE_TESTUTIL_H
#define CONVENE_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TESTDATADIR
#error "TESTDATADIR must name tests/data (set by Makefile.am)"
#endif

/* The path of a file under tests/data (allocated). */
static inline char *test_data(const char *name)
{
	const char *dir = getenv("TESTDATA");
	size_t n;
	char *path;

	if (!dir || !*dir)
		dir = TESTDATADIR;
	n = strlen(dir) + strlen(name) + 2;
	path = malloc(n);
	if (!path)
		abort();
	snprintf(path, n, "%s/%s", dir, name);
	return path;
}

/* Whether a program is on PATH. */
static inline int test_have_program(const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* Solve the integer program write(f, arg) puts in CPLEX LP format with
 * glpsol, for 60 s at most: its proven optimum, -1 if it has no solution,
 * -2 if glpsol failed or gave up. */
static inline long long test_glpsol(void (*write)(FILE *f, const void *arg), const void *arg)
{
	char lp[] = "/tmp/convene-ilp.XXXXXX", out[sizeof(lp) + 4], cmd[128], line[256];
	int fd = mkstemp(lp), empty = 0, proven = 0;
	long long best = -2;
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	ck_assert_ptr_nonnull(f);
	write(f, arg);
	fclose(f);
	snprintf(out, sizeof(out), "%s.out", lp);
	snprintf(cmd, sizeof(cmd), "glpsol --lp %s --tmlim 60 -o %s >/dev/null 2>&1", lp, out);
	if (system(cmd) == 0 && (f = fopen(out, "r"))) {
		while (fgets(line, sizeof(line), f)) {
			if (strncmp(line, "Status:", 7) == 0) {
				empty = strstr(line, "EMPTY") || strstr(line, "INFEASIBLE") ||
					strstr(line, "NO PRIMAL");
				proven = strstr(line, "OPTIMAL") != NULL;
			}
			if (sscanf(line, "Objective: obj = %lld", &best) == 1)
				break;
		}
		fclose(f);
		best = empty ? -1 : proven ? best : -2;
	}
	unlink(lp);
	unlink(out);
	return best;
}

#define TEST_MAX_SKIPS 16

/* Tests left out of this run, with the reason; reported after the rest. */
static struct {
	const char *name;
	const char *why;
} test_skips[TEST_MAX_SKIPS];

static int test_nskips;

/* Add a test, or when why is not NULL, leave it out and report it as
 * skipped with that reason. */
#define test_add_unless(tc, fn, reason)                                                            \
	do {                                                                                       \
		const char *why_ = (reason);                                                       \
		if (!why_) {                                                                       \
			tcase_add_test((tc), fn);                                                  \
		} else {                                                                           \
			if (test_nskips == TEST_MAX_SKIPS)                                         \
				abort();                                                           \
			test_skips[test_nskips].name = #fn;                                        \
			test_skips[test_nskips++].why = why_;                                      \
		}                                                                                  \
	} while (0)

/* Copy Check's TAP from f to stdout, appending the skipped tests before
 * the plan line, which Check writes last. */
static inline void test_copy_tap(FILE *f)
{
	char line[4096];
	int n = 0;

	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "1..", 3) == 0) {
			n = atoi(line + 3);
			continue;
		}
		fputs(line, stdout);
	}
	for (int i = 0; i < test_nskips; i++)
		printf("ok %d - %s # SKIP %s\n", n + i + 1, test_skips[i].name, test_skips[i].why);
	printf("1..%d\n", n + test_nskips);
	fflush(stdout);
}

static inline int test_run_suite(Suite *s)
{
	char path[] = "/tmp/convene-tap.XXXXXX";
	int fd = mkstemp(path);
	SRunner *sr = srunner_create(s);
	FILE *f;
	int failed;

	if (fd < 0) {
		perror("mkstemp");
		return EXIT_FAILURE;
	}
	close(fd);
	srunner_set_tap(sr, path);
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	f = fopen(path, "r");
	unlink(path);
	if (!f) {
		perror(path);
		return EXIT_FAILURE;
	}
	test_copy_tap(f);
	fclose(f);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
