/* Shared by the Check suites: run one suite and report it as TAP on stdout,
 * so the test driver counts every test case. */
#ifndef CONVENE_TESTUTIL_H
#define CONVENE_TESTUTIL_H

#include <check.h>
#include <stdlib.h>

static inline int test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
