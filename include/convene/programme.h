/* The programme's problems: every hard conflict (a room or speaker in two
 * places, a room or speaker unavailable, too small a room, a missing
 * feature, no step-free access where it is needed, a session outside its
 * day) and soft warnings, computed from a snapshot with no I/O, fast enough
 * to run after every edit. */
#ifndef CONVENE_PROGRAMME_H
#define CONVENE_PROGRAMME_H

#include "convene/model.h"

enum problem_kind {
	PROBLEM_ROOM_CLASH,
	PROBLEM_SPEAKER_CLASH,
	PROBLEM_SPEAKER_UNAVAILABLE,
	PROBLEM_ROOM_UNAVAILABLE,
	PROBLEM_CAPACITY,
	PROBLEM_FEATURE,
	PROBLEM_STEP_FREE,
	PROBLEM_OUTSIDE_DAY,
	PROBLEM_UNPLACED,
	PROBLEM_AUDIENCE_CLASH,
	PROBLEM_TRACK_CLASH,
	PROBLEM_KIND_COUNT
};

struct problem {
	enum problem_kind kind;
	int hard;
	int session; /* index into conf.sessions */
	int other;   /* the other session of a clash, else -1 */
	int speaker; /* -1 unless about a speaker */
	int room;    /* -1 unless about a room */
	char *text;  /* one line for a person */
};

struct problem_list {
	struct problem *items;
	int n;
	int hard;
	int soft;
	int by_kind[PROBLEM_KIND_COUNT];
};

/* The stable name of a kind of problem ("room_clash"). */
const char *problem_kind_name(enum problem_kind kind);
/* Whether a kind of problem is hard. */
int problem_kind_hard(enum problem_kind kind);
/* Find every problem of the programme in c, hard ones first. */
void programme_check(const struct conf *c, struct problem_list *out);
/* The problems of one session alone: its own and its clashes with others. */
void programme_check_one(const struct conf *c, int session, struct problem_list *out);
void problem_list_done(struct problem_list *list);
/* Delegates expected at a session: its cap, else those who ranked it, else
 * (for sessions for everyone) those attending its day. */
int programme_expected(const struct conf *c, const struct session *s);

#endif
