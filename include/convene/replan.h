/* On the day: one re-planner for every disruption.
 *
 * A disruption (a room lost for a while, a speaker late, a session
 * lengthened or cancelled, a room's capacity cut) is applied to a private copy of the
 * file, and the programme engine (timetable.h) then places the programme
 * again with the published programme as a cost: a change of room costs less
 * than a change of time, a session many delegates attend costs more to
 * move, pinned sessions stay (unless the disruption itself breaks their
 * place) and sessions that have already begun ("now") never move. Every
 * delegate keeps their allocations, seats and duties, so no move may put
 * anyone in two places.
 *
 * When no programme meets every hard rule, requirements are relaxed in a
 * fixed order, as few as possible: first a room feature (the session goes
 * to a room without it, and the organiser brings one: the room gains the
 * feature), then capacity (the session is capped at the room's seats, and
 * the report says how many more were expected). Each relaxation is named.
 * A whole programme is always the aim; if even then none exists, nothing
 * is stored.
 *
 * What the re-plan would store is reported first (a dry run stops there):
 * the moves, the relaxations and every delegate whose day changes, with
 * what changes for each (changes.h). Otherwise it is stored in the file as
 * one edit, if nobody changed the file meanwhile; if someone did, it plans
 * again from the new state. */
#ifndef CONVENE_REPLAN_H
#define CONVENE_REPLAN_H

#include "convene/db.h"
#include "convene/onday.h"
#include "convene/plan.h"
#include "convene/settings.h"

enum replan_kind {
	REPLAN_CLOSE_ROOM, /* room closed on day (0: every day) from..to */
	REPLAN_LATE,       /* speaker cannot be there until now + minutes */
	REPLAN_LENGTHEN,   /* session runs minutes long in all */
	REPLAN_CAPACITY,   /* room holds only minutes (people) now */
	REPLAN_CANCEL,     /* session does not run: kept as cancelled, undo restores it */
};

struct replan_event {
	enum replan_kind kind;
	const char *room;    /* close-room, capacity */
	const char *speaker; /* late */
	const char *session; /* lengthen, cancel */
	int day;             /* close-room: day number, 0 every day */
	int from, to;        /* close-room: minutes; -1 the day's bounds */
	int amount;          /* late: minutes late; lengthen: minutes; capacity: seats */
};

struct replan_options {
	int now_day;    /* day number of "now"; 0: nothing has happened yet */
	int now;        /* minutes after midnight on now_day */
	int dry_run;    /* report only; the file is not changed */
	int64_t expect; /* not 0: store only if no edit came after this one (a preview's) */
	struct plan_options plan; /* seed, time limit, step budget, weights, progress */
};

/* Options from the settings: the solver's, and onday.now ("DAY HH:MM";
 * empty: the clock, when today is a day of the event). */
enum status replan_options_from_settings(struct replan_options *o, const struct settings *cfg,
					 const struct conf *c, struct error *err);
/* "1 10:30" as a day number and minutes; -1 if it is not one. */
int replan_parse_now(const char *day, const char *time, int *now_day, int *now);

/* Apply the disruption and re-plan. rep gets the moves, the relaxations
 * ("relaxed": each with its session, rule and words) and the delegates
 * affected ("delegates": name, email and what changed for each). ST_OK
 * when a whole programme was stored (or would be, in a dry run);
 * ST_PROBLEM when none could be found and nothing was stored. */
enum status replan(struct db *db, const struct replan_event *ev, const struct replan_options *o,
		   struct onday_report *rep, struct error *err);

#endif
