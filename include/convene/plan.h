/* Between the file and the solvers: build a solver's input from the
 * conference, run it, and write its result back in one edit. */
#ifndef CONVENE_PLAN_H
#define CONVENE_PLAN_H

#include <jansson.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/settings.h"
#include "convene/timetable.h"
#include "convene/util.h"

struct plan_options {
	uint64_t seed;
	double time_limit; /* seconds for each solver run */
	/* A late change to cafes and carousels: keep the rounds (rotations)
	 * before this one (1-based) and plan the rest close to what people
	 * hold; 0: an ordinary plan. */
	int from_round;
	/* What time it is, for re-seating on the day (a withdrawal): day
	 * number and minutes after midnight; now_day 0: before the event. */
	int now_day, now;
	/* Called now and then while a solver runs with the session's code, the
	 * seconds so far and the best cost yet; non-zero stops it early with
	 * the best plan found. NULL: no reports. */
	int (*progress)(const char *code, double seconds, long long best, void *arg);
	void *progress_arg;
	struct timetable_weights weights; /* the programme's soft constraints */
	int fill;       /* breakouts: also seat delegates in sessions they did not choose */
	int objective;  /* breakouts: enum alloc_objective */
	int minimum;    /* breakouts: the fewest delegates a session runs with, unless its own */
	int priority;   /* breakouts: places a session moves up for its priority groups */
	long max_steps; /* the placement's step budget; 0: none, only the time limit */
	/* Placement: who is due where for these reasons (enum due_how bits)
	 * does not bind it, because the same solve allocates, seats or rotates
	 * them again next. */
	unsigned redo;
	const int64_t *hold; /* sessions (ids) kept where they are, like pinned ones */
	int nhold;
};

/* Options from the user's settings: seed, time limit, weights and fairness. */
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
 * choices, within capacity, by the objective in opt (fair.h), and store
 * the allocation with the sessions it cancelled and its lottery. */
enum status plan_breakouts(struct db *db, const struct plan_options *opt, struct plan_log *log,
			   struct error *err);

/* Store the places of the sessions that moved from was to place (all but
 * pb's pinned ones), in one edit or the caller's; *moved gets how many. */
enum status plan_store_places(struct db *db, const struct conf *c,
			      const struct timetable_problem *pb, const struct timetable_place *was,
			      const struct timetable_place *place, int *moved, struct error *err);

/* What a solve runs: the placement, the breakouts, or cafes and
 * carousels (code: one session, NULL every one). */
enum plan_kind { PLAN_TIMETABLE, PLAN_BREAKOUTS, PLAN_CAROUSEL, PLAN_CAFE };

struct plan_target {
	enum plan_kind kind;
	const char *code;
};

/* Everything, in the order it depends on: placement, breakouts, carousels, cafes. */
extern const struct plan_target plan_everything[4];

/* Run the targets in order and store all they find in the file as one
 * edit, which undo takes back whole. They run on a private copy of the
 * file, so the file is not held while they search; if another organiser
 * changed it meanwhile, they run again from the new state, keeping the
 * sessions that organiser placed where they put them (the log says so),
 * and after three tries give up with a message naming the change and
 * write nothing. ST_PROBLEM: some target could not meet its hard
 * constraints and stored nothing (the rest is stored). */
enum status plan_solve(struct db *db, const struct plan_target *targets, int n,
		       const struct plan_options *opt, struct plan_log *log, struct error *err);

#endif
