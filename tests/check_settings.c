/* Unit tests: the settings table and its reader, and event files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/eventfile.h"
#include "convene/model.h"
#include "convene/settings.h"
#include "testutil.h"

static char *write_temp(const char *text)
{
	char *path = xstrdup("/tmp/convene-cfg-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_defaults)
{
	struct settings *cfg = settings_new();

	ck_assert_int_eq(settings_int(cfg, "solver.seed"), 1);
	ck_assert(settings_float(cfg, "solver.time_limit") > 0);
	ck_assert(settings_bool(cfg, "ui.colour"));
	settings_free(cfg);
}

END_TEST

START_TEST(test_read_values_and_warn_unknown)
{
	char *path = write_temp("solver: { seed = 42; time_limit = 2.5; };\n"
				"weights: { track_clash = 7; };\n"
				"ui: { colour = false; };\n"
				"keys: { quit = \"Q\"; };\n"
				"colour_scheme = \"dark\";\n");
	struct settings *cfg = settings_new();
	struct str warn;
	struct error err = { 0 };

	str_init(&warn);
	ck_assert_int_eq(settings_read(cfg, path, 0, &warn, &err), ST_OK);
	ck_assert_int_eq(settings_int(cfg, "solver.seed"), 42);
	ck_assert(settings_float(cfg, "solver.time_limit") == 2.5);
	ck_assert_int_eq(settings_int(cfg, "weights.track_clash"), 7);
	ck_assert(!settings_bool(cfg, "ui.colour"));
	ck_assert_str_eq(settings_extra(cfg, "keys.quit"), "Q");
	ck_assert_ptr_nonnull(strstr(warn.buf, ":5: unknown setting 'colour_scheme'"));
	str_done(&warn);
	settings_free(cfg);
	unlink(path);
	free(path);
}

END_TEST

/* The allocation objective is one of three names; another is refused
 * with the file, the line and the names allowed. */
START_TEST(test_objective_is_one_of_three)
{
	char *good = write_temp("allocation: { objective = \"generous\"; minimum = 8; };\n");
	char *bad = write_temp("\nallocation: { objective = \"fairest\"; };\n");
	struct settings *cfg = settings_new();
	struct error err = { 0 };
	char *want = xasprintf("%s:2: allocation.objective: 'fairest' is not one of total, "
			       "greedy, generous",
			       bad);

	ck_assert_str_eq(settings_string(cfg, "allocation.objective"), "total");
	ck_assert_int_eq(settings_read(cfg, good, 0, NULL, &err), ST_OK);
	ck_assert_str_eq(settings_string(cfg, "allocation.objective"), "generous");
	ck_assert_int_eq(settings_int(cfg, "allocation.minimum"), 8);
	ck_assert_int_eq(settings_read(cfg, bad, 0, NULL, &err), ST_INPUT);
	ck_assert_str_eq(err.msg, want);
	error_clear(&err);
	free(want);
	settings_free(cfg);
	unlink(good);
	unlink(bad);
	free(good);
	free(bad);
}

END_TEST

