/* Breakouts on the file, allocated fairly: the allocation problem built
 * from a snapshot (ranked choices, musts, priority groups from roles and
 * audiences, keep-apart pairs, minimum sizes, the lottery's seed), what an
 * allocation achieved (its rank profile, worst-off delegates and
 * cancellations, for the report, the JSON and the screen), the three
 * objectives side by side, and withdrawing a delegate on the day with
 * promotion from the waitlists.
 *
 * Priority groups. A breakout is meant for the groups its audience names
 * ("headteachers;send_leads"); a delegate belongs to a group when every
 * word of it is a word of their role, the last one without its plural
 * "s": "headteachers" takes "Headteacher" and "Executive Headteacher",
 * "send_leads" takes "SEND Lead", "ceos" takes "CEO". The setting
 * allocation.priority says how many places such a breakout moves up
 * their list (breakout.h). */
#ifndef CONVENE_FAIR_H
#define CONVENE_FAIR_H

#include <jansson.h>

#include "convene/breakout.h"
#include "convene/carousel.h"
#include "convene/db.h"
#include "convene/model.h"
#include "convene/onday.h"
#include "convene/plan.h"
#include "convene/util.h"

/* A breakout allocation problem read from the file. */
struct fair_run {
	struct conf c;
	const struct session **sessions; /* per breakout: the session (running or cancelled) */
	struct breakout_session *bs;
	struct breakout_delegate *bd;
	int *choices;
	struct breakout_pair *pairs;
	struct breakout_pair *pins; /* places set by hand: delegate, breakout */
	struct breakout_problem pb;
};

/* Whether a delegate with this role belongs to the audience tag's group. */
int fair_in_group(const char *role, const char *tag);

/* Read the file (in the caller's edit, if one is open) into the problem:
 * every placed talk, panel and workshop, those cancelled before included
 * while their room is free then, so that an allocation may run them again.
 * opt gives the objective, default minimum, priority and seed. */
enum status fair_build(struct db *db, const struct plan_options *opt, struct fair_run *run,
		       struct error *err);
void fair_run_done(struct fair_run *run);

/* What an allocation achieved, added to the run's JSON summary ("objective",
 * "seed", "profile", "worst_off", "cancelled", musts) and as lines of text. */
void fair_report(const struct fair_run *run, const struct breakout_result *res, json_t *summary,
		 struct str *text);
/* Store, in the caller's edit, the sessions the allocation cancelled (and
 * reinstated) and its lottery. */
enum status fair_store(struct db *db, const struct fair_run *run, const struct breakout_result *res,
		       struct error *err);

/* Allocate by each objective, storing nothing: their profiles side by side
 * (text), and one JSON object per objective in *out. */
enum status fair_compare(struct db *db, const struct plan_options *opt, struct str *text,
			 json_t **out, struct error *err);

/* Withdraw delegate who (email or name) from session code (NULL: from
 * everything), on the day: their seat (breakout, cafe or carousel) is
 * freed and their choice of it forgotten, and each seat freed in a full
 * breakout goes to the first on its waitlist (breakout_withdraw). One
 * edit, read, decided and written inside its write transaction; rep tells
 * who moved and, by changes_between, exactly whose day changed. */
enum status fair_withdraw(struct db *db, const char *who, const char *code,
			  const struct plan_options *opt, struct onday_report *rep,
			  struct error *err);

/* The breakout allocation stored in the file, as the screen shows it:
 * each delegate's places, the seats taken, the rank profile and the worst
 * off, counted as an allocation's report counts them, by its lottery. */
struct fair_standing {
	struct fair_run run;
	int *group, ngroups; /* per breakout: its parallel group (breakout.h) */
	int *assign; /* delegate d (run.c) in group g: [d * ngroups + g], or BREAKOUT_NONE */
	int *load;   /* per breakout: delegates in it */
	struct alloc_profile profile;
	int *worst, nworst; /* delegates not given all their first choices, worst off first */
};

/* Read the stored allocation (options as for fair_build). */
enum status fair_standing_load(struct db *db, const struct plan_options *opt,
			       struct fair_standing *s, struct error *err);
void fair_standing_done(struct fair_standing *s);
/* What delegate d got in each group they count in, as the report words
 * it: "1st T04, none, 1st T10" (appended). */
void fair_standing_got(const struct fair_standing *s, int d, struct str *out);

/* How fair_allocate goes. */
enum fair_allocate_flags {
	FAIR_FORCE = 1,   /* beyond the seats, with a hard problem, a day away or apart */
	FAIR_DRY_RUN = 2, /* decide and report, and write nothing */
};

/* Put delegate who (email or name) in breakout code by hand, in place of
 * what they have at that time; the seat they leave, if its session was
 * full, goes to the first on its waitlist (breakout_move). A place beyond
 * the session's seats, a hard problem by the rule book that it makes (the
 * room over capacity, a clash with a table they host), a day they do not
 * come or someone they are kept apart from there is refused (ST_PROBLEM,
 * the reasons in err) unless FAIR_FORCE, and reported as warnings either
 * way. One edit, read, decided and written inside its write transaction;
 * rep tells who moved and, by changes_between, exactly whose day changed
 * (a dry run sees that inside its edit and drops it). rep->json "plan" is
 * the decision; expect, when not NULL, is a preview's: if the file now
 * decides otherwise (someone changed these places since), nothing is
 * written and ST_PROBLEM says so. */
enum status fair_allocate(struct db *db, const char *who, const char *code,
			  const struct plan_options *opt, unsigned flags, const char *expect,
			  struct onday_report *rep, struct error *err);

/* The keep-apart pairs among a carousel's people (idx: each one's index in
 * c->delegates); returns how many, the pairs in *out (to free). */
int fair_carousel_pairs(struct db *db, const struct conf *c, const int *idx, int n,
			struct carousel_pair **out);
/* A carousel plan's rank profile (delegate-rotations given their 1st,
 * 2nd... station, one they did not choose, or none; those who chose
 * nothing are not counted) and its worst-off delegates (idx: each one's
 * index in c->delegates; numbers: each station's number), added to the
 * run's JSON summary and as lines of text. */
void fair_carousel_report(const struct conf *c, const struct carousel_problem *p, const int *idx,
			  const int *numbers, const int *plan, json_t *summary, struct str *text);

#endif
