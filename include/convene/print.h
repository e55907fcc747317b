/* What gets printed: each delegate's timetable, door sheets, facilitators'
 * table lists and attendance lists. A delegate's timetable is their
 * personal programme, and print_timetable_build is its one definition:
 * sessions for everyone on the days they attend, their allocated breakouts
 * (or, before allocation, their ranked choices), their cafe table each
 * round and carousel station each rotation, and the tables and stations
 * they host, in time order. What changed in it (changes.h compares two of
 * them) is marked on the entries. The data is read once into arrays
 * indexed by delegate, so building a timetable is a walk over a few short
 * lists; the text, PDF and iCalendar writers all render from the same
 * structures. */
#ifndef CONVENE_PRINT_H
#define CONVENE_PRINT_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/model.h"
#include "convene/util.h"

/* One row linking a delegate to a session: attendance (a, b unused), a
 * preference (a = rank), a cafe seat (a = round, b = table), a carousel
 * visit (a = rotation, b = station index) or a duty as host (a = 0 and
 * b = table number, or a = 1 and b = station index). */
struct print_link {
	int delegate;
	int session;
	int a;
	int b;
};

/* Links grouped by delegate: those of delegate d are v[off[d]..off[d+1]). */
struct print_rel {
	struct print_link *v;
	int n;
	int *off;
};

struct print_station {
	int64_t id;
	int session;
	int number;
	char *topic;
	char *place;
	char *host;        /* a speaker's or delegate's name, "" when none */
	int host_delegate; /* index, -1 none */
	unsigned skip;
};

struct print_table {
	int session;
	int number;
	int host; /* delegate index, -1 none */
	char *question;
};

/* Per session: cafe rounds and carousel rotations (0 when not one). */
struct print_shape {
	int rounds;
	int rotations;
	int rotation_min;
};

/* What changed in a timetable entry, as marks on it. */
enum print_mark_bits {
	MARK_ROOM = 1 << 0,      /* another room */
	MARK_TIME = 1 << 1,      /* another day or time */
	MARK_SEATING = 1 << 2,   /* another cafe table or carousel station in some round */
	MARK_NEW = 1 << 3,       /* not in the programme before */
	MARK_TITLE = 1 << 4,     /* retitled */
	MARK_ALLOCATED = 1 << 5, /* a choice then, an allocated place now (or back) */
};

/* The marks on one session of a delegate's timetable. */
struct print_mark {
	int session;
	unsigned bits;
	int old_room;    /* room index before a room change, -1 none or unknown */
	uint64_t rounds; /* MARK_SEATING: bit r - 1 when round or rotation r differs */
};

/* What changed for one delegate: marks per session, and how many
 * differences there are in all (a session that left their programme has
 * no entry to mark, but counts). */
struct print_marks {
	struct print_mark *v;
	int n;
	int changes;
};

/* Everything printing needs beyond the snapshot. */
struct print_data {
	const struct conf *c;
	struct print_rel attend, prefs, seats, visits, hosts;
	int allocated;             /* whether breakout allocation has run (attendance rows exist) */
	struct print_shape *shape; /* per session */
	int *seated;               /* per session: cafe seats or visits stored */
	struct print_station *stations;
	int nstations;
	struct print_table *tables;
	int ntables;
	int64_t *last_print;       /* per delegate: the edit of their last print, 0 none */
	struct print_marks *marks; /* per delegate; NULL until changes_mark */
	int *common;               /* sessions for everyone, placed, in time order */
	int ncommon;
};

/* Read attendance, choices, seating, rotations, hosts and last prints. */
enum status print_data_load(struct db *db, const struct conf *c, struct print_data *pd,
			    struct error *err);
void print_data_done(struct print_data *pd);

enum print_entry_flags {
	ENTRY_CHOSEN = 1 << 0, /* ranked, not yet allocated */
};