START_TEST(test_errors_name_file_and_line)
{
	char *path = write_temp("solver: {\n  seed = 1;\n  time_limit = -3.0;\n};\n");
	char *bad_syntax = write_temp("solver: { seed = ; };\n");
	char *bad_type = write_temp("\nui: { colour = \"yes\"; };\n");
	struct settings *cfg = settings_new();
	struct error err = { 0 };
	char *want = xasprintf("%s:3: solver.time_limit", path);

	ck_assert_int_eq(settings_read(cfg, path, 0, NULL, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	free(want);
	ck_assert_int_eq(settings_read(cfg, bad_syntax, 0, NULL, &err), ST_INPUT);
	want = xasprintf("%s:1:", bad_syntax);
	ck_assert_ptr_nonnull(strstr(err.msg, want));
	free(want);
	ck_assert_int_eq(settings_read(cfg, bad_type, 0, NULL, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, ":2: ui.colour: true or false"));
	ck_assert(settings_float(cfg, "solver.time_limit") > 0);
	ck_assert_int_eq(settings_read(cfg, "/nonexistent/convene.cfg", 1, NULL, &err), ST_OK);
	error_clear(&err);
	settings_free(cfg);
	unlink(path);
	unlink(bad_syntax);
	unlink(bad_type);
	free(path);
	free(bad_syntax);
	free(bad_type);
}

END_TEST

static const char event_ok[] =
	"event = { name = \"Midlands Exchange\"; venue = \"Town Hall\"; };\n"
	"days = ( { date = \"2027-03-11\"; start = \"08:30\"; end = \"17:30\"; },\n"
	"         { date = \"2027-03-12\"; start = \"08:30\"; end = \"16:30\"; } );\n"
	"rooms = ( { name = \"Main Hall\"; capacity = 400; features = [\"projector\"];\n"
	"            unavailable = ( { day = 2; from = \"15:00\"; to = \"16:30\"; } ); },\n"
	"          { name = \"Attic\"; capacity = 20; step_free = false; } );\n"
	"slots = ( { day = 1; start = \"09:00\"; end = \"10:00\"; } );\n"
	"breaks = ( { title = \"Lunch\"; kind = \"meal\"; day = 1; start = \"12:30\";\n"
	"             end = \"13:15\"; room = \"Main Hall\"; } );\n";

START_TEST(test_event_file)
{
	char *path = write_temp(event_ok);
	struct error err = { 0 };
	struct db *db;
	struct conf c;

	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(eventfile_apply(db, path, &err), ST_OK);
	ck_assert_int_eq(conf_load(db, &c, &err), ST_OK);
	ck_assert_str_eq(c.event.name, "Midlands Exchange");
	ck_assert_int_eq(c.ndays, 2);
	ck_assert_int_eq(c.days[1].end, 16 * 60 + 30);
	ck_assert_int_eq(c.nrooms, 2);
	ck_assert_int_eq(c.rooms[0].nunavailable, 1);
	ck_assert_int_eq(c.rooms[1].step_free, 0);
	ck_assert_int_eq(c.nsessions, 1);
	ck_assert_int_eq(c.sessions[0].kind, KIND_MEAL);
	ck_assert_int_eq(c.sessions[0].pinned, 1);
	ck_assert_int_eq(c.sessions[0].duration, 45);
	conf_done(&c);
	db_close(db);
	unlink(path);
	free(path);
}

END_TEST

START_TEST(test_event_file_error_writes_nothing)
{
	char *text = xstrdup(event_ok);
	char *p = strstr(text, "capacity = 20");
	char *path;
	struct error err = { 0 };
	struct db *db;
	struct db_stmt *st;

	memcpy(p, "capacity = -2", 13);
	path = write_temp(text);
	ck_assert_int_eq(db_open(":memory:", DB_CREATE, &db, &err), ST_OK);
	ck_assert_int_eq(eventfile_apply(db, path, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, ":6: capacity: -2 is not from 0"));
	st = db_prepare(db, "SELECT (SELECT count(*) FROM room) + (SELECT count(*) FROM day)");
	ck_assert_int_eq(db_step(st), 1);
	ck_assert_int_eq(db_col_int(st, 0), 0);
	db_reset(st);
	error_clear(&err);
	db_close(db);
	unlink(path);
	free(path);
	free(text);
}

END_TEST

/* The manual lists every setting: the table and the page cannot drift. */
START_TEST(test_manual_lists_every_setting)
{
	const char *data = getenv("TESTDATA");
	char *path, *text;
	FILE *f;
	long n;

	ck_assert_msg(data != NULL, "TESTDATA is not set");
	path = xasprintf("%s/../../docs/convene.1", data);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = xcalloc((size_t)n + 1, 1);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), n);
	fclose(f);
	for (int i = 0; settings_keys[i].name; i++) {
		char *key = xstrdup(settings_keys[i].name), *star = strstr(key, ".*");

		if (star)
			star[1] = '\0'; /* "keys.*" is written "keys.ACTION" */
		ck_assert_msg(strstr(text, key) != NULL, "docs/convene.1 does not list %s", key);
		free(key);
	}
	free(text);
	free(path);
}

END_TEST

static Suite *settings_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_read_values_and_warn_unknown);
	tcase_add_test(tc, test_errors_name_file_and_line);
	tcase_add_test(tc, test_event_file);
	tcase_add_test(tc, test_event_file_error_writes_nothing);
	tcase_add_test(tc, test_manual_lists_every_setting);
	tcase_add_test(tc, test_objective_is_one_of_three);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(settings_suite());
}
