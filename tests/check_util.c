/* Unit tests: allocation, strings, times, the generator, UTF-8 widths. */
#include <string.h>

#include "convene/csvin.h"
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
	ck_assert(!utf8_valid("Zo\xeb" "e", 4, &bad));
	ck_assert_uint_eq(bad, 2);
	ck_assert(!utf8_valid("\xc0\xaf", 2, &bad)); /* overlong */
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

static Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_str_grows);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_parse_int);
	tcase_add_test(tc, test_rng_deterministic_and_uniform);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_trim_and_ieq);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(util_suite());
}
