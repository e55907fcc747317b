/* The organiser's screen and other organisers' edits: the screen, drawn
 * into a terminal writing to /dev/null, polls as it does between key
 * presses while another connection to the file (a thread of its own, so
 * valgrind follows both) commits room after room. Once the writer
 * has stopped and the screen has polled again, it must show every room:
 * an edit committed while the screen was reading the file must make the
 * next poll read again, never pass unseen. */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/sample.h"
#include "convene/settings.h"
#include "convene/ui.h"
#include "convene/ui_pane.h"
#include "convene/util.h"

#include "testutil.h"

#define WRITES 150

static char path[] = "/tmp/convene-ui.XXXXXX";

static void build_sample(void)
{
	struct error err = { 0 };
	char *dir = sample_dir();
	struct db *db;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	ck_assert_ptr_nonnull(dir);
	ck_assert_msg(db_open(path, DB_CREATE, &db, &err) == ST_OK, "%s", err.msg);
	ck_assert_msg(sample_build(db, dir, &err) == ST_OK, "%s", err.msg);
	db_close(db);
	free(dir);
}

static void remove_file(void)
{
	char side[sizeof(path) + 8];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static atomic_int writer_done;

/* Another organiser: WRITES rooms, one edit each; returns NULL when all
 * were written. */
static void *writer(void *arg)
{
	struct error err = { 0 };
	struct db *db;
	void *failed = arg;

	if (db_open(path, 0, &db, &err) == ST_OK) {
		int i;

		for (i = 0; i < WRITES; i++) {
			char name[32];
			struct room r = { .name = name, .capacity = 10 + i % 50 };
			int64_t id;

			snprintf(name, sizeof(name), "Writer room %d", i);
			if (db_begin(db, "add room", &err) || room_put(db, &r, &id, &err) ||
			    db_commit(db, &err))
				break;
			usleep(500);
		}
		db_close(db);
		failed = i < WRITES ? arg : NULL;
	}
	error_clear(&err);
	atomic_store(&writer_done, 1);
	return failed;
}

static int rooms_in_file(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*) FROM room");
	int n = db_step(st) == 1 ? (int)db_col_int(st, 0) : -1;

	db_reset(st);
	return n;
}

START_TEST(test_poll_sees_every_edit)
{
	struct error err = { 0 };
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct settings *cfg = settings_new();
	struct db *db;
	struct ui *ui;
	int polls = 0, reloads = 0;
	pthread_t th;
	void *failed;

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(in);
	build_sample();
	ck_assert_msg(db_open(path, 0, &db, &err) == ST_OK, "%s", err.msg);
	ui = ui_open(db, cfg, "xterm", out, in, &err);
	ck_assert_msg(ui != NULL, "%s", err.msg);
	ck_assert_int_eq(pthread_create(&th, NULL, writer, path), 0);
	while (!atomic_load(&writer_done)) {
		reloads += ui_poll(ui) != 0;
		polls++;
	}
	ck_assert_int_eq(pthread_join(th, &failed), 0);
	ck_assert_msg(failed == NULL, "the writer could not write every room");
	/* The writer has stopped: one more poll brings the screen up to date,
	 * and a poll after that has nothing left to read. */
	ui_poll(ui);
	ck_assert_int_eq(ui_poll(ui), 0);
	ck_assert_int_gt(reloads, 0);
	ck_assert_msg(ui->conf.nrooms == rooms_in_file(db),
		      "the screen shows %d rooms, the file has %d (%d polls, %d reloads)",
		      ui->conf.nrooms, rooms_in_file(db), polls, reloads);
	ui_close(ui);
	db_close(db);
	settings_free(cfg);
	fclose(out);
	fclose(in);
	remove_file();
}

END_TEST

int main(void)
{
	Suite *s = suite_create("ui");
	TCase *tc = tcase_create("poll");

	locale_init();
	setenv("TERM", "xterm", 1);
	setenv("COLUMNS", "120", 1);
	setenv("LINES", "40", 1);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_poll_sees_every_edit);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
