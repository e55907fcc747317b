/* Between the file and the solvers: build a solver's input from the
 * conference, run it, and write its result back in one edit. */
#ifndef CONVENE_PLAN_H
#define CONVENE_PLAN_H

#include <jansson.h>

#include "convene/db.h"
#include "convene/settings.h"
#include "convene/timetable.h"
#include "convene/util.h"

struct plan_options {
	uint64_t seed;
	double time_limit; /* seconds for each solver run */
	int from_round;    /* cafe: keep rounds before this one (1-based); 0 keeps none */
	/* Called now and then while a solver runs with the session's code, the
	 * seconds so far and the best cost yet; non-zero stops it early with
	 * the best plan found. NULL: no reports. */
	int (*progress)(const char *code, double seconds, long long best, void *arg);
	void *progress_arg;
	struct timetable_weights weights; /* the programme's soft constraints */
	int fill;          /* breakouts: also seat delegates in sessions they did not choose */
};

/* The time tag a word names (opening, closing, first, last, morning,
 * afternoon, day1 ... day8) as TIMETABLE_TAG_* bits; 0 if none. */
uint64_t plan_time_tag(const char *word);

/* Options from the user's settings: seed, time limit and weights. */
void plan_options_from_settings(struct plan_options *opt, const struct settings *cfg);

/* What the runs found: a line of text each, JSON detail, and totals. */
struct plan_log {
	struct str text;
	json_t *runs; /* array of one object per run */
	long hard;
	long soft;
};

void plan_log_init(struct plan_log *log);
void plan_log_done(struct plan_log *log);

/* Seat the World Cafe with code (NULL: every one) and store the seating. */
enum status plan_cafe(struct db *db, const char *code, const struct plan_options *opt,
		      struct plan_log *log, struct error *err);
/* Rotate the carousel with code (NULL: every one) and store the rotations. */
enum status plan_carousel(struct db *db, const char *code, const struct plan_options *opt,
			  struct plan_log *log, struct error *err);

/* Place every unpinned session at a day, start and room, starting from
 * the placements the file holds (moving one costs), and store them. */
enum status plan_timetable(struct db *db, const struct plan_options *opt, struct plan_log *log,
			   struct error *err);
/* Give each delegate one session per parallel group from their ranked
 * choices, within capacity (min-cost flow), and store the allocation. */
enum status plan_breakouts(struct db *db, const struct plan_options *opt, struct plan_log *log,
			   struct error *err);
/* Score the programme as it stands: hard and soft totals, each family's
 * count and cost, and every violation with its sessions (log->runs gets
 * one object of kind "score"). */
enum status plan_score(struct db *db, const struct timetable_weights *w, struct plan_log *log,
		       struct error *err);

#endif
