/* Unit tests: notices as an mbox and as CSV, for exactly the delegates a
 * move affected, with their calendars attached and safe headers. */
#include <stdlib.h>
#include <string.h>

#include "convene/changes.h"
#include "convene/db.h"
#include "convene/journal.h"
#include "convene/notice.h"
#include "convene/onday.h"
#include "convene/sample.h"
#include "testutil.h"

static struct db *db;
static int64_t before;

static void setup(void)
{
	struct error err = { 0 };
	char *dir = sample_dir();
	struct onday_report rep;

	ck_assert_ptr_nonnull(dir);
	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_msg(sample_build(db, dir, &err) == ST_OK, "%s", err.msg);
	free(dir);
	/* A delegate whose name carries a line break and an accent. */
	ck_assert_int_eq(db_exec(db,
				 "UPDATE delegate SET first_name = 'Zoë', last_name = "
				 "'Line' || char(10) || 'Bcc: x@evil.example' WHERE id = (SELECT "
				 "delegate_id FROM preference p JOIN session s ON s.id = "
				 "p.session_id WHERE s.code = 'T04' LIMIT 1)",
				 &err),
			 ST_OK);
	before = journal_last_edit(db);
	onday_report_init(&rep);
	ck_assert_msg(onday_move(db, "T04", "Atrium Suite", 0, -1, 0, &rep, &err) == ST_OK, "%s",
		      err.msg);
	onday_report_done(&rep);
}

static void teardown(void)
{
	db_close(db);
}

static int count_lines(const char *text, const char *prefix)
{
	int n = 0;
	size_t k = strlen(prefix);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		n += strncmp(p, prefix, k) == 0;
	return n;
}

START_TEST(test_mbox_one_message_each)
{
	struct notice_options o = { "desk@exchange.example", 1789000000 };
	struct changes ch;
	struct str out;
	struct error err = { 0 };
	int n = 0;

	str_init(&out);
	ck_assert_int_eq(notice_mbox(db, before, &o, &out, &n, &err), ST_OK);
	ck_assert_int_eq(changes_between(db, before, -1, &ch, &err), ST_OK);
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(n, ch.n);
	changes_done(&ch);
	ck_assert_int_eq(count_lines(out.buf, "From desk@exchange.example "), n);
	ck_assert_int_eq(count_lines(out.buf, "Content-Type: text/calendar"), n);
	ck_assert_int_eq(count_lines(out.buf, "To: "), n);
	/* No header line the file did not mean: the line break is a space. */
	ck_assert_int_eq(count_lines(out.buf, "Bcc:"), 0);
	ck_assert_ptr_nonnull(strstr(out.buf, "To: =?UTF-8?B?"));
	ck_assert_ptr_nonnull(strstr(out.buf, "QkVHSU46VkNBTEVOREFS")); /* base64 "BEGIN:VCALENDAR" */
	str_done(&out);
}

END_TEST

START_TEST(test_csv_for_a_mail_merge)
{
	struct str out;
	struct error err = { 0 };
	int n = 0;

	str_init(&out);
	ck_assert_int_eq(notice_csv(db, before, &out, &n, &err), ST_OK);
	ck_assert_int_gt(n, 0);
	ck_assert_ptr_nonnull(strstr(out.buf, "Email,Name,First name,Changes,Count\r\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "Atrium Suite"));
	str_done(&out);
}

END_TEST

START_TEST(test_last_notice)
{
	struct error err = { 0 };
	struct str out;
	int n = 0;

	ck_assert_int_eq(notice_last(db), 0);
	ck_assert_int_eq(notice_record(db, before, 3, &err), ST_OK);
	ck_assert_int_eq(notice_last(db), journal_last_edit(db));
	/* Nothing changed since the notices: nobody to tell. */
	str_init(&out);
	ck_assert_int_eq(notice_csv(db, notice_last(db), &out, &n, &err), ST_OK);
	ck_assert_int_eq(n, 0);
	str_done(&out);
}

END_TEST

static Suite *notice_suite(void)
{
	Suite *s = suite_create("notice");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_mbox_one_message_each);
	tcase_add_test(tc, test_csv_for_a_mail_merge);
	tcase_add_test(tc, test_last_notice);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(notice_suite());
}
