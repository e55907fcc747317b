/* What gets printed: each delegate's timetable (sessions for everyone on
 * the days they attend, their breakouts or ranked choices, their cafe table
 * each round and carousel station each rotation, the tables and stations
 * they host, in time order, with room
 * changes since their last print marked), door sheets, facilitators' table
 * lists and attendance lists. The data is read once into arrays indexed by
 * delegate, so building a timetable is a walk over a few short lists; the
 * text, PDF and iCalendar writers all render from the same structures. */
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
	char *host; /* a speaker's or delegate's name, "" when none */
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

enum print_change_kind {
	CHANGE_ROOM = 1 << 0,
	CHANGE_TIME = 1 << 1,
	CHANGE_SEATING = 1 << 2, /* a cafe or carousel was solved again */
	CHANGE_PLACED = 1 << 3,  /* placed or unplaced */
};

/* A journalled change to a session, in journal order. */
struct print_change {
	int64_t jid;
	int64_t edit;
	int session;
	unsigned kind;
	int old_room; /* room index before a room change, -1 otherwise */
};

/* Everything printing needs beyond the snapshot. */
struct print_data {
	const struct conf *c;
	struct print_rel attend, prefs, seats, visits, hosts;
	int allocated; /* whether breakout allocation has run (attendance rows exist) */
	struct print_shape *shape; /* per session */
	int *seated;               /* per session: cafe seats or visits stored */
	struct print_station *stations;
	int nstations;
	struct print_table *tables;
	int ntables;
	struct print_change *changes; /* grouped by session, each by jid */
	int nchanges;
	int *change_off;      /* per session, into changes */
	int64_t *last_print;  /* per delegate: journal id of the last print, 0 none */
	int *common;          /* sessions for everyone, placed, in time order */
	int ncommon;
};

/* Read attendance, choices, seating, rotations and the journal's changes. */
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
};

struct print_entry {
	int session;
	int day; /* day index */
	int start;
	int end;
	unsigned flags;
	unsigned changed; /* print_change_kind bits since the threshold */
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
	int *seen; /* per session stamp, so a session is listed once */
	unsigned changed; /* union of the entries' changes */
};

void print_timetable_init(struct print_timetable *tt, const struct print_data *pd);
void print_timetable_done(struct print_timetable *tt);
/* Build delegate d's timetable. Changes with a journal id above since are
 * marked; since < 0 uses the delegate's last print (none marked if never
 * printed). day < 0 takes every day, else only that day index. */
void print_timetable_build(struct print_timetable *tt, const struct print_data *pd, int d,
			   int64_t since, int day);

/* The journal id of the last row of edits up to and including edit n. */
int64_t print_journal_id_at(struct db *db, int64_t edit);
/* Record in the journal, in one edit, that these delegates' timetables were
 * printed in format ("text", "pdf", "ics"). */
enum status print_record(struct db *db, const struct conf *c, const int *delegates, int n,
			 const char *format, struct error *err);

/* Find a delegate by email or a unique case-insensitive part of the name;
 * -1 with a reason in err when none or several match. */
int print_find_delegate(const struct conf *c, const char *key, struct error *err);
/* A room by name (case-insensitive); -1 if none. */
int print_find_room(const struct conf *c, const char *name);

/* "Thursday 11 March 2027" for a date "2027-03-11" (allocated). */
char *print_date_long(const char *date);
/* "Round 2" / "Rotation 2" detail text: "Table 3: question" or
 * "Station 4: topic, place" (appended to out). */
void print_detail_text(const struct print_data *pd, const struct print_entry *e,
		       const struct print_detail *dt, struct str *out);
/* The marks on an entry: "(chosen, not yet allocated)", room change... */
void print_entry_note(const struct print_data *pd, const struct print_entry *e,
		      struct str *out);
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
/* Who sits at each table each round, who is at each station each rotation;
 * session < 0: every cafe and carousel. */
void print_facilitators_text(const struct print_data *pd, int session, struct str *out);
void print_attendance_text(const struct print_data *pd, int session, struct str *out);

#endif
