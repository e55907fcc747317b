/* On the day: moving sessions, closing a room with the least disruption,
 * and listing what changed and for whom. Moves are judged by the same
 * conflict list as everything else (programme_check), so a move is refused
 * for exactly the reasons `convene check` would give. */
#ifndef CONVENE_ONDAY_H
#define CONVENE_ONDAY_H

#include <jansson.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/util.h"

/* What an on-the-day command did, for a person (text) and a script (json). */
struct onday_report {
	struct str text;
	json_t *json;
	int moved;
	int unresolved; /* sessions that could not be moved without a hard problem */
	int affected;   /* distinct delegates whose timetable changed */
	struct str why; /* a refused move or swap: the hard problems it would make */
};

void onday_report_init(struct onday_report *r);
void onday_report_done(struct onday_report *r);

/* Report whose day changed between edit from and edit to (to < 0: the
 * latest): each delegate with what changed for them, by the one
 * comparison of changes.h (text, and "delegates" and "affected" in JSON). */
enum status onday_report_affected(struct db *db, int64_t from, int64_t to, struct onday_report *rep,
				  struct error *err);

/* Where a session is, for a person: "day 1 10:00 Main Hall" or "not
 * placed" (allocated); and for a script: {day, start, room} or null. */
char *onday_where(const struct conf *c, int day, int start, int room);
json_t *onday_where_json(const struct conf *c, int day, int start, int room);

/* Move session (by code) to room, and to day/start when day > 0. A move
 * that makes a hard problem is refused (ST_PROBLEM, the reasons in err)
 * unless force is set. */
enum status onday_move(struct db *db, const char *session, const char *room, int day, int start,
		       int force, struct onday_report *rep, struct error *err);
/* Swap the times and rooms of two sessions, on the same terms. */
enum status onday_swap(struct db *db, const char *a, const char *b, int force,
		       struct onday_report *rep, struct error *err);

#endif
