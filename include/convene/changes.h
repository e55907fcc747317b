/* What changed, and for whom. A change is a difference in someone's day:
 * what changed for a delegate between two states of the file is the
 * difference between their personal programme (print_timetable_build) as
 * of the one and as of the other (asof_load): a session added or removed,
 * moved to another day, time or room, retitled, a choice allocated, or
 * another cafe table in some round or carousel station in some rotation.
 * Prints and notes change nobody; a move and the move back change nobody.
 * The change list, the notices, the reprints after a change, the marks on
 * a printed timetable and the on-the-day commands' count of delegates
 * affected all come from changes_between or changes_mark, which share one
 * comparison. */
#ifndef CONVENE_CHANGES_H
#define CONVENE_CHANGES_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/onday.h"
#include "convene/print.h"
#include "convene/util.h"

enum change_kind {
	CHANGE_ADDED,      /* a session joined the programme */
	CHANGE_REMOVED,    /* a session left it */
	CHANGE_MOVED,      /* its day, times or room differ */
	CHANGE_TITLE,      /* its title differs */
	CHANGE_ALLOCATION, /* a choice became an allocated place, or back */
	CHANGE_TABLE,      /* the cafe table (or hosting it) in one round differs */
	CHANGE_STATION,    /* the carousel station (or hosting it) in one rotation differs */
};

/* A session of a delegate's programme in one state; the indices are into
 * that state's arrays. */
struct change_side {
	int session; /* -1: not in the programme */
	int day;
	int start;
	int end;
	int room;
	int chosen; /* a ranked choice, not yet allocated */
	int place;  /* the round's table number or station index; -1 none */
	int host;   /* hosts that table or station */
};

struct change {
	enum change_kind kind;
	int round; /* CHANGE_TABLE, CHANGE_STATION: 1-based round or rotation */
	struct change_side before, after;
};

/* Everything that differs for one delegate. */
struct delegate_change {
	int before; /* the delegate's index in each state, -1 none */
	int after;
	struct change *v;
	int n, cap;
};

/* What changed between two edits: both states, and each delegate of the
 * later one whose programme differs, in the later state's order. Keep it
 * where changes_between put it: the print data point at the confs. */
struct changes {
	int64_t from;
	int64_t to;
	int loaded;       /* whether the states were read (not when nothing changed) */
	struct conf c[2]; /* [0] as of from, [1] as of to */
	struct print_data pd[2];
	struct delegate_change *v;
	int n;
};

/* The delegates whose programme differs between edit `from` and edit `to`
 * (to < 0: the latest), and how. On the day, after committing edit E,
 * changes_between(db, E - 1, E, ...) names exactly those E affected. */
enum status changes_between(struct db *db, int64_t from, int64_t to, struct changes *out,
			    struct error *err);
void changes_done(struct changes *ch);
/* The id of the i-th affected delegate (in out->v). */
int64_t changes_delegate_id(const struct changes *ch, int i);

/* Mark on pd's timetables what changed for these delegates (indices into
 * pd->c) since edit `since`, or since each one's last print when since < 0
 * (one never printed gets no marks); pd describes the present. */
enum status changes_mark(struct db *db, struct print_data *pd, const int *delegates, int n,
			 int64_t since, struct error *err);

/* The text of the notice to the i-th affected delegate (in ch->v): a
 * greeting, each change as a sentence, and where their new timetable is. */
void changes_notice_body(const struct changes *ch, int i, struct str *out);
/* One change as a sentence for its delegate, without a final newline. */
void changes_sentence(const struct changes *ch, const struct change *x, struct str *out);
/* "1 delegate affected", "3 delegates affected": how every report and the
 * screen count them. */
void changes_say_affected(struct str *out, int n);

/* The change list after edit since: the edits, and for each delegate
 * affected what differs in their programme (text and JSON in rep). */
enum status changes_list(struct db *db, int64_t since, struct onday_report *rep, struct error *err);
/* A notice for each delegate affected by the edits after edit since,
 * listing what differs for them, ready for an email; *count gets how many. */
enum status changes_notices(struct db *db, int64_t since, struct str *out, int *count,
			    struct error *err);

#endif