/* A cafe round or carousel rotation inside a timetable entry. */
struct print_detail {
	int round; /* 1-based round or rotation */
	int start;
	int end;
	int table;   /* cafe table number, 0 for a carousel */
	int station; /* station index, -1 for a cafe */
	int host;    /* hosts this table or station */
	int changed; /* the table or station differs (marks) */
};

struct print_entry {
	int session;
	int day; /* day index */
	int start;
	int end;
	unsigned flags;
	unsigned changed; /* print_mark_bits */
	int old_room;     /* room index before a change, -1 none */
	int detail;       /* first detail */
	int ndetails;
};

struct print_timetable {
	int delegate;
	struct print_entry *e;
	int n, cap;
	struct print_detail *d;
	int nd, dcap;
	int *seen;        /* per session stamp, so a session is listed once */
	unsigned changed; /* union of the entries' marks */
	int changes;      /* differences in all, from pd->marks (0 when unmarked) */
};

void print_timetable_init(struct print_timetable *tt, const struct print_data *pd);
void print_timetable_done(struct print_timetable *tt);
/* Build delegate d's timetable, the one definition of their personal
 * programme, with the marks in pd->marks when set. day < 0 takes every
 * day, else only that day index. */
void print_timetable_build(struct print_timetable *tt, const struct print_data *pd, int d, int day);
/* Forget any marks (pd->marks). */
void print_data_unmark(struct print_data *pd);
/* Record in the journal, in one edit, that these delegates' timetables were
 * printed in format ("text", "pdf", "ics"). */
enum status print_record(struct db *db, const struct conf *c, const int *delegates, int n,
			 const char *format, struct error *err);
/* The same, calling progress(done, n, arg) every few hundred delegates so
 * that a screen can keep reading keys; what it returns is ignored, since
 * the timetables are already written. */
enum status print_record_progress(struct db *db, const struct conf *c, const int *delegates, int n,
				  const char *format, int (*progress)(int, int, void *), void *arg,
				  struct error *err);

/* Find a delegate by email or a unique case-insensitive part of the name;
 * -1 with a reason in err when none or several match. */
int print_find_delegate(const struct conf *c, const char *key, struct error *err);
/* A room by name (case-insensitive); -1 if none. */
int print_find_room(const struct conf *c, const char *name);

/* "Thursday 11 March 2027" for a date "2027-03-11" (allocated). */
char *print_date_long(const char *date);
/* "Round 2" / "Rotation 2" detail text: "Table 3: question" or
 * "Station 4: topic, place", then whether they host it and whether it
 * changed (appended to out). */
void print_detail_text(const struct print_data *pd, const struct print_entry *e,
		       const struct print_detail *dt, struct str *out);
/* The marks on an entry: "(chosen, not yet allocated)", room change... */
void print_entry_note(const struct print_data *pd, const struct print_entry *e, struct str *out);
/* Speakers of a session, "; "-separated with titles (allocated). */
char *print_speakers(const struct conf *c, const struct session *s);
/* The delegates at a session, sorted by name: allocated breakout, seated
 * cafe, carousel visitors or (for everyone) those attending its day. */
int print_session_people(const struct print_data *pd, int session, int **out, int *chosen);

/* Text outputs, appended to out. */
void print_timetable_text(const struct print_data *pd, const struct print_timetable *tt,
			  struct str *out);
/* The door sheet of a room on one day (day index). */
void print_door_text(const struct print_data *pd, int room, int day, struct str *out);
/* Door sheets, a page each ("\f" between): of one room (room < 0: every
 * room with something in it) on one day (day < 0: every day). */
void print_doors_text(const struct print_data *pd, int room, int day, struct str *out);
/* Who sits at each table each round, who is at each station each rotation;
 * session < 0: every cafe and carousel. */
void print_facilitators_text(const struct print_data *pd, int session, struct str *out);
void print_attendance_text(const struct print_data *pd, int session, struct str *out);

#endif
